"""The issue's selection rule: per mode, the cutoffs per type that give the best F1 with precision at least
``FLOOR`` on held-out decisions (out-of-fold train + dev), then the mode that wins on core F1.

A decision is one document-level relation (type, subject, object of an article) with its probability,
whether the rules found it, and what the scorer would count it as (the gold relation it hits, or the
false positive it is).  Counting distinct keys, as ``kg eval`` does, a type's (TP, FP) under each pair of
cutoffs is computed once; the types of a group are then combined over their Pareto-optimal choices.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import product

from kg.relations.learned.model import MODES, NEVER, cutoffs

FLOOR = 0.75  # the issue: ship what wins on F1 with precision >= 0.75
GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class Decision:
    rtype: str
    rule: bool
    p: float
    hit: tuple | None  # the gold relation it finds, or None
    key: tuple  # what the scorer counts (article, type, mapped pair)


def _options(mode: str) -> list[tuple[float, float]]:
    if mode == "gated":
        return [(r, o) for r in (0.0, *GRID) for o in (*GRID, NEVER)] + [(NEVER, NEVER)]
    opts = [cutoffs(mode, t) for t in GRID]
    return [*dict.fromkeys(opts + ([(NEVER, NEVER)] if mode == "learned" else []))]


def counts(decisions: Iterable[Decision], cut: tuple[float, float]) -> tuple[int, int]:
    """(TP, FP) of the decisions kept under ``cut`` = (rule cutoff, other cutoff)."""
    tp, fp = set(), set()
    for d in decisions:
        if d.p >= (cut[0] if d.rule else cut[1]):
            (tp if d.hit is not None else fp).add(d.hit if d.hit is not None else d.key)
    return len(tp), len(fp)


def prf(tp: int, fp: int, gold: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _pareto(points: dict[tuple[float, float], tuple[int, int]]) -> list[tuple[tuple[float, float], tuple[int, int]]]:
    """The choices no other beats on both TP (more) and FP (fewer)."""
    items = sorted(points.items(), key=lambda kv: (-kv[1][0], kv[1][1]))
    out, best_fp = [], None
    for cut, (tp, fp) in items:
        if best_fp is None or fp < best_fp:
            out.append((cut, (tp, fp)))
            best_fp = fp
    return out


def ranked_cutoffs(decisions: list[Decision], types: Iterable[str], gold: int, mode: str, floor: float = FLOOR,
                   ) -> list[tuple[dict[str, tuple[float, float]], tuple[float, float, float]]]:
    """The per-type cutoffs of ``mode`` reaching precision ``floor`` on ``types`` together, best F1 first,
    each with its P, R, F1 (over the Pareto-optimal choices of each type)."""
    types = list(types)
    by_type = {t: [d for d in decisions if d.rtype == t] for t in types}
    fronts = [_pareto({cut: counts(by_type[t], cut) for cut in _options(mode)}) for t in types]
    found = []
    for combo in product(*fronts):
        p, r, f1 = prf(sum(c[1][0] for c in combo), sum(c[1][1] for c in combo), gold)
        if p >= floor:
            found.append(({t: c[0] for t, c in zip(types, combo, strict=True)}, (p, r, f1)))
    return sorted(found, key=lambda x: -x[1][2])


Guard = Callable[[str, dict[str, tuple[float, float]], str], bool]  # (mode, cutoffs, group) -> kept
GUARD_TRIES = 40  # configurations tried (best F1 first) per mode, group and floor before the floor is lowered
LOWEST_FLOOR = 0.4


def choose(decisions: list[Decision], groups: dict[str, tuple[tuple[str, ...], int]], lead: str = "core",
           floor: float = FLOOR, guard: Guard | None = None,
           ) -> tuple[str, dict[str, dict[str, tuple[float, float]]], dict]:
    """The shipped mode and every mode's cutoffs (the types of each group chosen together on that group's
    F1), with the figures that chose them: mode -> group -> (P, R, F1, the floor it was chosen at).

    Per mode and group: the best F1 at precision >= ``floor`` among the cutoffs ``guard`` keeps (the seed
    articles); where none is found, the floor is lowered in steps of 0.05.  Shipped: the mode with the
    highest floor on ``lead``, then the best F1 there, then the same on the other groups."""
    selected: dict[str, dict[str, tuple[float, float]]] = {}
    figures: dict[str, dict[str, tuple[float, float, float, float]]] = {}
    for mode in MODES:
        selected[mode], figures[mode] = {}, {}
        for name, (types, gold) in groups.items():
            at, found = floor, None
            while found is None and at >= LOWEST_FLOOR:
                tries = ranked_cutoffs(decisions, types, gold, mode, at)[:GUARD_TRIES]
                found = next((t for t in tries if guard is None or guard(mode, {**selected[mode], **t[0]}, name)),
                             None)
                if found is None:
                    at = round(at - 0.05, 2)
            if found is None:  # nothing kept by the guard: the rules' relations alone for this group
                cuts = {t: cutoffs("rules", 0.0) for t in types}
                found = (cuts, prf(*counts_of(decisions, cuts), gold))
                at = 0.0
            if mode == "gated":  # every other mode's cutoffs are gated ones too: the best, if the search missed it
                for other in (m for m in MODES if m != mode):
                    *prf_other, at_other = figures[other][name]
                    if (at_other, prf_other[2]) > (at, found[1][2]):
                        found, at = ({t: selected[other][t] for t in types}, tuple(prf_other)), at_other
            selected[mode].update(found[0])
            p, r, f1 = found[1]
            figures[mode][name] = (round(p, 3), round(r, 3), round(f1, 3), at)
    rest = [g for g in groups if g != lead]
    shipped = max(MODES, key=lambda m: (figures[m][lead][3], figures[m][lead][2],
                                        *(x for g in rest for x in (figures[m][g][3], figures[m][g][2]))))
    return shipped, selected, figures


def counts_of(decisions: list[Decision], cuts: dict[str, tuple[float, float]]) -> tuple[int, int]:
    """(TP, FP) of the decisions of the types in ``cuts``, each under its cutoffs."""
    per = [counts([d for d in decisions if d.rtype == t], cut) for t, cut in cuts.items()]
    return sum(tp for tp, _ in per), sum(fp for _, fp in per)
