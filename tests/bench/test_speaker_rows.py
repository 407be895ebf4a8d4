"""Speaker-row purity and fragmentation, and the database path of the accuracy benchmark."""

from __future__ import annotations

import pytest

from bench import accuracy
from bench.speaker_rows import (
    alias_names,
    gold_name,
    is_descriptor,
    norm,
    same_person,
    speaker_rows,
)
from tests.conftest import SHARED

TEXT = (
    '"Rates will fall," Ann Lee said. "Rates will rise," said Bo Lee. '
    '"Nobody knows," the minister said.'
)


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _gold(words: str, speaker: str) -> dict[str, object]:
    start, end = _span(words)
    return {"doc": "a.txt", "start": start, "end": end, "speaker": speaker, "required": True}


def _pred(words: str, speaker: str, sid: int, kind: str = "person") -> dict[str, object]:
    start, end = _span(words)
    return {
        "source": "dir/a.txt",
        "start": start,
        "end": end,
        "speaker": speaker,
        "speaker_id": sid,
        "speaker_kind": kind,
    }


GOLD = [
    _gold("Rates will fall,", "Ann Lee"),
    _gold("Rates will rise,", "Mr. Lee"),
    _gold("Nobody knows,", "the minister"),
]


def test_one_row_for_two_people_of_one_surname_is_impure() -> None:
    pred = [
        _pred("Rates will fall,", "Ann Lee", 1),
        _pred("Rates will rise,", "Ann Lee", 1),
        _pred("Nobody knows,", "Ann Lee", 1),
    ]
    stats = speaker_rows(GOLD, pred, {"a.txt": TEXT})
    # "the minister" is a descriptor the gold left unresolved: not judged.
    assert (stats.quotes_on_rows, stats.pure) == (2, 2)  # "Mr. Lee" may be Ann Lee
    pred[1] = _pred("Rates will rise,", "Ann Lee", 1)
    gold = [*GOLD[:1], _gold("Rates will rise,", "Bo Lee")]
    assert speaker_rows(gold, pred, {"a.txt": TEXT}).purity == 0.5


def test_fragmentation_counts_named_rows_per_gold_person() -> None:
    gold = [_gold("Rates will fall,", "Ann Lee"), _gold("Rates will rise,", "Ann Lee")]
    split = [_pred("Rates will fall,", "Ann Lee", 1), _pred("Rates will rise,", "Lee", 2)]
    assert speaker_rows(gold, split, {"a.txt": TEXT}).rows_per_person == 2.0
    unnamed = [_pred("Rates will fall,", "Ann Lee", 1), _pred("Rates will rise,", "x", 2, "group")]
    assert speaker_rows(gold, unnamed, {"a.txt": TEXT}).rows_per_person == 1.0


def test_impure_by_linking_spares_the_extractors_own_errors() -> None:
    gold = [_gold("Rates will fall,", "Ann Lee"), _gold("Rates will rise,", "Bo Lee")]
    db = [_pred("Rates will fall,", "Cy Lee", 1), _pred("Rates will rise,", "Ann Lee", 2)]
    component = [
        {**_pred("Rates will fall,", "Cy Lee", 0), "source": "a.txt"},  # extractor's mistake
        {**_pred("Rates will rise,", "Lee", 0), "source": "a.txt"},  # linking's mistake
    ]
    stats = speaker_rows(gold, db, {"a.txt": TEXT}, component)
    assert (stats.pure, stats.impure_by_linking) == (0, 1)


def test_gold_names_and_people() -> None:
    assert gold_name("Mr. Clarke") == "clarke"
    assert gold_name("Tim Hess, a developer") == "tim hess"
    assert gold_name("Mr. Morgan of the Sierra Club") == "morgan"
    assert is_descriptor("the president") and not is_descriptor("Donald Trump")
    assert same_person("barack obama", "obama")
    assert not same_person("michelle obama", "barack obama")
    assert same_person("representative charles b rangel", "charles b rangel")


def test_accuracy_scores_the_database_path(capsys: pytest.CaptureFixture[str]) -> None:
    if not (SHARED / "eval" / "seeds_gold.jsonl").exists():
        pytest.skip("the shared evaluation folder is not beside the repo")
    assert accuracy.main(["--corpus", "seeds", "--system", "database"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "database" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert float(cells[4]) > 0.5  # end-to-end F1
    assert 0.0 < float(cells[5]) <= 1.0  # speaker-row purity
    by_type = [float(x) for x in cells[9].split(" / ")]  # direct / indirect / mixed
    assert len(by_type) == 3 and all(0.0 <= x <= 1.0 for x in by_type) and by_type[0] > 0.5


def test_an_accent_is_folded_not_a_word_break() -> None:
    assert same_person(norm("Felipe Calderon"), gold_name("Calderón"))
    assert same_person(norm("Francois Hollande"), gold_name("François Hollande"))


def test_a_row_name_loses_its_article_like_the_gold_name() -> None:
    gold = [_gold("Nobody knows,", "a new report in the Times")]
    pred = [_pred("Nobody knows,", "a new report", 7, kind="unnamed")]
    assert speaker_rows(gold, pred, {"a.txt": TEXT}).pure == 1


def test_an_alias_naming_the_source_as_written_makes_its_row_pure() -> None:
    """The gold may resolve "Ann Lee of the Rates Council" to the council; the alias keeps
    the source as written, and a row named after the person in it holds the right person."""
    gold = [
        {**_gold("Rates will fall,", "Rates Council"), "aliases": ["Ann Lee of the Rates Council"]}
    ]
    assert speaker_rows(gold, [_pred("Rates will fall,", "Ann Lee", 1)], {"a.txt": TEXT}).pure == 1
    assert speaker_rows(gold, [_pred("Rates will fall,", "Bo Lee", 1)], {"a.txt": TEXT}).pure == 0
    # A phrase, not a name: none of its words names the row.
    gold = [
        {**_gold("Rates will fall,", "Bo Lee"), "aliases": ["a trader from Hanover named Bo Lee"]}
    ]
    assert speaker_rows(gold, [_pred("Rates will fall,", "Hanover", 1)], {"a.txt": TEXT}).pure == 0
    assert alias_names(["Jo Kim, an aide to Ann Lee", "an aide to Ann Lee"]) == ["jo kim"]


def test_a_gold_name_does_not_run_across_a_paragraph_break() -> None:
    assert gold_name("Malcolm X.\n\nSexton") == "sexton"
    assert same_person("jared sexton", gold_name("X.\n\nSexton"))


def test_a_possessive_or_an_office_before_a_gold_name_is_not_part_of_it() -> None:
    assert gold_name("Trump's") == gold_name("Trump’s") == "trump"
    assert same_person("antonin scalia", gold_name("Justice Scalia"))
    assert same_person("michael flynn", gold_name("Gen. Flynn"))
    assert not same_person("michael flynn", gold_name("Justice Scalia"))
