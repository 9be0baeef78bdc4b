// Types of client.js, the reference client of the Qlever privacy policy's version feed v2.
// They need no DOM or Node typings: fetch and WebCrypto are described by what the client uses.

/** The feed's format this client reads: everything under /api/v2/. */
export declare const SCHEMA_VERSION: 2;

/**
 * What went wrong:
 * - `url`: an address that is not absolute http(s);
 * - `fetch`: no answer, or an HTTP status other than 200 (and 304 to a conditional request);
 * - `json`: a feed that is not UTF-8 JSON;
 * - `malformed`: a feed that breaks its schema or a rule of the contract (`at` names the field);
 * - `instant`: an instant that is not a valid Date;
 * - `id`: an id given to the client (the accepted one, or one to compare) that is not MAJOR.MINOR;
 * - `version`: a version the feed does not list;
 * - `format`: a format other than markdown and html;
 * - `size`, `integrity`: a text whose size or SHA-256 is not the feed's;
 * - `encoding`: a text that is not UTF-8;
 * - `crypto`: no WebCrypto to hash with (pass one as `options.crypto`).
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
  | "crypto";

export declare class FeedError extends Error {
  constructor(kind: FeedErrorKind, message: string, at?: string | null);
  readonly name: "FeedError";
  readonly kind: FeedErrorKind;
  /** For a malformed feed, the JSON Pointer of the field to blame (of a missing one, the field itself). */
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

/** What the client needs of WebCrypto: SHA-256. */
export interface WebCrypto {
  subtle: { digest(algorithm: "SHA-256", data: Uint8Array): Promise<ArrayBuffer> };
}

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

export interface FeedOptions extends FetchOptions {
  /** The feed fetched from the same address before: sent as If-None-Match, and returned as is on a 304. */
  previous?: Feed | null;
}

export interface TextOptions extends FetchOptions, CryptoOptions {
  /** Default: markdown, the text of record. */
  format?: Format;
}

export type Bytes = Uint8Array | ArrayBuffer;

export declare function fetchFeed(url: string, options?: FeedOptions): Promise<Feed>;

/** A feed from its bytes (a stored or bundled copy), url being where it is published. */
export declare function parseFeed(body: Bytes | string, url: string, etag?: string | null): Feed;

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
