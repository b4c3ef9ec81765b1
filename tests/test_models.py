"""The real stanza models and the real sentence encoder, offline."""
from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from claims.cli import main
from claims.nlp.encoder import embed
from claims.nlp.pipeline import TOKENIZER_WINDOW, add_dependencies, parse, parse_many, tokenizer_pieces

VI = "Ngày 10/5, người phát ngôn Bộ Ngoại giao Trung Quốc Lâm Kiếm cho biết Mỹ nên thực hiện cam kết."
EN = ("Commerce Secretary Gina Raimondo said the United States cannot let China use American cloud services "
      "to train its models.")


def _run_of(tokens, words):
    """The tokens covering `words` in order, or None."""
    texts = [t.text for t in tokens]
    for i in range(len(texts)):
        joined, j = [], i
        while j < len(texts) and len(" ".join(joined).split()) < len(words.split()):
            joined.append(texts[j])
            j += 1
        if " ".join(joined) == words:
            return tokens[i:j]
    return None


def _check_tree(sentence):
    heads = [t.head for t in sentence.tokens]
    assert heads.count(0) == 1, "exactly one root"
    assert all(0 <= h <= len(heads) for h in heads)
    for i in range(1, len(heads) + 1):
        seen, node = set(), i
        while node != 0:  # every token reaches the root without a cycle
            assert node not in seen
            seen.add(node)
            node = heads[node - 1]
    assert all(t.deprel for t in sentence.tokens)


def test_vietnamese_parse_keeps_names_apart(nlp_vi):
    sentences = parse(VI, "vi")
    assert len(sentences) == 1
    sent = sentences[0]
    _check_tree(sent)
    assert "".join(t.text for t in sent.tokens).replace(" ", "") == VI.replace(" ", "")
    for tok in sent.tokens:
        assert VI[tok.start:tok.end] == tok.text
    # the spokesman's name is its own proper-noun run, not glued to the ministry or the country
    for name in ("Lâm Kiếm", "Trung Quốc"):
        run = _run_of(sent.tokens, name)
        assert run is not None, f"{name} is not a token run: {[t.text for t in sent.tokens]}"
        assert all(t.upos == "PROPN" for t in run), [(t.text, t.upos) for t in run]
    assert sent.tokens[-1].text == "." and sent.tokens[-1].upos == "PUNCT"


def test_english_parse(nlp_en):
    sentences = parse(EN, "en")
    assert len(sentences) == 1
    sent = sentences[0]
    _check_tree(sent)
    assert [t.text for t in sent.tokens][:5] == ["Commerce", "Secretary", "Gina", "Raimondo", "said"]
    for name in ("Gina Raimondo", "United States", "China"):
        run = _run_of(sent.tokens, name)
        assert run and all(t.upos == "PROPN" for t in run), [(t.text, t.upos) for t in sent.tokens]
    said = sent.tokens[4]
    assert said.upos == "VERB"
    # the subject of "said" is the secretary's name
    subject = [t for t in sent.tokens if t.head == 5 and t.deprel.startswith("nsubj")]
    assert any(t.text in ("Raimondo", "Gina", "Secretary") for t in subject), [(t.text, t.head, t.deprel) for t in sent.tokens]


def test_a_sentence_end_with_no_mark_and_no_line_break_is_no_end(nlp_en):
    sentences = parse("Prime Minister Theresa May said the plan would work. Critics disagreed.", "en")
    assert [[t.text for t in s.tokens][:5] for s in sentences] == [
        ["Prime", "Minister", "Theresa", "May", "said"], ["Critics", "disagreed", "."]]
    may = next(t for t in sentences[0].tokens if t.text == "May")
    assert may.ner.endswith("PER")
    assert len(parse("Election results\nThe count goes on.", "en")) == 2


def test_only_a_long_run_with_no_sentence_mark_is_cut_for_the_tokenizer():
    prose = "The council met on Monday. " * 200
    assert tokenizer_pieces(prose) == [(0, len(prose))]
    run = "word " * 1000 + "end. More follows."
    pieces = tokenizer_pieces(run)
    assert len(pieces) > 1 and pieces[0][0] == 0 and pieces[-1][1] == len(run)
    assert all(a < b and b - a <= TOKENIZER_WINDOW for a, b in pieces[:-1])
    assert all(run[b - 1] == " " for _, b in pieces[:-1])  # cut after a space, never inside a word
    assert all(a == b for (_, a), (b, _) in zip(pieces, pieces[1:]))
    assert tokenizer_pieces("x" * 2500, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_a_long_run_with_no_sentence_mark_keeps_its_words_and_offsets(nlp_vi, nlp_en):
    """Tokenized piece by piece, the words of such a run still point into the text, in order, and the run
    stays one sentence until the parser's cut of MAX_SENTENCE_WORDS."""
    for lang, word in (("en", "Reuters reported"), ("vi", "Bộ Thương mại")):
        text = "Opening line. " + " ".join([word] * 400) + " closing."
        sentences = parse_many([(text, 0)], lang, dependencies=False)[0]
        tokens = [t for s in sentences for t in s.tokens]
        assert all(text[t.start:t.end] == t.text for t in tokens)
        assert [t.start for t in tokens] == sorted(t.start for t in tokens)
        assert sum(t.text in word.split() or t.text == word for t in tokens) >= 400
        assert tokens[-1].text == "." and tokens[-2].text == "closing"


def test_a_capitalised_verb_before_a_finite_verb_opening_a_sentence_is_a_name(nlp_en):
    tokens = parse("Trump took a much more optimistic view in his rally speech.", "en")[0].tokens
    assert (tokens[0].upos, tokens[0].xpos) == ("PROPN", "NNP")
    # an imperative before anything but a verb in the past or third person stays a verb
    for text in ("Keep calm and carry on.", "Read more about it."):
        assert parse(text, "en")[0].tokens[0].upos == "VERB", text


def test_dependencies_on_demand_equal_the_full_parse(nlp_vi, nlp_en):
    """The detector asks for the dependency parse of the few sentences it looks into; those heads are the
    ones a full parse gives (Vietnamese words are given to the parser with their punctuation spaced)."""
    texts = {"vi": [VI, "Theo ông Nguyễn Văn A (Bộ Công Thương), giá điện tăng 4,5% từ 1.000 đồng/kWh."],
             "en": [EN, "Apple shares fell 4.5% after the company, which is based in Cupertino, warned sales.",
                    "The mayor told reporters that the old bridge would stay closed while engineers checked it."]}
    for lang, items in texts.items():
        full = parse_many([(t, 0) for t in items], lang)
        lazy = parse_many([(t, 0) for t in items], lang, dependencies=False)
        assert all(t.head is None and not t.deprel for sents in lazy for s in sents for t in s.tokens)
        # both ways of parsing later are taken: from the stored tags, and tagging again (names retagged)
        assert any(all(t.ner == "O" for t in s.tokens) for sents in lazy for s in sents)
        add_dependencies([s for sents in lazy for s in sents], lang)
        for a, b in zip(full, lazy, strict=True):
            assert [(t.text, t.upos, t.head, t.deprel) for s in a for t in s.tokens] == \
                [(t.text, t.upos, t.head, t.deprel) for s in b for t in s.tokens]


def test_encoder_finds_english_source_of_vietnamese_quote(encoder):
    query = "Chúng tôi không thể cho phép Trung Quốc sử dụng dịch vụ đám mây của mình để đào tạo các mô hình"
    statements = [
        "We can't have non-state actors or China or folks who we don't want accessing our cloud to train their models",
        "We are going to use every tool at our disposal to protect our national security from China.",
        "Cloud computing companies must report when foreign customers train large AI models on their servers.",
        "Chinese companies are still buying Nvidia chips despite the export ban.",
        "The United States should honor its commitments of not seeking decoupling from China.",
        "Export controls on AI chips will be tightened again next year.",
    ]
    q = embed(encoder, [query], kind="query")
    p = embed(encoder, statements, kind="passage")
    scores = p @ q[0]
    assert int(np.argmax(scores)) == 0, scores
    assert q.dtype == np.float32 and q.shape == (1, 384)
    assert abs(float(np.linalg.norm(q[0])) - 1.0) < 1e-4


def test_models_status_all_ok():
    result = CliRunner().invoke(main, ["models", "status", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["model"]: r for r in json.loads(result.output)}
    expected = {f"stanza/vi/{p}" for p in ("tokenize", "pos", "lemma", "depparse")}
    expected |= {f"stanza/en/{p}" for p in ("tokenize", "mwt", "pos", "lemma", "depparse")}
    expected |= {"encoder", "verify/link", "verify/cross", "tagger/en"}
    assert expected <= set(rows)
    assert {"UPOS", "UAS", "LAS"} <= set(rows["tagger/en"]["score"]) and "UPOS" in rows["stanza/en/pos"]["score"]
    assert "off" in rows["tagger/en"]["source"]
    assert all(r["ok"] for r in rows.values()), [r for r in rows.values() if not r["ok"]]
    link = rows["verify/link"]["score"]
    assert 0.2 <= link["threshold"] <= 0.95 and "dev vi>en P/R" in link and "dev zh>en P/R" in link
    assert "dev vi>en P/R" in rows["verify/cross"]["score"]


def test_thread_count_follows_the_cores_this_process_may_use(monkeypatch):
    import os

    from claims.nlp.threads import thread_count

    monkeypatch.delenv("CLAIMS_THREADS", raising=False)
    assert thread_count() == len(os.sched_getaffinity(0))
    monkeypatch.setenv("CLAIMS_THREADS", "3")
    assert thread_count() == 3
    monkeypatch.setenv("CLAIMS_THREADS", "many")
    with pytest.raises(ValueError):
        thread_count()


def test_loaded_models_use_the_configured_threads(encoder):
    import torch

    from claims.nlp.threads import configure_threads

    assert torch.get_num_threads() == configure_threads()


def test_stanza_runs_on_fewer_threads_and_gives_them_back(encoder):
    """The stanza pipelines run on STANZA_THREADS; the encoder keeps the configured count."""
    import torch

    from claims.nlp.pipeline import load_pipelines
    from claims.nlp.threads import STANZA_THREADS, configure_threads

    tokenizer, tagger = load_pipelines("en")
    seen = []
    processor = tagger.pipeline.processors["pos"]
    original = processor.process

    def counting(doc):
        seen.append(torch.get_num_threads())
        return original(doc)

    processor.process = counting
    try:
        tagger([["Officials", "said", "so", "."]])
    finally:
        processor.process = original
    assert seen == [min(STANZA_THREADS, configure_threads())]
    assert torch.get_num_threads() == configure_threads()


def test_model_calls_share_the_cores_with_other_claims_processes(encoder):
    """A call that finds every core taken by another claims process waits for one and runs on it alone;
    afterwards the process has its configured threads again."""
    import subprocess
    import sys
    import time

    import torch

    from claims.nlp.threads import _core_locks, available_cores, configure_threads, cores

    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys, time\n"
        f"handles = [open({str(_core_locks())!r} + f'/core-{{i}}', 'a+b') for i in range({available_cores()})]\n"
        "for h in handles: fcntl.flock(h, fcntl.LOCK_EX)\n"
        "print('held', flush=True)\n"
        "time.sleep(1.5)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.perf_counter()
        with cores() as count:
            waited = time.perf_counter() - started
            inside = torch.get_num_threads()
    finally:
        holder.wait(timeout=30)
    assert waited >= 0.5
    assert count == inside == 1
    with cores() as count:  # nothing else holds a core now
        assert count == configure_threads()
    assert torch.get_num_threads() == configure_threads()


def test_vietnamese_words_span_several_syllables(nlp_vi):
    text = "Các chuyên gia kinh tế cho rằng chính phủ cần tăng cường kiểm soát xuất khẩu công nghệ."
    words = [t.text for t in parse(text, "vi")[0].tokens]
    # multi-syllable words are one token each, as in the treebank the tagger learned from
    for word in ("chuyên gia", "kinh tế", "chính phủ", "tăng cường", "kiểm soát", "xuất khẩu", "công nghệ"):
        assert word in words, words
    assert words[-1] == "."


def test_vietnamese_segmenter_output_placed_back_or_refused():
    from claims.nlp.vi_words import word_spans

    text = "xx Bộ Ngoại giao cho biết yy"
    spans = word_spans(text, 3, len(text) - 3)
    assert [text[a:b] for a, b in spans] == ["Bộ", "Ngoại giao", "cho", "biết"]
    assert word_spans(text, 0, 0) == []


def test_vector_table_keys_are_spacy_string_hashes():
    from claims.nlp.vectors import murmurhash64a

    # spaCy's documented hash of "coffee" (StringStore, seed 1)
    assert murmurhash64a("coffee".encode()) == 3197928453018144401
    assert murmurhash64a(b"") != murmurhash64a(b"\x00")


def test_ner_training_columns_become_iob2_with_three_types(tmp_path):
    from claims.nlp.ner_data import read_ner_columns

    iob1 = tmp_path / "wiki.conll"
    iob1.write_text("-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nCapsule I-ORG\nmet O\nJohn I-PER\nPaul B-PER\n"
                    "Smith I-PER\nin O\nJapan I-LOC\n. I-MISC\n")
    uner = tmp_path / "uner.iob2"
    uner.write_text("# sent_id = 1\n1\tObama\tB-PER\t-\t-\n2\twrote\tO\t-\t-\n\n")
    first = read_ner_columns(iob1)[0]
    assert [t["ner"] for t in first] == ["B-ORG", "I-ORG", "I-ORG", "O", "B-PER", "B-PER", "I-PER", "O", "B-LOC", "O"]
    assert read_ner_columns(uner) == [[{"text": "Obama", "ner": "B-PER"}, {"text": "wrote", "ner": "O"}]]


def _conllu(rows: list[tuple[str, str, int, str]]) -> str:
    """CoNLL-U lines from (form, upos, head, entity marks) rows; "Americans" is a plural proper noun."""
    def feats(form, upos):
        return "Number=Plur" if upos == "PROPN" and form.endswith("ans") else "_"

    return "".join(f"{i}\t{form}\t_\t{upos}\t_\t{feats(form, upos)}\t{head}\t_\t_\t"
                   f"{('Entity=' + marks) if marks else '_'}\n"
                   for i, (form, upos, head, marks) in enumerate(rows, 1)) + "\n"


def test_gum_entity_mentions_become_names_without_titles_or_common_nouns(tmp_path):
    from claims.nlp.ner_data import read_entity_conllu

    gum = tmp_path / "GUM_news_test.conllu"
    gum.write_text("# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity\n" + _conllu([
        ("Professor", "PROPN", 3, "(1-person-new-sssss-cf1-3-coref"),
        ("Cres", "PROPN", 3, ""),
        ("Eastman", "PROPN", 9, ""),
        ("of", "ADP", 6, ""),
        ("the", "DET", 6, ""),
        ("University", "PROPN", 3, "(2-organization-new-sssss-cf2-1-coref-University_of_Sydney"),
        ("of", "ADP", 8, ""),
        ("Sydney", "PROPN", 6, "(3-place-new-sssss-cf3-1-coref-Sydney)2)1)"),
        ("told", "VERB", 0, ""),
        ("Americans", "PROPN", 9, "(4-person-new-sssss-cf4-1-coref)"),
        ("in", "ADP", 13, ""),
        ("the", "DET", 13, "(5-place-new-sssss-cf5-3-coref"),
        ("United", "VERB", 14, ""),
        ("States", "PROPN", 9, "5)"),
        ("and", "CCONJ", 16, ""),
        ("children", "NOUN", 9, "(6-person-new-sssss-cf6-1-coref)"),
    ]))
    (tokens,) = read_entity_conllu(gum, titles={"professor", "president"})
    assert [t["ner"] for t in tokens] == [
        "O", "B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O", "B-LOC", "I-LOC", "O", "O"]


def test_loading_a_pipeline_reads_only_package_files_natively(nlp_en, tmp_path):
    import pickle

    import torch

    from claims.nlp.pipeline import _package_files_unpickled_natively

    assert torch.load.__module__ == "torch.serialization"  # restored once the pipelines are loaded
    outside = tmp_path / "outside.pt"
    with outside.open("wb") as f:
        pickle.dump({"not": object()}, f, protocol=2)  # a pickle weights_only refuses
    with _package_files_unpickled_natively():
        with pytest.raises(pickle.UnpicklingError):
            torch.load(outside, weights_only=True)
    assert torch.load.__module__ == "torch.serialization"


def test_entity_spans_read_iob2_and_bioes_alike():
    from claims.nlp.ner_data import entity_spans

    iob2 = ["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "I-ORG", "B-LOC", "I-PER"]
    bioes = ["B-PER", "E-PER", "O", "B-ORG", "I-ORG", "E-ORG", "S-LOC", "S-PER"]
    expected = {(0, 2, "PER"), (3, 6, "ORG"), (6, 7, "LOC"), (7, 8, "PER")}
    assert entity_spans(iob2) == entity_spans(bioes) == expected
