"""``synthlab report``: the four risk checks written as one HTML page.

Same inputs as ``synthlab check``; writes the self-contained page to ``--out``
(refusing to overwrite it without ``--force``). Exit status 0 when no risk
fails, 1 when one fails, 2 for bad input.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from synthlab.cli.check import _check_output, add_arguments, read_inputs


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "report",
        help="write the risk report of a synthetic table as an HTML page",
        description="Run the four risk checks and write them, with their plots, as "
        "one self-contained HTML page to share. Exit status: 0 when no risk fails, "
        "1 when one fails, 2 for bad input.",
        epilog="Example: synthlab report --real train.csv --synthetic synthetic.csv "
        "--holdout holdout.csv --target risk --out report.html",
    )
    add_arguments(parser)
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="the HTML file to write"
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite FILE if it exists"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from synthlab.checks import check

    _check_output(args.out, args.force, "--out")
    report = check(**read_inputs(args))
    report.to_html(args.out, force=args.force)
    verdicts = ", ".join(f"{k} {v}" for k, v in report.verdicts.items())
    print(f"{args.out}: {verdicts}")
    return 1 if report.failed else 0
