"""Actor - actor frames: FOUGHT, NEGOTIATED_WITH, SURRENDERED_TO."""

from __future__ import annotations

from collections.abc import Callable

from kg.relations.args import (
    C_NEAR,
    C_SENTENCE,
    RELATIVES,
    Cand,
    after_relative,
    agent_adjective,
    antecedent_actor,
    between,
    eligible,
    first_after,
    has_pronoun_object,
    left_subject,
    near_after,
    same_side,
)
from kg.relations.lexicon import Trigger
from kg.relations.sentence import Arg, SentView, bare_in

# ---- actor - actor (FOUGHT, NEGOTIATED_WITH, SURRENDERED_TO) ---------------------------------------

def actor_pair(sv: SentView, trig: Trigger, i: int, j: int, subj_types: tuple[str, ...],
               obj_types: tuple[str, ...], use_between: bool = True) -> list[Cand]:
    ok_s, ok_o = eligible(subj_types, sv, trig.type), eligible(obj_types, sv, trig.type)
    if use_between:
        cand = between(sv, j, lambda a: ok_s(a) and ok_o(a))
        if cand:
            return [cand]
    role = trig.role
    start = j
    if role == "suffered":  # تعرضت مواقع X لقصف من قبل Y: Y fought X
        return _suffered(sv, trig, i, j, ok_s, ok_o)
    if role == "reflexive":  # سلموا أنفسهم لـ Y: the object comes after the reflexive pronoun
        refl = next((k for k in range(j - 1, min(sv.n, j + trig.needs_within))
                     if sv.norm[k].lstrip("ا").startswith("نفس")), None)
        if refl is None:
            return []
        start = refl + 1
    obj = first_after(sv, start, lambda a: ok_o(a) and a.prep in trig.preps,
                       window=14, cross_relative=True)
    if obj is not None and _next_trigger_clause(sv, j, obj.t0):
        obj = None  # في قتال التنظيم، معارك مع القوات التركية: the later trigger owns that object
    near = near_after(sv, j, ok_s, preps=("", "ل") if role in ("noun", "masdar") else ("",))
    subj, conf = None, C_NEAR
    if role == "reflexive":
        subj = next((a for a in sv.args_in(j, start) if ok_s(a) and not a.prep), None)
    elif role == "masdar":
        if obj is None and near is not None:
            obj, near = near, None
    elif role == "verb" and has_pronoun_object(sv, i, j, trig):  # التنظيمات التي تستهدفها موسكو
        if near is None:
            return []
        subj, obj = near, antecedent_actor(sv, i, ok_o)
        if obj is None and not after_relative(sv, i):  # يخشى التنظيم أن يهاجمه الجيش: "him" is the subject
            obj, conf = left_subject(sv, i, ok_o, same_side(sv, near))
        if obj is None:
            return []
    elif role == "verb":
        if obj is None and near is not None and (_place_object_after(sv, near) or _unknown_object_after(sv, near)):
            return []  # هاجمت تركيا بلدة عفرين، طردت تركيا المقاتلين الأكراد: the object is no actor we know
        if obj is None and near is not None:
            nxt = first_after(sv, near.t1, lambda a: ok_o(a) and a.entity != near.entity
                               and a.prep in ("",) + tuple(trig.preps), window=4, cross_weak=False)
            if nxt is not None and nxt not in sv.group(near):
                subj, obj = near, nxt
            else:
                obj = near
        elif near is not None and near is not obj:
            subj = near
    elif near is not None and near is not obj:
        subj = near
    if obj is None and role == "verb" and not has_pronoun_object(sv, i, j):
        obj = near_after(sv, j, ok_o, gap=3)
    if obj is None and trig.type == "FOUGHT" and role in ("noun", "verb"):
        obj = _controller_of_target(sv, trig, j, ok_o)
        conf = C_SENTENCE if obj is not None else conf
    if obj is None:
        return []
    if subj is None and obj is not None:  # a subject between the trigger and the object (يشنها X ضد Y)
        subj = next((a for a in sv.args if j <= a.t0 and a.t1 <= obj.t0 and ok_s(a) and not a.prep
                     and a.entity != obj.entity and a not in sv.group(obj)), None)
    if subj is None and agent_adjective(sv, j):
        return []  # الغارات الإسرائيلية ضد X: the agent is an adjective, not an entity here
    if subj is None:
        subj, conf = left_subject(sv, i, ok_s, same_side(sv, obj))
    if subj is None:
        return []
    subjects = [a for a in sv.group(subj) if ok_s(a)]
    objects = [a for a in sv.group(obj) if ok_o(a)]
    return [Cand(subjects, objects, conf)]


def _next_trigger_clause(sv: SentView, lo: int, hi: int) -> bool:
    """A comma followed by another trigger word between ``lo`` and ``hi``."""
    return any(sv.norm[k] in ("،", ",") and k + 1 in sv.trigger_tokens for k in range(lo, hi))


def _unknown_object_after(sv: SentView, near: Arg) -> bool:
    """VSO whose object is said and is no known actor: a member noun (المقاتلين، عناصر) not followed by
    a name."""
    k = near.t1
    while k < sv.n and sv.skippable(k):
        k += 1
    if k >= sv.n or any(a.t0 in (k, k + 1, k + 2) for a in sv.args):
        return False
    word = sv.norm[k]  # no clitic: a conjunction (وبقية التنظيمات) would join a second object instead
    return word in sv.lex.member_nouns or (word.startswith("ال") and word[2:] in sv.lex.member_nouns)


def _place_object_after(sv: SentView, near: Arg) -> bool:
    return any(a.place and not a.prep and a.t0 - near.t1 <= 2 for a in sv.args if a.t0 >= near.t1)


def _controller_of_target(sv: SentView, trig: Trigger, j: int, ok: Callable[[Arg], bool]) -> Arg | None:
    """هجوم على قرية X التي تسيطر عليها قوات Y / الخاضعة لسيطرة Y: attacking Y's ground is fighting Y.
    The target itself need not be a known place; the control clause must describe it (relative or
    الخاضعة/تحت)."""
    on = next((k for k in range(j, min(sv.n, j + 4)) if bare_in(sv.norm[k], trig.preps)
               or (sv.prefix_of(k)[-1:] in trig.preps and sv.prefix_of(k) != "")), None)
    if on is None or sv.boundary_between(j, on):
        return None
    for k in range(on + 1, min(sv.n, on + 18)):
        if sv.hard[k] and not bare_in(sv.norm[k], RELATIVES):
            return None
        if any(a.actor for a in sv.args if a.t0 == k):
            return None  # an actor in the target phrase: the ordinary object rules decide
        if sv.trigger_types.get(k) == "CONTROLS":
            described = after_relative(sv, k) or "تحت" in (sv.norm[k], sv.norm[k - 1]) or \
                any(sv.norm[m].startswith(("الخاضع", "خاضع")) for m in range(max(0, k - 2), k + 1))
            if not described:
                return None
            end = k + 1
            while end < sv.n and sv.trigger_types.get(end) == "CONTROLS":
                end += 1
            ctrl = first_after(sv, end, ok, window=3, cross_weak=False)
            return ctrl if ctrl is not None and not ctrl.prep else None
    return None


def _suffered(sv: SentView, trig: Trigger, i: int, j: int, ok_s: Callable[[Arg], bool],
              ok_o: Callable[[Arg], bool]) -> list[Cand]:
    assert trig.needs is not None
    what = next((k for k in range(j, min(sv.n, j + trig.needs_within + 3))
                 if any(trig.needs.fullmatch(stem) for _, stem in sv.forms[k])), None)
    if what is None:
        return []
    patient = next((a for a in sv.args if j <= a.t0 < what and ok_o(a) and not a.prep), None)
    conf = C_NEAR
    if patient is None:
        patient, conf = left_subject(sv, i, ok_o, set(), max_sentence=False)
    agent = first_after(sv, what + 1, lambda a: ok_s(a) and a.prep in ("من", "ل", ""), window=6,
                         cross_weak=False)
    if patient is None or agent is None or agent.entity in same_side(sv, patient):
        return []
    return [Cand([a for a in sv.group(agent) if ok_s(a)], [a for a in sv.group(patient) if ok_o(a)], conf)]
