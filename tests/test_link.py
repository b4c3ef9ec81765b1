"""The link model and what it reads: the shipped model, the evidence functions, generated edits, speakers tied
to the database (real encoder and database where they are used)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claims.match.query import search_text
from claims.verify import data, names_agree
from claims.verify.link import MODEL_PATH, LinkModel, names, numbers, text_language

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_model_loads_with_its_dev_scores():
    model = LinkModel.load()
    assert 0.2 <= model.threshold <= 0.9
    info = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["info"]
    assert "parallel vi>en, one sentence a statement (half of the sources removed)" in info["dev"]
    assert MODEL_PATH.stat().st_size < 1_000_000


def test_numbers_are_written_one_way():
    assert numbers("It rose 1,000 in June", "en") == {"1000", "6"}
    assert numbers("tăng 1.000 vào tháng 6", "vi") == {"1000", "6"}
    assert numbers("two of them", "en") == {"2"} and numbers("two of them", "en", words=False) == set()
    assert numbers("it may rain", "en") == set()  # "May" the month is not read: it is also a modal verb


def test_names_skip_the_first_word_of_a_sentence():
    assert names("Officials said Trump met Kim in Hanoi.") == {"trump", "kim", "hanoi"}
    assert names("“Somehow it worked,” she said.") == set()


def test_text_language_tells_chinese_by_its_script():
    assert text_language("外交部发言人林剑10日表示，美方应当信守承诺。") == "zh"
    assert text_language("Người phát ngôn nói rằng Mỹ nên giữ cam kết.") == "vi"
    assert text_language("The spokesman said the US should keep its word.") == "en"


@pytest.mark.parametrize("a, b, same", [("Lin", "Lin Jian", True), ("Jian Lin", "Lin Jian", True),
                                        ("Raimondo", "Gina Raimondo", True), ("Kiếm", "Lâm Kiếm", True),
                                        ("Lin Jian", "Gina Raimondo", False), ("Lin", "", False)])
def test_names_agree_in_any_order(a, b, same):
    assert names_agree(a, b) is same


def test_search_text_drops_the_furniture_of_a_social_post():
    post = ("Hurricane Dorian washed up bricks of cocaine on Florida’s coast #news pic.twitter.com/ApEtNvR7tb "
            "— NowThis (@nowthisnews) September 10, 2019")
    assert search_text(post) == "Hurricane Dorian washed up bricks of cocaine on Florida’s coast news"
    assert search_text("Ông Lâm Kiếm nói: “Mỹ nên giữ cam kết”") == "Ông Lâm Kiếm nói: “Mỹ nên giữ cam kết”"
    # a handle or a hashtag names what the post is about: it stays, as words
    assert search_text("Don’t be fooled, this is @IvankaTrump clothing! #FyreFestival") == \
        "Don’t be fooled, this is Ivanka Trump clothing! Fyre Festival"


@pytest.mark.parametrize("text, lang, kind, changed", [
    ("Trung Quốc sẽ thực hiện mọi biện pháp cần thiết.", "vi", "negation", "sẽ không"),
    ("Trung Quốc sẽ thực hiện mọi biện pháp cần thiết.", "vi", "modality", "có thể"),
    ("Cá mập tấn công chú bé 13 tuổi tại California.", "vi", "number", None),
    ("Chính phủ Mỹ sẽ áp thuế với hàng hóa nhập khẩu.", "vi", "entity_changed", None),
    ("China will take all necessary measures to defend itself if the US imposes new tariffs.", "en",
     "qualifier_dropped", None),
])
def test_generated_edits_change_one_thing(text, lang, kind, changed):
    edits = dict(data.edits(text, lang, seed=1))
    assert kind in edits, edits
    assert edits[kind] != text
    if changed:
        assert changed in edits[kind]


def test_partial_quote_takes_the_first_clauses():
    text = "The bill gives Commerce the authority to control exports of AI, and of other emerging technology."
    assert data.partial_quote(text) == "The bill gives Commerce the authority to control exports of AI"
    assert data.partial_quote("Giá tăng, theo ông Nam.") is None  # its only cut falls before two fifths
    assert data.partial_quote("Trung Quốc sẽ áp dụng mọi biện pháp cần thiết.") is None
    assert data.partial_quote("中国政府将采取一切必要措施，坚决维护自身的正当权益。") == "中国政府将采取一切必要措施"


def test_parallel_split_is_by_document_and_fixed():
    assert {data.split_of(f"doc-{i}") for i in range(200)} == set(data.SPLITS)
    assert data.split_of("bbc.381790") == data.split_of("bbc.381790")
    assert data.speaker_of("bbc.381790") == data.speaker_of("bbc.381790")


@pytest.fixture(scope="module")
def store(tmp_path_factory, encoder):
    from claims.store import QuoteStore

    store = QuoteStore(tmp_path_factory.mktemp("link") / "claims.db")
    store.import_file(ROOT / "fixtures" / "quotes" / "default" / "enforce-act-sources.jsonl")
    return store


def test_a_part_of_a_name_finds_its_one_speaker(store):
    assert store.speaker("Lin")["name"] == "Lin Jian"
    assert store.speaker("Raimondo")["name"] == "Gina Raimondo"
    assert store.speaker("Kiếm")["name"] == "Lin Jian"
    assert store.speaker("Lin", parts=False) is None
    assert store.speaker("Hạ viện") is None  # a word of the committee's name, not a name of its own


def test_documents_and_bodies_are_tied_to_what_the_article_names(store):
    from claims.detect.linking import SpeakerLinker, generic_kind
    from claims.model import Attribution

    assert generic_kind("Dự luật", "vi") == "document" and generic_kind("the bill", "en") == "document"
    assert generic_kind("các thành viên hội đồng", "vi") == "organization"
    assert generic_kind("Caijing", "vi") is None and generic_kind("Gina Raimondo", "en") is None
    text = ("Đạo luật ENFORCE do Ủy ban Đối ngoại Hạ viện đề xuất. Dự luật nêu rõ rằng nó sẽ hạn chế xuất khẩu. "
            "Các thành viên hội đồng cho rằng dự luật hiện đại hóa luật. Sắc lệnh hành pháp về phát triển và sử "
            "dụng trí tuệ nhân tạo an toàn đề cập rằng các nhà cung cấp cần báo cáo.")
    found = [Attribution("nó sẽ hạn chế xuất khẩu", 60, 80, "indirect", speaker="Dự luật", speaker_type="document"),
             Attribution("dự luật hiện đại hóa luật", 130, 150, "indirect", speaker="các thành viên hội đồng",
                         speaker_type="group"),
             Attribution("các nhà cung cấp cần báo cáo", 250, 270, "indirect", speaker_type="document",
                         speaker="Sắc lệnh hành pháp về phát triển và sử dụng trí tuệ nhân tạo an toàn"),
             Attribution("nó sẽ hạn chế", 60, 80, "indirect", speaker="Zheng Ziqing", speaker_type="person")]
    SpeakerLinker(store).link(found, text, "vi")
    assert [a.db_speaker for a in found] == ["ENFORCE Act (H.R. 8315)", "House Foreign Affairs Committee",
                                              "Executive Order 14110", None]


def test_cross_rule_rises_with_either_probability():
    from claims.verify.cross import CrossRule

    rule = CrossRule([1.0, 1.5], -0.5)
    low, high = np.array([0.2]), np.array([0.9])
    assert rule.combine(high, low)[0] > rule.combine(low, low)[0]
    assert rule.combine(low, high)[0] > rule.combine(low, low)[0]
    assert 0.0 < rule.combine(np.array([0.0]), np.array([1.0]))[0] < 1.0  # clipped, never infinite


def test_cross_encoder_reads_a_translation_as_its_source(encoder):
    """A pair written for this test, from no training document: the translation of the first sentence reads
    as the first sentence, not as the sentence after it on the same topic."""
    from claims.verify.cross import reader_for

    reader = reader_for(encoder)
    assert reader is not None, "the package ships the cross-encoder"
    source = ["The port of Haiphong handled a record 2.1 million containers in the first half of the year.",
              "Officials said a new terminal would open next spring to ease congestion at the docks."]
    quote = "Cảng Hải Phòng đã xử lý kỷ lục 2,1 triệu container trong nửa đầu năm."
    p = reader.encoder.probabilities([quote, quote], source)
    assert p[0] > 0.5 > p[1]
    rescored = reader.rescore(quote, source, [0.5, 0.5])
    assert rescored[0] > rescored[1]


def _linked(statement_id: str, span: tuple[int, int], score: float):
    from claims.match import Candidate

    return Candidate(statement_id, "", "Lin Jian", score, None, None, span, 0.0, True, "en", 0.9, True)


def test_one_source_sentence_is_kept_by_the_closest_quote_only():
    from claims.verify.link import one_quote_per_source

    found = [[_linked("s1", (0, 40), 0.84)], [_linked("s1", (0, 40), 0.87)], [_linked("s1", (41, 90), 0.85)],
             [_linked("s1", (0, 40), 0.83)], []]
    vectors = np.eye(5, dtype=np.float32)
    vectors[3] = vectors[1]  # the fourth quote says what the second says: a quote given twice keeps its link
    assert one_quote_per_source(found, vectors) == {0: 1}
    assert [any(c.linked for c in f) for f in found] == [False, True, True, True, False]


def test_the_named_speakers_statement_has_no_rival_in_another_speakers_that_says_the_same():
    from claims.match import Candidate
    from claims.verify.link import FEATURES, SAYS_THE_SAME, feature_rows

    def candidate(statement_id: str, sentence: str, score: float, own: bool) -> Candidate:
        return Candidate(statement_id, sentence, "Committee" if own else "Congress", score, None, None,
                         (0, len(sentence)), 0.0, own, "en")

    found = [candidate("release", "The bill gives the department authority over exports of AI.", 0.84, True),
             candidate("title", "To give the department authority over exports of AI.", 0.83, False),
             candidate("order", "Providers must report large training runs to the department.", 0.80, False)]
    text = "The bill gives the department authority over AI."
    symmetric = [(0.86, 0.8), (0.85, 0.8), (0.80, 0.7)]
    alike = np.array([[1.0, SAYS_THE_SAME + 0.01, 0.85], [SAYS_THE_SAME + 0.01, 1.0, 0.84], [0.85, 0.84, 1.0]])
    margin = FEATURES.index("margin")

    def margins(speaker_known: bool, similar: np.ndarray | None) -> list[float]:
        rows = feature_rows(text, found, True, speaker_known, {}, symmetric, lang="en", alike=similar)
        return [round(float(v), 3) for v in rows[:, margin]]

    # the title says what the release says: the release's margin is over the order, the next statement
    assert margins(True, alike) == [0.04, -0.01, -0.04]
    # without the cosines, or with a speaker the database does not know, every candidate is a rival
    assert margins(True, None) == margins(False, alike) == [0.01, -0.01, -0.04]
    # a statement of another speaker that says something else stays a rival
    different = alike.copy()
    different[0, 1] = different[1, 0] = SAYS_THE_SAME - 0.05
    assert margins(True, different) == [0.01, -0.01, -0.04]
