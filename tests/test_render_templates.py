"""Built-in templates: golden files, hostile data, sparse records, user templates."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from render_records import claim_records, example_records, hostile_record, sparse_record

import refkit
from refkit.render import TemplateError, UnknownTemplateError, available_templates, render

GOLDEN = Path(__file__).parent / "golden" / "render"
BUILTIN = [(name, fmt) for name, formats in available_templates().items() for fmt in formats]


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("REFKIT_UPDATE_GOLDEN") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


def test_every_builtin_template_is_listed() -> None:
    assert set(BUILTIN) >= {
        ("annotated", "md"),
        ("annotated", "html"),
        ("annotated", "tex"),
        ("annotated", "txt"),
        ("annotated-fragment", "tex"),
        ("summaries", "md"),
        ("check-report", "html"),
    }


@pytest.mark.parametrize(("name", "fmt"), BUILTIN)
def test_golden_examples_library(name: str, fmt: str) -> None:
    text = render(example_records(), template=name, fmt=fmt)
    assert "Bettiol, M., Chiarvesio, M., Di Maria, E." in text.replace("\\&", "&")
    check_golden(f"examples.{name}.{fmt}", text)


@pytest.mark.parametrize(("name", "fmt"), BUILTIN)
def test_golden_analysed_records(name: str, fmt: str) -> None:
    text = render(claim_records(), template=name, fmt=fmt)
    check_golden(f"claims.{name}.{fmt}", text)


HOSTILE_TEXT = {
    "md": [
        "\\<script\\>alert(1)\\</script\\>",
        "\\{\\{ 7\\*7 \\}\\}",
        "\\\\input\\{/etc/passwd\\}",
        "\\\\write18",
    ],
    "html": [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "{{ 7*7 }}",
        "\\input{/etc/passwd}",
        "\\write18",
    ],
    "tex": [
        "\\textless{}script\\textgreater{}alert(1)",
        "\\{\\{ 7*7 \\}\\}",
        "\\textbackslash{}input\\{/etc/passwd\\}",
        "\\textbackslash{}write18",
    ],
    "txt": ["<script>alert(1)</script>", "{{ 7*7 }}", "\\input{/etc/passwd}", "\\write18"],
}


@pytest.mark.parametrize(("name", "fmt"), BUILTIN)
def test_hostile_data_stays_data(name: str, fmt: str) -> None:
    text = render([hostile_record()], template=name, fmt=fmt)
    for expected in HOSTILE_TEXT[fmt]:
        assert expected in text
    assert " 49 " not in text  # {{ 7*7 }} was never evaluated
    if fmt == "html":
        assert "<script" not in text and "<img" not in text
    if fmt == "tex":
        assert "\\input{" not in text and "\\write18{" not in text


@pytest.mark.parametrize(("name", "fmt"), BUILTIN)
def test_sparse_record_renders_what_it_has(name: str, fmt: str) -> None:
    text = render([sparse_record(), refkit.Record()], template=name, fmt=fmt)
    assert "Untitled notes" in text
    for word in ("None", "Undefined", "undefined"):
        assert word not in text


def test_unknown_template_lists_available_ones() -> None:
    with pytest.raises(UnknownTemplateError, match=r"annotated \(md, html, tex, txt\)"):
        render([sparse_record()], template="nope")
    with pytest.raises(UnknownTemplateError, match="summaries"):
        render([sparse_record()], template="check-report", fmt="txt")


def test_user_template_extends_the_builtin(tmp_path: Path) -> None:
    (tmp_path / "annotated.html.j2").write_text(
        '{% extends "builtin/annotated.html.j2" %}\n'
        "{% block content %}<p id=mine>Mine</p>{{ super() }}{% endblock %}\n",
        encoding="utf-8",
    )
    text = render(claim_records(), template="annotated", fmt="html", templates_dir=tmp_path)
    assert "<p id=mine>Mine</p>" in text
    assert "Bettiol et al. (2019) surveyed" in text


def test_template_file_and_its_format(tmp_path: Path) -> None:
    path = tmp_path / "keys.txt.j2"
    path.write_text("{% for e in entries %}{{ e.parenthetical }}\n{% endfor %}", encoding="utf-8")
    text = render(claim_records(), template=str(path))
    assert text.splitlines()[0] == "(Bettiol et al., 2019)"


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("ok\n{% for e in entries %}\n{{ e.title \n{% endfor %}", 4, "expected token"),
        ("ok\n\n{{ no_such_name }}\n", 3, "no_such_name"),
        ("{% for e in entries %}\n{{ e.no_such_field }}{% endfor %}", 2, "no_such_field"),
    ],
)
def test_broken_template_names_file_and_line(
    tmp_path: Path, source: str, line: int, message: str
) -> None:
    path = tmp_path / "broken.md.j2"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError, match=message) as caught:
        render(claim_records(), template=str(path))
    assert caught.value.template.endswith("broken.md.j2")
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{caught.value.template}:{line}: ")


@pytest.mark.parametrize(
    "source",
    [
        "{{ entries.__class__.__mro__ }}",
        "{{ ''.__class__.__subclasses__() }}",
        "{{ entries[0].record.__init__.__globals__ }}",
        "{% include '/etc/passwd' %}",
        "{% include '../../../../../../etc/passwd' %}",
        "{{ entries[0].keywords.__len__() }}",
    ],
)
def test_user_template_cannot_reach_files_or_internals(tmp_path: Path, source: str) -> None:
    path = tmp_path / "evil.txt.j2"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        text = render(claim_records(), template=str(path))
        assert "root:" not in text
    assert "root:x" not in str(caught.value)


def test_user_template_cannot_change_the_data(tmp_path: Path) -> None:
    path = tmp_path / "mutate.txt.j2"
    path.write_text("{{ counts.clear() }}{{ entries[0].keywords }}", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"SecurityError|unsafe"):
        render(claim_records(), template=str(path))
