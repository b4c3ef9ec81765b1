"""Plain-text renderings for the terminal."""
from __future__ import annotations

import textwrap


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def detection_table(result: dict, width: int = 100) -> str:
    lines = [f"{result['file']}  ({result['language']}, {len(result['attributions'])} statements, "
             f"{len(result['claims'])} unattributed claims, {result['duplicates_skipped']} repeated paragraphs and "
             f"{result.get('furniture_skipped', 0)} lines of page furniture skipped)"]
    for a in result["attributions"]:
        who = a["speaker"] or "(no speaker)"
        extra = ", ".join(x for x in (a["speaker_type"], a.get("role") and f"role: {a['role']}",
                                      a.get("outlet") and f"to {a['outlet']}") if x)
        lines.append(f"  {a['kind']:<12} {_clip(who, 34):<34} [{extra}]")
        lines.extend(textwrap.wrap(_clip(a["content"], 300), width=width, initial_indent="      ",
                                   subsequent_indent="      "))
    if result["claims"]:
        lines.append("  unattributed claims:")
        for c in result["claims"]:
            lines.extend(textwrap.wrap(f"[{c['reason']}] " + _clip(c["text"], 300), width=width,
                                       initial_indent="    - ", subsequent_indent="      "))
    return "\n".join(lines)


VERDICT_COLOURS = {"verified": "green", "paraphrase": "cyan", "partial": "bright_yellow", "altered": "red", "misattributed": "magenta",
                   "unverified": "yellow", "vague": "blue", "unattributed": "white"}


def check_summary(result: dict, width: int = 100, colour: bool = False) -> str:
    """The terminal summary of a check: counts per verdict, then one line per finding."""
    import click

    def style(text: str, verdict: str, bold: bool = False) -> str:
        return click.style(text, fg=VERDICT_COLOURS.get(verdict), bold=bold) if colour else text

    summary = result["summary"]
    db = result["run"]["database"]
    where = "bundled default sources" if db.get("default") else db.get("path")
    lines = [f"{result['file']}  ({result['language']}, {summary['statements']} statements, checked against "
             f"{where}: {db.get('statements')} source statements)"]
    lines.append("  " + "  ".join(style(f"{kind} {summary[kind]}", kind, bold=summary[kind] > 0)
                                  for kind in VERDICT_COLOURS))
    for f in result["findings"]:
        who = _clip(f.get("speaker") or "(no speaker)", 28)
        lines.append(f"  {style(f['verdict'].ljust(13), f['verdict'])} {who:<28} “{_clip(f['content'], width - 48)}”")
        source = f.get("source")
        if source:
            said = source["text"][source["span"][0]:source["span"][1]] if source.get("span") else source["text"]
            lines.append(f"{'':16}source {source['id']}: “{_clip(said, width - 30 - len(source['id']))}”")
            if f.get("seen"):
                from claims.report.render import seen_line

                lines.append(f"{'':16}{_clip(seen_line(f['seen']), width - 16)}")
        if f["verdict"] in ("altered", "misattributed", "unverified"):  # an unverified one says why, if it can
            for reason in f.get("reasons", []):
                lines.append(f"{'':16}{reason['type']}: {_clip(reason['detail'], width - 30)}")
    for c in result["claims"]:
        lines.append(f"  {style('unattributed'.ljust(13), 'unattributed')} [{c['reason']}] "
                     f"{_clip(c['text'], width - 32)}")
    return "\n".join(lines)
