"""The ``qualkit`` command: hand the corpus and coders' work to other QDA software.

For instructors, from a shell::

    qualkit export-qdpx course.qdpx team ana.codings.json   # corpus + codings (REFI-QDA project)
    qualkit export-qdc codebook.qdc                         # the codebook alone
    qualkit validate course.qdpx                            # check a .qdpx or .qdc file

Exports are checked against the QDA-XML 1.0 schema when lxml is installed. Bad input prints a
one-line message naming the file and place to stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path

from qualkit.codebook import read_codebook
from qualkit.codings import LISTS, Codings, read_codings
from qualkit.codings.journal import journal_path
from qualkit.corpus import Corpus, load_corpus
from qualkit.errors import InputError
from qualkit.reading import entry_lines, read_bytes, read_text
from qualkit.refi import (
    export_qdc,
    export_qdpx,
    import_qdc,
    import_qdpx,
    validate,
    validate_qdpx,
)
from qualkit.wording import plural

__all__ = ["NOT_CHECKED", "VALID", "build_parser", "main"]

VALID = "valid against QDA-XML 1.0"
NOT_CHECKED = "not checked against QDA-XML 1.0 (install lxml to check)"


def _can_validate() -> bool:
    return importlib.util.find_spec("lxml") is not None


def _read_codings(items: Sequence[str], corpus: Corpus) -> Codings:
    """Coding files (or the names of the corpus's own codings), checked one by one."""
    combined = Codings()
    first_seen: dict[tuple, Path] = {}
    for item in items:
        path = Path(item)
        shipped = corpus.root / "codings" / f"{item}.json"
        if not path.exists() and "/" not in item and shipped.is_file():
            path = shipped
        if not path.exists():
            names = ", ".join(sorted(p.stem for p in (corpus.root / "codings").glob("*.json")))
            expected = "a coding file" + (
                f", or one of the corpus's codings: {names}" if names else ""
            )
            raise InputError(item, "command line", expected, "no such file")
        # The file as every reader sees it: with the coding tool's journal, if one is pending.
        codings = read_codings(path, corpus.codebook, corpus.transcripts())
        text = read_text(path, "a coding file (UTF-8 JSON)")
        pending = journal_path(path).exists()
        lines = [] if pending else entry_lines(text, LISTS).get("codings", [])
        for index, coding in enumerate(codings.codings):
            if coding.key in first_seen:
                expected = f"a coding not already in {first_seen[coding.key]}"
                place = f"line {lines[index]} (codings[{index}])" if lines else f"codings[{index}]"
                raise InputError(path, place, expected, coding.key)
            first_seen[coding.key] = path
        combined = combined + codings
    return combined


def _export_qdpx(args: argparse.Namespace) -> str:
    corpus = load_corpus(args.corpus)
    codings = _read_codings(args.codings, corpus)
    checked = _can_validate()
    export_qdpx(args.out, corpus, codings, title=args.title, check=checked)
    codes = len(corpus.codebook) + len(codings.added_codes)
    return (
        f"wrote {args.out}: {plural(len(corpus.sessions), 'transcript')}, "
        f"{plural(codes, 'code')}, {plural(len(corpus.participants), 'participant')}, "
        f"{plural(len(codings), 'coding')} by {plural(len(codings.coders), 'coder')}, "
        f"{plural(len(codings.memos), 'memo')}; {VALID if checked else NOT_CHECKED}"
    )


def _export_qdc(args: argparse.Namespace) -> str:
    codebook = read_codebook(args.codebook) if args.codebook else load_corpus(args.corpus).codebook
    checked = _can_validate()
    export_qdc(args.out, codebook, check=checked)
    categories = plural(len(codebook.categories), "category", "categories")
    return (
        f"wrote {args.out}: {plural(len(codebook), 'code')} in {categories}; "
        f"{VALID if checked else NOT_CHECKED}"
    )


def _validate(args: argparse.Namespace) -> str:
    path = Path(args.file)
    if path.suffix.lower() == ".qdc":
        validate(read_bytes(path, "a .qdc codebook"), "codebook", path)
        codebook = import_qdc(path)
        return f"{path}: {VALID}; {plural(len(codebook), 'code')} read"
    validate_qdpx(path)
    project = import_qdpx(path)
    return (
        f"{path}: {VALID}; {plural(len(project.transcripts), 'transcript')}, "
        f"{plural(len(project.codings), 'coding')} and "
        f"{plural(len(project.codings.memos), 'memo')} read"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qualkit",
        description="Exchange qualkit's corpus, codebook and codings with other QDA software "
        "(ATLAS.ti, MAXQDA, NVivo, QualCoder …) through the REFI-QDA standard.",
        epilog="Examples:\n"
        "  qualkit export-qdpx course.qdpx team          the corpus and the team's codings\n"
        "  qualkit export-qdpx ana.qdpx ana.codings.json a student's coding file\n"
        "  qualkit export-qdc codebook.qdc               the codebook alone\n"
        "  qualkit validate course.qdpx                  check a file from elsewhere",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(title="commands", dest="command", required=True)
    corpus_help = (
        "corpus folder (the one holding sessions.csv); default: $QUALKIT_CORPUS or the corpus "
        "installed with qualkit"
    )

    qdpx = commands.add_parser(
        "export-qdpx",
        help="write the corpus, with any codings, as a REFI-QDA project (.qdpx)",
        description="Write the corpus (transcripts, codebook, participants as cases) and the "
        "given codings and memos as a REFI-QDA project. Each coder becomes a user.",
    )
    qdpx.add_argument("out", metavar="OUT.qdpx", help="the project file to write")
    qdpx.add_argument(
        "codings",
        metavar="CODINGS",
        nargs="*",
        help="coding files (*.codings.json), or the names of the corpus's own codings "
        "(team, ana, ben); none: the corpus alone",
    )
    qdpx.add_argument("--title", help="the project's name (default: the codebook's title)")
    qdpx.add_argument("--corpus", default="default", metavar="FOLDER", help=corpus_help)
    qdpx.set_defaults(run=_export_qdpx)

    qdc = commands.add_parser(
        "export-qdc",
        help="write the codebook as a REFI-QDA codebook (.qdc)",
        description="Write the corpus's codebook (or another codebook.json) as a REFI-QDA "
        "codebook. Each code's description holds all of MacQueen's fields.",
    )
    qdc.add_argument("out", metavar="OUT.qdc", help="the codebook file to write")
    qdc.add_argument(
        "--codebook", metavar="FILE", help="a codebook.json to write instead of the corpus's"
    )
    qdc.add_argument("--corpus", default="default", metavar="FOLDER", help=corpus_help)
    qdc.set_defaults(run=_export_qdc)

    check = commands.add_parser(
        "validate",
        help="check a .qdpx or .qdc file against QDA-XML 1.0 and read it (needs lxml)",
        description="Validate a REFI-QDA file against the QDA-XML 1.0 schema, then read it as "
        "qualkit would. Errors name the file and line.",
    )
    check.add_argument("file", metavar="FILE", help="a .qdpx project or .qdc codebook")
    check.set_defaults(run=_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``qualkit`` command; returns the exit status (0 done, 2 bad input)."""
    args = build_parser().parse_args(argv)
    try:
        message = args.run(args)
    except (ValueError, OSError, ImportError) as error:
        # InputError is a ValueError; OSError covers missing files and unwritable folders.
        message = str(error).replace("\n", " ")
        print(f"qualkit: error: {message}", file=sys.stderr)
        return 2
    print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
