// The test vectors of clients/vectors/, the same files the Python client passes (tests/test_vectors.py).

import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import {
  FeedError,
  chooseDocument,
  compareIds,
  mustAccept,
  nextChange,
  parseFeed,
  verifyText,
  versionInForce,
} from "../client.js";

const load = (name) => JSON.parse(readFileSync(new URL(`../../vectors/${name}`, import.meta.url), "utf-8"));
const decisions = load("decisions.json");
const ids = load("ids.json");
const feeds = load("feeds.json");
const texts = load("texts.json");

const fromBase64 = (text) => new Uint8Array(Buffer.from(text, "base64"));
const parsed = (url, feed, bodyBase64) =>
  parseFeed(bodyBase64 === undefined ? JSON.stringify(feed) : fromBase64(bodyBase64), url);

function refusal(attempt) {
  try {
    attempt();
  } catch (err) {
    assert.ok(err instanceof FeedError, `not a FeedError: ${err}`);
    return err;
  }
  assert.fail("nothing was refused");
}

async function asyncRefusal(attempt) {
  try {
    await attempt();
  } catch (err) {
    assert.ok(err instanceof FeedError, `not a FeedError: ${err}`);
    return err;
  }
  assert.fail("nothing was refused");
}

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
