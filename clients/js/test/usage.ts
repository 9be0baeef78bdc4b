// The client as an app written in TypeScript uses it, type-checked against client.d.ts with no DOM or
// Node typings (tsconfig.json; tests/test_js_client.py runs tsc). Never run: only compiled.

import {
  FeedError,
  chooseDocument,
  compareIds,
  downloadText,
  fetchFeed,
  mustAccept,
  nextChange,
  parseFeed,
  verifyText,
  versionInForce,
  type Feed,
  type FeedVersion,
  type VerifiedText,
} from "../client.js";

declare const bundled: Uint8Array;
declare const stored: { feed: Feed | null; acceptedId: string | null };
declare function askToAccept(text: VerifiedText): Promise<boolean>;

export async function onStartOrResume(now: Date): Promise<Date | null> {
  const url = "https://privacy.qlever.asia/api/v2/policy.json";
  let feed: Feed = stored.feed ?? parseFeed(bundled, url);
  try {
    feed = await fetchFeed(url, { previous: stored.feed });
    stored.feed = feed;
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    const kind: "url" | "fetch" | "json" | "malformed" | string = error.kind;
    void kind;
  }
  const shown: FeedVersion | null = versionInForce(feed, now);
  if (shown && mustAccept(feed, stored.acceptedId, now)) {
    const text = await downloadText(feed, shown.id, "ru-KG", { format: "html" });
    if (await askToAccept(text)) stored.acceptedId = shown.id;
  }
  const order: -1 | 0 | 1 = compareIds("1.9", "1.10");
  void order;
  const document = chooseDocument(feed, "1.0", null);
  await verifyText(feed, document.versionId, document.lang, "markdown", new Uint8Array(document.markdown.bytes));
  // @ts-expect-error: instants are Dates, never strings
  versionInForce(feed, "2026-12-15T00:00:00+06:00");
  // @ts-expect-error: a format is markdown or html
  await downloadText(feed, "1.0", "ru", { format: "pdf" });
  return nextChange(feed, now);
}
