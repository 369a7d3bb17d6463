"""TEST FIXTURE ONLY: a tiny talk folder in the format of CORPUS_SPEC.md, written by a script.

The engine's tests build a corpus from this instead of the hand-written talk, so they test the
machinery (loading, casting, assembly, key, second coders, output) and not the writing. Nothing
here is corpus talk: sessions are a handful of short, formulaic turns.
"""

from __future__ import annotations

from pathlib import Path

import yaml

CODES = {
    "pss": ("PSS_LIVED_EXP", "PSS_EMOTIONAL", "PSS_BOUNDARY", "PSS_NAVIGATION"),
    "doula": ("DOULA_PRESENCE", "DOULA_RECOVERY", "DOULA_NONJUDGMENT", "DOULA_HEALTH_LIT"),
    "home_visiting": ("HV_SURVEILLANCE", "HV_MOTHER_EMOTION", "HV_TRUST_BUILD", "HV_CONCRETE"),
}
SHARED = ("X_CPS_FEAR", "X_STIGMA_CARE", "X_COLLAB_ENGAGE", "X_NOWS_GUILT")
ROLE = {"pss": "peer support specialist", "doula": "doula", "home_visiting": "nurse home visitor"}
NAMES = {
    "pss": "Abra Bette Cyla Dora Edda Fern Gala Hedy Ines Jola Kira Lena Mara Nell Opal Pia "
    "Rhea Sade Tova Una Vada Wynn",
    "doula": "Alba Bria Cora Dena Elsa Faye Gwen Hana Isla Juno Kaya Lyra Mina Nora Oona Pele "
    "Rina Suki Tira Ulla Veda Xena",
    "home_visiting": "Ada Bea Cleo Dell Eve Flo Greta Hope Iva Jean Kit Lou Mae Nan Ona Peg "
    "Rue Sal Tess Uma Viv Zia",
}
MOUD = ("methadone", "buprenorphine", "buprenorphine-xr", "naltrexone")
HOW = {
    "methadone": "daily dosing at the OTP",
    "buprenorphine": "daily film from her prescriber",
    "buprenorphine-xr": "monthly shot at the clinic",
    "naltrexone": "monthly injection",
}


def _woman(model: str, index: int) -> dict:
    name = NAMES[model].split()[index]
    moud = MOUD[index % 4]
    child = {
        "name": f"Kid{name}",
        "sex": "boy" if index % 2 else "girl",
        "age": f"{index + 2} months",
    }
    return {
        "id": f"w{index + 1:02d}",
        "name": name,
        "age": 24 + index % 12,
        "children": [child],
        "pregnant": None,
        "moud": moud,
        "moud_how": HOW[moud],
        "recovery_since": "about a year",
        "partner": "none",
        "housing": "apartment",
        "work": "none",
        "supporter": {"name": f"Sup{name}", "role": ROLE[model]},
        "program": "NFP" if model == "home_visiting" else None,
        "child_welfare": "none",
    }


def _turns(model: str, members: list[str], session: int) -> list[dict]:
    own, shared = CODES[model], SHARED
    turns: list[dict] = [{"F": f"Welcome to session {session}. What is said here stays here."}]
    for n, who in enumerate(members):
        code = own[(n + session) % 4]
        other = shared[(n + session) % 4]
        turns.append(
            {who: f"I'm {{@{who}}} from {{PLACE}}, and {{@{who}.child1}} is with me today."}
        )
        turns.append({"F": "Say more about that."})
        mark = "?" if n % 3 == 0 else ""
        turns.append(
            {
                who: f"Session {session} turn {n}: [[{code}{mark}|{{@{who}.supporter}} helped "
                f"with item {n} of {session}]] and then [[{other}|worry {n} about {session}]] "
                f"came back at {{CLINIC}}.",
                "note": "fixture",
            }
        )
        turns.append({who: f"Yeah. Fixture reaction {session}-{n}."})
    return turns


def _practice(model: str) -> list[dict]:
    own = CODES[model]
    topics = ["warmup"] * 3 + ["best", "best", "hard", "hard", "ideal", "privacy", "timing",
                               "timing", "change"] + ["closing"] * 2  # fmt: skip
    exchanges = []
    for index, topic in enumerate(topics):
        roles = {"A": {}, "B": {}}
        if index % 4 == 1:
            roles["A"] = {"children": [{"sex": "boy", "age": "4 months"}]}
        if index % 5 == 2:
            roles["B"] = {"moud": "methadone"}
        code = own[index % 4]
        turns = [
            {"F": f"Practice question {index} on {topic}."},
            {"A": f"I'm {{@A}}. [[{code}|Practice answer {index} about {{@A.supporter}}]]."},
            {"B": f"[[{SHARED[index % 4]}?|Practice worry {index}]], said at {{HOSPITAL}}."},
            {"A": f"Practice reaction {index}, uncoded."},
        ]
        exchanges.append(
            {"id": f"p{index + 1:02d}", "topic": topic, "roles": roles, "turns": turns}
        )
    return exchanges


def write_fixture(root: Path) -> Path:
    """Write the fixture talk for all three models under ``root`` and return it."""
    for model in CODES:
        folder = root / model
        folder.mkdir(parents=True, exist_ok=True)
        women = [_woman(model, i) for i in range(22)]
        (folder / "cast.yaml").write_text(yaml.safe_dump({"women": women}, sort_keys=False))
        for group in range(1, 5):
            members = [f"w{i + 1:02d}" for i in range((group - 1) * 5, group * 5)]
            body = {"kind": "focus_group", "setting": "fixture room", "cast": members,
                    "turns": _turns(model, members, group)}  # fmt: skip
            (folder / f"fg{group}.yaml").write_text(yaml.safe_dump(body, sort_keys=False))
        for number, who in ((1, "w01"), (2, "w21"), (3, "w22")):
            body = {"kind": "interview", "setting": "fixture office", "cast": [who],
                    "turns": _turns(model, [who], 10 + number)}  # fmt: skip
            (folder / f"int{number}.yaml").write_text(yaml.safe_dump(body, sort_keys=False))
        (folder / "practice.yaml").write_text(
            yaml.safe_dump({"exchanges": _practice(model)}, sort_keys=False)
        )
    return root
