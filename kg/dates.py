"""Dates as dates: the document date in any common form, and the date expressions of a sentence.

Articles arrive dated ``Fri, 16 Feb 2018 00:03:39 GMT`` (RFC 822), ``2015-07-21`` (ISO 8601),
``2018/02/16``, ``16 شباط 2018`` or not at all (a byline date in the first lines of a text file).
``parse_document_date`` turns each into an ISO date (and an ISO datetime where a time is given), keeping
the original string; ``find_dates`` finds ``السبت 6 مايو/أيار 2023``, ``العاشر من أيلول``, ``منتصف أبريل``,
``أمس``, ``يوم الجمعة`` in a sentence and resolves them against a reference (the document's) date.
The words are data (kg/resources/dates.json).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from kg.model import AnalyzedDoc

DATES_JSON = Path(__file__).parent / "resources" / "dates.json"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_LOOSE = {"ا": "[اأإآ]", "أ": "[اأإآ]", "إ": "[اأإآ]", "آ": "[اأإآ]", "ى": "[ىي]", "ي": "[ىي]",
          "ة": "[ةه]", "ه": "[ةه]", " ": r"\s+"}
ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
PRECISIONS = ("day", "part_of_month", "month", "year")  # ACLED time_precision 1, 2, 3, 3


@dataclass(frozen=True)
class DocumentDate:
    """``date`` is ISO (YYYY-MM-DD) or '' when the text was not understood; ``text`` is the original."""

    date: str
    datetime: str
    text: str

    @property
    def understood(self) -> bool:
        return bool(self.date) or not self.text.strip()


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``start:end`` of the searched string, resolved to ``date`` (ISO)."""

    start: int
    end: int
    text: str
    date: str
    precision: str


def _loose(word: str) -> str:
    return "".join(_LOOSE.get(ch, re.escape(ch)) for ch in word)


def _alternation(words) -> str:
    return "(?:" + "|".join(_loose(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def _key(word: str) -> str:
    """Spelling-folded form used to look a matched word up in the tables."""
    word = re.sub(r"\s+", " ", word.strip())
    return re.sub("[أإآ]", "ا", word).replace("ى", "ي").replace("ة", "ه")


@dataclass(frozen=True)
class _Tables:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    relative: dict[str, int]
    ordinals: dict[str, int]
    parts: dict[str, int]
    past: frozenset[str]
    future: frozenset[str]
    header_chars: int
    header_words: int
    patterns: tuple[tuple[str, re.Pattern], ...]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = json.loads(DATES_JSON.read_text(encoding="utf-8"))
    months = {_key(w): int(m) for m, words in data["months"].items() for w in words}
    weekdays = {_key(w): int(d) for d, words in data["weekdays"].items() for w in words}
    b = r"(?<![\w])"  # a word start (proclitics و/ب/ل/ف may precede: وفي، بتاريخ)
    e = r"(?![\w])"
    month = _alternation(w for words in data["months"].values() for w in words)
    month_alt = rf"(?:\s*/\s*{month}|\s*\(\s*{month}\s*\))?"  # مايو/أيار، مايو (أيار)
    year = r"(?P<year>(?:19|20)\d{2})"
    day = r"(?P<day>[0-3]?\d)"
    weekday = _alternation(w for words in data["weekdays"].values() for w in words)
    day_word, month_word = _alternation(data["day_word"]), _alternation(data["month_word"])
    of_word, year_word = _alternation(data["of_words"]), _alternation(data["year_words"])
    direction = _alternation(data["past_words"] + data["next_words"])
    ordinal = _alternation(data["ordinal_days"])
    part = _alternation(data["month_parts"])
    opt_year = rf"(?:[\s,،\-/]*{year}{e})?"
    patterns = (
        ("numeric", re.compile(rf"{b}(?:(?P<y1>(?:19|20)\d{{2}})[-/.](?P<m1>\d{{1,2}})[-/.](?P<d1>\d{{1,2}})"
                               rf"|(?P<d2>\d{{1,2}})[-/.](?P<m2>\d{{1,2}})[-/.](?P<y2>(?:19|20)\d{{2}})){e}")),
        ("day", re.compile(rf"{b}(?:(?:{day_word}\s+)?(?P<weekday>{weekday})[\s,،]+)?{day}(?:\s*[-/]\s*|\s+)"
                           rf"(?:{of_word}\s+)?(?:{month_word}\s+)?(?P<month>{month}){e}{month_alt}{opt_year}")),
        ("day", re.compile(rf"{b}(?:(?:{day_word}\s+)?(?P<weekday>{weekday})[\s,،]+)?(?P<ordinal>{ordinal})\s+"
                           rf"{of_word}\s+(?:{month_word}\s+)?(?P<month>{month}){e}{month_alt}{opt_year}")),
        ("day", re.compile(rf"{b}(?P<month>{month}){e}\.?\s+{day}(?:st|nd|rd|th)?,?\s+{year}{e}")),  # February 16, 2018
        ("part_of_month", re.compile(rf"{b}(?P<part>{part})\s+(?:{month_word}\s+)?(?P<month>{month}){e}"
                                     rf"{month_alt}{opt_year}")),
        ("month", re.compile(rf"{b}(?:{month_word}\s+(?P<month>{month}){e}{month_alt}{opt_year}"
                             rf"|(?P<month2>{month}){e}{month_alt}(?:[\s,،]+{year.replace('year', 'year2')}{e}"
                             rf"|\s+(?P<dir>{direction}){e}))")),
        ("year", re.compile(rf"{b}(?:(?P<part>{part})\s+)?(?:{year_word}\s+)?{year}{e}")),
        ("weekday", re.compile(rf"{b}(?:{day_word}\s+)?(?P<weekday>{weekday}){e}(?:\s+(?P<dir>{direction}){e})?")),
        ("relative", re.compile(rf"{b}(?P<relative>{_alternation(data['relative_days'])}){e}")),
    )
    return _Tables(
        months=months, ambiguous_months=frozenset(_key(w) for w in data.get("ambiguous_months", [])),
        weekdays=weekdays, relative={_key(w): n for w, n in data["relative_days"].items()},
        ordinals={_key(w): n for w, n in data["ordinal_days"].items()},
        parts={_key(w): n for w, n in data["month_parts"].items()},
        past=frozenset(_key(w) for w in data["past_words"]), future=frozenset(_key(w) for w in data["next_words"]),
        header_chars=int(data["header_chars"]), header_words=int(data["header_words"]), patterns=patterns,
    )


def _direction(m: re.Match, t: _Tables) -> int:
    """-1 when the expression is said to be past (أبريل الماضي), 1 when coming (الجمعة المقبلة), else 0."""
    word = m.groupdict().get("dir") or (m.string[m.end():].split() or [""])[0]
    word = _key(word.strip("،,.:؛"))
    return -1 if word in t.past else 1 if word in t.future else 0


def _closest_year(month: int, day: int, ref: dt.date, direction: int = 0, weekday: int | None = None
                  ) -> dt.date | None:
    """The year (ref's, the one before or after) that puts month/day closest to the reference date, on
    the side of it the text says (الماضي: before, المقبل: after) and on the weekday it names."""
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if direction * (cand - ref).days < 0 or (weekday is not None and cand.weekday() != weekday):
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    return best


def _month_day(m: re.Match, t: _Tables, kind: str, ref: dt.date | None) -> dt.date | None:
    groups = m.groupdict()
    month = t.months.get(_key(groups.get("month") or groups.get("month2") or ""))
    if month is None:
        return None
    if kind == "day":
        day = int(groups["day"]) if groups.get("day") else t.ordinals.get(_key(groups.get("ordinal") or ""), 0)
    elif kind == "part_of_month":
        day = t.parts[_key(groups["part"])]
    else:
        day = 1
    year = groups.get("year") or groups.get("year2")
    if year:
        try:
            return dt.date(int(year), month, day)
        except ValueError:
            return None
    if ref is None:
        return None
    weekday = t.weekdays.get(_key(groups.get("weekday") or ""))
    return _closest_year(month, day, ref, _direction(m, t), weekday) or _closest_year(month, day, ref, _direction(m, t))


def _weekday(m: re.Match, t: _Tables, ref: dt.date | None) -> dt.date | None:
    """The named weekday: the last one on or before the reference date (before it when said to be past:
    الجمعة الماضية), or the next one after it when said to be coming (المقبل)."""
    if ref is None:
        return None
    target = t.weekdays[_key(m.group("weekday"))]
    direction = _direction(m, t)
    if direction > 0:
        return ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)
    return ref - dt.timedelta(days=(ref.weekday() - target) % 7 or (7 if direction < 0 else 0))


def _resolve(kind: str, m: re.Match, t: _Tables, ref: dt.date | None) -> tuple[dt.date, str] | None:
    groups = m.groupdict()
    try:
        if kind == "numeric":
            if groups.get("y1"):
                return dt.date(int(groups["y1"]), int(groups["m1"]), int(groups["d1"])), "day"
            return dt.date(int(groups["y2"]), int(groups["m2"]), int(groups["d2"])), "day"
    except ValueError:
        return None
    if kind in ("day", "part_of_month", "month"):
        if kind == "month" and groups.get("month2") and _key(groups["month2"]) in t.ambiguous_months \
                and not groups.get("year2"):
            return None  # مارس "practised", آب: a bare ambiguous month name is not a date
        found = _month_day(m, t, kind, ref)
        return (found, kind) if found else None
    if kind == "year":
        if not groups.get("part") and not re.match(r"\D", m.group(0)):
            return None  # a bare number (2018 fighters) is no date; عام 2018, منتصف 2018 are
        return dt.date(int(groups["year"]), 1, 1), "year"
    if kind == "weekday":
        found = _weekday(m, t, ref)
        return (found, "day") if found else None
    if ref is None:
        return None
    return ref + dt.timedelta(days=t.relative[_key(m.group("relative"))]), "day"


def find_dates(text: str, reference: str | dt.date | None = None) -> list[DateMention]:
    """Date expressions in ``text`` (offsets into it), most specific first where they overlap; those that
    need a reference date (no year, a weekday, أمس) are left out without one."""
    t = _tables()
    ref = dt.date.fromisoformat(reference) if isinstance(reference, str) and reference else reference or None
    folded = text.translate(_DIGITS)  # same length: offsets hold
    found: list[DateMention] = []
    for kind, pattern in t.patterns:
        for m in pattern.finditer(folded):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            resolved = _resolve(kind, m, t, ref)
            if resolved is not None:
                found.append(DateMention(m.start(), m.end(), text[m.start():m.end()], resolved[0].isoformat(),
                                         resolved[1]))
    return sorted(found, key=lambda d: d.start)


def parse_document_date(value: str) -> DocumentDate:
    """ISO date (and datetime where a time is given) of a document's date string; '' when not understood."""
    text = (value or "").strip()
    if not text:
        return DocumentDate("", "", value or "")
    if ISO.fullmatch(text):
        try:
            stamp = dt.datetime.fromisoformat(text)
        except ValueError:
            return DocumentDate("", "", value)
        return DocumentDate(stamp.date().isoformat(), stamp.isoformat() if len(text) > 10 else "", value)
    if re.search(r"\d{1,2}:\d{2}", text) and re.search(r"[A-Za-z]{3}", text):
        try:
            stamp = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            stamp = None
        if stamp is not None:
            return DocumentDate(stamp.date().isoformat(), stamp.isoformat(), value)
    full = [d for d in find_dates(text) if d.precision == "day"]
    return DocumentDate(full[0].date if full else "", "", value)


def header_date(text: str) -> DocumentDate | None:
    """The first full date (day, month, year) on a short line among an article's opening characters (a
    byline: ``كتبه … | 24 يناير, 2019``), for files that carry no date field."""
    t = _tables()
    for line in text[: t.header_chars].splitlines():
        if len(line.split()) > t.header_words:
            continue  # a paragraph of the article: its dates are what it reports, not when
        for d in find_dates(line):
            if d.precision == "day":
                return DocumentDate(d.date, "", d.text)
    return None


def date_document(adoc: AnalyzedDoc) -> None:
    """Pipeline component: the document's date as ISO (its own date field, else a byline date in the
    first lines), the original string kept in ``date_text``."""
    doc = adoc.doc
    parsed = parse_document_date(doc.date_text or doc.date)
    if not parsed.text.strip():
        parsed = header_date(doc.text) or parsed
    adoc.doc = replace(doc, date=parsed.date, datetime=parsed.datetime, date_text=parsed.text)
