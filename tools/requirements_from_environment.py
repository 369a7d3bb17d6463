"""Print pip requirements for the conda dependencies declared in environment.yml.

environment.yml is the kit's one declaration of its environment. Where conda is not
available (CI, a plain Debian machine) the Makefile installs these lines with pip;
tests/test_environment.py checks that what is installed satisfies every bound here.

Conda's ``name=1.2`` means ``1.2.*``; a few conda names differ from PyPI's (below).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

# conda name -> pip name; None: conda-only, nothing to install with pip.
CONDA_TO_PIP: dict[str, str | None] = {
    "python": None,
    "pip": None,
    "matplotlib-base": "matplotlib",
}
_SPEC = re.compile(r"^(?P<name>[A-Za-z0-9_.\-]+)\s*(?P<version>.*)$")


def conda_to_pip(spec: str) -> str | None:
    """Translate one conda match spec to a pip requirement.

    >>> conda_to_pip("nbgrader=0.9.6")
    'nbgrader==0.9.6.*'
    >>> conda_to_pip("matplotlib-base>=3.8,<4")
    'matplotlib>=3.8,<4'
    >>> conda_to_pip("python=3.11") is None
    True
    """
    match = _SPEC.match(spec.strip())
    if not match:
        raise ValueError(f"environment.yml: cannot read dependency {spec!r}")
    name, version = match["name"], match["version"].replace(" ", "")
    pip_name = CONDA_TO_PIP.get(name, name)
    if pip_name is None:
        return None
    if version.startswith("=") and not version.startswith("=="):
        version = "==" + version[1:].rstrip("*").rstrip(".") + ".*"
    return pip_name + version


def load_environment(path: Path) -> dict:
    """Read environment.yml, failing with the file's name when it is malformed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("dependencies"), list):
        raise ValueError(f"{path}: expected a mapping with a 'dependencies' list")
    return data


def pip_requirements(path: Path) -> list[str]:
    """The pip requirement lines for every conda dependency, then the ``pip:`` entries that
    name a PyPI package (packages conda-forge lacks); ``-e .`` (qualkit itself) is left out:
    every caller installs the kit its own way."""
    lines = []
    for dep in load_environment(path)["dependencies"]:
        if isinstance(dep, str) and (req := conda_to_pip(dep)):
            lines.append(req)
        elif isinstance(dep, dict) and isinstance(dep.get("pip"), list):
            lines += [
                spec.split("#")[0].strip()
                for spec in dep["pip"]
                if isinstance(spec, str) and not spec.strip().startswith(("-", "."))
            ]
    return lines


if __name__ == "__main__":
    print(
        "\n".join(pip_requirements(Path(sys.argv[1] if len(sys.argv) > 1 else "environment.yml")))
    )
