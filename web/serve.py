"""`kaohe serve`: run the service (the development server; production uses gunicorn)."""

from __future__ import annotations

import click

from web.app import create_app


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(host: str, port: int) -> None:
    """Serve Kaohe over HTTP on the configured store."""
    create_app(poll_projections=True).run(host=host, port=port)
