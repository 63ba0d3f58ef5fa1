"""Precision rules of the relation layer (issue 11): classes of false positives on unseen text, each
fixed by declared data (relations.json) and checked on a sentence written for this test."""

from kg.knowledge import camp_of
from kg.relations import extract_relations, load_lexicon
from kg.relations.extract import default_category, default_country, default_is_state, one_state
from tests.test_relations import NAMES, ORG, PLACE, make_doc

STATES = {"ISRAEL", "EGYPT", "USA", "IRAN", "RUSSIA", "CHINA"}
# what the alias table says of these test entities: category, and the state a body acts for
BODIES = {"ISRAELI_ARMY": ("military", "ISRAEL"), "EGYPT_ARMY": ("military", "EGYPT"),
          "EGYPT_AIR_FORCE": ("military", "EGYPT"), "EGYPT_GOV": ("government", "EGYPT"),
          "US_EMBASSY": ("government", "USA"), "P5": ("intl_org", "")}
MORE = {
    "إسرائيل": ("ISRAEL", PLACE), "الجيش الإسرائيلي": ("ISRAELI_ARMY", ORG), "حركة حماس": ("HAMAS", ORG),
    "الجيش المصري": ("EGYPT_ARMY", ORG), "القوات الجوية المصرية": ("EGYPT_AIR_FORCE", ORG),
    "الحكومة المصرية": ("EGYPT_GOV", ORG), "مصر": ("EGYPT", PLACE),
    "جماعة أنصار بيت المقدس": ("ABM", ORG), "حركة الشباب": ("SHABAAB", ORG),
    "الحكومة الصومالية": ("SOMALI_GOV", ORG), "تنظيم القاعدة": ("AL_QAEDA", ORG),
    "السفارة الأمريكية": ("US_EMBASSY", ORG), "القدس": ("JERUSALEM", PLACE), "إيران": ("IRAN", PLACE),
    "مجموعة 5+1": ("P5", ORG), "الصين": ("CHINA", PLACE), "سيناء": ("SINAI", PLACE),
    "جامعة الموصل": ("MOSUL_UNIVERSITY", ORG), "محكمة بنادر": ("BANADIR_COURT", ORG),
}


def facts(text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) of the rule layer; symmetric pairs sorted."""
    doc = make_doc(text, names={**NAMES, **MORE})
    out = set()
    for r in extract_relations(doc, is_state=lambda e: e in STATES or e in {"USA", "RUSSIA", "TURKEY"},
                               category=lambda e: BODIES.get(e, ("", ""))[0],
                               country=lambda e: BODIES.get(e, ("", ""))[1]):
        s, o = sorted((r.subject, r.object)) if r.type in ("FOUGHT", "NEGOTIATED_WITH") else (r.subject, r.object)
        out.add((r.type, s, o))
    return out


# ---- a state and its own bodies are one side (state_apparatus, sides_apart) ---------------------------

def test_a_state_never_fights_its_own_army():
    got = facts("ردت إسرائيل بقصف عنيف بعد هجمات على مواقع للجيش الإسرائيلي قرب الحدود.")
    assert ("FOUGHT", "ISRAEL", "ISRAELI_ARMY") not in got


def test_two_bodies_of_one_state_are_no_two_sides():
    got = facts("تعززت القدرة القتالية للقوات الجوية المصرية والجيش المصري بعد مناورات مع حركة حماس.")
    assert ("FOUGHT", "EGYPT_AIR_FORCE", "EGYPT_ARMY") not in got
    got = facts("جرت مفاوضات بين مصر والحكومة المصرية وحركة حماس في القاهرة.")
    assert ("NEGOTIATED_WITH", "EGYPT", "EGYPT_GOV") not in got
    assert ("NEGOTIATED_WITH", "EGYPT", "HAMAS") in got


def test_one_side_by_the_alias_table():  # what the learned layer's relations are checked with too
    same = [("EGYPT", "EGYPTIAN_ARMY"), ("EGYPT_THIRD_FIELD_ARMY", "EGYPTIAN_ARMY"), ("ISRAEL", "ISRAELI_ARMY")]
    apart = [("EGYPTIAN_ARMY", "SINAI_PROVINCE"), ("YEMENI_ARMY", "HOUTHIS"), ("EGYPT", "ISRAELI_ARMY")]
    args = (default_is_state(), default_category(), default_country(), load_lexicon().state_apparatus)
    assert all(one_state(a, b, *args) for a, b in same)
    assert not any(one_state(a, b, *args) for a, b in apart)


def test_bodies_of_rival_camps_of_one_state_are_two_sides():  # الجيش الوطني الليبي vs حكومة الوفاق
    args = (default_is_state(), default_category(), default_country(), load_lexicon().state_apparatus)
    assert not one_state("LNA", "GNA", *args, camp=camp_of)
    assert not one_state("LIBYA_HOR", "GNU_LY", *args, camp=camp_of)
    assert one_state("LNA", "LIBYA_HOR", *args, camp=camp_of)  # one camp, one side
    assert one_state("LNA", "LIBYA", *args, camp=camp_of)  # a body of either camp is still on its state's side


def test_a_state_body_still_fights_another_party():
    assert ("FOUGHT", "HAMAS", "ISRAELI_ARMY") in facts("اشتبك الجيش الإسرائيلي مع حركة حماس شرق المدينة.")


# ---- an affiliation or apposition names no party beside the actor (affiliation_cues) --------------------

def test_the_parent_body_after_an_affiliation_word_is_no_party():
    got = facts("تدور اشتباكات بين الجيش المصري ومسلحي جماعة أنصار بيت المقدس ذراع تنظيم داعش في سيناء.")
    assert ("FOUGHT", "ABM", "EGYPT_ARMY") in got
    assert ("FOUGHT", "EGYPT_ARMY", "ISIS") not in got
    got = facts("هاجمت قوات النظام مواقع جبهة النصرة، أحد فصائل تنظيم القاعدة، في ريف حماة.")
    assert ("FOUGHT", "NUSRA", "REGIME") in got
    assert ("FOUGHT", "AL_QAEDA", "REGIME") not in got


def test_a_name_in_brackets_is_an_apposition_but_a_bracketed_list_names_members():
    got = facts("اندلعت معارك بين جبهة النصرة (تنظيم القاعدة في الشام) ومسلحين من الجيش الحر.")
    assert ("FOUGHT", "AL_QAEDA", "NUSRA") not in got
    got = facts("جرت مفاوضات بين إيران ومجموعة 5+1 (روسيا والصين والولايات المتحدة) في جنيف.")
    assert {("NEGOTIATED_WITH", "IRAN", "P5"), ("NEGOTIATED_WITH", "CHINA", "IRAN")} <= got


def test_the_one_a_group_pledged_allegiance_to_is_no_party_of_its_fight():
    got = facts("يقول مراقبون إن حركة الشباب التي بايعت تنظيم القاعدة قبل أعوام تقاتل الحكومة الصومالية في الجنوب.")
    assert got == {("FOUGHT", "SHABAAB", "SOMALI_GOV")}


# ---- an embassy or a headquarters is relocated, not moved as a force (non_party_heads) -------------------

def test_an_embassy_moved_is_no_transfer():
    assert facts("احتج الفلسطينيون على نقل السفارة الأمريكية إلى القدس.") == set()
    assert facts("نقلت الولايات المتحدة سفارتها إلى القدس.") == set()
    assert facts("نقل قائد الجيش المصري مقر قيادته إلى سيناء.") == set()


def test_an_abstract_noun_returning_moves_nobody():
    assert facts("ورحبت مجموعة الأزمات الدولية بعودة الاهتمام السعودي إلى العراق بعد غياب طويل.") == set()
    assert facts("وأكد المرصد عودة عناصر تنظيم داعش إلى البادية السورية.") == {("TRANSFERRED_TO", "ISIS", "BADIA")}


def test_fighters_moved_are_still_a_transfer():
    assert facts("نقلت الحافلات عناصر تنظيم داعش إلى البادية السورية.") == {("TRANSFERRED_TO", "ISIS", "BADIA")}


# ---- a definite agreement noun: the clause's subject is a party only beside a verb that makes it (event_makers)

def test_who_speaks_of_a_known_agreement_is_no_party_of_it():
    assert facts("أعلنت الولايات المتحدة انسحابها من الاتفاق النووي مع إيران.") == set()
    assert facts("أبدت روسيا قلقها من أن الاتفاق مع تركيا قد ينهار.") == set()


def test_who_concludes_a_known_agreement_is_a_party_of_it():
    assert facts("أبرمت روسيا الاتفاق مع تركيا في سوتشي.") == {("NEGOTIATED_WITH", "RUSSIA", "TURKEY")}
    assert facts("روسيا وقعت الاتفاق مع إيران أمس.") == {("NEGOTIATED_WITH", "IRAN", "RUSSIA")}


# ---- an actor after an ally phrase is on the side of the one before it (ally_phrases) ---------------------

def test_who_fights_beside_an_actor_is_not_its_opponent():
    assert facts("يقاتل حزب الله إلى جانب قوات النظام منذ سنوات.") == set()


def test_who_fights_at_the_side_of_an_actor_is_not_its_opponent():  # إلى جوار, like إلى جانب
    assert facts("ويقاتل حزب الله الى جوار قوات النظام في ريف حلب.") == set()
    assert ("FOUGHT", "COALITION", "ISIS") in facts("قاتلت قسد داعش إلى جوار التحالف الدولي في الرقة.")


def test_who_fights_beside_an_actor_fights_its_opponent():
    assert facts("قاتلت قسد داعش إلى جانب التحالف الدولي في الرقة.") == {
        ("FOUGHT", "ISIS", "SDF"), ("FOUGHT", "COALITION", "ISIS")}
    assert facts("قالت المصادر إن الميليشيا التي تقاتل داعش إلى جانب الجيش العراقي تقدمت.") == {
        ("FOUGHT", "IRAQI_ARMY", "ISIS")}


# ---- the sides after بين belong to the noun that heads them ------------------------------------------------

def test_bayn_after_a_new_conjunct_is_not_the_agreement_s():
    assert facts("أشار الوزير إلى الاتفاق النووي، والتوتر الأخير بين إسرائيل وإيران.") == set()
    assert facts("استمرت المفاوضات، الشاقة، بين روسيا وتركيا أياما.") == {("NEGOTIATED_WITH", "RUSSIA", "TURKEY")}


# ---- an attempt or a purpose of control is no control (sought_state) ---------------------------------------

def test_a_control_sought_is_no_control():  # للسيطرة على، لاستعادة Y، محاولة السيطرة، من أجل السيطرة
    assert facts("تقدمت قوات النظام للسيطرة على تدمر.") == set()
    assert facts("شنت قسد هجوما لاستعادة منبج من داعش.") == {("FOUGHT", "ISIS", "SDF")}  # the attack is fought
    assert facts("فشلت محاولة داعش السيطرة على الحسكة.") == set()
    assert facts("اشتبكت قسد مع داعش من أجل السيطرة على منبج.") == {("FOUGHT", "ISIS", "SDF")}
    assert facts("تسعى قوات النظام إلى السيطرة على تدمر.") == set()


def test_a_control_held_or_told_as_done_stays():  # لسيطرة X: the genitive holds it
    assert facts("سيطرت قوات النظام على تدمر.") == {("CONTROLS", "REGIME", "PALMYRA")}
    assert facts("استعادت قسد منبج من داعش.") == {("CONTROLS", "SDF", "MANBIJ"), ("FOUGHT", "ISIS", "SDF")}
    assert facts("تقع تدمر في المناطق الخاضعة لسيطرة قوات النظام.") == {("CONTROLS", "REGIME", "PALMYRA")}


# ---- what a transitive move says it moved decides the mover (places._moved) ---------------------------------

def test_goods_or_people_of_no_party_moved_are_no_transfer():
    assert facts("قال صيادون إن الجيش العراقي يحمي قراهم وهم ينقلون أسماكهم إلى الموصل.") == set()


def test_a_party_s_own_members_or_a_passive_subject_still_moved():
    assert facts("قالت المصادر إن عناصر داعش سينقلون إلى البادية السورية.") == {("TRANSFERRED_TO", "ISIS", "BADIA")}
    assert ("TRANSFERRED_TO", "ISIS", "MOSUL") in facts("حاصر الجيش العراقي تنظيم داعش ثم نقل مقاتليه إلى الموصل.")
    got = facts("حاصرت قسد عناصر داعش ثم نقلت ما تبقى منهم إلى البادية السورية.")
    assert ("TRANSFERRED_TO", "ISIS", "BADIA") in got


def test_a_trigger_that_names_a_portfolio_or_sector_moves_no_one():  # وزير النقل، وسائل النقل
    assert facts("أكد وزير النقل سامر الحمد أن التقدم باتجاه الموصل تحول كبير.") == set()
    assert facts("قال وزير النقل سامر الحمد إن القوات تتقدم باتجاه الموصل.") == set()
    assert facts("نقلت قسد عناصرها إلى الرقة.") == {("TRANSFERRED_TO", "SDF", "RAQQA")}


# ---- a university, court, consulate or agency is a target, never a side (non_party_heads.FOUGHT) ----------

def test_an_attacked_institution_is_no_side_of_a_fight():
    assert facts("اقتحم مسلحو داعش جامعة الموصل وأحرقوا مبانيها.") == set()
    assert facts("شنت حركة الشباب هجوما على محكمة بنادر في مقديشو.") == set()
    assert facts("شنت حركة الشباب هجوما على الحكومة الصومالية في مقديشو.") == {("FOUGHT", "SHABAAB", "SOMALI_GOV")}


# ---- a state after في among the sides after بين is where they met, not a side --------------------------------

def test_a_state_after_fi_is_no_side_after_bayn():
    assert facts("تجددت الاشتباكات بين الجيش العراقي وتنظيم داعش في العراق وتركيا.") == {
        ("FOUGHT", "IRAQI_ARMY", "ISIS")}
    assert facts("بحث الوزير التعاون بين البلدين والحرب في العراق والفراغ في مصر والاتفاق مع إيران.") == set()


def test_the_state_a_border_runs_with_is_no_party():  # الحدود مع X (closed class border_nouns)
    assert facts("توصلت روسيا إلى اتفاق حول سحب قوات النظام من المناطق القريبة من الحدود مع تركيا.") == set()
    assert facts("أبرمت روسيا صفقة تنتشر بموجبها قواتها على طول حدودها مع إيران.") == set()
    assert facts("أبرمت روسيا صفقة مع تركيا حول المناطق القريبة من الحدود.") == {
        ("NEGOTIATED_WITH", "RUSSIA", "TURKEY")}

# ---- a sentence of sport states no deal between parties (domains_that_cancel) ------------------------------

def test_a_deal_told_in_a_sentence_of_sport_is_no_negotiation():  # اتفاق النادي مع اللاعب
    assert facts("أعلنت قسد عن اتفاق مع تركيا على تبادل الأسرى.") == {("NEGOTIATED_WITH", "SDF", "TURKEY")}
    assert facts("أعلنت قسد عن اتفاق مع تركيا لإقامة مباراة ودية في الملعب.") == set()
    assert facts("قال اللاعب إن روسيا وتركيا اتفقتا على موعد.") == set()
    assert facts("تحدث النادي عن انتقال عناصر داعش إلى الرقة.") == set()


def test_a_fire_brought_under_control_is_no_place_held():  # السيطرة على حريق
    assert facts("تمكنت قسد من السيطرة على حريق شب في مخيم اليرموك.") == set()
    assert facts("تمكنت قسد من السيطرة على مخيم اليرموك.") == {("CONTROLS", "SDF", "YARMOUK")}


# ---- a verbal noun's agent is in its clause (masdar; distant_agent for أسفر عن مقتل) ----------------------

def test_a_party_named_outside_a_verbal_nouns_clause_is_not_its_agent():
    assert facts("ورغم أن الولايات المتحدة تصنف الحزب إرهابيا فإنها تعول على المقاتلين في محاربة تنظيم القاعدة.") \
        == set()
    assert facts("أكدت مصر أن الجهود الدولية مستمرة، وذلك في إطار مكافحة تنظيم القاعدة.") == set()
    assert facts("نشرت مصر ألفي جندي لمحاربة تنظيم القاعدة.") == {("FOUGHT", "AL_QAEDA", "EGYPT")}
    assert facts("قصف الجيش المصري مواقع في سيناء، ما أسفر عن مقتل عشرة من عناصر جماعة أنصار بيت المقدس.") == {
        ("FOUGHT", "ABM", "EGYPT_ARMY")}


# ---- armed international forces fight; the UN and its agencies do not (entities.json categories) ------

def test_peacekeeping_forces_and_a_military_alliance_fight_but_the_un_does_not():
    names = {**NAMES, **MORE, "قوات أميصوم": ("AMISOM", ORG), "حلف الناتو": ("NATO", ORG),
             "الأمم المتحدة": ("UN", ORG), "حركة طالبان": ("TALIBAN", ORG)}

    def fought(text: str) -> set[tuple[str, ...]]:
        rels = extract_relations(make_doc(text, names=names), is_state=default_is_state(), category=default_category())
        return {tuple(sorted((r.subject, r.object))) for r in rels if r.type == "FOUGHT"}

    assert ("AMISOM", "SHABAAB") in fought("اشتبكت قوات أميصوم مع حركة الشباب قرب الحدود.")
    assert ("NATO", "TALIBAN") in fought("شن حلف الناتو غارات على مواقع حركة طالبان في الجنوب.")
    assert not fought("هاجمت حركة الشباب مقر الأمم المتحدة قرب الحدود.")


# ---- partners and backers named after a fight are no opponents (ANT sample, session 12) ---------------

def test_an_idiom_head_makes_no_war():  # heads_that_cancel FOUGHT: رأس الحربة is a spearhead
    got = facts("وكان مقاتلو جبهة النصرة رأس الحربة مع حركة أحرار الشام في معركة إدلب.")
    assert ("FOUGHT", "AHRAR", "NUSRA") not in got
    assert ("FOUGHT", "NUSRA", "AHRAR") not in got


def test_a_joint_operation_partner_is_beside_the_subject():  # ally_phrases: بالاشتراك مع
    got = facts("وقاتلت قوات النظام تنظيم داعش في البادية بالاشتراك مع حزب الله.")
    assert ("FOUGHT", "HEZBOLLAH", "REGIME") not in got
    assert {("FOUGHT", "ISIS", "REGIME"), ("FOUGHT", "HEZBOLLAH", "ISIS")} <= got


def test_who_gives_support_after_a_support_noun_is_no_opponent():  # SentView._supporter_after
    got = facts("تمكنت قوات النظام من استعادة معظم مناطق البادية مستندة إلى دعم قوي من روسيا والولايات المتحدة.")
    assert not {r for r in got if r[0] == "FOUGHT" and {"RUSSIA", "USA"} & set(r[1:])}


def test_a_ceasefire_is_no_fight():  # وقف إطلاق النار: إطلاق inside the longer trigger is part of it
    assert facts("وتوصلت قوات النظام إلى وقف لإطلاق النار مع جبهة النصرة في ريف حماة.") == {
        ("NEGOTIATED_WITH", "NUSRA", "REGIME")}
    assert facts("وتعهدت المعارضة بإخراج مقاتلي جبهة النصرة من إدلب بعد سريان وقف إطلاق النار مع قوات النظام.") == {
        ("NEGOTIATED_WITH", "OPPOSITION", "REGIME")}
    assert ("FOUGHT", "NUSRA", "REGIME") in facts("وأطلق مقاتلو جبهة النصرة النار على قوات النظام.")
