"""``synthlab generate``: make a synthetic table from a CSV file, or from a rule spec.

    synthlab generate --real loans.csv --method gaussian_copula --rows 500 --out s.csv
    synthlab generate --spec saas.yaml --method rules --rows 200 --out customers.csv

The input is only read. The output is written to a temporary file beside OUT
and renamed when complete, so a failed run never leaves half a file; an
existing OUT is kept unless ``--force`` is given.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from synthlab.errors import DataError, MethodError


def add_parser(subparsers) -> argparse.ArgumentParser:
    from synthlab.methods import METHODS

    parser = subparsers.add_parser(
        "generate",
        help="make a synthetic table with one of the kit's methods",
        description=(
            "Make a synthetic table from a real CSV file (or, for the rules "
            "method, from a YAML spec) and write it as CSV."
        ),
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--real", metavar="R.csv", help="the real table to learn from")
    source.add_argument(
        "--spec", metavar="SPEC.yaml", help="a rule spec (method rules only)"
    )
    parser.add_argument(
        "--method", required=True, metavar="M", help=f"one of: {', '.join(METHODS)}"
    )
    parser.add_argument(
        "--rows",
        required=True,
        type=int,
        metavar="N",
        help="rows to make (for smote: new rows of the rare class)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="S",
        help="the same seed gives the same table (default 0)",
    )
    parser.add_argument(
        "--out", required=True, metavar="OUT.csv", help="where to write"
    )
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    parser.add_argument(
        "--target", metavar="COL", help="the target column (needed by smote)"
    )
    parser.add_argument(
        "--categorical",
        metavar="COLS",
        help="comma-separated columns to treat as categories",
    )
    parser.add_argument(
        "--preset",
        choices=("quick", "thorough"),
        help="training budget of ctgan, tvae and llm (default quick)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    import synthlab
    from synthlab.datasets import from_csv

    out = Path(args.out)
    source_path = Path(args.real or args.spec)
    if out.exists() and source_path.exists() and out.resolve() == source_path.resolve():
        raise DataError(
            f"--out {out} is the input file; synthlab never writes over its input. "
            "Choose another output path."
        )
    if out.exists() and not args.force:
        raise DataError(
            f"{out} already exists. Pass --force to replace it, or choose another"
            " --out."
        )
    if out.is_dir():
        raise DataError(
            f"--out {out} is a folder; give a file path such as"
            f" {out / 'synthetic.csv'}."
        )
    if not out.parent.exists():
        raise DataError(
            f"The folder {out.parent} does not exist; create it or choose another"
            " --out."
        )
    if args.spec and args.method != "rules":
        raise MethodError(
            f"--spec drives the rules method only; got --method {args.method}. "
            "Use --real R.csv to learn from a real table."
        )

    options = {}
    if args.preset:
        if args.method not in ("ctgan", "tvae", "llm"):
            raise MethodError(
                f"--preset applies to ctgan, tvae and llm, not {args.method}."
            )
        options["preset"] = args.preset
    if args.spec:
        source = Path(args.spec)
    else:
        source = from_csv(args.real, target=args.target, categorical=args.categorical)
    table = synthlab.generate(source, args.method, args.rows, seed=args.seed, **options)

    _write_atomically(table, out)
    print(
        f"wrote {len(table)} rows x {table.shape[1]} columns ({args.method}, seed "
        f"{args.seed}) to {out}"
    )
    return 0


def _write_atomically(table, out: Path) -> None:
    handle, temporary = tempfile.mkstemp(
        prefix=f".{out.name}.", suffix=".part", dir=out.parent
    )
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as file:
            table.to_csv(file, index=False)
        # mkstemp makes the file private (0600); give it the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
