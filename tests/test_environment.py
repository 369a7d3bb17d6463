"""environment.yml is the one declaration; the pip path must install exactly what it declares."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
from requirements_from_environment import (  # noqa: E402
    conda_to_pip,
    load_environment,
    pip_requirements,
)

ENVIRONMENT = REPO / "environment.yml"
CLIENT_PACKAGES = {"jupyterlab", "ipywidgets", "nbgrader", "matplotlib"}


@pytest.fixture(scope="module")
def environment() -> dict:
    return load_environment(ENVIRONMENT)


@pytest.fixture(scope="module")
def requirements() -> dict[str, Requirement]:
    return {(r := Requirement(line)).name: r for line in pip_requirements(ENVIRONMENT)}


def test_conda_forge_and_this_python(environment):
    assert environment["channels"] == ["conda-forge"]
    pins = [d for d in environment["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert pins == [f"python={sys.version_info.major}.{sys.version_info.minor}"]


def test_declares_the_client_packages_and_qualkit(environment, requirements):
    assert set(requirements) >= CLIENT_PACKAGES | {"notebook", "pandas"}
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section, "qualkit itself must be part of the declared environment"


def test_every_dependency_has_version_bounds(requirements):
    for name, requirement in requirements.items():
        assert requirement.specifier, f"environment.yml: {name} has no version bound"


@pytest.mark.parametrize("line", pip_requirements(ENVIRONMENT))
def test_pip_path_installed_what_environment_declares(line):
    requirement = Requirement(line)
    try:
        installed = version(requirement.name)
    except PackageNotFoundError:
        pytest.fail(f"{requirement.name} is declared in environment.yml but not installed")
    assert requirement.specifier.contains(installed, prereleases=True), (
        f"{requirement.name} {installed} is installed; environment.yml asks {requirement.specifier}"
    )


def test_qualkit_runtime_dependencies_match_environment(requirements):
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    for line in project["dependencies"]:
        requirement = Requirement(line)
        assert requirement.name in requirements, f"{requirement.name} missing from environment.yml"
        declared = requirements[requirement.name].specifier
        assert requirement.specifier == declared, (
            f"{requirement.name}: pyproject.toml says {requirement.specifier}, "
            f"environment.yml says {declared}"
        )


def test_conda_spec_translation():
    assert conda_to_pip("nbgrader=0.9.6") == "nbgrader==0.9.6.*"
    assert conda_to_pip("nbgrader>=0.9.6,<0.10") == "nbgrader>=0.9.6,<0.10"
    assert conda_to_pip("matplotlib-base>=3.8,<4") == "matplotlib>=3.8,<4"
    assert conda_to_pip("pip") is None
    with pytest.raises(ValueError, match=r"environment\.yml"):
        conda_to_pip(">=1")


def test_installed_environment_is_consistent():
    result = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_binder_installs_the_environment_with_qualkit_and_runs_postbuild(tmp_path):
    """repo2docker (Binder, Zero to JupyterHub images) renders its Dockerfile without Docker:
    environment.yml must be installed after the repository is copied, or `-e .` (qualkit
    itself) would fail, and postBuild must run to make the student image."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "repo2docker"), "--no-build", "--debug", str(REPO)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    dockerfile = result.stdout + result.stderr
    assert "Building conda environment for python=3.11" in dockerfile, dockerfile[-2000:]
    copy_repo = re.search(r"COPY --chown=\S+ src/ \$\{REPO_DIR\}/", dockerfile)
    install = dockerfile.find('env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"')
    assert copy_repo and install > copy_repo.start(), "environment.yml installed before the repo"
    assert "RUN ./postBuild" in dockerfile
