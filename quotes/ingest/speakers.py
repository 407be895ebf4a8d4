"""Linking an extracted speaker to a speaker row, so one person is one row across articles.

The extractor only knows the article in front of it ("Jens Stoltenberg", also written
"Stoltenberg"); this module decides which existing row that is. It errs towards creating a
new unverified speaker: curators can merge two rows in one keystroke, but untangling quotes
wrongly attached to someone else means reviewing every one of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from sqlalchemy import select
from sqlalchemy.orm import Session

from quotes.extract.types import Speaker as ExtractedSpeaker
from quotes.store.models import SPEAKER_KINDS, Edit, Speaker, SpeakerAlias
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


class SpeakerLinker:
    """Resolves extracted speakers inside one write transaction; counts what it creates.

    Lookups go through the session, so speakers created earlier in the same batch are found
    (autoflush) and two articles of one batch naming the same person share one row.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.created = 0
        # An article's quotes mostly share a few speakers: the same extracted value links to
        # the same row for the rest of the transaction, so look it up once, not per quote.
        self._linked: dict[ExtractedSpeaker, int | None] = {}

    def link(self, extracted: ExtractedSpeaker) -> int | None:
        """The id of the speaker row for `extracted`, creating it when nothing matches."""
        if extracted not in self._linked:
            self._linked[extracted] = self._link(extracted)
        return self._linked[extracted]

    def rolled_back(self, created_before: int) -> None:
        """A savepoint was rolled back: rows made inside it are gone, and so are their ids."""
        self.created = created_before
        self._linked.clear()

    def _link(self, extracted: ExtractedSpeaker) -> int | None:
        if is_generic_name(extracted.name):
            return None
        key = normalize_name(extracted.name)
        speaker = self.find(key)
        if speaker is None:
            for alias in extracted.aliases:
                # Only multi-word forms: a bare surname is handled by the surname rule,
                # which refuses when two people share it.
                if len(normalize_name(alias).split()) > 1 and not is_generic_alias(alias):
                    speaker = self.find(normalize_name(alias))
                    if speaker is not None:
                        break
        if speaker is None:
            # Any kind: the extractor's kind for a lone surname ("Stoltenberg") is a guess,
            # while the candidates are restricted to people.
            speaker = self.by_surname(key)
        if speaker is None and extracted.kind == "person":
            speaker = self.surname_only_row(key, extracted.name.strip())
        if speaker is None:
            speaker = Speaker(
                name=extracted.name.strip(),
                normalized_name=key,
                kind=extracted.kind if extracted.kind in SPEAKER_KINDS else "other",
                title=_clip(extracted.title, 300),
                organization=_clip(extracted.organization, 300),
                verified=False,
            )
            self.session.add(speaker)
            self.session.flush()
            self.created += 1
        else:
            # Fill gaps only: a title or organization a curator set is never replaced.
            if not speaker.title and extracted.title:
                speaker.title = _clip(extracted.title, 300)
            if not speaker.organization and extracted.organization:
                speaker.organization = _clip(extracted.organization, 300)
        self.register_aliases(speaker, [extracted.name, *extracted.aliases], kind=speaker.kind)
        return speaker.id

    def find(self, key: str) -> Speaker | None:
        """A speaker by normalized name or alias; a merged speaker resolves to its survivor."""
        if not key:
            return None
        live = self.session.scalars(
            select(Speaker)
            .where(Speaker.normalized_name == key, Speaker.merged_into_id.is_(None))
            .order_by(Speaker.verified.desc(), Speaker.id)
            .limit(1)
        ).first()
        if live is not None:
            return live
        alias = self.session.scalars(
            select(SpeakerAlias).where(SpeakerAlias.normalized == key)
        ).first()
        if alias is not None:
            return self.survivor(alias.speaker)
        merged = self.session.scalars(
            select(Speaker).where(Speaker.normalized_name == key).order_by(Speaker.id).limit(1)
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

    def by_surname(self, key: str) -> Speaker | None:
        """A lone surname ("Stoltenberg") to the one live person whose name ends with it."""
        if " " in key or key in COMMON_WORDS or len(key) < 3:
            return None
        candidates = self._people_with_surname(key, limit=2)
        return candidates[0] if len(candidates) == 1 else None

    def _people_with_surname(self, surname: str, *, limit: int) -> list[Speaker]:
        escaped = surname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return list(
            self.session.scalars(
                select(Speaker)
                .where(
                    Speaker.normalized_name.like("% " + escaped, escape="\\"),
                    Speaker.merged_into_id.is_(None),
                    Speaker.kind == "person",
                )
                .limit(limit)
            )
        )

    def surname_only_row(self, key: str, name: str) -> Speaker | None:
        """A full name to the row an article giving only the surname made ("Putin").

        Only when that row is the one person the surname can mean (no other live person ends
        with it). A row no curator has touched takes the full name, so the list of speakers
        shows "Vladimir Putin"; a curated row keeps its name and gains the full one as alias.
        """
        tokens = key.split()
        if len(tokens) < 2 or tokens[-1] in COMMON_WORDS or len(tokens[-1]) < 3:
            return None
        surname = tokens[-1]
        rows = self.session.scalars(
            select(Speaker)
            .where(
                Speaker.normalized_name == surname,
                Speaker.merged_into_id.is_(None),
                Speaker.kind == "person",
            )
            .limit(2)
        ).all()
        if len(rows) != 1 or self._people_with_surname(surname, limit=1):
            return None
        row = rows[0]
        curated = (
            row.verified
            or self.session.scalars(
                select(Edit.id).where(Edit.entity == "speaker", Edit.entity_id == row.id).limit(1)
            ).first()
        )
        if not curated:
            row.name = _clip(name, 300) or row.name
            row.normalized_name = key[:300]
        return row

    def register_aliases(self, speaker: Speaker, forms: Iterable[str], *, kind: str) -> int:
        """Add the forms as extractor aliases where they are free; returns how many were added.

        A single-word form of a person ("Stoltenberg") is not registered: a registered alias
        would bind every later "Stoltenberg" to this person even once a second Stoltenberg
        exists, while the surname rule checks that the match is unique each time.
        """
        added = 0
        for form in dict.fromkeys(f.strip() for f in forms):
            key = normalize_name(form)
            if not key or is_generic_alias(form):
                continue
            if kind == "person" and " " not in key:
                continue
            taken = self.session.scalars(
                select(SpeakerAlias.id).where(SpeakerAlias.normalized == key)
            ).first()
            if taken is not None:
                continue
            self.session.add(
                SpeakerAlias(
                    speaker_id=speaker.id,
                    alias=_clip(form, 300) or form,
                    normalized=key[:300],
                    origin="extractor",
                )
            )
            self.session.flush()
            added += 1
        return added


def _clip(value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value[:limit] or None
