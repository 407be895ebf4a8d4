"""What kind of source an extracted speaker is: a name, an unnamed or collective source, or none.

News attributes a large share of its statements to sources it does not name ("experts",
"police", "a senior official", "attorneys for the family"), and researchers study exactly
those. They are kept as speakers of kind `unnamed` (one person or document not named) or
`group` (a collective), with the phrase as the article words it. What the extractor sometimes
takes for a subject but that cannot speak ("brain cancer", "bias", "his best response") is
not a source at all.

The test is the phrase's head noun, against word lists a linguist would write (people by
role, collectives and institutions, documents that speak), the endings of nouns for people
("speechwriter", "socialist", "attendee", less the common words with those endings, such as
"cancer"), and counts of people ("six in 10", "49%", "those surveyed"). A head outside them
is dropped: a wrong speaker row costs a curator more than a missing one, and the extractor's
own filter sees the parse this module does not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from quotes.store.names import normalize_name

SourceKind = Literal["named", "unnamed", "group"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# One person named by role or relation ("a senior official", "her father").
PERSON_NOUNS = _words(
    """
    official spokesman spokeswoman spokesperson aide adviser advisor assistant expert analyst
    economist source lawyer attorney counsel researcher scientist professor scholar historian
    doctor physician nurse surgeon psychologist psychiatrist witness resident voter supporter
    critic activist advocate lawmaker legislator politician senator congressman congresswoman
    representative governor mayor minister diplomat ambassador envoy officer commander general
    admiral colonel sergeant soldier veteran prosecutor judge investigator detective sheriff
    agent employee worker staffer executive director manager chairman chairwoman chair
    president chief head leader founder owner member organizer organiser volunteer student
    teacher parent mother father son daughter wife husband brother sister friend neighbor
    neighbour relative victim survivor man woman person candidate nominee strategist
    consultant pollster operative insider observer commentator columnist reporter journalist
    correspondent editor writer author blogger pundit anchor host moderator panelist
    questioner narrator announcer architect engineer developer designer reader viewer caller
    listener delegate donor lobbyist mogul billionaire millionaire businessman businesswoman
    entrepreneur investor banker trader broker citizen immigrant refugee farmer miner
    customer patient participant respondent campaigner protester protestor demonstrator
    whistleblower biographer secretary deputy negotiator premier chancellor king queen prince
    princess ruler dictator cleric priest pastor imam rabbi bishop pope coach player athlete
    fan owner partner colleague counterpart ally rival opponent challenger incumbent
    specialist inspector auditor regulator planner trustee teenager child user guy tycoon
    magnate star heavyweight contender proponent skeptic sceptic superdelegate another
    boy girl lady gentleman surrogate independent liberal conservative moderate evangelical
    """
)
# Plurals that do not end in -s.
_IRREGULAR_PLURALS = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "police": "police",
    "staff": "staff",
    "children": "child",
    "others": "other",
    "analyses": "analysis",
}
# Endings of nouns for people ("speechwriter", "socialist", "attendee", "radioman"), and the
# common words with those endings that are not people.
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "eer", "ster", "crat", "ee", "man", "woman")
_NOT_PEOPLE = _words(
    """
    cancer number water matter order paper power border quarter corner chapter fever winter
    summer weather computer error factor sector color colour labor labour rumor humor horror
    mirror motor floor door favor favour behavior behaviour honor tumor disorder answer
    manner offer chamber other over under after never ever rather whether together however
    center centre theater theatre letter filter cluster disaster meter liter layer tower
    shelter river lever cover poster ladder banner container trigger finger hunger anger
    danger dinner butter powder proposer degree fee coffee guarantee committee human german
    """
)
_NUMBER_WORDS = _words(
    """
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million half third thirds fourth fourths quarter quarters fifth fifths
    dozens
    """
)
# A body that speaks as one ("the campaign", "a ministry", "police").
COLLECTIVE_NOUNS = _words(
    """
    group campaign committee commission council agency ministry department administration
    personnel
    government union fund bank company firm corporation network organization organisation
    party police court board team staff office authority coalition alliance association
    institute foundation center centre embassy military army navy regime cabinet parliament
    congress senate legislature panel jury family camp newspaper magazine channel station
    university school hospital church county city state bureau service prosecution defense
    defence club league federation movement publisher paper outlet broadcaster studio
    charity nonprofit tank lab laboratory industry side airline carrier town village country
    nation province region district community force publication media press crowd audience
    rally protest march gathering mob throng congregation electorate public
    """
)
# Documents and media that speak ("the report said", "an ad claims").
DOCUMENT_NOUNS = _words(
    """
    statement report study poll survey ad advertisement commercial spot video letter memo
    document filing complaint lawsuit suit ruling decision order data record book article
    speech release announcement tweet post email transcript testimony estimate figure
    projection research finding census indictment communique declaration notice editorial
    website site blog column message brief affidavit audit review piece clip slide analysis
    graphic chart footage interview statistic number summary result remark story note missive
    page probe plan investigation polling opinion index law tally return timeline biography
    account petition sign banner placard poster headline caption resolution
    """
)
# Quantifiers that stand for people on their own ("some said", "63 percent said").
QUANTIFIERS = _words(
    "some many most several few others both all each percent majority majorities minority"
    " minorities plurality"
)
# Words before "of" that only count ("one of the attorneys", "74 percent of voters").
_COUNTERS = _words(
    """
    one two three four five six seven eight nine ten some many most several all few none each
    any both half dozens hundreds thousands majority minority number percent share group
    majorities minorities plurality array host handful variety range slew quarter quarters
    third thirds
    """
)
# Words between the numbers of a count: "six in 10", "as many as three-fourths of them".
_QUANTITY_GLUE = _words("in of at least most as many nearly about almost some them percent")
# Where a noun phrase's head ends: its post-modifiers and relative clauses.
_CUT = _words(
    """
    of for at from with in on to who that which whose whom close familiar according
    representing including like about among by under behind inside within near
    """
)
_DETERMINERS = _words("the a an this that these those his her its their our my your some")
# Relations that make a role relative to someone named: "spokeswoman for Hillary Clinton".
_ROLE_OF = _words("for to")
PRONOUNS = _words(
    """
    i me we us you he him she her it they them who which that this these those one someone
    somebody anyone everyone everybody nobody
    """
)


@dataclass(frozen=True, slots=True)
class Source:
    kind: SourceKind
    phrase: str  # as the article words it, for unnamed and group sources


def _is_person_word(word: str) -> bool:
    """A noun for a person by its ending or as a compound of one ("neurosurgeon")."""
    if word in PERSON_NOUNS:
        return True
    if word in _NOT_PEOPLE or len(word) < 4:
        return False
    if word.endswith(_PERSON_ENDINGS):
        return True
    return any(word.endswith(p) for p in PERSON_NOUNS if len(p) >= 5)


def _speaks(word: str) -> bool:
    """A head noun a source can have, singular or plural."""
    lexicons = PERSON_NOUNS | COLLECTIVE_NOUNS | DOCUMENT_NOUNS
    return word in lexicons or _is_person_word(word) or _singular(word) is not None


def _singular(word: str) -> str | None:
    """The singular of a plural noun of the lists, or None when `word` is not one."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    known = PERSON_NOUNS | COLLECTIVE_NOUNS | DOCUMENT_NOUNS
    for cut, add in (("ies", "y"), ("men", "man"), ("es", ""), ("s", "")):
        if word.endswith(cut):
            stem = word[: -len(cut)] + add
            if stem in known or _is_person_word(stem):
                return stem
    return None


# Adjectives and adverbs that follow the noun they describe: "the senators present".
_POSTNOMINAL = _words("present here there everywhere alike abroad nationwide overall")


def head_noun(key: str) -> str:
    """The head of a normalized noun phrase: "attorneys for the family" -> "attorneys".

    A counter before "of" hands over to what it counts: "one of the family attorneys".
    """
    words = key.split()
    for i, word in enumerate(words):
        # "reports emerging in the media", "officials involved": a participle after the head.
        if i > 0 and word.endswith(("ing", "ed")) and _speaks(words[i - 1]):
            return words[i - 1]
        if word in _CUT and i > 0:
            before = words[i - 1]
            if before in _POSTNOMINAL and i > 1:
                before = words[i - 2]  # "two senators present who ...": the senators
            if word == "of" and before in _COUNTERS and i + 1 < len(words):
                return head_noun(" ".join(words[i + 1 :]))
            return before
    while len(words) > 1 and words[-1] in _POSTNOMINAL:
        words = words[:-1]  # "voters nationwide", "executives there"
    return words[-1] if words else ""


def unnamed_kind(key: str) -> Literal["unnamed", "group"] | None:
    """`unnamed` or `group` for a phrase whose head can speak; None for anything else."""
    words = key.split()
    if not words or key in PRONOUNS:
        return None
    if (
        len(words) == 3
        and words[0] in QUANTIFIERS | {"one"}
        and words[1:]
        in (
            ["of", "whom"],
            ["of", "them"],
        )
    ):
        return "unnamed" if words[0] in {"one", "each"} else "group"  # "many of whom"
    if words[0] == "those" and len(words) > 1:  # "those surveyed", "those over 60"
        return "group"
    if words[0] in ("the", "a", "an"):
        words = words[1:] or words
    # Counted people: "two", "six in 10", "49%", "at least 21,000", "three-fourths of them".
    counted = [w for w in words if w.isdigit() or w in _NUMBER_WORDS or w == "percent"]
    if counted and all(w.isdigit() or w in _NUMBER_WORDS | _QUANTITY_GLUE for w in words):
        return "group"
    head = head_noun(key)
    if head.isdigit() or head in _NUMBER_WORDS or head == "those":
        # "18% who say ...", "four in 10 who said ...", "27% of those who ..."
        return "unnamed" if head == "one" else "group"
    if not head or head in PRONOUNS:
        return None
    if head in DOCUMENT_NOUNS or head == "each" or _is_person_word(head):
        return "unnamed"
    if head in QUANTIFIERS:
        return "group"
    if head in COLLECTIVE_NOUNS:
        return "group"
    singular = _singular(head)
    if singular is None:
        return None
    if key.startswith("one of "):  # one person out of a group: "one of the lawyers"
        return "unnamed"
    if singular in COLLECTIVE_NOUNS or singular == "other" or _is_person_word(singular):
        return "group"
    return "unnamed"  # a plural document ("records", "polls") speaks as one source


_WORD = re.compile(r"\w+")


def _cased_words(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", name)
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


def role_of_named(name: str) -> Literal["unnamed", "group"] | None:
    """A role relative to a named entity: "Spokeswoman for Hillary Clinton", "Clinton aides".

    Such a phrase names someone else, not the speaker: linking it by that name would give
    Hillary Clinton her spokeswoman's words. The head must be a role noun written in lower
    case or standing first ("Spokeswoman for ..."): a capitalized head is part of a proper
    name ("Republican National Committee").
    """
    key = normalize_name(name)
    words = key.split()
    if len(words) < 2:
        return None
    cased = _cased_words(name)
    first = next((i for i, w in enumerate(words) if w not in _DETERMINERS), 0)
    if first + 1 < len(words) and words[first + 1] in _ROLE_OF:
        head = words[first]
        if head in PERSON_NOUNS or _singular(head) in PERSON_NOUNS:
            return "unnamed" if head in PERSON_NOUNS else "group"
        return None
    head = words[-1]
    last = cased[-1] if cased else ""
    if last[:1].isupper():
        return None
    if head in PERSON_NOUNS:  # the list only: "Clinton supporter" yes, "Trump Tower" no
        return "unnamed"
    # "Clinton aides" are some of her people; "the Clinton campaign" is one body, named by
    # her, and is linked across articles like any organization.
    if _singular(head) in PERSON_NOUNS:
        return "group"
    return None


def as_written(name: str, mention: str | None) -> str:
    """The phrase to store: the mention as written when it is the same phrase ("the campaign"
    for "campaign"), relative clause and all ("officials who asked not to be named"), at most
    300 characters."""
    phrase = " ".join(name.split())
    if mention:
        written = " ".join(mention.split())
        key, mkey = normalize_name(phrase), normalize_name(written)
        if key and (mkey == key or mkey.endswith(" " + key)) and len(mkey) <= len(key) + 12:
            phrase = written
    return phrase.strip(" ,;:-")[:300]
