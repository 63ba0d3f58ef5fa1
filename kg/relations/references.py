"""Two parties taken up from an earlier sentence: ``إنهاء المعارك التي اندلعت بينهما``, ``وقف القتال بين
الطرفين``, ``الاقتتال الحاصل بين طرفي النزاع``.

In a sentence with a pair reference (the lexicon's ``pair_references``) and a trigger of a symmetric type
(a fight, an agreement) that the sentence's own arguments do not fill, the parties are the two actors
the sentence names (``بعد مفاوضات بين الطرفين`` after naming both), else the two the sentence before
names, else those of the latest symmetric relation of the sentences just before it.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.model import AnalyzedDoc, Relation
from kg.relations.args import C_SENTENCE
from kg.relations.lexicon import Lexicon
from kg.relations.modality import modality
from kg.relations.sentence import SentView


def _reference(sv: SentView, lex: Lexicon) -> int | None:
    return next((i for i in range(sv.n) if any(seq.match(sv.forms, i) for seq in lex.pair_references)), None)


def _two_actors(sv: SentView) -> tuple[str, str] | None:
    actors = list(dict.fromkeys(a.entity for a in sv.args if a.actor and not a.blocked))
    return (actors[0], actors[1]) if len(actors) == 2 else None


def _parties(adoc: AnalyzedDoc, lex: Lexicon, is_state: Callable[[str], bool], category: Callable[[str], str],
             sv: SentView, found: list[Relation]) -> tuple[str, str] | None:
    """The two actors of this sentence, else of the sentence before, else the latest symmetric relation
    of the sentences before (``pair_reference_window``)."""
    index = sv.sent.index
    here = _two_actors(sv)
    if here is not None:
        return here
    if index == 0:
        return None
    before = _two_actors(SentView(adoc, adoc.sentences[index - 1], lex, is_state, category))
    if before is not None:
        return before
    lo = adoc.sentences[max(0, index - lex.pair_reference_window)].start
    earlier = [r for r in found if lo <= r.start < sv.sent.start and lex.types[r.type].symmetric]
    if earlier:
        last = max(earlier, key=lambda r: r.start)
        return last.subject, last.object
    return None


def pair_reference_relations(adoc: AnalyzedDoc, lex: Lexicon, is_state: Callable[[str], bool],
                             category: Callable[[str], str], found: list[Relation]) -> list[Relation]:
    """Relations whose two arguments a pair reference takes up (``found``: the sentence-level ones)."""
    from kg.relations.extract import find_triggers, relation_id  # extract calls this module last

    text = adoc.doc.text
    out = []
    for sent in adoc.sentences:
        sv = SentView(adoc, sent, lex, is_state, category)
        ref = _reference(sv, lex)
        if ref is None:
            continue
        stated = {r.type for r in found if r.start == sent.start}
        for trig, i, j, strip in find_triggers(sv, lex):
            if not lex.types[trig.type].symmetric or trig.type in stated or abs(ref - i) > 6:
                continue
            parties = _parties(adoc, lex, is_state, category, sv, found)
            if parties is None:
                continue
            s, o = parties
            es, eo = adoc.entities[s], adoc.entities[o]
            if not lex.types[trig.type].fits(es.type, is_state(s), eo.type, is_state(o)):
                continue
            out.append(Relation(
                id=relation_id(adoc.doc.id, trig.type, s, o, sent.start), type=trig.type, subject=s, object=o,
                doc=adoc.doc.id, sentence=text[sent.start:sent.end], start=sent.start, end=sent.end,
                confidence=round(C_SENTENCE * trig.conf, 3), modality=modality(sv, trig, i, j, strip),
                trigger=text[sv.tokens[i].start:sv.tokens[j - 1].end]))
            stated.add(trig.type)
    return out
