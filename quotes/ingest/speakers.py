"""Linking an extracted speaker to a speaker row, so one person is one row across articles.

The extractor only knows the article in front of it ("Jens Stoltenberg", also written
"Stoltenberg"); this module decides which existing row that is. Linking must never make an
attribution worse than the extractor's: within an article the extractor's entity wins, and
across articles a partial name ("Obama", "Mr. Clarke") joins a known person only on evidence
from its own article (that person's full name in the text, their organization, their title).
Without it, the surname gets a provisional row of its own, flagged `ambiguous` with the people
it could be, for a curator to settle. Curators can merge two rows in one keystroke, but
untangling quotes wrongly attached to someone else means reviewing every one of them.

Unnamed and collective sources ("experts", "the campaign") are kept, as the article words
them, one row per article (two articles' "officials" are not the same people); see
`quotes.ingest.sources`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quotes.extract.types import Speaker as ExtractedSpeaker
from quotes.ingest.sources import (
    COLLECTIVE_NOUNS,
    PRONOUNS,
    Source,
    as_written,
    role_of_named,
    unnamed_kind,
)
from quotes.store.models import (
    SPEAKER_KINDS,
    UNNAMED_SPEAKER_KINDS,
    Speaker,
    SpeakerAlias,
    SpeakerCandidate,
    surname_of,
)
from quotes.store.names import normalize_name

# Words that name a role or a kind of body, not someone: "Minister", "the Council". An alias
# made only of these (and stop words) would attach every later "the minister" to one person.
_GENERIC = """
    official officials spokesman spokeswoman spokesperson spokespeople minister ministers
    ministry president vice prime deputy secretary general chief head leader director
    chairman chairwoman chair ceo founder governor mayor senator lawmaker ambassador envoy
    diplomat commander officer admiral analyst expert source sources aide adviser advisor
    member members representative statement report document letter council committee
    commission government administration agency alliance army military police court party
    parliament office department organization organisation group company foreign defense
    defence interior finance senior former acting executive people person man woman someone
    country nation mr mrs ms dr sir
"""
GENERIC_WORDS: frozenset[str] = frozenset(_GENERIC.split())
COMMON_WORDS: frozenset[str] = frozenset(STOP_WORDS) | GENERIC_WORDS
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "our", "their"})


def is_generic_name(name: str) -> bool:
    """True for a "speaker" that identifies no one: "he", "the minister", "Officials".

    Names are capitalized, so a form with no capital letter is generic. A multi-word
    capitalized form of common words ("European Commission", "State Department") is a name.
    """
    key = normalize_name(name)
    if not key or not any(c.isupper() for c in name):
        return True
    tokens = key.split()
    determiner = tokens[0] in _DETERMINERS
    rest = [t for t in tokens if t not in _DETERMINERS] if determiner else tokens
    if not rest:
        return True
    all_common = all(t in COMMON_WORDS or len(t) < 2 or t.isdigit() for t in rest)
    return all_common and (determiner or len(rest) == 1)


def is_generic_alias(form: str) -> bool:
    """Stricter than a name: an alias made only of common words ("Foreign Minister") is refused.

    An alias is matched on its own in later articles, with no context, so "Foreign Minister"
    would attach every foreign minister's words to whoever registered it first.
    """
    key = normalize_name(form)
    if not key or not any(c.isupper() for c in form):
        return True
    return all(t in COMMON_WORDS or len(t) < 2 or t.isdigit() for t in key.split())


# Words before a name that are not part of it: "President Barack Obama", "Mr. Clarke".
_TITLES = """
    mr mrs ms miss dr prof sir dame lady lord gen sen rep gov lt col sgt capt cmdr rev
    democrat democratic republican gop representative congressman congresswoman candidate
    nominee first pope king queen prince princess justice judge attorney
"""
_TITLE_WORDS = GENERIC_WORDS | frozenset(_TITLES.split()) | _DETERMINERS
# How many known people with one surname are worth weighing; more is a very common name.
_MAX_CANDIDATES = 20


def name_core(key: str) -> str:
    """A normalized name without leading titles: "president barack obama" -> "barack obama"."""
    words = key.split()
    while len(words) > 1 and words[0] in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def same_name_family(key: str, form: str) -> bool:
    """Whether `form` can be another spelling of the person `key` ("NATO chief Jens
    Stoltenberg" of "jens stoltenberg"): it ends with the same word, or contains the name."""
    fkey = normalize_name(form)
    words, fwords = key.split(), fkey.split()
    if not words or not fwords:
        return False
    return fwords[-1] == words[-1] or f" {key} " in f" {fkey} "


class SpeakerLinker:
    """Resolves extracted speakers inside one write transaction; counts what it creates.

    Lookups go through the session, so speakers created earlier in the same batch are found
    (autoflush) and two articles of one batch naming the same person share one row. Call
    `begin_article` before each article's quotes: evidence and unnamed sources are per article.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.created = 0
        # An article's quotes mostly share a few speakers: the same extracted value links to
        # the same row for the rest of the article, so look it up once, not per quote.
        self._linked: dict[ExtractedSpeaker, int | None] = {}
        self._unnamed: dict[tuple[str, str], int] = {}
        self._text = ""
        self._normalized: str | None = None  # see `_article`
        # `find` for the whole batch: the same names recur across a batch's articles. An
        # entry goes when a row or alias with its key is made, all of them on a rollback.
        self._found: dict[str, Speaker | None] = {}
        # Whether an alias row holds a normalized form, for `register_aliases`, likewise.
        self._taken: dict[str, bool] = {}
        # What `prepare` read, kept current as rows are made: the named rows (merged ones
        # too) holding each key, and `people_with_surname` for each surname.
        self._named: dict[str, list[Speaker]] = {}
        self._people: dict[str, list[Speaker]] = {}
        self._classified: dict[tuple[ExtractedSpeaker, str | None], Source | None] = {}
        # The candidates each ambiguous row already has (read once per row, kept current).
        self._candidates: dict[int, set[int]] = {}
        # SQLite: the id the next new row gets (see `_new_id`); None until asked.
        self._next_id: int | None = None

    def begin_article(self, text: str) -> None:
        """Start linking one article's quotes: what was decided for the last one is forgotten.

        A surname linked on the previous article's evidence must not carry over to an article
        without it, and "officials" there are not the officials here.
        """
        self._linked.clear()
        self._unnamed.clear()
        self._text = text
        self._normalized = None

    @property
    def _article(self) -> str:
        """The article's normalized text, padded: the evidence. Normalized only when a lone
        surname needs it: most articles never do, and it is a pass over every character."""
        if self._normalized is None:
            self._normalized = f" {normalize_name(self._text)} "
        return self._normalized

    def link(self, extracted: ExtractedSpeaker, mention: str | None = None) -> int | None:
        """The id of the speaker row for `extracted`, creating it when nothing matches.

        `mention` is the speaker as written at the quote ("the campaign"); an unnamed source
        is stored with it. None: not a source at all ("he" unresolved, "brain cancer").
        """
        # Pure in its inputs, and a batch repeats them: the same speaker at every quote.
        memo = (extracted, mention)
        if memo not in self._classified:
            self._classified[memo] = classify(extracted, mention)
        source = self._classified[memo]
        if source is None:
            return None
        if source.kind != "named":
            return self._unnamed_row(source, extracted)
        if extracted not in self._linked:
            self._linked[extracted] = self._link_named(extracted)
        return self._linked[extracted]

    def rolled_back(self, created_before: int) -> None:
        """A savepoint was rolled back: rows made inside it are gone, and so are their ids."""
        self.created = created_before
        self._linked.clear()
        self._unnamed.clear()
        self._found.clear()
        self._taken.clear()
        self._named.clear()
        self._people.clear()
        self._candidates.clear()
        self._next_id = None

    def prepare(self, speakers: Iterable[ExtractedSpeaker]) -> None:
        """Look up, in a few queries, what linking these speakers (a batch's) may ask: the
        rows and aliases holding each name's key, cores, aliases and surname, and the people
        with that surname. The answers are those the lookups would give one by one; what
        was not prepared is still looked up when asked."""
        keys: set[str] = set()
        for extracted in speakers:
            key = normalize_name(extracted.name)
            for form in (key, _without_determiners(key), name_core(key)):
                keys.add(form)
                keys.update(form.split()[-1:])
            keys.update(normalize_name(a) for a in extracted.aliases)
        wanted = sorted(k for k in keys if k and k not in self._found)
        for i in range(0, len(wanted), 500):  # stay under SQLite's bound-parameter limit
            chunk = wanted[i : i + 500]
            rows: dict[str, list[Speaker]] = {k: [] for k in chunk}
            for row in self.session.scalars(
                select(Speaker)
                .where(
                    Speaker.normalized_name.in_(chunk),
                    Speaker.kind.not_in(UNNAMED_SPEAKER_KINDS),
                )
                .order_by(Speaker.id)
            ):
                rows[row.normalized_name].append(row)
            aliases = {
                a.normalized: a
                for a in self.session.scalars(
                    select(SpeakerAlias).where(SpeakerAlias.normalized.in_(chunk))
                )
            }
            self._named.update(rows)
            for key in chunk:
                self._taken[key] = key in aliases
                self._found[key] = self._resolve(rows[key], aliases.get(key))
            surnames = [k for k in chunk if _surname_key(k) and k not in self._people]
            if surnames:
                self._prepare_people(surnames)

    def _prepare_people(self, surnames: list[str]) -> None:
        """`people_with_surname` for each of `surnames` in one query (its first
        `_MAX_CANDIDATES` per surname, by a window over the surname index)."""
        rank = (
            func.row_number()
            .over(
                partition_by=Speaker.surname,
                order_by=(Speaker.verified.desc(), Speaker.id),
            )
            .label("rank")
        )
        ranked = (
            select(Speaker.id, rank)
            .where(
                Speaker.surname.in_(surnames),
                Speaker.merged_into_id.is_(None),
                Speaker.kind == "person",
                Speaker.normalized_name != Speaker.surname,
                Speaker.ambiguous.is_(False),
            )
            .subquery()
        )
        people: dict[str, list[Speaker]] = {k: [] for k in surnames}
        for row in self.session.scalars(
            select(Speaker)
            .join(ranked, ranked.c.id == Speaker.id)
            .where(ranked.c.rank <= _MAX_CANDIDATES)
            .order_by(Speaker.surname, ranked.c.rank)
        ):
            people[str(row.surname)].append(row)
        self._people.update(people)

    def _resolve(
        self, rows: list[Speaker], alias: SpeakerAlias | None, owner: Speaker | None = None
    ) -> Speaker | None:
        """`_find`'s answer from its rows: those with the key, and the alias holding it (or
        that alias's `owner`, for one made in this transaction)."""
        live = [r for r in rows if r.merged_into_id is None]
        if live:
            return min(live, key=lambda r: (not r.verified, r.id))
        if owner is None and alias is not None:
            owner = alias.speaker
        if owner is not None:
            return self.survivor(owner)
        return self.survivor(min(rows, key=lambda r: r.id)) if rows else None

    def _known(self, key: str, alias_owner: Speaker | None = None) -> None:
        """Keep `find(key)` current after a row or alias with `key` is made: answered from
        the prepared rows when they hold the key, else forgotten and looked up again."""
        rows = self._named.get(key)
        if rows is None:
            self._found.pop(key, None)
        else:
            self._found[key] = self._resolve(rows, None, alias_owner)

    def _unnamed_row(self, source: Source, extracted: ExtractedSpeaker) -> int:
        key = normalize_name(source.phrase)[:300]
        known = self._unnamed.get((source.kind, key))
        if known is not None:
            return known
        speaker = self._create(
            source.phrase, key, source.kind, extracted.title, extracted.organization
        )
        self._unnamed[(source.kind, key)] = speaker.id
        return speaker.id

    def _create(
        self, name: str, key: str, kind: str, title: str | None, organization: str | None
    ) -> Speaker:
        kind = kind if kind in SPEAKER_KINDS else "other"
        new_id = self._new_id()
        speaker = Speaker(
            id=new_id,
            name=_clip(name, 300) or name,
            normalized_name=key[:300],
            kind=kind,
            title=_clip(title, 300),
            organization=_clip(organization, 300),
            verified=False,
            ambiguous=False,
            surname=surname_of(key[:300], kind),
        )
        self.session.add(speaker)
        if new_id is None:
            self.session.flush()  # PostgreSQL: the sequence gives the id
        self.created += 1
        if speaker.kind not in UNNAMED_SPEAKER_KINDS:  # `find` never answers unnamed rows
            named = self._named.get(speaker.normalized_name)
            if named is not None:
                named.append(speaker)
            self._known(speaker.normalized_name)
            people = self._people.get(speaker.surname or "")
            # Last in the order (unverified, the newest id): past the limit if it is full.
            if (
                people is not None
                and speaker.kind == "person"
                and speaker.normalized_name != speaker.surname
                and len(people) < _MAX_CANDIDATES
            ):
                people.append(speaker)
        return speaker

    def _new_id(self) -> int | None:
        """The id a new speaker row gets on SQLite, without a flush per row: the largest id
        plus one, as SQLite itself gives a rowid (the caller holds the write lock; a rollback
        forgets the count). The rows then go in with the article's quotes, in one flush.
        None on PostgreSQL, where the sequence gives it at a flush."""
        if self.session.get_bind().dialect.name != "sqlite":
            return None
        if self._next_id is None:
            self.session.flush()  # rows pending from elsewhere count
            top = self.session.execute(select(func.max(Speaker.id))).scalar()
            self._next_id = int(top or 0) + 1
        self._next_id += 1
        return self._next_id - 1

    def _link_named(self, extracted: ExtractedSpeaker) -> int | None:
        key = normalize_name(extracted.name)
        words = key.split()
        # "Republican National Committee", "Trump campaign": a body, whatever the parse said.
        body = extracted.kind == "organization" or (
            len(words) > 1 and words[-1] in COLLECTIVE_NOUNS
        )
        kind = "organization" if body else extracted.kind
        # The key a new row gets: without "the", and for people without titles, so "the
        # Trump campaign" and "Trump campaign", "President Ann Lee" and "Ann Lee" meet.
        # An organization keeps its words: "Defense Department" is not "Department".
        core = _without_determiners(key) if body else name_core(key)
        speaker: Speaker | None = None
        if " " in core or body:
            speaker = self.find(key) or (self.find(core) if core != key else None)
            if speaker is None:
                speaker = self._by_alias(extracted, core)
            if speaker is None:
                speaker = self._create(
                    extracted.name.strip(),
                    core,
                    kind,
                    extracted.title,
                    extracted.organization,
                )
                if speaker.kind == "person":
                    self._flag_surname_rows(speaker, core)
        else:
            speaker = self._partial(core, extracted)
        filled = False
        if speaker.title is None and extracted.title:
            # Fill gaps only: a title or organization a curator set is never replaced.
            speaker.title = _clip(extracted.title, 300)
            filled = True
        if speaker.organization is None and extracted.organization:
            speaker.organization = _clip(extracted.organization, 300)
            filled = True
        if filled:
            # Written now, as the next lookup's autoflush used to: a lookup answered from
            # memory must not fold two articles' fills into one update of the row.
            self.session.flush()
        if " " in core or speaker.kind != "person":
            forms = [extracted.name, *extracted.aliases]
            if speaker.kind == "person":
                forms = [f for f in forms if same_name_family(core, f)]
            self.register_aliases(speaker, forms, kind=speaker.kind)
        return speaker.id

    def _by_alias(self, extracted: ExtractedSpeaker, core: str) -> Speaker | None:
        for alias in extracted.aliases:
            # Only multi-word forms of the same name: a bare surname is weighed by
            # `_partial`, and "Hillary Clinton" in "spokeswoman for Hillary Clinton" is
            # someone else (that phrase is not a named speaker; this guards the rest).
            akey = normalize_name(alias)
            if len(akey.split()) < 2 or is_generic_alias(alias):
                continue
            if extracted.kind == "person" and not same_name_family(core, alias):
                continue
            speaker = self.find(akey)
            if speaker is not None:
                return speaker
        return None

    def _partial(self, surname: str, extracted: ExtractedSpeaker) -> Speaker:
        """A lone surname (or title + surname): a known person on evidence, else its own row."""
        candidates = self.people_with_surname(surname)
        chosen = self._evidence(candidates, extracted)
        if chosen is not None:
            return chosen
        row = self.find(surname)
        if row is None:
            words = _cased_words(extracted.name)
            kind = extracted.kind if extracted.kind in SPEAKER_KINDS else "person"
            row = self._create(
                words[-1] if words else surname, surname, kind, extracted.title, None
            )
        if candidates and row.kind == "person" and " " not in row.normalized_name:
            self._add_candidates(row, candidates)
        return row

    def _evidence(self, candidates: list[Speaker], extracted: ExtractedSpeaker) -> Speaker | None:
        """The one candidate this article points at, or None when it points at none or several.

        Evidence, strongest first: the candidate's full name in the article's text; the
        organization the extractor found, or the candidate's own organization named in the
        article; the same title. A shared surname alone is never evidence.
        """
        if not candidates:
            return None
        named = [c for c in candidates if f" {c.normalized_name} " in self._article]
        if named:
            return named[0] if len(named) == 1 else None
        org = normalize_name(extracted.organization or "")
        by_org = [
            c
            for c in candidates
            if c.organization
            and not is_generic_alias(c.organization)
            and (
                normalize_name(c.organization) == org
                or f" {normalize_name(c.organization)} " in self._article
            )
        ]
        if by_org:
            return by_org[0] if len(by_org) == 1 else None
        title = normalize_name(extracted.title or "")
        by_title = [c for c in candidates if title and normalize_name(c.title or "") == title]
        return by_title[0] if len(by_title) == 1 else None

    def _add_candidates(self, row: Speaker, candidates: Iterable[Speaker]) -> None:
        """Flag `row` ambiguous and record who it could be (once each). The rows go in with
        the batch's next flush: a batch adds to the same few rows again and again."""
        have = self._candidates.get(row.id)
        if have is None:
            have = self._candidates[row.id] = set(
                self.session.scalars(
                    select(SpeakerCandidate.candidate_id).where(
                        SpeakerCandidate.speaker_id == row.id
                    )
                )
            )
        for c in candidates:
            if c.id != row.id and c.id not in have:
                self.session.add(SpeakerCandidate(speaker_id=row.id, candidate_id=c.id))
                have.add(c.id)
        if have and not row.ambiguous:
            row.ambiguous = True

    def _flag_surname_rows(self, person: Speaker, core: str) -> None:
        """A new full name makes the rows holding only its surname ambiguous: their quotes
        may be this person's or someone else's, which only a curator can tell."""
        words = core.split()
        if len(words) < 2:
            return
        named = self._named.get(words[-1])
        if named is not None:
            rows = [r for r in named if r.kind == "person" and r.merged_into_id is None]
        else:
            rows = list(
                self.session.scalars(
                    select(Speaker)
                    .where(
                        Speaker.normalized_name == words[-1],
                        Speaker.kind == "person",
                        Speaker.merged_into_id.is_(None),
                    )
                    .order_by(Speaker.id)
                )
            )
        for row in rows:
            if not row.verified:
                self._add_candidates(row, [person])

    def find(self, key: str) -> Speaker | None:
        """A named speaker by normalized name or alias; a merged one resolves to its survivor.

        Unnamed and group rows are never found: they belong to their own article.
        """
        if not key:
            return None
        if key not in self._found:
            self._found[key] = self._find(key)
        return self._found[key]

    def _find(self, key: str) -> Speaker | None:
        live = self.session.scalars(
            select(Speaker)
            .where(
                Speaker.normalized_name == key,
                Speaker.merged_into_id.is_(None),
                Speaker.kind.not_in(UNNAMED_SPEAKER_KINDS),
            )
            .order_by(Speaker.verified.desc(), Speaker.id)
            .limit(1)
        ).first()
        if live is not None:
            return live
        alias = self.session.scalars(
            select(SpeakerAlias).where(SpeakerAlias.normalized == key)
        ).first()
        self._taken[key] = alias is not None
        if alias is not None:
            return self.survivor(alias.speaker)
        merged = self.session.scalars(
            select(Speaker)
            .where(Speaker.normalized_name == key, Speaker.kind.not_in(UNNAMED_SPEAKER_KINDS))
            .order_by(Speaker.id)
            .limit(1)
        ).first()
        return self.survivor(merged) if merged is not None else None

    def survivor(self, speaker: Speaker) -> Speaker:
        """Follow `merged_into_id` to the row that is still in use (cycles are cut)."""
        seen = {speaker.id}
        while speaker.merged_into_id is not None:
            target = self.session.get(Speaker, speaker.merged_into_id)
            if target is None or target.id in seen:
                break
            seen.add(target.id)
            speaker = target
        return speaker

    def people_with_surname(self, surname: str) -> list[Speaker]:
        """Live people with a full name ending in `surname`: one indexed lookup, however many
        speakers there are (not a LIKE scan). Rows holding only the surname are not people
        it could be, they are the question."""
        if " " in surname or surname in COMMON_WORDS or len(surname) < 2:
            return []
        prepared = self._people.get(surname)
        if prepared is not None:
            # Rows that can become ambiguous during linking hold only a surname, which
            # this list never holds: what was read stays the answer.
            return list(prepared)
        return list(
            self.session.scalars(
                select(Speaker)
                .where(
                    Speaker.surname == surname[:100],
                    Speaker.merged_into_id.is_(None),
                    Speaker.kind == "person",
                    Speaker.normalized_name != surname,
                    Speaker.ambiguous.is_(False),
                )
                .order_by(Speaker.verified.desc(), Speaker.id)
                .limit(_MAX_CANDIDATES)
            )
        )

    def register_aliases(self, speaker: Speaker, forms: Iterable[str], *, kind: str) -> int:
        """Add the forms as extractor aliases where they are free; returns how many were added.

        A single-word form of a person ("Stoltenberg") is not registered: a registered alias
        would bind every later "Stoltenberg" to this person with no evidence at all.
        """
        added = 0
        for form in dict.fromkeys(f.strip() for f in forms):
            key = normalize_name(form)
            if not key or is_generic_alias(form) or role_of_named(form) is not None:
                continue
            if kind == "person" and " " not in key:
                continue
            taken = self._taken.get(key)
            if taken is None:
                taken = (
                    self.session.scalars(
                        select(SpeakerAlias.id).where(SpeakerAlias.normalized == key)
                    ).first()
                    is not None
                )
                self._taken[key] = taken
            if taken:
                continue
            self.session.add(
                SpeakerAlias(
                    speaker_id=speaker.id,
                    alias=_clip(form, 300) or form,
                    normalized=key[:300],
                    origin="extractor",
                )
            )
            # Flushed with the article's quotes or by the next lookup, not one by one.
            self._known(key[:300], alias_owner=speaker)
            self._taken.pop(key, None)
            self._taken[key[:300]] = True
            added += 1
        return added


def classify(extracted: ExtractedSpeaker, mention: str | None = None) -> Source | None:
    """Named, unnamed or group, with the phrase to store; None when it is not a source."""
    name = extracted.name
    key = normalize_name(name)
    if not key or key in PRONOUNS:
        return None
    kind: str = extracted.kind
    if kind in UNNAMED_SPEAKER_KINDS:  # the extractor said so itself
        return Source("group" if kind == "group" else "unnamed", as_written(name, mention))
    if mention and f"@{name.strip().lstrip('@')}" in mention:
        return Source("named", name)  # a social-media handle: a name, lower case or not
    if _DOMAIN.search(name.strip()):
        return Source("named", name)  # a website by its address: "ouest-france.fr"
    if is_generic_name(name):
        unnamed = unnamed_kind(key)
        return Source(unnamed, as_written(name, mention)) if unnamed else None
    role = role_of_named(name)
    if role is not None:
        return Source(role, as_written(name, mention))
    return Source("named", name)


_DOMAIN = re.compile(r"^[\w.-]+\.(?:com|org|net|gov|edu|info|news|[a-z]{2})$")


def _surname_key(key: str) -> bool:
    """Whether `people_with_surname` looks `key` up (one word, not a common one), and the
    surname column holds it whole."""
    return " " not in key and key not in COMMON_WORDS and 2 <= len(key) <= 100


def _without_determiners(key: str) -> str:
    words = key.split()
    while len(words) > 1 and words[0] in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _cased_words(name: str) -> list[str]:
    return [w for w in re.split(r"[^\w'-]+", name) if w]


def _clip(value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value[:limit] or None
