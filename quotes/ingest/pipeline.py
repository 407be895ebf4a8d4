"""Reading, extraction and storing wired together: the `ingest_*` entry points.

The NLP is the slow part (seconds per article batch) and must not hold the database's write
lock, or a curator's keystroke in the workbench would wait behind it. So articles stream
through three stages: read and de-duplicate (short read transactions), parse (batches capped
by characters in one process; one `nlp.pipe` and one set of worker processes per run with
`workers`), then write each batch of parsed articles in one short BEGIN IMMEDIATE transaction.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import IO, Any

from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from quotes import faults
from quotes.extract.types import ExtractedQuote
from quotes.ingest.limits import (
    BATCH_SIZE,
    DEFAULT_MAX_CHARS,
    MAX_BATCH_CHARS,
    MAX_CHARS_ENV,
    PARSE_BATCH_SIZE,
)
from quotes.ingest.metadata import complete_metadata, parse_date
from quotes.ingest.readers import DEFAULT_MAX_BYTES, InputFile, expand_paths, read_source
from quotes.ingest.store import (
    ArticleNotStored,
    Extracted,
    existing_hashes,
    reextract_stored,
    store_new_articles,
)
from quotes.ingest.types import ArticleInput, IngestSummary, InputProblem, Shard, content_hash
from quotes.ingest.web.urls import looks_like_url
from quotes.ingest.workers import die_with_parent
from quotes.store.database import Database
from quotes.store.models import Article
from quotes.topics.apply import load_suggester, suggest_topics
from quotes.topics.suggest import Suggestion, TopicSuggester

log = logging.getLogger(__name__)

# (completed, total): files for `ingest_paths`, articles for re-extraction.
ProgressCallback = Callable[[int, int], None]
# Called once per problem as it happens, so a long run reports bad files immediately.
ProblemCallback = Callable[[InputProblem], None]
# Runs inside each batch's write transaction, after its articles are stored: what a caller
# records about them (where a web page came from) commits with them or not at all.
AfterStore = Callable[[Session, Sequence[Extracted]], None]


def load_nlp(model: str | None = None) -> Language:
    """The extraction pipeline; raises `quotes.extract.ModelNotInstalled` when none is installed."""
    from quotes.extract import load_pipeline

    return load_pipeline(model)


def current_extractor_version() -> str:
    from quotes.extract import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


@dataclass(slots=True)
class _Pending:
    """An article on its way through the parser; `marker` is the progress it completes."""

    article: ArticleInput
    content_hash: str
    marker: int = 0
    article_id: int | None = None  # set for re-extraction of a stored article
    # Suggested topics of each quote, aligned with the quotes, computed while the parsed
    # doc (with its lemmas) is at hand, so suggestions cost no second parse.
    topics: list[list[Suggestion]] | None = None


def ingest_paths(
    database: Database,
    paths: Sequence[str],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    reextract: bool = False,
    force: bool = False,
    workers: int = 1,
    progress: ProgressCallback | None = None,
    on_problem: ProblemCallback | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = BATCH_SIZE,
    stdin: IO[bytes] | None = None,
    shard: Shard | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> IngestSummary:
    """Ingest files, directories (recursively) and "-" (stdin) into `database`.

    With `reextract`, articles in `paths` that are already stored are re-extracted (when
    their extractor_version differs, or always with `force`) instead of counted unchanged;
    with `reextract` and no paths, every stored article is a candidate.
    """
    summary = IngestSummary()
    report = _reporter(summary, on_problem)
    urls = [p for p in paths if looks_like_url(p)]
    sources: list[InputFile] = []
    for item in expand_paths([p for p in paths if not looks_like_url(p)]):
        if isinstance(item, InputProblem):
            report(item)
        else:
            sources.append(item)
    if nlp is None:
        nlp = load_nlp(model)
    total = len(sources)

    def articles() -> Iterator[tuple[ArticleInput, int]]:
        for done, source in enumerate(sources):
            result = read_source(source, max_bytes=max_bytes, stdin=stdin)
            for problem in result.problems:
                report(problem)
            for article in result.articles:
                yield article, done

    restored: list[int] = []
    summary.add(
        _ingest_stream(
            database,
            articles(),
            nlp=nlp,
            workers=workers,
            batch_size=batch_size,
            report=report,
            progress=(lambda done: progress(done, total)) if progress else None,
            stored_ids=restored if reextract else None,
            shard=shard,
            max_chars=max_chars,
        )
    )
    if progress is not None:
        progress(total, total)
    if urls:
        from quotes.ingest.web.ingest import ingest_urls  # httpx and feedparser only for URLs

        summary.add(
            ingest_urls(
                database,
                urls,
                nlp=nlp,
                on_problem=on_problem,
                batch_size=batch_size,
                max_chars=max_chars,
            )
        )
    if reextract:
        ids = restored if paths else None
        if ids is None or ids:
            summary.add(
                reextract_articles(
                    database,
                    nlp=nlp,
                    article_ids=ids,
                    force=force,
                    workers=workers,
                    batch_size=batch_size,
                    progress=progress,
                    on_problem=on_problem,
                    max_chars=max_chars,
                )
            )
            # Re-extracted quotes are new rows with no topics yet (re-extraction is rare, so
            # a second, lemma-only parse is acceptable here).
            suggest_topics(database, nlp)
    return summary


def ingest_texts(
    database: Database,
    items: Iterable[tuple[str, Mapping[str, Any] | None] | ArticleInput | str],
    *,
    nlp: Language,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    on_problem: ProblemCallback | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    after_store: AfterStore | None = None,
) -> IngestSummary:
    """Ingest in-memory texts: `(text, {"title": ..., "outlet": ...})` pairs or `ArticleInput`s.

    For tests, benchmarks and the demo: the same de-duplication, extraction and storing as
    files, without a file system. Metadata keys are the JSONL ones; `published` may be a
    date or an ISO string. Missing metadata is read from the text as for files.
    """
    summary = IngestSummary()
    report = _reporter(summary, on_problem)

    def articles() -> Iterator[tuple[ArticleInput, int]]:
        for n, item in enumerate(items):
            yield _as_article(item, n), n

    summary.add(
        _ingest_stream(
            database,
            articles(),
            nlp=nlp,
            workers=workers,
            batch_size=batch_size,
            report=report,
            progress=None,
            stored_ids=None,
            max_chars=max_chars,
            after_store=after_store,
        )
    )
    return summary


def _as_article(
    item: tuple[str, Mapping[str, Any] | None] | ArticleInput | str, n: int
) -> ArticleInput:
    if isinstance(item, ArticleInput):
        return complete_metadata(item)
    text, meta = (item, None) if isinstance(item, str) else item
    meta = dict(meta or {})
    published = meta.get("published")
    if isinstance(published, str):
        published = parse_date(published)
    article = ArticleInput(
        text=text,
        source=str(meta.get("source") or meta.get("url") or f"<text {n + 1}>"),
        title=meta.get("title"),
        outlet=meta.get("outlet"),
        author=meta.get("author"),
        published=published,
        url=meta.get("url"),
        language=meta.get("language") or "en",
    )
    return complete_metadata(article)


def store_extracted(
    database: Database,
    items: Iterable[tuple[ArticleInput, Sequence[ExtractedQuote]]],
    *,
    extractor_version: str | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestSummary:
    """Store articles with quotes extracted elsewhere (tests, imports): no NLP involved."""
    version = extractor_version if extractor_version is not None else current_extractor_version()
    summary = IngestSummary()
    batch: list[Extracted] = []
    for article, quotes in items:
        batch.append(Extracted(article, list(quotes)))
        if len(batch) >= batch_size:
            summary.add(_write_new(database, batch, version))
            batch = []
    if batch:
        summary.add(_write_new(database, batch, version))
    return summary


def _write_new(
    database: Database,
    batch: Sequence[Extracted],
    version: str | None,
    after_store: AfterStore | None = None,
) -> IngestSummary:
    try:
        return _write_batch(database, batch, version, after_store, isolate=False)
    except ArticleNotStored:
        # One bad article: the batch again, each article in its own savepoint, so the bad
        # one is reported and the rest stored, as if it had been written that way at first.
        return _write_batch(database, batch, version, after_store, isolate=True)


def _write_batch(
    database: Database,
    batch: Sequence[Extracted],
    version: str | None,
    after_store: AfterStore | None,
    *,
    isolate: bool,
) -> IngestSummary:
    with database.batch_writers.begin() as session:
        result = store_new_articles(session, batch, extractor_version=version, isolate=isolate)
        if after_store is not None:
            after_store(session, batch)
        faults.in_write_transaction(session.flush)
    faults.after_commit()
    return result


def _reporter(summary: IngestSummary, on_problem: ProblemCallback | None) -> ProblemCallback:
    def report(problem: InputProblem) -> None:
        summary.problems.append(problem)
        summary.articles_failed += 1
        if on_problem is not None:
            on_problem(problem)

    return report


def _ingest_stream(
    database: Database,
    articles: Iterator[tuple[ArticleInput, int]],
    *,
    nlp: Language,
    workers: int,
    batch_size: int,
    report: ProblemCallback,
    progress: Callable[[int], None] | None,
    stored_ids: list[int] | None,
    shard: Shard | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    after_store: AfterStore | None = None,
) -> IngestSummary:
    """De-duplicate, parse and store a stream of (article, progress marker)."""
    summary = IngestSummary()
    version = current_extractor_version()
    seen: set[str] = set()

    def new_articles() -> Iterator[_Pending]:
        # Hashes are checked a chunk at a time: one short read per chunk, not per article.
        while chunk := list(islice(articles, 64)):
            hashes = [content_hash(a.text) for a, _ in chunk]
            with database.readers() as session:
                stored = existing_hashes(session, hashes)
            for (article, marker), digest in zip(chunk, hashes, strict=True):
                if shard is not None and not shard.owns(digest):
                    summary.articles_other_shards += 1
                    continue
                if digest in seen:
                    summary.articles_unchanged += 1  # the same text twice in one run
                    continue
                seen.add(digest)
                if digest in stored:
                    if stored_ids is not None:
                        stored_ids.append(stored[digest])
                    else:
                        summary.articles_unchanged += 1
                    continue
                if problem := _too_long(article, nlp, max_chars):
                    report(problem)
                    continue
                yield _Pending(article, digest, marker)

    batch: list[Extracted] = []
    last_marker = 0
    with database.readers() as session:
        suggester = load_suggester(session, nlp)
    parsed = parse_stream(
        nlp, new_articles(), workers=workers, batch_size=batch_size, suggester=suggester
    )
    for pending, result in parsed:
        if isinstance(result, BaseException):
            report(InputProblem(pending.article.source, f"extraction failed: {result}"))
            continue
        batch.append(
            Extracted(pending.article, result, pending.content_hash, topics=pending.topics or [])
        )
        last_marker = pending.marker
        if len(batch) >= batch_size:
            summary.add(_flush(database, batch, version, report, after_store))
            batch = []
            if progress is not None:
                progress(last_marker)
    if batch:
        summary.add(_flush(database, batch, version, report, after_store))
    return summary


def _flush(
    database: Database,
    batch: Sequence[Extracted],
    version: str,
    report: ProblemCallback,
    after_store: AfterStore | None = None,
) -> IngestSummary:
    result = _write_new(database, batch, version, after_store)
    # Storage failures are problems like any other: reported as they happen.
    problems, result.problems = result.problems, []
    result.articles_failed -= len(problems)
    for problem in problems:
        report(problem)
    return result


def _too_long(article: ArticleInput, nlp: Language, max_chars: int) -> InputProblem | None:
    """Why `article` is not parsed, if it is over the limit: said before any memory is spent."""
    size = len(article.text)
    if size <= max_chars and size <= nlp.max_length:
        return None
    if size > nlp.max_length and nlp.max_length < max_chars:
        return InputProblem(
            article.source,
            f"article too long for the spaCy pipeline ({size:,} characters, "
            f"limit {nlp.max_length:,})",
        )
    return InputProblem(
        article.source,
        f"article too long ({size:,} characters, limit {max_chars:,}; parsing needs about "
        f"3 MB per 1,000 characters): raise the limit with --max-chars or ${MAX_CHARS_ENV}",
    )


def parse_stream(
    nlp: Language,
    items: Iterator[_Pending],
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    suggester: TopicSuggester | None = None,
    max_batch_chars: int = MAX_BATCH_CHARS,
) -> Iterator[tuple[_Pending, list[ExtractedQuote] | BaseException]]:
    """(item, quotes) in input order, or (item, exception) for an article the pipeline failed on.

    spaCy's memory grows with the characters of a batch, not with its article count, so in
    one process the stream is parsed in groups of at most `batch_size` articles (and never
    more than `PARSE_BATCH_SIZE`) and `max_batch_chars` characters (a long article is a group
    of its own); an `nlp.pipe` per group costs nothing there. With workers, one `nlp.pipe`
    serves the whole stream, so the worker processes start once per run (and die with it,
    see `die_with_parent`).
    """
    batch_size = min(batch_size, PARSE_BATCH_SIZE)

    def quotes_of(item: _Pending, doc: Doc) -> list[ExtractedQuote]:
        quotes = list(doc._.quotes or ())
        if suggester:
            item.topics = suggester.suggest(doc, [(q.start, q.end) for q in quotes])
        return quotes

    if workers > 1:
        die_with_parent()
        yield from _parse_piped(nlp, items, quotes_of, workers=workers, batch_size=batch_size)
        return
    for group in _char_bounded(items, batch_size, max_batch_chars):
        yield from _parse_piped(nlp, iter(group), quotes_of, workers=1, batch_size=len(group))


def _char_bounded(
    items: Iterator[_Pending], batch_size: int, max_chars: int
) -> Iterator[list[_Pending]]:
    """Consecutive groups of at most `batch_size` items and `max_chars` characters."""
    group: list[_Pending] = []
    chars = 0
    for item in items:
        size = len(item.article.text)
        if group and (len(group) >= batch_size or chars + size > max_chars):
            yield group
            group, chars = [], 0
        group.append(item)
        chars += size
    if group:
        yield group


def _parse_piped(
    nlp: Language,
    items: Iterator[_Pending],
    quotes_of: Callable[[_Pending, Doc], list[ExtractedQuote]],
    *,
    workers: int,
    batch_size: int,
) -> Iterator[tuple[_Pending, list[ExtractedQuote] | BaseException]]:
    """One `nlp.pipe` over `items`; if the pipeline raises, the articles in flight are parsed
    again one at a time in this process (so the failure is pinned on one article) and the
    stream continues with a new pipe."""
    inflight: deque[_Pending] = deque()
    feed_error: list[BaseException] = []

    def feed() -> Iterator[str]:
        try:
            for item in items:
                inflight.append(item)
                yield item.article.text
        except Exception as exc:
            # A failure of the input side (reading, the database) is not the pipeline's:
            # it must end the run, not be retried article by article.
            feed_error.append(exc)
            raise

    source = feed()
    while True:
        try:
            for doc in nlp.pipe(source, batch_size=batch_size, n_process=max(1, workers)):
                item = inflight.popleft()
                yield item, quotes_of(item, doc)
            return
        except Exception as exc:  # the extractor or spaCy failed on something in flight
            if feed_error:
                raise feed_error[0] from None
            log.debug("nlp.pipe failed; retrying %d one by one", len(inflight), exc_info=exc)
            while inflight:
                item = inflight.popleft()
                try:
                    doc = nlp(item.article.text)
                    yield item, quotes_of(item, doc)
                except Exception as single:
                    yield item, single


def reextract_articles(
    database: Database,
    *,
    nlp: Language,
    article_ids: Sequence[int] | None = None,
    force: bool = False,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    progress: ProgressCallback | None = None,
    on_problem: ProblemCallback | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> IngestSummary:
    """Run the current extractor again over stored articles, keeping every curated quote.

    Candidates are the articles whose extractor_version is not the current one (all of them
    with `force`), limited to `article_ids` when given. Texts are read in a short read, parsed
    with no lock held, and each batch is written in one transaction (see `replace_quotes`).
    """
    version = current_extractor_version()
    summary = IngestSummary()
    report = _reporter(summary, on_problem)
    query = select(Article.id, Article.content_hash).order_by(Article.id)
    if not force:
        query = query.where(
            or_(Article.extractor_version.is_(None), Article.extractor_version != version)
        )
    considered = 0
    with database.readers() as session:
        rows = list(session.execute(query))
        if article_ids is None:
            considered = session.scalar(select(func.count()).select_from(Article)) or 0
    if article_ids is not None:
        wanted = set(article_ids)
        rows = [row for row in rows if row.id in wanted]
        considered = len(wanted)
    # Articles already extracted by the current version are what a plain run calls unchanged.
    summary.articles_unchanged += max(0, considered - len(rows))
    total = len(rows)
    if progress is not None:
        progress(0, total)

    def pending() -> Iterator[_Pending]:
        # Texts are loaded a chunk at a time, so a large database is not held in memory.
        for i in range(0, len(rows), 64):
            ids = [row.id for row in rows[i : i + 64]]
            with database.readers() as session:
                texts = {
                    row.id: row.text
                    for row in session.execute(
                        select(Article.id, Article.text).where(Article.id.in_(ids))
                    )
                }
            for n, article_id in enumerate(ids, start=i + 1):
                text = texts.get(article_id)
                if text is None:
                    continue
                article = ArticleInput(text=text, source=f"article {article_id}")
                if problem := _too_long(article, nlp, max_chars):
                    report(problem)
                    continue
                yield _Pending(article, "", marker=n, article_id=article_id)

    batch: list[tuple[int, list[ExtractedQuote]]] = []
    done = 0

    def flush() -> None:
        with database.batch_writers.begin() as session:
            result = reextract_stored(session, batch, extractor_version=version)
            faults.in_write_transaction(session.flush)
        faults.after_commit()
        problems, result.problems = result.problems, []
        result.articles_failed -= len(problems)
        summary.add(result)
        for problem in problems:
            report(problem)

    for item, result in parse_stream(nlp, pending(), workers=workers, batch_size=batch_size):
        if isinstance(result, BaseException):
            report(InputProblem(item.article.source, f"extraction failed: {result}"))
            continue
        assert item.article_id is not None
        batch.append((item.article_id, result))
        done = item.marker
        if len(batch) >= batch_size:
            flush()
            batch = []
            if progress is not None:
                progress(done, total)
    if batch:
        flush()
    if progress is not None:
        progress(total, total)
    return summary
