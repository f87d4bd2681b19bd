"""Command line: `python -m analysis {setup,evaluate,bench,check-corpus}`."""
from __future__ import annotations

import argparse
import importlib
import json
import sys

#: `evaluate` tasks and the analysis.evaluation module that scores each.
EVALUATIONS = {"entities": "entities", "attribution": "attribution", "keywords": "keywords",
               "cleaning": "cleaning", "modern-news": "modern_news"}


def _setup(args: argparse.Namespace) -> int:
    from analysis.nlp import REQUIRED_NLTK_DATA, ensure_nltk_data

    missing = ensure_nltk_data(download=not args.no_download, quiet=True)
    if missing:
        print(
            "Missing NLTK data: " + ", ".join(missing) + ". Download it with "
            "`python -m nltk.downloader " + " ".join(missing) + "` or point NLTK_DATA at a "
            "folder that has it.",
            file=sys.stderr,
        )
        return 1
    print("NLTK data OK: " + ", ".join(sorted(REQUIRED_NLTK_DATA)))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    module = importlib.import_module(f"analysis.evaluation.{EVALUATIONS[args.task]}")
    metrics = module.evaluate(args.data, split=args.split, limit=args.limit)
    print(json.dumps(metrics, sort_keys=True))
    return 0


def _bench(args: argparse.Namespace) -> int:
    module = importlib.import_module("analysis.evaluation.benchmark")
    result = module.run_benchmark(**{k: v for k, v in vars(args).items() if k not in {"func", "command"}})
    print(json.dumps(result, sort_keys=True))
    return 0


def _check_corpus(args: argparse.Namespace) -> int:
    """make figures' preflight: one line on stderr for a bad path, column or grouping (exit 2);
    else prints the corpus's output folder and, with --notebooks, one line per notebook
    (run|current, notebook, stamp file, key: see analysis.figures.notebook_plan). With
    --prepare, annotates the corpus once for the notebooks (on every core), unless every notebook
    is current."""
    from pathlib import Path

    from analysis.figures import notebook_plan, output_dir
    from analysis.tables.corpus import CorpusError, check_corpus

    try:
        print(check_corpus(args.corpus, args.text_column, args.group_by), file=sys.stderr)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    out = output_dir(args.corpus, create=True)
    plan = notebook_plan(args.corpus, args.notebooks, args.parameters, out) if args.notebooks else []
    if args.executed:  # an executed copy that is gone is not up to date
        executed = out / args.executed  # relative to the output folder, or absolute
        plan = [(nb, current and (executed / Path(nb).name).is_file(), stamp, key)
                for nb, current, stamp, key in plan]
    if args.prepare and (not plan or not all(current for _, current, _, _ in plan)):
        from analysis.pipeline.annotate import prepare_corpus

        prepare_corpus(args.corpus, text_column=args.text_column or None, progress=True,
                       workers=args.workers)
    print(out)
    for notebook, current, stamp, key in plan:
        print(f"{'current' if current else 'run'}\t{notebook}\t{stamp}\t{key}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    setup = commands.add_parser("setup", help="check NLTK data, downloading what is missing")
    setup.add_argument("--no-download", action="store_true", help="only check, never download")
    setup.set_defaults(func=_setup)

    evaluate = commands.add_parser("evaluate", help="score a stage on gold data; prints one JSON line")
    evaluate.add_argument("task", choices=list(EVALUATIONS))
    evaluate.add_argument("--data", required=True, help="gold data file or folder")
    evaluate.add_argument("--split", default=None, help="split name where the data has several (dev)")
    evaluate.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    evaluate.set_defaults(func=_evaluate)

    bench = commands.add_parser("bench", help="time each stage on the NLTK Reuters corpus")
    bench.add_argument("--sample", type=int, default=None, help="number of Reuters articles (default all)")
    bench.add_argument("--workers", type=int, default=2, help="Dask workers for the speed-up run")
    bench.add_argument("--partition", type=int, default=None, help="articles per Dask partition")
    bench.add_argument("--repeat", type=int, default=1,
                       help="alternate the 1-worker and N-worker runs this many times (median)")
    bench.add_argument("--memory-sweep", dest="memory_sweep_only", action="store_true",
                       help="instead: worker and main-process peak memory over corpus and "
                            "partition sizes")
    bench.set_defaults(func=_bench)

    check = commands.add_parser("check-corpus", help="check a corpus, its text column and grouping; "
                                "print its output folder")
    check.add_argument("corpus", help="a .txt file, a folder or a table")
    check.add_argument("--text-column", default=None, help="the table column holding the text")
    check.add_argument("--group-by", default=None, help="a column, 'folder', or day/week/month/quarter/year")
    check.add_argument("--prepare", action="store_true",
                       help="also load and annotate the corpus once (progress in the terminal)")
    check.add_argument("--workers", type=int, default=None,
                       help="processes annotating the corpus (default: every core)")
    check.add_argument("--notebooks", nargs="*", default=[],
                       help="notebooks to plan: print whether each is up to date")
    check.add_argument("--parameters", default="", help="the notebooks' parameters (for the stamps)")
    check.add_argument("--executed", default=None,
                       help="folder of the executed notebooks, relative to the output folder (one missing "
                            "there is re-run)")
    check.set_defaults(func=_check_corpus)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
