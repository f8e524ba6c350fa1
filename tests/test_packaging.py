"""The wheel, built and installed the way a user gets refkit.

Slow on purpose (about 20 s, a few minutes at worst): it builds the wheel with
``python -m build``, creates a fresh virtual environment without system site packages,
``pip install``s the wheel and its dependencies into it (from the package index), and runs
the installed ``refkit`` from outside the checkout.  That is the only way to see a
template, model file or dependency missing from the package: in the checkout they are
all there anyway.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from refkit import __version__
from refkit.build import OUTPUTS
from refkit.cli import main as refkit_main
from refkit.commands import COMMANDS

ROOT = Path(__file__).resolve().parents[1]


def run(
    command: list[str], *, cwd: Path, env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return completed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("dist")
    completed = run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(ROOT)],
        cwd=outdir,
        env=dict(os.environ),
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    (built,) = outdir.glob("refkit-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its ``bin`` folder."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    outside = venv.parent
    env = _clean_environment()
    completed = run([sys.executable, "-m", "venv", str(venv)], cwd=outside, env=env, timeout=120)
    assert completed.returncode == 0, completed.stderr
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    completed = run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        cwd=outside,
        env=env,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return bin_dir


def _clean_environment() -> dict[str, str]:
    """This process's environment without anything that would reach the checkout."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}


def third_party_imports() -> set[str]:
    """The top-level modules outside the standard library that refkit's code imports,
    at module level or inside a function."""
    found: set[str] = set()
    for path in (ROOT / "refkit").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"refkit", "__future__"}


def test_the_wheel_ships_templates_models_and_type_information(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    templates = {f"refkit/templates/{p.name}" for p in (ROOT / "templates").glob("*.j2")}
    assert templates, "no built-in templates in the checkout"
    assert templates <= names, sorted(templates - names)
    data = {
        "refkit/references/model.crfsuite",
        "refkit/py.typed",
        *(f"refkit/analysis/{p.name}" for p in (ROOT / "refkit" / "analysis").glob("*.json")),
    }
    assert len(data) > 3
    assert data <= names, sorted(data - names)
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "refkit").rglob("*.py")}
    assert modules <= names, sorted(modules - names)
    assert not [n for n in names if "__pycache__" in n or n.startswith(("tests/", "scripts/"))]
    with zipfile.ZipFile(wheel) as archive:
        entry_points = archive.read(f"refkit-{__version__}.dist-info/entry_points.txt").decode()
    assert "refkit = refkit.cli:main" in entry_points


def test_the_installed_wheel_builds_the_examples(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {**_clean_environment(), "REFKIT_CACHE_DIR": str(tmp_path / "cache")}
    refkit = str(installed / "refkit")

    where = run(
        [str(installed / "python"), "-c", "import refkit; print(refkit.__file__)"],
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), where.stdout + where.stderr

    # Every module imports, and so does every library refkit imports anywhere, even
    # lazily: a dependency missing from pyproject.toml fails here, not at a user's desk.
    libraries = sorted(third_party_imports())
    assert "jinja2" in libraries
    script = (
        "import importlib, pkgutil, sys, refkit\n"
        "for m in pkgutil.walk_packages(refkit.__path__, 'refkit.'):\n"
        "    importlib.import_module(m.name)\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
    )
    imported = run(
        [str(installed / "python"), "-W", "error", "-c", script, *libraries],
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stderr

    version = run([refkit, "--version"], cwd=tmp_path, env=env, timeout=60)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"refkit {__version__}"

    helped = run([refkit, "--help"], cwd=tmp_path, env=env, timeout=60)
    assert helped.returncode == 0, helped.stderr
    assert "Example" in helped.stdout
    for command in COMMANDS:
        assert command in helped.stdout
        sub = run([refkit, command, "--help"], cwd=tmp_path, env=env, timeout=60)
        assert sub.returncode == 0, f"{command}: {sub.stderr}"
        assert "Example" in sub.stdout, f"refkit {command} --help shows no example"

    out = tmp_path / "out"
    examples = str(ROOT / "examples" / "documents")
    built = run(
        [refkit, "build", examples, "--references", "--offline", "-o", str(out)],
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    assert len(OUTPUTS) == 10
    assert "wrote 10 files" in built.stderr

    # The installed package and the checkout make the same files: nothing the wheel lacks
    # (a model, a template, a table) changes the output.
    monkeypatch.setenv("REFKIT_CACHE_DIR", str(tmp_path / "checkout-cache"))
    here = tmp_path / "checkout"
    code = refkit_main(["build", examples, "--references", "--offline", "-o", str(here), "-q"])
    assert code == 0
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (here / name).read_bytes(), name
