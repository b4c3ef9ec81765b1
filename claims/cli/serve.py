"""`claims serve`: the newsroom workbench in the browser."""
from __future__ import annotations

import click

from claims.cli.base import InputError, chosen_database, db_option, main


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on; anything but localhost lets other machines check and write")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--model", envvar="CLAIMS_EMBED_MODEL", help="sentence-transformers model id or folder")
def serve_cmd(db_path, host, port, model) -> None:
    """A local web app: check pasted or uploaded articles, search and grow the quote database."""
    import uvicorn

    from claims.checker import CheckError, Checker
    from claims.serve import LOCAL_HOSTS, create_app

    path = chosen_database(db_path)
    try:
        checker = Checker(path, model)
    except CheckError as exc:
        raise InputError(str(exc)) from None
    click.echo("claims: loading the models…", err=True)
    checker.warm()
    local = host in LOCAL_HOSTS
    if not local:
        click.echo(f"claims: warning: listening on {host}: anyone who reaches this machine can use the workbench "
                   "and write to the database", err=True)
    label = "bundled sources" if path is None else str(path)
    app = create_app(checker, writable=path is not None, database=label, hosts=None if local else ["*"])
    click.echo(f"claims: serving http://{'[::1]' if host == '::1' else host}:{port}/ ({label})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
