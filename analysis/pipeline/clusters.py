"""Local Dask clusters for corpus runs, and the checks that turn their silent failures into clear
errors: a script without a ``__main__`` guard (every worker would start the run again) and
workers that cannot import a stage's function (its tasks would wait forever).
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analysis.pipeline.stages import Stage, get_stage

_GUARD = re.compile(r"""^if\s+(__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__)""",
                    re.M)


def _check_main_guard() -> None:
    """A local cluster's workers are new processes that import the main script again (Dask
    uses the "spawn" start method): a script that runs its work without an
    ``if __name__ == "__main__":`` guard would start the run again in every worker, which fails
    after hundreds of log lines ("Nanny failed to start"). Say so in one error instead."""
    import multiprocessing

    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    inheriting = getattr(multiprocessing.current_process(), "_inheriting", False)
    if not inheriting:
        if not path or not str(path).endswith(".py"):
            return  # interactive, python -c, a notebook kernel: nothing is imported again
        try:
            source = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        if _GUARD.search(source):
            return
    raise RuntimeError(
        f"run_corpus was called while the script {path} was being imported without an "
        f"`if __name__ == \"__main__\":` guard. A local Dask cluster starts worker processes "
        f"that import the script again, so each would start the run again and fail. Put the "
        f"script's work under `if __name__ == \"__main__\":` (or use scheduler=\"pandas\" or "
        f"\"threads\", which start no process).")


def local_client(workers: int | None, memory_limit: str | None = None):
    """A Client of a new local cluster: `workers` single-threaded worker processes (one per
    core by default)."""
    _check_main_guard()
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                           processes=True, dashboard_address=None,
                           memory_limit=memory_limit or "auto")
    return Client(cluster), cluster


def _lookup(module: str, qualname: str) -> Any:
    found: Any = sys.modules[module]
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def missing_imports(functions: Sequence[tuple[str, str]]) -> list[str]:
    """Which (module, qualified name) functions cannot be imported here, with the reason (runs
    on each worker: see :func:`check_workers_import`)."""
    import importlib

    missing = []
    for module, qualname in functions:
        try:
            importlib.import_module(module)
            _lookup(module, qualname)
        except Exception as error:  # any failure to import is what we report
            missing.append(f"{module}.{qualname} ({type(error).__name__}: {error})")
    return missing


def check_workers_import(client: Any, stages: Sequence[str | Stage]) -> None:
    """Fail with a clear error when the cluster's workers cannot import this package or a
    stage's function. Dask sends functions by reference (module and name), and a worker that
    cannot import one leaves its task waiting forever: the run would hang without a word."""
    functions = {("analysis.pipeline.clusters", "missing_imports")}
    for stage in stages:
        function = get_stage(stage).function
        module = getattr(function, "__module__", None)
        qualname = getattr(function, "__qualname__", "")
        # Sent by reference (so the worker must import it) only when found by name here; a
        # function of __main__ or one defined inside another is sent by value.
        if module and module != "__main__" and not missing_imports([(module, qualname)]) \
                and _lookup(module, qualname) is function:
            functions.add((module, qualname))
    answers = client.run(missing_imports, sorted(functions), on_error="return")
    problems = sorted({f"{worker}: {answer}" if isinstance(answer, BaseException) else
                       f"{worker}: cannot import {', '.join(answer)}"
                       for worker, answer in answers.items()
                       if isinstance(answer, BaseException) or answer})
    if problems:
        raise RuntimeError("the Dask workers cannot import what the run sends them, so its tasks "
                           "would wait forever: " + "; ".join(problems[:5]) + ". Install the "
                           "package (and the modules of your own stage functions) where the "
                           "workers run, or put them on the workers' sys.path.")
