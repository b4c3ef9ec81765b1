"""Generated documents through ingest and detection: nothing crashes, every offset points into the text.

CI reads a sample (CLAIMS_GENERATED_DOCUMENTS, 120 by default); the full run, 2,000 documents with a time
limit of 10 s each, is `python bench/robustness.py`.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from claims.detect import detect_document
from claims.ingest import InputError, read_bytes

EXAMPLES = int(os.environ.get("CLAIMS_GENERATED_DOCUMENTS", "120"))

# every quotation-mark style the languages use, and the ASCII and full-width ones writers type
MARKS = ["“", "”", "‘", "’", "«", "»", "‹", "›", "„", "‚", "「", "」", "『", "』", "〝", "〞", "＂", '"', "'",
         "″", "‟", "《", "》"]
WORDS = {
    "vi": ["ông", "bà", "Lâm Kiếm", "người phát ngôn", "cho biết", "nói", "khẳng định", "theo", "Dự luật",
           "Bộ Thương mại", "nhấn mạnh", "không", "sẽ", "1,5 tỷ USD", "năm 2024", "Trung Quốc", "Mỹ", "rằng",
           "các thành viên hội đồng", "Tổng thống", "Ông cũng nói thêm", "đại diện"],
    "en": ["said", "told Reuters", "according to", "Lin Jian", "Mr.", "She", "he added", "the spokesperson",
           "a source", "claimed", "warned", "not", "will", "$1.5 billion", "in 2024", "the bill", "Below",
           "Somehow", "U.S.", "e.g.", "Dr.", "that"],
    "zh": ["林剑", "表示", "说", "指出", "据", "报道", "外交部发言人", "美国", "中国", "不", "将", "15亿美元", "在",
           "强调", "认为", "。", "，", "：", "？"],
}
HTML = ["<p>", "</p>", "<br>", "<div class='caption'>", "</div>", "<script>alert(1)</script>",
        "<style>p{}</style>", "&amp;", "&quot;", "&#8220;", "<b>", "</b>", "<a href='javascript:x'>",
        "</a>", "<!-- c -->", "<img src=x onerror=alert(1)>", "<p><p><p>", "<blockquote>", "</blockquote>"]
BREAKS = [" ", " ", " ", "\n", "\n\n", ". ", ": ", ", ", "! ", "? ", "… ", " — ", "\t", "\r\n"]

ALL_WORDS = WORDS["vi"] + WORDS["en"] + WORDS["zh"]
VIETNAMESE_LETTERS = "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"

_printable = st.characters(blacklist_categories=("Cs", "Cc"))
_word = st.one_of(
    st.sampled_from(ALL_WORDS),
    st.text(alphabet=VIETNAMESE_LETTERS + "abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
    st.text(alphabet=_printable, min_size=1, max_size=6),  # any Unicode: combining marks, emoji, RTL
)
_words = st.lists(_word, min_size=0, max_size=14).map(" ".join)


@st.composite
def sentence(draw) -> str:
    """A quoted, reported or plain sentence, with marks that may not pair, or loose pieces of anything."""
    form = draw(st.integers(0, 5))
    mark = st.sampled_from(MARKS)
    if form == 0:  # "…," said X.
        return f"{draw(mark)}{draw(_words)}{draw(mark)}{draw(st.sampled_from(BREAKS))}" \
               f"{draw(_word)} {draw(_word)}{draw(st.sampled_from(BREAKS))}"
    if form == 1:  # X said (that) …
        return f"{draw(_word)} {draw(_word)} {draw(_words)}{draw(st.sampled_from(BREAKS))}"
    if form == 2:  # nested quotation
        return f"{draw(mark)}{draw(_words)} {draw(mark)}{draw(_words)}{draw(mark)} {draw(_words)}{draw(mark)}"
    if form == 3:
        return draw(st.sampled_from(HTML)) + draw(_words) + draw(st.sampled_from(HTML))
    if form == 4:  # a very long sentence
        return " ".join([draw(_word)] * draw(st.integers(200, 1500))) + "."
    return "".join(draw(st.lists(st.one_of(mark, _word, st.sampled_from(BREAKS), st.sampled_from(HTML),
                                           st.text(max_size=10)), max_size=20)))


@st.composite
def documents(draw) -> str:
    """Text of one generated article: paragraphs of generated sentences."""
    paragraphs = draw(st.lists(st.lists(sentence(), min_size=1, max_size=5).map(" ".join), min_size=1,
                               max_size=6))
    return draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "</p><p>"])).join(paragraphs)


def check_document(text: str) -> None:
    """Read and detect `text` as a file would be; refused input must be refused with InputError, and every
    offset of what is found must point into the text, at what it claims to hold."""
    try:
        doc = read_bytes(text.encode("utf-8", "surrogatepass"), "generated.txt")
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        event("refused: " + " ".join(str(exc).split(": ", 1)[1].split()[:3]))
        return
    result = detect_document(doc)
    event(f"read as {doc.lang}, {'with' if result.attributions else 'no'} attributions")
    n = len(doc.text)
    for p in doc.paragraphs:
        assert 0 <= p.start <= p.end <= n
    for s in doc.sentences:
        assert 0 <= s.start <= s.end <= n
    for a in result.attributions:
        assert 0 <= a.start < a.end <= n, a
        assert a.content.strip() and a.content.strip() in doc.text[a.start:a.end] or \
            doc.text[a.start:a.end].strip() in a.content, a
        if a.speaker_start is not None:
            assert 0 <= a.speaker_start < a.speaker_end <= n, a
    for c in result.claims:
        assert 0 <= c.start < c.end <= n, c
    original = doc.original_text if doc.original_text is not None else doc.text
    out = result.to_dict()
    for item in out["attributions"] + out["claims"]:
        for key in ("start", "end", "speaker_start", "speaker_end"):
            if item.get(key) is not None:
                assert 0 <= item[key] <= len(original), (key, item)


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
@example("““ ông ông  <p><p> “ ”A cho biết“ “")  # marks with nothing inside them after a cue: no empty statement
def test_generated_documents_are_read_or_refused_with_offsets_into_the_text(nlp_vi, nlp_en, text):
    check_document(text)
