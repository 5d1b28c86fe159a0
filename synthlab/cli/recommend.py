"""``synthlab recommend``: the decision framework from the command line.

Answers the same questions as ``synthlab.decide`` and prints the decision
record (Markdown), or writes it to a file with ``--out``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from synthlab import decision_rules as rules
from synthlab.errors import SynthlabError


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "recommend",
        help="decide whether synthetic data fits, and which method",
        description="Decide whether your product needs synthetic data and, if so, "
        "which method fits and which risk checks must pass. Prints a decision "
        "record in Markdown to paste into a project document.",
        epilog="Example: synthlab recommend --real-rows 300 --sensitivity personal "
        "--audience team --purpose train_model --out decision.md",
    )
    parser.add_argument("--real-rows", type=int, required=True, metavar="N",
                        help="how many real rows exist (0: none yet)")
    parser.add_argument("--sensitivity", required=True, metavar="S",
                        help="how sensitive the real data is: "
                        + ", ".join(rules.SENSITIVITIES))
    parser.add_argument("--audience", required=True, metavar="A",
                        help="who will see the synthetic data: "
                        + ", ".join(rules.AUDIENCES))
    parser.add_argument("--purpose", required=True, metavar="P",
                        help="what it is for: " + ", ".join(rules.PURPOSES))
    parser.add_argument("--rare-class-share", type=float, metavar="X",
                        help="share of the rare class, e.g. 0.036, when the problem "
                        "is a rare event")
    parser.add_argument("--risk-tolerance", default="medium", metavar="T",
                        help="how much risk the team accepts: "
                        + ", ".join(rules.RISK_TOLERANCES) + " (default: medium)")
    parser.add_argument("--compute", default="laptop", metavar="C",
                        help="what a method may run on: " + ", ".join(rules.COMPUTES)
                        + " (default: laptop)")
    parser.add_argument("--out", type=Path, metavar="FILE",
                        help="write the record to FILE instead of printing it")
    parser.add_argument("--force", action="store_true",
                        help="overwrite FILE if it exists")
    return parser


def run(args: argparse.Namespace) -> int:
    from synthlab.decide import decide

    if args.out is not None and args.out.exists() and not args.force:
        raise SynthlabError(
            f"{args.out} already exists; pass --force to overwrite it or choose "
            "another --out.")
    decision = decide(
        real_rows=args.real_rows,
        sensitivity=args.sensitivity,
        audience=args.audience,
        purpose=args.purpose,
        rare_class_share=args.rare_class_share,
        risk_tolerance=args.risk_tolerance,
        compute=args.compute,
    )
    record = decision.to_markdown()
    if args.out is None:
        print(record, end="")
        return 0
    try:
        args.out.write_text(record, encoding="utf-8")
    except OSError as error:
        raise SynthlabError(
            f"could not write {args.out}: {error.strerror}. Choose a folder that "
            "exists and that you can write to.") from None
    print(f"Wrote the decision record ({decision.use_synthetic}) to {args.out}")
    return 0
