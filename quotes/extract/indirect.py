"""Reporting cues read off the dependency parse: the cue, who is its subject, what it reports.

Reported speech is a reporting verb with a complement clause: "X said NATO wants ...", "she said
that Moscow would ...", the inserted "..., he said, as long as ..." (a parataxis), and "according
to X, ...". The reported clause is the content span, without the verb and without "that". The
same cues attribute direct quotations, so this module finds every cue once and the extractor
decides what each one reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .cue_subject import cut_off_subject
from .cues import (
    CHARACTERISING_VERBS,
    DEFAULT_LEXICON,
    OWNED_STATEMENT_NOUNS,
    PASSIVE_QUOTED,
    SPEECH_ACT_VERBS,
    Lexicon,
    word_set,
)
from .speakers import entity_of, opens_sentence, span_text, speaks

CONTENT_DEPS = ("ccomp",)
# Relations through which a subject-less cue verb borrows its head's subject:
# "Geoana rejected ..., saying ...", "He reaffirmed ..., but stressed that ...", "voters were
# more likely to say ...".
INHERIT_DEPS = ("conj", "advcl", "xcomp", "pcomp", "prep", "acl", "acomp")


@dataclass(slots=True)
class Cue:
    """A reporting cue: where it is, its speaker's head token, and its reported clause."""

    token: Token
    text: str
    start: int
    end: int
    subject: Token | None
    content: tuple[int, int] | None  # char span of the reported clause, "that" excluded
    direct_only: bool = False  # a speech verb that attributes quotations but not reported speech
    kind: str = "verb"  # "verb", "according", "passive"
    content_tokens: tuple[int, int] | None = None  # token span of the content


def _verb_taken_for_noun(tok: Token) -> bool:
    """A third-person verb the tagger read as a plural noun although the parse gives it a
    subject and a reported clause: "But Trump claims that he should be the exception"."""
    return (
        tok.tag_ == "NNS"
        and tok.dep_ == "ROOT"  # inside a reported clause it is the report's own words
        and any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children)
        and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)
    )


def _is_cue_verb(tok: Token, lexicon: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    if _verb_taken_for_noun(tok):
        return lemma in lexicon.cue_verbs
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
        return lemma in ("say", "tell") and tok.tag_.startswith("VB")
    if lemma in lexicon.cue_verbs:
        return True
    return any(c.dep_ == "prt" and lexicon.is_phrasal_cue(lemma, c.text) for c in tok.children)


def _framing_participle(tok: Token) -> bool:
    """Sentence-opening participles ("Noting that ...", "Asked about ...") frame the sentence
    rather than report a statement of their own."""
    if tok.tag_ not in ("VBG", "VBN") or tok.dep_ not in ("advcl", "csubj") or tok.i > tok.head.i:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False  # "As experts have pointed out, ..." has a speaker of its own
    doc = tok.doc
    k = tok.i - 1
    while k >= tok.sent.start and (doc[k].is_punct or doc[k].is_space):
        if "\n" in doc[k].text:
            return True
        k -= 1
    return k < tok.sent.start


# Adjectives the writer puts before a speech verb to address the reader: "It is worth noting
# that ...", "it is fair to say", "needless to say".
ASIDE_ADJECTIVES = frozenset(
    {"worth", "important", "fair", "safe", "needless", "interesting", "notable", "accurate"}
)
ASIDE_MODALS = frozenset({"should", "must", "can", "could", "may", "might"})


def _writers_aside(tok: Token) -> bool:
    """A speech verb in the writer's own voice: "It is worth noting that ...", "it is fair to
    say", "it should be noted that". Nobody is reported; the clause is the article's."""
    head = tok.head
    adjectives = [head] if head.pos_ == "ADJ" else [c for c in head.children if c.dep_ == "acomp"]
    if (
        tok.dep_ in ("xcomp", "pcomp")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        and any(a.lower_ in ASIDE_ADJECTIVES and a.i < tok.i for a in adjectives)
    ):
        return True  # "worth noting", "fair to say": the reader is addressed, no one reported
    return (
        tok.tag_ == "VBN"
        and any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in tok.children)
        and any(c.dep_ == "aux" and c.lower_ in ASIDE_MODALS for c in tok.children)
    )


# Subordinators that date one speech act by another: "she said after he spoke".
TIME_MARKS = frozenset({"after", "before", "until", "since", "once", "when"})


def _background_speech(tok: Token, is_cue: list[bool]) -> bool:
    """A speech verb with no object in a time clause of another cue ("Lee said after Park
    spoke") only dates that cue: it neither reports nor attributes a
    quotation, and the quotation that follows is still the main speaker's."""
    return (
        tok.dep_ == "advcl"
        and is_cue[tok.head.i]
        and tok.head.i < tok.i
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp", "attr", "prep") for c in tok.children)
        and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in tok.children)
    )


def paragraph_ids(doc: Doc) -> list[int]:
    """Paragraph number of each token: a token holding a newline ends a paragraph."""
    ids = []
    para = 0
    for tok in doc:
        ids.append(para)
        if "\n" in tok.text or "\n" in tok.whitespace_:
            para += 1
    return ids


def _relative_antecedent(relcl: Token) -> Token:
    """Whom a relative clause is about: its head, or the last of coordinated names when the
    relative pronoun follows that one ("Smith, LaBelle and Wonder, who joked ...": Wonder).
    Plural agreement ("..., who have said") keeps the whole coordination."""
    head = relcl.head
    k = relcl.left_edge.i - 1
    doc = relcl.doc
    while k > head.i and doc[k].is_punct:
        k -= 1
    last = doc[k]
    while last.dep_ in ("compound", "flat") and last.head.i > last.i:
        last = last.head
    if last.i == head.i or last.dep_ != "conj" or relcl.tag_ == "VBP":
        return head
    t = last
    while t.dep_ == "conj" and t.head.i != t.i and t.i != head.i:
        t = t.head
    return last if t.i == head.i else head


def _subject_of(tok: Token, excluded: list[bool]) -> Token | None:
    """The speaker's head token for cue verb ``tok``, climbing through conjunctions and
    participles to borrow the subject of the verb they depend on."""
    cur = tok
    for _ in range(4):
        for child in _subject_order(cur):
            if excluded[child.i]:
                named = _appositive_name(child, excluded)
                if named is not None:
                    return named
                continue  # words inside a quotation are never its speaker
            if child.dep_ == "csubj" and child.tag_ == "VBG":
                # "Large majorities of voters going to the polls said ...": the parse made
                # the reduced relative the clausal subject; its own subject speaks
                inner = [c for c in child.children if c.dep_ == "nsubj" and not excluded[c.i]]
                if inner and inner[0].pos_ in ("NOUN", "PROPN"):
                    return inner[0]
            if child.dep_ in ("nsubj", "csubj") and child.tag_ != "EX":
                if child.lower_ in ("who", "that", "which") and cur.dep_ == "relcl":
                    own = [
                        c
                        for c in cur.children
                        if c.dep_ == "nsubj"
                        and c.lower_ not in ("who", "that", "which")
                        and not excluded[c.i]
                    ]
                    if own:
                        # "the department, which she said represented ...": "which" is the
                        # subject of the reported verb, "she" of the cue
                        return _name_after_rank(own[0])
                    return _relative_antecedent(cur)
                return _name_against_verb(_name_after_rank(child), cur)
            if child.dep_ == "nsubjpass":
                if cur.lemma_.lower() in PASSIVE_QUOTED or cur.i != tok.i:
                    # "X was quoted as saying"; "X was joined by Y and joked": the verbs
                    # share X, the agent is only the passive's
                    return child
                agent = [a for a in cur.children if a.dep_ == "agent"]
                for a in agent:
                    for pobj in a.children:
                        if pobj.dep_ == "pobj":
                            return pobj
        if cur.dep_ == "relcl" and cur.i != tok.i:
            return _relative_antecedent(cur)
        if cur.i == tok.i and (named := _name_after_quotation(tok, excluded)) is not None:
            return named
        if cur.i == tok.i:
            lead = _subject_of_leading_clause(tok, excluded) or cut_off_subject(tok)
            if lead is not None and not excluded[lead.i]:
                return lead
        # inverted "said Officer Tusk": a proper noun or pronoun right after the verb, when
        # a quotation or the sentence's start comes before it (not 'to demand Americans pay')
        if cur.i == tok.i and (_follows_quotation(tok, excluded) or opens_sentence(tok)):
            for child in tok.rights:
                if (
                    child.dep_ in ("dobj", "attr", "npadvmod", "appos", "oprd", "dative")
                    and child.pos_ in ("PROPN", "PRON")
                    and child.ent_type_ not in ("DATE", "TIME")
                    and child.i - tok.i <= 2
                    and tok.lemma_.lower() not in ("tell", "ask", "inform", "assure")
                    # 'called Trump a "blowhard"': who is characterised, not who speaks
                    and tok.lemma_.lower() not in CHARACTERISING_VERBS
                ):
                    return child
        if cur.dep_ in INHERIT_DEPS and cur.head.i != cur.i:
            seen = _perceived(cur, excluded)
            if seen is not None:
                return seen
            if cur.dep_ == "conj" and _dash_between(cur.head, cur, excluded):
                # "It was no accident — Buck, a spokesman, told POLITICO ...": a new clause
                # after the dash, whose subject the parse hung elsewhere
                break
            if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in OBJECT_CONTROL:
                obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i), None)
                if obj is not None and not excluded[obj.i]:
                    # "forced Stumpf to admit that ...": Stumpf admits, not who forced him
                    return obj
            if cur.i == tok.i and (outer := _repeated_cue(tok)) is not None:
                # "De Blasio said the move was made by X and said, ...": the second "said"
                # is the first one's speaker again, however deep the parse hung it
                cur = outer
                continue
            nxt = cur.head
            if nxt.dep_ == "prep" and nxt.head.i != nxt.i:  # "as saying" under "quoted"
                nxt = nxt.head
            cur = nxt
            continue
        break
    return None


def _name_after_quotation(cue: Token, excluded: list[bool]) -> Token | None:
    """The person named right after a quotation and before its cue, with at most a
    comma-set description between ('"...," Ann Lee, an adviser, said'), when the parser gave
    the cue no subject: it hung the name on the quoted clause."""
    doc = cue.doc
    k = cue.i - 1
    while k >= 0 and not excluded[k] and cue.i - k < 30:
        k -= 1
    if k < 0 or not excluded[k]:
        return None
    j = k + 1
    while j < cue.i and doc[j].is_punct and doc[j].text != ",":
        j += 1
    name = entity_of(doc[j]) if j < cue.i and doc[j].ent_iob_ == "B" else None
    if name is None or name.label_ != "PERSON" or name.end > cue.i:
        return None
    end = name.end - 1
    rest = doc[end + 1 : cue.i]
    if len(rest) and (rest[0].text != "," or rest[-1].text != ","):
        return None
    if any(t.is_space or "\n" in t.text for t in doc[k + 1 : cue.i]):
        return None
    return doc[end]


def _appositive_name(subject: Token, excluded: list[bool]) -> Token | None:
    """The name set beside a subject that cannot speak itself: the parser takes a dateline for
    the subject and the reporter's real subject for its appositive ("WASHINGTON -- President
    Obama, visiting the museum, said ...")."""
    if subject.dep_ != "nsubj":
        return None
    for child in subject.rights:
        if child.dep_ == "appos" and not excluded[child.i] and child.ent_type_ == "PERSON":
            return child
    return None


# Verbs of perception take a bare infinitive whose subject is their object: "watching
# Clinton argue that ...", "heard Trump say".
PERCEPTION_VERBS = word_set("watch see hear listen witness notice")


def _perceived(verb: Token, excluded: list[bool]) -> Token | None:
    """The object of a perception verb when the parse coordinated its bare infinitive with it
    ("Voters are watching a member of the establishment, Ann Lee, argue that ...")."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VB", "VBP"):
        return None
    head = verb.head
    # "are watching ... argue": the bare verb cannot share the head's tense or subject
    if head.lemma_.lower() not in PERCEPTION_VERBS or head.tag_ in ("VB", "VBP"):
        return None
    objs = [c for c in head.children if c.dep_ == "dobj" and c.i < verb.i and not excluded[c.i]]
    if not objs:
        return None
    named = [c for c in objs[0].children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if named:
        return named[0]
    obj = objs[0]
    return obj if obj.pos_ == "PROPN" or speaks(obj.lemma_) else None


# Verbs whose object, not their subject, does what their infinitive says ("forced him to
# admit", "urged her to say"): object control.
OBJECT_CONTROL = word_set(
    "force ask urge persuade order pressure press push compel invite encourage require"
    " convince get lead prompt"
)


def _repeated_cue(tok: Token) -> Token | None:
    """The cue whose reported clause the parser hung ``tok`` on as a conjunct, when ``tok`` is
    the same verb in the same tense: "X said the move was made by Y and said, '...'"."""
    if tok.dep_ != "conj":
        return None
    head = tok.head
    while head.dep_ in ("conj", "ccomp") and head.head.i != head.i:
        if head.dep_ == "ccomp":
            outer = head.head
            if outer.lemma_ == tok.lemma_ and outer.tag_ == tok.tag_ and outer.i < tok.i:
                return outer
            return None
        head = head.head
    return None


def _dash_between(first: Token, second: Token, excluded: list[bool]) -> bool:
    """Whether a single dash parts two verbs (a pair of dashes sets off an aside between
    them: "downplayed the attack -- something that ... -- and said")."""
    doc = first.doc
    dashes = [
        k
        for k in range(first.i + 1, second.i)
        if doc[k].text in _INSERTION_DASHES
        and not excluded[k]
        # a hyphen joins words ("re-engage"); only a spaced one, or a long dash, parts clauses
        and (doc[k].text in ("—", "--") or (doc[k].whitespace_ and doc[k - 1].whitespace_))
    ]
    return len(dashes) % 2 == 1


def _subject_of_leading_clause(verb: Token, excluded: list[bool]) -> Token | None:
    """The subject of a clause the parser hung before a subjectless cue that reports another
    clause after it: in "Sanders, who sits at zero endorsements, said the system was rigged"
    or "Kasich offered him a job, then says the military needs money" the first clause is
    not what was said (that follows the verb) but where its speaker is."""
    if not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return None
    lead = [c for c in verb.lefts if c.dep_ == "ccomp" and not excluded[c.i]]
    if len(lead) != 1:
        return None
    # the clause and its conjuncts ("Few would admit this, but Murphy ... says"): the last
    # subject is the one nearest the cue
    clauses = [lead[0]]
    while (nxt := [c for c in clauses[-1].children if c.dep_ == "conj"]) and len(clauses) < 4:
        clauses.append(nxt[0])
    subjects = [
        c
        for clause in clauses
        for c in clause.children
        if c.dep_ == "nsubj"
        and not excluded[c.i]
        and c.pos_ in ("PROPN", "NOUN", "PRON")
        and c.lower_ not in ("who", "that", "which")
    ]
    if not subjects:
        return None
    last = max(subjects, key=lambda c: c.i)
    if last.lower_ in ("it", "this", "there"):
        return None
    if last.pos_ == "NOUN" and last.ent_type_ not in ("PERSON", "ORG") and not speaks(last.lemma_):
        return None  # "The issue had come up after ..., had said": no one to speak
    return last


# Ranks and titles written as abbreviations: the parser often ends the sentence at their
# period ("said Army Capt. | Ana Ruiz"), leaving the rank as the speaker.
RANK_ABBREVIATIONS = word_set("capt lt sgt gen col maj adm cmdr cpl pvt gov sen rep supt det")


def _name_after_rank(subject: Token) -> Token:
    """The name after an abbreviated rank taken for the subject ("said Army Capt. Ana Ruiz"
    gives "Ruiz"), else ``subject`` itself."""
    doc = subject.doc
    k = subject.i + 1
    if subject.lower_ not in RANK_ABBREVIATIONS or k + 1 >= len(doc) or doc[k].text != ".":
        return subject
    last = None
    for t in doc[k + 1 : k + 5]:
        if t.pos_ != "PROPN" or "\n" in t.whitespace_:
            break
        last = t
    return last if last is not None else subject


def _name_against_verb(subject: Token, verb: Token) -> Token:
    """The person named right against the verb when the parse made that name an appositive of
    another ("To understand the real Dred Scott, Chief Justice Roberts said, ..."): one
    person is not set in apposition to another by name alone, so the name next to the verb
    is its subject."""
    if subject.ent_type_ != "PERSON" or subject.pos_ != "PROPN":
        return subject
    for c in subject.rights:
        if (
            c.dep_ == "appos"
            and c.pos_ == "PROPN"
            and c.ent_type_ == "PERSON"
            and c.right_edge.i + 1 == verb.i
        ):
            return c
    return subject


def _subject_order(verb: Token) -> list[Token]:
    """``verb``'s children, the subjects after it last first: the parser splits an inverted
    speaker with an abbreviated rank ("said Army Capt. Ann Lee") into two subjects, the rank
    and the name, and the name is the one that ends the phrase."""
    children = list(verb.children)
    after = [c for c in children if c.dep_ == "nsubj" and c.i > verb.i]
    if len(after) < 2:
        return children
    return sorted(after, key=lambda c: -c.i) + [c for c in children if c not in after]


def _trim_tokens(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Drop "that", punctuation and conjunctions at the edges of a token range [i, j)."""
    while i < j and (
        doc[i].is_punct
        or doc[i].is_space
        or doc[i].dep_ == "cc"
        or (doc[i].lower_ == "that" and doc[i].dep_ not in ("nsubj", "nsubjpass"))
    ):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space or doc[j - 1].dep_ == "cc"):
        j -= 1
    return i, j


QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "``", "«", "»"})


def _after_comma(doc: Doc, k: int) -> bool:
    """Whether token ``k`` follows a comma, also one a closing quotation mark keeps inside
    ('... by spring," referring to ...')."""
    if k >= 1 and doc[k - 1].text == ",":
        return True
    return k >= 2 and doc[k - 1].text in QUOTE_TOKENS and doc[k - 2].text == ","


def _clip(doc: Doc, i: int, j: int, anchor: int, para: list[int]) -> tuple[int, int]:
    """Keep [i, j) inside the paragraph of token ``anchor``."""
    here = para[anchor]
    while i < anchor and para[i] != here:
        i += 1
    while j > anchor + 1 and para[j - 1] != here:
        j -= 1
    return i, j


def _mended_sentence(doc: Doc, j: int, para: list[int], anchor: int, is_cue: list[bool]) -> int:
    """End of a clause the parser cut by starting a sentence inside it, with nothing between
    ("she felt the 13th Amendment was worth examining" parsed as "... the 13th" and
    "Amendment was worth examining"): the clause runs on to that sentence's end, unless
    that sentence has a cue of its own."""
    if j >= len(doc) or para[j] != para[anchor] or not doc[j].is_sent_start:
        return j
    prev = doc[j - 1]
    if prev.is_punct or prev.is_space or doc[j].is_punct or doc[j].is_space or not prev.whitespace_:
        return j
    end = doc[j].sent.end
    while end > j and para[end - 1] != para[anchor]:
        end -= 1
    if any(is_cue[k] for k in range(j, end)):
        return j  # the rest has an attribution of its own
    return end


SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
CONTRAST_MARKS = frozenset({"while", "whereas"})


def _contrast_report(verb: Token) -> bool:
    """ "..., while the other group condemned ...": a contrast clause with a speaker of its own
    is the writer setting a second report beside the first, not part of it."""
    return any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in verb.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    )


def _second_clause_end(
    tok: Token, j: int, is_cue: list[bool], para: list[int], comp: Token | None = None
) -> int:
    """End of the reported words when the parser hung a second reported clause on the cue
    verb instead of the first clause: "said the tool is used by most firms, and nine in ten
    managers plan to expand it" or "..., but that the plan had failed". A coordinated clause
    about the speaker ("..., and he railed against ...") or another report stays out."""
    doc = tok.doc
    for conj in tok.rights:
        if conj.dep_ != "conj" or conj.i < j or para[conj.i] != para[tok.i]:
            continue
        between = doc[j : conj.left_edge.i]
        if len(between) > 2 or not any(t.lower_ in ("and", "but") for t in between):
            return j
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children):
            return conj.right_edge.i + 1
        if (
            comp is not None
            and any(t.lower_ == "and" for t in between)
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in comp.children)
        ):
            # "announced that it is cutting its forecast, and the cut is casting a shadow":
            # a second reported clause would have its own "that" like the first ("but" goes
            # on with the speaker's own contrast: "that idealism is nice, but realism wins")
            return j
        subj = next((c for c in conj.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            subj is None
            or (subj.lower_ in SPEAKER_PRONOUNS and _may_be_speaker(subj, tok))
            or subj.pos_ == "PROPN"
            or is_cue[conj.i]
            or any(c.dep_ == "ccomp" for c in conj.children)
        ):
            return j
        return conj.right_edge.i + 1
    return j


def _may_be_speaker(pronoun: Token, cue: Token) -> bool:
    """Whether a pronoun may stand for the cue's speaker: "they" cannot be one named person
    ("Lee said voters want a leader, but they also want change": the voters go on)."""
    speaker = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if pronoun.lower_ != "they" or speaker is None:
        return True
    one_person = (
        speaker.ent_type_ == "PERSON"
        and speaker.tag_ == "NNP"
        and not any(c.dep_ == "conj" for c in speaker.children)
    )
    return not one_person


def _clause_in_adjunct(tok: Token, para: list[int]) -> list[Token]:
    """A "that" clause the parser hung on the noun of the cue's adjunct: "said in a statement
    that ...", "told reporters on Friday during a news conference that ...", "claiming
    without evidence that ...". The clause has "that" as its conjunction, not as a relative
    pronoun ("a statement that was published" is no report), and opens right after the
    noun phrase, so it is what was said."""
    here = para[tok.i]
    for prep in tok.rights:
        if prep.dep_ != "prep" or para[prep.i] != here:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            for clause in noun.rights:
                if (
                    clause.dep_ in ("acl", "relcl")
                    and clause.left_edge.lower_ == "that"
                    and any(m.dep_ == "mark" and m.i == clause.left_edge.i for m in clause.children)
                    and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
                    and para[clause.i] == here
                ):
                    return [clause]
    return []


def _clause_range(
    tok: Token, comp: Token, is_cue: list[bool], para: list[int], lexicon: Lexicon
) -> tuple[int, int]:
    """Token range of the complement clause ``comp`` that cue verb ``tok`` reports."""
    doc = tok.doc
    i, j = _clip(doc, comp.left_edge.i, comp.right_edge.i + 1, comp.i, para)
    subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (
        subj is not None
        and tok.i < i < subj.left_edge.i
        and doc[i].dep_ == "prep"
        and doc[i].lower_ in ("on", "after", "before", "during", "at", "following", "since")
        and doc[i].head.i == comp.i
        and not any(c.dep_ == "mark" for c in comp.children)
    ):
        # "said on Monday he would ...": the time or place of saying, not what was said
        i = subj.left_edge.i
    if i <= tok.i < comp.i:
        # "a report, which it said showed ...", "what the senators said was ...": the
        # fronted relative word and the cue are not part of what was said
        i = tok.i + 1
    j = _mended_sentence(doc, j, para, comp.i, is_cue)
    j = _second_clause_end(tok, j, is_cue, para, comp)
    # stop at a coordinated cue verb inside the clause ("... , but insisted that ..."),
    # at a participle cue of its own ("..., arguing that ...") and at a contrast that
    # reports someone else ("..., while the other group condemned ...")
    for k in range(comp.i + 1, j):
        t = doc[k]
        if _after_comma(doc, k) and _source_prep(doc, k):
            j = k - 1  # "... had died, according to state media": who reported the report
            break
        if (
            k >= 2
            and t.tag_ == "VBG"
            and t.dep_ == "advcl"
            and doc[k - 1].text in QUOTE_TOKENS
            and doc[k - 2].text == ","
        ):
            # '... "should be done by spring," referring to the schedule': the
            # quotation closed, and the writer explains it
            j = k - 1
            break
        if is_cue[k] and _speakers_next_act(t, comp, tok):
            j = t.left_edge.i
            break
        if not is_cue[k]:
            if t.dep_ == "advcl" and _contrast_report(t) and doc[t.left_edge.i - 1].text == ",":
                # "..., while a third of them disagree": a contrast with a subject of its own is
                # the writer's, even without a cue
                j = t.left_edge.i
                break
            continue
        if (
            t.dep_ == "conj"
            and t.head.i >= i
            and lexicon.reports_that_clause(t.lemma_)
            and not any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
            and not _under_shared_modal(t)
        ):
            # not "... and never called a donor" ("call" characterises) nor "... and that
            # the committee would continue ..." (a second reported clause)
            j = t.left_edge.i
            break
        if t.tag_ == "VBG" and t.dep_ == "advcl" and _after_comma(doc, k):
            j = k - 1
            break
        if t.dep_ == "advcl" and _contrast_report(t):
            j = t.left_edge.i
            break
    j = _trailing_aside(doc, i, j)
    return _trim_tokens(doc, i, j)


def _speakers_next_act(verb: Token, comp: Token, cue: Token) -> bool:
    """A past-tense speech verb without a subject, coordinated with a reported clause that is
    not in the past: the speaker's next act, in the cue's own tense, not more of what was said
    ("said he makes $41,000 a year and questioned how ...", "said the plan would give money
    to immigrants, and called him ...")."""
    if verb.dep_ != "conj" or verb.head.i != comp.i or verb.tag_ != "VBD" or cue.tag_ != "VBD":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return False
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in comp.children)
    return comp.tag_ in ("VBZ", "VBP") or (comp.tag_ == "VB" and modal)


def _under_shared_modal(verb: Token) -> bool:
    """A bare verb coordinated under its head's modal is part of the reported clause, not a
    new report: "he would sit Petrov down and tell him ..." (a report of its own would
    have its own tense: "..., and warned ...")."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.head.children)


# Dependencies of a writer's aside that closes a reported clause after a comma: a
# non-restrictive relative clause (", which votes in May") or an appositive (", a law that
# ...") on the clause's last noun phrase.
ASIDE_DEPS = frozenset({"relcl", "appos"})


def _trailing_aside(doc: Doc, i: int, j: int) -> int:
    """End of the reported words before a comma-set aside that runs to the clause's end:
    "he predicted a win in Ohio, which votes in May" reports the win, and the writer adds
    when Ohio votes. An aside in the middle of the clause stays."""
    for k in range(i + 2, j):
        if doc[k - 1].text != ",":
            continue
        for t in doc[k:j]:
            if t.left_edge.i != k:
                if t.i == k or doc[k].lower_ not in ("who", "which"):
                    break
                continue  # "which was passed": the aside's head comes after its first word
            if (
                t.dep_ in ASIDE_DEPS
                and t.right_edge.i + 1 >= j
                and i <= t.head.i < k - 1
                and not any(c.dep_ == "conj" for c in t.children)
            ):
                return k - 1
    return j


def _set_off(tok: Token, before: Token, after: Token) -> bool:
    """Whether cue ``tok`` stands between commas with a clause on each side ("A, he said, B"),
    rather than after a clause the parser hung on it across a colon or a dash."""
    doc = tok.doc
    k = before.right_edge.i + 1
    return (
        k < tok.i
        and doc[k].text == ","
        and all(not doc[m].is_punct or doc[m].text == "," for m in range(k, tok.i))
        and any(doc[m].text == "," for m in range(tok.i + 1, after.left_edge.i))
    )


def _inserted_tail(tok: Token, is_cue: list[bool], para: list[int]) -> tuple[int, int] | None:
    """The rest of the sentence after an inserted cue whose clause came first ("The argument
    would be aided, Devine said, by the upcoming calendar"): reported words too, unless it
    opens a verb or cue of its own ("..., he said, adding that ...")."""
    doc = tok.doc
    sent = tok.sent
    _, last = _clip(doc, sent.start, sent.end, tok.i, para)
    comma = next((k for k in range(tok.i + 1, min(last, tok.i + 12)) if doc[k].text == ","), None)
    if comma is None or comma + 1 >= last:
        return None
    nxt = doc[comma + 1]
    if nxt.tag_.startswith("VB") or is_cue[nxt.i] or nxt.is_punct:
        return None
    if any(
        doc[k].pos_ == "VERB" and doc[k].dep_ in ("ccomp", "relcl") for k in range(tok.i + 1, comma)
    ):
        return None  # the words before the comma are a clause of their own
    if any(doc[k].text in QUOTE_TOKENS for k in range(max(0, tok.i - 3), tok.i)):
        return None  # '"...," he said, ...': the quotation is the report
    tail = _trim_tokens(doc, comma + 1, last)
    roots = [t for t in doc[tail[0] : tail[1]] if not tail[0] <= t.head.i < tail[1]]
    if any(r.head.i != tok.i for r in roots):
        return None  # "said John Smith, a spokesman for the group": the speaker's apposition
    return tail if tail[1] - tail[0] >= 3 else None


def _own_complement(tok: Token) -> bool:
    """Whether verb ``tok`` runs on, with no pause, into a clause of its own after it."""
    doc = tok.doc
    return any(
        c.dep_ in ("xcomp", "ccomp")
        and c.i > tok.i
        and not any(doc[k].is_punct for k in range(tok.i + 1, c.left_edge.i))
        for c in tok.children
    )


def _trailing_cue(tok: Token) -> int | None:
    """Where ", she said" starts when cue verb ``tok`` closes its sentence that way though
    parsed as an adverbial clause: its nearest subject right after a comma, nothing after the
    verb but punctuation, no conjunction ("as she said", "when he said") to make it a real
    adverbial clause. None otherwise."""
    doc = tok.doc
    if tok.dep_ != "advcl" or tok.head.i > tok.i:
        return None
    subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
    if not subj:
        return None
    lo = subj[-1].left_edge.i
    if lo == 0 or doc[lo - 1].text != "," or any(doc[k].is_punct for k in range(lo, tok.i)):
        return None
    if any(c.dep_ == "mark" and c.i >= lo - 1 for c in tok.children):
        return None
    if not all(doc[k].is_punct or doc[k].is_space for k in range(tok.i + 1, tok.sent.end)):
        return None
    return lo


def _content_of(
    tok: Token, is_cue: list[bool], para: list[int], lexicon: Lexicon
) -> list[tuple[int, int]]:
    """Token ranges of what cue verb ``tok`` reports (empty if nothing).

    The clause never leaves the cue's paragraph: the parser happily runs sentences together
    across a paragraph break, particularly after a closing quotation mark.
    """
    doc = tok.doc
    here = para[tok.i]
    lemma = tok.lemma_.lower()
    comps = [
        c
        for c in tok.children
        if para[c.i] == here
        and (
            c.dep_ in CONTENT_DEPS
            or (c.dep_ == "advcl" and c.left_edge.lower_ == "that")
            # a finite verb the parser took for an xcomp: "which it said showed that ..."
            or (c.dep_ == "xcomp" and c.tag_ in ("VBD", "VBZ", "VBP") and c.i > tok.i)
            or _clause_taken_for_adverbial(tok, c, lexicon)
        )
    ]
    if not comps and lemma in lexicon.reporting:
        comps = _clause_in_adjunct(tok, para)
    if any(c.i < tok.i for c in comps) and _own_complement(tok):
        # 'In his book, "Make Your Kid a Millionaire," he suggested looking at ...': a verb
        # that runs straight on into its own complement reports that, not the words before
        comps = [c for c in comps if c.i > tok.i]
    if comps:
        earlier = [c for c in comps if c.i < tok.i]
        later = [c for c in comps if c.i > tok.i]
        if (
            earlier
            and later
            and later[0].left_edge.dep_ == "mark"
            and later[0].left_edge.lower_ != "that"
            and later[0].left_edge.head.i != later[0].i
            and _closes_quotation(tok, earlier[-1])
        ):
            # '"You should resign," Warren told Stumpf, after he admitted he ...': the
            # quotation just closed is what the cue reports; the parse hung the clause inside
            # the adverbial after it ("after ... he hadn't been held") on the cue too
            later = []
            comps = earlier
        if earlier and later and _set_off(tok, earlier[-1], later[0]):
            # "It is no surprise, Mr. Garin said, that Mrs. Clinton did better": both halves
            return [
                _clause_range(tok, earlier[-1], is_cue, para, lexicon),
                _clause_range(tok, later[0], is_cue, para, lexicon),
            ]
        # a clause after the cue that opens with "that" is the report, whatever else the
        # parser hung on the cue ("Writing for a panel that agreed Pence won, Lee noted that")
        introduced = [
            c for c in later if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ]
        comp = introduced[0] if introduced else min(comps, key=lambda c: abs(c.i - tok.i))
        parts = [_clause_range(tok, comp, is_cue, para, lexicon)]
        if comp.i < tok.i:
            tail = _inserted_tail(tok, is_cue, para)
            if tail is not None:
                parts.append(tail)
        return parts
    if (cue_start := _trailing_cue(tok)) is not None:
        # "The Internet made it possible ..., she said." with the cue parsed as an adverbial
        # clause of the sentence it reports: the words before it
        sent = tok.sent
        first, _ = _clip(doc, sent.start, sent.end, tok.i, para)
        before = _trim_tokens(doc, first, cue_start)
        return [before] if before[1] - before[0] >= 3 else []
    if tok.dep_ == "parataxis":
        # "Improving X could help defuse tensions, he said, as long as ...": the clause before
        # the inserted cue, and the rest of the sentence after it
        sent = tok.sent
        first, last = _clip(doc, sent.start, sent.end, tok.i, para)
        before = _trim_tokens(doc, first, tok.left_edge.i)
        after = _trim_tokens(doc, tok.right_edge.i + 1, last)
        if after[1] - after[0] < 3:
            after = _inserted_tail(tok, is_cue, para) or after  # "..., he said, by the winter"
        # both halves are reported words ("Lenox was a juggernaut, he said, until it failed")
        return [part for part in (before, after) if part[1] - part[0] >= 3]
    marks = [c for c in tok.children if c.dep_ == "mark"]
    if _fronted_cue(tok, lexicon) and not marks:
        # "With each contest, its supporters acknowledge, it becomes harder to ...": a cue set
        # off by a comma before the main clause, without "as", reports that clause
        head = tok.head
        i, j = _clip(doc, tok.right_edge.i + 2, head.right_edge.i + 1, head.i, para)
        part = _trim_tokens(doc, i, j)
        return [part] if part[1] - part[0] >= 3 else []
    preps = [c for c in tok.rights if c.dep_ == "prep" and lexicon.is_object_cue(lemma, c.text)]
    if (
        tok.dep_ == "advcl"
        and marks
        and marks[0].lower_ == "as"
        and tok.head.i != tok.i
        # "... as he spoke of his faith": what he spoke of, not the clause it times
        and not preps
        # not "As Trump attacked Clinton, the crowd chanted": an attack reports no clause
        and (lemma in lexicon.speech or lemma not in lexicon.characterising)
    ):
        # "As many experts have pointed out, Mr. Trump is free to ...": the main clause
        head = tok.head
        i, j = _clip(doc, head.left_edge.i, head.right_edge.i + 1, head.i, para)
        lo, hi = tok.left_edge.i, tok.right_edge.i + 1
        # the side the main clause is on: "However, as POLITICO reported, cases ..." reports
        # what follows (only adverbials before it), "Trump is free to ..., as experts pointed
        # out" what precedes
        adverbials = head.i > tok.i and not any(t.pos_ in ("VERB", "AUX") for t in doc[i:lo])
        part = (hi, j) if lo <= i + 1 or adverbials else (i, lo)
        part = _trim_tokens(doc, *part)
        return [part] if part[1] - part[0] >= 3 else []
    if preps:
        # "warned of severe flooding", "complained about the noise": the object is the report
        objs = [c for c in preps[0].children if c.dep_ in ("pobj", "pcomp")]
        if objs:
            i, j = _clip(doc, objs[0].left_edge.i, objs[0].right_edge.i + 1, objs[0].i, para)
            for c in tok.rights:
                if c.dep_ == "prep" and c.lower_ == "as" and c.i == j and para[c.i] == para[i]:
                    # "pointed to the GOP as the key obstacle": what the object was called
                    j = c.right_edge.i + 1
            return [_trim_tokens(doc, i, _trailing_aside(doc, i, j))]
    xcomps = [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i]
    if (
        xcomps
        and xcomps[0].tag_ == "VBG"
        and lemma in lexicon.reporting
        and not any(doc[k].is_punct for k in range(tok.i + 1, xcomps[0].i))
    ):
        # a gerund reports what was said or admitted: "admitted taking money", "reported
        # spending $2 million", not the manner of "he said, laughing"
        comp = xcomps[0]
        i, j = _clip(doc, comp.left_edge.i, comp.right_edge.i + 1, comp.i, para)
        return [_trim_tokens(doc, i, j)]
    if lemma in lexicon.infinitive and xcomps:
        comp = xcomps[0]
        i, j = _clip(doc, comp.left_edge.i, comp.right_edge.i + 1, comp.i, para)
        return [_trim_tokens(doc, i, j)]
    # objects only ('called the plan "a disaster"', 'condemned the test as "reckless"'), not
    # adjuncts ('insisting in its dialogue "on concrete agreements"')
    rights = [
        c
        for c in tok.rights
        if c.dep_ in ("dobj", "oprd", "dative", "attr") or (c.dep_ == "prep" and c.lower_ == "as")
    ]
    as_phrase = any(c.dep_ == "prep" and c.lower_ == "as" for c in rights)
    characterises = lemma in lexicon.characterising or lemma in lexicon.reporting
    if (characterises or (as_phrase and lemma in lexicon.speech)) and rights:
        # quoted words in the object: 'called the plan "a disaster"', 'promising "jobs"'
        if any(
            c.lower_ in ("on", "upon", "for") and c.i == tok.i + 1
            for c in tok.children
            if c.dep_ in ("prt", "prep")
        ):
            return []  # "called on X to ..." is an appeal, its quoted words stay direct
        i = rights[0].left_edge.i
        j = max(c.right_edge.i for c in rights) + 1
        for c in tok.rights:
            # "revealed a gulf in the way they see it": the parser hangs the noun's phrase
            # on the verb; it runs on the object without a pause
            if c.dep_ == "prep" and c.i == j and lemma in lexicon.np_object and c.lower_ != "as":
                j = c.right_edge.i + 1
            elif c.dep_ == "prep" and c.i == j and c.lower_ in ("of", "for"):
                j = c.right_edge.i + 1  # 'accused Cruz of being "politically correct"'
        i, j = _clip(doc, i, j, tok.i, para)
        for k in range(i, j):
            if is_cue[k] and doc[k].dep_ == "conj":
                j = doc[k].left_edge.i
                break
        dobj = next((c for c in rights if c.dep_ == "dobj"), None)
        if (
            any(doc[k].text in QUOTE_TOKENS for k in range(i, j))
            or (as_phrase and dobj is not None and lemma in lexicon.speech)
            or (
                lemma in lexicon.np_object
                and dobj is not None
                and dobj.pos_ not in ("PRON", "PROPN")
                and j - i >= 3
                # "was promised $90 million": what the subject got, not what it said
                and not any(c.dep_ == "auxpass" for c in tok.children)
            )
        ):
            return [_trim_tokens(doc, i, _trailing_aside(doc, i, j))]
    return []


# Entity types a bare "per X" names as a source ("per the WHO"), unlike "per cent", "per day".
PER_SOURCE_ENTS = frozenset({"ORG", "PERSON", "NORP", "GPE"})


def _per_source(tok: Token) -> bool:
    """Whether ``tok`` is the "per" of "..., per the WHO": a source, not a rate."""
    if tok.lower_ != "per" or tok.dep_ != "prep":
        return False
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return pobj is not None and pobj.ent_type_ in PER_SOURCE_ENTS


def _source_prep(doc: Doc, k: int) -> bool:
    """Whether token ``k`` starts "according to X" or a source's "per X"."""
    tok = doc[k]
    if tok.lower_ == "according":
        return k + 1 < len(doc) and doc[k + 1].lower_ == "to"
    return _per_source(tok)


def _according_to(
    tok: Token, para: list[int] | None = None
) -> tuple[Token | None, list[tuple[int, int]], int]:
    """Speaker and content of "according to X" (or "per X"): X, and the rest of its sentence.
    Set inside the sentence ("Most voters, according to the poll, still back the plan"),
    the words on each side are reported, as two parts, when both are long enough to be."""
    doc = tok.doc
    to = tok if tok.lower_ == "per" else doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    sent = tok.sent
    lo = tok.i
    hi = max(to.right_edge.i, pobj.right_edge.i if pobj is not None else to.i) + 1
    para = paragraph_ids(doc) if para is None else para
    first, last = _clip(doc, sent.start, sent.end, tok.i, para)
    start = first
    for k in range(first, lo):
        if doc[k].text in (":", ";"):
            start = k + 1  # "At the same time, ...: London was the capital, according to X"
    before = _trim_tokens(doc, start, lo)
    after = _trim_tokens(doc, hi, last)
    parts = [part for part in (before, after) if part[1] - part[0] >= 3]
    return pobj, parts, to.idx + len(to.text)


def _climb_top(tok: Token) -> Token:
    """The verb whose subject a participle or conjunct cue would borrow."""
    cur = tok
    for _ in range(4):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            return cur
        if cur.dep_ not in INHERIT_DEPS or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _name_before_label(doc: Doc, k: int) -> Token | None:
    """The person named right before a short bracketed label that ends at token ``k``:
    "Paul Ryan (R-Wis.)", "Ann Lee (pictured)"."""
    if doc[k].text != ")":
        return None
    opener = next((j for j in range(k - 1, max(k - 8, -1), -1) if doc[j].text == "("), None)
    if opener is None or opener == 0:
        return None
    name = doc[opener - 1]
    return name if name.pos_ == "PROPN" and name.ent_type_ == "PERSON" else None


def _nearest_subject(tok: Token, excluded: list[bool], para: list[int]) -> Token | None:
    """When the parse gives no usable subject (a teaser glued to the sentence, a quotation
    in the way), the closest name or personal pronoun before the cue in its sentence."""
    doc = tok.doc
    k = tok.i - 1
    labelled = _name_before_label(doc, k) if k > 0 and not excluded[k] else None
    if labelled is not None:
        return labelled  # "Rep. Ann Lee (D-Wash.) said": the name before the party label
    while k >= 0 and not excluded[k] and para[k] == para[tok.i] and k >= tok.sent.start:
        t = doc[k]
        named = t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG")
        if (named or t.lower_ in ("he", "she", "they")) and not _embedded(t, tok):
            return t
        if t.is_punct and t.text in ".;":
            break
        k -= 1
    return None


_INSERTION_DASHES = frozenset({"-", "--", "—", "–"})


def _dashed_insertion_subject(tok: Token, excluded: list[bool]) -> Token | None:
    """The name before a dashed insertion that ends right at the cue: "Donald Trump - who
    once said he would bomb them - said on Saturday that ...". The parser often loses the
    main clause across the dashes and hangs the cue somewhere inside the insertion."""
    doc = tok.doc
    if tok.i < 4 or doc[tok.i - 1].text not in _INSERTION_DASHES:
        return None
    for k in range(tok.i - 3, tok.sent.start, -1):
        if doc[k].text in _INSERTION_DASHES and not excluded[k]:
            name, first = doc[k - 1], doc[k + 1]
            if (
                name.pos_ in ("PROPN", "NOUN")
                and name.dep_ in ("nsubj", "ROOT")  # not "the chief of Ora Media -- ... --"
                and not excluded[name.i]
                and first.tag_ in ("WP", "WP$", "DT")
            ):
                return name
            return None
    return None


def _embedded(name: Token, cue: Token) -> bool:
    """Whether ``name`` only modifies another noun phrase, as an owner or the object of "of",
    or sits in a relative clause the cue is not part of: "DeMoro, director of a union that
    endorsed Sanders and has been busing members, also said ...": Sanders did not say it."""
    while name.dep_ in ("compound", "flat") and name.head.i != name.i:
        name = name.head  # "Nurses" in "National Nurses United"
    if name.dep_ == "poss":
        return True  # "Stevens, who served as Romney's strategist": Romney said nothing
    if name.dep_ == "appos" and any(c.tag_ == "WP$" for c in name.head.children):
        return True  # "Slinker, whose start-up, Paradata, ...": the start-up's name
    if (
        name.dep_ == "pobj"
        and name.head.lower_ in ("of", "for", "at")
        and name.head.head.pos_ in ("NOUN", "PROPN")
    ):
        # "director of National Nurses United", "Secretary of Defense": whose director, not
        # who spoke
        return True
    t = name
    by_agent = False
    while t.head.i != t.i:
        if not (t.left_edge.i <= cue.i <= t.right_edge.i) and (
            t.dep_ == "relcl" or (not by_agent and _inserted_participle(t, name))
        ):
            return True
        by_agent = by_agent or t.dep_ == "agent"
        t = t.head
    return False


def _inserted_participle(verb: Token, name: Token) -> bool:
    """Whether ``name`` is the object of a participle set off after the subject: "Obama,
    dedicating the museum on Saturday, said ..." (the museum is what he did, not who spoke).
    A sentence-opening participle is left alone: the parse often swallows the subject into it
    ("Alarmed by the unrest, Senator Reid said")."""
    doc = verb.doc
    first = verb.left_edge.i
    return (
        verb.dep_ in ("advcl", "acl")
        and verb.tag_ in ("VBG", "VBN")
        and verb.i < name.i
        and first > verb.sent.start
        and doc[first - 1].text == ","
    )


def find_cues(
    doc: Doc,
    excluded: list[bool],
    lexicon: Lexicon = DEFAULT_LEXICON,
    para: list[int] | None = None,
) -> list[Cue]:
    """Every reporting cue outside quotation marks and teasers, in text order (``para``: the
    doc's `paragraph_ids`, when the caller has them already)."""
    in_quote = excluded
    is_cue = [False] * len(doc)
    para = paragraph_ids(doc) if para is None else para
    candidates: list[Token] = []
    for tok in doc:
        if in_quote[tok.i]:
            continue
        if (
            tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
        ) or _per_source(tok):
            candidates.append(tok)
            continue
        if (
            tok.pos_ == "NOUN"
            and tok.lemma_.lower() in lexicon.speech_acts | OWNED_STATEMENT_NOUNS
            and not _verb_taken_for_noun(tok)
        ):
            candidates.append(tok)
            continue
        if _is_cue_verb(tok, lexicon) and (
            tok.dep_ not in ("amod", "compound")
            # '"...," tweeted Rubio spokesman Alex Conant': the parse took the verb for a
            # modifier of the name after it; `_inverted_speaker` finds that name
            or (tok.head.i > tok.i and _follows_quotation(tok, excluded))
        ):
            is_cue[tok.i] = True
            candidates.append(tok)
    cues: list[Cue] = []
    for tok in candidates:
        if tok.pos_ == "NOUN" and not is_cue[tok.i]:
            act = _speech_act(tok, excluded, para)
            if act is not None:
                cues.append(act)
            continue
        if tok.lower_ in ("according", "per"):
            subject, parts, end = _according_to(tok, para)
            reported: list[tuple[int, int] | None] = [*parts] or [None]
            for content in reported:
                cues.append(
                    Cue(
                        tok,
                        span_text(doc, tok.idx, end),
                        tok.idx,
                        end,
                        subject,
                        _chars(doc, content),
                        kind="according",
                        content_tokens=content,
                    )
                )
            continue
        if (
            _framing_participle(tok)
            or _writers_aside(tok)
            or _background_speech(tok, is_cue)
            or _connective(tok)
            or _asked_of_subject(tok)
        ):
            continue
        negated = any(c.dep_ == "neg" and not excluded[c.i] for c in tok.children)
        if negated and not _open_question(tok):
            continue  # "did not say": no statement made
        found = [c for c in _content_of(tok, is_cue, para, lexicon) if c[1] - c[0] >= 2]
        contents: list[tuple[int, int] | None] = [*found] or [None]
        lemma = tok.lemma_.lower()
        phrasal = any(
            c.dep_ == "prt" and lexicon.is_phrasal_cue(lemma, c.text) for c in tok.children
        )
        # a direct-only verb reports a "that"-clause ("joked that ..."), an object cue its
        # object ("warned of ..."), a speech verb its characterisation ("slammed X as Y")
        reports = (
            lemma in lexicon.reporting
            or phrasal
            or (lexicon.reports_that_clause(lemma) and _that_clause(tok))
            or any(c.dep_ == "prep" and lexicon.is_object_cue(lemma, c.text) for c in tok.rights)
            or (
                lemma in lexicon.direct_only
                and any(c.dep_ == "dobj" for c in tok.rights)
                and any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.rights)
            )
        )
        text, start, end = _cue_phrase(tok)
        subject = _dashed_insertion_subject(tok, excluded) or _subject_of(tok, excluded)
        inverted = _inverted_speaker(tok, excluded, para) if subject is None else None
        if inverted is not None:
            # '"...," said Oversight ranking Democrat Anna Berg.': the words after the verb
            # are its speaker, however the parser read them, and the quotation its report
            subject, contents = inverted, [None]
        if subject is None or excluded[subject.i] or para[subject.i] != para[tok.i]:
            subject = _nearest_subject(tok, excluded, para)
            top = _climb_top(tok)
            if subject is None and top.i != tok.i and not excluded[top.i]:
                subject = _nearest_subject(top, excluded, para)
        elif not found and inverted is None and lemma in lexicon.reporting:
            contents = _fronted_clause(tok, subject, excluded, is_cue, para) or contents
        for content in contents:
            cues.append(
                Cue(
                    tok,
                    text,
                    start,
                    end,
                    subject,
                    _chars(doc, content),
                    direct_only=not reports,
                    content_tokens=content,
                )
            )
    return cues


def _asked_of_subject(tok: Token) -> bool:
    """'When asked why, Sembler said ...', 'Pressed on the deal, she ...': a passive question
    verb puts the question to its subject, who then answers; it reports nothing itself."""
    if tok.lemma_.lower() not in ("ask", "question", "press", "quiz") or tok.tag_ != "VBN":
        return False
    children = list(tok.children)
    if any(c.dep_ in ("nsubj", "agent") for c in children):
        return False  # "has asked why", "was asked by the moderator whether": who asks is there
    return (
        tok.dep_ in ("advcl", "acl")
        or any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
        or any(c.lower_ in ("when", "if", "once", "after", "before") for c in children)
    )


def _clause_taken_for_adverbial(tok: Token, clause: Token, lexicon: Lexicon) -> bool:
    """A finite clause with its own subject and no subordinator after a reporting verb, which
    the parser hung on it as an adverbial because a phrase came between: "Trump said after
    the convention he would not accept ..."."""
    if clause.dep_ != "advcl" or clause.i < tok.i or tok.lemma_.lower() not in lexicon.reporting:
        return False
    children = list(clause.children)
    first = clause.left_edge
    opens_with_phrase = first.tag_ == "IN" and first.dep_ == "prep"  # "after the convention"
    if any(c.dep_ == "mark" for c in children) or (
        first.tag_ in ("WRB", "IN") and not opens_with_phrase
    ):
        return False  # "said when he ...", "said as ...": a subordinate clause
    finite = clause.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ == "aux" and c.tag_ == "MD" for c in children
    )
    return finite and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < clause.i for c in children)


def _fronted_cue(tok: Token, lexicon: Lexicon) -> bool:
    """A finite reporting verb with its own subject, parsed as an adverbial clause of the
    main verb after it and closed by a comma: "..., these supporters acknowledge, it ..."."""
    doc = tok.doc
    after = tok.right_edge.i + 1
    return (
        tok.dep_ == "advcl"
        and tok.tag_ in ("VBD", "VBZ", "VBP")
        and tok.lemma_.lower() in lexicon.reporting
        and tok.head.i > after
        and after < len(doc)
        and doc[after].text == ","
        and any(c.dep_ == "nsubj" for c in tok.children)
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children)
    )


def _open_question(tok: Token) -> bool:
    """A refusal to answer a question ("would not say whether he would run", "hasn't said
    how"): the question left open is attributed to the one who would not answer it."""
    return tok.lemma_.lower() in ("say", "disclose", "reveal", "specify") and any(
        c.dep_ == "ccomp"
        and c.i > tok.i
        and any(
            g.lower_ in ("whether", "if", "how", "when", "why", "who", "what", "where", "which")
            and g.i < c.i
            for g in c.children
            if g.dep_ in ("mark", "advmod", "nsubj", "dobj", "nsubjpass", "det", "attr")
        )
        for c in tok.children
    )


def _connective(tok: Token) -> bool:
    """A fixed phrase that links the writer's sentences, where no one speaks: "That said,
    ...", "That being said, ...", "Having said that, ...", "Needless to say, ..."."""
    doc = tok.doc
    words = [t.lower_ for t in doc[max(0, tok.i - 2) : tok.i + 2]]
    before = words[: min(2, tok.i)]
    after = words[len(before) + 1 :]
    if tok.lower_ == "said":
        if before[-1:] == ["having"] and after[:1] == ["that"]:
            return True
        if before[-1:] == ["being"] and before[-2:-1] == ["that"] and after[:1] == [","]:
            return True
        if before[-1:] == ["that"] and after[:1] == [","]:
            opener = tok.i - 1
            return opener == 0 or doc[opener - 1].is_punct or doc[opener - 1].is_space
    return tok.lower_ == "say" and before == ["needless", "to"]


# Verb tags of a finite clause: what a speaker can have asserted.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Words that open a subordinate (framing) clause rather than a statement.
SUBORDINATORS = word_set(
    "though although while when as if because since after before unless whereas once until"
)


def _fronted_clause(
    tok: Token, subject: Token, excluded: list[bool], is_cue: list[bool], para: list[int]
) -> list[tuple[int, int] | None]:
    """The report before "..., X said" when the parser hung it elsewhere (on a quotation
    that closed the paragraph before, say): the words from the start of the sentence up to
    the comma before the speaker, and the rest of the sentence after an inserted cue ("Lenox
    was a juggernaut, Mr. Clarke said, until it went bankrupt")."""
    doc = tok.doc
    lead = subject.left_edge.i - 1
    if lead < 1 or doc[lead].text != "," or subject.i > tok.i:
        return []
    if any(doc[k].pos_ in ("VERB", "AUX") for k in range(subject.i + 1, tok.i)):
        return []  # "..., who spoke to him, said": not a bare speaker before the cue
    k = lead - 1
    while (
        k >= 0
        and para[k] == para[tok.i]
        and not excluded[k]
        and doc[k].text not in (".", "!", "?", ";", ":")
        and not doc[k].is_space
    ):
        k -= 1
    before = _trim_tokens(doc, k + 1, lead)
    if before[1] - before[0] < 3 or any(is_cue[m] for m in range(*before)):
        return []  # too short, or a report of its own ("Media reported that ..., X said")
    # the last of coordinated clauses ("A did B, and though C ...") must be a clause too
    last_clause = before[0]
    for m in range(before[0] + 1, before[1] - 1):
        if doc[m].dep_ == "cc" and doc[m - 1].text == ",":
            last_clause = m + 1
    for lo in {before[0], last_clause}:
        opener = doc[lo]
        if (
            opener.pos_ in ("ADP", "SCONJ")
            or opener.tag_ in ("VBG", "VBN", "TO", "WRB", "IN")
            or opener.lower_ in SUBORDINATORS
        ):
            return []  # "Asked about ...", "Though X ...", "With ...": a framing adjunct
        if not any(doc[m].tag_ in FINITE_TAGS for m in range(lo, before[1])):
            return []
    parts: list[tuple[int, int] | None] = [before]
    tail = _inserted_tail(tok, is_cue, para)
    if tail is not None:
        parts.append(tail)
    return parts


def _that_clause(tok: Token) -> bool:
    """Whether verb ``tok`` has a complement clause opened by "that"."""
    return any(
        c.dep_ == "ccomp"
        and (any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) or _comma_that(c))
        for c in tok.children
    )


def _comma_that(clause: Token) -> bool:
    """ "joked that, among voters, Trump ranks fourth": the parse took the complementizer cut
    off by a comma for the clause's subject."""
    first = clause.left_edge
    nxt = first.doc[first.i + 1] if first.i + 1 < len(first.doc) else None
    return first.lower_ == "that" and nxt is not None and nxt.text == ","


def _speech_act(noun: Token, excluded: list[bool], para: list[int]) -> Cue | None:
    """A speech-act noun as the object of a verb, with a "that"-clause: "residents voiced
    concerns that the road would ...". The verb's subject speaks; the clause is the report."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in SPEECH_ACT_VERBS:
        return _owned_statement(noun, excluded, para)
    clause = _noun_that_clause(noun)
    if clause is None or verb.i > noun.i or any(c.dep_ == "neg" for c in verb.children):
        return None
    subject = _subject_of(verb, excluded)
    if subject is None or excluded[subject.i] or para[subject.i] != para[noun.i]:
        return None
    return _noun_report(noun, clause, subject, verb.idx, para)


def _owned_statement(noun: Token, excluded: list[bool], para: list[int]) -> Cue | None:
    """A statement noun whose owner is named, with its "that"-clause: "the police's earlier
    claim that he had refused", "a Times report that the firm lost money". The owner speaks;
    the clause is the report."""
    if noun.lemma_.lower() not in OWNED_STATEMENT_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = next(
            (
                c
                for c in noun.children
                if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ in ("ORG", "PERSON")
            ),
            None,
        )
    if owner is None or excluded[owner.i] or para[owner.i] != para[noun.i]:
        return None
    clause = _noun_that_clause(noun)
    return None if clause is None else _noun_report(noun, clause, owner, noun.idx, para)


def _noun_that_clause(noun: Token) -> Token | None:
    """The "that"-clause after a noun: "concerns that ...", "the claim that ..."."""
    return next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl")
            and c.i > noun.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )


def _noun_report(
    noun: Token, clause: Token, subject: Token, start: int, para: list[int]
) -> Cue | None:
    """The cue of a speech-act noun: its words from ``start`` to the noun, ``subject``
    speaking, ``clause`` (at least two tokens once trimmed) reported."""
    doc = noun.doc
    i, j = _clip(doc, clause.left_edge.i, clause.right_edge.i + 1, clause.i, para)
    content = _trim_tokens(doc, i, j)
    if content[1] - content[0] < 2:
        return None
    end = noun.idx + len(noun.text)
    return Cue(
        noun,
        span_text(doc, start, end),
        start,
        end,
        subject,
        _chars(doc, content),
        kind="speech-act",
        content_tokens=content,
    )


def _inverted_speaker(tok: Token, excluded: list[bool], para: list[int]) -> Token | None:
    """The speaker of a cue verb that follows a quotation and precedes its subject
    ('"...," said Oversight ranking Democrat Anna Berg (D-Md.).'): the head of the noun phrase
    right after the verb, up to a comma, bracket or the sentence end."""
    doc = tok.doc
    if not _follows_quotation(tok, excluded):
        return None
    run: list[Token] = []
    for t in doc[tok.i + 1 : min(len(doc), tok.i + 9)]:
        if excluded[t.i] or para[t.i] != para[tok.i] or t.is_punct or t.tag_ in ("WP", "WDT"):
            break
        run.append(t)
    people = [t for t in run if t.ent_type_ == "PERSON"]
    heads = people or [t for t in run if t.pos_ in ("PROPN", "NOUN")]
    if not heads or (not people and heads[-1].pos_ != "PROPN"):
        return None
    return heads[-1]


def _closes_quotation(tok: Token, comp: Token) -> bool:
    """Whether the clause ``comp`` before cue ``tok`` ends in a closing quotation mark with
    only punctuation and the cue's subject between: '"... on," Warren told'."""
    doc = tok.doc
    end = comp.right_edge.i
    k = end + 1
    while k < tok.i and (doc[k].is_punct or doc[k].text in QUOTE_TOKENS):
        k += 1
    closed = any(doc[j].text in QUOTE_TOKENS for j in range(end, k))
    subject = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subject is not None and k == subject.left_edge.i:
        k = subject.right_edge.i + 1
    return closed and k == tok.i


def _follows_quotation(tok: Token, excluded: list[bool]) -> bool:
    """Whether ``tok`` comes right after a quotation, commas aside ('"...," said')."""
    doc = tok.doc
    k = tok.i - 1
    while k >= 0 and doc[k].text == "," and not excluded[k]:
        k -= 1
    return k >= 0 and (excluded[k] or doc[k].text in QUOTE_TOKENS)


def _cue_phrase(tok: Token) -> tuple[str, int, int]:
    """The cue as written: auxiliaries and particles included ("has said", "pointed out")."""
    doc = tok.doc
    # an auxiliary across punctuation is a misparse ('"... it will come soon," said X')
    toks = [tok] + [
        c
        for c in tok.children
        if c.dep_ in ("aux", "auxpass", "prt", "neg")
        and not any(doc[k].is_punct for k in range(min(c.i, tok.i) + 1, max(c.i, tok.i)))
    ]
    if tok.dep_ in ("xcomp", "pcomp", "advcl") and tok.head.lemma_.lower() in PASSIVE_QUOTED:
        toks += [tok.head] + [c for c in tok.head.children if c.dep_ in ("auxpass", "aux")]
        toks += [c for c in tok.children if c.dep_ == "mark"]
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":  # "as saying"
        prep = tok.head
        toks.append(prep)
        if prep.head.lemma_.lower() in PASSIVE_QUOTED:
            toks += [prep.head] + [c for c in prep.head.children if c.dep_ in ("auxpass", "aux")]
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    # keep the phrase contiguous; if not, fall back to the verb alone
    if any(doc[k].dep_ in ("nsubj", "nsubjpass") for k in range(lo, hi + 1)):
        return tok.text, tok.idx, tok.idx + len(tok.text)
    start = doc[lo].idx
    end = doc[hi].idx + len(doc[hi].text)
    return span_text(doc, start, end), start, end


def _chars(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    if span is None or span[1] <= span[0]:
        return None
    start = doc[span[0]].idx
    last = doc[span[1] - 1]
    return start, last.idx + len(last.text)
