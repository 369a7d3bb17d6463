"""The codebook's words: MacQueen et al.'s (1998) fields for every planted code.

Written for qualkit in our own words. The examples are invented for the codebook itself: they
never occur in the talk or a transcript (a test checks this), so students cannot find a
"right answer" by searching for an example.
"""

from __future__ import annotations

from generator.codes import INDUCTIVE, LABELS, SEED
from qualkit.codebook import Category, Code, Codebook

TITLE_FULL = "Perinatal support models for mothers in recovery — full codebook (instructor key)"
TITLE_STUDENT = "Perinatal support models for mothers in recovery — codebook"

CATEGORIES = (
    Category(
        "pss",
        "Peer support specialists",
        "Talk about peer support specialists (peer recovery specialists, recovery coaches): "
        "people with their own lived experience of recovery who are employed or trained to "
        "support others.",
    ),
    Category(
        "doula",
        "Doulas",
        "Talk about doulas: trained, non-clinical companions who support a person before, "
        "during and after birth.",
    ),
    Category(
        "home_visiting",
        "Home visiting",
        "Talk about home visiting programs: nurses, parent educators or family support workers "
        "who visit the family at home during pregnancy and the first years.",
    ),
    Category(
        "cross_cutting",
        "Across all support models",
        "Experiences that can come up whichever support a participant received: engagement, "
        "growth, needs, stigma, child welfare, medication, the months after birth.",
    ),
)

# label: (brief, full, when to use, when not to use, example)
ENTRIES: dict[str, tuple[str, str, str, str, str]] = {
    "PSS_LIVED_EXP": (
        "Trust or credibility that comes from the peer's own history of recovery and parenting.",
        "The participant explains why she believes or trusts her peer support specialist by "
        "pointing to what the peer has lived through herself: her own recovery, her own "
        "pregnancy or parenting, her own contact with treatment or child welfare.",
        'The trust or credibility is tied to the peer\'s own history ("she has been there").',
        "Not for general warmth or encouragement with no reference to the peer's history "
        "(PSS_EMOTIONAL); not for a list of qualities a peer should have (PSS_IDEAL_QUALITIES); "
        "not for counselors, nurses, caseworkers or a sponsor from a mutual-help group, who are "
        "not peer support specialists.",
        '"When she told me she had done her own intake at that same front desk, I stopped '
        'holding back."',
    ),
    "PSS_EMOTIONAL": (
        "Encouragement, listening without judgment, hope or motivation from the peer.",
        "The peer support specialist is described as someone who listens, encourages, gives "
        "hope or keeps the participant motivated, especially in hard moments.",
        "The participant describes emotional support she received from her peer.",
        "Not when the point is that the peer's own history makes her believable "
        "(PSS_LIVED_EXP); not for rides, forms or appointments (PSS_NAVIGATION); not for the "
        "peer blurring personal and professional lines (PSS_BOUNDARY); not for encouragement "
        "from a counselor, a sponsor or other staff who are not peers.",
        '"On the night I wanted to give up she just kept saying I could do one more day."',
    ),
    "PSS_IDEAL_QUALITIES": (
        "What a good peer support specialist should be like.",
        "Statements, often general or hypothetical, about the qualities the participant wants "
        "in a peer: honest, reliable, steady in her own recovery, a parent herself, patient.",
        "The participant describes the ideal or names qualities a peer should have.",
        "Not for a specific memory of support received (PSS_EMOTIONAL, PSS_LIVED_EXP); not "
        "for concrete changes to how the program runs (PSS_IMPROVE).",
        "\"The right person would be somebody who answers when she says she will and doesn't "
        'sugarcoat things."',
    ),
    "PSS_BOUNDARY": (
        "An unclear line between friend and professional in the peer relationship.",
        "The participant describes contact or expectations that blur the peer role: texting "
        "late at night, social media, meeting socially, the peer sharing too much, favours, "
        "and how either side handled it.",
        "The talk is about where the peer relationship stops, whoever crossed the line and "
        "whether it felt good or bad.",
        "Not for worry about what the peer reports to clinic staff or child welfare "
        "(PSS_CONFIDENTIALITY); not for ordinary supportive contact that stays within the role "
        "(PSS_EMOTIONAL).",
        '"She added me on her personal page and I didn\'t know if I was supposed to accept."',
    ),
    "PSS_IMPROVE": (
        "Concrete suggestions for improving peer support services.",
        "The participant proposes a change to how peer support is organized: how peers are "
        "matched, trained or supervised, how often check-ins happen, clearer rules.",
        "A specific, actionable suggestion about the peer program.",
        "Not for describing the ideal peer as a person (PSS_IDEAL_QUALITIES); not for wanting "
        "the same peer across pregnancy and postpartum unless framed as a proposal "
        "(PSS_CONTINUITY).",
        "\"They should give you a written sheet on day one that says what she can and can't "
        'do for you."',
    ),
    "PSS_CONTINUITY": (
        "Wanting the same peer, or good hand-offs, from pregnancy into the postpartum months.",
        "Talk about keeping one peer across the perinatal period, losing a peer at a "
        "transition, or how well peers and programs passed information along.",
        "The participant talks about continuity or hand-offs of her peer support over time.",
        "Not for services in general dropping away after birth (X_POSTPARTUM_DROP) unless "
        "the peer relationship is the subject.",
        '"I got a new person right after delivery and had to tell my whole story over again."',
    ),
    "PSS_NAVIGATION": (
        "Practical help from the peer: rides, benefits, housing, court or CPS paperwork, "
        "appointments.",
        "Instrumental support from the peer support specialist that helps the participant get "
        "through systems and logistics.",
        "The peer did or arranged something practical.",
        "Not for practical help from family members, partners or friends; not for help from "
        "a caseworker or counselor; not for describing unmet needs with no help given "
        "(X_MULTI_NEEDS).",
        '"She sat with me on the phone for an hour until the benefits office picked up."',
    ),
    "PSS_AFFILIATION": (
        "Connection to the recovery community, groups or other mothers through the peer.",
        "The peer links the participant to mutual-help meetings, mothers' groups, recovery "
        "events or other women in recovery, and the participant describes that connection.",
        "The talk is about belonging to a recovery community or meeting other mothers.",
        "Not for one-to-one encouragement from the peer herself (PSS_EMOTIONAL); not for a "
        "sponsor's support; not for wanting to become a peer (X_GIVING_BACK).",
        '"Because of her I go to the Tuesday moms\' circle, and now I know six women who get it."',
    ),
    "PSS_CONFIDENTIALITY": (
        "Worry about what the peer passes on to clinic staff or child welfare.",
        "The participant describes holding back, or feeling betrayed or protected, because of "
        "what her peer might share with the treatment team, a caseworker or the court.",
        "The concern is about information flowing from the peer to others.",
        "Not for the peer's own oversharing or social contact (PSS_BOUNDARY); not for fear of "
        "child welfare in general with no link to the peer (X_CPS_FEAR).",
        '"I never knew if what I told her in the car ended up in my chart."',
    ),
    "PSS_PEER_RECURRENCE": (
        "The peer's own return to use, or worry about it, and what it did to trust.",
        "The participant describes a peer who returned to use, disappeared, or seemed unsteady "
        "in her own recovery, and how that affected the relationship.",
        "The peer's own recovery stability is the subject.",
        "Not for the participant's own return to use; not for a peer who was simply busy or "
        "hard to reach (PSS_IMPROVE, PSS_CONTINUITY).",
        '"When I heard my peer had slipped herself I didn\'t know whose advice to trust."',
    ),
    "PSS_MATCH_IDENTITY": (
        "A peer who shares the participant's race, culture or community beyond substance use.",
        "The participant talks about how much it matters, or would matter, that her peer comes "
        "from the same background, neighborhood, culture or faith.",
        "Matching on identity or community beyond recovery is the point.",
        "Not for matching on recovery history or parenting alone (PSS_LIVED_EXP).",
        '"Having somebody who grew up the way I did, who talks the way my family talks, '
        'would change everything."',
    ),
    "DOULA_PRESENCE": (
        "The doula's continuous physical and emotional presence during labor and birth.",
        "The participant describes the doula being there through labor and delivery: staying, "
        "comfort measures, breathing, holding her hand, not leaving.",
        "The talk is about the doula being present around the birth.",
        "Not for the doula explaining procedures (DOULA_HEALTH_LIT) or speaking up to staff "
        "(DOULA_ADVOCACY_HOSP); not for a nurse, a partner or a relative being at the birth.",
        '"Every time I opened my eyes in that room she was still by the bed."',
    ),
    "DOULA_RECOVERY": (
        "The doula supporting recovery or medication continuity around the birth.",
        "The doula explicitly backs the participant's recovery: reminders, reassurance about "
        "dosing around delivery, planning for cravings or triggers, celebrating recovery.",
        "Recovery or MOUD is what the doula's support is about.",
        "Not for general emotional support with no recovery content (DOULA_PRESENCE); not for "
        "explaining hospital processes (DOULA_HEALTH_LIT).",
        '"She made sure the nurses knew my dose time so I wouldn\'t miss it while I was in labor."',
    ),
    "DOULA_HEALTH_LIT": (
        "The doula explaining hospital processes, infant withdrawal monitoring, feeding on "
        "MOUD or pain options.",
        "The participant describes learning from the doula: what to expect in the hospital, "
        "how the baby would be watched for withdrawal, whether she could breastfeed on her "
        "medication, what pain relief she could ask for.",
        "The doula's role as a source of understandable health information.",
        "Not for the doula arguing with staff on her behalf (DOULA_ADVOCACY_HOSP).",
        "\"She drew me a little chart of how they would score the baby so I wasn't scared of "
        'the numbers."',
    ),
    "DOULA_ADVOCACY_HOSP": (
        "The doula speaking up with hospital staff about respectful care or pain management.",
        "The doula intervenes with nurses or doctors: asking for pain relief, challenging "
        "disrespect, making sure the participant's wishes are heard.",
        "The doula acts as an advocate inside the hospital.",
        "Not for the participant's own account of being judged with no advocacy "
        "(X_STIGMA_CARE); not for court or child-welfare settings (DOULA_ADVOCACY_LEGAL); not "
        "for a nurse or other hospital staff who speak up.",
        '"When the resident acted like I was exaggerating, she asked him to look at my chart '
        'again."',
    ),
    "DOULA_ADVOCACY_LEGAL": (
        "The doula's presence or support in court, CPS meetings or plan-of-safe-care talks.",
        "The doula accompanies or prepares the participant for legal or child-welfare processes.",
        "The doula's support in court, with caseworkers, or in safe-care planning.",
        "Not for advocacy with hospital staff (DOULA_ADVOCACY_HOSP); not for fear of child "
        "welfare with no doula involvement (X_CPS_FEAR); not for a caseworker's or lawyer's "
        "support.",
        '"She sat in the hallway with me before the hearing and went over what I wanted to say."',
    ),
    "DOULA_NONJUDGMENT": (
        "Experiencing the doula as someone who does not see her through her substance use.",
        "The participant describes the doula treating her as a mother and a person first, "
        "without judgment about her history or medication.",
        "The doula's non-judgmental stance is the subject.",
        "Not for judgment or respect from hospital or clinic staff (X_STIGMA_CARE), even when "
        "compared with the doula, unless the doula's own stance is described.",
        '"She never once asked about my past unless I brought it up."',
    ),
    "DOULA_POSTPARTUM_GAP": (
        "Doula support ending or thinning after birth while needs continue.",
        "The participant describes the doula visits stopping or becoming rare after the birth, "
        "and what that left her without.",
        "The end or thinning of doula support after birth.",
        "Not for other services or insurance falling away (X_POSTPARTUM_DROP) unless the "
        "doula is the subject.",
        '"Six weeks in, the visits just stopped, right when the nights were the worst."',
    ),
    "DOULA_ACCESS_COST": (
        "Difficulty finding, paying for, or being referred to a doula.",
        "Barriers to getting a doula at all: not knowing doulas exist, cost, waiting lists, no "
        "referral from the treatment program.",
        "The talk is about access to doula services.",
        "Not for support ending after birth (DOULA_POSTPARTUM_GAP).",
        '"Nobody at my program ever said the word doula until I was eight months along."',
    ),
    "DOULA_TEAM_COORD": (
        "The doula communicating, or failing to, with treatment, prenatal or pediatric teams.",
        "How the doula worked with the opioid treatment program, the obstetric team or the "
        "baby's doctors: sharing plans, passing messages, being left out.",
        "Coordination between the doula and other providers.",
        "Not for the doula advocating in the moment with hospital staff (DOULA_ADVOCACY_HOSP).",
        '"She called my counselor herself so the birth plan and my treatment plan said the '
        'same thing."',
    ),
    "HV_WHO_IS_CLIENT": (
        "Whether the mother feels the program is for her, or only for the baby.",
        "The participant talks about being seen (or not) as a focus of the home visiting "
        "program: visits that only cover the baby, or a visitor who also asks about her.",
        "The question of who the visits are for.",
        "Not for the visitor responding to specific emotions (HV_MOTHER_EMOTION) unless the "
        "point is whether the mother counts as a client.",
        "\"Every visit was a checklist about the baby's weight, and I was just the person "
        'holding him."',
    ),
    "HV_MOTHER_EMOTION": (
        "The visitor responding to the mother's guilt, shame, grief or anxiety.",
        "The home visitor notices and responds to how the participant feels as a mother in "
        "recovery, or fails to.",
        "Emotional attunement of the visitor to the mother.",
        "Not for guilt about the baby's withdrawal with no visitor response (X_NOWS_GUILT); not "
        "for trust built over time (HV_TRUST_BUILD).",
        '"She noticed I went quiet when we talked about the hospital and asked me about it '
        'gently."',
    ),
    "HV_READINESS": (
        "Emotional readiness or timing shaping whether and when she enrolled.",
        "The participant describes not being ready, putting enrollment off, or the moment she "
        "felt able to say yes.",
        "Timing of or readiness for enrollment.",
        "Not for program rules limiting who can enroll (HV_ELIGIBILITY).",
        '"The first time they offered I said no, I wasn\'t ready for anybody in my house."',
    ),
    "HV_FAMILY_DYNAMICS": (
        "Partner or relative substance use, kinship carers or custody complicating the visits.",
        "Household and family relationships that shape home visiting: a partner who uses, a "
        "grandmother who has custody, relatives present at visits.",
        "Family circumstances that affect the visits.",
        "Not for a family member's practical help with no link to the visits; not for fear of "
        "child welfare (X_CPS_FEAR) unless the family situation is the subject.",
        '"My mom has guardianship, so the visitor had to schedule around her, not me."',
    ),
    "HV_SURVEILLANCE": (
        "The home visit experienced as an inspection; fear the visitor will report.",
        "The participant feels watched or judged in her own home, tidies or hides things "
        "before visits, or worries that what the visitor sees goes into a report.",
        "The visit feels like being checked on.",
        "Not for fear of child welfare that is not tied to the home visits (X_CPS_FEAR); not for "
        "visits or checks by a child-welfare caseworker.",
        '"I caught her looking in the fridge and spent the whole week wondering what she wrote '
        'down."',
    ),
    "HV_TRUST_BUILD": (
        "How trust grew over repeated visits until she could open up.",
        "The participant describes a change over time: guarded at first, then more open as the "
        "visitor proved consistent and safe.",
        "A trajectory of growing trust with the home visitor.",
        "Not for a provider being invested in general with no change over time (X_COLLAB_ENGAGE).",
        '"By the fourth month I was the one calling her before she called me."',
    ),
    "HV_CONCRETE": (
        "Tangible help beyond the curriculum: supplies, referrals, transport, forms.",
        "The home visitor brings or arranges something practical.",
        "The visitor provided or arranged a concrete resource.",
        "Not for the convenience of services at home (HV_CONVENIENCE); not for developmental "
        "information (HV_CHILD_DEV); not for things family members provide.",
        '"She showed up with a car seat the week mine got recalled."',
    ),
    "HV_CONVENIENCE": (
        "Services at home remove travel and childcare barriers.",
        "The participant values not having to travel, find childcare or sit in waiting rooms.",
        "The home setting itself makes services easier to use.",
        "Not for items the visitor brings (HV_CONCRETE).",
        '"With three kids and no car, the only help I could take was the help that knocked on '
        'my door."',
    ),
    "HV_CHILD_DEV": (
        "Developmental screening, early intervention referral or parenting information.",
        "The visitor screens the child, refers to early intervention, or teaches the "
        "participant about the child's development and care.",
        "Child development and parenting content of the visits.",
        "Not for whether the visits are only about the baby (HV_WHO_IS_CLIENT) when the "
        "participant's point is her own place in the program; not for information from a "
        "pediatrician or clinic.",
        '"She showed me how to tell when he was getting overstimulated and needed the lights '
        'down."',
    ),
    "HV_VISITOR_PREP": (
        "The visitor seen as knowledgeable, or unprepared, about OUD and MOUD.",
        "The participant judges how much the home visitor understood about opioid use "
        "disorder, medication, infant withdrawal or recovery.",
        "The visitor's preparation for working with families affected by OUD.",
        "Not for judgment or stigma from the visitor (HV_SURVEILLANCE, X_STIGMA_CARE) unless "
        "the point is what she knew.",
        '"She thought my medication meant I was still using, and I had to explain it to her."',
    ),
    "HV_ELIGIBILITY": (
        "Program rules limiting access: first-time mothers only, age limits, waiting lists.",
        "The participant describes being turned away or delayed by a home visiting program's "
        "eligibility rules.",
        "Rules about who may enroll.",
        "Not for her own readiness to enroll (HV_READINESS).",
        '"They told me the nurse program was only for a first baby, so with my second I was out."',
    ),
    "X_COLLAB_ENGAGE": (
        "A provider seen as an invested partner and advocate, or the opposite.",
        "The participant describes a provider (any support model) as being on her side, "
        "invested in her, working with her, or as indifferent and going through the motions.",
        "The provider's investment in the participant as a partner is the subject.",
        "Not for a specific support type that has its own code (for example PSS_NAVIGATION, "
        "DOULA_ADVOCACY_HOSP); not for trust growing over time with a home visitor "
        "(HV_TRUST_BUILD).",
        '"She talked about my goals like they were hers too."',
    ),
    "X_IDENTITY_GROWTH": (
        "Growth as a mother and a woman in recovery; pregnancy as a turning point.",
        "The participant describes how she has changed: seeing herself as a mother, pride in "
        "her recovery, a pregnancy that turned things around.",
        "Personal transformation as mother or person in recovery.",
        "Not for wanting to help other mothers or become a peer (X_GIVING_BACK).",
        "\"A year ago I couldn't look at myself, and now I'm the one who packs the diaper bag "
        'the night before."',
    ),
    "X_MULTI_NEEDS": (
        "Housing, transport, money, partner violence or mental health needs beyond the service.",
        "The participant describes needs that go beyond what the support model addresses.",
        "Needs outside the service's focus are described.",
        "Not when a supporter is described meeting the need with practical help "
        "(PSS_NAVIGATION, HV_CONCRETE).",
        '"The lease was up in a month and I had nowhere to take two kids."',
    ),
    "X_STIGMA_CARE": (
        "Being judged or treated differently in health care because of OUD or MOUD.",
        "The participant describes health care staff treating her differently because of her "
        "substance use history or medication.",
        "Stigma in health care settings.",
        "Not for the doula's or visitor's own non-judgment (DOULA_NONJUDGMENT); not for lack "
        "of choice about medication (X_MOUD_AGENCY).",
        '"The nurse stopped smiling the second she read my medication list."',
    ),
    "X_CPS_FEAR": (
        "Fear of child removal shaping what she discloses or how she engages.",
        "Worry about child protective services, reports or losing custody that affects what "
        "the participant tells providers or whether she takes part in services.",
        "Fear of child welfare involvement.",
        "Not for the home visit feeling like an inspection (HV_SURVEILLANCE) when the visit "
        "itself is the point; not for worry about what a peer passes on (PSS_CONFIDENTIALITY).",
        '"I didn\'t mention the bad week to anybody because I kept picturing a knock at the door."',
    ),
    "X_MOUD_AGENCY": (
        "Lack of choice, or pressure, about medication dose or tapering.",
        "The participant describes being pushed to taper, having her dose decided for her, or "
        "fighting to keep or change her medication during pregnancy or after.",
        "Choice and control over MOUD.",
        "Not for being judged for taking MOUD with no question of choice (X_STIGMA_CARE).",
        '"Everybody had an opinion on my dose except the person taking it."',
    ),
    "X_POSTPARTUM_DROP": (
        "Services, insurance or support falling away after birth.",
        "The participant describes support, coverage or attention ending after the baby was "
        "born, often just as things got harder.",
        "Loss of services or support after birth, across providers.",
        "Not when the subject is only the doula stopping (DOULA_POSTPARTUM_GAP) or only keeping "
        "the same peer (PSS_CONTINUITY).",
        '"While I was pregnant everybody called; after the baby came the phone went quiet."',
    ),
    "X_NOWS_GUILT": (
        "Guilt or worry about the infant's withdrawal or NICU stay.",
        "The participant describes guilt, fear or grief about her baby's neonatal opioid "
        "withdrawal, monitoring or intensive care stay.",
        "Feelings about the infant's withdrawal or NICU time.",
        "Not for explanations of how withdrawal is monitored (DOULA_HEALTH_LIT); not for the "
        "visitor's response to those feelings (HV_MOTHER_EMOTION).",
        '"Every time the monitor beeped I thought I had done that to her."',
    ),
    "X_GIVING_BACK": (
        "Wanting to support other mothers or become a peer.",
        "The participant wants to use her experience to help other women: volunteering, "
        "training as a peer, sharing her story.",
        "A wish or plan to give back.",
        "Not for belonging to a recovery community (PSS_AFFILIATION) or personal growth alone "
        "(X_IDENTITY_GROWTH).",
        '"Once I hit two years I want to be the one sitting across from a scared new mom."',
    ),
}


# Student wording where every "when not to use" clause points at a left-out code.
STUDENT_WHEN_NOT = {
    "HV_READINESS": "Not for how trust grew once she was already enrolled (HV_TRUST_BUILD).",
    "X_IDENTITY_GROWTH": "Not for a provider's investment in her (X_COLLAB_ENGAGE) when her own "
    "change is not described.",
}


def _student_when_not(label: str, text: str) -> str:
    """Drop the clauses that name a left-out code: naming it would give the answer away."""
    if label in STUDENT_WHEN_NOT:
        return STUDENT_WHEN_NOT[label]
    clauses = text.rstrip(".").split("; ")
    kept = [c for c in clauses if not any(code in c for code in INDUCTIVE)]
    joined = "; ".join(kept)
    return joined[0].upper() + joined[1:] + "."


def _code(label: str, student: bool = False) -> Code:
    brief, full, when_to_use, when_not_to_use, example = ENTRIES[label]
    if student:
        when_not_to_use = _student_when_not(label, when_not_to_use)
    return Code(label, SEED[label].category, brief, full, when_to_use, when_not_to_use, example)


def full_codebook() -> Codebook:
    """Every planted code (the instructor's key)."""
    return Codebook(CATEGORIES, tuple(_code(label) for label in LABELS), TITLE_FULL)


def student_codebook() -> Codebook:
    """The codebook students get: the inductive codes are left out for them to find."""
    codes = tuple(_code(label, student=True) for label in LABELS if label not in INDUCTIVE)
    return Codebook(CATEGORIES, codes, TITLE_STUDENT)
