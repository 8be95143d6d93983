"""Command line: ``python -m alliance_atlas.trajectories analyze ...``.

    analyze 5.1 5.3 3.2 5.0 5.4          one series -> one JSON object
    analyze --csv clients.csv            many clients -> JSON lines (see csv_batch)
    analyze --csv clients.csv --format csv    one summary row per client
    analyze --csv - < clients.csv        read the CSV from standard input

Any problem with the input (bad scores, missing file, bad options) is printed
as one line starting with "error:" on standard error, with exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn, Sequence

from .analysis import describe
from .csv_batch import FORMATS, analyze_clients, write_results
from .episodes import DEFAULT_REPAIR_WINDOW, DEFAULT_THRESHOLD_SD
from .validation import parse_csv, parse_text

EXIT_INPUT_ERROR = 2


class _OneLineErrorParser(argparse.ArgumentParser):
    """argparse prints usage plus the error; people only need the error."""

    def error(self, message: str) -> NoReturn:
        _fail(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineErrorParser(
        prog="python -m alliance_atlas.trajectories",
        description="Classify alliance trajectories and find rupture-repair episodes.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_OneLineErrorParser)
    analyze = commands.add_parser("analyze", help="analyse one series or a CSV of clients")
    analyze.add_argument("scores", nargs="*", help="scores in session order (spaces or commas between them)")
    analyze.add_argument("--csv", metavar="FILE", help="CSV with one row per client: id, then scores ('-' = standard input)")
    analyze.add_argument(
        "--threshold-sd",
        type=float,
        default=DEFAULT_THRESHOLD_SD,
        help="rupture = drop of at least this many SDs of the client's scores (default %(default)s)",
    )
    analyze.add_argument(
        "--repair-window",
        type=int,
        default=DEFAULT_REPAIR_WINDOW,
        help="sessions after the trough in which a repair must happen (default %(default)s)",
    )
    analyze.add_argument(
        "--format",
        choices=FORMATS,
        help="output: jsonl (default for --csv), json (default for one series), csv summary",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command != "analyze":
        _fail("choose a command: analyze (see --help)")
    try:
        if args.csv is not None:
            if args.scores:
                _fail("give scores or --csv FILE, not both")
            _analyze_csv(args)
        elif args.scores:
            _analyze_one(args)
        else:
            _fail("no scores given; list them after 'analyze' or use --csv FILE")
    except ValueError as error:
        _fail(str(error))
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            return 0  # the reader (e.g. `head`) stopped early; nothing to report
        _fail(f"cannot read {error.filename or args.csv}: {error.strerror or error}")
    return 0


def _analyze_one(args: argparse.Namespace) -> None:
    scores = parse_text(" ".join(args.scores))
    output_format = args.format or "json"
    results = analyze_clients([("1", scores)], threshold_sd=args.threshold_sd, repair_window=args.repair_window)
    if output_format == "json":
        (_, result), = results
        document = result.to_dict()
        document["summary"] = describe(result)
        sys.stdout.write(json.dumps(document, indent=2, allow_nan=False) + "\n")
    else:
        write_results(results, sys.stdout, output_format)


def _analyze_csv(args: argparse.Namespace) -> None:
    if args.csv == "-":
        text = sys.stdin.read()
    else:
        with open(args.csv, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    clients = parse_csv(text)
    results = analyze_clients(clients, threshold_sd=args.threshold_sd, repair_window=args.repair_window)
    write_results(results, sys.stdout, args.format or "jsonl")


def _fail(message: str) -> NoReturn:
    one_line = " ".join(str(message).split())
    print(f"error: {one_line}", file=sys.stderr)
    sys.exit(EXIT_INPUT_ERROR)


if __name__ == "__main__":
    sys.exit(main())
