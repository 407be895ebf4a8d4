"""The one service layer: every curator action, for the workbench and the CLI alike.

Each public method is one transaction that changes the rows and writes their `edits` rows
together, so the audit log can never disagree with the data, and undo/redo replay it.
Quote and speaker updates carry the version the curator saw: if the row moved since
(another curator, the extractor), the change is refused with `Conflict`, never applied
over the other change.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from quotes.curation import reads, snapshots
from quotes.curation.errors import Conflict, InvalidEdit, NotFound, NothingToUndo
from quotes.curation.filters import QueueFilter
from quotes.curation.views import (
    ArticleView,
    HistoryEntry,
    Progress,
    QueuePage,
    QueueRow,
    QuoteCard,
    SpeakerInfo,
    TopicInfo,
    UndoResult,
)
from quotes.store.database import Database
from quotes.store.models import (
    QUOTE_TYPES,
    SPEAKER_KINDS,
    Article,
    Base,
    Edit,
    Quote,
    QuoteTopic,
    Speaker,
    SpeakerAlias,
    Topic,
    utcnow,
)
from quotes.store.names import normalize_name

Decision = Literal["verified", "rejected", "unverified"]
UNDO_ACTIONS = ("undo", "redo")


@dataclass
class _Change:
    """One curator action in progress: the session and the edits it has recorded."""

    session: Session
    curator: str
    action: str
    group_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    count: int = 0

    def record(
        self,
        obj: Base | None,
        before: dict[str, Any] | None,
        *,
        entity: str | None = None,
        action: str | None = None,
    ) -> None:
        """Write the edits row for `obj` (None when it was deleted; pass `entity` then)."""
        self.session.flush()
        after = snapshots.snapshot(obj) if obj is not None else None
        if snapshots.same_state(before, after):
            return
        name = entity or snapshots.ENTITY_OF[type(obj)]  # type: ignore[arg-type]
        ref = after if after is not None else before
        assert ref is not None
        cls = snapshots.ENTITIES[name]
        self.session.add(
            Edit(
                group_id=self.group_id,
                entity=name,
                entity_id=int(snapshots.primary_key(cls, ref)[0]),
                action=action or self.action,
                before=before,
                after=after,
                curator=self.curator,
            )
        )
        self.count += 1


class CurationService:
    def __init__(self, database: Database, curator: str) -> None:
        self.db = database
        self.curator = curator

    # -- plumbing -------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self.db.readers() as session:
            yield session

    @contextmanager
    def _change(self, action: str) -> Iterator[_Change]:
        try:
            with self.db.sessions.begin() as session:
                yield _Change(session, self.curator, action)
        except StaleDataError as exc:
            raise Conflict(
                "this row was changed by someone else while you were editing; reload and retry"
            ) from exc

    @staticmethod
    def _quote(session: Session, quote_id: int, expected_version: int | None) -> Quote:
        quote = session.get(Quote, quote_id)
        if quote is None:
            raise NotFound(f"quote {quote_id} does not exist")
        if expected_version is not None and quote.version != expected_version:
            who = f" by {quote.verified_by}" if quote.verified_by else ""
            raise Conflict(
                f"quote {quote_id} changed since you loaded it (now {quote.status}{who}); "
                "it has been reloaded, nothing was overwritten"
            )
        return quote

    @staticmethod
    def _speaker(session: Session, speaker_id: int, expected_version: int | None = None) -> Speaker:
        speaker = session.get(Speaker, speaker_id)
        if speaker is None:
            raise NotFound(f"speaker {speaker_id} does not exist")
        if expected_version is not None and speaker.version != expected_version:
            raise Conflict(f"speaker {speaker.name!r} changed since you loaded it; reloaded")
        return speaker

    @staticmethod
    def _topic(
        session: Session, topic: int | str, *, create: bool = False, change: _Change | None = None
    ) -> Topic:
        if isinstance(topic, int):
            found = session.get(Topic, topic)
        else:
            found = session.scalar(
                select(Topic).where(func.lower(Topic.name) == topic.strip().lower())
            )
            if found is None and create:
                name = topic.strip()
                if not name:
                    raise InvalidEdit("a topic needs a name")
                found = Topic(name=name)
                session.add(found)
                if change is not None:
                    change.record(found, None, action="create_topic")
        if found is None:
            raise NotFound(f"topic {topic!r} does not exist")
        return found

    # -- reads ----------------------------------------------------------------------------

    def queue_page(
        self, f: QueueFilter, after: tuple[Any, ...] | None = None, limit: int = 100
    ) -> QueuePage:
        with self._read() as s:
            return reads.queue_page(s, f, after=after, limit=limit)

    def queue_rows(self, ids: list[int]) -> list[QueueRow]:
        with self._read() as s:
            return reads.queue_rows(s, ids)

    def progress(self, f: QueueFilter) -> Progress:
        with self._read() as s:
            return reads.progress(s, f)

    def quote_card(self, quote_id: int) -> QuoteCard:
        with self._read() as s:
            return reads.quote_card(s, self._quote(s, quote_id, None))

    def article(self, article_id: int) -> ArticleView:
        with self._read() as s:
            article = s.get(Article, article_id)
            if article is None:
                raise NotFound(f"article {article_id} does not exist")
            return reads.article_view(s, article)

    def speakers(
        self, query: str | None = None, *, limit: int = 200, include_merged: bool = False
    ) -> list[SpeakerInfo]:
        with self._read() as s:
            return reads.list_speakers(s, query, limit=limit, include_merged=include_merged)

    def search_speakers(self, query: str, *, limit: int = 20) -> list[SpeakerInfo]:
        with self._read() as s:
            return reads.search_speakers(s, query, limit=limit)

    def speaker(self, speaker_id: int) -> SpeakerInfo:
        with self._read() as s:
            return reads.speaker_info(s, self._speaker(s, speaker_id))

    def find_speaker(self, name: str) -> SpeakerInfo:
        """A speaker by id, exact name or alias (following merges), for CLI arguments."""
        with self._read() as s:
            speaker: Speaker | None = None
            if name.isdigit():
                speaker = s.get(Speaker, int(name))
            if speaker is None:
                key = normalize_name(name)
                speaker = s.scalar(
                    select(Speaker)
                    .where(Speaker.normalized_name == key)
                    .order_by(Speaker.merged_into_id.is_not(None), Speaker.id)
                ) or s.scalar(
                    select(Speaker).join(SpeakerAlias).where(SpeakerAlias.normalized == key)
                )
            if speaker is None:
                raise NotFound(f"no speaker named {name!r}")
            while speaker.merged_into_id is not None:
                speaker = self._speaker(s, speaker.merged_into_id)
            return reads.speaker_info(s, speaker)

    def topics(self, query: str | None = None) -> list[TopicInfo]:
        with self._read() as s:
            return reads.list_topics(s, query)

    def outlets(self) -> list[str]:
        with self._read() as s:
            return [
                o
                for o in s.scalars(
                    select(Article.outlet)
                    .where(Article.outlet.is_not(None))
                    .distinct()
                    .order_by(Article.outlet)
                )
            ]

    def history(self, entity: str, entity_id: int) -> tuple[HistoryEntry, ...]:
        with self._read() as s:
            return reads.history(s, entity, entity_id)

    # -- quote decisions ------------------------------------------------------------------

    def decide(
        self, quote_id: int, decision: Decision, expected_version: int | None = None
    ) -> QueueRow:
        """Verify, reject, or return a quote to unverified."""
        with self._change(decision if decision != "unverified" else "unverify") as ch:
            quote = self._quote(ch.session, quote_id, expected_version)
            self._set_status(ch, quote, decision)
        return self.queue_rows([quote_id])[0]

    def verify(self, quote_id: int, expected_version: int | None = None) -> QueueRow:
        return self.decide(quote_id, "verified", expected_version)

    def reject(self, quote_id: int, expected_version: int | None = None) -> QueueRow:
        return self.decide(quote_id, "rejected", expected_version)

    def _set_status(self, ch: _Change, quote: Quote, decision: Decision) -> None:
        before = snapshots.snapshot(quote)
        quote.status = decision
        if decision == "unverified":
            quote.verified_by = None
            quote.verified_at = None
        else:
            quote.verified_by = self.curator
            quote.verified_at = utcnow()
        ch.record(quote, before)

    def bulk_decide(
        self,
        quote_ids: Iterable[int],
        decision: Decision,
        expected_versions: dict[int, int] | None = None,
    ) -> int:
        """One transaction and one undo step for the whole selection; all or nothing."""
        ids = list(dict.fromkeys(quote_ids))
        with self._change(f"bulk_{decision}") as ch:
            for qid in ids:
                quote = self._quote(ch.session, qid, (expected_versions or {}).get(qid))
                if quote.status != decision:
                    self._set_status(ch, quote, decision)
            return ch.count

    def set_type(self, quote_id: int, quote_type: str, expected_version: int | None = None) -> None:
        if quote_type not in QUOTE_TYPES:
            raise InvalidEdit(f"type must be one of {', '.join(QUOTE_TYPES)}, not {quote_type!r}")
        with self._change("set_type") as ch:
            quote = self._quote(ch.session, quote_id, expected_version)
            before = snapshots.snapshot(quote)
            quote.type = quote_type
            ch.record(quote, before)

    def edit_span(
        self, quote_id: int, start: int, end: int, expected_version: int | None = None
    ) -> QuoteCard:
        """Move the quote's boundaries within its article; the text follows the offsets."""
        with self._change("edit_span") as ch:
            quote = self._quote(ch.session, quote_id, expected_version)
            text = quote.article.text
            if not (0 <= start < end <= len(text)):
                raise InvalidEdit(f"span {start}..{end} is outside the article (0..{len(text)})")
            before = snapshots.snapshot(quote)
            quote.start, quote.end, quote.text = start, end, text[start:end]
            ch.record(quote, before)
        return self.quote_card(quote_id)

    def split_quote(self, quote_id: int, at: int, expected_version: int | None = None) -> int:
        """Split at article offset `at`; the second half becomes a new quote. Returns its id."""
        with self._change("split") as ch:
            quote = self._quote(ch.session, quote_id, expected_version)
            if not (quote.start < at < quote.end):
                raise InvalidEdit(f"split point {at} is not inside quote {quote_id}")
            text = quote.article.text
            left_end, right_start = at, at
            while left_end > quote.start and text[left_end - 1].isspace():
                left_end -= 1
            while right_start < quote.end and text[right_start].isspace():
                right_start += 1
            if left_end <= quote.start or right_start >= quote.end:
                raise InvalidEdit("both halves of a split need some text")
            before = snapshots.snapshot(quote)
            second = Quote(
                article_id=quote.article_id,
                text=text[right_start : quote.end],
                start=right_start,
                end=quote.end,
                type=quote.type,
                cue=quote.cue,
                speaker_id=quote.speaker_id,
                mention=quote.mention,
                mention_start=quote.mention_start,
                mention_end=quote.mention_end,
                confidence=quote.confidence,
                status=quote.status,
                verified_by=quote.verified_by,
                verified_at=quote.verified_at,
                extractor_version=quote.extractor_version,
            )
            quote.end, quote.text = left_end, text[quote.start : left_end]
            ch.session.add(second)
            ch.record(quote, before)
            ch.record(second, None)
            return second.id

    def merge_quotes(self, first_id: int, second_id: int) -> None:
        """Join two quotes of one speaker in one article into the first; the second is deleted."""
        with self._change("merge_quotes") as ch:
            a = self._quote(ch.session, first_id, None)
            b = self._quote(ch.session, second_id, None)
            if a.article_id != b.article_id:
                raise InvalidEdit("only quotes of the same article can be merged")
            if a.speaker_id != b.speaker_id:
                raise InvalidEdit("only quotes of the same speaker can be merged")
            if b.start < a.start:
                a, b = b, a
            before_a, before_b = snapshots.snapshot(a), snapshots.snapshot(b)
            links_b = list(b.topic_links)
            link_snaps = [snapshots.snapshot(link) for link in links_b]
            a.end = max(a.end, b.end)
            a.text = a.article.text[a.start : a.end]
            if a.type != b.type:
                a.type = "mixed"
            existing = {link.topic_id for link in a.topic_links}
            for link, snap in zip(links_b, link_snaps, strict=True):
                ch.session.delete(link)
                ch.session.flush()
                ch.record(None, snap, entity="quote_topic")
                if link.topic_id not in existing:
                    moved = QuoteTopic(
                        quote_id=a.id, topic_id=link.topic_id, origin=link.origin, score=link.score
                    )
                    ch.session.add(moved)
                    ch.record(moved, None)
            ch.session.expire(b, ["topic_links"])  # already moved one by one above
            ch.session.delete(b)
            ch.session.flush()
            ch.record(a, before_a)
            ch.record(None, before_b, entity="quote")

    def reassign(
        self, quote_id: int, speaker_id: int | None, expected_version: int | None = None
    ) -> QueueRow:
        """Attribute the quote to another speaker (None: unattributed)."""
        with self._change("reassign") as ch:
            quote = self._quote(ch.session, quote_id, expected_version)
            if speaker_id is not None:
                speaker = self._speaker(ch.session, speaker_id)
                while speaker.merged_into_id is not None:
                    speaker = self._speaker(ch.session, speaker.merged_into_id)
                speaker_id = speaker.id
            before = snapshots.snapshot(quote)
            quote.speaker_id = speaker_id
            ch.record(quote, before)
        return self.queue_rows([quote_id])[0]

    def bulk_reassign(self, quote_ids: Iterable[int], speaker_id: int) -> int:
        with self._change("bulk_reassign") as ch:
            self._speaker(ch.session, speaker_id)
            for qid in dict.fromkeys(quote_ids):
                quote = self._quote(ch.session, qid, None)
                before = snapshots.snapshot(quote)
                quote.speaker_id = speaker_id
                ch.record(quote, before)
            return ch.count

    # -- speakers -------------------------------------------------------------------------

    def create_speaker(
        self,
        name: str,
        kind: str = "person",
        title: str | None = None,
        organization: str | None = None,
        aliases: Iterable[str] = (),
    ) -> SpeakerInfo:
        name = name.strip()
        if not name:
            raise InvalidEdit("a speaker needs a name")
        if kind not in SPEAKER_KINDS:
            raise InvalidEdit(f"kind must be one of {', '.join(SPEAKER_KINDS)}, not {kind!r}")
        with self._change("create_speaker") as ch:
            speaker = Speaker(
                name=name,
                normalized_name=normalize_name(name),
                kind=kind,
                title=title or None,
                organization=organization or None,
                verified=True,
            )
            ch.session.add(speaker)
            ch.record(speaker, None)
            for alias in [name, *aliases]:
                self._add_alias(ch, speaker, alias)
            return reads.speaker_info(ch.session, speaker, 0)

    def update_speaker(
        self,
        speaker_id: int,
        *,
        expected_version: int | None = None,
        name: str | None = None,
        kind: str | None = None,
        title: str | None = None,
        organization: str | None = None,
    ) -> SpeakerInfo:
        """Change the given fields ("" clears title or organization)."""
        with self._change("update_speaker") as ch:
            speaker = self._speaker(ch.session, speaker_id, expected_version)
            before = snapshots.snapshot(speaker)
            if name is not None:
                if not name.strip():
                    raise InvalidEdit("a speaker needs a name")
                speaker.name = name.strip()
                speaker.normalized_name = normalize_name(name)
            if kind is not None:
                if kind not in SPEAKER_KINDS:
                    raise InvalidEdit(f"kind must be one of {', '.join(SPEAKER_KINDS)}")
                speaker.kind = kind
            if title is not None:
                speaker.title = title.strip() or None
            if organization is not None:
                speaker.organization = organization.strip() or None
            ch.record(speaker, before)
            if name is not None:
                self._add_alias(ch, speaker, name)
            return reads.speaker_info(ch.session, speaker)

    def verify_speaker(self, speaker_id: int, verified: bool = True) -> SpeakerInfo:
        with self._change("verify_speaker" if verified else "unverify_speaker") as ch:
            speaker = self._speaker(ch.session, speaker_id)
            before = snapshots.snapshot(speaker)
            speaker.verified = verified
            ch.record(speaker, before)
            return reads.speaker_info(ch.session, speaker)

    def _add_alias(self, ch: _Change, speaker: Speaker, alias: str) -> bool:
        key = normalize_name(alias)
        if not key:
            return False
        existing = ch.session.scalar(select(SpeakerAlias).where(SpeakerAlias.normalized == key))
        if existing is not None:
            if existing.speaker_id == speaker.id:
                return False
            owner = ch.session.get(Speaker, existing.speaker_id)
            if owner is not None and owner.merged_into_id is None:
                raise InvalidEdit(f"alias {alias!r} already belongs to {owner.name!r}")
            before = snapshots.snapshot(existing)
            existing.speaker_id = speaker.id
            ch.record(existing, before, action="move_alias")
            return True
        row = SpeakerAlias(
            speaker_id=speaker.id, alias=alias.strip(), normalized=key, origin="curator"
        )
        ch.session.add(row)
        ch.record(row, None, action="add_alias")
        return True

    def add_alias(self, speaker_id: int, alias: str) -> SpeakerInfo:
        with self._change("add_alias") as ch:
            speaker = self._speaker(ch.session, speaker_id)
            if not normalize_name(alias):
                raise InvalidEdit("an alias needs at least one letter or digit")
            self._add_alias(ch, speaker, alias)
            return reads.speaker_info(ch.session, speaker)

    def merge_speakers(self, source_id: int, target_id: int) -> SpeakerInfo:
        """Move quotes and aliases of `source` to `target`; `source` stays, pointing at it."""
        if source_id == target_id:
            raise InvalidEdit("cannot merge a speaker into itself")
        with self._change("merge_speakers") as ch:
            s = ch.session
            source = self._speaker(s, source_id)
            target = self._speaker(s, target_id)
            while target.merged_into_id is not None:
                target = self._speaker(s, target.merged_into_id)
            if target.id == source.id:
                raise InvalidEdit("cannot merge a speaker into one merged into it")
            for quote in s.scalars(select(Quote).where(Quote.speaker_id == source.id)):
                before = snapshots.snapshot(quote)
                quote.speaker_id = target.id
                ch.record(quote, before)
            for alias in list(source.aliases):
                before = snapshots.snapshot(alias)
                alias.speaker_id = target.id
                ch.record(alias, before)
            # Earlier merges into `source` now point at the survivor directly.
            for old in s.scalars(select(Speaker).where(Speaker.merged_into_id == source.id)):
                before = snapshots.snapshot(old)
                old.merged_into_id = target.id
                ch.record(old, before)
            before = snapshots.snapshot(target)
            target.title = target.title or source.title
            target.organization = target.organization or source.organization
            ch.record(target, before)
            before = snapshots.snapshot(source)
            source.merged_into_id = target.id
            ch.record(source, before)
            self._add_alias(ch, target, source.name)
            s.refresh(target)
            return reads.speaker_info(s, target)

    # -- topics ---------------------------------------------------------------------------

    def create_topic(
        self, name: str, description: str | None = None, rules: dict[str, Any] | None = None
    ) -> TopicInfo:
        with self._change("create_topic") as ch:
            if ch.session.scalar(
                select(Topic).where(func.lower(Topic.name) == name.strip().lower())
            ):
                raise InvalidEdit(f"topic {name!r} already exists")
            topic = self._topic(ch.session, name, create=True, change=ch)
            topic.description = description
            topic.rules = rules
            return TopicInfo(id=topic.id, name=topic.name, description=description)

    def update_topic(
        self,
        topic: int | str,
        *,
        description: str | None = None,
        rules: dict[str, Any] | None = None,
    ) -> TopicInfo:
        """Replace a topic's description and match rules (the taxonomy import uses this)."""
        with self._change("update_topic") as ch:
            t = self._topic(ch.session, topic)
            before = snapshots.snapshot(t)
            t.description = description
            t.rules = rules
            ch.record(t, before)
            return TopicInfo(id=t.id, name=t.name, description=t.description)

    def topic_rules(self) -> list[tuple[str, str | None, dict[str, Any] | None]]:
        """(name, description, rules) of every topic, for the taxonomy export."""
        with self._read() as s:
            return [
                (t.name, t.description, t.rules)
                for t in s.scalars(select(Topic).order_by(Topic.name))
            ]

    def tag(self, quote_ids: int | Iterable[int], topic: int | str) -> int:
        """Tag quotes with a topic (created if new); accepts a suggestion as curator's tag."""
        ids = [quote_ids] if isinstance(quote_ids, int) else list(dict.fromkeys(quote_ids))
        with self._change("tag" if len(ids) == 1 else "bulk_tag") as ch:
            t = self._topic(ch.session, topic, create=True, change=ch)
            for qid in ids:
                self._quote(ch.session, qid, None)
                self._set_origin(ch, qid, t.id, "curator")
            return ch.count

    @staticmethod
    def _set_origin(ch: _Change, quote_id: int, topic_id: int, origin: str) -> None:
        """Make the quote's link to the topic have `origin`, creating the link if absent."""
        link = ch.session.get(QuoteTopic, (quote_id, topic_id))
        if link is None:
            link = QuoteTopic(quote_id=quote_id, topic_id=topic_id, origin=origin)
            ch.session.add(link)
            ch.record(link, None)
        elif link.origin != origin:
            before = snapshots.snapshot(link)
            link.origin = origin
            ch.record(link, before)

    def accept_suggestion(self, quote_id: int, topic: int | str) -> None:
        self.tag(quote_id, topic)

    def untag(self, quote_id: int, topic: int | str) -> None:
        """Remove a curator's tag."""
        with self._change("untag") as ch:
            t = self._topic(ch.session, topic)
            link = ch.session.get(QuoteTopic, (quote_id, t.id))
            if link is None or link.origin == "dismissed":
                raise NotFound(f"quote {quote_id} is not tagged {t.name!r}")
            before = snapshots.snapshot(link)
            ch.session.delete(link)
            ch.record(None, before, entity="quote_topic")

    def dismiss_suggestion(self, quote_id: int, topic: int | str) -> None:
        """Dismiss a topic for a quote; remembered, so re-running suggestions skips it."""
        with self._change("dismiss_topic") as ch:
            t = self._topic(ch.session, topic)
            self._quote(ch.session, quote_id, None)
            self._set_origin(ch, quote_id, t.id, "dismissed")

    def resolve_suggestions(self, quote_id: int, accept: bool) -> int:
        """Accept (or dismiss) every suggested topic of a quote as one undoable step."""
        with self._change("accept_suggestions" if accept else "dismiss_suggestions") as ch:
            self._quote(ch.session, quote_id, None)
            topic_ids = ch.session.scalars(
                select(QuoteTopic.topic_id).where(
                    QuoteTopic.quote_id == quote_id, QuoteTopic.origin == "suggested"
                )
            ).all()
            for topic_id in topic_ids:
                self._set_origin(ch, quote_id, topic_id, "curator" if accept else "dismissed")
            return len(topic_ids)

    def rename_topic(self, topic: int | str, new_name: str) -> TopicInfo:
        new_name = new_name.strip()
        if not new_name:
            raise InvalidEdit("a topic needs a name")
        with self._change("rename_topic") as ch:
            t = self._topic(ch.session, topic)
            clash = ch.session.scalar(
                select(Topic).where(func.lower(Topic.name) == new_name.lower(), Topic.id != t.id)
            )
            if clash is not None:
                raise InvalidEdit(f"topic {new_name!r} already exists; merge instead")
            before = snapshots.snapshot(t)
            t.name = new_name
            ch.record(t, before)
            return TopicInfo(id=t.id, name=t.name, description=t.description)

    def merge_topics(self, source: int | str, target: int | str) -> TopicInfo:
        """Retag every quote of `source` with `target`, then delete `source`."""
        with self._change("merge_topics") as ch:
            s = ch.session
            src = self._topic(s, source)
            dst = self._topic(s, target)
            if src.id == dst.id:
                raise InvalidEdit("cannot merge a topic into itself")
            rank = {"curator": 2, "suggested": 1, "dismissed": 0}
            for link in list(src.quote_links):
                snap = snapshots.snapshot(link)
                existing = s.get(QuoteTopic, (link.quote_id, dst.id))
                if existing is None:
                    s.add(
                        moved := QuoteTopic(
                            quote_id=link.quote_id,
                            topic_id=dst.id,
                            origin=link.origin,
                            score=link.score,
                        )
                    )
                    ch.record(moved, None)
                elif rank[link.origin] > rank[existing.origin]:
                    before = snapshots.snapshot(existing)
                    existing.origin = link.origin
                    ch.record(existing, before)
                s.delete(link)
                s.flush()
                ch.record(None, snap, entity="quote_topic")
            src_snap = snapshots.snapshot(src)
            s.expire(src, ["quote_links"])  # already deleted one by one above
            s.delete(src)
            s.flush()
            ch.record(None, src_snap, entity="topic")
            return TopicInfo(id=dst.id, name=dst.name, description=dst.description)

    # -- undo / redo ----------------------------------------------------------------------

    def _last_group(self, s: Session, *, undone: bool) -> list[Edit]:
        mine = (Edit.curator == self.curator) & Edit.action.not_in(UNDO_ACTIONS)
        if undone:
            last_new = s.scalar(select(func.max(Edit.id)).where(mine))
            group = s.scalar(
                select(Edit.group_id)
                .where(mine, Edit.undone_at.is_not(None))
                .order_by(Edit.undone_at.desc(), Edit.id.desc())
                .limit(1)
            )
            if group is None:
                return []
            # A new action after the undo ends the redo chain, as in every editor.
            last_undo = (
                s.scalar(
                    select(func.max(Edit.id)).where(
                        Edit.curator == self.curator, Edit.action == "undo"
                    )
                )
                or 0
            )
            if last_new is not None and last_new > last_undo:
                return []
        else:
            group = s.scalar(
                select(Edit.group_id)
                .where(mine, Edit.undone_at.is_(None))
                .order_by(Edit.id.desc())
                .limit(1)
            )
            if group is None:
                return []
        return list(s.scalars(select(Edit).where(Edit.group_id == group).order_by(Edit.id)))

    def _replay(self, redo: bool) -> UndoResult:
        verb = "redo" if redo else "undo"
        with self._change(verb) as ch:
            s = ch.session
            edits = self._last_group(s, undone=redo)
            if not edits:
                raise NothingToUndo(f"nothing to {verb}")
            ordered = edits if redo else list(reversed(edits))
            for edit in ordered:
                source, target = (edit.before, edit.after) if redo else (edit.after, edit.before)
                ref = source or target
                assert ref is not None
                current = snapshots.load(s, edit.entity, ref)
                current_snap = snapshots.snapshot(current) if current is not None else None
                if not snapshots.same_state(current_snap, source):
                    raise Conflict(
                        f"cannot {verb} {edit.action} on {edit.entity} {edit.entity_id}: "
                        "it has changed since; nothing was changed"
                    )
                snapshots.apply(s, edit.entity, current, target)
                s.flush()
                # The audit row holds the state as stored (with its new row version).
                restored = snapshots.load(s, edit.entity, ref)
                ch.session.add(
                    Edit(
                        group_id=ch.group_id,
                        entity=edit.entity,
                        entity_id=edit.entity_id,
                        action=verb,
                        before=current_snap,
                        after=snapshots.snapshot(restored) if restored is not None else None,
                        curator=self.curator,
                    )
                )
            stamp = None if redo else utcnow()
            s.execute(
                update(Edit).where(Edit.group_id == edits[0].group_id).values(undone_at=stamp)
            )
            return UndoResult(
                action=edits[0].action,
                count=len(edits),
                entity_ids=tuple(dict.fromkeys(e.entity_id for e in edits)),
            )

    def undo(self) -> UndoResult:
        """Undo this curator's last action (across restarts: it reads the edits table)."""
        return self._replay(redo=False)

    def redo(self) -> UndoResult:
        return self._replay(redo=True)
