// The test vectors of clients/vectors/, the same files the Python client passes (tests/test_vectors.py).

import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import {
  FeedError,
  MAX_BYTES,
  checkFeedBytes,
  checkFresh,
  checkUpdate,
  parseTimestamp,
  parseVersionFile,
  receiveConsentRecord,
  verifySignature,
  checkConsentRecord,
  chooseDocument,
  compareIds,
  consentRecord,
  mustAccept,
  nextChange,
  parseFeed,
  parseSignedFeed,
  recordCovers,
  verifyText,
  versionInForce,
  withdrawConsent,
} from "../client.js";
import { asyncRefusal, refusal } from "./refusals.js";

const load = (name) => JSON.parse(readFileSync(new URL(`../../vectors/${name}`, import.meta.url), "utf-8"));
const decisions = load("decisions.json");
const ids = load("ids.json");
const feeds = load("feeds.json");
const texts = load("texts.json");
const signatures = load("signatures.json");
const records = load("records.json");
const freshness = load("freshness.json");
const options = { crypto: webcrypto }; // Node 18 has no global WebCrypto

const fromBase64 = (text) => new Uint8Array(Buffer.from(text, "base64"));
const parsed = (url, feed, bodyBase64) =>
  parseFeed(bodyBase64 === undefined ? JSON.stringify(feed) : fromBase64(bodyBase64), url);

function decide(feed, testCase) {
  const at = new Date(testCase.at);
  const shown = versionInForce(feed, at);
  const change = nextChange(feed, at);
  const must = mustAccept(feed, testCase.accepted, at);
  const document = shown ? chooseDocument(feed, shown.id, testCase.lang) : null;
  if (document) delete document.versionId;
  return { in_force: shown?.id ?? null, next_change: change?.getTime() ?? null, must_accept: must, document };
}

describe("decisions.json", () => {
  for (const testCase of decisions.cases) {
    it(testCase.name, () => {
      const source = decisions.feeds[testCase.feed];
      const feed = parsed(source.url, source.feed);
      const expect = testCase.expect;
      if (expect.error) {
        assert.equal(refusal(() => decide(feed, testCase)).kind, expect.error.kind);
        return;
      }
      const change = expect.next_change ? new Date(expect.next_change).getTime() : null;
      assert.deepEqual(decide(feed, testCase), { ...expect, next_change: change });
    });
  }
});

describe("ids.json", () => {
  for (const { a, b, order } of ids.compare) {
    it(`${a} vs ${b}`, () => assert.equal(compareIds(a, b), order));
  }
  const feed = parsed(decisions.feeds.ids.url, decisions.feeds.ids.feed);
  for (const value of ids.invalid) {
    it(`not an id: ${JSON.stringify(value)}`, () => {
      assert.equal(refusal(() => compareIds(value, "1.0")).kind, "id");
      assert.equal(refusal(() => mustAccept(feed, value, new Date("2027-03-01T00:00:00Z"))).kind, "id");
    });
  }
});

describe("feeds.json", () => {
  for (const testCase of feeds.cases) {
    it(testCase.name, () => {
      const attempt = () => parsed(feeds.url, testCase.feed, testCase.body_base64);
      if (testCase.error === null) {
        assert.equal(attempt().url, feeds.url);
        return;
      }
      const error = refusal(attempt);
      assert.deepEqual({ kind: error.kind, at: error.at }, { at: null, ...testCase.error });
    });
  }
});

describe("texts.json", () => {
  for (const testCase of texts.cases) {
    it(testCase.name, async () => {
      const feed = parsed(texts.url, texts.feeds[testCase.feed]);
      const body = fromBase64(testCase.body_base64);
      const options = { crypto: webcrypto }; // Node 18 has no global WebCrypto
      const verify = () => verifyText(feed, testCase.version, testCase.lang, testCase.format, body, options);
      if (testCase.expect.error) {
        assert.equal((await asyncRefusal(verify)).kind, testCase.expect.error.kind);
        return;
      }
      const text = await verify();
      assert.deepEqual({ lang: text.lang, integrity: text.integrity, text: text.text }, testCase.expect);
    });
  }
});

describe("signatures.json", () => {
  const signedFeed = (testCase, keys) => {
    const signature = testCase.signature_base64 === null ? null : fromBase64(testCase.signature_base64);
    return parseSignedFeed(fromBase64(testCase.body_base64), signature, signatures.url, { ...options, keys });
  };
  for (const testCase of signatures.cases) {
    it(testCase.name, async () => {
      const keys = testCase.pinned.map((name) => signatures.keys[name]);
      if (testCase.expect.error) {
        const error = await asyncRefusal(() => signedFeed(testCase, keys));
        assert.deepEqual({ kind: error.kind, at: error.at }, testCase.expect.error);
        return;
      }
      assert.deepEqual((await signedFeed(testCase, keys)).verifiedBy, testCase.expect.verified_by);
    });
  }
  for (const testCase of signatures.pinned_keys) {
    it(`not a key to pin: ${testCase.name}`, async () => {
      const error = await asyncRefusal(() => signedFeed(signatures.cases[0], testCase.keys));
      assert.deepEqual({ kind: error.kind, at: error.at }, testCase.error);
    });
  }
});

async function outcome(attempt) {
  try {
    return { record: await attempt() };
  } catch (err) {
    if (!(err instanceof FeedError)) throw err;
    return { error: { kind: err.kind, at: err.at } };
  }
}

describe("records.json", () => {
  const feed = parsed(records.url, undefined, records.feed_base64);
  assert.deepEqual(feed.data, records.feed);
  const ids = parsed(decisions.feeds.ids.url, decisions.feeds.ids.feed);
  for (const testCase of records.make) {
    it(`make: ${testCase.name}`, async () => {
      const body = fromBase64(testCase.body_base64);
      const text = await verifyText(feed, testCase.version, testCase.lang, testCase.format, body, options);
      const made = await outcome(() =>
        consentRecord(feed, text, new Date(testCase.at), testCase.method, {
          ...options,
          userId: testCase.user_id,
          recordId: testCase.record_id,
        }),
      );
      assert.deepEqual(made, testCase.expect);
    });
  }
  for (const testCase of records.check) {
    it(`check: ${testCase.name}`, async () => {
      const checked = await outcome(() => checkConsentRecord(testCase.record, testCase.with_feed ? feed : null));
      assert.deepEqual(checked, testCase.error === null ? { record: testCase.record } : { error: testCase.error });
    });
  }
  for (const testCase of records.withdraw) {
    it(`withdraw: ${testCase.name}`, async () => {
      const result = await outcome(() => withdrawConsent(testCase.record, new Date(testCase.at), testCase.method));
      assert.deepEqual(result, testCase.expect);
    });
  }
  for (const testCase of records.receive) {
    it(`receive: ${testCase.name}`, async () => {
      const result = await outcome(() => receiveConsentRecord(testCase.record, feed, new Date(testCase.at), options));
      assert.deepEqual(result, testCase.expect);
    });
  }
  for (const testCase of records.covers) {
    it(`covers: ${testCase.name}`, async () => {
      const result = await outcome(() => recordCovers(ids, testCase.record, new Date(testCase.at)));
      const expected = "covers" in testCase.expect ? { record: testCase.expect.covers } : testCase.expect;
      assert.deepEqual(result, expected);
    });
  }
});

describe("freshness.json", () => {
  const error = async (attempt) => {
    try {
      await attempt();
      return null;
    } catch (err) {
      if (!(err instanceof FeedError)) throw err;
      return { kind: err.kind, at: err.at };
    }
  };
  for (const testCase of freshness.timestamps) {
    it(`timestamps: ${testCase.name}`, async () => {
      const keys = testCase.pinned === null ? null : testCase.pinned.map((name) => signatures.keys[name]);
      const signature = testCase.signature_base64 === null ? null : fromBase64(testCase.signature_base64);
      const unsigned = { ...options, insecureAcceptUnsigned: true };
      const found = await error(async () => {
        const timestamp = await parseTimestamp(fromBase64(testCase.body_base64), signature, keys, unsigned);
        const kept = testCase.kept_base64 && (await parseTimestamp(fromBase64(testCase.kept_base64), null, null, unsigned));
        checkFresh(timestamp, new Date(testCase.at), kept || null, testCase.grace_seconds);
        await checkFeedBytes(timestamp, fromBase64(testCase.feed_base64), freshness.url, options);
      });
      assert.deepEqual(found, testCase.error);
    });
  }
  for (const testCase of freshness.version_files) {
    it(`version files: ${testCase.name}`, async () => {
      const keys = testCase.pinned === null ? null : testCase.pinned.map((name) => signatures.keys[name]);
      const signature = testCase.signature_base64 === null ? null : fromBase64(testCase.signature_base64);
      const url = freshness.url.replace("policy.json", `versions/${testCase.id}.json`);
      const body = fromBase64(testCase.body_base64);
      const unsigned = { ...options, keys, insecureAcceptUnsigned: true };
      let parsedFile = null;
      const found = await error(async () => {
        parsedFile = await parseVersionFile(body, signature, url, testCase.id, unsigned);
      });
      assert.deepEqual(found, testCase.error);
      if (testCase.error === null) assert.deepEqual(parsedFile, JSON.parse(Buffer.from(body).toString("utf-8")));
    });
  }
  for (const testCase of freshness.updates) {
    it(`updates: ${testCase.name}`, async () => {
      const kept = parsed(freshness.url, freshness.kept);
      const fetched = parsed(freshness.url, testCase.fetched);
      const found = await error(() => assert.equal(checkUpdate(kept, fetched, new Date(testCase.at)), fetched));
      assert.deepEqual(found, testCase.error);
    });
  }
  for (const testCase of freshness.sizes) {
    it(`sizes: ${testCase.name}`, async () => {
      const content = fromBase64(testCase.base64);
      const padded = new Uint8Array(testCase.pad_to).fill(0x20);
      padded.set(content);
      const body = fromBase64(signatures.cases[0].body_base64);
      const found = await error(() =>
        testCase.kind === "feed"
          ? parseFeed(padded, freshness.url)
          : verifySignature(body, padded, [signatures.keys.A], options),
      );
      assert.deepEqual(found, testCase.error);
      assert.deepEqual({ ...MAX_BYTES }, freshness.max_bytes);
    });
  }
});
