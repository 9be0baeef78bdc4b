// The Ed25519 signatures beside api/v2's JSON files, checked against the keys an app pins
// (docs/decisions/0009-signed-feed-and-consent.md).
import { FeedError } from "./errors.js";
import { decodeUtf8, fromBase64, hasOwn, readJson, refuseOversized, requireHttpUrl, show, toBytes } from "./http.js";

export const KID = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

export const SIGNATURE = /^[A-Za-z0-9+/]{85}[AQgw]==$/;

export async function verifySignature(body, signature, keys, options = {}, what = "the file") {
  const pinned = await pinnedKeys(keys);
  if (signature === null || signature === undefined) {
    throw new FeedError("signature", `there is no signature of ${what}, and keys are pinned: do not use it`);
  }
  const bytes = toBytes(body);
  const signatureBytes = toBytes(signature);
  refuseOversized(signatureBytes, "signature", `the signature file of ${what}`);
  const byPinned = readSignatureFile(signatureBytes, pinned);
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

export async function pinnedKeys(keys) {
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

export function keyProblem(key) {
  if (typeof key !== "object" || key === null || Array.isArray(key)) return "is not an object";
  if (hasOwn(key, "d")) return "is a private key: pin only the public half";
  if (key.kty !== "OKP" || key.crv !== "Ed25519") return "is not an Ed25519 key (kty OKP, crv Ed25519)";
  if (typeof key.kid !== "string" || !KID.test(key.kid)) return "has no kid like those of keys.json";
  if (typeof key.x !== "string" || !KID.test(key.x)) return "has no x, the base64url of its 32 bytes";
  return null;
}

// The signatures by pinned keys in a signature file: its envelope and those signatures checked as
// signature.schema.json states, the others (whatever their shape) skipped, so that a second signer (a new
// key, a mirror) never breaks an app that does not pin it.

export function readSignatureFile(bytes, pinned) {
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
  const isPinned = (entry) => isObject(entry) && typeof entry.kid === "string" && pinned.has(entry.kid);
  data.signatures.forEach((entry, index) => {
    if (!isPinned(entry)) return;
    const where = `/signatures/${index}`;
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
  return data.signatures.filter(isPinned);
}

export async function verifyEd25519(publicKey, signature, body, options) {
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
