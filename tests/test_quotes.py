"""Quotation spans: pure function tests."""
from __future__ import annotations

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
