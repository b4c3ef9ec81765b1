"""Verdicts for the seed article's statements and for edited English quotes (real encoder and database)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.match import Matcher
from claims.store import QuoteStore
from claims.verify import Verifier
from claims.verify.compare import compare

ROOT = Path(__file__).resolve().parent.parent
MATCHES = json.loads((ROOT / "fixtures" / "matches" / "vi-enforce-act-matches.json").read_text(encoding="utf-8"))
GOLD = json.loads((ROOT / "fixtures" / "gold" / "vi-enforce-act.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def verifier(tmp_path_factory, encoder):
    store = QuoteStore(tmp_path_factory.mktemp("verify") / "claims.db")
    store.import_file(ROOT / "fixtures" / "quotes" / "default" / "enforce-act-sources.jsonl")
    return Verifier(Matcher(store))


def _detected(detections, gold_id):
    from claims.detect.evaluate import norm_tokens, token_f1

    gold = next(a for a in GOLD["attributions"] if a["id"] == gold_id)
    _, pred = detections["vi-enforce-act"]
    return max(pred["attributions"], key=lambda a: token_f1(norm_tokens(a["content"]), norm_tokens(gold["content"])))


@pytest.mark.parametrize("expected", MATCHES["matches"], ids=lambda m: m["attribution"])
def test_dev_verdicts_of_the_seed_article(verifier, detections, expected):
    verdict = verifier.verify(_detected(detections, expected["attribution"]))
    assert verdict.verdict == expected["verdict"], verdict
    assert (verdict.source or {}).get("id") == expected["source"]
    for reason in expected.get("reasons", []):
        assert reason in [r.type for r in verdict.reasons], verdict.reasons


@pytest.mark.parametrize("text, verdict, reason", [
    ("We can't have non-state actors or China or folks who we don't want accessing our cloud to train their models",
     "verified", None),
    ("We can have non-state actors or China or folks who we don't want accessing our cloud to train their models",
     "altered", "negation"),
    ("We can't have China accessing our cloud to train their models", "altered", "entity_changed"),
    ("The US may honor its commitments of not seeking decoupling from China and not holding back China's development.",
     "altered", "modality"),
])
def test_edited_quotes(verifier, text, verdict, reason):
    speaker = "Lin Jian" if "US" in text else "Gina Raimondo"
    result = verifier.verify({"content": text, "speaker": speaker, "kind": "direct", "start": 0})
    assert result.verdict == verdict, result
    if reason:
        assert reason in [r.type for r in result.reasons], result.reasons


def test_nothing_relevant_is_unverified(verifier):
    result = verifier.verify({"content": "The city council approved three new bus lanes downtown on Tuesday.",
                              "speaker": "Linda Alvarez", "kind": "indirect", "start": 0})
    assert result.verdict == "unverified" and result.source is None


def test_words_of_someone_else_are_misattributed(verifier):
    result = verifier.verify({"content": "We can't have non-state actors or China or folks who we don't want "
                                         "accessing our cloud to train their models", "speaker": "Lin Jian",
                              "kind": "direct", "start": 0})
    assert result.verdict == "misattributed" and result.source["speaker"] == "Gina Raimondo"
    assert result.reasons[0].type == "speaker"


def test_edit_sets_recall_and_false_alarms(verifier):
    """The edit sets of fixtures/verify, as bench/verify.py reports them."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from verify import evaluate, load_sets

    sets = load_sets()
    en = evaluate(verifier, sets["en"])
    assert en["altered_recall"] >= 0.9 and en["false_alarm_rate"] <= 0.1, en["misses"]
    vi = evaluate(verifier, sets["vi"])
    # measured 0.955: vi-a15 quotes part of the committee's one long sentence and stays below the link
    # threshold (0.59 against 0.65)
    assert vi["altered_recall"] >= 0.95 and vi["false_alarm_rate"] <= 0.05, vi["misses"]
    assert en["no_source_unverified"] == 1.0 and vi["no_source_unverified"] >= 0.8
    # vi-n4 (the Embassy's protest, same speaker, same topic) was linked on one cosine; the link model does not
    assert vi["no_source_unverified"] == 1.0, vi["misses"]


@pytest.mark.parametrize("article, source, expected", [
    # a translation renders a lexical negation ("lack of", "false") or drops a modal: nothing changed
    ("Trận động đất không gây ra sóng thần, nhưng hơn 100 người đã bị thiệt mạng do các tòa nhà sụp đổ.",
     "No tsunami was triggered this time, but more than 100 were killed by fallen buildings.", set()),
    ("Thủ tướng Theresa May bác bỏ những lời chỉ trích.", "Prime Minister Theresa May rejected the criticism.",
     set()),
    ("Tàu vũ trụ bay vào không gian hôm thứ Hai, ngày 2 tháng 10.", "The craft flew into space on Monday, Oct. 2.",
     set()),
    ("Đây là quý 2 năm 2018.", "This is the second quarter of 2018.", set()),
    # a word that negates by itself ("unknown", "lack of", "impenetrable") rendered with "không"
    ("Thông tin do một người không rõ danh tính đăng tải.", "The information was posted by an unknown person.",
     set()),
    ("Bị cáo không có biểu hiện hối hận.", "The defendant showed a lack of remorse.", set()),
    ("Hàng phòng ngự không thể xuyên thủng.", "The defence was impenetrable.", set()),
    # names after names are names, demonyms name their country
    ("Thủ tướng Anh Theresa May sẽ tham dự hội nghị.", "Britain's Prime Minister Theresa May arrives for the "
     "conference.", set()),
    ("Kế hoạch đổi tên quốc hội sang Nghị viện Wales.", "Plans to rename the assembly the Welsh Parliament.", set()),
    # "nên" after a clause is "so"; a need is a need in both languages
    ("Tôi thấy anh ấy lao lên nên tôi cũng lao lên.", "I saw him go forward, so I went forward too.", set()),
    ("Những người di tản vẫn rất cần thực phẩm.", "Evacuees still badly need food.", set()),
    # one edit of each kind
    ("Trận động đất gây ra sóng thần.", "The quake did not trigger a tsunami.", {"negation"}),
    ("Mỹ có thể thực hiện cam kết.", "The US will honor its commitment.", {"modality"}),
    ("Mỹ sẽ thực hiện cam kết.", "The US should honor its commitment.", {"modality"}),
    ("Thế trận tiếp diễn sang hiệp hai, dù Alfredo Ashworth nhận được trợ giúp từ Kelly.",
     "The pattern continued into the second half, with Alfredo Morelos getting help from Kelly.",
     {"entity_changed"}),
    ("Khói bụi bao phủ Thành phố Úc.", "Ash covered Mexico City.", {"entity_changed"}),
    ("Thông tin do một người đăng tải.", "The information was not posted by a person.", {"negation"}),
    ("Hàng phòng ngự có thể bị xuyên thủng.", "The defence was penetrable.", {"modality"}),
    # a "không" the source has in no form, a second one beyond the source's one; a question's "không" and a
    # word that only starts like "un-" negate nothing
    ("Bộ trưởng không bác bỏ đề xuất.", "The minister rejected the proposal.", {"negation"}),
    ("Cảnh sát không nói rằng nghi phạm không có vũ khí.", "Police said the suspect was not armed.", {"negation"}),
    ("Ông hỏi lại: “Ông có làm việc đó không?”", "He asked again: \"Did you do it?\"", set()),
    ("Đây là một hành động đơn phương.", "This is a unilateral act.", set()),
    ("Chưa rõ nguyên nhân vụ tai nạn.", "The cause of the crash is unclear.", set()),
    ("Kiểm soát viên không lưu đã ở lại tháp.", "The air traffic controller stayed in the tower.", set()),
    # words that hold a country's name or a marker and are neither: Sunday, an idea, logistics, "whether to"
    ("Cuộc họp diễn ra vào Chủ Nhật.", "The meeting took place on Sunday.", set()),
    ("Ý tưởng này do Bộ trưởng đưa ra.", "The idea was put forward by the minister.", set()),
    ("Thiên tai khiến công tác hậu cần phức tạp hơn.", "Disasters make logistics more complicated.", set()),
    ("Cử tri bỏ phiếu về việc có nên đổi tên hay không.", "Voters decided on whether to change the name.", set()),
    # of two modals the source has, the translation keeps one
    ("Các ngoại ngữ nên được đánh giá là kỹ năng.", "Languages should really be considered skills.", set()),
    # "if" asking is not "if" setting a condition; a restriction kept does not stand for a condition dropped
    ("Một người tham dự hỏi bà về ý định tranh cử.", "An attendee asked her if she planned to run.", set()),
    ("Cơ hội đó sẽ chỉ đến với chúng tôi.", "That opportunity would only come if we win.", {"qualifier_dropped"}),
    # litotes and tag questions deny nothing; a figure keeps its value without its leading zero or in words
    ("Không ít cử tri ủng hộ dự luật.", "Many voters support the bill.", set()),
    ("Anh đã ký văn bản đó, đúng không?", "You signed that document, right?", set()),
    ("Vụ việc xảy ra lúc 9 giờ sáng ngày 05/03.", "It happened at 09:00 on March 5.", set()),
    ("Có 42 người bị thương.", "Forty-two people were injured.", set()),
    # what a cause makes someone undergo is no obligation; a weekday is no name; list items parted by commas
    ("Cơn bão khiến nhiều gia đình phải rời nhà.", "The storm drove many families from their homes.", set()),
    ("Trong một bài đăng trên Facebook hôm Thứ Hai, ông Lee nói sẽ tranh cử.", "In a post on Monday, Lee said he "
     "would run.", set()),
    ("Người dân có thể đi bộ, đạp xe, đi xe buýt hoặc tàu điện.", "Residents can walk, cycle or take the bus or the "
     "tram.", set()),
    # a compound word that holds a negative word negates nothing, so a "not" left out is a change
    ("Nhiều thanh thiếu niên có thể tìm được việc làm.", "Many teenagers cannot find work.", {"negation"}),
    # two clauses that each deny something keep a negation each; a repeated name replaced once is a swap
    ("Tôi không nói dối, tôi đã đọc báo cáo.", "I did not lie, I did not read the report.", {"negation"}),
    ("Ông muốn được gọi là Love và Brother Whitaker.", "He wants to be called Love and Brother Love.",
     {"entity_changed"}),
    # an ability the source denies, stated undenied, though another negation of the sentence is kept
    ("Chúng tôi có thể để những người chúng tôi không muốn truy cập hệ thống.", "We can't have people we don't "
     "want accessing the system.", {"negation"}),
    ("Không ai có thể ngăn chúng tôi.", "We cannot be stopped.", set()),
    ("Họ sẽ không giải giáp trừ khi họ có thể tin Washington.", "They will never disarm if they can't trust "
     "Washington.", set()),
])
def test_cross_language_comparisons(verifier, article, source, expected):
    reasons = compare(article, source, "vi", "en", 0, 0)
    assert {r.type for r in reasons} == expected, reasons


def test_translated_words_of_someone_else_are_misattributed(verifier):
    """Named as Lin Jian's, a translation of Raimondo's words weighs less as a source (the link model counts a
    speaker's own statements likelier); weighed as if no one were named, it links to hers."""
    result = verifier.verify({"content": "Chúng tôi không thể để các tác nhân phi nhà nước, Trung Quốc hay những người "
                                         "mà chúng tôi không muốn truy cập vào đám mây của chúng tôi để huấn luyện "
                                         "các mô hình của họ.",
                              "speaker": "Lâm Kiếm", "kind": "direct", "start": 0})
    assert result.verdict == "misattributed", result
    assert result.source["id"] == "raimondo-2024-01-26-cloud"


def test_words_on_record_from_two_speakers_are_the_named_ones(verifier):
    """Lin Jian and the Chinese Embassy both said China would take the necessary measures: a quote of the one
    attributed to him is his, not a misattribution of the Embassy's words."""
    result = verifier.verify({"content": "Trung Quốc sẽ thực hiện mọi biện pháp cần thiết để bảo vệ quyền và lợi ích "
                                         "của mình.", "speaker": "Lâm Kiếm", "kind": "direct", "start": 0})
    assert result.verdict != "misattributed", result
    assert result.source["id"] == "lin-jian-2024-05-10-tariffs"


def test_a_changed_quote_of_words_also_on_record_from_another_is_altered_not_misattributed(verifier):
    """Hedged ("có thể", may; "một số", some), Lin Jian's "all necessary measures" reads closer to the Embassy's
    "would take necessary measures": his own statement is still a plausible source (p_link 0.12, OWN_STATEMENT
    0.1), so the quote is judged against it, not called someone else's words."""
    result = verifier.verify({"content": "Trung Quốc có thể thực hiện một số biện pháp để bảo vệ quyền và lợi ích của "
                                         "mình.", "speaker": "Lâm Kiếm", "kind": "direct", "start": 0})
    assert result.verdict == "altered", result
    assert result.source["id"] == "lin-jian-2024-05-10-tariffs"


@pytest.mark.parametrize("article, source, kind, stands", [
    # a translator's modal: Vietnamese says what people went through with "phải" (had to)
    ("Người dân phải sơ tán khỏi khu vực ven biển khi cơn bão đến gần.",
     "Residents evacuated the coastal area as the storm approached.", "modality", False),
    ("Hàng nghìn người đã phải rời bỏ nhà cửa vì lũ lụt.", "Thousands of people have fled their homes because of "
     "the floods.", "modality", False),
    # a modal put in place of the source's: it stands
    ("Mỹ có thể thực hiện các cam kết không tìm cách tách rời khỏi Trung Quốc.",
     "The US should honor its commitments of not seeking decoupling from China.", "modality", True),
    ("Chính phủ có thể tăng thuế đối với xe điện nhập khẩu vào năm tới.",
     "The government will raise tariffs on imported electric vehicles next year.", "modality", True),
])
def test_the_judge_weighs_differences_across_languages(encoder, article, source, kind, stands):
    from claims.verify.judge import judge_for

    judge = judge_for(encoder)
    assert kind in {r.type for r in compare(article, source, "vi", "en", 0, 0)}
    assert (kind not in judge.overruled(article, source, "vi", "en", {kind})) == stands, \
        judge.probability(article, source)


def test_a_translator_adding_a_first_name_is_not_a_change(verifier):
    assert compare("Bà Maxine Waters phủ nhận cáo buộc.", "Waters denied the claim.", "vi", "en", 0, 0) == []


def test_source_sentences_do_not_end_at_abbreviations():
    from claims.store import split_sentences

    text = "Cuộc vận động của TT. Trump ở West Virginia. Ông Mr. Goldsmith nói. P. Diddy hát."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Cuộc vận động của TT. Trump ở West Virginia.", "Ông Mr. Goldsmith nói.", "P. Diddy hát."]


def test_clause_windows_of_a_source_sentence():
    from claims.verify.windows import clause_windows

    text = '"We saw it over the last four days," he said, calling the plan "reckless and unfair."'
    spans = {text[a:b].strip(' ,"') for a, b in clause_windows(text, [(0, len(text))], coordinators=("and", "or"))}
    assert "We saw it over the last four days" in spans
    assert 'calling the plan "reckless and unfair.' in spans
    assert "he said" not in spans  # too short to stand for a part of a quote


def test_no_clause_window_starts_or_ends_inside_a_list():
    from claims.verify.windows import clause_windows, trimmed

    text = ("Politicizing economic, trade, and technology issues does not serve the interests of any party "
            "involved, and it hurts the world.")
    windows = [text[a:b] for a, b in (trimmed(text, a, b) for a, b in clause_windows(text, [(0, len(text))], coordinators=("and", "or")))]
    assert "Politicizing economic, trade, and technology issues does not serve the interests of any party " \
           "involved" in windows
    assert not any(w.startswith(("trade", "and technology")) or w.endswith(("economic", "trade")) for w in windows)


def test_evidence_is_trimmed_of_the_comma_and_an_unclosed_mark():
    from claims.verify.windows import trimmed

    for window, shown in [("as in the 1950 movie \"", "as in the 1950 movie"), ("the Counter became one, ", "the Counter became one"),
                          ('he called it "unfair"', 'he called it "unfair"')]:
        a, b = trimmed(window, 0, len(window))
        assert window[a:b] == shown


def test_copies_of_one_statement_rank_together_outer_marks_first(tmp_path, encoder):
    """A database that holds one claim twice, as running text and with a headline's inner marks: the two are
    one source, with one probability, the copy in outer marks first whatever marks the quote uses."""
    rows = [
        {"id": "headline", "text": "A Fox affiliate described the suspect as 'dark white.'", "lang": "en"},
        {"id": "other", "text": "A Fox affiliate described the weather as unusually dark for June.", "lang": "en"},
        {"id": "body", "text": "A Fox affiliate described the suspect as \"dark white.\"", "lang": "en"},
    ]
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    store = QuoteStore(tmp_path / "claims.db")
    store.import_file(path)
    found = Verifier(Matcher(store)).candidates("So a Fox station really called him 'dark white' on air?", None)
    assert [c.statement_id for c in found[:2]] == ["body", "headline"], found
    assert found[0].p_link == found[1].p_link
    assert not found[1].linked


def test_quotation_level():
    from claims.verify.link import quotation_level

    assert quotation_level('called him "dark white."', "en") == "outer"
    assert quotation_level("called him ‘dark white.’", "en") == "inner"
    assert quotation_level("Trump's aide said no", "en") is None  # an apostrophe quotes nothing
    assert quotation_level("他说『不』", "zh") == "inner"
    assert quotation_level("他说：「不行」", "zh") == "outer"


def test_a_quote_given_twice_keeps_its_source_both_times(verifier):
    quote = "Trung Quốc sẽ thực hiện mọi biện pháp cần thiết để bảo vệ quyền và lợi ích của mình."
    verdicts = verifier.verify_many([{"content": quote, "speaker": "Lâm Kiếm", "kind": "direct", "start": start}
                                     for start in (0, 400)])
    assert [v.verdict for v in verdicts] == ["verified", "verified"], verdicts
    assert {v.source["id"] for v in verdicts} == {"lin-jian-2024-05-10-tariffs"}


def test_a_negation_added_to_one_sentence_of_a_statement_of_two_is_caught(verifier):
    """The statement's other sentence has a negation ("not impose new ones"): the quote is judged against the
    sentence it renders, not against the whole, where the two negations would balance."""
    result = verifier.verify({"content": "Trung Quốc sẽ không thực hiện các biện pháp cần thiết để bảo vệ quyền và lợi "
                                         "ích của mình.", "speaker": "Lâm Kiếm", "kind": "direct", "start": 0})
    assert result.verdict == "altered" and "negation" in [r.type for r in result.reasons], result
    assert result.source["text"][slice(*result.source["span"])].startswith("China will take")


def test_a_figure_changed_in_the_speakers_statement_is_altered_not_unlinked(verifier):
    result = verifier.verify({"content": "Dự luật này trao cho Bộ Thương mại quyền kiểm soát xuất khẩu AI, hiện đại "
                                         "hóa luật năm 2012.", "speaker": "Ủy ban Đối ngoại Hạ viện",
                              "kind": "direct", "start": 0})
    assert result.verdict == "altered" and result.source["id"] == "enforce-act-sponsors-release"
    # it also stops before the statement's closing "that can potentially be used by our enemies"
    assert [r.type for r in result.reasons] == ["number", "qualifier_dropped"] and "2012" in result.reasons[0].detail


def test_figures_written_as_the_candidates():
    from claims.verify.link import figures_as

    assert figures_as("luật năm 2016 và 30 công ty", "the 2018 act and 30 companies") == "luật năm 2018 và 30 công ty"
    assert figures_as("in 2016 and 2017", "in 2018 and 2019") == "in 2018 and 2019"
    assert figures_as("in 2016", "in 2018 and 2019") is None  # one figure against two: no telling which
    assert figures_as("in 2018", "the 2018 act") is None
    assert figures_as("1,000 jobs", "1.000 jobs") is None


def test_a_translated_quote_that_stops_before_the_sources_hedged_restriction_is_altered(verifier):
    stops = verifier.verify({"content": "Dự luật này hiện đại hóa Đạo luật Cải cách Kiểm soát Xuất khẩu năm 2018 bằng "
                                        "cách trao cho Bộ Thương mại quyền kiểm soát xuất khẩu AI và các công nghệ mới "
                                        "nổi liên quan đến an ninh quốc gia.", "speaker": "Ủy ban Đối ngoại Hạ viện",
                             "kind": "direct", "start": 0})
    assert stops.verdict == "altered" and [r.type for r in stops.reasons] == ["qualifier_dropped"]
    source = stops.source["text"]
    assert source[slice(*stops.reasons[0].source_span)] == "that can potentially be used by our enemies in the future"
    whole = verifier.verify({"content": "Dự luật lưỡng đảng này hiện đại hóa Đạo luật Cải cách Kiểm soát Xuất khẩu năm "
                                        "2018 (ECRA) bằng cách trao cho Cục Công nghiệp và An ninh (BIS) của Bộ Thương "
                                        "mại quyền áp dụng biện pháp kiểm soát xuất khẩu đối với Trí tuệ nhân tạo (AI) và "
                                        "các công nghệ mới nổi khác liên quan đến an ninh quốc gia mà kẻ thù của chúng ta "
                                        "có thể sử dụng trong tương lai.", "speaker": "Ủy ban Đối ngoại Hạ viện",
                             "kind": "direct", "start": 0})
    assert whole.verdict == "verified", whole
