"""Argument-finding primitives shared by the relation frames.

Rules are about Arabic syntax, not about particular sentences: the two sides of بين X (من جهة) و Y
(من جهة أخرى); a preposition-marked object (ضد، على، مع، لـ); VSO/SVO subjects; the genitive after a
verbal noun; coordination (قسد والتحالف = one side); relative clauses; nearest-entity fallbacks bounded
by the clause, then the sentence, at lower confidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kg.normalize import PRONOUN_SUFFIXES
from kg.relations.lexicon import Trigger
from kg.relations.sentence import NISBA, Arg, SentView, bare_in

FINITE = re.compile(r"^[وف]?س?[يتن]\w{3,}")

# confidence by how the arguments were found
C_BETWEEN_SIDES, C_BETWEEN, C_NEAR, C_CLAUSE, C_SENTENCE, C_POSSESSIVE = 0.9, 0.85, 0.8, 0.75, 0.55, 0.45


@dataclass
class Cand:
    subjects: list[Arg]
    objects: list[Arg]
    conf: float
    agent: str | None = None


def eligible(types: tuple[str, ...], sv: SentView | None = None, rtype: str = "") -> Callable[[Arg], bool]:
    """Right entity type, not introduced by a support/leadership cue, and of a category that can be a
    party to ``rtype`` (a news agency never fights), nor named by a head that can be none (an embassy)."""
    banned = sv.lex.non_party.get(rtype, frozenset()) if sv is not None else frozenset()
    return lambda a: a.has_type(types) and not a.blocked and a.category not in banned and not (
        sv is not None and sv.names_a_body(a.t0, rtype))


def oblique(sv: SentView, a: Arg) -> bool:
    """A prepositional object, or the object of a verbal noun right before it (لطرد التنظيم)."""
    if a.prep:
        return True
    k = a.t0 - 1
    while k >= 0 and sv.is_filler(k):
        k -= 1
    return k >= 0 and k in sv.object_taking


def left_subject(sv: SentView, i: int, ok: Callable[[Arg], bool], exclude: set[str],
                 max_sentence: bool = True) -> tuple[Arg | None, float]:
    """Nearest non-oblique argument before token i: in the clause first, then in the sentence, then
    (weakest) a possessive لـ argument (القيادة العامة لقوات قسد)."""
    lo, _ = sv.clause(i, i + 1)
    floor = speaker_floor(sv, i)
    usable = [a for a in sv.args if floor <= a.t0 and a.t1 <= i and ok(a) and a.entity not in exclude]
    before = [a for a in usable if not oblique(sv, a)]
    for a in reversed(before):
        if a.t0 >= lo:
            return _relative_head(sv, a, i, ok) or a, C_CLAUSE
    if lo > 0 and bare_in(sv.norm[lo - 1], sv.lex.closed.relative_pronouns):  # X التي تسيطر على: X, even after ضد
        head = antecedent_actor(sv, lo, ok)
        if head is not None and head.entity not in exclude:
            return head, C_CLAUSE
        if head is None:
            return None, 0.0  # the relative clause describes a noun that names no known actor
    if not max_sentence:
        return None, 0.0
    before = [a for a in before if a.etype != "Person"]  # a person far from the verb is rarely its agent
    if before:
        return _relative_head(sv, before[-1], i, ok) or before[-1], C_SENTENCE
    # not the owner of a target (أهداف لحزب X التي تعرضت لغارات): what belongs to it was attacked
    possessive = [a for a in usable if a.prep == "ل" and not governed(sv, a)
                  and not (a.t0 > 0 and sv.is_possessed(a.t0 - 1))]
    if possessive:
        return possessive[-1], C_POSSESSIVE
    return None, 0.0


def _relative_head(sv: SentView, a: Arg, i: int, ok: Callable[[Arg], bool], window: int = 12) -> Arg | None:
    """X التي تقاتل بأسلحة زودتها بها Y، تسيطر على Z: ``a`` stands in a relative clause that a comma closes
    before token i, so the verb at i is said of the actor the clause describes, not of ``a``."""
    if not any(sv.is_comma(k) for k in range(a.t1, i)):
        return None
    for r in range(a.t0 - 1, max(-1, a.t0 - window), -1):
        if bare_in(sv.norm[r], sv.lex.closed.relative_pronouns):
            head = antecedent_actor(sv, r + 1, ok)
            return head if head is not None and head.t1 <= r else None
        if sv.hard[r]:
            return None
    return None


def _before_auxiliaries(sv: SentView, i: int) -> int:
    """The token before i, walking back over quotes and the auxiliaries of a relative clause (كان، قد)."""
    k = i - 1
    while k >= 0 and (sv.skippable(k) or bare_in(sv.norm[k], sv.lex.closed.auxiliaries)):
        k -= 1
    return k


def antecedent_actor(sv: SentView, i: int, ok: Callable[[Arg], bool]) -> Arg | None:
    """The actor a relative clause starting just before token i describes (وحدات حماية الشعب التي
    تسيطر؛ قوات تدعمها): walk back over كان/قد, the relative pronoun, quotes and nisba adjectives."""
    k = _before_auxiliaries(sv, i)
    if k >= 0 and bare_in(sv.norm[k], sv.lex.closed.relative_pronouns):
        k -= 1
    while k >= 0 and (sv.skippable(k) or sv.is_comma(k) or (NISBA.match(sv.norm[k]) and k not in sv.covered)):
        k -= 1
    a = next((a for a in sv.args if a.t1 - 1 == k), None)
    return a if a is not None and ok(a) else None


def after_relative(sv: SentView, i: int) -> bool:
    """The trigger opens a relative clause (التي تستهدفها)."""
    k = _before_auxiliaries(sv, i)
    return k >= 0 and bool(bare_in(sv.norm[k], sv.lex.closed.relative_pronouns))


ACCUSATION_REACH = 16  # tokens from a word of accusation to the ب of what the accused did


def accusation_before(sv: SentView, b: int) -> int | None:
    """The word of accusation that governs token b with its ب (اتهم X Y بقصف ...), or None."""
    if b < 0 or sv.prefix_of(b).lstrip("وف") != "ب":
        return None
    return next((k for k in range(b - 1, max(-1, b - ACCUSATION_REACH), -1)
                 if sv.is_word(k, sv.lex.closed.accusation_words)), None)


def accused_of(sv: SentView, b: int) -> Arg | None:
    """The actor accused of what token b says (اتهم X Y بقصف ...، يتهم X جماعة Z بدعم Y): the last actor
    between the word of accusation and b, not one that only locates (في العراق)."""
    k = accusation_before(sv, b)
    if k is None:
        return None
    return next((a for a in reversed(sv.args) if a.t0 > k and a.t1 <= b
                 and a.prep not in sv.lex.closed.locating_preps), None)


def speaker_floor(sv: SentView, i: int) -> int:
    """Tokens before this index may not supply a guessed subject: a saying/stance verb (دان الكرملين
    الضربات، روسيا تدين الهجوم) sits between them and the trigger, and the speaker does not resume
    itself (قالت قسد إنها سيطرت keeps قسد)."""
    for k in range(i - 1, -1, -1):
        if sv.is_word(k, sv.lex.enabling_verbs) and k not in sv.trigger_tokens:
            return k + 3  # زودت واشنطن الأكراد بالسلاح دعما لهم في المعركة: the backer is not the fighter
        if sv.is_word(k, sv.lex.speech_verbs):
            if any(sv.is_word(m, sv.lex.self_resumption) for m in range(k + 1, i)):
                return 0
            # the speaker stands right before or right after its verb; right after it a complementizer
            # (ذكر أن X سيطر) says the speaker is not named there
            if k + 1 < sv.n and bare_in(sv.norm[k + 1], sv.lex.closed.complementizers):
                return k + 2
            return k + 3
    return 0


def same_side(sv: SentView, arg: Arg) -> set[str]:
    """Entities coordinated with ``arg``'s entity anywhere in the sentence (قسد والتحالف): one side."""
    side = {arg.entity}
    for a in sv.args:
        if a.entity in side:
            side.update(b.entity for b in sv.group(a))
    return side


def governed(sv: SentView, a: Arg, own: range = range(0)) -> bool:
    """The argument fills a slot of another trigger (مناطق سيطرة X، التي تسيطر عليها X، لطرد X)."""
    k = a.t0 - 1
    while k >= 0 and (sv.is_filler(k) or sv.norm[k] in sv.lex.closed.resumptive_pronouns):
        k -= 1
    return k >= 0 and k in sv.trigger_tokens and k not in own


def last_before(sv: SentView, i: int, ok: Callable[[Arg], bool], window: int) -> Arg | None:
    """The nearest argument ending at most ``window`` tokens before token i that ``ok`` accepts."""
    return next((a for a in reversed(sv.args) if a.t1 <= i and i - a.t1 <= window and ok(a)), None)


def first_after(sv: SentView, j: int, ok: Callable[[Arg], bool], window: int, cross_weak: bool = True,
                 cross_relative: bool = False) -> Arg | None:
    """The first argument from token j on that passes ``ok``, within ``window`` words and the clause."""
    for a in sv.args:
        if a.t0 < j:
            continue
        if a.t0 - j - sum(1 for k in range(j, a.t0) if sv.skippable(k)) > window:
            return None
        blocked = any(sv.hard[k] and not (cross_relative and resumptive_relative(sv, k))
                      or (not cross_weak and sv.weak[k]) or _new_conjunct(sv, k) for k in range(j, a.t0))
        if blocked:
            return None
        if ok(a):
            return a
    return None


def _new_conjunct(sv: SentView, k: int) -> bool:
    """"، و..." opens a new coordinated clause (، وإغلاق حدوده مع سوريا): arguments stop there."""
    return sv.is_comma(k) and k + 1 < sv.n and sv.norm[k + 1].startswith("و") and len(sv.norm[k + 1]) > 2


def resumptive_relative(sv: SentView, k: int) -> bool:
    """الذي/التي + verb with a resumptive pronoun (الحملة التي يشنها X ضد Y) keeps the clause open."""
    nxt = k + 1
    return nxt < sv.n and bool(bare_in(sv.norm[k], sv.lex.closed.relative_pronouns)) and \
        len(sv.norm[nxt]) >= 4 and sv.norm[nxt].endswith(PRONOUN_SUFFIXES)


def near_after(sv: SentView, j: int, ok: Callable[[Arg], bool], gap: int = 2,
                preps: tuple[str, ...] = ("",)) -> Arg | None:
    """An argument right after the trigger (genitive, VSO subject), only fillers in between; a country
    after a place word (معارك شمال سوريا) is a locative, not an argument."""
    def loose(k: int) -> bool:  # quotes and a detached preposition: لـ «قسد»
        return sv.skippable(k) or (sv.norm[k] in preps and sv.norm[k] != "")

    for a in sv.args:
        if a.t0 < j:
            continue
        if a.state and any(sv.is_word(k, sv.lex.place_heads) or sv.is_word(k, sv.lex.locative_preps)
                           for k in range(j, a.t0)):
            return None
        if a.t0 - j > gap + 3 or not sv.gap_is(
                j, a.t0, lambda k: sv.is_filler(k) or loose(k) or (k > j and sv.is_partitive(k))
                or bool(NISBA.match(sv.norm[k]))):  # the من of members: قتل عناصر من X
            return None
        if a.t0 - j - sum(1 for k in range(j, a.t0) if loose(k)) > gap:
            return None
        return a if ok(a) and a.prep in preps else None
    return None


def genitive_agent(sv: SentView, j: int, ok_agent: Callable[[Arg], bool],
                   ok_object: Callable[[Arg], bool]) -> tuple[Arg, Arg] | None:
    """A verbal noun's genitive agent and its object with لـ (استعادة الجيش لبلدة X، مهاجمة قسد لمواقع
    التنظيم، دعم واشنطن للوحدات): (agent, object), or None when the genitive is no agent followed by one."""
    agent = near_after(sv, j, ok_agent, gap=2)
    if agent is None:
        return None
    end = sv.group(agent)[-1].t1
    obj = near_after(sv, end, lambda a: ok_object(a) and a.entity != agent.entity, gap=2, preps=("ل",))
    return (agent, obj) if obj is not None else None


def _agent_adjective_at(sv: SentView, j: int) -> int | None:
    """The token of a nationality adjective right after the trigger (الغارات الإسرائيلية), or after a hedge
    (غارات يعتقد أنها إسرائيلية: closed class hedges), or None.  One inside a name after the trigger
    (استهداف الجيش الإسرائيلي) is that name's, not the trigger's, and so is one after a head that makes
    its state's thing (قصف أهدافا إيرانية: kg.relations.antecedents), the object."""
    pat = sv.lex.agent_adjective
    if pat is None:
        return None
    start = j + sv.phrase_at(j, sv.lex.closed.hedges)
    return next((k for k in range(start, min(sv.n, start + 2)) if pat.fullmatch(sv.norm[k])
                 and not any(a.t0 < k < a.t1 for a in sv.args)), None)


def agent_adjective(sv: SentView, j: int) -> bool:
    """A nationality adjective right after the trigger (الغارات الإسرائيلية) names its agent."""
    return _agent_adjective_at(sv, j) is not None


@lru_cache(maxsize=1)
def state_tables() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """(demonym -> state, (state, kind) -> body entity) from the alias table; empty without it."""
    try:
        from kg.knowledge import load_knowledge
        kb = load_knowledge()
    except (ImportError, OSError, ValueError):
        return {}, {}
    return kb.demonym_states, kb.state_bodies


def demonym_state(word: str) -> str | None:
    """The state a folded demonym names (الإسرائيلية، إسرائيلية), or None."""
    demonyms = state_tables()[0]
    return demonyms.get(word) or demonyms.get("ال" + word)


def conjoined_demonym_state(word: str) -> str | None:
    """The state a demonym joined by و names (والتركي، وإيرانية), or None."""
    return demonym_state(word[1:]) if word[:1] == "و" else None


def adjective_agent(sv: SentView, j: int) -> Arg | None:
    """The agent that a nationality adjective right after the trigger names (العدوان الإسرائيلي على X),
    as an argument of its own where the article names that state; None otherwise."""
    k = _agent_adjective_at(sv, j)
    state = demonym_state(sv.norm[k]) if k is not None else None
    return Arg(state, "Place", k, k + 1, True) if state and k is not None and state in sv.doc_entities else None


def has_pronoun_object(sv: SentView, i: int, j: int, trig: Trigger | None = None) -> bool:
    """The trigger word carries an object pronoun (نقلهم، تدعمه); a final ه counts only when the word
    without it is still the trigger (so تسوية/folded ة is not taken for a pronoun)."""
    tok = sv.norm[j - 1]
    if len(tok) > 4 and tok.endswith(("هم", "ها", "هما")):
        return True
    if trig is not None and len(trig.seq.parts) == 1 and len(tok) > 4 and tok.endswith("ه") \
            and not tok.endswith("يه"):
        return any(trig.seq.parts[0].fullmatch(stem[:-1]) for _, stem in sv.forms[j - 1] if stem.endswith("ه"))
    return False


# ---- بين X (من جهة) و Y (من جهة أخرى) ----------------------------------------------------------

def _side(ok: Callable[[Arg], bool]) -> Callable[[Arg], bool]:
    """A side named after بين: never a state after في, which says where the sides met (اشتباكات بين X وY
    في اليمن، الحرب في سوريا والفراغ في لبنان)."""
    return lambda a: ok(a) and not (a.state and a.prep == "في")


def _conjunct_start(sv: SentView, a: Arg) -> int:
    """Where the conjunct of ``a`` starts: at a member noun right before it (ومقاتلي المقاومة), else at it."""
    return a.t0 - 1 if a.t0 > 0 and sv.is_member(a.t0 - 1) else a.t0


def _loyal_to_it(sv: SentView, a: Arg) -> bool:
    """An adjective of loyalty with a pronoun right after ``a``, past its nisbas (فصائل المعارضة السورية الموالية
    لها: closed class loyal_to_it): ``a`` stands by the side named before it."""
    k = a.t1
    while k < sv.n and k not in sv.covered:
        if sv.phrase_at(k, sv.lex.closed.loyal_to_it):
            return True
        if not NISBA.match(sv.norm[k]):
            return False
        k += 1
    return False


def between(sv: SentView, j: int, ok: Callable[[Arg], bool], window: int = 10, past_events: str = "") -> Cand | None:
    """The two sides after بين: split at من جهة/من طرف, at a second وبين, or two entities alone.  بين may
    stand ``window`` tokens after the trigger: past a name, a participle and a date (اتفاق فيينا المبرم
    في 14 تموز بين X وY), and with ``past_events`` (the trigger's type, where it declares sides_past_events)
    past a trigger of another type (اتفاق فك الاشتباك بين X وY)."""
    bayn = sv.lex.closed.between
    ok = _side(ok)

    def owns(m: int) -> bool:  # a trigger or a weak boundary before بين owns it
        if m in sv.trigger_tokens:
            return not past_events or sv.trigger_types.get(m) == past_events
        # قتال امتد من ليل الأربعاء حتى فجر الخميس بين X وY: the حتى that closes a span from من opens no clause
        span = bool(bare_in(sv.norm[m], sv.lex.closed.span_until)) and "من" in sv.norm[max(j, m - 4):m]
        return sv.weak[m] and not sv.is_comma(m) and not span

    k = next((k for k in range(j, min(sv.n, j + window)) if sv.norm[k] in bayn), None)
    if k is None or sv.boundary_between(j, k) or any(owns(m) for m in range(j, k)):
        return None
    if any(seq.match(sv.forms, k + 1) for seq in sv.lex.pair_references):
        return None  # اشتباكات بين الطرفين منذ زحف X وY إليها: the sides were named before (references.py)
    if any(sv.is_comma(m - 1) and sv.norm[m].startswith("و") and m not in sv.covered for m in range(j + 1, k)):
        return None  # الاتفاق النووي، والتصعيد الأخير بين X وY: a new conjunct owns the بين
    end = k + 1
    while end < sv.n and not sv.hard[end] and end - k < 30:
        end += 1
    markers = [m for m in range(k + 1, end - 1)
               if any(bare_in(sv.norm[m], (a,)) and sv.norm[m + 1] == b for a, b in sv.lex.side_markers)]
    second_bayn = next((m for m in range(k + 1, end) if (sv.norm[m][:1] == "و" and sv.norm[m][1:] in bayn)
                        or (sv.norm[m] == "و" and m + 1 < sv.n and sv.norm[m + 1] in bayn)), None)

    def comma_end(start: int) -> int:
        for m in range(start, end):
            if sv.is_comma(m) or sv.weak[m] and sv.norm[m] not in ("و",):
                return m
        return end

    if markers:
        m1 = markers[0]
        m2 = markers[1] if len(markers) > 1 else comma_end(m1 + 2)
        side_a = [a for a in sv.args_in(k + 1, m1) if ok(a)]
        side_b = [a for a in sv.args_in(m1 + 2, m2) if ok(a)]
        conf = C_BETWEEN_SIDES
    elif second_bayn is not None:
        side_a = [a for a in sv.args_in(k + 1, second_bayn) if ok(a)]
        side_b = [a for a in sv.args_in(second_bayn + 1, comma_end(second_bayn + 2)) if ok(a)]
        conf = C_BETWEEN_SIDES
    else:
        inside = [a for a in sv.args_in(k + 1, comma_end(k + 1)) if ok(a)]
        if len({a.entity for a in inside}) == 1:  # بين روسيا، حليفة دمشق، وتركيا
            later = next((a for a in sv.args if a.t0 > inside[-1].t1 and (start := _conjunct_start(sv, a)) - k <= 12
                          and ok(a) and sv.norm[start].startswith("و") and not sv.boundary_between(k, a.t0)), None)
            inside += [later] if later is not None else []
        if len({a.entity for a in inside}) < 2:
            return None
        # بين X وY, and بين X وY وZ: the first named party with each of the others (مفاوضات بين اليونان
        # والمفوضية والبنك المركزي)
        first = inside[0]
        loyal = [a for a in inside if _loyal_to_it(sv, a)]  # بين X وY الموالية لها وZ: Y on X's side
        side_a = [a for a in inside if a.entity == first.entity or a in loyal]
        side_b = [a for a in inside if a not in side_a]
        conf = C_BETWEEN
    if not side_a or not side_b:
        return None
    return Cand(side_a, side_b, conf)
