"""Parties a sentence takes up from earlier in the article by a noun that is no name of theirs.

Four kinds of reference (``antecedents`` in kg/resources/relations.json):

- a role descriptor, ``لقتال المجموعة``، ``غارات على المتشددين``، ``مواقع المتمردين``: the armed group the
  article is about, i.e. the entity of a fitting category (``armed_group``) mentioned most often before
  it (nearest on ties, twice at least), never a resistance (the rebels of a Yemen article are not its
  المقاومة الشعبية).  Where an armed group, party or tribe is named before it in its sentence, that one
  is what it takes up, and the sentence's own rules relate it.  The resolver's generics need the name
  to start with their head (التنظيم -> تنظيم X); a descriptor shares no word with the name.
- a member noun with a possessive pronoun, ``قواته``، ``مقاتليه``، ``عناصرها``: the body whose members
  they are, the nearest organization or state before it in the sentence, else the subject (first actor)
  of the sentence before.  A person's forces (بارزاني الذي سيطرت قواته) are another body: no antecedent.
- a head with a nationality adjective, ``مواقع سورية``، ``طائرات تركية``: the state the adjective names,
  where the article names it and the sentence names no body of it (``demonym_heads``); on an attack
  (``demonym_agents``: الغارات الجوية التركية) the adjective alone, so the attack stays the trigger and the
  state its agent.
- a definite place noun with no name or adjective after it, ``سيطرت X على المدينة``، ``دخلت Y المخيم``
  (``place_nouns``): of the places whose alias-table category is one of the noun's kinds (a city for
  المدينة) or unknown, never a state, the nearest before it in its sentence, else the one named most
  often before it in the article (nearest on ties).  A name after it (مدينة حلب) or a mention over it
  (القاعدة the group) is the resolver's.

Each such noun becomes a mention of its antecedent in a copy of the article, the sentence-level rules
run again over the sentences that have one, and what they find with the antecedent as an argument is
kept, at a lower confidence (``confidence``), where the sentence had no such relation already.  The
evidence stays the trigger's sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kg.model import AnalyzedDoc, Mention, Relation, Sentence
from kg.normalize import normalize
from kg.relations.args import conjoined_demonym_state, demonym_state
from kg.relations.lexicon import Antecedents, Lexicon, Seq
from kg.relations.references import most_told, own_body
from kg.relations.sentence import NISBA

PERSON = "Person"


def _matches(forms: list[list[tuple[int, str]]], i: int, seqs: tuple[Seq, ...]) -> int:
    """Tokens covered by the first of ``seqs`` matching at token i (0: none)."""
    for seq in seqs:
        hit = seq.match(forms, i)
        if hit is not None:
            return hit[0]
    return 0


def _salient(named: list[Mention], pos: int, ok: Callable[[str], bool], least: int) -> str | None:
    """The entity mentioned most often (at least ``least`` times) before ``pos`` among those ``ok``
    accepts, nearest on ties."""
    told = most_told((m.entity, m.start) for m in named if m.start < pos and ok(m.entity))
    return told[0] if told and told[1] >= least else None


def _possessor(adoc: AnalyzedDoc, named: list[Mention], sent: Sentence, pos: int,
               owner: Callable[[str], bool]) -> str | None:
    """The nearest ``owner`` before ``pos`` in the sentence, else the first of the sentence before; None
    where that is a person (a person's forces are a body of their own)."""
    here = [m.entity for m in named if sent.start <= m.start < pos and owner(m.entity)]
    if not here and sent.index > 0:
        prev = adoc.sentences[sent.index - 1]
        here = [m.entity for m in named if prev.start <= m.start < prev.end and owner(m.entity)][:1]
    return here[-1] if here and adoc.entities[here[-1]].type != PERSON else None


def _demonym_mentions(adoc: AnalyzedDoc, sent: Sentence, i: int, n: int, agent: bool = False) -> list[Mention]:
    """مواقع سورية، طائرات تركية: a mention of the state the nationality adjective after the head (tokens
    i .. i+n-1) names, over head and adjective, where the article names that state and the sentence no
    body of it (المقاتلات الإسرائيلية ... أهداف إسرائيلية: the body is that side); a second adjective
    joined by و (مواقع سورية وإيرانية) a mention of its own state.  ``agent``: the head is an attack
    (الغارات الجوية التركية), which stays the trigger: the mention is the adjective's alone, past one other
    adjective, so the rules read it as the attack's genitive agent."""
    bodies = {m.entity for m in adoc.mentions if m.sentence == sent.index and m.entity in adoc.entities}
    out: list[Mention] = []
    start = sent.tokens[i].start
    after = sent.tokens[i + n:]
    if agent:
        if after[:1] and NISBA.match(after[0].norm) and demonym_state(after[0].norm) is None:
            after = after[1:]  # الغارات الجوية التركية
        start = after[0].start if after else start
    for tok in after:
        state = conjoined_demonym_state(tok.norm) if out else demonym_state(tok.norm)
        if state is None or state not in adoc.entities or any(own_body(adoc, state, b) for b in bodies - {state}):
            break
        if out:
            start = tok.start + 1  # the conjunct's mention starts after its و, as a name's does
        out.append(Mention(start, tok.end, adoc.doc.text[start:tok.end], adoc.entities[state].type, sent.index,
                           origin="reference", entity=state))
    return out


def _place_before(adoc: AnalyzedDoc, named: list[Mention], sent: Sentence, pos: int, kinds: frozenset[str],
                  is_state: Callable[[str], bool], category: Callable[[str], str]) -> str | None:
    """The place a place noun at ``pos`` takes up: the nearest fitting one before it in the sentence, else
    the fitting one the article names most often before it (a state is no city, camp or area; the
    resolver's generic back-references are guesses, no names: المدينة taken as Aleppo in a Douma article)."""
    def fits(m: Mention) -> bool:
        return adoc.entities[m.entity].type == "Place" and m.origin != "generic" and not is_state(m.entity) \
            and category(m.entity) in kinds | {""}

    here = [m.entity for m in named if sent.start <= m.start < pos and fits(m)]
    if here:
        return here[-1]
    return _salient([m for m in named if fits(m)], pos, lambda _eid: True, 1)


def _place_noun(ante: Antecedents, forms: list[list[tuple[int, str]]], sent: Sentence, i: int,
                spans: list[tuple[int, int]]) -> tuple[int, frozenset[str]]:
    """Tokens and kinds of the place noun at token i (0: none), where nothing names it further: no mention
    and no definite adjective after it (المدينة الصناعية، المدينة الساحلية)."""
    for seq, kinds in ante.places:
        hit = seq.match(forms, i)
        if hit is None:
            continue
        after = sent.tokens[i + hit[0]] if i + hit[0] < len(sent.tokens) else None
        if after is not None and (any(s < after.end and after.start < e for s, e in spans)
                                  or (after.norm.startswith("ال") and NISBA.match(after.norm))):
            return 0, frozenset()
        return hit[0], kinds
    return 0, frozenset()


def reference_mentions(adoc: AnalyzedDoc, ante: Antecedents, is_state: Callable[[str], bool],
                       category: Callable[[str], str]) -> list[Mention]:
    """A mention of its antecedent for every descriptor, possessive member noun and head with a nationality
    adjective that no mention covers."""
    named = sorted((m for m in adoc.mentions if m.entity and m.entity in adoc.entities), key=lambda m: m.start)
    covered = [(m.start, m.end) for m in named]

    def armed(eid: str) -> bool:
        ent = adoc.entities[eid]
        return ent.type == "Organization" and category(eid) in ante.categories and not any(
            normalize(name).partition(" ")[0] in ante.excluded_heads for name in (ent.label, *ent.aliases))

    def owner(eid: str) -> bool:  # what may have members: an organization, a state, a person
        etype = adoc.entities[eid].type
        return (etype in ("Organization", PERSON) or (etype == "Place" and is_state(eid))) \
            and category(eid) not in ante.non_party

    first = ante.first
    out = []
    for sent in adoc.sentences:
        forms = [list(t.readings) for t in sent.tokens]
        spans = [(s, e) for s, e in covered if s < sent.end and sent.start < e]
        for i, tok in enumerate(sent.tokens):
            if not any(first.fullmatch(stem) for _, stem in forms[i]) \
                    or any(s < tok.end and tok.start < e for s, e in spans):
                continue
            n = _matches(forms, i, ante.descriptors)
            if n and any(sent.start <= m.start < tok.start and adoc.entities[m.entity].type == "Organization"
                         and category(m.entity) in ante.local_categories for m in named):
                continue  # an armed group, party or tribe named before it in the sentence is what it takes up
            target = _salient(named, tok.start, armed, ante.min_mentions) if n else None
            if not n:
                n = _matches(forms, i, ante.possessives)
                target = _possessor(adoc, named, sent, tok.start, owner) if n else None
            if not n:
                n = _matches(forms, i, ante.demonym_heads)
                agent = not n
                n = n or _matches(forms, i, ante.demonym_agents)
                states = _demonym_mentions(adoc, sent, i, n, agent) if n else []
                if states and not agent and _matches(forms, i + n + len(states), ante.border_sides):
                    states = []  # العمليات على الجانب العراقي من الحدود: where, not who
                out.extend(states)
                n, kinds = (0, frozenset()) if states else _place_noun(ante, forms, sent, i, spans)
                target = _place_before(adoc, named, sent, tok.start, kinds, is_state, category) if n else None
            if target is None:
                continue
            end = sent.tokens[i + n - 1].end
            out.append(Mention(tok.start, end, adoc.doc.text[tok.start:end], adoc.entities[target].type,
                               sent.index, key=forms[i][-1][1] if n == 1 and forms[i] else "",
                               origin="reference", entity=target))
    return out


def antecedent_relations(adoc: AnalyzedDoc, found: list[Relation], lex: Lexicon, is_state: Callable[[str], bool],
                         category: Callable[[str], str],
                         sentence_relations: Callable[[AnalyzedDoc], list[Relation]]) -> list[Relation]:
    """Relations of the sentences with a descriptor or possessive reference, with its antecedent as an
    argument, that the sentence-level rules (``sentence_relations``, over a copy of the article with
    the references as mentions) find and ``found`` lacks."""
    ante = lex.antecedents
    refs = reference_mentions(adoc, ante, is_state, category)
    if not refs:
        return []
    at = {m.sentence for m in refs}
    by_sentence = {s.index: {m.entity for m in refs if m.sentence == s.index} for s in adoc.sentences if s.index in at}
    copy = replace(adoc, sentences=[s for s in adoc.sentences if s.index in at],
                   mentions=sorted(adoc.mentions + refs, key=lambda m: m.start), relations=[])
    starts = {s.start: s.index for s in copy.sentences}
    known = {(r.type, frozenset((r.subject, r.object)), r.start) for r in found}
    out = []
    for rel in sentence_relations(copy):
        index = starts.get(rel.start)
        if index is None or not ({rel.subject, rel.object} & by_sentence[index]):
            continue
        if (rel.type, frozenset((rel.subject, rel.object)), rel.start) in known:
            continue
        rel.confidence = round(rel.confidence * ante.confidence, 3)
        out.append(rel)
    return out
