// Bytes, text and HTTP: what the other modules read with; not the client's API (client.js).
import { FeedError } from "./errors.js";

export const REQUEST_TIMEOUT_MS = 10000;

export const HTTP_URL = /^https?:\/\/[^/?#\s]+/i;

export const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function hasOwn(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

export function show(value) {
  return value === undefined ? "undefined" : JSON.stringify(value);
}

export function toBytes(body) {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("expected bytes: a Uint8Array or an ArrayBuffer");
}

// The deepest arrays and objects may nest in a file the client reads (the feed nests 6 deep). Deeper
// JSON is refused before it is parsed: a parser recursing into it would run out of stack.
export const MAX_DEPTH = 64;

// JSON as the clients read it: nested at most MAX_DEPTH deep; a SyntaxError otherwise.
export function readJson(text) {
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

// Strict UTF-8, keeping a byte order mark, as Python's bytes.decode("utf-8") does.
export function decodeUtf8(bytes) {
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
}

export function base64(bytes) {
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

export function fromBase64(text) {
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

export function requireHttpUrl(url) {
  if (typeof url !== "string" || !HTTP_URL.test(url)) {
    const example = "https://privacy.qlever.asia/api/v2/policy.json";
    throw new FeedError("url", `${show(url)} is not an absolute http(s) address, like ${example}`);
  }
}

// A path relative to the feed's address, as a browser resolves it: beside policy.json.

export function resolve(feedUrl, path) {
  const bare = feedUrl.split(/[?#]/)[0];
  const pathStart = bare.indexOf("/", bare.indexOf("//") + 2);
  return (pathStart < 0 ? `${bare}/` : bare.slice(0, bare.lastIndexOf("/") + 1)) + path;
}

export async function get(url, options, etag, missing = "fetch") {
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

export async function readBody(response, url) {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (err) {
    throw new FeedError("fetch", `could not read ${url}: ${err.message}`);
  }
}
