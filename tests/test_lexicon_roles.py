"""The rule grammar as declared data: every trigger role and type frame is declared in relations.json and
checked when the lexicon loads; an unknown one is an error, not a silent default."""

import json

import pytest

from kg.relations.lexicon import CLOSED_CLASS_KEYS, FRAMES, LEXICON_PATH, LexiconError, load_lexicon
from kg.relations.roles import ROLE_HANDLERS


def _lexicon_with(tmp_path, change) -> str:
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "relations.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_every_declared_role_has_one_handler_and_every_type_a_frame():
    lex = load_lexicon()
    assert {frame for frame, _ in ROLE_HANDLERS} == set(FRAMES)
    assert {t.frame for t in lex.types.values()} == set(FRAMES)
    used = {(lex.types[t.type].frame, t.role) for t in lex.triggers}
    assert used <= set(ROLE_HANDLERS)


def test_a_declared_role_without_a_handler_is_an_error(tmp_path):
    def new_role(data):
        data["roles"]["ambush"] = {"frames": ["actor_pair"], "about": "a role no code handles"}

    with pytest.raises(LexiconError, match="no handler for ambush in actor_pair"):
        load_lexicon(_lexicon_with(tmp_path, new_role))


def test_a_handler_without_a_declared_role_is_an_error(tmp_path):
    def drop_role(data):
        del data["roles"]["stronghold"]

    with pytest.raises(LexiconError, match="not declared: stronghold in controls"):
        load_lexicon(_lexicon_with(tmp_path, drop_role))


def test_a_misspelt_trigger_key_is_an_error(tmp_path):
    """A flag the loader does not read (mutal for mutual) would silently leave the trigger as it was."""
    def typo(data):
        trigger = next(t for t in data["types"]["FOUGHT"]["triggers"] if t.get("mutual"))
        trigger["mutal"] = trigger.pop("mutual")

    with pytest.raises(LexiconError, match=r"unknown keys \['mutal'\]"):
        load_lexicon(_lexicon_with(tmp_path, typo))


@pytest.mark.parametrize("key", CLOSED_CLASS_KEYS)
def test_a_missing_closed_class_list_is_an_error(tmp_path, key):
    with pytest.raises(LexiconError, match=f"closed_class: missing {key}"):
        load_lexicon(_lexicon_with(tmp_path, lambda data: data["closed_class"].pop(key)))


def test_an_unknown_closed_class_list_is_an_error(tmp_path):
    def typo(data):
        data["closed_class"]["relative_pronoun"] = data["closed_class"].pop("relative_pronouns")

    with pytest.raises(LexiconError, match="missing relative_pronouns; unknown relative_pronoun"):
        load_lexicon(_lexicon_with(tmp_path, typo))


def test_closed_class_words_are_read_from_the_lexicon(tmp_path):
    """A relative pronoun left out of the list no longer opens a relative clause for the rules."""
    from kg.relations import extract_relations
    from tests.test_relations import make_doc

    text = "وصل الوفد إلى بلدة الباب التي يسيطر عليها الجيش الحر."
    shipped = extract_relations(make_doc(text), is_state=lambda _: False)
    assert {(r.type, r.subject, r.object) for r in shipped} == {("CONTROLS", "FSA", "AL_BAB")}

    def no_alladhi(data):
        data["closed_class"]["relative_pronouns"].remove("التي")
        data["closed_class"]["resumptive_pronouns"].remove("عليها")

    lex = load_lexicon(_lexicon_with(tmp_path, no_alladhi))
    assert extract_relations(make_doc(text), is_state=lambda _: False, lexicon=lex) == []


def test_an_unknown_target_holder_type_is_an_error(tmp_path):
    def bad_holder(data):
        data["types"]["FOUGHT"]["target_holder"] = "HOLDS"

    with pytest.raises(LexiconError, match="target_holder 'HOLDS'"):
        load_lexicon(_lexicon_with(tmp_path, bad_holder))


def test_an_unknown_trigger_role_is_an_error(tmp_path):
    def bad_role(data):
        data["types"]["FOUGHT"]["triggers"][0]["role"] = "nown"

    with pytest.raises(LexiconError, match="role 'nown', not declared"):
        load_lexicon(_lexicon_with(tmp_path, bad_role))


def test_a_role_outside_its_types_frame_is_an_error(tmp_path):
    def wrong_frame(data):
        data["types"]["LEADS"]["triggers"][0]["role"] = "suffered"

    with pytest.raises(LexiconError, match="leads frame does not take"):
        load_lexicon(_lexicon_with(tmp_path, wrong_frame))


def test_an_unknown_frame_is_an_error(tmp_path):
    def bad_frame(data):
        data["types"]["CONTROLS"]["frame"] = "holds"

    with pytest.raises(LexiconError, match="frame 'holds'"):
        load_lexicon(_lexicon_with(tmp_path, bad_frame))


def test_a_place_noun_of_an_unknown_kind_is_an_error(tmp_path):
    """A kind the alias table does not have (a typo: citty) would let the noun take up nothing."""
    def typo(data):
        data["antecedents"]["place_nouns"] = [{"p": "المدينة", "kinds": ["citty"]}]

    with pytest.raises(LexiconError, match="place noun"):
        load_lexicon(_lexicon_with(tmp_path, typo))
