"""Score the models claims uses (stanza's, and the word tagger with --tagger) on a UD test set.

    python -m claims.nlp.evaluate vi --ud PATH [--write] [--tagger]

Tokens and Sentences come from raw text; UPOS, UAS and LAS from the gold
tokenization, as stanza reports them. `--write` stores the figures in the
package (models/scores.json), where `claims models status` shows them.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import time
from pathlib import Path

from claims.model import Token
from claims.nlp.pipeline import BUNDLED_DIR, load_pipeline, pipeline_kwargs, retag, word_tagger_in_use, word_tags
from claims.nlp.ner_data import entity_spans, read_ner_columns
from claims.nlp.train import TREEBANKS, read_conllu_sentences

SCORES_FILE = BUNDLED_DIR / "scores.json"


def raw_text(path: Path) -> str:
    texts = [line[len("# text = "):].strip() if line.startswith("# text = ") else line[len("# text ="):].strip()
             for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# text")]
    return "\n\n".join(texts)


def _ud_eval(gold: Path, system: str) -> dict:
    from stanza.models.common.utils import ud_scores

    return ud_scores(str(gold), io.StringIO(system))


def _to_conllu(doc) -> str:
    from stanza.utils.conll import CoNLL

    out = io.StringIO()
    CoNLL.write_doc2conll(doc, out)
    return out.getvalue()


# the Chinese models train on a composed treebank (claims.nlp.train.compose_chinese) whose test file is
# GSDSimp's: scored on the released file, so that the figures compare with published ones
TEST_FILES = {"zh": ("UD_Chinese-GSDSimp", "zh_gsdsimp-ud-test.conllu")}


def analyse_words(lang: str, words: list[list[str]]):
    """Tags and dependencies of gold-tokenised sentences, the way `claims.nlp.pipeline.parse` gets them:
    stanza's tagger, then, where the language has a word tagger, its parts of speech and its parse;
    otherwise stanza's parser on stanza's tags."""
    import stanza

    pipeline = load_pipeline(lang, "bundled", pretokenized=True)
    tagged = pipeline(words, processors=[p for p in pipeline.processors if p != "depparse"])
    retagged = word_tags(lang, words)
    rows = []
    for n, sent in enumerate(tagged.sentences):
        row = []
        for k, word in enumerate(sent.words):
            token = Token(text=word.text, start=0, end=0, upos=word.upos or "", xpos=word.xpos or "",
                          lemma=word.lemma or word.text, head=None, deprel="", ner="O", feats=word.feats or "")
            if retagged and "upos" in retagged[n]:
                retag(token, retagged[n]["upos"][k], None)
            row.append({"id": k + 1, "text": word.text, "lemma": token.lemma, "upos": token.upos,
                        "xpos": token.xpos, "feats": token.feats or None})
            if retagged and "head" in retagged[n]:
                row[-1].update(head=retagged[n]["head"][k], deprel=retagged[n]["deprel"][k])
        rows.append(row)
    if retagged and "head" in retagged[0]:
        return stanza.Document(rows)
    return pipeline(stanza.Document(rows), processors="depparse")


def score(lang: str, ud_dir: Path, uner_dir: Path | None = None) -> dict:
    treebank, short = TREEBANKS[lang]
    test = ud_dir / treebank / f"{short}-ud-test.conllu"
    if lang in TEST_FILES:
        treebank = TEST_FILES[lang][0]
        test = ud_dir / treebank / TEST_FILES[lang][1]
    results: dict = {"treebank": f"{treebank} test", "source": "bundled"}

    started = time.time()
    from claims.nlp.pipeline import space_punctuation

    text = raw_text(test)
    if lang == "vi":
        text, _ = space_punctuation(text)
    # tokens and sentences are scored on the tokenization claims uses (surface forms, names repaired)
    from claims.nlp.pipeline import _tokenize

    lines = []
    for sentence in _tokenize(text, lang):
        seen, n = set(), 0
        for _word, a, b in sentence:
            if (a, b) in seen:
                continue  # a multi-word token counts once, as its surface form
            seen.add((a, b))
            n += 1
            lines.append(f"{n}\t{text[a:b]}\t_\t_\t_\t_\t{0 if n == 1 else 1}\t_\t_\t_")
        lines.append("")
    tokenized = _ud_eval(test, "\n".join(lines) + "\n")
    results["Tokens"] = round(100 * tokenized["Tokens"].f1, 2)
    results["Sentences"] = round(100 * tokenized["Sentences"].f1, 2)

    words = [[cols[1] for cols in sent if cols[0].isdigit()] for sent in read_conllu_sentences(test)]
    gold_tok = _ud_eval(test, _to_conllu(analyse_words(lang, words)))
    # the Chinese models are trained without XPOS (the treebanks spell it differently)
    for metric in ("UPOS", "UAS", "LAS") if lang in TEST_FILES else ("UPOS", "XPOS", "UAS", "LAS"):
        results[metric] = round(100 * gold_tok[metric].f1, 2)
    if lang == "en" and uner_dir is not None and "ner" in pipeline_kwargs(lang, "bundled")["processors"]:
        for kind, f1 in (score_ner(uner_dir) or {}).items():
            results["NER_F1" if kind == "ALL" else f"NER_{kind}_F1"] = f1
    results["seconds"] = round(time.time() - started, 1)
    return results


def score_ner(uner_dir: Path) -> dict[str, float] | None:
    """Entity-level F1 on the UNER test split, with gold tokens: PER, ORG and LOC together (ALL) and apart."""
    path = uner_dir / "en_ewt-ud-test.iob2"
    if not path.exists():
        return None
    found = read_ner_columns(path)
    sentences = [[t["text"] for t in sent] for sent in found]
    gold = [[t["ner"] for t in sent] for sent in found]
    retagged = word_tags("en", sentences)
    if retagged and "ner" in retagged[0]:
        found_tags = [tags["ner"] for tags in retagged]
    else:
        doc = load_pipeline("en", "bundled", pretokenized=True)(sentences)
        found_tags = [[t.ner for t in sent.tokens] for sent in doc.sentences]

    counts = {kind: [0, 0, 0] for kind in ("ALL", "PER", "ORG", "LOC")}
    for tags, labels in zip(found_tags, gold):
        predicted = entity_spans(tags)
        expected = entity_spans(labels)
        for kind, c in counts.items():
            mine = {s for s in predicted if kind in ("ALL", s[2])}
            theirs = {s for s in expected if kind in ("ALL", s[2])}
            c[0] += len(mine & theirs)
            c[1] += len(mine - theirs)
            c[2] += len(theirs - mine)
    scores = {}
    for kind, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        scores[kind] = round(100 * 2 * p * r / (p + r), 2) if p + r else 0.0
    return scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m claims.nlp.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lang", nargs="+", choices=sorted(TREEBANKS))
    parser.add_argument("--ud", type=Path, required=True, help="folder holding the UD_* treebank folders")
    parser.add_argument("--uner", type=Path, help="UNER_English-EWT folder, to score English NER")
    parser.add_argument("--write", action="store_true", help="store the scores in the package")
    parser.add_argument("--tagger", action="store_true",
                        help="score with the word tagger switched on (CLAIMS_WORD_TAGGER=1), stored as LANG+tagger")
    args = parser.parse_args(argv)
    if args.tagger:
        os.environ["CLAIMS_WORD_TAGGER"] = "1"
    stored = json.loads(SCORES_FILE.read_text()) if SCORES_FILE.exists() else {}
    for lang in args.lang:
        result = score(lang, args.ud, args.uner)
        key = f"{lang}+tagger" if word_tagger_in_use(lang) else lang
        print(key, json.dumps(result))
        stored[key] = result
    if args.write:
        SCORES_FILE.write_text(json.dumps(stored, indent=1) + "\n")


if __name__ == "__main__":
    main()
