"""Loading a corpus: by name or path, validated file by file, with the place of every error."""

import csv

import pytest

from qualkit.corpus import corpus_root, load_corpus
from qualkit.errors import InputError
from qualkit.key import load_key

from conftest import REPO, tiny_key_dir


def test_tiny_corpus_loads(tiny_corpus):
    assert tiny_corpus.models == ("pss", "home_visiting")
    assert [s.session_id for s in tiny_corpus.sessions] == ["PSS-FG1", "HV-INT1"]
    assert tiny_corpus.session("PSS-FG1").double_coded
    assert tiny_corpus.participant_for("PSS-FG1", "Kim").attributes["moud"] == "methadone"
    assert tiny_corpus.participant_for("PSS-FG1", "Facilitator") is None
    assert len(list(tiny_corpus.turns())) == 10
    assert len(tiny_corpus.codings("team")) == 5
    with pytest.raises(KeyError, match="the corpus has team"):
        tiny_corpus.codings("zoe")


def test_default_corpus_is_found_by_name(monkeypatch, tiny_corpus_dir):
    monkeypatch.setenv("QUALKIT_CORPUS", str(tiny_corpus_dir))
    assert corpus_root() == tiny_corpus_dir
    monkeypatch.delenv("QUALKIT_CORPUS")
    assert (corpus_root() / "sessions.csv").exists()  # packaged or checkout copy


def rewrite(path, edit):
    rows = list(csv.reader(path.open(encoding="utf-8")))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_unknown_speaker_in_a_transcript(tiny_corpus_dir):
    path = tiny_corpus_dir / "transcripts" / "PSS-FG1.txt"
    path.write_text(path.read_text().replace("Kim: Mine", "Kym: Mine"), encoding="utf-8")
    with pytest.raises(
        InputError, match=r"PSS-FG1.txt: line 5: expected a speaker of this session"
    ):
        load_corpus(tiny_corpus_dir)


def test_malformed_transcript_line(tiny_corpus_dir):
    path = tiny_corpus_dir / "transcripts" / "HV-INT1.txt"
    path.write_text(path.read_text() + "just words\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"HV-INT1.txt: line 7: expected a turn 'Speaker: text'"):
        load_corpus(tiny_corpus_dir)


def test_duplicate_turn_number(tiny_corpus_dir):
    rewrite(tiny_corpus_dir / "turns.csv", lambda rows: rows[3].__setitem__(1, "2"))
    with pytest.raises(
        InputError,
        match=r"turns.csv: line 4 column 'turn': expected a turn number not yet used in PSS-FG1, found 2",
    ):
        load_corpus(tiny_corpus_dir)


def test_turn_table_that_disagrees_with_the_transcript(tiny_corpus_dir):
    rewrite(tiny_corpus_dir / "turns.csv", lambda rows: rows[2].__setitem__(3, "changed"))
    with pytest.raises(InputError, match=r"turns.csv: line 3: expected the same turn as"):
        load_corpus(tiny_corpus_dir)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (1, " ", r"line 2 column 'model': expected a value, found ' '"),
        (4, "first", r"line 2 column 'order': expected a whole number"),
        (
            8,
            "P001;P999",
            r"line 2 column 'participant_ids': expected participants listed in participants.csv",
        ),
        (0, "HV-INT1", r"line 3 column 'session_id': expected a unique id"),
    ],
)
def test_bad_session_table(tiny_corpus_dir, column, value, message):
    rewrite(tiny_corpus_dir / "sessions.csv", lambda rows: rows[1].__setitem__(column, value))
    with pytest.raises(InputError, match=message):
        load_corpus(tiny_corpus_dir)


def test_models_are_data_a_course_can_bring_its_own(tiny_corpus_dir):
    for name in ("sessions.csv", "participants.csv"):
        path = tiny_corpus_dir / name
        path.write_text(path.read_text().replace("home_visiting", "acupuncture"))
    corpus = load_corpus(tiny_corpus_dir)
    assert corpus.models == ("pss", "acupuncture")  # codebook order, then as collected
    assert corpus.model_label("pss") == "Peer support specialists"  # its codebook category
    assert corpus.model_label("acupuncture") == "acupuncture"  # no category: the id itself


def test_a_participant_of_an_unknown_model_is_named(tiny_corpus_dir):
    rewrite(tiny_corpus_dir / "participants.csv", lambda rows: rows[1].__setitem__(2, "dula"))
    with pytest.raises(
        InputError, match=r"participants.csv: line 2 column 'model': expected a model of"
    ):
        load_corpus(tiny_corpus_dir)


def test_an_edited_corpus_is_loaded_again(tiny_corpus_dir):
    first = load_corpus(tiny_corpus_dir)
    assert load_corpus(tiny_corpus_dir) is first  # unchanged: the cached copy
    path = tiny_corpus_dir / "sessions.csv"
    assert first.session("PSS-FG1").title == "Peer group 1"
    path.write_text(path.read_text().replace("Peer group 1", "Edited group 1"))
    again = load_corpus(tiny_corpus_dir)
    assert again is not first and again.session("PSS-FG1").title == "Edited group 1"


def test_missing_column_and_missing_file(tiny_corpus_dir):
    rewrite(tiny_corpus_dir / "participants.csv", lambda rows: [r.pop(1) for r in rows])
    with pytest.raises(
        InputError, match=r"participants.csv: line 1 \(header\): expected the columns"
    ):
        load_corpus(tiny_corpus_dir)
    (tiny_corpus_dir / "participants.csv").unlink()
    with pytest.raises(InputError, match=r"participants\.csv: file: expected a CSV file"):
        load_corpus(tiny_corpus_dir)


def test_codebook_errors_surface_with_their_file(tiny_corpus_dir):
    path = tiny_corpus_dir / "codebook.json"
    path.write_text(
        path.read_text().replace('"example": "An example of PSS_BOUNDARY."', '"example": ""')
    )
    with pytest.raises(
        InputError, match=r"codebook.json: codes\[1\] \(PSS_BOUNDARY\) field 'example'"
    ):
        load_corpus(tiny_corpus_dir)


def test_key_that_names_an_unknown_code(tmp_path):
    key = tiny_key_dir(tmp_path)
    path = key / "key.json"
    path.write_text(path.read_text().replace("PSS_IMPROVE", "PSS_INVENTED"), encoding="utf-8")
    with pytest.raises(
        InputError,
        match=r"key.json: line 5 \(codings\[2\]\) field 'code': expected a code of the codebook or one the coder added, found 'PSS_INVENTED'",
    ):
        load_key(key)


def test_key_loads_on_the_instructor_side(tmp_path):
    key = load_key(tiny_key_dir(tmp_path))
    assert key.codes_of("PSS-FG1", 3) == {"PSS_BOUNDARY"}


def test_key_is_not_found_without_the_instructor_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("QUALKIT_KEY", raising=False)
    import qualkit.key as key_module

    monkeypatch.setattr(key_module, "CHECKOUT_DATASETS", tmp_path)
    with pytest.raises(FileNotFoundError, match="instructor's side only"):
        load_key()


def test_the_default_key_is_outside_the_student_corpus():
    assert not (REPO / "datasets" / "corpus" / "key.json").exists()
