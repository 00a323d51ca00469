"""Settings of one Kaohe process, read once from the environment and checked on load."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from infra.errors import SettingsError

DATA_DIR = "KAOHE_DATA_DIR"
DATABASE_URL = "KAOHE_DATABASE_URL"
POSTGRES_SCHEMA = "KAOHE_POSTGRES_SCHEMA"
TRUSTED_PROXIES = "KAOHE_TRUSTED_PROXIES"
MAX_PROXIES = 5
CHECKPOINT_EVERY = "KAOHE_CHECKPOINT_EVERY"
CHECKPOINT_SECONDS = "KAOHE_CHECKPOINT_SECONDS"

URL_FORM = "postgresql://user[:password]@host[:port]/dbname"
SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class PostgresUrl:
    """The parts of KAOHE_DATABASE_URL; the password is empty when the URL has none."""

    user: str
    password: str
    host: str
    port: int
    dbname: str

    @classmethod
    def parse(cls, url: str) -> PostgresUrl:
        def refuse(why: str) -> SettingsError:
            return SettingsError(f"{DATABASE_URL} must look like {URL_FORM}: {why}")

        parts = urlsplit(url)
        if parts.scheme not in ("postgresql", "postgres"):
            raise refuse(f"the scheme is '{parts.scheme}', not 'postgresql'")
        try:
            port = 5432 if parts.port is None else parts.port
        except ValueError:
            port = 0
        if not 0 < port < 65536:
            raise refuse("the port is not a number from 1 to 65535")
        dbname = unquote(parts.path.removeprefix("/"))
        if not parts.username or not parts.hostname:
            raise refuse("the user and the host are required")
        if not dbname or "/" in dbname:
            raise refuse("the path must be one database name")
        if parts.query or parts.fragment:
            raise refuse("query parameters are not supported")
        password = unquote(parts.password) if parts.password is not None else ""
        return cls(unquote(parts.username), password, parts.hostname, port, dbname)


@dataclass(frozen=True)
class Settings:
    """Where the event store lives: SQLite files in `data_dir`, or PostgreSQL when
    `database_url` is set (tables in `postgres_schema`, empty meaning public). Requests come
    through `trusted_proxies` proxies (0: straight from clients), whose X-Forwarded-For and
    X-Forwarded-Proto name the client; with none, those headers are ignored. The process
    that runs the projections signs a checkpoint once `checkpoint_every` events were stored
    since the last one, or `checkpoint_seconds` after it when any were (0 turns either off)."""

    data_dir: Path = Path("var")
    database_url: str | None = None
    postgres_schema: str = ""
    trusted_proxies: int = 0
    checkpoint_every: int = 1000
    checkpoint_seconds: int = 300

    def __post_init__(self) -> None:
        if self.data_dir.exists() and not self.data_dir.is_dir():
            msg = f"{DATA_DIR} must name a directory; {self.data_dir} is a file"
            raise SettingsError(msg)
        if self.database_url is not None:
            PostgresUrl.parse(self.database_url)
        if self.postgres_schema and not SCHEMA_NAME.fullmatch(self.postgres_schema):
            msg = (
                f"{POSTGRES_SCHEMA} must be empty (public) or a schema name of lower-case "
                f"letters, digits and '_' (at most 63, not starting with a digit); "
                f"got '{self.postgres_schema}'"
            )
            raise SettingsError(msg)
        if not 0 <= self.trusted_proxies <= MAX_PROXIES:
            msg = f"{TRUSTED_PROXIES} must be 0 to {MAX_PROXIES}; got {self.trusted_proxies}"
            raise SettingsError(msg)
        for variable, value in (
            (CHECKPOINT_EVERY, self.checkpoint_every),
            (CHECKPOINT_SECONDS, self.checkpoint_seconds),
        ):
            if value < 0:
                raise SettingsError(f"{variable} must be 0 (off) or more; got {value}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """Settings from KAOHE_DATA_DIR, KAOHE_DATABASE_URL, KAOHE_POSTGRES_SCHEMA,
        KAOHE_TRUSTED_PROXIES, KAOHE_CHECKPOINT_EVERY and KAOHE_CHECKPOINT_SECONDS; an empty
        variable counts as unset."""
        return cls(
            data_dir=Path(environ.get(DATA_DIR, "").strip() or "var"),
            database_url=environ.get(DATABASE_URL, "").strip() or None,
            postgres_schema=environ.get(POSTGRES_SCHEMA, "").strip(),
            trusted_proxies=proxy_count(environ.get(TRUSTED_PROXIES, "").strip()),
            checkpoint_every=count(environ, CHECKPOINT_EVERY, 1000, "events"),
            checkpoint_seconds=count(environ, CHECKPOINT_SECONDS, 300, "seconds"),
        )

    @property
    def postgres(self) -> PostgresUrl | None:
        """The PostgreSQL connection, or None for the embedded SQLite store."""
        return None if self.database_url is None else PostgresUrl.parse(self.database_url)


def proxy_count(text: str) -> int:
    """KAOHE_TRUSTED_PROXIES as a number (empty: 0, no proxy)."""
    if not text:
        return 0
    if not text.isascii() or not text.isdigit():
        msg = (
            f"{TRUSTED_PROXIES} must be the number of proxies in front of Kaohe "
            f"(0 to {MAX_PROXIES}; 1 for one TLS proxy); got {text[:40]!r}"
        )
        raise SettingsError(msg)
    return int(text)


def count(environ: Mapping[str, str], variable: str, default: int, unit: str) -> int:
    """A whole number of `unit` from the environment (empty: `default`; 0 turns it off)."""
    text = environ.get(variable, "").strip()
    if not text:
        return default
    if not text.isascii() or not text.isdigit():
        msg = f"{variable} must be a whole number of {unit} (0 turns it off); got {text[:40]!r}"
        raise SettingsError(msg)
    return int(text)
