"""The reporting-cue lexicon, kept as data so rules read as "is this a cue" rather than lists.

Two tiers: REPORTING_VERBS introduce both direct and reported (indirect) speech ("said that ...");
DIRECT_ONLY_VERBS only attribute a quotation that is already in quotation marks ("'No!' he
shouted"), because as reported-speech cues they mostly introduce things that are not statements
("she laughed that ..." is rare, "he asked whether ..." is a question, not a claim).
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A lexicon written as running text, one entry per whitespace-separated word."""
    return frozenset(text.split())


REPORTING_VERBS: frozenset[str] = word_set(
    """
    say tell add note warn claim insist argue deny confirm explain tweet write
    state declare announce report stress emphasize emphasise assert contend maintain reiterate
    indicate suggest acknowledge admit concede predict promise pledge vow recall respond reply
    allege charge complain observe mention caution testify disclose reveal boast remark retort
    counter concur agree estimate assure reassure inform signal post comment
    """
)

DIRECT_ONLY_VERBS: frozenset[str] = word_set(
    """
    ask blast quip shout yell scream exclaim joke laugh sigh snap fume lament muse wonder
    whisper murmur mutter cry plead beg demand proclaim thunder rage recount describe
    conclude chime chant read tout hail slam question deadpan grumble crow
    continue ensure urge
    """
)

SPEECH_VERBS: frozenset[str] = REPORTING_VERBS | DIRECT_ONLY_VERBS

# Phrasal cues: verb lemma + particle ("pointed out that", "went on").
PHRASAL_CUES: dict[str, frozenset[str]] = {
    "point": frozenset({"out"}),
    "go": frozenset({"on"}),
    "spell": frozenset({"out"}),
    "lay": frozenset({"out"}),
}

# Multi-word prepositional cues: the speaker is the object, the content is the rest of the clause.
PREPOSITIONAL_CUES: tuple[tuple[str, ...], ...] = (
    ("according", "to"),
    ("in", "the", "words", "of"),
)

# Nouns that speak for an organization or a person: "the statement says", "the document reads".
SPEAKING_NOUNS: frozenset[str] = word_set(
    """
    statement document communique communiqué letter report release announcement memo
    declaration post tweet message notice filing complaint lawsuit ruling decision study survey
    poll paper editorial
    """
)

# Passive constructions whose agent is the speaker: "X was quoted as saying".
PASSIVE_QUOTED: frozenset[str] = frozenset({"quote", "cite"})


def is_cue_lemma(lemma: str, *, direct: bool) -> bool:
    """Whether a verb lemma reports speech: any speech verb for a quotation in marks, only the
    reporting verbs for reported speech."""
    lemma = lemma.lower()
    return lemma in (SPEECH_VERBS if direct else REPORTING_VERBS)


def is_phrasal_cue(lemma: str, particle: str) -> bool:
    """Whether ``lemma`` + ``particle`` is a phrasal reporting cue ("point out")."""
    return particle.lower() in PHRASAL_CUES.get(lemma.lower(), frozenset())
