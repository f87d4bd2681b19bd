"""Figures that reproduce byte for byte, each saved beside a CSV of exactly the data it plots."""
from __future__ import annotations

from collections.abc import Sequence
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


# The house palette (matplotlib's "deep" colours); every chart picks from it by meaning.
PALETTE = {"blue": "#4c72b0", "orange": "#dd8452", "green": "#55a868", "red": "#c44e52",
           "purple": "#8172b2", "violet": "#8172b3", "brown": "#937860", "pink": "#da8bc3",
           "grey": "#8c8c8c", "olive": "#ccb974"}

#: One colour per cleaning role (blank separators are not drawn).
ROLE_COLOURS = {"body": PALETTE["blue"], "headline": PALETTE["orange"], "caption": PALETTE["green"],
                "credit": PALETTE["red"], "tag_line": PALETTE["violet"], "boilerplate": PALETTE["brown"],
                "byline": PALETTE["pink"], "dateline": PALETTE["grey"], "embed": PALETTE["olive"]}
#: One colour per kind of attribution, and per role of an agency credit (others grey).
KIND_COLOURS = {"direct": PALETTE["blue"], "mixed": PALETTE["purple"], "indirect": PALETTE["green"],
                "according_to": PALETTE["orange"]}
CREDIT_COLOURS = {"photo": PALETTE["blue"], "wire": PALETTE["orange"], "distributor": PALETTE["green"]}


def _finish_bars(ax, xlabel: str, title: str, integer_ticks: bool) -> None:
    """Largest bar at the top, the axis label, whole-number ticks for counts, then the title."""
    from matplotlib.ticker import MaxNLocator

    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if integer_ticks:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title)


def bar_height_figure(n_bars: int, width: float, per_bar: float, base: float = 0.6):
    """A figure whose height grows with the number of bars, so labels never overlap."""
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, base + per_bar * max(n_bars, 1)))


def ranked_bars(labels: Sequence, values: Sequence, *, title: str, xlabel: str,
                color: str | Sequence[str] = PALETTE["blue"], figsize: tuple[float, float] | None = None,
                per_bar: float = 0.35, width: float = 6, integer_ticks: bool = False,
                notes: Sequence[str] | None = None, vertical_lines: Sequence[tuple[float, dict]] = ()):
    """Horizontal bars in the given order, the first at the top (the chart most notebooks draw).

    `notes` are printed at the end of each bar (shares, say); `vertical_lines` are (x, style)
    reference lines such as a significance threshold. Returns (figure, axes)."""
    import matplotlib.pyplot as plt

    fig, ax = (plt.subplots(figsize=figsize) if figsize is not None
               else bar_height_figure(len(labels), width, per_bar))
    ax.barh(labels, values, color=color)
    for x, style in vertical_lines:
        ax.axvline(x, **style)
    _finish_bars(ax, xlabel, title, integer_ticks)
    for y, (value, note) in enumerate(zip(values, notes or [])):
        ax.text(value, y, f" {note}", va="center", fontsize=8)
    return fig, ax


def stacked_bars(labels: Sequence, parts: pd.DataFrame, colors: dict[str, str], *, title: str,
                 xlabel: str, per_bar: float = 0.35, width: float = 6,
                 integer_ticks: bool = True, legend_loc: str = "lower right"):
    """Horizontal bars split into the columns of `parts` (left to right in column order), the
    first row at the top, with a legend of the parts. Returns (figure, axes)."""
    fig, ax = bar_height_figure(len(labels), width, per_bar)
    left = pd.Series(0, index=parts.index)
    for column in parts.columns:
        ax.barh(labels, parts[column], left=left, color=colors[column], label=column)
        left = left + parts[column]
    _finish_bars(ax, xlabel, title, integer_ticks)
    ax.legend(loc=legend_loc, fontsize=8)
    return fig, ax


def paired_bars(labels: Sequence, first: Sequence, second: Sequence, names: tuple[str, str], *,
                title: str, xlabel: str, colors: tuple[str, str] = (PALETTE["blue"], PALETTE["green"]),
                width: float = 6):
    """Two bars per label (e.g. counts without and with captions), the first label at the top."""
    fig, ax = bar_height_figure(len(labels), width, 0.35)
    ys = range(len(labels))
    ax.barh([y + 0.2 for y in ys], first, height=0.4, color=colors[0], label=names[0])
    ax.barh([y - 0.2 for y in ys], second, height=0.4, color=colors[1], label=names[1])
    ax.set_yticks(list(ys), labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    return fig, ax


def small_multiple_bars(data: pd.DataFrame, group: str, label: str, value: str, groups: Sequence[str],
                        *, title: str, xlabel: str, rows_per_panel: int, panel_width: float = 3.2):
    """One ranked bar panel per group, side by side (top entities per type, say)."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    n = max(len(groups), 1)
    fig, axes = plt.subplots(1, n, figsize=(panel_width * n, 0.4 + 0.3 * rows_per_panel), squeeze=False)
    for ax, name in zip(axes[0], groups):
        rows = data[data[group] == name]
        ax.barh(rows[label], rows[value], color=PALETTE["blue"])
        ax.invert_yaxis()
        ax.set_title(name, fontsize=10)
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(axis="y", labelsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    return fig, axes


def count_heatmap(matrix: pd.DataFrame, *, title: str):
    """A square matrix of counts with each non-zero count written in its cell."""
    import matplotlib.pyplot as plt

    names = list(matrix.index)
    values = matrix.to_numpy()
    fig, ax = plt.subplots(figsize=(0.9 + 0.42 * len(names), 0.6 + 0.42 * len(names)))
    image = ax.imshow(values, cmap="Blues")
    ax.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    for (i, j), n in pd.DataFrame(values).stack().items():
        if n:
            ax.text(j, i, str(n), ha="center", va="center", fontsize=7,
                    color="white" if n > values.max() / 2 else "black")
    ax.set_title(title)
    fig.colorbar(image, ax=ax, shrink=0.7)
    return fig, ax


def segment_map(strips: pd.DataFrame, articles: Sequence[str], colors: dict[str, str], *,
                xlabel: str = "character offset in the raw text"):
    """One strip per article, coloured by the role of each segment (start, end, role)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 1.2 + 0.45 * len(articles)))
    for y, article_id in enumerate(articles):
        rows = strips[strips["article_id"] == article_id]
        ax.broken_barh(list(zip(rows["start"], rows["end"] - rows["start"])), (y - 0.35, 0.7),
                       facecolors=[colors[role] for role in rows["role"]])
    ax.set_yticks(range(len(articles)), articles)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    present = [role for role in colors if role in set(strips["role"])]
    ax.legend(handles=[plt.Rectangle((0, 0), 1, 1, color=colors[r]) for r in present], labels=present,
              loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    return fig, ax
