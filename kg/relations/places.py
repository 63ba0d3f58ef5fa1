"""Actor -> place frames: CONTROLS (held, seized, entered) and TRANSFERRED_TO (moved to a destination)."""

from __future__ import annotations

from collections.abc import Callable

from kg.relations.args import (
    C_CLAUSE,
    C_NEAR,
    C_SENTENCE,
    FINITE,
    Cand,
    after_relative,
    eligible,
    first_after,
    genitive_agent,
    governed,
    has_pronoun_object,
    last_before,
    left_subject,
    near_after,
    oblique,
)
from kg.relations.lexicon import RelationType, Trigger
from kg.relations.sentence import NISBA, Arg, SentView, bare_in

# ---- actor -> place (CONTROLS) -----------------------------------------------------------------

def _object_place(sv: SentView, start: int, window: int = 12) -> Arg | None:
    """The first place after ``start`` in the clause; a state named as a locative (في سوريا) is skipped."""
    for a in sv.args:
        if a.t0 < start or not a.place:
            continue
        if a.t0 - start > window or sv.boundary_between(start, a.t0, weak=True):
            return None
        direct = not a.prep and sv.gap_is(start, a.t0, sv.is_filler)
        if a.state and (not direct or any(sv.is_word(k, sv.lex.relative_location) for k in range(start, a.t0))):
            continue  # في سوريا، شمال شرق سوريا: where, not what
        if not direct and any(sv.is_word(k, sv.lex.relative_location) for k in range(max(start, a.t0 - 4), a.t0)):
            continue  # بلدة راجو الواقعة شمال غرب عفرين: عفرين only locates the town
        return a
    return None


def _locative(sv: SentView, a: Arg) -> bool:
    k = sv.word_before(a.t0)
    return a.prep in ("ب", "في") or (k >= 0 and sv.is_word(k, sv.lex.locative_preps))


def _place_before(sv: SentView, i: int, window: int = 9) -> Arg | None:
    """The nearest place before token i that is not a locative modifier (بريف حماة) or a country."""
    for a in reversed(sv.args):
        if a.t1 > i or not a.place:
            continue
        if i - a.t1 > window:
            return None
        if _locative(sv, a) or a.state or any(sv.is_word(k, sv.lex.relative_location)
                                              for k in range(max(0, a.t0 - 3), a.t0)):
            continue  # a locative modifier (بريف حماة، الواقعة على ضفة الفرات) or a country
        return _apposition_head(sv, a)
    return None


def _apposition_head(sv: SentView, a: Arg) -> Arg:
    """The place an apposition describes (زنجبار، عاصمة محافظة أبين: زنجبار), else ``a`` itself."""
    k = a.t0 - 1
    while k >= 0 and sv.is_word(k, sv.lex.place_heads):
        k -= 1
    if k == a.t0 - 1 or k < 1 or not sv.is_comma(k):
        return a
    head = next((b for b in sv.args if b.t1 == k), None)
    return head if head is not None and head.place and not head.state else a


def _antecedent_place(sv: SentView, i: int) -> Arg | None:
    """The place a relative clause (التي تسيطر عليها X) describes: walk back over the relative
    pronoun, commas, places and their locative modifiers (بريف حلب، الواقعة شمال حماة); the leftmost
    non-locative place wins.  Where every place reached is locative (قصف مناطق في بلدة X بريف Y التي
    يسيطر عليها Z), the leftmost one that only its في/ب locates: the place the clause describes."""
    k = i - 1
    found: Arg | None = None
    located: Arg | None = None
    while k >= 0:
        a = next((a for a in sv.args if a.t0 <= k < a.t1), None)
        if a is not None:
            if a.place and not a.state and not _locative(sv, a):
                found = a
            elif a.place and not a.state and a.prep in sv.lex.closed.locating_preps and not _modifier_place(sv, a):
                located = a
            k = a.t0 - 1
            continue
        w = sv.norm[k]
        if i - k > 14:
            break
        if not (sv.skippable(k) or sv.is_connector(k) or (w.startswith("و") and len(w) > 3)
                or sv.is_word(k, sv.lex.place_heads) or sv.is_word(k, sv.lex.locative_preps) or NISBA.match(w)
                or sv.is_word(k, sv.lex.relative_location) or bare_in(w, sv.lex.closed.relative_pronouns)):
            break
        k -= 1
    return found or located


def _modifier_place(sv: SentView, a: Arg) -> bool:
    """A place that locates another one (بريف حلب، الواقعة في حماة، شمال إدلب): a locative or
    relative-location word, or a place head with ب attached (بريف), right before it (past a في)."""
    k = a.t0 - 1
    while k >= 0 and (sv.skippable(k) or bare_in(sv.norm[k], ("في",))):
        k -= 1
    return k >= 0 and (sv.is_word(k, sv.lex.relative_location) or sv.is_word(k, sv.lex.locative_preps) or any(
        n and stem in sv.lex.place_heads and "ب" in sv.norm[k][:n] for n, stem in sv.forms[k]))


def _holder_after(sv: SentView, trig: Trigger, i: int, j: int, place: Arg | None) -> list[Cand]:
    """The place stands before the trigger and its holder right after (تحت سيطرة X، التي تسيطر عليها X)."""
    subj = first_after(sv, j, eligible(sv.lex.types[trig.type].subject_types, sv, trig.type), window=3,
                       cross_weak=False)
    if place is None or subj is None:
        return []
    # the antecedent and the places listed with it
    head = sv.group(place)[0]
    places = [p for p in sv.place_chain(head) if p.t1 <= i]
    return [Cand([subj], places or [place], C_NEAR * trig.conf)]


def _no_person(ok: Callable[[Arg], bool]) -> Callable[[Arg], bool]:
    """A holder taken from the clause, not named with the trigger, is no person: the person there is the one
    who speaks (أكد الوزير P سيطرة الأجهزة على) or whom the forces serve (القوات الموالية للرئيس P)."""
    return lambda a: ok(a) and a.etype != "Person"


def _held_by(sv: SentView, trig: Trigger, i: int, j: int, place: Arg | None,
             sentence_subject: bool = True) -> list[Cand]:
    """The holder of ``place``: right after the trigger (سيطرت قوات النظام على، سيطرة داعش على), else the
    clause's subject; weak triggers (دخل) and ``sentence_subject=False`` only take one from their clause."""
    if place is None:
        return []
    ok_s = eligible(sv.lex.types[trig.type].subject_types, sv, trig.type)
    conf = C_NEAR
    subj = near_after(sv, j, ok_s, gap=2)
    if subj is not None and subj.t1 > place.t0:
        subj = None
    if subj is None:
        subj, conf = left_subject(sv, i, _no_person(ok_s), set(), max_sentence=trig.conf > 0.6 and sentence_subject)
    places = sv.place_chain(place)
    if subj is None and (i == 0 or sv.norm[i].startswith("و")):
        # the verb opens the clause and its subject follows the place (وتسيطر على X فصائل Y)
        subj = first_after(sv, places[-1].t1, lambda a: ok_s(a) and not a.prep, window=2, cross_weak=False)
        conf = C_NEAR
    if subj is None:
        return []
    subjects = [a for a in sv.group(subj) if ok_s(a)]
    return [Cand(subjects, places, conf)]


def inverted(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """تحت سيطرة X، الخاضعة لـ X: the place first, its holder after.  With a pronoun for the holder
    (المناطق الواقعة تحت سيطرته في الأنبار) the place may follow with في, and the holder is the actor the
    pronoun takes up, the subject before."""
    if sv.tokens[j - 1].text.endswith(tuple(sv.lex.closed.possessive_suffixes)):
        place = first_after(sv, j, lambda a: a.place and not a.state and a.prep == "في", window=2,
                            cross_weak=False)
        if place is not None:
            holder, conf = left_subject(sv, i, _no_person(eligible(rt.subject_types, sv, trig.type)), set())
            return [Cand([holder], sv.place_chain(place), conf * trig.conf)] if holder else []
    return _holder_after(sv, trig, i, j, _place_before(sv, i))


def control_word(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """سيطرت X على المدينة، سيطرة X على: the place after a preposition; with a resumptive pronoun
    (التي تسيطر عليها X) the place is the relative clause's antecedent."""
    if j < sv.n and sv.norm[j] in sv.lex.closed.resumptive_pronouns \
            and not (j + 1 < sv.n and bare_in(sv.norm[j + 1], trig.preps)):
        return _holder_after(sv, trig, i, j, _antecedent_place(sv, i))  # (with على Y after فيها, Y is held)
    on = next((k for k in range(j, min(sv.n, j + 11)) if bare_in(sv.norm[k], trig.preps)), None)
    aside = sv.aside_time(j, on) if on is not None else set()
    if on is None or on - j - len(aside) > 8 \
            or any(sv.hard[k] or sv.weak[k] for k in range(j, on) if k not in aside) \
            or any(a.place and not (a.state and a.blocked) for a in sv.args_in(j, on)) \
            or any(k in sv.trigger_tokens and not _backer_cue(sv, k, on) for k in range(j, on)):
        return []
    place = _object_place(sv, on + 1)
    if place is None and after_relative(sv, i) and _part_of_antecedent(sv, on + 1):
        return _holder_after(sv, trig, i, j, _antecedent_place(sv, i))
    return _held_by(sv, trig, i, j, place)


def _backer_cue(sv: SentView, k: int, end: int) -> bool:
    """Token k introduces a backer or ally named before ``end`` (سيطر X بدعم من Y على Z): an aside of the
    holder (the actor after it is blocked by its cue), not a clause of its own."""
    return any(a.blocked and 0 < a.t0 - k <= 2 for a in sv.args_in(k, end))


def _part_of_antecedent(sv: SentView, start: int, window: int = 5) -> bool:
    """The controlled ground is part of the relative clause's antecedent (التي يسيطر X على مساحات
    واسعة منها، على الجزء الأكبر منها): a partitive resumptive pronoun closes it within the clause."""
    for k in range(start, min(sv.n, start + window)):
        if sv.hard[k] or sv.weak[k] or k in sv.trigger_tokens:
            return False
        if bare_in(sv.norm[k], sv.lex.closed.partitive_resumptives):
            return True
    return False


def expelled(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """طردت X Y من المدينة، تمكنت X من طرد Y من المدينة: the expeller holds the place it drove Y from:
    the first of two actors after the verb (VSO), else the one named before it."""
    frm = next((k for k in range(j, min(sv.n, j + 8)) if bare_in(sv.norm[k], trig.preps)), None)
    if frm is None or sv.boundary_between(j, frm, weak=True):
        return []
    place = _object_place(sv, frm + 1, window=4)
    ok_s = eligible(rt.subject_types, sv, trig.type)
    between = [a for a in sv.args_in(j, frm) if not a.place and not a.prep]
    if place is None or not between:
        return []  # طرد من المدينة: who was expelled is not said
    if len(between) > 1 and ok_s(between[0]) and between[-1].entity not in {a.entity for a in sv.group(between[0])}:
        return [Cand([a for a in sv.group(between[0]) if ok_s(a)], sv.place_chain(place), C_NEAR * trig.conf)]
    holder, conf = left_subject(sv, i, ok_s, {between[-1].entity}, max_sentence=False)
    return [Cand([holder], sv.place_chain(place), conf * trig.conf)] if holder else []


def stronghold(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """الرقة معقل X: a place named as an actor's stronghold."""
    subj = near_after(sv, j, eligible(rt.subject_types, sv, trig.type), gap=1, preps=("", "ل"))
    if subj is None:
        return []
    place = _place_before(sv, i, window=2) or first_after(
        sv, subj.t1, lambda a: a.place and not a.state and a.prep in ("في", "ب"), window=3, cross_weak=False)
    return [Cand([subj], sv.place_chain(place), C_NEAR * trig.conf)] if place else []


def _past_part(sv: SentView, start: int, window: int = 8) -> int:
    """Where the place starts after a part of it (جانبا كبيرا من Y، نحو 95 في المئة من أراضي Y، أكثر من 60
    بالمئة من Y): the token after its من and the part words after that; ``start`` itself if none."""
    def part(k: int) -> bool:
        return sv.norm[k].isdigit() or sv._bare_in(k, sv.lex.place_parts)

    k = start
    while k < min(sv.n, start + window) and (part(k) or (k > start and k + 1 < sv.n and (
            (sv.norm[k] == "من" and sv.norm[k + 1].isdigit()) or (sv.norm[k] == "في" and part(k + 1))))):
        k += 1  # أكثر من 60، 95 في المئة
    if k == start or k >= sv.n or sv.norm[k] != "من":
        return start
    k += 1
    while k < sv.n and sv._bare_in(k, sv.lex.place_parts):
        k += 1  # من أراضي Y، من أنحاء Y
    return k


def _direct_place(sv: SentView, trig: Trigger, j: int, start: int) -> Arg | None:
    """The place right after ``start`` (the trigger or its VSO subject) or after a part of it (جانبا كبيرا
    من Y), or after a marker (دخول ... إلى)."""
    past = _past_part(sv, start)
    place = near_after(sv, past, lambda a: a.place and not a.state, gap=2,
                       preps=("", "ل", "ب") if past == start else ("", "من"))
    if place is None and trig.markers:
        mk = next((k for k in range(j, min(sv.n, j + 5)) if sv.norm[k] in trig.markers), None)
        place = _object_place(sv, mk + 1, window=3) if mk is not None else None
    return place


def direct(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """دخلت X المدينة، استعادت X البلدة: the place is the direct object, after a VSO subject; with an
    object pronoun (الجولان التي تحتلها X) the place is the relative clause's antecedent."""
    if has_pronoun_object(sv, i, j, trig):
        return _holder_after(sv, trig, i, j, _antecedent_place(sv, i))
    vso = near_after(sv, j, eligible(rt.subject_types, sv, trig.type), gap=2)
    return _held_by(sv, trig, i, j, _direct_place(sv, trig, j, vso.t1 if vso else j))


def direct_masdar(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """استعادة المدينة: the genitive is the place; the holder is said in the clause.  استعادة الجيش
    لبلدة X: the genitive is the holder, the place comes with لـ."""
    ok_s = eligible(rt.subject_types, sv, trig.type)
    pair = genitive_agent(sv, j, ok_s, lambda a: a.place and not a.state)
    if pair is None:  # استعادة الجيش نحو 95 في المئة من أراضي X: the genitive holder, then a part of the place
        agent = near_after(sv, j, ok_s, gap=1)
        place = _direct_place(sv, trig, j, agent.t1) if agent and _past_part(sv, agent.t1) > agent.t1 else None
        pair = (agent, place) if agent and place else None
    if pair is not None:
        agent, place = pair
        return [Cand([a for a in sv.group(agent) if ok_s(a)], sv.place_chain(place), C_NEAR * trig.conf)]
    return _held_by(sv, trig, i, j, _direct_place(sv, trig, j, j), sentence_subject=False)


# ---- actor -> destination (TRANSFERRED_TO) -------------------------------------------------------

def _destination(sv: SentView, trig: Trigger, j: int, window: int = 14) -> Arg | None:
    for k in range(j, min(sv.n, j + window)):
        if sv.norm[k] in sv.lex.closed.transfer_stops and k not in sv.aside:
            return None
        if bare_in(sv.norm[k], trig.markers):
            for a in sv.args:
                if a.t0 <= k or not a.place:
                    continue
                fill = sv.gap_is(k + 1, a.t0, lambda t: sv.is_filler(t) or bool(NISBA.match(sv.norm[t]))
                                 or sv.is_word(t, sv.lex.relative_location)  # إلى مناطق قرب X
                                 or sv.is_word(t, sv.lex.closed.inside_words))  # إلى داخل سوريا
                if fill and a.t0 - k <= 4:
                    return a
                break
        if "ل" in trig.markers:
            a = next((a for a in sv.args if a.t0 == k and a.place and a.prep == "ل"), None)
            if a is not None:
                return a
    return None


def _antecedent_party(sv: SentView, i: int, j: int, ok: Callable[[Arg], bool], transitive: bool) -> Arg | None:
    """Who "them" is in نقلهم / تقلهم / خروجهم: the nearest actor before that fills no other trigger's
    slot (obliques allowed: اتفاق مع التنظيم قضى بنقلهم); for intransitive verbs the nearest subject."""
    window = sv.lex.transfer_pronoun_window
    if not transitive and any(stem.startswith("ال") for _, stem in sv.forms[i]):
        return None  # الراغبين في الخروج: a definite verbal noun with no genitive has no one said
    if not transitive and not has_pronoun_object(sv, i, j):
        subj, _ = left_subject(sv, i, ok, set())
        return subj if subj is not None and i - subj.t1 <= window * 3 // 4 else None
    for a in reversed(sv.args):
        if a.t1 > i or not ok(a):
            continue
        if i - a.t1 > window:
            return None
        if not governed(sv, a):
            return a
    return None


def participle(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """عناصر داعش المنسحبين إلى: the members described as moving are the noun right before."""
    dest = _destination(sv, trig, j)
    if dest is None:
        return []
    ok_s = eligible(rt.subject_types, sv, trig.type)
    party = next((a for a in reversed(sv.args) if a.t1 <= i and ok_s(a) and sv.gap_is(a.t1, i, sv.skippable)), None)
    return [Cand([a for a in sv.group(party) if ok_s(a)], sv.place_chain(dest), C_NEAR)] if party else []


def transitive(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """نقلت X عناصر Y إلى: a mover (the agent) moves members to a destination."""
    return _moved(sv, trig, i, j, rt, transitive=True)


def intransitive(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """انسحب عناصر X إلى: members move to a destination."""
    return _moved(sv, trig, i, j, rt, transitive=False)


def _moves_a_body(sv: SentView, j: int, end: int, ok: Callable[[Arg], bool], rtype: str) -> bool:
    """نقل السفارة إلى القدس، نقلت واشنطن سفارتها إلى، انتقل مقرها إلى: what moves (the first word after
    the trigger and a VSO subject) is a body that is relocated (``non_party_heads``), not a party."""
    k = j
    while k < end:
        a = next((a for a in sv.args if a.t0 == k and ok(a)), None)
        if a is not None:
            k = a.t1
        elif sv.skippable(k):
            k += 1
        else:
            return sv.names_a_body(k, rtype)
    return False


def _their_members(sv: SentView, k: int) -> bool:
    """عناصرهم، مقاتليها، ما تبقى منهم: a member noun or a particle with a pronoun (the antecedent's people
    move), not any noun with one (أسماكهم: their goods)."""
    return any(stem.endswith(suffix) and (stem[:-len(suffix)].removeprefix("ال") in sv.lex.member_nouns
                                          or 0 < len(stem) - len(suffix) <= 3)
               for stem in sv.stems[k] for suffix in sv.lex.closed.possessive_suffixes)


def _achiever(sv: SentView, i: int, ok: Callable[[Arg], bool]) -> Arg | None:
    """تمكنت X من دخول Y، نجاح X في الدخول إلى Y: the subject of a verb of managing (closed class
    success_verbs), right before the preposition that governs the verbal noun at i, did what it says."""
    if i < 2 or sv.norm[i - 1] not in sv.lex.closed.success_preps:
        return None
    party = next((a for a in reversed(sv.args) if a.t1 <= i - 1), None)
    if party is None or not ok(party) or party.etype == "Person" or not sv.gap_is(party.t1, i - 1, sv.skippable):
        return None
    first = min(a.t0 for a in sv.group(party))
    return party if sv.is_word(first - 1, sv.lex.closed.success_verbs) else None


def _resumed_subject(sv: SentView, i: int, ok: Callable[[Arg], bool]) -> Arg | None:
    """X ...، علما بأنهم عادوا إلى Y، أكدت X أنها انسحبت إلى Y: a complementizer with a pronoun right
    before the trigger takes up the subject before it, who did what the clause says (no person: a
    minister travelling is no transfer)."""
    if not sv.is_word(i - 1, sv.lex.closed.complementizers) \
            or not sv.norm[i - 1].endswith(tuple(sv.lex.closed.possessive_suffixes)):
        return None
    return left_subject(sv, i - 1, lambda a: ok(a) and a.etype != "Person", set())[0]


def _movers_of(sv: SentView, trig: Trigger, a: Arg) -> bool:
    """وصلت تعزيزات (عسكرية تابعة) لقوات X إلى Y، تعزيزات من X: after the movers the trigger needs (its
    ``needs`` noun) or a member noun, لـ X or من X says whose they are: X moves."""
    if a.prep not in ("ل", "من"):
        return False
    k = a.t0 - 1
    while k >= 0:
        if sv.is_member(k) or (trig.needs is not None and any(trig.needs.fullmatch(s) for _, s in sv.forms[k])):
            return True
        if not (sv.skippable(k) or sv.is_possessed(k) or NISBA.match(sv.norm[k]) or sv.norm[k] == "من"):
            return False
        k -= 1
    return False


def _object_said(sv: SentView, trig: Trigger, k: int) -> bool:
    """Token ``k`` says what a transitive trigger moves, and it names no party: no marker of the
    destination, no number, no argument."""
    return not bare_in(sv.norm[k], trig.markers) and not sv.norm[k].isdigit() and k not in sv.covered


def _moves_others(sv: SentView, trig: Trigger, subject: Arg, dest: Arg) -> bool:
    """نقلت X المعتقلين إلى Y، أجلت X السكان إلى Y: the first word after a transitive verb's subject (time
    words, quotes and its adjectives aside) is the object it moves: no preposition (نقل مسلحين من X في
    سوريا إلى Y: X's men move) and no member of its own (عناصرها، قواته are X moving)."""
    k = subject.t1
    while k < dest.t0 and (sv.skippable(k) or sv.is_word(k, sv.lex.closed.time_words) or NISBA.match(sv.norm[k])):
        k += 1
    function_words = sv.lex.object_preps | sv.lex.locative_preps | sv.lex.boundaries
    return k < dest.t0 and not sv.is_member(k) and not sv.is_word(k, function_words) and _object_said(sv, trig, k)


def _moved(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType, transitive: bool) -> list[Cand]:
    ok_s = eligible(rt.subject_types, sv, trig.type)
    dest = _destination(sv, trig, j)
    if dest is None and trig.direct_object:  # دخلت X المدينة: the place is the object, after a VSO subject
        vso = near_after(sv, j, ok_s, gap=2)
        dest = _direct_place(sv, trig, j, vso.t1 if vso else j)
    if dest is None or _moves_a_body(sv, j, dest.t0, ok_s, trig.type):
        return []
    dests = sv.place_chain(dest)
    conf = C_NEAR
    party: Arg | None = None
    agent: str | None = None
    if not has_pronoun_object(sv, i, j):
        after = [a for a in sv.args if j <= a.t0 and a.t1 <= dest.t0 and ok_s(a)
                 and not governed(sv, a, range(i, j)) and not sv.boundary_between(j, a.t0)]
        if not transitive:
            if after and after[0].etype == "Person" and not after[0].prep and after[0].t0 - j <= 1:
                return []  # توجه العامري مع مقاتليه إلى Y: the VSO subject is a person, no party before it moves
            after = [a for a in after if a.etype != "Person"]  # a minister travelling is no transfer
        if after and (not after[0].prep or _movers_of(sv, trig, after[0])):
            party = after[0]
            second = after[1] if len(after) > 1 else None
            if (transitive and second is not None and not second.prep
                    and second.t0 - party.t1 <= 2 and second not in sv.group(party)):
                agent, party = party.entity, second  # VSO: نقلت قسد عناصر التنظيم إلى
            elif transitive and trig.needs is None and not party.prep and _moves_others(sv, trig, party, dest):
                return []  # نقلت X المعتقلين إلى Y: X moved people who are no party
            agent_nouns = sv.lex.closed.agent_nouns
            by = next((a for a in after if a.prep in agent_nouns or sv.norm[a.t0 - 1] in agent_nouns), None)
            if by is not None and by is not party:
                agent = by.entity
    if party is None and trig.conf <= 0.6 and not transitive:
        # weak triggers (فرار، هروب) need their party said: after them, or as the subject right
        # before them (عناصر التنظيم تهرب باتجاه X، قوات X تزحف نحو Y)
        party = last_before(sv, i, lambda a: ok_s(a) and a.etype != "Person" and not oblique(sv, a)
                            and sv.gap_is(a.t1, i, sv.skippable), window=2) or _achiever(sv, i, ok_s) \
            or _resumed_subject(sv, i, ok_s)
        if party is None:
            return []
    if party is None:
        if trig.conf <= 0.6:
            return []  # weak triggers (فرار، هروب) need their party said
        said = next((k for k in range(j, min(sv.n, j + 3)) if not sv.skippable(k)), None)
        needed = transitive and said is not None and trig.needs is not None and any(
            trig.needs.fullmatch(stem) for _, stem in sv.forms[said])
        if said is not None and (sv.is_member(said) or needed):
            if not (transitive and trig.needs is not None and not FINITE.match(sv.norm[i])):
                return []  # بعد خروج مقاتلي التنظيم إلى: the movers are said and are no actor we know
            # أعلنت X نشر قوات في Y: the forces a deploying noun needs are its agent's, who moves them
            party, _ = left_subject(sv, i, ok_s, set(), max_sentence=False)
            if party is None:
                return []
            return [Cand([a for a in sv.group(party) if ok_s(a)], dests, C_CLAUSE)]
        pronoun = has_pronoun_object(sv, i, j) or any(_their_members(sv, k) for k in range(j, min(sv.n, j + 3)))
        if transitive and not pronoun and said is not None and _object_said(sv, trig, said):
            return []  # ينقلون أسماكهم إلى، نقل الجرحى إلى: what is moved is said, and is no party
        if transitive and not pronoun:
            # بإجلاء أهالي داريا: the moved party is said and is no known actor; but a finite verb with
            # nothing after it is passive-like (عناصر داعش سينقلون إلى): its clause subject moved.
            if not FINITE.match(sv.norm[i]) and not sv.norm[i].endswith(("وا", "ون")):
                return []
            party, _ = left_subject(sv, i, ok_s, set(), max_sentence=False)
        else:
            party = _antecedent_party(sv, i, j, lambda a: ok_s(a) and a.etype != "Person", transitive)
        if party is None or sv.quote_between(party.t1, i):
            return []  # قال المتحدث: "ينتقل الناس إلى": the speaker is not who moves
        conf = C_SENTENCE
    elif transitive and agent is None:
        lo, _ = sv.clause(i, j)
        left = [a for a in sv.args if lo <= a.t0 and a.t1 <= i and ok_s(a) and not a.prep]
        if left and left[-1].entity != party.entity:
            agent = left[-1].entity
    return [Cand([a for a in sv.group(party) if ok_s(a)], dests, conf, agent)]
