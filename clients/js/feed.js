// The feed: fetched or read from stored bytes, checked against its schema and the rules a schema cannot
// state, and what an app decides with it (docs/decisions/0007-feed-v2.md).
import { FeedError } from "./errors.js";
import {
  MAX_BYTES,
  decodeUtf8,
  get,
  hasOwn,
  readBody,
  readJson,
  refuseOversized,
  requireHttpUrl,
  resolve,
  show,
  toBytes,
} from "./http.js";
import { TIMESTAMP_FILE, checkFeedBytes, checkFresh, daysIn, instantOf, parseTimestamp } from "./freshness.js";
import { pinnedKeys, signatureUrl, verifySignature } from "./signatures.js";

export { daysIn, instantOf };

export const SCHEMA_VERSION = 2;

export const FORMATS = { markdown: "md", html: "html" };

export const VERSION_ID = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

export const MOMENT = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})([+-])([0-9]{2}):([0-9]{2})$/;

export const LANG = /^[a-z]{2,3}$/;

export const POLICY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const TIMEZONE = /^[A-Za-z]+(\/[A-Za-z0-9_+-]+)*$/;

export const INTEGRITY = /^sha256-[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

export const FEED_FIELDS = [
  "schema_version",
  "policy",
  "languages",
  "default_language",
  "authoritative_language",
  "timezone",
  "versions",
];

export const VERSION_FIELDS = ["id", "effective_from", "consent_baseline", "documents"];

export async function fetchFeed(url, options = {}) {
  const now = options.now;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new FeedError("instant", `now: ${show(now)} is not an instant: pass the device's clock, new Date()`);
  }
  requireHttpUrl(url);
  const previous = options.previous ?? null;
  const keys = options.keys ?? null;
  if (keys === null && options.insecureAcceptUnsigned !== true) {
    const advice = "pass keys (those of keys.json), or, while the feed is published unsigned, insecureAcceptUnsigned: true";
    throw new FeedError("signature", `no keys are pinned, so the feed at ${url} cannot be checked: ${advice}`);
  }
  const pinned = keys === null ? null : await pinnedKeys(keys);
  const stamp = checkFresh(await fetchTimestamp(url, options), now, previous?.timestamp ?? null, options.graceSeconds ?? 0);
  const reusable = previous && previous.url === url && (!pinned || previous.verifiedBy.some((kid) => pinned.has(kid)));
  const response = await get(url, options, reusable ? previous.etag : null);
  if (response.status === 304) {
    await checkFeedBytes(stamp, previous.body, url, options);
    return Object.freeze({ ...previous, timestamp: stamp });
  }
  const body = await readBody(response, url, MAX_BYTES.feed);
  await checkFeedBytes(stamp, body, url, options);
  const etag = response.headers.get("ETag");
  const feed =
    keys === null
      ? parseFeed(body, url, etag)
      : await parseSignedFeed(body, await fetchSignature(url, "the feed", options), url, { ...options, etag });
  if (previous) checkUpdate(previous, feed, now);
  return Object.freeze({ ...feed, timestamp: stamp });
}

// The fetched feed, refused (kind rollback, at the field of the kept feed) if it drops a version that is in
// force at the instant in the kept one, or changes its effective_from, consent_baseline, or the integrity of
// its Markdown in a language. A version not yet in force may still change: upcoming corrections.

export function checkUpdate(kept, fetched, instant) {
  const time = timeOf(instant);
  const listed = new Map(fetched.data.versions.map((version) => [version.id, version]));
  kept.data.versions.forEach((version, index) => {
    if (instantOf(version.effective_from) > time) return;
    const where = `/versions/${index}`;
    const found = listed.get(version.id);
    if (!found) rollback(where, `version ${version.id}, in force, is not in the feed fetched`);
    for (const field of ["effective_from", "consent_baseline"]) {
      if (found[field] !== version[field]) {
        rollback(`${where}/${field}`, `${version.id}'s ${field} was ${version[field]}, is ${found[field]}`);
      }
    }
    for (const [lang, document] of Object.entries(version.documents)) {
      const nowListed = hasOwn(found.documents, lang) ? found.documents[lang].markdown.integrity : undefined;
      if (nowListed !== document.markdown.integrity) {
        const problem = `the text of ${version.id} in ${lang} was ${document.markdown.integrity}, is ${nowListed}`;
        rollback(`${where}/documents/${lang}/markdown/integrity`, problem);
      }
    }
  });
  return fetched;
}

function rollback(at, problem) {
  const what = `the feed fetched takes back what the last good one put in force, at ${at}`;
  throw new FeedError("rollback", `${what}: ${problem}; keep the last good copy`, at);
}

async function fetchTimestamp(url, options) {
  const where = resolve(url, TIMESTAMP_FILE);
  let body;
  try {
    body = await readBody(await get(where, options, null, "timestamp"), where, MAX_BYTES.timestamp);
  } catch (err) {
    if (!(err instanceof FeedError) || err.kind !== "timestamp") throw err;
    throw new FeedError("timestamp", `there is no timestamp.json beside the feed at ${url}: ${err.message}`);
  }
  const keys = options.keys ?? null;
  const signature = keys === null ? null : await fetchSignature(where, "the timestamp", options);
  return parseTimestamp(body, signature, keys, { ...options, what: `the timestamp at ${where}` });
}

async function fetchSignature(url, what, options) {
  const where = signatureUrl(url);
  try {
    return await readBody(await get(where, options, null, "signature"), where, MAX_BYTES.signature);
  } catch (err) {
    if (!(err instanceof FeedError) || err.kind !== "signature") throw err;
    throw new FeedError("signature", `${what} at ${url} is not signed: ${err.message}; do not use it, keep the last good copy`);
  }
}

export function parseFeed(body, url, etag = null) {
  requireHttpUrl(url);
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : toBytes(body);
  refuseOversized(bytes, "feed", `the feed at ${url}`);
  let data;
  try {
    data = readJson(decodeUtf8(bytes));
  } catch (err) {
    throw new FeedError("json", `the feed at ${url} is not UTF-8 JSON (${err.message})`);
  }
  checkShape(data);
  checkRules(data);
  return Object.freeze({ url, etag: etag ?? null, body: bytes, data, signature: null, verifiedBy: [], timestamp: null });
}

export async function parseSignedFeed(body, signature, url, options = {}) {
  requireHttpUrl(url);
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : toBytes(body);
  refuseOversized(bytes, "feed", `the feed at ${url}`);
  const signatureBytes = signature === null || signature === undefined ? null : toBytes(signature);
  const verifiedBy = await verifySignature(bytes, signatureBytes, options.keys, options, `the feed at ${url}`);
  return Object.freeze({ ...parseFeed(bytes, url, options.etag ?? null), signature: signatureBytes, verifiedBy });
}

// versions/<id>.json from its bytes and its signature file's, checked in the feed's order: its size, the
// signature by a pinned key (without keys only with insecureAcceptUnsigned), JSON, its schema_version, and
// that it is the version asked for (kind version): a host that serves 1.0's file at 1.1's address is refused.

export async function parseVersionFile(body, signature, url, versionId, options = {}) {
  requireHttpUrl(url);
  idKey(versionId);
  const bytes = toBytes(body);
  const where = `the version file at ${url}`;
  refuseOversized(bytes, "version", where);
  const keys = options.keys ?? null;
  if (keys !== null) {
    const signatureBytes = signature === null || signature === undefined ? null : toBytes(signature);
    await verifySignature(bytes, signatureBytes, keys, options, where);
  } else if (options.insecureAcceptUnsigned !== true) {
    const advice = "pass keys, or insecureAcceptUnsigned: true";
    throw new FeedError("signature", `no keys are pinned, so ${where} cannot be checked: ${advice}`);
  }
  let data;
  try {
    data = readJson(decodeUtf8(bytes));
  } catch (err) {
    throw new FeedError("json", `${where} is not UTF-8 JSON (${err.message})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new FeedError("malformed", `${where} is not an object`, "");
  }
  if (data.schema_version !== SCHEMA_VERSION) {
    const problem = `has schema_version ${show(data.schema_version)}: this client reads 2`;
    throw new FeedError("malformed", `${where} ${problem}`, "/schema_version");
  }
  if (data.id !== versionId) {
    throw new FeedError("version", `${where} is of version ${show(data.id)}, not ${versionId}: do not show it`);
  }
  return data;
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

export function compareIds(a, b) {
  const [majorA, minorA] = idKey(a);
  const [majorB, minorB] = idKey(b);
  return compareIntegers(majorA, majorB) || compareIntegers(minorA, minorB);
}

export function findVersion(feed, versionId) {
  const found = feed.data.versions.find((version) => version.id === versionId);
  if (!found) {
    const listed = feed.data.versions.map((version) => version.id).join(", ");
    throw new FeedError("version", `the feed has no version ${show(versionId)} (versions: ${listed})`);
  }
  return found;
}

export function idKey(versionId) {
  const match = typeof versionId === "string" ? VERSION_ID.exec(versionId) : null;
  if (!match) throw new FeedError("id", `${show(versionId)} is not a version id: MAJOR.MINOR, like 1.0 or 1.10`);
  return [match[1], match[2]];
}

// Integers as decimal digits without leading zeros, of any size: the longer is the larger.

export function compareIntegers(a, b) {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function timeOf(instant) {
  const time = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(time)) throw new FeedError("instant", `${show(instant)} is not an instant: pass a valid Date`);
  return time;
}

// Signatures and pinned keys.

export function checkShape(feed) {
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

export function checkVersion(version, where) {
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

export function checkFile(file, where) {
  object(file, where, ["integrity", "bytes"]);
  string(file.integrity, `${where}/integrity`, INTEGRITY, "sha256- and the base64 of a SHA-256");
  if (typeof file.bytes !== "number" || !Number.isInteger(file.bytes)) {
    malformed(`${where}/bytes`, `${show(file.bytes)} is not a whole number of bytes`);
  }
  if (file.bytes < 1) malformed(`${where}/bytes`, `${file.bytes} is not a size: a text has at least 1 byte`);
}

export function perLanguageText(texts, where) {
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

export function checkRules(feed) {
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

export function object(value, where, required) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    malformed(where, `${show(value)} is not an object`);
  }
  const missing = required.find((field) => !hasOwn(value, field));
  if (missing !== undefined) malformed(`${where}/${missing}`, "is missing");
}

export function list(value, where) {
  if (!Array.isArray(value)) malformed(where, `${show(value)} is not a list`);
  if (!value.length) malformed(where, "is empty");
}

export function string(value, where, pattern, description) {
  if (typeof value !== "string") malformed(where, `${show(value)} is not a string`);
  if (!pattern.test(value)) malformed(where, `${show(value)} is not ${description}`);
}

export function malformed(at, problem) {
  throw new FeedError("malformed", `the feed is malformed at ${at || "/"}: ${problem}`, at);
}

// Bytes, text and HTTP.
