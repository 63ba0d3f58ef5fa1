"""Entity resolution inside one article: one real-world actor = one entity id.

- names in the alias table resolve to their table id (all spellings and clitic forms fold by key);
- other names cluster by key, with merges that hold across news styles: an acronym in brackets right
  after a name (``قوات سوريا الديمقراطية (قسد)``), an organization's other name of several words in brackets or
  quotes after it (``الموساد (جهاز المخابرات الخارجية)``), a quoted second name after a trailer word
  (``المعروف باسم "النمر"``) and a person's single-word surname or first name standing for the full name;
- generic references (التنظيم، النظام، التحالف) take the most salient candidate: among the actors whose
  name starts with their head noun (تنظيم ...) and their default actor when the article names it, the
  one mentioned most often before them (nearest on ties); with no candidate they are dropped.
Ids of unknown entities hash their normalized label, so they are stable across runs and documents.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.actor_patterns import ActorPatterns, leader_name_after, load_actor_patterns, written_leader_body
from kg.knowledge import FUZZY_MIN_LETTERS, GenericReference, Knowledge, KnownEntity, load_knowledge
from kg.mentions import NameTable, SpanKeys, find_names, nisba_stem, skip_letters
from kg.model import ENTITY_TYPES, AnalyzedDoc, Entity, Mention, Sentence
from kg.normalize import DIACRITICS, INVISIBLE, PROCLITIC_PREP, normalize, proclitic_readings


def entity_id_for(key: str) -> str:
    return "E_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


class _Clusters:
    """Union-find over mention keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


BRACKETED_WORD = re.compile(r"\s*[(（]\s*(?P<name>[^\s()（）]{2,15})\s*[)）]")
QUOTED_WORD = re.compile(r"\s*[«\"“]\s*(?P<name>[^\s«»\"“”]{2,15})\s*[»\"”]")
BRACKETED_NAME = re.compile(r"\s*[(（«\"“]\s*(?P<name>[^()（）«»\"“”\n]{3,60}?)\s*[)）»\"”]")
SHORT_FORM_MIN_WORDS = 3  # a long organization name may be followed by its short form in quotes
KUNYA_CUE_SPAN = 30  # characters before a nickname searched for its cue: room for (و)المكنى باسم " and spaces
NEXT_IN_LIST = re.compile(r"\s*[»\"”']?\s*(?:[،,]\s*و?|و)\s*[«\"“']?\s*")  # between two names of a list


def _link_names_after(adoc: AnalyzedDoc, named: list[Mention], clusters: _Clusters, pattern: re.Pattern,
                      origin: str) -> list[Mention]:
    """A name right after another, in a form that says it is the same actor: the bracketed short form
    (``قوات سوريا الديمقراطية (قسد)``) or a second name after a trailer word (``سهيل الحسن المعروف باسم
    "النمر"``، ``نسرين إبراهيم المعروفة باسم أم سياف``).  Returns the quoted second names the finders had
    not marked, as new mentions; an unquoted one (origin ``bare_second_name``) must be a found name.  A
    word in quotes right after an organization's name (origin ``quoted_short_form``: شركة الخليج العربي
    للنفط "أجوكو") is its short form where a finder marked it, or after a long name where it is no
    definite word (a quoted verb after حماس is what it said)."""
    text = adoc.doc.text
    by_start = {m.start: m for m in named}
    added = []
    for m in named:
        match = pattern.match(text, m.end)
        # a place before brackets is a dateline (دمشق (رويترز)), not a name with its short form
        if m.type == "Place" or not match or not any(ch.isalpha() for ch in match.group("name")):
            continue
        inner = by_start.get(match.start("name"))
        if origin == "quoted_short_form" and not _may_be_short_form(m, inner, match.group("name")):
            continue
        if origin == "bracketed_name" and not _is_bracketed_body(m, inner, match):
            continue
        if origin == "bare_second_name":
            inner = inner or by_start.get(match.start("name") - 1)  # بشار read as بـ + شار
            if inner is None or inner.type != m.type:
                continue
        if inner is not None and inner.entity and m.entity and inner.entity != m.entity:
            continue
        if inner is None:
            word = match.group("name")
            inner = Mention(match.start("name"), match.end("name"), word, m.type, m.sentence, normalize(word),
                            origin)
            added.append(inner)
        elif origin in ("acronym", "quoted_short_form") and len(inner.key.split()) != 1:
            continue
        if origin == "quoted_short_form" and m.type == "Person":
            for o in named:  # the nickname, wherever the NER typed it otherwise
                o.type = "Person" if o.key == inner.key else o.type
        clusters.union(m.key, inner.key)
    return added


def _is_bracketed_body(m: Mention, inner: Mention | None, match: re.Match) -> bool:
    """An organization's other name of several words in brackets or quotes right after it (الموساد (جهاز
    المخابرات الخارجية)، لجنة حقوق الإنسان العربية "لجنة الميثاق"، وكالة التصنيف «ستاندارد أند بورز») is that
    organization where a finder marked all of it as one organization: one word there is an acronym or a
    short form (the rules for those), a person or a place there is someone else (جون كيري «الشرق الأوسط»,
    and a place before brackets is left alone: منطقة اليورو «آلية الاستقرار الأوروبية»)."""
    return (m.type == "Organization" and inner is not None and inner.type == "Organization"
            and inner.end == match.end("name") and " " in inner.key)


def _may_be_short_form(m: Mention, inner: Mention | None, word: str) -> bool:
    """A quoted ``word`` right after an organization's name is its short form where a finder marked it
    (``inner``), or, unmarked, after a long name and no definite word: after a short one (حماس "نرفض")
    quotes mostly give what it said.  After a person's full name, a one-word quoted name a finder marked,
    no definite word, that the table does not know is the person's nickname (محمود عبد الرازق «شيكابالا»),
    whatever type the NER gave it; a definite one is mostly another person (نجل الشيخ علي «الحسين»)."""
    if m.type == "Person":
        return (inner is not None and not inner.entity and inner.type != "Place" and " " in m.key
                and " " not in inner.key and not inner.key.startswith("ال"))
    if m.type != "Organization":
        return False
    return inner is not None or (len(m.key.split()) >= SHORT_FORM_MIN_WORDS and not normalize(word).startswith("ال"))


def _link_distant_nicknames(text: str, named: list[Mention], clusters: _Clusters, kb: Knowledge) -> None:
    """A person's kunya or nickname after a cue a clause after the name (عبد الله الأحمد وهو من مواليد
    1990 والمكنى بـ"أبو علي"، ويحمل لقب "أبو سعد"; ``kunya_cues``, read without diacritics: ملقّب) is a name
    of the person named last before it in the sentence, or, where the sentence names none before it (its
    subject named again by a surname the finders had not marked yet), in the article.  After a cue of
    several (``kunya_list_cues``: أسماء حركية مثل), every name of the list that follows, joined by و or a
    comma, is one of them."""
    if kb.kunya_cue_before is None:
        return
    people = sorted((m for m in named if m.type == "Person"), key=lambda m: m.start)
    listed: tuple[Mention | None, int] | None = None  # whom a list of nicknames names, and where it has got to
    for i, m in enumerate(people):
        cue_text = DIACRITICS.sub("", text[max(0, m.start - KUNYA_CUE_SPAN) : m.start])
        of_list = kb.kunya_list_cue_before is not None and kb.kunya_list_cue_before.search(cue_text)
        if listed is not None and NEXT_IN_LIST.fullmatch(text[listed[1] : m.start]):
            before = listed[0]
        elif of_list or kb.kunya_cue_before.search(cue_text):
            earlier = [p for p in reversed(people[:i]) if p.key != m.key]
            before = next((p for p in earlier if p.sentence == m.sentence), earlier[0] if earlier else None)
        else:
            listed = None
            continue
        listed = (before, m.end) if of_list or listed is not None else None
        if before is not None and not (before.entity and m.entity and before.entity != m.entity):
            clusters.union(before.key, m.key)


def _is_part(words: list[str], full: list[str]) -> bool:
    """``words`` appear in ``full`` in order, and ``full`` is longer (أبو زيد in أحمد أبو زيد)."""
    it = iter(full)
    return len(words) < len(full) and all(any(_same_word(w, f) for f in it) for w in words)


def _same_word(a: str, b: str) -> bool:
    """One word of a name in two spellings: equal once folded (``_spelling``), or, in words of five
    letters or more, two neighbouring letters swapped (الديلمي / الدليمي، دوداييف / دوادييف); in words of
    six letters or more also one letter more inside the word (منوشين / منوتشين), the same letters moved within three
    places (كوندوغا / كودونغا); in foreign words (no article ال) of six letters or more, also the same
    letters but long vowels moved or changed (يادلين / يديلين), never one more or fewer (الخميني / الخامنئي)."""
    if a == b or _spelling(a) == _spelling(b):
        return True
    if (len(a) == len(b) >= 6 and not a.startswith("ال") and not b.startswith("ال")
            and _spelling(a, loose=True) == _spelling(b, loose=True)):
        return True
    if abs(len(a) - len(b)) == 1 and min(len(a), len(b)) >= 6:
        short, long_ = sorted((a, b), key=len)
        return any(long_[:k] + long_[k + 1 :] == short for k in range(1, len(long_) - 1))
    if len(a) != len(b) or len(a) < 5:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
        return True
    return len(a) >= 6 and 0 < diff[0] and diff[-1] - diff[0] <= 2 and sorted(a) == sorted(b)


def _part_readings(first: str, rest: str, type_: str, kb: Knowledge) -> list[tuple[int, str]]:
    """(chars stripped, first word) readings of a name part's first word: its proclitic readings and, for a
    person, the word without the accusative alef of an indefinite name (رأيت حارثا) or, glued to its kunya
    prefix, as two words (عبدالرحمن of رامي عبد الرحمن), as news spells them."""
    readings = list(proclitic_readings(first))
    if type_ != "Person":
        return readings
    if not rest and len(first) > 3 and first.endswith("ا"):
        readings.append((0, first[:-1]))
    glued = _glued_prefix(first, kb)
    if glued:
        readings.append((0, f"{glued} {first[len(glued):]}"))
    return readings


def _glued_prefix(word: str, kb: Knowledge) -> str | None:
    """The kunya prefix a name word is written glued to (عبد of عبدالرحمن), if any."""
    return next((p for p in kb.kunya_prefixes if " " not in p and len(p) >= 3 and word.startswith(p)
                 and len(word) > len(p) + 2), None)


def _unglued(key: str, kb: Knowledge) -> list[str]:
    """A full name's words with a glued kunya prefix written apart (عبداللطيف بن راشد -> عبد اللطيف بن
    راشد), so a part spelt either way is found in it."""
    words = []
    for w in key.split():
        glued = _glued_prefix(w, kb)
        words += [glued, w[len(glued):]] if glued else [w]
    return words


def _link_person_parts(text: str, named: list[Mention], clusters: _Clusters, kb: Knowledge) -> None:
    """A shorter person name whose words are, in order, part of a person's full name joins it (the most
    named one where several contain it):
    a lone first name or surname, a two-word surname (أبو زيد of أحمد أبو زيد), a first name with the
    family name (مفرج الحقباني of مفرج بن سعد الحقباني).  Spellings of one known person count as one owner
    (ميشال عون، ميشيل عون).  A known person's one name joins another known person's full name that contains
    it not as its family name, only where the article names that one more often (البغدادي beside البغدادي
    المحمودي named three times; never القذافي of سيف الإسلام القذافي).  A word matches its other spelling
    (``_same_word``: دوداييف of جوهر دوادييف، الدليمي of علي الديلمي، أبي of أبو).  A part read with a
    proclitic (لسلمان) or the accusative alef (حارثا) loses it when only that reading fits.
    A place-name match that is such a part (كوباني of مظلوم كوباني، الراعي of بشارة بطرس الراعي) is the
    person's name here, unless it is a near spelling of a known place in a name the table does not know."""
    fulls = [(_unglued(m.key, kb), m) for m in named if m.type == "Person" and len(m.key.split()) > 1]
    named_times = Counter(m.entity for m in named if m.entity)
    decided: dict[tuple[str, str], tuple[int, str] | None] = {}  # (key, type) -> (clitic letters, new key)
    for m in sorted(named, key=lambda m: -len(m.key.split())):
        if m.type not in ("Person", "Place") or (m.type == "Place" and (" " in m.key or kb.is_state(m.entity))):
            continue  # a state (إسرائيل of إسرائيل كاتس) is named for itself, never as part of a person's name
        if (m.key, m.type) in decided:  # the same name again: the same decision
            _apply_part(text, m, decided[(m.key, m.type)])
            continue
        decided[(m.key, m.type)] = None
        first, _, rest = m.key.partition(" ")
        for stripped, stem in _part_readings(first, rest, m.type, kb):
            words = f"{stem} {rest}".split()
            owners: dict[str, list[tuple[list[str], Mention]]] = defaultdict(list)
            for full, f in fulls:
                if (any(_is_part(words, form) for form in _particles_glued(full))
                        and clusters.find(f.key) != clusters.find(m.key)):
                    # spellings of one full name (رائد الصالح، رائد صالح) are one owner
                    same = next((k for k, names in owners.items() if not f.entity and len(names[0][0]) == len(full)
                                 and all(map(_same_word, names[0][0], full))), None)
                    owners[f.entity or same or clusters.find(f.key)].append((full, f))
            owner = _salient_owner(words, list(owners.values()), m.start)
            if owner is None:
                continue
            if m.type == "Person" and m.entity and owner.entity and m.entity != owner.entity and (
                    _same_word(owner.key.split()[-1], words[-1]) or named_times[owner.entity] <= named_times[m.entity]):
                break  # a family name (القذافي of سيف الإسلام القذافي) is no part of the relative's name
            if m.type == "Place" and not (owner.entity or m.entity) and kb.lookup_variant(m.key, "Place"):
                break  # a place misspelt in an unknown name (وجرف الباغور) is still the place
            decided[(m.key, m.type)] = (stripped, " ".join(words))
            _apply_part(text, m, (stripped, " ".join(words)))
            clusters.union(owner.key, m.key)
            break


DOTTED_SURNAME_MIN_LETTERS = 5  # a shorter word one dot off is often another name (تامر / ثامر)


def _one_dot_apart(a: str, b: str, kb: Knowledge) -> bool:
    """Two words of one length that differ in one letter only, one of a group of letters one dot apart
    (``dot_variants``: مغازي / معازي)."""
    diff = [(x, y) for x, y in zip(a, b, strict=False) if x != y] if len(a) == len(b) else []
    return len(diff) == 1 and kb.dot_group.get(diff[0][0], -1) == kb.dot_group.get(diff[0][1], -2)


def _misspelt_surname(word: str, surname: str, kb: Knowledge) -> bool:
    """A lone name that is a surname misspelt: one dot off (``_one_dot_apart``), or with an alef typed
    before it (اصلاح of صلاح), as the prosthetic alef ``_spelling`` folds in longer words."""
    return _one_dot_apart(word, surname, kb) or word == "ا" + surname


def _link_dotted_surnames(named: list[Mention], clusters: _Clusters, kb: Knowledge) -> None:
    """A lone person name the table does not know, of five letters or more, that no rule joined to anyone,
    one dot off the surname of one person the article names in full (معازي beside حسام الدين مغازي) or that
    surname with an alef before it (اصلاح beside محمد صلاح; ``_misspelt_surname``), is that person misspelt:
    news drop or add a dot, and the gold names the misspelling with the person."""
    owners: dict[str, set[str]] = defaultdict(set)  # surname -> clusters of the full names ending in it
    for m in named:
        if m.type == "Person" and " " in m.key:
            owners[m.key.split()[-1]].add(clusters.find(m.key))
    alone = Counter(clusters.find(m.key) for m in named)
    by_key = Counter(m.key for m in named)
    for m in named:
        if (m.type != "Person" or m.entity or " " in m.key or len(m.key) < DOTTED_SURNAME_MIN_LETTERS
                or alone[clusters.find(m.key)] != by_key[m.key]):
            continue
        found = {c for surname, cs in owners.items() if _misspelt_surname(m.key, surname, kb) for c in cs}
        if len(found) == 1:
            clusters.union(found.pop(), m.key)


PARTICLE_MAX_LETTERS = 3  # لو، دي، فان of a foreign surname, which news also write glued to the next word


def _particles_glued(full: list[str]) -> list[list[str]]:
    """A full name's words as written, then with each short particle glued to the word after it (جان إيف
    لودريان of جان إيف لو دريان، دي ميستورا / ديميستورا), so a part spelt glued is found in it."""
    return [full] + [full[:i] + [full[i] + full[i + 1]] + full[i + 2 :]
                     for i in range(len(full) - 1) if len(full[i]) <= PARTICLE_MAX_LETTERS]


def _apply_part(text: str, m: Mention, decision: tuple[int, str] | None) -> None:
    """A name found to be part of a person's full name: a person, read without its clitic letters."""
    if decision is None:
        return
    stripped, key = decision
    if m.type == "Place":
        m.entity, m.type = None, "Person"
    if stripped:
        m.start = skip_letters(text, m.start, stripped)
        m.text = text[m.start : m.end]
    m.key = key


def _salient_owner(words: list[str], owners: list[list[tuple[list[str], Mention]]], start: int) -> Mention | None:
    """The full name a part at ``start`` stands for when several contain it (ميشال عون and آلان عون): the
    one the article names most often, then the one whose last word the part ends with (the surname), then
    the one named last before the part (قال عبد السلام دوابشة إن سعد دوابشة توفي ... كان يعالج دوابشة);
    None on a tie."""
    def rank(names: list[tuple[list[str], Mention]]) -> tuple[int, bool, int]:
        return (len(names), any(_same_word(full[-1], words[-1]) for full, _ in names),
                max((f.start for _, f in names if f.start < start), default=-1))

    owners = sorted(owners, key=rank, reverse=True)
    if not owners or (len(owners) > 1 and rank(owners[0]) == rank(owners[1])):
        return None
    return owners[0][0][1]


def _shortens(words: list[str], longer: list[str], between: bool) -> bool:
    """``words`` are a short form of the body named ``longer``: its first words, the article ال aside
    (صندوق النقد of صندوق النقد الدولي، محكمة الجنايات of محكمة جنايات القاهرة), or, with ``between``, its
    first and last word with some of the words between, in order, a word between read without its
    proclitic (المؤتمر العام of المؤتمر الوطني العام، محكمة طرابلس of محكمة استئناف طرابلس، اتحاد كرة القدم of
    الاتحاد السعودي لكرة القدم)."""
    if len(words) < 2 or len(longer) <= len(words):
        return False
    if all(map(_same_word, words, longer)):
        return True
    inner = [r[-1][1] if (r := proclitic_readings(w)) else w for w in longer[1:-1]]
    return (between and _same_word(words[0], longer[0]) and _same_word(words[-1], longer[-1])
            and (_is_part(words[1:-1], longer[1:-1]) or _is_part(words[1:-1], inner)))


def _foreign_last_word(words: list[str], longer: list[str], kb: Knowledge) -> bool:
    """``words`` are the last word of a two-word foreign name (يونايتد of مانشستر يونايتد): no head noun,
    no article ال, as news shortens a club's or a company's name."""
    return (len(words) == 1 and len(longer) == 2 and longer[1] == words[0] and longer[0] not in kb.org_heads
            and not any(w.startswith("ال") for w in longer))


def _link_name_prefixes(named: list[Mention], clusters: _Clusters, kb: Knowledge) -> None:
    """An organization or facility named by a short form (``_shortens``) of one longer such name of the
    article is that one (مجلس النواب of مجلس النواب العراقي، الحكومة الليبية of الحكومة الليبية المؤقتة،
    مستشفى سامراء of مستشفى سامراء العام; a name the table does not know also with words between dropped,
    المؤتمر العام of المؤتمر الوطني العام: a known one so shortened, المنظمة الدولية of المنظمة الطبية
    الدولية or القوات النيجيرية of القوات الجوية النيجيرية, is a body of its own), or by its words but a
    demonym (المجلس الأعلى للسلام of المجلس الأفغاني الأعلى للسلام، طالبان of طالبان الأفغان), or, unknown, by
    the last word of a foreign name (``_foreign_last_word``: سيتي of مانشستر سيتي, of the one named most
    where several end in it, مانشستر سيتي named thrice beside نوريتش سيتي once); a short form
    of two such names (وزارة الداخلية beside two ministries; spellings of one known name, اتحاد الوطني X of
    الاتحاد الوطني X, are one) stays apart, as do two different known actors
    (a body made for a demonym is no known actor here).  Longest names first, so a short form of two
    names the step joined (منظمة التجارة of منظمة التجارة العالمية، named again with a word more) has one."""
    orgs = [m for m in named if m.type == "Organization" or (  # مستشفى سامراء (العام)، حي الفهد (الشمالي)
        m.type == "Place" and m.key.split()[0] in kb.town_facility_heads | kb.place_heads)]
    spelt_known = {_spelling(o.key): o.entity for o in orgs if o.entity}  # اتحاد الوطني X of الاتحاد الوطني X

    def owner_of(o: Mention) -> str:
        return o.entity or spelt_known.get(_spelling(o.key)) or clusters.find(o.key)

    for m in sorted(orgs, key=lambda m: -len(m.key.split())):
        words = m.key.split()
        owners = {owner_of(o): o for o in orgs if len(o.key.split()) > len(words) and (
                  _shortens(words, o.key.split(), not m.entity)
                  or (not m.entity and _foreign_last_word(words, o.key.split(), kb))
                  or [w for w in o.key.split() if w not in kb.demonyms] == words)}
        if len(owners) > 1 and all(_foreign_last_word(words, o.key.split(), kb) for o in owners.values()):
            ranked = Counter(k for o in orgs if (k := owner_of(o)) in owners).most_common(2)
            owners = {ranked[0][0]: owners[ranked[0][0]]} if ranked[0][1] > ranked[1][1] else owners
        if len(owners) == 1:
            owner = next(iter(owners.values()))
            if m.entity in kb.generated and owner.entity != m.entity:
                m.entity = None  # the longer name says which body it is
            if not (m.entity and owner.entity and m.entity != owner.entity):
                clusters.union(owner.key, m.key)


def _first_known(named: list[Mention], kb: Knowledge, types: tuple[str, ...]) -> dict[str, Mention]:
    """Table id -> the first mention of each known entity of ``types`` in the article: what a name the table
    does not know may be linked to, by its cluster key."""
    present: dict[str, Mention] = {}
    for m in named:
        known = kb.entities.get(m.entity or "")
        if known and known.type in types:
            present.setdefault(known.id, m)
    return present


def _link_known_without_demonym(named: list[Mention], clusters: _Clusters, kb: Knowledge) -> None:
    """A name the table does not know that is a known body of the article but without its demonym is that
    body (مجلس النواب beside المجلس النيابي, both names of the table's مجلس النواب اللبناني; الدفاع المدني
    beside الخوذ البيضاء, the table's الدفاع المدني السوري); so is a known place without a word of its
    situation (الضفة الغربية beside الضفة الغربية المحتلة; ``place_status_words``), either with a head it
    may drop (مديرية الأمن العام beside الأمن العام اللبناني).  A name two such share stays apart."""
    drop = {"Organization": kb.demonyms, "Place": kb.place_status_words}
    present = _first_known(named, kb, tuple(drop))

    def without(key: str, kind: str) -> str:
        return " ".join(w for w in key.split() if w not in drop[kind])

    owners: dict[tuple[str, str], set[str]] = defaultdict(set)  # (a table name without those words, type) -> ids
    for eid in present:
        kind = kb.entities[eid].type
        for name in (kb.entities[eid].label, *kb.entities[eid].aliases):
            key = normalize(name)
            if without(key, kind) and without(key, kind) != key:
                owners[(without(key, kind), kind)].add(eid)
    for m in named:
        head, _, rest = m.key.partition(" ")  # with a head it may drop (مديرية الأمن العام)
        keys = [m.key, rest] if head in kb.link_heads and rest else [m.key]
        ids = next((owners[(k, m.type)] for k in keys if (k, m.type) in owners), set()) if not m.entity else set()
        # another name of the article with those words but another one (طالبان الأفغانية) makes it ambiguous
        if len(ids) == 1 and not any(o.key != m.key and o.entity not in ids and without(o.key, m.type) == m.key
                                     for o in named):
            clusters.union(present[ids.pop()].key, m.key)


def _link_bare_names_of_named_bodies(named: list[Mention], clusters: _Clusters, kb: Knowledge) -> None:
    """A table name of one state's body written without its demonym (قوى الأمن الداخلي, the table's for
    Lebanon's) in an article that names the same words with one other state's demonym (قوى الأمن الداخلي
    السورية) and never names the table's body otherwise is a short form of the body the article names; only
    where the table's own name is those words and a demonym (قوى الأمن الداخلي اللبنانية: not the KDP beside
    the Iranian KDPI)."""
    def demonym_form_of(key: str, words: list[str]) -> bool:
        return key.split()[:-1] == words and key.split()[-1] in kb.demonyms

    for m in named:
        if not m.entity or m.type != "Organization" or any(o.entity == m.entity and o.key != m.key for o in named):
            continue
        words = m.key.split()
        known = kb.entities.get(m.entity)
        if known is None or not demonym_form_of(normalize(known.label), words):
            continue  # the table's own name is not these words and a demonym (الحزب الديمقراطي الكردستاني)
        longer = {o.key: o.entity for o in named if o.entity and o.entity != m.entity and o.type == m.type
                  and demonym_form_of(o.key, words)}
        if len(set(longer.values())) == 1:
            clusters.union(next(iter(longer)), m.key)


def _link_known_person_words(named: list[Mention], clusters: _Clusters, kb: Knowledge) -> None:
    """A person name the table does not know whose words are all words of one table name of a person the
    article names, in any order (هادي عبد ربه of عبد ربه منصور هادي, named الرئيس هادي), is that person."""
    present = _first_known(named, kb, ("Person",))
    for m in named:
        words = set(m.key.split())
        if m.entity or m.type != "Person" or len(words) < 2:
            continue
        ids = {eid for eid in present for name in (kb.entities[eid].label, *kb.entities[eid].aliases)
               if words <= set(normalize(name).split())}
        if len(ids) == 1:
            clusters.union(present[ids.pop()].key, m.key)


def _clitic_free(key: str) -> list[tuple[str, str]]:
    """(the clitic letters, the name without them) for each proclitic reading of a name's first word."""
    first, _, rest = key.partition(" ")
    return [(stripped, f"{stem} {rest}".strip()) for stripped, stem in proclitic_readings(first)[1:]]


def _ends(key: str) -> set[str]:
    """The first and last words of a name."""
    words = key.split()
    return {words[0], words[-1]}


def _strip_clitic_forms(text: str, named: list[Mention], kb: Knowledge) -> None:
    """A proclitic never makes a new entity: a name read with its clitic (ونيجيريا، لأوروبا) that the
    article also names without it, in this spelling or another (لعبد العاطي اشتيوي / عبد العاطي شتيوي),
    or that spells a known name once stripped (an ambiguous alias where the NER gave its type), loses the
    clitic; so does one after another name with a space between, a list's و (الحوثيين وصالح، والكاميرون
    وبينين), with every spelling of it in the article; so do two names read with different
    clitics (وشبه الجزيرة / لشبه الجزيرة), one name without them, and a person's full name whose first and
    last words, without the clitic, are words of one person the article names (وسامي كمال نصر beside سامي
    نصر)."""
    keys = {(m.key, m.type) for m in named}
    readings = Counter((bare, kind) for key, kind in {(m.key, m.type) for m in named if not m.entity}
                       for _, bare in _clitic_free(key))
    shared = {r for r, n in readings.items() if n > 1}  # no name of its own: بنين is no clitic form of نين
    spellings = {(_spelling(m.key, loose=True), m.type) for m in named if " " in m.key}
    persons = [set(m.key.split()) for m in named if m.type == "Person"]
    ends = {m.end for m in named}
    listed = {(_spelling(m.key[1:], loose=True), m.type) for m in named  # الحوثيين وصالح، والكاميرون وبينين
              if not m.entity and m.key[0] == "و" and m.start - 1 in ends and text[m.start - 1].isspace()}
    for m in named:
        if m.entity:
            continue
        for stripped, bare in _clitic_free(m.key):
            known = kb.lookup(bare) or (m.origin == "ner" and kb.lookup(bare, ambiguous=True)) or None
            spelt = " " in bare and ((_spelling(bare, loose=True), m.type) in spellings
                                     or (m.type == "Person" and any(_ends(bare) <= p for p in persons)))
            joined = (bare, m.type) in keys or ((bare, m.type) in shared and (m.key, m.type) not in readings)
            if " " not in bare and len(bare) > 4 and bare.endswith("ا") and (bare[:-1], m.type) in keys:
                bare, joined = bare[:-1], True  # the accusative alef of an indefinite name (بين الحويجة ومخمورا)
            conjoined = stripped == 1 and m.key[0] == "و" and (_spelling(bare, loose=True), m.type) in listed
            if (known and known.type == m.type) or (len(bare) >= 3 and joined) or spelt or conjoined:
                m.start = skip_letters(text, m.start, stripped)
                m.text, m.key, m.entity = text[m.start : m.end], bare, known.id if known else None
                break


def _clitic_surnames(text: str, named: list[Mention]) -> None:
    """A known name read after a proclitic letter (صور of لصور) that, with the letter, is the surname of a
    person the article names in full (سعيد لصور) is that person's surname, not the known place or actor."""
    surnames = {m.key.split()[-1] for m in named if m.type == "Person" and " " in m.key}
    for m in named:
        if not m.entity or " " in m.key or m.start == 0 or text[m.start - 1] not in PROCLITIC_PREP:
            continue
        word = normalize(text[m.start - 1 : m.end])
        if word in surnames and (m.start == 1 or not text[m.start - 2].isalpha()):
            m.start -= 1
            m.text, m.key, m.type, m.entity = text[m.start : m.end], word, "Person", None


def _successors(named: list[Mention], kb: Knowledge) -> None:
    """In an article that names an actor's successor (هيئة تحرير الشام), the actor it succeeds (جبهة
    النصرة) is the successor: news names the group by its old name too (``succeeds`` in the table).  Of
    several successors the article names, the last in the chain (النصرة -> فتح الشام -> تحرير الشام)."""
    present = {m.entity for m in named if m.entity}

    def successor(eid: str) -> str | None:
        return next((s for s in kb.successor_of.get(eid, ()) if s in present
                     and not any(t in present for t in kb.successor_of.get(s, ()))), None)

    for m in named:
        m.entity = successor(m.entity or "") or m.entity


def _peoples_as_states(named: list[Mention], kb: Knowledge) -> None:
    """A people named as an actor (تحدثنا مع الروس، the NER's place or organization) is its state: a plural
    demonym, never the adjective (السوري، السورية) that ends a longer name."""
    for m in named:
        state = kb.demonym_states.get(m.key)
        if not m.entity and state in kb.entities and m.type != "Person" and not m.key.endswith(("ي", "يه")):
            m.entity, m.type = state, kb.entities[state].type


def _facility_trailers(text: str, named: list[Mention], kb: Knowledge) -> None:
    """A known facility followed by a word that ends such names (قاعدة الشعيرات الجوية، مطار دمشق الدولي)
    is named with it: the same entity, with that form among its names."""
    for m in named:
        after = re.match(r"\s+([^\s،,.؛:()«»\"]+)", text[m.end : m.end + 30])
        if (m.type != "Place" or not m.entity or after is None or m.key.split()[0] not in kb.facility_heads
                or normalize(after.group(1)) not in kb.facility_trailers):
            continue
        m.end += after.end(1)
        m.text = text[m.start : m.end]
        m.key = normalize(m.text)


def _unspecific_names(named: list[Mention], kb: Knowledge) -> None:
    """A known actor's name that says only its kind (طيران التحالف، مقاتلات التحالف of the international
    coalition, القاعدة of al-Qaeda; ``unspecific_aliases``), where the article names that actor by no other
    name but names one other known actor or place by that word, definite or not (التحالف العربي، قاعدة
    العند), is that other one; where it names none, in an article about a state the table pairs with that
    kind (``unspecific_by_state``: طيران التحالف in a Yemen article), it is the actor the table gives."""
    def bare(word: str) -> str:
        return word[2:] if word.startswith("ال") else word

    state = _article_state(named, kb) if kb.unspecific_by_state else None

    named_as = defaultdict(set)  # id -> its names here
    for m in named:
        if m.entity:
            named_as[m.entity].add(m.key)
    for m in named:
        word = kb.unspecific.get(m.key)
        if word is None or not m.entity or any(k not in kb.unspecific for k in named_as[m.entity]):
            continue
        others = {eid for eid in named_as if eid != m.entity and eid in kb.entities
                  and bare(normalize(kb.entities[eid].label).split()[0]) == bare(word)}
        if len(others) == 1:
            m.entity = others.pop()
        elif not others and m.entity in kb.unspecific_by_state:
            m.entity = kb.unspecific_by_state[m.entity].get(state or "", m.entity)


WORD_BEFORE = re.compile(r"(\S+) $")


def _nisba_adjective(text: str, m: Mention, kb: Knowledge) -> bool:
    """A state's name that is also its feminine nationality adjective (``nisba_aliases``: سورية), written
    bare right after an indefinite noun or adjective it agrees with (one ending in ة or ات, or a broken
    plural of entity_cues.json ``nisba_plural_heads``: فصائل سورية، مصادر سورية، طائرة مقاتلة سورية), is the
    adjective: no mention of the state."""
    if m.key not in kb.nisba_aliases or normalize(m.text) != m.key:
        return False
    before = WORD_BEFORE.search(text, max(0, m.start - 40), m.start)
    word = before.group(1) if before else ""
    readings = {word, word[1:]} if word[:1] in ("و", "ف") and len(word) > 3 else {word}  # وفصائل، فصائل
    return not any(w.startswith("ال") for w in readings) and (
        word.endswith(("ة", "ات")) or any(normalize(w) in kb.nisba_plural_heads for w in readings))


def _bound_alias(m: Mention, kb: Knowledge) -> tuple[str, str]:
    """(state, kind) of a mention that names its known body by a bound alias (``bound_aliases``), alone or
    after a head (قوات الحرس الجمهوري), titles left out (قوات شيخ الكرامة as قوات الكرامة); ('', '') for
    any other mention."""
    words = [w for w in m.key.split() if w not in kb.person_titles]
    for i in range(len(words)):
        body, state, kind = kb.bound.get(" ".join(words[i:]), ("", "", ""))
        if body and body == m.entity:
            return state, kind
    return "", ""


def _unbound_names(named: list[Mention], kb: Knowledge) -> set[str]:
    """A state body's name that does not say the state (الحرس الجمهوري of Syria's, الحكومة الاتحادية of
    Iraq's; ``bound_aliases``) is that body only where the article names the state otherwise (itself, its
    capital, a body or place of it).  Elsewhere it is the body of its kind of the state the article is
    about (الحكومة الاتحادية in a Somali article), else an entity of the article (الحرس الجمهوري in a
    Yemen one).  Returns the keys set free."""
    bound = {id(m): found for m in named if m.entity and (found := _bound_alias(m, kb))[0]}
    if not bound:
        return set()
    named_states = set()
    for m in named:
        if id(m) not in bound:
            known = kb.entities.get(m.entity or "")
            named_states |= {_state_of(known), known.capital_of if known else ""}
            named_states |= {kb.demonym_states.get(w, "") for w in m.key.split()}  # الرئيس السوري
    freed = [m for m in named if id(m) in bound and bound[id(m)][0] not in named_states]
    for m in freed:
        m.entity = None  # first, so that the article's state is counted without them
    article_state = _article_state(named, kb) if freed else None
    for m in freed:
        kind = bound[id(m)][1]
        m.entity = kb.state_body(article_state, kind) if kind and article_state else None
    return {m.key for m in freed}


QUOTES = {"«": "»", '"': '"', "“": "”", "(": ")"}
MAX_TITLE_WORDS = 4


def _title_spans(adoc: AnalyzedDoc) -> list[tuple[Sentence, int, int, bool]]:
    """(sentence, first token, end token, in brackets) of words in quotes or brackets, and of the
    article's first word before a dash (the dateline ``سبق- وكالات:``)."""
    spans = []
    for sentence in adoc.sentences:
        tokens = sentence.tokens
        for i, tok in enumerate(tokens):
            closing = QUOTES.get(tok.text)
            end = closing and next((k for k in range(i + 2, min(len(tokens), i + MAX_TITLE_WORDS + 2))
                                    if tokens[k].text == closing), None)
            if end and all(t.is_word for t in tokens[i + 1 : end]):
                spans.append((sentence, i + 1, end, tok.text == "("))
    first = adoc.sentences[0].tokens if adoc.sentences else []
    if len(first) > 1 and first[0].is_word and first[1].text in ("-", "–"):
        spans.append((adoc.sentences[0], 0, 1, False))
    return spans


def _quoted_titles(adoc: AnalyzedDoc, named: list[Mention], kb: Knowledge) -> list[Mention]:
    """A title in quotes or brackets, or before the dateline's dash, that is the title of a known outlet
    (قال لـ«الشرق الأوسط»، وعلمت (اليوم)، سبق- وكالات) names the outlet, not the place or the word: the
    table lists the outlet as a media head + that title (صحيفة الشرق الأوسط، صحيفة اليوم).  A found name
    there becomes the outlet; where no finder marked the title (a common word), the outlet is a new
    mention, returned."""
    text = adoc.doc.text
    by_span = {(m.start, m.end): m for m in named}
    added = []
    for sentence, i, end, bracketed in _title_spans(adoc):
        tokens = sentence.tokens
        key = " ".join(t.norm for t in tokens[i:end])
        outlet = next((ent for head in kb.media_heads if (ent := kb.lookup(f"{head} {key}"))
                       and ent.type == "Organization"), None)
        if outlet is None:
            continue
        start, stop = tokens[i].start, tokens[end - 1].end
        m = by_span.get((start, stop))
        if m is not None and not (bracketed and m.type == "Place"):  # a place in brackets glosses
            m.entity, m.type = outlet.id, outlet.type
        elif not any(o.start < stop and start < o.end for o in named):
            added.append(Mention(start, stop, text[start:stop], outlet.type, sentence.index, key, "gazetteer",
                                 outlet.id))
    return added


_QUOTES_AND_SPACES = re.compile(r"[\s«»\"“”„'‘’()ـ]+")


def _link_command_bodies(text: str, named: list[Mention], clusters: _Clusters, heads: frozenset[str],
                         links: frozenset[str]) -> set[int]:
    """A force's command tagged apart from the force (القيادة العامة لقوات «X»، قيادة X) is no actor of
    its own, so it never takes the force's relations: it is a mention of the force right after it, when
    only a link word (ل، لقوات) and quotes stand between them.  Returns the commands (``id``): they
    neither label the force nor join its names."""
    orgs = sorted((m for m in named if m.type == "Organization"), key=lambda m: m.start)
    commands = set()
    for m, force in zip(orgs, orgs[1:], strict=False):
        if m.key not in heads or force.key in heads:
            continue
        gap = normalize(_QUOTES_AND_SPACES.sub("", text[m.end : force.start]))
        if gap and gap not in links:
            continue
        m.entity = force.entity
        clusters.union(force.key, m.key)
        commands.add(id(m))
    return commands


def _link_head_names(named: list[Mention], clusters: _Clusters, actor_heads: frozenset[str], kb: Knowledge) -> None:
    """A name with its head noun and without it is one entity: an organization ``head + name`` joins the
    organization ``name`` of the article (قوات الدعم السريع / الدعم السريع، خلية الصقور / الصقور), a
    place ``head + name`` the place ``name`` (نهر النيل / النيل، ميناء الحريقة / الحريقة).  Heads that
    do not name the actor itself (نادي before the known حركة فتح) join only a name the table does not know;
    so do the heads a name may go without only in an article (``link_heads``: جمهورية الشيشان / الشيشان).
    Forces named after a person the article names in full (ميليشيات صالح beside علي عبد الله صالح) keep
    apart from the bare name, which is the person's even where the NER calls it an organization: it joins
    the full name.  A bare name the table knows only as an ambiguous alias (عمان of Amman, الشام of
    Damascus) beside a known ``head + name`` (سلطنة عمان، بلاد الشام) is the headed one."""
    bare = {(m.key, m.type): m for m in named}
    bare.update({(_spelling(m.key), m.type): m for m in named if not m.entity})
    surnames = {m.key.split()[-1]: m for m in named if m.type == "Person" and " " in m.key}
    for m in named:
        head, _, name = m.key.partition(" ")
        if len(name) < 3:
            continue
        heads = (kb.place_heads if m.type == "Place" else kb.org_heads | actor_heads) | kb.link_heads
        head = next((h for _, h in proclitic_readings(head) if h in heads), None)
        if m.type not in ("Place", "Organization") or head is None:
            continue
        other = bare.get((name, m.type)) or bare.get((_spelling(name), m.type))
        if other is not None and m.entity and other.entity and kb.lookup(other.key) is None:
            clusters.union(m.key, other.key)  # the longer, headed name gives the cluster its id
            continue
        if other is None or (other.entity and head not in actor_heads and other.entity != m.entity):
            continue
        if m.type == "Organization" and not other.entity and other.key in surnames:
            other.type = "Person"
            clusters.union(surnames[other.key].key, other.key)
            continue
        if not (m.entity and other.entity and m.entity != other.entity):
            clusters.union(other.key, m.key)


def _link_head_synonyms(named: list[Mention], clusters: _Clusters, kb: Knowledge) -> None:
    """One name after two heads of one kind is one entity (ميناء عدن / مرفأ عدن، البنك المركزي الأوروبي /
    المصرف المركزي الأوروبي; ``head_synonyms``), the head read without its proclitic (لمحمية سامبيسا)."""
    first_of: dict[tuple[str, str], Mention] = {}
    for m in named:
        first, _, name = m.key.partition(" ")
        head = next((kb.head_synonyms[h] for _, h in proclitic_readings(first) if h in kb.head_synonyms), None)
        if head is None or not name:
            continue
        other = first_of.setdefault((f"{head} {name}", m.type), m)
        if not (m.entity and other.entity and m.entity != other.entity):
            clusters.union(other.key, m.key)


_LONG_VOWELS = str.maketrans("", "", "اىي")


def _spelling(key: str, loose: bool = False) -> str:
    """A name folded over the ways news spell one foreign or rare name: spaces and a leading ال dropped
    (بو سليم / بوسليم، فيفا / الفيفا), a final ة/ه/ا/ى (جعولة / جعولا), a final ئي / ي (يوسف زائي / يوسف
    زاي، خامنئي / خامني), the case of أبو (أبي مالك / أبو مالك), ابن / بن; with ``loose``, in words of five
    letters or more also the long vowels ا/ي, a leading alef and غ/ج (زانداميلا / زنداميلا، غروزني / جروزني،
    اسديرة / سديرة)."""
    out = []
    cases = load_knowledge().name_word_cases  # أبي / أبو، ابن / بن: entity_cues.json name_word_cases
    for word in key.split():
        word = cases.get(word, word)
        definite = word.startswith("ال") and len(word) > 4
        w = word[2:] if definite else word
        w = w[:-1] if len(w) > 3 and (w[-1] in "ةهاى" or w.endswith("يي")) else w  # يي: ئي folded (زائي / زاي)
        if loose and len(word) >= 5:
            w = w[1:] if w[0] == "ا" and not definite else w  # a prosthetic alef (اسديرة / سديرة)
            w = (w[0] + w[1:].translate(_LONG_VOWELS)).replace("غ", "ج")
        out.append(w)
    return "".join(out)


def _link_spelling_variants(named: list[Mention], clusters: _Clusters) -> None:
    """Two spellings of one name the table does not know, in one article, are one entity (same type):
    equal once folded, one word that ``_same_word`` reads as one (كوندوغا / كودونغا), or names of as many
    words, each such a spelling of the other's (ألكسيس تسيبراس / أليكسيس تسيبراس).  So is such a spelling
    of a name of one known entity the article names (أمريكيا of أمريكا، تحالف دولي of التحالف الدولي),
    where no known name is in its cluster yet (``_link_known_spellings``)."""
    first: dict[tuple[str, str], str] = {}
    words: dict[str, set[str]] = defaultdict(set)  # type -> unknown one-word names
    longer: dict[tuple[str, int], set[str]] = defaultdict(set)  # (type, words) -> unknown longer names
    for m in named:
        if m.entity:
            continue
        for folded in {_spelling(m.key), _spelling(m.key, loose=True)}:
            if len(folded) >= 3:
                clusters.union(first.setdefault((folded, m.type), m.key), m.key)
        parts = m.key.split()
        if len(parts) == 1:
            for other in words[m.type]:
                if other != m.key and len(m.key) >= 6 and _same_word(other, m.key):
                    clusters.union(other, m.key)
            words[m.type].add(m.key)
            continue
        for other in longer[(m.type, len(parts))]:
            if other != m.key and all(map(_same_word, other.split(), parts)):
                clusters.union(other, m.key)
        longer[(m.type, len(parts))].add(m.key)
    _link_known_spellings(named, clusters)


def _is_spelling_of(key: str, other: str) -> bool:
    """``key`` and ``other`` are spellings of one name as ``_link_spelling_variants`` reads them: one word
    of six letters or more that ``_same_word`` reads as the other, or as many words, each such a spelling."""
    parts, others = key.split(), other.split()
    if len(parts) != len(others) or key == other:
        return False
    if len(parts) == 1:
        return min(len(key), len(other)) >= 6 and _same_word(key, other)
    return all(map(_same_word, parts, others))


def _link_known_spellings(named: list[Mention], clusters: _Clusters) -> None:
    """A name the table does not know, whose cluster holds no known name, that is a spelling
    (``_is_spelling_of``) of names of one known entity the article names, of its type, is that entity."""
    known_in: dict[str, set[str]] = defaultdict(set)  # cluster -> the known entities it holds
    for m in named:
        if m.entity:
            known_in[clusters.find(m.key)].add(m.entity)
    known = {(m.key, m.type): m.entity for m in named if m.entity}
    for m in named:
        if m.entity or known_in[clusters.find(m.key)]:
            continue
        spelt = [(key, eid) for (key, kind), eid in known.items() if kind == m.type and _is_spelling_of(m.key, key)]
        if len({eid for _, eid in spelt}) == 1:
            key, eid = spelt[0]
            clusters.union(key, m.key)
            known_in[clusters.find(m.key)].add(eid)


GLUED_WORD_MIN_LETTERS = 3  # letters on either side of a glued article (تحرير|الشام), so سلالات stays whole


def _article_unglued(key: str) -> str:
    """A name with an article glued to the word before it written apart (تحريرالشام -> تحرير الشام)."""
    words = []
    for w in key.split():
        i = w.find("ال", GLUED_WORD_MIN_LETTERS)
        glued = i > 0 and len(w) - i - 2 >= GLUED_WORD_MIN_LETTERS
        words += [w[:i], w[i:]] if glued else [w]
    return " ".join(words)


def _variant_of(m: Mention, kb: Knowledge) -> KnownEntity | None:
    """The known entity a name spells, of its type, else of the one other type it fits: the NER may type a
    known place or group wrongly (الباغوز فوقاني as a person).  Only several-word names and long
    non-person ones: a one-word person name is often a town too (الراعي).  A word with the next word's article
    glued to it (هيئة تحريرالشام) is read apart too."""
    unglued = _article_unglued(m.key)
    known = kb.lookup_variant(m.key, m.type) or (kb.lookup_variant(unglued, m.type) if unglued != m.key else None)
    # a nisba (حارث السوداني) names someone from the place, not the place
    nisba = any(w.endswith("ي") and kb.lookup(w[:-1]) for w in m.key.split())
    if known is None and not nisba and (" " in m.key or (len(m.key) >= FUZZY_MIN_LETTERS and m.type != "Person")):
        others = {kb.lookup_variant(m.key, t) for t in ENTITY_TYPES if t != m.type} - {None}
        known = others.pop() if len(others) == 1 else None
    return known


def _spelt_names(members: list[Mention]) -> list[Mention]:
    """The names of a cluster the table may know in another spelling (``_variant_of``): all of them, but of a
    person only the longest, as a surname the table knows for someone else (العسيري of أحمد عسيري) may be
    the surname of the full name the article gives (إبراهيم العسيري), another person."""
    if any(m.type != "Person" for m in members):
        return members
    longest = max(len(m.key.split()) for m in members)
    return [m for m in members if len(m.key.split()) == longest]


def _best_known(members: list[Mention], known_ids: Counter) -> str:
    """The known id a cluster takes: the one its longest name gives (تركي المالكي over المالكي, which the
    surname rule joined to it), then the most frequent."""
    words = Counter()
    for m in members:
        if m.entity:
            words[m.entity] = max(words[m.entity], len(m.key.split()))
    return max(known_ids, key=lambda eid: (words[eid], known_ids[eid]))


def surface(m: Mention) -> str:
    """The mention as written, minus stripped clitics; the key where clitic stripping changed letters (لل)."""
    text = " ".join(INVISIBLE.sub("", m.text).split())
    return text if normalize(text) == m.key else m.key


def _label(mentions: list[Mention]) -> str:
    forms = Counter(surface(m) for m in mentions)
    return max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))


def _names_of(entity: Entity, kb: Knowledge) -> list[str]:
    known = kb.entities.get(entity.id)
    names = [normalize(entity.label), *(normalize(a) for a in entity.aliases)]
    if known:
        names += [normalize(a) for a in known.aliases]
    return names


def _state_of(known: KnownEntity | None) -> str:
    """The state a known name points to: itself, the state of its forces, or its country ("" if none)."""
    return "" if known is None else known.id if known.state else known.forces_of or known.country


def _article_state(named: list[Mention], kb: Knowledge) -> str | None:
    """The state the article is about: the one its names point to most (the state, its bodies, its
    forces), at least twice and ahead of any other."""
    states = Counter(_state_of(kb.entities.get(m.entity or "")) for m in named)
    states.pop("", None)
    ranked = states.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _of_article_state(ref: GenericReference, named: list[Mention], kb: Knowledge) -> str | None:
    """What a generic with no candidate stands for in an article about one state: that state's forces
    or body (الجيش الوطني in a Yemen article is Yemen's army), or its entry in ``by_state`` (قوات التحالف
    there is the Saudi-led coalition)."""
    state = _article_state(named, kb) if ref.state_body or ref.by_state else None
    if ref.by_state:
        by_state = dict(ref.by_state)
        if state is None:  # an article about no one state that names one of the generic's states only
            states = {s for m in named if (s := _state_of(kb.entities.get(m.entity or ""))) in by_state}
            state = states.pop() if len(states) == 1 else None
        return by_state.get(state or "")
    return kb.state_body(state, ref.state_body) if state else None


def _article_entity(adoc: AnalyzedDoc, kb: Knowledge, eid: str, label: str, ent_type: str,
                    wikidata: str | None) -> Entity:
    """The article's entity ``eid``, made on first use; one of the alias table starts with its aliases."""
    entity = adoc.entities.get(eid)
    if entity is None:
        entity = adoc.entities[eid] = Entity(eid, label, ent_type, [], [adoc.doc.id], wikidata)
        if eid in kb.entities:
            entity.aliases = [a for a in kb.entities[eid].aliases if a != label]
    return entity


def _add_alias(entity: Entity, alias: str) -> None:
    if alias not in entity.aliases and alias != entity.label:
        entity.aliases.append(alias)


def _named_later(g: Mention, named: list[Mention], adoc: AnalyzedDoc, type_: str, kb: Knowledge) -> str | None:
    """The entity of ``type_`` named right after a generic, in its sentence or the next, by the generic and a
    demonym (بجهود القوات المسلحة. ... القوات المسلحة السعودية): with no candidate before it, what the generic
    stands for, ahead of a body of the article's state that the article does not name (the state may be
    guessed wrong), behind one it names (المملكة، والمملكة الأردنية in a Saudi article).  Other words after
    the generic's (الجيش ... الجيش الحر) name another actor, and further on (a digest of several countries'
    news) the full name may be another country's body."""
    return next((m.entity for m in named if m.start > g.start and m.sentence <= g.sentence + 1
                 and m.key.startswith(g.key + " ") and m.key[len(g.key) + 1 :] in kb.demonyms
                 and adoc.entities[m.entity].type == type_), None)


NISBA_ROOT_MIN_LETTERS = 5  # الكرد of الكردي: a shorter root (العر) starts too many words


def _generic_and_adjectives(key: str, kb: Knowledge) -> tuple[GenericReference, list[str]] | None:
    """A name that is an organization's generic with definite nisba adjectives after it (الميليشيا
    اللبنانية، الحزب الكردي، القوات الكردية السورية): the shortest such generic (القوات, not القوات الكردية,
    so every adjective must fit) and the adjectives."""
    words = key.split()
    for i in range(1, len(words)):
        ref = kb.generics.get(" ".join(words[:i]))
        adjectives = words[i:]
        if (ref is not None and ref.type == "Organization" and ref.heads
                and all(w.startswith("ال") and nisba_stem(w).endswith("ي") for w in adjectives)):
            return ref, adjectives
    return None


STATE_BODY_CATEGORIES = frozenset({"military", "government"})  # alias-table categories of a state's own bodies


def _fits_adjective(entity: Entity, adjective: str, kb: Knowledge) -> bool:
    """The actor is one a nisba adjective may describe: a word of one of its names is of that nisba (حزب الله
    اللبناني for اللبنانية، حزب العمال الكردستاني for الكردي), or the adjective is the demonym of its state.
    A state's demonym after a generic names that state's own body (قوات الأمن المصرية beside الشرطة
    المصرية is another body), so it never points back to one of them."""
    stem = nisba_stem(adjective)
    root = stem[:-1]
    known = kb.entities.get(entity.id)
    if adjective in kb.demonym_states and known and known.category in STATE_BODY_CATEGORIES:
        return False
    if known and kb.demonym_states.get(adjective) in (known.id if known.state else known.forces_of or known.country,):
        return True
    return any(nisba_stem(w) == stem or (len(root) >= NISBA_ROOT_MIN_LETTERS and w.startswith(root))
               for name in _names_of(entity, kb) for w in name.split())


def _heads_fit(ref: GenericReference, entity: Entity, kb: Knowledge) -> bool:
    """One of the actor's names starts with one of the generic's heads (تنظيم X for التنظيم)."""
    return entity.type == ref.type and any(n.split()[0] in ref.heads for n in _names_of(entity, kb) if n)


def _most_salient(before: list[Mention], candidates: Iterable[str]) -> str | None:
    """Of ``candidates``, the entity the mentions ``before`` name most often, the one named last on ties
    (a candidate they never name counts as named never)."""
    counts = Counter(m.entity for m in before)
    last_seen: dict[str | None, int] = {}
    for m in before:
        last_seen[m.entity] = max(m.start, last_seen.get(m.entity, -1))
    return max(candidates, key=lambda eid: (counts[eid], last_seen.get(eid, -1)), default=None)


def _specified_generics(adoc: AnalyzedDoc, named: list[Mention], kb: Knowledge) -> None:
    """A generic with nisba adjectives after it that the NER took for a name of its own (الميليشيا
    اللبنانية، الحزب الكردي، الوكالة السورية) is a back-reference, as the bare generic is: to the most
    salient actor named before it that the generic's heads fit and every adjective fits (``_fits_adjective``),
    its default among them where the article names it.  With none it stays a name of its own."""
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for m in named:
        if m.entity:
            by_entity[m.entity].append(m)
    for eid, mentions in list(by_entity.items()):
        if eid in kb.entities:
            continue
        specified = [_generic_and_adjectives(m.key, kb) for m in mentions]
        if not all(specified):
            continue
        first = min(mentions, key=lambda m: m.start)
        ref, adjectives = specified[mentions.index(first)]
        before = [m for m in named if m.start < first.start and m.entity and m.entity != eid]
        target = _most_salient(before, [c for c in dict.fromkeys(m.entity for m in before)
                                        if (_heads_fit(ref, adoc.entities[c], kb) or c == ref.default)
                                        and all(_fits_adjective(adoc.entities[c], a, kb) for a in adjectives)])
        if target is None:
            continue
        for m in mentions:
            m.entity, m.type = target, adoc.entities[target].type
        del adoc.entities[eid]


SPEAKER_DEMONYM_WORDS = 3  # words before a speaker's name that may carry its demonym (وزير الدفاع الإسرائيلي P)


def _speaker_state(adoc: AnalyzedDoc, g: Mention, named: list[Mention], kb: Knowledge) -> str | None:
    """بلاده، بلادها: the state of the person or body named last before the generic in its sentence (its
    country in the alias table, else the demonym in or right before its name: قال وزير الدفاع الإسرائيلي P
    إن بلاده), where the article names that state; a guess at a state it never names would be no mention."""
    speaker = next((m for m in reversed(named) if m.sentence == g.sentence and m.end <= g.start
                    and m.type in ("Person", "Organization")), None)
    if speaker is None:
        return None
    known = kb.entities.get(speaker.entity or "")
    state = known.country if known is not None else ""
    if not state:
        lo = adoc.sentences[g.sentence].start
        words = normalize(adoc.doc.text[lo:speaker.end]).split()
        words = words[-(len(speaker.text.split()) + SPEAKER_DEMONYM_WORDS):]
        state = next((kb.demonym_states[w] for w in reversed(words) if w in kb.demonym_states), "")
    named_states = {m.entity for m in named if m.entity and adoc.entities[m.entity].type == "Place"}
    return state if state in named_states else None


def resolve_generics(adoc: AnalyzedDoc, generics: list[Mention], kb: Knowledge) -> list[Mention]:
    """Each generic stands for the most salient candidate: the entity mentioned most often before it
    (nearest on ties) among those whose name starts with one of its heads, plus its default when the
    article names that; with none, the one named later by its words and more (``_named_later``).
    Salience, not nearness alone, keeps التحالف on the coalition when قوات قسد was named last."""
    resolved: list[Mention] = []
    named = [m for m in adoc.mentions if m.entity]
    present = {m.entity for m in named}
    for g in generics:
        ref = kb.generics[g.key]
        if ref.speaker_state:
            g.entity = _speaker_state(adoc, g, named, kb)
            if g.entity:
                g.type = adoc.entities[g.entity].type
                resolved.append(g)
            continue
        before = [m for m in named + resolved if m.start < g.start]
        candidates = {m.entity for m in before if _heads_fit(ref, adoc.entities[m.entity], kb)}
        if ref.default in present:
            candidates.add(ref.default)
        target, of_state = _most_salient(before, candidates), False
        if target is None:
            target = _of_article_state(ref, named, kb)
            later = _named_later(g, named, adoc, ref.type, kb)
            if later and target not in present:  # the state's body the article never names is a guess
                target = later
            of_state = target is not None and target != later
            if of_state:
                known = kb.entities[target]
                _article_entity(adoc, kb, target, known.label, known.type, known.wikidata)
        if target:
            g.entity = target
            g.type = adoc.entities[target].type
            if of_state and " " in surface(g).strip():  # a name of the state's body there (الجيش الوطني);
                _add_alias(adoc.entities[target], surface(g))  # one word (الجيش) is a back-reference, no name
            resolved.append(g)
    return resolved


def resolve(adoc: AnalyzedDoc, kb: Knowledge, generics: list[Mention]) -> None:
    """Set ``entity`` on every named mention, fill ``adoc.entities``, then resolve generic references."""
    adoc.mentions = [m for m in adoc.mentions if not _nisba_adjective(adoc.doc.text, m, kb)]
    named = [m for m in adoc.mentions if m.origin != "generic"]
    _strip_clitic_forms(adoc.doc.text, named, kb)
    _clitic_surnames(adoc.doc.text, named)
    named += _quoted_titles(adoc, named, kb)
    _unspecific_names(named, kb)
    unbound = _unbound_names(named, kb)
    _peoples_as_states(named, kb)
    _successors(named, kb)
    _facility_trailers(adoc.doc.text, named, kb)
    clusters = _Clusters()
    for m in named:
        clusters.find(m.key)
    named += _link_names_after(adoc, named, clusters, BRACKETED_WORD, "acronym")
    named += _link_names_after(adoc, named, clusters, QUOTED_WORD, "quoted_short_form")
    named += _link_names_after(adoc, named, clusters, BRACKETED_NAME, "bracketed_name")
    if kb.second_name is not None:
        named += _link_names_after(adoc, named, clusters, kb.second_name, "second_name")
        named += _link_names_after(adoc, named, clusters, kb.bare_second_name, "bare_second_name")
    if kb.or_short_form is not None:
        named += _link_names_after(adoc, named, clusters, kb.or_short_form, "or_short_form")
    _link_distant_nicknames(adoc.doc.text, named, clusters, kb)
    _link_person_parts(adoc.doc.text, named, clusters, kb)
    _link_dotted_surnames(named, clusters, kb)
    _link_name_prefixes(named, clusters, kb)
    _link_known_without_demonym(named, clusters, kb)
    _link_bare_names_of_named_bodies(named, clusters, kb)
    _link_known_person_words(named, clusters, kb)
    _link_spelling_variants(named, clusters)
    patterns = load_actor_patterns()
    _link_head_names(named, clusters, patterns.same_actor_heads, kb)
    _link_head_synonyms(named, clusters, kb)
    commands = _link_command_bodies(adoc.doc.text, named, clusters, patterns.command_heads, patterns.command_links)

    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in named:
        groups[clusters.find(m.key)].append(m)
    in_order = sorted(named, key=lambda m: m.start)
    after = {id(m): nxt for m, nxt in zip(in_order, in_order[1:], strict=False)}
    for members in groups.values():
        known_ids = Counter(m.entity for m in members if m.entity)
        if not known_ids:
            known_ids = Counter(v.id for m in _spelt_names(members)
                                if m.key not in unbound and (v := _variant_of(m, kb)))
        if known_ids:
            eid = _best_known(members, known_ids)
            ent_type, label, wikidata = kb.entities[eid].type, kb.entities[eid].label, kb.entities[eid].wikidata
        else:
            label = _label([m for m in members if id(m) not in commands] or members)
            eid = entity_id_for(normalize(label))
            ent_type = Counter(m.type for m in members).most_common(1)[0][0]
            wikidata = None
        entity = _article_entity(adoc, kb, eid, label, ent_type, wikidata)
        for m in members:
            m.entity, m.type = eid, ent_type
            # forces cut before their leader's name (جيش of جيش المخلوع صالح): the name in full, not the head
            if full := leader_name_after(m, after.get(id(m)), adoc.doc.text, kb, patterns):
                _add_alias(entity, full)
                continue
            if id(m) not in commands:
                _add_alias(entity, surface(m))
            if written := written_leader_body(m, patterns):
                _add_alias(entity, written)
    _specified_generics(adoc, named, kb)
    named += repeated_names(adoc, named, kb)
    resolved = resolve_generics(adoc, generics, kb)
    adoc.mentions = sorted(named + resolved, key=lambda m: m.start)
    loyal = _loyal_forces(adoc, generics, kb, patterns)
    adoc.mentions = sorted(adoc.mentions + [g for g in loyal if g not in resolved], key=lambda m: m.start)


LOYAL_TO = re.compile(r"\s+(?P<link>\S+)\s+(?P<to>ل\S*)")
RESUMPTIVE_TO = frozenset({"له", "لها", "لهم", "لهما"})


def _forces_of(eid: str, kb: Knowledge) -> str | None:
    """The forces that are loyal to ``eid``: a state's (by its capital or its government too), an armed
    group's own, those named after a person."""
    known = kb.entities.get(eid)
    if known is None:
        return None
    if known.state or known.capital_of:
        return kb.state_forces.get(known.capital_of or eid)
    if known.category == "government" and known.country:
        return kb.state_forces.get(known.country)
    if known.type == "Person":
        return next((e.id for e in kb.entities.values() if e.named_after == eid), None)
    return eid if known.category in ("armed_group", "military") else None


def _loyal_forces(adoc: AnalyzedDoc, generics: list[Mention], kb: Knowledge, patterns: ActorPatterns,
                  ) -> list[Mention]:
    """Generic forces said loyal to an actor (الحكومة اليمنية والقوات الموالية لها، القوات الموالية لدمشق)
    are that actor's forces (``_forces_of``), not the most salient force named before them: ل + the actor
    named there, or a resumptive pronoun (لها) for the last actor named before them in the sentence."""
    text = adoc.doc.text
    out = []
    for m in generics:
        if m.key.split()[-1] not in patterns.leader_heads:
            continue
        k = next((i for i, b in enumerate(adoc.mentions) if b.start >= m.end), len(adoc.mentions))
        link = LOYAL_TO.match(text, m.end)
        if not link or normalize(link["link"]) not in patterns.leader_links:
            continue
        to = normalize(link["to"]).rstrip(".،,")
        if to in RESUMPTIVE_TO:
            sentence = next((s for s in adoc.sentences if s.start <= m.start < s.end), None)
            before = [b for b in adoc.mentions[:k] if b.entity and sentence and sentence.start <= b.start < m.start
                      and (b.type != "Place" or kb.is_state(b.entity))]
            actor = before[-1].entity if before else None
        else:
            actor = next((b.entity for b in adoc.mentions[k:] if b.entity
                          and link.start("to") <= b.start <= link.start("to") + 2), None)
        forces = _forces_of(actor, kb) if actor else None
        if forces and forces != m.entity:
            known = kb.entities[forces]
            _article_entity(adoc, kb, forces, known.label, known.type, known.wikidata)
            m.entity, m.type = forces, known.type
            out.append(m)
    return out


def repeated_names(adoc: AnalyzedDoc, named: list[Mention], kb: Knowledge) -> list[Mention]:
    """Names the article introduced (not in the alias table) found again where the NER missed them."""
    names = {}
    for m in named:
        if m.entity and m.entity not in kb.entities and len(m.key) >= 3 and m.key not in kb.generics:
            names.setdefault(m.key, (m.entity, m.type))
    if not names:
        return []
    table = NameTable(names, max(len(k.split()) for k in names))
    taken = sorted((m.start, m.end) for m in named)
    found = []
    for sentence in adoc.sentences:
        for m in find_names(adoc.doc.text, sentence, SpanKeys(sentence.tokens), table, "repeat"):
            if not any(s < m.end and m.start < e for s, e in taken):
                found.append(m)
    return found
