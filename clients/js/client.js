// The reference client of the Qlever privacy policy's version feed v2, twin of scripts/policy/api/client.py.
//
//   const feed = await fetchFeed("https://privacy.qlever.asia/api/v2/policy.json", { previous: storedFeed });
//   const now = new Date();                             // the device's clock, never the feed's
//   const shown = versionInForce(feed, now);            // decided from effective_from
//   if (shown && mustAccept(feed, acceptedId, now)) {   // one comparison with consent_baseline
//     const text = await downloadText(feed, shown.id, "ru-KG");   // size and integrity verified
//     // show text.text; on acceptance store shown.id, text.lang and text.integrity
//   }
//
// An ES module without dependencies: it needs fetch, TextDecoder and WebCrypto's SHA-256, so it runs
// in browsers and Node 20+ as is; in Node 18 pass { crypto: (await import("node:crypto")).webcrypto },
// and in React Native a WebCrypto such as react-native-quick-crypto's, as options.crypto. Every
// failure is a FeedError whose kind says which; for a malformed feed, `at` is the JSON Pointer of the
// field. Both clients pass the test vectors of clients/vectors/ (docs/decisions/0007-feed-v2.md).

export const SCHEMA_VERSION = 2;
const FORMATS = { markdown: "md", html: "html" };
const REQUEST_TIMEOUT_MS = 10000;
const VERSION_ID = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const MOMENT = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})([+-])([0-9]{2}):([0-9]{2})$/;
const LANG = /^[a-z]{2,3}$/;
const POLICY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TIMEZONE = /^[A-Za-z]+(\/[A-Za-z0-9_+-]+)*$/;
const INTEGRITY = /^sha256-[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
const HTTP_URL = /^https?:\/\/[^/?#\s]+/i;
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DO_NOT_SHOW = "do not show it; fetch the feed and the text again";
const FEED_FIELDS = [
  "schema_version",
  "policy",
  "languages",
  "default_language",
  "authoritative_language",
  "timezone",
  "versions",
];
const VERSION_FIELDS = ["id", "effective_from", "consent_baseline", "documents"];

export class FeedError extends Error {
  constructor(kind, message, at = null) {
    super(message);
    this.name = "FeedError";
    this.kind = kind;
    this.at = at;
  }
}

export async function fetchFeed(url, options = {}) {
  const previous = options.previous ?? null;
  const etag = previous && previous.url === url ? previous.etag : null;
  const response = await get(url, options, etag);
  if (response.status === 304) return previous;
  return parseFeed(await readBody(response, url), url, response.headers.get("ETag"));
}

export function parseFeed(body, url, etag = null) {
  requireHttpUrl(url);
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : toBytes(body);
  let data;
  try {
    data = JSON.parse(decodeUtf8(bytes));
  } catch (err) {
    throw new FeedError("json", `the feed at ${url} is not UTF-8 JSON (${err.message})`);
  }
  checkShape(data);
  checkRules(data);
  return Object.freeze({ url, etag: etag ?? null, body: bytes, data });
}

export function versionInForce(feed, instant) {
  const time = timeOf(instant);
  return feed.data.versions.find((version) => instantOf(version.effective_from) <= time) ?? null;
}

export function nextChange(feed, instant) {
  const time = timeOf(instant);
  const later = feed.data.versions.map((v) => instantOf(v.effective_from)).filter((t) => t > time);
  return later.length ? new Date(Math.min(...later)) : null;
}

export function mustAccept(feed, acceptedId, instant) {
  if (acceptedId !== null && acceptedId !== undefined) idKey(acceptedId);
  const shown = versionInForce(feed, instant);
  if (shown === null) return false;
  if (acceptedId === null || acceptedId === undefined) return true;
  return shown.consent_baseline !== null && compareIds(acceptedId, shown.consent_baseline) < 0;
}

export function chooseDocument(feed, versionId, lang) {
  const version = findVersion(feed, versionId);
  const chosen = chooseLanguage(version.documents, lang, feed.data.default_language);
  const listed = version.documents[chosen];
  const file = (format) => ({
    url: resolve(feed.url, `versions/${versionId}/${chosen}.${FORMATS[format]}`),
    integrity: listed[format].integrity,
    bytes: listed[format].bytes,
  });
  return { versionId, lang: chosen, markdown: file("markdown"), html: file("html") };
}

export async function downloadText(feed, versionId, lang, options = {}) {
  const format = options.format ?? "markdown";
  requireFormat(format);
  const file = chooseDocument(feed, versionId, lang)[format];
  const body = await readBody(await get(file.url, options, null), file.url);
  return verifyText(feed, versionId, lang, format, body, options);
}

export async function verifyText(feed, versionId, lang, format, body, options = {}) {
  requireFormat(format);
  const document = chooseDocument(feed, versionId, lang);
  const file = document[format];
  const bytes = toBytes(body);
  if (bytes.length !== file.bytes) {
    const problem = `is ${bytes.length} bytes, the feed says ${file.bytes}`;
    throw new FeedError("size", `the text at ${file.url} ${problem}: ${DO_NOT_SHOW}`);
  }
  const found = await integrity(bytes, options);
  if (found !== file.integrity) {
    const problem = `has integrity ${found}, the feed says ${file.integrity}`;
    throw new FeedError("integrity", `the text at ${file.url} ${problem}: ${DO_NOT_SHOW}`);
  }
  let text;
  try {
    text = decodeUtf8(bytes);
  } catch (err) {
    throw new FeedError("encoding", `the text at ${file.url} is not UTF-8 (${err.message})`);
  }
  return { versionId, lang: document.lang, format, url: file.url, integrity: file.integrity, text };
}

export function compareIds(a, b) {
  const [majorA, minorA] = idKey(a);
  const [majorB, minorB] = idKey(b);
  return compareIntegers(majorA, majorB) || compareIntegers(minorA, minorB);
}

export async function integrity(content, options = {}) {
  const subtle = (options.crypto ?? globalThis.crypto)?.subtle;
  if (!subtle) {
    throw new FeedError("crypto", "no WebCrypto here to compute SHA-256: pass one as options.crypto");
  }
  const digest = new Uint8Array(await subtle.digest("SHA-256", toBytes(content)));
  return `sha256-${base64(digest)}`;
}

// Reading the feed.

function chooseLanguage(documents, lang, fallback) {
  const tag = typeof lang === "string" ? lang.trim().toLowerCase().replace(/_/g, "-") : "";
  for (const candidate of [tag, tag.split("-")[0]]) {
    if (candidate && hasOwn(documents, candidate)) return candidate;
  }
  return fallback;
}

function findVersion(feed, versionId) {
  const found = feed.data.versions.find((version) => version.id === versionId);
  if (!found) {
    const listed = feed.data.versions.map((version) => version.id).join(", ");
    throw new FeedError("version", `the feed has no version ${show(versionId)} (versions: ${listed})`);
  }
  return found;
}

function requireFormat(format) {
  if (!hasOwn(FORMATS, format)) {
    throw new FeedError("format", `format ${show(format)} is not one of ${Object.keys(FORMATS).join(", ")}`);
  }
}

function idKey(versionId) {
  const match = typeof versionId === "string" ? VERSION_ID.exec(versionId) : null;
  if (!match) throw new FeedError("id", `${show(versionId)} is not a version id: MAJOR.MINOR, like 1.0 or 1.10`);
  return [match[1], match[2]];
}

// Integers as decimal digits without leading zeros, of any size: the longer is the larger.
function compareIntegers(a, b) {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function timeOf(instant) {
  const time = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(time)) throw new FeedError("instant", `${show(instant)} is not an instant: pass a valid Date`);
  return time;
}

// Milliseconds since the epoch of an instant as the feed writes it, or null when it is no real instant.
function instantOf(text) {
  const match = typeof text === "string" ? MOMENT.exec(text) : null;
  if (!match) return null;
  const [year, month, day, hour, minute, second, sign, offsetHours, offsetMinutes] = match
    .slice(1)
    .map((part) => (part === "+" || part === "-" ? part : Number(part)));
  const valid = [
    year >= 1,
    month >= 1 && month <= 12,
    day >= 1 && day <= daysIn(year, month),
    hour <= 23 && minute <= 59 && second <= 59,
    offsetHours <= 23 && offsetMinutes <= 59,
  ];
  if (valid.includes(false)) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime() - (sign === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60000;
}

function daysIn(year, month) {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

// Checking the feed: first its shape, as its schema (policy.schema.json) states it, then the rules
// a schema cannot state. Each failure names the field by its JSON Pointer.

function checkShape(feed) {
  object(feed, "", FEED_FIELDS);
  if (feed.schema_version !== SCHEMA_VERSION) {
    const problem = `schema_version is ${show(feed.schema_version)}: this client reads ${SCHEMA_VERSION}`;
    malformed("/schema_version", problem);
  }
  object(feed.policy, "/policy", ["id", "title"]);
  string(feed.policy.id, "/policy/id", POLICY_ID, "an id like qlever-privacy");
  perLanguageText(feed.policy.title, "/policy/title");
  list(feed.languages, "/languages");
  feed.languages.forEach((lang, index) => string(lang, `/languages/${index}`, LANG, "a language code like ru"));
  if (new Set(feed.languages).size !== feed.languages.length) malformed("/languages", "a language is listed twice");
  string(feed.default_language, "/default_language", LANG, "a language code like ru");
  string(feed.authoritative_language, "/authoritative_language", LANG, "a language code like ru");
  string(feed.timezone, "/timezone", TIMEZONE, "a time zone like Asia/Bishkek");
  list(feed.versions, "/versions");
  feed.versions.forEach((version, index) => checkVersion(version, `/versions/${index}`));
}

function checkVersion(version, where) {
  object(version, where, VERSION_FIELDS);
  string(version.id, `${where}/id`, VERSION_ID, "a version id like 1.0 or 1.10");
  const moment = "an instant like 2026-12-15T00:00:00+06:00";
  string(version.effective_from, `${where}/effective_from`, MOMENT, moment);
  const baseline = version.consent_baseline;
  if (baseline !== null && !(typeof baseline === "string" && VERSION_ID.test(baseline))) {
    malformed(`${where}/consent_baseline`, `${show(baseline)} is neither a version id nor null`);
  }
  const documents = version.documents;
  object(documents, `${where}/documents`, []);
  const langs = Object.keys(documents);
  if (!langs.length) malformed(`${where}/documents`, "no document");
  const badLang = langs.find((lang) => !LANG.test(lang));
  if (badLang !== undefined) malformed(`${where}/documents`, `${show(badLang)} is not a language code like ru`);
  for (const lang of langs) {
    const document = documents[lang];
    object(document, `${where}/documents/${lang}`, Object.keys(FORMATS));
    for (const format of Object.keys(FORMATS)) checkFile(document[format], `${where}/documents/${lang}/${format}`);
  }
}

function checkFile(file, where) {
  object(file, where, ["integrity", "bytes"]);
  string(file.integrity, `${where}/integrity`, INTEGRITY, "sha256- and the base64 of a SHA-256");
  if (typeof file.bytes !== "number" || !Number.isInteger(file.bytes)) {
    malformed(`${where}/bytes`, `${show(file.bytes)} is not a whole number of bytes`);
  }
  if (file.bytes < 1) malformed(`${where}/bytes`, `${file.bytes} is not a size: a text has at least 1 byte`);
}

function perLanguageText(texts, where) {
  object(texts, where, []);
  const langs = Object.keys(texts);
  if (!langs.length) malformed(where, "no text in any language");
  const badLang = langs.find((lang) => !LANG.test(lang));
  if (badLang !== undefined) malformed(where, `${show(badLang)} is not a language code like ru`);
  for (const lang of langs) {
    if (typeof texts[lang] !== "string") malformed(`${where}/${lang}`, `${show(texts[lang])} is not a string`);
    if (!texts[lang]) malformed(`${where}/${lang}`, "is empty");
  }
}

function checkRules(feed) {
  for (const field of ["default_language", "authoritative_language"]) {
    if (!feed.languages.includes(feed[field])) {
      malformed(`/${field}`, `${show(feed[field])} is not one of languages (${feed.languages.join(", ")})`);
    }
  }
  const versions = feed.versions;
  const ids = versions.map((version) => version.id);
  versions.forEach((version, index) => {
    const where = `/versions/${index}`;
    const time = instantOf(version.effective_from);
    if (time === null) {
      malformed(`${where}/effective_from`, `${show(version.effective_from)} is not a real date and time`);
    }
    if (index) {
      const newer = versions[index - 1];
      if (compareIds(version.id, newer.id) >= 0) {
        malformed(`${where}/id`, `${version.id} follows ${newer.id}: versions go newest first`);
      }
      if (time >= instantOf(newer.effective_from)) {
        const problem = `is not before ${newer.effective_from}, when ${newer.id} takes effect`;
        malformed(`${where}/effective_from`, `${version.effective_from} ${problem}`);
      }
    }
    const missing = feed.languages.filter((lang) => !hasOwn(version.documents, lang));
    if (missing.length) malformed(`${where}/documents`, `no document in ${missing.join(", ")}`);
    const baseline = version.consent_baseline;
    if (baseline !== null && !ids.slice(index).includes(baseline)) {
      malformed(`${where}/consent_baseline`, `${baseline} is not a version listed at or before ${version.id}`);
    }
  });
}

function object(value, where, required) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    malformed(where, `${show(value)} is not an object`);
  }
  const missing = required.find((field) => !hasOwn(value, field));
  if (missing !== undefined) malformed(`${where}/${missing}`, "is missing");
}

function list(value, where) {
  if (!Array.isArray(value)) malformed(where, `${show(value)} is not a list`);
  if (!value.length) malformed(where, "is empty");
}

function string(value, where, pattern, description) {
  if (typeof value !== "string") malformed(where, `${show(value)} is not a string`);
  if (!pattern.test(value)) malformed(where, `${show(value)} is not ${description}`);
}

function malformed(at, problem) {
  throw new FeedError("malformed", `the feed is malformed at ${at || "/"}: ${problem}`, at);
}

// Bytes, text and HTTP.

function hasOwn(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function show(value) {
  return value === undefined ? "undefined" : JSON.stringify(value);
}

function toBytes(body) {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("expected bytes: a Uint8Array or an ArrayBuffer");
}

// Strict UTF-8, keeping a byte order mark, as Python's bytes.decode("utf-8") does.
function decodeUtf8(bytes) {
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
}

function base64(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? BASE64[n & 63] : "=";
  }
  return out;
}

function requireHttpUrl(url) {
  if (typeof url !== "string" || !HTTP_URL.test(url)) {
    const example = "https://privacy.qlever.asia/api/v2/policy.json";
    throw new FeedError("url", `${show(url)} is not an absolute http(s) address, like ${example}`);
  }
}

// A path relative to the feed's address, as a browser resolves it: beside policy.json.
function resolve(feedUrl, path) {
  const bare = feedUrl.split(/[?#]/)[0];
  const pathStart = bare.indexOf("/", bare.indexOf("//") + 2);
  return (pathStart < 0 ? `${bare}/` : bare.slice(0, bare.lastIndexOf("/") + 1)) + path;
}

async function get(url, options, etag) {
  requireHttpUrl(url);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") throw new FeedError("fetch", "no fetch here: pass one as options.fetch");
  const headers = etag ? { "If-None-Match": etag } : {};
  const timeout = typeof globalThis.AbortSignal?.timeout === "function";
  const signal = options.signal ?? (timeout ? AbortSignal.timeout(REQUEST_TIMEOUT_MS) : undefined);
  let response;
  try {
    response = await fetchImpl(url, { headers, signal });
  } catch (err) {
    throw new FeedError("fetch", `could not fetch ${url}: ${err.message}`);
  }
  if (response.status === 304 && etag) return response;
  if (response.status !== 200) {
    throw new FeedError("fetch", `${url} answered HTTP ${response.status} ${response.statusText}`);
  }
  return response;
}

// The body as received: fetch has already undone any Content-Encoding (gzip), as hashes require.
async function readBody(response, url) {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (err) {
    throw new FeedError("fetch", `could not read ${url}: ${err.message}`);
  }
}
