"""Who speaks a cue verb: checking the subject the parse gives it.

The parser's subject for a cue is often not the speaker. A participle adjunct after a comma
("The senator defended the bill, saying ...") has no subject of its own; English gives it the
subject of the clause it continues, but the parser hangs it one clause too low, inside the
first verb's reported clause ("Kim argued that the tax would hurt farmers, adding ..." read
as the tax adding), or reads its object as its subject ("..., calling him a liar"). A verb
may get two subjects, a heading word for one, or none at all ("About 4 in 10 say"). These
rules move the speaker to the subject English grammar assigns; they never invent one the
sentence does not have.
"""

from __future__ import annotations

from spacy.tokens import Token

from .cues import SPEAKING_NOUNS
from .speakers import (
    HUMAN_NOUNS,
    INVERTED_OPENERS,
    MEDIA_NOUNS,
    PERSON_NOUNS,
    opens_sentence,
    speaks,
)

# Accusative forms name whom a cue is about, never who speaks it.
OBJECT_PRONOUNS = frozenset(
    {"him", "her", "them", "me", "us", "whom", "himself", "herself", "themselves", "itself"}
)
# Pronouns that never stand after a cue as its subject ('"...," said he' is archaic but
# exists; '"...," said it' does not): after the verb they are its object ("described it as").
NEVER_INVERTED = frozenset({"it", "this", "that", "these", "those"})
PERSONAL = frozenset({"he", "she", "they", "we", "i", "you", "who"})
# Relations through which a participle or conjunct takes the subject of its head.
_BORROW = ("conj", "advcl", "xcomp", "pcomp", "prep", "acl", "acomp")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _own_subject(verb: Token, excluded: list[bool]) -> Token | None:
    """The subject a verb carries itself, if it can speak: not "there", not an accusative;
    of two (a misparse), the one closest before the verb."""
    found = [
        child
        for child in verb.children
        if child.dep_ in _SUBJECT_DEPS
        and child.tag_ != "EX"
        and child.lower_ not in OBJECT_PRONOUNS
        and not excluded[child.i]
    ]
    before = [c for c in found if c.i < verb.i]
    if before:
        return before[-1]
    return found[0] if found else None


def _borrowed_subject(verb: Token, excluded: list[bool]) -> Token | None:
    """The subject of ``verb`` or, failing that, of the verb it hangs from."""
    cur = verb
    for _ in range(5):
        subj = _own_subject(cur, excluded)
        if subj is not None:
            return subj
        if cur.dep_ not in _BORROW or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _is_adjunct(cue: Token, speech: frozenset[str]) -> bool:
    """A cue with no subject of its own that cannot belong to the clause it hangs from:
    "..., saying" (a gerund-participle set off by a comma or "and"), or a tensed verb
    coordinated with a bare one ("said the plan would cost jobs and called him ..."): tense
    does not coordinate under a modal, so it continues the outer clause; or a speech verb
    coordinated with the verb of a reported clause ("said it was late but added ...")."""
    if cue.i == 0 or any(c.dep_ in _SUBJECT_DEPS and c.i < cue.i for c in cue.children):
        return False
    if cue.tag_ in ("VBD", "VBZ") and cue.dep_ == "conj" and cue.head.tag_ == "VB":
        return True
    if cue.dep_ == "conj" and _disagrees(cue):
        return True  # "strategists fear that Kim has missed it and warn ...": not Kim's "warn"
    if (
        cue.dep_ == "conj"
        and cue.lemma_.lower() in speech
        and cue.head.dep_ == "ccomp"
        and cue.head.head.lemma_.lower() in speech
    ):
        return True  # "said it was too early but added ...": a second report, not a clause
    if cue.tag_ != "VBG":
        return False
    k = cue.i - 1
    while k > 0 and cue.doc[k].text in ("”", '"', "''", "’"):
        k -= 1  # ',” adding': the comma inside the closing mark sets the participle off
    before = cue.doc[k]
    return before.text in (",", "—", "–", "-", "--") or before.dep_ == "cc"


_SINGULAR = frozenset({"he", "she", "it"})
_PLURAL = frozenset({"they", "we"})


def _disagrees(verb: Token) -> bool:
    """Whether a present-tense verb cannot agree with the subject of the verb it is
    coordinated with ("warn" after "Kim has missed", "says" after "they said")."""
    subj = next((c for c in verb.head.children if c.dep_ in _SUBJECT_DEPS), None)
    tag = verb.tag_
    if tag == "VB" and verb.head.tag_ in ("VBN", "VBG", "VBD", "VBZ"):
        tag = "VBP"  # "has missed ... and warn": a bare verb shares no tense but the present
    if subj is None or tag not in ("VBP", "VBZ"):
        return False
    singular = subj.tag_ in ("NN", "NNP") or subj.lower_ in _SINGULAR
    plural = subj.tag_ in ("NNS", "NNPS") or subj.lower_ in _PLURAL
    if any(c.dep_ == "conj" for c in subj.children):
        singular, plural = False, True  # "Kim and Lee"
    return (tag == "VBP" and singular) or (tag == "VBZ" and plural)


def _people(noun: Token) -> bool:
    """A person's name, a noun for people, or a counted share of people ("50 percent")."""
    if noun.ent_type_ in ("PERSON", "PERCENT", "CARDINAL"):
        return True
    lemma = noun.lemma_.lower()
    return noun.pos_ == "NOUN" and (lemma in PERSON_NOUNS or lemma in HUMAN_NOUNS)


def _predicated_of(noun: Token, excluded: list[bool]) -> Token | None:
    """The subject a predicate noun describes: "Ruiz" of "Ruiz is a critic, a lawyer and a
    donor" for any of the three nouns (coordinated or in apposition)."""
    while noun.dep_ in ("conj", "appos") and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ != "attr":
        return None
    return _own_subject(noun.head, excluded)


# Verbs of sending a message to someone: the participle after their object is the message's.
_SENDING = frozenset({"email", "e-mail", "text", "message", "mail", "write", "tweet"})


def _issued(document: Token, excluded: list[bool]) -> Token | None:
    """Who put out a speaking text: the subject of the verb whose object it is ("Cruz sent an
    email saying", "the ministry released a statement saying")."""
    lemma = document.lemma_.lower()
    if not (lemma in SPEAKING_NOUNS or lemma in MEDIA_NOUNS):
        return None
    prep = document.head
    if document.dep_ == "pobj" and prep.lower_ in ("in", "through", "via"):
        # "Forbes shot back in an article stating that ...": whoever wrote in it
        verb = prep.head
        return _own_subject(verb, excluded) if verb.pos_ in ("VERB", "AUX") else None
    if document.dep_ != "dobj":
        return None
    return _own_subject(document.head, excluded)


def sender_of(cue: Token, excluded: list[bool]) -> Token | None:
    """Who sent the message a participle reports: "The senator emailed supporters saying
    ...": the senator, not the supporters the parse hangs the participle on."""
    head = cue.head
    if cue.dep_ != "acl" or cue.tag_ != "VBG" or head.dep_ != "dobj":
        return None
    if head.head.lemma_.lower() not in _SENDING:
        return None
    return _own_subject(head.head, excluded)


def issuer_of(cue: Token, excluded: list[bool]) -> Token | None:
    """Who speaks a participle the parse lent no subject at all: on a text someone put out,
    whoever put it out ("The agency issued a statement saying ..."); after "with", the
    people it modifies ("..., with historians and commentators saying it showed ...")."""
    if cue.dep_ != "acl" or cue.tag_ != "VBG":
        return None
    sender = sender_of(cue, excluded)
    if sender is not None:
        return sender
    head = cue.head
    if (
        head.dep_ == "pobj"
        and head.head.lower_ == "with"
        and head.pos_ in ("NOUN", "PROPN")
        and (head.ent_type_ in ("PERSON", "ORG", "NORP") or speaks(head.lemma_))
    ):
        return head
    return _issued(head, excluded)


def _finite(verb: Token) -> bool:
    """A tensed clause ("that the tax would hurt"), not a small clause ("X going on TV")."""
    return verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ == "aux" and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children
    )


def _clause_before(cue: Token, excluded: list[bool]) -> Token | None:
    """The subject of the subordinate clause just before a participle cue that the parse hung
    on the main verb: the participle goes on from that clause, whose subject is a speaker."""
    if cue.tag_ != "VBG" or cue.dep_ != "advcl":
        return None
    before = [c for c in cue.head.children if c.dep_ == "advcl" and c.i < cue.i and c is not cue]
    if not before:
        return None
    clause = max(before, key=lambda c: c.i)
    if clause.i < cue.head.i or not _finite(clause):
        return None
    for c in clause.children:
        if (
            c.dep_ == "nsubj"
            and not excluded[c.i]
            and (c.pos_ == "PROPN" or c.lower_ in ("he", "she", "they"))
        ):
            return c
    return None


def _noun_clause_owner(clause: Token) -> Token | None:
    """The verb whose object a "that" clause completes: "rejected the idea that he would be
    a drag, saying ..." (the participle hung on "be" is the rejecter's, not the drag's)."""
    if clause.dep_ != "acl" or not any(
        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
    ):
        return None
    noun = clause.head
    if noun.dep_ != "dobj" or noun.head.pos_ not in ("VERB", "AUX"):
        return None
    return noun.head


def _matrix_of(node: Token) -> Token | None:
    """The verb whose reported (complement) clause contains ``node``, if any."""
    cur = node
    for _ in range(8):
        if cur.dep_ == "ccomp" and cur.head.i != cur.i:
            return cur.head
        owner = _noun_clause_owner(cur)
        if owner is not None:
            return owner
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def speaking_subject(
    cue: Token, subject: Token | None, excluded: list[bool], speech: frozenset[str]
) -> Token | None:
    """The subject that speaks cue verb ``cue``, given the one the parse lent it.

    Of two subjects the one against the verb speaks. A participle modifying a person
    ("footage of Ana asking") is theirs; one modifying a text someone put out ("issued a
    statement saying") is whoever put it out. A relative clause on a predicate noun ("Ruiz
    is a lawyer who said") is the subject's, a name modifying a collective ("the Kessler
    campaign") leaves the collective. An accusative pronoun, or a word after a participle or
    a coordinated verb (only a main verb inverts: '"...," said Kim'), gives way to the
    subject the cue borrows from its head. For an adjunct cue whose borrowed subject belongs
    to a tensed reported clause ("X argued that Y ..., saying"), the speaker is the subject
    of the verb that reports that clause; not when the cue elaborates a report of its own
    ("..., Kim added, saying"). ``speech``: lemmas of speech verbs.
    """
    if subject is not None and subject.head.i == cue.i:
        closer = _own_subject(cue, excluded)
        if closer is not None and (subject.i < closer.i < cue.i or closer.i < cue.i < subject.i):
            # 'His verdict: "...," he said': two subjects, "he" says it; "a lawmaker called
            # Kim a fraud": a subject before the verb, so the name after it is no inversion
            subject = closer
    sender = sender_of(cue, excluded)
    if sender is not None:
        return sender  # "The senator emailed supporters saying ...": the senator
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and _people(cue.head):
        return cue.head  # "footage of Ana Ruiz asking", "50 percent saying": whom it modifies
    named = _name_right_before(cue)
    if named is not None:
        return named  # the same, when the parse hung the participle on the main verb
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and _issued(cue.head, excluded) is not None:
        return _issued(cue.head, excluded)  # "The campaign issued a statement saying ..."
    if subject is not None and subject.lower_ in ("it", "this", "there"):
        sibling = _clause_before(cue, excluded)
        if sibling is not None:
            return sibling  # "It was a one-two punch, as Clinton echoed it, saying ...": Clinton
    adjunct = _adjunct_verb(cue)
    if adjunct is not None:
        # "the companies have hidden them, in many cases reporting ...": the participle
        # the parse hung on "cases" is the clause subject's
        return _borrowed_subject(adjunct, excluded) or subject
    if (
        subject is not None
        and cue.dep_ == "relcl"
        and subject.i == cue.head.i
        and (subject.pos_ == "NOUN" or (subject.pos_ == "PROPN" and not subject.ent_type_))
    ):
        predicated = _predicated_of(subject, excluded)
        if predicated is not None:
            return predicated  # "Ruiz is a lawyer who said ...": Ruiz said it
    if (
        subject is not None
        and subject.dep_ == "compound"
        and subject.head.pos_ == "NOUN"
        and (subject.head.dep_ in _SUBJECT_DEPS or subject.head.lemma_.lower() in PERSON_NOUNS)
    ):
        subject = subject.head  # "the Kessler campaign said": the campaign, not Kessler
    if subject is not None and (
        subject.lower_ in OBJECT_PRONOUNS
        or (subject.i > cue.i and (cue.tag_ == "VBG" or cue.dep_ == "conj"))
        or (subject.i > cue.i and subject.lower_ in NEVER_INVERTED)
    ):
        # "..., calling him a liar", "..., calling it a betrayal": the object, not the speaker
        subject = _borrowed_subject(cue, excluded)
    if subject is None or not _is_adjunct(cue, speech):
        return subject
    holder = subject.head
    if holder.i >= cue.i or not _finite(holder):
        return subject
    if holder.lemma_.lower() in speech and (
        subject.pos_ == "PROPN"
        or subject.lower_ in PERSONAL
        or not any(c.dep_ == "mark" for c in holder.children)
    ):
        return subject  # "..., Kim added, saying": a report of its own, not a "that" clause
    matrix = _matrix_of(holder)
    if matrix is None or matrix.i > cue.i:
        return subject
    # the participle hangs inside the reported clause: is it really part of it?
    if not _on_path(cue, holder):
        return subject
    outer = _borrowed_subject(matrix, excluded)
    if outer is None or (outer.pos_ == "PRON" and outer.lower_ not in PERSONAL):
        return subject  # "This is why voters ... cry": no speaker up there either
    return outer


def _name_right_before(cue: Token) -> Token | None:
    """The person a participle follows with no comma between, when the name is the object
    of a verb or preposition: in "uses footage of Ana Ruiz asking" or "showed Ana Ruiz
    saying", Ruiz asks and says, however the parse attached the participle."""
    if cue.tag_ != "VBG" or cue.i == 0:
        return None
    last = cue.doc[cue.i - 1]
    if last.ent_type_ != "PERSON" or cue.ent_type_ == "PERSON":
        return None
    return last if last.dep_ in ("pobj", "dobj") else None


def _adjunct_verb(cue: Token) -> Token | None:
    """The verb a participle really belongs to when the parse hung it on the noun of that
    verb's prepositional adjunct ("in many cases reporting", "at times saying")."""
    if cue.dep_ != "acl" or cue.tag_ != "VBG":
        return None
    noun, prep = cue.head, cue.head.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or noun.pos_ != "NOUN":
        return None
    if _people(noun) or speaks(noun.lemma_):
        return None  # "with historians saying": they say it
    verb = prep.head
    return verb if verb.pos_ in ("VERB", "AUX") and verb.i < cue.i else None


def _on_path(cue: Token, holder: Token) -> bool:
    """Whether ``holder`` is the verb the cue borrowed its subject from (an ancestor)."""
    cur = cue
    for _ in range(6):
        if cur.i == holder.i:
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


# Labels a parser gives a subject it failed to recognise as one: "About 4 in 10 say" (a
# number modifying the verb), "Conway notes" (a compound of a noun-verb), "Black Lives Matter
# issued" (an adverbial).
_MISLABELLED = ("nummod", "npadvmod", "compound", "dep", "advmod", "nmod", "quantmod", "amod")


def missing_subject(cue: Token, excluded: list[bool], para: list[int]) -> Token | None:
    """A subject for a cue verb the parse left without a usable one.

    In order: the verb's own subject in its paragraph (a heading's word parsed as a second
    subject is not it); for a participle after a comma, the subject of the nearest verb above
    it, also across a reported clause ('"...," Kim said, suggesting ...' with the participle
    hung inside the quotation); the nominal right before the verb (`orphan_subject`)."""
    own = [
        c
        for c in cue.children
        if c.dep_ in _SUBJECT_DEPS
        and c.tag_ != "EX"
        and c.lower_ not in OBJECT_PRONOUNS
        and not excluded[c.i]
        and para[c.i] == para[cue.i]
    ]
    if own:
        return min(own, key=lambda c: abs(cue.i - c.i))
    adjunct = _adjunct_verb(cue)
    if adjunct is not None and (borrowed := _borrowed_subject(adjunct, excluded)) is not None:
        return borrowed  # "..., in many cases reporting ...": the clause's subject
    if _is_adjunct(cue, frozenset()):
        cur = cue
        for _ in range(6):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if excluded[cur.i] or cur.i > cue.i:
                continue
            subj = _own_subject(cur, excluded)
            if subj is not None and para[subj.i] == para[cue.i] and subj.i < cue.i:
                return subj
    return orphan_subject(cue, excluded)


def _word_before(verb: Token) -> int | None:
    """Index of the word right before a verb with no subject relation, adverbs, auxiliaries
    and particles of the verb skipped; None if the verb has a subject."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    doc = verb.doc
    k = verb.i - 1
    while k >= 0 and doc[k].pos_ in ("ADV", "AUX", "PART") and doc[k].head.i == verb.i:
        k -= 1
    return k if k >= 0 else None


def _breaks_line(tok: Token) -> bool:
    return "\n" in tok.text or "\n" in tok.whitespace_


def cut_off_subject(verb: Token) -> Token | None:
    """The name opening ``verb``'s paragraph when the parse ran it into the paragraph before
    ("... to Plan B.\n\nSanders hasn't said whether ...": "Sanders" as the object of "for"),
    leaving the verb right after it without a subject."""
    k = _word_before(verb)
    doc = verb.doc
    if k is None or k < 1 or doc[k].pos_ != "PROPN":
        return None
    name = doc[k]
    first = k
    while first > 0 and doc[first - 1].dep_ in ("compound", "flat") and doc[first - 1].head.i == k:
        first -= 1
    if first == 0 or not _breaks_line(doc[first - 1]) or name.head.i >= first:
        return None
    return name


def orphan_subject(cue: Token, excluded: list[bool]) -> Token | None:
    """The subject of a cue verb the parse left without one: the nominal right before it.

    Only a number, a name or a noun directly before the verb (adverbs aside), outside
    quotation marks, and only when the verb has no subject relation at all: either the parse
    hung it on the verb under another label, or it sits right against the verb ("the $20
    million experts say it costs"), where English puts a subject."""
    k = _word_before(cue)
    if k is None or excluded[k]:
        return None
    doc = cue.doc
    tok = doc[k]
    if tok.pos_ not in ("PROPN", "NOUN", "NUM"):
        return None
    if k == cue.i - 1 and tok.tag_ in ("NNS", "NNP", "NNPS") and cue.tag_ in ("VBP", "VBZ", "VBD"):
        return tok
    # from the word before the verb up to the phrase it heads: "10" of "About 4 in 10"
    head = tok
    while head.head.i != cue.i:
        if head.head.i >= cue.i or head.head.i == head.i:
            return None
        head = head.head
    return head if head.dep_ in _MISLABELLED else None


def name_before_colon(colon: Token, excluded: list[bool]) -> Token | None:
    """The name a colon puts before a quotation: '... - Philip Bump: "..."', 'More from Jones:
    "..."'. Only a short run of proper nouns that stands alone: after a dash, "from", or at
    the start of a line or sentence (a name at the end of a longer clause is its object)."""
    if colon.text != ":":
        return None
    doc = colon.doc
    k = colon.i - 1
    name: list[Token] = []
    while k >= 0 and doc[k].pos_ == "PROPN" and not excluded[k] and len(name) < 4:
        name.insert(0, doc[k])
        k -= 1
    if not name or (k >= 0 and doc[k].pos_ == "PROPN"):
        return None
    if k < 0:
        return name[-1]
    before = doc[k]
    if (
        "\n" in before.text
        or "\n" in before.whitespace_
        or before.text in ("-", "–", "—", "--", ".", ";")
        or before.lower_ == "from"
        or (before.lower_ in INVERTED_OPENERS and opens_sentence(before))
    ):
        return name[-1]
    return None
