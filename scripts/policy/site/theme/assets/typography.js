// Typography: marks written several ways and read as one, mapped with the table of
// sources/typography.py (tests/typography.json holds the pairs both must give). A clause whose
// text is the same once they are mapped changed its typography only.
var EQUIVALENTS = {
  "'": "'’‘ʼʻ`´",
  '"': '"«»„“”‟',
  "-": "-‐‑‒–—―−",
  " ": " \u00a0\u202f\u2007\u2009",
};
var ONE_FORM = { "…": "..." };
Object.keys(EQUIVALENTS).forEach(function (first) {
  for (var mark of EQUIVALENTS[first]) ONE_FORM[mark] = first;
});

// The text with each typographic mark in one form, an ellipsis as three dots, spaces as one.
export function plainTypography(text) {
  var mapped = "";
  for (var ch of text) mapped += ONE_FORM[ch] !== undefined ? ONE_FORM[ch] : ch;
  return mapped.replace(/ +/g, " ").trim();
}
