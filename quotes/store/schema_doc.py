"""What every table, view and column means, for people writing `quotes sql` queries.

The descriptions are data keyed by "table.column" so a test can hold them against the models
and the migrated database: a column added without a line here fails the suite, and so does a
line for a column that no longer exists. `describe_schema` reads the live database (what the
user will query), not the models, and attaches these lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, inspect

TABLE_DOCS: dict[str, str] = {
    "articles": "One ingested news article; quote offsets index into its text.",
    "speakers": "A person or organization quotes are attributed to, linked across articles.",
    "speaker_aliases": "Other spellings of a speaker's name that resolve to it.",
    "quotes": "One attributed quote extracted from an article, with its curation status.",
    "topics": "A subject quotes can be tagged with.",
    "quote_topics": "Which topics a quote has, and whether a curator confirmed or dismissed them.",
    "edits": "Audit log: one row per curator change; undo and redo replay it.",
    "alembic_version": "The schema revision this database is at (managed by migrations).",
    "quotes_fts": "Full-text index over quotes.text: WHERE quotes_fts MATCH 'words', join on "
    "quotes_fts.rowid = quotes.id.",
    "verified_quotes": "View: verified quotes joined with speaker, article and topics; the "
    "export's columns.",
}

COLUMN_DOCS: dict[str, str] = {
    # articles
    "articles.id": "Article id.",
    "articles.content_hash": "sha256 of the text; re-ingesting the same text is a no-op.",
    "articles.source": "Where the article came from: file path or URL.",
    "articles.title": "Headline, when known.",
    "articles.outlet": "Publisher (e.g. Reuters), when known.",
    "articles.author": "Byline, when known.",
    "articles.published": "Publication date (YYYY-MM-DD), when known.",
    "articles.language": "Language code of the text (e.g. en).",
    "articles.text": "The article text exactly as decoded; quote offsets index into it.",
    "articles.ingested_at": "When the article was ingested (UTC).",
    "articles.extractor_version": "Version of the quote extractor last run on this article.",
    # speakers
    "speakers.id": "Speaker id.",
    "speakers.name": "Display name.",
    "speakers.normalized_name": "Lowercased, accent- and punctuation-folded name used to link "
    "speakers across articles.",
    "speakers.kind": "person, organization or other.",
    "speakers.title": "Role or job title (e.g. Foreign Minister), when known.",
    "speakers.organization": "Organization the speaker belongs to, when known.",
    "speakers.verified": "1 when a curator confirmed this speaker's identity.",
    "speakers.merged_into_id": "Set when this speaker was merged into another: the survivor's "
    "id. Old references still resolve through it.",
    "speakers.version": "Optimistic-locking counter; bumped on every update.",
    "speakers.created_at": "When the row was created (UTC).",
    "speakers.updated_at": "When the row last changed (UTC).",
    # speaker_aliases
    "speaker_aliases.id": "Alias id.",
    "speaker_aliases.speaker_id": "The speaker this alias names.",
    "speaker_aliases.alias": "The alternative spelling as written.",
    "speaker_aliases.normalized": "Folded form of the alias; unique across all speakers.",
    "speaker_aliases.origin": "Who added it: extractor or curator.",
    # quotes
    "quotes.id": "Quote id.",
    "quotes.article_id": "The article the quote is in.",
    "quotes.text": "The quoted words (the span start..end of the article text).",
    "quotes.start": "Character offset where the quote starts in the article text.",
    "quotes.end": "Character offset just past the quote's end (exclusive).",
    "quotes.type": "direct (in quotation marks), indirect (reported speech) or mixed.",
    "quotes.cue": "The reporting verb or phrase (said, told, according to).",
    "quotes.speaker_id": "The attributed speaker; NULL when unattributed.",
    "quotes.mention": "How the speaker is referred to at this quote (he, the minister).",
    "quotes.mention_start": "Character offset of that mention in the article text.",
    "quotes.mention_end": "End offset (exclusive) of that mention.",
    "quotes.confidence": "Extractor confidence, 0 to 1.",
    "quotes.status": "unverified, verified or rejected: the curation state.",
    "quotes.verified_by": "Curator who last verified or rejected the quote.",
    "quotes.verified_at": "When it was last verified or rejected (UTC).",
    "quotes.extractor_version": "Version of the extractor that produced the quote.",
    "quotes.version": "Optimistic-locking counter; bumped on every update.",
    "quotes.created_at": "When the row was created (UTC).",
    "quotes.updated_at": "When the row last changed (UTC).",
    # topics
    "topics.id": "Topic id.",
    "topics.name": "Topic name; unique.",
    "topics.description": "What the topic covers, for curators.",
    "topics.rules": "JSON match rules for suggestions: keywords, phrases, entities.",
    "topics.created_at": "When the topic was created (UTC).",
    # quote_topics
    "quote_topics.quote_id": "The quote.",
    "quote_topics.topic_id": "The topic.",
    "quote_topics.origin": "suggested (by the system), curator (set by hand) or dismissed "
    "(rejected suggestion, kept so it is not suggested again).",
    "quote_topics.score": "Suggestion score, when suggested.",
    "quote_topics.created_at": "When the link was made (UTC).",
    # edits
    "edits.id": "Edit id.",
    "edits.group_id": "Edits from one curator action share a group; undo works per group.",
    "edits.entity": "What changed: quote, speaker, topic, alias or quote_topic.",
    "edits.entity_id": "Id of the changed row.",
    "edits.action": "What was done (e.g. verify, edit, merge).",
    "edits.before": "JSON of the changed fields before the edit.",
    "edits.after": "JSON of the changed fields after the edit.",
    "edits.curator": "Who made the change.",
    "edits.created_at": "When (UTC).",
    "edits.undone_at": "Set while the group is undone; cleared by redo.",
    # alembic_version
    "alembic_version.version_num": "Current schema revision id.",
    # quotes_fts
    "quotes_fts.text": "Indexed copy of quotes.text (porter stemming, accents folded).",
    # verified_quotes
    "verified_quotes.quote_id": "quotes.id.",
    "verified_quotes.quote": "The quoted words (quotes.text).",
    "verified_quotes.type": "direct, indirect or mixed.",
    "verified_quotes.speaker": "Speaker's display name; NULL when unattributed.",
    "verified_quotes.speaker_title": "Speaker's role or job title.",
    "verified_quotes.speaker_organization": "Speaker's organization.",
    "verified_quotes.cue": "The reporting verb or phrase.",
    "verified_quotes.topics": "Topic names joined with ';', dismissed suggestions left out.",
    "verified_quotes.article_title": "The article's headline.",
    "verified_quotes.outlet": "The article's publisher.",
    "verified_quotes.author": "The article's byline.",
    "verified_quotes.published": "The article's publication date.",
    "verified_quotes.source": "The article's file path or URL.",
    "verified_quotes.start": "Start offset of the quote in the article text.",
    "verified_quotes.end": "End offset (exclusive) of the quote in the article text.",
    "verified_quotes.confidence": "Extractor confidence, 0 to 1.",
    "verified_quotes.verified_by": "Curator who verified the quote.",
    "verified_quotes.verified_at": "When it was verified (UTC).",
}

# Only SQLite has these (PostgreSQL searches through an index on quotes.text instead).
SQLITE_ONLY = frozenset({"quotes_fts"})
# SQLite's own bookkeeping and the FTS5 shadow tables: not something to query.
HIDDEN_PREFIXES = ("sqlite_", "quotes_fts_")


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    type: str
    nullable: bool
    description: str


@dataclass(frozen=True)
class TableDoc:
    name: str
    kind: str  # "table" or "view"
    description: str
    columns: list[ColumnDoc] = field(default_factory=list)


def describe(table: str, column: str) -> str:
    """The description of table.column, or a visible placeholder if someone forgot one."""
    return COLUMN_DOCS.get(f"{table}.{column}", "(undocumented)")


def describe_schema(engine: Engine) -> list[TableDoc]:
    """The database's tables, then its views, each with its columns and their meaning."""
    inspector = inspect(engine)
    docs: list[TableDoc] = []
    names = [("table", n) for n in sorted(inspector.get_table_names())]
    names += [("view", n) for n in sorted(inspector.get_view_names())]
    for kind, name in names:
        if name.startswith(HIDDEN_PREFIXES):
            continue
        columns = [
            ColumnDoc(
                name=c["name"],
                type=str(c["type"]) if str(c["type"]) else "",
                nullable=bool(c.get("nullable", True)),
                description=describe(name, c["name"]),
            )
            for c in inspector.get_columns(name)
        ]
        docs.append(
            TableDoc(
                name=name,
                kind=kind,
                description=TABLE_DOCS.get(name, "(undocumented)"),
                columns=columns,
            )
        )
    return docs
