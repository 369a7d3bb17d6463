"""qualkit.coder_name: her coder name is read (her user name, or the coding file she already
has), never typed in quotes, and always a name the coding file rules accept."""

from __future__ import annotations

import os
import re

from qualkit.coder_name import coder_name, safe_name


def test_her_user_name_names_a_new_coding(tmp_path, monkeypatch):
    monkeypatch.setenv("QUALKIT_STUDENT", "jane.doe@uni.edu")
    found = coder_name(tmp_path)
    assert found.name == "jane-doe-uni-edu"
    assert str(found) == (
        "Your coder name is jane-doe-uni-edu (your user name on this computer): your coding is "
        "saved in jane-doe-uni-edu.codings.json beside this notebook."
    )


def test_the_hub_user_name_when_no_student_is_named(tmp_path, monkeypatch):
    monkeypatch.delenv("QUALKIT_STUDENT", raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "qk-ana")
    assert coder_name(tmp_path).name == "qk-ana"


def test_the_coding_file_she_has_wins_over_another_account(tmp_path, monkeypatch):
    """The grader's kernel runs as another account: it finds the name she coded under."""
    monkeypatch.setenv("QUALKIT_STUDENT", "grader-7")
    (tmp_path / "jd.codings.json").write_text("{}", encoding="utf-8")
    (tmp_path / "calibration.json").write_text("{}", encoding="utf-8")
    found = coder_name(tmp_path)
    assert found.name == "jd" and "jd.codings.json here" in found.why
    (tmp_path / "grader-7.codings.json").write_text("{}", encoding="utf-8")
    assert coder_name(tmp_path).name == "grader-7"  # her own user name's file, when it is here


def test_several_files_the_newest_named_with_the_others(tmp_path, monkeypatch):
    monkeypatch.setenv("QUALKIT_STUDENT", "someone")
    old, new = tmp_path / "ab.codings.json", tmp_path / "cd.codings.json"
    old.write_text("{}", encoding="utf-8")
    new.write_text("{}", encoding="utf-8")
    os.utime(old, (1_000_000, 1_000_000))
    found = coder_name(tmp_path)
    assert found.name == "cd"
    assert "ab.codings.json, cd.codings.json" in found.why and "delete" in found.why


def test_a_link_or_an_odd_file_name_is_not_hers(tmp_path, monkeypatch):
    monkeypatch.setenv("QUALKIT_STUDENT", "me")
    (tmp_path / "key.codings.json").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "my file.codings.json").write_text("{}", encoding="utf-8")
    assert coder_name(tmp_path).name == "me"


def test_every_name_is_one_the_lesson_accepts():
    for user in ("jd", "Zoë Ng", "a" * 80, "...", "-x-", "O'Brien", 'say "hi"', "ñ"):
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,40}", safe_name(user)), user
