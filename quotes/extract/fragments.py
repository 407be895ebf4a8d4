"""Quoted fragments woven into the writer's own sentence, with no one saying them.

'Trump described a city of “honesty and straight talk.”' or 'the party launched the “expulsion
of criminal foreigners initiative”' carry quotation marks, but the sentence around them is
narration: the marks borrow a phrase (a slogan, a name, someone's earlier words) without
attributing a statement here. Such a fragment is a quote only when a speech verb governs it
('she called it “the least bad option”'); otherwise whoever the sentence is about did not say
it in this sentence, and giving it a speaker misattributes it.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .cues import Lexicon

# A sentence end followed by more words, or a line break: the quotation holds sentences.
_SENTENCES = re.compile(r"[.!?…][\"”’']?\s+[\"“‘']?[A-Z]|\n")


def continues_sentence(text: str, open_mark: int) -> bool:
    """Whether the quotation opens in the middle of the writer's clause: the character before
    its opening mark (spaces skipped) is a letter or digit, as in 'a city of “...”', rather
    than a colon, comma, dash or sentence start that introduces quoted words."""
    k = open_mark - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k >= 0 and text[k].isalnum()


def governing_word(first: Token, lo: int, hi: int) -> Token | None:
    """The first word outside the quotation (marks at chars [lo, hi)) on the way up from
    ``first``, a token inside it, to its sentence root: the word the fragment hangs on."""
    node = first
    for _ in range(len(first.doc)):
        if not lo <= node.idx < hi:
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def speech_governs(word: Token | None, lexicon: Lexicon) -> bool:
    """Whether the fragment hangs on a speech or characterising verb (or a noun the lexicon
    names as a speech act), directly or through one preposition ('accused X of “...”')."""
    for _ in range(3):
        if word is None:
            return False
        lemma = word.lemma_.lower()
        if lemma in lexicon.cue_verbs or lemma in lexicon.speech_acts:
            return True
        if word.pos_ in ("VERB", "AUX") or word.head.i == word.i:
            return False
        word = word.head
    return False


def unattributed_fragment(first: Token, lo: int, hi: int, lexicon: Lexicon) -> bool:
    """Whether the quotation with marks at chars [lo, hi), whose first word is ``first``, is
    a fragment of narration: it continues the writer's clause and no speech verb governs it."""
    if not continues_sentence(first.doc.text, lo) or not lo <= first.idx < hi:
        return False
    if _SENTENCES.search(first.doc.text, lo, hi):
        return False  # sentences of their own are someone's statement, not a borrowed phrase
    return not speech_governs(governing_word(first, lo, hi), lexicon)
