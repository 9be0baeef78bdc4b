// The reference client of the Qlever privacy policy's version feed v2, twin of clients/python/.
//
//   const url = "https://privacy.qlever.asia/api/v2/policy.json";
//   const now = new Date();                                    // the device's clock, never the feed's
//   const feed = await fetchFeed(url, { previous: storedFeed, keys: PINNED_KEYS, now }); // timestamp, signature
//   if (!recordCovers(feed, storedRecord, now)) {              // the consent rule, from the stored record
//     const shown = versionInForce(feed, now);                 // decided from effective_from
//     const text = await downloadText(feed, shown.id, "ru-KG"); // size and integrity verified
//     // show text.text; on acceptance keep await consentRecord(feed, text, now, "button in the app")
//   }
//
// An ES module without dependencies: it needs fetch, TextDecoder and WebCrypto (SHA-256, SHA-1 for
// derived record ids, Ed25519 for signatures), so it runs in browsers and Node 20+ as is; in Node 18
// pass { crypto: (await import("node:crypto")).webcrypto }, and in React Native a WebCrypto such as
// react-native-quick-crypto's, as options.crypto. Where WebCrypto has no Ed25519, pass a verifier as
// options.verifyEd25519 (tweetnacl's nacl.sign.detached.verify fits as it is). Every failure is a
// FeedError whose kind says which; for a malformed feed or record, `at` is the JSON Pointer of the
// field. Both clients pass the test vectors of clients/vectors/ (docs/decisions/0007-feed-v2.md,
// docs/decisions/0009-signed-feed-and-consent.md).
//
// By concern: feed.js (fetch, check, decide), freshness.js (timestamp.json), texts.js (verify a text), signatures.js, consent.js
// (records), errors.js; http.js holds what they read with. This module is the client's API.

export {
  SCHEMA_VERSION,
  fetchFeed,
  parseFeed,
  parseSignedFeed,
  parseVersionFile,
  checkUpdate,
  versionInForce,
  nextChange,
  mustAccept,
  compareIds,
} from "./feed.js";
export { parseTimestamp, checkFresh, checkFeedBytes } from "./freshness.js";
export {
  RECORD_SCHEMA_VERSION,
  consentRecord,
  checkConsentRecord,
  receiveConsentRecord,
  withdrawConsent,
  recordCovers,
} from "./consent.js";
export { FeedError } from "./errors.js";
export { MAX_BYTES, MAX_DEPTH } from "./http.js";
export { verifySignature, signatureUrl } from "./signatures.js";
export { chooseDocument, downloadText, verifyText, integrity } from "./texts.js";
