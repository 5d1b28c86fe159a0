"""Run notebooks top to bottom and store their outputs, as the tests expect them.

    .venv/bin/python tools/execute_notebooks.py notebooks/00_start_here.ipynb [...]

Kernels run with the same settings as under ``make test`` (one hash seed, no
progress bars), in the notebook's own folder. Each notebook is written back
only when every cell ran; a cell tagged ``raises-exception`` may fail.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    for cell in notebook.cells:
        cell.get("metadata", {}).pop("execution", None)
    nbformat.write(notebook, path)
    return elapsed


def main(paths: list[str]) -> None:
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ["SYNTHLAB_PROGRESS"] = "0"
    for name in paths:
        elapsed = execute(Path(name))
        print(f"{name}: ran in {elapsed:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
