"""Feedback items named after their exercise, not nbgrader's "Test cell" for every one.

nbgrader's feedback page lists each graded cell under a fixed label ("Test cell", "Written
response"), which tells a student nothing about which exercise a score belongs to. This
exporter (``GenerateFeedback.exporter_class`` in nbgrader_config.py, so Formgrader's *Generate
Feedback* uses it too) renders nbgrader's page, then gives each item in its list the title of
the exercise it belongs to: the nearest heading above the cell, and for a test the first line of
its docstring ("Exercise 3.1: define a new code — Self-check (1 point): every field").

nbgrader makes a new exporter, and so a new Jinja environment, for every page: without a cache
each page compiled nbconvert's nine templates again, a fifth of the time a page took. They are
compiled once per process here, and compiled again when a template's source changes.
"""

from __future__ import annotations

import ast
import html
import re

import jinja2
from nbconvert.exporters import HTMLExporter

LABELS = ("Test cell", "Written response", "Coding free-response", "Task")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def _docstring(source: str) -> str:
    try:
        doc = ast.get_docstring(ast.parse(source))
    except SyntaxError:
        return ""
    return doc.strip().splitlines()[0] if doc and doc.strip() else ""


def _plain(markdown: str) -> str:
    """A heading's text without emphasis or code marks."""
    return re.sub(r"[*_`]", "", markdown).strip()


def item_titles(cells) -> dict[str, str]:
    """grade_id → title, for every graded cell of a notebook (its cells, in order).

    >>> from nbformat.v4 import new_code_cell, new_markdown_cell
    >>> md = new_markdown_cell("## Exercise 3.1 (5 points): a new *code*")
    >>> test = new_code_cell('\"\"\"Self-check (1 point): every field.\"\"\"\\nassert x')
    >>> test.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "t31"}
    >>> item_titles([md, test])
    {'t31': 'Exercise 3.1 (5 points): a new code — Self-check (1 point): every field.'}
    """
    titles, heading = {}, ""
    for cell in cells:
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        if cell.get("cell_type") == "markdown":
            found = HEADING.findall(cell.get("source", ""))
            if found:
                heading = _plain(found[-1])
        if not (nbgrader.get("grade") or nbgrader.get("task")) or not nbgrader.get("grade_id"):
            continue
        parts = [heading or nbgrader["grade_id"]]
        if cell.get("cell_type") == "code" and not nbgrader.get("solution"):
            parts.append(_docstring(cell.get("source", "")))
        titles[nbgrader["grade_id"]] = " — ".join(p for p in parts if p)
    return titles


def retitle(page: str, titles: dict[str, str]) -> str:
    """Each ``<a href="#grade_id">Test cell</a>`` in nbgrader's list, with its title instead."""
    labels = "|".join(re.escape(label) for label in LABELS)

    def named(match: re.Match) -> str:
        title = titles.get(html.unescape(match["id"]))
        return match[0] if not title else f'<a href="#{match["id"]}">{html.escape(title)}</a>'

    return re.sub(rf'<a href="#(?P<id>[^"]+)">(?:{labels})</a>', named, page)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in this process. Jinja keys each by the template's name and
    file and checks it against a checksum of the source, so an edited template is recompiled."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


class TitledFeedbackExporter(HTMLExporter):
    """nbgrader's feedback page, each graded item named after its exercise."""

    def _create_environment(self):
        environment = super()._create_environment()
        environment.bytecode_cache = _TEMPLATES
        return environment

    def from_notebook_node(self, nb, resources=None, **kw):
        page, resources = super().from_notebook_node(nb, resources, **kw)
        return retitle(page, item_titles(nb.cells)), resources
