"""Participants as QDA-XML cases, both ways.

Each participant is a ``<Case name="<participant_id>">`` with a ``<VariableValue>`` per
variable (``pseudonym``, ``model`` and every attribute, each a ``<Variable>`` of type
``Integer`` when every value is a whole number, else ``Text``) and a ``<SourceRef>`` per
session. The case also refers (``<CodeRef>``) to its case-link code, which shares its GUID:
see :data:`qualkit.refi.project.PARTICIPANTS_CATEGORY`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from types import MappingProxyType

from qualkit.corpus import Participant
from qualkit.refi.project import guid
from qualkit.refi.qdaxml import Reader, Tree, norm

__all__ = ["case_guids", "read_cases", "write_cases"]

# Case variables that come from Participant fields rather than from its attributes.
_PARTICIPANT_VARIABLES = ("pseudonym", "model")
_INTEGER = re.compile(r"0|-?[1-9][0-9]*")


def write_cases(
    tree: Tree, root: ET.Element, participants: tuple[Participant, ...], sessions: set[str]
) -> None:
    """``<Variables>`` and ``<Cases>``: one case per participant."""
    rows = []
    for participant in participants:
        clash = set(_PARTICIPANT_VARIABLES) & set(participant.attributes)
        if clash:
            raise ValueError(
                f"participant {participant.participant_id}: attribute {sorted(clash)[0]!r} "
                "clashes with the field of the same name"
            )
        values = {"pseudonym": participant.pseudonym, "model": participant.model}
        values.update((name, str(value)) for name, value in participant.attributes.items())
        rows.append(values)
    names = list(dict.fromkeys(name for values in rows for name in values))
    kinds = {}
    for name in names:
        filled = [values[name] for values in rows if values.get(name, "")]
        whole = filled and all(_INTEGER.fullmatch(value) for value in filled)
        kinds[name] = "Integer" if whole else "Text"
    variables = tree.sub(root, "Variables")
    for name in names:
        tree.sub(
            variables,
            "Variable",
            guid=guid(f"variable:{name}"),
            name=name,
            typeOfVariable=kinds[name],
        )
    cases = tree.sub(root, "Cases")
    for participant, values in zip(participants, rows, strict=True):
        case_guid = guid(f"case:{participant.participant_id}")
        case = tree.sub(cases, "Case", guid=case_guid, name=participant.participant_id)
        tree.sub(case, "CodeRef", targetGUID=case_guid)
        for name in names:
            value = values.get(name, "")
            if kinds[name] == "Integer" and not value:
                continue  # no IntegerValue for a blank; reading it back gives "" again
            holder = tree.sub(case, "VariableValue")
            tree.sub(holder, "VariableRef", targetGUID=guid(f"variable:{name}"))
            tree.sub(holder, f"{kinds[name]}Value", value)
        for session_id in participant.session_ids:
            if session_id not in sessions:
                raise ValueError(
                    f"participant {participant.participant_id} lists session {session_id}, "
                    "which has no transcript"
                )
            tree.sub(case, "SourceRef", targetGUID=guid(f"source:{session_id}"))


def case_guids(reader: Reader, root: ET.Element) -> set[str]:
    """The GUIDs of every case and of the codes cases refer to: codes that are case links."""
    found = set()
    for case in reader.children(root.find(reader.tag("Cases")), "Case"):
        found.add(norm(reader.attribute(case, "guid")))
        found.update(
            norm(reader.attribute(ref, "targetGUID")) for ref in reader.children(case, "CodeRef")
        )
    return found


def read_cases(
    reader: Reader, root: ET.Element, source_guids: dict[str, str]
) -> tuple[Participant, ...]:
    """The participants in ``<Cases>``; ``source_guids`` maps source GUIDs to session ids."""
    variables = {
        norm(reader.attribute(variable, "guid")): reader.attribute(variable, "name")
        for variable in reader.children(root.find(reader.tag("Variables")), "Variable")
    }
    rows = []
    for case in reader.children(root.find(reader.tag("Cases")), "Case"):
        values: dict[str, str] = {}
        for holder in reader.children(case, "VariableValue"):
            ref = holder.find(reader.tag("VariableRef"))
            if ref is None:
                reader.fail(holder, "a <VariableRef>")
            name = reader.ref(ref, "targetGUID", variables, "a <Variable>")
            value = [child for child in holder if child is not ref]
            values[name] = (value[0].text or "") if value else ""
        sessions = tuple(
            reader.ref(ref, "targetGUID", source_guids, "a <TextSource>")
            for ref in reader.children(case, "SourceRef")
        )
        rows.append((reader.attribute(case, "name"), values, sessions))
    used = {name for _, values, _ in rows for name in values}
    attributes = [
        name for name in variables.values() if name in used and name not in _PARTICIPANT_VARIABLES
    ]
    return tuple(
        Participant(
            participant_id,
            values.get("pseudonym", participant_id),
            values.get("model", ""),
            sessions,
            MappingProxyType({name: values.get(name, "") for name in attributes}),
        )
        for participant_id, values, sessions in rows
    )
