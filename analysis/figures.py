"""Figures that reproduce byte for byte, each saved beside a CSV of exactly the data it plots."""
from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd

# Settings that make the saved bytes depend only on what is drawn.
REPRODUCIBLE = {"svg.hashsalt": "news-analysis", "svg.fonttype": "path", "savefig.dpi": 100}

# The house look; notebooks apply it once, before drawing.
STYLE = {
    **REPRODUCIBLE,
    "figure.dpi": 100,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.max_open_warning": 0,
}


def use_reproducible_style() -> None:
    """Apply the house style; call it before drawing (spines and fonts are fixed at draw time)."""
    matplotlib.rcParams.update(STYLE)


def save_figure(fig, data: pd.DataFrame, name: str, directory: str | Path) -> list[Path]:
    """Write `<name>.svg`, `<name>.png` and `<name>.csv` (the plotted data) into `directory`.

    Metadata that changes between runs (dates, software versions) is left out and SVG ids are
    salted with a constant, so re-running a notebook on the same data leaves the files unchanged.
    Returns the written paths.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    svg, png, csv = (directory / f"{name}.{ext}" for ext in ("svg", "png", "csv"))
    with matplotlib.rc_context(REPRODUCIBLE):
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
        fig.savefig(png, format="png", metadata={"Software": None}, bbox_inches="tight")
    data.to_csv(csv, index=False, lineterminator="\n", float_format="%.6g")
    return [svg, png, csv]
