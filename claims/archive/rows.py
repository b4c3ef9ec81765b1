"""The rows of `claims extract`: articles in, one row per attribution out, and the quote-centric table that
groups one quotation's occurrences across articles. Pure functions over plain dicts, so the local engine and
Spark run the same code."""
from __future__ import annotations

import hashlib
from collections import Counter

from claims.store.appearances import folded_wording

# the attribution table: the detector's fields with the article's (order is the Parquet schema's)
ATTRIBUTION_FIELDS = [
    ("article_id", "string"), ("url", "string"), ("date", "string"), ("lang", "string"),
    ("start", "int64"), ("end", "int64"), ("kind", "string"), ("content", "string"), ("cue", "string"),
    ("speaker", "string"), ("speaker_mention", "string"), ("speaker_type", "string"), ("role", "string"),
    ("outlet", "string"), ("quote_id", "string"),
]
# the quote-centric table, in Quotebank's shape where it fits (quoteID, quotation, speaker, date,
# numOccurrences, probas, urls) plus the aliases the speaker was named by
QUOTATION_FIELDS = [
    ("quote_id", "string"), ("quotation", "string"), ("speaker", "string"), ("speaker_aliases", "list<string>"),
    ("date", "string"), ("num_occurrences", "int64"), ("probas", "list<struct<speaker:string,share:double>>"),
    ("urls", "list<string>"), ("articles", "list<string>"), ("lang", "string"),
]
ERROR_FIELDS = [("article_id", "string"), ("url", "string"), ("reason", "string")]
ARTICLE_FIELDS = ("id", "url", "date", "lang", "text")


def quote_id(content: str) -> str:
    """One key for identical and near-identical quotations: the same words in the same order, whatever the
    case, spacing, punctuation and quotation marks."""
    return "q-" + hashlib.sha1(folded_wording(content).encode("utf-8")).hexdigest()[:16]


def extract_article(article: dict) -> tuple[list[dict], dict | None]:
    """(attribution rows, None) for one article, or ([], error row) when it cannot be read; the models load
    on the first article in each language and stay loaded for the process."""
    from claims.detect import detect_document
    from claims.ingest import InputError, make_document, read_bytes

    article_id = str(article.get("id") or "")
    try:
        text = article.get("text")
        if isinstance(text, bytes):
            doc = read_bytes(text, article_id or "-", article.get("lang") or None)
        elif isinstance(text, str) and text.strip():
            doc = make_document(text, article.get("lang") or None, article_id or "-")
        else:
            raise InputError("no text")
        found = detect_document(doc)
    except InputError as exc:
        return [], {"article_id": article_id, "url": article.get("url"), "reason": str(exc)}
    except Exception as exc:  # one bad article never stops an archive run; its reason is kept
        return [], {"article_id": article_id, "url": article.get("url"),
                    "reason": f"{exc.__class__.__name__}: {exc}"}
    rows = []
    for a in found.attributions:
        d = a.to_dict()
        rows.append({"article_id": article_id, "url": article.get("url"), "date": _date(article.get("date")),
                     "lang": doc.lang, "start": doc.user_offset(d["start"]), "end": doc.user_offset(d["end"]),
                     "kind": d["kind"], "content": d["content"], "cue": d["cue"], "speaker": d["speaker"] or None,
                     "speaker_mention": d["speaker_mention"] or None, "speaker_type": d["speaker_type"],
                     "role": d["role"] or None, "outlet": d["outlet"] or None, "quote_id": quote_id(d["content"])})
    return rows, None


def _date(value) -> str | None:
    if value is None or value == "":
        return None
    return str(value)[:10] if len(str(value)) >= 10 else str(value)


def quotation_row(occurrences: list[dict]) -> dict:
    """The quote-centric row of one quotation's occurrences (attribution rows sharing a `quote_id`): the most
    common wording and speaker, every name the speaker was given, the earliest date, and each speaker's share
    of the occurrences (Quotebank's `probas`). An article counts once, however often it repeats the quotation
    (a repeated paragraph, a headline and the sentence it shortens)."""
    occurrences = sorted(occurrences, key=lambda r: (r.get("date") or "9999", r["article_id"], r["start"]))
    # an occurrence is an article that carries the quotation, however often it repeats it
    occurrences = list({r["article_id"]: r for r in reversed(occurrences)}.values())[::-1]
    speakers = Counter(r["speaker"] or "None" for r in occurrences)
    top = max(speakers.items(), key=lambda kv: (kv[1], kv[0] != "None"))[0]
    mentions = sorted({r["speaker_mention"] for r in occurrences if r.get("speaker_mention")
                       and r["speaker"] == top and r["speaker_mention"] != top})
    dates = [r["date"] for r in occurrences if r.get("date")]
    return {"quote_id": occurrences[0]["quote_id"],
            "quotation": Counter(r["content"] for r in occurrences).most_common(1)[0][0],
            "speaker": None if top == "None" else top, "speaker_aliases": mentions,
            "date": min(dates) if dates else None, "num_occurrences": len(occurrences),
            "probas": [{"speaker": s, "share": round(n / len(occurrences), 4)} for s, n in speakers.most_common()],
            "urls": list(dict.fromkeys(r["url"] for r in occurrences if r.get("url"))),
            "articles": list(dict.fromkeys(r["article_id"] for r in occurrences)),
            "lang": Counter(r["lang"] for r in occurrences).most_common(1)[0][0]}


def quotation_rows(rows: list[dict]) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["quote_id"], []).append(row)
    return sorted((quotation_row(g) for g in groups.values()), key=lambda r: (-r["num_occurrences"], r["quote_id"]))
