// Freshness, as TUF's client does it: the signed timestamp.json beside the feed says which feed is current
// and until when (docs/decisions/0015-fresh-feed-and-no-rollback.md). Each broken rule is its own kind:
// expired (past its expiry and the grace the app allows), timestamp (none, a malformed one, or a feed whose
// bytes are not those it names), rollback (older than the one held).
import { FeedError } from "./errors.js";
import { decodeUtf8, hasOwn, integrity, readJson, refuseOversized, show, toBytes } from "./http.js";
import { verifySignature } from "./signatures.js";

export const TIMESTAMP_FILE = "timestamp.json";

const MOMENT = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})([+-])([0-9]{2}):([0-9]{2})$/;
const INTEGRITY = /^sha256-[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

export async function parseTimestamp(body, signature, keys, options = {}) {
  const bytes = toBytes(body);
  const what = options.what ?? TIMESTAMP_FILE;
  refuseOversized(bytes, "timestamp", what);
  let verifiedBy = [];
  if (keys !== null && keys !== undefined) {
    const signatureBytes = signature === null || signature === undefined ? null : toBytes(signature);
    verifiedBy = await verifySignature(bytes, signatureBytes, keys, options, what);
  } else if (options.insecureAcceptUnsigned !== true) {
    const advice = "pass keys, or insecureAcceptUnsigned: true";
    throw new FeedError("signature", `no keys are pinned, so timestamp.json cannot be checked: ${advice}`);
  }
  let data;
  try {
    data = readJson(decodeUtf8(bytes));
  } catch (err) {
    throw new FeedError("timestamp", `timestamp.json is not UTF-8 JSON (${err.message})`);
  }
  checkTimestampShape(data);
  const keep = keys !== null && keys !== undefined ? toBytes(signature) : null;
  return Object.freeze({ body: bytes, data, signature: keep, verifiedBy });
}

export function checkFresh(timestamp, instant, kept = null, graceSeconds = 0) {
  const time = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(time)) throw new FeedError("instant", `${show(instant)} is not an instant: pass a valid Date`);
  if (time > instantOf(timestamp.data.expires) + graceSeconds * 1000) {
    const grace = graceSeconds ? ` (and the grace of ${graceSeconds} seconds allowed)` : "";
    const advice = "the feed may be frozen by a stale cache or replayed; keep the last good copy, and try again later";
    throw new FeedError("expired", `timestamp.json expired at ${timestamp.data.expires}${grace}: ${advice}`);
  }
  if (kept && instantOf(timestamp.data.issued) < instantOf(kept.data.issued)) {
    const problem = `was issued at ${timestamp.data.issued}, before the one held (${kept.data.issued})`;
    throw new FeedError("rollback", `timestamp.json ${problem}: an older feed replayed; keep the last good copy`);
  }
  return timestamp;
}

export async function checkFeedBytes(timestamp, body, url, options = {}) {
  const bytes = toBytes(body);
  const named = timestamp.data.feed;
  const found = await integrity(bytes, options);
  if (bytes.length !== named.bytes || found !== named.integrity) {
    const problem = `is ${bytes.length} bytes with integrity ${found}, timestamp.json names ${named.bytes} bytes with ${named.integrity}`;
    const advice = "not the current feed (a stale cache, or one replayed); keep the last good copy, and try again later";
    throw new FeedError("timestamp", `the feed at ${url} ${problem}: ${advice}`);
  }
}

// The shape timestamp.schema.json states, then its rules; each failure names the field.

export function checkTimestampShape(data) {
  const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isObject(data)) refuse("", `${show(data)} is not an object`);
  for (const field of ["schema_version", "feed", "issued", "expires"]) {
    if (!hasOwn(data, field)) refuse(`/${field}`, "is missing");
  }
  if (data.schema_version !== 2) refuse("/schema_version", `${show(data.schema_version)} is not 2`);
  if (!isObject(data.feed)) refuse("/feed", `${show(data.feed)} is not an object`);
  for (const field of ["path", "integrity", "bytes"]) {
    if (!hasOwn(data.feed, field)) refuse(`/feed/${field}`, "is missing");
  }
  if (data.feed.path !== "policy.json") refuse("/feed/path", `${show(data.feed.path)} is not "policy.json"`);
  if (typeof data.feed.integrity !== "string" || !INTEGRITY.test(data.feed.integrity)) {
    refuse("/feed/integrity", `${show(data.feed.integrity)} is not sha256- and the base64 of a SHA-256`);
  }
  if (!Number.isInteger(data.feed.bytes) || data.feed.bytes < 1) {
    refuse("/feed/bytes", `${show(data.feed.bytes)} is not a size: a whole number of bytes, at least 1`);
  }
  for (const field of ["issued", "expires"]) {
    if (typeof data[field] !== "string" || instantOf(data[field]) === null) {
      refuse(`/${field}`, `${show(data[field])} is not a real instant like 2026-12-15T00:00:00+06:00`);
    }
  }
  if (instantOf(data.expires) <= instantOf(data.issued)) {
    refuse("/expires", `${data.expires} is not after ${data.issued}, when it was issued`);
  }
}

function refuse(at, problem) {
  throw new FeedError("timestamp", `timestamp.json is malformed at ${at || "/"}: ${problem}`, at);
}

// Milliseconds since the epoch of an instant as the feed writes it, or null when it is no real instant.

export function instantOf(text) {
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

export function daysIn(year, month) {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}
