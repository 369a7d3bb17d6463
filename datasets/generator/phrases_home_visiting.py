"""Phrase bank for the home visiting (HV) focus groups of the simulated qualkit corpus.

Every sentence here is invented fiction written for this teaching kit: no participant is real and
no sentence is taken from a paper. The speakers are pregnant or parenting women in recovery from
opioid use disorder who were visited at home by a nurse (first-time mothers only), a parent
educator or an Early Intervention provider. The generator assembles speaker turns from these
sentences and plants codes by choosing from the labelled lists, so the labels (dictionary keys,
dimension names, distractor codes and traps) are instructor-side answer material: they belong in
``datasets/key`` and must never reach students.

Lists:
- ``PHRASES``: sentences that alone clearly justify their code.
- ``BORDERLINE``: sentences that justify their code, but only just.
- ``AMBIGUOUS``: sentences that genuinely fit both codes of an adjacent pair.
- ``NEGATIVE``: negative cases (the visitor or service did not help, or felt intrusive) that still
  carry the code.
- ``DIMENSIONS``: ``HV_SURVEILLANCE`` exemplars grouped by the dimension they add (meaning
  saturation exercise).
- ``DISTRACTORS``: talk that tempts a wrong code (``trap``) while carrying ``codes``.
- ``UNCODED``: small talk that carries no code.
- ``BUILD_ON``: short openers that build on the previous speaker.
- ``COLLOQUIAL``: sentences with a colloquial self-description ("clean") for the language lesson.

Optional identifier tags (``{STAFF}``, ``{CHILD}``, ``{PARTNER}``, ``{CLINIC}``, ``{PLACE}``) are
rendered by the engine as invented names in raw transcripts and as ``[STAFF]`` etc. after
de-identification.
"""

PHRASES: dict[str, list[str]] = {
    "HV_WHO_IS_CLIENT": [
        "When I signed up I honestly thought the whole thing was for the baby and I was just the "
        "person who opens the door.",
        "The first visit, my nurse asked how I was sleeping, and I started telling her about the "
        "baby's sleep, and she said no, you.",
        "I figured they were coming to check on my daughter, not to ask what I wanted for myself.",
        "My parent educator had a whole page about my goals, like mine, not the baby's, and I "
        "didn't know what to write.",
        "It took me a while to get that I'm in the program too, not just the one holding the baby.",
        "{STAFF} always starts with me, how's your week, how's your head, and then we get to the "
        "baby.",
        "Honestly, nobody had asked about me in years, and here's this nurse sitting on my couch "
        "asking how I'm doing and meaning it.",
        "I kept waiting for it to turn into a baby class, and it never really did; half of every "
        "visit was about me.",
        "Um, I think the program's for both of us, but if I had to pick, it felt more for him at "
        "the start and more for me later.",
        "My home visitor said straight out, if you're okay, the baby's more likely to be okay, so "
        "you matter here.",
        "I liked that she asked about my GED, like I'm a person with plans, not just somebody's "
        "mom.",
        "For the first couple months I'd hand her the baby and go do dishes, because I thought "
        "that was her job, not mine.",
        "It's weird being asked about yourself when you've spent nine months thinking everything "
        "is about the baby.",
        "The parent educator made a point of saying the visits are for the family, and she looked "
        "right at me when she said family.",
        "I told my nurse once, you know you're allowed to just come see the baby, and she laughed "
        "and said, no, I come see you both.",
        "Did I think it was for me? No. I thought it was a service for babies of moms like me, "
        "which isn't the same thing.",
        "She'd ask about my appointments, my stress, my week, and only after that would she pull "
        "out the baby stuff.",
        "What sold me was that she wanted to know where I wanted to be in five years, not just "
        "where the baby would be.",
        "I think a lot of moms hear 'home visiting' and picture someone coming for the kid, so "
        "they don't see what's in it for them.",
        "My Early Intervention lady was there for my son's therapy, sure, but she always saved "
        "five minutes to ask how I was holding up.",
        "I wanted it to be about the baby at first, honestly, because talking about me felt like "
        "too much.",
        "Somewhere around month three I realized the visits were kind of mine, like a standing "
        "appointment for me.",
        "If she'd only talked about the baby, I'd have been polite and checked out; it was her "
        "asking about me that kept me in it.",
        "My nurse wrote down my goals next to the baby's goals, same size writing and everything, "
        "and I noticed that.",
        "I used to say 'the baby's program,' and now I catch myself calling it my program.",
        "She told me there's a whole part of the visits about the mom's own life, school, work, "
        "relationships, and I was shocked.",
        "Part of me still thinks of it as for my daughter, but I'd be lying if I said I don't get "
        "something out of it.",
        "I think the baby gets the program and I get the person, if that makes sense.",
        "It matters that she asks how I'm eating, not just how he's eating.",
        "My home visitor plans the visit around whatever I bring up first, and the baby stuff fits "
        "in around it.",
        "At intake the lady said this program is for you and your baby, in that order, and I "
        "thought she misspoke.",
        "Being treated like the person the program's for, not the babysitter of the person it's "
        "for, took some getting used to.",
        "I'd always assumed any service after birth was for the kid, because that's how it was at "
        "the hospital.",
        "She asked what I do for fun, and I sat there like, fun? I'm a mom in recovery, I don't "
        "have fun.",
        "The parent educator keeps a folder with my own goals in it, separate from the baby's "
        "checklist.",
        "If I'm having a bad day, the visit is about me that day, and the baby just crawls around "
        "on the rug.",
        "I had to kind of give myself permission to use the visits for my own stuff.",
        "For EI it's obviously about my son, but the way our provider does it, I'm the one she's "
        "coaching, so it's me too.",
        "I'd say the program is for the baby on paper and for the mom in practice.",
        "Honestly, it felt selfish at first, taking up her time with my life when I figured she "
        "was there for the baby.",
        "My nurse asked what I needed from the visits, and nobody had ever asked me that about "
        "anything.",
        "It's the first program where I wasn't just the file attached to a baby.",
        "I think when they say 'family,' they actually mean me in it, which I didn't expect.",
        "I'm pregnant, so right now the visits are pretty much all about me, and I keep wondering "
        "if that flips once he's here.",
    ],
    "HV_MOTHER_EMOTION": [
        "When I told my nurse I felt like a fraud holding my own baby, she didn't argue, she just "
        "asked what made me feel that way.",
        "My home visitor let me cry for the entire visit once and didn't pull out a single "
        "worksheet.",
        "I said out loud that I was ashamed of my past, and {STAFF} said shame could sit on the "
        "couch but it didn't get to run the visit.",
        "My mom died when my daughter was four months old, and the parent educator came that week "
        "anyway, just to sit with me.",
        "She noticed I was jumpy and asked, gently, what was going on with my nerves, instead of "
        "pretending not to see it.",
        "Some days the guilt about the years I lost just flattens me, and my visitor lets me say "
        "it without making a big production of it.",
        "Um, she taught me this breathing thing for when I panic during bath time, which sounds "
        "dumb but it works.",
        "I told the nurse I didn't feel bonded yet, and I was waiting for her face to change, and "
        "it didn't.",
        "My parent educator said a lot of moms feel like they don't deserve their babies, and "
        "hearing 'a lot of moms' helped.",
        "When I'm spiraling about being a bad mom, my visitor asks me to name one thing I did "
        "right that morning.",
        "I was grieving the person I was before, weirdly, and my home visitor got that without me "
        "having to explain.",
        "She didn't flinch when I admitted some days I resent being a mom, and she said that "
        "feeling doesn't make me a bad one.",
        "I carry a lot of shame from how things went before, and my visitor treats it like grief, "
        "not like a crime.",
        "My anxiety was through the roof those first weeks, and she'd start every visit by asking "
        "where I was on a scale of one to ten.",
        "My nurse told me guilt means I care, and then she said, but you don't have to live in it.",
        "I said I felt like everybody was waiting for me to mess up, and my visitor said, I'm not, "
        "I'm waiting for you to do fine.",
        "When I broke down about missing my son's first steps because I was at the methadone "
        "clinic, she didn't try to fix it, she just sat on the floor with me.",
        "Honestly the best thing {STAFF} did was tell me I was allowed to be sad and still be a "
        "good mother.",
        "I'd apologize every visit for everything, the crying, the clothes I had on, me, and she "
        "finally asked what I thought I'd done wrong.",
        "The day I told her I was scared I'd pass my bad stuff on to my daughter, she asked what "
        "'bad stuff' meant to me instead of rushing to reassure me.",
        "My parent educator never used the word 'should' when I was upset, which I didn't realize "
        "I needed until she didn't.",
        "I get these waves of guilt at random, like while I'm folding onesies, and my visitor "
        "taught me to just notice them and keep folding.",
        "When my grandma passed, the nurse moved our visit to a walk so I could cry outside "
        "instead of in front of the baby.",
        "I was terrified of being alone with the baby at night, and my home visitor helped me make "
        "a plan for the scary hours.",
        "She said something like, you can feel ashamed of what happened and proud of where you "
        "are, both at once.",
        "I'm not a crier, but something about the way my home visitor asked 'and how are you, "
        "really' got me every time.",
        "When I said my body felt broken after the C-section, my nurse let me be angry about it "
        "instead of telling me to be grateful.",
        "I told her I still miss the old friends I had to cut off, and she said you're allowed to "
        "grieve people who weren't good for you.",
        "There were visits where the plan just went out the window because I was a wreck, and my "
        "visitor was fine with that.",
        "My visitor picked up on the guilt before I said anything; she said, you keep saying sorry "
        "to him, meaning the baby.",
        "When I freaked out that my daughter would hate me someday for my history, she asked what "
        "I'd want her to know, and we wrote it down.",
        "The nurse was the first person who asked me if I was scared, instead of telling me how "
        "lucky I was.",
        "I had a panic attack during a visit once, and she talked me through it and then stayed an "
        "extra half hour.",
        "She'd say, that sounds heavy, and then wait, and somehow that waiting made me keep "
        "talking.",
        "I think what helped was she didn't treat my shame like something to get over by next "
        "Tuesday.",
        "I told my home visitor I felt numb around the baby some days, and she said numb is a "
        "feeling too and we could work with it.",
        "She's good at catching when I'm beating myself up and saying, hey, would you talk to a "
        "friend like that?",
        "My EI provider asked how I was feeling about my son's delays, like me, not the therapy "
        "plan, and I lost it right there.",
        "My first Mother's Day in recovery I felt like I hadn't earned it, and the parent educator "
        "let me talk it through without correcting me.",
        "When I said I'm scared of messing up, she said messing up isn't the same as failing, and "
        "I wrote that on the fridge.",
        "The week of my dad's anniversary, my nurse noticed I was off and asked about it before I "
        "said a word.",
        "I was so embarrassed about crying in front of her, and she just handed me a tissue and "
        "said, this is part of the work.",
        "I'm pregnant and terrified of being a bad mom, and my nurse spends time on that fear "
        "every visit instead of brushing it off.",
    ],
    "HV_READINESS": [
        "If they'd knocked in my first month of treatment, I would've said no thanks and shut the "
        "door.",
        "I said no the first time the hospital social worker offered it, because I could barely "
        "handle myself, let alone a stranger.",
        "It took me until I was like seven months along to feel steady enough to say yes.",
        "I think I needed a few weeks of being stable on my dose before I could let anybody in.",
        "The timing was everything; a month earlier I'd have blown it off.",
        "I enrolled right after the baby came, and honestly I wasn't ready; I was in survival "
        "mode.",
        "I had the referral in my purse for six weeks before I called.",
        "I wanted to wait until I felt like I had something to show, like I wasn't a total mess.",
        "When you're early in recovery, one more appointment on the calendar can feel like too "
        "much.",
        "I think I signed up when I did because I finally felt more hopeful than scared.",
        "The intake nurse called me three times, and the third time I was finally in a place to "
        "hear it.",
        "My counselor said wait until you've got your footing before you add a home visitor, and "
        "she was right.",
        "I wasn't ready to talk about my history with anyone new, so I put it off until after my "
        "daughter was born.",
        "Honestly, if they'd pushed me to start sooner, I would've dropped out.",
        "It's like, you have to want it, and I didn't want anything extra until the fog lifted.",
        "I almost signed up in the hospital, but I was a wreck, so I asked them to call me in a "
        "month, and they did.",
        "Starting during pregnancy was good for me because I had energy then; after the birth I "
        "wouldn't have had it in me.",
        "I needed to grieve my old life a little before I could say yes to something new.",
        "I wasn't in the headspace for someone coming to my door every other week until the baby "
        "was like three months.",
        "There's a window, I think, where you're open to it, and if they miss it, you're gone.",
        "I kept telling myself next month, next month, until I ran out of excuses.",
        "The best time to ask a mom about home visits is not in the delivery room, that's for "
        "sure.",
        "I said no to the parent educator when I had my older son, and yes this time, because I "
        "was a different person by then.",
        "What finally made me ready was hitting six months in treatment and thinking, okay, I can "
        "handle this.",
        "I didn't feel ready until I'd had a couple of good weeks in a row; one good day wasn't "
        "enough.",
        "When they first offered Early Intervention, I thought, not yet, I just got him home, let "
        "me breathe.",
        "Um, I needed to trust myself before I could let a visitor see how I was doing.",
        "I'm pregnant now and only signed up last month, because I finally felt steady enough to "
        "let someone in.",
    ],
    "HV_FAMILY_DYNAMICS": [
        "My boyfriend was still using when we started, so I always booked her for when he was at "
        "work.",
        "My mom has custody of my older kids, so half the visits were at her place and it got "
        "complicated.",
        "It's hard to do the visits when your partner doesn't want anybody in the house.",
        "My daughter's dad was on and off pills, and the visitor had to work around when he'd be "
        "home or not.",
        "My grandmother was the baby's guardian for a while, so the nurse had to go through her to "
        "set up visits.",
        "My sister lives with us and she's still using, and I never knew what the visitor would "
        "walk into.",
        "My parents don't believe in 'programs,' so every visit turned into an argument after she "
        "left.",
        "The schedule my ex and I worked out means the baby's only with me on certain days, so we "
        "had to fit visits around that.",
        "My fiancé got defensive when the parent educator asked about his drinking, and it made "
        "the whole next visit awkward.",
        "My mother-in-law would hover during the visits and answer questions for me.",
        "When {PARTNER} went back to using, I had to decide whether to tell the visitor or just "
        "cancel for a while.",
        "My aunt's raising my son right now, so the home visitor comes to her house and I meet "
        "them there.",
        "The baby's father has his own stuff going on, and the parent educator tried to include "
        "him but he wasn't having it.",
        "Living with my mom, who also struggles with pills, made it hard to practice what we "
        "talked about in visits.",
        "My brother would show up high during visits sometimes, and I'd have to walk him back out.",
        "Her dad gets the baby every other weekend, and he doesn't follow any of the routines we "
        "set up in the visits.",
        "My home visitor asked who else helps with the baby, and the honest answer was a list of "
        "people with their own problems.",
        "My mom and I were both in recovery at the same time, which is a whole thing when there's "
        "a home visitor in the mix.",
        "We moved in with my boyfriend's family and suddenly there were six adults with opinions "
        "at every visit.",
        "When my partner went to jail, the whole visit plan changed, since he'd been the one doing "
        "bedtime.",
        "My mom used to use with me, and now she's the one who babysits, and my visitor had to "
        "hear all of that.",
        "My older kids live with their dad, and when they come for weekends the home visitor gets "
        "the aftermath on Monday.",
        "Honestly the hardest part of the program was my husband, who was sure the visitor was "
        "there to look down on him.",
        "My grandma got kinship guardianship of my daughter while I was in residential, and "
        "setting up visits between three adults was a mess.",
        "There's a lot of using in my family, so when she asked about support people, I had to "
        "think hard about who was safe.",
        "My partner's on methadone too, and we'd argue about whose dosing time messed up the visit "
        "schedule.",
        "My stepdad doesn't know I'm in recovery, and he's home during the day, so we had to do "
        "visits at the park.",
    ],
    "HV_SURVEILLANCE": [
        "The first few visits, I felt like she was grading my apartment.",
        "Every time my nurse looked toward the kitchen, I wondered what she was writing in her "
        "head.",
        "She's a mandated reporter, and I knew that, so it's like there's a third person in the "
        "room every visit.",
        "When my home visitor opened the fridge to put the bottle away, my heart just stopped.",
        "I swear I could feel her counting the outlets without covers.",
        "The safety checklist, with the smoke detector and the crib slats, felt like an "
        "inspection, honestly, not a visit.",
        "I'm always thinking, is she here to help me or here to check on me?",
        "{PARTNER} calls her the inspector, and he's only half joking.",
        "She asked where the baby sleeps and wanted to see it, and I know why, but it felt like a "
        "test.",
        "Um, any time she wrote something down while I was talking, I'd stop mid-sentence.",
        "I kept thinking one wrong answer on her forms and somebody's going to get a phone call.",
        "It's my home, you know, and having a professional walk through it makes it feel not "
        "totally mine.",
        "The depression screener felt like a trap; if I answered honestly, would it end up in a "
        "report?",
        "She noticed the baby's diaper rash and asked how long it'd been there, and I felt like I "
        "was on trial.",
        "I know my visitor is nice, but nice people can still call CPS.",
        "It's hard to relax with someone whose job includes noticing things.",
        "I'd watch her eyes sweep the living room, the ashtray, the cords, the laundry pile.",
        "My nurse weighing the baby felt like a verdict, like if he dropped a percentile I'd be in "
        "trouble.",
        "Even the questions about who else lives here sounded like an investigation to me.",
        "There's this little voice every visit that goes, what's she going to put in the notes?",
        "Honestly, the home visit felt like probation with a diaper bag.",
        "I didn't like that the parent educator asked to see the baby's bedroom every single time.",
        "I'm on methadone, and I always wondered if my visitor was looking at my pupils.",
        "She asked if there were any medications in the house and where we kept them, and it felt "
        "like a search.",
        "At a clinic you can walk out, but at home she's in your space and seeing everything.",
        "To me the visit was a performance, and I was the one being reviewed.",
        "She had a tablet, and I always wanted to know what she was typing about me.",
        "I know she said she's not CPS, but in my head they're all connected somehow.",
        "The first time she showed up fifteen minutes early, I felt ambushed in my own doorway.",
        "I couldn't tell which questions were just questions and which ones were going to a "
        "supervisor.",
        "My sister said they're just there to check on you, and that stuck in my head the whole "
        "first year.",
        "It feels like someone's keeping score on me as a mother, and I never got to see the "
        "scorecard.",
        "When she asked about my urine screens at the clinic, I thought, why does she need that, "
        "who's she telling?",
        "I'd get this tight feeling in my chest when her car pulled up, even on good weeks.",
        "Like, she's there to support me, sure, but she's also a set of eyes on my house.",
        "The form asking about 'hazards in the home' made me feel like my home was the hazard.",
        "Even with the nicest visitor, I felt like a specimen under glass for an hour.",
        "I thought the home visit was a check on whether I was fit, not a service.",
        "Her asking who changes the baby while I'm at the methadone clinic made me feel like she "
        "was building a case.",
        "I'm used to being watched, hospital, clinic, court, so the home visit just felt like one "
        "more set of eyes.",
        "If the baby cried while she was there, I panicked that she'd mark me down as not knowing "
        "how to calm him.",
        "A stranger looking into your baby's crib feels like judgment even when she says nothing.",
        "I'm due in March, and I'm already nervous about what the visits will feel like once "
        "there's a crib for her to look into.",
    ],
    "HV_TRUST_BUILD": [
        "It took like five visits before I told her I was on Suboxone.",
        "The first month I gave her the tour-guide version of my life, and it was maybe month "
        "three before she got the real stuff.",
        "She kept showing up when she said she would, week after week, and that's honestly what "
        "did it.",
        "I tested her at first, told her little things to see what she'd do with them, and nothing "
        "bad happened.",
        "By the time the baby was crawling, I was telling {STAFF} things I hadn't told my own "
        "sister.",
        "Trust came slow; she earned it one boring, consistent Tuesday at a time.",
        "I remember the exact visit I opened up; I was folding laundry and it just came out.",
        "My visitor remembered things I'd mentioned weeks ago, like my cousin's wedding, and "
        "that's when I started letting her in.",
        "At the start I only said safe things, and little by little I let the harder stuff slip "
        "in.",
        "I didn't trust anyone with a lanyard, but after a couple months she was just {STAFF} to "
        "me.",
        "It was around the fifth visit, when she admitted she didn't know something and came back "
        "with the answer, that I started trusting her.",
        "Trust for me was built on her keeping small promises, like calling back when she said she "
        "would.",
        "Once I saw that nothing I told her came back to bite me, I started telling her more.",
        "It took most of my pregnancy to let my guard down with my nurse, but I'm glad I did "
        "before the baby came.",
        "I told my home visitor about my return to use almost a year in, and I could only do that "
        "because of all the visits before.",
        "She never pushed; she just kept coming, and eventually I ran out of reasons to keep her "
        "at arm's length.",
        "The turning point was when I texted her at a bad moment and she answered like a person, "
        "not a program.",
        "Over time our visits went from stiff and formal to sitting on the floor with coffee, "
        "talking for real.",
        "It was slow, like, she had to earn every layer.",
        "Every visit I let the parent educator see a little more of the real me.",
        "I think what built it was repetition; same face, same day, same kind voice.",
        "I started opening up after she mentioned her brother's in recovery; not a lot, just "
        "enough.",
        "I trust her now, but it took something like ten visits, and I'd tell new moms not to "
        "expect it sooner.",
        "By the end of the first year, my home visitor was the first person I called with good "
        "news and bad.",
        "I didn't mention my anxiety meds to her until we'd been doing this for months.",
        "When I finally told her about my childhood, it was because she'd already proven she could "
        "handle the smaller stuff.",
        "Honestly, she grew on me; I went from dreading the knock to looking forward to it.",
        "I'm still pregnant and only a few visits in, so I'm not telling her everything yet, but "
        "it gets a little easier each time.",
    ],
    "HV_CONCRETE": [
        "{STAFF} showed up with a car seat when I didn't have one yet, and I about cried.",
        "She brought diapers in the size he was actually in, which, little thing, but nobody else "
        "thought of that.",
        "The parent educator helped me fill out the birth certificate paperwork, which I'd been "
        "avoiding for weeks.",
        "She got me a pack-and-play through a donation program when the baby was sleeping in a "
        "laundry basket.",
        "My home visitor found me a dentist that takes my insurance; I hadn't been in like six "
        "years.",
        "She handed me a month of bus passes for my dosing trips, just like that.",
        "When my breast pump broke, she had a new one dropped off that same week.",
        "She helped me with the WIC recertification forms, and they actually got approved this "
        "time.",
        "She had a referral to a lactation consultant in my hand by the end of the first visit.",
        "My EI provider brought these special spoons with the chunky handles for my son, just gave "
        "them to us.",
        "My visitor printed out the childcare voucher application and sat with me while I did it.",
        "She brought a thermometer, a baby bathtub, and a box of wipes to the very first visit.",
        "Honestly the winter coat she found for my daughter meant more to me than any handout.",
        "She set up my ride to the six-week checkup through the Medicaid transportation line.",
        "My home visitor referred me to a free parenting group that meets on Thursdays, and I "
        "still go.",
        "She gave me a list of food pantries with the hours written next to each one, and it's "
        "still on my fridge.",
        "She brought baby gates when my son started crawling, two of them.",
        "The parent educator helped me get my ID replaced, which I needed for literally everything "
        "else.",
        "She dropped off a box of board books and a bag of hand-me-down clothes.",
        "She referred me to a counselor who specializes in new moms, and I got in within two "
        "weeks.",
        "When I needed a letter for my job saying I was in the program, she wrote it that "
        "afternoon.",
        "She found a crib through a church drive, and her coworker delivered it.",
        "My nurse walked me through the Medicaid renewal form line by line.",
        "She always had formula samples in her bag and left a few every visit.",
        "She brought a baby carrier so I could get stuff done with him strapped to me.",
        "She brought an outlet-cover kit and a cabinet lock set, and installed them with me.",
        "It was the practical stuff, honestly, a stroller, a referral, a form filled out, that got "
        "me through month one.",
        "I'm pregnant, and she's already brought me prenatal vitamins and a list of places doing "
        "free car seat checks.",
    ],
    "HV_CONVENIENCE": [
        "Not having to get a newborn dressed and out the door for an appointment was huge.",
        "She comes to me, which means I don't need to find someone to watch my toddler.",
        "I can do a visit in pajamas on my own couch, and that's the only way it was ever going to "
        "happen.",
        "With two kids under three, any appointment outside the house is basically a half-day "
        "project.",
        "The bus ride to anything is an hour each way, so a service that shows up at my door is "
        "the only kind I can keep.",
        "My daughter naps during the visits sometimes, so I actually get to focus.",
        "I never missed a visit, because there was nothing to miss; she just came to the house.",
        "In winter especially, not dragging a baby out in the cold made a huge difference.",
        "I don't have to pay for parking or gas, and I don't have to sit in a waiting room with a "
        "screaming baby.",
        "Since she comes here, my older one can just play in his room while we talk.",
        "It fits around my methadone dosing at {CLINIC}, because I'm not adding another trip on "
        "top of the daily one.",
        "At home I'm not watching the clock for the bus, so I can actually listen.",
        "After the C-section there's no way I could've gone anywhere, and she came right to my "
        "bedside at home.",
        "I'd have dropped out of anything that needed me to show up somewhere; showing up is hard "
        "with three kids.",
        "My son's therapy happens on our living room rug, with his own toys, which is so much "
        "easier than an office.",
        "We did a couple of visits by video when I was sick, and even that beat going in.",
        "If I had to find a sitter every two weeks, I just wouldn't have done it.",
        "Home visits meant I didn't have to explain to my boss why I needed another afternoon off.",
        "I'm way out in the country, so anything in town is forty minutes away; her driving out "
        "here is the only reason I'm in this.",
        "The baby stays on his own schedule, not some office's, when the visit's at home.",
        "I could stay in my sweats and hold the baby and still get the help.",
        "Honestly, the convenience is what got me to say yes before anything else.",
        "When my toddler had a fever, we still had the visit, because nobody had to leave the "
        "house.",
        "Doing it at home saved me from juggling car seats, diaper bags, and a stroller on the "
        "bus.",
        "I don't have to line up a ride, and that's half the battle with any appointment.",
        "For my son's speech therapy, not packing everyone into the car twice a week saved my "
        "sanity.",
        "She'd come right after school drop-off, so it slid into my morning without any extra "
        "trip.",
        "I'm pregnant and so tired that if the nurse didn't come to me, I would not be going "
        "anywhere, period.",
    ],
    "HV_CHILD_DEV": [
        "We did the ASQ together every few months, and it was cool to watch my son move up in the "
        "fine motor part.",
        "She noticed my daughter wasn't babbling much at nine months and got us an Early "
        "Intervention referral.",
        "My nurse showed me how to do tummy time on my chest when he hated the floor.",
        "The parent educator explained why he throws food off the high chair, and it's actually a "
        "learning thing.",
        "EI came out and said his muscle tone was a little low, so now we do exercises every day.",
        "I didn't know babies that young could recognize faces until she brought the handout with "
        "the milestones.",
        "She brought a little mirror and showed me how he'd stare at himself, and she said that's "
        "normal brain stuff.",
        "{STAFF} would sit on the floor and point out what my daughter was doing, like reaching "
        "across her body.",
        "My visitor taught me to narrate everything, like 'now we're putting on your sock,' "
        "because it helps with words.",
        "The speech therapist from Early Intervention gave us games to play at bath time.",
        "She explained that the tantrums at two are about him not having words yet, which changed "
        "how I saw it.",
        "I learned to read his cues, like when he turns his head away, he's done, he's had enough.",
        "When the screening said he was behind on gross motor, she set up a physical therapy "
        "evaluation.",
        "We practiced answering whatever sound he makes, back and forth, and now he won't stop "
        "talking.",
        "She'd leave an activity card every visit, stacking cups, peekaboo, things for his age.",
        "I didn't know you're supposed to read to babies before they understand; she got me doing "
        "it at four months.",
        "EI did an evaluation at six months, and he qualified because of his early weeks, so now "
        "someone comes weekly.",
        "The questionnaire about my daughter's social skills made me notice she smiles at "
        "strangers way more than I thought.",
        "My home visitor explained how much sleep he needs at each age, and I printed that chart "
        "out.",
        "{CHILD} is pointing and naming things now, and the parent educator said that's right on "
        "track.",
        "She showed me how to let him struggle a little to reach a toy instead of handing it to "
        "him.",
        "The occupational therapist from EI said her grip was getting stronger, which I'd never "
        "have noticed.",
        "We filled out the developmental questionnaire at every age check, twelve months, "
        "eighteen, twenty-four.",
        "She gave me ideas for playing with him that don't need toys, like pots and wooden spoons.",
        "I asked why my son walks on his toes, and she actually knew and said we'd keep an eye on "
        "it.",
        "Learning what was normal for her age from the visits stopped me from worrying about every "
        "little thing.",
        "My visitor explained that crawling late isn't always a problem, and we watched for other "
        "signs together.",
    ],
    "HV_VISITOR_PREP": [
        "My nurse actually knew the difference between methadone and buprenorphine without me "
        "explaining it.",
        "She knew that breastfeeding on Suboxone is usually fine, and she had the handout to back "
        "it up.",
        "{STAFF} had clearly been trained on recovery; she said 'return to use,' not the ugly "
        "words.",
        "When I mentioned my dose, my visitor didn't blink; she knew what a normal range was.",
        "My visitor understood that methadone means being at the clinic every morning, so she "
        "never booked me early.",
        "She knew how the hospital handles babies of moms on medication, so nothing surprised me "
        "at delivery.",
        "She'd done training on substance use in pregnancy, and it showed; she asked the right "
        "questions.",
        "I liked that my parent educator knew MOUD is treatment, not just swapping one drug for "
        "another.",
        "She knew what a plan of safe care was before I did, and she walked me through it.",
        "The EI provider had worked with a lot of families where mom's on medication, so she knew "
        "what to look for and what not to worry about.",
        "My visitor knew which pain meds would be okay with my Subutex after the C-section, or at "
        "least knew exactly who to ask.",
        "It helped that she knew the lingo, take-homes, induction, split dosing; I didn't have to "
        "teach her.",
    ],
    "HV_ELIGIBILITY": [
        "The nurse visits are only for moms who've never had a baby before, and since I've got my "
        "older one, I couldn't get in.",
        "I found out about it at thirty weeks, and they said I'd missed the cutoff to enroll.",
        "There was a waitlist of like four months, and by then the baby was already here.",
        "They told me I was too old for the young moms' program, at twenty-six.",
        "My friend couldn't get in because her income was a few dollars over the line.",
        "We moved two streets over and ended up in a different county, and I lost my visitor.",
        "The program ended at his third birthday because that's the rule, and I wasn't ready to "
        "lose her.",
        "Early Intervention said my daughter didn't score low enough to qualify, even though I was "
        "worried.",
        "The intake lady said they only take referrals from the hospital, so my own call didn't "
        "count.",
        "My sister's been on the waitlist for the parent educator program since spring.",
        "They had a rule that you had to enroll before the baby was born, so my friend who heard "
        "about it late was just out of luck.",
        "My oldest son lives with his dad, so on paper I'm not new at this, and the nurse visits "
        "were off the table for me.",
    ],
    "X_COLLAB_ENGAGE": [
        "My nurse came to my OB appointment with me when I was scared to go alone, and she did the "
        "talking when I froze.",
        "She treated me like we were on the same team, like, what do you want, and how do we get "
        "there.",
        "When the methadone clinic wanted to change my dosing time, {STAFF} called and helped "
        "argue for a slot that worked with the baby's schedule.",
        "My home visitor showed up to my plan of safe care meeting and spoke up for me when nobody "
        "else did.",
        "I could tell she was invested; she'd bring up stuff from three visits back like it "
        "mattered to her.",
        "She never made decisions for me; she'd lay out the options and ask what I thought.",
        "My home visitor was in my corner, period, and everybody in my life could tell.",
        "She wrote a letter for my court date about how I was doing, without me even asking.",
        "She acted like my progress was her progress, cheering when I hit milestones in treatment.",
        "She was the one who got my OB and my prescriber talking to each other, which nobody had "
        "managed to do.",
        "It felt like a partnership, not a service; we set the goals together.",
        "When I said I wanted to go back to school, the parent educator didn't just nod, she "
        "showed up next visit with ideas.",
        "At the team meeting at the hospital, she made sure I got to talk first, and she backed up "
        "everything I said.",
        "My parent educator actually asked for my feedback on the visits, like my opinion mattered "
        "to how she did her job.",
        "She'd say 'we' a lot, like 'we'll figure it out,' and she meant it.",
        "The EI provider and I were partners for my son; she'd ask what I'd seen that week before "
        "she said anything.",
        "She'd push back on me too, gently, but always like someone who wanted me to win.",
        "Honestly my visitor fought for me harder than I was fighting for myself some weeks.",
    ],
    "X_IDENTITY_GROWTH": [
        "Finding out I was pregnant was the first time I thought, okay, I have to actually live "
        "now.",
        "I'm not the same woman I was two years ago; I'm a mom who gets up and does the hard "
        "stuff.",
        "Being her mom made me want to be someone she'd be proud to tell her friends about.",
        "My pregnancy was the turning point; I'd tried to stop before, but this time it was for "
        "somebody.",
        "I used to only know how to survive, and now I'm learning how to plan.",
        "I look at myself in the mirror some mornings and I'm like, look at you, a whole mom.",
        "Recovery gave me back myself, and my son gave me a reason to hold onto it.",
        "I'm proud that I'm the kind of mom who knows her kid's pediatrician by name now.",
        "It's weird to say, but I think I grew up more in the last year than in my whole twenties.",
        "I started seeing myself as a mom in recovery instead of a person who used and happened to "
        "have a baby.",
        "I finally feel like I have a say in my own life, and I want my daughter to see that.",
        "Every day she wakes up and I'm there, sober and present, and that's who I am now.",
        "Pregnancy cracked something open in me; I started caring about myself because I had to "
        "care about her.",
        "I'm not perfect, but I'm steady, and steady is something I never was before.",
        "I went back for my GED when he was six months old, because I want him to see me finish "
        "things.",
        "I used to hide from everybody, and now I'm the mom chatting at the playground.",
        "Some days I still can't believe that person was me, and that this person is me too.",
        "I'm pregnant, and honestly I already feel like a different person than I was a year ago.",
    ],
    "X_MULTI_NEEDS": [
        "We got evicted from our place over on {PLACE} when the baby was two months old, and "
        "everything else kind of stopped mattering.",
        "My heat got shut off in January with a newborn in the house, so parenting tips were the "
        "last thing on my mind.",
        "He was hitting me during the pregnancy, and there's no worksheet for that.",
        "I was couch surfing through most of my pregnancy.",
        "My depression after the birth was worse than anything I'd felt while using, and I didn't "
        "have a therapist.",
        "Money was the constant thing; I'd be doing the math for diapers during every "
        "conversation.",
        "I don't have a car, and {CLINIC} is two buses away.",
        "I was dealing with a protective order, an eviction hearing, and a newborn all in the same "
        "month.",
        "My anxiety got so bad postpartum that I couldn't leave the apartment for a while.",
        "Food ran out every month around the twentieth, no matter what I did.",
        "I lost my job when I went into labor early, and nobody held it for me.",
        "The shelter had a curfew that didn't work with my dosing or the baby's feedings.",
        "My PTSD from the stuff with my ex came back hard after the birth, and I didn't know where "
        "to turn.",
        "My phone kept getting cut off, so half my appointment reminders never reached me.",
        "The apartment had mold, the landlord wouldn't fix it, and the baby kept coughing.",
        "I was paying back old fines from years ago, and it ate up what little I had.",
        "I had no one to watch the baby if I got a job interview, so I just didn't go to them.",
    ],
    "X_STIGMA_CARE": [
        "The nurse in labor and delivery asked me, right in front of my mom, how long I'd been 'on "
        "that stuff.'",
        "At the pharmacy they made me wait until everyone else was served before they'd fill my "
        "Suboxone.",
        "My OB's front desk flagged my chart, and I could feel the temperature in the room drop "
        "every time I checked in.",
        "After I said I was on methadone, the doctor stopped making eye contact.",
        "The hospital wouldn't give me real pain medicine after my C-section because of my "
        "history, and nobody explained why.",
        "One nurse kept calling my medication 'your drugs,' like I was still using.",
        "The pediatrician's office asked if I was 'still using' when I brought my daughter in for "
        "a cold.",
        "I got tested at delivery and the girl in the next bed didn't, and we both know why.",
        "The ER treated me like I was there for pills when I had a kidney infection.",
        "The lactation nurse assumed I couldn't breastfeed because of my medication and didn't "
        "even check.",
        "Somebody put 'history of opioid use' in bold in my file, and every new nurse read it "
        "before saying hello.",
        "My dentist refused to see me once he saw buprenorphine on my med list.",
        "I heard two nurses whispering about me at the station, and one of them said 'those "
        "babies' about my son.",
        "When I said I'm in recovery, the ultrasound tech went from chatty to silent.",
        "The urgent care doctor lectured me about my baby's health when I came in for a sprained "
        "wrist.",
        "They sent my daughter's cord off for testing and never told me, and when I asked, the "
        "nurse got snippy.",
        "I started dreading every doctor's appointment because I knew my medication would be the "
        "first thing they'd see.",
        "At my six-week checkup the doctor asked more about my methadone than about my stitches.",
    ],
    "X_CPS_FEAR": [
        "I didn't tell my OB about the one time I used, because I was sure they'd take the baby at "
        "birth.",
        "I skipped a prenatal appointment because I was scared the urine test would get sent "
        "somewhere and cost me my son.",
        "Every time the phone rang from a number I didn't know, I thought it was CPS coming for "
        "her, so I stopped picking up.",
        "I almost didn't take {CHILD} to the ER for a fever, because I was afraid they'd look me "
        "up and call someone.",
        "I kept the baby's bag packed for months, like they'd show up any night to take him.",
        "I didn't tell anyone I was struggling after the birth, because I thought asking for help "
        "would get her taken.",
        "Losing custody of my older son is why I lie to doctors now, even when I don't need to.",
        "I wouldn't tell my prescriber about my drinking, because I thought they'd report me and "
        "I'd lose my baby.",
        "In the hospital I was afraid to sleep, because I thought if I did, they'd take him out of "
        "the room for good.",
        "I didn't apply for some services, because I heard they share information with child "
        "welfare and I couldn't risk her.",
        "The fear of losing her made me say 'I'm fine' to every single doctor for a year.",
        "I knew one positive test could mean a removal, so I didn't say a word about the pills a "
        "friend gave me.",
        "I told my counselor only half the truth, because the other half felt like it'd end with "
        "my daughter in foster care.",
        "When the hospital social worker came in, I froze and answered everything with one word, "
        "because I thought she was there to take him.",
        "My friend's baby got taken over one missed appointment, so I've never missed one, even "
        "when I was sick as a dog.",
        "I stopped going to my support group for a while because someone there knew a caseworker, "
        "and I couldn't risk losing my kids.",
        "I didn't tell the pediatrician about the baby's rough nights, because I thought she'd "
        "decide I wasn't coping and call it in.",
        "Honestly, I'd rather hurt than tell anyone I need help, if help might mean losing him.",
        "Every time there's a knock I check the window first, in case it's someone from the state "
        "coming for my baby.",
        "I was terrified the hospital would hold my daughter because of my methadone, so I barely "
        "asked questions during my stay.",
        "When I had postpartum depression I hid it from everyone; a sad mom on methadone felt like "
        "a mom about to lose her baby.",
        "I kept my recovery a secret from the daycare, because I figured they'd call CPS and take "
        "him the first time he had a bruise.",
        "I didn't sign up for the parenting class at the clinic at first, because the form asked "
        "about child welfare history and I panicked about losing her.",
        "After my older kids were removed, I swore I'd never tell another professional anything "
        "real.",
        "I was scared to ask about breastfeeding in the hospital, in case any question made them "
        "decide I shouldn't take her home.",
        "When the hospital asked who my support people were, I only listed people who'd look good "
        "on paper, in case CPS read it.",
        "That fear of them taking her shaped everything I said and didn't say that first year.",
        "I almost didn't call the nurse line when she swallowed something, because I was scared a "
        "record of the call would get her taken.",
        "My treatment counselor knows the real story, but my OB gets the edited version, because "
        "of what happened to my cousin's kids.",
        "The fear that one bad day could mean losing him is always there, so I never let anyone "
        "see a bad day.",
        "I turned down a free parenting group because it was run by the same agency that handles "
        "child removals.",
        "I wouldn't let the hospital know I was having trouble bonding, because I thought they'd "
        "write it down and use it to keep her.",
        "I'm due soon, and I've kept half my history from the hospital because I lie awake "
        "picturing them taking her.",
    ],
    "X_MOUD_AGENCY": [
        "My OB kept pushing me to taper before the baby came, and I didn't feel like I had a "
        "choice.",
        "Nobody asked me what dose I wanted; they just cut me down after delivery.",
        "I wanted to stay on methadone after the birth, but the clinic made it sound like I should "
        "be wrapping up.",
        "I had to fight to get my dose raised in the third trimester, when my body was clearly "
        "burning through it.",
        "They switched me over to Subutex when I got pregnant, without really asking me.",
        "The doctor said tapering would be better for the baby, and I felt like a bad mom for "
        "saying no.",
        "I felt so much pressure to get off everything by my son's first birthday, like that was "
        "the finish line.",
        "My prescriber wouldn't even discuss split dosing, even though I was sick every afternoon "
        "in my third trimester.",
        "It's my recovery, but it felt like everyone had a vote on my dose except me.",
        "After the birth, my dose went back down so fast I was sick while trying to take care of a "
        "newborn.",
        "My mother-in-law kept saying 'when are you coming off that stuff,' and then my doctor "
        "started saying it too.",
        "I asked about the monthly shot, and they said not during pregnancy, end of discussion.",
        "The clinic told me if I didn't agree to the taper plan I'd lose my take-homes.",
        "I didn't want to go up on my dose because I was scared for the baby, but they acted like "
        "it wasn't my call.",
        "I was told breastfeeding meant I had to keep my dose low, which I later found out wasn't "
        "even true.",
        "Every appointment at the clinic it was 'have you thought about coming down?' like I was "
        "failing by staying steady.",
        "I got to pick between methadone and Suboxone, sure, but then they decided everything "
        "after that.",
        "I'm pregnant, and my doctor already wants to talk about lowering my dose after delivery, "
        "and I haven't agreed to anything.",
    ],
    "X_POSTPARTUM_DROP": [
        "My Medicaid ran out a couple months after the baby, and I had to scramble to keep my "
        "prescriber.",
        "During pregnancy I had appointments every week, and then after the birth it was like "
        "everyone vanished.",
        "The prenatal recovery group was only for pregnant women, so I aged out of it the day she "
        "was born.",
        "After my six-week checkup, nobody from the OB side checked on me at all.",
        "The hospital's special program for moms on medication ended at delivery, and I didn't get "
        "handed off to anyone.",
        "Pregnant, I had a case manager, a counselor, a nurse; three months postpartum I had a "
        "pediatrician and that's it.",
        "The postpartum months were the hardest, and that's exactly when the phone stopped "
        "ringing.",
        "My OB's office discharged me at eight weeks, and I had to find a new doctor on my own.",
        "My insurance changed after the birth, and my counselor wasn't covered anymore.",
        "When I was pregnant everybody wanted to help, and once she was here, all the attention "
        "went to her and off me.",
        "I lost my priority spot at the clinic once I wasn't pregnant, so I was back in the "
        "regular line.",
        "The free rides to prenatal visits stopped after delivery, right when I needed them more.",
        "The pregnancy support texts just stopped coming the week after my son was born.",
        "I had a great OB team, but once the baby came they handed me a pamphlet and said good "
        "luck.",
        "Postpartum, my support group schedule didn't work with a newborn, and nobody offered "
        "anything else.",
        "The pregnancy coverage for my counseling ended after delivery, and I had to reapply from "
        "scratch.",
        "It felt like I fell off a cliff at about two months postpartum; the pregnancy safety net "
        "just rolled up.",
    ],
    "X_NOWS_GUILT": [
        "Watching my son shake in the NICU and knowing it was from my medication, that guilt "
        "doesn't go away.",
        "Every time his scores came back high, I felt like I'd failed him all over again.",
        "I still wonder if his fussiness now is because of what he went through those first weeks.",
        "She was in the NICU for nineteen days, and I counted every single one as my fault.",
        "I couldn't stop reading about withdrawal in newborns at night, looking for anything I'd "
        "missed.",
        "The sound of his high-pitched cry in the hospital still wakes me up some nights.",
        "I knew methadone was the right choice, but seeing him go through withdrawal made me "
        "question everything.",
        "When they started him on morphine, I sat in the bathroom and cried because I did this to "
        "him.",
        "People say it's not my fault, and my head knows that, but my heart didn't get the "
        "message.",
        "I worried for months that the withdrawal would leave him with some kind of damage.",
        "Leaving him in the NICU every night and driving home without him was the worst guilt of "
        "my life.",
        "Even on the days her scores were fine, I still waited every hour for the next bad one "
        "like a sentence.",
        "Every sneeze and yawn in those first days, I was terrified it was the start of "
        "withdrawal.",
        "I think about the two weeks in the special care nursery every time he hits a milestone, "
        "like, did I slow him down?",
        "I had to watch them swaddle him tight and turn the lights down and know he was hurting "
        "because of me.",
        "I kept asking the doctors if he'd remember the withdrawal, like in his body somewhere.",
        "My little one is fine now, but the guilt from those NICU weeks sits right under "
        "everything.",
    ],
    "X_GIVING_BACK": [
        "I want to be a mentor someday, for moms who are where I was two years ago.",
        "If my story keeps one pregnant girl from being scared to tell her doctor the truth, "
        "that's worth it.",
        "I already tell the new moms at my clinic what to expect from a home visitor, so they're "
        "not as scared as I was.",
        "I'm taking a training to do recovery support work, and I want to work with mothers "
        "specifically.",
        "Honestly, I'd love to be a home visitor one day, someone who actually gets it.",
        "I gave my baby clothes and the bassinet to a woman in my group who's due next month.",
        "I'd like to come back and talk to groups like this when I'm further along, to show what's "
        "possible.",
        "Helping other moms is part of my recovery; it keeps me honest.",
        "I started a group chat for moms on medication around here, and now there's like twenty of "
        "us.",
        "Someone sat with me when I was pregnant and terrified, and I want to be that person for "
        "somebody else.",
        "I'm doing this focus group because if it makes the program better for the next girl, "
        "good.",
        "I'd love to work at the hospital talking to moms whose babies are in the NICU, because "
        "I've been in that chair.",
        "When I see a pregnant woman at my methadone clinic who looks scared, I make a point of "
        "saying hi.",
        "My goal is to get my certification and work with new mothers coming out of residential, "
        "the way someone once worked with me.",
        "I volunteer at the diaper bank now, the same one my visitor got me diapers from.",
        "I want my daughter to grow up knowing her mom turned the worst thing into something that "
        "helps people.",
    ],
}

BORDERLINE: dict[str, list[str]] = {
    "HV_WHO_IS_CLIENT": [
        "I guess she asked about me sometimes, too.",
        "It was mostly baby stuff, which, I mean, that's fine, that's what it's for, right?",
        "She'd check on me at the very end, like an afterthought, but at least she checked.",
        "Sometimes I wondered whose appointment it really was.",
        "I think I got something out of it, even if the handouts were all about him.",
    ],
    "HV_MOTHER_EMOTION": [
        "She was nice when I was having a bad day.",
        "She never acted uncomfortable when I talked about the years I was using.",
        "I think she could tell I was stressed, and she kept the visit short that day.",
        "She'd say 'that's hard' a lot, which was kind of nice, I guess.",
        "Once I got teary talking about my dad and she just waited.",
    ],
    "HV_READINESS": [
        "I don't know if I'd have done it any earlier, honestly.",
        "Maybe I should've signed up sooner, but it worked out.",
        "The timing was okay, I guess; the baby was a few weeks old.",
        "I needed a minute before I called them back.",
        "I said yes when I felt a little more settled.",
    ],
    "HV_FAMILY_DYNAMICS": [
        "My mom was usually around during visits, which changed the vibe a bit.",
        "My boyfriend didn't love her coming over, but he got used to it.",
        "Sometimes my sister would be there and it was a lot of people in a small room.",
        "Scheduling around the baby's dad's weekends was a pain.",
        "My grandma had opinions about everything the visitor said.",
    ],
    "HV_SURVEILLANCE": [
        "I always made sure the dishes were done before she came, just because.",
        "It's a little weird having someone look around your place.",
        "I noticed she'd glance at the crib every time, but I don't know, maybe that's normal.",
        "I was a little careful what I said at first, like you are with anybody official.",
        "Sometimes I wondered what her notes said.",
    ],
    "HV_TRUST_BUILD": [
        "I got more comfortable with her as we went.",
        "By the end I'd tell her most things.",
        "She was easier to talk to after the first couple of visits.",
        "It took a bit, but we got there.",
        "I guess I opened up somewhere in there, I couldn't tell you when.",
    ],
    "HV_CONCRETE": [
        "She'd bring a little something sometimes, like wipes.",
        "She gave me a phone number for a food place once.",
        "She printed out a form for me one time.",
        "I think she mentioned a diaper drive, I don't remember if I went.",
        "She had a box of donated stuff in her trunk and let me pick a couple things.",
    ],
    "HV_CONVENIENCE": [
        "It's nice not having to go anywhere, I guess.",
        "Being at home was easier, mostly.",
        "I didn't mind that she came to the house.",
        "At least I didn't have to drive.",
        "Home visits worked better with my schedule, probably.",
    ],
    "HV_CHILD_DEV": [
        "She'd ask what the baby was doing lately, rolling or whatever.",
        "We did some questionnaire about him, I don't remember what it was for.",
        "She left a handout about baby stuff, I think it's still in a drawer.",
        "She said he looked like he was doing fine.",
        "I think she mentioned reading to him.",
    ],
    "HV_VISITOR_PREP": [
        "She seemed to know a little about methadone, more than I expected.",
        "I don't think she'd worked with a lot of moms on medication, but she didn't say anything "
        "wrong.",
        "She asked a couple questions about my Suboxone that made me think she was new to it.",
        "She knew some stuff about recovery, not a ton.",
        "When I said 'dosing,' she kind of nodded like she sort of knew.",
    ],
    "HV_ELIGIBILITY": [
        "I think there was some kind of waitlist, but I got in pretty fast.",
        "They asked a lot of questions at intake about whether I'd had other kids.",
        "My friend said she couldn't do it, something about her age, I don't know.",
        "I barely made it in, timing-wise.",
        "There were rules about who could sign up, I just didn't pay attention to them.",
    ],
    "X_COLLAB_ENGAGE": [
        "She seemed to care, mostly.",
        "She'd follow up on things sometimes.",
        "I think she was on my side, for the most part.",
        "She asked what I thought before making a plan, at least once or twice.",
        "She was okay about working with me on stuff.",
    ],
    "X_IDENTITY_GROWTH": [
        "I feel a little different about myself since the baby.",
        "I guess I'm more responsible now.",
        "Being pregnant kind of changed things for me.",
        "I'm getting there, as a mom, I think.",
        "Having him made me slow down some.",
    ],
    "X_MULTI_NEEDS": [
        "Money's tight, but whose isn't.",
        "We moved a couple of times that year.",
        "Things were kind of a lot at home back then.",
        "I didn't always have a ride, but I figured it out.",
        "My nerves have been bad lately, on top of everything.",
    ],
    "X_STIGMA_CARE": [
        "The nurses at the hospital were a little short with me, I don't know why.",
        "I got a weird look at the pharmacy once.",
        "Some doctors are just different with you when they read your chart.",
        "The front desk lady wasn't super friendly when I said where I dose.",
        "I felt a little talked down to at my six-week appointment.",
    ],
    "X_CPS_FEAR": [
        "You always kind of worry about CPS when you have a history.",
        "I was a little nervous at the hospital, with the baby and everything.",
        "I watch what I say to doctors, just in case.",
        "Part of me always wonders who might call someone.",
        "I don't love filling out forms that ask about my family.",
    ],
    "X_MOUD_AGENCY": [
        "My dose got changed after the birth, I think they decided that.",
        "They talked to me about tapering; I didn't really want to.",
        "I tapered too fast because I wanted to prove something, and honestly, someone should have "
        "slowed me down.",
        "I'm not sure how much say I had in my dose, honestly.",
        "The doctor had an opinion about my methadone, and it usually won.",
    ],
    "X_POSTPARTUM_DROP": [
        "Things got quieter after the baby came.",
        "I had fewer appointments after the birth, which was good and bad.",
        "My insurance was confusing after I had her.",
        "People stopped checking on me as much.",
        "After a couple months it was mostly just me.",
    ],
    "X_NOWS_GUILT": [
        "He had a few rough nights in the hospital, and it bothered me.",
        "I still think about his first week sometimes.",
        "She stayed a little longer at the hospital than I wanted, for monitoring.",
        "I worried about him being fussy, the usual stuff, maybe a little more.",
        "They watched him closely at first because of my medication, and I hated that part.",
    ],
    "X_GIVING_BACK": [
        "Maybe someday I could help other moms, who knows.",
        "I'd tell a new mom what I know, if she asked.",
        "I gave away some baby stuff when he outgrew it.",
        "It'd be cool to help with something like this.",
        "I like when newer moms ask me questions.",
    ],
}

AMBIGUOUS: dict[tuple[str, str], list[str]] = {
    ("HV_SURVEILLANCE", "X_CPS_FEAR"): [
        "I never told my nurse when I slipped, because I was sure she'd call and they'd take him.",
        "Every time my home visitor wrote something down, I pictured it landing on a caseworker's "
        "desk and my daughter in foster care.",
        "I scrubbed like crazy before visits because I thought one sippy cup on the floor could "
        "cost me my son.",
        "I cancelled visits when things were bad, because a bad week plus a visitor equals a "
        "removal in my head.",
        "The visitor's safe sleep questions felt like the first step toward them taking her.",
        "I answered the parent educator's questions like I was in court, because losing my kids "
        "again wasn't an option.",
        "I didn't let her see the bedroom for months; I was scared she'd find something and my "
        "baby would be gone.",
        "Having a mandated reporter in my kitchen every week meant I kept the real stuff locked "
        "up, because I've had a child removed before.",
        "She asked about my mood and I said great, always great, because a sad mom gets reported "
        "and a reported mom loses her kid.",
    ],
    ("HV_MOTHER_EMOTION", "X_NOWS_GUILT"): [
        "I admitted to my nurse that I blamed myself for his NICU stay, and she sat with me and "
        "said guilt was proof I loved him.",
        "My home visitor let me talk about the withdrawal weeks as long as I needed, without "
        "trying to rush me to feeling better.",
        "I cried about his tremors in the hospital, and {STAFF} said I'd made the safest choice I "
        "could, and I needed to hear that.",
        "My visitor helped me separate 'he went through withdrawal' from 'I'm a bad mother,' which "
        "I couldn't do on my own.",
        "Whenever his fussy nights brought back the NICU memories, the parent educator talked me "
        "through the guilt.",
        "She wanted to know how the NICU sat with me, not what happened, but how I felt, and it "
        "all came out.",
        "I kept apologizing to my daughter for the withdrawal, and my nurse gently asked if I "
        "could forgive myself too.",
        "My EI provider noticed I flinched every time she mentioned his early weeks, and she asked "
        "about it kindly.",
        "The nurse told me a lot of moms carry guilt about the special care nursery, and that I "
        "could put some of it down.",
    ],
    ("HV_WHO_IS_CLIENT", "HV_CHILD_DEV"): [
        "Every visit was the ASQ and milestones, and I started to feel like a delivery person for "
        "the baby.",
        "She did the developmental screening and then asked me the same kind of questions about my "
        "own goals, which I liked.",
        "Early Intervention is for my son's development, obviously, but I kept wishing someone "
        "would check how I was doing.",
        "She'd spend the whole hour on tummy time and babbling, and I'd think, okay, but who's "
        "checking on mom?",
        "The parenting tips were good, but they were all about him, and I wasn't sure where I fit.",
        "I liked that she framed the milestone stuff as things I was doing well, not just things "
        "he was doing.",
        "Half the visit was his motor skills and half was me, and honestly that split felt right.",
        "When the screening flagged his speech, she focused on him, and I felt kind of invisible "
        "for a month.",
        "She'd show me how to play with him, and I realized the coaching was kind of for me too.",
    ],
    ("HV_TRUST_BUILD", "HV_SURVEILLANCE"): [
        "Around the sixth visit I stopped scrubbing the whole apartment before she came.",
        "At first I thought she was there to spy on me, but after a few months I believed she "
        "really wasn't.",
        "I used to hide my meds when she came, and now they just sit on the counter where they "
        "always are.",
        "Once she'd seen my place on a bad day and nothing happened, I started relaxing and "
        "telling her things.",
        "Her notes used to scare me, until she started reading them back to me at the end of each "
        "visit.",
        "It took a while to stop seeing her as an inspector and start seeing her as someone on my "
        "side.",
        "The first time I let her into the baby's room without tidying it, that was a big deal for "
        "me.",
        "I spent the early visits watching her watch me, and it was probably month four before "
        "that stopped.",
        "Now I'll tell her if the house is a disaster, but the first year I would've rescheduled.",
    ],
    ("HV_CONCRETE", "X_MULTI_NEEDS"): [
        "When we were about to lose the apartment, my visitor helped me apply for emergency rental "
        "help.",
        "She found me a domestic violence advocate and drove me to the first meeting.",
        "My home visitor got me a gas card so I could keep getting to the methadone clinic when I "
        "was flat broke.",
        "When my lights were about to get cut off, the parent educator knew who to call for the "
        "energy assistance form.",
        "She connected me with a therapist after I told her about my panic attacks, because that "
        "was way beyond her job.",
        "She brought groceries the week my benefits got delayed, which wasn't in any curriculum.",
        "She helped me fill out the shelter application when I had nowhere to take the baby.",
        "My nurse helped me sign up for the transportation program because I had no car and three "
        "appointments a week.",
        "She got me on the list for a winter coat drive and a utility payment plan in the same "
        "visit.",
        "She helped me sign up for a free phone program when mine got shut off and I couldn't pay "
        "the bill.",
    ],
    ("HV_MOTHER_EMOTION", "HV_TRUST_BUILD"): [
        "It was only after months of visits that I could cry in front of her, and when I did, she "
        "handled it so gently.",
        "The more she responded kindly to my bad days, the more I trusted her with the worse ones.",
        "Because she never shamed me for the small stuff, I eventually told her about the big "
        "stuff.",
        "She earned my trust by how she reacted the first time I admitted I felt like a failure.",
        "Slowly she became the person I could tell about the guilt, and she never made it heavier.",
        "By about month five I could say 'I'm not okay' to her, and she'd just stay.",
    ],
    ("HV_WHO_IS_CLIENT", "HV_MOTHER_EMOTION"): [
        "She asked how I was doing before anything about the baby, and when I said not great, she "
        "let that be the visit.",
        "Knowing my feelings counted as part of the program, not just his weight, made me feel "
        "like a real person.",
        "She'd spend time on my anxiety like it was just as important as his feeding schedule.",
        "I didn't think the program cared about my grief, but my visitor made room for it every "
        "week.",
        "When I told her the guilt was eating me alive, she said that's exactly what these visits "
        "are for.",
        "For once the focus was on how I was coping, not just on the baby's next checkup.",
    ],
    ("HV_READINESS", "X_CPS_FEAR"): [
        "I put off enrolling until my CPS case closed, because I couldn't risk one more person who "
        "might take her.",
        "I said no at first because I thought signing up would put me on the radar of people who "
        "remove kids.",
        "I only felt ready to let a visitor in once I knew my custody was secure.",
        "Signing up while my case was open felt like handing them a reason to take him, so I "
        "waited.",
        "I wasn't ready for home visits while I was still scared they'd take her at any moment.",
        "The timing had to be after my custody hearing, because before that, every stranger was a "
        "threat to keeping my son.",
    ],
    ("HV_CONCRETE", "X_COLLAB_ENGAGE"): [
        "The nurse called the pharmacy for me when they messed up my prescription, right there on "
        "speaker.",
        "She didn't just hand me the daycare form; she called the office and pushed until they "
        "processed it.",
        "When the WIC office lost my paperwork, she went down there with me and got it sorted.",
        "She got me a crib and then stayed to make sure it was put together right, like she really "
        "cared how it turned out.",
        "She made calls for me about my son's evaluation until someone finally scheduled it.",
        "She refused to let my Medicaid renewal fall through the cracks and sat on hold with me "
        "for an hour.",
        "When I got discharged without my medication lined up, she made phone calls until it was "
        "fixed.",
    ],
    ("HV_VISITOR_PREP", "X_STIGMA_CARE"): [
        "My first nurse called my medication a crutch, which is the same thing the hospital nurses "
        "said.",
        "My visitor clearly didn't know much about methadone and treated me like I was still "
        "using.",
        "Her questions about my Suboxone felt less like curiosity and more like suspicion.",
        "The nurse kept asking if the baby was 'affected,' like my treatment was poison.",
        "When my home visitor found out I was on buprenorphine, her whole tone changed, and I "
        "don't think she even noticed.",
        "She seemed scared of me after she read my file, like she'd never met a mom in recovery.",
    ],
}

NEGATIVE: dict[str, list[str]] = {
    "HV_WHO_IS_CLIENT": [
        "With my first home visitor, I honestly couldn't tell you if she knew my name or just his.",
        "She'd weigh the baby, write it down, ask about feeding, and leave; I don't think she ever "
        "asked about me once.",
        "I felt like an incubator with an address, you know, the baby was the point and I was the "
        "location.",
        "When I tried to bring up how I was doing, the parent educator kind of nodded and turned "
        "the page back to the baby activities.",
        "I stopped the visits because it was all baby, all the time, and I was the one falling "
        "apart.",
        "My nurse was sweet, but I could've been anybody; she was there for my daughter's chart.",
        "I mentioned I hadn't slept in three days and she said, well, is he sleeping, and that "
        "told me everything.",
    ],
    "HV_TRUST_BUILD": [
        "We did visits for almost a year and I never once told her anything real.",
        "Every time I started to trust her, they'd switch me to a new visitor and I'd shut down "
        "again.",
        "She repeated something I'd told her in front of my mom, and after that I kept everything "
        "surface-level.",
        "She'd cancel last minute so often that I never got attached, and I stopped caring if she "
        "came.",
        "It never clicked; twelve visits in, it still felt like talking to a form.",
        "I wanted to trust her, I really did, but she always seemed in a hurry to get to the next "
        "house.",
        "Honestly, the more visits we had, the less I said, because she never really listened.",
    ],
    "X_COLLAB_ENGAGE": [
        "She was clocking in and clocking out; I never felt like she cared how things turned out "
        "for me.",
        "When I needed her to back me up with the caseworker, she said that wasn't her role and "
        "left it there.",
        "My visitor made the plan, told me the plan, and that was it; I wasn't part of it.",
        "I asked her to come to one meeting with my prescriber and she said she didn't have time, "
        "and that told me where I stood.",
        "She'd promise to look into things and then never mention them again.",
        "It felt like I was a number on her caseload, honestly, not a person she was working with.",
    ],
    "HV_VISITOR_PREP": [
        "My first visitor asked if Suboxone was the same thing as heroin, and I just stared at "
        "her.",
        "She didn't know what a take-home dose was, so I spent half the visit educating her.",
        "The parent educator kept calling it 'your methadone habit,' and she had no idea why that "
        "stung.",
        "Honestly, she knew everything about babies and nothing about recovery.",
        "When I said I was eight months into treatment, she said congratulations on being almost "
        "done, which, no.",
        "She looked up buprenorphine on her phone during our visit, which, I mean, at least she "
        "tried, but still.",
    ],
    "HV_MOTHER_EMOTION": [
        "I started crying once and my visitor looked at her watch.",
        "When I told her I felt guilty all the time, she handed me a pamphlet and moved on.",
        "My visitor got visibly uncomfortable when I talked about my grief, so I stopped bringing "
        "it up.",
        "I told the parent educator I was anxious and she said just try to stay positive, which "
        "did nothing.",
    ],
    "HV_CONCRETE": [
        "She said she'd look into a car seat for me, and the baby was three months old before I "
        "got one from somewhere else.",
        "I asked for help with the daycare application and she said paperwork wasn't her area.",
        "Every resource list she gave me was out of date; half the numbers were disconnected.",
        "Honestly, my visitor never brought anything but handouts.",
    ],
    "HV_CHILD_DEV": [
        "The ASQ felt like box-checking; she never explained what the scores meant.",
        "I told her I was worried about his speech and she said he'd grow out of it, and then EI "
        "found a real delay at two.",
        "Her baby tips were stuff I could've looked up online in five minutes.",
        "The activities the parent educator brought were way too young for my daughter, every "
        "time.",
    ],
    "HV_CONVENIENCE": [
        "Having visits at home meant I couldn't just leave when it got uncomfortable.",
        "With my roommates around, home was the worst place to have a private conversation.",
        "She kept rescheduling, so I'd stay home all day waiting for a visit that didn't happen.",
        "I actually would've preferred meeting somewhere else; my place just isn't set up for "
        "company.",
    ],
}

DIMENSIONS: dict[str, dict[str, list[str]]] = {
    "HV_SURVEILLANCE": {
        "who_initiates": [
            "What sets me off is when she pulls out the clipboard with the home safety list.",
            "The moment she asks to use the bathroom, I'm thinking, okay, now she's going to see "
            "the medicine cabinet.",
            "It's mostly the questions about who comes over and who stays the night that make me "
            "feel checked on.",
            "Her looking in the fridge for the formula, that's the trigger for me, every time.",
            "The mood questionnaire, the one with the numbers, that's what flips the switch.",
            "For me it's when she asks about my dose, like, why does a parenting program need my "
            "milligrams?",
            "When she takes a picture of the baby's rash to show her supervisor, my stomach drops.",
            "It's not her, it's the forms at the end with the boxes she checks that make it feel "
            "official.",
            "It starts before she even gets here, with the reminder text that says she'll be doing "
            "the six-month home review.",
        ],
        "consequences": [
            "I started saying less and less during visits, just yes, fine, he's good.",
            "I cancelled three visits in a row that winter because the place was a mess and I "
            "couldn't face her seeing it.",
            "I hid the ashtray and the lighter in the dryer before every visit.",
            "I never mentioned my boyfriend's brother crashing on our couch, because I knew she'd "
            "write it down.",
            "I'd answer the screening questions the way I thought a good mom would, not the way I "
            "actually felt.",
            "Whenever I had a rough week, I'd text her that the baby had a cold so she wouldn't "
            "come.",
            "I stopped asking her questions, because every question felt like admitting I didn't "
            "know something.",
            "I moved our visits to the library for a while so she wouldn't be in my apartment.",
            "I didn't put my real address on the contact sheet at first, which sounds crazy now.",
        ],
        "coping": [
            "I spend like two hours scrubbing before she comes, bleach, the whole thing, even the "
            "baseboards.",
            "I always make sure my mom is there during visits, just so I have a witness.",
            "One day I just asked her flat out, what do you write down after you leave, and she "
            "showed me.",
            "I keep a little list of what I'm going to talk about so I don't ramble into something "
            "I'll regret.",
            "I schedule her on days I've just dosed and feel steady, so I'm at my best when she's "
            "looking.",
            "I put the baby in a fresh outfit right before she knocks, every time, like picture "
            "day.",
            "I asked if I could read her visit notes, and she said yes, and reading them calmed me "
            "down a lot.",
            "I joke around a lot during the visits; it's how I handle feeling looked at.",
            "My strategy was to keep the visits in the living room; the bedrooms were off limits "
            "in my mind.",
        ],
        "mandated_reporting_explained": [
            "On day one {STAFF} explained exactly what she has to report and what she doesn't, and "
            "honestly that was a relief.",
            "My nurse said being on medication isn't something she reports, and I didn't believe "
            "her until I saw it in writing.",
            "Nobody explained the reporting stuff until month four, and by then I'd already been "
            "hiding things for months.",
            "The parent educator drew it out for me on a napkin: what's a concern, what's a "
            "report, and what just stays between us.",
            "She told me if she ever had to call, she'd tell me first and I'd be in the room, and "
            "that changed how the visits felt.",
            "I wish they'd explain mandated reporting before you sign up, not bury it in the "
            "consent packet.",
            "When I asked whether a positive test would get reported, my visitor actually looked "
            "it up and came back with a straight answer.",
            "My EI provider said she's a mandated reporter just like a teacher, which made it "
            "sound less like a trap.",
            "Hearing her say 'a messy house is not neglect' out loud did more than any pamphlet.",
        ],
        "changes_over_time": [
            "At first I felt inspected every visit, and now it's more like only when she brings a "
            "new form.",
            "The watched feeling came back hard after the baby fell off the bed, even though she "
            "never said anything.",
            "When I was pregnant it didn't feel like inspection at all; it started once there was "
            "a baby in the house to look at.",
            "It eased up over the first year, but whenever there's a new visitor, I'm back at "
            "square one with the scrubbing and the nerves.",
            "Right after my slip in the spring, every visit felt like an audit again.",
            "By month eight I wasn't hiding the laundry pile anymore, but I still watch what she "
            "writes.",
            "It got worse when they switched her to a tablet, because I couldn't see the notes "
            "anymore.",
            "Once my son turned one, the visits were more about his words and less about the "
            "house, and the spotlight felt off me.",
            "The inspection feeling faded, then spiked when my file at the clinic changed hands, "
            "then faded again.",
        ],
    },
}

DISTRACTORS: list[dict] = [
    {
        "kind": "caseworker_not_visitor",
        "codes": ["X_CPS_FEAR"],
        "trap": ["HV_SURVEILLANCE"],
        "sentences": [
            "When the CPS caseworker came for her monthly home check, I didn't mention the rough "
            "week I'd had, because I thought she'd take him.",
            "The caseworker opened every cabinet in my kitchen, and I was terrified she'd find "
            "some reason to remove my daughter.",
            "My caseworker's visits are the ones that scare me; she can take the baby, and I don't "
            "tell her anything extra.",
            "I used to stay up the night before my caseworker came, scrubbing, because I was sure "
            "she'd find something and take him.",
            "The child welfare caseworker checked the baby for bruises, and I kept my mouth shut "
            "about everything else so I wouldn't lose him.",
            "After the hospital report, a caseworker came out, and I told her only what I had to, "
            "because I knew she could remove my son.",
            "My case plan says unannounced visits, so every knock could be the worker who decides "
            "whether I keep her, and I live like it.",
            "I didn't tell my CPS worker I was behind on rent, because I thought that'd be the "
            "excuse to take my kids.",
            "The caseworker walked through the whole apartment, and I kept my answers short, "
            "thinking one wrong word and my daughter goes into foster care.",
            "With my caseworker I say as little as possible; she's the one who actually decides if "
            "my baby stays.",
            "I told my caseworker my boyfriend had moved out even though he hadn't, because I was "
            "scared she'd remove the baby.",
            "After my CPS worker's surprise visit, I stopped answering the door for anyone I "
            "didn't know, in case they'd come for him.",
            "My caseworker asked about my dose, and I lied and said it was lower, because I "
            "thought a high dose would count against me for custody.",
        ],
    },
    {
        "kind": "caseworker_not_visitor",
        "codes": [],
        "trap": ["HV_SURVEILLANCE", "X_CPS_FEAR"],
        "sentences": [
            "My caseworker comes on the first Tuesday of the month, usually around noon.",
            "My CPS worker was actually fine, pretty quick, in and out in twenty minutes.",
            "My case closed last spring, so I don't have a caseworker coming anymore.",
            "The caseworker brought a new worker with her last time, for training or something.",
        ],
    },
    {
        "kind": "family_help",
        "codes": [],
        "trap": ["HV_CONCRETE"],
        "sentences": [
            "My mom comes over every morning so I can shower and eat something.",
            "My grandmother bought the stroller and the car seat before I even had a baby shower.",
            "My nana takes the baby on Saturdays, and it's the only time I sleep more than four "
            "hours.",
            "My aunt drives me to my appointments when she's off work.",
            "My sister gave me all her baby clothes from her two kids, bags and bags of them.",
            "My grandma taught me how to swaddle the old-fashioned way, tight like a burrito.",
            "My mother-in-law picks up diapers whenever she's at the store, without even asking.",
            "My grandmother babysits while I go dose so I don't have to bring the baby to the "
            "methadone clinic.",
            "My dad built the crib himself, which was honestly the sweetest thing.",
            "My mom does the night feeding on Fridays so I can get a real night's sleep.",
            "My cousin set up a meal train when I got home from the hospital.",
        ],
    },
    {
        "kind": "family_help",
        "codes": ["HV_FAMILY_DYNAMICS"],
        "trap": ["HV_CONCRETE"],
        "sentences": [
            "My grandmother helps with the baby a lot, but she answers the visitor's questions for "
            "me and it drives me nuts.",
            "My mom watches my daughter during visits, but she's still drinking, so I never know "
            "which mom I'm going to get.",
            "My grandma has temporary guardianship, so even though she does all the baby care, the "
            "visitor has to set everything up through her.",
            "My mother-in-law brings groceries, but she also tells my home visitor I'm not doing "
            "enough, so it's complicated.",
            "My aunt keeps the baby while I work, but she doesn't want the parent educator coming "
            "to her house, so we only get half the visits.",
        ],
    },
    {
        "kind": "pediatrician_not_visitor",
        "codes": [],
        "trap": ["HV_CHILD_DEV"],
        "sentences": [
            "At his nine-month checkup the pediatrician said he's right on track with crawling and "
            "pulling up.",
            "The pediatrician had me fill out a milestone form in the waiting room while he "
            "screamed.",
            "Our doctor said her head measurement is totally normal now, which was a relief.",
            "At the well-child visit the pediatrician said to start offering a cup with meals.",
            "My son's doctor asked if he's saying any words yet, and I said 'dada' counts, right?",
            "The pediatrician did the autism screening questions at eighteen months, standard "
            "stuff.",
            "At the twelve-month appointment the doctor checked his walking and said there's no "
            "rush.",
            "Her pediatrician says she's tall for her age, like ninetieth percentile, which she "
            "gets from her dad.",
            "The nurse at the pediatric office showed me how to brush the baby's two teeth with a "
            "finger brush.",
        ],
    },
]

UNCODED: list[str] = [
    "Is the air conditioning always this strong in here?",
    "Okay, whoever picked the banana bread, you have my vote.",
    "Sorry I'm late, the bus was running like twenty minutes behind.",
    "My son's getting his top teeth and he's been drooling on everything.",
    "She slept six hours straight last night and I didn't know what to do with myself.",
    "I had the worst heartburn my whole third trimester, like fire.",
    "Ha, yeah, been there, totally.",
    "Sorry, can you say the question again?",
    "My feet were so swollen at the end I couldn't wear anything but slides.",
    "He's obsessed with the dog right now, just follows her around.",
    "Hang on, I'm going to refill my water before we start again.",
    "It's supposed to snow again this weekend, ugh.",
    "My daughter learned to say 'no' and now it's her favorite word.",
    "Oh my gosh, the parking here is terrible.",
    "I had such bad morning sickness I lived on crackers and ginger ale.",
    "My toddler put a sock in the toilet yesterday, so that's my life.",
    "Wait, is the baby room open? I might need to change him.",
    "I'm running on like three hours of sleep, so bear with me.",
    "Teething is the worst; we've gone through every frozen thing in the house.",
    "Did anybody else crave pickles? Because I was eating them out of the jar.",
    "Her favorite show is the one with the singing trucks, and I know every song now.",
    "Sorry, that's my phone, let me silence it.",
    "I love your shirt, where'd you get it?",
    "{CHILD} just started crawling backwards, which is hilarious.",
    "My back still hurts from carrying her in that car seat everywhere.",
    "It's been raining for like a week straight.",
    "We went to the park yesterday and she ate sand, so.",
    "Okay, I'm done, somebody else go.",
    "I don't even know what day it is anymore, honestly.",
    "These chairs are so uncomfortable, no offense.",
    "My son's first word was 'uh-oh,' which feels about right.",
    "I swear my baby only poops right after I change him.",
    "Yeah, mm-hm, I hear you.",
    "Oh, that's funny, my cousin has the same name as you.",
    "Whoever made the fruit tray, thank you, I haven't had strawberries in forever.",
    "I had to pee every ten minutes that last month.",
    "He's wearing twelve-month clothes and he's only six months, he's huge.",
    "My daughter won't eat anything green, she just throws it on the floor.",
    "I think my car's making that noise again, I'll deal with it later.",
    "Wait, how long do we have left?",
    "Sorry, I totally lost my train of thought.",
    "The heat wave last month was brutal with a newborn.",
    "She's going through a clingy phase where I can't even go to the bathroom alone.",
    "I did my hair today for the first time in like a month, so notice it.",
    "Ha! Oh my God, yes.",
    "My baby shower was at a bowling alley, which was random but fun.",
    "Can somebody pass the napkins?",
    "He's got a cold right now, so if you hear coughing from the nursery, that's him.",
    "Do they have decaf? I can't do regular anymore.",
    "I've watched the same cartoon like forty times this week.",
    "I'm so tired of people asking when I'm having another one.",
    "My daughter calls every animal 'dog,' even the cows.",
    "The leg cramps at night when I was pregnant, oh my God.",
    "I keep forgetting where I put my keys; it's the baby brain.",
    "We're trying to potty train and it's going terribly.",
    "I just want to say I love that everybody brought pictures today.",
    "That's a cute name, I almost named mine that.",
    "My son screams in the car seat for the first five minutes of every drive.",
    "I can't believe it's almost the holidays already.",
    "Her hair is finally growing in, she was bald forever.",
    "Anyway, yeah, that's kind of where I'm at.",
    "Does anybody know if the store on the corner closes at six?",
    "I had such a craving for spicy noodles when I was pregnant.",
    "The baby kicked so hard once my phone fell off my stomach.",
    "I'm sorry, I'm rambling now.",
    "We got a new puppy, which was maybe not my smartest move.",
    "He's been waking up at five like it's a job.",
    "Oh, I love that song, my daughter dances to it.",
    "Sorry, I'm just eating my cookie, go ahead.",
    "This room's way nicer than the one last time.",
    "My water broke in the grocery store, in the cereal aisle, of all places.",
    "Does anybody else's kid hate socks?",
    "My toddler has a pet rock named Steve.",
    "Ugh, I spilled coffee on myself, hold on.",
    "I've been walking a lot now that it's warmer.",
    "She laughs at the vacuum cleaner, I don't know why.",
    "Hi, sorry, I'm here, I'm here.",
    "I can't remember the last time I watched a grown-up movie.",
    "My son thinks the microwave beep is a song.",
]

BUILD_ON: list[str] = [
    "Same for me.",
    "Yeah, like she said,",
    "I kind of disagree, though.",
    "Ours was different.",
    "That's exactly it.",
    "Mm, yeah, me too.",
    "Can I add to that?",
    "Okay, but for me it was the opposite.",
    "Honestly, same.",
    "Going off what she just said,",
    "Yes! Thank you.",
    "I was going to say the same thing.",
    "That's so real.",
    "I hear that, but",
    "It's funny you say that, because",
    "See, mine wasn't like that at all.",
    "Right, and also,",
    "Building on that,",
    "Totally.",
    "I feel that.",
    "Mine too, kind of.",
    "Not to disagree, but",
    "Oh, that reminds me,",
    "Exactly, and",
    "I'm with her on that.",
    "That happened to me too, almost exactly.",
    "Yeah, no, same here.",
    "Kind of the same, but different.",
    "Piggybacking on that,",
    "I mean, I get it, but",
]

COLLOQUIAL: dict[str, list[str]] = {
    "X_IDENTITY_GROWTH": [
        "I've been clean since before I found out I was pregnant, and being her mom is the reason "
        "I stay that way.",
        "Being clean and being a mom at the same time, that's the version of me I'm proud of.",
        "I got clean for the baby at first, but now I'm doing it for me too.",
    ],
    "HV_TRUST_BUILD": [
        "It took months before I told my visitor I'd only been clean a few weeks when we started.",
        "After a lot of visits I finally admitted to her I hadn't been as clean as I'd said at "
        "intake.",
    ],
    "X_STIGMA_CARE": [
        "The nurse asked if I was 'clean now' in this voice, like she was talking to a kid.",
        "Even with two years clean, the doctor still acted like I was going to steal the "
        "prescription pad.",
    ],
}
