"""Shared fixtures: every test runs with its own index cache and the bundled store, whatever the
environment of the person running the suite says."""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def seeds_dir() -> Path | None:
    """The folder of source texts: ../shared/seeds beside the clone, or /work/shared/seeds."""
    for candidate in (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")):
        if candidate.is_dir():
            return candidate
    return None


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped with the package (src/iomfacts/schemas/NAME.schema.json)."""
    text = resources.files("iomfacts").joinpath("schemas", f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate_json(instance: object, name: str) -> None:
    """Raise jsonschema.ValidationError unless the instance follows the named shipped schema."""
    import jsonschema

    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(instance)


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    # Set for the whole session, so that module- and session-scoped fixtures see it too.
    path = tmp_path_factory.mktemp("iomfacts-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("IOMFACTS_CACHE_DIR", str(path))
        mp.delenv("IOMFACTS_DATA", raising=False)
        yield path


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, _session_cache: Path) -> None:
    # One cache for the session keeps the suite fast; never the user's own cache, store or colours.
    monkeypatch.setenv("IOMFACTS_CACHE_DIR", str(_session_cache))
    monkeypatch.delenv("IOMFACTS_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture(scope="session")
def store(_session_cache: Path) -> Any:
    """The bundled store, loaded once."""
    from iomfacts import load_store

    return load_store(cache_dir=_session_cache)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Any:
    """Run iomfacts in-process: cli(*args) -> (exit code, stdout, stderr)."""
    from iomfacts.cli import run

    def invoke(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = run(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def pytest_report_header(config: pytest.Config) -> str:
    seeds = seeds_dir()
    return f"iomfacts source texts: {seeds if seeds else 'not found (quote checks are skipped)'}"

