"""Reports in a title-case headline: "Senator Says Budget Will Pass", "Budget Will Pass,
Senator Says".

The tagger and parser are trained on sentence case; in a headline where every word is
capitalised they read the verb as part of a name ("Says" a proper noun, the reported clause an
object), so no cue is found. Word shape does the work here instead: in a title-case line a
third-person reporting verb between capitalised words splits the line into its speaker (the
capitalised run before it) and what was reported (the rest of the headline, or, when the verb
closes the line after a comma, everything before that comma).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

# Reporting verbs as a headline writes them (present or past, third person). The plain form
# is accepted only after a plural subject ("Documents Reveal ..."): elsewhere it is an
# imperative or infinitive ("Don't Let Him Tell You ...").
_VERBS = {
    "say": ("says", "said"),
    "tell": ("tells", "told"),
    "claim": ("claims", "claimed"),
    "announce": ("announces", "announced"),
    "reveal": ("reveals", "revealed"),
    "explain": ("explains", "explained"),
    "promise": ("promises", "promised"),
    "vow": ("vows", "vowed"),
    "warn": ("warns", "warned"),
    "urge": ("urges", "urged"),
    "insist": ("insists", "insisted"),
    "admit": ("admits", "admitted"),
    "predict": ("predicts", "predicted"),
    "suggest": ("suggests", "suggested"),
    "tweet": ("tweets", "tweeted"),
    "declare": ("declares", "declared"),
    "argue": ("argues", "argued"),
    "pledge": ("pledges", "pledged"),
    "deny": ("denies", "denied"),
    "acknowledge": ("acknowledges", "acknowledged"),
    "threaten": ("threatens", "threatened"),
}
_FORMS = {form: lemma for lemma, forms in _VERBS.items() for form in forms}
_ADDRESSED = frozenset({"tell"})  # "X Tells Voters They ...": the words start after the hearer
# Adverbs a headline puts between the speaker and the verb: "Trump Just Announced ...".
_ADVERBS = frozenset({"just", "now", "also", "finally", "reportedly", "again", "quietly"})
# Words that cannot end or sit inside a speaker: the run is cut after the last of them.
_FUNCTION = frozenset(
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "from", "by", "after",
        "before", "as", "and", "or", "but", "if", "while", "amid", "over", "about", "into",
        "why", "how", "what", "when", "who", "is", "are", "was", "were", "has", "have", "had",
        "will", "would", "may", "might", "can", "could", "should", "not", "do", "does", "did",
        "this", "that", "these", "those", "it", "its", "his", "her", "their", "our", "my",
    }
)  # fmt: skip
# Conjunctions that end what was reported: 'X Says No To Y As Z Turns Up The Heat'.
_CLAUSE_BREAKS = frozenset({"as", "while", "amid", "but"})
_CONDITIONS = frozenset({"if", "when", "whenever", "unless", "whether", "because", "what"})
_OPENERS = frozenset({"‘", "'", "“", '"'})
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you", "that"})
_MAX_SPEAKER_WORDS = 4


@dataclass(frozen=True)
class HeadlineReport:
    start: int  # what was reported, character offsets
    end: int
    speaker: tuple[int, int]  # the speaker's characters
    cue: Token


def _word(tok: Token) -> bool:
    return any(ch.isalpha() for ch in tok.text)


def is_title_case(tokens: list[Token]) -> bool:
    """Most longer words capitalised: a headline styled as a title, not a sentence."""
    words = [t for t in tokens[1:] if t.is_alpha and len(t.text) >= 4]
    words = [t for t in words if t.lower_ not in _FUNCTION]
    if len(words) < 3:
        return False
    upper = sum(1 for t in words if t.text[0].isupper())
    return upper >= 0.8 * len(words)


def _cue_lemma(tokens: list[Token], k: int) -> str | None:
    tok = tokens[k]
    if not tok.text[:1].isupper() or k == 0:
        return None
    lemma = _FORMS.get(tok.lower_)
    if lemma is not None:
        return lemma
    before = tokens[k - 1].lower_
    if tok.lower_ in _VERBS and before.endswith("s") and not before.endswith("ss"):
        return tok.lower_
    return None


def _speaker_before(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """Token indexes (within ``tokens``) of the capitalised run ending right before ``k``."""
    j = k - 1
    while j >= 0 and tokens[j].lower_ in _ADVERBS:
        j -= 1
    end = j
    while j >= 0 and (
        (_word(tokens[j]) and tokens[j].text[0].isupper())
        or tokens[j].text in ("’s", "'s", "-")
        or tokens[j].like_num
    ):
        if tokens[j].lower_ in _FUNCTION:
            break
        j -= 1
    start = j + 1
    if start > end or tokens[end].text in ("’s", "'s"):
        return None  # no speaker, or a possessive: "Trump's Claims ..." is a noun phrase
    if end - start + 1 > _MAX_SPEAKER_WORDS or not any(_word(t) for t in tokens[start : end + 1]):
        return None
    return start, end


def _trim_end(tokens: list[Token], start: int, stop: int) -> int:
    """Where the reported words end: the line's end, a dash or colon, or a conjunction that
    starts the writer's own clause."""
    k = start
    while k < stop:
        t = tokens[k]
        if t.text in ("–", "—", "-", "--", ":", ";", ".", "?", "!") and k > start:
            return k
        if k > start + 1 and t.lower_ in _CLAUSE_BREAKS and t.text[0].isupper():
            return k
        if t.text == "," and k + 1 < stop and tokens[k + 1].lower_ in ("but", "and"):
            return k
        k += 1
    return stop


def headline_reports(doc: Doc, regions: list[tuple[int, int]]) -> list[HeadlineReport]:
    """Reports in the article's first line, when that line is a title-case headline and not
    page furniture (``regions``)."""
    text = doc.text
    line_end = text.find("\n")
    if line_end < 0 or not text[line_end:].strip():
        return []  # no body: a one-line text is not a headline over an article
    tokens = [t for t in doc if t.idx < line_end and not t.is_space]
    if not tokens or any(rs < line_end and tokens[0].idx < re_ for rs, re_ in regions):
        return []
    if not is_title_case(tokens):
        return []
    stop = len(tokens)
    while stop > 0 and tokens[stop - 1].is_punct and tokens[stop - 1].text not in ("’", '"', "”"):
        stop -= 1
    for k in range(1, len(tokens)):
        lemma = _cue_lemma(tokens, k)
        if lemma is None:
            continue
        run = _speaker_before(tokens, k)
        if run is None:
            continue
        s, e = run
        if s > 0 and tokens[s - 1].lower_ in _CONDITIONS:
            continue  # 'If Obama Says It, It's True' reports nothing
        speaker = (tokens[s].idx, tokens[e].idx + len(tokens[e].text))
        rest = [t for t in tokens[k + 1 : stop] if _word(t)]
        closing = not rest or (
            lemma in _ADDRESSED and len(rest) <= 3 and not any(t.lower_ in _PRONOUNS for t in rest)
        )  # "..., Senator Tells Convention."
        if closing and s >= 2 and tokens[s - 1].text in (",", "’", "'", "”", '"'):
            # 'Budget Will Pass, Senator Says.': what precedes the comma
            comma = s - 1
            while comma > 0 and tokens[comma].text != ",":
                comma -= 1
            if comma > 0:
                return [HeadlineReport(tokens[0].idx, tokens[comma].idx, speaker, tokens[k])]
            continue
        first = k + 1
        if lemma in _ADDRESSED:
            first = next((j for j in range(k + 1, stop) if tokens[j].lower_ in _PRONOUNS), stop)
        elif first < stop and tokens[first].lower_ == "that":
            first += 1
        if first >= stop or (not _word(tokens[first]) and tokens[first].text not in _OPENERS):
            continue  # 'After Trump Heard What His Nemesis Said, He ...': nothing reported
        last = _trim_end(tokens, first, stop)
        if sum(1 for t in tokens[first:last] if _word(t)) < 2:
            continue
        end = tokens[last - 1].idx + len(tokens[last - 1].text)
        return [HeadlineReport(tokens[first].idx, end, speaker, tokens[k])]
    return []
