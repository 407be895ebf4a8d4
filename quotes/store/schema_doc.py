"""What every table, view and column means, for people writing `quotes sql` queries.

The descriptions are data keyed by "table.column" so a test can hold them against the models
and the migrated database: a column added without a line here fails the suite, and so does a
line for a column that no longer exists. `describe_schema` reads the live database (what the
user will query), not the models, and attaches these lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, inspect

from quotes.store.engine import reader_engine

TABLE_DOCS: dict[str, str] = {
    "articles": "One ingested news article; quote offsets index into its text.",
    "speakers": "A source quotes are attributed to: a person or organization linked across "
    "articles, or an unnamed or collective source as the article words it.",
    "speaker_aliases": "Other spellings of a speaker's name that resolve to it.",
    "speaker_candidates": "For an ambiguous speaker (a surname two people share), the people "
    "it could be.",
    "quotes": "One attributed quote extracted from an article, with its curation status.",
    "topics": "A subject quotes can be tagged with.",
    "quote_topics": "Which topics a quote has, and whether a curator confirmed or dismissed them.",
    "edits": "Audit log: one row per curator change; undo and redo replay it.",
    "claims": "Which curator is reviewing which quote: a lease that expires, so two "
    "workbenches never review the same quotes at once.",
    "statements": "One thing somebody said, however many articles carry it: copies of a quote "
    "(identical after normalizing marks, case and punctuation, trimmed, or a word or two apart) "
    "grouped by `quotes statements`.",
    "statement_quotes": "Which statement each quote is a copy of, and how it matched.",
    "statement_fingerprints": "Grouping index: winnowed word-shingle hashes a trimmed or "
    "reworded copy is found by. Not meant for queries.",
    "quote_features": "What the extractor knew about each quote (how the speaker was found, "
    "cue, distances, ...): the inputs of its calibrated confidence.",
    "calibration_models": "Confidence models refitted on this database's curator decisions by "
    "`quotes calibrate`; the newest adopted one scores quotes.",
    "web_pages": "One article page on the web by its canonical URL, with the validators of "
    "its last fetch; its versions are in article_versions.",
    "web_page_urls": "Every URL (as linked, after redirects, canonical) that led to a web page: "
    "a feed entry under any of them is not fetched again.",
    "article_versions": "Which web page an article was fetched from and the version it "
    "replaced: a changed page is a new article, the old one and its quotes are kept.",
    "web_sources": "Feeds, sitemaps and home pages followed by `quotes extract URL` and "
    "`quotes watch`, with the state of their last poll.",
    "alembic_version": "The schema revision this database is at (managed by migrations).",
    "quotes_fts": "Full-text index over quotes.text: WHERE quotes_fts MATCH 'words', join on "
    "quotes_fts.rowid = quotes.id.",
    "stat_counts": "SQLite only: the counts `quotes stats` shows, kept up to date by "
    "triggers on every write.",
    "statement_conflicts": "SQLite only: the statements whose copies name different speakers "
    "(as `quotes statements list --conflicts`), kept up to date by triggers.",
    "verified_quotes": "View: verified quotes joined with speaker, article and topics (curator "
    "topics and pending suggestions apart); the export's columns.",
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
    "speakers.kind": "person, organization or other (named); group (a collective source: "
    "experts, the campaign) or unnamed (a senior official): the phrase as written, one row per "
    "article.",
    "speakers.surname": "A person's last name word, indexed for linking a surname across "
    "articles; NULL for other kinds.",
    "speakers.ambiguous": "1 for a provisional speaker whose partial name (a surname) could be "
    "several people; speaker_candidates lists them.",
    "speakers.title": "Role or job title (e.g. Foreign Minister), when known.",
    "speakers.organization": "Organization the speaker belongs to, when known.",
    "speakers.verified": "1 when a curator confirmed this speaker's identity.",
    "speakers.merged_into_id": "Set when this speaker was merged into another: the survivor's "
    "id. Old references still resolve through it.",
    "speakers.version": "Optimistic-locking counter; bumped on every update.",
    "speakers.created_at": "When the row was created (UTC).",
    "speakers.updated_at": "When the row last changed (UTC).",
    # speaker_candidates
    "speaker_candidates.speaker_id": "An ambiguous speaker.",
    "speaker_candidates.candidate_id": "A known speaker it could be; the speaker picker offers "
    "these first.",
    # speaker_aliases
    "speaker_aliases.id": "Alias id.",
    "speaker_aliases.speaker_id": "The speaker this alias names.",
    "speaker_aliases.alias": "The alternative spelling as written.",
    "speaker_aliases.normalized": "Folded form of the alias; unique across all speakers.",
    "speaker_aliases.origin": "Who added it: extractor or curator.",
    # quotes
    "quotes.id": "Quote id.",
    "quotes.article_id": "The article the quote is in.",
    "quotes.text": "The quoted words (the span start..end of the article text; a quote "
    "merged by a curator leaves the narration between its parts out, marked ' … ').",
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
    # claims
    "claims.quote_id": "The quote held; one curator at a time.",
    "claims.curator": "Who holds it.",
    "claims.claimed_at": "When the lease was taken or last renewed (UTC).",
    "claims.expires_at": "When the lease runs out (UTC); after that anyone may take the quote "
    "over. Released when the curator's workbench closes.",
    # statements
    "statements.id": "Statement id (changes when `quotes statements rebuild` runs).",
    "statements.text": "The words of the copy that founded the statement, as printed there.",
    "statements.created_at": "When the statement was first grouped (UTC).",
    # quote_features
    "quote_features.quote_id": "The quote.",
    "quote_features.features": "JSON object: feature name -> category (text) or number.",
    "quote_features.drivers": "JSON list: what pulls the quote's confidence down most, in "
    "words, by the model that scored it.",
    # calibration_models
    "calibration_models.id": "Model id; the newest adopted one is in use.",
    "calibration_models.version": "Name of the parameters (e.g. decisions-2026-12-01T05:00).",
    "calibration_models.params": "The model's parameters (quotes.calibration/1 JSON).",
    "calibration_models.decisions": "Curator decisions it was fitted on.",
    "calibration_models.held_out": "Decisions held back to compare it with the model before.",
    "calibration_models.loss_before": "Log loss of the model before, on the held-back decisions.",
    "calibration_models.loss_after": "Log loss of this model on the same decisions.",
    "calibration_models.adopted": "Whether it did better and was put in use.",
    "calibration_models.created_by": "Curator who ran `quotes calibrate`.",
    "calibration_models.created_at": "When it was fitted (UTC).",
    # statement_quotes
    "statement_quotes.quote_id": "The quote (a copy); each quote is in one statement.",
    "statement_quotes.statement_id": "The statement it is a copy of.",
    "statement_quotes.text_key": "Hash of the quote's normalized text: identical copies share it.",
    "statement_quotes.how": "first (founded the statement), identical, near (a word or two "
    "apart) or trimmed (a part of a longer copy).",
    "statement_quotes.score": "Similarity to the copy it matched, 0 to 1 (1 for first and "
    "identical).",
    # statement_fingerprints
    "statement_fingerprints.fingerprint": "A 63-bit hash of three consecutive normalized words.",
    "statement_fingerprints.quote_id": "The quote whose text has that shingle.",
    # web_pages
    "web_pages.id": "Web page id.",
    "web_pages.url": "Canonical URL, normalized (tracking parameters such as utm_* removed).",
    "web_pages.article_id": "The newest version of the page (articles.id).",
    "web_pages.etag": "ETag of the last fetch, sent back as If-None-Match.",
    "web_pages.last_modified": "Last-Modified of the last fetch, sent back as If-Modified-Since.",
    "web_pages.fetched_at": "When the page was last fetched (UTC).",
    "web_pages.changed_at": "When a new version of the page was last stored (UTC).",
    # web_page_urls
    "web_page_urls.url": "A normalized URL that leads to the page.",
    "web_page_urls.page_id": "The page (web_pages.id).",
    # article_versions
    "article_versions.article_id": "The article (articles.id) fetched from the page.",
    "article_versions.page_id": "The web page it was fetched from.",
    "article_versions.previous_article_id": "The version it replaced on that page; NULL for "
    "the first.",
    "article_versions.fetched_at": "When this version was fetched (UTC).",
    # web_sources
    "web_sources.id": "Source id.",
    "web_sources.url": "The feed, sitemap or home page URL as followed (normalized).",
    "web_sources.name": "Outlet name from the sources file; stored as the articles' outlet.",
    "web_sources.kind": "What the URL turned out to be: feed, sitemap or page (a home page "
    "whose feed is followed).",
    "web_sources.feed_url": "For a home page, the feed it links.",
    "web_sources.etag": "ETag of the last complete poll, sent back as If-None-Match.",
    "web_sources.last_modified": "Last-Modified of the last complete poll.",
    "web_sources.checked_at": "When it was last polled (UTC).",
    "web_sources.ok_at": "When a poll last succeeded (UTC).",
    "web_sources.failures": "Polls failed in a row since the last success.",
    "web_sources.last_error": "Why the last failed poll failed.",
    # alembic_version
    "alembic_version.version_num": "Current schema revision id.",
    # quotes_fts
    "quotes_fts.text": "Indexed copy of quotes.text (porter stemming, accents folded).",
    # stat_counts, statement_conflicts
    "stat_counts.name": "What is counted: quotes, quote_topics, speakers (live ones), articles, "
    "topics, edits, shared_statements or statement_conflicts.",
    "stat_counts.k1": "First key: a quote's status, a topic link's origin, or verified / "
    "unverified for speakers; empty when the count has no key.",
    "stat_counts.k2": "Second key: a quote's type; empty otherwise.",
    "stat_counts.n": "The count.",
    "statement_conflicts.statement_id": "statements.id of a statement in conflict.",
    # verified_quotes
    "verified_quotes.quote_id": "quotes.id.",
    "verified_quotes.quote": "The quoted words (quotes.text).",
    "verified_quotes.type": "direct, indirect or mixed.",
    "verified_quotes.speaker": "Speaker's display name; NULL when unattributed.",
    "verified_quotes.speaker_title": "Speaker's role or job title.",
    "verified_quotes.speaker_organization": "Speaker's organization.",
    "verified_quotes.cue": "The reporting verb or phrase.",
    "verified_quotes.topics": "Topics a curator set, names joined with ';' (sorted); pending "
    "suggestions are not in it.",
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
    "verified_quotes.suggested_topics": "Topics suggested by the system that no curator has "
    "accepted or dismissed yet, names joined with ';' (sorted).",
    "verified_quotes.speaker_kind": "The speaker's kind (speakers.kind): person, organization, "
    "group, unnamed or other; unnamed and collective sources are kept as written.",
    "verified_quotes.statement_id": "The statement this quote is a copy of (statements.id); "
    "NULL if not grouped.",
    "verified_quotes.copies": "How many copies that statement has (this quote included).",
}

# Only SQLite has these (PostgreSQL searches through an index on quotes.text instead, and
# counts with plain queries: migration 0010).
SQLITE_ONLY = frozenset({"quotes_fts", "stat_counts", "statement_conflicts"})
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
    inspector = inspect(reader_engine(engine))  # a reader: never waits for a writer
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
