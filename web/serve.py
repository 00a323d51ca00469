"""`kaohe serve`: run the service (the development server; production uses gunicorn)."""

from __future__ import annotations

import click

from infra.logging import configure_logging
from web.app import create_app


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--log-format",
    type=click.Choice(["console", "json"]),
    default="console",
    show_default=True,
    help="Log lines for people (console) or for collectors (json).",
)
def serve(host: str, port: int, log_format: str) -> None:
    """Serve Kaohe over HTTP on the configured store (API docs at /api/docs)."""
    configure_logging(json=log_format == "json")
    # The development server speaks plain HTTP: session cookies may not be Secure here.
    app = create_app(poll_projections=True, config={"KAOHE_SECURE_COOKIES": False})
    app.run(host=host, port=port)
