"""The ``mocap`` command line. Parsing only: each command (checks/commands/) is a function that takes explicit
arguments and returns an exit code (0 clean, 1 problems found, 2 usage or input error)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from checks import reporters
from checks.audit.reporters import REPORTERS as AUDIT_REPORTERS
from checks.audit.request import AuditRequest
from checks.commands import EXIT_CLEAN, EXIT_USAGE
from checks.commands.catalog import (
    check_command,
    holidays_command,
    redate_demo_command,
    rules_command,
    schemas_command,
    synth_command,
)
from checks.commands.gate import gate_command, merged_command
from checks.commands.workflow import (
    codeowners_command,
    new_course_command,
    new_provider_command,
    review_command,
)
from checks.questions import COURSE_FIELDS
from checks.review import TRANSITIONS, Decision
from checks.rules.loading import REPORT_FAULT
from checks.site.tools import DEFAULT_ENGINE, ENGINES
from checks.terms import missouri_today, submission_date
from checks.wording import date_problem


class _Help(argparse.ArgumentDefaultsHelpFormatter):
    """Every option that has a default says what it is."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default in (None, False, [], argparse.SUPPRESS):
            return action.help
        return super()._get_help_string(action)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(date_problem(text)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mocap",
        description="MOCAP course catalog tools. Run them in the repository's top folder as ./mocap COMMAND.",
        formatter_class=_Help,
    )
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", formatter_class=_Help, help="check catalog files against the rules")
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders to report on (none: the whole catalog)",
    )
    check.add_argument(
        "--as-of",
        type=_date,
        default=missouri_today(),
        help="the date judged, YYYY-MM-DD",
    )
    check.add_argument(
        "--changed-since", metavar="GITREF", help="report only files changed since this git ref"
    )
    check.add_argument(
        "--format", choices=sorted(reporters.REPORTERS), default="text", help="how problems are written"
    )
    check.add_argument(
        "--author",
        metavar="LOGIN",
        help="with --changed-since: fail on files this GitHub login may not change",
    )

    rules = commands.add_parser(
        "rules", formatter_class=_Help, help="list every rule with its code, severity and clause"
    )
    rules.add_argument("--format", choices=["text", "json"], default="text", help="a table, or JSON")

    for name, text in (("build", "build the public site"), ("serve", "build, serve and rebuild on change")):
        site = commands.add_parser(name, formatter_class=_Help, help=text)
        site.add_argument(
            "--out", type=Path, default=Path("build/site"), help="the folder the site is built into"
        )
        site.add_argument("--as-of", type=_date, default=missouri_today(), help="the date judged, YYYY-MM-DD")
        site.add_argument(
            "--engine",
            choices=list(ENGINES),
            default=DEFAULT_ENGINE,
            help="what builds the pages: MkDocs with Material for MkDocs, or Zensical (same mkdocs.yml)",
        )
        if name == "build":
            site.add_argument(
                "--summary", type=Path, metavar="FILE", help="also append the build report here, as Markdown"
            )
            site.add_argument(
                "--incremental",
                action="store_true",
                help="redo only what changed since the last build (work folder beside --out)",
            )
        if name == "serve":
            site.add_argument("--host", default="127.0.0.1", help="the address to serve on")
            site.add_argument("--port", type=int, default=8000, help="the port to serve on")

    audit = commands.add_parser(
        "audit", formatter_class=_Help, help="audit a built site or web pages for accessibility (axe)"
    )
    audit.add_argument("targets", nargs="*", metavar="SITE_DIR|URL", help="the folder the site is built into")
    audit.add_argument(
        "--pages",
        choices=["all", "sample", "changed"],
        default="all",
        help="every page, one per template and a sample, or those a change touches",
    )
    audit.add_argument("--sample-size", type=int, default=20, help="random pages besides one of each kind")
    audit.add_argument("--seed", type=int, default=0, help="seed of the random sample")
    audit.add_argument("--changed-since", metavar="GITREF", help="with --pages changed")
    audit.add_argument(
        "--tags", help="axe tags, comma-separated (none given: WCAG 2.0/2.1 A and AA, section508)"
    )
    audit.add_argument("--workers", type=int, default=AuditRequest.workers, help="browsers in parallel")
    audit.add_argument("--timeout", type=float, default=AuditRequest.timeout, help="seconds allowed per page")
    audit.add_argument(
        "--allowlist",
        type=Path,
        default=Path("audit-allowlist.yaml"),
        help="reviewed exceptions, each with an expiry",
    )
    audit.add_argument(
        "--format", choices=sorted(AUDIT_REPORTERS), default="text", help="how findings are written"
    )
    audit.add_argument(
        "--output",
        type=Path,
        action="append",
        default=[],
        help="also write a report: .json, .xml (JUnit), .md",
    )

    _add_workflow_commands(commands)
    return parser


def _add_workflow_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Commands that write files: review decisions, new entries, CODEOWNERS, schemas, synthetic data."""
    review = commands.add_parser(
        "review", formatter_class=_Help, help="record a DESE reviewer's decision in an entry's file"
    )
    review.add_argument("action", choices=list(TRANSITIONS), help="the decision")
    review.add_argument("entry", type=Path, metavar="FILE", help="the provider or course file")
    review.add_argument("--by", required=True, metavar="LOGIN", help="the reviewer's GitHub login")
    review.add_argument("--reason", help="the written reason (required to deny, suspend or revoke)")
    review.add_argument("--on", type=_date, default=missouri_today(), help="the date of the decision")

    new = commands.add_parser(
        "new", formatter_class=_Help, help="scaffold a new catalog file with guiding comments"
    )
    new.add_argument(
        "kind", choices=["course", "provider"], help="what to create (providers: reviewers only)"
    )
    new.add_argument("--provider", required=True, help="the provider's id (its folder name)")
    new.add_argument("--name", help="course: the file name, e.g. geometry; provider: its legal name")
    new.add_argument("--lea", action="store_true", help="provider: a school district or charter school")
    new.add_argument("--maintainer", help="provider: a GitHub login that will maintain its files")
    for field, question in COURSE_FIELDS.items():
        new.add_argument(f"--{field.replace('_', '-')}", dest=field, help=question)

    gate = commands.add_parser(
        "gate",
        formatter_class=_Help,
        help="judge a pull request as main would be after merging it (run by the base branch's code)",
    )
    gate.add_argument("--head", required=True, metavar="GITREF", help="the pull request's head commit")
    gate.add_argument("--base", default="HEAD", metavar="GITREF", help="the branch it merges into")
    gate.add_argument(
        "--author",
        required=True,
        action="append",
        metavar="LOGIN",
        help="who opened the pull request (repeat for who pushed to it): it may do only what each may",
    )
    gate.add_argument(
        "--submitted-at",
        metavar="TIME",
        help="ISO 8601 time the content reached DESE (in CI: when GitHub last changed the pull request); "
        "its Missouri date is the submission date, and never later than today",
    )
    gate.add_argument(
        "--format", choices=sorted(reporters.REPORTERS), default="text", help="how problems are written"
    )
    gate.add_argument("--summary", type=Path, metavar="FILE", help="also append the Markdown report here")

    merged = commands.add_parser(
        "merged",
        formatter_class=_Help,
        help="record DESE's approval of the submissions a reviewer's merge brought to main",
    )
    merged.add_argument("--before", required=True, metavar="GITREF", help="main before the merge")
    merged.add_argument("--after", required=True, metavar="GITREF", help="main after the merge")
    merged.add_argument("--merged-by", required=True, metavar="LOGIN", help="who merged (a reviewer)")
    merged.add_argument("--on", type=_date, default=missouri_today(), help="the date of the decision")
    merged.add_argument("--summary", type=Path, metavar="FILE", help="also append the Markdown record here")

    owners = commands.add_parser(
        "codeowners", formatter_class=_Help, help="write .github/CODEOWNERS from the data"
    )
    owners.add_argument("--check", action="store_true", help="fail if .github/CODEOWNERS is stale")

    synth = commands.add_parser(
        "synth", formatter_class=_Help, help="write a synthetic catalog for benchmarks"
    )
    synth.add_argument("--providers", type=int, required=True, metavar="M", help="how many providers")
    synth.add_argument("--courses", type=int, required=True, metavar="N", help="how many courses")
    synth.add_argument("--seed", type=int, default=0, help="the same seed writes the same catalog")
    synth.add_argument("--out", type=Path, required=True, metavar="DIR", help="a new or empty folder")
    synth.add_argument("--source", type=Path, default=Path("catalog"), help="the catalog to vary")
    synth.add_argument("--as-of", type=_date, default=missouri_today(), help="the date judged, YYYY-MM-DD")

    holidays = commands.add_parser(
        "holidays", formatter_class=_Help, help="add the state holidays of coming years to the reference data"
    )
    holidays.add_argument("--through", type=int, required=True, metavar="YEAR", help="the last year to add")
    holidays.add_argument("--catalog", type=Path, default=Path("catalog"), help="the catalog folder")

    redate = commands.add_parser(
        "redate-demo",
        formatter_class=_Help,
        help="move the demo catalog's sample dates forward so its evidence is current",
    )
    redate.add_argument("--on", type=_date, default=missouri_today(), help="the day the newest date becomes")
    redate.add_argument("--catalog", type=Path, default=Path("catalog"), help="the catalog folder")

    schemas = commands.add_parser("schemas", formatter_class=_Help, help="write the generated schema files")
    schemas.add_argument("--check", action="store_true", help="fail if a generated file is stale")


def run() -> NoReturn:
    """The ``mocap`` program: ``main``, its output flushed, and out at once. A build or check
    of 10,000 courses holds millions of small objects, and an interpreter's usual exit frees
    each one (0.5 s of a 10,000-course build); every file it wrote is closed by then, and each
    process it started has ended or runs on its own (the background removal)."""
    if sys.stderr is None:  # started with it closed (2>&-): what would be said there is dropped
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 (open until the end)
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # (None: started with it closed, which main has told)
                stream.flush()
        except BrokenPipeError:  # the reader stopped early (| head): not a fault
            pass
        except (OSError, ValueError) as exc:  # a full disk: what was written is not whole
            code = EXIT_USAGE
            with contextlib.suppress(OSError, ValueError, AttributeError):
                sys.stderr.write(
                    f"mocap: the output could not be written ({exc}): free some space or send it elsewhere\n"
                )
                sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # The commands build large trees of small, long-lived objects (every parsed file): the
    # default collection thresholds spend about a fifth of a whole-catalog check collecting.
    gc.set_threshold(50_000, 20, 100)
    if sys.stdout is None:  # started with it closed (>&-): nowhere to write the report
        with contextlib.suppress(AttributeError):  # (the error output closed too)
            sys.stderr.write(
                f"mocap {args.command}: its output is closed: send it to a file, a pipe or the terminal\n"
            )
        return EXIT_USAGE
    try:
        return _dispatch(args)
    except BrokenPipeError:  # the reader stopped early (| head): not a fault
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLEAN
    except Exception as exc:  # the last line of defence: a message, never a traceback
        sys.stderr.write(
            f"mocap {args.command}: stopped by an unexpected fault in mocap ({type(exc).__name__}: "
            f"{exc}): {REPORT_FAULT}\n"
        )
        return EXIT_USAGE


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "check":
        return check_command(
            args.paths, args.as_of, args.changed_since, args.format, sys.stdout, sys.stderr, args.author
        )
    # The site and audit commands pull in MkDocs' and Selenium's worlds: imported only when used,
    # so that `mocap check` and `mocap rules` start fast.
    if args.command == "build":
        from checks.commands.site import build_command  # noqa: PLC0415

        return build_command(
            Path.cwd(),
            args.out,
            args.as_of,
            args.incremental,
            sys.stdout,
            sys.stderr,
            args.summary,
            args.engine,
        )
    if args.command == "serve":
        from checks.commands.site import serve_command  # noqa: PLC0415

        return serve_command(
            Path.cwd(), args.out, args.as_of, args.host, args.port, sys.stdout, sys.stderr, args.engine
        )
    if args.command == "audit":
        request = AuditRequest(
            targets=tuple(args.targets),
            pages=args.pages,
            sample_size=args.sample_size,
            seed=args.seed,
            changed_since=args.changed_since,
            tags=tuple(t.strip() for t in args.tags.split(",")) if args.tags else (),
            workers=args.workers,
            timeout=args.timeout,
        )
        from checks.audit.command import audit_command  # noqa: PLC0415

        today = missouri_today()
        return audit_command(
            request, Path.cwd(), args.allowlist, today, args.format, args.output, sys.stdout, sys.stderr
        )
    if args.command == "review":
        decision = Decision(args.action, args.by, args.reason, args.on)
        return review_command(Path.cwd(), decision, args.entry, args.on, sys.stdout, sys.stderr)
    if args.command == "new" and args.kind == "provider":
        return new_provider_command(
            Path.cwd(),
            args.provider,
            args.name,
            args.lea,
            args.maintainer,
            missouri_today(),
            sys.stdout,
            sys.stderr,
        )
    if args.command == "new":
        values = {field: getattr(args, field) for field in COURSE_FIELDS}
        ask = input if sys.stdin.isatty() else None
        return new_course_command(
            Path.cwd(), args.provider, args.name, values, missouri_today(), ask, sys.stdout, sys.stderr
        )
    if args.command == "gate":
        as_of = submission_date(args.submitted_at, dt.datetime.now(dt.UTC))
        return gate_command(
            Path.cwd(),
            args.base,
            args.head,
            args.author,
            as_of,
            args.format,
            args.summary,
            sys.stdout,
            sys.stderr,
        )
    if args.command == "merged":
        return merged_command(
            Path.cwd(), args.before, args.after, args.merged_by, args.on, args.summary, sys.stdout, sys.stderr
        )
    if args.command == "codeowners":
        return codeowners_command(Path.cwd(), args.check, sys.stdout, sys.stderr)
    if args.command == "synth":
        return synth_command(
            args.source, args.out, args.providers, args.courses, args.seed, args.as_of, sys.stdout, sys.stderr
        )
    if args.command == "holidays":
        return holidays_command(args.catalog, args.through, sys.stdout, sys.stderr)
    if args.command == "redate-demo":
        return redate_demo_command(args.catalog, args.on, sys.stdout, sys.stderr)
    if args.command == "rules":
        return rules_command(args.format, sys.stdout)
    return schemas_command(Path.cwd(), args.check, sys.stdout)


if __name__ == "__main__":
    run()
