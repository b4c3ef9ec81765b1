"""Language data: pure function tests."""
from __future__ import annotations

from claims.detect.langdata import load_language, spellings, syllable_alternates, with_variants

ALTERNATES = syllable_alternates(["k", "s", "m", "qu"], ["iy", "ĩỹ", "ỉỷ"])


def test_a_phrase_is_spelled_both_ways_syllable_by_syllable():
    assert spellings("kỹ sư", ALTERNATES) == ["kỹ sư", "kĩ sư"]
    assert spellings("Mỹ", ALTERNATES) == ["Mỹ", "Mĩ"]  # a capital stays a capital
    assert spellings("thi", ALTERNATES) == ["thi"]  # "th" is not an onset that varies
    assert spellings("tai", ALTERNATES) == ["tai"]  # nor a diphthong: "tai" (ear) is not "tay" (hand)


def test_each_list_gets_the_other_spellings_after_its_own():
    data = {"titles": ["bác sĩ", "kỹ sư", "bác sỹ"], "marks": {"“": "”"}, "nested": {"items": ["quỹ"]}}
    assert with_variants(data, ALTERNATES) == {
        "titles": ["bác sĩ", "kỹ sư", "bác sỹ", "kĩ sư"], "marks": {"“": "”"}, "nested": {"items": ["quỹ", "quĩ"]}}


def test_the_vietnamese_file_reads_both_spellings_and_english_is_untouched():
    vi = load_language("vi")
    assert "sỹ quan" in vi["person_nouns"] and "sĩ quan" in vi["person_nouns"]
    assert "lí giải" in vi["cues"]["always"]
    assert "spelling_variants" not in load_language("en")
