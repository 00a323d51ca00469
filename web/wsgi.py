"""The WSGI entry point for production: `gunicorn 'web.wsgi:app'` (each worker builds one app
over the configured store; on PostgreSQL the read models run as `kaohe projections run`)."""

from __future__ import annotations

import os

from infra.logging import configure_logging
from web.app import create_app

configure_logging(json=os.environ.get("KAOHE_LOG_FORMAT", "json") != "console")
app = create_app(projection_worker=True)
