"""Settings: command line over environment over file over default, each with its origin."""

from __future__ import annotations

from pathlib import Path

import pytest

from refkit.config import ConfigError, load_settings


def test_defaults_when_nothing_is_set(tmp_path: Path) -> None:
    settings = load_settings(environ={}, cwd=tmp_path)
    assert settings["crossref_url"] == "https://api.crossref.org"
    assert settings["offline"] is False
    assert settings.origin("mailto") == "default"


def test_precedence_and_origins(tmp_path: Path) -> None:
    (tmp_path / "refkit.toml").write_text(
        'mailto = "file@example.org"\nstyle = "apa"\noffline = true\n', encoding="utf-8"
    )
    settings = load_settings(
        {"mailto": "cli@example.org", "style": None},
        environ={"REFKIT_MAILTO": "env@example.org", "REFKIT_OFFLINE": "0"},
        cwd=tmp_path,
    )
    assert settings["mailto"] == "cli@example.org"
    assert settings.origin("mailto") == "command line --mailto"
    assert settings["offline"] is False
    assert settings.origin("offline") == "environment REFKIT_OFFLINE"
    assert settings.origin("style") == str(tmp_path / "refkit.toml")


def test_pyproject_table_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.refkit]\ncache_dir = "/tmp/c"\n', encoding="utf-8"
    )
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    settings = load_settings(environ={}, cwd=sub)
    assert settings["cache_dir"] == "/tmp/c"
    assert settings.origin("cache_dir").endswith("pyproject.toml [tool.refkit]")


def test_secrets_are_masked() -> None:
    settings = load_settings(environ={"REFKIT_CROSSREF_PLUS_TOKEN": "abcdef123456"}, cwd=Path("/"))
    assert settings.values["plus_token"].shown() == "****3456"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("mailto = [1, 2]", "mailto must be a string"),
        ("offline = 'maybe'", "offline must be true or false"),
        ("colour = 'red'", "unknown setting 'colour'"),
        ("mailto = ", "not valid TOML"),
    ],
)
def test_bad_files_name_the_file_and_key(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "refkit.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as raised:
        load_settings(environ={}, cwd=tmp_path)
    assert str(tmp_path / "refkit.toml") in str(raised.value)


def test_config_command_prints_origins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from refkit.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFKIT_MAILTO", "me@example.org")
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert "me@example.org" in out
    assert "environment REFKIT_MAILTO" in out
