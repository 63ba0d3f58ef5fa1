"""One test for each construction a comment in the rule layer cites (kg/relations/*.py), on sentences
written for these tests: the comment's example, in other words, stays true."""

from tests.test_relations import extract, facts


def test_possessive_la_argument_is_the_weakest_subject():  # القيادة العامة لقوات قسد
    assert facts("أعلنت القيادة العامة لقوات سوريا الديمقراطية بدء هجوم على داعش.") == {
        ("FOUGHT", "ISIS", "SDF", "asserted")}


def test_the_speaker_resumed_by_its_pronoun_is_the_subject():  # قالت قسد إنها سيطرت
    assert facts("قالت قسد إنها سيطرت على الرقة.") == {("CONTROLS", "SDF", "RAQQA", "asserted")}


def test_a_speaker_is_not_the_agent_of_what_it_condemns():  # دان الكرملين الضربات
    assert facts("دان الكرملين الضربات على مواقع المعارضة.") == set()


def test_an_enabling_verb_makes_no_fighter_of_the_backer():  # زودت واشنطن الأكراد بالسلاح دعما لهم
    got = facts("زودت الولايات المتحدة وحدات حماية الشعب بالسلاح دعما لها في المعركة ضد داعش.")
    assert not any(f[0] == "FOUGHT" and "USA" in f for f in got)


def test_a_comma_and_wa_opens_a_new_clause():  # ، وإغلاق حدوده مع سوريا
    assert facts("طالبت روسيا بوقف الغارات، وإغلاق الحدود مع تركيا.") == set()


def test_a_country_after_a_place_word_is_where_not_who():  # معارك شمال سوريا
    assert facts("تدور معارك شمال العراق بين البيشمركة وداعش.") == {("FOUGHT", "ISIS", "PESHMERGA", "asserted")}


def test_a_detached_preposition_before_a_quoted_name():  # لـ «قسد»
    assert facts("تصدت وحدات حماية الشعب لـ «داعش» قرب الحسكة.") == {("FOUGHT", "ISIS", "YPG", "asserted")}


def test_the_subject_inside_a_resumptive_relative_clause():  # الحملة التي يشنها X ضد Y
    assert facts("تتواصل الحملة العسكرية التي يشنها التحالف الدولي ضد داعش.") == {
        ("FOUGHT", "COALITION", "ISIS", "asserted")}


def test_an_agent_adjective_names_no_entity():  # الغارات الإسرائيلية ضد X
    assert facts("تواصلت الغارات الروسية ضد جبهة النصرة.") == set()


def test_object_pronoun_in_a_relative_clause_takes_the_antecedent():  # التنظيمات التي تستهدفها موسكو
    assert facts("تراجعت جبهة النصرة التي تستهدفها روسيا منذ أشهر.") == {("FOUGHT", "NUSRA", "RUSSIA", "asserted")}


def test_object_pronoun_outside_a_relative_clause_is_the_subject():  # يخشى التنظيم أن يهاجمه الجيش
    assert facts("انسحب داعش من الموصل بعد أن هاجمه الجيش العراقي.") == {
        ("FOUGHT", "IRAQI_ARMY", "ISIS", "asserted")}


def test_a_place_object_is_no_opponent():  # هاجمت تركيا بلدة عفرين
    assert facts("هاجمت تركيا بلدة عفرين.") == set()


def test_a_country_as_a_locative_is_not_what_is_controlled():  # في سوريا، شمال شرق سوريا
    assert facts("سيطرت البيشمركة على مواقع في شمال العراق.") == set()


def test_a_place_that_only_locates_the_town_is_not_controlled():  # بلدة راجو الواقعة شمال غرب عفرين
    assert facts("سيطر الجيش الحر على بلدة جنديرس الواقعة جنوب غرب عفرين.") == {
        ("CONTROLS", "FSA", "JINDIRES", "asserted")}


def test_a_definite_verbal_noun_without_genitive_has_no_mover():  # الراغبين في الخروج
    assert facts("قالت قسد إنها ستؤمن طريق الراغبين في الخروج إلى إدلب.") == set()


def test_weak_movement_triggers_need_their_party_said():  # فرار، هروب
    assert not any(f[0] == "TRANSFERRED_TO" for f in facts("قالت قسد إن الفرار إلى الرقة مستمر."))


def test_a_second_description_with_wa_is_not_of_the_name_before():  # والمدعومة
    got = facts("تقدمت فصائل تحالف الشمال قرب تركيا والمدعومة من الولايات المتحدة.")
    assert not any(f[0] == "SUPPORTED_BY" for f in got)


def test_coordinated_locatives_share_the_preposition():  # في سوريا والعراق
    assert facts("قاتلت البيشمركة داعش في تركيا والعراق.") == {("FOUGHT", "ISIS", "PESHMERGA", "asserted")}


def test_coordinated_backers_are_all_backers():  # المدعومة من روسيا وإيران
    got = facts("تقدمت قوات النظام المدعومة من روسيا وتركيا نحو تدمر.")
    assert {("SUPPORTED_BY", "REGIME", "RUSSIA", "asserted"), ("SUPPORTED_BY", "REGIME", "TURKEY", "asserted")} <= got
    assert not any(f[0] == "FOUGHT" for f in got)


def test_passive_agent_after_ala_yad():  # على يد X
    assert facts("تعرضت مواقع داعش لهجوم على يد البيشمركة.") == {("FOUGHT", "ISIS", "PESHMERGA", "asserted")}


def test_a_preposition_makes_a_verb_a_verbal_noun():  # لطرد، بنقل
    assert ("FOUGHT", "ISIS", "SDF", "asserted") in facts("شنت قسد هجوما واسعا لطرد داعش من الرقة.")


def test_a_coordinated_verb_opens_its_own_modality_scope():  # رفضوا وانسحبوا
    assert facts("رفض مقاتلو داعش الاستسلام وانسحبوا إلى الرقة.") == {
        ("TRANSFERRED_TO", "ISIS", "RAQQA", "asserted")}


def test_a_relation_word_inside_a_name_is_no_trigger():  # تحرير in هيئة تحرير الشام
    rels = extract("وصل وفد من هيئة تحرير الشام إلى إدلب.")
    assert all(r.trigger != "تحرير" for r in rels)
