"""``synthlab check``: the four risk checks on CSV files.

Reads the real file with ``synthlab.datasets.from_csv`` (so identifier columns
are found and left out), the synthetic and holdout files the same way, runs
``synthlab.check`` and prints one line per risk, or the JSON report with
``--json``. Exit status 0 when no risk fails, 1 when one fails, 2 for bad input.
The input files are only read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from synthlab.errors import DataError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The input options ``check`` and ``report`` share."""
    parser.add_argument(
        "--real",
        type=Path,
        required=True,
        metavar="R.csv",
        help="the real rows the synthetic ones were generated from",
    )
    parser.add_argument(
        "--synthetic",
        type=Path,
        required=True,
        metavar="S.csv",
        help="the synthetic rows, with the real file's columns",
    )
    parser.add_argument(
        "--holdout",
        type=Path,
        metavar="H.csv",
        help="real rows the generator never saw (needed to judge privacy)",
    )
    parser.add_argument(
        "--target", metavar="COL", help="the column a model would predict"
    )
    parser.add_argument(
        "--sensitive",
        metavar="A,B",
        help="comma-separated attributes to check for bias, e.g. sex,age",
    )
    parser.add_argument(
        "--rules",
        metavar="RULES",
        help="design rules separated by ';', e.g. "
        '"arms determines treat;end >= start"',
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of the models (default 0)"
    )


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "check",
        help="check a synthetic table for the four risks",
        description="Check a synthetic table against the real one for distribution "
        "mismatch, artifacts, privacy leakage and bias amplification. Exit status: 0 "
        "when no risk fails, 1 when one fails, 2 for bad input.",
        epilog="Example: synthlab check --real train.csv --synthetic synthetic.csv "
        "--holdout holdout.csv --target risk --sensitive sex,age --html report.html",
    )
    add_arguments(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the full report as JSON instead of a summary",
    )
    parser.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help="also write the report as a self-contained HTML page",
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite the --html file if it exists"
    )
    return parser


def read_inputs(args: argparse.Namespace) -> dict:
    """The keyword arguments of ``synthlab.check`` from the command-line options."""
    from synthlab.datasets import from_csv

    for option, path in (
        ("--real", args.real),
        ("--synthetic", args.synthetic),
        ("--holdout", args.holdout),
    ):
        if path is not None and not path.is_file():
            what = "a folder" if path.is_dir() else "not found"
            raise DataError(f"{option} {path}: {what}. Pass the path of a CSV file.")
    real = from_csv(args.real, target=args.target, sensitive=args.sensitive)
    synthetic = from_csv(args.synthetic).data
    holdout = from_csv(args.holdout).data if args.holdout is not None else None
    rules = [part.strip() for part in (args.rules or "").split(";") if part.strip()]
    return {
        "real": real,
        "synthetic": synthetic,
        "holdout": holdout,
        "rules": rules or None,
        "seed": args.seed,
    }


def run(args: argparse.Namespace) -> int:
    from synthlab.checks import check

    html_path = getattr(args, "html", None)
    if html_path is not None:
        _check_output(html_path, args.force, "--html")
    report = check(**read_inputs(args))
    if html_path is not None:
        report.to_html(html_path, force=args.force)
    if args.json:
        print(report.to_json())
    else:
        for name, risk in report.risks.items():
            print(f"{name:<13} {risk.verdict.upper():<5} {risk.sentence}")
            if risk.verdict != "pass":
                print(f"{'':<19} next: {risk.next_step}")
        if html_path is not None:
            print(f"report written to {html_path}")
    return 1 if report.failed else 0


def _check_output(path: Path, force: bool, option: str) -> None:
    if path.exists() and not force:
        raise DataError(
            f"{option} {path} already exists; pass --force to overwrite it, "
            "or choose another file name."
        )
    if path.suffix.lower() not in (".html", ".htm"):
        raise DataError(
            f"{option} {path}: the report is an HTML page; give a file name "
            "ending in .html."
        )
    if not path.parent.exists():
        raise DataError(f"{option} {path}: the folder {path.parent} does not exist.")
