"""Plain-text renderings for the terminal."""
from __future__ import annotations

import textwrap


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def detection_table(result: dict, width: int = 100) -> str:
    lines = [f"{result['file']}  ({result['language']}, {len(result['attributions'])} statements, "
             f"{len(result['claims'])} unattributed claims, {result['duplicates_skipped']} repeated paragraphs skipped)"]
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
