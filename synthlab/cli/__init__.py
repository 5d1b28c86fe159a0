"""The ``synthlab`` command: a shell over the same functions the notebooks call.

Each subcommand lives in its own module here with two functions:
``add_parser(subparsers)`` declares its arguments and ``run(args) -> int`` does
the work and returns the exit status.

Exit status, for every subcommand:

* 0: done, and no risk check failed;
* 1: a risk check failed (``check``, ``report``);
* 2: bad input, reported as one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from synthlab.errors import SynthlabError

SUBCOMMANDS = ("recommend", "generate", "check", "report")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors: usage, exit 2
        self.print_usage(sys.stderr)
        self.exit(2, f"synthlab: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="synthlab",
        description="Decide whether you need synthetic data, generate it, and check "
        "its risks, from the command line.",
        epilog="Run 'synthlab COMMAND --help' for the options of one command.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"synthlab.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"synthlab.cli.{name}":
                raise
            continue
        module.add_parser(commands).set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except SynthlabError as error:
        print(f"synthlab {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"synthlab {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
