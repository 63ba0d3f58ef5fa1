"""Modality of a relation from cues in its clause: denied > proposed > expected > asserted.

The cue lists live in the lexicon (``modality``): negation (لم، لن، نفى، رفض), proposals (مطالبات،
اقتراح، دعا إلى, and a negotiation noun + purpose لـ: مفاوضات لنقل), expectation (سوف، من المتوقع، قد +
imperfect, and the future prefix س on the trigger verb).
"""

from __future__ import annotations

from kg.relations.lexicon import Seq, Trigger
from kg.relations.sentence import SentView


def _cue_before(sv: SentView, cues: list[Seq], lo: int, i: int) -> bool:
    for k in range(lo, i):
        for cue in cues:
            hit = cue.match(sv.forms, k)
            if hit and k + hit[0] <= i + 1:
                return True
    return False


def _cue_ending_at(sv: SentView, cues: list[Seq], lo: int, i: int) -> bool:
    """A cue that ends right before token i."""
    return any((hit := cue.match(sv.forms, k)) and k + hit[0] == i for k in range(lo, i) for cue in cues)


def _clause_start(sv: SentView, i: int) -> int:
    """Where the cues of the trigger at ``i`` may start: its clause, at most the modality window back."""
    lo = i
    while lo > 0 and i - lo < sv.lex.modality_window and not sv.hard[lo - 1] and not sv.is_comma(lo - 1):
        lo -= 1
    return lo


def former_state(sv: SentView, trig: Trigger, i: int, j: int) -> bool:
    """A state the text says held before and no longer does (كان يسيطر، كانت تبسط سيطرتها; a former
    title, رئيس الوزراء السابق P, with the cue after the trigger): the gold conventions make it optional
    at best, so the trigger states no relation of its type."""
    cues = sv.lex.former_state.get(trig.type)
    if cues and _cue_before(sv, cues, _clause_start(sv, i), i):
        return True
    after = sv.lex.former_after.get(trig.type)
    end = j
    while after and end < min(sv.n, j + sv.lex.former_after_window) and not sv.hard[end] and not sv.is_comma(end):
        end += 1
    return bool(after) and _cue_before(sv, after, j, end)


def sought_state(sv: SentView, trig: Trigger, i: int, strip: int, takes_object: bool) -> bool:
    """A state the text says is sought, not held: an attempt or purpose cue ending right before the
    trigger in its clause (محاولة السيطرة، من أجل السيطرة، تسعى إلى السيطرة، إفشال سيطرة X), or the purpose
    ل on a definite trigger or on a verbal noun whose genitive is its object (للسيطرة على، لاستعادة Y،
    لتحرير Y; not لسيطرة X, whose genitive is the holder: الخاضعة لسيطرة X، نظرا لسيطرة X).  The gold
    leaves such attempts out, so the trigger states no relation of its type."""
    clitic = sv.lex.purpose_clitic.get(trig.type)
    if clitic and sv.norm[i][:strip].lstrip("وف").startswith(clitic) and (
            takes_object or any(n == strip and stem.startswith("ال") for n, stem in sv.forms[i])):
        return True  # the stem of للسيطرة is السيطرة
    cues = sv.lex.sought_state.get(trig.type)
    return bool(cues) and _cue_before(sv, cues, max(_clause_start(sv, i), i - sv.lex.sought_gap - 1), i)


def modality(sv: SentView, trig: Trigger, i: int, j: int, strip: int) -> str:
    lex = sv.lex
    lo = _clause_start(sv, i)
    first = sv.norm[i]
    if first.startswith(("و", "ف")) and strip:
        lo = i  # a coordinated verb opens its own scope (رفضوا وانسحبوا)
    if _cue_before(sv, lex.modality["negation_particles"], max(lo, i - 4), i) or \
            _cue_before(sv, lex.modality["denied"], lo, i):
        return "denied"
    if _cue_before(sv, lex.modality["proposed"], lo, i):
        return "proposed"
    clitics = first[:strip].lstrip("وف")
    if clitics.startswith("ل") and _cue_before(sv, lex.modality["proposed_purpose"], max(lo, i - 3), i):
        return "proposed"
    if _cue_before(sv, lex.modality["expected"], lo, i) or \
            _cue_ending_at(sv, lex.modality["expected_right_before"], lo, i) or \
            _cue_before(sv, lex.modality["expected_after"], j, min(sv.n, j + 2)):
        return "expected"
    stem = first[strip:]
    if stem.startswith(lex.future_prefix) and len(stem) > 3 and stem[1] in "يتن" and \
            trig.seq.parts[0].fullmatch(stem[1:]):
        return "expected"
    return "asserted"
