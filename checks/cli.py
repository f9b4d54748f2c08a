"""The ``mocap`` command line. Parsing only: each command is a function that takes explicit
arguments and returns an exit code (0 clean, 1 problems found, 2 usage or input error)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from checks import reporters
from checks.audit.command import AuditRequest, audit_command
from checks.audit.reporters import REPORTERS as AUDIT_REPORTERS
from checks.build import BuildFailed, BuildResult, build_site, summary_text, watched_paths
from checks.changes import GitError, changed_files
from checks.check import CatalogNotFound, check_catalog, find_catalog_root, ordered
from checks.codeowners import CODEOWNERS, codeowners_text
from checks.ownership import load_reviewers, ownership_problems
from checks.problems import Report
from checks.reference.load import ReferenceUnusable, load_reference
from checks.review import TRANSITIONS, Decision, ReviewRefused, record_decision
from checks.rules import ALL_RULES
from checks.scaffold import (
    COURSE_FIELDS,
    CourseAnswers,
    ScaffoldRefused,
    gather,
    write_course,
    write_provider,
)
from checks.schemas import stale_schemas, write_schemas
from checks.serve import make_server, watch
from checks.site.tools import ToolFailed
from checks.terms import next_open_term

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def check_command(
    paths: Sequence[Path],
    as_of: dt.date,
    changed_since: str | None,
    output_format: str,
    out: TextIO,
    err: TextIO,
    author: str | None = None,
) -> int:
    if author and not changed_since:
        err.write("mocap check: --author needs --changed-since: ownership is judged on a change\n")
        return EXIT_USAGE
    try:
        root = find_catalog_root(paths)
        repo_root = root.resolve().parent
        changed = changed_files(repo_root, changed_since) if changed_since else None
        report = check_catalog(root, as_of, changed, paths)
        if author and changed_since and changed is not None:
            owned = ownership_problems(repo_root, changed_since, author, changed)
            report = Report(report.files_checked, tuple(ordered([*report.problems, *owned])))
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


def build_command(repo_root: Path, out: Path, as_of: dt.date, output: TextIO, err: TextIO) -> int:
    """Build the site; exit 1 when an entry was left off because it fails the checks."""
    result = _build(repo_root, out, as_of, output, err)
    if result is None:
        return EXIT_USAGE
    failing = any(w.reason.startswith("fails the checks") for w in result.publication.withheld)
    return EXIT_PROBLEMS if failing else EXIT_CLEAN


def serve_command(
    repo_root: Path, out: Path, as_of: dt.date, host: str, port: int, output: TextIO, err: TextIO
) -> int:
    """Build, serve on http://HOST:PORT/ and rebuild on every change until interrupted."""
    if _build(repo_root, out, as_of, output, err) is None:
        return EXIT_USAGE
    try:
        server = make_server(out, host, port)
    except OSError as exc:
        err.write(f"mocap serve: cannot listen on {host}:{port}: {exc.strerror}; choose another --port\n")
        return EXIT_USAGE

    def rebuild() -> None:
        output.write("a source changed: rebuilding\n")
        _build(repo_root, out, as_of, output, err)

    observer = watch(watched_paths(repo_root), out.parent, rebuild)
    output.write(f"serving the catalog at http://{host}:{port}/ (Ctrl-C stops)\n")
    output.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        output.write("stopped\n")
    finally:
        observer.stop()
        server.server_close()
    return EXIT_CLEAN


def _build(repo_root: Path, out: Path, as_of: dt.date, output: TextIO, err: TextIO) -> BuildResult | None:
    """Build and print the report; None (with the reason on ``err``) when no site was built."""
    try:
        result = build_site(repo_root, out, as_of)
    except FileNotFoundError as exc:
        err.write(f"mocap build: {exc.filename} is missing: run mocap in the repository's top folder\n")
        return None
    except ReferenceUnusable as exc:
        output.write(reporters.text(Report(0, tuple(exc.problems))))
        err.write("mocap build: the reference data is unusable, so no site was built\n")
        return None
    except (BuildFailed, ToolFailed) as exc:
        problems = getattr(exc, "problems", ())
        if problems:
            output.write(reporters.text(Report(0, tuple(problems))))
        err.write(f"mocap build: {exc}; the previous site is unchanged\n")
        return None
    output.write(summary_text(result))
    output.flush()
    return result


def review_command(
    repo_root: Path, decision: Decision, entry: Path, as_of: dt.date, out: TextIO, err: TextIO
) -> int:
    """Record a reviewer's decision in ``entry``'s file, then check that file."""
    catalog_root = repo_root / "catalog"
    try:
        reviewers = load_reviewers(repo_root)
        program = load_reference(catalog_root / "reference", repo_root).program
        status = record_decision(entry, decision, reviewers, program.renewal_period_years)
    except (ReviewRefused, FileNotFoundError) as exc:
        err.write(f"mocap review: {exc}\n")
        return EXIT_USAGE
    except ReferenceUnusable:
        err.write("mocap review: the reference data is unusable: run 'mocap check' to see why\n")
        return EXIT_USAGE
    out.write(f"recorded: {entry} is now {status} ({decision.action} by {decision.by} on {decision.on})\n")
    return check_command([entry], as_of, None, "text", out, err)


def new_course_command(
    repo_root: Path,
    provider: str,
    name: str | None,
    values: dict[str, str | None],
    today: dt.date,
    ask: Callable[[str], str] | None,
    out: TextIO,
    err: TextIO,
) -> int:
    """Scaffold a course file for ``provider``; ask for missing values when ``ask`` is given."""
    if not name:
        err.write("mocap new course: give --name, the course file's name (e.g. geometry)\n")
        return EXIT_USAGE
    catalog_root = repo_root / "catalog"
    try:
        program = load_reference(catalog_root / "reference", repo_root).program
        answers = CourseAnswers(provider, name, gather(values, ask))
        term = str(next_open_term(today, program))
        path = write_course(catalog_root, answers, term, today)
    except (ScaffoldRefused, ReferenceUnusable, FileNotFoundError) as exc:
        err.write(f"mocap new: {exc}\n")
        return EXIT_USAGE
    written = path.relative_to(repo_root)
    out.write(f"wrote {written} for the {term} catalog: fill it in, then run mocap check {written}\n")
    return EXIT_CLEAN


def new_provider_command(
    repo_root: Path,
    provider_id: str,
    legal_name: str | None,
    lea: bool,
    maintainer: str | None,
    today: dt.date,
    out: TextIO,
    err: TextIO,
) -> int:
    """Scaffold a provider file (a reviewer adds providers)."""
    if not (legal_name and maintainer):
        err.write("mocap new provider: give --name (the legal name) and --maintainer (a GitHub login)\n")
        return EXIT_USAGE
    kind = "lea" if lea else "vendor"
    try:
        path = write_provider(repo_root / "catalog", provider_id, legal_name, kind, maintainer, today)
    except ScaffoldRefused as exc:
        err.write(f"mocap new: {exc}\n")
        return EXIT_USAGE
    written = path.relative_to(repo_root)
    out.write(f"wrote {written}: fill it in with the provider, then run mocap check {written}\n")
    return EXIT_CLEAN


def codeowners_command(repo_root: Path, check: bool, out: TextIO, err: TextIO) -> int:
    """Write .github/CODEOWNERS from the data, or with ``check`` say whether it is stale."""
    try:
        expected = codeowners_text(repo_root)
    except FileNotFoundError as exc:
        err.write(f"mocap codeowners: {exc.filename} is missing: run mocap in the repository's top folder\n")
        return EXIT_USAGE
    target = repo_root / CODEOWNERS
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    if check:
        if current != expected:
            out.write(
                f"{CODEOWNERS} is out of date with the maintainers and reviewers: run 'mocap codeowners'\n"
            )
            return EXIT_PROBLEMS
        return EXIT_CLEAN
    if current != expected:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(expected, encoding="utf-8")
        out.write(f"wrote {CODEOWNERS}\n")
    return EXIT_CLEAN


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


def build_parser() -> argparse.ArgumentParser:
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
    check.add_argument(
        "--author",
        metavar="LOGIN",
        help="with --changed-since: fail on files this GitHub login may not change",
    )

    rules = commands.add_parser("rules", help="list every rule with its code, severity and clause")
    rules.add_argument("--format", choices=["text", "json"], default="text")

    for name, text in (("build", "build the public site"), ("serve", "build, serve and rebuild on change")):
        site = commands.add_parser(name, help=text)
        site.add_argument("--out", type=Path, default=Path("build/site"), help="default: build/site")
        site.add_argument("--as-of", type=_date, default=dt.date.today(), help="the date judged, YYYY-MM-DD")
        if name == "serve":
            site.add_argument("--host", default="127.0.0.1")
            site.add_argument("--port", type=int, default=8000)

    audit = commands.add_parser("audit", help="audit a built site or web pages for accessibility (axe)")
    audit.add_argument("targets", nargs="*", metavar="SITE_DIR|URL", help="default: build/site")
    audit.add_argument("--pages", choices=["all", "sample", "changed"], default="all")
    audit.add_argument("--sample-size", type=int, default=20, help="random pages besides one of each kind")
    audit.add_argument("--seed", type=int, default=0, help="seed of the random sample")
    audit.add_argument("--changed-since", metavar="GITREF", help="with --pages changed")
    audit.add_argument(
        "--tags", help="axe tags, comma-separated (default: WCAG 2.0/2.1 A and AA, section508)"
    )
    audit.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="browsers in parallel")
    audit.add_argument("--timeout", type=float, default=30, help="seconds allowed per page")
    audit.add_argument("--allowlist", type=Path, default=Path("audit-allowlist.yaml"))
    audit.add_argument("--format", choices=sorted(AUDIT_REPORTERS), default="text")
    audit.add_argument(
        "--output",
        type=Path,
        action="append",
        default=[],
        help="also write a report: .json, .xml (JUnit), .md",
    )

    review = commands.add_parser("review", help="record a DESE reviewer's decision in an entry's file")
    review.add_argument("action", choices=list(TRANSITIONS))
    review.add_argument("entry", type=Path, metavar="FILE", help="the provider or course file")
    review.add_argument("--by", required=True, metavar="LOGIN", help="the reviewer's GitHub login")
    review.add_argument("--reason", help="the written reason (required to deny, suspend or revoke)")
    review.add_argument(
        "--on", type=_date, default=dt.date.today(), help="date of the decision (default: today)"
    )

    new = commands.add_parser("new", help="scaffold a new catalog file with guiding comments")
    new.add_argument("kind", choices=["course", "provider"])
    new.add_argument("--provider", required=True, help="the provider's id (its folder name)")
    new.add_argument("--name", help="course: the file name, e.g. geometry; provider: its legal name")
    new.add_argument("--lea", action="store_true", help="provider: a school district or charter school")
    new.add_argument("--maintainer", help="provider: a GitHub login that will maintain its files")
    for field, question in COURSE_FIELDS.items():
        new.add_argument(f"--{field.replace('_', '-')}", dest=field, help=question)

    owners = commands.add_parser("codeowners", help="write .github/CODEOWNERS from the data")
    owners.add_argument("--check", action="store_true", help="fail if .github/CODEOWNERS is stale")

    schemas = commands.add_parser("schemas", help="write the generated schema files")
    schemas.add_argument("--check", action="store_true", help="fail if a generated file is stale")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return check_command(
            args.paths, args.as_of, args.changed_since, args.format, sys.stdout, sys.stderr, args.author
        )
    if args.command == "build":
        return build_command(Path.cwd(), args.out, args.as_of, sys.stdout, sys.stderr)
    if args.command == "serve":
        return serve_command(Path.cwd(), args.out, args.as_of, args.host, args.port, sys.stdout, sys.stderr)
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
        today = dt.date.today()
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
            dt.date.today(),
            sys.stdout,
            sys.stderr,
        )
    if args.command == "new":
        values = {field: getattr(args, field) for field in COURSE_FIELDS}
        ask = input if sys.stdin.isatty() else None
        return new_course_command(
            Path.cwd(), args.provider, args.name, values, dt.date.today(), ask, sys.stdout, sys.stderr
        )
    if args.command == "codeowners":
        return codeowners_command(Path.cwd(), args.check, sys.stdout, sys.stderr)
    if args.command == "rules":
        return rules_command(args.format, sys.stdout)
    return schemas_command(Path.cwd(), args.check, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
