"""claims: who is quoted in an article, whether each quote is theirs and worded as they said it, and which
claims have no source.

    >>> import claims
    >>> results = claims.check("fixtures/articles/vi-enforce-act.txt")   # the bundled sources; or db="claims.db"
    >>> results[0]["summary"]["verified"]
    6
"""


def check(articles, db=None, lang=None, model=None) -> list[dict]:
    """Check one article path or several against a quote database; one result (JSON schema 1) each."""
    from claims.checker import check as run

    return run(articles, db=db, lang=lang, model=model)
