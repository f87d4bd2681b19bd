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
    The tight bounding box is worked out once for both files (laying out the text of a chart
    with many panels is what costs). Returns the written paths.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    svg, png, csv = (directory / f"{name}.{ext}" for ext in ("svg", "png", "csv"))
    with matplotlib.rc_context(REPRODUCIBLE):
        fig.draw_without_rendering()
        box = fig.get_tightbbox().padded(matplotlib.rcParams["savefig.pad_inches"])
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches=box)
        fig.savefig(png, format="png", metadata={"Software": None}, bbox_inches=box)
    data.to_csv(csv, index=False, lineterminator="\n", float_format="%.6g")
    return [svg, png, csv]


def show_figure(fig, data: pd.DataFrame, name: str, directory: str | Path) -> None:
    """:func:`save_figure`, then show the saved PNG in the notebook and close the figure: the
    chart is drawn for the files only, not a third time for the notebook. Outside a notebook
    kernel nothing is shown. Returns nothing, so a notebook cell never prints the files'
    absolute paths (they differ between machines; :func:`save_figure` returns them)."""
    import matplotlib.pyplot as plt

    paths = save_figure(fig, data, name, directory)
    plt.close(fig)
    try:
        from IPython import get_ipython
        from IPython.display import Image, display
    except ImportError:  # no IPython: nothing to show
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "kernel"):
        display(Image(data=paths[1].read_bytes(), format="png"))


#: The file in an output folder that names the corpus it holds, so two corpora never share one.
CORPUS_MARKER = ".corpus"


def output_dir(corpus: str | Path | None, *, create: bool = False) -> Path:
    """Where a corpus's tables and figures go: `figures/` for the seed corpus, else
    `figures/<file or folder name>/` with the suffix kept (news.csv and news.jsonl get separate
    folders). A folder already holding another corpus of the same name (its `.corpus` file says
    which) gets a short hash of the path added. `create` makes the folder and its `.corpus` file."""
    import hashlib

    from analysis.core.paths import DEFAULT_CORPUS, FIGURES_DIR, resolve_corpus

    path = resolve_corpus(corpus).resolve()
    if path == DEFAULT_CORPUS.resolve():
        return FIGURES_DIR
    folder = FIGURES_DIR / (path.name or "corpus")
    marker = folder / CORPUS_MARKER
    if marker.exists() and marker.read_text(encoding="utf-8").strip() != str(path):
        folder = FIGURES_DIR / f"{path.name}-{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"
        marker = folder / CORPUS_MARKER
    if create:
        folder.mkdir(parents=True, exist_ok=True)
        marker.write_text(f"{path}\n", encoding="utf-8")
    return folder


class Note(str):
    """A sentence a notebook computes from its data: rendered as Markdown, and as the same plain
    text where Markdown is not rendered (so nbval compares the words, not an object id)."""

    def _repr_markdown_(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(str(self))


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
                 integer_ticks: bool = True, legend_loc: str = "lower right", percent: bool = False):
    """Horizontal bars split into the columns of `parts` (left to right in column order), the
    first row at the top, with a legend of the parts (`legend_loc="outside"`: right of the axes).
    `percent` formats shares (0-1) as percentages. Returns (figure, axes)."""
    from matplotlib.ticker import PercentFormatter

    fig, ax = bar_height_figure(len(labels), width, per_bar)
    left = pd.Series(0, index=parts.index)
    for column in parts.columns:
        ax.barh(labels, parts[column], left=left, color=colors[column], label=column)
        left = left + parts[column]
    _finish_bars(ax, xlabel, title, integer_ticks and not percent)
    if percent:
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=1))
    if legend_loc == "outside":
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    else:
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


def short_label(text: object, width: int = 32) -> str:
    """A label cut to `width` characters with an ellipsis, so long names keep axes readable."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _grid(n: int, ncols: int, panel_width: float, panel_height: float, **options):
    """A grid of `n` panels, `ncols` wide, the unused panels switched off."""
    import matplotlib.pyplot as plt

    ncols = max(1, min(ncols, n))
    nrows = -(-max(n, 1) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_width * ncols, panel_height * nrows),
                             squeeze=False, **options)
    flat = list(axes.flat)
    for ax in flat[n:]:
        ax.set_axis_off()
    return fig, flat[:max(n, 1)]


def small_multiple_bars(data: pd.DataFrame, group: str, label: str, value: str, groups: Sequence[str],
                        *, title: str, xlabel: str, rows_per_panel: int, panel_width: float = 3.4,
                        ncols: int = 4, integer_ticks: bool = True, sharex: bool = False,
                        color: str = PALETTE["blue"], percent: bool = False):
    """One ranked bar panel per group, `ncols` panels a row (top entities per type, top speakers
    per outlet): readable with 20 groups. Long labels are shortened, value ticks are few (they
    never run together at corpus scale); `sharex` puts every panel on one scale, `percent`
    formats shares (0-1) as percentages."""
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    fig, axes = _grid(len(groups), ncols, panel_width, 0.7 + 0.22 * rows_per_panel, sharex=sharex)
    for ax, name in zip(axes, groups):
        rows = data[data[group] == name]
        ax.barh(range(len(rows)), rows[value], color=color)
        ax.set_yticks(range(len(rows)), [short_label(v, 26) for v in rows[label]])
        ax.set_ylim(max(rows_per_panel, len(rows)) - 0.5, -0.5)  # one bar height everywhere, first on top
        ax.set_title(short_label(name, 34), fontsize=9)
        ax.set_xlabel(xlabel, fontsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3, integer=integer_ticks and not percent))
        if percent:
            ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.tick_params(axis="both", labelsize=7)
    fig.suptitle(title)
    fig.tight_layout()
    return fig, axes


def share_heatmap(matrix: pd.DataFrame, *, title: str, xlabel: str = "", ylabel: str = "",
                  percent: bool = True):
    """Rows (groups) by columns (entities, verbs), each cell's value written in it: a share as a
    percentage (`percent`) or a count. Labels are shortened; the size grows with the matrix."""
    import matplotlib.pyplot as plt

    values = matrix.to_numpy(dtype=float)
    n_rows, n_cols = values.shape
    fig, ax = plt.subplots(figsize=(2.2 + 0.55 * n_cols, 1.2 + 0.32 * n_rows))
    image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0)
    ax.set_xticks(range(n_cols), [short_label(c, 24) for c in matrix.columns], rotation=50,
                  ha="right", fontsize=8)
    ax.set_yticks(range(n_rows), [short_label(r, 30) for r in matrix.index], fontsize=8)
    top = values.max() if values.size else 0
    for i in range(n_rows):
        for j in range(n_cols):
            v = values[i, j]
            if v:
                text = (f"{v:.0%}" if v >= 0.095 else f"{v:.1%}") if percent else f"{v:g}"
                ax.text(j, i, text, ha="center", va="center", fontsize=6.5,
                        color="white" if v > top / 2 else "black")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    fig.colorbar(image, ax=ax, shrink=0.7, format="{x:.0%}" if percent else None)
    return fig, ax


def line_multiples(data: pd.DataFrame, x: str, panel: str, value: str, panels: Sequence[str], *,
                   title: str, ylabel: str, ncols: int = 3):
    """One small line chart per panel (an entity's mentions per month, say) on shared axes;
    x values are the categories of column `x` in their order, with a few ticks shown."""
    from matplotlib.ticker import MaxNLocator

    xs = list(dict.fromkeys(data[x]))
    position = {v: i for i, v in enumerate(xs)}
    fig, axes = _grid(len(panels), ncols, 3.4, 2.2, sharex=True, sharey=True)
    step = max(1, len(xs) // 4)
    for ax, name in zip(axes, panels):
        rows = data[data[panel] == name]
        ax.plot([position[v] for v in rows[x]], rows[value], color=PALETTE["blue"], linewidth=1.2,
                marker="o" if len(xs) <= 24 else None, markersize=2.5)
        ax.set_title(short_label(name, 34), fontsize=9)
        ax.set_xticks(range(0, len(xs), step), [xs[i] for i in range(0, len(xs), step)],
                      rotation=45, ha="right", fontsize=7)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        ax.tick_params(axis="y", labelsize=7)
    axes[0].set_ylabel(ylabel, fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    return fig, axes


def none_found(message: str, *, title: str, figsize: tuple[float, float] = (6, 1.4)):
    """A small figure that says nothing was found, instead of empty axes."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=figsize)
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color=PALETTE["grey"],
            wrap=True, transform=ax.transAxes)
    ax.set_title(title)
    return fig, ax


def count_heatmap(matrix: pd.DataFrame, *, title: str):
    """A square matrix of counts with each non-zero count written in its cell."""
    import matplotlib.pyplot as plt

    names = list(matrix.index)
    values = matrix.to_numpy()
    fig, ax = plt.subplots(figsize=(0.9 + 0.42 * len(names), 0.6 + 0.42 * len(names)))
    image = ax.imshow(values, cmap="Blues")
    shown = [short_label(name, 30) for name in names]
    ax.set_xticks(range(len(names)), shown, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(names)), shown, fontsize=8)
    for (i, j), n in pd.DataFrame(values).stack().items():
        if n:
            ax.text(j, i, str(n), ha="center", va="center", fontsize=7,
                    color="white" if n > values.max() / 2 else "black")
    ax.set_title(title)
    fig.colorbar(image, ax=ax, shrink=0.7)
    return fig, ax


def segment_map(strips: pd.DataFrame, articles: Sequence[str], colors: dict[str, str], *,
                xlabel: str = "character offset in the raw text", labels: Sequence[str] | None = None):
    """One strip per article, coloured by the role of each segment (start, end, role); `labels`
    name the strips (titles or outlets; default the article ids)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 1.2 + 0.45 * len(articles)))
    for y, article_id in enumerate(articles):
        rows = strips[strips["article_id"] == article_id]
        ax.broken_barh(list(zip(rows["start"], rows["end"] - rows["start"])), (y - 0.35, 0.7),
                       facecolors=[colors[role] for role in rows["role"]])
    ax.set_yticks(range(len(articles)), [short_label(v, 40) for v in (labels or articles)], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    present = [role for role in colors if role in set(strips["role"])]
    ax.legend(handles=[plt.Rectangle((0, 0), 1, 1, color=colors[r]) for r in present], labels=present,
              loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    return fig, ax


# --------------------------------------------------------------------------- up-to-date notebooks

#: Where `make figures` keeps one stamp per executed notebook and output folder.
STAMPS_DIR = Path(".cache") / "notebook-stamps"


def corpus_signature(corpus: str | Path | None) -> str:
    """What a corpus's content is judged by, cheaply: its resolved path and the size and
    modification time of the file, or of every file under the folder (not the bytes)."""
    import hashlib
    import os

    from analysis.core.paths import resolve_corpus

    path = resolve_corpus(corpus).resolve()
    digest = hashlib.sha1(str(path).encode("utf-8", "surrogateescape"))
    files = [path] if not path.is_dir() else sorted(
        Path(root) / name for root, _, names in os.walk(path) for name in names)
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            continue
        digest.update(f"\0{file.relative_to(path) if file != path else ''}\0{stat.st_size}\0"
                      f"{stat.st_mtime_ns}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def notebook_code(notebook: str | Path) -> str:
    """The sources of a notebook's code cells (outputs excluded: executing a notebook in place
    does not change its code)."""
    import json

    cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    return "\n\0".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code")


def notebook_plan(corpus: str | Path | None, notebooks: Sequence[str | Path], parameters: str,
                  output: str | Path, root: str | Path | None = None
                  ) -> list[tuple[str, bool, Path, str]]:
    """For each notebook: (notebook, up to date?, its stamp file, the key the stamp must hold).

    The key hashes what the notebook's results depend on, as make's own dependency rules would:
    the corpus (:func:`corpus_signature`), the parameters (as given to papermill), the output
    folder, the package's version and code (:func:`analysis.pipeline.cache.code_fingerprint`,
    which covers the rule files), the pinned library versions and the notebook's code. A
    notebook is up to date when its stamp holds the key; the caller writes the key into the
    stamp after executing it."""
    import hashlib

    from analysis import __version__
    from analysis.core.paths import PROJECT_ROOT
    from analysis.pipeline.cache import code_fingerprint

    root = Path(root) if root is not None else PROJECT_ROOT
    pins = root / "constraints.txt"
    common = "\0".join([corpus_signature(corpus), parameters, str(Path(output).resolve()),
                        __version__, code_fingerprint(),
                        hashlib.sha1(pins.read_bytes()).hexdigest() if pins.is_file() else ""])
    plan = []
    for notebook in notebooks:
        key = hashlib.sha1(f"{common}\0{notebook_code(notebook)}".encode(
            "utf-8", "surrogateescape")).hexdigest()
        name = hashlib.sha1(f"{Path(output).resolve()}\0{Path(notebook).name}".encode(
            "utf-8", "surrogateescape")).hexdigest()[:20]
        stamp = root / STAMPS_DIR / f"{Path(notebook).stem}-{name}"
        try:
            current = stamp.read_text(encoding="utf-8").strip() == key
        except OSError:
            current = False
        plan.append((str(notebook), current, stamp, key))
    return plan
