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

// The largest file of each kind a client reads, in bytes, after any Content-Encoding is undone: policy.json
// (about 1.3 kB a version: room for some 1,500), versions/<id>.json, a signature file (about 140 bytes a key),
// timestamp.json (about 230 bytes). Larger is refused (kind size) before it is parsed, and a download stops
// reading there. A text may be no larger than the feed says.
export const MAX_BYTES = Object.freeze({ feed: 2097152, version: 262144, signature: 16384, timestamp: 4096 });

export function refuseOversized(bytes, kind, what) {
  if (bytes.length > MAX_BYTES[kind]) {
    const problem = `is ${bytes.length} bytes, more than the ${MAX_BYTES[kind]} a client reads`;
    throw new FeedError("size", `${what} ${problem}: do not use it`);
  }
}

// The Subresource Integrity value of some bytes: sha256- and the base64 of their SHA-256.
export async function integrity(content, options = {}) {
  const subtle = (options.crypto ?? globalThis.crypto)?.subtle;
  if (!subtle) {
    throw new FeedError("crypto", "no WebCrypto here to compute SHA-256: pass one as options.crypto");
  }
  const digest = new Uint8Array(await subtle.digest("SHA-256", toBytes(content)));
  return `sha256-${base64(digest)}`;
}

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

// The body as received: fetch has already undone any Content-Encoding (gzip), as hashes require. Reading
// stops one byte past maxBytes (kind size): a body may not be larger, however it was compressed.

export async function readBody(response, url, maxBytes = Infinity) {
  const tooLarge = () => new FeedError("size", `${url} sent more than the ${maxBytes} bytes a client reads of it: do not use it`);
  try {
    const reader = response.body?.getReader?.();
    if (!reader) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length > maxBytes) throw tooLarge();
      return bytes;
    }
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  } catch (err) {
    if (err instanceof FeedError) throw err;
    throw new FeedError("fetch", `could not read ${url}: ${err.message}`);
  }
}
