"""What the facilitator and the interviewer say: the guide, probes, reminders, transitions.

Ten questions per model (warm-up, best experience, hard moment, ideal supporter, the model's
own kind of help, boundaries and privacy, pregnancy versus after birth, other care, what you
would change, closing). The facilitator's voice is person-first and non-stigmatising
throughout ("in recovery", "medication for OUD", "returned to use"); a test scans every
facilitator and interviewer turn for the words the kit never uses.
"""

from __future__ import annotations

from generator.codes import TOPICS

SUPPORTER = {
    "pss": "peer support specialist",
    "doula": "doula",
    "home_visiting": "home visitor",
}
SHORT = {"pss": "peer", "doula": "doula", "home_visiting": "home visitor"}

QUESTIONS: dict[str, dict[str, str]] = {
    "pss": {
        "warmup": "To start, let's go around the room. Tell us the first name you'd like to use "
        "today, a little about your family, and how you first met your peer support specialist.",
        "best": "Think about a time your peer support specialist really made a difference. What "
        "happened?",
        "hard": "Now the other side. Can you tell me about a moment when things with your peer "
        "were hard, or when you needed something she couldn't give?",
        "ideal": "If you could design the perfect peer support specialist for a mom in "
        "recovery, what would she be like?",
        "service": "Peers do a lot of practical things too, like rides, paperwork, meetings. What "
        "kind of help did you actually get day to day?",
        "privacy": "Let's talk about boundaries and privacy. Where is the line between a peer "
        "and a friend, and how did that work for you?",
        "timing": "How was having a peer while you were pregnant different from having one after "
        "the baby came?",
        "care": "How did your peer fit in with the rest of your care, like the clinic, your "
        "prescriber, the hospital?",
        "change": "If you could change one thing about how peer support works here, what would "
        "it be?",
        "closing": "We're almost out of time. Is there anything we haven't asked about that you "
        "want us to hear?",
    },
    "doula": {
        "warmup": "Let's start by going around. Share the first name you'd like to use today, "
        "a bit about your baby, and how you ended up with a doula.",
        "best": "What is one moment with your doula that stays with you?",
        "hard": "Was there a time when having a doula was hard, or when she wasn't able to help "
        "the way you needed?",
        "ideal": "What would the ideal doula be like for a mom who is in recovery?",
        "service": "Walk me through labour and the hospital stay. What did your doula actually "
        "do while you were there?",
        "privacy": "Let's talk about privacy. What did you feel comfortable sharing with your "
        "doula, and who else did she talk to?",
        "timing": "How was her support during pregnancy different from after the baby was born?",
        "care": "How did the doula fit in with everyone else, like your treatment program, the "
        "nurses, caseworkers?",
        "change": "If you could change something about how doula support works, what would it be?",
        "closing": "Before we finish, is there anything else you want us to know?",
    },
    "home_visiting": {
        "warmup": "Let's go around first. Tell us the first name you'd like to use today, a bit "
        "about your family, and how you got started with home visiting.",
        "best": "What has been the most helpful part of having someone visit you at home?",
        "hard": "What has been hard about the visits, or about having someone come into your home?",
        "ideal": "If you could pick the perfect home visitor for a mom in recovery, what would "
        "she know and how would she act?",
        "service": "What actually happens during a visit? What does she bring, or do with you "
        "and the baby?",
        "privacy": "Let's talk about privacy. How do you feel about what the visitor sees, and "
        "what she might write down or pass on?",
        "timing": "For those who started while pregnant, how did the visits change after the "
        "baby came? And when did it feel like the right time to start?",
        "care": "How do the visits fit with your other care, like treatment, the pediatrician, "
        "other programs?",
        "change": "If you could change one thing about the home visiting program, what would it "
        "be?",
        "closing": "We're nearly done. Is there anything we didn't ask that matters to you?",
    },
}

INTERVIEW_WARMUP = {
    "pss": "To start, could you tell me a little about yourself and your family, and how you "
    "first met your peer support specialist?",
    "doula": "To start, could you tell me a bit about yourself and your baby, and how you came "
    "to have a doula?",
    "home_visiting": "To start, could you tell me a little about your family and how you got "
    "started with home visiting?",
}
INTERVIEW_CLOSING = (
    "We're close to the end. Is there anything I haven't asked about that you'd like me to know?"
)

OPENING_GROUP = (
    "Thank you all for being here today. I'm one of the facilitators for this study about "
    "support during pregnancy and after birth for moms in recovery. We're recording so we get "
    "your words right, and the transcript will use a first name you choose, not your real "
    "name. There are no right or wrong answers, you can skip any question, and you can step "
    "out any time. One ground rule: what people share here stays in this room. We'll keep "
    "what you say private on our side, but we can't promise that everyone in a group will, so "
    "please share only what you're comfortable with.",
    "Welcome, and thanks for making the time, I know it isn't easy with little ones. This is "
    "a conversation about the support you've had during pregnancy and after your baby was "
    "born. We're recording, and in the typed version everyone gets a made-up first name. "
    "Please respect each other's privacy: what's said here stays here. I can promise that for "
    "the research team, but not for everyone in the room, so share what feels right to you. "
    "You can pass on any question.",
)
OPENING_INTERVIEW = (
    "Thank you for talking with me today. This interview is part of a study about support for "
    "moms in recovery during pregnancy and after birth. I'm recording so I can get your words "
    "right, and the transcript will use a made-up first name. You can skip any question or "
    "stop at any point. What you tell me stays with the research team. Is it okay if we "
    "start?",
    "Thanks so much for making time for this. I'll be asking about your experiences with "
    "support during and after pregnancy. The recording is only for the research team, your "
    "name won't be on the transcript, and you can pass on anything or take a break whenever "
    "you like. Ready when you are.",
)
CONFIDENTIALITY_REMINDER = (
    "Before we get into this one, a quick reminder: what's said in this room stays in this "
    "room. Nobody has to share anything about child welfare or their recovery that they don't "
    "want to.",
    "This next part can get personal, so just a reminder of our ground rule: please keep what "
    "others share here private, and only share what you're comfortable with.",
    "I want to pause and remind everyone that what people say here stays here, and that you "
    "can always pass.",
)
PROBES_GROUP = (
    "{name}, you mentioned {probe}. Can you say a little more about that?",
    "{name}, when you say \u201c{quote}\u201d, what did that look like day to day?",
    "You brought up {probe}, {name}. What was that like for you?",
    "Can I ask a follow-up, {name}? You talked about {probe}. How did that affect you?",
    "{name}, you said \u201c{quote}\u201d. Can you tell us more?",
    "{name}, you talked about {probe}. What happened then?",
)
# Probes are written to the speaker ("how she kept you going"), so these address her by name
# before turning to the others, rather than talking about her in the third person.
PROBES_OTHERS = (
    "{name}, you brought up {probe}. Does anyone else have a different experience?",
    "{name}, you mentioned {probe}. How about others, has anyone else dealt with that?",
    "I'm hearing {probe} come up, {name}. Anyone want to add to that?",
)
# Follow-ups that name no topic, for when a topic phrase would give a code away.
GENERIC_PROBES = (
    "{name}, can you say a little more about that?",
    "{name}, what was that like for you?",
    "Thank you, {name}. Does anyone else have a different experience?",
)
PROBES_INTERVIEW = (
    "You mentioned {probe}. Can you tell me more about that?",
    "When you say \u201c{quote}\u201d, what do you mean?",
    "What was that like for you?",
    "How did that affect you, or your recovery?",
    "Can you walk me through what happened?",
    "You said \u201c{quote}\u201d. What was going through your mind then?",
    "How did you feel about {probe}?",
    "Can you tell me more about that?",
)
ACKS = (
    "Thank you.",
    "Mm-hm.",
    "Thank you for sharing that.",
    "That makes sense.",
    "I appreciate you saying that.",
    "Okay.",
    "Thanks, that's really helpful.",
    "Mm-hm.",
)
DRAW_OUT = (
    "{name}, I don't want to skip over you. Is there anything you'd like to add? It's fine to "
    "pass.",
    "{name}, we haven't heard much from you yet, and I'd love to. Anything come to mind?",
    "I see you nodding, {name}. Do you want to add anything? No pressure.",
)
MANAGE_DOMINANT = (
    "Thank you, {name}. I want to make sure everyone gets a chance. Who else?",
    "That's really helpful, {name}. Let's hear from some of the others too.",
    "Thanks, {name}. I'm going to open it up to folks we haven't heard from yet.",
)
REDIRECT = (
    "[laughs] That's fair. Let me bring us back to {probe}.",
    "I hear that. Let's come back to the question for a minute.",
    "[laughs] Okay, okay. Let me steer us back to where we were.",
)
CROSSTALK = (
    "[crosstalk] One at a time, sorry, I want to catch everyone. {name}, go ahead.",
    "[crosstalk] Let's let {name} finish, then you're next.",
)
THANK_INTRO = ("Thank you, {name}.", "Welcome, {name}.", "Thanks, {name}.", "Great, thank you.")
CLOSING_GROUP = (
    "Thank you all so much. What you shared today will help shape support for other moms. If "
    "anything brought up hard feelings, the list of resources is on the table, and the "
    "research nurse is here after the group.",
    "That's our time. Thank you for trusting us and each other with this. Please take a "
    "resource sheet on your way out, and remember what others shared stays here.",
)
CLOSING_INTERVIEW = (
    "Thank you so much for your time and for trusting me with your story. I'll send the "
    "resource list we talked about.",
    "That's everything I had. Thank you, really. If anything we talked about brings up hard "
    "feelings later, the numbers on the resource sheet are there for you.",
)
PARTICIPANT_READY = (
    "Okay, yeah. I'm ready.",
    "Sure, that's fine.",
    "Yeah, go ahead.",
    "Okay. I'm a little nervous but okay.",
)
GO_ON = ("Mm-hm. Go on, {name}.", "What else, {name}?", "Keep going, {name}.", "And then?")
REFLECT = (
    "So if I'm hearing you right, {probe} really mattered.",
    "It sounds like {probe} was a big piece of it for you.",
    "Let me make sure I have this: {probe} is what stands out.",
)
CONFIRM = ("Yeah. Exactly.", "Mm-hm.", "Yes.", "Right.", "Yeah, that's it.", "Pretty much.")
TRANSITIONS = ("Okay, moving on.", "Thank you. Next question.", "Let's go to the next one.", "")

# Words the kit never uses in its own voice (participants may, rarely: lang_flag in the key).
STIGMATISING = (
    "addict",
    "abuser",
    "junkie",
    "clean",
    "dirty",
    "drug-seeking",
    "nas baby",
    "born addicted",
    "substance abuse",
)


def question(model: str, topic: str, interview: bool) -> str:
    """The guide question for a topic."""
    if interview and topic == "warmup":
        return INTERVIEW_WARMUP[model]
    if interview and topic == "closing":
        return INTERVIEW_CLOSING
    return QUESTIONS[model][topic]


def guide(model: str) -> tuple[str, ...]:
    """A model's focus-group guide, in order (the instructor can print it)."""
    return tuple(QUESTIONS[model][topic] for topic in TOPICS)
