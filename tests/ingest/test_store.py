"""Storing: de-duplication, atomic articles, speaker linking across articles."""

from __future__ import annotations

from sqlalchemy import func, select

from quotes.extract.types import Speaker as ExtractedSpeaker
from quotes.ingest import ArticleInput, store_extracted
from quotes.ingest.speakers import is_generic_alias, is_generic_name
from quotes.store.database import Database
from quotes.store.models import Article, Quote, Speaker, SpeakerAlias, SpeakerCandidate
from quotes.store.names import normalize_name
from tests.ingest.helpers import ARTICLE_1, ARTICLE_2, LAVROV, STOLTENBERG, quote


def store(database: Database, text: str, *quotes_: object, **meta: str) -> object:
    return store_extracted(
        database, [(ArticleInput(text=text, **meta), list(quotes_))], extractor_version="t1"
    )


def count(database: Database, model: type) -> int:
    with database.sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def add_speaker(
    database: Database,
    name: str,
    *,
    title: str | None = None,
    merged_into: int | None = None,
    aliases: tuple[str, ...] = (),
) -> int:
    with database.sessions.begin() as s:
        sp = Speaker(
            name=name,
            normalized_name=normalize_name(name),
            title=title,
            merged_into_id=merged_into,
            verified=True,
        )
        for alias in aliases:
            sp.aliases.append(
                SpeakerAlias(alias=alias, normalized=normalize_name(alias), origin="curator")
            )
        s.add(sp)
        s.flush()
        return sp.id


def candidates_of(database: Database, speaker_id: int | None) -> set[int]:
    with database.sessions() as s:
        return set(
            s.scalars(
                select(SpeakerCandidate.candidate_id).where(
                    SpeakerCandidate.speaker_id == speaker_id
                )
            )
        )


def speaker_of(database: Database, content: str) -> int | None:
    with database.sessions() as s:
        return s.scalar(select(Quote.speaker_id).where(Quote.text == content))


def test_article_and_quotes_stored(database: Database) -> None:
    summary = store(
        database,
        ARTICLE_1,
        quote(ARTICLE_1, "We stand ready,", STOLTENBERG),
        quote(ARTICLE_1, "Moscow wanted guarantees", LAVROV, type="indirect"),
        source="a.txt",
        outlet="Wire",
    )
    assert summary.articles_new == 1
    assert summary.quotes_added == 2
    assert summary.speakers_created == 2
    with database.sessions() as s:
        article = s.scalars(select(Article)).one()
        assert article.text == ARTICLE_1
        assert article.extractor_version == "t1"
        assert article.outlet == "Wire"
        for q in s.scalars(select(Quote)):
            assert article.text[q.start : q.end] == q.text
            assert q.status == "unverified"
            assert q.extractor_version == "t1"
            assert q.article_id == article.id
        stoltenberg = s.scalars(select(Speaker).where(Speaker.name == "Jens Stoltenberg")).one()
        assert stoltenberg.verified is False
        assert stoltenberg.title == "NATO Secretary General"
        aliases = {a.alias: a.origin for a in stoltenberg.aliases}
        # The full name is an alias; a bare surname is left to the surname rule.
        assert aliases == {"Jens Stoltenberg": "extractor"}


def test_same_text_again_is_a_no_op(database: Database) -> None:
    store(database, ARTICLE_1, quote(ARTICLE_1, "We stand ready,", STOLTENBERG))
    again = store(database, ARTICLE_1, quote(ARTICLE_1, "We stand ready,", STOLTENBERG))
    assert (again.articles_new, again.articles_unchanged, again.quotes_added) == (0, 1, 0)
    assert count(database, Article) == 1
    assert count(database, Quote) == 1


def test_duplicate_inside_one_batch(database: Database) -> None:
    summary = store_extracted(
        database,
        [(ArticleInput(text=ARTICLE_1), []), (ArticleInput(text=ARTICLE_1), [])],
        extractor_version="t1",
    )
    assert (summary.articles_new, summary.articles_unchanged) == (1, 1)


def test_surname_alone_is_not_linked_without_evidence(database: Database) -> None:
    """The article names no one else and says nothing of NATO: "Stoltenberg" could be anyone
    of that name, so it gets a provisional row that offers Jens Stoltenberg as a candidate."""
    store(database, ARTICLE_1, quote(ARTICLE_1, "We stand ready,", STOLTENBERG))
    summary = store(
        database,
        ARTICLE_2,
        quote(ARTICLE_2, "The ball is now on Russia's side,", ExtractedSpeaker("Stoltenberg")),
    )
    assert summary.speakers_created == 1
    jens = speaker_of(database, "We stand ready,")
    provisional = speaker_of(database, "The ball is now on Russia's side,")
    assert provisional is not None and provisional != jens
    with database.sessions() as s:
        row = s.get(Speaker, provisional)
        assert row is not None
        assert (row.name, row.ambiguous) == ("Stoltenberg", True)
    assert candidates_of(database, provisional) == {jens}


def test_surname_links_on_the_articles_evidence(database: Database) -> None:
    store(database, ARTICLE_1, quote(ARTICLE_1, "We stand ready,", STOLTENBERG))
    text = '"The ball is on Russia\'s side," Stoltenberg told NATO envoys in Brussels.\n'
    summary = store(
        database,
        text,
        quote(text, "The ball is on Russia's side,", ExtractedSpeaker("Stoltenberg")),
    )
    # Jens Stoltenberg's organization, NATO, is named in the article.
    assert summary.speakers_created == 0
    assert speaker_of(database, "The ball is on Russia's side,") == speaker_of(
        database, "We stand ready,"
    )


def test_surname_shared_by_two_people_creates_a_new_speaker(database: Database) -> None:
    jens = add_speaker(database, "Jens Stoltenberg")
    thorvald = add_speaker(database, "Thorvald Stoltenberg")
    summary = store(
        database,
        ARTICLE_2,
        quote(ARTICLE_2, "The ball is now on Russia's side,", ExtractedSpeaker("Stoltenberg")),
    )
    assert summary.speakers_created == 1
    row = speaker_of(database, "The ball is now on Russia's side,")
    assert row is not None and candidates_of(database, row) == {jens, thorvald}


def test_links_by_curator_alias(database: Database) -> None:
    jens = add_speaker(database, "Jens Stoltenberg", aliases=("J. Stoltenberg",))
    store(
        database,
        ARTICLE_2,
        quote(ARTICLE_2, "The ball is now on Russia's side,", ExtractedSpeaker("J. Stoltenberg")),
    )
    assert speaker_of(database, "The ball is now on Russia's side,") == jens


def test_links_by_accent_and_case_insensitive_name(database: Database) -> None:
    jens = add_speaker(database, "Jens Stoltenberg")
    store(
        database,
        ARTICLE_2,
        quote(ARTICLE_2, "The ball is now on Russia's side,", ExtractedSpeaker("JENS STÖLTENBERG")),
    )
    # normalize_name folds accents: "Stöltenberg" is the same key as "Stoltenberg".
    assert speaker_of(database, "The ball is now on Russia's side,") == jens


def test_merged_speaker_is_followed_to_the_survivor(database: Database) -> None:
    survivor = add_speaker(database, "Jens Stoltenberg")
    add_speaker(database, "Jens Stoltenburg", merged_into=survivor)
    summary = store(
        database,
        ARTICLE_2,
        quote(ARTICLE_2, "The ball is now on Russia's side,", ExtractedSpeaker("Jens Stoltenburg")),
    )
    assert summary.speakers_created == 0
    assert speaker_of(database, "The ball is now on Russia's side,") == survivor


def test_curator_title_is_not_overwritten_but_gaps_are_filled(database: Database) -> None:
    jens = add_speaker(database, "Jens Stoltenberg", title="NATO chief")
    store(database, ARTICLE_1, quote(ARTICLE_1, "We stand ready,", STOLTENBERG))
    with database.sessions() as s:
        speaker = s.get(Speaker, jens)
        assert speaker is not None
        assert speaker.title == "NATO chief"
        assert speaker.organization == "NATO"


def test_alias_taken_by_another_speaker_is_skipped(database: Database) -> None:
    other = add_speaker(database, "Jens Stoltenberg Jr", aliases=("Jens Stoltenberg Senior",))
    extracted = ExtractedSpeaker("Jens Stoltenberg", aliases=("Jens Stoltenberg Senior",))
    store(database, ARTICLE_1, quote(ARTICLE_1, "We stand ready,", extracted))
    with database.sessions() as s:
        owner = s.scalar(
            select(SpeakerAlias.speaker_id).where(
                SpeakerAlias.normalized == "jens stoltenberg senior"
            )
        )
    assert owner == other


def test_generic_speakers_and_aliases(database: Database) -> None:
    assert is_generic_name("he")
    assert is_generic_name("He")
    assert is_generic_name("the foreign minister")
    assert is_generic_name("The Minister")
    assert not is_generic_name("European Commission")
    assert not is_generic_name("Kremlin")
    assert is_generic_alias("Foreign Minister")
    assert not is_generic_alias("NATO")
    extracted = ExtractedSpeaker(
        "North Atlantic Council", kind="organization", aliases=("Council", "NAC", "the council")
    )
    store(database, ARTICLE_1, quote(ARTICLE_1, "We stand ready,", extracted))
    with database.sessions() as s:
        aliases = set(s.scalars(select(SpeakerAlias.alias)))
    assert aliases == {"North Atlantic Council", "NAC"}


def test_pronoun_speaker_is_not_a_speaker_row(database: Database) -> None:
    summary = store(
        database, ARTICLE_1, quote(ARTICLE_1, "We stand ready,", ExtractedSpeaker("He"))
    )
    assert summary.quotes_added == 1
    assert summary.speakers_created == 0
    assert speaker_of(database, "We stand ready,") is None


def test_two_articles_in_one_batch_share_a_new_speaker(database: Database) -> None:
    summary = store_extracted(
        database,
        [
            (ArticleInput(text=ARTICLE_1), [quote(ARTICLE_1, "We stand ready,", STOLTENBERG)]),
            (
                ArticleInput(text=ARTICLE_2),
                [quote(ARTICLE_2, "The ball is now on Russia's side,", STOLTENBERG)],
            ),
        ],
        extractor_version="t1",
    )
    assert summary.speakers_created == 1


def test_invalid_spans_are_dropped_not_stored(database: Database) -> None:
    good = quote(ARTICLE_1, "We stand ready,", STOLTENBERG)
    wrong_text = quote(ARTICLE_1, "Dialogue is not a sign of weakness.")
    wrong_text = type(wrong_text)(
        start=wrong_text.start,
        end=wrong_text.end,
        text="something else",
        type="direct",
        confidence=0.5,
    )
    outside = type(good)(start=5, end=10_000, text="x", type="direct", confidence=0.5)
    summary = store(database, ARTICLE_1, good, wrong_text, outside)
    assert (summary.quotes_added, summary.quotes_dropped) == (1, 2)


def test_a_failing_article_does_not_cost_the_batch(database: Database) -> None:
    # A lone surrogate cannot be written to SQLite: that article fails, the others are stored.
    bad = "broken \ud800 text"
    summary = store_extracted(
        database,
        [
            (ArticleInput(text=ARTICLE_1, source="good-1"), [quote(ARTICLE_1, "We stand ready,")]),
            (ArticleInput(text=bad, source="bad"), [quote(bad, "broken")]),
            (ArticleInput(text=ARTICLE_2, source="good-2"), []),
        ],
        extractor_version="t1",
    )
    assert summary.articles_new == 2
    assert summary.articles_failed == 1
    assert [p.source for p in summary.problems] == ["bad"]
    assert count(database, Article) == 2
    assert count(database, Quote) == 1


def test_full_name_makes_a_surname_only_row_ambiguous(database: Database) -> None:
    """The earlier "Stoltenberg" quotes may be Jens's or another Stoltenberg's: the row is
    not renamed to the full name (that would attach them to him unseen), it is flagged."""
    first = store(
        database,
        ARTICLE_2,
        quote(ARTICLE_2, "The ball is now on Russia's side,", ExtractedSpeaker("Stoltenberg")),
    )
    assert first.speakers_created == 1
    second = store(database, ARTICLE_1, quote(ARTICLE_1, "We stand ready,", STOLTENBERG))
    assert second.speakers_created == 1
    surname_row = speaker_of(database, "The ball is now on Russia's side,")
    jens = speaker_of(database, "We stand ready,")
    with database.sessions() as s:
        row = s.get(Speaker, surname_row)
        assert row is not None
        assert (row.name, row.ambiguous) == ("Stoltenberg", True)
    assert candidates_of(database, surname_row) == {jens}


def test_full_name_leaves_a_curated_surname_only_row_alone(database: Database) -> None:
    row = add_speaker(database, "Stoltenberg")  # verified by a curator
    store(database, ARTICLE_1, quote(ARTICLE_1, "We stand ready,", STOLTENBERG))
    assert speaker_of(database, "We stand ready,") != row
    with database.sessions() as s:
        speaker = s.get(Speaker, row)
        assert speaker is not None
        assert (speaker.name, speaker.ambiguous) == ("Stoltenberg", False)
        assert speaker.aliases == []


def test_surname_only_row_is_not_used_when_the_surname_is_ambiguous(database: Database) -> None:
    add_speaker(database, "Stoltenberg")
    add_speaker(database, "Thorvald Stoltenberg")
    summary = store(database, ARTICLE_1, quote(ARTICLE_1, "We stand ready,", STOLTENBERG))
    assert summary.speakers_created == 1
