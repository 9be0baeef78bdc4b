// The client against a site built from a policy of tests/data, served on loopback as a host serves it:
// with ETags, and gzipped when the client asks. tests/test_js_client.py builds the `chain` policy
// (1.0 from 2026-11-24, 1.1 from 2027-01-10, the material 2.0 from 2027-03-01), signs its api/v2 with
// a key it makes (keys.json lists that key and another, which does not sign), and names its folder in
// POLICY_SITE_DIR.

import assert from "node:assert/strict";
import { createHash, webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";

import {
  MAX_BYTES,
  consentRecord,
  downloadText,
  receiveConsentRecord,
  fetchFeed,
  mustAccept,
  recordCovers,
  verifySignature,
  versionInForce,
  withdrawConsent,
} from "../client.js";
import { asyncRefusal as refusal } from "./refusals.js";

const SITE = process.env.POLICY_SITE_DIR;
const skip = SITE ? false : "POLICY_SITE_DIR is not set: run through `make test` (tests/test_js_client.py)";
const crypto = webcrypto; // Node 18 has no global WebCrypto
const NOW = new Date("2026-12-02T09:00:00+06:00"); // the device's clock: the served timestamp is good to 2026-12-08
const UNSIGNED = { insecureAcceptUnsigned: true, now: NOW };

class Host {
  constructor(root) {
    this.root = root;
    this.overrides = new Map(); // path -> bytes to serve instead, or an HTTP status
    this.requests = [];
    this.server = http.createServer((request, response) => this.answer(request, response));
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}/`;
  }

  stop() {
    return new Promise((resolve) => this.server.close(resolve));
  }

  async answer(request, response) {
    const path = decodeURIComponent(new URL(request.url, this.url).pathname);
    this.requests.push({ path, headers: request.headers });
    let body = this.overrides.get(path);
    if (body === undefined) body = await readFile(join(this.root, path)).catch(() => 404);
    if (typeof body === "number") {
      response.writeHead(body);
      response.end();
      return;
    }
    const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 20)}"`;
    if (request.headers["if-none-match"] === etag) {
      response.writeHead(304, { ETag: etag });
      response.end();
      return;
    }
    const headers = { ETag: etag };
    if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
      headers["Content-Encoding"] = "gzip";
      body = gzipSync(body);
    }
    response.writeHead(200, headers);
    response.end(body);
  }
}

describe("a built site, served", { skip }, () => {
  const host = new Host(SITE);
  let feedUrl;
  before(async () => {
    await host.start();
    feedUrl = `${host.url}api/v2/policy.json`;
  });
  after(() => host.stop());

  // Serve body as the feed, with an unsigned timestamp naming it (a build's timestamp cannot be made here).
  function serveFeed(body) {
    const feed = { path: "policy.json", integrity: `sha256-${createHash("sha256").update(body).digest("base64")}` };
    const times = { issued: "2026-12-01T00:00:00+06:00", expires: "2026-12-08T00:00:00+06:00" };
    const stamp = { schema_version: 2, feed: { ...feed, bytes: body.length }, ...times };
    host.overrides.set("/api/v2/timestamp.json", Buffer.from(JSON.stringify(stamp)));
    host.overrides.set("/api/v2/policy.json", body);
  }

  it("fetches the feed, gzipped on the wire", async () => {
    const feed = await fetchFeed(feedUrl, UNSIGNED);
    assert.deepEqual(
      feed.data.versions.map((v) => v.id),
      ["2.0", "1.1", "1.0"],
    );
    assert.match(feed.etag, /^"[0-9a-f]{20}"$/);
    assert.deepEqual(feed.body, new Uint8Array(readFileSync(join(SITE, "api/v2/policy.json"))));
    assert.match(host.requests.at(-1).headers["accept-encoding"], /gzip/);
  });

  it("decides by the instant, not the day of the build", async () => {
    const feed = await fetchFeed(feedUrl, UNSIGNED);
    assert.equal(versionInForce(feed, new Date("2027-02-28T17:59:59Z")).id, "1.1");
    assert.equal(versionInForce(feed, new Date("2027-03-01T00:00:00+06:00")).id, "2.0");
    assert.equal(mustAccept(feed, "1.0", new Date("2027-02-28T17:59:59Z")), false);
    assert.equal(mustAccept(feed, "1.1", new Date("2027-02-28T18:00:00Z")), true);
    assert.equal(mustAccept(feed, "2.0", new Date("2027-02-28T18:00:00Z")), false);
  });

  it("verifies every text of every version, as Markdown and as HTML", async () => {
    const feed = await fetchFeed(feedUrl, UNSIGNED);
    const verified = [];
    for (const version of feed.data.versions) {
      for (const lang of feed.data.languages) {
        for (const format of ["markdown", "html"]) {
          const text = await downloadText(feed, version.id, lang, { format, crypto });
          const file = join(SITE, "api/v2/versions", version.id, `${lang}.${format === "markdown" ? "md" : "html"}`);
          assert.equal(text.text, readFileSync(file, "utf-8"));
          verified.push(`${text.versionId}/${text.lang}/${text.format}`);
        }
      }
    }
    assert.equal(verified.length, 18);
    assert.ok(host.requests.at(-1).path.endsWith("/api/v2/versions/1.0/ru.html"));
  });

  it("asks with the ETag it has, and keeps its copy on a 304", async () => {
    const feed = await fetchFeed(feedUrl, UNSIGNED);
    assert.deepEqual(await fetchFeed(feedUrl, { ...UNSIGNED, previous: feed }), feed);
    assert.equal(host.requests.at(-1).headers["if-none-match"], feed.etag);
  });

  it("refuses a tampered text and a truncated one", async () => {
    const feed = await fetchFeed(feedUrl, UNSIGNED);
    const path = "/api/v2/versions/2.0/ru.md";
    const original = readFileSync(join(SITE, path));
    const tampered = Buffer.from(original);
    tampered[tampered.length - 2] ^= 1;
    host.overrides.set(path, tampered);
    const changed = await refusal(() => downloadText(feed, "2.0", "ru", { crypto }));
    host.overrides.set(path, original.subarray(0, 100));
    const cut = await refusal(() => downloadText(feed, "2.0", "ru", { crypto }));
    host.overrides.delete(path);
    assert.equal(changed.kind, "integrity");
    assert.equal(cut.kind, "size");
    const url = `${host.url}api/v2/versions/2.0/ru.md`;
    const message = `is 100 bytes, the feed says ${original.length}: do not show it; fetch the feed and the text again`;
    assert.equal(cut.message, `the text at ${url} ${message}`);
  });

  it("names a missing feed and one that is not JSON", async () => {
    const missing = await refusal(() => fetchFeed(`${host.url}api/v3/policy.json`, UNSIGNED));
    serveFeed(Buffer.from("<html>maintenance</html>"));
    const page = await refusal(() => fetchFeed(feedUrl, UNSIGNED));
    host.overrides.clear();
    const notFound = `${host.url}api/v3/timestamp.json answered HTTP 404 Not Found`;
    const message = `there is no timestamp.json beside the feed at ${host.url}api/v3/policy.json: ${notFound}`;
    assert.deepEqual([missing.kind, missing.message], ["timestamp", message]);
    assert.equal(page.kind, "json");
  });

  it("verifies the feed's signature with the keys pinned, and each version file's", async () => {
    const keys = JSON.parse(readFileSync(join(SITE, "api/v2/keys.json"), "utf-8")).keys;
    const [signer] = JSON.parse(readFileSync(join(SITE, "api/v2/policy.sig.json"), "utf-8")).signatures;
    assert.equal(keys.length, 2);
    const feed = await fetchFeed(feedUrl, { keys, crypto, now: NOW });
    assert.deepEqual(feed.verifiedBy, [signer.kid]);
    const paths = host.requests.slice(-4).map((request) => request.path);
    const signed = ["timestamp.json", "timestamp.sig.json", "policy.json", "policy.sig.json"];
    assert.deepEqual(paths, signed.map((name) => `/api/v2/${name}`));
    assert.deepEqual(await fetchFeed(feedUrl, { keys, crypto, now: NOW, previous: feed }), feed);
    for (const version of feed.data.versions) {
      const file = join(SITE, "api/v2/versions", `${version.id}.json`);
      const signature = readFileSync(join(SITE, "api/v2/versions", `${version.id}.sig.json`));
      assert.deepEqual(await verifySignature(readFileSync(file), signature, keys, { crypto }), [signer.kid]);
    }
  });

  it("refuses a feed changed by one byte, one signed by another key, and an unsigned one", async () => {
    const keys = JSON.parse(readFileSync(join(SITE, "api/v2/keys.json"), "utf-8")).keys;
    const body = Buffer.from(readFileSync(join(SITE, "api/v2/policy.json")));
    body[body.indexOf('"2.0"') + 3] ^= 1; // 2.0 becomes 2.1: still a well-formed feed, but not the one signed
    host.overrides.set("/api/v2/policy.json", body);
    const changed = await refusal(() => fetchFeed(feedUrl, { keys, crypto, now: NOW }));
    host.overrides.delete("/api/v2/policy.json");
    serveFeed(body); // with a timestamp naming it, unsigned: the timestamp's own signature fails
    const restamped = await refusal(() => fetchFeed(feedUrl, { keys, crypto, now: NOW }));
    host.overrides.clear();
    const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
    const { x } = await crypto.subtle.exportKey("jwk", pair.publicKey);
    const other = { kid: x, kty: "OKP", crv: "Ed25519", x };
    const wrong = await refusal(() => fetchFeed(feedUrl, { keys: [other], crypto, now: NOW }));
    host.overrides.set("/api/v2/policy.sig.json", 404);
    const unsigned = await refusal(() => fetchFeed(feedUrl, { keys, crypto, now: NOW }));
    host.overrides.delete("/api/v2/policy.sig.json");
    const kinds = [changed.kind, restamped.kind, wrong.kind, unsigned.kind];
    assert.deepEqual(kinds, ["timestamp", "signature", "signature", "signature"]);
    const advice = "do not use it, keep the last good copy";
    const sigUrl = `${host.url}api/v2/policy.sig.json`;
    const notFound = `${sigUrl} answered HTTP 404 Not Found`;
    assert.equal(unsigned.message, `the feed at ${feedUrl} is not signed: ${notFound}; ${advice}`);
    assert.match(changed.message, /^the feed at .* is \d+ bytes with integrity .*, timestamp.json names \d+ bytes/);
    assert.match(restamped.message, /^the signature of the timestamp at .* by key .* does not match its bytes/);
  });

  it("refuses an expired timestamp unless within the grace allowed, and an oversized feed unread", async () => {
    const keys = JSON.parse(readFileSync(join(SITE, "api/v2/keys.json"), "utf-8")).keys;
    const aWeekLater = new Date("2026-12-08T00:00:01+06:00");
    const expired = await refusal(() => fetchFeed(feedUrl, { keys, crypto, now: aWeekLater }));
    assert.equal(expired.kind, "expired");
    assert.match(expired.message, /^timestamp.json expired at 2026-12-08T00:00:00\+06:00: the feed may be frozen/);
    assert.ok((await fetchFeed(feedUrl, { keys, crypto, now: aWeekLater, graceSeconds: 86400 })).timestamp);
    serveFeed(Buffer.alloc(MAX_BYTES.feed + 1, 0x20)); // 2 kB gzipped: the limit is of the body once decoded
    const oversized = await refusal(() => fetchFeed(feedUrl, UNSIGNED));
    host.overrides.clear();
    const limit = `sent more than the ${MAX_BYTES.feed} bytes a client reads of it: do not use it`;
    assert.deepEqual([oversized.kind, oversized.message], ["size", `${feedUrl} ${limit}`]);
  });

  it("refuses a feed without keys pinned unless unsigned feeds are accepted explicitly", async () => {
    const before = host.requests.length;
    const error = await refusal(() => fetchFeed(feedUrl, { now: NOW }));
    assert.equal(host.requests.length, before);
    assert.equal(error.kind, "signature");
    const advice = "pass keys (those of keys.json), or, while the feed is published unsigned, insecureAcceptUnsigned: true";
    assert.equal(error.message, `no keys are pinned, so the feed at ${feedUrl} cannot be checked: ${advice}`);
    assert.deepEqual((await fetchFeed(feedUrl, UNSIGNED)).verifiedBy, []);
  });

  it("keeps a consent record that covers 1.1 until the material 2.0, unless withdrawn", async () => {
    const keys = JSON.parse(readFileSync(join(SITE, "api/v2/keys.json"), "utf-8")).keys;
    const feed = await fetchFeed(feedUrl, { keys, crypto, now: NOW });
    const accepted = new Date("2027-01-20T09:15:00+06:00");
    const text = await downloadText(feed, versionInForce(feed, accepted).id, "ru-KG", { crypto });
    const options = { userId: "user-7", requestedLanguage: "ru-KG", crypto };
    const record = await consentRecord(feed, text, accepted, "button in the app", options);
    const digest = createHash("sha256").update(readFileSync(join(SITE, "api/v2/policy.json"))).digest("base64");
    assert.deepEqual(record.feed, { integrity: `sha256-${digest}`, kid: feed.verifiedBy[0] });
    assert.equal(record.requested_language, "ru-KG");
    const received = await receiveConsentRecord(record, feed, new Date("2027-01-20T09:15:05+06:00"), { crypto });
    assert.deepEqual(received, { ...record, received_at: "2027-01-20T03:15:05.000Z" });
    assert.deepEqual(record.privacy_notice, {
      policy_id: feed.data.policy.id,
      version: "1.1",
      format: "markdown",
      url: `${host.url}api/v2/versions/1.1/ru.md`,
      integrity: text.integrity,
    });
    assert.equal(record.events[0].event_time, "2027-01-20T03:15:00.000Z");
    assert.match(record.record_id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(recordCovers(feed, record, new Date("2027-02-28T17:59:59Z")), true);
    assert.equal(recordCovers(feed, record, new Date("2027-02-28T18:00:00Z")), false);
    const withdrawn = withdrawConsent(record, new Date("2027-02-01T00:00:00Z"), "settings screen");
    assert.equal(recordCovers(feed, withdrawn, new Date("2027-02-02T00:00:00Z")), false);
  });
});
