// The client's surface without a network: its declared names, its errors, fetch and WebCrypto as hooks.

import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import * as client from "../client.js";

const { FeedError, chooseDocument, downloadText, fetchFeed, integrity, mustAccept, nextChange, parseFeed } = client;
const { versionInForce } = client;
const vectors = JSON.parse(readFileSync(new URL("../../vectors/decisions.json", import.meta.url), "utf-8"));
const { url: URL_, feed: FEED } = vectors.feeds.ids;
const BODY = JSON.stringify(FEED);

function stubFetch(answers) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, headers: init.headers });
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    const body = new TextEncoder().encode(answer.body ?? "");
    return {
      status: answer.status ?? 200,
      statusText: answer.statusText ?? "OK",
      headers: { get: (name) => (answer.headers ?? {})[name] ?? null },
      arrayBuffer: async () => body.buffer,
    };
  };
  return { fetch, calls };
}

function refusal(attempt) {
  try {
    attempt();
  } catch (err) {
    return err;
  }
  assert.fail("nothing was refused");
}

async function asyncRefusal(attempt) {
  try {
    await attempt();
  } catch (err) {
    return err;
  }
  assert.fail("nothing was refused");
}

describe("the module", () => {
  it("exports what client.d.ts declares, and nothing else", () => {
    const declarations = readFileSync(new URL("../client.d.ts", import.meta.url), "utf-8");
    const declared = [...declarations.matchAll(/^export declare (?:function|class|const) (\w+)/gm)].map((m) => m[1]);
    assert.deepEqual(Object.keys(client).sort(), declared.sort());
  });

  it("throws FeedErrors that say their kind and field", () => {
    const error = refusal(() => parseFeed(BODY.replace('"schema_version":2', '"schema_version":1'), URL_));
    assert.ok(error instanceof FeedError && error instanceof Error);
    assert.deepEqual([error.name, error.kind, error.at], ["FeedError", "malformed", "/schema_version"]);
    assert.equal(error.message, "the feed is malformed at /schema_version: schema_version is 1: this client reads 2");
  });
});

describe("fetching", () => {
  it("refuses an address that is not absolute http(s)", async () => {
    for (const url of ["/api/v2/policy.json", "policy.json", "file:///policy.json", "ftp://example.org/policy.json"]) {
      const error = await asyncRefusal(() => fetchFeed(url, { fetch: stubFetch([]).fetch }));
      assert.equal(error.kind, "url");
      const example = "https://privacy.qlever.asia/api/v2/policy.json";
      assert.equal(error.message, `${JSON.stringify(url)} is not an absolute http(s) address, like ${example}`);
    }
  });

  it("turns a network failure and an HTTP error into FeedErrors", async () => {
    const { fetch } = stubFetch([
      new TypeError("getaddrinfo ENOTFOUND"),
      { status: 503, statusText: "Service Unavailable" },
    ]);
    const offline = await asyncRefusal(() => fetchFeed(URL_, { fetch }));
    const down = await asyncRefusal(() => fetchFeed(URL_, { fetch }));
    assert.deepEqual(
      [offline.kind, offline.message, down.kind, down.message],
      [
        "fetch",
        `could not fetch ${URL_}: getaddrinfo ENOTFOUND`,
        "fetch",
        `${URL_} answered HTTP 503 Service Unavailable`,
      ],
    );
  });

  it("sends the ETag of the copy it has, and keeps the copy on a 304", async () => {
    const answers = [{ body: BODY, headers: { ETag: '"v2-1"' } }, { status: 304 }, { body: BODY }];
    const { fetch, calls } = stubFetch(answers);
    const first = await fetchFeed(URL_, { fetch });
    assert.equal(await fetchFeed(URL_, { fetch, previous: first }), first);
    await fetchFeed("https://other.example.org/policy.json", { fetch, previous: first });
    assert.deepEqual(
      calls.map((call) => call.headers),
      [{}, { "If-None-Match": '"v2-1"' }, {}],
    );
  });

  it("reads a bundled copy given as text or bytes", () => {
    const fromText = parseFeed(BODY, URL_, '"v2-1"');
    const fromBytes = parseFeed(new TextEncoder().encode(BODY), URL_);
    assert.deepEqual(fromText.body, fromBytes.body);
    assert.deepEqual([fromText.etag, fromBytes.etag], ['"v2-1"', null]);
  });

  it("downloads a text relative to the feed with the fetch given", async () => {
    const feed = parseFeed(BODY, URL_);
    const { fetch, calls } = stubFetch([{ body: "2.0 ky html\n" }]);
    const text = await downloadText(feed, "2.0", "ky-KG", { fetch, format: "html", crypto: webcrypto });
    assert.deepEqual(calls.map((call) => call.url), ["https://privacy.example.org/api/v2/versions/2.0/ky.html"]);
    assert.deepEqual(
      { ...text, integrity: undefined },
      { versionId: "2.0", lang: "ky", format: "html", url: calls[0].url, integrity: undefined, text: "2.0 ky html\n" },
    );
    assert.equal(text.integrity, chooseDocument(feed, "2.0", "ky").html.integrity);
  });
});

describe("instants and hashes", () => {
  const feed = parseFeed(BODY, URL_);

  it("takes instants as Dates only", () => {
    for (const instant of ["2027-03-01T00:00:00+06:00", 1803924000000, new Date("not a date"), null]) {
      assert.equal(refusal(() => versionInForce(feed, instant)).kind, "instant");
      assert.equal(refusal(() => mustAccept(feed, null, instant)).kind, "instant");
    }
  });

  it("says when to decide again", () => {
    assert.deepEqual(nextChange(feed, new Date("2027-02-28T17:59:59Z")), new Date("2027-02-28T18:00:00Z"));
    assert.equal(nextChange(feed, new Date("2028-02-28T18:00:00Z")), null);
  });

  it("hashes with the WebCrypto given, as Node 18 and React Native need", async () => {
    const bytes = new TextEncoder().encode("abc");
    const expected = "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=";
    assert.equal(await integrity(bytes, { crypto: webcrypto }), expected);
    if (globalThis.crypto) assert.equal(await integrity(bytes), expected); // Node 20+ and browsers
    const error = await asyncRefusal(() => integrity(bytes, { crypto: {} }));
    const message = "no WebCrypto here to compute SHA-256: pass one as options.crypto";
    assert.deepEqual([error.kind, error.message], ["crypto", message]);
  });
});
