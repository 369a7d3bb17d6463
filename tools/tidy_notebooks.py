"""Strip what running a lesson adds, so lesson sources stay clean in git (``make tidy``).

Usage: python tools/tidy_notebooks.py [NOTEBOOK ...]   (default: every lessons/*/*.ipynb)
Removes outputs, execution counts, widget state and front-end metadata (cell ``collapsed``,
``scrolled``, ``trusted`` …); keeps sources, cell ids, tags and nbgrader metadata.
"""

import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
KEEP_NOTEBOOK = ("kernelspec",)
KEEP_CELL = ("nbgrader", "tags")


def tidy(path: Path) -> bool:
    """Clean one notebook in place; True if anything changed."""
    before = path.read_text(encoding="utf-8")
    nb = nbformat.reads(before, as_version=4)
    nb.metadata = {key: nb.metadata[key] for key in KEEP_NOTEBOOK if key in nb.metadata}
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata = {key: cell.metadata[key] for key in KEEP_CELL if key in cell.metadata}
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    after = nbformat.writes(nb) + "\n"
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before


if __name__ == "__main__":
    paths = [Path(p) for p in sys.argv[1:]] or sorted((REPO / "lessons").glob("*/*.ipynb"))
    for changed in [p for p in paths if tidy(p)]:
        print(f"tidied {changed}")
