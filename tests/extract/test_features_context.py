"""The features describing a quote's neighbourhood (issue 16): how the speaker is written,
who else is named near it, what the cue verb is doing, what the quote looks like inside.
Each is checked on a sentence where the answer is plain, through the real pipeline."""

from __future__ import annotations

from collections.abc import Callable

from quotes.extract import ExtractedQuote
from quotes.extract.calibration import shipped_model

Extract = Callable[[str], list[ExtractedQuote]]


def only(extract: Extract, text: str) -> ExtractedQuote:
    quotes = extract(text)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def test_the_speakers_written_form_tells_a_full_name_from_a_pronoun(extract: Extract) -> None:
    named, pronoun = extract('"We are ready," Ann Lee said. "We always were," she added.')
    assert named.features["mention_form"] == "full"
    assert pronoun.features["mention_form"] == "pronoun:she"
    assert named.features["first_person"] == pronoun.features["first_person"] == 1.0
    assert named.features["cue_dep"] == "ROOT" and named.features["cue_mood"] == "VBD"
    assert named.features["paragraph_quotes"] not in (0.0, "")  # two quotations in it


def test_another_person_named_near_the_quote_is_counted(extract: Extract) -> None:
    q = only(extract, "Ann Lee said that the plan would fail, according to Mary Jones.")
    assert q.speaker is not None and q.speaker.name == "Ann Lee"
    assert q.features["others_in_paragraph"] == "1"  # Mary Jones; Ann Lee herself is not
    assert q.features["that_before"] == 1.0
    assert q.features["starts_lower"] == 1.0
    assert q.features["first_person"] == 0.0


def test_people_far_away_in_a_long_paragraph_are_not_the_neighbourhood(
    extract: Extract,
) -> None:
    filler = " Filler words go here." * 60  # about 1,300 characters, same paragraph
    q = only(extract, f"Ann Lee said the budget was fine.{filler} Bob Stone and Carl White agreed.")
    assert q.features["others_in_paragraph"] == "0"


def test_the_speakers_name_inside_their_own_quote_is_noticed(extract: Extract) -> None:
    q = only(extract, '"Smith is wrong about everything," John Smith said.')
    assert q.features["speaker_in_quote"] == 1.0
    assert q.features["people_inside"] not in (0.0, "")
    assert q.features["ends_sentence"] == 1.0


def test_the_new_features_are_in_the_shipped_model_and_explained_in_words(
    extract: Extract,
) -> None:
    model = shipped_model()
    for name in ("mention_form", "cue_dep", "others_in_paragraph", "sentence_share"):
        assert name in model.categories, name
    for name in ("first_person", "speaker_in_quote", "other_people"):
        assert name in model.scales, name
    q = only(extract, "Ann Lee said that the plan would fail, according to Mary Jones.")
    drivers = model.drivers(q.features, n=10)
    assert drivers and all(": " in d and "_" not in d.split(":")[0] for d in drivers)


def test_a_source_named_twice_scores_lower_than_the_plain_attribution(extract: Extract) -> None:
    # PolNeAR's gold takes "Jeb Bush of Florida" and the outer "according to CNN" as the
    # source: the extractor's shorter speaker is then often counted wrong, and the model knows
    plain = only(extract, '"We will win this state," Jeb Bush said on Monday.')
    longer = only(extract, '"We will win this state," Jeb Bush of Florida said on Monday.')
    assert (plain.features["after_mention"], longer.features["after_mention"]) == ("-", "of")
    assert longer.confidence < plain.confidence
    direct = only(extract, '"I ask you not to protest," Sanders said at the rally.')
    nested = only(extract, '"I ask you not to protest," Sanders said, according to CNN.')
    assert (direct.features["according_nearby"], nested.features["according_nearby"]) == (0, 1)
    assert nested.confidence < direct.confidence
    assert any("according to" in d for d in shipped_model().drivers(nested.features))


def test_quotations_side_by_side_are_marked(extract: Extract) -> None:
    first, second = extract('"We are ready." "We always were," Ann Lee said.')
    assert first.features["next_to_quotation"] == "after"
    assert second.features["next_to_quotation"] == "before"
    alone = only(extract, '"We will win this state," Jeb Bush said on Monday.')
    assert alone.features["next_to_quotation"] == "none"


def test_hostile_text_still_gets_every_feature(extract: Extract) -> None:
    """Unclosed marks, bidi and zero-width characters, a quote at the very end and a very
    long paragraph of quotes: every quote is still described and scored."""
    many = " ".join(f'"Point number {i} stands," Ann Lee said.' for i in range(120))
    text = (
        f"{many}\n"
        '\u202e"Reversed words here," he said\u200b.\n'
        '"Never closed, said nobody\n'
        'Bob Stone said: "the end'
    )
    quotes = extract(text)
    assert len(quotes) > 100
    names = set(shipped_model().categories) | set(shipped_model().scales)
    simple = {n for n in names if "*" not in n}
    for q in quotes:
        assert simple <= set(q.features), simple - set(q.features)
        assert 0.0 <= q.confidence <= 1.0
