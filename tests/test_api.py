"""The public API: every module says what it exports, and the student API holds no answer key."""

import importlib
import pkgutil
import subprocess
import sys

import pytest

import qualkit

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(qualkit.__path__, "qualkit.")
    if "._" not in info.name
)


@pytest.mark.parametrize("name", MODULES)
def test_every_module_has_an_explicit_all(name):
    module = importlib.import_module(name)
    assert isinstance(module.__all__, list | tuple), f"{name} has no __all__"
    missing = [export for export in module.__all__ if not hasattr(module, export)]
    assert not missing, f"{name}.__all__ names what it lacks: {missing}"


def test_students_find_the_analyses_at_the_top_and_not_the_key():
    for name in ("code_frequencies", "retrieve", "framework_matrix", "Theme", "check_themes"):
        assert name in qualkit.__all__
    assert "load_key" not in qualkit.__all__ and not hasattr(qualkit, "load_key")
    from qualkit.key import load_key  # still there for instructors

    assert callable(load_key)


def test_every_public_name_is_its_modules_own():
    """Each name qualkit lists is the object of the module it comes from (imported on first
    use), dir() lists it for completion, and a name it does not have is an AttributeError."""
    for name in qualkit.__all__:
        value = getattr(qualkit, name)
        assert getattr(importlib.import_module(qualkit._HOME[name]), name) is value, name
        assert name in dir(qualkit)
    with pytest.raises(AttributeError, match="no attribute 'load_corpse'"):
        qualkit.load_corpse  # noqa: B018


def test_importing_qualkit_leaves_pandas_and_widgets_unloaded():
    """``import qualkit``, or one of its modules, imports no more than it uses: the coding
    tool's command and the course scripts start without pandas or ipywidgets."""
    script = (
        "import sys, qualkit, qualkit.coding_tool\n"
        "print(sorted(m for m in ('pandas', 'ipywidgets', 'numpy') if m in sys.modules))\n"
        "qualkit.code_frequencies\n"
        "print('pandas' in sys.modules)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert shown[:2] == ["[]", "True"], shown
