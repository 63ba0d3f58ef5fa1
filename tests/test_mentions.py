"""Name lookup: the first-word index of a name table finds exactly what trying every span would find."""

from __future__ import annotations

from pathlib import Path

from kg.knowledge import load_knowledge
from kg.mentions import NameTable, SpanKeys, find_names
from kg.model import Sentence
from kg.reader import iter_inputs
from kg.tokenize import split_sentences


def longest_by_every_span(sentence: Sentence, spans: SpanKeys, table: NameTable, i: int) -> tuple | None:
    n = len(sentence.tokens)
    if sentence.tokens[i].is_word:
        for j in range(min(n, i + table.max_tokens + 2), i, -1):
            if sentence.tokens[j - 1].is_word or spans.norm[j - 1].isdigit():
                hit = next(((i, j, c, key) for c, key in spans.keys(i, j) if key in table.names), None)
                if hit:
                    return hit
    return None


def every_span(sentence: Sentence, spans: SpanKeys, table: NameTable) -> list[tuple[int, int, int, str]]:
    """The plain longest-match search (every end point, every clitic reading) the index must agree with,
    a name run on over an overlapping name of the same entity."""
    found, i, n = [], 0, len(sentence.tokens)
    while i < n:
        hit = longest_by_every_span(sentence, spans, table, i)
        if hit:
            end, entity = hit[1], table.names[hit[3]][0]
            for k in range(i + 1, hit[1]):
                inner = longest_by_every_span(sentence, spans, table, k)
                if entity is not None and inner and inner[1] > end and table.names[inner[3]][0] == entity and not any(
                        (other := longest_by_every_span(sentence, spans, table, m))
                        and table.names[other[3]][0] != entity for m in range(end, inner[1])):
                    end = inner[1]
            hit = (i, end, hit[2], hit[3])
            found.append(hit)
        i = hit[1] if hit else i + 1
    return found


def indexed(text: str, sentence: Sentence, spans: SpanKeys, table: NameTable) -> list[tuple[int, int, int, str]]:
    tokens = sentence.tokens
    out = []
    for m in find_names(text, sentence, spans, table, "gazetteer"):
        i = next(k for k, t in enumerate(tokens) if t.start <= m.start < t.end)
        j = next(k for k, t in enumerate(tokens) if t.end == m.end) + 1
        out.append((i, j, m.start - tokens[i].start, m.key))
    return out


def test_index_agrees_with_every_span_search_on_the_seed_articles(shared_dir: Path):
    kb = load_knowledge()
    tables = [NameTable.from_knowledge(kb), NameTable.of_generics(kb)]
    hits = 0
    for doc in iter_inputs([shared_dir / "corpus" / "seeds"]):
        for sentence in split_sentences(doc.text):
            spans = SpanKeys(sentence.tokens)
            for table in tables:
                want = every_span(sentence, spans, table)
                assert indexed(doc.text, sentence, spans, table) == want, sentence.tokens[0].text
                hits += len(want)
    assert hits > 100


def test_new_table_entries_need_no_index_update():
    # written for this test: a made-up name of four words behind a clitic and a quote
    text = "وقالت لجبهة «النور» الساطع الجديد إن جبهة النور انسحبت."
    table = NameTable({"جبهه النور الساطع الجديد": ("NOOR", "Organization"), "جبهه النور": ("NOOR", "Organization")}, 4)
    sentence = split_sentences(text)[0]
    found = find_names(text, sentence, SpanKeys(sentence.tokens), table, "gazetteer")
    assert [(m.text, m.key) for m in found] == [("جبهة «النور» الساطع الجديد", "جبهه النور الساطع الجديد"),
                                                 ("جبهة النور", "جبهه النور")]


def test_names_of_initials_and_names_ending_in_a_number_are_found():
    # written for this test
    text = "ونقلت وكالة أ ف ب عن مصدر أن مجموعة 5+1 ستجتمع."
    table = NameTable.from_knowledge(load_knowledge())
    sentence = split_sentences(text)[0]
    found = find_names(text, sentence, SpanKeys(sentence.tokens), table, "gazetteer")
    assert [(m.text, m.entity) for m in found] == [("أ ف ب", "AFP"), ("مجموعة 5+1", "P5_PLUS_1")]


def test_a_name_runs_on_over_another_name_of_the_same_entity_that_overlaps_it():
    # written for this test: طائرات التحالف العربي and التحالف العربي لدعم الشرعية are both the coalition's
    text = "وقالت المصادر إن طائرات التحالف العربي لدعم الشرعية قصفت مواقع الحوثيين."
    table = NameTable.from_knowledge(load_knowledge())
    sentence = split_sentences(text)[0]
    found = find_names(text, sentence, SpanKeys(sentence.tokens), table, "gazetteer")
    assert [(m.text, m.entity) for m in found] == [("طائرات التحالف العربي لدعم الشرعية", "ARAB_COALITION"),
                                                  ("الحوثيين", "HOUTHIS")]
    # never over another entity's name: التحالف الدولي لمحاربة داعش leaves داعش a mention of its own
    text = "وقالت المصادر إن طائرات التحالف الدولي لمحاربة داعش قصفت الموقع."
    sentence = split_sentences(text)[0]
    found = find_names(text, sentence, SpanKeys(sentence.tokens), table, "gazetteer")
    assert [(m.text, m.entity) for m in found] == [("طائرات التحالف الدولي", "COALITION"), ("داعش", "ISIS")]
