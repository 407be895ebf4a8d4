"""The reporting-cue lexicon, kept as data so rules read as "is this a cue" rather than lists.

Two tiers: REPORTING_VERBS introduce both direct and reported (indirect) speech ("said that ...");
DIRECT_ONLY_VERBS only attribute a quotation that is already in quotation marks ("'No!' he
shouted"), because as reported-speech cues they mostly introduce things that are not statements
("she laughed that ..." is rare, "he asked whether ..." is a question, not a claim).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


def word_set(text: str) -> frozenset[str]:
    """A lexicon written as running text, one entry per whitespace-separated word."""
    return frozenset(text.split())


REPORTING_VERBS: frozenset[str] = word_set(
    """
    say tell add note warn claim insist argue deny confirm explain tweet write
    state declare announce report stress emphasize emphasise assert contend maintain reiterate
    indicate suggest acknowledge admit concede predict promise pledge vow recall respond reply
    allege charge complain observe mention caution testify disclose reveal boast remark retort
    counter concur agree estimate assure reassure inform signal post comment repeat forecast
    conclude rule underscore threaten
    """
)

DIRECT_ONLY_VERBS: frozenset[str] = word_set(
    """
    ask blast quip shout yell scream exclaim joke laugh sigh snap fume lament muse wonder
    whisper murmur mutter cry plead beg demand proclaim thunder rage recount describe
    chime chant read tout hail slam question deadpan grumble crow
    continue ensure urge echo answer press needle
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

# Verbs whose prepositional object is what was said: "warned of floods", "complained about
# the noise", "spoke of a turning point".
OBJECT_CUES: dict[str, frozenset[str]] = {
    "warn": frozenset({"of", "against", "about"}),
    "caution": frozenset({"against"}),
    "complain": frozenset({"about", "of"}),
    "speak": frozenset({"of", "about"}),
    "point": frozenset({"to"}),
    "write": frozenset({"about", "of"}),
    "comment": frozenset({"on"}),
    "boast": frozenset({"of", "about"}),
}

# Reporting verbs whose noun-phrase object is what was made known: "announced a series of
# steps", "recalled his first campaign", "predicted a narrow win", "said the same of the
# senator", "promised a full audit". Not "told reporters", not "denied the report", not
# "pledge" ("pledged delegates" is mostly a count). A proper-noun object is not one: after
# the verb it is the speaker ("said John Smith, a spokesman").
NP_OBJECT_VERBS: frozenset[str] = word_set(
    "announce mention recall acknowledge reveal disclose predict report note repeat say tweet"
    " stress promise vow"
)

# Direct-only verbs that still do not report a "that"-clause as a statement: a question, or
# no speech at all ("ensured that ..."). The others do: "she joked that ...", "he fumed that".
NOT_REPORTING_THAT: frozenset[str] = word_set("ask wonder ensure continue read question")

# Nouns naming a speech act; as the object of a verb, their "that"-clause is what its subject
# said: "residents voiced concerns that ...", "the minister offered assurances that ...".
SPEECH_ACT_NOUNS: frozenset[str] = word_set(
    """
    concern fear doubt hope claim warning assurance promise allegation argument complaint
    suggestion prediction insistence
    """
)

# Nouns of a statement that name their speaker as owner, with a "that"-clause: "the police's
# claim that ...", "a Times report that ...". Not "hope" or "fear" (a state of mind), nor
# "his promise to ..." (on PolNeAR train that added 14 quotes the annotators left out for 3).
OWNED_STATEMENT_NOUNS: frozenset[str] = word_set(
    "claim allegation assertion contention insistence report announcement admission"
)

# Verbs through which a subject makes the speech act its object names: "voiced concerns that",
# "offered assurances that". Not "rejected claims that ...": those claims are someone else's,
# nor "gave assurances", which histories use for what documents show rather than words said.
SPEECH_ACT_VERBS: frozenset[str] = word_set(
    "voice express raise make offer issue repeat reiterate air share lodge renew echo"
)

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

# Verbs whose reported content is an infinitive: "promised to cut taxes", "warned X to stop",
# 'urged voters to "send a message"' (an appeal with quoted words: reported, not cut down),
# "the presidents agreed to task their teams with ..." (what was agreed in talks).
INFINITIVE_VERBS: frozenset[str] = word_set("promise pledge vow threaten warn urge ask agree")

# Verbs that characterise in quoted words: 'called the plan "a disaster"', 'accused Cruz of
# being "politically correct"', 'mocked Rubio for "having a tough night"'. Their object (and
# its "of" or "for" phrase) is reported only when it holds quoted words.
CHARACTERISING_VERBS: frozenset[str] = word_set(
    "call dub label describe condemn dismiss hail brand praise accuse attack mock criticize "
    "criticise blast slam denounce lament chide fault ridicule deride scold"
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The cue word lists one extractor runs with: the defaults above, or a pipeline's own
    (`nlp.add_pipe("quotes", config={"reporting_verbs": [...]})`), so rules never read the
    module constants directly and two pipelines with different lists can share a process."""

    reporting: frozenset[str] = REPORTING_VERBS
    direct_only: frozenset[str] = DIRECT_ONLY_VERBS
    characterising: frozenset[str] = CHARACTERISING_VERBS
    infinitive: frozenset[str] = INFINITIVE_VERBS
    phrasal: Mapping[str, frozenset[str]] = field(default_factory=lambda: dict(PHRASAL_CUES))
    objects: Mapping[str, frozenset[str]] = field(default_factory=lambda: dict(OBJECT_CUES))
    speech_acts: frozenset[str] = SPEECH_ACT_NOUNS
    np_object: frozenset[str] = NP_OBJECT_VERBS
    # Derived once: the rules test membership per token.
    speech: frozenset[str] = field(init=False)
    cue_verbs: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "speech", self.reporting | self.direct_only)
        object.__setattr__(
            self, "cue_verbs", self.speech | self.characterising | frozenset(self.objects)
        )

    @classmethod
    def of(
        cls,
        *,
        reporting: Iterable[str] = REPORTING_VERBS,
        direct_only: Iterable[str] = DIRECT_ONLY_VERBS,
        characterising: Iterable[str] = CHARACTERISING_VERBS,
        infinitive: Iterable[str] = INFINITIVE_VERBS,
        phrasal: Mapping[str, Iterable[str]] = PHRASAL_CUES,
        objects: Mapping[str, Iterable[str]] = OBJECT_CUES,
        speech_acts: Iterable[str] = SPEECH_ACT_NOUNS,
        np_object: Iterable[str] = NP_OBJECT_VERBS,
    ) -> Lexicon:
        """A lexicon from plain lists (as a config gives them), lowercased; raises ValueError
        naming the list that holds something that cannot be one lemma."""
        return cls(
            reporting=_lemmas("reporting_verbs", reporting),
            direct_only=_lemmas("direct_only_verbs", direct_only),
            characterising=_lemmas("characterising_verbs", characterising),
            infinitive=_lemmas("infinitive_verbs", infinitive),
            phrasal={
                verb: _lemmas(f"phrasal_cues[{verb!r}]", particles)
                for verb, particles in _phrasal_items(phrasal)
            },
            objects={
                verb: _lemmas(f"object_cues[{verb!r}]", preps)
                for verb, preps in _phrasal_items(objects, "object_cues")
            },
            speech_acts=_lemmas("speech_act_nouns", speech_acts),
            np_object=_lemmas("object_verbs", np_object),
        )

    def is_cue_lemma(self, lemma: str, *, direct: bool) -> bool:
        """Whether a verb lemma reports speech: any speech verb for a quotation in marks, only
        the reporting verbs for reported speech."""
        lemma = lemma.lower()
        return lemma in (self.speech if direct else self.reporting)

    def reports_that_clause(self, lemma: str) -> bool:
        """Whether a speech verb reports a "that"-clause as a statement: every reporting verb,
        and the direct-only ones that are not questions ("she joked that ...")."""
        lemma = lemma.lower()
        return lemma in self.reporting or (
            lemma in self.direct_only and lemma not in NOT_REPORTING_THAT
        )

    def is_object_cue(self, lemma: str, prep: str) -> bool:
        """Whether ``lemma`` + ``prep`` reports its object ("warn of")."""
        return prep.lower() in self.objects.get(lemma.lower(), frozenset())

    def is_phrasal_cue(self, lemma: str, particle: str) -> bool:
        """Whether ``lemma`` + ``particle`` is a phrasal reporting cue ("point out")."""
        return particle.lower() in self.phrasal.get(lemma.lower(), frozenset())


def _lemmas(option: str, words: Iterable[str]) -> frozenset[str]:
    if isinstance(words, str):
        raise ValueError(f"{option}: expected a list of words, got the string {words!r}")
    out: set[str] = set()
    for word in words:
        if not isinstance(word, str) or not word.strip() or len(word.split()) != 1:
            raise ValueError(f"{option}: {word!r} is not a single word")
        out.add(word.strip().lower())
    return frozenset(out)


def _phrasal_items(
    phrasal: Mapping[str, Iterable[str]], option: str = "phrasal_cues"
) -> list[tuple[str, Iterable[str]]]:
    items = []
    for verb, particles in phrasal.items():
        (lemma,) = _lemmas(option, [verb])
        items.append((lemma, particles))
    return items


DEFAULT_LEXICON = Lexicon()


def is_cue_lemma(lemma: str, *, direct: bool) -> bool:
    """`Lexicon.is_cue_lemma` on the default lexicon."""
    return DEFAULT_LEXICON.is_cue_lemma(lemma, direct=direct)


def is_phrasal_cue(lemma: str, particle: str) -> bool:
    """`Lexicon.is_phrasal_cue` on the default lexicon."""
    return DEFAULT_LEXICON.is_phrasal_cue(lemma, particle)
