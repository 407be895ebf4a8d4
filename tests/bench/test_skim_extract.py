"""The skim benchmark's parse with the real model: the same quotes as the whole text."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bench import skim_select
from bench.skim_select import Skimmed, extract_skimmed
from quotes.extract import load_pipeline
from quotes.extract.types import ExtractedQuote
from tests.conftest import SEEDS

HARBOUR = """Council delays the vote on the port expansion

The city council on Tuesday postponed its vote on the expansion of the northern port.

The port handles a third of the region's grain exports and employs 4,000 people.

"We need more time to read the environmental study," council chair Anna Berg told reporters.

Rain is expected for the rest of the week, and the ferries to the islands run late.

Berg said the vote would take place in March at the earliest.

Peter Novak, who leads the dockworkers' union, was less patient.

"Every week of delay costs jobs," he said. "The council knows that."

The harbour was built in 1888 and last dredged in the 1990s.
"""

MINISTER = """Minister promises new trains

Transport minister Maria Lopez promised on Monday to replace the oldest regional trains.

The fleet is on average 31 years old.

"Passengers have waited long enough," Lopez said at the depot in Lyon.

According to the rail operator, the first new trains will run in 2027.

Ticket prices stayed the same this year.
"""

ARTICLES = [HARBOUR, MINISTER]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def whole(nlp: Language, texts: list[str]) -> list[list[ExtractedQuote]]:
    return [list(doc._.quotes or ()) for doc in nlp.pipe(texts)]


def test_own_articles_same_quotes_with_no_cue_paragraphs_skipped(nlp: Language) -> None:
    got = list(extract_skimmed(nlp, ARTICLES))
    for text, want, (quotes, skimmed, again) in zip(
        ARTICLES, whole(nlp, ARTICLES), got, strict=True
    ):
        blanked = [text[s:e] for s, e in skimmed.blanked]
        assert any("grain exports" in p or "31 years" in p for p in blanked)
        assert not any("Peter Novak" in p for p in blanked)  # "he said" needs it
        assert not again
        assert quotes == want  # every field: offsets, speakers, cues, confidence, features
    assert len({q.start for q in got[0][0]}) >= 3  # quotes in several paragraphs


def test_offsets_are_exact_in_the_articles_text(nlp: Language) -> None:
    for text, (found, _, _) in zip(ARTICLES, extract_skimmed(nlp, ARTICLES), strict=True):
        assert found
        for q in found:
            assert text[q.start : q.end] == q.text
            if q.mention_start is not None and q.mention_end is not None:
                assert text[q.mention_start : q.mention_end] == q.mention
            if q.cue_start is not None and q.cue_end is not None:
                assert q.cue is not None and text[q.cue_start : q.cue_end] in q.cue


def test_seeds_identical(nlp: Language) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    got = list(extract_skimmed(nlp, texts))
    assert [quotes for quotes, _, _ in got] == whole(nlp, texts)
    assert any(skimmed.blanked for _, skimmed, _ in got)


def test_a_quote_reaching_a_blanked_paragraph_is_parsed_again_whole(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A selection that blanks part of a quotation (injected: the real one never does) must
    not change a character of the output: that article is parsed again whole."""
    words = "to read the environmental study"
    start = HARBOUR.index(words)
    end = start + len(words)
    blank = "." + " " * (end - start - 1)
    wrong = Skimmed(HARBOUR[:start] + blank + HARBOUR[end:], ((start, end),), 9)
    # Parsed as it is, a quote's text would hold the blank.
    assert any(not wrong.exact(q) for q in nlp(wrong.text)._.quotes)
    monkeypatch.setattr(skim_select, "skim", lambda text, **options: wrong)
    [(quotes, _, again)] = extract_skimmed(nlp, [HARBOUR])
    assert again
    assert quotes == whole(nlp, [HARBOUR])[0]


def test_without_context_he_said_loses_the_name_in_the_paragraph_before(nlp: Language) -> None:
    """Why the default keeps the paragraph before "he said": "cues only" blanks the one that
    names Peter Novak, and his quotes lose their speaker (bench/NOTES.md)."""

    def speakers(quotes: list[ExtractedQuote]) -> dict[str, str | None]:
        return {q.text: q.speaker.name if q.speaker else None for q in quotes}

    [(cues_only, _, _)] = extract_skimmed(nlp, [HARBOUR], context=0)
    [(default, _, _)] = extract_skimmed(nlp, [HARBOUR])
    jobs = next(t for t in speakers(default) if t.startswith("Every week"))
    assert speakers(default)[jobs] == "Peter Novak"
    assert speakers(cues_only)[jobs] is None
