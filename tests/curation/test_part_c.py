"""Issue 15's smaller workbench failures, as service tests on real migrated databases:
renames keep the saved old name, aliases can be removed (and put back by undo), a merge
keeps the narration out and can be previewed, split parts get topic suggestions, history
names its topics and speakers, and the card says where a "he" was named."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from quotes.cli import app
from quotes.curation import Conflict, CurationService, InvalidEdit, NotFound
from quotes.store.database import Database
from quotes.store.models import Article, Edit, Quote, QuoteTopic, Speaker
from quotes.store.names import normalize_name
from tests.factories import seed, span


@pytest.fixture
def svc(database: Database) -> CurationService:
    return CurationService(database, "alice")


def _bare_speaker(database: Database, name: str) -> int:
    """A speaker whose own name is not among its aliases, as older extractions stored them."""
    with database.sessions.begin() as s:
        sp = Speaker(name=name, normalized_name=normalize_name(name))
        s.add(sp)
        s.flush()
        return sp.id


# -- renames and aliases -----------------------------------------------------------------


def test_rename_keeps_the_saved_old_name_as_alias(database: Database, svc: CurationService) -> None:
    putin = _bare_speaker(database, "Putin")
    info = svc.update_speaker(putin, name="Vladimir Putin")
    assert info.name == "Vladimir Putin"
    assert set(info.aliases) == {"Putin", "Vladimir Putin"}
    assert svc.find_speaker("Putin").id == putin
    # Undo takes the rename back whole: name and the aliases it added.
    svc.undo()
    again = svc.speaker(putin)
    assert again.name == "Putin" and again.aliases == ()


def test_only_saved_names_become_aliases(database: Database, svc: CurationService) -> None:
    """Two saves, two old names kept; nothing typed in between is (the form saves once)."""
    putin = _bare_speaker(database, "Putin")
    svc.update_speaker(putin, name="Vladmir Putin")
    info = svc.update_speaker(putin, name="Vladimir Putin")
    assert set(info.aliases) == {"Putin", "Vladmir Putin", "Vladimir Putin"}
    # The saved typo was a real name of the record; the curator can now take it off.
    info = svc.remove_alias(putin, "vladmir putin")
    assert set(info.aliases) == {"Putin", "Vladimir Putin"}


def test_remove_alias_is_audited_and_undoable(database: Database, svc: CurationService) -> None:
    data = seed(database)
    svc.add_alias(data.lavrov, "S. Lavrov")
    info = svc.remove_alias(data.lavrov, "S. Lavrov")
    assert "S. Lavrov" not in info.aliases
    with database.sessions() as s:
        last = s.scalars(select(Edit).order_by(Edit.id.desc()).limit(1)).one()
    assert (last.action, last.entity, last.curator) == ("remove_alias", "alias", "alice")
    assert last.before is not None and last.before["alias"] == "S. Lavrov" and last.after is None
    result = svc.undo()
    assert result.action == "remove_alias"
    assert "S. Lavrov" in svc.speaker(data.lavrov).aliases
    svc.redo()
    assert "S. Lavrov" not in svc.speaker(data.lavrov).aliases


def test_remove_alias_refuses_the_name_and_unknown_aliases(
    database: Database, svc: CurationService
) -> None:
    data = seed(database)
    with pytest.raises(InvalidEdit, match="speaker's name"):
        svc.remove_alias(data.lavrov, "Sergey Lavrov")
    with pytest.raises(NotFound):
        svc.remove_alias(data.lavrov, "Jens Stoltenberg")  # someone else's alias
    with pytest.raises(NotFound):
        svc.remove_alias(data.lavrov, "")
    assert "Sergey Lavrov" in svc.speaker(data.lavrov).aliases


def test_cli_unalias(database: Database, db_url: str) -> None:
    data = seed(database)
    CurationService(database, "alice").add_alias(data.stoltenberg, "NATO chief")
    result = CliRunner().invoke(
        app, ["speakers", "unalias", "Jens Stoltenberg", "NATO chief", "--db", db_url]
    )
    assert result.exit_code == 0, result.output
    assert "NATO chief" not in result.stdout  # the speaker as it is now
    assert "NATO chief" not in CurationService(database, "x").speaker(data.stoltenberg).aliases
    missing = CliRunner().invoke(
        app, ["speakers", "unalias", "Jens Stoltenberg", "NATO chief", "--db", db_url]
    )
    assert missing.exit_code != 0 and "no alias" in missing.output


# -- merge and split ---------------------------------------------------------------------


def test_merge_keeps_narration_out_and_matches_its_preview(
    database: Database, svc: CurationService
) -> None:
    data = seed(database)
    ready, dialogue = data.quotes[1], data.quotes[2]  # '"We stand ready," Stoltenberg said. "…"'
    preview = svc.merge_preview(ready)
    assert preview is not None and preview.partner_id == dialogue
    assert preview.text == "We stand ready, … Dialogue is not a sign of weakness."
    assert "Stoltenberg said" not in preview.text
    first, second = svc.quote_card(ready), svc.quote_card(dialogue)
    merged_away = svc.merge_with_next(ready, preview.version, preview.partner_id)
    assert merged_away == dialogue
    card = svc.quote_card(ready)
    assert card.text == preview.text
    # The span still covers the whole passage, so the article highlights both parts.
    assert (card.start, card.end) == (first.start, second.end)
    svc.undo()
    assert svc.quote_card(ready).text == "We stand ready,"
    assert svc.quote_card(dialogue).text == "Dialogue is not a sign of weakness."


def test_merge_preview_is_none_without_a_partner(database: Database, svc: CurationService) -> None:
    data = seed(database)
    assert svc.merge_preview(data.quotes[3]) is None  # Lavrov's only quote


def _article(database: Database, text: str, parts: list[str], speaker: int) -> list[int]:
    """One more article with `parts` as quotes of `speaker`; their ids in reading order."""
    with database.sessions.begin() as s:
        article = Article(content_hash=str(hash(text)), source="b.txt", text=text)
        s.add(article)
        s.flush()
        quotes = []
        for part in parts:
            start, end = span(text, part)
            quotes.append(
                Quote(
                    article_id=article.id,
                    text=part,
                    start=start,
                    end=end,
                    type="direct",
                    speaker_id=speaker,
                    confidence=0.9,
                )
            )
        s.add_all(quotes)
        s.flush()
        return [q.id for q in quotes]


def test_adjacent_parts_merge_without_an_ellipsis(database: Database, svc: CurationService) -> None:
    data = seed(database)
    text = 'He said: "We will talk" "and we will listen."\n'
    first, _ = _article(database, text, ["We will talk", "and we will listen."], data.lavrov)
    # Only a closing and an opening quotation mark between them: nothing to leave out.
    preview = svc.merge_preview(first)
    assert preview is not None and preview.text == "We will talk and we will listen."


def test_a_merge_after_a_stale_preview_is_refused(database: Database, svc: CurationService) -> None:
    data = seed(database)
    text = '"We will talk," he said. "We will wait." Later: "We will listen."\n'
    first, third = _article(database, text, ["We will talk,", "We will listen."], data.lavrov)
    preview = svc.merge_preview(first)
    assert preview is not None and preview.partner_id == third
    # Meanwhile a quote appears in between (a re-extraction, an undone merge): the preview
    # no longer says what M would do.
    with database.sessions.begin() as s:
        kept = s.get(Quote, first)
        assert kept is not None
        start, end = span(text, "We will wait.")
        s.add(
            Quote(
                article_id=kept.article_id,
                text="We will wait.",
                start=start,
                end=end,
                type="direct",
                speaker_id=data.lavrov,
                confidence=0.9,
            )
        )
    with pytest.raises(Conflict, match="changed since the preview"):
        svc.merge_with_next(first, preview.version, preview.partner_id)
    assert svc.quote_card(first).text == "We will talk,"


def test_split_parts_get_topic_suggestions(database: Database, svc: CurationService) -> None:
    data = seed(database)
    quote = data.quotes[2]  # "Dialogue is not a sign of weakness."
    svc.tag(quote, "Diplomacy")
    card = svc.quote_card(quote)
    at = card.start + len("Dialogue is not")
    new_id = svc.split_quote(quote, at)
    new = svc.quote_card(new_id)
    assert [(t.name, t.origin) for t in new.topics] == [("Diplomacy", "suggested")]
    # The first part keeps the curator's tag; only the new part awaits a decision.
    assert [(t.name, t.origin) for t in svc.quote_card(quote).topics] == [("Diplomacy", "curator")]
    svc.undo()
    with database.sessions() as s:
        assert s.get(Quote, new_id) is None
        assert s.scalars(select(QuoteTopic).where(QuoteTopic.quote_id == new_id)).all() == []


# -- history and the card ----------------------------------------------------------------


def test_history_names_an_untagged_topic_and_speakers(
    database: Database, svc: CurationService
) -> None:
    data = seed(database)
    quote = data.quotes[0]
    svc.tag(quote, "Arms control")
    svc.untag(quote, "Arms control")
    svc.reassign(quote, data.lavrov)
    history = svc.quote_card(quote).history
    tagged = [h for h in history if h.topic is not None]
    assert tagged and all(h.topic == "Arms control" for h in tagged)
    [moved] = [h for h in history if h.action == "reassign"]
    assert (moved.speaker_before, moved.speaker_after) == ("Jens Stoltenberg", "Sergey Lavrov")


def test_history_keeps_the_whole_span_texts(database: Database, svc: CurationService) -> None:
    data = seed(database)
    quote = data.quotes[2]
    card = svc.quote_card(quote)
    svc.edit_span(quote, card.start, card.end - len(" weakness."))
    [entry] = [h for h in svc.quote_card(quote).history if h.action == "edit_span"]
    assert entry.before is not None and entry.after is not None
    assert entry.before["text"] == "Dialogue is not a sign of weakness."
    assert entry.after["text"] == "Dialogue is not a sign of"


PRONOUN_ARTICLE = (
    "Jens Stoltenberg arrived in Brussels on Monday. The talks began late.\n"
    "The meeting lasted for hours.\n"
    '"We stand ready," he said.\n'
)


def test_card_shows_where_a_pronoun_speaker_was_named(
    database: Database, svc: CurationService
) -> None:
    data = seed(database)
    [quote] = _article(database, PRONOUN_ARTICLE, ["We stand ready,"], data.stoltenberg)
    with database.sessions.begin() as s:
        q = s.get(Quote, quote)
        assert q is not None
        q.mention = "he"
        q.mention_start = span(PRONOUN_ARTICLE, "he said")[0]
        q.mention_end = q.mention_start + 2
    card = svc.quote_card(quote)
    assert card.paragraph == '"We stand ready," he said.'
    assert card.mention_sentence == "Jens Stoltenberg arrived in Brussels on Monday."
    assert card.mention_sentence_start == 0


def test_card_has_no_named_sentence_when_the_mention_is_the_name(
    database: Database, svc: CurationService
) -> None:
    data = seed(database)
    with database.sessions.begin() as s:
        q = s.get(Quote, data.quotes[3])
        assert q is not None
        q.mention = "Sergey Lavrov"
        q.mention_start, q.mention_end = span(q.article.text, "Sergey Lavrov")
    assert svc.quote_card(data.quotes[3]).mention_sentence == ""


def test_card_has_no_named_sentence_when_the_paragraph_names_the_speaker(
    database: Database, svc: CurationService
) -> None:
    data = seed(database)  # '"We stand ready," Stoltenberg said. "Dialogue is not …"'
    assert svc.quote_card(data.quotes[2]).mention_sentence == ""
