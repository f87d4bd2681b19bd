"""Figures are byte-stable and saved beside the exact data they plot."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from analysis.core.paths import FIGURES_DIR, resolve_corpus  # noqa: E402
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
    from analysis.figures import output_dir

    assert output_dir("seeds") == FIGURES_DIR
    assert output_dir(None) == FIGURES_DIR
    assert output_dir(tmp_path / "my_corpus") == FIGURES_DIR / "my_corpus"
    assert output_dir(tmp_path / "articles.csv") == FIGURES_DIR / "articles.csv"
    assert resolve_corpus("seeds").is_dir()


def test_ranked_bars_put_the_first_row_on_top_with_notes_and_reference_lines():
    from analysis.figures import ranked_bars

    fig, ax = ranked_bars(["said", "told", "added"], [12, 5, 2], xlabel="attributions",
                          title="Cue verbs", integer_ticks=True, notes=["60%", "25%", "10%"],
                          vertical_lines=[(3, {"color": "grey"})])
    bars = sorted(ax.patches, key=lambda bar: bar.get_y())
    assert [bar.get_width() for bar in bars] == [12, 5, 2]  # inverted axis: largest on top
    assert [t.get_text() for t in ax.texts] == [" 60%", " 25%", " 10%"]
    assert len(ax.lines) == 1 and ax.get_title() == "Cue verbs"
    assert fig.get_figheight() == 0.6 + 0.35 * 3  # height grows with the number of bars
    plt.close(fig)


def test_stacked_bars_stack_the_parts_left_to_right():
    from analysis.figures import KIND_COLOURS, stacked_bars

    parts = pd.DataFrame({"direct": [3, 1], "indirect": [2, 4]})
    fig, ax = stacked_bars(["Tillerson", "Helvey"], parts, KIND_COLOURS, xlabel="attributions",
                           title="Share of voice")
    lefts = sorted((bar.get_y(), bar.get_x(), bar.get_width()) for bar in ax.patches)
    assert [(x, w) for _, x, w in lefts] == [(0, 3), (3, 2), (0, 1), (1, 4)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["direct", "indirect"]
    plt.close(fig)


def test_count_heatmap_writes_each_non_zero_count():
    from analysis.figures import count_heatmap

    matrix = pd.DataFrame([[0, 2], [2, 0]], index=["A", "B"], columns=["A", "B"])
    fig, ax = count_heatmap(matrix, title="Sentences naming both")
    assert sorted(t.get_text() for t in ax.texts) == ["2", "2"]
    plt.close(fig)


def test_output_folders_of_two_corpora_never_collide(tmp_path, monkeypatch):
    """news.csv and news.jsonl get their own folders; a folder already holding another corpus
    of the same name (its .corpus file says which) gets a hash of the path added."""
    import analysis.core.paths as paths
    from analysis.figures import CORPUS_MARKER, output_dir

    monkeypatch.setattr(paths, "FIGURES_DIR", tmp_path / "figures")
    csv, jsonl = tmp_path / "news.csv", tmp_path / "news.jsonl"
    assert output_dir(csv).name == "news.csv" and output_dir(jsonl).name == "news.jsonl"
    first = output_dir(tmp_path / "a" / "my corpus", create=True)
    assert first.name == "my corpus" and (first / CORPUS_MARKER).read_text().strip().endswith("a/my corpus")
    other = output_dir(tmp_path / "b" / "my corpus", create=True)
    assert other != first and other.name.startswith("my corpus-")
    assert output_dir(tmp_path / "a" / "my corpus") == first  # the same corpus finds its folder
    assert output_dir("seeds") == paths.FIGURES_DIR


def test_small_multiples_stay_readable_with_twenty_groups():
    from analysis.figures import small_multiple_bars

    groups = [f"Outlet number {i} with a rather long name" for i in range(20)]
    data = pd.DataFrame({"group": [g for g in groups for _ in range(3)],
                         "speaker": [f"Speaker {j}" for _ in groups for j in range(3)],
                         "share": [0.5, 0.3, 0.1] * 20})
    fig, axes = small_multiple_bars(data, "group", "speaker", "share", groups, rows_per_panel=3,
                                    xlabel="share", ncols=4, sharex=True, percent=True, title="Voice")
    assert len(axes) == 20 and fig.get_figwidth() <= 14  # a grid, not one row 20 panels wide
    assert axes[0].get_title().endswith("…") and len(axes[0].get_title()) <= 34
    assert [t.get_text() for t in axes[0].get_yticklabels()] == ["Speaker 0", "Speaker 1", "Speaker 2"]
    assert len(axes[0].get_xticks()) <= 5  # few value ticks: they never run together
    plt.close(fig)


def test_none_found_draws_a_note_instead_of_empty_axes():
    from analysis.figures import none_found

    fig, ax = none_found("No agency credit was found.", title="Agencies")
    assert not ax.axison and [t.get_text() for t in ax.texts] == ["No agency credit was found."]
    plt.close(fig)


def test_share_heatmap_writes_percentages_and_segment_map_takes_readable_labels():
    from analysis.figures import ROLE_COLOURS, segment_map, share_heatmap

    matrix = pd.DataFrame([[0.5, 0.0], [0.004, 0.25]], index=["BBC", "CNN"], columns=["Brown", "Blair"])
    fig, ax = share_heatmap(matrix, title="Shares")
    assert sorted(t.get_text() for t in ax.texts) == ["0.4%", "25%", "50%"]
    plt.close(fig)
    strips = pd.DataFrame({"article_id": ["x1"], "start": [0], "end": [10], "role": ["body"]})
    fig, ax = segment_map(strips, ["x1"], ROLE_COLOURS, labels=["BBC: Brown speaks"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["BBC: Brown speaks"]
    plt.close(fig)


def test_show_figure_saves_the_files_and_closes_the_figure_outside_a_notebook(tmp_path, capsys):
    from analysis.figures import show_figure

    data = pd.DataFrame({"role": ["body"], "chars": [2900]})
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.barh(data["role"], data["chars"])
    assert show_figure(fig, data, "roles", tmp_path) is None  # no paths printed in a notebook
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roles.csv", "roles.png", "roles.svg"]
    assert (tmp_path / "roles.png").read_bytes().startswith(b"\x89PNG")
    assert not plt.fignum_exists(fig.number)
    assert capsys.readouterr().out == ""  # no kernel: nothing displayed or printed


def test_a_notebook_is_up_to_date_only_while_nothing_it_depends_on_changes(tmp_path):
    import json
    import os

    from analysis.figures import notebook_plan

    corpus = tmp_path / "news.csv"
    corpus.write_text("outlet,text\nBBC,Shares rose.\n", encoding="utf-8")
    notebook = tmp_path / "01_demo.ipynb"

    def write_notebook(code: str, output: str = "") -> None:
        cells = [{"cell_type": "code", "source": [code], "outputs": [{"text": output}]}]
        notebook.write_text(json.dumps({"cells": cells}), encoding="utf-8")

    def plan(parameters="TOP_N=5;", output=tmp_path / "out"):
        [(name, current, stamp, key)] = notebook_plan(corpus, [notebook], parameters, output,
                                                      root=tmp_path)
        return current, stamp, key

    write_notebook("x = 1")
    current, stamp, key = plan()
    assert not current and stamp.parent == tmp_path / ".cache" / "notebook-stamps"
    stamp.parent.mkdir(parents=True)
    stamp.write_text(key + "\n", encoding="utf-8")  # what make figures writes after a run
    assert plan() == (True, stamp, key)
    write_notebook("x = 1", output="executed")  # outputs are not code
    assert plan()[0]
    assert not plan(parameters="TOP_N=6;")[0]
    assert plan(output=tmp_path / "elsewhere")[1] != stamp  # one stamp per output folder
    write_notebook("x = 2")
    assert not plan()[0]
    write_notebook("x = 1")
    assert plan()[0]
    os.utime(corpus, ns=(1, 1))  # the corpus file touched
    assert not plan()[0]
