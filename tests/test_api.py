"""The public API: every module says what it exports, and the student API holds no answer key."""

import importlib
import pkgutil

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
