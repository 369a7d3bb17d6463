"""make tidy: a lesson saved after running comes back exactly as committed."""

import shutil
import sys

import nbformat

from conftest import LESSONS, REPO

sys.path.insert(0, str(REPO / "tools"))
from tidy_notebooks import tidy


def test_a_run_and_saved_lesson_is_restored_byte_for_byte(tmp_path):
    lesson = LESSONS[0]
    committed = REPO / "lessons" / lesson / f"{lesson}.ipynb"
    path = tmp_path / committed.name
    shutil.copyfile(committed, path)
    nb = nbformat.read(path, as_version=4)
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.metadata["language_info"] = {
        "name": "python",
        "version": "3.11.7",
        "mimetype": "text/x-python",
    }
    for count, cell in enumerate(nb.cells, start=1):
        cell.metadata["collapsed"] = False
        if cell.cell_type == "code":
            cell.execution_count = count
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hello\n")]
    nbformat.write(nb, path)
    assert tidy(path) is True
    assert path.read_bytes() == committed.read_bytes()
    assert tidy(path) is False
