"""Normalization and tokenization: offsets stay true to the original text, clitics are readable."""

from kg.normalize import normalize, proclitic_readings
from kg.tokenize import split_sentences, tokenize


def test_normalize_folds_spelling_variants_but_not_words():
    assert normalize("الإسلاميّة") == normalize("الاسلامية") == "الاسلاميه"
    assert normalize("«داعش»") == "داعش"
    assert normalize("قـــوات") == "قوات"
    assert normalize("\u200fقسد\u200e") == "قسد"
    assert normalize("مستشفى") == normalize("مستشفي")


def test_proclitic_readings_offer_the_stem_of_attached_names():
    stems = dict((s, n) for n, s in proclitic_readings(normalize("للبادية")))
    assert "الباديه" in stems
    assert dict((s, n) for n, s in proclitic_readings("لقسد"))["قسد"] == 1
    assert dict((s, n) for n, s in proclitic_readings("وبالرقه"))["الرقه"] == 2
    assert proclitic_readings("ولد") == ((0, "ولد"),)


def test_tokens_keep_offsets_into_the_original_text():
    text = "شنّت «قسد» هجوماً على بلدةِ الكشمة، وقتل 3.5 ألف."
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text
    assert [t.text for t in tokenize(text)][:4] == ["شنّت", "«", "قسد", "»"]
    assert "3.5" in [t.text for t in tokenize(text)]


def test_sentences_split_on_arabic_punctuation_and_lines():
    text = "اندلعت معارك في الرقة. هل انسحب التنظيم؟ نعم\nعنوان آخر"
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [
        "اندلعت معارك في الرقة.", "هل انسحب التنظيم؟", "نعم", "عنوان آخر"]


def test_overlong_sentences_are_cut():
    text = " ".join(["كلمة"] * 400)
    assert all(len(s.tokens) <= 120 for s in split_sentences(text))
