// Any two versions compared in the browser, from the texts the site publishes
// (api/v1/versions/<id>/<lang>.md), marked as the server's "what changed" pages mark them; the
// comparison itself is redline-port.js, a port of the server's.
import { anchorOf, compareTexts, diffWords, wordSplitter } from "./redline-port.js";

const form = document.querySelector(".policy-compare");
if (form && window.fetch) showComparisons(form);

function showComparisons(form) {
  // --- publication/redline_views.py, publication/comparison_pages.py -----------------------------

  var lang = document.documentElement.lang;
  var texts = JSON.parse(document.getElementById("policy-compare-texts").textContent);
  var status = document.querySelector(".policy-compare__status");
  var result = document.querySelector(".policy-compare__result");
  var choose = { from: form.elements.from, to: form.elements.to };
  var words = diffWords(wordSplitter(lang));

  function fill(key, values) {
    return texts[key].replace(/\{(\w+)\}/g, function (whole, name) {
      return values[name] !== undefined ? values[name] : whole;
    });
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // A sentence whose [words](url) are links.
  function sentence(tag, text) {
    var node = element(tag);
    var link = /\[([^\]]*)\]\(([^)]*)\)/g;
    var start = 0;
    var match;
    while ((match = link.exec(text))) {
      node.appendChild(document.createTextNode(text.slice(start, match.index)));
      node.appendChild(element("a", { href: match[2] }, [match[1]]));
      start = link.lastIndex;
    }
    node.appendChild(document.createTextNode(text.slice(start)));
    return node;
  }

  function blockOf(change) {
    return change.now || change.old;
  }

  function anchor(change) {
    var number = blockOf(change).number;
    if (!number) return null;
    return (change.kind === "removed" ? "removed-" : "") + anchorOf(number);
  }

  function clauseName(change) {
    var block = blockOf(change);
    return block.number || texts[block.level === 1 ? "title_block" : "unnumbered_block"];
  }

  function blockElement(change) {
    var level = blockOf(change).level;
    var id = anchor(change);
    var attributes = { class: (id ? "clause " : "") + "redline-" + change.kind };
    if (id) attributes.id = id;
    return element(
      level ? "h" + Math.min(level + 2, 6) : "p",
      attributes,
      change.spans.map(function (span) {
        if (span[0] === "same") return span[1];
        var spoken = element("span", { class: "policy-sr" }, [texts[span[0]] + " "]);
        return element(span[0] === "deleted" ? "del" : "ins", {}, [spoken, span[1]]);
      })
    );
  }

  // Unchanged paragraphs, and paragraphs whose typography alone changed, in runs that fold away.
  var FOLDED = {
    unchanged: ["unchanged_fold", "unchanged_fold_plain"],
    typography: ["typography_fold", "typography_fold_plain"],
  };

  function foldedRuns(changes) {
    var runs = [];
    var run = [];
    changes.forEach(function (change) {
      var foldable = FOLDED[change.kind] && !blockOf(change).level;
      if (run.length && (!foldable || change.kind !== run[0].kind)) {
        runs.push({ fold: run[0].kind, changes: run });
        run = [];
      }
      if (foldable) run.push(change);
      else runs.push({ fold: null, changes: [change] });
    });
    if (run.length) runs.push({ fold: run[0].kind, changes: run });
    return runs;
  }

  function clauseRange(run) {
    var numbers = run.map(function (change) { return blockOf(change).number; }).filter(Boolean);
    if (!numbers.length) return null;
    return numbers.length === 1 ? numbers[0] : numbers[0] + "–" + numbers[numbers.length - 1];
  }

  function redline(changes) {
    var root = element("div", { class: "redline" });
    var folds = [];
    foldedRuns(changes).forEach(function (run) {
      var blocks = run.changes.map(blockElement);
      if (!run.fold) {
        blocks.forEach(function (block) { root.appendChild(block); });
        return;
      }
      var range = clauseRange(run.changes);
      var keys = FOLDED[run.fold];
      var summary = range ? fill(keys[0], { clauses: range }) : texts[keys[1]];
      var classes = "redline-fold redline-fold--" + run.fold;
      var fold = element("details", { class: classes }, [element("summary", {}, [summary])].concat(blocks));
      folds.push(fold);
      root.appendChild(fold);
    });
    return { root: root, folds: folds };
  }

  function changeLists(changes) {
    var sections = [];
    ["changed", "typography", "added", "removed"].forEach(function (kind) {
      var listed = changes.filter(function (change) { return change.kind === kind; });
      if (!listed.length) return;
      var items = element("p");
      listed.forEach(function (change, index) {
        if (index) items.appendChild(document.createTextNode(", "));
        var id = anchor(change);
        items.appendChild(id ? element("a", { href: "#" + id }, [clauseName(change)]) : document.createTextNode(clauseName(change)));
        if (change.old && change.now && change.old.number !== change.now.number) {
          items.appendChild(document.createTextNode(" (" + fill("renumbered_from", { number: change.old.number }) + ")"));
        }
      });
      sections.push(element("h2", { id: kind }, [texts[kind + "_clauses"]]), items);
    });
    return sections.length ? sections : [element("p", {}, [texts.no_changes])];
  }

  // One button unfolds or folds every unchanged part, as on the server's pages (policy.js).
  function foldControls(folds) {
    var button = element("button", { type: "button", class: "md-button" }, [texts.show_all]);
    var open = false;
    button.addEventListener("click", function () {
      open = !open;
      folds.forEach(function (fold) { fold.open = open; });
      button.textContent = open ? texts.fold_unchanged : texts.show_all;
    });
    return element("p", { class: "redline-controls" }, [button]);
  }

  function option(select) {
    return select.options[select.selectedIndex];
  }

  function describe(base, version) {
    return fill("compares", {
      old: base.value, old_url: base.dataset.url, old_date: base.dataset.date,
      new: version.value, new_url: version.dataset.url, new_date: version.dataset.date,
    });
  }

  // --- The page ------------------------------------------------------------------------------

  // The feed's folder, where the texts are, as every page names it (theme/main.html).
  var api = new URL(document.querySelector("[data-feed]").dataset.feed, location.href);
  var loaded = new Map();

  function textOf(id) {
    var url = new URL("versions/" + encodeURIComponent(id) + "/" + lang + ".md", api).href;
    if (!loaded.has(url)) {
      loaded.set(url, fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.text();
      }));
    }
    return loaded.get(url);
  }

  // The element the address's fragment names (#5-2); none for a fragment that does not decode (#%),
  // which the page then ignores.
  function fragmentTarget() {
    try {
      return location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    } catch (malformed) {
      return null;
    }
  }

  var shown = 0;

  function show() {
    var base = option(choose.from);
    var version = option(choose.to);
    var asked = ++shown;
    history.replaceState(null, "", "?from=" + encodeURIComponent(base.value) + "&to=" + encodeURIComponent(version.value) + location.hash);
    document.dispatchEvent(new Event("policy:links")); // the language menu keeps the pair
    var said = [];
    unknown.forEach(function (id) { said.push(sentence("span", fill("compare_unknown", { id: id })), " "); });
    unknown = []; // said once: the reader has chosen since
    if (base.value === version.value) {
      result.replaceChildren();
      status.replaceChildren.apply(status, said.concat([texts.compare_same]));
      return;
    }
    Promise.all([textOf(base.value), textOf(version.value)])
      .then(function (both) {
        if (asked !== shown) return;
        var changes = compareTexts(both[0], both[1], words);
        var marked = redline(changes);
        status.replaceChildren.apply(status, said.concat([sentence("span", describe(base, version))]));
        result.replaceChildren.apply(
          result,
          changeLists(changes).concat([
            element("h2", { id: "redline" }, [texts.text_with_changes]),
            element("p", { class: "redline-legend" }, [texts.legend]),
            foldControls(marked.folds),
            marked.root,
            sentence("p", "[" + fill("full_text_of", { id: version.value }) + "](" + version.dataset.url + ")"),
          ])
        );
        var target = fragmentTarget();
        if (target) {
          var fold = target.closest("details"); // a clause of typography alone is folded
          if (fold) fold.open = true;
          target.scrollIntoView();
        }
      })
      .catch(function () {
        if (asked !== shown) return;
        result.replaceChildren();
        status.replaceChildren(texts.compare_failed);
      });
  }

  // The ids the address asks for that no version has (?from=9.9): said, not silently replaced.
  var unknown = [];
  var params = new URLSearchParams(location.search);
  // Unasked, the pair is the version in force and the one before it on the reader's clock: of the
  // pairs the build wrote for each later day a version takes effect, the latest begun.
  if (!params.has("from") && !params.has("to") && form.dataset.later) {
    form.dataset.later.split(",").forEach(function (later) {
      var fields = later.split(" ");
      if (Date.parse(fields[0]) > Date.now()) return;
      choose.from.value = fields[1];
      choose.to.value = fields[2];
    });
  }
  Object.keys(choose).forEach(function (name) {
    var wanted = params.get(name);
    var select = choose[name];
    var found = false;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === wanted) {
        select.selectedIndex = i;
        found = true;
      }
    }
    if (wanted !== null && !found && unknown.indexOf(wanted) < 0) unknown.push(wanted);
    select.addEventListener("change", show);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show();
  });
  form.hidden = false;
  show();
}
