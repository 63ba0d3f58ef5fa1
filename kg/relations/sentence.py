"""A sentence seen by the relation layer: folded tokens, resolved arguments and clause boundaries."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.model import AnalyzedDoc, Mention, Sentence
from kg.normalize import normalize, proclitic_readings
from kg.relations.lexicon import Lexicon, accepts, word_forms

PUNCT_SKIP = frozenset({"", "(", ")", "[", "]", "«", "»", "\"", "'", "“", "”", "-", "–", "/", ":", "*"})
# nisba adjectives: العراقية، سوري, and those of the two-letter nouns جو and بر (غارة جوية، القوات البرية)
NISBA = re.compile(r"^(و)?(ال)?(\w{3,}|جو|بر)(يه|ي|يين|يون|يتين)$")
BACKING_ROLES = frozenset({"backed_by", "with_support", "supporter_of", "led_by"})
SUPPORT_NOUN_ROLES = frozenset({"support_masdar"})


def bare_in(word: str, words: frozenset[str] | set[str] | tuple[str, ...]) -> str:
    """``word`` or ``word`` without a leading و/ف, whichever is in ``words``; '' if neither."""
    if word in words:
        return word
    if len(word) > 2 and word[0] in "وف" and word[1:] in words:
        return word[1:]
    return ""


@dataclass
class Arg:
    """A resolved mention inside the sentence, with what the relation rules need to know about it."""

    entity: str
    etype: str
    t0: int
    t1: int
    state: bool
    category: str = ""
    prep: str = ""
    blocked: bool = False
    mention: Mention | None = None
    capital: bool = False  # a state's capital, which may stand for its government (Entity.capital_of)

    @property
    def actor(self) -> bool:
        return self.etype in ("Organization", "Person") or self.state or self.capital

    @property
    def place(self) -> bool:
        return self.etype == "Place"

    def has_type(self, types: Iterable[str]) -> bool:
        return accepts(tuple(types), self.etype, self.state, self.capital)


QUOTE_MARKS = frozenset('"«»“”')
OPENING_QUOTES = frozenset('"«“')
CLOSING_QUOTES = frozenset('"»”')


class SentView:
    def __init__(self, adoc: AnalyzedDoc, sent: Sentence, lex: Lexicon, is_state: Callable[[str], bool],
                 category: Callable[[str], str] = lambda _id: ""):
        self.category = category
        self.lex = lex
        self.sent = sent
        self.text = adoc.doc.text
        self.tokens = sent.tokens
        self.n = len(self.tokens)
        self.forms = [word_forms(t.text) for t in self.tokens]
        self.norm = [normalize(t.text) for t in self.tokens]
        self.stems = [{s for _, s in f} for f in self.forms]
        self.trigger_tokens: set[int] = set()
        self.trigger_types: dict[int, str] = {}
        self.object_taking: set[int] = set()  # tokens of verbal nouns whose genitive is their object
        # punctuation (، ؛) has no word forms: it is looked up as written
        hard = lex.boundaries - lex.weak_boundaries
        self.hard = [self._in(k, hard) or self.norm[k] in hard for k in range(self.n)]
        self.weak = [(self._in(k, lex.weak_boundaries) or self.norm[k] in lex.weak_boundaries)
                     and not (k and self.norm[k - 1] == "من") for k in range(self.n)]  # من قبل X opens no clause
        # a time phrase set off by commas (بدأت X، منذ أواخر يوليو الماضي، مهاجمة Y) is read past like a
        # quote: its commas close no clause and separate no list
        self.aside: frozenset[int] = frozenset()
        self.aside = frozenset(self.aside_time(0, self.n))
        for k in self.aside:
            self.hard[k] = self.weak[k] = False
        self.args = self._args(adoc, is_state)
        self.doc_entities = frozenset(adoc.entities)  # the article's entities (a state body it names)
        # the entities the article names by a name, not only by a generic back-reference (الحكومة، الشرعية)
        self.named_entities = frozenset(m.entity for m in adoc.mentions if m.entity and m.origin != "generic")
        # the bodies the article names, by the folded words of a name it gives them (الحوثيين -> HOUTHIS)
        self.body_names = {normalize(m.text): m.entity for m in adoc.mentions if m.entity and m.origin != "generic"
                           and (m.type == "Organization" or is_state(m.entity))}
        self.covered = {k for a in self.args for k in range(a.t0, a.t1)}
        ends = self._set_off_conjunct_ends()  # X، ونظيره الروسي Y، إلى اتفاق: read past like a time aside
        self.aside |= ends
        for close in ends:
            self.hard[close] = self.weak[close] = False
        for left, right in zip(self.args, self.args[1:], strict=False):
            if any(self.is_comma(k) for k in range(left.t1, right.t0)):
                continue  # روسيا، حليفة دمشق، وتركيا: after an apposition و returns to the main list
            if not right.prep and left.prep and self._joined(left, right):
                right.prep = left.prep  # في سوريا والعراق: both are locatives
                right.capital = right.capital and right.prep not in lex.capital_place_preps
            if left.blocked and not right.blocked and self._joined(left, right, blocked_too=True):
                right.blocked = True  # المدعومة من روسيا وإيران: both are backers

    def _set_off_conjunct_ends(self) -> frozenset[int]:
        """The commas that close a conjunct set off by commas after a name (توصل X، ونظيره الروسي Y، إلى
        اتفاق): between ``، و`` and the closing comma only a name and the words that describe it
        (counterparts, nisba adjectives, member nouns) and the conjunct opens on a counterpart or ally noun;
        the closing comma ends no clause."""
        ends = set()
        starts = {a.t0 for a in self.args}
        for a in self.args:
            c1 = a.t1
            if c1 + 1 >= self.n or not self.is_comma(c1) or not self.norm[c1 + 1].startswith("و") or not self._in(
                    c1 + 1, self.lex.closed.counterparts | self.lex.closed.allies):
                continue  # وهي X، وY، وZ، في: a plain list, whose commas keep separating
            for c2 in range(c1 + 2, min(self.n, c1 + 8)):
                if self.is_comma(c2):
                    if any(c1 < t < c2 for t in starts):
                        ends.add(c2)
                    break
                if not (c2 in self.covered or self.skippable(c2) or self.is_member(c2) or NISBA.match(self.norm[c2])
                        or self._in(c2, self.lex.closed.counterparts)):
                    break
        return frozenset(ends)

    def titled_body(self, a: Arg) -> tuple[str, int] | None:
        """(body, k): a person's mention ends, past its first word, in a name the article gives a body
        (زعيم الحوثيين: tokens ``k`` on name HOUTHIS; the longest such name), or None."""
        if a.etype != "Person":
            return None
        for k in range(a.t0 + 1, a.t1):
            body = self.body_names.get(" ".join(self.norm[k:a.t1]))
            if body is not None and body != a.entity:
                return body, k
        return None

    # ---- tokens -------------------------------------------------------------------------------
    def quote_between(self, lo: int, hi: int) -> bool:
        """A quotation opens or closes between tokens ``lo`` and ``hi``: what stands on either side is said
        in different voices (a speaker, and the words quoted from them).  Quoted names («داعش»، “قسد”,
        a pair of marks at most four tokens apart) do not count."""
        marks = [k for k in range(max(lo - 6, 0), min(hi + 6, self.n)) if self.tokens[k].text in QUOTE_MARKS]
        paired: set[int] = set()
        for a, b in zip(marks, marks[1:], strict=False):
            if a not in paired and b - a <= 5 and self.tokens[a].text in OPENING_QUOTES \
                    and self.tokens[b].text in CLOSING_QUOTES:
                paired.update((a, b))
        return any(lo <= k < hi for k in marks if k not in paired)

    def _in(self, k: int, words: frozenset[str]) -> bool:
        return bool(self.stems[k] & words)

    def _bare_in(self, k: int, words: frozenset[str]) -> bool:
        """A reading of token k, the article ال aside, is one of ``words`` (السفارة، سفارة)."""
        return any(stem.removeprefix("ال") in words for stem in self.stems[k])

    def phrase_at(self, k: int, phrases: Iterable[tuple[str, ...]]) -> int:
        """Tokens of the first of ``phrases`` (folded word tuples, closed classes such as hedges) that
        starts at token k; 0 for none."""
        return next((len(p) for p in phrases if tuple(self.norm[k:k + len(p)]) == p), 0)

    def is_word(self, k: int, words: Iterable[str]) -> bool:
        return 0 <= k < self.n and bool(self.stems[k] & set(words))

    def skippable(self, k: int) -> bool:
        return self.norm[k] in PUNCT_SKIP or k in self.aside

    def word_before(self, t: int) -> int:
        """The nearest token before ``t`` that is no quote or bracket (``skippable``); -1 if none."""
        k = t - 1
        while k >= 0 and self.skippable(k):
            k -= 1
        return k

    def is_comma(self, k: int) -> bool:
        """A list comma (، or ,): it separates list items and appositions, and often clauses."""
        return self.norm[k] in self.lex.closed.list_commas and k not in self.aside

    def is_connector(self, k: int) -> bool:
        """و، أو or a list comma: what may join coordinated names."""
        return self.norm[k] in self.lex.closed.connectors

    def is_member(self, k: int) -> bool:
        """A member noun (قوات، عناصر، المقاتلين), with or without the article: what stands between a
        preposition or a head and the party it belongs to; an indefinite accusative too (جنودا، عددا من)."""
        members = self.lex.member_nouns
        return any(s in members or (s.startswith("ال") and s[2:] in members)
                   or (len(s) > 3 and s.endswith("ا") and s[:-1] in members) for s in self.stems[k])

    def is_possessed(self, k: int) -> bool:
        """What belongs to a party (مواقع، أهداف، التابعة): lexicon ``possessed_targets``, with or without ال."""
        return self._bare_in(k, self.lex.possessed_targets)

    def is_site(self, k: int) -> bool:
        """What a party holds and never is (مواقع، مقرات): lexicon ``possessed_targets.sites``."""
        return self._bare_in(k, self.lex.held_sites)

    def beside(self, a: Arg) -> bool:
        """إلى جانب Y، جنبا إلى جنب مع Y (lexicon ``ally_phrases``, member nouns between): Y acts on the side
        of the one before, never as its opponent."""
        return self._beside_at(a.t0)

    def _beside_at(self, t0: int) -> bool:
        k = t0
        while k > 0 and (self.skippable(k - 1) or self.is_member(k - 1)):
            k -= 1
        return any(k >= len(seq.parts) and (seq.match(self.forms, k - len(seq.parts)) or (0, 0))[0] == len(seq.parts)
                   for seq in self.lex.ally_phrases)

    def names_a_body(self, k: int, rtype: str) -> bool:
        """Token k is a head noun that makes what it names no party of ``rtype`` (lexicon
        ``non_party_heads``: السفارة، سفارتها، مقرها are relocated, not moved as a force)."""
        heads = self.lex.non_party_heads.get(rtype)
        return bool(heads) and 0 <= k < self.n and self._bare_in(k, heads)

    def is_filler(self, k: int) -> bool:
        """Tokens that may sit between a head and its argument: quotes, member nouns, place heads, a
        partitive quantity (45 من عناصر X) and a time word (تستهدف منذ أسابيع قوات X)."""
        return (self.skippable(k) or self.is_member(k) or self._in(k, self.lex.place_heads)
                or self._partitive(k) or self._in(k, self.lex.closed.time_words))

    def _partitive(self, k: int) -> bool:
        """A number, or the من after a number or member noun, before a member noun: يقتل 45 من عناصر X."""
        nxt = k + 1 < self.n and self.is_member(k + 1)
        if self.norm[k].isdigit():
            return nxt or (k + 2 < self.n and self.norm[k + 1] == "من" and self.is_member(k + 2))
        return self.norm[k] == "من" and nxt and k > 0 and (self.norm[k - 1].isdigit() or self.is_member(k - 1))

    def prefix_of(self, k: int) -> str:
        """The proclitic letters of token k under its longest clitic reading that is still a word."""
        forms = self.forms[k]
        return self.norm[k][: forms[-1][0]] if forms else ""

    # ---- arguments ----------------------------------------------------------------------------
    def _token_index(self, pos: int, end: bool = False) -> int | None:
        for k, t in enumerate(self.tokens):
            if (t.start < pos <= t.end) if end else (t.start <= pos < t.end):
                return k
        return None

    def _args(self, adoc: AnalyzedDoc, is_state: Callable[[str], bool]) -> list[Arg]:
        spans = []
        for m in adoc.mentions:
            if m.entity is None or m.entity not in adoc.entities:
                continue
            if m.end <= self.sent.start or m.start >= self.sent.end:
                continue
            t0, t1 = self._token_index(m.start), self._token_index(m.end, end=True)
            if t0 is None or t1 is None:
                continue
            spans.append((t0, t1 + 1, m))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        args: list[Arg] = []
        for t0, t1, m in spans:
            if args and t0 < args[-1].t1:  # overlapping: keep the first, longest one
                continue
            if (t1 - t0 == 1 and (self._is_trigger_word(t0) or self._is_function_word(t0))) \
                    or (m.origin != "reference" and self._is_bare_head(m.text)
                        and (adoc.entities[m.entity].type == "Place"
                             or self._in(t0 - 1, self.lex.closed.demonstratives))):
                continue  # a "name" that is a relation word (سيطرة) or a bare الريف is a mention slip (not
                # المدينة that kg.relations.antecedents took as the place named before); a bare القاعدة that
                # the resolver took for the group is the group, but not in هذه القاعدة
            etype = adoc.entities[m.entity].type
            state = etype == "Place" and bool(is_state(m.entity))
            prefix = normalize(self.text[self.tokens[t0].start:m.start]) if m.start > self.tokens[t0].start else ""
            surface = normalize(m.text)
            if not prefix and m.key and surface != m.key and surface.endswith(m.key) and \
                    len(surface) - len(m.key) <= 3 and " " not in surface[: len(surface) - len(m.key)]:
                prefix = surface[: len(surface) - len(m.key)]  # a span that kept its clitics (لقسد)
            arg = Arg(m.entity, etype, t0, t1, state, category=self.category(m.entity) or "", mention=m)
            arg.prep = self._governing_prep(t0, prefix, etype == "Organization")
            head = self._affiliated_head(t0, args[-1].t1 if args else 0) \
                if (etype != "Place" or state) and arg.prep == "ل" else None
            if head is not None:  # قوة تابعة لـ X: the argument is the whole phrase
                arg.t0, arg.prep = head, self._governing_prep(head, self.prefix_of(head), etype == "Organization")
            arg.capital = etype == "Place" and not state and bool(adoc.entities[m.entity].capital_of) \
                and not self._capital_as_city(t0, arg.prep)
            arg.blocked = self._blocked(t0, args[-1].t1 if args else 0) or (state and self.where_not_who(t0)) \
                or (arg.actor and self._affiliate(t0, args[-1] if args else None, m.entity))
            args.append(arg)
        return args

    def _is_function_word(self, k: int) -> bool:
        """اللتين، على، نيسان: clause words, prepositions and month/day names are never names."""
        words = self.lex.boundaries | self.lex.object_preps | self.lex.non_names
        return bool(self.stems[k] & words)

    def _is_bare_head(self, text: str) -> bool:
        """Only place nouns (الريف، وبلدات، الريف الشرقي): a common noun, not a name."""
        words = normalize(text).split()
        heads = self.lex.place_heads
        return bool(words) and all(
            any(stem in heads or stem.removeprefix("ال") in heads for _, stem in proclitic_readings(w))
            for w in words)

    def _is_backing_word(self, k: int, roles: frozenset[str] = BACKING_ROLES) -> bool:
        """A support or leadership trigger (المدعومة، بدعم، بقيادة): who follows it backs or leads."""
        found = {t for _, stem in self.forms[k] for t in self.lex.first_matches(stem)}
        return any(self.lex.triggers[t].role in roles and self.lex.triggers[t].seq.match(self.forms, k)
                   for t in found)

    def _supporter_after(self, k: int, t0: int) -> bool:
        """A support noun at ``k`` and من right before the actor at ``t0`` (مستندة إلى دعم قوي من X):
        X gives the support; without من (دعم بلاده للعراق في محاربة Y) the one backed may be a party."""
        m = t0 - 1
        while m > k and self.skippable(m):
            m -= 1
        return m > k and self.norm[m] == "من" and self._is_backing_word(k, SUPPORT_NOUN_ROLES)

    def _is_trigger_word(self, k: int) -> bool:
        return any(len(self.lex.triggers[t].seq.parts) == 1 for _, stem in self.forms[k]
                   for t in self.lex.first_matches(stem))

    def _affiliated_head(self, t0: int, floor: int) -> int | None:
        """The first token of a noun phrase that the actor at ``t0`` owns through تابع (closed class
        ``affiliated``: هاجمت قوة تابعة لـ X، قصف الطيران الحربي التابع لـ X، على مواقع تابعة لـ X): the
        phrase stands for X, so X takes the preposition that governs it.  Its words are member nouns,
        possessed targets, ``force_heads`` and nisba adjectives after ``floor`` (the argument before); None
        if there is none (X التابعة لـ Y: a name, not a noun, is owned)."""
        k = self.word_before(t0)
        if k < 1 or not bare_in(self.norm[k], self.lex.closed.affiliated):
            return None
        head, owned = None, False
        for m in range(k - 1, max(floor, k - 5) - 1, -1):
            if self._is_trigger_word(m):
                break  # قصف الطيران التابع لـ X: the attack is no part of what X owns
            if self.is_member(m) or self.is_possessed(m) or self._bare_in(m, self.lex.closed.force_heads):
                head, owned = m, owned or self.is_possessed(m)
            elif not (self.skippable(m) or NISBA.match(self.norm[m])):
                break
        if head is not None and owned and not self._governing_prep(head, self.prefix_of(head)):
            return None  # قصف X مواقع تابعة لـ Y: a verb's object that Y owns, as مواقع لـ Y
        return head

    def is_partitive(self, k: int) -> bool:
        """Token k is the من of a quantity or of members (عشرات من، 20 من، عناصر من، عددا من X)."""
        before = self.norm[k - 1] if k > 0 else ""
        return self.norm[k] == "من" and k > 0 and (self.is_member(k - 1) or before.isdigit()
                                                   or (len(before) > 3 and before.endswith("ا")))

    def _governing_prep(self, t0: int, prefix: str, organization: bool = False) -> str:
        """The preposition that governs a mention: an attached ل/ب, or a preposition word before it,
        looking back over member nouns (قوات، عناصر) and quotes, and for an ``organization`` over the في
        that makes them its members; '' for none."""
        clitic = prefix.lstrip("وف")
        if clitic[:1] in ("ل", "ب"):
            return clitic[:1]
        k, steps = t0 - 1, 0
        while k >= 0 and steps < 4:  # على عدد من مواقع X: a count, its من and a site
            if self.skippable(k):
                k -= 1
                continue
            prep = bare_in(self.norm[k], self.lex.object_preps) or (
                self.norm[k][1:] if self.norm[k] in ("ول", "وب", "فل", "فب") else "")  # ولـ "X": a detached ل
            if prep:
                before = self.norm[k - 1] if k > 0 else ""
                if prep in self.lex.closed.agent_nouns and before in self.lex.closed.agent_preps:
                    return ""  # من قبل X / على يد X: the agent, a logical subject
                if (prep == "من" and self.is_partitive(k)) \
                        or (organization and prep in self.lex.closed.locating_preps and k > 0
                            and self.is_member(k - 1) and not self._in(k - 1, self.lex.closed.spokesman_titles)):
                    # partitive (عشرات من عناصر داعش، مع المسلحين من التنظيم) or a body's members (تستهدف
                    # المقاتلين في حركة X; not its spokesman: قيادي في X): what governs the quantity or them
                    k -= 1
                    steps += 1
                    continue
                return prep
            for n, stem in self.forms[k]:
                if stem in self.lex.object_preps and n and self.norm[k][n - 1] in "لب":
                    return self.norm[k][n - 1]
            if self.is_member(k) or self.is_possessed(k) or self._in(k, self.lex.place_heads):
                for n, stem in self.forms[k]:
                    if n and (stem in self.lex.member_nouns or stem in self.lex.place_heads):
                        clit = self.norm[k][:n].lstrip("وف")
                        if clit[:1] in ("ل", "ب"):
                            return clit[:1]
                k -= 1
                steps += 1
                continue
            if k > 0 and self.norm[k - 1] == "من" and self._in(k, self.lex.closed.holding_nouns):
                return "من"  # تحرير Z من قبضة Y، من أيدي عناصر Y: whose grip it is taken from
            if self._in(k, self.lex.closed.counterparts) or (
                    NISBA.match(self.norm[k]) and k > 0 and self._in(k - 1, self.lex.closed.counterparts)):
                k -= 1  # محادثات مع نظيره الإيراني P: the counterpart is the person named after it
                steps += 1
                continue
            break
        return ""

    def _capital_as_city(self, t0: int, prep: str) -> bool:
        """A state's capital at ``t0`` names the city, not the government it may stand for (relations.json
        ``capital_parties``): في الدوحة، على بغداد، شرقي القاهرة، العاصمة السورية دمشق."""
        if prep in self.lex.capital_place_preps or self.where_not_who(t0) or self._in(t0, self.lex.place_heads):
            return True
        k = self.word_before(t0)
        return k > 0 and bool(NISBA.match(self.norm[k])) and self._in(k - 1, self.lex.place_heads)

    def where_not_who(self, t0: int) -> bool:
        """A country at ``t0`` names a place here, not a party: after a place word (شمال العراق، ريف
        سوريا), after a visit word (يزور لبنان، زار الوزير تركيا) or an arrival word and إلى (وصل إلى
        موسكو) within a few words of the same clause."""
        k = self.word_before(t0)
        if k >= 0 and (self._in(k, self.lex.place_heads) or self._in(k, self.lex.relative_location)):
            return True
        words = self.lex.visit_words
        if k >= 0 and self.norm[k] in ("الى", "إلى"):
            words, k = self.lex.arrival_words, k - 1
        for m in range(k, max(-1, k - 4), -1):
            if self.hard[m] or self.is_comma(m):
                return False
            if self._in(m, words):
                return True
        return False

    def _blocked(self, t0: int, floor: int) -> bool:
        """Introduced by a support, leadership or attribution cue (بقيادة، المدعومة من، بحسب)."""
        if self._beside_at(t0):
            return False  # بالتنسيق مع X: a partner in the fight, on the side of the one before
        for k in range(t0 - 1, max(floor, t0 - 6) - 1, -1):
            if self.phrase_at(k, self.lex.closed.loyal_to_it):
                return False  # X الموالية لها وY: the cue's complement is the pronoun, Y a new conjunct
            if self._in(k, self.lex.blocking_cues) or self._is_backing_word(k):
                return True
            if t0 - k <= 3 and self._in(k, self.lex.attribution_cues):
                return True
            if self.norm[k] == "مع" and k > 0 and self._in(k - 1, self.lex.alliance_nouns):
                return True  # تحالف مع X، بالتنسيق مع X: a partner, not an opponent
            if self._is_trigger_word(k):
                return self._supporter_after(k, t0)  # حليف للغرب في المعركة ضد X: X is the fight's, not the
                # cue's, unless the word is a support noun and من names who gives it (دعم قوي من X)
            if self.hard[k] or self.is_comma(k):
                return False
        return False

    def _affiliate(self, t0: int, prev: Arg | None, entity: str) -> bool:
        """X ذراع Y، X، أحد فصائل Y، X التابعة لـ Y، X (Y): the actor at ``t0`` names the body that the
        organization ``prev`` right before it belongs to (lexicon ``affiliation_cues``, with member nouns after
        the cue and ``affiliation_links`` between), or stands in brackets as its apposition: it is no party beside X."""
        if prev is None or prev.entity == entity or not (prev.etype == "Organization" or prev.state) \
                or t0 - prev.t1 > 5:
            return False
        gap = range(prev.t1, t0)
        if [self.tokens[k].text for k in gap] == ["("]:
            return not self._bracket_lists(t0)
        cue = False
        for k in gap:
            if self._in(k, self.lex.affiliation_cues):
                cue = True
            elif not cue and self.is_member(k):
                return False  # X مواقع تابعة لـ Y، X طائرة تابعة لـ Y: what Y owns is the noun, not X
            elif not (self.skippable(k) or self.is_comma(k) or self.is_member(k)
                      or self._in(k, self.lex.affiliation_links)):
                return False
        return cue

    def _bracket_lists(self, t0: int) -> bool:
        """The bracket opened before ``t0`` lists several names (مجموعة 5+1 (الولايات المتحدة وفرنسا ...)):
        the members of the body before it, parties with it, not one other name of it."""
        for k in range(t0 + 1, min(self.n, t0 + 12)):
            if self.tokens[k].text == ")":
                return False
            if self.is_connector(k) or self.norm[k].startswith("و"):
                return True
        return False

    # ---- clauses ------------------------------------------------------------------------------
    def clause(self, i: int, j: int, weak: bool = True) -> tuple[int, int]:
        """Token range [lo, hi) of the clause around tokens [i, j)."""
        stop = (lambda k: self.hard[k] or self.weak[k]) if weak else (lambda k: self.hard[k])
        lo = i
        while lo > 0 and not stop(lo - 1):
            lo -= 1
        hi = j
        while hi < self.n and not stop(hi):
            hi += 1
        return lo, hi

    def boundary_between(self, a: int, b: int, weak: bool = False) -> bool:
        return any(self.hard[k] or (weak and self.weak[k]) for k in range(a, b))

    def past_time(self, k: int) -> int:
        """The token after a time phrase from k on (في صيف 2014، أمس، الاثنين الماضي), else k: what a
        frame reads past between a head and its argument."""
        e = k + 1 if k < self.n and self.norm[k] == "في" else k
        start = e
        words = self.lex.closed.time_words
        while e < self.n and (self._in(e, words) or self._bare_in(e, words) or self.norm[e].isdigit()
                              or (e > start and self.norm[e] in PUNCT_SKIP)):  # أواخر يوليو (تموز) الماضي
            e += 1
        return e if e > start else k

    def aside_time(self, a: int, b: int) -> set[int]:
        """The tokens of time phrases set off by commas between a and b (سيطرت X، أمس، على Y)."""
        out: set[int] = set()
        for k in range(a, b):
            if self.is_comma(k):
                e = self.past_time(k + 1)
                if e > k + 1 and e < b and self.is_comma(e):
                    out.update(range(k, e + 1))
        return out

    def args_in(self, lo: int, hi: int) -> list[Arg]:
        return [a for a in self.args if a.t0 >= lo and a.t1 <= hi]

    def gap_is(self, a: int, b: int, ok: Callable[[int], bool]) -> bool:
        return all(ok(k) for k in range(a, b))

    # ---- coordination -------------------------------------------------------------------------
    def _comma_list(self, a: int, b: int) -> bool:
        """Tokens a..b are unrecognized items of a comma list (هجين، الشعفة، البوبدران، والباغوز)."""
        segments, cur = [], 0
        for k in range(a, b):
            if self.is_comma(k):
                segments.append(cur)
                cur = 0
            elif not self.skippable(k):
                cur += 1
        segments.append(cur)
        return len(segments) > 1 and max(segments) <= 1 and segments[-1] == 0 and self.is_comma(a)

    def _joined(self, left: Arg, right: Arg, blocked_too: bool = False) -> bool:
        """``right`` is coordinated with ``left`` by و (or أو / a list comma): same side, same kind (a
        state acting as a party goes with organizations: روسيا وحزب الله). Arguments a cue blocked
        (المدعومة من X وY) join only when ``blocked_too``."""
        same_kind = left.place == right.place or (left.state and right.actor) or (right.state and left.actor)
        if not same_kind or (not blocked_too and (right.blocked or left.blocked)):
            return False
        if left.place and self._comma_list(left.t1, right.t0):
            return True
        has_conj = False
        named = right.mention is not None and right.mention.origin != "generic"  # وحلفاؤها في الجيش: a unit of it
        for k in range(left.t1, right.t0):
            stem_ok = (self.skippable(k) or self.is_connector(k) or self.is_member(k)
                       or self._in(k, self.lex.place_heads) or bool(NISBA.match(self.norm[k]))
                       or self._in(k, self.lex.closed.counterparts)  # X، ونظيره الروسي Y
                       or self._in(k, self.lex.closed.allies)  # X وحلفائهم من Y
                       or (k > left.t1 and self.norm[k] == "من" and self.is_member(k - 1))  # X وعناصر من Y
                       or (k > left.t1 and self.norm[k] in self.lex.closed.ally_preps  # X وحلفائها في Y
                           and self._in(k - 1, self.lex.closed.allies) and (self.norm[k] == "من" or named)))
            if not stem_ok:
                return False
            if left.place and self.is_comma(k) and k + 1 < right.t0 and self._in(k + 1, self.lex.place_heads):
                return False  # زنجبار، عاصمة محافظة أبين: an apposition that locates the place, no second one
            if (self.is_connector(k) and k not in self.aside) or self.norm[k].startswith("و"):
                has_conj = True  # not the commas of a time aside (اتهم X، الثلاثاء، Y بشن ...)
        first = self.norm[right.t0]
        key = normalize(right.mention.text) if right.mention else ""
        if first.startswith("و") and (not key.startswith("و") or (left.place and right.place and not left.state)):
            has_conj = True  # places listed by و, also where the name found kept it (الوهط وصبر)
        return has_conj

    def group(self, arg: Arg, blocked_too: bool = False) -> list[Arg]:
        """The coordinated run of arguments containing ``arg`` (قسد والتحالف = one side); with
        ``blocked_too`` also a run of backers (المدعومة من روسيا وإيران)."""
        idx = self.args.index(arg)
        lo = idx
        while lo > 0 and self._joined(self.args[lo - 1], self.args[lo], blocked_too):
            lo -= 1
        hi = idx
        while hi + 1 < len(self.args) and self._joined(self.args[hi], self.args[hi + 1], blocked_too):
            hi += 1
        parallel = self._parallel_conjuncts(lo, hi)
        if parallel:
            return [a for a in self.args[lo:hi + 1] + parallel if a.actor]
        after = self.args[hi].t1
        while after < self.n and self.tokens[after].text in QUOTE_MARKS:
            after += 1
        if hi > lo and after < self.n and self.norm[after] in self.lex.closed.singular_relatives:
            return [arg]  # لبنان والأردن وتركيا التي وقعت: a singular relative clause has one antecedent
        return self.args[lo:hi + 1]

    def _parallel_conjuncts(self, lo: int, hi: int) -> list[Arg]:
        """Actors after the run lo..hi that repeat its preposition after و with a locative between
        (مواقع لـ X في سوريا ولـ Y في العراق، غارات على X في سوريا وعلى Y في العراق): the same role, so
        the same run; the locatives are left out."""
        last, out, k = self.args[hi], [], hi + 1
        while last.actor and last.prep in self.lex.closed.parallel_preps and k + 1 < len(self.args):
            loc, nxt = self.args[k], self.args[k + 1]
            if not (loc.place and loc.prep in self.lex.closed.locating_preps
                    and nxt.actor and nxt.prep == last.prep and self._repeats_prep(loc.t1, nxt.t0)):
                break
            out.append(nxt)
            last, k = nxt, k + 2
        return out

    def _repeats_prep(self, after: int, t0: int) -> bool:
        """Between a locative ending at ``after`` and a mention at ``t0``, only place words and the و that
        opens the new conjunct, on the mention itself (ولحزب) or on its preposition (وعلى)."""
        opener = next((k for k in range(after, t0 + 1) if self.norm[k].startswith("و")), None)
        return opener is not None and all(self.skippable(k) or self._in(k, self.lex.place_heads)
                                          or self._bare_in(k, self.lex.relative_location)
                                          for k in range(after, opener)) \
            and (opener == t0 or self.norm[opener][1:] in self.lex.closed.parallel_preps) \
            and all(self.skippable(k) for k in range(opener + 1, t0))

    def _included(self, left: Arg, right: Arg) -> bool:
        """``right`` is a place listed with ``left`` by an inclusion phrase (lexicon ``place_inclusion``:
        Y بما فيها مدينة Z، Y فضلا عن أجزاء من Z), place heads and parts of places between."""
        k = self.past_time(left.t1)  # دير الزور في صيف 2014 بما فيها مدينة البوكمال
        while k < right.t0 and (self.skippable(k) or self.is_comma(k)):
            k += 1
        hit = next((h for seq in self.lex.place_inclusion if (h := seq.match(self.forms, k)) is not None), None)
        return hit is not None and left.place and right.place and self.gap_is(
            k + hit[0], right.t0, lambda t: self.skippable(t) or self._in(t, self.lex.place_heads)
            or self._bare_in(t, self.lex.place_parts) or self.norm[t] == "من")

    def place_chain(self, arg: Arg) -> list[Arg]:
        """A place and the places listed after it (السوسة والمراشدة، الموصل في العراق والرقة في سوريا);
        places introduced by في inside the list are locatives, not list members."""
        out = [arg]
        idx = self.args.index(arg)
        cur = arg
        k = idx + 1
        while k < len(self.args):
            nxt = self.args[k]
            if not nxt.place:
                break
            if nxt.prep in ("في", "ب") and not self.gap_is(cur.t1, nxt.t0, lambda t: self.is_connector(t)):
                k += 1  # locative of the previous member: skip it, keep listing
                cur = nxt
                continue
            if not (self._joined(cur, nxt) or self._included(cur, nxt)):
                break
            out.append(nxt)
            cur = nxt
            k += 1
        return out
