"""The features describing the attribution itself (issue 16, second round): the kinds of
high-confidence error left on PolNeAR train, each checked on a pair of sentences that differ
only in it, through the real pipeline and the shipped model."""

from __future__ import annotations

from collections.abc import Callable

from quotes.extract import ExtractedQuote
from quotes.extract.calibration import shipped_model

Extract = Callable[[str], list[ExtractedQuote]]


def last(extract: Extract, text: str) -> ExtractedQuote:
    quotes = extract(text)
    assert quotes, text
    return quotes[-1]


def test_a_cue_reported_by_someone_else_is_marked_and_scores_lower(
    extract: Extract, extract_nested: Extract
) -> None:
    # the annotators keep the outer source ("Judicial Watch noted Comey said ..."); the inner
    # report is returned only with `nested_reports` on
    plain = last(extract, "Ann Lee said the emails were lost.")
    nested = last(extract_nested, "Judicial Watch noted that Ann Lee said the emails were lost.")
    assert nested.text == plain.text == "the emails were lost"
    assert (plain.features["cue_reported"], nested.features["cue_reported"]) == (0.0, 1.0)
    assert nested.confidence < plain.confidence
    assert "the cue is itself reported by another: yes" in shipped_model().drivers(
        nested.features, n=5
    )


def test_a_speaker_named_with_others_is_marked_and_scores_lower(extract: Extract) -> None:
    alone = last(extract, "Lobbyists say that Trump is picking the right man.")
    group = last(
        extract, "Friends, lobbyists and former foes say that Trump is picking the right man."
    )
    assert (alone.features["speaker_coordinated"], group.features["speaker_coordinated"]) == (
        0.0,
        1.0,
    )
    assert group.confidence < alone.confidence
    assert any("named together" in d for d in shipped_model().drivers(group.features))


def test_words_of_the_speakers_phrase_left_out_of_the_name_are_counted(
    extract: Extract,
) -> None:
    short = last(extract, "Republicans have said they will pass it.")
    longer = last(extract, "House Republicans supporting the bill have said they will pass it.")
    assert short.speaker is not None and longer.speaker is not None
    assert short.features["phrase_beyond_name"] == "0"
    assert longer.features["phrase_beyond_name"] in ("1-2", "3-5")
    assert longer.confidence < short.confidence
    unattributed = last(extract, '"We will never give up on this, not ever," the banner read.')
    if unattributed.speaker is None:
        assert unattributed.features["phrase_beyond_name"] == "none"


def test_a_clause_tail_inside_reported_speech_is_located(extract: Extract) -> None:
    tail = last(
        extract,
        "Three former employees said disagreements broke out over the arrangement, "
        "though one employee considered it illegal.",
    )
    assert tail.text.endswith("illegal")  # the rules kept the tail, the annotators do not
    assert tail.features["clause_tail"] in ("middle", "late")
    early = last(extract, "Marcel Lazar said he victimized Americans, often by guessing passwords.")
    assert early.features["clause_tail"] in ("middle", "early")
    plain = last(extract, "Hope Hicks said all staffers sign agreements.")
    assert plain.features["clause_tail"] == "none"


def test_reported_words_that_stop_while_the_sentence_runs_on_are_marked(
    extract: Extract,
) -> None:
    ends = last(extract, 'Perry said his fellow Texan is ready to "take on the cartel."')
    runs = last(
        extract, 'Perry said his fellow Texan is ready to "take on the cartel," secure the border.'
    )
    assert ends.features["runs_on"] == f"{ends.type}, then sentence ends"
    assert runs.features["runs_on"] == f"{runs.type}, then lower case"
    assert runs.confidence < ends.confidence
    direct = last(extract, '"We are ready," Ann Lee said.')
    assert direct.features["runs_on"] == "direct, then capital"


def test_a_speaker_quoted_before_is_told_from_a_first_appearance(extract: Extract) -> None:
    first, again = extract('"We are ready," Ann Lee said. Later, Ann Lee said the plan would work.')
    assert first.speaker == again.speaker
    # the quote's own attribution does not count as an earlier one
    assert (first.features["speaker_quoted_before"], again.features["speaker_quoted_before"]) == (
        0.0,
        1.0,
    )


def test_how_the_article_introduced_the_speaker_is_kept_for_later_quotes(
    extract: Extract,
) -> None:
    # annotators often keep "Ann Lee, a lawyer for the union, ..." as the source of every
    # later quote of hers, where the name alone does not match
    described = extract(
        "Ann Lee, a lawyer for the union, spoke on Monday. Later, Ms. Lee said the deal was off."
    )
    plain = extract("Ann Lee spoke on Monday. Later, Ms. Lee said the deal was off.")
    assert described[-1].text == plain[-1].text == "the deal was off"
    assert (plain[-1].features["introduced"], described[-1].features["introduced"]) == (
        "-",
        "apposition",
    )


def test_a_huge_speaker_phrase_is_described_within_bounds(extract: Extract) -> None:
    """A hostile run-on subject: the count is capped by the window, and every new feature
    is there with a known value."""
    modifiers = ", ".join(f"member {i} of the committee" for i in range(200))
    q = last(extract, f"The officials, {modifiers}, said the budget would pass.")
    assert q.features["phrase_beyond_name"] in ("none", "0", "1-2", "3-5", "6+")
    for name in ("cue_reported", "speaker_coordinated", "speaker_quoted_before"):
        assert q.features[name] in (0.0, 1.0)
    assert q.features["clause_tail"] in ("none", "early", "middle", "late")
    assert 0.0 <= q.confidence <= 1.0


def test_the_attribution_features_are_in_the_shipped_model(extract: Extract) -> None:
    model = shipped_model()
    for name in (
        "phrase_beyond_name",
        "clause_tail",
        "runs_on",
        "phrase_beyond_name*mention_kind",
        "introduced",
    ):
        assert name in model.categories, name
    for name in ("cue_reported", "speaker_coordinated", "speaker_quoted_before"):
        assert name in model.scales, name
