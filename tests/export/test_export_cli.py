"""`quotes export` end to end through the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from quotes.cli import app
from quotes.export import EXPORT_COLUMNS
from tests.export.conftest import Sample

runner = CliRunner()


def export(sample: Sample, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["export", "--db", sample.url, *args])
    # stdout_bytes: Result.stdout turns CRLF into LF.
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


def csv_ids(data: str) -> list[int]:
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert rows[0] == list(EXPORT_COLUMNS)
    return [int(r[0]) for r in rows[1:]]


def test_default_csv_to_stdout_verified_only(sample: Sample) -> None:
    code, out, err = export(sample)
    assert code == 0, err
    assert csv_ids(out) == sorted(sample.ids[k] for k in ("q1", "q2", "q3", "q6"))
    assert "\r\n" in out
    assert "exported 4 quotes" in err  # the count goes to stderr, stdout stays data


def test_filters_as_options(sample: Sample) -> None:
    cases = {
        ("--status", "unverified"): ["q4"],
        ("--status", "any", "--outlet", "bbc"): ["q3", "q4"],
        ("--speaker", "NATO chief"): ["q1", "q2"],
        ("--topic", "economy"): ["q1", "q2"],
        ("--since", "2024-02-01"): ["q3"],
        ("--until", "2024-02-01"): ["q1", "q2"],
        ("--article", "001_alpha.txt"): ["q1", "q2"],
        ("--min-confidence", "0.8"): ["q1", "q6"],
        ("--search", "budget"): ["q3"],
    }
    for args, expected in cases.items():
        code, out, err = export(sample, *args)
        assert code == 0, (args, err)
        assert csv_ids(out) == sorted(sample.ids[k] for k in expected), args


def test_unknown_speaker_warns(sample: Sample) -> None:
    code, out, err = export(sample, "--speaker", "Nobody")
    assert code == 0
    assert csv_ids(out) == []
    assert "no speaker named 'Nobody'" in err


def test_bad_date_is_one_line_naming_the_value(sample: Sample) -> None:
    for option in ("--since", "--until"):
        code, _, err = export(sample, option, "2024-02-30")
        assert code == 1
        assert "2024-02-30" in err and option in err
        assert len(err.strip().splitlines()) == 1
        assert "Traceback" not in err
    code, _, err = export(sample, "--since", "2024-05-01", "--until", "2024-01-01")
    assert code == 1 and "after" in err


def test_jsonl_and_json(sample: Sample) -> None:
    code, out, _ = export(sample, "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 4 and all(list(r) == list(EXPORT_COLUMNS) for r in rows)
    code, out, _ = export(sample, "--format", "json", "--status", "any")
    assert code == 0
    assert len(json.loads(out)) == 6


def test_out_file_and_format_from_extension(sample: Sample, tmp_path: Path) -> None:
    target = tmp_path / "sub" / "quotes.jsonl"
    code, out, err = export(sample, "--out", str(target))
    assert code == 0, err
    assert out == ""
    assert "exported 4 quotes to" in err
    assert len(target.read_text(encoding="utf-8").splitlines()) == 4
    target = tmp_path / "quotes.csv"
    assert export(sample, "-o", str(target))[0] == 0
    assert csv_ids(target.read_text(encoding="utf-8")) == sorted(
        sample.ids[k] for k in ("q1", "q2", "q3", "q6")
    )


def test_excel_and_raw(sample: Sample, tmp_path: Path) -> None:
    plain, excel, raw = tmp_path / "p.csv", tmp_path / "e.csv", tmp_path / "r.csv"
    assert export(sample, "--out", str(plain))[0] == 0
    assert export(sample, "--out", str(excel), "--excel")[0] == 0
    assert export(sample, "--out", str(raw), "--raw")[0] == 0
    assert excel.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert "'=HYPERLINK" in plain.read_text(encoding="utf-8")
    assert "'=HYPERLINK" not in raw.read_text(encoding="utf-8")
    assert '"=HYPERLINK' in raw.read_text(encoding="utf-8")


def test_excel_with_json_is_ignored_with_a_note(sample: Sample) -> None:
    code, out, err = export(sample, "--format", "json", "--excel")
    assert code == 0
    assert not out.startswith("\ufeff")
    assert "--excel only applies to CSV" in err


def test_unwritable_out_is_one_line(sample: Sample, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = export(sample, "--out", str(blocker / "q.csv"))
    assert code == 1
    assert "cannot write" in err and "Traceback" not in err


def test_help_lists_the_options() -> None:
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0
    for option in (
        "--status",
        "--speaker",
        "--topic",
        "--outlet",
        "--since",
        "--until",
        "--article",
        "--min-confidence",
        "--format",
        "--out",
        "--excel",
        "--raw",
    ):
        assert option in result.stdout
