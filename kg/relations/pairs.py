"""Actor - actor frames: FOUGHT, NEGOTIATED_WITH, SURRENDERED_TO."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass

from kg.relations.args import (
    C_BETWEEN,
    C_CLAUSE,
    C_NEAR,
    C_SENTENCE,
    Cand,
    accused_of,
    adjective_agent,
    after_relative,
    agent_adjective,
    antecedent_actor,
    between,
    eligible,
    first_after,
    genitive_agent,
    has_pronoun_object,
    left_subject,
    near_after,
    same_side,
)
from kg.relations.lexicon import RelationType, Trigger
from kg.relations.sentence import NISBA, Arg, SentView, bare_in

# ---- actor - actor (FOUGHT, NEGOTIATED_WITH, SURRENDERED_TO) ---------------------------------------
# One handler per trigger role (kg.relations.roles.ROLE_HANDLERS); they share how the object after the
# trigger is found (``_slots``) and how a missing subject is filled in (``_close``).

@dataclass
class _Pair:
    """What an actor-pair trigger has found so far: the eligible-argument tests, the object after the
    trigger, the argument right after it, and the subject once chosen."""

    ok_s: Callable[[Arg], bool]
    ok_o: Callable[[Arg], bool]
    obj: Arg | None
    near: Arg | None
    subj: Arg | None = None
    conf: float = C_NEAR
    mutual: bool = False  # the trigger is reciprocal (Trigger.mutual): a coordinated subject fights itself
    owned_by_pronoun: bool = False  # its target is a site with a pronoun (قصف مواقعه): owned by one named before


def _between_sides(sv: SentView, i: int, j: int, rt: RelationType) -> list[Cand]:
    """بين X و Y after the trigger gives both sides, whatever the role."""
    if not rt.between_sides:
        return []
    ok_s, ok_o = eligible(rt.subject_types, sv, rt.name), eligible(rt.object_types, sv, rt.name)
    past = rt.name if rt.sides_past_events else ""
    cand = between(sv, j, lambda a: ok_s(a) and ok_o(a), past_events=past)
    rel = _relative_after(sv, j) if cand is None else None
    if rel is not None:  # المعارك التي تدور في مدينة X بين Y وZ: the sides are in the relative clause
        cand = between(sv, rel + 1, lambda a: ok_s(a) and ok_o(a), window=14, past_events=past)
    if cand is None:
        cand = _pronoun_between(sv, i, j, lambda a: ok_s(a) and ok_o(a))
    return [cand] if cand else []


def _pronoun_between(sv: SentView, i: int, j: int, ok: Callable[[Arg], bool], window: int = 6) -> Cand | None:
    """اشتباكات دارت بينها وبين Y (closed class pronoun_between): the pronoun is the subject of the
    trigger's clause, the other side is named after وبين."""
    k = next((k for k in range(j, min(sv.n - 1, j + window)) if sv.norm[k] in sv.lex.closed.pronoun_between
              and sv.norm[k + 1] in {"و" + w for w in sv.lex.closed.between}), None)
    if k is None or sv.boundary_between(j, k):
        return None
    other = next((a for a in sv.args if a.t0 >= k + 2 and ok(a) and not sv.boundary_between(k, a.t0)), None)
    if other is None or other.t0 - (k + 2) > 2:
        return None
    side_b = [a for a in sv.group(other) if ok(a)]
    subject, conf = left_subject(sv, i, ok, {a.entity for a in side_b})
    return Cand([subject], side_b, min(conf, C_BETWEEN)) if subject is not None else None


Handler = Callable[[SentView, Trigger, int, int, RelationType], list[Cand]]


def _sides_first(handler: Handler) -> Handler:
    """بين X و Y after the trigger gives both sides, whatever the role: tried before the role's own frame."""
    @functools.wraps(handler)
    def run(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
        return _between_sides(sv, i, j, rt) or handler(sv, trig, i, j, rt)
    return run


def _relative_after(sv: SentView, j: int) -> int | None:
    """The relative pronoun that opens a clause describing the trigger noun (الاشتباكات العنيفة، التي):
    after at most two definite adjectives and a comma."""
    k, adjectives = j, 0
    while k < sv.n and (sv.skippable(k) or sv.is_comma(k) or (
            adjectives < 2 and sv.norm[k].startswith("ال") and k not in sv.covered and k not in sv.trigger_tokens
            and not bare_in(sv.norm[k], sv.lex.closed.relative_pronouns))):
        adjectives += sv.norm[k].startswith("ال")
        k += 1
    return k if k < sv.n and bare_in(sv.norm[k], sv.lex.closed.relative_pronouns) else None


def _slots(sv: SentView, trig: Trigger, j: int, rt: RelationType, start: int,
           near_preps: tuple[str, ...], direct: bool = False, resumptive: bool = False) -> _Pair:
    """``direct``: the trigger takes a direct object (a verb), so what it governs starts right after it.
    ``resumptive``: a verb, whose VSO subject may follow a resumptive pronoun (المناطق التي اتفقت عليها X
    وY، المرة التي تقصف فيها قوات X Y).  An actor after an ally phrase (إلى جانب Y) is on the subject's
    side, never the object."""
    ok_s, any_o = eligible(rt.subject_types, sv, rt.name), eligible(rt.object_types, sv, rt.name)

    def ok_o(a: Arg) -> bool:
        return any_o(a) and not sv.beside(a)

    def governed_object(a: Arg) -> bool:
        if a.state and a.prep == "في":
            return False  # أسفر عن مقتل العشرات في تركيا: a state after في is where, not who
        return ok_o(a) and (a.prep in trig.preps or _owner_of_target(sv, a, trig, j, direct)) \
            and not _border_with(sv, a)

    obj = first_after(sv, start, governed_object, window=14, cross_relative=True)
    if obj is not None and _next_trigger_clause(sv, j, obj.t0):
        obj = None  # في قتال التنظيم، معارك مع القوات التركية: the later trigger owns that object
    near = near_after(sv, j, ok_s, preps=near_preps)
    if near is None and resumptive and j < sv.n and bare_in(sv.norm[j], sv.lex.closed.resumptive_pronouns):
        near = near_after(sv, j + 1, ok_s)
    return _Pair(ok_s, ok_o, obj, near, mutual=trig.mutual and not _unnamed_object(sv, trig, start),
                 owned_by_pronoun=obj is None and _pronoun_site(sv, trig, start))


def _pronoun_site(sv: SentView, trig: Trigger, start: int, window: int = 3) -> bool:
    """The trigger's target is a held site with a possessive pronoun (قصف مواقعه، هجوم على مقراتهم، ضد
    معاقله): right after it, past its preposition and quotes."""
    k = start
    while k < sv.n and k - start < window and (sv.skippable(k) or bare_in(sv.norm[k], trig.preps)):
        k += 1
    return k < sv.n and any(stem.endswith(suffix) and stem[:-len(suffix)] in sv.lex.held_sites
                            for stem in sv.stems[k] for suffix in sv.lex.closed.possessive_suffixes)


def _site_owner(sv: SentView, i: int, p: _Pair) -> Arg | None:
    """Who owns the sites a pronoun takes up (أعلن X أن Y قصف مواقعه): the nearest actor before the
    trigger that is not its subject's side; only where the subject is said in the trigger's clause (not
    the speaker of بقصف استهدف أوكارهم, whose attacker is unnamed)."""
    subj, conf = (p.subj, C_NEAR) if p.subj is not None else left_subject(sv, i, p.ok_s, set())
    if subj is None or conf < C_CLAUSE:
        return None
    side = {a.entity for a in sv.group(subj)}
    return next((a for a in reversed(sv.args) if a.t1 <= i and p.ok_o(a) and a.entity not in side
                 and not (a.state and a.prep == "في")), None)


def _unnamed_object(sv: SentView, trig: Trigger, start: int) -> bool:
    """One of the trigger's prepositions follows it in its clause (اشتبكت قوات X وY مع مسلحين): the other
    side is said, and is no known actor, so the coordinated subject is one side, not both."""
    k = start
    while k < sv.n and not sv.hard[k]:
        if bare_in(sv.norm[k], trig.preps):
            return True
        k += 1
    return False


def _border_with(sv: SentView, a: Arg) -> bool:
    """قرب الحدود مع X، معبر على حدودها مع X: the preposition before ``a`` follows a border noun (closed
    class border_nouns), which takes it itself: X is where the border runs, no party of the trigger."""
    k = a.t0 - 1
    while k >= 0 and (sv.skippable(k) or sv.is_member(k)):
        k -= 1
    if k < 1 or not bare_in(sv.norm[k], sv.lex.object_preps):
        return False
    return sv.is_word(sv.word_before(k), sv.lex.closed.border_nouns)


def _owner_of_target(sv: SentView, a: Arg, trig: Trigger, j: int, direct: bool) -> bool:
    """غارات على مواقع لتنظيم X، قصف معسكرات لـ X، استهدفت عشرات المواقع التابعة لـ X: the
    trigger (or its preposition) governs what belongs to ``a`` (a possessed target noun, then لـ ``a``):
    attacking it is attacking ``a``."""
    if a.prep != "ل":
        return False
    k, owned = a.t0 - 1, False
    # a name's nisba (قوات سوريا الديمقراطية) ends the walk
    while k >= j and a.t0 - k <= 5 and k not in sv.covered and (sv.skippable(k) or sv.is_possessed(k)
                                                               or sv.is_member(k) or bool(NISBA.match(sv.norm[k]))):
        owned = owned or sv.is_possessed(k)
        k -= 1
    if not owned or k < 0 or "ل" in sv.prefix_of(k + 1):
        return False  # رأس حربة لأهداف X: the لـ is the target noun's own (for X's aims), not the owner's
    if bare_in(sv.norm[k], trig.preps) or k == j - 1:
        return True  # the trigger's genitive or direct object right after it (قصف معسكرات لـ X، قصفت مواقع لـ X)
    # a direct object after the verb's VSO subject, one or coordinated, its member noun before it (استهدفت قسد
    # عشرات المواقع التابعة لـ X، قصفت روسيا وإيران مواقع لـ X، هاجم مسلحو Y قاعدة لـ X), a time phrase
    # between (قصف طيران Y ليلة أمس مواقع لـ X)
    return direct and any(j <= b.t0 and sv.gap_is(j, b.t0, sv.is_filler) and b.actor
                          and (end := sv.group(b)[-1].t1) <= k + 1 <= sv.past_time(end) for b in sv.args)


def _genitive_agent(sv: SentView, j: int, p: _Pair) -> bool:
    """No object yet and the verbal noun's genitive is followed by a لـ object (قصف الطيران لمواقع X):
    the genitive is the agent (``p.near``) and the لـ phrase the object."""
    if p.obj is not None:
        return False
    pair = genitive_agent(sv, j, p.ok_s, p.ok_o)
    if pair is None:
        return False
    p.near, p.obj = pair
    return True


def _ground_holder(sv: SentView, trig: Trigger, j: int, rt: RelationType, p: _Pair) -> None:
    """No actor object: the holder of the attacked ground, where the type declares it (``target_holder``)."""
    if p.obj is None and rt.target_holder:
        p.obj = _controller_of_target(sv, trig, j, p.ok_o, rt.target_holder)
        p.conf = C_SENTENCE if p.obj is not None else p.conf


def _among_subjects(sv: SentView, i: int, p: _Pair) -> list[Cand]:
    """اتفقت X وY، اتفاق X وY، X وY توقعان اتفاقا، وقعت كل من قبيلتي X وY اتفاقا: no object, and the
    subject is a coordinated list (right after the trigger, right before it, or after كل من): its members
    are the parties, with each other."""
    subj = p.subj or left_subject(sv, i, p.ok_s, set(), max_sentence=False)[0]
    if subj is None:
        return []
    side = [a for a in sv.group(subj) if p.ok_s(a) and not a.prep]
    if len({a.entity for a in side}) < 2:
        return []
    if subj is p.subj:
        return [Cand(side, side, C_NEAR)]
    k = side[0].t0
    each = any(sv.norm[k - 2:k] == list(phrase) for phrase in sv.lex.closed.each_of)
    gap = [m for m in range(side[-1].t1, i) if not sv.skippable(m)]
    # X وY توصلا إلى اتفاق، فشل X وY بالتوصل إلى هدنة: a verb that makes the event (and its preposition)
    made = bool(gap) and any(seq.match(sv.forms, gap[0]) for seq in sv.lex.event_makers)
    return [Cand(side, side, C_CLAUSE)] if each or len(gap) <= 1 + made or _vso_maker(sv, k, i, gap) else []


IMPERFECT_PREFIXES = "يت"  # a verb saying what holds now (يسيطر، تسيطر), not what happened once (سيطرت)
VSO_GAP = 8  # tokens between a VSO list and the event noun the verb makes (its date, جولة جديدة من)


def _vso_maker(sv: SentView, k: int, i: int, gap: list[int]) -> bool:
    """تستأنف X وY وZ اليوم جولة من المفاوضات، وقعت X وY أمس اتفاقا: the list is the VSO subject of a
    verb that makes the event, and the event noun is in the verb's clause: its members are the parties."""
    v = k - 1
    while v >= 0 and sv.skippable(v):
        v -= 1
    if v < 0 or not any(seq.match(sv.forms, v) for seq in sv.lex.event_makers):
        return False
    return len(gap) <= VSO_GAP and not any(sv.hard[m] or sv.is_comma(m) for m in range(k, i))


def _accused_agent(sv: SentView, i: int, p: _Pair) -> Arg | None:
    """اتهمت X Y بقصف مواقعها، تتهم X Y بشن هجمات على أراضيها: the accused, where it may be the subject, made
    the attack (the ب on the trigger or on the verb that carries it)."""
    accused = accused_of(sv, i) or accused_of(sv, i - 1)
    return accused if accused is not None and p.ok_s(accused) else None


def _close(sv: SentView, i: int, j: int, p: _Pair, rt: RelationType, definite: bool = False) -> list[Cand]:
    """Fill in a missing subject (between the trigger and the object, else before the trigger) and
    expand both sides to their coordinated lists.  ``definite``: a definite noun (الاتفاق مع X، الهجوم على
    X) names a known event; a party guessed from outside its clause is no party of it."""
    obj, subj, conf = p.obj, p.subj, p.conf
    accused = _accused_agent(sv, i, p) if subj is None else None
    if accused is not None:
        p.subj = subj = accused  # before the site owner, which is the subject's other side
    if obj is None and p.owned_by_pronoun:
        obj, conf = _site_owner(sv, i, p), min(conf, C_SENTENCE)
    if accused is not None:
        conf = min(p.conf, C_CLAUSE)  # the accused is named in the trigger's clause
    if obj is None:
        return _among_subjects(sv, i, p) if rt.coordinated_parties or p.mutual else []
    if subj is None:  # a subject between the trigger and the object (يشنها X ضد Y)
        subj = next((a for a in sv.args if j <= a.t0 and a.t1 <= obj.t0 and p.ok_s(a) and not a.prep
                     and a.entity != obj.entity and a not in sv.group(obj)), None)
    helped, helpers = None, []
    if subj is None:
        help_ = _helped(sv, i, p.ok_s)
        if help_ is None and sv.norm[i] in sv.lex.closed.help_against:
            return []  # دعم ... ضد Y with no one helped named: no side of the fight is known
        if help_ is not None:
            helped, purposive = help_
            subj, conf = helped, C_CLAUSE
            helper = left_subject(sv, i, p.ok_s, same_side(sv, obj) | {helped.entity})[0] if purposive else None
            helpers = sv.group(helper) if helper is not None else []
    if subj is None and agent_adjective(sv, j):
        agent = adjective_agent(sv, j)  # الغارات الإسرائيلية ضد X: the adjective's state, if the article names it
        objects = [a for a in sv.group(obj) if p.ok_o(a) and a.entity != getattr(agent, "entity", None)]
        return [Cand([agent], objects, C_SENTENCE)] if agent is not None and objects else []
    if subj is None:
        subj, conf = left_subject(sv, i, p.ok_s, same_side(sv, obj))
        if definite and subj is not None and (conf < C_CLAUSE or not _makes_event(sv, subj, i)):
            return []
    lo, hi = sv.clause(i, j)
    allies = [a for a in sv.args if lo <= a.t0 < hi and sv.beside(a) and p.ok_s(a)]  # X يقاتل Z إلى جانب Y
    if subj is None and allies:
        subj, conf = allies[0], C_CLAUSE  # (unnamed) تقاتل Z إلى جانب Y: Y fights Z
    if subj is None:
        return []
    # a coordinated list never spans the trigger (سوريا، وقصف الجيش X: the place is no second subject)
    subjects = [a for a in (_speaks_for(sv, a, p.ok_s) or a for a in sv.group(subj))
                if (p.ok_s(a) or a == helped) and (a.t0 < i) == (subj.t0 < i)]
    objects = [a for a in sv.group(obj) if p.ok_o(a) and (a.t0 < i) == (obj.t0 < i)]
    taken = {a.entity for a in subjects} | same_side(sv, obj)
    partners = [a for a in sv.args if 0 < a.t0 - subjects[-1].t1 <= 4 and sv.beside(a) and p.ok_s(a)] \
        if subjects else []  # بدأت X بالتنسيق مع Y عملية ضد Z: Y fights Z beside X
    subjects += [a for a in _participants(sv, i, p.ok_s) + allies + partners + helpers if a.entity not in taken]
    return [Cand(subjects, objects, conf)]


HELP_WINDOW = 4  # tokens from a help word to the one helped: دعم واشنطن للأكراد في مواجهة Y
HELPED_GAP = 2  # words between the one helped and في/على: الحكومة الصومالية الضعيفة في مواجهة Y


def _helped(sv: SentView, i: int, ok: Callable[[Arg], bool]) -> tuple[Arg, bool] | None:
    """دعم واشنطن للأكراد في مواجهة Y، ساعدت X Y على صد Z، دعم X لـ Y ضد Z: the one helped in (في، على)
    the act, or against (ضد) its foe, is its agent (closed class help_words, help_preps, help_against);
    the helper only backs it, unless it came for that (لمساعدة، لدعم: forces sent to help the government
    fight Y fight Y too).  (the one helped, purposive)"""
    closed = sv.lex.closed
    if sv.norm[i] in closed.help_against:
        k = i  # دعم واشنطن لوحدات حماية الشعب ضد داعش: the trigger is the preposition itself
    else:
        k = sv.word_before(i)
        if k < 1 or sv.norm[k] not in closed.help_preps:
            return None
    helped = next((a for a in reversed(sv.args) if a.t1 <= k), None)
    # the help word's own argument: blocked as a party elsewhere, the agent of this act
    if helped is None or k - helped.t1 > HELPED_GAP or not ok(dataclasses.replace(helped, blocked=False)) or any(
            sv.hard[m] or sv.is_comma(m) or m in sv.trigger_tokens for m in range(helped.t1, k)):
        return None
    word = next((m for m in range(helped.t0 - 1, max(-1, helped.t0 - 1 - HELP_WINDOW), -1)
                 if sv.is_word(m, closed.help_words)), None)
    if word is None or sv.boundary_between(word, helped.t0):
        return None
    return helped, "ل" in sv.prefix_of(word)


def _speaks_for(sv: SentView, a: Arg, ok: Callable[[Arg], bool], window: int = 10) -> Arg | None:
    """نفى القيادي في X، الفصيل الأقوى في Z، P أي مفاوضات مع Y، المتحدث باسم فصيل X، P: a person named after
    a title that ties him to a body (closed class spokesman_titles, at most three words before the body,
    quotes aside)
    speaks for it: the body is the side."""
    if a.etype != "Person":
        return None
    body = next((b for b in reversed(sv.args) if b.t1 <= a.t0 and b.etype == "Organization" and ok(b)
                 and a.t0 - b.t1 <= window), None)
    if body is None or any(k in sv.trigger_tokens for k in range(body.t1, a.t0)):
        return None
    words = [k for k in range(max(0, body.t0 - 6), body.t0) if not sv.skippable(k)][-3:]
    return body if any(sv.is_word(k, sv.lex.closed.spokesman_titles) for k in words) else None


def _makes_event(sv: SentView, subj: Arg, i: int) -> bool:
    """أبرمت مصر الاتفاق مع X، مصر وقعت الاتفاق مع X: a verb that makes the event (lexicon ``event_makers``)
    stands by the subject, before the definite noun, or the noun names the act itself (رفضت X التفاوض مع
    Y), or the clause's act happens during it (رفضت X الشروط خلال المفاوضات مع Y: lexicon ``event_during``
    right before the noun); otherwise (رفضت X الاتفاق مع Y) the subject only speaks of an event it is no party of."""
    before = sv.word_before(i)
    return (before >= subj.t1 and sv.is_word(before, sv.lex.event_during)) or any(
        seq.match(sv.forms, k) for k in range(max(0, subj.t0 - 2), i + 1) for seq in sv.lex.event_makers)


def _participants(sv: SentView, i: int, ok: Callable[[Arg], bool]) -> list[Arg]:
    """تشارك X حاليا في ضربات Y ضد Z، شاركت X في الهجوم على Z: who takes part in (في) the attack
    is a party to it too: right after the participation word (VSO) or its clause's subject."""
    k = sv.word_before(i)
    if k < 1 or sv.norm[k] != "في":
        return []
    verb = next((m for m in range(k - 1, max(-1, k - 4), -1) if sv.is_word(m, sv.lex.closed.participation)), None)
    if verb is None:
        return []
    who = near_after(sv, verb + 1, ok, gap=1)
    if who is None or who.t1 > k:
        who = left_subject(sv, verb, ok, set())[0]
    return [a for a in sv.group(who) if ok(a)] if who is not None else []


@_sides_first
def noun(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """معارك X مع Y، هجوم X على Y: the genitive (or لـ) after the noun is the subject."""
    p = _slots(sv, trig, j, rt, j, ("", "ل"))
    if p.near is not None and p.near is not p.obj:
        p.subj = p.near
    _target_of_agent(sv, p)
    _ground_holder(sv, trig, j, rt, p)
    _victim_before(sv, i, j, p)
    _repelled(sv, i, j, p)
    definite = rt.definite_names_event and any(stem.startswith("ال") for _, stem in sv.forms[i])
    return _close(sv, i, j, p, rt, definite)


def _target_of_agent(sv: SentView, p: _Pair) -> None:
    """قصف طيران X مواقع Y، قصف طائرات X تمركزات ومواقع Y: no object yet, and right after the noun's
    genitive agent what belongs to a party (possessed targets, numbers, و between): the party (its
    genitive or لـ) is the object; so is the state a nationality adjective names (قصف الجيش X مواقع
    إيرانية: the antecedent reference that spans the possessed noun)."""
    if p.obj is not None or p.subj is None:
        return
    k, owned = sv.past_time(p.subj.t1), False  # a time phrase may follow the agent (قصف طيران X ليلة أمس مواقع Y)
    while k < sv.n and (sv.skippable(k) or sv.is_possessed(k) or sv.norm[k].isdigit()):
        if sv.is_possessed(k):
            owned = True
            if any(a.t0 == k and a.mention is not None and a.mention.origin == "reference" for a in sv.args):
                break  # مواقع إيرانية: the reference spans the possessed noun and is the owner
        k += 1
    owner = next((a for a in sv.args if a.t0 == k), None)
    if owned and owner is not None and owner.prep in ("", "ل") and p.ok_o(owner) and owner.entity != p.subj.entity:
        p.obj = owner


def _victim_before(sv: SentView, i: int, j: int, p: _Pair) -> None:
    """قتل 10 من عناصر X في هجوم لـ Y، مقتل عناصر X في غارة شنها Y: an attack with its agent said after it
    and no object fell on the party whose people a casualty word before it names (closed class
    casualty_words, then casualty_preps right before the attack): that party is the object."""
    if p.obj is not None:
        return
    closed = sv.lex.closed
    agent = _agent_after(sv, j, p)
    if agent is None:
        return
    k = sv.word_before(i)
    while k >= 0 and (sv.norm[k].isdigit() or sv.is_word(k, closed.count_words)):
        k = sv.word_before(k)  # a count of attacks (جراء ثلاث غارات لـ Y)
    placed = "ب" in sv.prefix_of(i).lstrip("وف")[:1]
    if not placed and not (k >= 0 and bare_in(sv.norm[k], closed.casualty_preps)):
        return
    end = i if placed else k

    def counted(lo: int, hi: int) -> bool:  # only a count and member nouns between (10 من عناصر X، ثمانية من X)
        return sv.gap_is(lo, hi, lambda m: sv.is_filler(m) or sv.norm[m].isdigit() or sv.norm[m] == "من"
                         or sv.is_word(m, closed.count_words))

    for cue in (m for m in range(end - 1, max(-1, end - 12), -1) if sv.is_word(m, closed.casualty_words)):
        victim = next((a for a in sv.args_in(cue + 1, end) if p.ok_o(a) and counted(cue + 1, a.t0)), None)
        if victim is not None and victim.entity != agent.entity and not sv.boundary_between(cue, i):
            p.subj, p.obj, p.conf = agent, victim, C_CLAUSE
            return


def _agent_after(sv: SentView, j: int, p: _Pair) -> Arg | None:
    """The attack noun's agent said after it: its genitive or لـ (``p.subj``), or the actor after شنها/نفذته
    (closed class attack_makers: غارة جوية شنها Y)."""
    agent = p.subj
    if agent is None:
        k = j
        while k < min(sv.n, j + 3) and not bare_in(sv.norm[k], sv.lex.closed.attack_makers):
            k += 1
        agent = first_after(sv, k + 1, p.ok_s, window=2, cross_weak=False) if k < min(sv.n, j + 3) else None
    return agent if agent is not None and agent.prep in ("", "ل") else None


def _repelled(sv: SentView, i: int, j: int, p: _Pair) -> None:
    """تصدت X لهجوم Y، أحبط X هجوما شنه Y، التصدي لهجوم Y: an attack with its agent said after it and no
    object, right after a word of repelling or foiling it (closed class repel_words): whoever repels it
    (the VSO subject between, else the subject before) is the object."""
    if p.obj is not None:
        return
    agent = _agent_after(sv, j, p)
    if agent is None:
        return
    word = next((m for m in range(i - 1, max(-1, i - 6), -1) if sv.is_word(m, sv.lex.closed.repel_words)), None)
    if word is None or sv.boundary_between(word, i):
        return
    between = [a for a in sv.args_in(word + 1, i) if p.ok_o(a) and not a.prep]
    if not between and any(not sv.skippable(m) for m in range(word + 1, i)):
        return  # something else stands between the repelling word and the attack
    repeller = between[0] if between else left_subject(sv, word, p.ok_o, same_side(sv, agent))[0]
    if repeller is not None and repeller.entity != agent.entity:
        p.subj, p.obj, p.conf = agent, repeller, C_CLAUSE


@_sides_first
def verb_prep(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """اشتبكت X مع Y: the object comes with a preposition; a resumptive pronoun may stand before a VSO
    subject (المناطق التي اتفقت عليها X وY)."""
    p = _slots(sv, trig, j, rt, j, ("",), resumptive=True)
    if p.near is not None and p.near is not p.obj:
        p.subj = p.near
    return _close(sv, i, j, p, rt)


@_sides_first
def masdar(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """قتال التنظيم: the genitive is the object; the subject stands before.  مهاجمة قسد لمواقع التنظيم:
    a genitive followed by a لـ object is the agent."""
    p = _slots(sv, trig, j, rt, j, ("", "ل"))
    if _genitive_agent(sv, j, p):
        p.subj = p.near
    if p.obj is None:
        p.obj = p.near
    if p.subj is None and p.obj is not None and "ل" in sv.prefix_of(i):
        alliance = _alliance_before(sv, i, p.ok_s, rt.name)  # التحالف الذي تقوده X لقتال Y: its purpose
        if alliance is not None and alliance.entity != p.obj.entity:
            p.subj, p.conf = alliance, C_CLAUSE
    cands = _close(sv, i, j, p, rt)
    if trig.distant_agent or _carried(sv, i):  # إنها تواصل محاربة Y: the carrying verb's subject is the agent
        return cands
    # ودعا إلى تعاون الجميع لمحاربة Y، تعول X على المقاتلين في محاربة Y: a party named outside the verbal
    # noun's clause is no agent of it
    return [c for c in cands if c.conf != C_SENTENCE]


def _carried(sv: SentView, i: int) -> bool:
    """The verbal noun at i is carried by a verb whose subject is its agent: a verb of continuing or
    starting right before it (تواصل محاربة Y، بدأت في قتال Y), or a verb of managing earlier in its
    clause with its preposition right before it (نجاح X الموالية لـ P في تحرير Z من Y، تمكنت X من طرد Y)."""
    closed = sv.lex.closed
    if sv.is_word(i - 1, closed.carrier_verbs) or (
            sv.norm[i - 1: i] == ["في"] and sv.is_word(i - 2, closed.carrier_verbs)):
        return True
    if i < 2 or sv.norm[i - 1] not in closed.success_preps:
        return False
    k = next((k for k in range(i - 2, max(-1, i - 14), -1) if sv.is_word(k, closed.success_verbs)), None)
    return k is not None and not sv.boundary_between(k, i)


ALLIANCE_GAP = 8  # tokens between an alliance and its ضد or purpose: بقيادة X، الذي تقوده X، الذي تشكل


def _alliance_before(sv: SentView, i: int, ok: Callable[[Arg], bool], rtype: str) -> Arg | None:
    """The alliance named right before token i (an actor with a word of closed class alliance_heads:
    التحالف الدولي، قوات التحالف), past what describes it (بقيادة X، الذي تقوده X) but no clause
    boundary, complementizer (قال التحالف إن X ...) or other trigger of ``rtype``: an alliance against Y,
    or formed to fight Y, fights Y."""
    for a in reversed(sv.args):
        if a.t1 > i:
            continue
        if i - a.t1 > ALLIANCE_GAP or any(
                (sv.hard[k] and not bare_in(sv.norm[k], sv.lex.closed.relative_pronouns))
                or bare_in(sv.norm[k], sv.lex.closed.complementizers) or sv.trigger_types.get(k) == rtype
                for k in range(a.t1, i)):
            return None
        if ok(a) and any(sv.is_word(k, sv.lex.closed.alliance_heads) for k in range(a.t0, a.t1)):
            return a
    return None


def alliance_against(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """التحالف الدولي ضد Y، انضمت X إلى التحالف الذي تقوده Z ضد Y: ضد right after an alliance (and what
    describes it) names whom the alliance fights; the actor right after ضد (its ``preps``) is that opponent."""
    ok_s, ok_o = eligible(rt.subject_types, sv, rt.name), eligible(rt.object_types, sv, rt.name)
    obj = near_after(sv, j, ok_o, gap=2, preps=tuple(trig.preps))
    alliance = _alliance_before(sv, i, ok_s, rt.name) if obj is not None else None
    if obj is None or alliance is None or alliance.entity == obj.entity or alliance.prep in trig.preps:
        return []  # هجمات ضد قوات التحالف ... وضد X: the alliance is itself attacked
    return [Cand([alliance], [a for a in sv.group(obj) if ok_o(a)], C_CLAUSE)]


@_sides_first
def verb(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """هاجمت X Y (VSO), X هاجمت Y (SVO), التنظيمات التي تستهدفها X (the object pronoun's antecedent)."""
    p = _slots(sv, trig, j, rt, j, ("",), direct=True, resumptive=True)
    near = p.near
    if has_pronoun_object(sv, i, j, trig):  # التنظيمات التي تستهدفها موسكو
        if near is None:
            return []
        p.subj, p.obj = near, antecedent_actor(sv, i, p.ok_o)
        if p.obj is None and not after_relative(sv, i):  # يخشى التنظيم أن يهاجمه الجيش: "him" is the subject
            p.obj, p.conf = left_subject(sv, i, p.ok_o, same_side(sv, near))
        if p.obj is None:
            return []
    elif p.obj is None and near is not None:
        held = _controller_of_target(sv, trig, j, p.ok_o, rt.target_holder, start=sv.group(near)[-1].t1) \
            if rt.target_holder else None
        if held is not None and held.entity != near.entity:  # قصفت X أحياء يسيطر عليها Y: Y's ground
            p.subj, p.obj, p.conf = near, held, C_SENTENCE
            return _close(sv, i, j, p, rt)
        if (_place_object_after(sv, near) or _unknown_object_after(sv, near)) and \
                not any(sv.is_site(k) for k in range(j, near.t0)):
            return []  # هاجمت تركيا بلدة عفرين، طردت تركيا المقاتلين الأكراد: the object is no actor we know
            # (but in استهدفت مواقع X قرب Y the name after the sites is the object)
        nxt = first_after(sv, _past_backers(sv, near), lambda a: p.ok_o(a) and a.entity != near.entity
                          and a.prep in ("",) + tuple(trig.preps), window=4, cross_weak=False)
        if nxt is not None and nxt not in sv.group(near):
            p.subj, p.obj = near, nxt
        elif _vso_with_ally(sv, i, j, near):
            return []  # يقاتل X إلى جانب Y: X is the verb's subject and Y its ally; no opponent is said
        else:
            p.obj = near
    elif near is not None and near is not p.obj:
        p.subj = near
    if p.obj is None:
        p.obj = near_after(sv, j, p.ok_o, gap=3)
    _ground_holder(sv, trig, j, rt, p)
    return _close(sv, i, j, p, rt)


def _past_backers(sv: SentView, near: Arg) -> int:
    """The token after the VSO subject and the backers or patrons its cue names (قصفت قوات النظام
    المدعومة من روسيا وحزب الله مواقع X، الموالية للرئيس P): the object is looked for from there."""
    end = sv.group(near)[-1].t1
    for a in sv.args:
        if a.t0 >= end and a.blocked and a.t0 - end <= 3:
            end = sv.group(a, blocked_too=True)[-1].t1
        elif a.t0 >= end:
            break
    return end


@_sides_first
def reflexive(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """سلموا أنفسهم لـ Y، سلموا أسلحتهم لـ Y: the object comes after what is handed over (oneself, one's own
    arms: closed class reflexive_stems), the subject before it."""
    refl = next((k for k in range(j - 1, min(sv.n, j + trig.needs_within))
                 if sv.norm[k].lstrip("ا").startswith(sv.lex.closed.reflexive_stems)), None)
    if refl is None:
        return []
    p = _slots(sv, trig, j, rt, refl + 1, ("",))
    p.subj = next((a for a in sv.args_in(j, refl + 1) if p.ok_s(a) and not a.prep), None)
    return _close(sv, i, j, p, rt)


def _vso_with_ally(sv: SentView, i: int, j: int, near: Arg) -> bool:
    """يقاتل X إلى جانب Y: the verb opens its clause (no relative pronoun, no noun before it), so X right
    after it is its subject, and the next actor stands beside X (an ally phrase)."""
    lo, _ = sv.clause(i, j)
    if after_relative(sv, i) or not all(sv.skippable(k) for k in range(lo, i)):
        return False
    return any(sv.beside(a) for a in sv.args[sv.args.index(near) + 1:][:1])


def _next_trigger_clause(sv: SentView, lo: int, hi: int) -> bool:
    """A comma followed by another trigger word between ``lo`` and ``hi``."""
    return any(sv.is_comma(k) and k + 1 in sv.trigger_tokens for k in range(lo, hi))


def _unknown_object_after(sv: SentView, near: Arg) -> bool:
    """VSO whose object is said and is no known actor: a member noun (المقاتلين، عناصر) not followed by
    a name."""
    k = near.t1
    while k < sv.n and sv.skippable(k):
        k += 1
    m = k  # past the fillers of a partitive (عشرات من مسلحي X): a name after them is the object
    while m < sv.n and sv.is_filler(m):
        m += 1
    if k >= sv.n or any(a.t0 in (k, k + 1, k + 2, m) for a in sv.args):
        return False
    word = sv.norm[k]  # no clitic: a conjunction (وبقية التنظيمات) would join a second object instead
    return word in sv.lex.member_nouns or (word.startswith("ال") and word[2:] in sv.lex.member_nouns)


def _place_object_after(sv: SentView, near: Arg) -> bool:
    """A place right after the VSO subject (and the states coordinated with it) is the verb's object
    (هاجمت تركيا بلدة عفرين); a country that only says where (المقاومة في تعز (جنوب اليمن)) is not, nor a
    state, which is an actor the verb may take (التي تقصف فيها قوات إيرانية إسرائيل)."""
    side = sv.group(near)  # روسيا وإيران: a state coordinated with the subject is a second subject
    end = side[-1].t1
    return any(a.place and not a.state and not a.prep and not a.blocked and a.t0 - end <= 2 for a in sv.args
               if a.t0 >= end and a not in side)


def _controller_of_target(sv: SentView, trig: Trigger, j: int, ok: Callable[[Arg], bool],
                          holder_type: str, start: int | None = None) -> Arg | None:
    """هجوم على قرية X التي تسيطر عليها قوات Y / الخاضعة لسيطرة Y: attacking Y's ground is fighting Y.
    The target itself need not be a known place; the control clause (a ``holder_type`` trigger) must
    describe it (relative or الخاضعة/تحت).  ``start``: a verb's direct object begins there, after its VSO
    subject (قصفت X أحياء يسيطر عليها Y), with no preposition; its control clause must say the holding
    now (يسيطر، الخاضعة لسيطرة), not a capture once (سيطرت عليها)."""
    on = next((k for k in range(j, min(sv.n, j + 4)) if bare_in(sv.norm[k], trig.preps)
               or (sv.prefix_of(k)[-1:] in trig.preps and sv.prefix_of(k) != "")), None)
    if on is None and start is not None:
        on = start - 1
    if on is None or sv.boundary_between(j, on):
        return None
    for k in range(on + 1, min(sv.n, on + 18)):
        if sv.hard[k] and not bare_in(sv.norm[k], sv.lex.closed.relative_pronouns):
            return None
        if any(a.actor for a in sv.args if a.t0 == k):
            return None  # an actor in the target phrase: the ordinary object rules decide
        if sv.trigger_types.get(k) == holder_type:
            closed = sv.lex.closed
            end = k + 1
            while end < sv.n and sv.trigger_types.get(end) == holder_type:
                end += 1
            under = bool({sv.norm[k], sv.norm[k - 1]} & closed.under) or any(
                sv.norm[m].startswith(closed.subject_to_prefixes) for m in range(max(0, k - 2), k + 1))
            # a resumptive pronoun makes the clause relative without التي (مناطق تسيطر عليها Y)
            described = after_relative(sv, k) or under or (end < sv.n and sv.norm[end] in closed.resumptive_pronouns)
            if not described:
                return None
            if start is not None and not (under or sv.norm[k][:1] in IMPERFECT_PREFIXES):
                return None  # المناطق التي سيطرت عليها Y: ground Y took once, perhaps lost since
            ctrl = first_after(sv, end, ok, window=3, cross_weak=False)
            return ctrl if ctrl is not None and not ctrl.prep else None
    return None


@_sides_first
def suffered(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """تعرضت مواقع X لقصف من قبل Y: the patient first, the agent after the attack noun (Y fought X)."""
    if trig.needs is None:
        return []
    ok_s, ok_o = eligible(rt.subject_types, sv, rt.name), eligible(rt.object_types, sv, rt.name)
    what = next((k for k in range(j, min(sv.n, j + trig.needs_within + 3))
                 if any(trig.needs.fullmatch(stem) for _, stem in sv.forms[k])), None)
    if what is None:
        return []
    # تعرضت قوات X، تعرض رتل لـ X (what belongs to X, then لـ X): the patient
    patient = next((a for a in sv.args if j <= a.t0 < what and ok_o(a)
                    and (not a.prep or (a.prep == "ل" and a.t0 > j and sv.is_possessed(a.t0 - 1)))), None)
    conf = C_NEAR
    if patient is None:
        patient, conf = left_subject(sv, i, ok_o, set(), max_sentence=False)
    agent = first_after(sv, what + 1, lambda a: ok_s(a) and a.prep in ("من", "ل", ""), window=6,
                         cross_weak=False)
    if patient is None or agent is None or agent.entity in same_side(sv, patient):
        return []
    return [Cand([a for a in sv.group(agent) if ok_s(a)], [a for a in sv.group(patient) if ok_o(a)], conf)]
