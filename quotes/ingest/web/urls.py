"""One spelling per web address, so the same article reached by different links is one article.

Feeds and share buttons decorate links with tracking parameters (`utm_source`, `fbclid`,
...), hosts come in any case, ports are spelled out or not, fragments point inside a page:
none of that changes which article a URL names. `normalize_url` removes it all, and the
result is what the database stores and de-duplicates on. URLs come from hostile pages and
feeds, so anything that is not plain http(s) is refused with a reason, never guessed at.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

MAX_URL_LENGTH = 2048
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "__hs", "_hs")
_TRACKING_NAMES = """
    fbclid gclid dclid gbraid wbraid msclkid yclid igshid twclid ttclid li_fat_id
    mc_cid mc_eid _ga _gl _hsenc _hsmi _openstat ref_src ref_url cmpid s_cid ocid
    spm vero_id vero_conv oly_anon_id oly_enc_id rb_clickid wickedid soc_src soc_trk
    at_medium at_campaign at_custom1 at_custom2 at_custom3 at_custom4 ncid smid
"""
_TRACKING = frozenset(_TRACKING_NAMES.split())
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters left as they are in a path and a query (RFC 3986 reserved and unreserved, and %).
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"


def looks_like_url(value: str) -> bool:
    """Whether a command-line argument means a web address rather than a file."""
    return value[:8].lower().startswith(("http://", "https://"))


def is_tracking_parameter(name: str) -> bool:
    key = name.lower()
    return key in _TRACKING or key.startswith(_TRACKING_PREFIXES)


def normalize_url(raw: str, base: str | None = None) -> str:
    """The identity of `raw` (resolved against `base`); ValueError with the reason if none.

    Lowercased scheme and host (IDNA-encoded), default port and fragment dropped, an empty
    path made "/", tracking parameters removed and the remaining ones sorted, unsafe
    characters percent-encoded. Credentials in a URL are refused: they would be stored and
    shown in every listing.
    """
    text = raw.strip()
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        raise ValueError("URL contains control characters")
    if base is not None:
        text = urljoin(base, text)
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ValueError(f"not an http(s) URL ({scheme or 'no'} scheme)")
    if parts.username is not None or parts.password is not None:
        raise ValueError("URL with credentials refused")
    host = parts.hostname
    if not host:
        raise ValueError("URL without a host")
    try:
        host = host.encode("idna").decode("ascii")
        port = parts.port
    except (UnicodeError, ValueError):
        raise ValueError("URL with an invalid host or port") from None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    params = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_parameter(k)
    ]
    query = urlencode(
        sorted(params), quote_via=quote, safe=_PATH_SAFE.replace("&", "").replace("=", "")
    )
    url = urlunsplit((scheme, netloc, path, query, ""))
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(f"URL longer than {MAX_URL_LENGTH} characters")
    return url


def same_host(a: str, b: str) -> bool:
    """Whether two normalized URLs are on one host: a page may only name its own canonical."""
    return urlsplit(a).netloc == urlsplit(b).netloc


def host_of(url: str) -> str:
    return urlsplit(url).netloc


def is_home_page(url: str) -> bool:
    """A site's front page, where a feed is looked for instead of an article."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query
