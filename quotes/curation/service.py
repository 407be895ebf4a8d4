"""The one service layer: every curator action, for the workbench and the CLI alike.

Each public method is one transaction that changes the rows and writes their `edits` rows
together, so the audit log can never disagree with the data, and undo/redo replay it.
Quote and speaker updates carry the version the curator saw: if the row moved since
(another curator, the extractor), the change is refused with `Conflict`, never applied
over the other change.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, literal, select, tuple_, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from quotes import faults
from quotes.curation import claims, reads, snapshots, statement_copies, topic_keys
from quotes.curation.errors import Conflict, InvalidEdit, NotFound, NothingToUndo
from quotes.curation.exports import export_filter
from quotes.curation.filters import QueueFilter
from quotes.curation.views import (
    ArticleView,
    ExportResult,
    HistoryEntry,
    MergePreview,
    Progress,
    QueuePage,
    QueueRow,
    QuoteCard,
    SpeakerInfo,
    TopicInfo,
    UndoResult,
)
from quotes.export import ExportFormat, export_to_path
from quotes.statements import reads as statement_reads
from quotes.statements.regroup import regroup
from quotes.store.database import Database
from quotes.store.models import (
    QUOTE_TYPES,
    SPEAKER_KINDS,
    Article,
    Base,
    Edit,
    Quote,
    QuoteStatus,
    QuoteTopic,
    Speaker,
    SpeakerAlias,
    Topic,
    utcnow,
)
from quotes.store.names import normalize_name

UNDO_ACTIONS = ("undo", "redo")
# What may stand between two merged parts without being narration: "…" "…" is one quote.
_QUOTE_MARKS = "\"'“”‘’«»„‟‹›"
# How many of a curator's newest actions undo looks through for one it may replay.
UNDO_REACH = 200
# What a quote's statement is chosen by: replaying a change to any of these regroups it.
_GROUPED_BY = ("text", "start", "end", "type")


def _reshapes(source: dict[str, Any] | None, target: dict[str, Any]) -> bool:
    """Whether replaying `source` -> `target` changes what the quote is grouped by."""
    return source is None or any(source.get(k) != target.get(k) for k in _GROUPED_BY)


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
        if entity is not None:
            name = entity
        elif obj is not None:
            name = snapshots.ENTITY_OF[type(obj)]
        else:
            raise TypeError("recording a deleted row needs its `entity` name")
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
    def __init__(
        self,
        database: Database,
        curator: str,
        *,
        clock: claims.Clock = utcnow,
        lease: dt.timedelta = claims.DEFAULT_LEASE,
    ) -> None:
        self.db = database
        self.curator = curator
        # Leases are the only thing here that reads the time: injectable, so tests move the
        # clock instead of sleeping.
        self.clock = clock
        self.lease = lease

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
                faults.in_write_transaction(session.flush)  # test hook, inert unless armed
            faults.after_commit()
        except StaleDataError as exc:
            raise Conflict(
                "this row was changed by someone else while you were editing; reload and retry"
            ) from exc

    def _refuse_if_held(self, session: Session, quote_ids: Iterable[int]) -> None:
        """A quote another curator holds under a live lease is theirs to review: changing it
        here would be the overlap the claims exist to prevent."""
        held = claims.holders(session, quote_ids, self.clock())
        others = sorted((q, h) for q, h in held.items() if h.curator != self.curator)
        if others:
            qid, holder = others[0]
            raise Conflict(
                f"quote {qid} is being reviewed by {holder.curator} (claimed until "
                f"{holder.expires_at:%H:%M} UTC); nothing was changed"
            )

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
        self,
        f: QueueFilter,
        after: tuple[Any, ...] | None = None,
        limit: int = 100,
        *,
        include_claimed: bool = False,
    ) -> QueuePage:
        """A page of the queue; quotes another curator holds are left out unless asked for,
        so two curators never review the same quote at once."""
        also = [] if include_claimed else [claims.visible_to(self.curator, self.clock())]
        with self._read() as s:
            return reads.queue_page(s, f, after=after, limit=limit, also=also)

    def queue_rows(self, ids: list[int]) -> list[QueueRow]:
        with self._read() as s:
            return reads.queue_rows(s, ids)

    def progress(self, f: QueueFilter, *, exact: bool = False) -> Progress:
        """Counts by status; a common word's are capped (`Progress.matching`) unless
        `exact`, which reads every match."""
        with self._read() as s:
            return reads.progress(s, f, exact=exact)

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

    def speakers_page(
        self, query: str | None = None, *, after: tuple[Any, ...] | None = None, limit: int = 200
    ) -> reads.SpeakerPage:
        """The speakers list a page at a time (keyset paging, as the queue)."""
        with self._read() as s:
            return reads.speakers_page(s, query, after=after, limit=limit)

    def filter_completions(self) -> reads.FilterCompletions:
        """Names, topics and outlets the filter form completes from."""
        with self._read() as s:
            return reads.filter_completions(s)

    def search_speakers(
        self, query: str, *, limit: int = 20, candidates_of: int | None = None
    ) -> list[SpeakerInfo]:
        """Speakers matching `query`; with `candidates_of` (an ambiguous speaker's id), the
        people extraction found it could be come first, so settling "Obama" is one key."""
        with self._read() as s:
            found = reads.search_speakers(s, query, limit=limit)
            if candidates_of is None:
                return found
            first = reads.candidate_speakers(s, candidates_of)
            ids = {c.id for c in first}
            return [*first, *(f for f in found if f.id not in ids)][: max(limit, len(first))]

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

    def history(self, entity: str, entity_id: int) -> tuple[HistoryEntry, ...]:
        with self._read() as s:
            return reads.history(s, entity, entity_id)

    def export_quotes(
        self,
        f: QueueFilter,
        path: str | os.PathLike[str],
        quote_ids: Sequence[int] | None = None,
        fmt: ExportFormat = "csv",
    ) -> ExportResult:
        """Write what the queue shows for `f` (or just `quote_ids`) to `path`, atomically.

        The exporter reads on its own autocommit connection, so a long export never holds up
        a curator's decisions; callers still run it off the UI thread.
        """
        speaker = self.speaker(f.speaker_id).name if f.speaker_id is not None else f.speaker
        target = Path(path).expanduser()
        count = export_to_path(self.db.engine, export_filter(f, speaker, quote_ids), target, fmt)
        return ExportResult(count=count, path=str(target.resolve()))

    # -- quote decisions ------------------------------------------------------------------

    def decide(
        self, quote_id: int, decision: QuoteStatus, expected_version: int | None = None
    ) -> QueueRow:
        """Verify, reject, or return a quote to unverified."""
        with self._change(decision if decision != "unverified" else "unverify") as ch:
            quote = self._quote(ch.session, quote_id, expected_version)
            self._refuse_if_held(ch.session, [quote_id])
            self._set_status(ch, quote, decision)
        return self.queue_rows([quote_id])[0]

    def verify(self, quote_id: int, expected_version: int | None = None) -> QueueRow:
        return self.decide(quote_id, "verified", expected_version)

    def reject(self, quote_id: int, expected_version: int | None = None) -> QueueRow:
        return self.decide(quote_id, "rejected", expected_version)

    def _set_status(self, ch: _Change, quote: Quote, decision: QuoteStatus) -> None:
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
        decision: QuoteStatus,
        expected_versions: dict[int, int] | None = None,
        action: str | None = None,
    ) -> int:
        """One transaction and one undo step for the whole selection; all or nothing.
        ``action`` names it in the audit log when the default says too little
        ("verify>=0.95": which threshold a bulk verify used)."""
        ids = list(dict.fromkeys(quote_ids))
        with self._change(action or f"bulk_{decision}") as ch:
            self._refuse_if_held(ch.session, ids)
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
            self._refuse_if_held(ch.session, [quote_id])
            before = snapshots.snapshot(quote)
            quote.type = quote_type
            ch.record(quote, before)
            # Reported speech groups by stricter rules than a direct quote's words.
            regroup(ch.session, [quote.id])

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
            regroup(ch.session, [quote.id])
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
            regroup(ch.session, [quote.id, second.id])
            self._suggest_for_part(ch, quote, second)
            return second.id

    @staticmethod
    def _suggest_for_part(ch: _Change, whole: Quote, part: Quote) -> None:
        """A split's new part starts with the topics of the quote it came from, as
        suggestions: it was about them a moment ago, yet only a curator decides that each
        half still is (1-9 / `a` accept, `d` dismiss). Dismissals carry over as they are, so
        the suggester's rejected topics stay rejected."""
        for link in list(whole.topic_links):
            origin = "dismissed" if link.origin == "dismissed" else "suggested"
            score = link.score if link.origin == "suggested" else None
            new = QuoteTopic(quote_id=part.id, topic_id=link.topic_id, origin=origin, score=score)
            ch.session.add(new)
            ch.record(new, None)

    def merge_quotes(self, first_id: int, second_id: int) -> None:
        """Join two quotes of one speaker in one article into the first; the second is deleted."""
        with self._change("merge_quotes") as ch:
            a = self._quote(ch.session, first_id, None)
            b = self._quote(ch.session, second_id, None)
            self._merge(ch, a, b)

    def next_of_same_speaker(self, quote_id: int) -> int | None:
        """The quote `merge_with_next` would join to `quote_id`, or None when there is none."""
        with self._read() as s:
            found = self._next_of_same_speaker(s, self._quote(s, quote_id, None))
            return found.id if found is not None else None

    def merge_with_next(
        self,
        quote_id: int,
        expected_version: int | None = None,
        expected_partner: int | None = None,
    ) -> int:
        """Merge a quote with the next one of its speaker in its article; returns the id merged
        away. Finding the partner and merging are one transaction, so a quote added or moved
        meanwhile can never be merged by a stale choice; with `expected_partner` (the one a
        preview showed) a different partner is refused instead of merged."""
        with self._change("merge_quotes") as ch:
            quote = self._quote(ch.session, quote_id, expected_version)
            partner = self._next_of_same_speaker(ch.session, quote)
            if partner is None:
                raise InvalidEdit("no later quote of the same speaker in this article to merge")
            if expected_partner is not None and partner.id != expected_partner:
                raise Conflict(
                    f"the quotes of quote {quote_id}'s article changed since the preview "
                    f"(the next one is now {partner.id}); nothing was merged"
                )
            partner_id = partner.id
            self._merge(ch, quote, partner)
        return partner_id

    @staticmethod
    def _next_of_same_speaker(session: Session, quote: Quote) -> Quote | None:
        """What "the next quote of the same speaker" means: the first quote after this one in
        reading order (start, then id) of the same article with the same speaker, where two
        unattributed quotes count as the same (the curator attributes the merged one once)."""
        same_speaker = (
            Quote.speaker_id.is_(None)
            if quote.speaker_id is None
            else Quote.speaker_id == quote.speaker_id
        )
        return session.scalar(
            select(Quote)
            .where(
                Quote.article_id == quote.article_id,
                same_speaker,
                tuple_(Quote.start, Quote.id) > tuple_(literal(quote.start), literal(quote.id)),
            )
            .order_by(Quote.start, Quote.id)
            .limit(1)
        )

    @staticmethod
    def _merged_text(a: Quote, b: Quote) -> str:
        """What a merged quote says: the speaker's words only. The narration between the two
        parts ("he said, adding that") is not theirs, so it is left out and marked with " … ";
        parts with only quotation marks or spaces between them are joined with a space, and
        overlapping parts as the article has them. The span (start, end)
        still covers both parts, so the card and the article show the whole passage."""
        if b.start < a.start:
            a, b = b, a
        text = a.article.text
        gap = text[a.end : b.start]
        if b.start <= a.end:  # overlapping: the article's words up to b's end
            return a.text + text[a.end : max(a.end, b.end)]
        joiner = " " if not gap.strip(_QUOTE_MARKS + " \t\r\n") else " … "
        return f"{a.text.rstrip()}{joiner}{b.text.lstrip()}"

    def merge_preview(self, quote_id: int) -> MergePreview | None:
        """What `merge_with_next` would do (the partner and the text it would store), for the
        curator to confirm first; None when there is nothing to merge with."""
        with self._read() as s:
            quote = self._quote(s, quote_id, None)
            partner = self._next_of_same_speaker(s, quote)
            if partner is None:
                return None
            return MergePreview(partner.id, self._merged_text(quote, partner), quote.version)

    @staticmethod
    def _merge(ch: _Change, a: Quote, b: Quote) -> None:
        """The rule of what may be merged (same article, same speaker) and the merge itself."""
        if a.id == b.id:
            raise InvalidEdit("a quote cannot be merged with itself")
        if a.article_id != b.article_id:
            raise InvalidEdit("only quotes of the same article can be merged")
        if a.speaker_id != b.speaker_id:
            raise InvalidEdit("only quotes of the same speaker can be merged")
        if b.start < a.start:
            a, b = b, a
        before_a, before_b = snapshots.snapshot(a), snapshots.snapshot(b)
        links_b = list(b.topic_links)
        link_snaps = [snapshots.snapshot(link) for link in links_b]
        a.text = CurationService._merged_text(a, b)
        a.end = max(a.end, b.end)
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
        regroup(ch.session, [a.id], leaving=[b.id])
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
            self._refuse_if_held(ch.session, [quote_id])
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

    # -- statements (one quote, many outlets) ---------------------------------------------

    def statements(
        self, *, conflicts_only: bool = False, min_copies: int = 2, after: int = 0, limit: int = 100
    ) -> list[statement_reads.StatementInfo]:
        """A page of statements in id order (those with copies, by default)."""
        with self._read() as s:
            ids = statement_reads.statement_ids(
                s, conflicts_only=conflicts_only, min_copies=min_copies, after=after, limit=limit
            )
            return statement_reads.statements(s, ids)

    def statement(self, statement_id: int) -> statement_reads.StatementInfo:
        with self._read() as s:
            found = statement_reads.statements(s, [statement_id])
        if not found:
            raise NotFound(f"statement {statement_id} does not exist")
        return found[0]

    def statement_of(self, quote_id: int) -> statement_reads.StatementInfo | None:
        """The statement a quote is a copy of, with every copy (None: not grouped)."""
        with self._read() as s:
            return statement_reads.statement_of(s, quote_id)

    def statement_reach(self, statement_id: int) -> statement_copies.StatementReach:
        """How many copies `apply_to_statement` would change now, and how many it would leave
        to other curators: the count the curator confirms before the change."""
        with self._read() as s:
            return statement_copies.reach(s, statement_id, self.curator, self.clock())

    def apply_to_statement(
        self,
        statement_id: int,
        *,
        decision: QuoteStatus | None = None,
        speaker_id: int | None = None,
        topic: int | str | None = None,
    ) -> statement_copies.StatementApplied:
        """Verify once: a decision, speaker fix and/or topic on every copy of a statement.

        One transaction and one audit group, so one undo takes it all back. Copies another
        curator decided or is reviewing are skipped and counted, never overwritten.
        """
        if decision is None and speaker_id is None and topic is None:
            raise InvalidEdit("nothing to apply: give a decision, a speaker or a topic")
        with self._change("statement_apply") as ch:
            copies = statement_copies.copies_for(
                ch.session, statement_id, self.curator, self.clock()
            )
            if speaker_id is not None:
                speaker = self._speaker(ch.session, speaker_id)
                while speaker.merged_into_id is not None:
                    speaker = self._speaker(ch.session, speaker.merged_into_id)
                speaker_id = speaker.id
            t = self._topic(ch.session, topic, create=True, change=ch) if topic else None
            changed = 0
            for quote in copies.open:
                before_count = ch.count
                if speaker_id is not None and quote.speaker_id != speaker_id:
                    before = snapshots.snapshot(quote)
                    quote.speaker_id = speaker_id
                    ch.record(quote, before)
                if decision is not None and quote.status != decision:
                    self._set_status(ch, quote, decision)
                if t is not None:
                    link = ch.session.get(QuoteTopic, (quote.id, t.id))
                    if link is None or link.origin == "suggested":
                        self._set_origin(ch, quote.id, t.id, "curator")
                changed += ch.count > before_count
            total = len(copies.open) + len(copies.decided_by_others) + len(copies.held_by_others)
            return statement_copies.StatementApplied(
                statement_id=statement_id,
                copies=total,
                changed=changed,
                unchanged=len(copies.open) - changed,
                skipped_decided=len(copies.decided_by_others),
                skipped_held=len(copies.held_by_others),
            )

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
            old_name = speaker.name
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
                # The name saved before is how earlier articles wrote this person ("Putin"),
                # so it stays findable and linkable; only saved names get here, never keystrokes.
                self._add_alias(ch, speaker, old_name)
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

    def remove_alias(self, speaker_id: int, alias: str) -> SpeakerInfo:
        """Take a wrong spelling off a speaker, so extraction stops linking it there; the
        speaker's own name stays (it is how the speaker is found), and `u` brings it back."""
        key = normalize_name(alias)
        with self._change("remove_alias") as ch:
            speaker = self._speaker(ch.session, speaker_id)
            row = ch.session.scalar(
                select(SpeakerAlias).where(
                    SpeakerAlias.speaker_id == speaker.id, SpeakerAlias.normalized == key
                )
            )
            if not key or row is None:
                raise NotFound(f"{speaker.name!r} has no alias {alias!r}")
            if key == speaker.normalized_name:
                raise InvalidEdit(f"{alias!r} is the speaker's name; rename the speaker instead")
            before = snapshots.snapshot(row)
            ch.session.delete(row)
            ch.session.flush()
            ch.record(None, before, entity="alias")
            ch.session.expire(speaker, ["aliases"])
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

    def toggle_topic(
        self, quote_id: int, topic: int | str, expected_origin: str | None = None
    ) -> str:
        """One key per topic (`topic_keys`): accept a suggestion, take a tag back, or tag.

        `expected_origin` is the link as the curator saw it ("" for no link): if another
        curator changed it since, the key would now mean the opposite, so it is refused.
        Returns the link's new origin.
        """
        with self._change("toggle_topic") as ch:
            t = self._topic(ch.session, topic)
            self._quote(ch.session, quote_id, None)
            self._refuse_if_held(ch.session, [quote_id])
            link = ch.session.get(QuoteTopic, (quote_id, t.id))
            origin = link.origin if link is not None else ""
            if expected_origin is not None and origin != expected_origin:
                raise Conflict(
                    f"topic {t.name!r} of quote {quote_id} changed since you loaded it "
                    f"(now {origin or 'not tagged'}); reloaded, nothing was changed"
                )
            new = topic_keys.toggled(origin)
            self._set_origin(ch, quote_id, t.id, new)
            return new

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

    # -- work split between curators ------------------------------------------------------

    def claim_next(self, f: QueueFilter, size: int = claims.DEFAULT_SLICE) -> claims.ClaimResult:
        """Claim the next slice of the queue `f`: quotes nobody holds (expired leases are
        taken over, and named). Not an undoable edit: a lease is not a change to the data."""
        with self._change("claim") as ch:
            return claims.claim_next(
                ch.session, self.curator, f, self.clock(), size=size, lease=self.lease
            )

    def take_over(self, holder: str) -> claims.ClaimResult:
        """Take over another curator's expired leases; a live one is refused with its end."""
        with self._change("take_over") as ch:
            now = self.clock()
            live = claims.live_lease_of(ch.session, holder, now)
            if live is not None and holder != self.curator:
                raise Conflict(
                    f"{holder} still holds quotes until {live:%H:%M} UTC; "
                    "their lease must run out first"
                )
            return claims.take_over(ch.session, self.curator, holder, now, lease=self.lease)

    def renew_claims(self) -> int:
        """Keep this curator's leases alive while the workbench runs."""
        with self._change("renew") as ch:
            return claims.renew(ch.session, self.curator, self.clock(), self.lease)

    def release_claims(self, quote_ids: Iterable[int] | None = None) -> int:
        """Give the curator's quotes back to the team (on exit, or a few of them)."""
        with self._change("release") as ch:
            return claims.release(ch.session, self.curator, quote_ids)

    def claim_holders(self) -> list[claims.Holding]:
        """Who holds what: every curator holding quotes, with their open count and lease."""
        with self._read() as s:
            return claims.holdings(s, self.clock())

    # -- undo / redo ----------------------------------------------------------------------

    def _candidate_groups(self, s: Session, *, undone: bool) -> list[str]:
        """The curator's own action groups undo (or redo) may replay, the next one first.

        Undo walks back from the newest action not undone; redo from the most recently
        undone. A new action after the last undo ends the redo chain, as in every editor.
        """
        mine = (Edit.curator == self.curator) & Edit.action.not_in(UNDO_ACTIONS)
        if undone:
            last_new = s.scalar(select(func.max(Edit.id)).where(mine))
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
            stmt = (
                select(Edit.group_id)
                .where(mine, Edit.undone_at.is_not(None))
                .group_by(Edit.group_id)
                .order_by(func.max(Edit.undone_at).desc(), func.max(Edit.id).desc())
            )
        else:
            stmt = (
                select(Edit.group_id)
                .where(mine, Edit.undone_at.is_(None))
                .group_by(Edit.group_id)
                .order_by(func.max(Edit.id).desc())
            )
        return list(s.scalars(stmt.limit(UNDO_REACH)))

    @staticmethod
    def _changed_by(s: Session, edit: Edit) -> str:
        """Who changed `edit`'s row after it, in words for the notice."""
        later = s.scalar(
            select(Edit.curator)
            .where(
                Edit.entity == edit.entity,
                Edit.entity_id == edit.entity_id,
                Edit.id > edit.id,
                Edit.group_id != edit.group_id,
            )
            .order_by(Edit.id.desc())
            .limit(1)
        )
        return f"changed since by {later}" if later else "changed since outside the workbench"

    def _replay_group(self, ch: _Change, edits: list[Edit], redo: bool) -> str | None:
        """Replay one group inside a savepoint; on a row someone changed since, roll the
        group back and return why (nothing of it is applied), else None."""
        verb = "redo" if redo else "undo"
        s = ch.session
        savepoint = s.begin_nested()
        ordered = edits if redo else list(reversed(edits))
        reshaped: list[int] = []
        for edit in ordered:
            source, target = (edit.before, edit.after) if redo else (edit.after, edit.before)
            ref = source or target
            assert ref is not None
            current = snapshots.load(s, edit.entity, ref)
            current_snap = snapshots.snapshot(current) if current is not None else None
            if not snapshots.same_state(current_snap, source):
                why = self._changed_by(s, edit)
                savepoint.rollback()
                label = edit.action.replace("_", " ")
                return f"{label} on {edit.entity.replace('_', ' ')} {edit.entity_id}: {why}"
            if edit.entity == "quote":
                if target is None:
                    regroup(s, [], leaving=[edit.entity_id])
                elif _reshapes(source, target):
                    reshaped.append(edit.entity_id)
            snapshots.apply(s, edit.entity, current, target)
            s.flush()
            # The audit row holds the state as stored (with its new row version).
            restored = snapshots.load(s, edit.entity, ref)
            s.add(
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
        # Undoing a span edit, split or merge gives the quotes back their old words: they
        # belong to the statements those words belong to, as after the original action.
        if reshaped:
            regroup(s, reshaped)
        s.flush()
        savepoint.commit()
        return None

    def _replay(self, redo: bool) -> UndoResult:
        """Undo (or redo) the curator's next action whose rows nobody else has changed since.

        Shared undo must never strand a curator: an action whose rows another curator (or
        the extractor) has changed since is skipped, never applied over their change, and
        the curator's older actions stay reachable; the result names what was skipped and
        who changed it.
        """
        verb = "redo" if redo else "undo"
        with self._change(verb) as ch:
            s = ch.session
            skipped: list[str] = []
            for group_id in self._candidate_groups(s, undone=redo):
                edits = list(
                    s.scalars(select(Edit).where(Edit.group_id == group_id).order_by(Edit.id))
                )
                blocked = self._replay_group(ch, edits, redo)
                if blocked is not None:
                    skipped.append(blocked)
                    continue
                stamp = None if redo else utcnow()
                s.execute(update(Edit).where(Edit.group_id == group_id).values(undone_at=stamp))
                return UndoResult(
                    action=edits[0].action,
                    count=len(edits),
                    entity_ids=tuple(dict.fromkeys(e.entity_id for e in edits)),
                    skipped=tuple(skipped),
                )
            if skipped:
                raise NothingToUndo(
                    f"nothing to {verb}: skipped {'; '.join(skipped)}; nothing was changed"
                )
            raise NothingToUndo(f"nothing to {verb}")

    def undo(self) -> UndoResult:
        """Undo this curator's last action (across restarts: it reads the edits table)."""
        return self._replay(redo=False)

    def redo(self) -> UndoResult:
        return self._replay(redo=True)
