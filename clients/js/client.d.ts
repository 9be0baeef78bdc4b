// Types of client.js, the reference client of the Qlever privacy policy's version feed v2.
// They need no DOM or Node typings: fetch and WebCrypto are described by what the client uses.

/** The feed's format this client reads: everything under /api/v2/. */
export declare const SCHEMA_VERSION: 2;

/** The deepest arrays and objects may nest in a file the client reads (64; the feed nests 6 deep). */
export declare const MAX_DEPTH: 64;

/** The largest file of each kind a client reads, in bytes; larger is refused (kind `size`) before it is parsed. */
export declare const MAX_BYTES: Readonly<{ feed: 2097152; version: 262144; signature: 16384; timestamp: 4096 }>;

/**
 * What went wrong:
 * - `url`: an address that is not absolute http(s);
 * - `fetch`: no answer, or an HTTP status other than 200 (and 304 to a conditional request);
 * - `json`: a feed that is not UTF-8 JSON, or whose arrays and objects nest deeper than `MAX_DEPTH`;
 * - `malformed`: a feed that breaks its schema or a rule of the contract (`at` names the field);
 * - `instant`: an instant that is not a valid Date;
 * - `id`: an id given to the client (the accepted one, or one to compare) that is not MAJOR.MINOR;
 * - `version`: a version the feed does not list;
 * - `format`: a format other than markdown and html;
 * - `size`: a text whose size is not the feed's, or a file larger than `MAX_BYTES` allows its kind (unparsed);
 * - `integrity`: a text whose SHA-256 is not the feed's;
 * - `timestamp`: no timestamp.json beside the feed, a malformed one (`at` names the field), or a feed whose bytes
 *   are not those it names;
 * - `expired`: a timestamp.json past its expiry and the grace the app allows: the feed may be frozen or replayed;
 * - `rollback`: a timestamp older than the one held, or a feed that takes back a version the last good one has in
 *   force (`at` names the field of the last good feed);
 * - `encoding`: a text that is not UTF-8;
 * - `signature`: a feed fetched without pinned keys (unless `insecureAcceptUnsigned`), or a feed (or file) unsigned,
 *   or whose signature by a pinned key is malformed or does not match;
 * - `key`: a pinned key that is not an Ed25519 public key as keys.json lists it (`at` names it in the list);
 * - `record`: a consent record that breaks its schema or a rule, or does not match the feed (`at` names the field);
 * - `crypto`: no WebCrypto to hash with (pass one as `options.crypto`), or none with Ed25519 (pass
 *   `options.verifyEd25519`).
 */
export type FeedErrorKind =
  | "url"
  | "fetch"
  | "json"
  | "malformed"
  | "instant"
  | "id"
  | "version"
  | "format"
  | "size"
  | "integrity"
  | "encoding"
  | "signature"
  | "key"
  | "record"
  | "timestamp"
  | "expired"
  | "rollback"
  | "crypto";

export declare class FeedError extends Error {
  constructor(kind: FeedErrorKind, message: string, at?: string | null);
  readonly name: "FeedError";
  readonly kind: FeedErrorKind;
  /** For a malformed feed, signature file or record, the JSON Pointer of the field to blame (of a missing one, the
   * field itself); for a pinned key, its place in the list. */
  readonly at: string | null;
}

/** How the feed lists a file: what its bytes hash to, and how many there are. */
export interface ListedFile {
  /** `sha256-` and the base64 of the SHA-256 of the file's bytes, as Subresource Integrity writes it. */
  integrity: string;
  bytes: number;
}

export interface FeedVersion {
  /** MAJOR.MINOR; compare with compareIds, never as text or as a number. */
  id: string;
  /** The instant it takes effect, with its offset: 2026-12-15T00:00:00+06:00. */
  effective_from: string;
  /** A user whose accepted id is lower must accept this version; null: no acceptance is ever void. */
  consent_baseline: string | null;
  documents: Record<string, { markdown: ListedFile; html: ListedFile }>;
}

/** The content of /api/v2/policy.json (fields a later v2 adds are kept, untyped). */
export interface FeedData {
  schema_version: 2;
  policy: { id: string; title: Record<string, string> };
  languages: string[];
  default_language: string;
  authoritative_language: string;
  timezone: string;
  /** Newest first. */
  versions: FeedVersion[];
}

/** A checked feed: where it is published (texts are found relative to it), its ETag, bytes and content. */
export interface Feed {
  readonly url: string;
  readonly etag: string | null;
  readonly body: Uint8Array;
  readonly data: FeedData;
  /** With pinned keys, the bytes of its signature file (policy.sig.json), to keep with the feed; else null. */
  readonly signature: Uint8Array | null;
  /** The kids of the pinned keys whose signatures matched; empty when no key was pinned. */
  readonly verifiedBy: readonly string[];
  /** The checked timestamp.json it was fetched with; null for a feed read from stored bytes. */
  readonly timestamp: Timestamp | null;
}

/** The content of /api/v2/timestamp.json. */
export interface TimestampData {
  schema_version: 2;
  feed: { path: "policy.json"; integrity: string; bytes: number };
  /** Midnight of the build's date in the policy's time zone: 2026-12-05T00:00:00+06:00. */
  issued: string;
  /** A week later: past it (and the grace allowed), the timestamp and the feed fetched with it are refused. */
  expires: string;
}

/** A checked timestamp.json: its bytes, its signature file (with pinned keys) and content. */
export interface Timestamp {
  readonly body: Uint8Array;
  readonly data: TimestampData;
  readonly signature: Uint8Array | null;
  readonly verifiedBy: readonly string[];
}

/** A public key as keys.json lists it (a JSON Web Key, RFC 8037): pin these in the app's build. */
export interface PublicKey {
  /** Its RFC 7638 thumbprint, which signature files name. */
  kid: string;
  kty: "OKP";
  crv: "Ed25519";
  /** The 32 bytes of the key, in base64url without padding. */
  x: string;
  alg?: "Ed25519";
  use?: "sig";
}

export type Format = "markdown" | "html";

/** A file of a document: its absolute address and how to recognise its bytes. */
export interface PolicyFile extends ListedFile {
  url: string;
}

/** A version's text in the language chosen for the user. */
export interface PolicyDocument {
  versionId: string;
  /** The language shown: the one asked for, its primary language, or the feed's default_language. */
  lang: string;
  markdown: PolicyFile;
  html: PolicyFile;
}

/** A text whose size and SHA-256 matched the feed: show `text`; on acceptance store the id, `lang` and `integrity`. */
export interface VerifiedText {
  versionId: string;
  lang: string;
  format: Format;
  url: string;
  integrity: string;
  text: string;
}

/** What the client needs of fetch's answer. */
export interface FetchResponse {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type FetchFunction = (
  url: string,
  init: { headers: Record<string, string>; signal?: unknown },
) => Promise<FetchResponse>;

/** What the client needs of WebCrypto: SHA-256, SHA-1 (derived record ids) and Ed25519 (signatures). */
export interface WebCrypto {
  subtle: {
    digest(algorithm: "SHA-256" | "SHA-1", data: Uint8Array): Promise<ArrayBuffer>;
    importKey?(
      format: "raw",
      keyData: Uint8Array,
      algorithm: { name: "Ed25519" },
      extractable: false,
      usages: ["verify"],
    ): Promise<unknown>;
    verify?(algorithm: { name: "Ed25519" }, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  };
}

/**
 * A platform's own Ed25519 verifier, for where WebCrypto has none: true when signature is publicKey's over
 * message. tweetnacl's `nacl.sign.detached.verify` fits as it is.
 */
export type Ed25519Verifier = (
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
) => boolean | Promise<boolean>;

export interface FetchOptions {
  /** Default: globalThis.fetch. */
  fetch?: FetchFunction;
  /** Default: a 10 s timeout where AbortSignal.timeout exists. */
  signal?: unknown;
}

export interface CryptoOptions {
  /** Default: globalThis.crypto. Node 18: `(await import("node:crypto")).webcrypto`. */
  crypto?: WebCrypto;
}

export interface SignatureOptions extends CryptoOptions {
  /** Default: WebCrypto's Ed25519. */
  verifyEd25519?: Ed25519Verifier;
}

export interface FeedOptions extends FetchOptions, SignatureOptions {
  /** The device's clock: the timestamp's expiry, and which versions of previous are in force, are judged by it. */
  now: Date;
  /** How long past its expiry a timestamp is still accepted, in seconds. Default: 0. */
  graceSeconds?: number;
  /** The last good feed: its ETag sent as If-None-Match when fetched from the same address (kept on a 304, with
   * the new timestamp); a feed fetched that takes back a version it has in force is refused (kind rollback). */
  previous?: Feed | null;
  /** The public keys the app pins: the feed is refused unless one of them signed it (policy.sig.json). */
  keys?: PublicKey[] | null;
  /**
   * Without keys the feed is refused (kind `signature`) unless this is true: only for a feed published before
   * its maintainers made a key, as the feed is today; anyone on the way can change an unsigned feed.
   */
  insecureAcceptUnsigned?: boolean;
}

export interface SignedFeedOptions extends SignatureOptions {
  keys: PublicKey[];
  etag?: string | null;
}

/** The kind of consent event, as DPV names the states of ISO/IEC TS 27560's consent events. */
export type ConsentState = "dpv:ConsentGiven" | "dpv:ConsentWithdrawn";

/** A consent event: 27560's event fields, with DPV's values and its indication method. */
export interface ConsentEvent {
  /** The instant, in UTC to the millisecond: 2026-12-20T06:30:00.000Z. */
  event_time: string;
  event_state: ConsentState;
  event_type: "dpv:ExpressedConsent";
  entity_id: "dpv:DataSubject";
  validity_duration: "dpv:UntilEventDuration";
  /** How, in the app's words: "button in the app". */
  indication_method: string;
}

/** The record an app keeps of a user's acceptance (consent-record.schema.json); schema_version 1 records, made
 * before records named their feed, have no feed. */
export interface ConsentRecord {
  schema_version: 1 | 2;
  record_id: string;
  /** The app's own id of the user, or null while it has none. */
  pii_principal_id: string | null;
  /** The exact text shown. */
  privacy_notice: { policy_id: string; version: string; format: Format; url: string; integrity: string };
  /** The language of the text shown, after fallback. */
  language: string;
  /** The language tag the user asked for (ru-KG), when the app passed it. */
  requested_language?: string;
  /** The feed decided on: the SHA-256 of its bytes, and the pinned key that verified it (null: read unsigned). */
  feed?: { integrity: string; kid: string | null };
  /** When the server received it (receiveConsentRecord), in UTC to the millisecond. */
  received_at?: string;
  /** The acceptance, then the withdrawal if the user withdrew. */
  events: [ConsentEvent] | [ConsentEvent, ConsentEvent];
}

export interface RecordOptions extends CryptoOptions {
  /** The app's own id of the user. Default: null. */
  userId?: string | null;
  /** An id, or a function making one (`() => crypto.randomUUID()`). Default: a UUID derived from the record. */
  recordId?: string | (() => string) | null;
  /** The language tag the user asked for (ru-KG), kept beside the language shown. */
  requestedLanguage?: string;
}

export interface TextOptions extends FetchOptions, CryptoOptions {
  /** Default: markdown, the text of record. */
  format?: Format;
}

export type Bytes = Uint8Array | ArrayBuffer;

/** The version of consent-record.schema.json the client makes and reads. */
export declare const RECORD_SCHEMA_VERSION: 2;

/** timestamp.json beside the feed, checked (signed by a pinned key, not expired, not older than previous's), then the
 * feed it names, checked (its bytes those named, signed, no rollback from previous). */
export declare function fetchFeed(url: string, options: FeedOptions): Promise<Feed>;

/** The fetched feed, refused (kind rollback) if it drops a version the kept one has in force at the instant, or
 * changes its effective_from, consent_baseline or the integrity of its Markdown in a language. */
export declare function checkUpdate(kept: Feed, fetched: Feed, instant: Date): Feed;

export interface TimestampOptions extends SignatureOptions {
  /** Without keys, read an unsigned timestamp: only while the feed is published unsigned. */
  insecureAcceptUnsigned?: boolean;
}

/** A timestamp from its bytes and its signature file's: size first, then the signature, then its content. */
export declare function parseTimestamp(
  body: Bytes,
  signature: Bytes | null,
  keys: PublicKey[] | null,
  options?: TimestampOptions,
): Promise<Timestamp>;

/** The timestamp, refused past its expiry by more than graceSeconds (kind expired) or older than kept (rollback). */
export declare function checkFresh(timestamp: Timestamp, instant: Date, kept?: Timestamp | null, graceSeconds?: number): Timestamp;

/** Refuse (kind timestamp) a feed whose bytes are not those the timestamp names. */
export declare function checkFeedBytes(timestamp: Timestamp, body: Bytes, url: string, options?: CryptoOptions): Promise<void>;

/** A feed from its bytes (a stored or bundled copy), url being where it is published; its signature unchecked. */
export declare function parseFeed(body: Bytes | string, url: string, etag?: string | null): Feed;

/** A feed from its bytes and its signature file's (a stored or bundled copy of both), refused unless a pinned key
 * signed these exact bytes; the signature is checked before the feed is read. */
export declare function parseSignedFeed(
  body: Bytes | string,
  signature: Bytes | null,
  url: string,
  options: SignedFeedOptions,
): Promise<Feed>;

export interface VersionFileOptions extends SignatureOptions {
  /** The keys pinned; without them, the file is refused unless insecureAcceptUnsigned. */
  keys?: PublicKey[] | null;
  insecureAcceptUnsigned?: boolean;
}

/** versions/<id>.json from its bytes and its signature file's: size, signature, JSON, and refused (kind version)
 * unless it is the version asked for. Its content as versions/<id>.json publishes it (version.schema.json). */
export declare function parseVersionFile(
  body: Bytes,
  signature: Bytes | null,
  url: string,
  versionId: string,
  options?: VersionFileOptions,
): Promise<Record<string, unknown> & { schema_version: 2; id: string }>;

/** The kids of the pinned keys whose signatures in a signature file match body (for versions/<id>.json too). */
export declare function verifySignature(
  body: Bytes,
  signature: Bytes | null,
  keys: PublicKey[],
  options?: SignatureOptions,
): Promise<string[]>;

/** Where a file's signature is: beside it, `.json` becoming `.sig.json`. */
export declare function signatureUrl(url: string): string;

/** The record to keep when the user accepts the text shown, at an instant of the app's clock (never read here). */
export declare function consentRecord(
  feed: Feed,
  text: VerifiedText,
  instant: Date,
  method: string,
  options?: RecordOptions,
): Promise<ConsentRecord>;

/** A stored record, checked against its schema and rules, and, given the feed, against what it lists. */
export declare function checkConsentRecord(record: unknown, feed?: Feed | null): ConsentRecord;

/** What a server does with a record an app sends: check it against the feed it names (kept by the server by
 * record.feed.integrity), and add received_at, the server's instant. */
export declare function receiveConsentRecord(
  record: unknown,
  feed: Feed,
  instant: Date,
  options?: CryptoOptions,
): Promise<ConsentRecord>;

/** The record with the user's withdrawal added: keep it, as proof of both events. */
export declare function withdrawConsent(record: ConsentRecord, instant: Date, method: string): ConsentRecord;

/** Whether a stored record still covers the version in force at the instant (the consent rule, from the record). */
export declare function recordCovers(feed: Feed, record: ConsentRecord, instant: Date): boolean;

/** The newest version whose effective_from is at or before the instant, or null before the first. */
export declare function versionInForce(feed: Feed, instant: Date): FeedVersion | null;

/** When the version in force changes next after the instant (decide again then), or null. */
export declare function nextChange(feed: Feed, instant: Date): Date | null;

/** Whether a user who accepted acceptedId (null: nothing) must accept the version in force. */
export declare function mustAccept(feed: Feed, acceptedId: string | null | undefined, instant: Date): boolean;

/** The document in the user's language (a BCP 47 tag like ru-KG), else its primary language, else the default. */
export declare function chooseDocument(feed: Feed, versionId: string, lang: string | null | undefined): PolicyDocument;

export declare function downloadText(
  feed: Feed,
  versionId: string,
  lang: string | null | undefined,
  options?: TextOptions,
): Promise<VerifiedText>;

/** The text of bytes received, refused unless they are those the feed lists. */
export declare function verifyText(
  feed: Feed,
  versionId: string,
  lang: string | null | undefined,
  format: Format,
  body: Bytes,
  options?: CryptoOptions,
): Promise<VerifiedText>;

/** -1, 0 or 1 as a is lower than, equal to or higher than b: 1.9 < 1.10 < 2.0. */
export declare function compareIds(a: string, b: string): -1 | 0 | 1;

/** The Subresource Integrity value of some bytes: `sha256-` and the base64 of their SHA-256. */
export declare function integrity(content: Bytes, options?: CryptoOptions): Promise<string>;
