// The root 404.html, which a host with one 404 page (GitHub Pages) serves at every missing path:
// show the language the path is in (/ky/…, /ru/…), the one whose home page the path lies under.
const texts = [...document.querySelectorAll(".policy-not-found[data-root]")];
const shown = texts
  .filter((text) => location.pathname.startsWith(text.dataset.root))
  .sort((a, b) => b.dataset.root.length - a.dataset.root.length)[0];
if (shown && shown.hidden) {
  for (const text of texts) text.hidden = text !== shown;
  document.documentElement.lang = shown.lang;
  document.title = shown.dataset.title;
  const name = document.querySelector(".policy-language__name");
  const link = document.querySelector(`.md-select__link[hreflang="${shown.lang}"]`);
  if (name && link) {
    name.lang = shown.lang;
    name.textContent = link.textContent.trim();
  }
}
