"""``refkit claims`` and ``refkit keywords`` on the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from refkit.cli import main

DOCUMENTS = Path(__file__).resolve().parents[1] / "examples" / "documents"


def test_claims_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", str(DOCUMENTS / "pure-bettiol-2019.txt"), "--json"]) == 0
    works = json.loads(capsys.readouterr().out)
    claims = works[0]["claims"]
    assert {"text", "start", "end", "role"} <= set(claims[0])
    assert any(c["role"] == "finding" and c.get("polarity") == "no-effect" for c in claims)


def test_keywords_jsonl_keeps_order_and_ids(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {
            "id": "b",
            "title": "Wavelength services",
            "abstract": "Carriers sell wavelength services.",
        },
        {"id": "a", "title": "", "abstract": ""},
        {
            "id": 3,
            "title": "Clusters",
            "abstract": "Clusters help firms export.",
            "keywords": ["SME"],
        },
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x) for x in lines) + "\n"))
    assert main(["keywords", "--jsonl", "-", "-n", "2"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["b", "a", 3]
    assert out[1]["keywords"] == []
    assert out[2]["keywords"][0] == {"text": "SME", "score": 1.0, "source": "author"}
    assert all(len([k for k in o["keywords"] if k["source"] == "extracted"]) <= 2 for o in out)
    assert "wavelength services" in [k["text"] for k in out[0]["keywords"]]


def test_claims_jsonl_from_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    abstract = "Clusters shape firms. We find that membership has a positive effect on exports."
    source.write_text(json.dumps({"id": "x", "abstract": abstract}) + "\n", "utf-8")
    assert main(["claims", "--jsonl", str(source)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    result = json.loads(line)
    finding = next(c for c in result["claims"] if c["role"] == "finding")
    assert abstract[finding["start"] : finding["end"]] == finding["text"]
