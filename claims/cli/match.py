"""`claims match`: a quote database's candidate sources for a statement."""
from __future__ import annotations

import json

import click

from claims.cli.base import InputError, db_option, index_option, main, open_store


@main.command("match")
@click.argument("text", required=False)
@click.option("--file", "queries", type=click.Path(exists=True, dir_okay=False),
              help='JSON Lines of {"id", "text", "speaker", "kind"} to match in one run')
@click.option("--speaker", help="who the statement is attributed to (ranks their statements higher)")
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed", "according_to", "continuation"]),
              help="how the article reports it, as `claims detect` gives it (reported speech links more loosely "
                   "to the speaker's own statements)")
@click.option("--top", default=5, show_default=True, type=click.IntRange(1, 100))
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--model", envvar="CLAIMS_EMBED_MODEL")
@index_option
def match_cmd(text, queries, speaker, top, db_path, fmt, model, kind, index) -> None:
    """Find the source statements a quote may come from, in any language, each with the probability that
    it is the quote's source (p_link); the one a check would link is marked."""
    from claims.match import Matcher
    from claims.match.retrieval import IndexUnavailable
    from claims.verify import Verifier

    if bool(text) == bool(queries):
        raise InputError("give either TEXT or --file QUERIES.jsonl")
    try:
        matcher = Matcher(open_store(db_path, create=False, model=model), model, index or "auto")
    except IndexUnavailable as exc:
        raise InputError(str(exc)) from None
    verifier = Verifier(matcher)
    if text:
        items = [{"id": None, "text": text, "speaker": speaker}]
    else:
        items = []
        try:
            with open(queries, encoding="utf-8") as file:
                lines = file.read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{queries}: cannot read as UTF-8 text ({exc.__class__.__name__})") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:
                raise InputError(f"{queries}:{number}: invalid JSON") from None
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
                raise InputError(f"{queries}:{number}: needs a non-empty \"text\"")
            items.append(item)
    for k in range(0, len(items), 32):
        batch = items[k:k + 32]
        vectors = matcher.embed_queries([item["text"] for item in batch]) if matcher.unit_count() else []
        found = verifier.candidates_many([(item["text"], item.get("speaker") or speaker, item.get("kind") or kind)
                                          for item in batch], vectors, top) if len(vectors) else []
        for item, candidates in zip(batch, found):
            _print_candidates(item, candidates, fmt == "json" or bool(queries))
        if not len(vectors):
            for item in batch:
                _print_candidates(item, [], fmt == "json" or bool(queries))


def _print_candidates(item: dict, found: list, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"id": item.get("id"), "candidates": [c.to_dict() for c in found]},
                              ensure_ascii=False))
        return
    for c in found:
        mark = ("linked " if c.linked else "       ") + ("*" if c.same_speaker else " ")
        click.echo(f"p={c.p_link:.2f} cos={c.score:.4f} {mark} {c.statement_id}  {c.speaker or '-'}  {c.date or ''}")
        click.echo(f"         {' '.join(c.sentence.split())[:200]}")
