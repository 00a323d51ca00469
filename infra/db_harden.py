"""The SQL that leaves the application's PostgreSQL role able to append to the ledger's tables
and nobody able to change or remove what they hold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from psycopg import Connection
from psycopg.rows import TupleRow
from psycopg.sql import SQL, Composed, Identifier

from infra.errors import HardenError

LEDGER_TABLES = ("events", "event_times", "ledger_checkpoints")
"""The tables (after the store's prefix) that only ever grow; evidence lives in files."""

REFUSE = SQL(
    "CREATE OR REPLACE FUNCTION {schema}.kaohe_ledger_append_only() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
    "'% on %.% refused: the ledger''s tables only grow, stored events are kept for ever', "
    "TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege', "
    "HINT = 'record a new event instead (a correction, a reopening, a finding)'; END $$"
)


@dataclass(frozen=True)
class Hardening:
    """What `kaohe db harden` does for one store: the ledger's tables owned by the role that
    runs it and guarded by triggers, the application's role granted only what it needs, and
    every other table (read models, tokens, counters) the application's own."""

    schema: str
    prefix: str
    app_role: str
    other_tables: tuple[str, ...]

    def statements(self) -> list[Composed]:
        s, app = Identifier(self.schema), Identifier(self.app_role)
        done: list[Composed] = [REFUSE.format(schema=s)]
        for suffix in LEDGER_TABLES:
            table = SQL("{}.{}").format(s, Identifier(f"{self.prefix}_{suffix}"))
            done += [
                SQL("ALTER TABLE {} OWNER TO CURRENT_USER").format(table),
                SQL("DROP TRIGGER IF EXISTS kaohe_append_only ON {}").format(table),
                SQL(
                    "CREATE TRIGGER kaohe_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
                    "ON {} FOR EACH STATEMENT EXECUTE FUNCTION {}.kaohe_ledger_append_only()"
                ).format(table, s),
                SQL("REVOKE ALL ON {} FROM {}").format(table, app),
                SQL("GRANT SELECT, INSERT ON {} TO {}").format(table, app),
            ]
        # The library's insert takes LOCK TABLE … IN EXCLUSIVE MODE (so ids follow commit
        # order), which PostgreSQL allows only with UPDATE, DELETE or TRUNCATE privilege:
        # UPDATE serves that lock alone, as the trigger refuses every UPDATE.
        events = SQL("{}.{}").format(s, Identifier(f"{self.prefix}_events"))
        done.append(SQL("GRANT UPDATE ON {} TO {}").format(events, app))
        done += [
            SQL("GRANT USAGE, CREATE ON SCHEMA {} TO {}").format(s, app),
            SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(s, app),
        ]
        done += [
            SQL("ALTER TABLE {}.{} OWNER TO {}").format(s, Identifier(name), app)
            for name in self.other_tables
        ]
        return done

    def script(self, conn: Connection[TupleRow]) -> str:
        lines = [f"{statement.as_string(conn)};" for statement in self.statements()]
        return "BEGIN;\n" + "\n".join(lines) + "\nCOMMIT;\n"


def hardening(conn: Connection[TupleRow], schema: str, prefix: str, app_role: str) -> Hardening:
    """The hardening of one store's schema for a role, refused with the reason when the role
    is missing, is the connecting role, or is a superuser (whom no privilege binds)."""
    owner = scalar(conn, "SELECT current_user", ())
    if app_role == owner:
        msg = f"--app-role must not be the role that owns the ledger ({owner}); name another role"
        raise HardenError(msg)
    superuser = scalar(conn, "SELECT rolsuper FROM pg_roles WHERE rolname = %s", (app_role,))
    if superuser is None:
        msg = f"--app-role {app_role}: no such role; create it first (CREATE ROLE … LOGIN)"
        raise HardenError(msg)
    if superuser:
        raise HardenError(f"--app-role {app_role} is a superuser: name a role without it")
    ledger = {f"{prefix}_{suffix}" for suffix in LEDGER_TABLES}
    rows = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", (schema,)
    ).fetchall()
    others = tuple(str(row[0]) for row in rows if row[0] not in ledger)
    return Hardening(schema, prefix, app_role, others)


def scalar(conn: Connection[TupleRow], query: str, params: Sequence[object]) -> object:
    row = conn.execute(query, params).fetchone()
    return None if row is None else row[0]
