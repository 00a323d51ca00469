"""Settings from the environment, their refusals, and the eventsourcing env built from them."""

from pathlib import Path

import pytest

from infra.errors import SettingsError
from infra.persistence.env import event_store_env
from infra.settings import PostgresUrl, Settings


def test_defaults_to_sqlite_in_var() -> None:
    settings = Settings.from_env({})

    assert settings == Settings(Path("var"), None, "")
    assert settings.postgres is None


def test_reads_a_full_postgres_url() -> None:
    settings = Settings.from_env(
        {
            "KAOHE_DATABASE_URL": "postgresql://kaohe:s%40cret@db.example:6543/kaohe",
            "KAOHE_POSTGRES_SCHEMA": "audit_2024",
        }
    )

    assert settings.postgres == PostgresUrl("kaohe", "s@cret", "db.example", 6543, "kaohe")
    assert settings.postgres_schema == "audit_2024"


def test_password_and_port_are_optional() -> None:
    url = Settings.from_env({"KAOHE_DATABASE_URL": "postgresql://postgres@localhost/test"})

    assert url.postgres == PostgresUrl("postgres", "", "localhost", 5432, "test")


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("mysql://u@h/db", "the scheme is 'mysql'"),
        ("postgresql://h/db", "the user and the host are required"),
        ("postgresql://u@h:99999/db", "the port is not a number"),
        ("postgresql://u@h:0/db", "the port is not a number"),
        ("postgresql://u@h/", "the path must be one database name"),
        ("postgresql://u@h/db?sslmode=require", "query parameters are not supported"),
    ],
)
def test_refuses_a_bad_database_url_naming_the_variable_and_the_form(url: str, why: str) -> None:
    with pytest.raises(SettingsError) as error:
        Settings.from_env({"KAOHE_DATABASE_URL": url})

    assert str(error.value).startswith(
        "KAOHE_DATABASE_URL must look like postgresql://user[:password]@host[:port]/dbname"
    )
    assert why in str(error.value)


@pytest.mark.parametrize("schema", ["Public", "1st", "a-b", "x" * 64])
def test_refuses_a_schema_that_is_not_a_plain_lower_case_name(schema: str) -> None:
    with pytest.raises(SettingsError, match="KAOHE_POSTGRES_SCHEMA must be empty"):
        Settings.from_env({"KAOHE_POSTGRES_SCHEMA": schema})


def test_refuses_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")

    with pytest.raises(SettingsError, match="KAOHE_DATA_DIR must name a directory"):
        Settings.from_env({"KAOHE_DATA_DIR": str(tmp_path / "file")})


def test_the_sqlite_env_creates_the_data_dir_and_pins_plain_json(tmp_path: Path) -> None:
    env = event_store_env(Settings(tmp_path / "data"))

    assert (tmp_path / "data").is_dir()
    assert env["KAOHE_PERSISTENCE_MODULE"] == env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite"
    assert env["KAOHE_SQLITE_DBNAME"] == str(tmp_path / "data" / "kaohe.db")
    assert env["KAOHE_APPLICATION_RECORDER_TOPIC"] == (
        "infra.persistence.sqlite_recorder:KaoheSQLiteRecorder"
    )
    for key in ("COMPRESSOR_TOPIC", "CIPHER_TOPIC", "CIPHER_KEY"):
        assert env[f"KAOHE_{key}"] == ""
    assert env["KAOHE_TRANSCODER_TOPIC"] == "infra.persistence.transcoder:KaoheJSONTranscoder"


def test_the_postgres_env_comes_from_the_url(tmp_path: Path) -> None:
    settings = Settings(tmp_path, "postgresql://kaohe:pw@db:6543/kaohe", "audit")

    env = event_store_env(settings)

    assert {k: v for k, v in env.items() if k.startswith("KAOHE_POSTGRES")} == {
        "KAOHE_POSTGRES_DBNAME": "kaohe",
        "KAOHE_POSTGRES_HOST": "db",
        "KAOHE_POSTGRES_PORT": "6543",
        "KAOHE_POSTGRES_USER": "kaohe",
        "KAOHE_POSTGRES_PASSWORD": "pw",
        "KAOHE_POSTGRES_GET_PASSWORD_TOPIC": "",
        "KAOHE_POSTGRES_SCHEMA": "audit",
        "KAOHE_POSTGRES_LOCK_TIMEOUT": "5",
        "KAOHE_POSTGRES_CONNECT_TIMEOUT": "3",
        "KAOHE_POSTGRES_ENABLE_DB_FUNCTIONS": "no",
    }
    assert env["KAOHE_PERSISTENCE_MODULE"] == "eventsourcing.postgres"
    assert env["KAOHE_APPLICATION_RECORDER_TOPIC"] == (
        "infra.persistence.postgres_recorder:KaohePostgresRecorder"
    )


def test_trusts_no_proxy_unless_told() -> None:
    assert Settings.from_env({}).trusted_proxies == 0
    assert Settings.from_env({"KAOHE_TRUSTED_PROXIES": " 1 "}).trusted_proxies == 1


@pytest.mark.parametrize("count", ["yes", "-1", "1.5", "６", "9"])
def test_refuses_a_proxy_count_that_is_not_a_small_number(count: str) -> None:
    with pytest.raises(SettingsError, match="KAOHE_TRUSTED_PROXIES must be") as error:
        Settings.from_env({"KAOHE_TRUSTED_PROXIES": count})

    assert "0 to 5" in str(error.value)


def test_checkpoints_are_signed_every_1000_events_and_5_minutes_unless_set() -> None:
    default = Settings.from_env({})
    chosen = Settings.from_env({"KAOHE_CHECKPOINT_EVERY": "50", "KAOHE_CHECKPOINT_SECONDS": "0"})

    assert (default.checkpoint_every, default.checkpoint_seconds) == (1000, 300)
    assert (chosen.checkpoint_every, chosen.checkpoint_seconds) == (50, 0)


def test_refuses_a_checkpoint_interval_that_is_not_a_whole_number() -> None:
    with pytest.raises(SettingsError, match=r"KAOHE_CHECKPOINT_SECONDS must be a whole number"):
        Settings.from_env({"KAOHE_CHECKPOINT_SECONDS": "5m"})
