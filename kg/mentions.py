"""Finding entity mentions: stanza NER spans, known names from the alias table, place cues
(بلدة X، مخيم X) and generic references (التنظيم).  Overlaps are settled so each character belongs
to at most one mention.  Keys are normalized and clitic-free; offsets point into the original text."""

from __future__ import annotations

import re

from kg.knowledge import Knowledge
from kg.model import Mention, Sentence, Token
from kg.normalize import DIACRITICS, INVISIBLE, PRONOUN_SUFFIXES, normalize

# Which finder wins when two mentions overlap (lower wins, then the longer); see ``settle_overlaps``.
# Known names and generic phrases rank together so "القاعدة العسكرية" (the base) beats "القاعدة" (al-Qaeda).
PRIORITY = {"gazetteer": 0, "generic": 0, "pattern": 0, "ner": 1, "cue": 2, "repeat": 4}


def skip_letters(text: str, start: int, letters: int) -> int:
    """Index in ``text`` after ``letters`` base letters from ``start`` (diacritics don't count)."""
    pos = start
    while letters > 0 and pos < len(text):
        if not (DIACRITICS.match(text[pos]) or INVISIBLE.match(text[pos])):
            letters -= 1
        pos += 1
    while pos < len(text) and DIACRITICS.match(text[pos]):
        pos += 1
    return pos


class SpanKeys:
    """Normalized keys of token spans of one sentence, with the first token's proclitic readings.

    Reads the forms each ``Token`` computes once (``norm``, ``readings``), so building one per sentence
    for each stage that needs it costs nothing."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.norm = [t.norm for t in tokens]
        self.readings = [t.readings for t in tokens]

    def first_readings(self, i: int) -> tuple[tuple[int, str], ...]:
        """Token i's clitic readings; a one-letter word, which has none, reads as itself, as it may open
        a name of initials (أ ف ب); a word in لل may be ل before a name in ل (لليبيا، للبنان), not only
        ل before ال."""
        word = self.norm[i]
        readings = self.readings[i] or (((0, word),) if word else ())
        if len(word) > 4 and word.startswith("لل") and all(stem != word[1:] for _, stem in readings):
            readings += ((1, word[1:]),)
        return readings

    def keys(self, i: int, j: int) -> list[tuple[int, str]]:
        """(chars stripped from token i, key) for tokens[i:j], unstripped reading first."""
        rest = " ".join(n for n in self.norm[i + 1 : j] if n)
        return [(c, f"{stem} {rest}".strip()) for c, stem in self.first_readings(i)]


def token_mention(text: str, sentence: Sentence, i: int, j: int, stripped: int, key: str, type_: str,
                  origin: str, entity: str | None = None) -> Mention:
    """The mention over tokens [i, j), less the ``stripped`` proclitic letters of the first: every finder's."""
    tokens = sentence.tokens
    start = skip_letters(text, tokens[i].start, stripped) if stripped else tokens[i].start
    end = tokens[j - 1].end
    return Mention(start, end, text[start:end], type_, sentence.index, key, origin, entity)


class NameTable:
    """Names to look up, as normalized key -> (entity id, type); ``max_tokens`` bounds the n-grams tried.

    ``words_after`` indexes the keys by their first word (the most further words any key starting with
    it has), so a token whose readings start no key costs a few set lookups; it is built from whatever
    ``names`` holds, so new table entries need nothing else."""

    def __init__(self, names: dict[str, tuple[str | None, str]], max_tokens: int):
        self.names = names
        self.max_tokens = max_tokens
        self.words_after: dict[str, int] = {}
        for key in names:
            first, *rest = key.split(" ")
            self.words_after[first] = max(self.words_after.get(first, 0), len(rest))

    @classmethod
    def from_knowledge(cls, kb: Knowledge) -> NameTable:
        names = {key: (eid, kb.entities[eid].type) for key, eid in kb.alias_index.items()}
        return cls(names, kb.max_alias_tokens)

    @classmethod
    def of_generics(cls, kb: Knowledge) -> NameTable:
        """Generic references (التنظيم، القوات الحكومية): no entity until the resolver picks one."""
        return cls({key: (None, ref.type) for key, ref in kb.generics.items()}, kb.max_generic_tokens)

    def name_at(self, spans: SpanKeys, i: int) -> tuple[int, int, str] | None:
        """``longest_at`` for a name that starts on the word at token i; +2: punctuation tokens inside a
        name (قوات “قسد”) do not count as words of the key."""
        if not spans.tokens[i].is_word:
            return None
        return self.longest_at(spans, i, min(len(spans.tokens), i + self.max_tokens + 2))

    def longest_at(self, spans: SpanKeys, i: int, limit: int) -> tuple[int, int, str] | None:
        """The longest name starting at token i and ending before token ``limit``, as (end token, chars
        stripped, key): longest first, then the unstripped reading, as ``SpanKeys.keys`` orders them."""
        readings = []
        for c, stem in spans.first_readings(i):
            # a stem of several words (a ligature NFKC spelled out) is checked word by word, like any key
            first, _, more = stem.strip().partition(" ")
            if first in self.words_after:
                readings.append((c, stem, self.words_after[first] - (more.count(" ") + 1 if more else 0)))
        if not readings:
            return None
        tokens, norm = spans.tokens, spans.norm
        rests = [""]  # rests[w]: the first w forms after token i (tokens that normalize to nothing skipped)
        ends = []  # (end token, forms after token i), for spans that end on a word
        most = max(r[2] for r in readings)
        for j in range(i + 1, limit + 1):
            if len(rests) - 1 > most:
                break
            if tokens[j - 1].is_word or norm[j - 1].isdigit():  # a name may end in a number (مجموعة 5+1)
                ends.append((j, len(rests) - 1))
            if j < limit and norm[j]:
                rests.append(f"{rests[-1]} {norm[j]}" if rests[-1] else norm[j])
        for j, words in reversed(ends):
            for c, stem, room in readings:
                if words <= room:
                    key = f"{stem} {rests[words]}".strip()
                    if key in self.names:
                        return j, c, key
        return None


def find_names(text: str, sentence: Sentence, spans: SpanKeys, table: NameTable, origin: str) -> list[Mention]:
    """Longest match of a known name at each token (greedy, left to right, clitics stripped)."""
    found = []
    i, n = 0, len(sentence.tokens)
    while i < n:
        hit = table.name_at(spans, i)
        if hit:
            j, stripped, key = hit
            entity_id, type_ = table.names[key]
            j = _same_entity_end(spans, table, i, j, entity_id)
            found.append(token_mention(text, sentence, i, j, stripped, key, type_, origin, entity_id))
            i = j
        else:
            i += 1
    return found


def _same_entity_end(spans: SpanKeys, table: NameTable, i: int, j: int, entity_id: str | None) -> int:
    """End of the name at tokens i..j, run on over another name of the same entity that starts inside it and
    ends after it (طائرات التحالف العربي + التحالف العربي لدعم الشرعية): what is left after j would otherwise
    be read as a back-reference of its own (الشرعية, Yemen's government). Never over another entity's
    name (طائرات التحالف الدولي + التحالف الدولي لمحاربة داعش: داعش stays a mention)."""
    if entity_id is None:
        return j
    for k in range(i + 1, j):
        hit = table.name_at(spans, k)
        if hit and hit[0] > j and table.names[hit[2]][0] == entity_id and not any(
                (other := table.name_at(spans, m)) and table.names[other[2]][0] != entity_id for m in range(j, hit[0])):
            j = hit[0]
    return j


NEXT_WORD = re.compile(r"[^\S\n]+([^\s،,.؛:!?()«»\"]+)")  # the next word on the line, without its punctuation


def nisba_stem(word: str) -> str:
    """السورية، السوريين -> السوري: one form for a demonym's gender and number."""
    for ending in ("يين", "يون", "يه"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + "ي"
    return word


def find_generics(text: str, sentence: Sentence, spans: SpanKeys, table: NameTable, kb: Knowledge) -> list[Mention]:
    """Generic references (التنظيم) for the resolver.  One that a demonym specifies stands for its default
    actor only when the demonym fits that actor (النظام السوري); otherwise (الجيش اليمني، النظام الإيراني)
    it is not a back-reference and the span is left to the NER, unless it is the generic of a state's body
    (``state_body``): with the demonym it names that state's body, a mention found here."""
    found = []
    for m in find_names(text, sentence, spans, table, "generic"):
        after = NEXT_WORD.match(text, m.end)
        demonym = normalize(after.group(1)) if after else ""
        state_body = kb.generics[m.key].state_body
        body = kb.state_body(kb.demonym_states.get(demonym, ""), state_body) if state_body else None
        if body:  # the generic of a state's body and the state's demonym name that body (المؤسسة العسكرية اليمنية)
            end = after.end(1)
            found.append(Mention(m.start, end, text[m.start : end], "Organization", m.sentence,
                                 normalize(text[m.start : end]), "pattern", body))
            continue
        if demonym in kb.demonyms:
            default = kb.entities.get(kb.generics[m.key].default or "")
            words = {nisba_stem(w) for name in (default.aliases if default else ()) for w in normalize(name).split()}
            if nisba_stem(demonym) not in words:
                continue
        found += _title_and_organization(text, sentence, spans, m, kb)
    return found


def _title_and_organization(text: str, sentence: Sentence, spans: SpanKeys, m: Mention, kb: Knowledge) -> list[Mention]:
    """A person's title that names an organization (الأمين العام لحزب الله، قائد قوات الدعم السريع): the
    title words stay the generic reference to the person, the organization is a mention of its own."""
    if kb.generics[m.key].type != "Person":
        return [m]
    first = next(k for k, t in enumerate(sentence.tokens) if t.start >= m.start)
    last = next(k for k in range(len(sentence.tokens) - 1, -1, -1) if sentence.tokens[k].end <= m.end) + 1
    for i in range(first + 1, last):
        for stripped, key in spans.keys(i, last):
            org = kb.lookup(key)
            if org and org.type == "Organization":
                title = Mention(m.start, sentence.tokens[i - 1].end, text[m.start : sentence.tokens[i - 1].end],
                                m.type, m.sentence, m.key, m.origin)
                return [title, token_mention(text, sentence, i, last, stripped, key, org.type, "gazetteer", org.id)]
    return [m]


def best_key(spans: SpanKeys, i: int, j: int, kb: Knowledge) -> tuple[int, str]:
    """Pick the reading of a span: one the alias table knows, else strip a clitic only before ال,
    before a head noun (لوحدات الحماية -> وحدات الحماية) or before the first word of a person name
    (بأبي مالك، لعبد العاطي), so a proclitic never makes a new name."""
    readings = spans.keys(i, j)
    for stripped, key in readings:
        if kb.lookup(key, ambiguous=True):
            return stripped, key
    for stripped, key in readings[1:]:
        first = key.split()[0]
        article_noun = key.startswith("ال") and len(first) > 4
        head_noun = _is_cue_word(first, kb) and not _is_cue_word(readings[0][1].split()[0], kb)
        name_prefix = first in kb.kunya_prefixes and " " in key
        if article_noun or head_noun or name_prefix or (
                stripped == 1 and CONJUNCTION_BEFORE_NAME.match(spans.tokens[i].text)):
            return stripped, key
    return readings[0] if readings else (0, "")


# و before a hamza or another و, ف before a hamza, is the conjunction: few names begin وأ/وإ/وو/فأ/فإ
# (وأبو صراح، ووادي); many begin فو (فورن بوليسي، فوزي)
CONJUNCTION_BEFORE_NAME = re.compile(r"^(?:و[أإو]|ف[أإ])")


def from_ner(text: str, sentence: Sentence, spans: SpanKeys, ner_spans: list[tuple[int, int, str]],
             kb: Knowledge) -> list[Mention]:
    found = []
    for i, j, type_ in ner_spans:
        while i < j and not sentence.tokens[i].is_word:
            i += 1
        while j > i and (not sentence.tokens[j - 1].is_word or spans.norm[j - 1] in kb.name_trailers):
            j -= 1
        if i >= j:
            continue
        stripped, key = best_key(spans, i, j, kb)
        if not key or len(key) < 3 or _is_cue_word(key, kb) or key in kb.generics or key in kb.not_entities:
            continue
        known = kb.lookup(key, ambiguous=True)
        found.append(token_mention(text, sentence, i, j, stripped, key, known.type if known else type_, "ner",
                              known.id if known else None))
    return found


def _is_cue_word(key: str, kb: Knowledge) -> bool:
    return key in kb.place_heads or key in kb.org_heads or key in kb.person_titles


def _stem(spans: SpanKeys, i: int, vocabulary: frozenset[str] | dict) -> str | None:
    for _, stem in spans.readings[i]:
        if stem in vocabulary:
            return stem
    return None


def _could_name(spans: SpanKeys, k: int, kb: Knowledge) -> bool:
    token, key = spans.tokens[k], spans.norm[k]
    # a noun with an attached pronoun (سيطرته، بأكملها) is no name
    if not token.is_word or len(key) < 3 or token.text.endswith(PRONOUN_SUFFIXES):
        return False
    if key in kb.stop_after_head or key in kb.not_names or key in kb.generics:
        return False
    # a known town after a preposition says where the facility is (سجن بطرابلس), not its name
    known_town = any(c and (ent := kb.lookup(stem)) and ent.type == "Place" for c, stem in spans.readings[k])
    return not known_town and not any(_is_cue_word(stem, kb) for _, stem in spans.readings[k])


def find_place_cues(text: str, sentence: Sentence, spans: SpanKeys, kb: Knowledge) -> list[Mention]:
    """``بلدة X``: the word after a settlement noun names a place; ``مخيم X``/``معبر X``: the noun and
    the word after it name a place together."""
    found = []
    for i in range(len(sentence.tokens) - 1):
        if not _could_name(spans, i + 1, kb) or (i + 2 < len(spans.norm)
                                                  and spans.norm[i + 2] in kb.relative_clause_markers):
            continue
        settlement = _stem(spans, i, kb.name_after_heads)
        facility = _stem(spans, i, kb.facility_heads)
        if settlement:
            end = i + 2
            initial = spans.norm[i + 1] in kb.place_name_initials
            if initial and i + 2 < len(spans.tokens) and _could_name(spans, i + 2, kb):
                end = i + 3  # تل رفعت، دير حافر
            key = " ".join(spans.norm[i + 1 : end])
            found.append(token_mention(text, sentence, i + 1, end, 0, key, "Place", "cue"))
        elif facility:
            stripped = next(c for c, s in spans.readings[i] if s == facility)
            end = _known_settlement_end(spans, i + 1, kb) or i + 2
            if end < len(spans.norm) and spans.norm[end] in kb.facility_trailers:
                end += 1  # مطار أربيل الدولي
            key = " ".join([facility, *(w for w in spans.norm[i + 1 : end] if w)])
            found.append(token_mention(text, sentence, i, end, stripped, key, "Place", "cue"))
    return found


SETTLEMENTS = frozenset({"city", "town", "village", "region", "country"})


def _known_settlement_end(spans: SpanKeys, j: int, kb: Knowledge) -> int | None:
    """End token of the longest known town, city, region or country starting at token j (جبل لبنان،
    مطار رفيق الحريري الدولي has none)."""
    best = None
    for k in range(j + 1, min(len(spans.norm), j + kb.max_alias_tokens) + 1):
        known = kb.lookup(" ".join(w for w in spans.norm[j:k] if w))
        if known and known.type == "Place" and known.category in SETTLEMENTS:
            best = k
    return best


def _initial(word: str) -> str:
    return (word[2:] if word.startswith("ال") and len(word) > 3 else word)[:1]


def find_defined_short_forms(text: str, sentence: Sentence, spans: SpanKeys) -> list[Mention]:
    """``حركة أحرار الجبل الغربي (حاجغ)``: words whose initials spell the bracketed word that follows
    them name an organization, even where the NER and the alias table miss it."""
    found = []
    tokens = sentence.tokens
    for b in range(2, len(tokens) - 2):
        if tokens[b].text not in "(（" or tokens[b + 2].text not in ")）":
            continue
        short = spans.norm[b + 1]
        if not 2 <= len(short) <= 6 or " " in short or not short.isalpha() or b < len(short):
            continue
        i = b - len(short)
        if not all(t.is_word for t in tokens[i:b]):
            continue
        rest = "".join(_initial(w) for w in spans.norm[i + 1 : b])
        for stripped, stem in spans.readings[i]:
            if _initial(stem) + rest == short:
                key = " ".join([stem, *spans.norm[i + 1 : b]])
                found.append(token_mention(text, sentence, i, b, stripped, key, "Organization", "cue"))
                break
    return found


def settle_overlaps(mentions: list[Mention], kb: Knowledge) -> list[Mention]:
    """Keep one mention per stretch of text.

    The alias table wins over NER, except for an NER organization or a facility named after a place it
    contains (مجلس دير الزور العسكري، مطار السليمانية), a different entity from the place, and an NER
    person whose surname alone is a known person or group (ميلانيا ترامب، حمزة الحوثي), unless an
    actor pattern reads a known body from the same start (حكومة تشاد in a span that runs on into the
    next name).
    """
    ner_orgs_over_places = set()  # and facilities over their towns, full names over a known surname
    bodies_at = {m.start for m in mentions if m.origin == "pattern" and m.entity}
    for m in mentions:
        # another person of a known family (ميلانيا ترامب، هلال الأسد) or of the family a group is named
        # after (حمزة الحوثي): the NER's full name, not the surname
        if m.origin == "ner" and m.type == "Person" and 1 < len(m.key.split()) <= 4 and not _is_cue_word(
                m.key.split()[0], kb) and any(k.origin == "gazetteer" and k.type in ("Person", "Organization")
                                              and " " not in k.key and k.end == m.end and k.start > m.start
                                              for k in mentions):
            ner_orgs_over_places.add(id(m))
        # a facility named after the town it serves (مطار السليمانية) is a place of its own
        if m.origin == "cue" and m.type == "Place" and m.key.split()[0] in kb.town_facility_heads and any(
                k.origin == "gazetteer" and k.type == "Place" and m.start < k.start and k.end <= m.end
                and kb.entities[k.entity].category in SETTLEMENTS for k in mentions):
            ner_orgs_over_places.add(id(m))
        if (m.origin == "ner" and m.type == "Organization" and m.key.split()[0] in kb.org_heads
                and m.start not in bodies_at):
            inner = [k for k in mentions if k.origin == "gazetteer" and m.start <= k.start and k.end <= m.end
                     and (k.start, k.end) != (m.start, m.end)]
            if inner and all(k.type == "Place" for k in inner):
                ner_orgs_over_places.add(id(m))

    # an institution's name that the NER cut short (لجنة الأمن of لجنة الأمن والدفاع) ranks with the NER;
    # one that runs on from a generic head (الهيئة of الهيئة العامة للموانئ) with the generic
    ner_starts = {(m.start, m.type): m.end for m in mentions if m.origin == "ner"}
    generic_starts = {m.start: m.end for m in mentions if m.origin == "generic"}
    longer_than = {id(m): origin for m in mentions if m.origin == "cue" and m.type == "Organization"
                   for origin, end in (("ner", ner_starts.get((m.start, m.type))),
                                       ("generic", generic_starts.get(m.start)))
                   if end is not None and end < m.end}

    def rank(m: Mention) -> tuple:
        boost = -1 if id(m) in ner_orgs_over_places else PRIORITY[longer_than.get(id(m), m.origin)]
        return (boost, -(m.end - m.start), m.start)

    kept: list[Mention] = []
    for m in sorted(mentions, key=rank):
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))
