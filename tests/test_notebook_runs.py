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
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.*")) if p.is_file()}


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
        assert "The corpus has **2** article(s)" in executed and "1 input(s) could not be loaded" in executed
        assert digest(ROOT / "figures") == before
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


def test_a_bad_corpus_path_or_column_is_one_line_before_any_notebook_runs(tmp_path):
    table = tmp_path / "news.csv"
    table.write_text("outlet,text\nBBC,Shares rose.\n", encoding="utf-8")
    for arguments, expected in [([str(tmp_path / "missing dir")], "no such file or folder"),
                                ([str(table), "--text-column", "body"], "TEXT_COLUMN 'body'"),
                                ([str(table), "--group-by", "month"], "needs a date column")]:
        run = subprocess.run([sys.executable, "-m", "analysis", "check-corpus", *arguments],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 2 and run.stdout == ""
        assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: ") and expected in run.stderr


def outputs_text(notebook: Path) -> str:
    """Every output a notebook stored (streams, text and errors), as one string."""
    import json

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    parts = []
    for cell in cells:
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts += ["".join(v) for k, v in output.get("data", {}).items() if k.startswith("text/")]
    return "\n".join(parts)


@pytest.mark.slow
def test_the_comparison_runs_on_a_small_multi_outlet_corpus(tmp_path, seed_raw):
    """Two outlets, dates in two formats, extra columns: notebooks 01 and 05 compare the outlets,
    store no progress bars or warnings, and write only into OUTPUT (a path with a space)."""
    import pandas as pd

    rows = [("The Post", "2017-03-02", "left", seed_raw),
            ("The Post", "March 9, 2017", "left",
             "Officials said the talks in Beijing went well. Rex Tillerson told reporters the pressure on "
             "North Korea would continue."),
            ("Daily Wire", "2017-04-11", "right",
             "Advertisement\n\nDonald Trump said China must do more about North Korea, according to "
             "the White House. Critics claimed the plan would fail."),
            ("Daily Wire", "2017-04-20", "right",
             "Xi Jinping met Donald Trump in Florida. Chinese officials said the meeting was useful.")]
    corpus = tmp_path / "two outlets.csv"
    pd.DataFrame(rows, columns=["publisher", "published", "bias", "story"]).to_csv(corpus, index=False)
    out = tmp_path / "out put"
    before = digest(ROOT / "figures")
    for name in ("01_load_and_clean", "05_compare_groups"):
        run = subprocess.run([sys.executable, "-m", "papermill", "--cwd", str(ROOT / "notebooks"),
                              "-r", "CORPUS", str(corpus), "-r", "GROUP_BY", "outlet", "-r", "OUTPUT", str(out),
                              "-r", "TEXT_COLUMN", "story", "-p", "MIN_FREQ", "1", "--no-progress-bar",
                              str(ROOT / "notebooks" / f"{name}.ipynb"), str(tmp_path / f"{name}.ipynb")],
                             capture_output=True, text=True, env=os.environ.copy(), timeout=900)
        assert run.returncode == 0, run.stderr[-3000:]
        stored = outputs_text(tmp_path / f"{name}.ipynb")
        assert "TqdmWarning" not in stored and "it/s" not in stored and "article/s" not in stored
        assert "\r" not in stored
    overview = outputs_text(tmp_path / "01_load_and_clean.ipynb")
    assert "It comes from 2 outlet(s)." in overview and "from 2017-03-02 to 2017-04-20" in overview
    removed = pd.read_csv(out / "01_removed_by_group.csv")
    assert removed["group"].tolist() == ["Daily Wire", "The Post"]  # ties by name
    sizes = pd.read_csv(out / "05_group_sizes.csv")
    assert sizes[["group", "articles"]].values.tolist() == [["Daily Wire", 2], ["The Post", 2]]
    anonymous = pd.read_csv(out / "05_anonymous_by_group.csv")
    assert set(anonymous["group"]) == {"Daily Wire", "The Post"}
    voice = pd.read_csv(out / "05_voice_by_group.csv")
    assert set(voice["group"]) == {"Daily Wire", "The Post"} and voice["share"].between(0, 1).all()
    shares = pd.read_csv(out / "05_entity_shares_by_group.csv")
    assert shares.groupby("group").size().nunique() == 1  # every entity listed for every group
    over_time = pd.read_csv(out / "05_entities_over_time.csv")
    assert set(over_time["period"]) == {"2017-03", "2017-04"}
    for csv in out.glob("*.csv"):
        assert (out / f"{csv.stem}.svg").exists() and (out / f"{csv.stem}.png").exists()
    assert digest(ROOT / "figures") == before


def test_check_corpus_plans_which_notebooks_are_up_to_date(tmp_path):
    """make figures' plan: a notebook runs until its stamp holds the key printed for it; then it
    is current, unless its executed copy is gone or a parameter changes."""
    corpus = tmp_path / f"plan_{uuid.uuid4().hex[:8]}.csv"
    corpus.write_text("outlet,text\nBBC,Shares rose.\n", encoding="utf-8")
    notebook = str(ROOT / "notebooks" / "01_load_and_clean.ipynb")

    def plan(parameters: str) -> tuple[Path, list[str]]:
        run = subprocess.run([sys.executable, "-m", "analysis", "check-corpus", str(corpus),
                              "--notebooks", notebook, "--parameters", parameters,
                              "--executed", "notebooks"],
                             capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert run.returncode == 0, run.stderr
        out, line = run.stdout.splitlines()
        return Path(out), line.split("\t")

    out, (state, name, stamp, key) = plan("TOP_N=5;")
    try:
        assert state == "run" and name == notebook and out.name == corpus.name
        Path(stamp).parent.mkdir(parents=True, exist_ok=True)
        Path(stamp).write_text(key + "\n", encoding="utf-8")
        assert plan("TOP_N=5;")[1][0] == "run"  # no executed copy yet
        (out / "notebooks").mkdir()
        (out / "notebooks" / "01_load_and_clean.ipynb").write_text("{}", encoding="utf-8")
        assert plan("TOP_N=5;")[1][0] == "current"
        assert plan("TOP_N=6;")[1][0] == "run"
    finally:
        shutil.rmtree(out, ignore_errors=True)
        Path(stamp).unlink(missing_ok=True)


def test_committed_notebook_outputs_hold_no_machine_paths():
    """nbval compares outputs on another machine: an absolute path in an output fails there."""
    import json

    root = Path(__file__).resolve().parents[1]
    for notebook in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        outputs = json.dumps([cell.get("outputs", []) for cell in cells])
        assert str(root) not in outputs and "PosixPath(" not in outputs, notebook.name
