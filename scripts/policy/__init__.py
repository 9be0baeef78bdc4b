"""The Qlever privacy policy: versioned trilingual texts, their checker, the site build and the feed."""
