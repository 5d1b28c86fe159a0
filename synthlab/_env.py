"""The one place where synthlab sets up its surroundings.

Three things live here and nowhere else:

* thread limits: on a two-core laptop, BLAS, OpenMP, torch and joblib pools
  oversubscribe the cores, and a model that fits in under a second
  single-threaded can take minutes;
* seeding: SDV and torch draw from global random state, so the global
  generators of ``random``, numpy and torch are seeded right before a fit, and
  every other random step turns its ``seed`` into a generator with ``rng``;
* quiet: narrow filters for third-party noise that would otherwise reach a
  learner's notebook (SDV's warnings that carry a file path, tqdm bars,
  FutureWarnings from libraries), and nothing broader.

``configure`` runs once, on ``import synthlab``.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import random
import sys
import warnings
from collections.abc import Iterator

import numpy as np

logger = logging.getLogger("synthlab")
logger.addHandler(logging.NullHandler())

THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)

# Third-party warnings that say nothing to a learner. Each entry names the
# message (a regular expression matched at its start) and the reason.
QUIET_WARNINGS = (
    # SDV suggests saving metadata to JSON; the text carries a local path.
    (r".*save_to_json", "SDV's save-metadata hint carries a venv path"),
    (r".*[Ll]atest version of the SDV", "SDV's upgrade reminder"),
    (r".*Sample size .* is larger than", "SDMetrics' note when it subsamples"),
    (r".*The 'SingleTablePreset'", "SDV deprecation notice"),
)

_configured = False


def configure() -> None:
    """Apply thread limits and warning filters; safe to call more than once."""
    global _configured
    if _configured:
        return
    _configured = True
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # tqdm (>= 4.66) reads this for bars whose caller does not set `disable`;
    # quiet_progress() catches the others.
    os.environ.setdefault("TQDM_DISABLE", "1")
    for pattern, _reason in QUIET_WARNINGS:
        warnings.filterwarnings("ignore", message=pattern)
    for module in ("sdv", "sdmetrics", "rdt", "copulas", "ctgan", "sklearn",
                   "pandas", "torch", "imblearn", "faker"):
        warnings.filterwarnings("ignore", category=FutureWarning, module=module)
    for name in ("sdv", "rdt", "copulas", "ctgan", "sdmetrics", "SingleTableSynthesizer",
                 "MultiTableSynthesizer", "faker", "matplotlib", "graphviz"):
        logging.getLogger(name).setLevel(logging.ERROR)
    limit_threads()


def limit_threads() -> None:
    """Keep native pools at one thread each (BLAS, OpenMP, torch)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn brings threadpoolctl
        return
    threadpool_limits(1)
    if "torch" in sys.modules:
        _limit_torch(sys.modules["torch"])


def _limit_torch(torch) -> None:
    torch.set_num_threads(1)
    with contextlib.suppress(RuntimeError):  # only settable before first use
        torch.set_num_interop_threads(1)


def rng(seed: int | np.random.Generator | None) -> np.random.Generator:
    """Turn a seed into a numpy generator; the one way random steps get theirs.

    >>> rng(0).integers(10, size=3).tolist() == rng(0).integers(10, size=3).tolist()
    True
    """
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)


def seed_everything(seed: int) -> None:
    """Seed the global generators that SDV, ctgan and torch draw from.

    Called right before a third-party fit or sample, never at import. CTGAN and
    TVAE reproduce across processes only when numpy and torch are both seeded.
    """
    random.seed(seed)
    np.random.seed(seed % 2**32)
    if "torch" in sys.modules:
        torch = sys.modules["torch"]
        torch.manual_seed(seed)
        _limit_torch(torch)


@contextlib.contextmanager
def third_party_fit(seed: int, uses_torch: bool = False) -> Iterator[None]:
    """Run a third-party fit or sample seeded, single-threaded and quiet.

    joblib work runs sequentially: ctgan's data transformer asks joblib for
    every core, and on threads two columns then draw from numpy's global
    generator in a racing order, so the same seed would give different tables
    (and on processes, each worker re-imports torch). With ``uses_torch``,
    torch is imported first so that it is seeded and limited to one thread
    even on the first fit in a process. Progress bars are swallowed unless
    ``show_progress()``.
    """
    import joblib

    if uses_torch:
        import torch  # noqa: F401  (imported so that seed_everything seeds it)
    seed_everything(seed)
    with (
        joblib.parallel_config(backend="sequential"),
        warnings.catch_warnings(),
        quiet_progress(),
    ):
        warnings.simplefilter("ignore", FutureWarning)
        warnings.simplefilter("ignore", UserWarning)
        yield


@contextlib.contextmanager
def quiet_progress() -> Iterator[None]:
    """Swallow third-party progress bars (tqdm on stderr) unless ``show_progress()``.

    SDV draws bars while sampling with constraints or conditions, and not every
    call honours ``TQDM_DISABLE``; none may reach a stored notebook output.
    """
    if show_progress():
        yield
        return
    with contextlib.redirect_stderr(io.StringIO()):
        yield


def show_progress() -> bool:
    """Whether long work should draw a progress bar.

    Off when ``SYNTHLAB_PROGRESS=0`` (the test suite sets it, so stored notebook
    outputs never hold a bar) and when stderr is not a terminal outside Jupyter.
    """
    if os.environ.get("SYNTHLAB_PROGRESS", "1") == "0":
        return False
    return "ipykernel" in sys.modules or sys.stderr.isatty()
