"""The database schema as typed SQLAlchemy models.

The schema itself is created only by the Alembic migrations in `migrations/`; these models
must match them exactly (a test runs autogenerate against a migrated database and expects
no difference).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
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
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

QUOTE_TYPES = ("direct", "indirect", "mixed")
QUOTE_STATUSES = ("unverified", "verified", "rejected")
SPEAKER_KINDS = ("person", "organization", "other")
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
    __table_args__ = (CheckConstraint(f"kind IN {SPEAKER_KINDS!r}", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # Lowercased, accent- and punctuation-folded name; how speakers link across articles.
    normalized_name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="person")
    title: Mapped[str | None] = mapped_column(String(300))
    organization: Mapped[str | None] = mapped_column(String(300))
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
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


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (
        CheckConstraint(f"type IN {QUOTE_TYPES!r}", name="type"),
        CheckConstraint(f"status IN {QUOTE_STATUSES!r}", name="status"),
        CheckConstraint('start >= 0 AND "end" > start', name="span"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        # The review queue's default order: unverified first, lowest confidence first.
        Index("ix_quotes_queue", "status", "confidence", "id"),
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
    __table_args__ = (CheckConstraint(f"origin IN {TOPIC_ORIGINS!r}", name="origin"),)

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
