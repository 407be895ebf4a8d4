"""Speaker resolution: from the subject of a cue to a named person or organization.

Two halves. `analyse_mention` reads one noun phrase off the parse and says what it is: a name
(with its title and organization split off), a pronoun, a role noun ("the foreign minister"),
a speaking document ("the statement") or a plain group ("witnesses"). `SpeakerBook` holds every
person and organization named in the article, merges their mentions into one `Speaker` each, and
resolves pronouns and role nouns to the right one: by recorded role, by gender where the text
gives it, else the most recent compatible speaker. No coreference model is available offline, so
these are rules, chosen to be right on the usual shapes of news copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

from spacy.tokens import Doc, Span, Token

from .cues import SPEAKING_NOUNS, word_set
from .types import Speaker, SpeakerKind

Gender = Literal["m", "f"] | None
MentionKind = Literal["name", "pronoun", "role", "document", "group"]

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})

HONORIFICS: dict[str, Gender] = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "sir": "m",
    "lady": "f",
    "dr": None,
    "dr.": None,
    "prof": None,
    "prof.": None,
    "gen": None,
    "gen.": None,
    "sen": None,
    "sen.": None,
    "rep": None,
    "rep.": None,
    "gov": None,
    "gov.": None,
    "lt": None,
    "lt.": None,
    "col": None,
    "col.": None,
}

GENDERED_NOUNS: dict[str, Gender] = {
    "spokeswoman": "f",
    "chairwoman": "f",
    "congresswoman": "f",
    "businesswoman": "f",
    "woman": "f",
    "mother": "f",
    "wife": "f",
    "daughter": "f",
    "sister": "f",
    "girl": "f",
    "queen": "f",
    "actress": "f",
    "grandmother": "f",
    "widow": "f",
    "aunt": "f",
    "niece": "f",
    "spokesman": "m",
    "chairman": "m",
    "congressman": "m",
    "businessman": "m",
    "man": "m",
    "father": "m",
    "husband": "m",
    "son": "m",
    "brother": "m",
    "boy": "m",
    "king": "m",
    "grandfather": "m",
    "widower": "m",
    "uncle": "m",
    "nephew": "m",
}

# Heads of noun phrases that denote an organization speaking as one ("Richmond police").
ORG_NOUNS = word_set(
    """
    police ministry department government campaign committee council army military office
    agency administration commission company court embassy party union board parliament
    kremlin pentagon congress senate house team spokespeople service services authorities
    """
)

# Heads that denote one person by role; used to tell role nouns from other common nouns.
PERSON_NOUNS = word_set(
    """
    official minister spokesman spokeswoman spokesperson chief president secretary director
    leader commander general head chairman chairwoman ambassador envoy diplomat senator
    governor mayor candidate nominee adviser advisor aide analyst expert lawyer attorney
    officer detective sheriff judge prosecutor professor economist researcher author writer
    representative congressman congresswoman lawmaker politician premier chancellor king
    queen prince manager executive founder owner member source strategist pollster
    clown stranger man woman driver witness resident doctor scientist activist negotiator
    deputy counterpart prime host moderator anchor reporter correspondent editor justice
    """
)

# Only people and bodies of people speak. A common-noun speaker must name a person by role or
# trait ("the analyst", "a xenophobe", "residents"), a collective ("the coalition"), or a text
# or medium that carries words ("the ad", "federal data"); "brain cancer", "the bias" or "his
# best response" as the subject of a cue verb are never its speaker.
HUMAN_NOUNS = word_set(
    """
    people person persons folk folks public voter citizen resident student worker employee
    member supporter critic opponent proponent protester protestor demonstrator victim
    survivor witness neighbor neighbour friend relative family parent child kid colleague
    partner ally rival insider veteran agent guard soldier troop troops crew staffer staff
    assistant teen teenager youth adult patient nurse physician surgeon consumer customer
    client investor trader banker ceo boss counsel participant respondent president
    dissident correspondent inhabitant immigrant migrant applicant servant consultant
    accountant attendant defendant plaintiff claimant lieutenant sergeant tenant merchant
    peasant official aide cop chef guy gal fan other others surrogate mogul tycoon ex lady
    billionaire millionaire operative incumbent confidant advocate hopeful
    gentleman delegate liberal conservative moderate progressive independent evangelical
    hawk dove scholar academic pundit skeptic sceptic cleric imam priest bishop pope rabbi
    monk nun athlete coach captain pilot chairperson loyalist authority authorities
    intelligence police star celebrity architect
    journalist historian pastor teacher engineer artist actor musician comedian filmmaker
    designer entrepreneur blogger columnist commentator lobbyist organizer organiser
    volunteer campaigner philosopher psychologist psychiatrist sociologist physicist
    biologist chemist epidemiologist programmer contractor rancher firefighter colonel
    commissioner councilman councilwoman councillor councilor legislator assemblyman
    assemblywoman superintendent provost preacher novelist playwright photographer
    statistician demographer homeowner landlord shopkeeper treasurer juror inmate prisoner
    detainee refugee
    """
)
COLLECTIVE_NOUNS = word_set(
    """
    group coalition alliance organization organisation association network newspaper
    magazine outlet station channel broadcaster firm bank fund institute institution center
    centre foundation university school college hospital bureau country nation state city
    town county region province side camp caucus delegation faction movement community
    industry sector lobby panel jury audience electorate majority minority population club
    league federation corporation regime cabinet leadership opposition establishment elite
    charity nonprofit newsroom publication site website network
    """
)
MEDIA_NOUNS = word_set(
    """
    ad advertisement commercial clip video footage article book data figure figures
    statistic statistics record records show program programme broadcast piece spot slide
    chart database email e-mail text transcript story account estimate estimates
    projection forecast finding findings research model release speech remark remarks
    testimony interview journal literature review brief filing motion datum chorus treaty
    accord agreement resolution law bill constitution charter manifesto platform
    """
)
# Person suffixes of English agent and trait nouns (lawmaker, donor, economist, historian,
# employee, congressman, democrat, xenophobe), with the everyday things that share them.
HUMAN_SUFFIXES = ("er", "or", "ist", "ian", "ee", "man", "woman", "person", "crat", "phobe")
NOT_HUMAN = word_set(
    """
    cancer number water paper matter order border center letter computer cover power corner
    chapter weather tower filter winter summer trailer shelter barrier character finger
    answer danger flower theater theatre timer chamber charter cluster register river silver
    meter liter litre layer tier offer rather either neither quarter headquarter
    error floor door color colour sector motor mirror labor labour honor honour vapor factor
    behavior behaviour favor favour humor rumor tumor terror horror
    committee fee tree degree guarantee coffee glee
    median
    """
)
# Descriptors that stand for a person named before: "the 61-year-old said".
AGE_DESCRIPTOR = "year-old"

NON_SPEAKER_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "MONEY", "QUANTITY"})
# Counted groups of people in polls and surveys speak as the count: "63 percent said".
COUNT_ENTS = frozenset({"PERCENT", "CARDINAL"})
QUANTIFIER_SUBJECTS = word_set(
    "some many most few several each both all others another those one two three half"
)
CALENDAR_WORDS = word_set(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    january february march april may june july august september october november december"""
)

_STRIP = " \t\n,.;:'\"’‘“”"


@dataclass(slots=True)
class Mention:
    """One noun phrase naming (or standing for) a speaker, as written at one place."""

    text: str
    start: int
    end: int
    kind: MentionKind
    name: str | None = None  # the proper name in it, possessive and titles removed
    speaker_kind: SpeakerKind = "person"
    title: str | None = None
    organization: str | None = None
    gender: Gender = None
    head: str = ""  # lemma of the head noun, for role matching
    role_words: tuple[str, ...] = ()  # lowercased modifiers + head of a role noun phrase
    person_cue: bool = False  # NER, an honorific or a gendered word says this is a person
    # A role held for someone named with it ("Gore's spokeswoman", "the wife of John Smith"):
    # someone else than that owner, and rarely the next person the article names.
    proxy: bool = False
    # Words the article uses around a name ("Sen. Marco Rubio (R-Fla.)", "Rubio, a Florida
    # senator"), and the proper words of a role ("the Florida senator"): a role with such a
    # word refers only to someone the article described with it.
    described: frozenset[str] = frozenset()
    place_words: tuple[str, ...] = ()


# Relations that introduce someone through another person ("his daughter Ivanka Trump",
# "Trump's wife, Melania"): a full name given with one is a relative of the person the
# surname has stood for so far, not that person.
KIN_NOUNS = frozenset(
    {
        "daughter", "son", "wife", "husband", "brother", "sister", "father", "mother",
        "niece", "nephew", "cousin", "widow", "widower", "grandson", "granddaughter",
        "uncle", "aunt", "stepson", "stepdaughter", "daughter-in-law", "son-in-law",
    }
)  # fmt: skip


def speaks(lemma: str) -> bool:
    """Whether a common noun with this lemma can head a speaker: a person, a collective, an
    organization, or a text or medium that carries someone's words."""
    lemma = lemma.lower()
    if (
        lemma in PERSON_NOUNS
        or lemma in GENDERED_NOUNS
        or lemma in HUMAN_NOUNS
        or lemma in COLLECTIVE_NOUNS
        or lemma in ORG_NOUNS
        or lemma in MEDIA_NOUNS
        or lemma in SPEAKING_NOUNS
        or lemma in SELF_SPEAKING_NOUNS
    ):
        return True
    if lemma not in NOT_HUMAN and lemma.endswith(HUMAN_SUFFIXES):
        return True
    # closed compounds of a person noun: "neurosurgeon", "policewoman", "gunman"
    return any(
        lemma.endswith(noun) and len(lemma) - len(noun) >= 3
        for noun in _COMPOUND_HEADS
        if len(noun) >= 5
    )


_COMPOUND_HEADS = tuple(sorted(PERSON_NOUNS | HUMAN_NOUNS))


def _age_descriptor(token: Token) -> bool:
    """ "The 61-year-old": an adjective "old" measured in years, standing as a noun."""
    if token.lower_ not in ("old", "year-old"):
        return False
    if token.lower_ == "year-old":
        return True
    return any(c.lower_ in ("year", "-year") for c in token.lefts)


def _clean_name(text: str) -> str:
    text = text.strip(_STRIP)
    while text and not (text[0].isalnum()):
        text = text[1:]
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    text = text.strip(_STRIP)
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    while len(words) > 1 and words[0].lower() in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc.text[start:end]`` for token-aligned offsets, without building the whole text
    (`Doc.text` joins every token on each call, which dominated the component's time)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.text if span is not None else ""


def entity_of(token: Token) -> Span | None:
    """The entity containing ``token``, from the IOB tags (`Doc.ents` rebuilds all spans)."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


# Character ranges (teaser headlines, page furniture) whose words never belong to a speaker's
# name or title; set by the extractor for the doc it is working on.
_EXCLUDED: ContextVar[tuple[tuple[int, int], ...]] = ContextVar("excluded", default=())


@contextmanager
def excluding(regions: Iterable[tuple[int, int]]) -> Iterator[None]:
    token = _EXCLUDED.set(tuple(regions))
    try:
        yield
    finally:
        _EXCLUDED.reset(token)


def _usable(token: Token) -> bool:
    """False for a token that starts inside an excluded region (a glued teaser word)."""
    return not any(s <= token.idx < e for s, e in _EXCLUDED.get())


def _line_start(head: Token) -> int:
    """Index of the first token on ``head``'s line: a name or title never spans a line break
    (a subheading parsed as a modifier of the next line's name is not a title)."""
    doc = head.doc
    i = head.i - 1
    while i >= 0 and "\n" not in doc[i].text and "\n" not in doc[i].whitespace_:
        i -= 1
    return i + 1


def _np_tokens(head: Token) -> list[Token]:
    """The head with its pre-modifiers (det, compound, amod, poss, nmod): the core NP."""
    left = [
        t for t in head.lefts if t.dep_ in ("det", "compound", "amod", "poss", "nmod", "nummod")
    ]
    toks: list[Token] = []
    for t in left:
        toks.extend(t.subtree)
    toks.append(head)
    for t in head.rights:
        # "a count by The Associated Press", "an adviser to the governor": the agent or the
        # addressee is part of the source's phrase
        if (
            t.dep_ == "prep"
            and t.lower_ in ("of", "for", "at", "by", "to")
            and head.pos_ != "PROPN"
        ):
            toks.extend(t.subtree)
    toks.sort(key=lambda t: t.i)
    # keep it contiguous around the head
    out = [head]
    first = _line_start(head)
    idx = {t.i for t in toks if _usable(t) and t.i >= first}
    i = head.i - 1
    while i in idx:
        out.insert(0, head.doc[i])
        i -= 1
    i = head.i + 1
    while i in idx:
        out.append(head.doc[i])
        i += 1
    doc = head.doc
    while (
        i + 1 < len(doc)
        and doc[i].text == "-"
        and not out[-1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].is_alpha
    ):
        # "His ex-wife": the parser may split a hyphenated word into separate tokens
        out.extend((doc[i], doc[i + 1]))
        i += 2
    i = out[0].i - 1
    while i >= first + 1 and doc[i].text == "-" and not doc[i].whitespace_:
        if doc[i - 1].whitespace_ or not doc[i - 1].is_alpha:
            break
        out[:0] = [doc[i - 1], doc[i]]  # "A co-founder of the firm"
        i -= 2
        while i >= first and doc[i].head.i == out[0].i and doc[i].dep_ in ("det", "poss", "amod"):
            out.insert(0, doc[i])
            i -= 1
    return out


# AP-style state abbreviations, as in "Sen. Marco Rubio (R-Fla.)": a later "the Florida
# senator" means him.
_STATE_ABBREVIATIONS = {
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california",
    "colo": "colorado", "conn": "connecticut", "del": "delaware", "fla": "florida",
    "ga": "georgia", "ill": "illinois", "ind": "indiana", "kan": "kansas", "ky": "kentucky",
    "la": "louisiana", "md": "maryland", "mass": "massachusetts", "mich": "michigan",
    "minn": "minnesota", "miss": "mississippi", "mo": "missouri", "mont": "montana",
    "neb": "nebraska", "nev": "nevada", "n.h": "new hampshire", "n.j": "new jersey",
    "n.m": "new mexico", "n.y": "new york", "n.c": "north carolina", "n.d": "north dakota",
    "okla": "oklahoma", "ore": "oregon", "pa": "pennsylvania", "r.i": "rhode island",
    "s.c": "south carolina", "s.d": "south dakota", "tenn": "tennessee", "tex": "texas",
    "vt": "vermont", "va": "virginia", "wash": "washington", "w.va": "west virginia",
    "wis": "wisconsin", "wyo": "wyoming",
}  # fmt: skip
_PARTY_WORDS = word_set("republican republicans democratic democrat democrats gop independent")
_DESCRIPTION_TOKENS = 40  # an appositive or a relative clause, not a whole paragraph


def _described_by(name: Token) -> frozenset[str]:
    words: set[str] = set()
    if name.dep_ == "appos":
        words.add(name.head.lower_)  # "his daughter, Ivanka Trump": the noun it stands by
    clauses = [c for c in name.children if c.dep_ in ("relcl", "acl", "advcl")]
    inner = {t.i for c in clauses for t in c.subtree}  # "Trump, who won Florida," is no Floridian
    for t in name.subtree:
        if abs(t.i - name.i) > _DESCRIPTION_TOKENS or t.i in inner:
            continue
        low = t.lower_
        words.add(low)
        for part in low.strip(".").split("-"):
            words.update(_STATE_ABBREVIATIONS.get(part, "").split())
    return frozenset(words)


def _place_words(role: Token) -> tuple[str, ...]:
    return tuple(
        t.lower_
        for t in _np_tokens(role)
        if t.i < role.i and t.ent_type_ in ("GPE", "LOC") and t.lower_ not in _PARTY_WORDS
    )


def _text_of(tokens: list[Token]) -> tuple[str, int, int]:
    doc = tokens[0].doc
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    return span_text(doc, start, end), start, end


@cache
def given_names() -> dict[str, Gender]:
    """Common given names -> usual gender; a hint for when the article gives none."""
    text = resources.files("quotes.extract").joinpath("data/given_names.txt").read_text("utf-8")
    out: dict[str, Gender] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#") and parts[1] in ("m", "f"):
            out[parts[0]] = "m" if parts[1] == "m" else "f"
    return out


def _gender_of_words(words: list[str]) -> Gender:
    for w in words:
        g = HONORIFICS.get(w.lower()) or GENDERED_NOUNS.get(w.lower())
        if g:
            return g
    return None


def name_gender(name: str) -> Gender:
    """The gender a full name's first word usually marks (None for surnames alone)."""
    parts = name.split()
    if len(parts) < 2:
        return None
    return given_names().get(parts[0].lower().rstrip("."))


# Words before a name that say where the person belongs, not who they are: "Democrat Ann
# Lee", "Acme Daily editor-in-chief Jan Novak".
ORG_MODIFIER_ENTS = frozenset({"NORP", "ORG", "GPE"})


# Speech verbs that open a sentence before the speaker's name ('Said Brandt: "..."'); the
# tagger often reads the capitalised verb as part of the name.
INVERTED_OPENERS = frozenset({"said", "says", "added", "adds", "wrote", "writes"})


def opens_sentence(tok: Token) -> bool:
    """Whether ``tok`` starts its sentence or line (after a period or a line break)."""
    if tok.i == 0:
        return True
    prev = tok.doc[tok.i - 1]
    return prev.text in (".", "!", "?") or "\n" in prev.text or "\n" in prev.whitespace_


def _without_opener(toks: list[Token]) -> list[Token]:
    """A name run without a sentence-opening speech verb glued to it ("Said Brandt")."""
    if len(toks) > 1 and toks[0].lower_ in INVERTED_OPENERS and opens_sentence(toks[0]):
        return toks[1:]
    return toks


def _role_word(token: Token) -> bool:
    """A capitalised common noun for a person ("Billionaire", "Senator", "CEO") that is not
    also a given name ("Hunter", "Mason")."""
    low = token.lower_
    known = (
        low in PERSON_NOUNS or low in HUMAN_NOUNS or low in GENDERED_NOUNS or low in _PARTY_WORDS
    )
    # "CEO" as written before a name is a title too
    cased = token.is_title or (token.is_upper and len(token) > 1)
    return cased and known and low not in given_names()


def _without_role_words(toks: list[Token]) -> list[Token]:
    """A name without the role words the tagger ran into it ("Billionaire Donald Trump")."""
    while len(toks) > 2 and _role_word(toks[0]):
        toks = toks[1:]
    return toks


def _person_name(head: Token) -> tuple[str, int, int] | None:
    """The PERSON name containing ``head`` (NER first, else the run of proper nouns)."""
    ent = entity_of(head)
    if ent is not None and ent.label_ == "PERSON":
        toks = [t for t in ent if t.tag_ != "POS" and (_usable(t) or t.i == head.i)]
        while toks and toks[0].lower_ in HONORIFICS and len(toks) > 1:
            toks = toks[1:]
        text, start, end = _text_of(_without_opener(_without_role_words(toks)))
        return text, start, end
    if head.pos_ != "PROPN":
        return None
    toks = [head]
    i = head.i - 1
    first = _line_start(head)
    own = (ent.start, ent.end) if ent is not None else (head.i, head.i + 1)
    while (
        i >= first
        and head.doc[i].pos_ == "PROPN"
        and head.doc[i].dep_ in ("compound", "flat")
        and (head.doc[i].ent_type_ not in ORG_MODIFIER_ENTS or own[0] <= i < own[1])
        and _usable(head.doc[i])
    ):
        toks.insert(0, head.doc[i])
        i -= 1
    return _text_of(_without_opener(_without_role_words(toks)))


def _title_from_compounds(head: Token, name_start: int) -> str | None:
    """Title words written before a name: "NATO Secretary General" of "... Jens Stoltenberg",
    "County Supervisor of Elections" of "... Linda Marsh"."""
    first = _line_start(head)
    lo = head.left_edge.i
    words = [
        t
        for t in head.doc[lo : head.i]
        if t.idx < name_start
        and t.i >= first
        and _usable(t)
        and (
            (t.dep_ in ("compound", "amod", "nmod", "poss") and t.pos_ in ("PROPN", "NOUN", "ADJ"))
            # a capitalised prepositional part of the title: "of Elections"
            or (t.dep_ == "prep" and t.is_lower and t.head.i >= lo and t.i + 1 < head.i)
            or (t.dep_ == "pobj" and t.text[:1].isupper() and t.head.dep_ == "prep")
        )
        and t.lower_ not in HONORIFICS
    ]
    while words and words[-1].dep_ == "prep":
        words.pop()
    if not words:
        return None
    return " ".join(t.text for t in words)


def _org_in(tokens: list[Token]) -> str | None:
    for t in tokens:
        ent = entity_of(t)
        if ent is not None and ent.label_ in ("ORG", "GPE", "NORP"):
            return _clean_name(ent.text)
    return None


def _role_title(head: Token) -> tuple[str, str | None]:
    """A role noun phrase as a title: "Russian President Vladimir Putin's spokesman" becomes
    "spokesman of Vladimir Putin"; "the spokeswoman for Russia's Foreign Ministry" stays."""
    poss = [t for t in head.lefts if t.dep_ == "poss"]
    tokens = _np_tokens(head)
    org = _org_in(tokens)
    if poss:
        rest = " ".join(t.text for t in tokens if t.i > poss[0].right_edge.i) or head.text
        owner = _person_name(poss[0]) if poss[0].ent_type_ in ("PERSON", "") else None
        if owner is not None:
            return f"{rest} of {_clean_name(owner[0])}", org
        owner_text = _clean_name(" ".join(t.text for t in poss[0].subtree))
        return f"{rest} of {owner_text}", org or owner_text
    text, _, _ = _text_of(tokens)
    return _clean_name(text), org


# Documents that speak for themselves rather than for the organization behind them. Records
# and correspondence ("FEC filings show", "a letter to members said", "the memo warned") are
# written by someone the sentence does not name, often a person; the last organization named
# is a guess, so they stay sources as written. A statement, release or "the document" is an
# organization's own words and still resolves to it ("the statement says").
SELF_SPEAKING_NOUNS = word_set(
    """
    poll survey study report ruling analysis paper editorial lawsuit
    filing memo letter message notice complaint
    """
)


def _whole(relcl: Token) -> bool:
    """A short relative clause with a subject of its own ("all the experts I interviewed"):
    part of the phrase, unlike a bare verb the parser hung on it or "judges who ruled ..."."""
    return relcl.right_edge.i - relcl.left_edge.i < 4 and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i < relcl.i and c.tag_ not in ("WP", "WDT")
        for c in relcl.children
    )


def _group_phrase(head: Token) -> tuple[str, int, int]:
    """A plural or self-speaking noun phrase with its modifiers and conjuncts, up to a comma."""
    doc = head.doc
    lo, hi = head.left_edge.i, head.right_edge.i
    for child in head.rights:
        if child.dep_ == "acl" and any(c.dep_ == "ccomp" for c in child.children):
            hi = min(hi, child.left_edge.i - 1)  # "50 percent saying she ...": what they say
    for k in range(head.i + 1, hi + 1):
        if doc[k].text in (",", ";", "(", "—", "--") or "\n" in doc[k].text:
            hi = k - 1
            break
    for k in range(head.i - 1, lo - 1, -1):
        if (
            doc[k].text == ","
            and k > lo
            and doc[k - 1].dep_ in ("amod", "conj", "compound")
            and doc[k + 1].dep_ in ("amod", "conj", "cc", "compound")
        ):
            continue  # "American, British, and German officials": one group
        if doc[k].text in (",", ";", ")", "—", "--") or "\n" in doc[k].text:
            lo = k + 1
            break
    while hi > head.i and (
        doc[hi].is_punct
        or doc[hi].dep_ == "cc"
        or (doc[hi].dep_ == "relcl" and not _whole(doc[hi]))
    ):
        hi -= 1
    return _text_of([doc[lo], doc[hi]])


# What may follow the noun that heads a group's name: "poll of 400 voters", "report released
# by ...", "trade group for the ferry lines"; any other word means the noun only modifies.
_NAME_HEAD_FOLLOWERS = word_set("of for from in on at by to with released published issued")

# Modifiers that do not tell two holders of a role apart.
GENERIC_ROLE_WORDS = word_set("former current new top senior chief acting deputy then longtime")

# Party words of a role, folded to one spelling: "the Democratic nominee" is never the person
# the article titled "Republican nominee".
_PARTIES = {
    "democratic": "democratic",
    "democrat": "democratic",
    "republican": "republican",
    "gop": "republican",
    "libertarian": "libertarian",
    "green": "green",
}


def _parties(words: Iterable[str]) -> set[str]:
    return {_PARTIES[w] for w in words if w in _PARTIES}


# Who "this ..." is when the article speaks of itself.
_WRITERS = word_set("reporter writer author correspondent columnist journalist")


def _other_unnamed(entity: Entity, mention: Mention) -> bool:
    """Whether ``entity`` is someone the article never named, only described by another noun:
    "the businessman replied" is not the "reporter" who asked."""
    return not any(ch.isupper() for ch in entity.name) and mention.head not in entity.heads


def _other_party(entity: Entity, mention: Mention) -> bool:
    """Whether ``entity``'s titles give it a party and the role names a different one."""
    wanted = _parties(mention.role_words)
    if not wanted:
        return False
    held = _parties(w for t in entity.titles for w in t.lower().replace("-", " ").split())
    return bool(held) and not (held & wanted)


# Human nouns that also name a body of people, which an organization can be in apposition to.
_COLLECTIVE_HUMANS = word_set(
    "family staff crew public troop troops folk folks people other others"
)


def _one_persons_role(lemma: str) -> bool:
    """A noun only one person holds: a role ("adviser") or a trait ("veteran"), not a body
    of people ("staff", "police")."""
    return lemma in PERSON_NOUNS or (lemma in HUMAN_NOUNS and lemma not in _COLLECTIVE_HUMANS)


def _has_person_appositive(token: Token) -> bool:
    """Whether a name has a role noun in apposition that only a person holds, or an age
    ("Milan Kovac, 61,"): places and companies have neither."""
    for c in token.children:
        if c.dep_ != "appos":
            continue
        lemma = c.lemma_.lower()
        if (c.pos_ == "NOUN" or c.tag_ == "NNP") and (
            lemma in GENDERED_NOUNS or _one_persons_role(lemma)
        ):
            return True  # "Fiorina, the former Hewlett-Packard CEO"
        if c.text.isdigit() and 0 < int(c.text) < 120 and c.i > token.i:
            return True
    return False


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _person_title_before(ent: Span) -> bool:
    """Whether a two-word or longer name has a title only a person holds right before it
    ("Former Hewlett-Packard CEO Carly Fiorina"): NER's organisation is that person."""
    if len(ent) < 2 or ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    return (
        before.dep_ == "compound"
        and before.head.i in range(ent.start, ent.end)
        and _one_persons_role(before.lemma_.lower())
    )


def _person_after(doc: Doc, start: int) -> Token | None:
    """The last word of a person's name from `start` on, after at most a rank or a title.

    In "Air Force 1st Lt. Tyler Livingston said" or "Acme CEO Jan Novak said" an
    organisation (or a rank's ordinal) says where the person serves, though the parser may
    make it the subject."""
    i = start
    while i < len(doc) and i < start + 3 and doc[i].ent_type_ != "PERSON":
        tok = doc[i]
        # a rank or title ("Lt.", "CEO"), never a sentence's end or its opening word
        abbreviation = tok.text == "." and i > start and not doc[i - 1].whitespace_
        if not (abbreviation or (tok.text[:1].isupper() and tok.is_alpha and not tok.is_stop)):
            return None
        i += 1
    if i >= len(doc) or doc[i].ent_type_ != "PERSON" or doc[i].ent_iob_ != "B":
        return None
    if any(t.is_space for t in doc[start : i + 1]):
        return None
    name = entity_of(doc[i])
    return doc[name.end - 1] if name is not None else None


def _served_by(doc: Doc, start: int) -> Mention | None:
    """The person named from `start` on (see `_person_after`), as a mention."""
    person = _person_after(doc, start)
    inner = analyse_mention(person) if person is not None else None
    if inner is not None and inner.kind == "name" and inner.speaker_kind == "person":
        return inner
    return None


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LABEL_VOTES = "quotes_label_votes"


def _mostly_place(ent: Span) -> bool:
    """Whether the article tags this one-word PERSON entity as a place more than twice as
    often as a person: "Clarkston became his home" read once as a person among nine towns
    named Clarkston must not take the "he said" that follows."""
    doc = ent.doc
    votes = doc.user_data.get(_LABEL_VOTES)
    if votes is None:
        votes = {}
        for e in doc.ents:
            kind = (
                "person" if e.label_ == "PERSON" else "place" if e.label_ in _PLACE_LABELS else None
            )
            if kind is not None:
                counts = votes.setdefault(e.text, {"person": 0, "place": 0})
                counts[kind] += 1
            if e.label_ == "PERSON" and len(e) > 1:
                # "Michael Bloomberg": his surname is his, however often NER calls it a city
                votes.setdefault(e[-1].text, {"person": 0, "place": 0})["person"] += 100
        doc.user_data[_LABEL_VOTES] = votes
    counts = votes.get(ent.text)
    return len(ent) == 1 and counts is not None and counts["place"] > 2 * counts["person"]


def _tagged_name(token: Token) -> bool:
    """A capitalised word the tagger calls a common noun but NER calls a person: a surname
    read as a plural ("..., Lindqvist said ..."), which would otherwise become a group."""
    if token.pos_ != "NOUN" or not token.text[:1].isupper() or token.text.isupper():
        return False
    return token.ent_type_ == "PERSON"


# A legislator's party and state or district in parentheses: "(D-Va.)", "(R-Newport News)".
PARTY_LABEL = re.compile(r"[DRI]-[A-Z]")


# Words that end a source's description (as do quotation marks and line breaks): what
# follows them is another phrase.
_DESCRIPTION_BREAKS = frozenset([",", ";", "(", ")", "—", "–", "--", ":"])
_TAIL_PREPS = word_set("with on in from inside within at close near")


def _restrictive_tail(last: Token, head: Token) -> Token:
    """The last word of an unnamed source's restrictive postmodifiers: "a person familiar
    with the talks", "an official who was not authorized to speak", "a poll released
    Sunday", "a source on the call". They tell which source it is, so they belong to its
    phrase; a comma, a clause the source reports, or a long run ends it."""
    doc = head.doc
    end = last
    for child in head.rights:
        if child.i <= end.i:
            continue
        if child.i != end.i + 1 and not (child.dep_ == "relcl" and child.left_edge.i == end.i + 1):
            break
        if child.dep_ == "prep":
            ok = child.lower_ in _TAIL_PREPS
        elif child.dep_ == "amod":
            ok = child.pos_ == "ADJ" and any(c.dep_ == "prep" for c in child.children)
        elif child.dep_ in ("acl", "relcl"):
            ok = not any(c.dep_ in ("ccomp", "parataxis") for c in child.children)
        else:
            ok = False
        stop = child.right_edge
        if not ok or stop.i - head.i > 25:
            break
        if any(
            t.text in _DESCRIPTION_BREAKS or "\n" in t.text or t.is_quote
            for t in doc[child.left_edge.i : stop.i + 1]
        ):
            break
        end = stop
    return end


def _last_conjunct(conjuncts: list[Token]) -> Token:
    """The word ending the last of a name's conjuncts: a name, or a group noun's phrase."""
    last = max(conjuncts, key=lambda c: c.i)
    return last if last.pos_ == "PROPN" else _group_end(last)


def _group_end(noun: Token) -> Token:
    """The last word of a common-noun conjunct's phrase, up to a comma or a clause."""
    doc = noun.doc
    end = noun
    for t in doc[noun.i + 1 : noun.right_edge.i + 1]:
        if t.is_punct or t.dep_ in ("relcl", "acl", "advcl") or t.pos_ == "VERB":
            break
        end = t
    return end


def _named_in_apposition(token: Token) -> Mention | None:
    """The person named beside a role or a part of a group: "Putin's spokesman, Dmitry
    Peskov", "One of the family's lawyers, Tomas Rieger". The name is who speaks; the phrase
    before it becomes the title."""
    appos = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if not appos:
        appos = _person_after_owner(token)
    if not appos:
        return None
    inner = analyse_mention(appos[0])
    if inner is None or inner.kind != "name" or PARTY_LABEL.match(inner.text):
        return None  # "(D-Newport News)": the party and district of the name before it
    title, org = _role_title(token)
    inner.title = title
    inner.organization = inner.organization or org
    inner.gender = inner.gender or GENDERED_NOUNS.get(token.lower_)
    inner.person_cue = inner.person_cue or inner.speaker_kind == "person"
    s = token.left_edge.idx
    inner.text, inner.start = span_text(token.doc, s, inner.end), s
    return inner


def _person_after_owner(role: Token) -> list[Token]:
    """A person's name the parse hung on the organization closing a role phrase: "The
    director of the European Centre, Ina Kirsch, told ...". An organization has no person
    in apposition; the name is the role holder's."""
    for prep in role.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "at"):
            continue
        for owner in prep.children:
            if owner.dep_ != "pobj" or owner.ent_type_ not in ("ORG", "GPE", "NORP", "FAC"):
                continue
            names = [
                c
                for c in owner.children
                if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
            ]
            if names:
                return names
    return []


def as_written(role: Mention) -> Mention:
    """A role noun no named person of the article answers to ("The ministry's spokesman
    said", "The 61-year-old said" before any name): an unnamed source, kept as written."""
    return Mention(
        role.text,
        role.start,
        role.end,
        "group",
        name=_clean_name(role.text),
        speaker_kind="person",
        title=role.title,
        organization=role.organization,
        gender=role.gender,
        head=role.head,
    )


def group_mention(token: Token, head: str) -> Mention:
    """A group or unnamed source named by its phrase as written, up to a comma."""
    text, start, end = _group_phrase(token)
    return Mention(
        text, start, end, "group", name=_clean_name(text), speaker_kind="other", head=head
    )


def unnamed_source(token: Token) -> Mention:
    """A speaking text no organization stands behind ("A statement posted on the website
    said"): a source of its own, named by the phrase as written."""
    return group_mention(token, token.lemma_)


# Roles that speak for the person or body named after them ("a spokesman for Senator Ann
# Lee", "the wife of John Smith"): the name closing such a phrase is not who speaks.
PROXY_ROLES = word_set(
    """
    spokesman spokeswoman spokesperson spokespeople aide aides adviser advisor advisers
    advisors lawyer lawyers attorney attorneys counsel representative representatives
    surrogate surrogates friend friends wife husband son daughter mother father brother
    sister widow family relative relatives campaign office staff
    """
)


def _name_closing_title(token: Token) -> Mention | None:
    """A title written as one capitalised chain that ends in the name: "Cook County Clerk of
    Courts Maria Delgado said", "The Center for Civic Renewal Executive Director Paul Novak
    says". The parse makes the first title word the head and the name a prepositional
    object; the name is who speaks, everything before it its title. Only when every word on
    the way is capitalised (or a preposition, or "the") and a title word stands right before
    the name: "the wife of John Smith", "a spokesman for Senator Ann Lee" and "Lee of Ohio and
    Diaz of Texas" are someone else."""
    if not token.text[:1].isupper() or token.lower_ in PROXY_ROLES or token.tag_ == "NNPS":
        return None
    doc = token.doc
    end = token.right_edge.i
    last = doc[end]
    ent = entity_of(last)
    if ent is None or ent.label_ != "PERSON" or ent.end != end + 1 or ent.start <= token.i:
        return None
    person = ent.root
    if not (
        (person.dep_ == "pobj" and person.head.dep_ == "prep")
        or (person.dep_ == "appos" and person.head.i == token.i)
    ):
        return None
    between = doc[token.i + 1 : ent.start]
    if not between or not any(t.dep_ == "prep" for t in between):
        return None
    if between[-1].dep_ == "prep":
        return None  # "Jolly of Indian Shores": where someone is from, no title before a name
    if any(
        not (
            t.text[:1].isupper()
            or (t.dep_ == "prep" and t.is_lower)
            or t.lower_ == "the"
            or t.text in ("-", "&")  # "American-Islamic", "Research & Policy"
        )
        or t.lower_ in PROXY_ROLES
        or t.dep_ == "cc"
        for t in between
    ):
        return None
    inner = analyse_mention(person)
    if inner is None or inner.kind != "name" or inner.speaker_kind != "person":
        return None
    first = _line_start(token)
    left = [t for t in doc[token.left_edge.i : ent.start] if t.i >= first and _usable(t)]
    while left and left[0].dep_ == "det":
        left = left[1:]
    if left:
        inner.title = " ".join(t.text for t in left)
        inner.organization = inner.organization or _org_in(left)
        s = left[0].idx
        inner.text, inner.start = span_text(doc, s, inner.end), s
    inner.person_cue = True
    return inner


def analyse_mention(token: Token) -> Mention | None:
    """What the noun phrase headed by ``token`` says about a speaker; None if not a speaker."""
    m = _analyse_mention(token)
    if m is not None and m.kind == "name":
        m.described = _described_by(token)
    elif m is not None and m.kind == "role":
        m.place_words = _place_words(token)
    return m


# Nouns that count part of a group: "a third of voters", "majorities of Democrats".
SHARE_NOUNS = word_set(
    "third thirds quarter quarters fifth fifths half halves majority majorities minority "
    "plurality share fraction percent percentage"
)


def _share_of_people(token: Token) -> bool:
    """Whether ``token`` is a share "of" people: the people's own word (voters, Democrats,
    independents), not a share of something else ("a third of the budget")."""
    if token.lemma_.lower() not in SHARE_NOUNS and token.lower_ not in SHARE_NOUNS:
        return False
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.tag_ in ("NNS", "NNPS"):
                    return obj.ent_type_ == "NORP" or speaks(obj.lemma_)
    return False


def _name_coordinated_with(noun: Token) -> Mention | None:
    """The person named in coordination with a bare singular title: "GOP contender and former
    neurosurgeon Ben Carson responded" is one person with two titles (a singular count noun
    without an article can only be a title; "the senator and Cruz" are two people)."""
    if noun.tag_ != "NN" or noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    names = [c for c in noun.rights if c.dep_ == "conj" and c.pos_ == "PROPN"]
    if len(names) != 1 or names[0].ent_type_ != "PERSON":
        return None
    lemma = noun.lemma_.lower()
    if any(c.dep_ in ("det", "poss") for c in noun.lefts) or lemma in ORG_NOUNS:
        return None
    if lemma in COLLECTIVE_NOUNS or not speaks(lemma):
        return None
    found = analyse_mention(names[0])
    return found if found is not None and found.speaker_kind == "person" else None


# Prepositions that name members of a group: "candidates, including X", "experts like X",
# "critics such as X".
MEMBER_PREPOSITIONS = frozenset({"including", "like", "as"})


def _named_member(group: Token) -> Mention | None:
    """The one person or organization named as a member of a plural subject: whatever the
    group said, each member named said. Two or more members named keep the group: no one of
    them is the speaker more than the others."""
    if group.tag_ != "NNS" or group.dep_ not in ("nsubj", "nsubjpass"):
        return None
    preps = [
        c
        for c in group.rights
        if c.dep_ == "prep"
        and c.lower_ in MEMBER_PREPOSITIONS
        and (c.lower_ != "as" or any(a.lower_ == "such" for a in c.lefts))
    ]
    objs = [o for p in preps for o in p.children if o.dep_ == "pobj"]
    if len(objs) != 1 or objs[0].pos_ != "PROPN" or objs[0].ent_type_ not in ("PERSON", "ORG"):
        return None
    if any(c.dep_ == "conj" for c in objs[0].children):
        return None
    found = analyse_mention(objs[0])
    if found is None or found.speaker_kind not in ("person", "organization"):
        return None
    return found


def _analyse_mention(token: Token) -> Mention | None:
    doc = token.doc
    lower = token.lower_
    if token.pos_ == "ADJ" and token.dep_ in ("nsubj", "nsubjpass"):
        noun = next((c for c in token.children if c.dep_ == "conj" and c.tag_ == "NNS"), None)
        if noun is not None and speaks(noun.lemma_):
            # "Current and former officials said": the parse made the first adjective the
            # subject and the noun its conjunct; the whole phrase is the group
            return group_mention(token, noun.lemma_.lower())
    named = any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in token.lefts)
    if token.dep_ in ("nsubj", "nsubjpass") and (chained := _name_closing_title(token)):
        return chained
    if token.dep_ in ("nsubj", "nsubjpass") and _age_descriptor(token):
        start = token.left_edge.idx
        end = token.idx + len(token.text)
        return Mention(span_text(doc, start, end), start, end, "role", head=AGE_DESCRIPTOR)
    if token.dep_ in ("nsubj", "nsubjpass") and _share_of_people(token):
        # "A third of independents, 33%, say": the share speaks for the people it counts
        return group_mention(token, lower)
    if _ORDINAL.fullmatch(lower) and (served := _served_by(doc, token.i + 1)) is not None:
        return served  # "said Air Force 2nd Lt. Dana Rees", the ordinal parsed as the subject
    if token.ent_type_ in NON_SPEAKER_ENTS or (lower in CALENDAR_WORDS and not named):
        return None  # "Monday said" is a misparse; "Theresa May said" is not
    if token.ent_type_ in COUNT_ENTS or (
        token.pos_ in ("PRON", "DET", "NUM", "ADJ") and lower in QUANTIFIER_SUBJECTS
    ):
        appositive = _named_in_apposition(token)
        if appositive is not None:
            return appositive  # "One of the family's lawyers, Tomas Rieger, said"
        # "63 percent said", "Another 19 percent", "some note that", "many of whom say"
        return group_mention(token, lower)
    if token.pos_ == "PRON" or token.tag_ in ("PRP", "WP"):
        start, end = token.idx, token.idx + len(token.text)
        if lower in MALE_PRONOUNS:
            return Mention(token.text, start, end, "pronoun", gender="m", head=lower)
        if lower in FEMALE_PRONOUNS:
            return Mention(token.text, start, end, "pronoun", gender="f", head=lower)
        if lower in ("they", "it", "we", "i", "who", "which", "that"):
            return Mention(token.text, start, end, "pronoun", head=lower)
        return None
    bare_role = False
    if token.pos_ == "PROPN" and (token.lower_ in PERSON_NOUNS or token.lower_ in HUMAN_NOUNS):
        # "The group's Chairman, Ann Lee, said": a capitalised role is not a name; the person
        # named beside it is (but "Carl King, an Ohio Democrat" is a name)
        appositive = _named_in_apposition(token)
        if appositive is not None and appositive.speaker_kind == "person":
            return appositive
        # "Senator from Texas says" in a headline: a role alone, capitalised, names no one
        ent = entity_of(token)
        bare_role = (ent is None or ent.label_ != "PERSON") and not any(
            c.dep_ in ("compound", "flat", "appos") and c.pos_ == "PROPN" for c in token.children
        )
    if token.ent_type_ == "NORP" and token.pos_ == "PROPN":
        # "Democrat Elijah Rowe" parsed as "Democrat" with the name in apposition
        named_appos = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        inner = analyse_mention(named_appos[0]) if named_appos else None
        if inner is not None and inner.kind == "name":
            return inner
    # Coordinated names: "Burton and Nick".
    conj_names = [c for c in token.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    # "Sanders and his supporters", "Edwards and others": the name with a group is a group
    conj_names += [
        c
        for c in token.children
        if c.dep_ == "conj"
        and c.pos_ in ("NOUN", "PRON")
        and c.tag_ in ("NNS", "NN")
        and speaks(c.lemma_)
        and token.pos_ == "PROPN"
        # "Trump, the frontrunner and current polling leader": a second description of him
        and not any(a.dep_ == "appos" and a.i < c.i for a in token.children)
    ]
    if not bare_role and (
        token.pos_ == "PROPN"
        or (entity_of(token) is not None and token.pos_ != "NOUN")
        or _tagged_name(token)
    ):
        ent = entity_of(token)
        if ent is not None and not all(_usable(t) for t in ent):
            ent = None  # an entity run into a glued teaser word: its label is not to be trusted
        place = ent is not None and ent.label_ == "PERSON" and _mostly_place(ent)
        if (
            ent is not None
            and ent.label_ in ("ORG", "GPE")
            and (_has_person_appositive(token) or _person_title_before(ent))
        ):
            # "Eswar Prasad, a professor at Cornell", "Former Acme CEO Carly Fiorina": NER's
            # ORG is a person
            ent = None
        if ent is not None and ent.label_ in ORG_MODIFIER_ENTS:
            served = _served_by(doc, ent.end)
            if served is not None:
                return served
        if (
            place
            or (ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC"))
            or (ent is None and token.lower_ in ORG_NOUNS)
        ):
            name = _clean_name(ent.text if ent is not None else token.text)
            if not name:
                return None
            toks = _np_tokens(token)
            text, start, end = _text_of(toks)
            kind: SpeakerKind = "organization"
            last = _last_conjunct(conj_names) if conj_names else None
            if last is not None and last.pos_ != "PROPN" and doc[token.i + 1].text == ",":
                last = None  # "China, Pyongyang's ally and its lifeline,": one description
            if last is not None:
                # "Google and its partners said": the organisation with the others it spoke with
                name = _clean_name(span_text(doc, start, last.idx + len(last.text)))
                end, kind = last.idx + len(last.text), "other"
            return Mention(
                text if kind == "organization" else span_text(doc, start, end),
                start,
                end,
                "name",
                name=name,
                speaker_kind=kind,
                head=token.lemma_.lower(),
            )
        found = _person_name(token)
        if found is None:
            return None
        name, nstart, nend = found
        name = _clean_name(name)
        if conj_names:
            last = _last_conjunct(conj_names)
            name = _clean_name(span_text(doc, nstart, last.idx + len(last.text)))
            nend = last.idx + len(last.text)
        title = _title_from_compounds(token, nstart)
        words = [t.text for t in doc[token.left_edge.i : token.i + 1]]
        gender = _gender_of_words(words)
        appos = [c for c in token.children if c.dep_ == "appos" and c.pos_ in ("NOUN",)]
        org = None
        if appos:
            title, org = _role_title(appos[0])
            gender = gender or GENDERED_NOUNS.get(appos[0].lower_)
        elif title:
            org = _org_in(list(doc[token.left_edge.i : token.i]))
        mstart = min(nstart, token.left_edge.idx)
        return Mention(
            span_text(doc, mstart, nend),
            mstart,
            nend,
            "name",
            name=name,
            title=title,
            organization=org,
            gender=None if conj_names else gender,
            speaker_kind="other" if conj_names else "person",
            head=token.lemma_.lower(),
            person_cue=bool(
                (ent is not None and ent.label_ == "PERSON") or gender or title or appos
            ),
        )
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    coordinated = _name_coordinated_with(token)
    if coordinated is not None:
        return coordinated
    member = _named_member(token)
    if member is not None:
        return member  # "Several candidates, including Jan Novak, said": Novak said it
    appositive = _named_in_apposition(token)
    if appositive is not None:
        return appositive  # "Putin's spokesman, Dmitry Peskov"
    tokens = _np_tokens(token)
    text, start, end = _text_of(tokens)
    roles = tuple(t.lower_ for t in tokens if t.dep_ not in ("det", "poss") and not t.is_punct)
    lemma = token.lemma_.lower()
    if lemma in SPEAKING_NOUNS and lemma not in SELF_SPEAKING_NOUNS:
        owner = next((c for c in token.lefts if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ == "PROPN":
            owner_named = analyse_mention(owner)
            if owner_named is not None and owner_named.kind == "name":
                return owner_named  # "the Kremlin's statement says": the Kremlin's words
        if owner is not None or any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in token.lefts
        ):
            # "A court document filed Thursday says", "the campaign's statement": a text of
            # its own, not the last organization named, so it stays as written
            return unnamed_source(token)
        return Mention(
            text, start, end, "document", head=lemma, role_words=roles, speaker_kind="organization"
        )
    if lemma in ORG_NOUNS:
        name = _clean_name(text)
        return Mention(text, start, end, "name", name=name, speaker_kind="organization", head=lemma)
    definite = any(
        t.dep_ in ("det", "poss") and t.lower_ in ("the", "this", "that") for t in tokens
    )
    if token.tag_ in ("NNS", "NNPS") or lemma in SELF_SPEAKING_NOUNS:
        # "experts on North Korea", "elected officials from both parties", "a new poll":
        # the whole phrase up to a comma is the speaker
        return group_mention(token, lemma)
    if definite and (lemma in PERSON_NOUNS or lemma in GENDERED_NOUNS):
        title, org = _role_title(token)
        owned = (
            any(c.dep_ == "poss" for c in token.lefts)
            or any(
                c.dep_ == "prep"
                and c.lower_ in ("of", "for", "to")
                and any(o.dep_ == "pobj" and not o.like_num for o in c.children)
                for c in token.rights
            )  # "the mother of three" owes her role to no one
            # "the senior Cruz adviser": a person's name before the role is whom it serves
            or any(c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in token.lefts)
        )
        return Mention(
            text,
            start,
            end,
            "role",
            head=lemma,
            role_words=roles,
            gender=GENDERED_NOUNS.get(lower),
            title=title,
            organization=org,
            proxy=owned and lemma in PROXY_ROLES,
        )
    # "a spokesman for the campaign", "an Egyptian education official": its own speaker.
    text, start, end = _text_of([tokens[0], _restrictive_tail(tokens[-1], token)])
    return Mention(
        text,
        start,
        end,
        "group",
        name=_clean_name(text),
        speaker_kind="person" if lemma in PERSON_NOUNS else "other",
        head=lemma,
        gender=GENDERED_NOUNS.get(lower),
    )


@dataclass(slots=True)
class Entity:
    """One person or organization of the article, gathering its mentions."""

    name: str
    kind: SpeakerKind
    titles: list[str] = field(default_factory=list)
    organization: str | None = None
    aliases: set[str] = field(default_factory=set)
    gender: Gender = None
    positions: list[int] = field(default_factory=list)  # char offsets of mentions
    spoke_at: list[int] = field(default_factory=list)  # char offsets where it was a speaker
    person_cue: bool = False  # some mention proved it a person (see `Mention.person_cue`)
    described: set[str] = field(default_factory=set)  # see `Mention.described`
    heads: set[str] = field(default_factory=set)  # head nouns of its mentions ("source")

    def speaker(self) -> Speaker:
        """The frozen public value for this entity."""
        aliases = tuple(sorted(a for a in self.aliases if a and a != self.name))
        title = max(self.titles, key=len) if self.titles else None
        return Speaker(self.name, self.kind, title, self.organization, aliases, self.gender)


# Offices a place-bound role names, with the words that give them before a name.
_OFFICES = {
    "senator": word_set("senator sen sen."),
    "governor": word_set("governor gov gov."),
    "mayor": word_set("mayor"),
    "congressman": word_set("congressman rep rep. representative"),
    "congresswoman": word_set("congresswoman rep rep. representative"),
    "representative": word_set("representative rep rep. congressman congresswoman"),
}


def _fits_places(entity: Entity, role: Mention) -> bool:
    """Whether every proper word of a role ("Florida", "New York") was said of ``entity``,
    and the article gave them no other office: "the Florida senator" is not "former Florida
    Gov. Jeb Bush"."""
    if not all(w in entity.described for w in role.place_words):
        return False
    own = _OFFICES.get(role.head)
    if own is None or entity.described & own:
        return True
    return not any(entity.described & words for words in _OFFICES.values())


# Lowercase words that open a surname ("de Blasio", "van Gogh"); other lowercase first words
# open a description ("spokeswoman for Hillary Clinton").
NAME_PARTICLES = word_set(
    "al bin da das de del della den der di dos du el ibn la le st ter van von"
)


def _description(name: str) -> bool:
    first = (name.split() or [""])[0]
    return first[:1].islower() and first.lower() not in NAME_PARTICLES


def _surname(name: str) -> str:
    parts = name.split()
    return parts[-1].lower() if parts else ""


class SpeakerBook:
    """All speakers of one article, with the rules that resolve a mention to one of them."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []

    def _find(
        self, name: str, kind: SpeakerKind, gender: Gender = None, *, kin: bool = False
    ) -> Entity | None:
        low = name.lower()
        words = low.split()
        if (
            kind == "organization"
            and (len(words) == 1 or (len(words) == 2 and words[0] in NAME_PARTICLES))
            and not name.isupper()
        ):
            # NER often calls a surname an organization: "Stoltenberg added ...", "de Rossi
            # said"; of two people it may stand for, the one the article has named most
            people = [
                e
                for e in self.entities
                if e.kind == "person"
                and (e.name.lower() == low or e.name.lower().endswith(f" {low}"))
            ]
            if people:
                return max(people, key=lambda e: (len(e.positions), max(e.positions or [0])))
        same_name: Entity | None = None
        for e in self.entities:
            if e.name.lower() == low or low in (a.lower() for a in e.aliases):
                if not _gender_ok(e, gender):
                    continue  # "Mrs. Clinton" after "Mr. Clinton": two people
                if kind == "person" and e.kind == "organization" and self._one_full_name(low):
                    # NER called one "Sanders" an organization: the person of that surname wins
                    same_name = same_name or e
                    continue
                return e
        if kind != "person":
            return None
        if len(words) == 1:
            # A surname alone: of two people who share it, news uses the bare surname for the
            # one it writes most about ("Trump" is not the Ivanka Trump named last).
            bearers = [
                e
                for e in self.entities
                if e.kind == "person"
                and _surname(e.name) == words[0]
                and _gender_ok(e, gender)  # "Mr. Obama" is not the Michelle Obama before him
            ]
            if bearers:
                return max(bearers, key=lambda e: (len(e.positions), max(e.positions or [0])))
        # A longer form of a known name: same person, most recent first. Its given name says
        # whom it cannot be: "Michelle Obama" is not the "Mr. Obama" named before her. A
        # description is not a longer form of a name it mentions: "spokeswoman for Hillary
        # Clinton" is someone else than Hillary Clinton.
        given = gender or name_gender(name)
        described = _description(name)
        for e in sorted(self.entities, key=lambda e: -max(e.positions or [0])):
            if e.kind != "person" or not _gender_ok(e, given) or _description(e.name) != described:
                continue
            ew = e.name.lower().split()
            if len(ew) == 1 and ew[0] == words[-1]:
                if kin:
                    continue  # "his daughter Ivanka Trump" is not the Trump named so far
                return e
            if len(words) > 1 and len(ew) > 1 and words[-1] == ew[-1]:
                # Same surname, first names compatible (initials or one inside the other).
                if words[0] in ew or ew[0] in words:
                    return e
                if words[0][0] == ew[0][0] and (len(words[0]) <= 2 or len(ew[0]) <= 2):
                    return e
        return same_name

    def mark_first_names(self) -> None:
        """Give a person known by a given name alone ("13-year-old Jonathan") the gender the
        name usually marks, so a "she" does not take him; not when the word is also a later
        word of a longer name in the article ("Lawrence Joyce and ...", "Elizabeth Warren")."""
        surnames = {w for e in self.entities for w in e.name.lower().split()[1:]}
        names = given_names()
        for e in self.entities:
            low = e.name.lower()
            if e.kind == "person" and e.gender is None and " " not in low and low not in surnames:
                e.gender = names.get(low)

    def _one_full_name(self, surname: str) -> bool:
        """Whether exactly one longer name of a person or organization ends in ``surname``
        (one word): a surname two known names share links to neither."""
        if " " in surname:
            return False
        full = [
            e
            for e in self.entities
            if e.kind != "other" and " " in e.name and _surname(e.name) == surname
        ]
        return len(full) == 1 and full[0].kind == "person"

    def add(self, mention: Mention, pos: int | None = None, *, spoke: bool = False) -> Entity:
        """Record a named mention, merging it into an earlier entity with the same name."""
        assert mention.name is not None
        name = mention.name
        kin = bool(mention.described & KIN_NOUNS)
        entity = self._find(name, mention.speaker_kind, mention.gender, kin=kin)
        if entity is None:
            entity = Entity(name, mention.speaker_kind)
            self.entities.append(entity)
        elif len(name) > len(entity.name) and mention.speaker_kind == entity.kind:
            entity.aliases.add(entity.name)
            entity.name = name
        else:
            entity.aliases.add(name)
        if mention.title and mention.title not in entity.titles:
            entity.titles.append(mention.title)
        entity.organization = entity.organization or mention.organization
        entity.gender = entity.gender or mention.gender
        entity.person_cue = entity.person_cue or mention.person_cue
        entity.described |= mention.described
        if mention.head:
            entity.heads.add(mention.head)
        if mention.person_cue and mention.speaker_kind == "person" and entity.kind != "person":
            entity.kind = "person"  # a surname NER once read as an organization
        if entity.gender is None and entity.kind == "person":
            entity.gender = name_gender(entity.name)
        at = mention.start if pos is None else pos
        entity.positions.append(at)
        if spoke:
            entity.spoke_at.append(at)
        return entity

    def _recent(self, pos: int, entity: Entity, *, speakers_only: bool) -> int:
        marks = entity.spoke_at if speakers_only else entity.positions
        before = [p for p in marks if p < pos]
        return max(before) if before else -1

    def resolve(
        self,
        mention: Mention,
        pos: int,
        *,
        subjects: list[tuple[int, Entity]] | None = None,
        named_in: frozenset[int] = frozenset(),
    ) -> tuple[Entity | None, str]:
        """The entity a pronoun, role noun or document mention at ``pos`` stands for.

        Returns the entity and how it was chosen ("role", "pronoun"), or (None, "none").
        ``subjects`` lists (offset, entity) of recent grammatical subjects, most useful for
        pronouns, which in news nearly always continue the last subject of the same gender.
        ``named_in``: offsets of the names the reported words hold as arguments; whoever they
        name is not the speaker ("the former secretary mocked Trump", "he said Trump would
        lose": not Trump).
        """
        if named_in:
            named = {id(e) for e in self.entities if any(p in named_in for p in e.positions)}
            if named:
                if subjects:
                    subjects = [(p, e) for p, e in subjects if id(e) not in named]
                kept = SpeakerBook()
                kept.entities = [e for e in self.entities if id(e) not in named]
                return kept.resolve(mention, pos, subjects=subjects)
        if mention.kind == "document" or (
            mention.kind == "pronoun"
            and mention.head in ("it", "they", "we", "which", "who", "that")
        ):
            kinds: tuple[SpeakerKind, ...] = ("organization",)
            if mention.head in ("they", "we"):
                kinds = ("organization", "other")  # plural: never one person
            elif mention.head == "who":
                kinds = ("person", "organization", "other")
            best = self._most_recent(pos, kinds=kinds, speakers_only=True)
            if best is None:
                best = self._most_recent(pos, kinds=kinds, speakers_only=False)
            return best, ("role" if mention.kind == "document" else "pronoun")
        if mention.kind == "pronoun" or mention.head == AGE_DESCRIPTOR:
            how = "pronoun" if mention.kind == "pronoun" else "role"
            if subjects:
                recent = [
                    ent
                    for spos, ent in sorted(subjects, key=lambda x: -x[0])
                    if spos < pos and ent.kind == "person" and _gender_ok(ent, mention.gender)
                ]
                if recent:
                    return _likely_person(recent, pos), how
            best = self._most_recent(
                pos, kinds=("person",), gender=mention.gender, speakers_only=True
            )
            if best is None:
                best = self._most_recent(
                    pos, kinds=("person",), gender=mention.gender, speakers_only=False
                )
            return best, how
        if mention.kind == "role":
            if mention.text.lower().split()[:1] == ["this"] and mention.head in _WRITERS:
                return None, "none"  # "as this reporter revealed": the article's own writer
            matched = self._by_role(mention, pos)
            if matched is not None or mention.proxy:
                return matched, "role"
            if mention.place_words:
                # "the Florida senator": only someone the article placed there, else as written
                placed = [e for e in self.entities if _fits_places(e, mention)]
                best = self._most_recent(
                    pos,
                    kinds=("person",),
                    gender=mention.gender,
                    speakers_only=False,
                    among=placed,
                )
                return best, ("role" if best is not None else "none")
            same_party = [
                e
                for e in self.entities
                if not _other_party(e, mention) and not _other_unnamed(e, mention)
            ]
            best = self._most_recent(
                pos,
                kinds=("person",),
                gender=mention.gender,
                speakers_only=True,
                among=same_party,
            )
            if best is None:
                best = self._next_speaker(pos, mention)
            return best, "role"
        return None, "none"

    def refer(self, entity: Entity, pos: int) -> Entity:
        """Record that ``entity`` speaks again at ``pos`` under another phrase ("the group")."""
        entity.positions.append(pos)
        entity.spoke_at.append(pos)
        return entity

    def person_called(self, word: str) -> Entity | None:
        """The one known person whose name or surname is ``word``, if exactly one: "Trump
        shot back" with "Trump" tagged a common noun still names the Trump of the article."""
        low = word.lower()
        found = [
            e
            for e in self.entities
            if e.kind == "person" and (e.name.lower() == low or _surname(e.name) == low)
        ]
        return found[0] if len(found) == 1 else None

    def by_head_noun(self, head: str, pos: int) -> Entity | None:
        """The body a bare definite noun refers back to: "the group" after "the trade group
        for the ferry lines" spoke, "the authority" after "the Harbor Authority". The most
        recent earlier group or organization whose name that noun heads (followed by
        nothing, or by a preposition or "released"-like participle)."""
        best: tuple[int, Entity] | None = None
        for e in self.entities:
            if e.kind == "person":
                continue
            words = e.name.lower().split()
            if head not in words or len(words) < 2:
                continue
            k = words.index(head)
            if k + 1 < len(words) and words[k + 1] not in _NAME_HEAD_FOLLOWERS:
                continue  # "the newspaper" is not "newspaper's editorial"
            recent = self._recent(pos, e, speakers_only=False)
            if recent >= 0 and (best is None or recent > best[0]):
                best = (recent, e)
        return best[1] if best else None

    def _by_role(self, mention: Mention, pos: int) -> Entity | None:
        words = set(mention.role_words) - {"'s", "’s"}
        best: tuple[int, int, Entity] | None = None
        for e in self.entities:
            if e.kind != "person":
                continue
            for t in e.titles:
                tw = set(t.lower().replace("’s", "").replace("'s", "").replace("-", " ").split())
                overlap = len(words & tw)
                if mention.head not in tw and overlap < 2:
                    continue
                if overlap < 2 and (words - tw - GENERIC_ROLE_WORDS):
                    continue  # "the GOP nominee" is not the "Libertarian presidential nominee"
                recent = self._recent(pos, e, speakers_only=False)
                if recent < 0 or not _fits_places(e, mention) or _other_party(e, mention):
                    continue
                key = (overlap, recent, e)
                if best is None or key[:2] > best[:2]:
                    best = key
        return best[2] if best else None

    def _most_recent(
        self,
        pos: int,
        *,
        kinds: tuple[SpeakerKind, ...] | None,
        gender: Gender = None,
        speakers_only: bool,
        among: list[Entity] | None = None,
    ) -> Entity | None:
        best: tuple[int, Entity] | None = None
        for e in self.entities if among is None else among:
            if kinds and e.kind not in kinds:
                continue
            if not _gender_ok(e, gender):
                continue
            recent = self._recent(pos, e, speakers_only=speakers_only)
            if recent >= 0 and (best is None or recent > best[0]):
                best = (recent, e)
        return best[1] if best else None

    def _next_speaker(self, pos: int, role: Mention) -> Entity | None:
        """Cataphora: "the alliance's chief said" before the article names Stoltenberg. Never
        the person the role belongs to ("the wife of John Smith") or of the other sex."""
        best: tuple[int, Entity] | None = None
        for e in self.entities:
            if e.kind != "person" or not _gender_ok(e, role.gender) or _other_party(e, role):
                continue
            if any(role.start <= p < role.end for p in e.positions):
                continue
            after = [p for p in e.positions if p > pos]
            if after and (best is None or min(after) < best[0]):
                best = (min(after), e)
        return best[1] if best else None


def someone_else_between(
    subjects: list[tuple[int, Entity]], speaker: Entity, start: int, end: int
) -> bool:
    """Whether a person other than ``speaker`` is the subject of a main clause between two
    offsets: an uncued quotation after that continues them, not the earlier speaker."""
    return any(
        start <= pos < end and ent is not speaker and ent.kind == "person" for pos, ent in subjects
    )


def _likely_person(candidates: list[Entity], pos: int) -> Entity:
    """The most recent candidate that something marks as a person, else the most recent.

    A capitalised subject that never spoke and has no person entity label, honorific, title
    or gendered word ("Facebook had activated it", "Clarkston became his home") is often a
    place or a company the tagger missed; a "he" or "she" skips it for the last subject known
    to be a person."""
    for ent in candidates:
        if ent.person_cue or any(p < pos for p in ent.spoke_at):
            return ent
    return candidates[0]


def _gender_ok(entity: Entity, gender: Gender) -> bool:
    return gender is None or entity.gender is None or entity.gender == gender
