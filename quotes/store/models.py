"""The database schema as typed SQLAlchemy models.

The schema itself is created only by the Alembic migrations in `migrations/`; these models
must match them exactly (a test runs autogenerate against a migrated database and expects
no difference).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, get_args

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship

# A quote's curation states: defined without SQLAlchemy (the workbench's first screen needs
# them before the models load), the CHECK constraint below is derived from them.
from quotes.store.statuses import QUOTE_STATUSES as QUOTE_STATUSES
from quotes.store.statuses import QuoteStatus as QuoteStatus

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

QUOTE_TYPES = ("direct", "indirect", "mixed")
# person / organization / other are named; group ("experts", "the campaign") and unnamed
# ("a senior official") are sources the article does not name, kept with the phrase as written.
SpeakerKind = Literal["person", "organization", "group", "unnamed", "other"]
SPEAKER_KINDS: tuple[SpeakerKind, ...] = get_args(SpeakerKind)
UNNAMED_SPEAKER_KINDS: tuple[SpeakerKind, ...] = ("group", "unnamed")
NAMED_SPEAKER_KINDS: tuple[SpeakerKind, ...] = tuple(
    k for k in SPEAKER_KINDS if k not in UNNAMED_SPEAKER_KINDS
)
TOPIC_ORIGINS = ("suggested", "curator", "dismissed")


def utcnow() -> dt.datetime:
    """Timestamps are stored naive in UTC so SQLite and PostgreSQL compare them the same way."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON}


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    # sha256 of the text: re-ingesting the same text is a no-op.
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    author: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    language: Mapped[str] = mapped_column(String(16), default="en")
    # Exactly as decoded from the input: quote offsets index into it.
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    extractor_version: Mapped[str | None] = mapped_column(String(32))

    quotes: Mapped[list[Quote]] = relationship(back_populates="article")


class Speaker(Base):
    __tablename__ = "speakers"
    __table_args__ = (
        CheckConstraint(f"kind IN {SPEAKER_KINDS!r}", name="kind"),
        # `quotes stats`: live and verified speakers counted from the index (migration 0008).
        Index("ix_speakers_live_verified", "merged_into_id", "verified"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # Lowercased, accent- and punctuation-folded name; how speakers link across articles.
    normalized_name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="person")
    title: Mapped[str | None] = mapped_column(String(300))
    organization: Mapped[str | None] = mapped_column(String(300))
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    # A person's last name word, indexed: linking "Obama" to a known person is one lookup,
    # not a scan of every speaker. NULL for everything that is not a person.
    surname: Mapped[str | None] = mapped_column(String(100), index=True)
    # A partial name that could be more than one person: a provisional row, its candidates
    # in speaker_candidates, for a curator to resolve.
    ambiguous: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # A merge keeps the old row, pointing at the survivor, so old references still resolve.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("speakers.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan"
    )
    quotes: Mapped[list[Quote]] = relationship(back_populates="speaker")

    __mapper_args__ = {"version_id_col": version}


def surname_of(normalized_name: str, kind: str) -> str | None:
    """The indexed surname: a person's last name word; others have none."""
    words = normalized_name.split()
    return words[-1][:100] if kind == "person" and words else None


@event.listens_for(Speaker, "before_insert")
@event.listens_for(Speaker, "before_update")
def _keep_surname(_mapper: Mapper[Speaker], _conn: Any, speaker: Speaker) -> None:
    # Every writer (extraction, a curator's rename or kind change, a merge) keeps the index
    # right without having to remember it.
    speaker.surname = surname_of(speaker.normalized_name or "", speaker.kind or "person")


class SpeakerAlias(Base):
    __tablename__ = "speaker_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(String(300))
    normalized: Mapped[str] = mapped_column(String(300), unique=True)
    origin: Mapped[str] = mapped_column(String(16), default="extractor")  # extractor | curator

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")


class SpeakerCandidate(Base):
    """Who an ambiguous speaker ("Obama" in an article naming no one else) could be."""

    __tablename__ = "speaker_candidates"

    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True
    )
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (
        CheckConstraint(f"type IN {QUOTE_TYPES!r}", name="type"),
        CheckConstraint(f"status IN {QUOTE_STATUSES!r}", name="status"),
        CheckConstraint('start >= 0 AND "end" > start', name="span"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        # The review queue's default order: unverified first, lowest confidence first.
        Index("ix_quotes_queue", "status", "confidence", "id"),
        # `quotes stats`: counts by status and by type from a narrow index (migration 0008).
        Index("ix_quotes_status_type", "status", "type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(16))
    cue: Mapped[str | None] = mapped_column(String(100))
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speakers.id", ondelete="SET NULL"), index=True
    )
    # The speaker as written at this quote ("he", "the foreign minister") and where.
    mention: Mapped[str | None] = mapped_column(String(300))
    mention_start: Mapped[int | None] = mapped_column(Integer)
    mention_end: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    status: Mapped[str] = mapped_column(String(16), default="unverified")
    verified_by: Mapped[str | None] = mapped_column(String(100))
    verified_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    extractor_version: Mapped[str | None] = mapped_column(String(32))
    # Optimistic locking: an update whose version moved underneath is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    article: Mapped[Article] = relationship(back_populates="quotes")
    speaker: Mapped[Speaker | None] = relationship(back_populates="quotes")
    topic_links: Mapped[list[QuoteTopic]] = relationship(
        back_populates="quote", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class Topic(Base):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    # Match rules for suggestions: {"keywords": [...], "phrases": [...], "entities": [...]}.
    rules: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    quote_links: Mapped[list[QuoteTopic]] = relationship(
        back_populates="topic", cascade="all, delete-orphan"
    )


class QuoteTopic(Base):
    __tablename__ = "quote_topics"
    __table_args__ = (
        CheckConstraint(f"origin IN {TOPIC_ORIGINS!r}", name="origin"),
        Index("ix_quote_topics_origin", "origin"),
    )

    quote_id: Mapped[int] = mapped_column(
        ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True
    )
    topic_id: Mapped[int] = mapped_column(
        ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # suggested by the system, set by a curator, or dismissed (kept so it is not suggested again).
    origin: Mapped[str] = mapped_column(String(16), default="suggested")
    score: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    quote: Mapped[Quote] = relationship(back_populates="topic_links")
    topic: Mapped[Topic] = relationship(back_populates="quote_links")


class Edit(Base):
    """The audit log: one row for every curator change; undo and redo replay it."""

    __tablename__ = "edits"
    __table_args__ = (Index("ix_edits_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Rows written by one curator action (a bulk verify, a merge) share a group and undo together.
    group_id: Mapped[str] = mapped_column(String(36), index=True)
    entity: Mapped[str] = mapped_column(String(32))  # quote | speaker | topic | alias | quote_topic
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(32))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    curator: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # Set when this group was undone; cleared again by redo.
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Claim(Base):
    """A curator's lease on one quote of the review queue, so two curators never review it at
    once. The primary key on the quote is the whole lock: a second claim on a held quote
    cannot be inserted, on any backend. A lease past `expires_at` is free to take over."""

    __tablename__ = "claims"

    quote_id: Mapped[int] = mapped_column(
        ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True
    )
    curator: Mapped[str] = mapped_column(String(100), index=True)
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


# How a quote joined its statement: it founded it, or matched a copy already there.
STATEMENT_MATCHES = ("first", "identical", "near", "trimmed")


class Statement(Base):
    """One thing somebody said, however many articles carry it (see quotes.statements)."""

    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The words of the copy that founded it, as that article printed them.
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class StatementQuote(Base):
    """Which statement each quote is a copy of; every grouped quote has exactly one row."""

    __tablename__ = "statement_quotes"
    __table_args__ = (CheckConstraint(f"how IN {STATEMENT_MATCHES!r}", name="how"),)

    quote_id: Mapped[int] = mapped_column(
        ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True
    )
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )
    # Hash of the normalized text: an identical copy is one index lookup.
    text_key: Mapped[str] = mapped_column(String(32), index=True)
    how: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)


class StatementFingerprint(Base):
    """Winnowed word-shingle hashes of a quote: how a trimmed or reworded copy finds it."""

    __tablename__ = "statement_fingerprints"

    fingerprint: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    quote_id: Mapped[int] = mapped_column(
        ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class QuoteFeatures(Base):
    """What the extractor knew about a quote (quotes.extract.features), kept so a refit
    confidence model can score stored quotes again without re-parsing their articles."""

    __tablename__ = "quote_features"

    quote_id: Mapped[int] = mapped_column(
        ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True
    )
    features: Mapped[dict[str, Any]] = mapped_column(JSON)
    # What pulls its probability down most, in words, by the model that scored it: stored so
    # the quote card shows it without loading the model (numpy) into the workbench.
    drivers: Mapped[list[str] | None] = mapped_column(JSON)


class CalibrationModel(Base):
    """A confidence model refitted on this database's curator decisions (`quotes calibrate`),
    with its fit before and after on held-back decisions; the newest adopted one scores."""

    __tablename__ = "calibration_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(100))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    decisions: Mapped[int] = mapped_column(Integer)
    held_out: Mapped[int] = mapped_column(Integer)
    loss_before: Mapped[float] = mapped_column(Float)
    loss_after: Mapped[float] = mapped_column(Float)
    adopted: Mapped[bool] = mapped_column(Boolean)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# What a watched URL turned out to be when it was last read.
WEB_SOURCE_KINDS = ("feed", "sitemap", "page")


class WebPage(Base):
    """One article page on the web, by its canonical URL, with the validators of its last
    fetch; its versions are the articles in `article_versions`."""

    __tablename__ = "web_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Normalized (tracking parameters stripped) canonical URL: the page's identity.
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    # The newest version; older ones keep their rows (and curated quotes) untouched.
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class WebPageUrl(Base):
    """Every URL that led to a page (as linked, after redirects, canonical): a feed entry
    under any of them is known, so it is never fetched or stored again."""

    __tablename__ = "web_page_urls"

    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("web_pages.id", ondelete="CASCADE"), index=True)


class ArticleVersion(Base):
    """Which page an article was fetched from, and the version it replaced there."""

    __tablename__ = "article_versions"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    page_id: Mapped[int] = mapped_column(ForeignKey("web_pages.id", ondelete="CASCADE"), index=True)
    previous_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL")
    )
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class WebSource(Base):
    """A feed, sitemap or home page that is followed: the conditional-request validators
    and health of its last poll, shared by every watcher on the database."""

    __tablename__ = "web_sources"
    __table_args__ = (CheckConstraint(f"kind IN {WEB_SOURCE_KINDS!r}", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default="feed")
    # The feed a home page links, when `url` is a home page.
    feed_url: Mapped[str | None] = mapped_column(String(2048))
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ok_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
