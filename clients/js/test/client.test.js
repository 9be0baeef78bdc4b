// The client's surface without a network: its declared names, its errors, fetch and WebCrypto as hooks.

import assert from "node:assert/strict";
import { createHash, createPublicKey, verify as nodeVerify, webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import * as client from "../client.js";
import { asyncRefusal, refusal } from "./refusals.js";

const { FeedError, chooseDocument, downloadText, fetchFeed, integrity, mustAccept, nextChange, parseFeed } = client;
const { consentRecord, parseSignedFeed, signatureUrl, verifyText, versionInForce } = client;
const vectors = JSON.parse(readFileSync(new URL("../../vectors/decisions.json", import.meta.url), "utf-8"));
const { url: URL_, feed: FEED } = vectors.feeds.ids;
const BODY = JSON.stringify(FEED);
const STAMP_URL = URL_.replace(/policy\.json$/, "timestamp.json");
const NOW = new Date("2026-12-12T09:00:00+06:00");

// timestamp.json naming a feed's body, valid from 2026-12-10 to 2026-12-17, unsigned.
function stampFor(body) {
  const bytes = new TextEncoder().encode(body);
  const digest = createHash("sha256").update(bytes).digest("base64");
  const feed = { path: "policy.json", integrity: `sha256-${digest}`, bytes: bytes.length };
  const times = { issued: "2026-12-10T00:00:00+06:00", expires: "2026-12-17T00:00:00+06:00" };
  return { body: JSON.stringify({ schema_version: 2, feed, ...times }) };
}

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

describe("what is not a feed", () => {
  it("refuses JSON nested past any stack as it refuses what is not JSON", () => {
    const n = 100000;
    for (const body of ["[".repeat(n) + "]".repeat(n), '{"a":'.repeat(n) + "1" + "}".repeat(n), "[".repeat(n)]) {
      const error = refusal(() => parseFeed(body, URL_));
      assert.equal(error.kind, "json");
      assert.match(error.message, /nested deeper than the 64 levels a client reads/);
    }
  });
});

describe("fetching", () => {
  it("refuses an address that is not absolute http(s)", async () => {
    for (const url of ["/api/v2/policy.json", "policy.json", "file:///policy.json", "ftp://example.org/policy.json"]) {
      const options = { fetch: stubFetch([]).fetch, insecureAcceptUnsigned: true, now: NOW };
      const error = await asyncRefusal(() => fetchFeed(url, options));
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
    const offline = await asyncRefusal(() => fetchFeed(URL_, { fetch, insecureAcceptUnsigned: true, now: NOW }));
    const down = await asyncRefusal(() => fetchFeed(URL_, { fetch, insecureAcceptUnsigned: true, now: NOW }));
    assert.deepEqual(
      [offline.kind, offline.message, down.kind, down.message],
      [
        "fetch",
        `could not fetch ${STAMP_URL}: getaddrinfo ENOTFOUND`,
        "fetch",
        `${STAMP_URL} answered HTTP 503 Service Unavailable`,
      ],
    );
  });

  it("sends the ETag of the copy it has, and keeps the copy on a 304", async () => {
    const stamp = stampFor(BODY);
    const answers = [stamp, { body: BODY, headers: { ETag: '"v2-1"' } }, stamp, { status: 304 }, stamp, { body: BODY }];
    const { fetch, calls } = stubFetch(answers);
    const options = { fetch, insecureAcceptUnsigned: true, now: NOW };
    const first = await fetchFeed(URL_, options);
    assert.deepEqual(await fetchFeed(URL_, { ...options, previous: first }), first);
    await fetchFeed("https://other.example.org/policy.json", { ...options, previous: first });
    assert.deepEqual(
      calls.map((call) => call.headers),
      [{}, {}, {}, { "If-None-Match": '"v2-1"' }, {}, {}],
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

describe("signatures", () => {
  const signatures = JSON.parse(readFileSync(new URL("../../vectors/signatures.json", import.meta.url), "utf-8"));
  const [signedByA] = signatures.cases;
  const body = Buffer.from(signedByA.body_base64, "base64");
  const signature = Buffer.from(signedByA.signature_base64, "base64");
  const keys = [signatures.keys.A];
  // Node's own Ed25519, as a platform without it in WebCrypto would pass tweetnacl's.
  const nodeEd25519 = (message, sig, publicKey) => {
    const jwk = { kty: "OKP", crv: "Ed25519", x: Buffer.from(publicKey).toString("base64url") };
    return nodeVerify(null, message, createPublicKey({ key: jwk, format: "jwk" }), sig);
  };
  const noEd25519 = { subtle: { digest: webcrypto.subtle.digest.bind(webcrypto.subtle) } };

  it("verifies with WebCrypto's Ed25519", async () => {
    const feed = await parseSignedFeed(body, signature, signatures.url, { keys, crypto: webcrypto });
    assert.deepEqual([feed.verifiedBy, Buffer.from(feed.signature)], [[keys[0].kid], signature]);
  });

  it("verifies with the platform's verifier where WebCrypto has no Ed25519", async () => {
    const calls = [];
    const verifyEd25519 = (...args) => calls.push(args) && nodeEd25519(...args);
    const options = { keys, crypto: noEd25519, verifyEd25519 };
    assert.deepEqual((await parseSignedFeed(body, signature, signatures.url, options)).verifiedBy, [keys[0].kid]);
    assert.deepEqual(
      calls.map(([message, sig, key]) => [message.length, sig.length, key.length]),
      [[body.length, 64, 32]],
    );
    const refused = await asyncRefusal(() =>
      parseSignedFeed(body, signature, signatures.url, { ...options, verifyEd25519: () => false }),
    );
    assert.equal(refused.kind, "signature");
  });

  it("says what to pass where there is no Ed25519", async () => {
    const options = { keys, crypto: noEd25519 };
    const error = await asyncRefusal(() => parseSignedFeed(body, signature, signatures.url, options));
    assert.equal(error.kind, "crypto");
    const advice = "pass a verifier as options.verifyEd25519, such as tweetnacl's nacl.sign.detached.verify";
    assert.ok(error.message.startsWith("this platform's WebCrypto has no Ed25519 ("), error.message);
    assert.ok(error.message.endsWith(`): ${advice}`), error.message);
  });

  it("finds a signature beside its file", () => {
    const base = "https://h.example/api/v2/";
    assert.equal(signatureUrl(`${base}policy.json?from=app`), `${base}policy.sig.json`);
    assert.equal(signatureUrl(`${base}versions/1.10.json`), `${base}versions/1.10.sig.json`);
    assert.equal(refusal(() => signatureUrl("https://h.example/api/v2/")).kind, "url");
  });
});

describe("consent records", () => {
  const records = JSON.parse(readFileSync(new URL("../../vectors/records.json", import.meta.url), "utf-8"));
  const feed = parseFeed(JSON.stringify(records.feed), records.url);
  const [first] = records.make;
  const shown = () =>
    verifyText(feed, first.version, first.lang, first.format, Buffer.from(first.body_base64, "base64"), {
      crypto: webcrypto,
    });

  it("takes an id, or a function making one, and otherwise derives the same id from the same inputs", async () => {
    const text = await shown();
    const at = new Date(first.at);
    const made = (options) => consentRecord(feed, text, at, first.method, { crypto: webcrypto, ...options });
    assert.equal((await made({ recordId: () => "r-1" })).record_id, "r-1");
    assert.equal((await made({ recordId: "r-2" })).record_id, "r-2");
    assert.equal((await made({})).record_id, (await made({})).record_id);
    assert.notEqual((await made({ userId: "a" })).record_id, (await made({ userId: "b" })).record_id);
  });

  it("takes the instant as a Date, never reading the clock", async () => {
    const text = await shown();
    for (const instant of [first.at, Date.now(), new Date("not a date")]) {
      const error = await asyncRefusal(() => consentRecord(feed, text, instant, first.method, { crypto: webcrypto }));
      assert.equal(error.kind, "instant");
    }
  });
});
