"""How long `import synthlab` takes in a fresh process, beside `import sdv`.

    .venv/bin/python benchmarks/import_time.py

Prints the median of five fresh interpreters for each import; the kit's goal is
under a second for `import synthlab` (SDV and torch load only when a method
needs them).
"""

from __future__ import annotations

import statistics
import subprocess
import sys

RUNS = 5


def seconds(statement: str) -> float:
    code = (
        "import time; start = time.perf_counter(); "
        f"{statement}; print(time.perf_counter() - start)"
    )
    times = []
    for _ in range(RUNS):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                text=True, check=True)
        times.append(float(result.stdout.strip()))
    return statistics.median(times)


def main() -> None:
    print(f"{'import':<30}{'median of ' + str(RUNS) + ' (s)':>20}")
    for statement in ("import synthlab", "import synthlab.datasets", "import sdv"):
        print(f"{statement:<30}{seconds(statement):>20.2f}")


if __name__ == "__main__":
    main()
