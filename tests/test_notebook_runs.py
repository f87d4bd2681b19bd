"""A user's corpus runs through the notebooks via papermill without touching the seed figures."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.*"))}


@pytest.mark.slow
def test_notebook_01_runs_on_another_corpus_into_its_own_folder(tmp_path, seed_raw):
    corpus = tmp_path / f"user_corpus_{uuid.uuid4().hex[:8]}"
    corpus.mkdir()
    (corpus / "a.txt").write_text(seed_raw, encoding="utf-8")
    (corpus / "b.txt").write_text("Advertisement\n\nTillerson said the talks went well.", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    before = digest(ROOT / "figures")
    out_dir = ROOT / "figures" / corpus.name
    try:
        subprocess.run([sys.executable, "-m", "papermill", "--cwd", str(ROOT / "notebooks"),
                        "-p", "CORPUS", str(corpus), "--no-progress-bar",
                        str(ROOT / "notebooks" / "01_load_and_clean.ipynb"),
                        str(tmp_path / "out.ipynb")],
                       check=True, capture_output=True, env=os.environ.copy(), timeout=600)
        written = sorted(p.name for p in out_dir.iterdir())
        assert "01_raw_text_composition.csv" in written and "01_segment_map.svg" in written
        composition = (out_dir / "01_raw_text_composition.csv").read_text()
        assert "boilerplate" in composition and "body" in composition
        executed = (tmp_path / "out.ipynb").read_text()
        assert "2 article(s) loaded, 1 input(s) rejected" in executed
        assert digest(ROOT / "figures") == before
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
