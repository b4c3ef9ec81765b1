"""Decoding, HTML, paragraphs and language: pure functions."""
from __future__ import annotations

import pytest

from claims.ingest import InputError, decode, detect_language, make_document, read_bytes, split_paragraphs
from claims.ingest.html import html_to_text


def test_decodes_utf8_with_and_without_bom_and_utf16():
    text = "Bà Hoa nói: “Xin chào”."
    assert decode(text.encode()) == text
    assert decode(b"\xef\xbb\xbf" + text.encode()) == text
    assert decode(text.encode("utf-16")) == text


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"   \n\t ", "no text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("Tiếng Việt".encode("cp1258", errors="ignore") + b"\xff\xfe\xfa", "not UTF-8"),
    (b"a" * (5 * 1024 * 1024 + 1), "5 MB"),
])
def test_refuses_bad_input_with_one_line(data, message):
    with pytest.raises(InputError) as err:
        decode(data, "x.txt")
    assert message in str(err.value) and "\n" not in str(err.value)


def test_html_keeps_visible_text_and_paragraphs():
    html = ("<html><head><title>t</title><style>p{color:red}</style><script>alert('x')</script></head>"
            "<body><nav>Home | News</nav><p>First &amp; foremost.</p><div>Second<br>line</div>"
            "<footer>© 2024</footer></body></html>")
    text = html_to_text(html)
    assert text.splitlines() == ["First & foremost.", "Second", "line"]
    assert "alert" not in text and "Home" not in text


def test_repeated_paragraphs_point_to_the_first():
    text = "One.\nTwo.\n\nOne.\nThree.\n  Two.  \n"
    paragraphs = split_paragraphs(text)
    assert [p.duplicate_of for p in paragraphs] == [None, None, 0, None, 1]
    assert text[paragraphs[4].start:paragraphs[4].end] == "Two."


def test_language_detection():
    assert detect_language("Bộ trưởng cho biết rằng chính phủ sẽ không tăng thuế trong năm nay.") == "vi"
    assert detect_language("The minister said that the government would not raise taxes this year.") == "en"


def test_offsets_refer_to_the_text_as_given_even_when_not_nfc():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Ông Nam nói rằng giá sẽ tăng.")
    doc = make_document(decomposed, "vi")
    assert doc.text == unicodedata.normalize("NFC", decomposed)
    start = doc.text.index("giá")
    assert decomposed[doc.user_offset(start):doc.user_offset(start + 3)] == unicodedata.normalize("NFD", "giá")


def test_html_input_detected_from_content():
    doc = read_bytes(b"<p>Hello there, said John.</p><script>var x = '<p>no</p>';</script>", "page.txt")
    assert "var x" not in doc.text and "Hello there" in doc.text


def test_html_drops_captions_bylines_related_boxes_and_embedded_posts():
    html = ("<article><p class='byline'>By Jane Doe</p><figure><img src='x.jpg'>"
            "<figcaption>Lin Jian at a briefing. Photo: Reuters</figcaption></figure>"
            "<p>The ministry said the rules were unfair.</p>"
            "<blockquote class='twitter-tweet'><p>We will never accept this</p>&mdash; Someone (@someone)</blockquote>"
            "<div class='related-articles'><a href='/a'>China vows to respond</a></div>"
            "<div class='article__share'>Share on X</div><p>It was the second such move this year.</p></article>")
    assert html_to_text(html).splitlines() == ["The ministry said the rules were unfair.",
                                               "It was the second such move this year."]


@pytest.mark.parametrize("line, lang, kind", [
    ("Watch: Biden speaks at the White House", "en", "link or prompt"),
    ("READ MORE: Ottawa to cut tariffs", "en", "link or prompt"),
    ("Advertisement", "en", "link or prompt"),
    ("By Jane Doe and John Roe", "en", "byline"),
    ("Reporting by David Ljunggren; Editing by Leslie Adler", "en", "byline"),
    ("Lin Jian speaks at a briefing in Beijing. Photo: Reuters", "en", "caption"),
    ("Protesters outside parliament. (AP Photo/Evan Vucci)", "en", "caption"),
    ("Great game tonight pic.twitter.com/abc — Jane Doe (@janedoe) May 3, 2024", "en", "social post"),
    ("By Friday, the toll had risen.", "en", None),
    ("By 2030, emissions will fall by half, the minister said.", "en", None),
    ("He said one thing mattered most to his image: honesty.", "en", None),
    ("Watch the markets, she said.", "en", None),
    ("More than 300 people were evacuated, officials said.", "en", None),
    ("Xem thêm: Giá vàng hôm nay tăng mạnh", "vi", "link or prompt"),
    ("Người phát ngôn Lâm Kiếm. Ảnh: Reuters", "vi", "caption"),
    ("Người dân xếp hàng mua vàng. Ảnh minh họa", "vi", "caption"),
    ("Bài và ảnh: Nguyễn Văn An", "vi", "byline"),
    ("Ảnh hưởng của dự luật: rất lớn, ông nói.", "vi", None),
    ("Theo ông Nam, giá sẽ tăng.", "vi", None),
    ("相关阅读：外交部回应", "zh", "link or prompt"),
    ("外交部发言人林剑。（新华社记者张三摄）", "zh", "caption"),
    ("外交部发言人林剑10日在例行记者会上表示：“美方做法违反市场经济原则。”", "zh", None),
    ("记者问：美方将出台新规，中方有何回应？", "zh", None),
])
def test_page_furniture_lines(line, lang, kind):
    from claims.detect.furniture import furniture_kind

    assert furniture_kind(line, lang) == kind


def test_zero_width_characters_do_not_part_words_and_offsets_still_refer_to_the_text_as_given():
    given = "Neal Baer, \u200b\u200bngười điều hành show, nói rằng giá sẽ tăng.\ufeff"
    doc = make_document(given, "vi")
    assert "\u200b" not in doc.text and "\ufeff" not in doc.text
    start = doc.text.index("người")
    assert given[doc.user_offset(start):doc.user_offset(start + 5)] == "người"
    assert doc.user_offset(len(doc.text)) == len(given)
