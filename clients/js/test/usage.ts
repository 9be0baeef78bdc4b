// The client as an app written in TypeScript uses it, type-checked against client.d.ts with no DOM or
// Node typings (tsconfig.json; tests/test_js_client.py runs tsc). Never run: only compiled.

import {
  FeedError,
  checkConsentRecord,
  chooseDocument,
  compareIds,
  consentRecord,
  downloadText,
  fetchFeed,
  mustAccept,
  nextChange,
  parseFeed,
  parseSignedFeed,
  recordCovers,
  signatureUrl,
  verifySignature,
  verifyText,
  versionInForce,
  withdrawConsent,
  type ConsentRecord,
  type Ed25519Verifier,
  type Feed,
  type FeedVersion,
  type PublicKey,
  type VerifiedText,
} from "../client.js";

declare const bundled: Uint8Array;
declare const bundledSignature: Uint8Array;
declare const stored: { feed: Feed | null; acceptedId: string | null; record: ConsentRecord | null };
declare function askToAccept(text: VerifiedText): Promise<boolean>;
declare function sendToServer(record: ConsentRecord): Promise<void>;
declare const PINNED: PublicKey[];
declare const naclVerify: (message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array) => boolean;

export async function signedStart(now: Date): Promise<boolean> {
  const url = "https://privacy.qlever.asia/api/v2/policy.json";
  const verifyEd25519: Ed25519Verifier = naclVerify;
  let feed = stored.feed ?? (await parseSignedFeed(bundled, bundledSignature, url, { keys: PINNED }));
  feed = await fetchFeed(url, { previous: feed, keys: PINNED, verifyEd25519, now, graceSeconds: 86400 });
  const expires: string | undefined = feed.timestamp?.data.expires;
  void expires;
  const kids: readonly string[] = feed.verifiedBy;
  void kids;
  if (stored.record && recordCovers(feed, stored.record, now)) return false;
  const shown = versionInForce(feed, now);
  if (!shown) return false;
  const text = await downloadText(feed, shown.id, "ky-KG");
  if (!(await askToAccept(text))) return true;
  const record = await consentRecord(feed, text, now, "button in the app", {
    userId: "user-7",
    recordId: () => "9b2f8a4e-0c1d-4e7a-8f3b-5d6c7e8f9a0b",
  });
  await sendToServer(checkConsentRecord(record, feed));
  stored.record = record;
  const later: ConsentRecord = withdrawConsent(record, now, "settings screen");
  void later;
  const versionFile = new Uint8Array(0);
  await verifySignature(versionFile, null, PINNED);
  void signatureUrl(url);
  // @ts-expect-error: the instant of a record is a Date, never read from the clock inside
  await consentRecord(feed, text, Date.now(), "button in the app");
  // @ts-expect-error: keys are public keys as keys.json lists them, not their x alone
  await fetchFeed(url, { keys: ["11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"], now: new Date() });
  // @ts-expect-error: the device's clock is passed, never read inside
  await fetchFeed(url, { keys: PINNED });
  return false;
}

export async function onStartOrResume(now: Date): Promise<Date | null> {
  const url = "https://privacy.qlever.asia/api/v2/policy.json";
  let feed: Feed = stored.feed ?? parseFeed(bundled, url);
  try {
    feed = await fetchFeed(url, { previous: stored.feed, insecureAcceptUnsigned: true, now });
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
