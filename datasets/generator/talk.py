"""Load the hand-written talk (``talk/<model>/*.yaml``, format in TALK_FORMAT.md), validated.

Every problem is an :class:`~qualkit.errors.InputError` naming the file, the line, the field
and what was expected, e.g. ``fg2.yaml: line 41 field 'turns[12].w03': expected a code of the
doula model or a cross-cutting code, found 'HV_CONCRETE'``. PyYAML's composed nodes carry the
line of every value, so errors point at the turn itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from generator.codes import LABELS, TOPICS, codes_for
from generator.facts import (
    MOUDS,
    PROGRAMS,
    Child,
    FactSheet,
    Supporter,
    age_in_months,
    supporter_problem,
)
from generator.households import WORK
from generator.lives import DECLARED, LISTS
from generator.markup import MarkupError, Piece, parse, placeholders, spans
from generator.timeline import SEASONS, WEEKDAYS, Calendar, months, sheet_problems
from generator.yaml_reader import Reader
from qualkit.corpus import MODELS
from qualkit.errors import InputError

TALK_DIR = Path(__file__).resolve().parent / "talk"
SESSIONS = ("fg1", "fg2", "fg3", "fg4", "int1", "int2", "int3")
FACILITATOR = "F"
ROLES = ("A", "B", "C", "D", "E")
FLAGS = ("lang",)
ROLE_FACTS = ("children", "pregnant", "moud", "program", "child_welfare", "partner", "housing",
              "work", "recovery_since", "supporter_since", "moud_since", *DECLARED)  # fmt: skip
WELFARE = ("none", "past", "open")  # a role's child_welfare: the kind of history it asserts


@dataclass(frozen=True)
class Line:
    """One turn as written: ``speaker`` is F, a cast id or a role; ``line`` is its YAML line."""

    speaker: str
    pieces: tuple[Piece, ...]
    note: str
    flags: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class SessionTalk:
    name: str  # fg1 … int3
    kind: str  # focus_group | interview
    setting: str
    cast: tuple[str, ...]
    turns: tuple[Line, ...]
    source: Path


@dataclass(frozen=True)
class Exchange:
    """A practice exchange; ``roles`` maps A…E to the facts it states about that woman."""

    id: str
    topic: str
    roles: Mapping[str, Mapping[str, object]]
    turns: tuple[Line, ...]
    line: int


@dataclass(frozen=True)
class ModelTalk:
    model: str
    cast: Mapping[str, FactSheet]
    sessions: Mapping[str, SessionTalk]
    exchanges: tuple[Exchange, ...]
    calendar: Mapping[str, Calendar] = field(default_factory=dict)  # session name -> when it met


def _children(reader: Reader, node, field: str, names_required: bool) -> tuple[Child, ...]:
    children = []
    for index, item in enumerate(reader.sequence(node, field)):
        where = f"{field}[{index}]"
        need = ("name", "sex", "age") if names_required else ("sex", "age")
        keys = reader.mapping(item, where, need, ("name", "with_her"))
        age = reader.text(keys["age"], f"{where}.age")
        try:
            age_in_months(age)
        except ValueError:
            reader.fail(
                keys["age"], f"{where}.age", "an age as spoken, like '9 months' or '4 years'", age
            )
        with_her = reader.value(keys["with_her"]) if "with_her" in keys else True
        if not isinstance(with_her, bool):
            reader.fail(keys["with_her"], f"{where}.with_her", "true or false", with_her)
        name = reader.text(keys["name"], f"{where}.name") if "name" in keys else ""
        children.append(
            Child(name, reader.choice(keys["sex"], f"{where}.sex", ("boy", "girl")), age, with_her)
        )
    return tuple(children)


SHEET_KEYS = ("id", "name", "age", "children", "pregnant", "moud", "moud_how", "recovery_since",
              "partner", "housing", "work", "supporter", "program", "child_welfare")  # fmt: skip


def _sheet(reader: Reader, node, field: str, model: str) -> FactSheet:
    keys = reader.mapping(node, field, SHEET_KEYS, ("notes", "moud_since"))
    supporter = reader.mapping(
        keys["supporter"], f"{field}.supporter", ("name", "role"), ("since",)
    )
    for name, node_of in (
        ("moud_since", keys.get("moud_since")),
        ("supporter.since", supporter.get("since")),
    ):
        if node_of is not None and months(reader.text(node_of, f"{field}.{name}")) is None:
            reader.fail(node_of, f"{field}.{name}", "a spoken duration like 'about eight months'",
                        reader.value(node_of))  # fmt: skip
    sheet = FactSheet(
        id=reader.text(keys["id"], f"{field}.id"),
        name=reader.text(keys["name"], f"{field}.name"),
        age=reader.integer(keys["age"], f"{field}.age", 16, 50),
        children=_children(reader, keys["children"], f"{field}.children", True)
        if reader.value(keys["children"])
        else (),
        pregnant=reader.integer(keys["pregnant"], f"{field}.pregnant", 4, 42, optional=True),
        moud=reader.choice(keys["moud"], f"{field}.moud", MOUDS),
        moud_how=reader.text(keys["moud_how"], f"{field}.moud_how"),
        recovery_since=reader.text(keys["recovery_since"], f"{field}.recovery_since"),
        partner=reader.text(keys["partner"], f"{field}.partner"),
        housing=reader.text(keys["housing"], f"{field}.housing"),
        work=reader.text(keys["work"], f"{field}.work"),
        supporter=Supporter(
            reader.text(supporter["name"], f"{field}.supporter.name"),
            reader.text(supporter["role"], f"{field}.supporter.role"),
            reader.text(supporter.get("since"), f"{field}.supporter.since", optional=True) or "",
        ),
        program=reader.choice(keys["program"], f"{field}.program", (None, *PROGRAMS)),
        child_welfare=reader.text(keys["child_welfare"], f"{field}.child_welfare"),
        notes=reader.text(keys.get("notes"), f"{field}.notes", optional=True),
        moud_since=reader.text(keys.get("moud_since"), f"{field}.moud_since", optional=True) or "",
    )
    if " " in sheet.name.strip() or not sheet.name[:1].isupper():
        reader.fail(keys["name"], f"{field}.name", "an invented first name", sheet.name)
    problem = supporter_problem(model, sheet)
    if problem:
        reader.fail(keys["supporter"], f"{field}.supporter", problem, sheet.supporter.role)
    for problem in sheet_problems(sheet, model):
        reader.fail(node, field, "a fact sheet whose timeline holds", problem)
    return sheet


def load_calendar(path: Path) -> dict[str, Calendar]:
    """The optional ``sessions:`` of cast.yaml: the season and weekday each session met."""
    reader = Reader(path)
    top = reader.mapping(reader.root, "", ("women",), ("sessions",))
    calendar = {}
    for key, node in top["sessions"].value if "sessions" in top else ():
        name = reader.value(key)
        if name not in SESSIONS:
            reader.fail(key, f"sessions.{name}", "a session: " + ", ".join(SESSIONS), name)
        keys = reader.mapping(node, f"sessions.{name}", (), ("season", "weekday"))
        calendar[name] = Calendar(
            reader.choice(keys["season"], f"sessions.{name}.season", SEASONS) if "season" in keys else "",
            reader.choice(keys["weekday"], f"sessions.{name}.weekday", WEEKDAYS) if "weekday" in keys else "",
        )  # fmt: skip
    return calendar


def load_cast(path: Path, model: str) -> dict[str, FactSheet]:
    reader = Reader(path)
    top = reader.mapping(reader.root, "", ("women",), ("sessions",))
    cast: dict[str, FactSheet] = {}
    names: set[str] = set()
    for index, node in enumerate(reader.sequence(top["women"], "women")):
        sheet = _sheet(reader, node, f"women[{index}]", model)
        if sheet.id in cast:
            reader.fail(node, f"women[{index}].id", "an id used once", sheet.id)
        if sheet.name in names:
            reader.fail(node, f"women[{index}].name", "a name used once in the cast", sheet.name)
        cast[sheet.id] = sheet
        names.add(sheet.name)
    return cast


def _turns(
    reader: Reader, node, model: str, speakers: Mapping[str, int | None]
) -> tuple[Line, ...]:
    """Turns; ``speakers`` maps who may speak (and be named) to her number of children."""
    labels = set(codes_for(model))
    turns = []
    for index, item in enumerate(reader.sequence(node, "turns")):
        where = f"turns[{index}]"
        if not isinstance(item, yaml.MappingNode):
            reader.fail(item, where, "a turn 'speaker: text'", reader.value(item))
        who = [reader.value(k) for k, _ in item.value if reader.value(k) not in ("note", "flags")]
        if len(who) != 1:
            reader.fail(
                item, where, "exactly one speaker key (F or " + ", ".join(speakers) + ")", who
            )
        speaker = str(who[0])
        if speaker != FACILITATOR and speaker not in speakers:
            reader.fail(
                item,
                f"{where}.{speaker}",
                "F or a speaker of this session: " + ", ".join(speakers),
                speaker,
            )
        keys = reader.mapping(item, where, (who[0],), ("note", "flags"))
        field = f"{where}.{speaker}"
        text_node = keys[who[0]]
        text = reader.text(text_node, field)
        try:
            pieces = parse(text)
        except MarkupError as error:
            reader.fail(text_node, field, str(error))
        for span in spans(pieces):
            for code, _ in span.codes:
                if code not in LABELS or code not in labels:
                    reader.fail(
                        text_node,
                        field,
                        f"a code of the {model} model or a cross-cutting code",
                        code,
                    )
            if speaker == FACILITATOR:
                reader.fail(text_node, field, "no codes on the facilitator's turns", span.codes)
        for holder in placeholders(pieces):
            if holder.who is None:
                continue
            if holder.who not in speakers:
                reader.fail(
                    text_node,
                    field,
                    "a placeholder naming a woman of this session: " + ", ".join(speakers),
                    holder.who,
                )
            kids = speakers[holder.who]
            if (
                holder.field.startswith("child")
                and kids is not None
                and int(holder.field[5:]) > kids
            ):
                reader.fail(
                    text_node, field, f"a child {holder.who} has (she has {kids})", holder.field
                )
        flags = tuple(reader.value(keys["flags"]) or ()) if "flags" in keys else ()
        if any(flag not in FLAGS for flag in flags):
            reader.fail(
                keys["flags"], f"{where}.flags", "a list of " + ", ".join(FLAGS), list(flags)
            )
        note = reader.text(keys.get("note"), f"{where}.note", optional=True)
        turns.append(Line(speaker, pieces, note, flags, text_node.start_mark.line + 1))
    if not turns:
        reader.fail(node, "turns", "at least one turn", "none")
    return tuple(turns)


def load_session(path: Path, model: str, cast: Mapping[str, FactSheet]) -> SessionTalk:
    reader = Reader(path)
    keys = reader.mapping(reader.root, "session", ("kind", "setting", "cast", "turns"))
    kind = reader.choice(keys["kind"], "kind", ("focus_group", "interview"))
    members = [reader.value(n) for n in reader.sequence(keys["cast"], "cast")]
    for node, member in zip(keys["cast"].value, members, strict=True):
        if member not in cast:
            reader.fail(node, "cast", "ids of women in cast.yaml", member)
    if len(set(members)) != len(members):
        reader.fail(keys["cast"], "cast", "each woman once", members)
    size = (1, 1) if kind == "interview" else (4, 8)
    if not size[0] <= len(members) <= size[1]:
        reader.fail(keys["cast"], "cast", f"{size[0]}–{size[1]} women for a {kind}", len(members))
    speakers = {m: len(cast[m].children) for m in members}
    turns = _turns(reader, keys["turns"], model, speakers)
    return SessionTalk(
        path.stem, kind, reader.text(keys["setting"], "setting"), tuple(members), turns, path
    )


def _role_facts(reader: Reader, node, field: str) -> dict[str, object]:
    keys = reader.mapping(node, field, (), ROLE_FACTS)
    facts: dict[str, object] = {}
    for name, value in keys.items():
        if name == "children":
            facts[name] = _children(reader, value, f"{field}.children", False)
        elif name == "pregnant":
            facts[name] = reader.integer(value, f"{field}.pregnant", 4, 42, optional=True)
        elif name == "moud":
            facts[name] = reader.choice(value, f"{field}.moud", MOUDS)
        elif name == "program":
            facts[name] = reader.choice(value, f"{field}.program", PROGRAMS)
        elif name == "child_welfare":
            facts[name] = reader.choice(value, f"{field}.child_welfare", WELFARE)
        elif name == "work":
            facts[name] = reader.choice(value, f"{field}.work", WORK)
        elif name in LISTS:
            facts[name] = tuple(reader.choice(item, f"{field}.{name}", DECLARED[name])
                                for item in reader.sequence(value, f"{field}.{name}"))  # fmt: skip
        elif name in DECLARED:
            facts[name] = reader.choice(value, f"{field}.{name}", DECLARED[name])
        elif name.endswith("_since"):
            facts[name] = reader.text(value, f"{field}.{name}")
            if months(facts[name]) is None:
                reader.fail(
                    value, f"{field}.{name}", "a spoken duration like 'about a year'", facts[name]
                )
        else:
            facts[name] = reader.text(value, f"{field}.{name}")
    return facts


def load_practice(path: Path, model: str) -> tuple[Exchange, ...]:
    reader = Reader(path)
    top = reader.mapping(reader.root, "exchanges", ("exchanges",))
    exchanges: list[Exchange] = []
    for index, node in enumerate(reader.sequence(top["exchanges"], "exchanges")):
        where = f"exchanges[{index}]"
        keys = reader.mapping(node, where, ("id", "topic", "roles", "turns"))
        ident = reader.text(keys["id"], f"{where}.id")
        if any(e.id == ident for e in exchanges):
            reader.fail(keys["id"], f"{where}.id", "an id used once", ident)
        roles_node = reader.mapping(keys["roles"], f"{where}.roles", (), ROLES)
        roles = {
            r: MappingProxyType(_role_facts(reader, n, f"{where}.roles.{r}"))
            for r, n in roles_node.items()
        }
        kids = {r: (len(f["children"]) if "children" in f else None) for r, f in roles.items()}
        try:
            turns = _turns(reader, keys["turns"], model, kids)
        except InputError as error:
            raise InputError(
                error.source,
                error.place.replace("field '", f"field '{where}.", 1),
                error.expected,
                error.found,
            ) from None
        exchanges.append(
            Exchange(
                ident,
                reader.choice(keys["topic"], f"{where}.topic", TOPICS),
                MappingProxyType(roles),
                turns,
                node.start_mark.line + 1,
            )
        )
    topics = [e.topic for e in exchanges]
    middle = [t for t in topics if t not in ("warmup", "closing")]
    if "warmup" not in topics or "closing" not in topics or len(middle) < 5:
        reader.fail(
            top["exchanges"],
            "exchanges",
            "at least one warmup, one closing and five other exchanges",
            topics,
        )
    return tuple(exchanges)


def load_model(folder: Path, model: str) -> ModelTalk:
    cast = load_cast(folder / "cast.yaml", model)
    sessions = {name: load_session(folder / f"{name}.yaml", model, cast) for name in SESSIONS}
    for name in SESSIONS:
        want = "focus_group" if name.startswith("fg") else "interview"
        if sessions[name].kind != want:
            raise InputError(folder / f"{name}.yaml", "field 'kind'", want, sessions[name].kind)
    return ModelTalk(
        model,
        MappingProxyType(cast),
        MappingProxyType(sessions),
        load_practice(folder / "practice.yaml", model),
        MappingProxyType(load_calendar(folder / "cast.yaml")),
    )


def load_talk(root: Path = TALK_DIR) -> dict[str, ModelTalk]:
    """Every model's talk, validated (the first problem found is raised)."""
    return {model: load_model(Path(root) / model, model) for model in MODELS}
