"""Parties named in an earlier sentence and taken up by بينهما / الطرفين / طرفي النزاع (kg/relations/references.py)."""

import re

import pytest

from kg.model import Entity, Mention
from kg.normalize import normalize
from kg.relations import extract_relations
from tests.test_relations import STATES, facts, make_doc


def test_bainahuma_takes_the_parties_of_the_agreement_before():
    got = facts("اتفقت حركة أحرار الشام مع فيلق الشام على فتح معبر قرب إدلب. "
                "وبعد أسبوع تجددت الاشتباكات بينهما في ريف حماة.")
    assert ("FOUGHT", "AHRAR", "FAYLAQ", "asserted") in got


def test_al_tarafain_takes_the_two_actors_of_the_sentence_before():
    got = facts("وصل وفد من هيئة تحرير الشام وآخر من حركة أحرار الشام إلى المدينة. "
                "واندلعت اشتباكات عنيفة بين الطرفين مساء أمس.")
    assert got == {("FOUGHT", "AHRAR", "HTS", "asserted")}


def test_tarafay_al_nizaa_without_a_fight_or_an_agreement_says_nothing():
    got = facts("وصل وفد من هيئة تحرير الشام وآخر من حركة أحرار الشام إلى المدينة. "
                "والتقى وجهاء المدينة بممثلين عن طرفي النزاع.")
    assert got == set()


def test_three_actors_before_are_no_pair():
    got = facts("وصل ممثلون عن هيئة تحرير الشام وحركة أحرار الشام وفيلق الشام إلى المدينة. "
                "واندلعت اشتباكات بين الطرفين مساء أمس.")
    assert got == set()


def test_al_tarafain_after_both_parties_of_the_same_sentence():
    got = facts("سلم عشرات من عناصر جبهة النصرة أنفسهم لهيئة تحرير الشام بعد مفاوضات بين الطرفين.")
    assert ("NEGOTIATED_WITH", "HTS", "NUSRA", "asserted") in got



def test_two_actors_advancing_together_after_al_tarafain_are_no_two_sides():
    got = facts("اجتمع ممثلو فيلق الشام مع قادة الجيش الحر في المدينة. "
                "وتشهد البلدة مواجهات بين الطرفين منذ دخول هيئة تحرير الشام وحركة أحرار الشام إليها.")
    assert ("FOUGHT", "AHRAR", "HTS", "asserted") not in got
    assert ("FOUGHT", "FAYLAQ", "FSA", "asserted") in got


def test_al_tarafain_with_the_two_sides_in_apposition():
    got = facts("واندلعت اشتباكات بين الطرفين، هيئة تحرير الشام وحركة أحرار الشام، في ريف حلب.")
    assert ("FOUGHT", "AHRAR", "HTS", "asserted") in got


def test_two_nationality_adjectives_after_the_reference_name_its_states():
    got = facts("زار وفد من روسيا مدينة إدلب. وقال مسؤول في تركيا إن ممثلين عن الجانبين الروسي والتركي "
                "وقعوا اتفاقا لوقف إطلاق النار.")
    assert ("NEGOTIATED_WITH", "RUSSIA", "TURKEY", "asserted") in got


def test_an_attack_the_two_sides_carried_out_is_no_fight_between_them():
    got = facts("اجتمع ممثلو قسد والتحالف الدولي في الحسكة. وشن الجانبان هجوما على قرية قرب الرقة.")
    assert not any(f[0] == "FOUGHT" for f in got)


def test_a_mediator_and_a_party_are_not_the_two_sides():
    got = facts("وصل الوسيط سامر الحمد إلى مقر هيئة تحرير الشام. وقال إن المفاوضات بين الطرفين متعثرة.")
    assert got == set()


def test_a_state_and_its_own_army_are_not_the_two_sides():
    got = facts("اجتمع مسؤولون من العراق مع قادة الجيش العراقي في الموصل. وقالوا إن الاتفاق بين الطرفين قائم.")
    assert got == set()


def test_tarafay_al_nizaa_are_the_sides_of_the_article_fight_not_the_last_named():
    got = facts("اندلعت اشتباكات بين هيئة تحرير الشام وحركة أحرار الشام في إدلب. ووصل وفد من فيلق الشام إلى "
                "المدينة. ودعا الوفد إلى اتفاق بين طرفي النزاع.")
    assert ("NEGOTIATED_WITH", "AHRAR", "HTS", "proposed") in got
    assert not any("FAYLAQ" in f for f in got)

# ---- nouns that take up a party without naming it (kg/relations/antecedents.py) -------------------

ARMED = {"ISIS": "armed_group", "NUSRA": "armed_group", "SDF": "armed_group", "RESISTANCE": "armed_group",
         "COALITION": "military"}
ISIS_NAMED_TWICE = "سيطر تنظيم داعش على قرى في البادية السورية. وفرض تنظيم داعش حظرا للتجول في تدمر. "


def relations(text: str, extra: dict[str, str] | None = None):
    """Relations of ``text``; ``extra``: more names (name -> entity id, organizations) than make_doc knows."""
    adoc = make_doc(text)
    for name, eid in (extra or {}).items():
        for m in re.finditer(re.escape(name), text):
            index = next(s.index for s in adoc.sentences if s.start <= m.start() < s.end)
            adoc.mentions.append(Mention(m.start(), m.end(), name, "Organization", index, normalize(name),
                                         "gazetteer", eid))
            adoc.entities.setdefault(eid, Entity(eid, name, "Organization"))
    adoc.mentions.sort(key=lambda m: m.start)
    return extract_relations(adoc, is_state=lambda eid: eid in STATES, category=lambda eid: ARMED.get(eid, ""))


def pairs(text: str) -> set[tuple[str, str, str]]:
    return {(r.type, *sorted((r.subject, r.object))) for r in relations(text)}


def test_a_descriptor_takes_up_the_armed_group_the_article_is_about():
    rels = relations(ISIS_NAMED_TWICE + "وشنت روسيا غارات على المتشددين قرب تدمر.")
    fought = [r for r in rels if r.type == "FOUGHT"]
    assert [(r.subject, r.object) for r in fought] == [("RUSSIA", "ISIS")]
    rel = fought[0]
    assert rel.sentence == "وشنت روسيا غارات على المتشددين قرب تدمر."  # the trigger's sentence is the evidence
    same_sentence = [r for r in relations("وشنت روسيا غارات على تنظيم داعش قرب تدمر.") if r.type == "FOUGHT"]
    assert rel.confidence < same_sentence[0].confidence


@pytest.mark.parametrize("descriptor", ["الإرهابيين", "المتمردين", "المجموعة المتطرفة"])
def test_other_descriptors_take_up_the_group_too(descriptor):
    assert ("FOUGHT", "ISIS", "RUSSIA") in pairs(ISIS_NAMED_TWICE + f"وقصفت روسيا مواقع {descriptor} قرب تدمر.")


def test_an_indefinite_descriptor_names_no_party():
    assert ("FOUGHT", "ISIS", "RUSSIA") not in pairs(ISIS_NAMED_TWICE + "وقصفت روسيا مواقع لمتشددين قرب تدمر.")


def test_a_descriptor_after_an_organization_of_its_sentence_is_not_the_article_group():
    got = pairs(ISIS_NAMED_TWICE + "واشتبكت قوات النظام مع جبهة النصرة وقتلت عشرات المتشددين في ريف حماة.")
    assert ("FOUGHT", "ISIS", "REGIME") not in got
    assert ("FOUGHT", "NUSRA", "REGIME") in got


def test_a_descriptor_needs_a_group_named_more_than_once():
    got = pairs("سيطر تنظيم داعش على قرى في البادية السورية. وشنت روسيا غارات على المتشددين قرب تدمر.")
    assert ("FOUGHT", "ISIS", "RUSSIA") not in got


def test_possessive_members_take_up_the_subject_of_the_sentence_before():
    got = pairs("وصل وفد من قوات سوريا الديمقراطية إلى الحسكة أمس. وقال إن قواتها اشتبكت مع تنظيم داعش شرق المدينة.")
    assert ("FOUGHT", "ISIS", "SDF") in got


def test_a_persons_forces_are_no_antecedent():
    got = pairs("وصل خالد العلي إلى الحسكة أمس. وقال إن قواته اشتبكت مع تنظيم داعش.")
    assert not any("KHALED" in p for p in got)


def test_a_descriptor_after_a_state_force_of_its_sentence_still_takes_up_the_article_group():
    got = pairs(ISIS_NAMED_TWICE + "وشنت طائرات التحالف الدولي غارات على مواقع المتشددين قرب تدمر.")
    assert ("FOUGHT", "COALITION", "ISIS") in got


def test_rebels_are_never_the_resistance():
    text = ("تقدمت المقاومة الشعبية في ريف حماة. وسيطرت المقاومة الشعبية على تلال قرب المدينة. "
            "وقصفت روسيا مواقع المتمردين قرب حماة.")
    got = {(r.type, r.subject, r.object) for r in relations(text, {"المقاومة الشعبية": "RESISTANCE"})}
    assert ("FOUGHT", "RUSSIA", "RESISTANCE") not in got


# ---- a state told by a nationality adjective on what it has (antecedents.py, demonym_heads) ------------

def test_a_nationality_adjective_on_targets_names_the_state_attacked():
    rels = relations("أعلنت تركيا أنها سترد على أي هجوم. وشن تنظيم داعش هجوما على مواقع تركية قرب الحدود.")
    fought = [r for r in rels if r.type == "FOUGHT"]
    assert [tuple(sorted((r.subject, r.object))) for r in fought] == [("ISIS", "TURKEY")]
    direct = [r for r in relations("وشن تنظيم داعش هجوما على تركيا قرب الحدود.") if r.type == "FOUGHT"]
    assert fought[0].confidence < direct[0].confidence


def test_two_joined_adjectives_name_two_states():
    got = pairs("زار وفد من روسيا والعراق أنقرة. وشن تنظيم داعش هجوما على مواقع روسية وعراقية قرب الحدود.")
    assert {("FOUGHT", "ISIS", "RUSSIA"), ("FOUGHT", "IRAQ", "ISIS")} <= got


def test_an_adjective_of_a_state_the_article_does_not_name_is_no_party():
    assert not any(p[0] == "FOUGHT" for p in pairs("وشن تنظيم داعش هجوما على مواقع تركية قرب الحدود."))


def test_an_adjective_of_the_state_whose_own_body_the_sentence_names_is_no_second_party():
    got = pairs("زار وفد من العراق الموصل. وشن الجيش العراقي هجوما على مواقع عراقية سابقة يتحصن فيها تنظيم داعش.")
    assert ("FOUGHT", "IRAQ", "IRAQI_ARMY") not in got


def test_a_nationality_adjective_after_a_two_word_head_names_the_state():
    got = pairs("أعلنت تركيا أنها سترد على أي هجوم. وشن تنظيم داعش هجوما على أهداف عسكرية تركية قرب الحدود.")
    assert ("FOUGHT", "ISIS", "TURKEY") in got


def test_a_nationality_adjective_on_an_attack_names_its_agent_and_the_attack_stays_the_trigger():
    told = "أعلنت تركيا أنها سترد على أي هجوم. "
    assert ("FOUGHT", "ISIS", "TURKEY") in pairs(told + "وقتل عشرة من عناصر تنظيم داعش في غارة تركية قرب الحدود.")
    assert ("FOUGHT", "ISIS", "TURKEY") in pairs(told + "واستهدفت الغارات الجوية التركية مواقع تنظيم داعش أمس.")
    assert ("FOUGHT", "ISIS", "TURKEY") in pairs(told + "وتواصلت الغارات الجوية التركية على مواقع تنظيم داعش.")


def test_an_attack_adjective_of_a_state_unnamed_or_whose_body_the_sentence_names_is_no_agent():
    assert not any(p[0] == "FOUGHT" for p in pairs("وتواصلت الغارات الجوية التركية على مواقع تنظيم داعش."))
    got = pairs("أعلنت تركيا أنها سترد على أي هجوم. وقال الجيش التركي إن الغارات التركية أصابت مواقع تنظيم داعش.")
    assert ("FOUGHT", "ISIS", "TURKEY") not in got


def test_a_delegation_or_side_with_a_nationality_adjective_is_the_state_that_negotiates():
    assert ("NEGOTIATED_WITH", "AHRAR", "RUSSIA") in pairs(
        "أعلنت روسيا أنها تريد حلا في سوريا. وأجرت حركة أحرار الشام محادثات مع وفد روسي في أنقرة.")
    assert ("NEGOTIATED_WITH", "HTS", "TURKEY") in pairs(
        "زار مسؤولون من تركيا بغداد. وقالت هيئة تحرير الشام إنها اتفقت مع الجانب التركي على فتح المعبر.")
    assert not any(p[0] == "NEGOTIATED_WITH" for p in pairs(
        "وأجرت حركة أحرار الشام محادثات مع وفد روسي في أنقرة."))  # Russia named nowhere in the article


# ---- a place noun takes up the place named before (antecedents.place_nouns) ----------------------

PLACE_KINDS = {"MANBIJ": "city", "AFRIN": "city", "BADIA": "region", "YARMOUK": "camp"}


def place_pairs(text: str) -> set[tuple[str, str, str]]:
    """Pairs of ``text`` where the alias table knows the kinds of the places in PLACE_KINDS."""
    rels = extract_relations(make_doc(text), is_state=lambda eid: eid in STATES,
                             category=lambda eid: PLACE_KINDS.get(eid) or ARMED.get(eid, ""))
    return {(r.type, r.subject, r.object) for r in rels}


def test_a_definite_city_noun_takes_up_the_city_of_the_sentence_before():
    got = place_pairs("وصلت تعزيزات كبيرة إلى منبج أمس. وقال مصدر محلي إن قسد تسيطر على المدينة منذ عامين.")
    assert ("CONTROLS", "SDF", "MANBIJ") in got


def test_a_city_noun_skips_a_nearer_place_of_another_kind():
    got = place_pairs("دارت اشتباكات في منبج قرب البادية السورية. وقال مصدر إن قسد تسيطر على المدينة.")
    assert ("CONTROLS", "SDF", "MANBIJ") in got
    assert ("CONTROLS", "SDF", "BADIA") not in got


def test_a_camp_noun_takes_up_the_camp_and_a_state_is_never_the_place():
    got = place_pairs("وصلت حافلات إلى مخيم اليرموك أمس. وقال مصدر إن جبهة النصرة تسيطر على المخيم.")
    assert ("CONTROLS", "NUSRA", "YARMOUK") in got
    assert ("CONTROLS", "HTS", "TURKEY") not in place_pairs(
        "زار وفد من تركيا العاصمة أمس. وقالت هيئة تحرير الشام إنها تسيطر على المدينة.")


def test_a_place_noun_with_an_adjective_after_it_names_no_place_of_the_article():
    got = place_pairs("وصلت تعزيزات كبيرة إلى منبج أمس. وقال مصدر إن قسد تسيطر على المدينة الصناعية.")
    assert ("CONTROLS", "SDF", "MANBIJ") not in got


def test_a_place_noun_counts_only_places_the_article_names_not_the_resolvers_guesses():
    """A generic back-reference the resolver took as another city (المدينة -> MOSUL) names no place."""
    text = ("دخلت قوات النظام درعا أمس. وقال مصدر إن المدينة هادئة وإن المدينة آمنة. "
            "وأكد أن جبهة النصرة تسيطر على المدينة.")
    adoc = make_doc(text)
    last = text.rindex("المدينة")
    for m in re.finditer("المدينة", text):
        if m.start() != last:
            index = next(s.index for s in adoc.sentences if s.start <= m.start() < s.end)
            adoc.mentions.append(Mention(m.start(), m.end(), "المدينة", "Place", index, "المدينه", "generic", "MOSUL"))
    adoc.entities.setdefault("MOSUL", Entity("MOSUL", "الموصل", "Place"))
    adoc.mentions.sort(key=lambda m: m.start)
    rels = extract_relations(adoc, is_state=lambda eid: eid in STATES, category=lambda eid: "")
    got = {(r.type, r.subject, r.object) for r in rels}
    assert ("CONTROLS", "NUSRA", "DARAA") in got
    assert ("CONTROLS", "NUSRA", "MOSUL") not in got


def test_al_baladan_takes_up_the_two_states_named_before():  # الصفقة التي أبرمها البلدان
    got = facts("وصل وفد رفيع من تركيا إلى روسيا صباح اليوم. "
                "ووقع البلدان اتفاقا لتبادل الأسرى في ختام الزيارة.")
    assert ("NEGOTIATED_WITH", "RUSSIA", "TURKEY", "asserted") in got


TRIBES = {"قبيلة المعاليا": ("MAALIA", "Organization"), "الرزيقات": ("RIZEIGAT", "Organization"),
          "شرق دارفور": ("EAST_DARFUR", "Place")}


def test_al_qabilatain_takes_up_the_two_tribes_named_before():  # وجهاء القبيلتين، بين القبيلتين
    text = ("تجدد القتال في شرق دارفور بين مسلحين من قبيلة المعاليا وآخرين من الرزيقات. "
            "وقال مسؤول إن زعماء القبيلتين عقدوا اتفاقا لوقف النار بوساطة محلية.")
    rels = extract_relations(make_doc(text, names=TRIBES), is_state=lambda eid: False, category=lambda eid: "")
    got = {(r.type, *sorted((r.subject, r.object))) for r in rels}
    assert ("NEGOTIATED_WITH", "MAALIA", "RIZEIGAT") in got
    assert all(r.start > text.index(".") for r in rels if r.type == "NEGOTIATED_WITH")  # its evidence: the second
