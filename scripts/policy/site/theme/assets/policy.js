// A static page cannot notice that a date has passed. This reads the version feed and, when a
// newer version has come into force since the page was built, says so and links to it.
// The page is complete without it.
(function () {
  "use strict";
  var notice = document.querySelector(".policy-newer");
  if (!notice || !window.fetch) return;

  function versionInForce(feed, now) {
    var started = feed.versions.filter(function (v) {
      return Date.parse(v.effective_from) <= now;
    });
    started.sort(function (a, b) {
      return Date.parse(b.effective_from) - Date.parse(a.effective_from);
    });
    return started[0] || null;
  }

  // The sentence comes in the page's language with its link in Markdown's form:
  // "Вступила в силу [новая редакция {id}]({url})."
  function show(version, lang) {
    var parts = notice.dataset.text.replace(/\{id\}/g, version.id).match(/^([^[]*)\[([^\]]*)\]\(\{url\}\)(.*)$/);
    if (!parts) return;
    var link = document.createElement("a");
    link.href = version.documents[lang].page;
    link.textContent = parts[2];
    notice.textContent = parts[1];
    notice.appendChild(link);
    notice.appendChild(document.createTextNode(parts[3]));
    notice.hidden = false;
  }

  fetch(notice.dataset.feed, { cache: "no-cache" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (feed) {
      if (!feed || !feed.versions) return;
      var inForce = versionInForce(feed, Date.now());
      var built = feed.versions.filter(function (v) { return v.id === notice.dataset.builtCurrent; })[0];
      var newer = inForce && (!built || Date.parse(inForce.effective_from) > Date.parse(built.effective_from));
      if (newer) show(inForce, notice.dataset.lang);
    })
    .catch(function () { /* offline or no feed: the page stands as built */ });
})();

// A redline folds its unchanged paragraphs; one button unfolds or folds them all, and a printout
// shows the whole text. Without JavaScript each fold still opens by itself.
(function () {
  "use strict";
  var controls = document.querySelector(".redline-controls");
  if (!controls) return;
  var button = controls.querySelector("button");
  var folds = Array.prototype.slice.call(document.querySelectorAll(".redline-fold"));
  var unfolded = false;

  function unfold(open) {
    folds.forEach(function (fold) { fold.open = open; });
    unfolded = open;
    button.textContent = open ? button.dataset.fold : button.dataset.show;
  }

  button.addEventListener("click", function () { unfold(!unfolded); });
  var before = [];
  window.addEventListener("beforeprint", function () {
    before = folds.map(function (fold) { return fold.open; });
    folds.forEach(function (fold) { fold.open = true; });
  });
  window.addEventListener("afterprint", function () {
    folds.forEach(function (fold, index) { fold.open = before[index]; });
  });
  controls.hidden = false;
})();
