"""What `claims models status` reports: where each model is and whether it loads."""
from __future__ import annotations

import json
import time

from claims.nlp import encoder
from claims.nlp.pipeline import (BUNDLED_DIR, IDENTITY_LEMMAS, OPTIONAL, PROCESSORS, bundled_paths,
                                  load_pipelines, official_installed, parse)

PROBE = {
    "vi": "Người phát ngôn Lâm Kiếm cho biết Mỹ nên thực hiện cam kết.",
    "en": "Commerce Secretary Gina Raimondo said the United States cannot wait.",
    "zh": "外交部发言人林剑表示，美方应当信守承诺。",
}


# what stanza no longer decides where a word tagger is in use: the tagger's labels and parse replace its
SUPERSEDED = ("pos", "depparse", "ner")


def _scores() -> dict:
    path = BUNDLED_DIR / "scores.json"
    return json.loads(path.read_text()) if path.exists() else {}


def stanza_status(lang: str) -> list[dict]:
    from claims.nlp.pipeline import word_tagger_in_use

    source = "official" if official_installed(lang) else "bundled"
    paths = bundled_paths(lang)
    scores = _scores().get(lang, {})
    error, loaded = None, set()
    started = time.time()
    try:
        tokenizer, tagger = load_pipelines(lang)
        loaded = set(tokenizer.processors) | set(tagger.processors)
        sentences = parse(PROBE[lang], lang)
        if not sentences or not sentences[0].tokens or not sentences[0].tokens[0].deprel:
            error = "the pipeline produced no parse"
    except Exception as exc:  # a model that fails to load is what this report is for
        error = f"{type(exc).__name__}: {exc}".splitlines()[0]
    seconds = round(time.time() - started, 2)
    rows = []
    for processor in PROCESSORS[lang]:
        if processor == "lemma" and lang in IDENTITY_LEMMAS and source == "bundled":
            where = "identity (the treebank's lemmas equal its forms)"
        elif source == "official":
            where = "stanza resources"
        else:
            where = str(paths[processor]) if processor in paths else None
        if where is None and processor in OPTIONAL:
            continue  # e.g. English NER when it was not trained
        score = {"tokenize": {k: scores.get(k) for k in ("Tokens", "Sentences")},
                 "pos": {"UPOS": scores.get("UPOS")},
                 "depparse": {"UAS": scores.get("UAS"), "LAS": scores.get("LAS")},
                 "ner": {"F1": scores.get("NER_F1"), "PER F1": scores.get("NER_PER_F1")}}.get(processor, {})
        if processor in SUPERSEDED and word_tagger_in_use(lang):
            score = {}  # the word tagger's figures, on its own row
        rows.append({"model": f"stanza/{lang}/{processor}", "source": source, "path": where,
                     "ok": error is None and processor in loaded, "error": error,
                     "score": {k: v for k, v in score.items() if v is not None} if source == "bundled" else {},
                     "load_seconds": seconds})
    return rows


def tagger_status(lang: str) -> list[dict]:
    """The word tagger of `lang` (`claims.nlp.tagger`), when there is one, with the figures
    `python -m claims.nlp.evaluate LANG --tagger --write` stored for it."""
    from claims.nlp.pipeline import word_tagger_in_use
    from claims.nlp.tagger import has_tagger, load_tagger, tagger_path

    if not has_tagger(lang) or official_installed(lang):
        return []
    scores = _scores().get(f"{lang}+tagger", {})
    started = time.time()
    tasks: set[str] = set()
    try:
        tagger = load_tagger(lang)
        tasks = tagger.tasks
        tagged = tagger.tag([PROBE[lang].rstrip(".").split() + ["."]])[0]
        error = None if tagged["upos"][-1] == "PUNCT" and tagged.get("head", [0]).count(0) == 1 \
            else "the tagger gave no tree"
    except Exception as exc:  # a model that fails to load is what this report is for
        error = f"{type(exc).__name__}: {exc}".splitlines()[0]
    score = {"UPOS": scores.get("UPOS"), "UAS": scores.get("UAS"), "LAS": scores.get("LAS")}
    if "ner" in tasks:  # otherwise the stored name figures are stanza's
        score.update({"F1": scores.get("NER_F1"), "PER F1": scores.get("NER_PER_F1")})
    source = "bundled, in use" if word_tagger_in_use(lang) else "bundled, off (CLAIMS_WORD_TAGGER=1 turns it on)"
    return [{"model": f"tagger/{lang}", "source": source, "path": str(tagger_path(lang)), "ok": error is None,
             "error": error, "score": {k: v for k, v in score.items() if v is not None},
             "load_seconds": round(time.time() - started, 2)}]


def encoder_status(model: str | None = None) -> dict:
    started = time.time()
    try:
        path = encoder.encoder_name_or_path(model)
        st = encoder.load_sentence_transformer(path)
        check = encoder.check_encoder(path, st)
        return {"model": "encoder", "name": model or encoder.DEFAULT_MODEL_NAME, "path": path, "ok": check["ok"],
                "error": None if check["ok"] else check["detail"], "score": {"probe_scores": check["probe_scores"]},
                "dim": check["dim"], "load_seconds": round(time.time() - started, 2)}
    except Exception as exc:
        return {"model": "encoder", "name": model or encoder.DEFAULT_MODEL_NAME, "path": None, "ok": False,
                "error": f"{type(exc).__name__}: {exc}".splitlines()[0], "score": {},
                "load_seconds": round(time.time() - started, 2)}


def models_status(model: str | None = None) -> list[dict]:
    rows = []
    for lang in PROCESSORS:
        rows.extend(stanza_status(lang))
        rows.extend(tagger_status(lang))
    rows.append(encoder_status(model))
    from claims.verify.cross import status as cross_status
    from claims.verify.judge import status as judge_status
    from claims.verify.link import status as link_status

    rows.append(link_status())
    rows.append(cross_status())
    rows.append(judge_status())
    return rows


def download_official(langs: list[str]) -> list[str]:
    """Fetch stanza's own models into the user's stanza resources; raises OSError offline."""
    import stanza

    from claims.nlp.pipeline import stanza_resources_dir

    done = []
    for lang in langs:
        stanza.download(lang, model_dir=str(stanza_resources_dir()), processors=",".join(PROCESSORS[lang]),
                        verbose=False)
        done.append(lang)
    return done
