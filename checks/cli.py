"""The ``mocap`` command line. Parsing only: each command is a function that takes explicit
arguments and returns an exit code (0 clean, 1 problems found, 2 usage or input error)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from checks import reporters
from checks.changes import GitError, changed_files
from checks.check import CatalogNotFound, check_catalog, find_catalog_root
from checks.problems import Report
from checks.reference.load import ReferenceUnusable
from checks.rules import ALL_RULES
from checks.schemas import stale_schemas, write_schemas

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def check_command(
    paths: Sequence[Path],
    as_of: dt.date,
    changed_since: str | None,
    output_format: str,
    out: TextIO,
    err: TextIO,
) -> int:
    try:
        root = find_catalog_root(paths)
        changed = changed_files(root.resolve().parent, changed_since) if changed_since else None
        report = check_catalog(root, as_of, changed, paths)
    except CatalogNotFound as exc:
        err.write(f"mocap check: {exc}\n")
        return EXIT_USAGE
    except GitError as exc:
        err.write(f"mocap check: --changed-since {changed_since}: {exc}\n")
        return EXIT_USAGE
    except ReferenceUnusable as exc:
        out.write(reporters.REPORTERS[output_format](Report(0, tuple(exc.problems))))
        err.write("mocap check: the reference data is unusable, so the catalog was not checked\n")
        return EXIT_USAGE
    out.write(reporters.REPORTERS[output_format](report))
    return EXIT_PROBLEMS if report.errors else EXIT_CLEAN


def rules_command(output_format: str, out: TextIO) -> int:
    if output_format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": str(r.severity),
                "clause": r.clause,
                "summary": r.summary,
            }
            for r in ALL_RULES
        ]
        out.write(json.dumps(rows, indent=2) + "\n")
        return EXIT_CLEAN
    for r in ALL_RULES:
        out.write(f"{r.code}  {r.severity:<7}  {r.name:<34} {r.clause}\n        {r.summary}\n")
    return EXIT_CLEAN


def schemas_command(repo_root: Path, check: bool, out: TextIO) -> int:
    if check:
        stale = stale_schemas(repo_root)
        for name in stale:
            out.write(f"{name} is out of date with the models: run 'mocap schemas'\n")
        return EXIT_PROBLEMS if stale else EXIT_CLEAN
    for name in write_schemas(repo_root):
        out.write(f"wrote {name}\n")
    return EXIT_CLEAN


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mocap", description="MOCAP course catalog tools.")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="check catalog files against the rules")
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders to report on (default: the whole catalog)",
    )
    check.add_argument(
        "--as-of",
        type=_date,
        default=dt.date.today(),
        help="the date judged, YYYY-MM-DD (default: today)",
    )
    check.add_argument(
        "--changed-since", metavar="GITREF", help="report only files changed since this git ref"
    )
    check.add_argument("--format", choices=sorted(reporters.REPORTERS), default="text")

    rules = commands.add_parser("rules", help="list every rule with its code, severity and clause")
    rules.add_argument("--format", choices=["text", "json"], default="text")

    schemas = commands.add_parser("schemas", help="write the generated schema files")
    schemas.add_argument("--check", action="store_true", help="fail if a generated file is stale")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        return check_command(args.paths, args.as_of, args.changed_since, args.format, sys.stdout, sys.stderr)
    if args.command == "rules":
        return rules_command(args.format, sys.stdout)
    return schemas_command(Path.cwd(), args.check, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
