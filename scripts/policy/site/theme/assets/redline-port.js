// The server's redline, ported: the functions down to compareTexts port sources/clauses.py,
// sources/words.py and sources/redline.py, with difflib's SequenceMatcher, so the same clauses are
// changed, changed in typography only (typography.js), added, removed and renumbered as
// `policy diff` finds them. Inside a changed clause the words are split by Intl.Segmenter in the
// page's language and compared by jsdiff (served by the site, see site/vendor.py), so a few words
// may be marked differently from the server's redline; the marked text always rebuilds both
// versions exactly. compare.js shows what these find.
import { diffArrays } from "./javascripts/diff/array.js";
import { plainTypography } from "./typography.js";

// --- sources/clauses.py, sources/words.py ---------------------------------------------------

var HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/u;
var NUMBER = /^(\p{Nd}+(?:\.\p{Nd}+)*)\.?(?=\s|$)/u;
var LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/u;
var APOSTROPHES = "’ʻʼ'‘`";
var FOLDS = { "ң": "н", "ө": "о", "ү": "у", "ё": "е", "ğ": "g", "ş": "sh", "ç": "ch" };
var WORD_CHAR = "\\p{L}\\p{N}_" + APOSTROPHES;
var TOKEN = new RegExp(
  "(?:\\p{Nd}+(?:\\.\\p{Nd}+)*\\.?|[" + WORD_CHAR + "]+(?:-[" + WORD_CHAR + "]+)*|[^\\p{L}\\p{N}_\\s])\\s*",
  "gu"
);
var SIMILAR = 0.5;
var LOOKAHEAD = 8;

function oneLine(text) {
  return text.split(/\s+/u).filter(Boolean).join(" ");
}

function parseBlocks(markdown) {
  var blocks = [];
  var lines = [];
  markdown.split(LINE_BREAK).concat([""]).forEach(function (raw) {
    if (raw.trim()) {
      lines.push(raw);
    } else if (lines.length) {
      blocks.push(makeBlock(lines.join("\n")));
      lines = [];
    }
  });
  return blocks;
}

function makeBlock(text) {
  var heading = text.indexOf("\n") < 0 ? HEADING.exec(text) : null;
  var number = NUMBER.exec(heading ? heading[2] : text);
  var block = { text: text, level: heading ? heading[1].length : 0, number: number ? number[1] : null };
  block.body = blockBody(block, true);
  block.key = blockKey(block);
  return block;
}

export function anchorOf(number) {
  return number.replace(/\./g, "-");
}

function blockBody(block, keepNumber) {
  var heading = block.level ? HEADING.exec(block.text) : null;
  var body = oneLine(heading ? heading[2] : block.text);
  return keepNumber ? body : body.replace(NUMBER, "").trim();
}

function fold(word) {
  var folded = "";
  for (var ch of word.toLowerCase()) {
    folded += FOLDS[ch] !== undefined ? FOLDS[ch] : APOSTROPHES.indexOf(ch) >= 0 ? "" : ch;
  }
  return folded;
}

function tokens(text) {
  return oneLine(text).match(TOKEN) || [];
}

function blockKey(block) {
  return tokens(blockBody(block, false))
    .map(function (token) { return fold(token.trimEnd()); })
    .join(" ");
}

// --- difflib.SequenceMatcher, without junk (autojunk=False) ----------------------------------

function SequenceMatcher(a, b) {
  this.a = a;
  this.b = b;
  this.b2j = new Map();
  var b2j = this.b2j;
  b.forEach(function (element, j) {
    if (!b2j.has(element)) b2j.set(element, []);
    b2j.get(element).push(j);
  });
}

SequenceMatcher.prototype.findLongestMatch = function (alo, ahi, blo, bhi) {
  var a = this.a, b = this.b;
  var besti = alo, bestj = blo, bestsize = 0;
  var j2len = new Map();
  for (var i = alo; i < ahi; i++) {
    var newj2len = new Map();
    var indices = this.b2j.get(a[i]) || [];
    for (var n = 0; n < indices.length; n++) {
      var j = indices[n];
      if (j < blo) continue;
      if (j >= bhi) break;
      var k = (j2len.get(j - 1) || 0) + 1;
      newj2len.set(j, k);
      if (k > bestsize) {
        besti = i - k + 1;
        bestj = j - k + 1;
        bestsize = k;
      }
    }
    j2len = newj2len;
  }
  while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
    besti--;
    bestj--;
    bestsize++;
  }
  while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) {
    bestsize++;
  }
  return [besti, bestj, bestsize];
};

SequenceMatcher.prototype.matchingBlocks = function () {
  if (this.matching) return this.matching;
  var queue = [[0, this.a.length, 0, this.b.length]];
  var blocks = [];
  while (queue.length) {
    var span = queue.pop();
    var alo = span[0], ahi = span[1], blo = span[2], bhi = span[3];
    var match = this.findLongestMatch(alo, ahi, blo, bhi);
    var i = match[0], j = match[1], k = match[2];
    if (k) {
      blocks.push(match);
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  blocks.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
  var joined = [];
  var i1 = 0, j1 = 0, k1 = 0;
  blocks.forEach(function (block) {
    if (i1 + k1 === block[0] && j1 + k1 === block[1]) {
      k1 += block[2];
    } else {
      if (k1) joined.push([i1, j1, k1]);
      i1 = block[0];
      j1 = block[1];
      k1 = block[2];
    }
  });
  if (k1) joined.push([i1, j1, k1]);
  joined.push([this.a.length, this.b.length, 0]);
  this.matching = joined;
  return joined;
};

SequenceMatcher.prototype.opcodes = function () {
  var i = 0, j = 0;
  var answer = [];
  this.matchingBlocks().forEach(function (block) {
    var ai = block[0], bj = block[1], size = block[2];
    var tag = i < ai && j < bj ? "replace" : i < ai ? "delete" : j < bj ? "insert" : "";
    if (tag) answer.push([tag, i, ai, j, bj]);
    i = ai + size;
    j = bj + size;
    if (size) answer.push(["equal", ai, i, bj, j]);
  });
  return answer;
};

function ratioOf(matches, length) {
  return length ? (2.0 * matches) / length : 1.0;
}

SequenceMatcher.prototype.ratio = function () {
  var matches = this.matchingBlocks().reduce(function (sum, block) { return sum + block[2]; }, 0);
  return ratioOf(matches, this.a.length + this.b.length);
};

SequenceMatcher.prototype.quickRatio = function () {
  var counts = new Map();
  this.b.forEach(function (element) { counts.set(element, (counts.get(element) || 0) + 1); });
  var available = new Map();
  var matches = 0;
  this.a.forEach(function (element) {
    var left = available.has(element) ? available.get(element) : counts.get(element) || 0;
    available.set(element, left - 1);
    if (left > 0) matches++;
  });
  return ratioOf(matches, this.a.length + this.b.length);
};

SequenceMatcher.prototype.realQuickRatio = function () {
  return ratioOf(Math.min(this.a.length, this.b.length), this.a.length + this.b.length);
};

// --- sources/redline.py ----------------------------------------------------------------------

export function compareTexts(oldText, newText, words) {
  var old = parseBlocks(oldText);
  var now = parseBlocks(newText);
  var matcher = new SequenceMatcher(keys(old), keys(now));
  var changes = [];
  matcher.opcodes().forEach(function (op) {
    var o = old.slice(op[1], op[2]);
    var n = now.slice(op[3], op[4]);
    if (op[0] === "equal") {
      o.forEach(function (block, index) { changes.push(compareBlocks(block, n[index], words)); });
    } else {
      changes = changes.concat(pairBlocks(o, n, words));
    }
  });
  return changes;
}

function keys(blocks) {
  return blocks.map(function (block) { return block.key; });
}

function pairBlocks(old, now, words) {
  var changes = [];
  var i = 0, j = 0;
  function similarTo(block) {
    return function (other) { return similar(block, other); };
  }
  while (i < old.length && j < now.length) {
    if (similar(old[i], now[j])) {
      changes.push(compareBlocks(old[i++], now[j++], words));
    } else if (now.slice(j + 1, j + 1 + LOOKAHEAD).some(similarTo(old[i]))) {
      changes.push(added(now[j++]));
    } else if (old.slice(i + 1, i + 1 + LOOKAHEAD).some(function (later) { return similar(later, now[j]); })) {
      changes.push(removed(old[i++]));
    } else if (old[i].number && old[i].number === now[j].number && old[i].level === now[j].level) {
      changes.push(compareBlocks(old[i++], now[j++], words));
    } else {
      changes.push(removed(old[i++]));
    }
  }
  old.slice(i).forEach(function (block) { changes.push(removed(block)); });
  now.slice(j).forEach(function (block) { changes.push(added(block)); });
  return changes;
}

function similar(old, now) {
  if (old.level !== now.level) return false;
  var matcher = new SequenceMatcher(old.key.split(" ").filter(Boolean), now.key.split(" ").filter(Boolean));
  return matcher.realQuickRatio() >= SIMILAR && matcher.quickRatio() >= SIMILAR && matcher.ratio() >= SIMILAR;
}

function compareBlocks(old, now, words) {
  var spans = old.body === now.body ? (now.body ? [["same", now.body]] : []) : words(old.body, now.body);
  var changed = spans.some(function (span) { return span[0] !== "same"; });
  var kind = !changed ? "unchanged" : plainTypography(old.body) === plainTypography(now.body) ? "typography" : "changed";
  return { kind: kind, old: old, now: now, spans: spans };
}

function added(block) {
  return { kind: "added", old: null, now: block, spans: [["inserted", block.body]] };
}

function removed(block) {
  return { kind: "removed", old: block, now: null, spans: [["deleted", block.body]] };
}

// --- Words: Intl.Segmenter and jsdiff --------------------------------------------------------

// Words and marks, each with the whitespace after it, as the page's language splits them; a
// clause number keeps its final dot (5.2.), as the server's words do.
export function wordSplitter(lang) {
  if (!window.Intl || !Intl.Segmenter) return tokens;
  var segmenter = new Intl.Segmenter(lang, { granularity: "word" });
  return function (text) {
    var found = [];
    for (var part of segmenter.segment(text)) {
      var last = found.length - 1;
      var joins = last >= 0 && (!part.segment.trim() || (part.segment === "." && /^\d+(\.\d+)*$/.test(found[last])));
      if (joins) found[last] += part.segment;
      else found.push(part.segment);
    }
    return found;
  };
}

// The spans of a changed clause: the same words once, what only one version has marked. Both
// versions are rebuilt exactly: a space that only one of them has goes with its marked words.
export function diffWords(split) {
  return function (oldText, newText) {
    var a = split(oldText);
    var b = split(newText);
    var parts = diffArrays(a, b, {
      comparator: function (left, right) { return left.trimEnd() === right.trimEnd(); },
    });
    var spans = [];
    var i = 0, j = 0;
    var deleted = "", inserted = "";
    function flush() {
      var space = deleted.endsWith(" ") && inserted.endsWith(" ") ? " " : "";
      push(spans, "deleted", space ? deleted.slice(0, -1) : deleted);
      push(spans, "inserted", space ? inserted.slice(0, -1) : inserted);
      push(spans, "same", space);
      deleted = inserted = "";
    }
    parts.forEach(function (part) {
      if (part.removed) {
        deleted += a.slice(i, (i += part.count)).join("");
      } else if (part.added) {
        inserted += b.slice(j, (j += part.count)).join("");
      } else {
        for (var n = 0; n < part.count; n++, i++, j++) {
          if (a[i] === b[j]) {
            if (deleted || inserted) flush();
            push(spans, "same", a[i]);
            continue;
          }
          // The same word, followed by a space in one version only.
          var word = a[i].trimEnd();
          if (deleted || inserted) flush();
          push(spans, "same", word);
          deleted += a[i].slice(word.length);
          inserted += b[j].slice(word.length);
        }
      }
    });
    flush();
    return spans;
  };
}

function push(spans, mark, text) {
  if (!text) return;
  var last = spans[spans.length - 1];
  if (last && last[0] === mark) last[1] += text;
  else spans.push([mark, text]);
}
