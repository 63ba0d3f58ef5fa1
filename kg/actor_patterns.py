"""Actors that no alias table lists, found by pattern next to the NER (data: resources/actor_patterns.json).

- a state's forces named by demonym (``الجيش السوداني``، ``البحرية الإسرائيلية``، ``قوات الأمن العراقية``):
  the state's forces entity, which the alias table links to its state (``forces_of``);
- a state's government, ministry or parliament by demonym or name (``الحكومة الألمانية``، ``الخارجية
  الإيرانية``، ``حكومة مالي``): that body's entity, linked to the state (``country``);
- a military unit by number or ordinal (``الفرقة 30``، ``الجيش الثاني الميداني``): a new organization;
- a head noun before a known organization (``ميليشيات الحوثي``، ``مليشيا حزب الله``): that organization;
- a body of a known organization (``بعثة الأمم المتحدة``، ``المكتب السياسي لحماس``): a new organization;
- a town's council, police or court named by its place (``المجلس البلدي لمدينة بنغازي``، ``شرطة نيروبي``،
  ``مجلس محافظة الأنبار``): a new organization, the place inside it;
- a body named after its leader, a known person (``إدارة أوباما``، ``فلول المخلوع صالح``، ``القوات الموالية
  للرئيس هادي``): a new organization, one per kind of body and leader;
- a head noun before a quoted name (``كتيبة «الموت»``): a new organization named by the quoted words
  (the quotes mark the name, the head stays outside); before definite words (``حركة العدل والمساواة``،
  ``لواء العمالقة``): a new organization, head included.
Heads with no owner (``قوات الأمن``، ``القوات المشتركة``) name nothing: a demonym, a quote or a name must
follow.  Spans the alias table knows as a whole are left to it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from kg.knowledge import RESOURCES, Knowledge, KnownEntity
from kg.mentions import SpanKeys, token_mention
from kg.model import Mention, Sentence
from kg.normalize import normalize

OPENING_QUOTES = frozenset("«\"“„'‘")
CLOSING_QUOTES = frozenset("»\"”'’")
MAX_QUOTED_WORDS = 6


@dataclass(frozen=True)
class ActorPatterns:
    force_heads: frozenset[str]
    force_construct_heads: frozenset[str]  # جيش: the state's name may follow instead of its demonym (جيش مصر)
    force_modifiers: frozenset[str]
    same_actor_heads: frozenset[str]
    name_heads: frozenset[str]
    unquoted_heads: frozenset[str]
    name_stop_words: frozenset[str]
    max_name_words: int
    # (kind, head words, construct: the state's name follows, not its demonym) of a state's bodies
    state_body_heads: tuple[tuple[str, tuple[str, ...], bool], ...] = ()
    body_modifiers: frozenset[str] = frozenset()  # الملكية: a word between a body head and the demonym
    fallback_heads: frozenset[str] = frozenset()
    tribe_heads: frozenset[str] = frozenset()
    tribe_prefixes: tuple[tuple[str, ...], ...] = ()  # البو، آل، بني: a clan's name opens with one
    unit_heads: tuple[tuple[str, ...], ...] = ()  # head words of a numbered military unit
    unit_numbers: tuple[tuple[str, ...], ...] = ()  # ordinals (words); digits count as numbers too
    unit_trailers: tuple[tuple[str, ...], ...] = ()
    definite_heads: frozenset[str] = frozenset()  # المحكمة، اللجنة: a name needs a definite adjective
    institution_stop_words: frozenset[str] = frozenset()
    institution_adjectives: frozenset[str] = frozenset()  # adjectives that are no nisba (العليا، العامة)
    single_adjective_heads: frozenset[str] = frozenset()
    command_heads: frozenset[str] = frozenset()  # القيادة العامة: a force's command, no actor of its own
    command_links: frozenset[str] = frozenset()  # what joins a command to its force (ل، لقوات)
    sub_body_heads: tuple[tuple[str, ...], ...] = ()  # بعثة، المكتب السياسي: a body of a known organization
    local_body_heads: tuple[tuple[str, ...], ...] = ()  # المجلس البلدي، شرطة: a town's body, by its place
    # أمن -> مدير: a local head that names a body only after one of its titles (مدير أمن الجيزة)
    titled_local_heads: dict[str, frozenset[str]] = field(default_factory=dict)
    settlement_body_heads: tuple[tuple[str, ...], ...] = ()  # مجلس: by its place after a settlement noun
    settlement_nouns: frozenset[str] = frozenset()  # مدينة، محافظة
    mission_heads: frozenset[str] = frozenset()  # بعثة: its body may run on to the place it serves
    mission_links: frozenset[str] = frozenset()  # إلى، في، لدى
    remit_words: frozenset[str] = frozenset()  # stop words an institution takes as its remit (وزارة الدفاع)
    adjective_body_heads: frozenset[str] = frozenset()  # الخارجية: a body head that is also an adjective
    qualified_nouns: frozenset[str] = frozenset()  # وزير، السياسة: nouns such an adjective qualifies
    force_kinds: tuple[tuple[str, ...], ...] = ()  # قوات الطوارئ: a force named by its kind, a body of its own
    leader_heads: dict[str, str] = field(default_factory=dict)  # head -> kind of a leader's body (فلول -> قوات)
    leader_links: frozenset[str] = frozenset()  # الموالية: joins a leader's forces to ل + the leader
    leader_modifiers: frozenset[str] = frozenset()  # السابق، المخلوع: words of a leader's title
    leader_max_words: int = 0
    leader_state_kinds: dict[str, str] = field(default_factory=dict)  # حكومة -> GOV: the state's body of a kind
    leader_split_kinds: frozenset[str] = frozenset()  # قوات: kinds cut before a leader named only inside them


def _norm_set(words: list[str]) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


def _word_seqs(phrases: list[str]) -> tuple[tuple[str, ...], ...]:
    """Each phrase as its normalized words, as head phrases are matched token by token."""
    return tuple(tuple(normalize(p).split()) for p in phrases)


@lru_cache(maxsize=1)
def load_actor_patterns(path: Path = RESOURCES / "actor_patterns.json") -> ActorPatterns:
    data = json.loads(path.read_text(encoding="utf-8"))
    return ActorPatterns(
        force_heads=_norm_set(data["force_heads"]),
        force_construct_heads=_norm_set(data.get("force_construct_heads", [])),
        force_modifiers=_norm_set(data["force_modifiers"]),
        same_actor_heads=_norm_set(data["same_actor_heads"]),
        name_heads=_norm_set(data["name_heads"]),
        unquoted_heads=_norm_set(data["unquoted_heads"]),
        name_stop_words=_norm_set(data["name_stop_words"]),
        max_name_words=int(data["max_name_words"]),
        state_body_heads=tuple(
            (body["kind"], tuple(normalize(head).split()), construct)
            for body in data.get("state_bodies", [])
            for construct, heads in ((False, body["heads"]), (True, body["construct_heads"]))
            for head in heads),
        body_modifiers=_norm_set(data.get("body_modifiers", [])),
        fallback_heads=_norm_set(data.get("fallback_heads", [])),
        tribe_heads=_norm_set(data.get("tribe_heads", [])),
        tribe_prefixes=_word_seqs(data.get("tribe_prefixes", [])),
        definite_heads=_norm_set(data.get("definite_institution_heads", [])),
        institution_stop_words=_norm_set(data.get("institution_stop_words", [])),
        institution_adjectives=_norm_set(data.get("institution_adjectives", [])),
        single_adjective_heads=_norm_set(data.get("single_adjective_heads", [])),
        command_heads=_norm_set(data.get("command_heads", [])),
        command_links=_norm_set(data.get("command_links", [])),
        sub_body_heads=_word_seqs(data.get("sub_body_heads", [])),
        local_body_heads=_word_seqs(data.get("local_body_heads", [])),
        titled_local_heads={normalize(head): _norm_set(titles)
                            for head, titles in data.get("titled_local_heads", {}).items()},
        settlement_body_heads=_word_seqs(data.get("settlement_body_heads", [])),
        settlement_nouns=_norm_set(data.get("settlement_nouns", [])),
        mission_heads=_norm_set(data.get("mission_heads", [])),
        mission_links=_norm_set(data.get("mission_links", [])),
        remit_words=_norm_set(data.get("remit_words", [])),
        adjective_body_heads=_norm_set(data.get("adjective_body_heads", [])),
        qualified_nouns=_norm_set(data.get("qualified_nouns", [])),
        force_kinds=_word_seqs(data.get("force_kind_names", [])),
        leader_heads={normalize(head): kind for kind, heads in data.get("leader_bodies", {}).items() for head in heads},
        leader_links=_norm_set(data.get("leader_links", [])),
        leader_modifiers=_norm_set(data.get("leader_modifiers", [])),
        leader_max_words=int(data.get("leader_max_words", 0)),
        leader_state_kinds=dict(data.get("leader_state_bodies", {})),
        leader_split_kinds=frozenset(data.get("leader_split_kinds", [])),
        **{f"unit_{part}": _word_seqs(units.get(key, []))
           for part, key in (("heads", "heads"), ("numbers", "ordinals"), ("trailers", "trailers"))
           for units in (data.get("numbered_units", {}),)},
    )


def _demonym_state(word: str, definite: bool, kb: Knowledge) -> str | None:
    """The state a demonym names, in the article form the head asks for (القوات السعودية، قوات سعودية)."""
    if definite:
        return kb.demonym_states.get(word)
    return None if word.startswith("ال") else kb.demonym_states.get("ال" + word)


def _state_forces(spans: SpanKeys, i: int, head: str, pat: ActorPatterns, kb: Knowledge) -> tuple[int, str] | None:
    """(end token, forces entity id) for ``head [modifiers] demonym`` starting at token i, or for a construct
    head and the state's name (جيش مصر) where no definite nisba follows it (جيش لبنان الجنوبي)."""
    if head in pat.force_construct_heads and (found := _state_at(spans, i + 1, kb)):
        end, state = found
        after = spans.norm[end] if end < len(spans.norm) else ""
        nisba = after.startswith("ال") and after.endswith(("ي", "يه"))
        return None if nisba or state not in kb.state_forces else (end, kb.state_forces[state])
    definite = head.startswith("ال")
    j = i + 1
    while j < len(spans.norm) and j - i <= 4:
        word = spans.norm[j]
        state = _demonym_state(word, definite, kb)
        if state:
            forces = kb.state_forces.get(state)
            return (j + 1, forces) if forces else None
        if word not in pat.force_modifiers:
            return None  # a head inside (قوات الحرس الثوري الإيراني) opens a name of its own, read from there
        definite = definite or word.startswith("ال")  # a construct (قوات الحدود) takes the definite demonym
        j += 1
    return None


def _state_at(spans: SpanKeys, j: int, kb: Knowledge) -> tuple[int, str] | None:
    """(end token, state id) of the longest state name starting at token j (حكومة جنوب السودان)."""
    words: list[str] = []
    best = None
    for k in range(j, min(len(spans.norm), j + 3)):
        words.append(spans.norm[k])
        ent = kb.lookup(" ".join(words))
        if ent and ent.state:
            best = (k + 1, ent.id)
    return best


def _state_body(spans: SpanKeys, i: int, head: str, pat: ActorPatterns, kb: Knowledge) -> tuple[int, str] | None:
    """(end token, body entity id) for ``head demonym`` (الحكومة الألمانية، وزارة الخارجية المصرية) or
    ``construct-head state`` (حكومة مالي) starting at token i; a bare adjective head after the noun it
    qualifies names no body (وزير الخارجية الأمريكي، السياسة الخارجية الإيرانية)."""
    if head in pat.adjective_body_heads and i > 0 and any(
            stem in pat.qualified_nouns for _, stem in spans.readings[i - 1]):
        return None
    for kind, words, construct in pat.state_body_heads:
        j = i + len(words)
        if words[0] != head or j >= len(spans.norm):
            continue
        if spans.norm[i + 1 : j] != list(words[1:]):
            # the demonym after the head, the branch after it (القوات الأميركية الخاصة)
            state = None if construct or len(words) == 1 else _demonym_state(spans.norm[i + 1], True, kb)
            if state and spans.norm[i + 2 : j + 1] == list(words[1:]) and (body := kb.state_bodies.get((state, kind))):
                return j + 1, body
            continue
        found = _state_at(spans, j, kb) if construct else _demonym_at(spans, j, pat, kb)
        if found and (body := kb.state_bodies.get((found[1], kind))):
            return found[0], body
    return None


def _demonym_at(spans: SpanKeys, j: int, pat: ActorPatterns, kb: Knowledge) -> tuple[int, str] | None:
    """(end token, state) of the demonym at token j, or after one body modifier there (القوات الجوية
    الملكية السعودية)."""
    if spans.norm[j] in pat.body_modifiers and j + 1 < len(spans.norm):
        j += 1
    state = _demonym_state(spans.norm[j], True, kb)
    return (j + 1, state) if state else None


def _words_at(spans: SpanKeys, j: int, options: tuple[tuple[str, ...], ...]) -> int | None:
    """End token of the longest of ``options`` (word sequences) starting at token j."""
    ends = [j + len(o) for o in options if spans.norm[j : j + len(o)] == list(o)]
    return max(ends, default=None)


def _numbered_unit(spans: SpanKeys, i: int, head: str, pat: ActorPatterns) -> int | None:
    """End token of ``unit head + number or ordinal [+ trailer]`` at token i (الفرقة 30، الجيش الثاني
    الميداني، المنطقة العسكرية الرابعة)."""
    for words in pat.unit_heads:
        if words[0] != head or spans.norm[i + 1 : i + len(words)] != list(words[1:]):
            continue
        j = i + len(words)
        if j < len(spans.norm) and spans.norm[j].isdigit():
            end = j + 1
        else:
            end = _words_at(spans, j, pat.unit_numbers)
        if end:
            return _words_at(spans, end, pat.unit_trailers) or end
    return None


def _known_at(spans: SpanKeys, j: int, kb: Knowledge, types: tuple[str, ...] = ("Organization",),
              clitics: bool = False) -> tuple[int, str] | None:
    """(end token, entity id) of the longest known name of one of ``types`` starting at token j; with
    ``clitics`` also after the first word's proclitic (للأمم المتحدة، لمدينة)."""
    if j >= len(spans.norm):
        return None
    best = None
    for first in [stem for _, stem in spans.readings[j]] if clitics else [spans.norm[j]]:
        words: list[str] = []
        for k in range(j, min(len(spans.norm), j + kb.max_alias_tokens)):
            word = first if k == j else spans.norm[k]
            if not word:
                continue
            words.append(word)
            ent = kb.lookup(" ".join(words))
            if ent and ent.type in types and (best is None or k + 1 > best[0]):
                best = (k + 1, ent.id)
    return best


def _head_words_end(spans: SpanKeys, i: int, head: str, options: tuple[tuple[str, ...], ...]) -> int | None:
    """End token of the longest head phrase of ``options`` whose first word is ``head`` at token i (``head``,
    not the token itself: the token may carry a proclitic, لمدينة)."""
    return _words_at(spans, i + 1, tuple(o[1:] for o in options if o[0] == head))


def _sub_body(spans: SpanKeys, i: int, head: str, pat: ActorPatterns, kb: Knowledge) -> int | None:
    """End token of ``body head + known organization`` (بعثة الأمم المتحدة، اللجنة المركزية لحركة فتح); a
    mission runs on to the place it serves (بعثة الأمم المتحدة إلى ليبيا)."""
    j = _head_words_end(spans, i, head, pat.sub_body_heads)
    org = _known_at(spans, j, kb, clitics=True) if j else None
    if org is None:
        return None
    end = org[0]
    if head in pat.mission_heads and end < len(spans.norm) and spans.norm[end] in pat.mission_links:
        place = _known_at(spans, end + 1, kb, ("Place",))
        end = place[0] if place else end
    return end


def _local_body(spans: SpanKeys, i: int, head: str, pat: ActorPatterns, kb: Knowledge) -> int | None:
    """End token of a town's body named by its place: ``local head [ل] [settlement noun] place``
    (شرطة نيروبي، المجلس البلدي لمدينة بنغازي) or ``settlement head settlement noun place`` (مجلس محافظة
    الأنبار); after a settlement noun an unknown word is the place's name (المجلس البلدي لقرية X). A titled
    head names a body only after its title (مدير أمن الجيزة، قائد عمليات الأنبار)."""
    titles = pat.titled_local_heads.get(head)
    if titles is not None and not (i > 0 and any(stem in titles for _, stem in spans.readings[i - 1])):
        return None  # أمن، عمليات alone are common nouns (أمن المنطقة، عمليات الموصل)
    j = _head_words_end(spans, i, head, pat.local_body_heads)
    needs_noun = j is None
    j = j or _head_words_end(spans, i, head, pat.settlement_body_heads)
    if j is None or j >= len(spans.norm):
        return None
    if any(stem in pat.settlement_nouns for _, stem in spans.readings[j]):
        place = _known_at(spans, j + 1, kb, ("Place",))
        if place:
            return place[0]
        word = spans.norm[j + 1] if j + 1 < len(spans.norm) else ""
        named = word and spans.tokens[j + 1].is_word and len(word) >= 3 and not _is_stop(word, pat, kb)
        return j + 2 if named else None
    if needs_noun:
        return None
    place = _known_at(spans, j, kb, ("Place",), clitics=True)
    return place[0] if place else None


def _force_kind(spans: SpanKeys, i: int, head: str, pat: ActorPatterns, kb: Knowledge) -> int | None:
    """End token of a force named by its kind (قوات الطوارئ, ``force_kind_names``), with its demonym if one
    follows (قوات حفظ السلام الفرنسية): a body of its own, where a kind every state has (قوات الأمن) is
    left out of the list and names nothing."""
    kind = _head_words_end(spans, i, head, pat.force_kinds)
    if kind is None:
        return None
    return kind + 1 if kind < len(spans.norm) and spans.norm[kind] in kb.demonyms else kind


def _leader_body(spans: SpanKeys, i: int, head: str, pat: ActorPatterns,
                 kb: Knowledge) -> tuple[int, str, str | None, str] | None:
    """(end token, key, known body or None, leader) of a body named after its leader at token i: ``head
    [link] [titles] known person`` (إدارة أوباما، قوات الرئيس اليمني السابق علي عبدالله صالح، القوات
    الموالية للرئيس هادي). The body the alias table lists under a head of the kind and a name of the leader
    (نظام بشار الأسد as نظام الأسد); else keyed by the kind and the leader's label, as every spelling of one
    leader's body names one organization."""
    kind = pat.leader_heads.get(head)
    if kind is None:
        return None
    j = i + 1
    if j < len(spans.norm) and spans.norm[j] in pat.leader_links:
        j += 1
    if j < len(spans.norm) and spans.norm[j] in kb.demonyms:
        return None  # a state's forces (القوات السعودية), whoever is named after them
    for k in range(j, min(len(spans.norm), j + pat.leader_max_words + 1)):
        person = _known_at(spans, k, kb, ("Person",), clitics=True)
        if person:
            leader = kb.entities[person[1]]
            heads = [h for h, of in pat.leader_heads.items() if of == kind]
            known = next((body for name in (leader.label, *leader.aliases) for h in heads
                          if (body := kb.lookup(f"{h} {normalize(name)}")) and body.type == "Organization"), None)
            return person[0], f"{kind} {normalize(leader.label)}", known and known.id, leader.id
        if any(stem in pat.leader_modifiers or stem in kb.demonyms or stem in kb.person_titles
               or "ال" + stem in kb.person_titles for _, stem in spans.readings[k]):
            continue  # a title: the name comes after it (a title alone, قوات المخلوع, is the table's)
        if named := _named_after_at(spans, k, kind, pat, kb):
            end, forces = named
            return end, f"{kind} {normalize(kb.entities[forces.named_after].label)}", forces.id, forces.named_after
        return None
    return None


def _named_after_at(spans: SpanKeys, k: int, kind: str, pat: ActorPatterns,
                    kb: Knowledge) -> tuple[int, KnownEntity] | None:
    """(end token, forces) where the words from token k, after any head of ``kind``, are a name the alias
    table gives forces named after a person (``named_after``): فلول صالح and مليشيات علي صالح as قوات صالح
    and قوات علي صالح, a short name (صالح) the table leaves to no one person alone."""
    heads = [h for h, of in pat.leader_heads.items() if of == kind]
    best = None
    for first in [stem for _, stem in spans.readings[k]]:
        words: list[str] = []
        for end in range(k, min(len(spans.norm), k + pat.leader_max_words)):
            words.append(first if end == k else spans.norm[end])
            found = next((body for h in heads if (body := kb.lookup(f"{h} {' '.join(words)}"))
                          and body.named_after in kb.entities), None)
            if found and (best is None or end + 1 > best[0]):
                best = (end + 1, found)
    return best


def find_leader_bodies(text: str, sentence: Sentence, spans: SpanKeys, kb: Knowledge,
                       pat: ActorPatterns | None = None) -> list[tuple[Mention, str]]:
    """Mentions (origin ``pattern``) of bodies named after their leader, each with the leader's id."""
    pat = pat or load_actor_patterns()
    found: list[tuple[Mention, str]] = []
    i = 0
    while i < len(sentence.tokens):
        hit = next(((body, stripped) for stripped, head in spans.readings[i]
                    if (body := _leader_body(spans, i, head, pat, kb))), None)
        if hit is None:
            i += 1
            continue
        (end, key, known, leader), stripped = hit
        if known or " ".join(spans.norm[i:end]) not in kb.alias_index:
            found.append((token_mention(text, sentence, i, end, stripped, key if known is None else
                                        " ".join(spans.norm[i:end]), "Organization", "pattern", known), leader))
        i = end
    return found


def with_leaders_named(bodies: list[tuple[Mention, str]], mentions: list[Mention], kb: Knowledge,
                       pat: ActorPatterns | None = None) -> list[Mention]:
    """The leaders' bodies of an article whose leader it also names apart: a stretch of text is one mention,
    and a leader named only inside his body (إدارة أوباما) stays a person rather than vanish into it. A
    state's own government or forces (حكومة الرئيس السوري بشار الأسد; حكومة نتنياهو where the article names
    السلطات الإسرائيلية) keeps its head and its leader apart, as the other finders read them, who leads it
    included. Forces (``leader_split_kinds``) whose leader the article names only inside them, a state's
    forces too (القوات الموالية للرئيس هادي), are cut before the leader's name (``_before_leader``)."""
    pat = pat or load_actor_patterns()
    spans = [(m.start, m.end) for m, _ in bodies]
    named = {known.id for m in mentions if m.type == "Person" and not any(s <= m.start and m.end <= e for s, e in spans)
             and (known := kb.entities.get(m.entity or "") or kb.lookup(m.key))}
    present = {m.entity for m in mentions if m.entity}
    forces = set(kb.state_forces.values())
    states = {*kb.state_bodies.values(), *forces}
    kept = []
    for m, leader in bodies:
        kind = pat.leader_state_kinds.get(m.key.split()[0])
        of_state = kind and kb.state_body(kb.entities[leader].country, kind) in present
        split = pat.leader_heads.get(normalize(m.text.split()[0])) in pat.leader_split_kinds
        if (m.entity in states and not (split and m.entity in forces)) or (m.entity is None and of_state):
            continue
        if leader in named and m.entity not in states:
            kept.append(m)
        elif split and leader not in named and (head := _before_leader(m, leader, mentions, kb)):
            kept.append(head)
    return kept


def _before_leader(body: Mention, leader: str, mentions: list[Mention], kb: Knowledge) -> Mention | None:
    """The words of a leader's body before its leader's name (جيش of جيش المخلوع صالح, قوات الرئيس السابق
    of قوات الرئيس السابق علي عبدالله صالح), where the article names the leader only there: the gold lists
    both the forces and the person, so the head and its titles are the forces and the name stays the
    person's. The person mention is one another finder read there, ending where the body ends: the leader's
    name (المخلوع صالح) before any other (the NER's صالح), the longest first, as the longest mention of a
    stretch is the one kept; a name that starts after a proclitic (للرئيس) cuts the body before that word.
    The body whole where no finder read a person there; None where no words are left before the name."""
    people = [p for p in mentions if p.type == "Person" and body.start < p.start and p.end == body.end]
    if not people:
        return body  # no finder read a person there (مليشيات علي صالح as one NER name): the body whole

    def is_leader(p: Mention) -> bool:
        known = kb.entities.get(p.entity or "") or kb.lookup(p.key)
        return known is not None and known.id == leader

    person = min(people, key=lambda p: (not is_leader(p), p.start))
    cut = person.start - body.start
    if not body.text[cut - 1].isspace():
        cut = body.text.rfind(" ", 0, cut)
    head = body.text[:max(cut, 0)].rstrip()
    if not head:
        return None
    return replace(body, end=body.start + len(head), text=head)


def leader_name_after(m: Mention, after: Mention | None, text: str, kb: Knowledge,
                      pat: ActorPatterns | None = None) -> str | None:
    """The full written name (قوات الرئيس السابق علي عبدالله صالح) of a leader's forces whose mention stops
    before the leader's name, the person mention right after it (only spaces or a proclitic, ل of للرئيس,
    between): a body ``_before_leader`` cut there, or forces the alias table names after that person
    (``named_after``: قوات المخلوع before علي عبدالله صالح). None for any other mention."""
    pat = pat or load_actor_patterns()
    words = m.text.split()
    if (after is None or after.type != "Person" or not words
            or pat.leader_heads.get(normalize(words[0])) not in pat.leader_split_kinds):
        return None
    gap = text[m.end:after.start]
    if not gap[:1].isspace() or len(gap.strip()) > 2 or gap.strip() != gap.lstrip():
        return None
    known = kb.entities.get(m.entity or "")
    cut = m.origin == "pattern" and m.key.endswith(" " + normalize(after.text).split()[-1])
    person = kb.entities.get(after.entity or "") or kb.lookup(after.key)
    if not cut and not (known and known.named_after and person and known.named_after == person.id):
        return None
    return " ".join(text[m.start:after.end].split())


def written_leader_body(m: Mention, pat: ActorPatterns | None = None) -> str | None:
    """A leader's body as written (فلول المخلوع صالح), a name beside its key (قوات علي عبد الله صالح); none
    where a proclitic changed the head's letters (للقوات)."""
    pat = pat or load_actor_patterns()
    words = m.text.split()
    if m.origin != "pattern" or not words or normalize(words[0]) not in pat.leader_heads:
        return None
    return None if normalize(m.text) == m.key else " ".join(words)


def _quoted_name(spans: SpanKeys, j: int) -> tuple[int, list[str]] | None:
    """(end token after the last word, words) of a quoted name opening at token j."""
    tokens = spans.tokens
    if j >= len(tokens) or tokens[j].text not in OPENING_QUOTES:
        return None
    for k in range(j + 1, min(len(tokens), j + MAX_QUOTED_WORDS + 2)):
        if tokens[k].text in CLOSING_QUOTES:
            words = [n for n in spans.norm[j + 1 : k] if n]
            return (k, words) if words and all(any(ch.isalpha() for ch in w) for w in words) else None
        if not spans.norm[k] and tokens[k].text not in "-–":
            return None
    return None


def _is_stop(word: str, pat: ActorPatterns, kb: Knowledge, head: str = "") -> bool:
    """``word`` ends a name after a head: a stop word, a not-name, a generic, or a known non-organization;
    a remit word after an institution head is its name (وزارة الدفاع، هيئة الشرطة), not a stop."""
    if head in pat.fallback_heads and word in pat.remit_words:
        return False
    if (word in pat.name_stop_words or word in kb.stop_after_head or word in kb.not_names or word in kb.generics
            or word in kb.person_titles):  # حزب العدل والنائب ...: a person's title starts another name
        return True
    known = kb.lookup(word, ambiguous=True)
    return bool(known and known.type != "Organization")


def _tribe_name(spans: SpanKeys, j: int, pat: ActorPatterns, kb: Knowledge) -> int | None:
    """End token of a tribe's name after its head: a clan prefix and a word (قبيلة البو حمدان، عشيرة آل
    جبر), or a known place, after a settlement noun too (عشائر الأنبار، عشائر محافظة الأنبار)."""
    prefix = _words_at(spans, j, pat.tribe_prefixes)
    if prefix and prefix < len(spans.norm) and spans.tokens[prefix].is_word and len(spans.norm[prefix]) >= 3:
        return prefix + 1
    at = j + (j + 1 < len(spans.norm) and spans.norm[j] in pat.settlement_nouns)
    place = _known_at(spans, at, kb, ("Place",))
    if place:
        return place[0]
    return None


def _unquoted_name(spans: SpanKeys, j: int, head: str, pat: ActorPatterns, kb: Knowledge) -> int | None:
    """End token of definite words naming a group after its head (العدل والمساواة، العمالقة); after an
    institution head also a last demonym (وزارة العدل الكويتية), after a tribe head a clan or a place."""
    if head in pat.tribe_heads and j < len(spans.norm) and (tribe := _tribe_name(spans, j, pat, kb)):
        return tribe
    end = j
    while end < len(spans.norm) and end - j < pat.max_name_words:
        word = spans.norm[end]
        stem = word[1:] if end > j and word.startswith("وال") else word
        if not stem.startswith("ال") or len(stem) < 4 or _is_stop(stem, pat, kb, head):
            break
        end += 1
    if j < end < len(spans.norm) and head in pat.fallback_heads and spans.norm[end] in kb.demonyms:
        end += 1
    return end if end > j else None


def _definite_words(spans: SpanKeys, j: int, pat: ActorPatterns, kb: Knowledge, adjectives: bool) -> int:
    """End token of the definite words from token j: an institution's adjectives (nisbas, و + nisba) or,
    after لل, the words of its remit (للسياحة والتراث الوطني)."""
    end = j
    while end < len(spans.norm) and end - j < pat.max_name_words:
        word = spans.norm[end]
        joined = end > j and word.startswith("وال")
        stem = word[1:] if joined else word
        if not stem.startswith("ال") or len(stem) < 4 or stem in pat.institution_stop_words or stem in kb.demonyms:
            break
        if stem in kb.generics:
            break
        nisba = stem.endswith(("ي", "يه"))
        if adjectives and not nisba and (joined or stem not in pat.institution_adjectives):
            break
        known = kb.lookup(stem, ambiguous=True)
        if known and known.type != "Organization":
            break
        end += 1
    return end


def _agrees(head: str, adjective: str) -> bool:
    """A nisba after a head agrees with it in gender (الحزب الجمهوري، اللجنة الوطنية); one that does not
    qualifies the noun before the head (طائرات التحالف الحربية)."""
    if not adjective.endswith("ي") and not adjective.endswith("يه"):
        return True
    return head.endswith("ه") == adjective.endswith("يه")


def _definite_institution(spans: SpanKeys, i: int, head: str, pat: ActorPatterns, kb: Knowledge) -> int | None:
    """End token of ``definite head + definite adjectives [+ لل-phrase]`` at token i (المحكمة العليا،
    اللجنة العليا للانتخابات، الوكالة الدولية للطاقة الذرية); the head alone names nothing, nor does
    one adjective after a head that many bodies share (المكتب الإعلامي)."""
    end = _definite_words(spans, i + 1, pat, kb, adjectives=True)
    if end == i + 1 or not _agrees(head, spans.norm[i + 1]):
        return None
    if end < len(spans.norm) and spans.norm[end].startswith("لل") and len(spans.norm[end]) > 4:
        return _definite_words(spans, end + 1, pat, kb, adjectives=False)
    return end if end > i + 2 or head in pat.single_adjective_heads else None


def find_actor_patterns(text: str, sentence: Sentence, spans: SpanKeys, kb: Knowledge,
                        pat: ActorPatterns | None = None) -> list[Mention]:
    """Mentions (origin ``pattern``) of state forces by demonym and of groups named after a head noun;
    an institution's unquoted name (origin ``cue``) yields to the NER and the alias table."""
    pat = pat or load_actor_patterns()
    found: list[Mention] = []
    i, n = 0, len(sentence.tokens)
    while i < n:
        hit = None
        for stripped, head in spans.readings[i]:
            hit = _match_at(spans, i, head, pat, kb)
            if hit:
                end, entity = hit
                quoted = _quoted_name(spans, i + 1)
                if entity is None and quoted:  # a new name in quotes is the name; the head stays outside
                    found.append(token_mention(text, sentence, i + 2, end, 0, " ".join(quoted[1]), "Organization",
                                               "pattern"))
                    break
                key = " ".join([head, *(w for w in spans.norm[i + 1 : end] if w)])
                if key not in kb.alias_index:
                    fallback = entity is None and (head in pat.fallback_heads or head in pat.definite_heads) and not (
                        head in pat.tribe_heads and _tribe_name(spans, i + 1, pat, kb) == end  # outranks the place
                    ) and not _sub_body(spans, i, head, pat, kb) and not _local_body(spans, i, head, pat, kb)
                    found.append(token_mention(text, sentence, i, end, stripped, key, "Organization",
                                               "cue" if fallback else "pattern", entity))
                break
        i = hit[0] if hit else i + 1
    return found


def _match_at(spans: SpanKeys, i: int, head: str, pat: ActorPatterns, kb: Knowledge) -> tuple[int, str | None] | None:
    """(end token, entity id or None) of a pattern whose head is ``head`` at token i."""
    body = _state_body(spans, i, head, pat, kb)
    if body:
        return body
    # a new body: of a known organization, of a town, a numbered unit (an end token is never 0)
    own = _sub_body(spans, i, head, pat, kb) or _local_body(spans, i, head, pat, kb) or _numbered_unit(
        spans, i, head, pat)
    if own:
        return own, None
    if head in pat.force_heads:
        forces = _state_forces(spans, i, head, pat, kb)
        if forces:
            return forces
        kind = _force_kind(spans, i, head, pat, kb)
        if kind:
            return kind, None
    if head in pat.definite_heads:
        end = _definite_institution(spans, i, head, pat, kb)
        return (end, None) if end else None
    if head not in pat.name_heads and head not in pat.same_actor_heads:
        return None
    quoted = _quoted_name(spans, i + 1)
    if quoted:
        end, words = quoted
        known = kb.lookup(" ".join(words)) or kb.lookup(" ".join([head, *words]))
        if known and known.type == "Organization":
            return end, known.id
        return (end, None) if head in pat.name_heads and not known else None
    known_org = _known_at(spans, i + 1, kb)
    if known_org and head in pat.same_actor_heads:
        return known_org
    if head in pat.unquoted_heads and not known_org:
        end = _unquoted_name(spans, i + 1, head, pat, kb)
        if end:
            return end, None
    return None
