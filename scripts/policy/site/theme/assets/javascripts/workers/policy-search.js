// The theme's search worker (named by ?theme=, beside this file), with two changes:
//
// - It is loaded when the reader first searches, not with every page: the theme sends the index
//   as each page loads and waits until the worker is ready; this keeps the index and answers
//   ready at once, then loads the theme's worker (12 KB gzipped) and hands it the index on the
//   first query. Every page weighs that much less (a page load stays under 100 KiB).
// - A query that is a clause number (5.2, 4.1.5, 5.2.) finds that clause first. Each clause is its
//   own entry in the index (publication/search.py), titled with its number; lunr ranks its
//   sub-clauses (5.2.1) and other mentions alike, so the result is reordered before the theme
//   renders it.
(function () {
  "use strict";
  var SETUP = 0;
  var READY = 1;
  var QUERY = 2;
  var RESULT = 3;
  var CLAUSE_NUMBER = /^\s*(\d+(?:\.\d+)*)\.?\s*$/;
  var theme = new URL(self.location.href).searchParams.get("theme");
  var post = self.postMessage.bind(self);
  var setup = null; // the index, until the theme's worker has it
  var loading = false;
  var waiting = null; // the latest query asked while the theme's worker builds its index
  var asked = null; // the clause number the query asking now is, if it is one

  function load() {
    loading = true;
    importScripts(theme); // adds the theme's listener, after this one
    self.dispatchEvent(new MessageEvent("message", { data: setup }));
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message) return;
    if (message.type === SETUP && !loading) {
      setup = message;
      post({ type: READY });
      event.stopImmediatePropagation();
      return;
    }
    if (message.type !== QUERY) return;
    var number = CLAUSE_NUMBER.exec(message.data);
    asked = number ? number[1] : null;
    if (number) message.data = number[1]; // "5.2." is typed as the text writes it; the title is "5.2"
    if (setup !== null && !message.data.trim()) {
      post({ type: RESULT, data: { items: [] } }); // the theme asks with the empty field once ready
      event.stopImmediatePropagation();
    } else if (setup !== null) {
      waiting = message;
      event.stopImmediatePropagation();
      if (!loading) load();
    }
  });

  // The theme's items are groups of entries, one group per page, best first; the renderer shows
  // a group's entries down to the score of its first one.
  function clauseFirst(groups, number) {
    var suffix = "#" + number.replace(/\./g, "-");
    var withClause = [];
    var others = [];
    groups.forEach(function (group) {
      var index = group.findIndex(function (item) {
        return item.location.slice(-suffix.length) === suffix;
      });
      if (index < 0) {
        others.push(group);
        return;
      }
      var clause = group.splice(index, 1)[0];
      clause.score = Math.max.apply(null, group.map(function (item) { return item.score; }).concat(clause.score));
      group.unshift(clause);
      withClause.push(group);
    });
    return withClause.concat(others);
  }

  self.postMessage = function (message) {
    if (message && message.type === READY && setup !== null) {
      // The theme's worker has built its index: it answers the query that loaded it, and every other.
      var query = waiting;
      setup = waiting = null;
      if (query) self.dispatchEvent(new MessageEvent("message", { data: query }));
      return;
    }
    if (message && message.type === RESULT && asked && message.data && message.data.items) {
      message.data.items = clauseFirst(message.data.items, asked);
    }
    post(message);
  };
})();
