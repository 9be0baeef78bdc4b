// A page read after the day a version took effect, from a cache (a phone opening yesterday's copy),
// would say what was true on the build's day. Each part of it that depends on the day (data-dated)
// is followed by the same part as the build writes it on each later day a version takes effect
// (<template data-from>); once the reader's clock has reached that instant, the start of the day in
// the policy's time zone (the app's rule, as in the notice below and the search), the latest such
// part's words replace the build's in the same element. Before, or without JavaScript, the page
// stands as built.
(function () {
  "use strict";
  var now = Date.now();
  var changed = false;
  document.querySelectorAll("[data-dated]").forEach(function (part) {
    var latest = null;
    for (var later = part.nextElementSibling; later && later.matches("template[data-from]"); later = later.nextElementSibling) {
      if (Date.parse(later.dataset.from) <= now) latest = later;
    }
    if (!latest) return;
    var fresh = latest.content.firstElementChild;
    part.className = fresh.className;
    part.replaceChildren.apply(part, Array.prototype.slice.call(fresh.childNodes));
    changed = true;
  });
  if (changed) document.dispatchEvent(new Event("policy:links"));
})();

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
    document.dispatchEvent(new Event("policy:links"));
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

// The theme searches on keyup only: a query pasted, dictated, composed with an IME or filled in
// by autocomplete found nothing until a key was pressed. Every input now searches.
(function () {
  "use strict";
  var query = document.querySelector(".md-search__input");
  if (!query) return;
  query.addEventListener("input", function () {
    query.dispatchEvent(new Event("keyup"));
  });
})();

// Keep the reader's place: on a clause (#5-2), the language switcher and the links between
// versions lead to the same clause there; the language switcher keeps the query (?from=&to=). Links away from the texts (.policy-away) do not.
(function () {
  "use strict";
  var CLAUSE = /^#\d+(?:-\d+)*$/;
  var LINKS = ".md-select__link[hreflang], .policy-status a, .policy-translation a, .policy-newer a";

  function keepPlace() {
    var place = CLAUSE.test(location.hash) ? location.hash : "";
    document.querySelectorAll(LINKS).forEach(function (link) {
      if (link.closest(".policy-away") || link.origin !== location.origin) return;
      if (link.dataset.href === undefined) link.dataset.href = link.getAttribute("href");
      var href = link.dataset.href;
      // The language menu also keeps the page's question: the pair compared, the date looked up.
      var query = link.matches("[hreflang]") && href.indexOf("?") < 0 ? location.search : "";
      if (href.indexOf("#") < 0) link.setAttribute("href", href + query + place);
    });
  }

  window.addEventListener("hashchange", keepPlace);
  document.addEventListener("policy:links", keepPlace);
  keepPlace();
})();

// Which version applied on a date (versions/?on=2026-12-20), by the app's rule: the one with the
// latest effective_from at or before the instant, here the start of that day in the policy's time
// zone. The answers are written in the page; this only chooses one. A day that is not on the
// calendar (2026-02-31, 2026-13-45) is said to be so, never rolled over into another; a year is
// read as written, 0099 being the year 99, before any version.
(function () {
  "use strict";
  var form = document.querySelector(".policy-on-date");
  if (!form || !window.Intl) return;
  var field = form.elements.on;
  var answer = form.querySelector(".policy-on-date__answer");
  var DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

  // An instant from its fields in UTC; Date.UTC would read the years 0 to 99 as 1900 to 1999.
  function utc(year, month, day, hour, minute, second) {
    var time = new Date(0);
    time.setUTCFullYear(year, month - 1, day);
    time.setUTCHours(hour, minute, second);
    return time.getTime();
  }

  // The start of a calendar day in UTC, or null for a day the calendar does not have.
  function calendarDay(day) {
    var match = DAY.exec(day);
    if (!match) return null;
    var year = +match[1], month = +match[2], date = +match[3];
    var start = new Date(utc(year, month, date, 0, 0, 0));
    var real = year > 0 && start.getUTCFullYear() === year && start.getUTCMonth() === month - 1 && start.getUTCDate() === date;
    return real ? start.getTime() : null;
  }

  // The offset of a time zone from UTC at an instant, in milliseconds.
  function offset(timeZone, instant) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: timeZone, hourCycle: "h23",
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    }).formatToParts(new Date(instant)).forEach(function (part) { parts[part.type] = +part.value; });
    return utc(parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second) - instant;
  }

  function startOfDay(local, timeZone) {
    var guess = local - offset(timeZone, local);
    return local - offset(timeZone, guess);
  }

  function versionOn(instant) {
    var best = null;
    form.closest("article").querySelectorAll("tr[data-effective-from]").forEach(function (row) {
      var from = Date.parse(row.dataset.effectiveFrom);
      if (from <= instant && (!best || from > Date.parse(best.dataset.effectiveFrom))) best = row;
    });
    return best ? best.dataset.version : "";
  }

  function show(day) {
    var local = calendarDay(day);
    if (local === null) {
      answer.textContent = form.dataset.impossible.split("{asked}").join(day);
      return;
    }
    var id = versionOn(startOfDay(local, form.dataset.timezone));
    var written = document.querySelector('.policy-on-date__answers [data-version="' + id + '"]');
    answer.replaceChildren.apply(answer, Array.prototype.map.call(written.childNodes, function (node) {
      return node.cloneNode(true);
    }));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?on=" + encodeURIComponent(field.value));
    show(field.value);
  });
  field.addEventListener("change", function () {
    if (DAY.test(field.value)) form.requestSubmit();
  });
  form.hidden = false;
  var asked = new URLSearchParams(location.search).get("on");
  if (asked && DAY.test(asked)) {
    field.value = asked;
    show(asked);
  }
})();
