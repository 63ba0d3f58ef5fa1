"""Constructions of unseen text that the rules generalize to (issue 11, recall on the gold's train split),
each on a sentence written for this test."""

from dataclasses import replace

from kg.model import Entity, Mention
from kg.normalize import normalize
from kg.relations import extract_relations
from kg.relations.lexicon import load_lexicon
from kg.relations.sentence import SentView
from tests.test_relations import NAMES, ORG, PER, PLACE, STATES, facts, make_doc


def test_an_attack_on_what_belongs_to_a_party_with_la_is_an_attack_on_it():  # مواقع لـ X، أحياء تابعة لـ X
    assert facts("شن التحالف الدولي غارات على مواقع لتنظيم داعش قرب الرقة.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("قصفت قسد بالمدفعية على أحياء تابعة لقوات النظام.") == {("FOUGHT", "REGIME", "SDF", "asserted")}


def test_a_la_owner_without_a_possessed_target_is_no_object():
    assert facts("وصلت تعزيزات على الطريق لقوات النظام.") == set()


def test_bayn_with_three_parties_pairs_the_first_with_each_other():
    assert facts("جرت مفاوضات بين تركيا وروسيا والولايات المتحدة في العاصمة.") == {
        ("NEGOTIATED_WITH", "RUSSIA", "TURKEY", "asserted"), ("NEGOTIATED_WITH", "TURKEY", "USA", "asserted")}


def test_a_coordinated_subject_after_kull_min_negotiated_with_each_other():
    assert facts("وقعت كل من هيئة تحرير الشام وحركة أحرار الشام اتفاقا لوقف القتال.") == {
        ("NEGOTIATED_WITH", "AHRAR", "HTS", "asserted")}


def test_a_coordinated_subject_right_after_or_before_the_agreement_word():
    assert facts("اتفقت روسيا وتركيا على وقف إطلاق النار.") == {("NEGOTIATED_WITH", "RUSSIA", "TURKEY", "asserted")}
    assert facts("قال مسؤول إن روسيا وتركيا اتفاقهما صامد.") == {("NEGOTIATED_WITH", "RUSSIA", "TURKEY", "asserted")}


def test_a_coordinated_subject_far_from_the_agreement_is_no_pair():
    assert facts("أعلنت روسيا وتركيا أمس في بيان مشترك طويل عن دعم الاتفاق.") == set()


def test_attackers_listed_together_do_not_fight_each_other():
    got = facts("شنت الولايات المتحدة وتركيا وروسيا ضربات على مواقع داعش.")
    assert got == {("FOUGHT", "ISIS", "USA", "asserted"), ("FOUGHT", "ISIS", "TURKEY", "asserted"),
                   ("FOUGHT", "ISIS", "RUSSIA", "asserted")}


def test_a_member_noun_with_the_article_between_the_preposition_and_the_party():  # مع المقاتلين X
    assert facts("خاضت قسد اشتباكات مع المسلحين من داعش قرب الحسكة.") >= {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("خاضت قسد اشتباكات مع المقاتلين الأكراد ومع العناصر التابعين لداعش.") >= {
        ("FOUGHT", "ISIS", "SDF", "asserted")}


def test_a_state_and_a_group_coordinated_are_one_side():  # روسيا وحزب الله
    got = facts("تقدمت قوات النظام المدعومة من روسيا وحزب الله نحو تدمر.")
    assert {("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted"),
            ("SUPPORTED_BY", "REGIME", "HEZBOLLAH", "asserted")} <= got


def test_new_fight_words_campaign_siege_countering_killing():
    assert facts("يخوض الجيش العراقي حملة ضد داعش غرب الموصل.") == {("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}
    assert facts("فرضت قوات النظام حصارا على جبهة النصرة.") == {("FOUGHT", "NUSRA", "REGIME", "asserted")}
    assert facts("يواصل التحالف الدولي مكافحة داعش.") == {("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("حاصرت البيشمركة مدينة الموصل.") == set()  # a place besieged names no opponent


def test_a_partitive_quantity_between_the_verb_and_its_object():  # يقتل 45 من عناصر X
    assert facts("الجيش العراقي يقتل 45 من عناصر داعش في غارات.") == {("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}


def test_a_campaign_against_nothing_named_and_figurative_campaigns_say_nothing():
    assert facts("أطلقت قسد حملة ضد الفساد في الرقة.") == set()
    assert facts("شنت روسيا حملة إعلامية ضد تركيا.") == set()


def test_a_participle_in_a_relative_clause_takes_the_antecedent_as_subject():  # القوات التي تواجه X
    assert facts("تقدمت البيشمركة التي تقاتل داعش منذ أشهر نحو الموصل.") == {
        ("FOUGHT", "ISIS", "PESHMERGA", "asserted")}


def test_the_sides_in_a_relative_clause_of_the_fight_noun():  # المعارك التي تدور في X بين Y وZ
    assert facts("تجددت المعارك العنيفة، التي تدور منذ أسابيع في ريف إدلب بين جبهة النصرة والجيش الحر.") == {
        ("FOUGHT", "FSA", "NUSRA", "asserted")}


def test_a_country_that_only_locates_the_subject_is_not_the_object():  # المقاومة في تعز (جنوب اليمن) X
    assert facts("طردت البيشمركة (شمال العراق) عناصر داعش من البلدة.") == {
        ("FOUGHT", "ISIS", "PESHMERGA", "asserted")}


def test_a_title_with_the_person_in_commas():  # رئيس X، P،
    assert facts("قال رئيس حركة أحرار الشام، خالد العلي، إن المعارك مستمرة.") == {
        ("LEADS", "KHALED", "AHRAR", "asserted")}


def test_more_titles_and_birriasa():  # مدير X P، X برئاسة P
    assert ("LEADS", "SAMER", "ANADOLU", "asserted") in facts("قال مدير وكالة الأناضول سامر الحمد إن الوضع هادئ.")
    assert ("LEADS", "SAMER", "FSA", "asserted") in facts("اجتمع الجيش الحر برئاسة العقيد سامر الحمد في إدلب.")


def test_support_received_from_and_reinforced_by():  # تتلقى دعما من X وY، مدعمة بـ X
    got = facts("حققت قوات النظام، التي تتلقى دعما من روسيا وتركيا، مكاسب كبيرة.")
    assert {("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted"), ("SUPPORTED_BY", "REGIME", "TURKEY", "asserted")} <= got
    assert ("SUPPORTED_BY", "REGIME", "HEZBOLLAH", "asserted") in facts(
        "اندلعت اشتباكات بين المعارضة وقوات النظام مدعمة بعناصر حزب الله.")


def test_a_support_word_outside_its_full_pattern_blocks_nobody():  # الإسناد without من
    assert ("FOUGHT", "COALITION", "ISIS", "asserted") in facts(
        "قدم التحالف الدولي الإسناد خلال المعارك ضد داعش.")


def test_a_saying_verb_with_a_complementizer_names_no_speaker_after_it():  # ذكر أن X سيطر
    assert facts("وذكر أن الجيش الحر سيطر كذلك على جرابلس.") == {("CONTROLS", "FSA", "JARABULUS", "asserted")}


def test_a_list_of_quoted_places_with_their_designators():  # على منطقة "X" ومسجد "Y" و"Z"
    assert facts('سيطرت قسد على منطقة "جرابلس" ومستشفى "منبج" و"الباب".') == {
        ("CONTROLS", "SDF", "JARABULUS", "asserted"), ("CONTROLS", "SDF", "MANBIJ", "asserted"),
        ("CONTROLS", "SDF", "AL_BAB", "asserted")}


def test_a_verb_whose_direct_object_belongs_to_a_party():  # استهدفت عشرات المواقع التابعة لـ X
    assert facts("استهدفت قسد عشرات المواقع العسكرية التابعة لداعش.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("قصفت تركيا مواقع عدة لوحدات حماية الشعب.") == {("FOUGHT", "TURKEY", "YPG", "asserted")}


def test_possessed_targets_in_the_genitive_keep_the_preposition():  # هجوما ضد معاقل X، على أوكار X
    assert facts("شنت قسد هجوما جديدا ضد معاقل داعش.") >= {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("نفذ الجيش العراقي هجمات على أوكار داعش.") == {("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}


def test_sending_forces_and_entering_are_transfers():  # أرسلت X تعزيزات إلى Y، دخول X إلى Y
    assert facts("أرسلت قسد تعزيزات عسكرية إلى الرقة.") == {("TRANSFERRED_TO", "SDF", "RAQQA", "asserted")}
    assert ("TRANSFERRED_TO", "REGIME", "PALMYRA", "asserted") in facts("تحدث الإعلام عن دخول قوات النظام إلى تدمر.")
    assert facts("أرسلت قسد رسالة إلى الرقة.") == set()  # sending no forces moves no one


def test_a_definite_agreement_noun_names_a_known_agreement():  # الاتفاق مع X: its other party is in the clause
    assert facts("صعدت قسد هجماتها في الرقة بعد الاتفاق الدولي مع روسيا.") == set()
    assert facts("وقعت قسد الاتفاق مع روسيا أمس.") == {("NEGOTIATED_WITH", "RUSSIA", "SDF", "asserted")}


def test_a_comma_bounds_the_clause_a_subject_is_looked_for_in():  # X، المناصر للاتفاق مع Y،
    assert facts("وصل الكاتب سامر الحمد، المناصر للاتفاق مع روسيا، إلى إدلب أمس.") == set()


def test_a_title_organization_and_person_past_a_locative_or_an_adjective():  # أمير X في منطقة Y P
    assert ("LEADS", "JOLANI", "NUSRA", "asserted") in facts(
        "قال أمير جبهة النصرة في منطقة القلمون أبو محمد الجولاني إن المعارك مستمرة.")
    assert ("LEADS", "KHALED", "FSA", "asserted") in facts("وصل قائد الجيش الحر الجديد خالد العلي إلى إدلب.")


def test_a_title_with_a_pronoun_takes_the_organization_before():  # X، الذي أكد قائده P
    assert facts("تقدم الجيش الحر، الذي أكد قائده العقيد سامر الحمد أن المعركة مستمرة، نحو الباب.") == {
        ("LEADS", "SAMER", "FSA", "asserted")}
    # folded, رئيسة (a woman's title) reads like رئيسه (its president): the title comes first
    assert ("LEADS", "SAMER", "AHRAR", "asserted") in facts("قالت رئيسة حركة أحرار الشام سامر الحمد إن الوضع هادئ.")


def test_a_state_moves_the_forces_it_sends_or_deploys():  # أرسلت X قوات إلى Y، نشرت X جنودا في Y
    assert facts("أرسلت تركيا قوات إلى إدلب.") == {("TRANSFERRED_TO", "TURKEY", "IDLIB", "asserted")}
    assert facts("نشرت روسيا مئات الجنود في تدمر.") == {("TRANSFERRED_TO", "RUSSIA", "PALMYRA", "asserted")}
    assert facts("نشرت تركيا صورا في إدلب.") == set()  # publishing moves no one
    assert facts("نقلت تركيا المقاتلين إلى إدلب.") == set()  # without its forces said, a state moves no one


def test_who_takes_part_in_an_attack_fought_its_target():  # تشارك X في ضربات Y ضد Z
    assert facts("تشارك تركيا حاليا في ضربات التحالف الدولي ضد داعش.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted"), ("FOUGHT", "ISIS", "TURKEY", "asserted")}
    assert facts("وشاركت روسيا وتركيا في المعارك ضد داعش قرب الباب.") == {
        ("FOUGHT", "ISIS", "RUSSIA", "asserted"), ("FOUGHT", "ISIS", "TURKEY", "asserted")}


def test_a_purpose_to_fight_names_the_subject_fighting():  # X ... لمحاربة Y: no cue that blocks Y
    assert facts("تتعاون تركيا لمحاربة داعش.") == {("FOUGHT", "ISIS", "TURKEY", "asserted")}
    assert ("FOUGHT", "ISIS", "TURKEY", "asserted") in facts("عاد الجنود الذين أرسلتهم تركيا إلى العراق لمحاربة داعش.")


def test_a_title_the_resolver_made_its_persons_generic_mention_still_names_the_leader():  # الأمين العام لـ X، P
    text = "قال الأمين العام لحزب الله، سامر الحمد، إن المعارك مستمرة."
    adoc = make_doc(text)
    start = text.index("الأمين العام")
    end = start + len("الأمين العام")
    title = text[start:end]
    adoc.mentions.append(Mention(start, end, title, "Person", 0, normalize(title), "generic", "SAMER"))
    adoc.mentions.sort(key=lambda m: m.start)
    got = {(r.type, r.subject, r.object) for r in extract_relations(adoc, is_state=lambda _e: False)}
    assert got == {("LEADS", "SAMER", "HEZBOLLAH")}


def test_a_title_whose_person_mention_ends_in_a_body_the_article_names_leads_it():  # زعيم الحوثيين
    names = {**NAMES, "زعيم هيئة تحرير الشام": ("SAMER", PER)}
    said = "قال زعيم هيئة تحرير الشام في كلمة مصورة إن المعارك مع داعش مستمرة."
    named = " وأكدت هيئة تحرير الشام أن الوضع هادئ."
    adoc = make_doc(said + named, names=names)
    got = {(r.type, r.subject, r.object) for r in extract_relations(adoc, is_state=lambda _e: False)}
    assert got == {("LEADS", "SAMER", "HTS")}  # and تحرير inside the body's name is no trigger
    adoc = make_doc(said, names=names)  # the article names no such body
    assert extract_relations(adoc, is_state=lambda _e: False) == []


def test_a_title_its_body_and_the_person_past_the_body_it_belongs_to_and_a_compound_rank():
    names = {**NAMES, "الفرقة الخامسة": ("DIV5", ORG)}
    adoc = make_doc("قال قائد الفرقة الخامسة التابعة للجيش العراقي بمنطقة الموصل اللواء سامر الحمد إن الوضع "
                    "هادئ.", names=names)
    got = {(r.type, r.subject, r.object) for r in extract_relations(adoc, is_state=STATES.__contains__)}
    assert got == {("LEADS", "SAMER", "DIV5")}  # التابعة لـ X names the body it belongs to, led by none here
    assert _leads("قال قائد فيلق الشام الفريق أول ركن سامر الحمد إن المعارك مستمرة.") == {("SAMER", "FAYLAQ")}
    # a rank with و opens a new conjunct: the second officer holds no title said here
    assert _leads("حضر قائد فيلق الشام، والفريق أول سامر الحمد، الاجتماع في إدلب.") == set()


def test_a_title_after_an_office_word_names_the_leader_after_it_only():  # مكتب رئيس X، P
    assert _leads("قال مصدر في مكتب قائد فيلق الشام، سامر الحمد، إن الوضع هادئ.") == {("SAMER", "FAYLAQ")}
    assert _leads("قال مدير مكتب قائد فيلق الشام سامر الحمد إن الوضع هادئ.") == set()  # the office's director
    assert _leads("قال خالد العلي، المكتب الإعلامي لقائد فيلق الشام، إن الوضع هادئ.") == set()  # its spokesman


def _leads(text: str, *bodies: str, origin: str = "gazetteer") -> set[tuple[str, str]]:
    """LEADS pairs of ``text`` in an article whose next sentence also names ``bodies`` (state bodies of the
    alias table), by a mention of ``origin`` ("generic": only by a back-reference such as الحكومة)."""
    adoc = make_doc(text + " وقالت الجهة إن الوضع هادئ." * len(bodies))
    starts = [k for k in range(len(text), len(adoc.doc.text)) if adoc.doc.text.startswith("الجهة", k)]
    for body, start in zip(bodies, starts, strict=True):
        adoc.entities[body] = Entity(body, body, "Organization")
        index = next(s.index for s in adoc.sentences if s.start <= start < s.end)
        adoc.mentions.append(Mention(start, start + 5, "الجهة", "Organization", index, "الجهه", origin, body))
    return {(r.subject, r.object) for r in extract_relations(adoc, is_state=STATES.__contains__) if r.type == "LEADS"}


def test_a_title_with_a_demonym_leads_that_states_body_the_article_names():  # رئيس الوزراء العراقي P
    assert _leads("وصل رئيس الوزراء العراقي سامر الحمد إلى الموصل.", "IRAQI_GOV") == {("SAMER", "IRAQI_GOV")}
    assert _leads("وصل رئيس الوزراء العراقي سامر الحمد إلى الموصل.") == set()  # no government in the article
    assert _leads("وصل وزير الخارجية العراقي سامر الحمد إلى الموصل.", "IRAQ_MFA") == {("SAMER", "IRAQ_MFA")}
    assert _leads("وصل نائب وزير الخارجية العراقي سامر الحمد إلى الموصل.", "IRAQ_MFA") == set()  # a deputy
    assert _leads("قال الرئيس التنفيذي لحزب الله سامر الحمد إن المعارك مستمرة.") == {("SAMER", "HEZBOLLAH")}


def test_an_office_title_with_its_genitive_before_the_leader_s_name():  # X بزعامة نائب رئيس الجمهورية P
    assert _leads("حذرت حركة أحرار الشام بزعامة نائب رئيس الجمهورية سامر الحمد من التصعيد.") == {("SAMER", "AHRAR")}
    assert _leads("قال الجيش الحر بزعامة رئيس الإقليم خالد العلي إن الوضع هادئ.") == {("KHALED", "FSA")}


def test_more_title_and_verb_forms_of_leading():  # يرأس X، الرئيس المشترك لـ X، المديرة العامة لـ X
    assert _leads("قال الناس إن المنافس هو سامر الحمد الذي يرأس حركة أحرار الشام.") == {("SAMER", "AHRAR")}
    assert _leads("وقال الرئيس المشترك لحزب الله سامر الحمد إن الوضع هادئ.") == {("SAMER", "HEZBOLLAH")}
    assert _leads("وقالت المديرة العامة لحركة أحرار الشام سامر الحمد إن الوضع هادئ.") == {("SAMER", "AHRAR")}
    assert _leads("يترأس سامر الحمد وفدا إلى جنيف للقاء حزب الله.") == set()  # a delegation, no organization


def test_a_possessive_title_takes_up_the_subject_of_its_clause():  # نشر X تسجيلا لزعيمه P، X الذين كان أكد زعيمهم P
    assert _leads("نشرت حركة أحرار الشام تسجيلا مصورا لزعيمها، سامر الحمد، يحث فيه أتباعه.") == {("SAMER", "AHRAR")}
    assert _leads("قالت حركة أحرار الشام التي كان أكد زعيمها سامر الحمد أنها ستقاتل.") == {("SAMER", "AHRAR")}
    assert _leads("ضغطت حركة أحرار الشام على الأعضاء ورئيسهم سامر الحمد.") == set()  # a new conjunct


def test_a_state_body_the_article_takes_up_only_generically_is_not_named():  # الحكومة alone
    assert _leads("وصل رئيس الوزراء العراقي سامر الحمد إلى الموصل.", "IRAQI_GOV", origin="generic") == set()


def test_the_deputy_advisor_or_office_of_a_title_leads_nothing():  # النائب الأول للرئيس P
    assert _leads("قال النائب الأول للرئيس العراقي سامر الحمد إن الوضع هادئ.", "IRAQI_GOV") == set()
    assert _leads("قال المستشار الإعلامي لرئيس الوزراء العراقي سامر الحمد إن الوضع هادئ.", "IRAQI_GOV") == set()
    assert _leads("قال مسؤول في ديوان رئيس الوزراء العراقي سامر الحمد إن الوضع هادئ.", "IRAQI_GOV") == set()
    # a title after و opens a new conjunct: it is no genitive of the word before
    assert _leads("هدد حزب الله النواب وقائد الجيش الحر سامر الحمد.") == {("SAMER", "FSA")}


def test_an_attack_that_killed_a_partys_members_fought_that_party():  # غارة أسفرت عن مقتل N من عناصر X
    assert facts("شن التحالف الدولي غارة على الرقة أسفرت عن مقتل سبعة من عناصر داعش.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("انفجرت سيارة في الموصل مما أسفر عن مقتل سبعة من عناصر الجيش العراقي.") == set()  # no attacker said


def test_a_support_cue_does_not_block_a_party_that_a_later_trigger_governs():  # حليف لـ Y في المعركة ضد X
    assert facts("وتركيا حليف مهم للغرب في المعركة ضد داعش.") == {("FOUGHT", "ISIS", "TURKEY", "asserted")}
    assert facts("تقدمت قوات النظام المدعومة من روسيا نحو تدمر.") == {("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted")}


def test_a_nationality_adjective_after_the_attack_names_a_state_the_article_names():  # الغارات التركية على X
    assert facts("تتواصل الغارات التركية على مواقع داعش قرب الرقة. وقالت تركيا إنها لن تتوقف.") == {
        ("FOUGHT", "ISIS", "TURKEY", "asserted")}
    assert facts("تتواصل الغارات التركية على مواقع داعش قرب الرقة.") == set()  # Turkey is no entity of the article


def test_a_support_verb_before_its_subject_backs_the_object_after_it():  # تدعم X وY Z (VSO)
    assert facts("وتدعم تركيا والولايات المتحدة الجيش الحر في الباب.") == {
        ("SUPPORTED_BY", "FSA", "TURKEY", "asserted"), ("SUPPORTED_BY", "FSA", "USA", "asserted")}
    assert facts("قال إن تركيا تدعم الجيش الحر.") == {("SUPPORTED_BY", "FSA", "TURKEY", "asserted")}
    assert facts("تدعم تركيا، إلى جانب روسيا، الجيش الحر في إدلب.") == {
        ("SUPPORTED_BY", "FSA", "RUSSIA", "asserted"), ("SUPPORTED_BY", "FSA", "TURKEY", "asserted")}


def test_a_part_of_a_place_taken_is_control_of_the_place():  # جانبا كبيرا من Y، 95 في المئة من أراضي Y
    assert facts("استعادت قسد جانبا كبيرا من منبج في أول انتصار لها.") == {("CONTROLS", "SDF", "MANBIJ", "asserted")}
    assert facts("تمكنت قسد من تحرير أكثر من 60 بالمئة من منبج.") == {("CONTROLS", "SDF", "MANBIJ", "asserted")}
    assert facts("أفادت تقارير باستعادة قوات النظام نحو 95 في المئة من أراضي تدمر.") == {
        ("CONTROLS", "REGIME", "PALMYRA", "asserted")}
    assert facts("أطلقت قسد سراح 20 من المحتجزين من منبج.") == set()  # a count of people is no part of a place


def test_places_listed_with_an_inclusion_phrase_are_held_too():  # Y بما فيها مدينة Z، Y فضلا عن أجزاء من Z
    assert facts("سيطر داعش على مجمل الرقة بما فيها مدينة تدمر.") == {
        ("CONTROLS", "ISIS", "RAQQA", "asserted"), ("CONTROLS", "ISIS", "PALMYRA", "asserted")}
    assert facts("يسيطر داعش على الجزء الأكبر من الرقة، فضلا عن أجزاء من حيي منبج وتدمر.") == {
        ("CONTROLS", "ISIS", "RAQQA", "asserted"), ("CONTROLS", "ISIS", "MANBIJ", "asserted"),
        ("CONTROLS", "ISIS", "PALMYRA", "asserted")}
    assert facts("سيطر داعش على الرقة بعد معارك مع قسد قرب منبج.") >= {("CONTROLS", "ISIS", "RAQQA", "asserted")}
    assert ("CONTROLS", "ISIS", "MANBIJ", "asserted") not in facts("سيطر داعش على الرقة بعد معارك مع قسد قرب منبج.")


def test_a_control_verb_with_an_object_pronoun_takes_the_place_before():  # X التي تحتلها Y
    got = facts("قصفت قوات النظام مدينة إدلب التي تحتلها هيئة تحرير الشام.")
    assert ("CONTROLS", "HTS", "IDLIB", "asserted") in got


def test_a_control_verb_that_opens_the_clause_has_its_subject_after_the_place():  # وتسيطر على X فصائل Y
    assert facts("وتسيطر على مدينة إدلب فصائل هيئة تحرير الشام.") == {("CONTROLS", "HTS", "IDLIB", "asserted")}
    assert facts("قال إن قسد تسيطر على الرقة.") == {("CONTROLS", "SDF", "RAQQA", "asserted")}


def test_a_title_of_a_named_state_after_its_person_and_a_profession_before_a_name():  # P، رئيس وزراء العراق
    assert _leads("وصل سامر الحمد، رئيس وزراء العراق، إلى الموصل.", "IRAQI_GOV") == {("SAMER", "IRAQI_GOV")}
    assert _leads("قال حزب الله برئاسة المهندس سامر الحمد إن المعارك مستمرة.") == {("SAMER", "HEZBOLLAH")}


def test_support_in_the_accusative_dual_and_plural_and_by_a_financier():  # مدعوما، الداعمتين، الممول لـ
    assert facts("تقدم الجيش الحر مدعوما من تركيا نحو الباب.") == {("SUPPORTED_BY", "FSA", "TURKEY", "asserted")}
    assert facts("حضر ممثلو روسيا والولايات المتحدة الداعمتين للمعارضة.") >= {
        ("SUPPORTED_BY", "OPPOSITION", "USA", "asserted")}
    assert facts("كانت روسيا الممول الرئيسي لقوات النظام.") == {("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted")}
    assert facts("تقدمت قسد بتأييد التحالف الدولي نحو الرقة.") == {("SUPPORTED_BY", "SDF", "COALITION", "asserted")}


def test_who_fights_or_stands_alongside_a_party_supports_it():  # X يقاتل إلى جانب Y
    assert facts("وحزب الله الذي يقاتل إلى جانب قوات النظام خسر عناصر.") >= {
        ("SUPPORTED_BY", "REGIME", "HEZBOLLAH", "asserted")}
    assert facts("برر حزب الله القتال إلى جانب قوات النظام.") >= {("SUPPORTED_BY", "REGIME", "HEZBOLLAH", "asserted")}
    assert facts("أكدت روسيا وقوفها إلى جانب قوات النظام.") == {("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted")}


def test_a_verbal_noun_with_a_genitive_agent_takes_its_object_with_la():  # استعادة X لـ Y، مهاجمة X لـ Y
    assert facts("جاء ذلك بعد استعادة قوات النظام لمدينة تدمر.") == {("CONTROLS", "REGIME", "PALMYRA", "asserted")}
    assert facts("وتتواصل مهاجمة قسد لمواقع داعش قرب الرقة.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    # the genitive alone is still the object, its agent the subject before
    assert facts("واصل الجيش الحر مهاجمة داعش.") == {("FOUGHT", "FSA", "ISIS", "asserted")}


def test_a_final_ta_marbuta_makes_a_verbal_noun_not_a_verb_with_a_pronoun():  # استعادة, folded like استعاده
    assert facts("أعلنت البيشمركة استعادة الموصل.") == {("CONTROLS", "PESHMERGA", "MOSUL", "asserted")}


def test_leading_verbs_with_and_without_an_object_pronoun():  # X التي يترأسها P، P يتزعم X
    assert _leads("قالت حركة أحرار الشام التي يتزعمها سامر الحمد إن المعارك مستمرة.") == {("SAMER", "AHRAR")}
    assert _leads("وفيلق الشام الذي ترأسه خالد العلي انسحب من حماة.") == {("KHALED", "FAYLAQ")}
    assert _leads("يقال إن خالد العلي يتزعم هيئة تحرير الشام منذ عامين.") == {("KHALED", "HTS")}


def test_a_weak_movement_verb_takes_the_subject_right_before_it():  # عناصر X تهرب باتجاه Y
    assert facts("قال شهود إن المئات من عناصر داعش تهرب باتجاه الرقة.") == {
        ("TRANSFERRED_TO", "ISIS", "RAQQA", "asserted")}
    assert facts("وقال إن ما تبقى من قوات النظام انسحبوا إلى مدينة تدمر.") == {
        ("TRANSFERRED_TO", "REGIME", "PALMYRA", "asserted")}


def test_control_of_part_of_the_antecedent_place():  # X التي يسيطر Y على مساحات واسعة منها
    assert facts("التقى الوفد بوجهاء من مدينة الرقة، التي يسيطر داعش على أجزاء واسعة منها.") == {
        ("CONTROLS", "ISIS", "RAQQA", "asserted")}
    assert facts("قال إن داعش يسيطر على أجزاء واسعة منها.") == set()  # no antecedent named


def test_a_verbal_noun_of_support_with_its_agent_and_la_object():  # دعم X لـ Y، تقديم الدعم لـ Y، لدعم Y
    assert facts("وتنتقد تركيا دعم الولايات المتحدة لوحدات حماية الشعب.") == {
        ("SUPPORTED_BY", "YPG", "USA", "asserted")}
    assert facts("أكد أن روسيا ستواصل تقديم الدعم لقوات النظام.") == {("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted")}
    assert facts("قالت إن تركيا أرسلت قوات لدعم الجيش الحر.") == {("SUPPORTED_BY", "FSA", "TURKEY", "asserted")}
    assert facts("تحدث الوفد عن دعم الموصل.") == set()  # a place is no backed party


def test_a_guide_or_governor_heads_the_body_after_the_title():  # المرشد العام لـ X P، حاكم X P
    assert _leads("أحيل المرشد العام لحركة أحرار الشام سامر الحمد إلى المحكمة.") == {("SAMER", "AHRAR")}
    assert _leads("قال حاكم فيلق الشام خالد العلي إن الوضع مستقر.") == {("KHALED", "FAYLAQ")}


def test_a_place_in_the_grip_of_a_party_is_held_by_it():  # X في قبضة Y
    assert facts("وأصبحت مدينة الرقة بالكامل في قبضة قسد.") == {("CONTROLS", "SDF", "RAQQA", "asserted")}


def test_a_located_place_described_by_the_control_clause_is_held():  # في بلدة X بريف Y التي يسيطر عليها Z
    assert facts("قصفت الطائرات أحياء في بلدة جنديرس بريف عفرين التي تسيطر عليها وحدات حماية الشعب.") == {
        ("CONTROLS", "YPG", "JINDIRES", "asserted")}
    assert facts("سقطت قذائف في مدينة الباب الواقعة شمال حماة، والتي يسيطر عليها الجيش الحر.") == {
        ("CONTROLS", "FSA", "AL_BAB", "asserted")}
    # a place only named as the countryside of another is no antecedent of its own
    assert facts("قصفت المدفعية مواقع في ريف عفرين التي تسيطر عليها وحدات حماية الشعب.") == set()


def test_the_backed_one_before_the_participle_past_adjectives_a_comma_or_a_relative():  # X اللبناني المدعوم من Y
    assert facts("تقدمت حركة أحرار الشام السورية المدعومة من تركيا نحو إدلب.") == {
        ("SUPPORTED_BY", "AHRAR", "TURKEY", "asserted")}
    assert facts("وصل وفد عن المعارضة، المدعومة من الولايات المتحدة، إلى جنيف.") == {
        ("SUPPORTED_BY", "OPPOSITION", "USA", "asserted")}
    assert facts("قاتلت جبهة النصرة التي كانت مدعومة من تركيا في إدلب.") == {
        ("SUPPORTED_BY", "NUSRA", "TURKEY", "asserted")}
    # the backer is no actor named (الغرب): the party after another trigger is not the backer
    assert not {f for f in facts("تخوض المعارضة المدعومة من الغرب حربا ضد داعش.") if f[0] == "SUPPORTED_BY"}


def test_a_possessive_on_the_support_noun_takes_up_the_actor_named_before():  # X ... بسبب دعمها لـ Y
    assert facts("قال المتحدث إن روسيا ستبقى في عزلة بسبب دعمها لقوات النظام.") == {
        ("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted")}
    assert facts("قال المتحدث إن الوضع صعب بسبب دعمها لقوات النظام.") == set()  # no actor named before


def test_a_place_in_or_taken_from_the_hands_of_a_party_was_held_by_it():  # في أيدي X، تحرير Y من قبضة X
    assert facts("سقطت مدينة الموصل في أيدي داعش قبل سنوات.") == {("CONTROLS", "ISIS", "MOSUL", "asserted")}
    assert facts("تمكنت قسد من تحرير الرقة من قبضة داعش.") == {
        ("CONTROLS", "ISIS", "RAQQA", "asserted"), ("CONTROLS", "SDF", "RAQQA", "asserted"),
        ("FOUGHT", "ISIS", "SDF", "asserted")}  # who takes it from X's grip fights X
    assert facts("قتل عشرة مدنيين بأيدي داعش في الموصل.") == set()  # بأيدي: the agent of a killing


def test_a_place_apposition_locates_the_place_and_is_no_second_place():  # X، مركز منطقة Y
    assert facts("وأصبحت جنديرس، مركز منطقة عفرين، تحت سيطرة وحدات حماية الشعب.") == {
        ("CONTROLS", "YPG", "JINDIRES", "asserted")}
    assert facts("وكانت جنديرس، مركز منطقة عفرين، في أيدي وحدات حماية الشعب.") == {
        ("CONTROLS", "YPG", "JINDIRES", "asserted")}
    assert facts("سيطرت قسد على منبج، والباب.") == {
        ("CONTROLS", "SDF", "MANBIJ", "asserted"), ("CONTROLS", "SDF", "AL_BAB", "asserted")}


def test_the_object_after_a_vso_subject_and_its_backers():  # قصفت X المدعومة من Y وZ مواقع W
    assert facts("قصفت قوات النظام المدعومة من روسيا وحزب الله مواقع المعارضة.") == {
        ("FOUGHT", "OPPOSITION", "REGIME", "asserted"), ("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted"),
        ("SUPPORTED_BY", "REGIME", "HEZBOLLAH", "asserted")}


def test_a_direction_is_no_movement_but_heading_somewhere_is():  # من اتجاه X إلى Y، باتجاه X
    assert facts("قطعت قسد الطرق التي تستخدمها داعش في الإمدادات من اتجاه الحسكة إلى الرقة.") == set()
    assert facts("وتوجه عناصر داعش إلى الرقة.") == {("TRANSFERRED_TO", "ISIS", "RAQQA", "asserted")}
    assert facts("شوهد عناصر داعش يفرون باتجاه الرقة.") == {("TRANSFERRED_TO", "ISIS", "RAQQA", "asserted")}


def test_members_of_a_party_coordinated_with_another_are_on_its_side():  # X وعناصر من Y
    assert facts("تقدمت قوات النظام المدعومة من روسيا ومقاتلين من حزب الله نحو تدمر.") == {
        ("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted"), ("SUPPORTED_BY", "REGIME", "HEZBOLLAH", "asserted")}
    assert facts("اشتبكت قسد وعناصر من الجيش الحر مع داعش قرب منبج.") == {
        ("FOUGHT", "ISIS", "SDF", "asserted"), ("FOUGHT", "FSA", "ISIS", "asserted")}


def test_places_listed_by_wa_where_the_name_kept_the_conjunction():  # الوهط وصبر (the mention is وصبر)
    names = {**NAMES, "الوهط": ("WAHT", PLACE), "وصبر": ("SABR", PLACE)}
    got = extract_relations(make_doc("تمكنت قسد من السيطرة على منطقتي الوهط وصبر.", names=names),
                            is_state=lambda eid: eid in STATES)
    assert {(r.type, r.subject, r.object) for r in got} == {("CONTROLS", "SDF", "WAHT"), ("CONTROLS", "SDF", "SABR")}


def test_arming_and_being_backed_by_are_support():  # زودت X Y بـ، سلحت X Y، مسنودة بـ Y
    assert facts("زودت الولايات المتحدة وتركيا الجيش الحر بصواريخ حديثة.") == {
        ("SUPPORTED_BY", "FSA", "USA", "asserted"), ("SUPPORTED_BY", "FSA", "TURKEY", "asserted")}
    assert facts("قال إن تركيا سلحت الجيش الحر العام الماضي.") == {("SUPPORTED_BY", "FSA", "TURKEY", "asserted")}
    assert facts("تقدمت المعارضة مسنودة بالجيش الحر نحو درعا.") == {
        ("SUPPORTED_BY", "OPPOSITION", "FSA", "asserted")}


def test_an_attack_on_units_or_posts_of_a_party_is_an_attack_on_it():  # هاجمت X قطعات تابعة لـ Y
    assert facts("هاجمت داعش قطعات عسكرية تابعة للجيش العراقي قرب الموصل.") == {
        ("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}


def test_opening_fire_or_firing_rockets_on_a_party_is_a_fight():  # أطلق X النار على Y، فتحت X النار على Y
    assert facts("أطلق مسلحو داعش النار على مقر للجيش العراقي قرب الموصل.") == {
        ("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}
    assert facts("فتحت قوات النظام النار على مواقع المعارضة في درعا.") == {
        ("FOUGHT", "OPPOSITION", "REGIME", "asserted")}
    assert facts("تبادلت قسد إطلاق النار مع داعش قرب الحسكة.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("أطلقت تركيا سراح عشرة من عناصر داعش.") == set()  # أطلق سراح: a release, no fire
    # drones and salvoes are fired too, and a subject of two words leaves the projectile further on
    assert facts("أطلق حزب الله عشرات الصواريخ على مواقع للجيش العراقي.") == {
        ("FOUGHT", "HEZBOLLAH", "IRAQI_ARMY", "asserted")}
    assert facts("أطلقت قوات النظام طائرات مسيرة على مواقع المعارضة في إدلب.") == {
        ("FOUGHT", "OPPOSITION", "REGIME", "asserted")}
    assert facts("أطلقت قسد رشقات من الرصاص على عناصر داعش.") == {("FOUGHT", "ISIS", "SDF", "asserted")}


def test_an_attack_noun_or_verb_right_before_what_belongs_to_a_party():  # قصف معسكرات لـ X، استهدفت موقعا لـ X
    assert facts("بدأت تركيا قصف معسكرات لحزب الله في العراق.") == {("FOUGHT", "HEZBOLLAH", "TURKEY", "asserted")}
    assert facts("استهدفت تركيا موقعا لحزب الله.") == {("FOUGHT", "HEZBOLLAH", "TURKEY", "asserted")}


def test_a_la_on_the_target_noun_itself_names_no_owner():  # رأس حربة لأهداف X: for X's aims
    assert facts("أصبحت قسد رأس حربة لأهداف الولايات المتحدة في المنطقة.") == set()


def test_fight_words_confronting_clashes_raids_and_blows_received():
    assert facts("تواجهت قسد مع داعش قرب الحسكة.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("لم تتواجه روسيا مع تركيا عسكريا.") == {("FOUGHT", "RUSSIA", "TURKEY", "denied")}
    assert facts("تواجه تركيا ضغوطا من الولايات المتحدة.") == set()
    assert facts("دارت صدامات دامية بين داعش والجيش الحر.") == {("FOUGHT", "FSA", "ISIS", "asserted")}
    assert facts("تستعد قسد للإغارة على داعش قرب الحسكة.") == {("FOUGHT", "ISIS", "SDF", "expected")}
    # تلقى ضربات/هزيمة من Y: the receiver is the patient, Y the agent (like تعرض لهجوم من Y)
    assert facts("تلقى داعش ضربات قوية من الجيش العراقي.") == {("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}
    assert facts("تلقت قوات النظام هزيمة قاسية على يد الجيش الحر.") == {("FOUGHT", "FSA", "REGIME", "asserted")}


def test_the_owner_of_attacked_targets_is_never_a_guessed_attacker():  # أهداف لـ X ... غارات على Y
    assert facts("تركزت العمليات التركية على أهداف لقسد، فيما لم يعلن سوى عن ثلاث غارات على مقاتلي داعش.") == set()


def test_a_sharp_attack_is_words_not_a_fight():  # شن هجوما حادا على
    assert facts("شنت المعارضة هجوما حادا على تركيا في بيان.") == set()
    assert facts("شنت المعارضة هجوما عنيفا على قوات النظام في درعا.") == {
        ("FOUGHT", "OPPOSITION", "REGIME", "asserted")}


def test_a_vso_object_after_a_partitive_count_is_the_named_party():  # قتلت X عشرات من مسلحي Y
    assert facts("قتلت قسد عشرات من مسلحي داعش.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("طردت تركيا المقاتلين الأكراد من عفرين.") == set()


def test_fight_words_eliminating_routing_and_inflicting_defeat():  # القضاء على، دحر، إلحاق هزيمة بـ
    assert facts("يسعى الجيش العراقي إلى القضاء على داعش.") == {("FOUGHT", "IRAQI_ARMY", "ISIS", "proposed")}
    assert facts("طالب القضاء العراقي بمحاكمة داعش.") == set()  # القضاء without على: the judiciary
    assert facts("دحر الجيش العراقي داعش من الموصل.") == {("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}
    assert facts("تواصل قوات النظام جهودها لدحر داعش.") == {("FOUGHT", "ISIS", "REGIME", "asserted")}
    assert facts("ألحق الجيش العراقي هزيمة بداعش.") == {("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}
    assert facts("ساهم التحالف الدولي في إلحاق خسائر كبيرة بصفوف داعش.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}


def test_the_party_whose_people_fell_in_an_attack_is_its_object():  # قتل 10 من عناصر X في هجوم لـ Y / شنه Y
    assert facts("قتل 10 من عناصر داعش في هجوم لقسد.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("قتل 10 من عناصر داعش وجرح آخرون بغارة جوية نفذتها طائرات التحالف الدولي.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("قتل 10 من عناصر الجيش العراقي في هجوم شنه داعش على الموصل.") == {
        ("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}
    assert facts("قتل 30 مواطنا تركيا في هجمات نفذتها داعش.") == set()  # civilians: no party fell


def test_accusative_war_and_ambush():  # حربا، كمينا
    assert facts("حذر من أن حربا محتملة بين حزب الله وتركيا ستكون كارثية.") == {
        ("FOUGHT", "HEZBOLLAH", "TURKEY", "expected")}
    assert facts("نصب داعش كمينا لقوات النظام.") == {("FOUGHT", "ISIS", "REGIME", "asserted")}


def test_a_state_after_fi_is_where_the_attack_was_not_its_target():  # مقتل العشرات في تركيا
    assert facts("اعتقلت قوات النظام مشتبها به في هجوم أسفر عن مقتل العشرات في تركيا.") == set()


def test_the_owner_of_what_suffered_an_attack_is_its_patient():  # تعرضت مواقع لـ X لقصف من Y
    assert facts("تعرضت مواقع لقسد لقصف من تركيا.") == {("FOUGHT", "SDF", "TURKEY", "asserted")}


def test_whoever_repels_or_foils_an_attack_fights_its_agent():  # تصدت X لهجوم Y، أحبط X هجوما شنه Y
    assert facts("تمكنت قسد من التصدي لهجوم داعش.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("تصدت قسد لهجوم شنه داعش.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("أحبط الجيش العراقي هجوما شنه مسلحو داعش.") == {("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}


def test_striking_a_partys_targets_or_inflicting_losses_in_its_ranks_fought_it():  # ضرب أهدافا، أوقع خسائر
    assert facts("ضربت قوات النظام أهدافا تابعة لجبهة النصرة في ريف حماة.") == {
        ("FOUGHT", "NUSRA", "REGIME", "asserted")}
    assert facts("أوقعت قسد خسائر فادحة في صفوف داعش قرب الرقة.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("ضربت تركيا مثالا على التعاون مع روسيا.") == set()  # ضرب without a target is no strike


def test_purging_or_liberating_a_place_of_a_party_fought_it():  # طهرت X المدينة من Y، تحرير المدينة من Y
    assert facts("طهرت قسد ريف الرقة من عناصر داعش.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("نجحت قوات النظام في تحرير مدينة تدمر من داعش.") >= {("FOUGHT", "ISIS", "REGIME", "asserted")}
    assert not any(f[0] == "FOUGHT" for f in facts("زار وفد من قسد مدينة تدمر بعد تحرير داعش لأسرى."))


def test_liberating_or_retaking_a_place_from_a_partys_grip_fought_it():  # تحرير Z من قبضة/أيدي Y، استعادة Z من Y
    assert ("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted") in facts("حرر الجيش العراقي تلعفر من أيدي عناصر داعش.")
    assert ("FOUGHT", "ISIS", "SDF", "asserted") in facts("استعادت قسد بلدات كثيرة من داعش شرق الرقة.")
    assert ("FOUGHT", "ISIS", "REGIME", "asserted") in facts(
        "نجاح قوات النظام المدعومة من الطيران في تحرير مدينة تدمر من براثن داعش.")
    # a party named outside the verbal noun's clause did not liberate it
    assert not any(f[0] == "FOUGHT" and "SDF" in f for f in facts(
        "وصلت المساعدات التي أرسلتها قسد إلى المدينة، بعد تحريرها من أيدي داعش."))


def test_a_force_entering_a_place_named_as_the_verbs_object_moved_there():  # دخلت X المدينة
    assert ("TRANSFERRED_TO", "REGIME", "PALMYRA", "asserted") in facts("دخلت قوات النظام مدينة تدمر فجر اليوم.")
    assert ("TRANSFERRED_TO", "SDF", "MANBIJ", "asserted") in facts("قالت مصادر إن قسد دخلت منبج أمس.")
    assert not any(f[0] == "TRANSFERRED_TO" for f in facts("دخلت تركيا مرحلة جديدة في إدلب."))


def test_warplanes_deployed_at_a_place_are_a_force_moved_there():  # نشرت X مقاتلات في Y
    assert facts("نشرت الولايات المتحدة أمس مقاتلات في قاعدة الموصل.") == {
        ("TRANSFERRED_TO", "USA", "MOSUL", "asserted")}
    assert facts("نشرت روسيا صورا للطائرات في تدمر.") == set()  # publishing is no deployment


def test_who_managed_to_enter_a_place_moved_there():  # تمكنت X من دخول Y، نجاح X في الدخول إلى Y
    assert ("TRANSFERRED_TO", "SDF", "MANBIJ", "asserted") in facts("تمكنت قسد من دخول مدينة منبج.")
    got = facts("أكدت مصادر نجاح قسد والجيش الحر في الدخول إلى منبج.")
    assert {("TRANSFERRED_TO", "SDF", "MANBIJ", "asserted"), ("TRANSFERRED_TO", "FSA", "MANBIJ", "asserted")} <= got
    assert not any(f[0] == "TRANSFERRED_TO" for f in facts("طالبت قسد من دخول منبج."))


def test_who_is_accused_of_arming_a_party_backs_it():  # اتهم X تركيا بتسليح Y، وجه الاتهام لـ X بتزويد Y
    got = facts("واتهم المسؤول تركيا بتسليح الجيش الحر في الشمال.")
    assert ("SUPPORTED_BY", "FSA", "TURKEY", "asserted") in got
    got = facts("ووجه الاتهام مجددا لروسيا بتزويد قوات النظام بالأسلحة.")
    assert ("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted") in got
    got = facts("وتتهم قسد الولايات المتحدة بدعم المعارضة.")
    assert ("SUPPORTED_BY", "OPPOSITION", "USA", "asserted") in got
    assert not any(f[0] == "SUPPORTED_BY" and f[1] in ("USA", "SDF") for f in got)


def test_kidnapping_or_capturing_a_partys_men_fought_it():  # خطفت X عناصر من Y، أسرت X مسلحين من Y
    assert facts("خطفت جبهة النصرة خمسة عناصر من الجيش الحر قرب حلب.") == {("FOUGHT", "FSA", "NUSRA", "asserted")}
    assert facts("أسرت قسد 12 من مسلحي داعش شرق الرقة.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("التقت أسر الضحايا وفدا من قسد بعد هجوم داعش.") == set()  # أسر: families, no verb
    # قد makes أسرهم the verb with its object pronoun (their captors), not أسرهم, their families
    assert ("FOUGHT", "ISIS", "SDF", "asserted") in facts("وظهر في التسجيل أسرى من قسد، وقد أسرهم داعش قرب الرقة.")
    assert facts("زار وفد من قسد أسرهم في الرقة.") == set()


def test_a_complementizer_with_a_pronoun_takes_up_who_moved():  # X ...، علما بأنهم عادوا إلى Y
    got = facts("وكان عناصر من قسد في استقبال القافلة، علما بأنهم عادوا أمس إلى منبج.")
    assert ("TRANSFERRED_TO", "SDF", "MANBIJ", "asserted") in got
    assert not any(f[0] == "TRANSFERRED_TO" for f in facts("وكان عناصر من قسد في المدينة، وعادوا أمس إلى منبج."))


def test_fighters_coming_to_a_place_moved_there():  # X كانوا قادمين من Z إلى Y
    got = facts("قال مصدر إن مسلحي داعش كانوا قادمين من الرقة إلى تدمر.")
    assert ("TRANSFERRED_TO", "ISIS", "PALMYRA", "asserted") in got
    assert not any(f[0] == "TRANSFERRED_TO" for f in facts("قال مصدر إن مسلحي داعش كانوا قادمين من الرقة."))


def test_an_alliance_against_a_party_or_formed_to_fight_it_fights_it():  # التحالف ضد Y، التحالف لقتال Y
    assert facts("انضمت تركيا أمس إلى التحالف الدولي ضد داعش.") == {("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("التحالف الدولي الذي تقوده الولايات المتحدة ضد داعش يوسع عمله.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("قال التحالف الدولي بقيادة الولايات المتحدة لمحاربة داعش إن الخبر غير مؤكد.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}


def test_against_without_an_alliance_before_it_or_with_the_alliance_attacked_is_no_fight():
    assert facts("رفعت تركيا دعوى ضد حزب الله.") == set()
    assert facts("قال التحالف الدولي إن تركيا تحتج ضد داعش.") == set()
    assert facts("أشرف القيادي على هجمات ضد التحالف الدولي وضد قوات النظام.") == set()


def test_a_title_before_a_phrase_that_names_its_organization():  # زعيم ما يسمى بـ X P
    assert facts('قال زعيم ما يسمى بـ"هيئة تحرير الشام"، أبو محمد الجولاني، إن المعركة مستمرة.') == {
        ("LEADS", "JOLANI", "HTS", "asserted")}
    assert facts("قال أبو محمد الجولاني، زعيم ما يعرف بهيئة تحرير الشام، إن المعركة مستمرة.") == {
        ("LEADS", "JOLANI", "HTS", "asserted")}
    assert facts("قال زعيم ما أبو محمد الجولاني إن المعركة مستمرة.") == set()


def test_a_partner_in_coordination_with_the_attacker_fights_beside_it():  # بدأت X بالتنسيق مع Y عملية ضد Z
    assert facts("بدأت قوات النظام بالتنسيق مع حزب الله، الأحد، عملية عسكرية ضد جبهة النصرة.") == {
        ("FOUGHT", "NUSRA", "REGIME", "asserted"), ("FOUGHT", "HEZBOLLAH", "NUSRA", "asserted")}
    assert facts("اشتبكت قوات النظام بالتعاون مع حزب الله مع جبهة النصرة.") == {
        ("FOUGHT", "NUSRA", "REGIME", "asserted"), ("FOUGHT", "HEZBOLLAH", "NUSRA", "asserted")}


def test_the_sides_of_a_deal_stand_past_the_event_it_settles():  # اتفاق فك الاشتباك بين X وY
    assert ("NEGOTIATED_WITH", "IRAQ", "TURKEY", "asserted") in facts(
        "صمد اتفاق فك الاشتباك بين تركيا والعراق سنوات طويلة.")
    assert ("NEGOTIATED_WITH", "IRAQ", "TURKEY", "asserted") in facts("بدأت مفاوضات حرب اليمن بين تركيا والعراق أمس.")


def test_a_fight_word_does_not_reach_the_sides_of_a_truce_after_it():
    assert facts("تواصلت الهجمات رغم الهدنة بين تركيا وروسيا.") == {("NEGOTIATED_WITH", "RUSSIA", "TURKEY", "asserted")}


def test_an_attack_noun_with_its_agent_then_what_belongs_to_a_party():  # قصف X مواقع Y
    assert facts("قصف التحالف الدولي مواقع داعش في الموصل.") == {("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("قصف التحالف الدولي معسكرات ومقرات داعش.") == {("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("قصف التحالف الدولي أمس الموصل.") == set()


def test_support_of_a_verbal_noun_past_its_adjectives_and_with_ila():  # دعمها الثابت لـ X، دعمها الجوي إلى X
    assert facts("قال إن روسيا تتحمل المسؤولية بسبب دعمها الثابت للنظام السوري.") == {
        ("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted")}
    assert facts("قال إن تركيا ستواصل دعمها الجوي إلى الجيش الحر.") == {("SUPPORTED_BY", "FSA", "TURKEY", "asserted")}


def test_support_for_groups_such_as_x_and_y_backs_each_of_them():  # دعمها لجماعات مثل X وY
    assert facts("قال إن روسيا خالفت الاتفاق من خلال دعمها لجماعات مثل حزب الله وجبهة النصرة.") == {
        ("SUPPORTED_BY", "HEZBOLLAH", "RUSSIA", "asserted"), ("SUPPORTED_BY", "NUSRA", "RUSSIA", "asserted")}
    assert facts("قال إن روسيا خالفت الاتفاق من خلال دعمها لجماعات كثيرة في حزب الله.") == set()


def test_a_count_of_fighters_from_a_party_is_the_party_moved():  # نقل 300 مقاتل من X إلى Y
    assert facts("نقلت الحافلات 300 مقاتل من جبهة النصرة إلى إدلب.") == {
        ("TRANSFERRED_TO", "NUSRA", "IDLIB", "asserted")}
    assert facts("انسحب نحو 200 مقاتل من حزب الله إلى القلمون.") == {
        ("TRANSFERRED_TO", "HEZBOLLAH", "QALAMOUN", "asserted")}


def test_a_person_named_in_the_clause_holds_no_place():  # أكد الوزير P سيطرة الأجهزة على Y
    assert facts("أكد خالد العلي سيطرة الأجهزة الأمنية على منبج.") == set()
    assert facts("أكد خالد العلي أن قسد سيطرت على منبج.") == {("CONTROLS", "SDF", "MANBIJ", "asserted")}


def test_casualties_counted_in_words_fell_in_the_attack_after_them():  # مقتل ثمانية من عناصر X في غارة لـ Y
    assert facts("أعلن الجيش العراقي مقتل أعداد كبيرة من عناصر داعش في غارة شنها التحالف الدولي.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("مقتل ثمانية من عناصر داعش في غارة للتحالف الدولي.") == {("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("وصل ثمانية من عناصر داعش إلى مقر للتحالف الدولي.") == set()


def test_the_nisba_of_a_two_letter_noun_stands_between_an_attack_and_its_agent():  # غارة جوية لـ Y
    assert facts("مقتل ثمانية من عناصر داعش وتدمير آليتين في غارة جوية للتحالف الدولي.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}


def test_a_leading_verb_with_no_leader_after_it_takes_up_the_clause_subject():  # P ... X الذي يقوده
    assert facts("واحتاج أبو محمد الجولاني إلى احتواء تمرد داخل هيئة تحرير الشام التي يقودها لكي يضمن وحدتها.") == {
        ("LEADS", "JOLANI", "HTS", "asserted")}
    assert facts("قال مسؤول إن هيئة تحرير الشام التي يقودها ترفض الاتفاق.") == set()


def test_a_possessive_title_reaches_its_person_past_an_adjective():  # لقائده العام P
    assert facts("نشرت هيئة تحرير الشام تسجيلا لقائدها العام أبو محمد الجولاني.") == {
        ("LEADS", "JOLANI", "HTS", "asserted")}


def test_representatives_and_diplomats_of_a_party_negotiate_for_it():  # ممثلون لـ X ... مع دبلوماسيين من Y
    assert facts("قال إن ممثلين لتركيا يجرون محادثات مع دبلوماسيين من روسيا والعراق.") == {
        ("NEGOTIATED_WITH", "IRAQ", "TURKEY", "asserted"), ("NEGOTIATED_WITH", "RUSSIA", "TURKEY", "asserted")}
    assert facts("أجرى ممثلو تركيا مفاوضات مع ممثلي روسيا.") == {("NEGOTIATED_WITH", "RUSSIA", "TURKEY", "asserted")}


def test_the_participle_of_control_and_entrenchment_hold_the_place():  # X المسيطرة على Y، التي يتحصن فيها X
    assert facts("قالت المصادر إن جبهة النصرة المسيطرة على إدلب رفضت الاتفاق.") == {
        ("CONTROLS", "NUSRA", "IDLIB", "asserted")}
    assert facts("وحذرت تركيا الفصائل المسيطرة على منبج من التصعيد.") == set()
    assert facts("تحاصر قسد مدينة الرقة التي يتحصن فيها داعش منذ أشهر.") == {  # besieging its ground: a fight too
        ("CONTROLS", "ISIS", "RAQQA", "asserted"), ("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("يتحصن داعش في الرقة منذ عامين.") == {("CONTROLS", "ISIS", "RAQQA", "asserted")}
    assert facts("باغتت قسد عناصر داعش المتحصنين داخل مدينة الرقة.") >= {("CONTROLS", "ISIS", "RAQQA", "asserted")}


def test_a_political_or_trade_deal_is_a_deal_while_a_media_war_is_no_fight():  # اتفاقية تجارية، حرب إعلامية
    assert facts('أكد الوزير أن "المحادثات الدبلوماسية" بين تركيا والعراق مستمرة.') == {
        ("NEGOTIATED_WITH", "IRAQ", "TURKEY", "asserted")}
    assert facts("وقعت تركيا اتفاقية تجارية مع العراق.") == {("NEGOTIATED_WITH", "IRAQ", "TURKEY", "asserted")}
    assert facts("اندلعت حرب إعلامية بين تركيا وروسيا.") == set()


def test_an_office_title_with_no_state_leads_the_one_such_body_the_article_names():  # رئيس الوزراء P
    assert _leads("وصل رئيس الوزراء سامر الحمد إلى الموصل.", "IRAQI_GOV") == {("SAMER", "IRAQI_GOV")}
    assert _leads("قال وزير الداخلية خالد العلي إن الموصل هادئة.", "IRAQ_INTERIOR") == {("KHALED", "IRAQ_INTERIOR")}
    assert _leads("وصل رئيس الوزراء سامر الحمد إلى الموصل.") == set()  # the article names no government
    assert _leads("وصل الرئيس سامر الحمد إلى الموصل.", "IRAQI_GOV") == set()  # a bare president: often a foreign one


def test_a_time_span_from_min_until_hatta_keeps_the_sides_after_bayn():  # قتال امتد من ليل X حتى فجر Y بين
    assert facts("قتل ثلاثة في قتال امتد من ليل الأربعاء حتى فجر الخميس، بين قوات النظام وجبهة النصرة.") == {
        ("FOUGHT", "NUSRA", "REGIME", "asserted")}
    assert facts("استمر القتال حتى انسحبت قوات النظام من البلدات بين تركيا وروسيا.") == set()


def test_a_nationality_adjective_on_support_names_the_backer():  # الدعم الأمريكي لـ X
    assert facts("زار وفد من الولايات المتحدة أنقرة. وقال إن تركيا غاضبة من الدعم الأمريكي لوحدات حماية الشعب.") == {
        ("SUPPORTED_BY", "YPG", "USA", "asserted")}
    # the article names no United States: the adjective's state is no party, and Turkey backs no one
    assert facts("قال إن تركيا غاضبة من الدعم الأمريكي لوحدات حماية الشعب.") == set()


def test_a_time_said_between_the_verb_and_its_object():  # تستهدف منذ أسابيع قوات X
    assert facts("وتشن المعارضة هجمات تستهدف منذ أسابيع قوات النظام.") == {
        ("FOUGHT", "OPPOSITION", "REGIME", "asserted")}
    assert facts("استهدفت تركيا منذ أسابيع مدينة إدلب.") == set()


def test_a_title_before_a_member_noun_and_a_naming_phrase():  # زعيم تنظيم ما يسمى بـ X، P
    assert facts('قال زعيم تنظيم ما يسمى بـ"جبهة النصرة"، أبو محمد الجولاني، إن المعركة مستمرة.') == {
        ("LEADS", "JOLANI", "NUSRA", "asserted")}


def test_a_time_phrase_between_the_control_word_and_its_place_is_read_past():  # سيطر X، الاثنين، على Y
    assert facts("سيطرت قسد، أمس، على منبج.") == {("CONTROLS", "SDF", "MANBIJ", "asserted")}
    assert facts("وسيطر داعش على مجمل محافظة الرقة في صيف 2014 بما فيها مدينة منبج.") == {
        ("CONTROLS", "ISIS", "RAQQA", "asserted"), ("CONTROLS", "ISIS", "MANBIJ", "asserted")}


def test_a_place_after_the_control_verb_and_fiha_is_the_one_held():  # Y التي يسيطر X فيها على Z
    assert facts("وسيطرت قسد على الرقة التي لا يزال داعش يسيطر فيها على مخيم اليرموك.") == {
        ("CONTROLS", "SDF", "RAQQA", "asserted"), ("CONTROLS", "ISIS", "YARMOUK", "asserted")}
    assert facts("قصفت الطائرات الرقة التي يسيطر عليها داعش.") == {("CONTROLS", "ISIS", "RAQQA", "asserted")}


def test_an_exchange_between_two_parties_is_a_deal_between_them():  # عملية التبادل بين X وY
    assert facts("جرت عملية التبادل بين جبهة النصرة وقوات النظام في دمشق.") == {
        ("NEGOTIATED_WITH", "NUSRA", "REGIME", "asserted")}
    assert facts("تبادل حزب الله الاتهامات مع قوات النظام.") == set()
    assert facts("شهدت المنطقة عمليات تبادل القصف بين جبهة النصرة وقوات النظام.") == {
        ("FOUGHT", "NUSRA", "REGIME", "asserted")}


def test_a_title_resolved_as_the_person_it_names_leads_the_states_body():  # رئيس الوزراء العراقي = P
    names = {**NAMES, "رئيس الوزراء العراقي": ("SAMER", "Person"), "الحكومة العراقية": ("IRAQI_GOV", "Organization")}
    adoc = make_doc("التقى رئيس الوزراء العراقي وفدا من تركيا في الموصل. وقالت الحكومة العراقية إن الوضع هادئ.",
                    names=names)
    # the resolver takes the title up as a back-reference to the prime minister named elsewhere
    adoc.mentions[0] = replace(adoc.mentions[0], origin="generic")
    got = {(r.subject, r.object) for r in extract_relations(adoc, is_state=STATES.__contains__) if r.type == "LEADS"}
    assert got == {("SAMER", "IRAQI_GOV")}


def test_a_verb_after_a_relative_clause_closed_by_a_comma_is_said_of_its_head():  # X التي ... Y، تسيطر على Z
    assert facts("وباتت قسد التي تقاتل بأسلحة زودتها بها الولايات المتحدة، تسيطر على منبج والباب.") == {
        ("CONTROLS", "SDF", "MANBIJ", "asserted"), ("CONTROLS", "SDF", "AL_BAB", "asserted")}


def test_a_spokesman_or_leader_named_after_his_body_speaks_for_it():  # القيادي في X، ...، P أي مفاوضات مع Y
    assert facts('ونفى القيادي البارز في "حزب الله"، الفصيل الأقوى في القلمون، خالد العلي أي مفاوضات مع '
                 'النظام السوري.') == {("NEGOTIATED_WITH", "HEZBOLLAH", "REGIME", "asserted")}
    assert facts('نفى المتحدث باسم فصيل "فيلق الشام"، ثاني أبرز فصائل إدلب، سامر الحمد أي مفاوضات مع '
                 'النظام السوري.') == {("NEGOTIATED_WITH", "FAYLAQ", "REGIME", "asserted")}
    assert facts("أجرى خالد العلي مفاوضات مع النظام السوري.") == {("NEGOTIATED_WITH", "KHALED", "REGIME", "asserted")}


def test_a_backer_named_between_the_control_verb_and_its_place_is_an_aside():  # سيطر X بدعم من Y على Z
    assert facts("سيطر الجيش الحر بدعم من تركيا على عفرين.") == {
        ("CONTROLS", "FSA", "AFRIN", "asserted"), ("SUPPORTED_BY", "FSA", "TURKEY", "asserted")}
    assert facts("سيطرت قسد بمساندة من التحالف الدولي على منبج.") == {
        ("CONTROLS", "SDF", "MANBIJ", "asserted"), ("SUPPORTED_BY", "SDF", "COALITION", "asserted")}


def test_a_body_the_ally_of_a_state_is_backed_by_the_state():  # X الحليف لـ Y (a state)
    assert ("SUPPORTED_BY", "HEZBOLLAH", "RUSSIA", "asserted") in facts("وقال إن حزب الله الحليف لروسيا يقاتل في حماة.")
    assert ("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted") in facts("وقالت روسيا، حليفة النظام السوري، إن الوضع هادئ.")


def test_the_backers_a_support_cue_names_end_at_a_comma():  # بين X المدعومة بـ Y وZ، وW
    got = facts("اندلعت اشتباكات بين قوات النظام المدعومة بحزب الله وروسيا، والمعارضة في حماة.")
    backing = {f for f in got if f[0] == "SUPPORTED_BY"}
    assert backing == {("SUPPORTED_BY", "REGIME", "HEZBOLLAH", "asserted"),
                       ("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted")}


def test_a_backing_cue_in_a_contrasting_clause_takes_no_party_named_before_it():  # بينما يحظى Z بمساندة W
    got = facts("تدعم روسيا قوات النظام في حماة، بينما يحظى الطرف الآخر بمساندة تركيا.")
    assert {f for f in got if f[0] == "SUPPORTED_BY"} == {("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted")}


def test_states_coordinated_as_the_vso_subject_all_fought_the_object():  # قصفت روسيا وإيران مواقع لـ X
    assert facts("قصفت روسيا وتركيا مواقع لتنظيم داعش قرب تدمر.") == {
        ("FOUGHT", "ISIS", "RUSSIA", "asserted"), ("FOUGHT", "ISIS", "TURKEY", "asserted")}
    assert facts("تقاتل روسيا وتركيا تنظيم داعش في الريف.") == {
        ("FOUGHT", "ISIS", "RUSSIA", "asserted"), ("FOUGHT", "ISIS", "TURKEY", "asserted")}


def test_a_member_noun_before_the_vso_subject_of_an_owned_target():  # هاجم مسلحو X قاعدة لـ Y
    assert facts("هاجم مقاتلو قسد مواقع لتنظيم داعش قرب منبج.") == {("FOUGHT", "ISIS", "SDF", "asserted")}


def test_reinforcements_of_a_party_moving_to_a_place_are_its_transfer():  # وصلت تعزيزات لقوات X إلى Y
    assert facts("وصلت تعزيزات عسكرية لقوات النظام إلى تدمر.") == {("TRANSFERRED_TO", "REGIME", "PALMYRA", "asserted")}
    assert facts("وصلت تعزيزات تابعة لقسد إلى منبج.") == {("TRANSFERRED_TO", "SDF", "MANBIJ", "asserted")}
    assert facts("وصلت تعزيزات من قوات النظام إلى تدمر.") == {("TRANSFERRED_TO", "REGIME", "PALMYRA", "asserted")}


def test_a_verbs_object_held_by_a_party_makes_that_party_the_opponent():  # قصفت X أحياء يسيطر عليها Y
    assert facts("قصفت قوات النظام بالمدفعية أحياء سكنية يسيطر عليها الجيش الحر في درعا.") == {
        ("FOUGHT", "FSA", "REGIME", "asserted")}
    assert facts("استهدفت قسد المجمع الحكومي الذي يسيطر عليه تنظيم داعش.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("هاجمت تركيا بلدة جرابلس.") == set()  # ground nobody is said to hold: no opponent
    assert facts("استهدفت قسد المناطق التي سيطر عليها تنظيم داعش.") == set()  # taken once, perhaps lost since


def test_downing_or_destroying_what_belongs_to_a_party_is_fighting_it():  # أسقطت X طائرة تابعة لـ Y، دمرت X مواقع لـ Y
    assert facts("أسقطت قسد طائرة مسيرة تابعة لتنظيم داعش قرب منبج.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("دمرت قوات النظام مواقع للجيش الحر في درعا.") == {("FOUGHT", "FSA", "REGIME", "asserted")}
    assert facts("أسقطت المحكمة التهم عن قادة الجيش الحر.") == set()  # dropped charges: no aircraft, no fight
    assert facts("تواصل قسد عمليتها العسكرية ضد داعش في الريف.") == {("FOUGHT", "ISIS", "SDF", "asserted")}


def test_a_subject_name_ending_in_a_nisba_before_the_owned_target():  # قصفت قوات سوريا الديمقراطية مواقع لـ X
    assert facts("استهدفت قوات سوريا الديمقراطية مواقع لتنظيم داعش قرب منبج.") == {
        ("FOUGHT", "ISIS", "SDF", "asserted")}


def test_places_right_after_a_passive_verb_are_its_target_not_its_subject():  # استهدف معسكر X وY التابع لـ Z
    assert {f for f in facts("قالت قسد إن داعش هاجم أمس، كما استهدف معسكر منبج وجرابلس التابع لقوات النظام.")
            if "REGIME" in f} == set()


def test_a_state_right_after_the_vso_subject_is_the_verbs_object_not_a_place():  # تقصف فيها X تركيا
    assert facts("وتعرضت الأحياء التي تقصف فيها روسيا تركيا لدمار كبير.") == {
        ("FOUGHT", "RUSSIA", "TURKEY", "asserted")}
    assert facts("هاجمت قسد إدلب بالمدفعية.") == set()  # a town after the subject: the target is no actor


def test_shelling_a_partys_sites_in_construct_is_fighting_it():  # واصلت X قصف مواقع Y
    assert facts("واصلت قسد قصف مواقع تنظيم داعش قرب الرقة.") == {("FOUGHT", "ISIS", "SDF", "asserted")}


def test_targeting_as_a_circumstantial_participle_after_the_clause_subject():  # شن X غارات مستهدفا Y
    assert facts("وشن التحالف الدولي غارات جديدة مستهدفا تنظيم داعش في الرقة.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}


def test_talks_with_a_counterpart_are_talks_with_the_person_named_after_it():  # مع نظيره الإيراني P
    assert facts("وأجرى سامر الحمد جولة محادثات مطولة مع نظيره الأردني خالد العلي.") == {
        ("NEGOTIATED_WITH", "KHALED", "SAMER", "asserted")}
    assert facts("واتفق خالد العلي ونظيره اللبناني سامر الحمد على تبادل الأسرى.") == {
        ("NEGOTIATED_WITH", "KHALED", "SAMER", "asserted")}


def test_a_destination_after_inside_or_near_words():  # انسحبت X إلى داخل مدينة Y، إلى مناطق قرب Y
    assert facts("وانسحبت قوات النظام إلى داخل مدينة تدمر.") == {("TRANSFERRED_TO", "REGIME", "PALMYRA", "asserted")}
    assert facts("وانتقل مسلحو داعش إلى مناطق قرب منبج.") == {("TRANSFERRED_TO", "ISIS", "MANBIJ", "asserted")}


def test_crossing_into_a_place_and_deploying_around_it_are_transfers():  # اجتاز X الحدود إلى Y، نشرت X قوات حول Y
    assert facts("واجتاز مقاتلو حزب الله الحدود إلى داخل إدلب.") == {
        ("TRANSFERRED_TO", "HEZBOLLAH", "IDLIB", "asserted")}
    assert facts("ونشرت تركيا مئات الجنود حول جرابلس.") == {("TRANSFERRED_TO", "TURKEY", "JARABULUS", "asserted")}


def test_a_states_aircraft_named_with_its_kind_and_nationality_is_that_state():  # أسقطت X طائرة مقاتلة روسية
    assert ("FOUGHT", "RUSSIA", "TURKEY", "asserted") in facts(
        "وأعلنت روسيا أن تركيا أسقطت طائرة مقاتلة روسية قرب الحدود.")


def test_shelling_by_a_genitive_agent_of_sites_a_nationality_adjective_owns():  # وقصف الجيش X مواقع تركية
    assert facts("وتتهم تركيا المسلحين بالتمركز قرب الموصل، وقصف الجيش العراقي مواقع تركية هناك.") == {
        ("FOUGHT", "IRAQI_ARMY", "TURKEY", "asserted")}  # the place before the trigger is no second subject
    assert facts("وتتهم تركيا المسلحين بالتمركز قرب الموصل، وقصفت روسيا أهدافا تركية هناك.") == {
        ("FOUGHT", "RUSSIA", "TURKEY", "asserted")}


def test_an_economic_blockade_is_no_fight_but_a_siege_is():  # حصار اقتصادي، حصارا اقتصاديا
    assert facts("وفرضت تركيا حصارا اقتصاديا على العراق، وفرضت روسيا حصار اقتصادي على تركيا.") == set()
    assert facts("وفرضت قسد حصارا على داعش في الرقة.") == {("FOUGHT", "ISIS", "SDF", "asserted")}


def test_the_owner_of_targets_after_the_agent_and_a_time_phrase_is_the_object():  # قصف X ليلة أمس مواقع لـ Y
    assert facts("قصف التحالف الدولي فجر الأحد مواقع لتنظيم داعش شمال الرقة.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("وهاجمت قسد مساء السبت الماضي مقرات تابعة لجبهة النصرة في ريف المدينة.") == {
        ("FOUGHT", "NUSRA", "SDF", "asserted")}


def test_a_party_and_its_allies_named_after_it_are_one_side():  # X وحلفائهم من Y
    assert facts("وقصفت قسد مواقع جبهة النصرة وحلفائها من حركة أحرار الشام قرب المدينة.") == {
        ("FOUGHT", "NUSRA", "SDF", "asserted"), ("FOUGHT", "AHRAR", "SDF", "asserted")}


def test_casualties_of_a_party_from_a_counted_number_of_attacks_by_another():  # قتلى من X جراء ثلاث غارات لـ Y
    assert facts("وسقط قتلى وجرحى من عناصر تنظيم داعش جراء أربع غارات للتحالف الدولي على مواقعه.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}


def test_the_second_side_after_a_backer_phrase_may_open_with_a_member_noun():  # بين X المدعومة من Z، ومقاتلي Y
    assert facts("واندلعت المعارك بين قوات النظام المدعومة من حزب الله، ومقاتلي جبهة النصرة في ريف المدينة.") == {
        ("FOUGHT", "NUSRA", "REGIME", "asserted"), ("SUPPORTED_BY", "REGIME", "HEZBOLLAH", "asserted")}


def test_destroying_a_partys_convoys_or_reinforcements_is_fighting_it():  # دمرت X أرتالا وتعزيزات لـ Y
    assert facts("ودمرت طائرات التحالف الدولي أرتالا وتعزيزات لتنظيم داعش قرب الرقة.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("ودمر التحالف الدولي تعزيزات لتنظيم داعش قرب الرقة.") == {("FOUGHT", "COALITION", "ISIS", "asserted")}


def test_a_unit_or_arm_that_belongs_to_a_party_through_taabi_stands_for_it():  # قوة تابعة لـ X، الطيران التابع لـ X
    assert facts("وهاجمت قوة تابعة للجيش العراقي مقرات لتنظيم داعش قرب الحدود.") == {
        ("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}
    assert facts("قصف الطيران الحربي التابع للجيش العراقي مواقع لتنظيم داعش شمال المدينة.") == {
        ("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}
    assert facts("وقتل عشرة من عناصر داعش في غارات نفذتها مروحيات تابعة للجيش العراقي.") == {
        ("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}


def test_a_name_owned_through_taabi_is_no_stand_in_for_its_owner():  # X التابعة لـ Y: Y is X's parent
    assert facts("وهاجمت هيئة تحرير الشام مواقع لحركة أحرار الشام التابعة لجبهة النصرة.") == {
        ("FOUGHT", "AHRAR", "HTS", "asserted")}
    assert facts("وقال المرصد إن مسلحين تابعين لجبهة النصرة هاجموا مواقع لحركة أحرار الشام.") == {
        ("FOUGHT", "AHRAR", "NUSRA", "asserted")}


def test_a_transitive_transfer_moves_the_people_named_after_its_subject():  # نقلت X المعتقلين إلى Y
    assert facts("ونقلت قسد المعتقلين إلى الرقة بعد انتهاء التحقيق.") == set()
    assert facts("ونقلت قسد عناصرها إلى الرقة بعد انتهاء المعارك.") == {("TRANSFERRED_TO", "SDF", "RAQQA", "asserted")}
    assert facts("وتتهم تقارير تركيا بنقل مسلحين من جبهة النصرة عبر الحدود إلى إدلب.") == {
        ("TRANSFERRED_TO", "NUSRA", "IDLIB", "asserted")}


def test_a_victory_over_a_party_or_its_defeat_is_a_fight_with_it():  # النصر على X، هزمت X Y، من هزيمة X
    assert facts("وحققت قوات سوريا الديمقراطية انتصارات متتالية على تنظيم داعش في ريف المدينة.") == {
        ("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("وهزم الجيش العراقي مسلحي تنظيم داعش في معارك الصيف.") == {
        ("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}
    assert facts("وتمكنت قسد من هزيمة تنظيم داعش شرق النهر.") == {("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("وحقق حزب الله نصرا انتخابيا في الجنوب.") == set()


def test_the_members_in_a_body_stand_for_it_but_its_spokesman_does_not():  # المقاتلين في حركة X، قيادي في X
    assert facts("وتستهدف قسد المقاتلين في حركة أحرار الشام بريف المدينة.") == {
        ("FOUGHT", "AHRAR", "SDF", "asserted")}
    assert facts("وقال قيادي في حركة أحرار الشام إن الحركة سيطرت على الرقة.") == set()


def test_a_time_phrase_set_off_by_commas_is_read_past():  # بدأت X، منذ أواخر يوليو الماضي، مهاجمة Y
    assert facts("وبدأت قسد، منذ أواخر أيار (مايو) الماضي، مهاجمة عناصر تنظيم داعش شرق النهر.") == {
        ("FOUGHT", "ISIS", "SDF", "asserted")}
    assert facts("وأرسلت تركيا تعزيزات، منذ عدة أسابيع، إلى إدلب.") == {
        ("TRANSFERRED_TO", "TURKEY", "IDLIB", "asserted")}
    assert facts("وبدأ الجيش العراقي عملية عسكرية في تلعفر باسم \"نصر قريب\"، في 11 آذار/ كانون الثاني الماضي، "
                 "ضد مسلحي \"وحدات حماية الشعب\" السورية.") == {("FOUGHT", "IRAQI_ARMY", "YPG", "asserted")}


def test_a_counterpart_set_off_by_commas_is_read_past():  # توصل X، ونظيره الروسي P، إلى اتفاق
    assert facts("وتوصل سامر الحمد، ونظيره التركي خالد العلي، إلى اتفاق بشأن إدلب.") == {
        ("NEGOTIATED_WITH", "KHALED", "SAMER", "asserted")}
    assert facts("وشارك في المباحثات ممثلو ثلاث جهات وهي قسد، وجبهة النصرة، والمعارضة، في إدلب.") == set()


def test_a_meeting_or_a_phone_call_between_two_parties_is_a_negotiation():  # اجتمع مع، التقى، لقاء بين، اتصال هاتفي
    assert facts("اجتمع سامر الحمد مع خالد العلي في أنقرة أمس.") == {
        ("NEGOTIATED_WITH", "KHALED", "SAMER", "asserted")}
    assert facts("التقى سامر الحمد خالد العلي في أنقرة.") == {("NEGOTIATED_WITH", "KHALED", "SAMER", "asserted")}
    assert facts("وجاء القرار بعد لقاء بين سامر الحمد وخالد العلي في أنقرة.") == {
        ("NEGOTIATED_WITH", "KHALED", "SAMER", "asserted")}
    assert facts("وبحث سامر الحمد في اتصال هاتفي مع خالد العلي الأوضاع في المنطقة.") == {
        ("NEGOTIATED_WITH", "KHALED", "SAMER", "asserted")}


def test_a_meeting_that_two_parties_ask_for_is_no_meeting_between_them():
    assert facts("وطلبت تركيا وروسيا عقد اجتماع عاجل لمجلس الأمن.") == set()


def test_allies_joined_by_fi_are_on_the_side_before():  # ضد X وحلفائها في «Y»
    assert facts("شن الجيش العراقي هجوما ضد داعش وحلفائها في «جبهة النصرة».") == {
        ("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted"), ("FOUGHT", "IRAQI_ARMY", "NUSRA", "asserted")}


def test_a_bare_place_noun_that_names_a_group_is_the_group_but_not_after_a_demonstrative():  # القاعدة
    names = {**NAMES, "القاعدة": ("QAEDA", ORG)}
    doc = make_doc("شن الجيش العراقي هجوما ضد القاعدة قرب الموصل.", names=names)
    assert {(r.type, r.subject, r.object) for r in extract_relations(doc, lambda e: e in STATES)} == {
        ("FOUGHT", "IRAQI_ARMY", "QAEDA")}
    doc = make_doc("وقالت تركيا إن طائراتها ستقلع من هذه القاعدة صباحا.", names=names)
    view = SentView(doc, doc.sentences[0], load_lexicon(), lambda e: e in STATES)
    assert [a.entity for a in view.args] == ["TURKEY"]  # the candidates of the learned layer too


def test_a_name_after_a_site_noun_is_the_object_even_with_a_place_after_it():  # استهدفت مواقع X قرب Y
    assert facts("شن التحالف الدولي غارات جوية استهدفت مواقع داعش قرب الرقة.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}
    assert facts("هاجمت تركيا بلدة عفرين.") == set()  # a place after the VSO subject is no actor


def test_a_count_before_the_sites_keeps_the_preposition_of_the_attack():  # غارات على عدد من مواقع X
    assert facts("شن التحالف الدولي غارات على عدد من مواقع داعش.") == {("FOUGHT", "COALITION", "ISIS", "asserted")}


def test_a_year_phrase_between_the_verb_and_its_subject_is_read_past():  # التي اتفقت عليها السنة الماضية X وY
    assert facts("وشملت الهدنة البلدات التي اتفقت عليها السنة الماضية روسيا وتركيا والولايات المتحدة.") == {
        ("NEGOTIATED_WITH", "TURKEY", "USA", "asserted"), ("NEGOTIATED_WITH", "RUSSIA", "USA", "asserted"),
        ("NEGOTIATED_WITH", "RUSSIA", "TURKEY", "asserted")}


def test_driving_a_party_away_is_fighting_it():  # عملية عسكرية لإبعاد مقاتلي X
    assert facts("بدأت تركيا حملة في ريف منبج لإبعاد مسلحي قسد عن حدودها.") == {
        ("FOUGHT", "SDF", "TURKEY", "asserted")}


def test_the_announcer_of_a_deployment_moves_the_forces_it_deploys():  # أعلنت X نشر مقاتلات في Y
    assert facts("أعلنت الولايات المتحدة نشر مقاتلات في منبج.") == {("TRANSFERRED_TO", "USA", "MANBIJ", "asserted")}
    assert facts("بعد خروج مقاتلي داعش إلى الرقة.") == {("TRANSFERRED_TO", "ISIS", "RAQQA", "asserted")}
    assert facts("أعلنت تركيا أمس إرسال تعزيزات إلى عفرين.") == {("TRANSFERRED_TO", "TURKEY", "AFRIN", "asserted")}


def test_a_repeated_target_preposition_past_a_locative_adds_a_target():  # مواقع لـ X في Y ولـ Z، على X في Y وعلى Z
    assert facts("نفذت تركيا ضربات جوية على مواقع لداعش في الرقة ولحزب الله في ريف تدمر.") >= {
        ("FOUGHT", "ISIS", "TURKEY", "asserted"), ("FOUGHT", "HEZBOLLAH", "TURKEY", "asserted")}
    assert facts("شن التحالف الدولي غارات على داعش في الرقة وعلى جبهة النصرة قرب إدلب.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted"), ("FOUGHT", "COALITION", "NUSRA", "asserted")}
    assert facts("قصفت قسد مواقع لداعش في الرقة ولـ \"جبهة النصرة\" في إدلب.") == {
        ("FOUGHT", "ISIS", "SDF", "asserted"), ("FOUGHT", "NUSRA", "SDF", "asserted")}


def test_a_party_named_after_a_locative_and_a_new_clause_is_no_second_target():  # مواقع لـ X في Y ويقتل ...
    assert facts("قصفت قسد مواقع لداعش في الرقة وتقدمت قوات النظام نحو حلب.") == {
        ("FOUGHT", "ISIS", "SDF", "asserted")}


def test_the_commas_of_a_time_aside_join_no_list():  # اتهم X، الثلاثاء، Y بشن هجوم على Z
    assert facts("اتهمت روسيا، الأحد، هيئة تحرير الشام بشن هجوم على قوات النظام قرب إدلب.") == {
        ("FOUGHT", "HTS", "REGIME", "asserted")}


def test_a_person_as_the_vso_subject_of_a_move_leaves_no_party_to_guess():  # توجه فلان مع رجاله إلى Y
    assert facts("وإثر وقوع الموصل في يد داعش توجه سامر الحمد مع رجاله إلى تلعفر.") == {
        ("CONTROLS", "ISIS", "MOSUL", "asserted")}


def test_a_pronoun_between_is_the_subject_of_the_clause():  # اشتباكات دارت بينها وبين Y
    assert ("FOUGHT", "AHRAR", "HTS", "asserted") in facts(
        "دخلت هيئة تحرير الشام جرابلس عقب اشتباكات عنيفة جرت بينها وبين حركة أحرار الشام.")
    assert facts("قال خالد العلي إن العلاقة بينه وبين تركيا جيدة.") == set()


def test_a_reciprocal_verb_makes_a_coordinated_subject_the_two_sides():  # اشتبك X وY، تبادل X وY القصف
    assert facts("واشتبكت قسد وهيئة تحرير الشام قرب منبج.") == {("FOUGHT", "HTS", "SDF", "asserted")}
    assert facts("وتبادلت قسد وهيئة تحرير الشام القصف المدفعي قرب منبج.") == {("FOUGHT", "HTS", "SDF", "asserted")}
    assert facts("واشتبكت قسد والجيش الحر مع مسلحين مجهولين قرب منبج.") == set()  # the other side is unnamed
    assert facts("وتبادلت روسيا وتركيا الأسرى.") == set()


def test_dying_in_an_ambush_a_party_laid_is_a_fight_with_it():  # لقي X حتفهم في كمين نصبه Y
    assert ("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted") in facts(
        "ولقي ثلاثة من عناصر الجيش العراقي حتفهم في كمين نصبه داعش قرب الموصل.")


def test_a_leader_as_the_vso_subject_of_yaqud():  # يقود P X
    assert facts("ويقود أبو محمد الجولاني هيئة تحرير الشام منذ سنوات.") == {("LEADS", "JOLANI", "HTS", "asserted")}


def test_receiving_arms_or_air_support_from_a_party_is_being_supported_by_it():  # تتلقى X أسلحة من Y
    assert facts("وتتلقى هيئة تحرير الشام أسلحة من تركيا.") == {("SUPPORTED_BY", "HTS", "TURKEY", "asserted")}
    got = facts("وتلقت قسد دعما جويا من التحالف الدولي خلال معاركها مع داعش شرق الرقة.")
    assert {("SUPPORTED_BY", "SDF", "COALITION", "asserted"), ("FOUGHT", "ISIS", "SDF", "asserted")} <= got
    assert facts("واستولت قسد على أسلحة من داعش.") == set()


def test_sites_a_pronoun_owns_belong_to_the_party_named_before():  # أعلن X أن Y قصف مواقعه
    assert facts("وأعلن حزب الله أن قوات النظام قصفت مواقعه قرب تدمر.") == {
        ("FOUGHT", "HEZBOLLAH", "REGIME", "asserted")}
    assert facts("وأعلنت قسد عن مقتل عشرين مسلحا بقصف جوي استهدف أوكارهم قرب الرقة.") == set()  # no attacker said


def test_a_hedged_nationality_adjective_still_names_the_agent():  # غارات يعتقد أنها إسرائيلية
    assert facts("وأسفرت غارات يعتقد أنها تركية على مواقع لقسد عن قتلى، فيما نفت تركيا أي دور لها.") == {
        ("FOUGHT", "SDF", "TURKEY", "asserted")}


def test_a_side_of_a_border_told_by_a_demonym_is_no_party():  # على الجانب العراقي من الحدود
    assert facts("وأعلن العراق أن التحالف الدولي سيكثف عملياته العسكرية في الجانب العراقي من حدوده الغربية.") == set()


def test_a_side_loyal_to_the_first_after_bayn_fights_beside_it():  # بين X وY الموالية لها وZ
    assert facts("واحتدمت المعارك بين قوات النظام والمعارضة الموالية له وهيئة تحرير الشام جنوب إدلب.") == {
        ("FOUGHT", "HTS", "REGIME", "asserted"), ("FOUGHT", "HTS", "OPPOSITION", "asserted")}


def test_a_fight_a_party_seeks_to_avoid_is_denied():  # تجنب حرب مع X، تفادي مواجهة مع X
    assert facts("وتسعى تركيا إلى تجنب حرب مع روسيا في إدلب.") == {("FOUGHT", "RUSSIA", "TURKEY", "denied")}
    assert facts("وتحاول تركيا تفادي مواجهة مع روسيا.") == {("FOUGHT", "RUSSIA", "TURKEY", "denied")}


def test_bare_qasaf_after_a_resuming_pronoun_is_the_verb():  # قال X إنه قصف مواقع لـ Y
    assert facts("قال حزب الله إنه قصف مواقع لتنظيم داعش.") == {("FOUGHT", "HEZBOLLAH", "ISIS", "asserted")}
    assert facts("أدى قصف مواقع داعش إلى خسائر كبيرة.") == set()  # the verbal noun with no agent named


def test_members_after_min_or_a_count_are_the_partys_fighters():  # قتل عناصر من X، جنودا من X، عددا من مسلحي X
    assert facts("قال الجيش العراقي إنه قتل عناصر من تنظيم داعش.") == {
        ("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}
    assert facts("قالت قسد إنها قتلت جنودا من قوات النظام.") == {("FOUGHT", "REGIME", "SDF", "asserted")}
    assert facts("قال الجيش العراقي إنه قتل عددا من مسلحي داعش.") == {("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}


def test_a_nationality_adjective_inside_the_objects_name_is_no_agent():  # استهداف الجيش العراقي
    assert facts("أعلنت قسد استهداف الجيش العراقي قرب الموصل.") == {("FOUGHT", "IRAQI_ARMY", "SDF", "asserted")}


def test_the_accused_made_the_attack_it_is_accused_of():  # اتهمت X Y بقصف مواقعها، بشن هجمات على أراضيها
    assert facts("اتهمت قسد تركيا بقصف مواقعها قرب منبج.") == {("FOUGHT", "SDF", "TURKEY", "asserted")}
    assert facts("وتتهم تركيا قسد بشن هجمات على أراضيها.") == {("FOUGHT", "SDF", "TURKEY", "asserted")}
    assert facts("اتهمت قسد تركيا بقصف مواقع لتنظيم داعش.") == {("FOUGHT", "ISIS", "TURKEY", "asserted")}
