// The root 404.html, which a host with one 404 page (GitHub Pages) serves at every missing path:
// show the language the path is in (/ky/…, /ru/…), the one whose home page the path lies under.
(function () {
  "use strict";
  var texts = Array.prototype.slice.call(document.querySelectorAll(".policy-not-found[data-root]"));
  var shown = texts
    .filter(function (text) {
      return location.pathname.indexOf(text.dataset.root) === 0;
    })
    .sort(function (a, b) {
      return b.dataset.root.length - a.dataset.root.length;
    })[0];
  if (!shown || !shown.hidden) return;
  texts.forEach(function (text) {
    text.hidden = text !== shown;
  });
  document.documentElement.lang = shown.lang;
  document.title = shown.dataset.title;
  var name = document.querySelector(".policy-language__name");
  var link = document.querySelector('.md-select__link[hreflang="' + shown.lang + '"]');
  if (name && link) {
    name.lang = shown.lang;
    name.textContent = link.textContent.trim();
  }
})();
