"""Keeping database passwords out of everything `quotes` prints.

A team's `$QUOTES_DB` carries a password, and the places that echo it are many: our own
error lines, SQLAlchemy's messages, and driver messages that quote the URL or a libpq DSN
back. Rather than trust each of them, every line meant for a person goes through
`mask_url`, which hides passwords wherever they appear in a URL or a DSN, and also hides any
password this process has seen in a database URL, however a driver happens to quote it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote, quote_plus

if TYPE_CHECKING:  # not at run time: every diagnostic imports this module, even --help's
    from sqlalchemy.engine import URL

MASK = "***"

# scheme://user:password@ — the password runs to the last "@" of the token, so one that
# contains an unescaped "@" is hidden whole (SQLAlchemy would stop at the first).
_URL_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/]*):(?P<secret>\S*)@")
# libpq conninfo and URL query parameters: password=..., password='with spaces'.
_KEY_PASSWORD = re.compile(
    r"(?P<head>\b(?:password|passwd|pwd|pgpassword)\s*=\s*)"
    r"(?P<secret>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^\s&;,'\"]+)",
    re.IGNORECASE,
)
# Shorter secrets are not replaced by their bare text: masking every "abc" in a message
# would garble it while protecting little (they are still masked inside URLs and DSNs).
_MIN_LITERAL = 4

_known: set[str] = set()


def remember_secret(secret: str | None) -> None:
    """Also mask `secret` where it appears on its own (decoded or percent-encoded)."""
    if not secret or len(secret) < _MIN_LITERAL:
        return
    _known.update({secret, quote(secret, safe=""), quote_plus(secret)})


def mask_url(text: str | URL) -> str:
    """`text` (or a URL) with every database password replaced by `***`."""
    if not isinstance(text, str):  # a URL
        remember_secret(text.password)
        return text.render_as_string(hide_password=True)
    masked = _URL_PASSWORD.sub(lambda m: f"{m['head']}:{MASK}@", text)
    masked = _KEY_PASSWORD.sub(lambda m: f"{m['head']}{MASK}", masked)
    # Longest first, so a secret that contains another is replaced whole.
    for secret in sorted(_known, key=len, reverse=True):
        masked = masked.replace(secret, MASK)
    return masked
