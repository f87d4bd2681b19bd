"""Figures are byte-stable and saved beside the exact data they plot."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from analysis.core.paths import FIGURES_DIR, figures_dir_for, resolve_corpus  # noqa: E402
from analysis.figures import save_figure  # noqa: E402


def draw(directory):
    data = pd.DataFrame({"role": ["body", "caption"], "chars": [2900, 550]})
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.barh(data["role"], data["chars"])
    paths = save_figure(fig, data, "roles", directory)
    plt.close(fig)
    return paths, data


def test_figure_files_are_identical_when_redrawn(tmp_path):
    first, data = draw(tmp_path / "a")
    second, _ = draw(tmp_path / "b")
    assert [p.name for p in first] == ["roles.svg", "roles.png", "roles.csv"]
    for one, two in zip(first, second):
        assert one.read_bytes() == two.read_bytes(), one.name
    assert pd.read_csv(first[2]).equals(data)
    svg = first[0].read_text()
    assert "<dc:date>" not in svg


def test_corpus_figures_never_overwrite_seed_figures(tmp_path):
    assert figures_dir_for("seeds") == FIGURES_DIR
    assert figures_dir_for(None) == FIGURES_DIR
    assert figures_dir_for(tmp_path / "my_corpus") == FIGURES_DIR / "my_corpus"
    assert figures_dir_for(tmp_path / "articles.csv") == FIGURES_DIR / "articles"
    assert resolve_corpus("seeds").is_dir()
