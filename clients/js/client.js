// The reference client of the Qlever privacy policy's version feed v2, twin of scripts/policy/api/client.py.
//
//   const url = "https://privacy.qlever.asia/api/v2/policy.json";
//   const feed = await fetchFeed(url, { previous: storedFeed, keys: PINNED_KEYS }); // signature checked
//   const now = new Date();                                    // the device's clock, never the feed's
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

export const SCHEMA_VERSION = 2;
// The deepest arrays and objects may nest in a file the client reads (the feed nests 6 deep). Deeper
// JSON is refused before it is parsed: a parser recursing into it would run out of stack.
export const MAX_DEPTH = 64;
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
const KID = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
const SIGNATURE = /^[A-Za-z0-9+/]{85}[AQgw]==$/;
const RECORD_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})\.([0-9]{3})Z$/;
const RECORD_URL = /^https?:\/\/[^/?#\s]+\/\S*$/;
const RECORD_FIELDS = ["schema_version", "record_id", "pii_principal_id", "privacy_notice", "language", "events"];
const NOTICE_FIELDS = ["policy_id", "version", "format", "url", "integrity"];
const EVENT_FIELDS = ["event_time", "event_state", "event_type", "entity_id", "validity_duration", "indication_method"];
const GIVEN = "dpv:ConsentGiven";
const WITHDRAWN = "dpv:ConsentWithdrawn";
const EVENT_CONSTANTS = {
  event_type: "dpv:ExpressedConsent",
  entity_id: "dpv:DataSubject",
  validity_duration: "dpv:UntilEventDuration",
};
// Of derived record ids: uuid5(NAMESPACE_URL, "https://privacy.qlever.asia/api/v2/consent-record.schema.json").
const RECORD_NAMESPACE = "c5a62cef-e406-5acf-91db-3f9fccd9430b";
export const RECORD_SCHEMA_VERSION = 1;
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
  const keys = options.keys ?? null;
  const pinned = keys === null ? null : await pinnedKeys(keys);
  const reusable = previous && previous.url === url && (!pinned || previous.verifiedBy.some((kid) => pinned.has(kid)));
  const response = await get(url, options, reusable ? previous.etag : null);
  if (response.status === 304) return previous;
  const body = await readBody(response, url);
  const etag = response.headers.get("ETag");
  if (keys === null) return parseFeed(body, url, etag);
  const where = signatureUrl(url);
  let signature;
  try {
    signature = await readBody(await get(where, options, null, "signature"), where);
  } catch (err) {
    if (!(err instanceof FeedError) || err.kind !== "signature") throw err;
    const advice = "do not use it, keep the last good copy";
    throw new FeedError("signature", `the feed at ${url} is not signed: ${err.message}; ${advice}`);
  }
  return parseSignedFeed(body, signature, url, { ...options, etag });
}

export function parseFeed(body, url, etag = null) {
  requireHttpUrl(url);
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : toBytes(body);
  let data;
  try {
    data = readJson(decodeUtf8(bytes));
  } catch (err) {
    throw new FeedError("json", `the feed at ${url} is not UTF-8 JSON (${err.message})`);
  }
  checkShape(data);
  checkRules(data);
  return Object.freeze({ url, etag: etag ?? null, body: bytes, data, signature: null, verifiedBy: [] });
}

export async function parseSignedFeed(body, signature, url, options = {}) {
  requireHttpUrl(url);
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : toBytes(body);
  const signatureBytes = signature === null || signature === undefined ? null : toBytes(signature);
  const verifiedBy = await verifySignature(bytes, signatureBytes, options.keys, options, `the feed at ${url}`);
  return Object.freeze({ ...parseFeed(bytes, url, options.etag ?? null), signature: signatureBytes, verifiedBy });
}

export async function verifySignature(body, signature, keys, options = {}, what = "the file") {
  const pinned = await pinnedKeys(keys);
  if (signature === null || signature === undefined) {
    throw new FeedError("signature", `there is no signature of ${what}, and keys are pinned: do not use it`);
  }
  const bytes = toBytes(body);
  const byPinned = readSignatureFile(toBytes(signature)).filter((entry) => pinned.has(entry.kid));
  if (!byPinned.length) {
    const names = [...pinned.keys()].join(", ");
    const advice = "do not use it; keep the last good copy";
    throw new FeedError("signature", `no signature of ${what} is by a pinned key (pinned: ${names}): ${advice}`);
  }
  for (const entry of byPinned) {
    if (!(await verifyEd25519(pinned.get(entry.kid), fromBase64(entry.signature), bytes, options))) {
      const problem = "does not match its bytes: they are not what was published, or were changed on the way";
      const advice = "do not use it, keep the last good copy";
      throw new FeedError("signature", `the signature of ${what} by key ${entry.kid} ${problem}; ${advice}`);
    }
  }
  return [...new Set(byPinned.map((entry) => entry.kid))];
}

export function signatureUrl(url) {
  requireHttpUrl(url);
  const bare = url.split("#")[0].split("?")[0];
  if (!bare.endsWith(".json")) {
    throw new FeedError("url", `${show(url)} does not end in .json, so it has no signature file beside it`);
  }
  return `${bare.slice(0, -".json".length)}.sig.json`;
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

export async function consentRecord(feed, text, instant, method, options = {}) {
  const time = recordTimeOf(instant);
  const record = {
    schema_version: RECORD_SCHEMA_VERSION,
    record_id: "pending",
    pii_principal_id: options.userId === undefined ? null : options.userId,
    privacy_notice: {
      policy_id: feed.data.policy.id,
      version: text.versionId,
      format: text.format,
      url: text.url,
      integrity: text.integrity,
    },
    language: text.lang,
    events: [consentEvent(GIVEN, time, method)],
  };
  const given = options.recordId;
  if (given === undefined || given === null) {
    checkConsentRecord(record);
    record.record_id = await derivedRecordId(record, options);
  } else {
    record.record_id = typeof given === "function" ? given() : given;
  }
  return checkConsentRecord(record, feed);
}

export function checkConsentRecord(record, feed = null) {
  checkRecordShape(record);
  const times = record.events.map((event, index) => {
    const time = recordInstant(event.event_time);
    if (time === null) refuseRecord(`/events/${index}/event_time`, `${event.event_time} is not a real instant`);
    return time;
  });
  if (times.length > 1 && times[1] < times[0]) {
    const [given, withdrawn] = record.events.map((event) => event.event_time);
    refuseRecord("/events/1/event_time", `consent is withdrawn at ${withdrawn}, before it was given at ${given}`);
  }
  if (feed) checkRecordAgainst(record, feed);
  return record;
}

export function withdrawConsent(record, instant, method) {
  const time = recordTimeOf(instant);
  checkConsentRecord(record);
  if (record.events.length > 1) {
    refuseRecord("/events/1", `consent was withdrawn already, at ${record.events[1].event_time}`);
  }
  const withdrawn = JSON.parse(JSON.stringify(record));
  withdrawn.events.push(consentEvent(WITHDRAWN, time, method));
  return checkConsentRecord(withdrawn);
}

export function recordCovers(feed, record, instant) {
  const time = timeOf(instant);
  checkConsentRecord(record);
  const policyId = feed.data.policy.id;
  if (record.privacy_notice.policy_id !== policyId) {
    const problem = `the record is of policy ${show(record.privacy_notice.policy_id)}, the feed of ${show(policyId)}`;
    refuseRecord("/privacy_notice/policy_id", problem);
  }
  let state = null;
  for (const event of record.events) {
    if (recordInstant(event.event_time) <= time) state = event.event_state;
  }
  return state === GIVEN && !mustAccept(feed, record.privacy_notice.version, instant);
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

// Signatures and pinned keys.

async function pinnedKeys(keys) {
  if (!Array.isArray(keys) || !keys.length) {
    throw new FeedError("key", "keys: pass a non-empty list of the public keys you pin, as keys.json lists them");
  }
  const pinned = new Map();
  keys.forEach((key, index) => {
    const problem = keyProblem(key);
    if (problem) {
      throw new FeedError("key", `pinned key ${index} ${problem}: pin the keys as keys.json lists them`, `/${index}`);
    }
    pinned.set(key.kid, fromBase64(key.x));
  });
  return pinned;
}

function keyProblem(key) {
  if (typeof key !== "object" || key === null || Array.isArray(key)) return "is not an object";
  if (hasOwn(key, "d")) return "is a private key: pin only the public half";
  if (key.kty !== "OKP" || key.crv !== "Ed25519") return "is not an Ed25519 key (kty OKP, crv Ed25519)";
  if (typeof key.kid !== "string" || !KID.test(key.kid)) return "has no kid like those of keys.json";
  if (typeof key.x !== "string" || !KID.test(key.x)) return "has no x, the base64url of its 32 bytes";
  return null;
}

// The signatures of a signature file, checked as signature.schema.json states.
function readSignatureFile(bytes) {
  let data;
  try {
    data = readJson(decodeUtf8(bytes));
  } catch (err) {
    throw new FeedError("signature", `the signature file is not UTF-8 JSON (${err.message})`);
  }
  const refuse = (at, problem) => {
    throw new FeedError("signature", `the signature file is malformed at ${at || "/"}: ${problem}`, at);
  };
  const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isObject(data)) refuse("", `${show(data)} is not an object`);
  if (!hasOwn(data, "signatures")) refuse("/signatures", "is missing");
  if (!Array.isArray(data.signatures)) refuse("/signatures", "is not a list");
  if (!data.signatures.length) refuse("/signatures", "is empty");
  data.signatures.forEach((entry, index) => {
    const where = `/signatures/${index}`;
    if (!isObject(entry)) refuse(where, `${show(entry)} is not an object`);
    for (const [field, pattern] of [
      ["kid", KID],
      ["signature", SIGNATURE],
    ]) {
      if (!hasOwn(entry, field)) refuse(`${where}/${field}`, "is missing");
      if (typeof entry[field] !== "string" || !pattern.test(entry[field])) {
        refuse(`${where}/${field}`, `${show(entry[field])} is not a ${field} as signature.schema.json states`);
      }
    }
  });
  return data.signatures;
}

async function verifyEd25519(publicKey, signature, body, options) {
  if (options.verifyEd25519) return Boolean(await options.verifyEd25519(body, signature, publicKey));
  const subtle = (options.crypto ?? globalThis.crypto)?.subtle;
  if (!subtle) {
    const hook = "pass one as options.crypto, or a verifier as options.verifyEd25519";
    throw new FeedError("crypto", `no WebCrypto here to verify Ed25519 signatures: ${hook}`);
  }
  let key;
  try {
    key = await subtle.importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"]);
  } catch (err) {
    const hook = "pass a verifier as options.verifyEd25519, such as tweetnacl's nacl.sign.detached.verify";
    throw new FeedError("crypto", `this platform's WebCrypto has no Ed25519 (${err.message}): ${hook}`);
  }
  return subtle.verify({ name: "Ed25519" }, key, signature, body);
}

// Consent records: their shape, as consent-record.schema.json states it, then their rules.

function consentEvent(state, time, method) {
  return { event_time: time, event_state: state, ...EVENT_CONSTANTS, indication_method: method };
}

async function derivedRecordId(record, options) {
  const notice = record.privacy_notice;
  const event = record.events[0];
  const content = [
    notice.policy_id,
    notice.version,
    record.language,
    notice.format,
    notice.integrity,
    event.event_time,
    event.indication_method,
    record.pii_principal_id,
  ];
  return uuid5(RECORD_NAMESPACE, JSON.stringify(content), options);
}

// A name-based UUID, version 5 (RFC 9562): SHA-1 of the namespace's bytes and the name's UTF-8.
async function uuid5(namespace, name, options) {
  const subtle = (options.crypto ?? globalThis.crypto)?.subtle;
  if (!subtle) throw new FeedError("crypto", "no WebCrypto here to derive a record id: pass one as options.crypto");
  const space = Uint8Array.from(namespace.replace(/-/g, "").match(/../g), (pair) => parseInt(pair, 16));
  const text = new TextEncoder().encode(name);
  const input = new Uint8Array(space.length + text.length);
  input.set(space);
  input.set(text, space.length);
  const bytes = new Uint8Array(await subtle.digest("SHA-1", input)).slice(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
}

function checkRecordShape(record) {
  recordObject(record, "", RECORD_FIELDS);
  if (record.schema_version !== RECORD_SCHEMA_VERSION) {
    refuseRecord("/schema_version", `schema_version is ${show(record.schema_version)}: this client reads 1`);
  }
  identifier(record.record_id, "/record_id");
  if (record.pii_principal_id !== null) identifier(record.pii_principal_id, "/pii_principal_id");
  const notice = record.privacy_notice;
  recordObject(notice, "/privacy_notice", NOTICE_FIELDS);
  recordString(notice.policy_id, "/privacy_notice/policy_id", POLICY_ID, "a policy id like qlever-privacy");
  recordString(notice.version, "/privacy_notice/version", VERSION_ID, "a version id like 1.0 or 1.10");
  if (!hasOwn(FORMATS, notice.format) || typeof notice.format !== "string") {
    refuseRecord("/privacy_notice/format", `${show(notice.format)} is not markdown or html`);
  }
  recordString(notice.url, "/privacy_notice/url", RECORD_URL, "an absolute http(s) address");
  recordString(notice.integrity, "/privacy_notice/integrity", INTEGRITY, "sha256- and the base64 of a SHA-256");
  recordString(record.language, "/language", LANG, "a language code like ru");
  const events = record.events;
  if (!Array.isArray(events)) refuseRecord("/events", `${show(events)} is not a list`);
  if (!events.length) refuseRecord("/events", "is empty");
  if (events.length > 2) refuseRecord("/events", "holds more than the consent given and its withdrawal");
  events.forEach((event, index) => {
    const where = `/events/${index}`;
    recordObject(event, where, EVENT_FIELDS);
    recordString(event.event_time, `${where}/event_time`, RECORD_TIME, "an instant in UTC to the millisecond");
    const state = index === 0 ? GIVEN : WITHDRAWN;
    if (event.event_state !== state) refuseRecord(`${where}/event_state`, `${show(event.event_state)} is not ${state}`);
    for (const [field, value] of Object.entries(EVENT_CONSTANTS)) {
      if (event[field] !== value) refuseRecord(`${where}/${field}`, `${show(event[field])} is not ${value}`);
    }
    identifier(event.indication_method, `${where}/indication_method`);
  });
}

function checkRecordAgainst(record, feed) {
  const notice = record.privacy_notice;
  const policyId = feed.data.policy.id;
  if (notice.policy_id !== policyId) {
    const problem = `the record is of policy ${show(notice.policy_id)}, the feed of ${show(policyId)}`;
    refuseRecord("/privacy_notice/policy_id", problem);
  }
  const version = feed.data.versions.find((listed) => listed.id === notice.version);
  if (!version) refuseRecord("/privacy_notice/version", `the feed lists no version ${notice.version}`);
  if (!hasOwn(version.documents, record.language)) {
    refuseRecord("/language", `version ${notice.version} has no text in ${show(record.language)}`);
  }
  const listed = version.documents[record.language][notice.format].integrity;
  if (notice.integrity !== listed) {
    const what = `the ${notice.format} of ${notice.version} in ${record.language}`;
    const problem = `the feed lists ${listed} for ${what}, not ${notice.integrity}`;
    refuseRecord("/privacy_notice/integrity", `${problem}: the record is not of the text published`);
  }
}

function recordObject(value, where, required) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    refuseRecord(where, `${show(value)} is not an object`);
  }
  const missing = required.find((field) => !hasOwn(value, field));
  if (missing !== undefined) refuseRecord(`${where}/${missing}`, "is missing");
}

function recordString(value, where, pattern, description) {
  if (typeof value !== "string") refuseRecord(where, `${show(value)} is not a string`);
  if (!pattern.test(value)) refuseRecord(where, `${show(value)} is not ${description}`);
}

// An id or a method: text of 1 to 256 characters (code points, as JSON Schema counts them).
function identifier(value, where) {
  if (typeof value !== "string") refuseRecord(where, `${show(value)} is not a string`);
  const length = [...value].length;
  if (length < 1 || length > 256) refuseRecord(where, `is ${length} characters long, not 1 to 256`);
}

function refuseRecord(at, problem) {
  throw new FeedError("record", `the consent record is malformed at ${at || "/"}: ${problem}`, at);
}

// An instant as records write it: in UTC, to the millisecond (2026-12-20T06:30:00.000Z).
function recordTimeOf(instant) {
  const time = timeOf(instant);
  const year = instant.getUTCFullYear();
  if (year < 0 || year > 9999) throw new FeedError("instant", `${show(instant)} is not in the years 0 to 9999`);
  return new Date(time).toISOString();
}

// Milliseconds since the epoch of an instant as records write it, or null when it is no real instant.
function recordInstant(text) {
  const match = RECORD_TIME.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second, millisecond] = match.slice(1).map(Number);
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour <= 23;
  if (!valid || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
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
// JSON as the clients read it: nested at most MAX_DEPTH deep; a SyntaxError otherwise.
function readJson(text) {
  if (nestsDeeper(text, MAX_DEPTH)) {
    throw new SyntaxError(`arrays and objects nested deeper than the ${MAX_DEPTH} levels a client reads`);
  }
  return JSON.parse(text);
}

// Whether the arrays and objects of JSON text nest deeper than limit, read before it is parsed.
function nestsDeeper(text, limit) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") {
      if (++depth > limit) return true;
    } else if (char === "]" || char === "}") depth--;
  }
  return false;
}

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

// Bytes of base64 or base64url text already checked against its pattern; padding optional.
function fromBase64(text) {
  const digits = text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  const bytes = new Uint8Array(Math.floor((digits.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const digit of digits) {
    buffer = (buffer << 6) | BASE64.indexOf(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
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

async function get(url, options, etag, missing = "fetch") {
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
    const kind = response.status === 404 ? missing : "fetch";
    throw new FeedError(kind, `${url} answered HTTP ${response.status} ${response.statusText}`);
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
