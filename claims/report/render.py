"""Reports of a check result (JSON schema 1) in Markdown and HTML.

Both read only the saved result, never the models or the database, so
`claims report RESULT.json` renders again what `claims check` found. The HTML
page is one self-contained file: inline CSS, no scripts, no requests (its
Content-Security-Policy forbids them), and every article or database string
goes through jinja2's autoescaping.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from claims.report.text import VERDICT_COLOURS, check_summary

TEMPLATES = Path(__file__).parent / "templates"
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]+|\s+")
VERDICT_NOTES = {
    "verified": "the source says this, word for word or in a faithful translation",
    "paraphrase": "the source says this in other words",
    "partial": "part of the quote is in the source, part of it the source does not say",
    "altered": "a source was found, but the article changes what it says",
    "misattributed": "these words were said by someone else",
    "unverified": "no statement in the database is close enough",
    "vague": "the statement names no one in particular",
    "unattributed": "a check-worthy claim with no source",
}


def word_diff(source: str, article: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Two token lists, (text, change) with change "" or "changed": what the source has that the article
    does not, and the other way round."""
    a, b = _TOKEN.findall(source), _TOKEN.findall(article)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=[t.lower() for t in a], b=[t.lower() for t in b],
                                                      autojunk=False).get_opcodes():
        left.extend((t, "" if op == "equal" or t.isspace() else "changed") for t in a[i1:i2])
        right.extend((t, "" if op == "equal" or t.isspace() else "changed") for t in b[j1:j2])
    return _merge(left), _merge(right)


def _merge(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for text, change in parts:
        if merged and merged[-1][1] == change:
            merged[-1] = (merged[-1][0] + text, change)
        else:
            merged.append((text, change))
    return merged


def marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> list[tuple[str, str]]:
    """`text` cut into (part, change) with the given spans (offsets into a larger text) marked."""
    cuts = sorted({(max(0, a - offset), min(len(text), b - offset)) for a, b in spans
                   if a is not None and b is not None and b - offset > 0 and a - offset < len(text)})
    parts, pos = [], 0
    for a, b in cuts:
        if a < pos:
            continue
        parts += [(text[pos:a], ""), (text[a:b], "changed")]
        pos = b
    parts.append((text[pos:], ""))
    return [p for p in parts if p[0]]


def article_segments(result: dict) -> list[dict]:
    """The article cut into plain text, statements, speaker mentions and unattributed claims, for
    highlighting. A statement that overlaps one already placed is listed in the report but not highlighted
    again."""
    text = result["text"]
    spans = []
    for i, f in enumerate(result["findings"]):
        if f.get("start") is not None and f.get("end") is not None and f["end"] > f["start"]:
            spans.append((f["start"], f["end"], "statement", i))
    kept: list[tuple[int, int, str, int]] = []
    for span in sorted(spans):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    speakers = []
    for i, f in enumerate(result["findings"]):
        a, b = f.get("speaker_start"), f.get("speaker_end")
        if a is not None and b is not None and b > a and not any(s < b and a < e for s, e, _, _ in kept + speakers):
            speakers.append((a, b, "speaker", i))
    claims = []
    for i, c in enumerate(result.get("claims", [])):
        a, b = c.get("start"), c.get("end")
        if a is not None and b is not None and b > a and not any(s < b and a < e
                                                                  for s, e, _, _ in kept + speakers + claims):
            claims.append((a, b, "claim", i))
    segments, pos = [], 0
    for a, b, kind, i in sorted(kept + speakers + claims):
        if a > pos:
            segments.append({"kind": "text", "text": text[pos:a]})
        segments.append({"kind": kind, "text": text[a:b], "finding": i, "start": a, "end": b})
        pos = b
    if pos < len(text):
        segments.append({"kind": "text", "text": text[pos:]})
    return segments


def comparisons(result: dict) -> list[dict]:
    """Side by side, for every altered or misattributed statement: the source span and the article's words,
    with the differences marked (word by word in one language, the reasons' spans across two)."""
    from claims.ingest import detect_language

    rows = []
    for i, f in enumerate(result["findings"]):
        source = f.get("source")
        if f["verdict"] not in ("altered", "misattributed") or not source:
            continue
        start, end = source.get("span") or (0, len(source["text"]))
        said = source["text"][start:end]
        if detect_language(said) == result["language"]:
            left, right = word_diff(said, f["content"])
        else:
            left = marked(said, [tuple(r["source_span"]) for r in f["reasons"] if r.get("source_span")], start)
            right = marked(f["content"], [tuple(r["article_span"]) for r in f["reasons"] if r.get("article_span")],
                           f["start"])
        rows.append({"finding": i, "f": f, "source": left, "article": right})
    return rows


def safe_url(url: str | None) -> str | None:
    """Only web addresses become links: a database row's "javascript:" URL must not run when clicked."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def run_line(run: dict) -> str:
    """claims 0.1.0 · stanza vi bundled, en bundled · encoder multilingual-e5-small · 1.8 s"""
    models = run.get("models") or {}
    nlp = ", ".join(f"{lang} {source}" for lang, source in (models.get("nlp") or {}).items())
    parts = [f"claims {run.get('claims')}", f"stanza {nlp}" if nlp else "", f"encoder {models.get('encoder')}"
             if models.get("encoder") else "", f"{(run.get('timings') or {}).get('total_s')} s"]
    return " · ".join(p for p in parts if p)


def seen_line(seen: list[dict]) -> str:
    """Where the same wording of a source statement was quoted before: "same wording seen in a.txt (2024-05-11,
    verified), b.txt"."""
    places = []
    for appearance in seen:
        note = ", ".join(x for x in (appearance.get("date"), appearance.get("verdict")) if x)
        places.append(f"{appearance['article']} ({note})" if note else appearance["article"])
    return "same wording seen in " + ", ".join(places)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Built once per process, so the template is compiled once however many articles are rendered."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = safe_url
    env.filters["run_line"] = run_line
    env.filters["seen_line"] = seen_line
    env.globals.update(colours=VERDICT_COLOURS, notes=VERDICT_NOTES)
    return env


def to_html(result: dict) -> str:
    return _environment().get_template("report.html.j2").render(
        r=result, segments=article_segments(result), comparisons=comparisons(result))


def _md(text: str, limit: int | None = None) -> str:
    """Text for a Markdown table cell: one line, pipes and markup escaped."""
    text = " ".join(str(text).split())
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    # angle brackets become entities, so no renderer ever sees a tag; other markup is backslash-escaped
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]|#])", r"\\\1", text)


def to_markdown(result: dict) -> str:
    s, run = result["summary"], result["run"]
    db = run["database"]
    lines = [f"# Attribution report: {_md(result['file'])}", "",
             f"Language: {result['language']}. {s['statements']} attributed statements, {s['unattributed']} "
             f"unattributed claims. Checked against "
             f"{'the bundled default sources' if db.get('default') else _md(db.get('path'))} "
             f"({db.get('statements')} source statements).", "",
             "| verdict | count | meaning |", "|---|---:|---|"]
    lines += [f"| {kind} | {s.get(kind, 0)} | {VERDICT_NOTES[kind]} |" for kind in VERDICT_COLOURS]
    lines += ["", "## Statements", "", "| # | verdict | speaker | statement | source |", "|---:|---|---|---|---|"]
    for i, f in enumerate(result["findings"], 1):
        source = f.get("source")
        src = f"{_md(source['speaker'] or '')}: {_md(source['id'])}" if source else ""
        if f.get("seen"):
            src += f" · {_md(seen_line(f['seen']))}"
        lines.append(f"| {i} | **{f['verdict']}** | {_md(f.get('speaker') or '(no speaker)')} | "
                     f"{_md(f['content'], 160)} | {src} |")
    rows = comparisons(result)
    if rows:
        lines += ["", "## Altered and misattributed", ""]
        for row in rows:
            f, source = row["f"], row["f"]["source"]
            lines += [f"### {row['finding'] + 1}. {_md(f.get('speaker') or '(no speaker)')}: {f['verdict']}", "",
                      f"- article: {_md(f['content'])}",
                      f"- source ({_md(source['speaker'] or '')}, {_md(source.get('date') or 'no date')}): "
                      f"{_md(''.join(t for t, _ in row['source']))}"]
            lines += [f"- {r['type']}: {_md(r['detail'])}" for r in f["reasons"]]
            lines.append("")
    vague = [f for f in result["findings"] if f["verdict"] == "vague"]
    if vague:
        lines += ["", "## Vague attribution", ""]
        lines += [f"- {_md(f.get('speaker') or '')}: {_md(f['content'], 200)}" for f in vague]
    if result["claims"]:
        lines += ["", "## Unattributed claims", ""]
        lines += [f"- [{c['reason']}] {_md(c['text'], 240)}" for c in result["claims"]]
    lines += ["", "## Speakers", "", "| speaker | type | in the database as | verdicts |", "|---|---|---|---|"]
    for sp in result.get("speakers", []):
        verdicts = ", ".join(f"{k} {v}" for k, v in sp["verdicts"].items())
        lines.append(f"| {_md(sp['speaker'])} | {sp.get('type') or ''} | {_md(sp.get('db_speaker') or '')} | "
                     f"{verdicts} |")
    lines += ["", f"_{_md(run_line(run))}_", ""]
    return "\n".join(lines)


FORMATS = ("text", "md", "html", "json")


def render(result: dict, fmt: str, colour: bool = False) -> str:
    """A check result in one of FORMATS: the terminal summary, Markdown, the HTML report or JSON."""
    import json

    if fmt == "text":
        return check_summary(result, colour=colour) + "\n"
    if fmt == "md":
        return to_markdown(result)
    if fmt == "html":
        return to_html(result)
    return json.dumps(result, ensure_ascii=False, indent=1) + "\n"
