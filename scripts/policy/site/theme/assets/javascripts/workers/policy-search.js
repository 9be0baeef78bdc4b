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
// - Every word is folded to one form when the index is built and when the reader asks (ʼ ’ ' and no
//   apostrophe alike; ң as н), with the table the index carries (publication/search.py: Python's
//   sources/words.py FOLDS). Lunr runs no pipeline on a query term with a wildcard, and the theme
//   adds one to every term, so the query is folded here before the theme reads it.
// - A result says which version it comes from and its status on the reader's day (from the index's
//   facts and this clock, never the build's), and the version in force ranks first.
var policySearch = (function () {
  "use strict";
  var VERSION_PAGE = /^versions\/([^/#]+)\//;
  var RANK = { current: 0, upcoming: 1, superseded: 2 };

  function folder(table) {
    return function fold(text) {
      return Array.from(text.toLowerCase(), function (c) {
        return Object.prototype.hasOwnProperty.call(table, c) ? table[c] : c;
      }).join("");
    };
  }

  // The status of each version at an instant: the newest that has begun is in force.
  function statuses(versions, now) {
    var begun = Object.keys(versions).filter(function (id) {
      return Date.parse(versions[id].effective_from) <= now;
    });
    var current = begun.sort(function (a, b) {
      return Date.parse(versions[b].effective_from) - Date.parse(versions[a].effective_from);
    })[0];
    var status = {};
    Object.keys(versions).forEach(function (id) {
      status[id] = id === current ? "current" : begun.indexOf(id) >= 0 ? "superseded" : "upcoming";
    });
    return status;
  }

  function versionOf(item) {
    var match = VERSION_PAGE.exec(item.location);
    return match ? match[1] : null;
  }

  // Each group's page entry (the theme shows it as the card's head), or else its first, names its version and status; cards of the version
  // in force come first, then the others in the order found.
  function label(groups, facts, now) {
    if (!facts.versions) return groups;
    var status = statuses(facts.versions, now);
    var rank = function (group) {
      var id = versionOf(group[0]);
      return id && status[id] ? RANK[status[id]] : RANK.upcoming;
    };
    groups.forEach(function (group) {
      var id = versionOf(group[0]);
      if (!id || !facts.versions[id]) return;
      var head = group.filter(function (item) { return item.location.indexOf("#") < 0; })[0] || group[0];
      head.title += " · " + facts.versions[id].name + " · " + facts.statuses[status[id]];
    });
    return groups
      .map(function (group, index) { return { group: group, rank: rank(group), index: index }; })
      .sort(function (a, b) { return a.rank - b.rank || a.index - b.index; })
      .map(function (entry) { return entry.group; });
  }

  return { folder: folder, statuses: statuses, label: label };
})();

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
  var facts = {}; // the index's config.policy: the folding table, the versions, the statuses' names
  var fold = function (text) { return text; };

  // The theme builds its index with the global lunr; each word it indexes is folded first.
  function foldingLunr(lunr) {
    var foldToken = function (token) {
      var folded = fold(token.toString());
      return folded ? token.update(function () { return folded; }) : null;
    };
    lunr.Pipeline.registerFunction(foldToken, "policyFold");
    return Object.assign(function (config) {
      return lunr(function (builder) {
        builder.pipeline.add(foldToken);
        config.call(builder, builder);
      });
    }, lunr);
  }

  function load() {
    loading = true;
    importScripts(theme); // adds the theme's listener, after this one
    self.lunr = foldingLunr(self.lunr);
    self.dispatchEvent(new MessageEvent("message", { data: setup }));
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message) return;
    if (message.type === SETUP && !loading) {
      setup = message;
      facts = (message.data && message.data.config && message.data.config.policy) || {};
      fold = policySearch.folder(facts.fold || {});
      post({ type: READY });
      event.stopImmediatePropagation();
      return;
    }
    if (message.type !== QUERY) return;
    var number = CLAUSE_NUMBER.exec(message.data);
    asked = number ? number[1] : null;
    if (number) message.data = number[1]; // "5.2." is typed as the text writes it; the title is "5.2"
    message.data = fold(message.data);
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
    if (message && message.type === RESULT && message.data && message.data.items) {
      var items = asked ? clauseFirst(message.data.items, asked) : message.data.items;
      message.data.items = policySearch.label(items, facts, Date.now());
    }
    post(message);
  };
})();
