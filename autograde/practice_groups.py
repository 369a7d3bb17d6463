"""A practice focus group for each student: the course's default (issue 26).

    python autograde/practice_groups.py publish    [STUDENT ...]  publish each student's group
    python autograde/practice_groups.py list       [STUDENT ...]  who got which group
    python autograde/practice_groups.py regenerate STUDENT        publish her group again
    python autograde/practice_groups.py export     STUDENT --out DIR   her group and its key

The course secret: ``$QUALKIT_PRACTICE_SECRET_FILE``, else ``<build>/grader/practice-secret``
beside the gradebook (mode 600, in a folder of mode 700; the build area is never released and
the grading kernel cannot see it). ``make publish`` makes it when it is missing
(:func:`ensure_secret`), so every course has one unless it opts out with
``QUALKIT_UNSAFE_SHARED_PRACTICE_GROUPS_KEY_IS_PUBLIC`` (everyone codes the shared groups, whose
key is public: never for graded work). ``QUALKIT_PRACTICE_GROUPS`` is the shared folder students
read (their servers get it too; default ``<build>/practice-groups`` for a course on one
machine). Students default to the gradebook's. ``publish`` writes each student's practice
transcripts there (text only, no codes); nothing else is stored. At autograde the trusted step
(trusted_grading.py) regenerates the student's group and key from the secret and her id in the
grader's process; the grading kernel never holds either.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "datasets"))

from generator.per_student import (  # noqa: E402
    SHARED_WARNING,
    StudentGroup,
    make_secret,
    read_secret,
    secret_folder,
    secret_path,
    shared_groups_chosen,
    student_group,
)

from qualkit.atomic import write_atomic  # noqa: E402
from qualkit.codings import format_codings  # noqa: E402
from qualkit.practice import GROUPS_ENV, check_student_id, group_folder  # noqa: E402


def enabled() -> bool:
    """A practice group per student: on when the course has its secret (``make publish`` made
    it) and has not opted out."""
    return not shared_groups_chosen() and secret_path().is_file()


def groups_root() -> Path:
    """The shared folder students read their groups from."""
    named = os.environ.get(GROUPS_ENV)
    return Path(named) if named else secret_folder().parent / "practice-groups"


def secret() -> bytes:
    if shared_groups_chosen():
        raise SystemExit(SHARED_WARNING)
    path = secret_path()
    if not path.is_file():
        raise SystemExit(f"practice groups: no course secret in {path}; `make publish` makes one "
                         "(instructors/README.md)")  # fmt: skip
    # Never inside the course checkout (it may be shared or committed) unless in the grader's
    # folder of the git-ignored build area; never where students read the groups.
    refuse = [groups_root()]
    if not path.resolve().is_relative_to(secret_folder()):
        refuse.append(REPO)
    return read_secret(path, tuple(refuse))


def ensure_secret() -> tuple[Path, bool]:
    """The course secret's file, made when missing: (its path, whether it was made now)."""
    path = secret_path()
    made = make_secret(path)
    secret()  # its mode and place checked, as every reader checks them
    return path, made


def group(student: str) -> StudentGroup:
    """A student's group and key, from the course secret and her id (made once per grading
    process and secret: her kernel's group, the trusted step's and her key are the same)."""
    return student_group(secret(), check_student_id(student))


def write_group(
    folder: Path, files: dict[str, str], mode: int = 0o644, durable: bool = True
) -> None:
    """Write a group's files into ``folder``, replacing it whole (a reader never sees half).
    Not ``durable``: a folder that lives only while one submission is graded, not synced to
    disk file by file."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    for relative, text in files.items():
        path = staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if durable:
            write_atomic(path, text)
        else:
            path.write_text(text, encoding="utf-8")
        path.chmod(mode)
    for sub in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
        sub.chmod(0o755 if mode & 0o004 else 0o700)
    old = folder.with_name(f".{folder.name}.old")
    if folder.exists():
        folder.rename(old)
    staging.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def regenerated(student: str):
    """In the grader's process: her group, regenerated into a folder only the grader reads.
    Yields the folder; her key is ``group(student).key``, which the trusted step hands to
    ``qualkit.key.load_key`` (without it, load_key regenerates the key the same way)."""
    with tempfile.TemporaryDirectory(prefix="qualkit-practice-") as folder:
        os.chmod(folder, 0o700)
        write_group(Path(folder) / "group", dict(group(student).files), mode=0o600, durable=False)
        yield Path(folder) / "group"


@contextlib.contextmanager
def for_kernel(student: str):
    """In the grader's process: her group as published (text, no codes), regenerated for the
    kernel that runs her notebook at autograde, which must load the transcripts she worked on
    (lesson 04's tables count their turns). Yields ``<folder>/<student>``; the folder lets
    anyone through but list nothing (the grading sandbox binds the group back read-only)."""
    with tempfile.TemporaryDirectory(prefix="qualkit-group-") as folder:
        os.chmod(folder, 0o711)
        target = group_folder(folder, student)
        write_group(target, dict(group(student).files), durable=False)
        yield target


def roster(students: list[str], published_too: bool = False) -> list[str]:
    """The students named, else the gradebook's (and, to list, those with a published group)."""
    if students:
        return [check_student_id(s) for s in students]
    from nbgrader_api import course_api  # nbgrader's start-up only when the roster is needed

    with course_api().gradebook as gradebook:
        found = {s.id for s in gradebook.students}
    root = groups_root()
    if published_too and root.is_dir():
        found |= {p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")}
    if not found:
        where = f" nor published in {root}" if published_too else ""
        raise SystemExit(f"practice groups: no students in the gradebook{where}; name them")
    return sorted(found)


def publish(students: list[str]) -> int:
    root = groups_root()
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)
    key = secret()
    for student in students:
        made = student_group(key, student)
        write_group(group_folder(root, student), dict(made.files))
    print(f"practice groups: {len(students)} published in {root} (transcripts only, no codes)")
    return 0


def describe(made: StudentGroup) -> str:
    parts = [f"{made.student}\tgroup {made.fingerprint()}"]
    for session, exchanges in made.exchanges.items():
        speakers = ", ".join(made.speakers[session])
        parts.append(f"  {session}: exchanges {' '.join(exchanges)}; speakers {speakers}")
    return "\n".join(parts)


def list_groups(students: list[str]) -> int:
    key = secret()
    root = groups_root()
    for student in students:
        made = student_group(key, student)
        print(describe(made))
        folder = group_folder(root, student)
        published = folder.is_dir() and all(
            (folder / p).is_file() and (folder / p).read_text(encoding="utf-8") == text
            for p, text in made.files.items()
        )
        print("  published: " + ("yes, current" if published else "NO (run publish)"))
    return 0


def regenerate(student: str) -> int:
    """Publish one student's group again (a folder deleted or damaged, a late enrolment)."""
    root = groups_root()
    made = group(student)
    write_group(group_folder(root, student), dict(made.files))
    print(describe(made))
    print(f"  republished in {group_folder(root, student)}; its key has {len(made.key)} spans")
    return 0


def export(student: str, out: Path) -> int:
    """One student's group with its key, for an appeal: instructor-only files."""
    root = groups_root()
    if out.resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"export: {out} is inside the folder students read ({root})")
    if out.resolve().is_relative_to(REPO):  # a key must not end up in a commit or a release
        raise SystemExit(f"export: {out} is inside the course repository; choose another folder")
    made = group(student)
    files = {f"corpus/{p}": text for p, text in made.files.items()}
    files["key/key.json"] = format_codings(made.key)
    files["README.txt"] = (
        f"Practice group of {student} (group {made.fingerprint()}), exported for an appeal.\n"
        "corpus/: her practice transcripts as she read them; key/key.json: the key her coding\n"
        "was graded against (coder 'key'). Instructor only: do not share with other students.\n"
    )
    target = out / student
    write_group(target, files, mode=0o600)
    print(f"export: {student}'s group and key in {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("publish", "list", "regenerate", "export"))
    parser.add_argument("students", nargs="*", help="student ids (default: the gradebook's)")
    parser.add_argument("--out", type=Path, help="export: folder to write into")
    args = parser.parse_args(argv)
    if args.command in ("regenerate", "export"):
        if len(args.students) != 1:
            parser.error(f"{args.command} takes one student id")
        if args.command == "export":
            if args.out is None:
                parser.error("export needs --out DIR")
            return export(args.students[0], args.out)
        return regenerate(args.students[0])
    if args.command == "publish":
        return publish(roster(args.students))
    return list_groups(roster(args.students, published_too=True))


if __name__ == "__main__":
    sys.exit(main())
