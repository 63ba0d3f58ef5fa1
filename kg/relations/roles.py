"""Standing relations between actors: LEADS (person -> organization) and SUPPORTED_BY."""

from __future__ import annotations

from kg.relations.args import (
    C_CLAUSE,
    C_NEAR,
    Cand,
    antecedent_actor,
    eligible,
    first_after,
    has_pronoun_object,
    left_subject,
    near_after,
)
from kg.relations.lexicon import Trigger
from kg.relations.sentence import NISBA, Arg, SentView

# ---- person -> organization (LEADS) -----------------------------------------------------------

def _person_after(sv: SentView, k: int, window: int = 4) -> Arg | None:
    for a in sv.args:
        if a.t0 < k:
            continue
        filler = lambda t: sv.skippable(t) or sv.is_word(t, sv.lex.person_fillers)  # noqa: E731
        if a.t0 - k > window or not sv.gap_is(k, a.t0, filler):
            return None
        return a if a.etype == "Person" else None
    return None


def leads(sv: SentView, trig: Trigger, i: int, j: int) -> list[Cand]:
    is_org = lambda a: a.etype == "Organization" or a.state  # noqa: E731
    if trig.role == "title":
        org = near_after(sv, j, is_org, gap=2, preps=("", "ل"))
        if org is None:
            return []
        person = _person_after(sv, org.t1)
        if person is None and not sv.norm[i].startswith("و"):
            person = next((a for a in reversed(sv.args) if a.t1 <= i and i - a.t1 <= 2 and a.etype == "Person"
                           and sv.gap_is(a.t1, i, lambda t: sv.skippable(t) or sv.norm[t] in ("،", ","))), None)
        return [Cand([person], [org], C_NEAR)] if person else []
    if trig.role in ("leads_verb", "led_by"):
        person = _person_after(sv, j, window=3)
        if person is not None:
            org = next((a for a in reversed(sv.args) if a.t1 <= i and i - a.t1 <= 4 and is_org(a)), None)
            return [Cand([person], [org], C_NEAR)] if org else []
        if trig.role == "leads_verb":  # P يقود X
            person = next((a for a in reversed(sv.args) if a.t1 <= i and i - a.t1 <= 3 and a.etype == "Person"), None)
            org = near_after(sv, j, is_org, gap=2)
            return [Cand([person], [org], C_CLAUSE)] if person and org else []
    return []


# ---- actor supported by actor (SUPPORTED_BY) ------------------------------------------------------

def supported(sv: SentView, trig: Trigger, i: int, j: int, types: tuple[str, ...]) -> list[Cand]:
    ok = eligible(types, sv, trig.type)
    ok_any = lambda a: a.has_type(types)  # noqa: E731  (blocked ones too: المدعومة من X blocks X)
    role = trig.role
    if role == "backed_by":
        frm = next((k for k in range(j, min(sv.n, j + 3)) if sv.norm[k] == "من"), None)
        if frm is None:
            return []
        backer = first_after(sv, frm + 1, ok_any, window=3, cross_weak=False)
        if sv.norm[i].startswith("و"):
            return []  # والمدعومة: a second description of an earlier noun, not of the name before it
        backed = next((a for a in reversed(sv.args) if a.t1 <= i and i - a.t1 <= 3 and ok_any(a)
                       and sv.gap_is(a.t1, i, sv.skippable)),
                      None)
        if backer is None or backed is None:
            return []
        return [Cand([a for a in sv.group(backed) if not a.blocked], sv.group(backer), C_NEAR)]
    if role == "with_support":  # بدعم (جوي) من X، بمساندة X
        backer = first_after(sv, j, ok_any, window=5, cross_weak=False)
        if backer is None or not sv.gap_is(j, backer.t0, lambda k: sv.is_filler(k) or sv.norm[k] in ("من", "و")
                                           or bool(NISBA.match(sv.norm[k]))):
            return []
        exclude = {a.entity for a in sv.group(backer)}
        backed, conf = left_subject(sv, i, ok, exclude)
        if backed is None:
            return []
        return [Cand([a for a in sv.group(backed) if not a.blocked], sv.group(backer), conf)]
    if role == "supporter_of":
        backed = near_after(sv, j, ok_any, gap=1, preps=("ل", ""))
        if backed is None:
            return []
        backer = next((a for a in reversed(sv.args) if a.t1 <= i and i - a.t1 <= 4 and ok_any(a)), None)
        return [Cand([backed], sv.group(backer), C_NEAR)] if backer and backer.entity != backed.entity else []
    if role == "supports_verb":
        if has_pronoun_object(sv, i, j, trig):  # قوات تدعمها X: X backs the antecedent
            backer = near_after(sv, j, ok, gap=2)
            backed = antecedent_actor(sv, i, ok)
            return [Cand([backed], [backer], C_NEAR)] if backer and backed else []
        backed = near_after(sv, j, ok, gap=2)
        if backed is None:
            return []
        backer, conf = left_subject(sv, i, ok, {backed.entity}, max_sentence=False)
        return [Cand([backed], [backer], conf)] if backer else []
    return []
