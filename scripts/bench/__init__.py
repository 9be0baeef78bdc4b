"""Benchmark of the site build on synthetic policy histories; `make bench` runs it, the tests never do.

For 10, 50 and 200 versions it writes a policy in three languages into a temporary git
repository: texts derived from the latest real version in versions/ (10-17 KB each), each new
version changing a few clauses (words replaced, now and then a clause added or a recent one
removed), dates 14-45 days apart, every twelfth version material, each version committed 40
days before its date (so the notice period holds) and built as of the day before the last one.

How each figure is measured:

- The build runs in a child process (`build_site`, as `policy build` does), timed from the call
  to its return; peak memory is that process's maximum resident set (getrusage). Each kind of
  build runs three times (`--repeat`), a history of fewer than 50 versions more often (10
  versions: 15 times), and the fastest counts.
- Like the daily build, each build after the first finds the clean verdicts of the ones before in
  `.cache/clean` (policy/verdicts.py): the checker does not judge again a version, nor the feeds'
  schemas a file, nor the pages' policy a page, in the same bytes. The first build of a history
  judges all of them: at 200 versions, 1.5 s more of our code (the checker 0.7 s, the pages 0.6 s,
  the schemas 0.2 s); `docs/performance.md` gives its figures.
- Our own code's share is timed explicitly, not sampled: every `on_*` hook of PolicyPlugin
  (checker, git provenance, page generation and redlines, feed, Atom, search indexes) and our
  Markdown extension's tree processor are wrapped in timers that count only the outermost call,
  so nothing is counted twice (without a worker, the feed's fragments are rendered with the
  extension inside on_post_build).
  Everything else, MkDocs' reading, Markdown, templates, static-i18n and search, is MkDocs' own.
  Explicit timers add microseconds per call, where cProfile would slow every Python call and
  inflate whichever side makes more of them. `--profile N` runs cProfile to find hot spots
  (in the build's process only).
- The redline pages and the feed's fragments are rendered by a worker process while MkDocs
  renders pages (policy/site/worker.py), and the PDFs missing from their cache by typesetter
  processes (policy/site/typesetting.py). The hooks' timers count the time the build waits for
  them, which is what they add to the build. Their CPU time is measured too (getrusage of the
  child processes, git's included), and our share of all the CPU time is printed beside our share
  of the build's time, which the target is about.
- The plain build writes the Markdown our plugin generated (captured from its hook during the
  timed build) as real files into a docs folder, and builds them with the same configuration
  minus our plugin, our Markdown extension and our template overrides (only the Kyrgyz
  interface texts the theme lacks are kept, without which it cannot build Kyrgyz pages). If
  our plugin shortened the navigation, an MkDocs hook shortens it the same way.
- The feed is site/api/v1/policy.json, raw and gzipped (level 9); so is v2's daily-fetched
  site/api/v2/policy.json. The same history is built once more, untimed, as of the day its latest
  version takes effect (another version in force, other pages), and the two api/v2 folders are
  compared byte for byte.
- The PDFs (publication/pdf.py) and the archive: each size is also built without them (the PDF
  step replaced by nothing: no rendering, no cache, no archive, the feed without its `pdf` fields),
  cold (the PDF cache, .cache/pdf, emptied before each build) and warm (the cache the cold builds
  left). The warm build is the one whose figures fill the other tables: it is the daily build.
  The four kinds of build (cold, warm, without PDFs, plain) take turns, so that a change in the
  load of a shared machine falls on each alike. The build without PDFs is also compared with the
  plain build at every size: what our plugin, extension and templates cost MkDocs.
- `policy.sources.redline.compare_texts` is timed in this process (best of 3) on a ~100 KB text made of
  the latest real Russian text repeated with its sections renumbered and a few words of each
  clause replaced (a text repeated as is would pair its clauses by a whole period off), against
  a revision with five clauses changed, one added and one removed.

Exits 1 when a target is missed, so it can gate a change.
"""
