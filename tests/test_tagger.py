"""The word tagger on the sentence encoder: English names and parts of speech."""
from __future__ import annotations

import pytest

from claims.nlp.tagger import first_pieces, has_tagger, load_tagger, repair_bio, windows


def test_first_piece_of_each_word():
    assert first_pieces([None, 0, 0, 1, 2, 2, 2, None, None]) == [1, 3, 4]


def test_an_inside_tag_without_its_opening_opens_an_entity():
    assert repair_bio(["O", "I-PER", "I-PER", "I-ORG", "B-LOC", "I-LOC"]) == \
        ["O", "B-PER", "I-PER", "B-ORG", "B-LOC", "I-LOC"]


def test_long_sentences_are_cut_into_windows():
    assert windows(["w"] * 250, 120) == [(0, 120), (120, 240), (240, 250)]
    assert windows([], 120) == [(0, 0)]


@pytest.fixture(scope="module")
def tagger(encoder):
    if not has_tagger("en"):
        pytest.fail("the English word tagger (claims/nlp/models/en/tagger.pt) is missing")
    return load_tagger("en")


def test_english_parts_of_speech_and_tree(tagger):
    words = "Brian Hemming , the mayor of Kingsville , told the Windsor Star on Monday that the plan would fail .".split()
    tags = tagger.tag([words])[0]
    assert tagger.tasks == {"upos", "parse"}
    upos = dict(zip(words, tags["upos"]))
    assert upos["told"] == "VERB" and upos["mayor"] == "NOUN" and upos["Hemming"] == "PROPN"
    assert upos["would"] == "AUX" and upos[","] == "PUNCT" and upos["the"] == "DET"
    head = {w: (tags["head"][i], tags["deprel"][i]) for i, w in enumerate(words)}
    told = words.index("told") + 1
    assert head["told"] == (0, "root")
    assert head["Hemming"][0] == told and head["Hemming"][1] == "nsubj" or head["Brian"] == (told, "nsubj")
    assert head["fail"] == (told, "ccomp")
    assert tags["head"].count(0) == 1


def test_a_sentence_initial_adverb_is_no_proper_noun(tagger):
    words = "Somehow , the ministry said , nobody had read the report .".split()
    assert tagger.tag([words])[0]["upos"][0] == "ADV"


def test_every_word_of_a_very_long_sentence_gets_labels_and_one_root(tagger):
    words = ("Officials in Ottawa said on Tuesday that the council would meet again , " * 30).split()
    tags = tagger.tag([words, ["Yes", "."]])
    assert len(tags[0]["upos"]) == len(words) and all(tags[0]["upos"])
    assert tags[0]["head"].count(0) == 1 and all(0 <= h <= len(words) for h in tags[0]["head"])
    assert tags[1]["upos"] == ["INTJ", "PUNCT"] and tags[1]["head"] == [0, 1]


def test_english_parse_takes_the_tagger_labels_when_switched_on(nlp_en, tagger, monkeypatch):
    from claims.nlp.pipeline import parse, word_tagger_in_use

    text = "Somehow the mayor, Brian Hemming, said Kingsville would not pay."
    stanza_parse = parse(text, "en")[0]
    monkeypatch.setenv("CLAIMS_WORD_TAGGER", "1")
    assert word_tagger_in_use("en") and not word_tagger_in_use("vi")
    sentence = parse(text, "en")[0]
    words = [t.text for t in sentence.tokens]
    assert words == [t.text for t in stanza_parse.tokens]
    tags = tagger.tag([words])[0]
    assert [t.head for t in sentence.tokens] == tags["head"]
    assert [t.deprel for t in sentence.tokens] == tags["deprel"]
    # the names stanza found still make proper nouns (claims.nlp.pipeline._name_tags)
    assert [t.upos for t in sentence.tokens if t.ner == "O"] == [u for u, t in zip(tags["upos"], sentence.tokens)
                                                                 if t.ner == "O"]
    assert [t.ner for t in sentence.tokens] == [t.ner for t in stanza_parse.tokens]
    assert sentence.tokens[0].upos == "ADV"
