// Consent records: made when a user accepts the text shown, checked, withdrawn, and whether one still
// covers the version in force (docs/decisions/0009-signed-feed-and-consent.md).
import { FeedError } from "./errors.js";
import { FORMATS, INTEGRITY, LANG, POLICY_ID, VERSION_ID, daysIn, mustAccept, timeOf } from "./feed.js";
import { hasOwn, show } from "./http.js";
import { integrity } from "./texts.js";

export const RECORD_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})\.([0-9]{3})Z$/;

export const RECORD_URL = /^https?:\/\/[^/?#\s]+\/\S*$/;

export const RECORD_FIELDS = ["schema_version", "record_id", "pii_principal_id", "privacy_notice", "language", "events"];

export const NOTICE_FIELDS = ["policy_id", "version", "format", "url", "integrity"];

export const EVENT_FIELDS = ["event_time", "event_state", "event_type", "entity_id", "validity_duration", "indication_method"];

export const GIVEN = "dpv:ConsentGiven";

export const WITHDRAWN = "dpv:ConsentWithdrawn";

export const EVENT_CONSTANTS = {
  event_type: "dpv:ExpressedConsent",
  entity_id: "dpv:DataSubject",
  validity_duration: "dpv:UntilEventDuration",
};

// Of derived record ids: uuid5(NAMESPACE_URL, "https://privacy.qlever.asia/api/v2/consent-record.schema.json").
export const RECORD_NAMESPACE = "c5a62cef-e406-5acf-91db-3f9fccd9430b";

// 2 binds a record to the feed it was decided on (its feed); records of schema_version 1, made before, have
// none, and are still read.
export const RECORD_SCHEMA_VERSION = 2;

export const KID = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

export const LANGUAGE_TAG = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/;

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
    ...(options.requestedLanguage === undefined ? {} : { requested_language: options.requestedLanguage }),
    feed: { integrity: await integrity(feed.body, options), kid: feed.verifiedBy[0] ?? null },
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
  if (!listsTheTextOf(feed, record)) return false;
  let state = null;
  for (const event of record.events) {
    if (recordInstant(event.event_time) <= time) state = event.event_state;
  }
  return state === GIVEN && !mustAccept(feed, record.privacy_notice.version, instant);
}

// Whether the feed lists the record's integrity for its version, language and format: a record binds to the
// exact text accepted, not to a version id (a text corrected before its date is another text).

export function listsTheTextOf(feed, record) {
  const notice = record.privacy_notice;
  const version = feed.data.versions.find((listed) => listed.id === notice.version);
  const document = version && hasOwn(version.documents, record.language) ? version.documents[record.language] : null;
  return document !== null && document[notice.format].integrity === notice.integrity;
}

// Reading the feed.

export function consentEvent(state, time, method) {
  return { event_time: time, event_state: state, ...EVENT_CONSTANTS, indication_method: method };
}

export async function derivedRecordId(record, options) {
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

export async function uuid5(namespace, name, options) {
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

// What a server does with a record an app sends: check it against the feed it names (the one whose bytes the
// server keeps by record.feed.integrity, read with parseSignedFeed so that its kid is known), and add
// received_at, the instant of the server's clock. Records of schema_version 1 name no feed.

export async function receiveConsentRecord(record, feed, instant, options = {}) {
  const time = recordTimeOf(instant);
  const checked = checkConsentRecord(record, feed);
  if (checked.schema_version >= 2) {
    const found = await integrity(feed.body, options);
    if (checked.feed.integrity !== found) {
      const problem = `the record was decided on the feed ${checked.feed.integrity}, not on the one given (${found})`;
      refuseRecord("/feed/integrity", `${problem}: check it against that feed`);
    }
  }
  return checkConsentRecord({ ...checked, received_at: time }, feed);
}

export function checkRecordShape(record) {
  recordObject(record, "", RECORD_FIELDS);
  if (record.schema_version !== 1 && record.schema_version !== 2) {
    refuseRecord("/schema_version", `schema_version is ${show(record.schema_version)}: this client reads 1 and 2`);
  }
  if (record.schema_version === 2 || hasOwn(record, "feed")) {
    recordObject(record.feed, "/feed", ["integrity", "kid"]);
    recordString(record.feed.integrity, "/feed/integrity", INTEGRITY, "sha256- and the base64 of a SHA-256");
    if (record.feed.kid !== null && !(typeof record.feed.kid === "string" && KID.test(record.feed.kid))) {
      refuseRecord("/feed/kid", `${show(record.feed.kid)} is neither a kid like those of keys.json nor null`);
    }
  }
  if (hasOwn(record, "requested_language")) {
    recordString(record.requested_language, "/requested_language", LANGUAGE_TAG, "a language tag like ru-KG");
  }
  if (hasOwn(record, "received_at")) {
    recordString(record.received_at, "/received_at", RECORD_TIME, "an instant in UTC to the millisecond");
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

export function checkRecordAgainst(record, feed) {
  const kid = record.schema_version >= 2 ? record.feed.kid : null;
  if (kid !== null && !feed.verifiedBy.includes(kid)) {
    const signers = feed.verifiedBy.join(", ") || "none: it was read unsigned";
    refuseRecord("/feed/kid", `the record says key ${kid} verified the feed; the feed given was by ${signers}`);
  }
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

export function recordObject(value, where, required) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    refuseRecord(where, `${show(value)} is not an object`);
  }
  const missing = required.find((field) => !hasOwn(value, field));
  if (missing !== undefined) refuseRecord(`${where}/${missing}`, "is missing");
}

export function recordString(value, where, pattern, description) {
  if (typeof value !== "string") refuseRecord(where, `${show(value)} is not a string`);
  if (!pattern.test(value)) refuseRecord(where, `${show(value)} is not ${description}`);
}

// An id or a method: text of 1 to 256 characters (code points, as JSON Schema counts them).

export function identifier(value, where) {
  if (typeof value !== "string") refuseRecord(where, `${show(value)} is not a string`);
  const length = [...value].length;
  if (length < 1 || length > 256) refuseRecord(where, `is ${length} characters long, not 1 to 256`);
}

export function refuseRecord(at, problem) {
  throw new FeedError("record", `the consent record is malformed at ${at || "/"}: ${problem}`, at);
}

// An instant as records write it: in UTC, to the millisecond (2026-12-20T06:30:00.000Z).

export function recordTimeOf(instant) {
  const time = timeOf(instant);
  const year = instant.getUTCFullYear();
  if (year < 0 || year > 9999) throw new FeedError("instant", `${show(instant)} is not in the years 0 to 9999`);
  return new Date(time).toISOString();
}

// Milliseconds since the epoch of an instant as records write it, or null when it is no real instant.

export function recordInstant(text) {
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
