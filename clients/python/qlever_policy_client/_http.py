"""GET over HTTP(S), with the ETag of a copy held and the body's Content-Encoding undone."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
import zlib

from ._checks import require_http_url
from .errors import FeedError

TIMEOUT_SECONDS = 10.0


def get(url: str, timeout: float, etag: str | None, missing: str = "fetch") -> tuple[int, bytes, str | None]:
    """The status, decoded body and ETag of a GET; FeedError for anything but 200, or 304 when asked, of kind
    missing for a 404."""
    require_http_url(url)
    headers = {"User-Agent": "qlever-policy-client/2", "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as response:
            raw: bytes = response.read()
            return (
                response.status,
                decode_body(raw, response.headers.get("Content-Encoding"), url),
                response.headers.get("ETag"),
            )
    except urllib.error.HTTPError as err:
        err.close()  # an HTTPError holds the response, and its socket, open
        if err.code == 304 and etag:
            return 304, b"", etag
        kind = missing if err.code == 404 else "fetch"
        raise FeedError(kind, f"{url} answered HTTP {err.code} {err.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        raise FeedError("fetch", f"could not fetch {url}: {getattr(err, 'reason', err)}") from None


def decode_body(raw: bytes, encoding: str | None, url: str) -> bytes:
    """The body with its Content-Encoding undone: hashes are of the file, not of what carried it."""
    if encoding in (None, "", "identity"):
        return raw
    if encoding == "gzip":
        try:
            return gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as err:
            raise FeedError("fetch", f"{url} sent a broken gzip body ({err})") from None
    raise FeedError("fetch", f"{url} sent Content-Encoding {encoding}, which this client did not ask for")
