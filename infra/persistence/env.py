"""The eventsourcing environment of the event store, built from Kaohe's settings."""

from __future__ import annotations

from eventsourcing.utils import get_topic

from application.store import EventStore
from infra.persistence.postgres_recorder import KaohePostgresRecorder
from infra.persistence.reachability import CONNECT_TIMEOUT
from infra.persistence.sqlite_recorder import KaoheSQLiteRecorder
from infra.persistence.transcoder import KaoheJSONTranscoder
from infra.settings import PostgresUrl, Settings

PLAIN_JSON = {
    # Empty values switch these off even if the process environment sets them: payloads
    # stay uncompressed, unencrypted JSON that a regulator can read with SQL. The
    # transcoder writes the library's JSONTranscoder's bytes, only faster.
    "TRANSCODER_TOPIC": get_topic(KaoheJSONTranscoder),
    "MAPPER_TOPIC": "",
    "COMPRESSOR_TOPIC": "",
    "CIPHER_TOPIC": "",
    "CIPHER_KEY": "",
}


def event_store_env(settings: Settings) -> dict[str, str]:
    """The `env` for `EventStore(env=...)`: SQLite in the data directory, or PostgreSQL.

    eventsourcing merges os.environ under this env and looks up `KAOHE_<KEY>` before
    `<KEY>`, so every key is also given with the application's prefix: nothing in the
    process environment can redirect the store or switch on compression or encryption."""
    url = settings.postgres
    backend = _sqlite_env(settings) if url is None else _postgres_env(url, settings.postgres_schema)
    env = PLAIN_JSON | backend
    prefix = EventStore.name.upper() + "_"
    return env | {prefix + key: value for key, value in env.items()}


def _sqlite_env(settings: Settings) -> dict[str, str]:
    data_dir = settings.data_dir.absolute()
    data_dir.mkdir(parents=True, exist_ok=True)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(data_dir / "kaohe.db"),
        "APPLICATION_RECORDER_TOPIC": get_topic(KaoheSQLiteRecorder),
    }


def _postgres_env(url: PostgresUrl, schema: str) -> dict[str, str]:
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": url.dbname,
        "POSTGRES_HOST": url.host,
        "POSTGRES_PORT": str(url.port),
        "POSTGRES_USER": url.user,
        "POSTGRES_PASSWORD": url.password,
        "POSTGRES_GET_PASSWORD_TOPIC": "",
        "POSTGRES_SCHEMA": schema,
        "POSTGRES_LOCK_TIMEOUT": "5",
        # How long a request waits for a connection when the database is gone.
        "POSTGRES_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
        # Never on: in 9.5.6 the insert function skips the table lock (ARCHITECTURE.md).
        "POSTGRES_ENABLE_DB_FUNCTIONS": "no",
        "APPLICATION_RECORDER_TOPIC": get_topic(KaohePostgresRecorder),
    }
