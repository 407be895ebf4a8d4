"""Hostile rows for the workbench tests: an article, quote, speaker, alias, topic and history
whose every string carries the attacker's text, written through the models (as extraction
would store them) into a real migrated database."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from quotes.curation import CurationService
from quotes.store.database import Database
from quotes.store.models import Article, Quote, QuoteTopic, Speaker, SpeakerAlias, Topic
from quotes.store.names import normalize_name

# From issue 13: each crashed, styled or escaped the workbench before.
CLICK = "[@click=app.quit]Press here[/] and [$accent]styled[/],"
STYLED = "[bold red]Attack[/]"
COLOUR = "\x1b[31m"
TITLE = "\x1b]0;pwned\x07"


@dataclass(frozen=True)
class HostileRows:
    article_id: int
    quote_id: int
    speaker_id: int
    other_speaker_id: int
    topic_id: int
    speaker_name: str
    alias: str
    topic: str
    quote: str


def add_hostile(
    database: Database, s: str, n: int, *, confidence: float = 0.01, history: bool = True
) -> HostileRows:
    """Rows carrying `s`; `n` keeps names unique across calls on one database.

    Without `history` the topic is linked directly, so no timestamp reaches the screen
    (for snapshots).

    The quote's confidence is the lowest in the queue (`confidence`, falling with `n`), so
    the newest hostile quote is the first row the workbench shows.
    """
    quote = f"{STYLED} {s}"
    speaker_name = f"Smith{n} [/] {s}"
    alias = f"J. Doe{n} [/] {s}"
    topic = f"Sanctions{n} [EU] {s}"
    head = f"{CLICK} {s}\n"
    text = f'{head}"{quote}" {speaker_name} said.\nAfter {COLOUR}red {TITLE} and more.\n'
    start = len(head) + 1
    with database.sessions.begin() as session:
        article = Article(
            content_hash=hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
            source=f"{s}.txt",
            title=f"Title [/] {s}",
            outlet=f"Outlet [b] {s}",
            author=s,
            text=text,
        )
        session.add(article)
        speaker = Speaker(
            name=speaker_name,
            normalized_name=normalize_name(speaker_name) or f"smith{n}",
            title=f"Minister [/] {s}",
            organization=f"Org {COLOUR} {s}",
        )
        speaker.aliases.append(SpeakerAlias(alias=alias, normalized=f"j doe {n} {s!r}"))
        other = Speaker(name=f"Other{n} {s}", normalized_name=f"other{n}")
        topic_row = Topic(name=topic)
        session.add_all([speaker, other, topic_row])
        session.flush()
        row = Quote(
            article_id=article.id,
            text=quote,
            start=start,
            end=start + len(quote),
            type="direct",
            cue=f"said{s}"[:100],
            mention=speaker_name,
            speaker_id=speaker.id,
            confidence=confidence / (n + 1),
        )
        session.add(row)
        session.flush()
        if not history:
            session.add(QuoteTopic(quote_id=row.id, topic_id=topic_row.id, origin="curator"))
        ids = (article.id, row.id, speaker.id, other.id, topic_row.id)
    if history:  # written by a curator whose name is hostile too
        CurationService(database, f"eve [/] {s}"[:100]).tag(ids[1], ids[4])
    return HostileRows(*ids, speaker_name=speaker_name, alias=alias, topic=topic, quote=quote)
