"""GET over HTTP(S), with the ETag of a copy held and the body's Content-Encoding undone."""

from __future__ import annotations

import urllib.error
import urllib.request
import zlib

from ._checks import require_http_url
from .errors import FeedError

TIMEOUT_SECONDS = 10.0


def get(
    url: str, timeout: float, etag: str | None, missing: str = "fetch", max_bytes: int | None = None
) -> tuple[int, bytes, str | None]:
    """The status, decoded body and ETag of a GET; FeedError for anything but 200, or 304 when asked, of kind
    missing for a 404, and of kind size for a body (once decoded) larger than max_bytes, of which no more is
    read or decoded."""
    require_http_url(url)
    headers = {"User-Agent": "qlever-policy-client/2", "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as response:
            raw: bytes = response.read() if max_bytes is None else response.read(_wire_limit(max_bytes))
            body = decode_body(raw, response.headers.get("Content-Encoding"), url, max_bytes)
            return response.status, body, response.headers.get("ETag")
    except urllib.error.HTTPError as err:
        err.close()  # an HTTPError holds the response, and its socket, open
        if err.code == 304 and etag:
            return 304, b"", etag
        kind = missing if err.code == 404 else "fetch"
        raise FeedError(kind, f"{url} answered HTTP {err.code} {err.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        raise FeedError("fetch", f"could not fetch {url}: {getattr(err, 'reason', err)}") from None


def _wire_limit(max_bytes: int) -> int:
    """The most bytes to read off the wire for a body of at most max_bytes once decoded: gzip may add its
    header, trailer and a few bytes a block to what it cannot compress (a text of 1 byte is 21 gzipped)."""
    return max_bytes + max_bytes // 1000 + 1024


def decode_body(raw: bytes, encoding: str | None, url: str, max_bytes: int | None = None) -> bytes:
    """The body with its Content-Encoding undone: hashes are of the file, not of what carried it."""
    if encoding in (None, "", "identity"):
        body = raw
    elif encoding == "gzip":
        body = _gunzip(raw, url, max_bytes)
    else:
        raise FeedError("fetch", f"{url} sent Content-Encoding {encoding}, which this client did not ask for")
    if max_bytes is not None and len(body) > max_bytes:
        raise FeedError("size", f"{url} sent more than the {max_bytes} bytes a client reads of it: do not use it")
    return body


def _gunzip(raw: bytes, url: str, max_bytes: int | None) -> bytes:
    """gzip undone, stopping one byte past max_bytes: a small body may not expand without bound."""
    decoder = zlib.decompressobj(wbits=31)
    try:
        body = decoder.decompress(raw, 0 if max_bytes is None else max_bytes + 1)
        if max_bytes is None or len(body) <= max_bytes:
            body += decoder.flush()
    except zlib.error as err:
        raise FeedError("fetch", f"{url} sent a broken gzip body ({err})") from None
    if not decoder.eof and (max_bytes is None or len(body) <= max_bytes):
        raise FeedError("fetch", f"{url} sent a broken gzip body (it ends early)")
    return body
