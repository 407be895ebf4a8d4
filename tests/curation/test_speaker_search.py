"""The picker's speaker search narrows candidates in SQL, and must rank exactly as if it had
scored every live speaker in Python (the rule in `quotes.curation.ranking`)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from quotes.curation import ranking
from quotes.curation.reads import search_speakers
from quotes.store.database import Database
from quotes.store.models import Speaker, SpeakerAlias
from quotes.store.names import normalize_name

NAMES = [
    "Jens Stoltenberg",
    "José Álvarez",
    "post-Cold War treaty",
    "Sergey Lavrov",
    "Anna_Berg 100%",
    "O'Brien",
    "NATO-Russia Council",
    "Stolt Shipping",
    "Ann Lee",
]
ALIASES = {"Jens Stoltenberg": ["NATO chief Stoltenberg"], "Sergey Lavrov": ["S. Lavrov"]}


def _fill(database: Database) -> None:
    with database.sessions.begin() as s:
        for name in NAMES:
            speaker = Speaker(name=name, normalized_name=normalize_name(name), kind="person")
            s.add(speaker)
            s.flush()
            for alias in ALIASES.get(name, []):
                s.add(
                    SpeakerAlias(
                        speaker_id=speaker.id,
                        alias=alias,
                        normalized=normalize_name(alias),
                        origin="curator",
                    )
                )
        merged = Speaker(
            name="Jens Stoltenberg Jr", normalized_name="jens stoltenberg jr", kind="person"
        )
        s.add(merged)
        s.flush()
        merged.merged_into_id = 1


def _reference(database: Database, query: str) -> list[int]:
    """Every live speaker scored in Python: the ranking the SQL narrowing must not change."""
    with database.readers() as s:
        live = {
            sid: [name]
            for sid, name in s.execute(
                select(Speaker.id, Speaker.name).where(Speaker.merged_into_id.is_(None))
            )
        }
        for sid, alias in s.execute(select(SpeakerAlias.speaker_id, SpeakerAlias.alias)):
            if sid in live:
                live[sid].append(alias)
    return ranking.rank(query, sorted(live), lambda i: live[i], then=lambda i: (i,))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(alphabet="aeijlnorstvz %_-'.JSÁé0", min_size=1, max_size=8))
def test_sql_narrowing_ranks_like_scoring_every_speaker(database: Database, query: str) -> None:
    with database.readers() as s:
        if s.scalar(select(Speaker.id).limit(1)) is None:
            _fill(database)
    with database.readers() as s:
        got = [info.id for info in search_speakers(s, query, limit=50)]
    if normalize_name(query):
        assert got == _reference(database, query)


def test_wildcards_in_a_query_are_letters(database: Database) -> None:
    _fill(database)
    with database.readers() as s:
        assert [i.name for i in search_speakers(s, "100%")] == ["Anna_Berg 100%"]
        # A prefix of the name beats a prefix of a later word, which beats letters anywhere.
        assert [i.name for i in search_speakers(s, "stolt")] == [
            "Stolt Shipping",
            "Jens Stoltenberg",
            "post-Cold War treaty",
        ]
