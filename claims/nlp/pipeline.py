"""Stanza pipelines for Vietnamese, English and Chinese, loaded offline.

Official stanza models in the user's stanza resources are preferred when they
are installed (`claims models download`); otherwise the models bundled with the
package, trained by `claims.nlp.train`, are used. Each pipeline is loaded once
per process.
"""
from __future__ import annotations

import json
import logging
import os
import re
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from claims.model import Sentence, Token

BUNDLED_DIR = Path(__file__).parent / "models"
PROCESSORS = {
    "vi": ["tokenize", "pos", "lemma", "depparse"],
    "en": ["tokenize", "mwt", "pos", "lemma", "depparse", "ner"],
    "zh": ["tokenize", "pos", "lemma", "depparse"],
}
OPTIONAL = {"ner"}
IDENTITY_LEMMAS = ("vi", "zh")
LANGUAGES = tuple(PROCESSORS)

_lock = threading.Lock()


def stanza_resources_dir() -> Path:
    return Path(os.environ.get("STANZA_RESOURCES_DIR", Path.home() / "stanza_resources"))


def official_installed(lang: str) -> bool:
    """True when stanza's own default package for `lang` is in the user's resources."""
    resources = stanza_resources_dir() / "resources.json"
    if not resources.exists():
        return False
    try:
        known = json.loads(resources.read_text())
    except (OSError, ValueError):
        return False
    lang_dir = stanza_resources_dir() / lang
    return lang in known and (lang_dir / "tokenize").is_dir() and (lang_dir / "depparse").is_dir()


def model_source() -> dict[str, str]:
    """Which stanza models each language uses: claims' bundled ones or stanza's official ones."""
    return {lang: "official" if official_installed(lang) else "bundled" for lang in LANGUAGES}


def bundled_paths(lang: str) -> dict[str, Path]:
    """Model files shipped in the package, by processor (missing optional ones left out)."""
    folder = BUNDLED_DIR / lang
    found = {}
    for processor in PROCESSORS[lang]:
        path = folder / f"{processor}.pt"
        if path.exists():
            found[processor] = path
    return found


def pipeline_kwargs(lang: str, source: str = "auto") -> dict:
    """Arguments for stanza.Pipeline; `source` is auto, official or bundled."""
    use_official = source == "official" or (source == "auto" and official_installed(lang))
    if use_official:
        return {"lang": lang, "dir": str(stanza_resources_dir()), "download_method": None,
                "processors": ",".join(PROCESSORS[lang])}
    paths = bundled_paths(lang)
    processors = [p for p in PROCESSORS[lang] if p in paths or (p == "lemma" and lang in IDENTITY_LEMMAS)]
    kwargs = {"lang": lang, "dir": str(BUNDLED_DIR), "download_method": None, "allow_unknown_language": True,
              "processors": ",".join(processors), "tokenize_model_path": str(paths["tokenize"])}
    pretrain = str(BUNDLED_DIR / lang / "pretrain.pt")
    if "mwt" in paths:
        kwargs["mwt_model_path"] = str(paths["mwt"])
    if lang in IDENTITY_LEMMAS:
        # VTB and the Chinese treebanks' lemmas equal the word forms
        kwargs["lemma_use_identity"] = True
    elif "lemma" in paths:
        kwargs["lemma_model_path"] = str(paths["lemma"])
    for processor in ("pos", "depparse", "ner"):
        if processor in paths:
            kwargs[f"{processor}_model_path"] = str(paths[processor])
            kwargs[f"{processor}_pretrain_path"] = pretrain
    if "ner" in paths:
        kwargs["ner_charlm_forward_file"] = None
        kwargs["ner_charlm_backward_file"] = None
    return kwargs


def restrict(kwargs: dict, processors: list[str]) -> dict:
    """Keep only the arguments of `processors`: stanza adds a processor for every model path it is given."""
    names = set(PROCESSORS["en"]) | set(PROCESSORS["vi"])
    kept = {k: v for k, v in kwargs.items() if k.split("_", 1)[0] not in names or k.split("_", 1)[0] in processors}
    kept["processors"] = ",".join(p for p in kwargs["processors"].split(",") if p in processors)
    return kept


@lru_cache(maxsize=None)
def load_pipeline(lang: str, source: str = "auto", pretokenized: bool = False, processors: tuple | None = None):
    import stanza

    from claims.nlp.threads import configure_threads

    if lang not in PROCESSORS:
        raise ValueError(f"unsupported language {lang!r}; claims knows {', '.join(LANGUAGES)}")
    configure_threads()
    kwargs = pipeline_kwargs(lang, source)
    if pretokenized:
        kwargs = restrict(kwargs, [p for p in kwargs["processors"].split(",") if p != "mwt"])
        kwargs["tokenize_pretokenized"] = True
    if processors:
        kwargs = restrict(kwargs, list(processors))
    with _lock, _package_files_unpickled_natively():
        logging.getLogger("stanza").setLevel(logging.WARNING)
        return FewThreads(stanza.Pipeline(**kwargs, verbose=False, use_gpu=False,
                                          foundation_cache=_foundation_cache(kwargs)))


@contextmanager
def _package_files_unpickled_natively():
    """While a pipeline loads, torch reads the model files this package ships with its native unpickler.

    Stanza asks for `weights_only=True`, whose unpickler is written in Python: the bundled NER model and word
    vectors, whose vocabularies are long lists of strings, took 0.47 and 0.31 s that way against 0.06 and
    0.04 s. A file of the package is as trusted as the package's code; any other file (official stanza
    models, a path given by the user) keeps stanza's `weights_only` reading."""
    import torch

    original = torch.load

    def load(f, *args, **kwargs):
        if isinstance(f, (str, os.PathLike)) and _shipped(f):
            kwargs["weights_only"] = False
        return original(f, *args, **kwargs)

    torch.load = load
    try:
        yield
    finally:
        torch.load = original


def _shipped(path: str | os.PathLike) -> bool:
    """Whether a model file is one this package ships."""
    return Path(path).resolve().is_relative_to(BUNDLED_DIR.resolve())


@lru_cache(maxsize=1)
def _shared_cache():
    from stanza.models.common.foundation_cache import FoundationCache

    return FoundationCache(local_files_only=True)


def _foundation_cache(kwargs: dict):
    """Stanza's cache of word vectors, filled with the pipeline's pretrain files as stanza's models take
    them: the bundled ones are stored in float16 and, where words share vectors, each distinct vector once
    (claims.nlp.train.shrink_pretrain)."""
    import torch
    from stanza.models.common.pretrain import Pretrain, PretrainedWordVocab

    cache = _shared_cache()
    for key, path in kwargs.items():
        if key.endswith("_pretrain_path") and path and path not in cache.pretrains:
            data = torch.load(path, map_location="cpu", weights_only=not _shipped(path))
            emb = data["emb"] if isinstance(data["emb"], torch.Tensor) else torch.from_numpy(data["emb"])
            if "emb_rows" in data:
                emb = emb[data["emb_rows"].long()]
            pretrain = Pretrain(path)
            pretrain._vocab = PretrainedWordVocab.load_state_dict(data["vocab"])
            pretrain._emb = emb.float()
            cache.pretrains[path] = pretrain
    return cache


class FewThreads:
    """A stanza pipeline that runs on STANZA_THREADS threads (claims.nlp.threads), whatever the encoder uses."""

    def __init__(self, pipeline):
        self.pipeline = pipeline

    def __getattr__(self, name):
        return getattr(self.pipeline, name)

    def __call__(self, *args, **kwargs):
        from claims.nlp.threads import STANZA_THREADS, cores

        with cores(STANZA_THREADS):
            return self.pipeline(*args, **kwargs)


TOKENIZERS = {"vi": ("tokenize",), "en": ("tokenize", "mwt"), "zh": ("tokenize",)}


def load_pipelines(lang: str, source: str = "auto"):
    """The two pipelines `parse` runs: the tokenizer, then everything else on its words. Each is loaded once."""
    return (load_pipeline(lang, source, processors=TOKENIZERS[lang]),
            load_pipeline(lang, source, pretokenized=True))


# ------------------------------------------------------------------ parsing text

# The Vietnamese treebank writes a space before every punctuation mark, so the
# tokenizer trained on it keeps a mark glued to the word before it unless the
# text is spaced the same way first.
_PUNCT_GLUE = re.compile(r"(?<=\w)(?=[.,;:!?…)\]”\"’»」』])|(?<=[(\[“\"‘«「『])(?=\w)")


def space_punctuation(text: str) -> tuple[str, list[int]]:
    """Insert spaces around punctuation; return the new text and, for each of its
    characters, the offset of the character it came from in `text`."""
    out, mapping, last = [], [], 0
    for m in _PUNCT_GLUE.finditer(text):
        pos = m.start()
        out.append(text[last:pos])
        mapping.extend(range(last, pos))
        out.append(" ")
        mapping.append(pos)
        last = pos
    out.append(text[last:])
    mapping.extend(range(last, len(text)))
    mapping.append(len(text))
    return "".join(out), mapping


def _syllable_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]


def split_name_runs(text: str, spans: list[tuple[int, int]], places: list[str]) -> list[tuple[int, int]]:
    """Split Vietnamese word tokens that glue an organisation, a place and a person name together.

    The VTB tokenizer learned names as single tokens, and sometimes runs them into
    the words before them ("Bộ Ngoại giao Trung Quốc Lâm Kiếm"). A token is cut
    where a lower-case syllable is followed by a capitalised one, and a known
    place name is cut off the front of a capitalised run.
    """
    place_words = sorted((p.split() for p in places), key=len, reverse=True)
    out = []
    for start, end in spans:
        syllables = _syllable_spans(text, start, end)
        if len(syllables) < 2:
            out.append((start, end))
            continue
        pieces, current = [], [syllables[0]]
        for prev, syl in zip(syllables, syllables[1:]):
            prev_word, word = text[prev[0]:prev[1]], text[syl[0]:syl[1]]
            if word[:1].isupper() and prev_word[:1].islower() and any(c.isalpha() for c in prev_word):
                pieces.append(current)
                current = []
            current.append(syl)
        pieces.append(current)
        for piece in pieces:
            words = [text[a:b] for a, b in piece]
            while len(piece) > 1 and all(w[:1].isupper() for w in words):
                cut = next((len(p) for p in place_words if len(p) < len(words) and words[:len(p)] == p), 0)
                if not cut:
                    break
                out.append((piece[0][0], piece[cut - 1][1]))
                piece, words = piece[cut:], words[cut:]
            out.append((piece[0][0], piece[-1][1]))
    return out


# Longer "sentences" (a run of 5,000 quotation marks, a table flattened into one line) would make the
# parser's cost explode (it scores every pair of words); they are cut into pieces of this many words.
MAX_SENTENCE_WORDS = 120


def _tokenize(spaced: str, lang: str) -> list[list[tuple[str, int, int]]]:
    """Words with their character spans, sentence by sentence (multi-word tokens share their span)."""
    return _tokenize_many([spaced], lang)[0]


# The tokenizer reads a paragraph longer than this many characters (stanza's `max_seqlen`) in windows, each
# starting after the last sentence end it found in the window before.
TOKENIZER_WINDOW = 1000
SENTENCE_MARKS = re.compile(r"[.!?。！？…\n]")


def tokenizer_pieces(text: str, window: int = TOKENIZER_WINDOW) -> list[tuple[int, int]]:
    """Spans of `text` for the tokenizer: the whole text, unless it has a run of more than `window`
    characters with no sentence mark, which is cut at its last space before each `window` characters.

    In such a run (a sentence of a thousand repeated words, a flattened table) the tokenizer can find a
    sentence end a few characters into each window and read the run again from there, window after window:
    a 5,600-character paragraph took 11 s. Text with a sentence mark at least every `window` characters,
    which is all prose, is read whole and tokenized exactly as before."""
    cuts = []
    marks = [-1, *(m.start() for m in SENTENCE_MARKS.finditer(text)), len(text)]
    for mark, next_mark in zip(marks, marks[1:]):
        start = mark + 1
        while next_mark - start > window:
            space = text.rfind(" ", start + 1, start + window)
            start = space + 1 if space > start else start + window
            cuts.append(start)
    bounds = [0, *cuts, len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]


def _tokenize_many(texts: list[str], lang: str) -> list[list[list[tuple[str, int, int]]]]:
    """`_tokenize` for several texts in one call of the tokenizer (stanza's bulk mode joins them as
    paragraphs), which saves a call's overhead per paragraph of an article."""
    import stanza

    tokenizer = load_pipelines(lang)[0]
    pieces = [(k, a, b) for k, text in enumerate(texts) for a, b in tokenizer_pieces(text)]
    docs = tokenizer([stanza.Document([], text=texts[k][a:b]) for k, a, b in pieces]) if pieces else []
    sentences: list[list[list[tuple[str, int, int]]]] = [[] for _ in texts]
    for (k, a, b), doc in zip(pieces, docs):
        sentences[k] += _piece_words(texts[k], a, b, doc, lang)
    return [_join_unmarked_ends(found, spaced) for spaced, found in zip(texts, sentences)]


def _piece_words(text: str, a: int, b: int, doc, lang: str) -> list[list[tuple[str, int, int]]]:
    """The words of each sentence the tokenizer found in `text[a:b]`, with their spans in `text`."""
    piece = text[a:b]
    if lang == "vi":
        from claims.detect.langdata import load_language

        places = load_language("vi").get("places", [])
        return [[(text[x:y], x, y) for x, y in split_name_runs(text, [(x + a, y + a) for x, y in _vi_words(piece, sent)],
                                                                 places)] for sent in doc.sentences]
    sentences = []
    for sent in doc.sentences:
        words = []
        for token in sent.tokens:
            x, y = token.start_char, token.end_char
            expanded = [w.text for w in token.words]
            if len(expanded) == 1 or "<UNK>" in expanded or "".join(expanded) != piece[x:y] and \
                    not all(e and e.lower() in piece[x:y].lower() for e in expanded):
                words.append((piece[x:y], x + a, y + a))  # keep the surface form when the expansion is unsure
            else:
                words.extend((e, x + a, y + a) for e in expanded)
        sentences.append(words)
    return sentences


def _join_unmarked_ends(sentences: list[list[tuple[str, int, int]]], text: str) -> list[list[tuple[str, int, int]]]:
    """A sentence end with no mark before it and no line break after it is the tokenizer's slip, often inside
    a name ("Theresa | May said …", where "May" reads as the month): the two are one sentence, so that the
    tagger and the entity model see the name whole."""
    joined: list[list[tuple[str, int, int]]] = []
    for words in sentences:
        if joined and joined[-1] and words and joined[-1][-1][0][-1:].isalnum() \
                and "\n" not in text[joined[-1][-1][2]:words[0][1]]:
            joined[-1] = joined[-1] + words
        else:
            joined.append(words)
    return joined


def _vi_words(spaced: str, sentence) -> list[tuple[int, int]]:
    """The words of one Vietnamese sentence: the tokenizer found the sentence, the word segmenter
    (claims.nlp.vi_words) decides its words; the tokenizer's own words are kept if the segmenter fails."""
    from claims.nlp.vi_words import word_spans

    own = [(t.start_char, t.end_char) for t in sentence.tokens]
    if not own:
        return own
    segmented = word_spans(spaced, own[0][0], own[-1][1])
    return segmented if segmented else own


def _chunks(sentences: list[list[tuple[str, int, int]]]) -> list[list[tuple[str, int, int]]]:
    out = []
    for sent in sentences:
        for i in range(0, len(sent), MAX_SENTENCE_WORDS):
            out.append(sent[i:i + MAX_SENTENCE_WORDS])
    return [s for s in out if s]


def _name_tags(token: Token) -> None:
    """A capitalised word inside a named entity is a proper noun, whatever the tagger guessed
    ("United States" tagged ADJ NOUN, "Hemming" tagged PROPN but VBG)."""
    if token.ner != "O" and token.text[:1].isupper() and token.upos in ("NOUN", "ADJ", "X", "VERB", "PROPN"):
        token.upos = "PROPN"
        if not token.xpos.startswith("NNP"):
            token.xpos = "NNPS" if token.xpos == "NNS" else "NNP" if token.xpos.startswith(("NN", "JJ", "VB")) \
                else token.xpos


def _name_before_finite_verb(tokens: list[Token]) -> None:
    """"Trump took a much more optimistic view": a capitalised base-form verb that opens a sentence right before
    a verb in the past or the third person is no English verb but the name of the sentence's subject (the tagger
    reads "Trump", "Rice", "Price" as verbs, and its names miss them there)."""
    if len(tokens) >= 2 and tokens[0].upos == "VERB" and tokens[0].xpos in ("VB", "VBP") \
            and tokens[0].text[:1].isupper() and tokens[0].text[1:].islower() and tokens[1].xpos in ("VBD", "VBZ"):
        tokens[0].upos, tokens[0].xpos = "PROPN", "NNP"


def word_tagger_in_use(lang: str) -> bool:
    """Whether the word tagger of `lang` (`claims.nlp.tagger`) replaces stanza's tags and parse: it must
    exist, be switched on (CLAIMS_WORD_TAGGER=1) and claims' own stanza models be in use."""
    from claims.nlp.tagger import has_tagger, tagger_switched_on

    return tagger_switched_on() and has_tagger(lang) and not official_installed(lang)


def word_tagger_tasks(lang: str) -> set[str]:
    """What the word tagger of `lang` decides in place of stanza (`WordTagger.tasks`); empty without one."""
    from claims.nlp.tagger import load_tagger

    return load_tagger(lang).tasks if word_tagger_in_use(lang) else set()


def word_tags(lang: str, sentences: list[list[str]]) -> list[dict[str, list]] | None:
    """The word tagger's names, parts of speech and dependencies for pre-tokenised sentences,
    or None when `lang` has no word tagger in use."""
    from claims.nlp.tagger import load_tagger

    if not sentences or not word_tagger_in_use(lang):
        return None
    return load_tagger(lang).tag(sentences)


def retag(token: Token, upos: str | None, ner: str | None) -> None:
    """Take the word tagger's part of speech and name tag; a proper noun that becomes a common noun,
    or the reverse, changes its treebank tag with it, so that the parser reads one story."""
    if ner is not None:
        token.ner = ner
    if not upos or upos == token.upos:
        return
    plural = token.xpos in ("NNS", "NNPS")
    if upos == "PROPN":
        token.xpos = "NNPS" if plural else "NNP"
    elif upos == "NOUN" and token.upos == "PROPN":
        token.xpos = "NNS" if plural else "NN"
    token.upos = upos


def parse(text: str, lang: str, offset: int = 0) -> list[Sentence]:
    """Sentences with tokens, tags and dependencies; offsets point into `text` plus `offset`.

    Three passes: the tokenizer (and for Vietnamese the word segmenter and the repair of glued names),
    the tagger, lemmatizer and NER on the resulting words, then the parser on the words and their tags,
    as corrected by the names found (`_name_tags`)."""
    return parse_many([(text, offset)], lang)[0]


def parse_many(items: list[tuple[str, int]], lang: str, dependencies: bool = True) -> list[list[Sentence]]:
    """`parse` for several texts (an article's paragraphs): each pass runs once over all their sentences,
    so the tokenizer, tagger and parser work in full batches instead of one small batch per paragraph.

    With `dependencies=False` the parser (most of the time of a parse) is skipped and tokens get
    `head=None`; `add_dependencies` parses the sentences that turn out to need it."""
    spaced_texts, mappings = [], []
    for text, _ in items:
        if lang == "vi":
            spaced, mapping = space_punctuation(text)
        else:
            spaced, mapping = text, list(range(len(text) + 1))
        spaced_texts.append(spaced)
        mappings.append(mapping)
    busy = [i for i, (text, _) in enumerate(items) if text.strip()]
    words = {i: _chunks(found) for i, found in zip(busy, _tokenize_many([spaced_texts[i] for i in busy], lang))}
    chunks = [(i, sent) for i in busy for sent in words[i]]
    tagger = load_pipelines(lang)[1]
    # the word tagger, where there is one, names and parses: stanza only tags and lemmatises
    skipped = {"depparse"} | ({"ner"} if "ner" in word_tagger_tasks(lang) else set())
    processors = [p for p in tagger.processors if p not in skipped]
    chunk_words = [[w for w, _, _ in sent] for _, sent in chunks]
    analysed = tagger(chunk_words, processors=processors).sentences if chunks else []
    retagged = word_tags(lang, chunk_words) or [{}] * len(chunks)
    results: list[list[Sentence]] = [[] for _ in items]
    for (i, spans), sent, tags in zip(chunks, analysed, retagged):
        text, offset = items[i]
        mapping = mappings[i]
        tokens = []
        for (word_text, a, b), word in zip(spans, sent.words):
            start, end = mapping[a], mapping[b - 1] + 1
            token = Token(text=word_text if lang != "vi" else text[start:end], start=start + offset,
                          end=end + offset, upos=word.upos or "", xpos=word.xpos or "",
                          lemma=word.lemma or word.text, head=None, deprel="",
                          ner=getattr(word.parent, "ner", None) or "O", feats=word.feats or "")
            if tags:
                k = len(tokens)
                retag(token, tags["upos"][k] if "upos" in tags else None, tags["ner"][k] if "ner" in tags else None)
                if "head" in tags:  # the tagger parses in the same pass, at no extra cost
                    token.head, token.deprel = tags["head"][k], tags["deprel"][k]
            _name_tags(token)
            tokens.append(token)
        if tokens:
            _name_before_finite_verb(tokens)
            results[i].append(Sentence(start=tokens[0].start, end=tokens[-1].end, tokens=tokens))
    if dependencies:
        add_dependencies([s for found in results for s in found], lang)
    return results


def parser_words(sentence: Sentence, lang: str) -> list[str]:
    """The words of a parsed sentence as the tagger and parser saw them (Vietnamese spaced punctuation)."""
    if lang == "vi":
        return [space_punctuation(t.text)[0] for t in sentence.tokens]
    return [t.text for t in sentence.tokens]


def add_dependencies(sentences: list[Sentence], lang: str) -> None:
    """Fill in the heads and relations of sentences parsed with `dependencies=False`, in place.

    The parser reads the sentences' own tags, names corrected (`_name_tags`): a name the tagger took for
    a verb ("Hemming" as VBG) would otherwise be parsed as one."""
    import stanza

    todo = [s for s in sentences if s.tokens and s.tokens[0].head is None]
    if not todo:
        return
    tagger = load_pipelines(lang)[1]
    rows = [[{"id": n, "text": word, "lemma": t.lemma, "upos": t.upos, "xpos": t.xpos, "feats": t.feats or None}
             for n, (word, t) in enumerate(zip(parser_words(s, lang), s.tokens), 1)] for s in todo]
    for sentence, analysed in zip(todo, tagger(stanza.Document(rows), processors="depparse").sentences):
        for token, word in zip(sentence.tokens, analysed.words):
            token.head, token.deprel = word.head or 0, word.deprel or ""
