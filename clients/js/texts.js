// A version's text in the user's language, as Markdown or HTML, refused unless its size and SHA-256 are
// those the feed lists.
import { FeedError } from "./errors.js";
import { FORMATS, findVersion } from "./feed.js";
import { decodeUtf8, get, hasOwn, integrity, readBody, resolve, show, toBytes } from "./http.js";

export { integrity };

export const DO_NOT_SHOW = "do not show it; fetch the feed and the text again";

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
  const body = await readBody(await get(file.url, options, null), file.url, file.bytes);
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

export function chooseLanguage(documents, lang, fallback) {
  const tag = typeof lang === "string" ? lang.trim().toLowerCase().replace(/_/g, "-") : "";
  for (const candidate of [tag, tag.split("-")[0]]) {
    if (candidate && hasOwn(documents, candidate)) return candidate;
  }
  return fallback;
}

export function requireFormat(format) {
  if (!hasOwn(FORMATS, format)) {
    throw new FeedError("format", `format ${show(format)} is not one of ${Object.keys(FORMATS).join(", ")}`);
  }
}
