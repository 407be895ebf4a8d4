"""No database password reaches the terminal, whatever fails and wherever the URL came from.

Every command is pointed at a PostgreSQL server that refuses the connection (port 1 on the
loopback: refused at once, no waiting on a network), with the password in `--db` or in
`$QUOTES_DB`; the command must fail with one line that names the database, password masked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from quotes.cli import app
from quotes.store.redact import mask_url

runner = CliRunner()
SECRET = "S3cretPW"
URL = f"postgresql+psycopg://app:{SECRET}@127.0.0.1:1/quotes"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _commands(tmp_path: Path) -> list[list[str]]:
    article = tmp_path / "a.txt"
    article.write_text('"We stand ready," Jens Stoltenberg said.\n', encoding="utf-8")
    return [
        ["init"],
        ["stats"],
        ["db", "current"],
        ["db", "upgrade"],
        ["db", "downgrade", "base", "--yes"],
        ["export", "--status", "any"],
        ["export", "--out", str(tmp_path / "out.csv")],
        ["sql", "SELECT 1"],
        ["schema"],
        ["extract", str(article)],
        ["speakers", "list"],
        ["speakers", "show", "Jens Stoltenberg"],
        ["speakers", "verify", "Jens Stoltenberg"],
        ["topics", "list"],
        ["topics", "import", str(SEEDS / "topics.toml")],
        ["topics", "export"],
        ["tui"],
    ]


def _assert_masked(args: list[str], result: Result) -> None:
    shown = result.output  # stdout and stderr, as a person at the terminal sees them
    assert result.exit_code != 0, (args, shown)
    # A clean exit through `fail`, not an exception (whose traceback could carry the URL).
    assert isinstance(result.exception, SystemExit), (args, result.exception)
    assert SECRET not in shown, (args, shown)
    assert len(shown.strip().splitlines()) == 1, (args, shown)
    if args[0] != "sql":  # `quotes sql` words its own errors (quotes.store.readonly)
        assert "app:***@127.0.0.1" in shown, (args, shown)


def test_password_in_db_option_is_masked(tmp_path: Path) -> None:
    for args in _commands(tmp_path):
        _assert_masked(args, runner.invoke(app, [*args, "--db", URL]))


def test_password_in_environment_is_masked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTES_DB", URL)
    for args in _commands(tmp_path):
        _assert_masked(args, runner.invoke(app, args))


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("postgresql+psycopg://app:pw-4f1c@db.example/q", "pw-4f1c"),
        # An unescaped "@" in the password: all of it is hidden, not just up to the first "@".
        ("could not parse 'postgresql://app:p@ss-7e2a@db/q'", "ss-7e2a"),
        ("connection to server failed: host=db user=app password=dsn-9b3d dbname=q", "dsn-9b3d"),
        ("host=db password='with space-1a2b' dbname=q", "space-1a2b"),
        ("postgresql://db/q?user=app&password=query-5c6d&sslmode=require", "query-5c6d"),
    ],
)
def test_mask_url_hides_passwords_in_urls_and_dsns(text: str, secret: str) -> None:
    masked = mask_url(text)
    assert secret not in masked
    assert "***" in masked


def test_mask_url_leaves_text_without_secrets_alone() -> None:
    for text in (
        "postgresql://app@db:5432/q",
        "/home/me/quotes.db: database is locked",
        "sqlite:////tmp/q.db",
    ):
        assert mask_url(text) == text


def test_a_password_seen_in_a_url_is_masked_wherever_a_driver_echoes_it() -> None:
    from quotes.store.engine import resolve_url

    resolve_url("postgresql+psycopg://app:echoed-8d7e@db/q")
    assert mask_url('FATAL: password "echoed-8d7e" rejected') == 'FATAL: password "***" rejected'
