"""Parties named in an earlier sentence and taken up by بينهما / الطرفين / طرفي النزاع (kg/relations/references.py)."""

from tests.test_relations import facts


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
