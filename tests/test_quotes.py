"""Quotation spans: pure function tests."""
from __future__ import annotations

import re

from claims.detect.langdata import load_language
from claims.detect.quotes import find_quotes

MARKS = load_language("en")["quotation_marks"]


def spans(text):
    return [(text[q.start:q.end], q.closed) for q in find_quotes(text, 0, len(text), MARKS)]


def test_each_style_of_mark():
    for text in ("He said “yes” today.", 'He said "yes" today.', "He said «yes» today.", "He said „yes“ today.",
                 "He said ‘yes’ today.", "He said 「yes」 today.", "He said 『yes』 today."):
        assert [s for s, _ in spans(text)] == [text[8:13]], text


def test_nested_quote_stays_inside_the_outer_one():
    text = "“He called it ‘a disaster’, and left,” she said."
    assert spans(text) == [("“He called it ‘a disaster’, and left,”", True)]


def test_apostrophes_are_not_quotes():
    text = "‘We don’t know Raimondo’s plan,’ he said."
    assert spans(text) == [("‘We don’t know Raimondo’s plan,’", True)]


def test_a_straight_double_mark_typed_for_an_apostrophe_opens_nothing():
    text = 'German officers were ready to stage a coup d"état against Hitler, "if only the West had resisted."'
    assert spans(text) == [('"if only the West had resisted."', True)]


def test_an_inner_quotation_closed_in_the_other_style_leaves_the_outer_one_closed():
    vi_marks = load_language("vi")["quotation_marks"]
    text = '"Mọi người nói rằng, “Đây là sự kết thúc của phương Tây "”, ông Fleiss nói.'
    quotes = find_quotes(text, 0, len(text), vi_marks)
    assert [(text[q.start:q.end], q.closed) for q in quotes] == [(text[:text.index("”") + 1], True)]


def test_an_odd_number_of_straight_marks_closes_the_carried_quotation_too():
    text = 'Somebody called it "Snow White and the Seven Dwarfs.""'
    quotes = find_quotes(text, 0, len(text), MARKS, continued='"')
    assert [(text[q.start:q.end], q.opened_before) for q in quotes] == [(text, True)]
    text = 'Somebody called it "Snow White." Then we left.'  # an even number: a new quotation of its own
    assert [text[q.start:q.end] for q in find_quotes(text, 0, len(text), MARKS, continued='"')] == ['"Snow White."']


def test_unclosed_quote_stops_at_the_paragraph_end():
    text = "“This never closes. And goes on."
    assert spans(text) == [(text, False)]
    para_two = "Second paragraph."
    full = text + "\n" + para_two
    assert find_quotes(full, 0, len(text), MARKS)[0].end == len(text)


def test_five_thousand_opening_marks():
    text = "“" * 5000 + " words"
    quotes = find_quotes(text, 0, len(text), MARKS)
    assert len(quotes) == 1 and not quotes[0].closed and quotes[0].end == len(text)


CUES = (re.compile(r"(?<!\w)(?:said|cho biết|nói)(?!\w)"),)


def test_a_closing_mark_whose_opening_was_lost_closes_a_quotation_when_a_cue_follows():
    text = 'There are more than 300,000 people living there," the Red Cross said in a statement.'
    quotes = find_quotes(text, 0, len(text), MARKS, cues=CUES)
    assert [(text[q.start:q.end], q.closed) for q in quotes] == [(text[:text.index('"') + 1], True)]
    assert text[slice(*quotes[0].inner)] == "There are more than 300,000 people living there,"
    text = "Có hơn 300.000 người sống ở đó” Hội Chữ thập đỏ cho biết trong một tuyên bố."
    assert [text[q.start:q.end] for q in find_quotes(text, 0, len(text), MARKS, cues=CUES)] == \
        ["Có hơn 300.000 người sống ở đó”"]


def test_a_lone_closing_mark_is_no_quotation_without_a_cue_after_it_or_with_a_mark_before_it():
    for text in ("Có hơn 300.000 người sống ở đó” và con số này còn tăng.",  # no cue after it
                 "Chính sách này được làm theo kiểu ”ăn xổi rất lâu rồi” ông nói.",  # a mark before it
                 "The players’ union said the league broke the deal.",  # a single mark closes possessives
                 'Five of them, "Smith said on Monday.'):  # a straight mark after a space opens
        assert all(not q.opened_before for q in find_quotes(text, 0, len(text), MARKS, cues=CUES)), text
    text = "Có hơn 300.000 người sống ở đó” Hội Chữ thập đỏ cho biết."
    assert find_quotes(text, 0, len(text), MARKS) == []  # without the language's cues, nothing is guessed
