"""Settings in one place: command-line options, then environment variables, then a file.

The file is ``refkit.toml`` (top-level keys) or the ``[tool.refkit]`` table of a
``pyproject.toml``, found in the current folder or the nearest folder above it.  Every
setting remembers where its value came from, so ``refkit config`` can say why a value is
in force.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refkit.errors import RefkitError


class ConfigError(RefkitError):
    """A configuration file or value that cannot be used; names the file and the key."""


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One setting: its name, type, default, environment variable and what it does."""

    name: str
    kind: type
    default: Any
    env: str
    help: str
    secret: bool = False


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("mailto", str, "", "REFKIT_MAILTO", "contact address for Crossref's polite pool"),
    SettingSpec(
        "crossref_url",
        str,
        "https://api.crossref.org",
        "REFKIT_CROSSREF_URL",
        "Crossref REST API base URL",
    ),
    SettingSpec(
        "doi_url",
        str,
        "https://doi.org",
        "REFKIT_DOI_URL",
        "DOI resolver (agency and handle services)",
    ),
    SettingSpec(
        "plus_token",
        str,
        "",
        "REFKIT_CROSSREF_PLUS_TOKEN",
        "Crossref Metadata Plus token",
        secret=True,
    ),
    SettingSpec(
        "cache_dir",
        str,
        "",
        "REFKIT_CACHE_DIR",
        "folder of the Crossref cache (default: the user cache folder)",
    ),
    SettingSpec("offline", bool, False, "REFKIT_OFFLINE", "never use the network"),
    SettingSpec("style", str, "apa", "REFKIT_STYLE", "citation style for rendering"),
    SettingSpec(
        "templates",
        str,
        "",
        "REFKIT_TEMPLATES",
        "folder of user templates, searched before the built-ins",
    ),
)
SPEC_BY_NAME: dict[str, SettingSpec] = {spec.name: spec for spec in SPECS}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True, slots=True)
class Setting:
    """A setting's value and where it came from ("default", a file, a variable, an option)."""

    name: str
    value: Any
    origin: str

    def shown(self) -> str:
        """The value as ``refkit config`` prints it (secrets masked)."""
        if SPEC_BY_NAME[self.name].secret and self.value:
            return "****" + str(self.value)[-4:]
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return str(self.value)


@dataclass(frozen=True)
class Settings:
    """The settings in force."""

    values: Mapping[str, Setting] = field(default_factory=dict)
    file: Path | None = None

    def __getitem__(self, name: str) -> Any:
        return self.values[name].value

    def origin(self, name: str) -> str:
        return self.values[name].origin


def _coerce(spec: SettingSpec, value: Any, where: str) -> Any:
    if spec.kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ConfigError(f"{where}: {spec.name} must be true or false, not {value!r}")
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ConfigError(f"{where}: {spec.name} must be a string, not {type(value).__name__}")
    return str(value)


def find_config_file(start: Path) -> tuple[Path, Mapping[str, Any]] | None:
    """The nearest ``refkit.toml``, or ``pyproject.toml`` with a ``[tool.refkit]`` table."""
    for folder in (start, *start.parents):
        own = folder / "refkit.toml"
        if own.is_file():
            return own, _read_toml(own)
        project = folder / "pyproject.toml"
        if project.is_file():
            table = _read_toml(project).get("tool", {}).get("refkit")
            if isinstance(table, Mapping):
                return project, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from error


def load_settings(
    options: Mapping[str, Any] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """The settings in force: ``options`` (command line; None means not given) over
    environment variables over the configuration file over the defaults."""
    environ = os.environ if environ is None else environ
    found = find_config_file((cwd or Path.cwd()).resolve())
    file_values: Mapping[str, Any] = found[1] if found else {}
    file_path = found[0] if found else None
    if file_path is not None:
        unknown = sorted(set(file_values) - set(SPEC_BY_NAME))
        if unknown:
            known = ", ".join(SPEC_BY_NAME)
            raise ConfigError(f"{file_path}: unknown setting {unknown[0]!r} (known: {known})")
    values: dict[str, Setting] = {}
    for spec in SPECS:
        setting = Setting(spec.name, spec.default, "default")
        if spec.name in file_values:
            label = f"{file_path}" + (
                " [tool.refkit]" if file_path and file_path.name == "pyproject.toml" else ""
            )
            setting = Setting(spec.name, _coerce(spec, file_values[spec.name], label), label)
        if spec.env in environ:
            where = f"environment {spec.env}"
            setting = Setting(spec.name, _coerce(spec, environ[spec.env], where), where)
        if options and options.get(spec.name) is not None:
            where = "command line --" + spec.name.replace("_", "-")
            setting = Setting(spec.name, _coerce(spec, options[spec.name], where), where)
        values[spec.name] = setting
    return Settings(values, file_path)
