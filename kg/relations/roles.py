"""Trigger roles: the handler table (one handler per declared role and frame) and the handlers of the
standing relations between actors, LEADS (person -> organization) and SUPPORTED_BY."""

from __future__ import annotations

from collections.abc import Callable

from kg.relations import pairs, places
from kg.relations.args import (
    C_CLAUSE,
    C_NEAR,
    C_SENTENCE,
    Cand,
    accusation_before,
    accused_of,
    adjective_agent,
    after_relative,
    agent_adjective,
    antecedent_actor,
    demonym_state,
    eligible,
    first_after,
    genitive_agent,
    has_pronoun_object,
    last_before,
    left_subject,
    near_after,
    state_tables,
)
from kg.relations.lexicon import RelationType, Trigger
from kg.relations.sentence import NISBA, Arg, SentView, bare_in

# ---- person -> organization (LEADS) -----------------------------------------------------------

def _person_after(sv: SentView, k: int, window: int = 4, modifiers: bool = False) -> Arg | None:
    """The person named right after ``k`` (ranks and quotes between).  ``modifiers``: after a title and its
    organization, also past an adjective, a locative phrase and the body it belongs to (أمير جبهة النصرة
    في منطقة القلمون X، زعيم طالبان الأفغان X، رئيس لجنة العدل بمجلس النواب X، قائد الفرقة الرابعة
    التابعة للجيش X)."""
    def filler(t: int) -> bool:  # a rank with و opens a new conjunct (القائد العام للجيش، والفريق أول Y)
        rank = sv.is_word(t, sv.lex.person_fillers) and not sv.norm[t].startswith("و")
        return sv.skippable(t) or sv.is_comma(t) or rank or (
            modifiers and t not in sv.covered and (bool(NISBA.match(sv.norm[t])) or sv.norm[t].startswith("ال")
                                                   or sv.is_word(t, sv.lex.place_heads)
                                                   or sv.is_word(t, sv.lex.locative_preps)))

    for a in sv.args:
        if a.t0 < k:
            continue
        if a.t0 - k > window or not sv.gap_is(k, a.t0, filler):
            return None
        if modifiers and a.etype != "Person" and (a.prep in sv.lex.locative_preps
                                                  or sv.is_word(a.t0 - 1, sv.lex.affiliation_cues)):
            k = a.t1  # the locative or affiliation phrase's own name (التابعة لـ Y): look on after it
            continue
        return a if a.etype == "Person" else None
    return None


def _new_conjunct(sv: SentView, trig: Trigger, i: int) -> bool:
    """The trigger at i opens a new conjunct (مجلس النواب وقائد الجيش P، ورئيسهم P): و on the title itself."""
    return sv.norm[i].startswith("و") and bool(trig.seq.parts[0].fullmatch(sv.norm[i][1:]))


def _before_title(sv: SentView, trig: Trigger, i: int) -> int:
    """The word the title at i stands after, past an ordinal or a nisba adjective (النائب الأول للرئيس،
    المكتب الإعلامي لرئيس الوزراء); -1 where the title opens a new conjunct (مجلس النواب وقائد الجيش P)."""
    if _new_conjunct(sv, trig, i):
        return -1  # a new conjunct is no genitive of the word before
    k = i - 1
    if k > 0 and (NISBA.match(sv.norm[k]) or sv.is_word(k, sv.lex.deputy_modifiers)):
        k -= 1
    return k


def _deputy(sv: SentView, trig: Trigger, i: int) -> bool:
    """نائب وزير الخارجية، مساعد رئيس X، النائب الأول للرئيس، مدير مكتب رئيس الوزراء: the title is
    someone else's; its holder leads nothing.  An office with no title of its own before it (مكتب رئيس
    الوزراء P) is the leader's: see _office."""
    k = _before_title(sv, trig, i)
    if sv.is_word(k, sv.lex.office_words):
        return sv.trigger_types.get(k - 1) == trig.type
    return sv.is_word(k, sv.lex.deputy_words)


def _office(sv: SentView, trig: Trigger, i: int) -> bool:
    """The title at i is the genitive of an office word (المكتب الإعلامي لرئيس الوزراء P، ديوان الرئيس P):
    the person after it holds the title; one before it (P، المكتب الإعلامي لرئيس الوزراء) speaks for it."""
    return sv.is_word(_before_title(sv, trig, i), sv.lex.office_words)


def title(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """زعيم X P (or P، زعيم X): a title before the organization and the person."""
    if _deputy(sv, trig, i):
        return []
    k = _past_naming(sv, j)
    org = near_after(sv, k, _is_org, gap=2, preps=("", "ل") if k == j else ("", "ب"))
    if org is None:
        return _titled_body(sv, i, j)
    person = _person_around(sv, i, org.t1, before=not _office(sv, trig, i))
    return [Cand([person], [org], C_NEAR)] if person else []


def _past_naming(sv: SentView, j: int) -> int:
    """The token after a phrase that names what follows (زعيم ما يسمى بـ"X"، رئيس ما يعرف باسم X، زعيم
    تنظيم ما يسمى بـ X: a member noun first), or j."""
    k = j + 1 if j < sv.n and sv.is_member(j) and j not in sv.covered else j
    while k < sv.n and k - j < 7 and (sv.skippable(k) or sv.is_word(k, sv.lex.naming_words)):
        k += 1
    named = sum(1 for t in range(j, k) if sv.is_word(t, sv.lex.naming_words))
    return k if named >= 2 else j


def _person_around(sv: SentView, i: int, end: int, before: bool = True) -> Arg | None:
    """The person a title (tokens i .. its organization's ``end``) names: after it, else (``before``) right
    before it (P، زعيم X) unless the title opens a new conjunct (وزعيم X)."""
    person = _person_after(sv, end, modifiers=True)
    if person is None and before and not sv.norm[i].startswith("و"):
        person = last_before(sv, i, lambda a: a.etype == "Person" and sv.gap_is(
            a.t1, i, lambda t: sv.skippable(t) or sv.is_comma(t)), window=2)
    return person


def title_of_antecedent(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """X، الذي أكد قائده P: the title's pronoun is the organization just before (across a relative
    pronoun and its verb).  Folded, ـه is also the feminine ـة (رئيسة الوزراء P): a title first."""
    if sv.norm[j - 1].endswith("ه"):
        found = title(sv, trig, i, j, rt)
        if found:
            return found
    person = _person_after(sv, j, modifiers=True)
    if person is None:
        return []
    relatives, auxiliaries = sv.lex.closed.relative_pronouns, sv.lex.closed.auxiliaries
    org = last_before(sv, i, _is_org, window=5)
    if org is None or not sv.gap_is(org.t1, i, lambda t: sv.skippable(t) or sv.is_comma(t) or t + 1 == i
                                    or bool(bare_in(sv.norm[t], relatives) or bare_in(sv.norm[t], auxiliaries))):
        # نشر تنظيم X تسجيلا لزعيمه P: the pronoun takes up the subject of the title's clause (not after و:
        # a new conjunct, ورئيسهم P, may take up any noun before)
        org = None if _new_conjunct(sv, trig, i) else left_subject(sv, i, _is_org, {person.entity},
                                                                   max_sentence=False)[0]
        if org is None:
            return []
    return [Cand([person], [org], C_NEAR)]


def title_of_state(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """رئيس الوزراء العراقي P، وزير خارجية اليمن P: P leads the state's body of the trigger's kind (its
    government, its foreign ministry) where the article names that body; with no state in the sentence
    (رئيس الوزراء P), a trigger with article_body takes the article's one such body; otherwise an ordinary
    title."""
    named = next((a for a in sv.args if a.t0 == j and a.state), None)
    state = named.entity if named else demonym_state(sv.norm[j]) if j < sv.n else None
    body = state_tables()[1].get((state, trig.body)) if state else None
    if body is None or body not in sv.named_entities or _deputy(sv, trig, i):
        found = title(sv, trig, i, j, rt) if trig.else_title else []
        if found or state or not trig.article_body or _deputy(sv, trig, i):
            return found
        return _article_body(sv, trig, i, j)
    end = named.t1 if named else j + 1
    person = _person_around(sv, i, end, before=not _office(sv, trig, i)) or _titled_person(sv, i)
    return [Cand([person], [Arg(body, "Organization", j, end, False)], C_NEAR)] if person else []


def _titled_person(sv: SentView, i: int) -> Arg | None:
    """The person that the title itself names (رئيس الوزراء العراقي resolved as a mention of the prime
    minister named elsewhere in the article), or None."""
    return next((a for a in sv.args if a.etype == "Person" and a.t0 <= i < a.t1), None)


def _titled_body(sv: SentView, i: int, j: int) -> list[Cand]:
    """زعيم الحوثيين، زعيم جماعة X resolved as the person the title names: the words right after the
    title name the body he leads, where the article names it by those words elsewhere (the mention of the
    person leaves no mention of the body in the sentence)."""
    person = _titled_person(sv, i)
    found = sv.titled_body(person) if person else None
    if person is None or found is None or found[1] != j:
        return []
    return [Cand([person], [Arg(found[0], "Organization", j, person.t1, False)], C_NEAR)]


def _article_body(sv: SentView, trig: Trigger, i: int, j: int) -> list[Cand]:
    """رئيس الوزراء P، وزير الداخلية P with no state named in the sentence: P leads the one body of the
    title's kind that the article names by a name (its government); none where it names two or none."""
    bodies = {b for (_, kind), b in state_tables()[1].items() if kind == trig.body and b in sv.named_entities}
    person = _person_after(sv, j) if len(bodies) == 1 else None
    return [Cand([person], [Arg(bodies.pop(), "Organization", i, j, False)], C_CLAUSE)] if person else []


def _is_org(a: Arg) -> bool:
    return a.etype == "Organization" or a.state


def _org_then_person(sv: SentView, i: int, j: int) -> list[Cand] | None:
    """X بقيادة P، X الذي يقوده P: None when no person follows the trigger.  A country named as where
    (قائمة ... في العراق بزعامة P) is not what P leads."""
    person = _person_after(sv, j, window=5)
    if person is None:
        return None
    org = last_before(sv, i, lambda a: _is_org(a) and not (a.state and a.prep in sv.lex.closed.locating_preps),
                      window=4)
    return [Cand([person], [org], C_NEAR)] if org else []


def led_by(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """X بقيادة P."""
    return _org_then_person(sv, i, j) or []


def leads_verb(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """X الذي يقوده P, P يقود X, or (VSO) يقود P X."""
    found = _org_then_person(sv, i, j)
    if found:
        return found
    if found is not None and not has_pronoun_object(sv, i, j, trig):  # VSO: يقود P X (not يترأسها P)
        person = near_after(sv, j, lambda a: a.etype == "Person", gap=1)
        org = near_after(sv, person.t1, _is_org, gap=1) if person is not None else None
        return [Cand([person], [org], C_CLAUSE)] if person and org else []
    if has_pronoun_object(sv, i, j, trig) and after_relative(sv, i):
        return _led_antecedent(sv, i)
    person = last_before(sv, i, lambda a: a.etype == "Person", window=3)
    org = near_after(sv, j, _is_org, gap=2)
    return [Cand([person], [org], C_CLAUSE)] if person and org else []


def _led_antecedent(sv: SentView, i: int) -> list[Cand]:
    """احتاج P إلى احتواء تمرد داخل حزب X الذي يقوده: with no leader named after the verb, its subject
    pronoun takes up the subject of the clause that names the organization."""
    org = antecedent_actor(sv, i, _is_org)
    if org is None:
        return []
    person = left_subject(sv, org.t0, lambda a: a.etype == "Person", set(), max_sentence=False)[0]
    return [Cand([person], [org], C_CLAUSE)] if person else []


# ---- actor supported by actor (SUPPORTED_BY) ------------------------------------------------------

def _any_of(rt: RelationType) -> Callable[[Arg], bool]:
    """Right type, blocked ones too (المدعومة من X blocks X)."""
    return lambda a: a.has_type(rt.subject_types)


def backed_by(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """X المدعومة من Y، X مدعمة بـ Y."""
    ok_any = _any_of(rt)
    frm = next((k for k in range(j, min(sv.n, j + 3)) if sv.norm[k] == "من"), None)
    start = j if frm is None else frm + 1
    backer = first_after(sv, start, lambda a: ok_any(a) and (frm is not None or a.prep == "ب"), window=3,
                         cross_weak=False)
    if backer is not None and any(k in sv.trigger_tokens or bare_in(sv.norm[k], sv.lex.object_preps)
                                  for k in range(start, backer.t0)):
        return []  # المدعومة من الغرب حربا ضد X: the backer is no actor named; X is another phrase's
    if sv.norm[i].startswith("و"):
        return []  # والمدعومة: a second description of an earlier noun, not of the name before it
    # the noun the participle describes, past its adjectives, a comma or a relative pronoun and كان
    # (حزب الله اللبناني المدعوم من، المؤتمر العام، المدعوم من، X الذي كان مدعوما من)
    backed = antecedent_actor(sv, i, ok_any)
    if backer is None or backed is None:
        return []
    return [Cand([a for a in sv.group(backed) if not a.blocked], _backers(sv, backer), C_NEAR)]


def _backers(sv: SentView, backer: Arg) -> list[Arg]:
    """The backers a support cue names: the run of ``backer``, up to a comma, after which و returns to the
    main list (بين X المدعومة بـ Y وZ، والمتمردين W: W is the other side, no backer)."""
    run = sv.group(backer, blocked_too=True)
    out = [backer]
    for a in run[run.index(backer) + 1:]:
        if any(sv.is_comma(k) for k in range(out[-1].t1, a.t0)):
            break
        out.append(a)
    return [a for a in run if a.t0 < backer.t0] + out


def _accused_backer(sv: SentView, i: int, j: int, rt: RelationType) -> list[Cand] | None:
    """اتهم X إيران بتسليح Y، وجه الاتهام لإيران بتزويد Y بالسلاح، يتهم X جماعة Z بدعم Y: a word of
    support after ب is what an actor is accused of, so the accused (the last actor between the word of
    accusation and the trigger, not one that only locates: في العراق) backs the genitive.  None when no
    word of accusation governs the trigger."""
    if accusation_before(sv, i) is None:
        return None
    accused = accused_of(sv, i)
    ok_any = _any_of(rt)
    backed = near_after(sv, j, ok_any, gap=1)
    if accused is None or not ok_any(accused) or backed is None:
        return []
    # the accused alone: a comma before it may end the accuser's list (يتهم مؤيدو X، وحليفته روسيا، جماعة Z)
    return [Cand(sv.group(backed, blocked_too=True), [accused], C_NEAR)]


def with_support(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """بدعم (جوي) من X، بمساندة X: the backed one before (but يتهم X Y بدعم Z: Y backs Z)."""
    accused = _accused_backer(sv, i, j, rt)
    if accused is not None:
        return accused
    ok, ok_any = eligible(rt.subject_types, sv, trig.type), _any_of(rt)
    backer = first_after(sv, j, ok_any, window=5, cross_weak=False)
    if backer is None or not sv.gap_is(j, backer.t0, lambda k: sv.is_filler(k) or sv.norm[k] in ("من", "و")
                                       or bool(NISBA.match(sv.norm[k]))):
        return []
    exclude = {a.entity for a in sv.group(backer)}
    backed, conf = left_subject(sv, i, ok, exclude)
    if backed is None or (conf == C_SENTENCE and any(sv.is_word(k, sv.lex.closed.contrast_words)
                                                      for k in range(backed.t1, i))):
        return []  # تدعم X Y، بينما يحظى Z بمساندة W: Z's clause, not X's
    return [Cand([a for a in sv.group(backed) if not a.blocked], _backers(sv, backer), conf)]


def supporter_of(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """Y الداعمة لـ X."""
    ok_any = _any_of(rt)
    backed = near_after(sv, j, ok_any, gap=1, preps=("ل", ""))
    if backed is None:
        return []
    backer = last_before(sv, i, ok_any, window=4)
    return [Cand([backed], sv.group(backer), C_NEAR)] if backer and backer.entity != backed.entity else []


def ally_of(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """Y حليف X reads as Y الداعمة لـ X (روسيا، حليفة الحكومة السورية), except that a state is the
    stronger side: a body the ally of a state (حزب الله الحليف لإيران، X، حليفة موسكو) is backed by it."""
    out = []
    for cand in supporter_of(sv, trig, i, j, rt):
        state, bodies = cand.subjects[0], [a for a in cand.objects if not a.state]
        if state.state and bodies and len(bodies) == len(cand.objects):
            cand = Cand(bodies, [state], cand.conf)
        out.append(cand)
    return out


def supports_verb(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """Y تدعم X; قوات تدعمها Y: Y backs the antecedent."""
    ok = eligible(rt.subject_types, sv, trig.type)
    if has_pronoun_object(sv, i, j, trig):
        backer = near_after(sv, j, ok, gap=2)
        backed = antecedent_actor(sv, i, ok)
        return [Cand([backed], [backer], C_NEAR)] if backer and backed else []
    backed = near_after(sv, j, ok, gap=2)
    if backed is None:
        return []
    backer, conf = left_subject(sv, i, ok, {backed.entity}, max_sentence=False)
    if backer is None:  # VSO: تدعم X وY Z
        return _verb_first(sv, backed, ok)
    return [Cand([backed], [backer], conf)]


def support_masdar(sv: SentView, trig: Trigger, i: int, j: int, rt: RelationType) -> list[Cand]:
    """دعم واشنطن للوحدات: the genitive backs the لـ object; دعمها لـ X، تقديم الدعم لـ X: the subject
    before backs it; لدعم X (purpose: إيران أرسلت قوات لدعم النظام): the subject backs the genitive; so
    it does after one of the trigger's preps (لن تتخلى X عن دعم Y) and when the genitive is followed by
    one of its markers, what is supplied (تقوم X بتزويد Y بالسلاح); a nationality adjective names the
    backer (الدعم الروسي لـ X), where the article names its state, else no one; what an actor is accused
    of, it backs (اتهم X إيران بتسليح Y: _accused_backer)."""
    accused = _accused_backer(sv, i, j, rt)
    if accused is not None:
        return accused
    ok = ok_backed = eligible(rt.subject_types, sv, trig.type)
    pair = genitive_agent(sv, j, ok, ok)
    if pair is not None:
        backer, backed = pair
        conf = C_NEAR
    else:
        # لدعم X, تزويد X بالسلاح, تخلت عن دعم X (after one of the trigger's preps): X is the one backed
        purpose = sv.prefix_of(i).lstrip("وف") == "ل" or _supplied_genitive(sv, trig, j, ok) or (
            i > 0 and sv.norm[i - 1] in trig.preps)
        if purpose:  # the word of support itself blocked its genitive as a party (لمساعدة X)
            ok_backed = _any_of(rt)
        start = _past_modifiers(sv, j)
        preps = ("",) if purpose else ("ل", "الي")
        backed = _such_as(sv, start, ok_backed, preps) or near_after(sv, start, ok_backed, gap=1, preps=preps)
        if backed is None:
            return []
        if not purpose and agent_adjective(sv, j):  # الدعم الروسي لـ X: the adjective's state, or none
            agent = adjective_agent(sv, j)
            if agent is None or agent.entity == backed.entity:
                return []
            return [Cand([a for a in sv.group(backed, blocked_too=True) if ok_backed(a)], [agent], C_NEAR)]
        # دعمها لـ X: the possessive pronoun takes up an actor named before, in the clause or not
        backer, conf = left_subject(sv, i, ok, {backed.entity}, max_sentence=has_pronoun_object(sv, i, j, trig))
        if backer is None:
            return []
    return [Cand([a for a in sv.group(backed, blocked_too=True) if ok_backed(a)],
                 [a for a in sv.group(backer) if ok(a)], conf)]


def _past_modifiers(sv: SentView, j: int) -> int:
    """The token after the adjectives of a verbal noun (دعمها الثابت لـ X، دعمه الكامل لـ X): up to two
    words with the article that name no argument, trigger, member noun or place."""
    k = j
    while k < sv.n and k - j < 2 and sv.norm[k].startswith("ال") and k not in sv.covered \
            and k not in sv.trigger_tokens and not sv.is_member(k) and not sv.is_word(k, sv.lex.place_heads):
        k += 1
    return k


def _such_as(sv: SentView, k: int, ok: Callable[[Arg], bool], preps: tuple[str, ...]) -> Arg | None:
    """دعمها لجماعات مثل X وY: the names after a common noun (governed by one of ``preps``) and an example
    word (lexicon ``example_words``) are the ones the verbal noun's object stands for; None otherwise."""
    if k >= sv.n or k in sv.covered or sv.prefix_of(k).lstrip("وف") not in preps:
        return None
    k = _past_modifiers(sv, k + 1)
    if not sv.is_word(k, sv.lex.example_words):
        return None
    return near_after(sv, k + 1, ok, gap=1)


def _supplied_genitive(sv: SentView, trig: Trigger, j: int, ok: Callable[[Arg], bool]) -> bool:
    """The genitive after the trigger is followed by a marker of what is supplied (تزويد Y بالسلاح)."""
    genitive = near_after(sv, j, ok, gap=1)
    end = sv.group(genitive)[-1].t1 if genitive is not None else None
    return end is not None and end < sv.n and sv.prefix_of(end) in trig.markers


def _verb_first(sv: SentView, near: Arg, ok: Callable[[Arg], bool]) -> list[Cand]:
    """The verb's subject right after it (with those joined to it, also by جانب: إلى جانب Y), its object
    next."""
    backers = sv.group(near)
    allies = sv.lex.alliance_nouns
    k = backers[-1].t1
    while True:
        nxt = first_after(sv, k, lambda a: ok(a) and not a.prep, window=4)
        if nxt is None:
            return []
        if not sv.is_word(nxt.t0 - 1, allies):
            return [Cand([nxt], [a for a in backers if ok(a)], C_CLAUSE)]
        backers = backers + [nxt]  # إلى جانب روسيا: a backer too (a comma after it lists no more of them)
        k = backers[-1].t1


# ---- the handler table ----------------------------------------------------------------------------

RoleHandler = pairs.Handler

# One handler per (frame, role) that relations.json declares under "roles"; kg.relations.lexicon checks
# at load that the two agree, so a declared role without a handler (or the reverse) is an error.
ROLE_HANDLERS: dict[tuple[str, str], RoleHandler] = {
    ("actor_pair", "noun"): pairs.noun,
    ("actor_pair", "masdar"): pairs.masdar,
    ("actor_pair", "verb"): pairs.verb,
    ("actor_pair", "verb_prep"): pairs.verb_prep,
    ("actor_pair", "suffered"): pairs.suffered,
    ("actor_pair", "reflexive"): pairs.reflexive,
    ("actor_pair", "alliance_against"): pairs.alliance_against,
    ("controls", "noun"): places.control_word,
    ("controls", "verb"): places.control_word,
    ("controls", "direct"): places.direct,
    ("controls", "direct_masdar"): places.direct_masdar,
    ("controls", "inverted"): places.inverted,
    ("controls", "stronghold"): places.stronghold,
    ("controls", "expelled"): places.expelled,
    ("transferred", "transitive"): places.transitive,
    ("transferred", "intransitive"): places.intransitive,
    ("transferred", "participle"): places.participle,
    ("leads", "title"): title,
    ("leads", "leads_verb"): leads_verb,
    ("leads", "led_by"): led_by,
    ("leads", "title_of_antecedent"): title_of_antecedent,
    ("leads", "title_of_state"): title_of_state,
    ("supported", "backed_by"): backed_by,
    ("supported", "with_support"): with_support,
    ("supported", "supporter_of"): supporter_of,
    ("supported", "ally_of"): ally_of,
    ("supported", "supports_verb"): supports_verb,
    ("supported", "support_masdar"): support_masdar,
}
