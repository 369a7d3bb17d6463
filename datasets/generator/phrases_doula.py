"""Phrase bank for the doula model of the simulated qualkit focus groups.

Every sentence here is fiction written for this kit: the imagined speakers are pregnant or recently
delivered women in treatment for opioid use disorder (most on buprenorphine or methadone) who had
a community doula before, during and after birth. No sentence comes from a real participant,
paper, abstract or title.

The generator engine builds speaker turns by drawing sentences from these lists, and the label a
sentence sits under is the code the answer key plants for it. The labels are therefore
instructor-side answer material: they travel into ``datasets/key/`` and never into the student
corpus.

- ``PHRASES``: code -> sentences that on their own clearly justify that code and no other.
- ``BORDERLINE``: code -> sentences that justify the code, but only just.
- ``AMBIGUOUS``: (code_a, code_b) -> sentences that genuinely fit both adjacent codes.
- ``NEGATIVE``: code -> negative cases (the doula or service did not help, or the expected
  pattern did not happen), still coded with that code.
- ``DIMENSIONS``: code -> dimension -> sentences, for the meaning-saturation exercise.
- ``DISTRACTORS``: talk that tempts a wrong code; ``codes`` lists what really applies.
- ``UNCODED``: talk that carries no code.
- ``BUILD_ON``: short openers that build on the previous speaker.
- ``COLLOQUIAL``: code -> sentences with a colloquial self-description ("clean") that the kit
  flags for the language lesson.
"""

PHRASES: dict[str, list[str]] = {
    "DOULA_PRESENCE": [
        "She got to the hospital before I did, sitting in the lobby with a bag of ice chips and a "
        "heating pad.",
        "At like three in the morning, when I couldn't do it anymore, her hand was just there on "
        "my lower back, pressing through the whole contraction.",
        "My labor was twenty-two hours and she did not leave, not once, except to pee.",
        "She counted me through every push, real quiet, right by my ear.",
        "Honestly I don't remember much of the birth, but I remember her face, right there.",
        "A cold washcloth on my neck, swapped out before I even asked, that was her all night.",
        "When they turned the lights down she pulled the chair up next to me and just kept "
        "breathing with me.",
        "I squeezed her hand so hard I think I left marks, and she didn't even flinch.",
        "We walked that hallway for hours, stopping every time a contraction hit so I could lean "
        "on her.",
        "Um, what got me was the shift change, all the nurses' faces changed and hers didn't.",
        "I had a C-section and she was right up by my head behind the curtain the whole time, "
        "hand on my shoulder.",
        "She had me swaying on the ball and she'd rock with me, like we were slow dancing at prom.",
        "Every time I opened my eyes she was there, and that's, like, that's the whole thing for "
        "me.",
        "She brought a little speaker and put on the playlist we made together at thirty weeks.",
        "When I started shaking after the epidural she tucked a warm blanket around me and held "
        "my feet.",
        "The first person to say you're almost there, I can see hair, that was my doula.",
        "Labor was scary fast for me, two hours, and she still made it, running in with her coat "
        "half on.",
        "Even while I was yelling at everybody she kept her voice low and steady.",
        "She didn't talk much in labor, she just knew exactly when to squeeze my hips.",
        "With my first baby I was alone in that room, and this time my doula held my hand the "
        "entire night.",
        "Maybe an hour of sleep she got, curled up in that vinyl chair, and she woke up the "
        "second I moaned.",
        "When they put him on my chest she was crying right along with me.",
        "My doula did counter-pressure for so long her arms were shaking, and she still wouldn't "
        "stop.",
        "Drink, pee, change positions, all the little stuff you forget when you're in it, she "
        "kept track of.",
        "The induction took like two days, and she came back every morning and stayed till late "
        "at night.",
        "I kept telling her to go home and she kept saying, I'm not going anywhere.",
        "During transition she had her forehead on mine, and I can't explain it, but it worked.",
        "There was a moment I thought I'd pass out and her voice just pulled me back.",
        "Honestly, having one person in that room who wasn't clocking in and out made all the "
        "difference.",
        "Between contractions she fed me honey sticks, which sounds silly, but I had nothing left.",
        "She stayed through the stitches and the first feed and didn't leave till I was asleep.",
        "It was the middle of a snowstorm and she still got there at four a.m.",
        "I'm not a touchy person at all, but I let her hold me up in the shower for an hour.",
        "When the monitor kept beeping and people came running in, she didn't move from my side.",
        "One more, just this one, she whispered it every single time, and I believed her.",
        "{STAFF} stayed on the phone with me through early labor at home, then met me at triage.",
        "From the first real contraction to when they wheeled me up to postpartum, she was there.",
        "I kept my eyes on her the whole time, like she was the only thing in the room.",
        "She rubbed my feet while I was pushing, which, I don't know why, but it helped.",
        "Just her sitting there, not on her phone, watching me, I felt safe enough to let go.",
        "She held the bucket when I threw up and then held my hair back, like a best friend at a "
        "party.",
        "My mom couldn't handle it and left the room, but the doula stayed put, right by the bed.",
        "She timed the contractions on her phone so I didn't have to think about anything.",
        "Through the whole night she kept one hand on me somewhere, my arm, my back, my hair.",
    ],
    "DOULA_RECOVERY": [
        "Every morning she'd text me, did you dose yet, with a little sun emoji.",
        "She made sure my strips were packed in my hospital bag so I wasn't gonna miss a day.",
        "I was terrified they wouldn't give me my methadone in the hospital, and she kept telling "
        "me, you'll get your dose, nobody's skipping it.",
        "The morning of my C-section she called to make sure I'd taken my dose like the doctor "
        "said to.",
        "We sat at my kitchen table and wrote out my triggers, and then a plan for the weeks "
        "after the baby.",
        "When I told her I was craving, she didn't panic, she just sat with me and we called my "
        "sponsor together.",
        "Your medicine is part of taking care of him, not something separate, she'd say that a "
        "lot.",
        "I wanted to quit my Suboxone cold the week after he was born, and she talked me down and "
        "got me to call my prescriber first.",
        "My doula knew my clinic hours and planned her visits so I could still make it to dosing.",
        "On day three postpartum she drove me to the methadone clinic, because I couldn't drive "
        "yet.",
        "Honestly she talked about my recovery like it mattered as much as the baby's birth "
        "weight.",
        "She asked every visit how my meetings were going, and not in a checking-up way.",
        "I had a bad night, like really bad, and she was the one I called instead of my old "
        "friend.",
        "The first thing she checked when I got home was whether my take-home bottles were "
        "sorted for the weekend.",
        "We went through who not to let visit once the baby came, people from before.",
        "You've got two things to protect right now, this baby and your recovery, that's what "
        "she told me.",
        "I was scared being in pain would make me want to use, and she kept reminding me I had a "
        "plan for that.",
        "She wrote my dose time on the whiteboard in my room so it wouldn't get lost at shift "
        "change.",
        "Group was never optional with her, she'd ask what I was doing with the baby during group "
        "and help me figure it out.",
        "With no sleep I started slipping on my routine, and she noticed before I did.",
        "She made me a little card with my counselor's number and my clinic's number for the "
        "diaper bag.",
        "My one-year anniversary, she brought a cupcake, right there in my kitchen with the baby "
        "screaming.",
        "She knew the weeks after birth are a really risky time for people like me, so she came "
        "by almost every day.",
        "She asked if I had naloxone in the house, and when I didn't, she brought me a kit.",
        "On discharge day she made sure I had enough medicine to get me to my Monday appointment.",
        "If you're feeling shaky, call me before you call anybody else, she said, and I did, a "
        "couple times.",
        "We practiced what I'd say if my ex showed up with something, like actually role-played "
        "it.",
        "{STAFF} timed her calls for right after my dosing, when I was usually in a better "
        "headspace.",
        "Staying on my buprenorphine through the birth was my biggest fear, and she kept saying "
        "nobody was going to take it away.",
        "She set an alarm on my phone for my dose, because with a newborn I had no idea what day "
        "it was.",
        "Um, she never acted like the recovery stuff was somebody else's job.",
        "When I was tired and cranky and wanted to skip the clinic, she'd say, go get your dose, "
        "then come home and nap.",
        "Honestly she was half doula, half recovery coach, she asked about my sobriety as much as "
        "my cervix.",
        "Two weeks postpartum without missing a dose, and she made a whole thing of it, like a "
        "sticker chart.",
        "What does the hard moment look like for you, she asked, and then we wrote down three "
        "people I could call.",
        "My first meeting after the baby, she came and sat in the back holding the car seat.",
        "My doula told me it was fine to take my full dose the morning I went into labor, that I "
        "didn't have to be brave and skip it.",
        "She checked on my cravings the same way she checked on my bleeding, just part of the "
        "list.",
        "When everything fell apart at home that first month, she kept me tied to my clinic and "
        "my meetings.",
        "She'd remind me that the early weeks were when I needed my supports the most, not the "
        "least.",
        "If I was going to be at the hospital past my dose time, she had me call the clinic ahead "
        "so it was handled.",
        "She asked me straight out, how's your recovery this week, and waited for a real answer.",
        "Right after I delivered she helped me find a meeting I could get to with a stroller.",
        "Anytime I said I was fine, she'd say, fine with the baby or fine with your recovery, "
        "because those are two different things.",
    ],
    "DOULA_HEALTH_LIT": [
        "She explained the whole eat, sleep, console thing before he was born, so when the nurse "
        "asked if he'd eaten an ounce I knew why.",
        "My doula drew the Finnegan score on a napkin, what they check, like the sneezing and the "
        "high-pitched cry and how often.",
        "She told me straight up that being on buprenorphine didn't mean I couldn't breastfeed.",
        "Before the birth she walked me through what an epidural would and wouldn't do for me on "
        "methadone.",
        "I didn't know they'd keep him like five days to watch him, and she told me way ahead so "
        "I could plan.",
        "Rooming-in, she explained what that was and why keeping him with me could help him "
        "settle.",
        "She helped me write down questions for the pediatrician about the scoring, right in my "
        "notes app.",
        "The nurses would be checking him every few hours, she said, and that didn't mean "
        "something was wrong, it's just the protocol.",
        "Triage versus labor and delivery, she explained the difference, which sounds small but "
        "nobody had ever told me.",
        "Um, she showed me how skin-to-skin and swaddling and keeping the room dark all help with "
        "withdrawal symptoms.",
        "She explained why after a C-section on Subutex they might use different pain medicine, "
        "so I wasn't blindsided.",
        "My doula went through my discharge papers with me line by line, because honestly I "
        "couldn't read that stuff in the state I was in.",
        "She taught me what to watch for at home, like if he wasn't feeding or was super stiff, "
        "and who to call.",
        "The blood pressure cuff goes off every fifteen minutes after the epidural, she warned "
        "me, so I wouldn't freak out.",
        "She explained what the pitocin was doing and why they wanted to start it, in normal "
        "words.",
        "According to her they'd weigh him every day, and a little drop in weight at first is "
        "normal.",
        "One high score doesn't mean he'd need medicine, my doula explained, it's the pattern "
        "they look at.",
        "She printed out the breastfeeding info and went over which parts applied to methadone.",
        "You can ask for the epidural early, she told me, there's no prize for waiting.",
        "I'd never heard of a lactation consultant, and she told me how to ask for one in the "
        "hospital.",
        "What the NICU would look like if he ended up there, the wires, the monitors, she "
        "described all of it so it wouldn't shock me.",
        "She told me which people were nurses, which were residents and which was the attending, "
        "so I knew who to ask what.",
        "She taught me to read the contraction monitor, which was kind of fun actually.",
        "Nitrous was an option at that hospital, she said, and I didn't even know that existed.",
        "She made me a one-page sheet, what happens at admission, what happens after he's born, "
        "how long we'd stay.",
        "Honestly, {STAFF} explained the scoring better than any doctor did, like what each "
        "number actually meant.",
        "She explained that they'd probably want a urine screen when I got admitted, so I knew "
        "ahead of time what it was for.",
        "She explained how I could nurse and still take my dose, timing and all, and told me to "
        "check it with the pediatrician too.",
        "The difference between a spinal and an epidural, she broke it down for me with a little "
        "drawing.",
    ],
    "DOULA_ADVOCACY_HOSP": [
        "When my pain meds were an hour late after the surgery, she walked out to the nurses' "
        "station and didn't come back till someone came with them.",
        "She told the nurse, real calm, she's asked for anesthesia twice, can we get an update.",
        "The resident kept saying my dose would make the epidural useless, and she asked him to "
        "check with anesthesia instead of guessing.",
        "I'd told her about my trauma, so she asked the staff to knock and wait before coming in.",
        "Talk to her, not me, it's her baby, my doula told the nurse, more than once.",
        "She made sure my birth plan was actually on the chart and that the night shift read it.",
        "After the first nurse upset me, she politely asked the charge nurse if I could have "
        "someone else.",
        "My doula was the one who said, she's still in pain, her number isn't going down, and "
        "pushed them to reassess.",
        "When they wanted to take the baby to the nursery for scoring, she asked if they could do "
        "it in my room instead.",
        "She asked the attending to explain the C-section decision to me, slower, with real words.",
        "I froze up when they fired questions at me, so she'd say, give her a minute, she's "
        "thinking.",
        "Only half my body was numb, and she got them to come back and fix the epidural.",
        "When they were rushing, she said, hey, can we slow down and ask her consent for that "
        "exam.",
        "My breakthrough pain wasn't getting treated, so she had them bring in the charge nurse.",
        "Um, she asked them to close the door before my exam, because people kept walking by.",
        "She's allowed to have an epidural, let's call anesthesia now, my doula said it right "
        "out loud.",
        "I didn't have the energy to fight, so she did the talking with the nurses for me, nice "
        "but firm.",
        "The doctor cut me off mid-sentence and she said, I think she wasn't done.",
        "Before the surgery she asked for a pain plan to be written down, so nobody would argue "
        "about it later.",
        "When they said my pain was normal, she asked them to examine me anyway, and I had a tear "
        "they'd missed.",
        "She asked the nurse to include me when they did his scoring, so I could be there to calm "
        "him.",
        "My pain after the C-section was a ten and all they'd offered was Tylenol, and she "
        "insisted they page the doctor.",
        "The next day she went and talked to the nurse manager about how I'd been spoken to in "
        "triage.",
        "{STAFF} asked every new nurse to introduce herself to me, not just walk in and start "
        "doing stuff.",
        "She pushed for them to let me try the tub before deciding I needed anything stronger, "
        "because that's what I'd asked for.",
        "When the doctor wanted to start something without explaining, she asked, what is that "
        "and what are the options.",
        "My doula kept asking when the pain medicine was coming until somebody actually brought "
        "it.",
        "She asked the nurse to stop talking over me to the student and to just tell me what was "
        "going on.",
    ],
    "DOULA_ADVOCACY_LEGAL": [
        "She came with me to the plan of safe care meeting and sat right next to me with her "
        "notebook.",
        "My doula wrote a letter for family court listing every prenatal visit I made.",
        "She came to the custody hearing for my older son and sat in the second row so I could "
        "see her.",
        "At the CPS meeting she asked them to write down what they actually needed from me, step "
        "by step.",
        "We put together a folder for court, my clinic letters, my negative tests, the parenting "
        "class certificate, and she organized it.",
        "When the caseworker started talking fast, she asked if we could go over the plan again, "
        "slower.",
        "{STAFF} took off work to come to my hearing, and the judge actually asked who she was.",
        "Before the safe care meeting she helped me practice what I'd say about my supports and "
        "my housing.",
        "At my team meeting with CPS she spoke up about how I was with the baby, feeding, bonding, "
        "all of it.",
        "She drove me to the courthouse and waited in the hallway the whole three hours.",
        "My doula made sure the plan of safe care listed my clinic and my counselor, not only the "
        "things they wanted from me.",
        "In the meeting with the caseworker she pointed out I'd been at every appointment since "
        "twelve weeks.",
        "The night before court she went over the paperwork with me, what every section meant.",
        "She asked the caseworker for a copy of everything, which I never would've known to do.",
    ],
    "DOULA_NONJUDGMENT": [
        "She never asked what I used or how much, she asked what kind of birth I wanted.",
        "With her I was just a pregnant woman, not a case file.",
        "She saw me as a mom first, and honestly, that was new for me.",
        "I told her everything on the second visit and her face didn't change at all.",
        "My birth plan got talked about the same way she'd talk about anybody else's.",
        "I kept waiting for the lecture, and it just never came.",
        "She laughed at my jokes, she asked about my dog, she treated me like a whole person.",
        "Um, I was so used to people looking at my arms, and she looked at my face.",
        "My methadone was never the headline of who I am, not with her.",
        "It didn't matter to her where I'd been, she cared about where I was going.",
        "When I told her about my past, she said, okay, thank you for trusting me, and moved on "
        "to car seats.",
        "She's the first person in a long time who didn't act like I was gonna steal something.",
        "Honestly I didn't trust her at first, I figured she'd be like everybody else, but she "
        "never judged me once.",
        "I said buprenorphine and she didn't even blink, she just wrote it down next to my "
        "allergies.",
        "You know the tone people get, she never had it, not one time.",
        "Tattoos, music, my mom, she asked about all of it, not just my history.",
        "My doula made me feel like a normal pregnant lady, getting excited about the nursery and "
        "stuff.",
        "She didn't act like she was doing me a favor by working with me.",
        "Not once did she bring up my using unless I brought it up first.",
        "I said, I know you probably see a lot of girls like me, and she said, I see you.",
        "What I'd done didn't interest her, she said, what mattered was that I showed up.",
        "Around her I forgot for a while that I was the girl with the history.",
        "She hugged me when we met, before she knew anything, and after she knew everything, same "
        "hug.",
        "{STAFF} bragged about me to her coworkers like I was her star client, not her problem "
        "client.",
        "There was no suspicion with my doula, she believed me when I said I was doing good.",
        "I never felt like my recovery was the only thing she could see.",
        "Even after I told her my older kids live with my aunt because of my using, she didn't "
        "treat me any different.",
        "Being in recovery was one fact about me to her, like being left-handed.",
    ],
    "DOULA_POSTPARTUM_GAP": [
        "After the six-week visit she was basically gone, and that's when I really needed "
        "somebody.",
        "The program said her part ended at three months, but the hard stuff started at four.",
        "She went from coming every week to a text every couple weeks, and I felt that drop.",
        "I get that she had new moms to get to, but once the baby was out, it felt like I was "
        "done.",
        "Nobody prepares you for month five, and by month five my doula wasn't in the picture.",
        "She'd say call anytime, but after the program closed my file I didn't feel like I could.",
        "Her visits stopped right around when I started feeling really low, which was bad timing.",
        "Before the birth I saw her every week, after the birth maybe twice, and then the doula "
        "program was over.",
        "I wish she could've stayed until the baby's first birthday, honestly, that's when I was "
        "shakiest.",
        "Our last visit felt like a goodbye party I wasn't ready for.",
        "Once I delivered, her schedule filled up with pregnant women and I got bumped.",
        "I had her for the birth, which was amazing, but there was no plan for after.",
        "She did the one postpartum visit at home, and then it was like, good luck.",
        "The doula support was all front-loaded, like the birth was the finish line, and for me "
        "it was the starting line.",
        "By the time I needed help with the night feeds and the crying, she'd already moved on.",
        "They only allowed so many postpartum doula visits, and I used them all in the first two "
        "weeks.",
        "Um, I kind of grieved her, like, when it ended, it was a real loss.",
        "My doula was amazing in the hospital, but after discharge I didn't hear from her for "
        "almost a month.",
        "I was still bleeding, still not sleeping, still scared, and the doula program said I'd "
        "graduated.",
        "Six weeks of doula visits is nothing when your baby's going through withdrawal at home.",
        "When she stopped coming, my house got quiet in a way that wasn't good.",
        "A list of numbers on her last visit, that's what I got, and a list isn't a person.",
        "Eight weeks in I was calling her old number and getting voicemail.",
        "They should've kept her on with me at least through the first winter.",
        "The calls got shorter and further apart, and I didn't want to be a burden, so I stopped "
        "calling too.",
        "She was there for the birth story but not the three months after, which is the real "
        "story.",
        "I felt kind of dropped, like my doula had done her job once the baby was here.",
        "At four months I needed her more than at forty weeks, and she was already gone.",
        "{STAFF} got reassigned when my son was seven weeks, and the new doula never really "
        "happened.",
    ],
    "DOULA_ACCESS_COST": [
        "I didn't even know doulas were a thing for women like me until my counselor brought it "
        "up at thirty-two weeks.",
        "I looked up doulas online and the first one was like fifteen hundred dollars, so I "
        "closed the tab.",
        "There was a waitlist for the doula program and I almost delivered before I got matched.",
        "My OB had never heard of the doula program, so I found it myself on a flyer in the "
        "clinic bathroom.",
        "Honestly I thought doulas were for rich ladies having water births.",
        "Insurance didn't pay for doulas back then, so the free program was the only way I got "
        "one.",
        "Three numbers I called for doulas, and two were disconnected before I reached a real "
        "person.",
        "The doula referral form was like eight pages, and I almost gave up.",
        "The only doula program near me was an hour away, and I didn't have a car.",
        "I got my doula at thirty-seven weeks, which is really late to build a relationship.",
        "With my first baby nobody offered me a doula, and with this one somebody finally did.",
        "They should tell you about doulas at the first prenatal appointment, not the last month.",
        "At first I didn't qualify for the doula program because I'd moved across the county line.",
        "Nobody would give me a referral, I had to call the doula program and refer myself.",
    ],
    "DOULA_TEAM_COORD": [
        "She called my counselor at {CLINIC} so I didn't have to tell my whole story twice.",
        "My doula and my OB never spoke once, so I was the go-between for everything.",
        "She sent my birth plan to the prenatal clinic so it was in my chart before I even went "
        "in.",
        "With my permission she talked to the pediatrician's office ahead of time, so they "
        "weren't surprised.",
        "She and my treatment program had a release signed, so they could actually talk to each "
        "other.",
        "Nobody at my clinic knew I even had a doula until I brought her to an appointment.",
        "It would've helped if the doula and the clinic had talked, because they were telling me "
        "different things about the hospital.",
        "There was a group text with me, my doula and my case manager at the clinic, which made "
        "scheduling way easier.",
        "Before the birth she met with my OB's nurse so everybody was on the same page.",
        "My doula and my counselor did a three-way call with me, the first time I felt like my "
        "people were connected.",
        "The pediatric clinic had no idea who she was, so they wouldn't tell her anything when "
        "she called for me.",
        "She made sure the hospital social worker, my clinic and my OB all had the same plan.",
        "When my OB moved my due date, the doula found out from me a week later, nobody looped "
        "her in.",
        "She kept a shared calendar of my OB visits, clinic days and the baby's appointments and "
        "sent it to everyone.",
    ],
    "X_COLLAB_ENGAGE": [
        "My counselor from the clinic came to the hospital to see me, on her day off.",
        "My OB treated it like we were working on this together, she'd ask what I thought before "
        "deciding anything.",
        "The prescriber I have now texts back, asks about the baby, remembers stuff, she's in my "
        "corner.",
        "My doula felt like a teammate, like she was as invested in how things turned out as I "
        "was.",
        "At the first visit the pediatrician shook my hand and said, we're a team, which I did "
        "not expect.",
        "With my counselor I always felt like she'd go to bat for me if I needed it.",
        "We'll figure it out, we've got this, {STAFF} always said we, and she meant it.",
        "You can tell who's just doing a job and who actually wants you to make it, and my doula "
        "wanted me to make it.",
        "The nurse practitioner at my clinic fought to get me a breast pump through insurance, "
        "she made like five calls.",
        "She wasn't just a service, she showed up like my outcome was her business too.",
        "The midwife at my prenatal clinic learned my kids' names and asked about them every time.",
        "My counselor sat in on a call with my OB so I wouldn't have to explain everything alone.",
        "When somebody's really in it with you, you can feel it, and my doula was in it.",
        "Some of the staff at my methadone clinic really root for you, they remember your due "
        "date.",
        "The social worker on the maternity floor was the first one there who acted like she "
        "was on my side.",
        "My prescriber asked me what I wanted out of treatment, and then actually built the plan "
        "around it.",
        "My OB gave me her direct line and said, if anything feels off, you call me, not the "
        "front desk.",
        "Honestly my doula felt like a partner in this, not a visitor.",
    ],
    "X_IDENTITY_GROWTH": [
        "Finding out I was pregnant was the first time I wanted to get better for somebody, and "
        "then for me too.",
        "I'm not the person I was two years ago, and my daughter is why I can say that out loud.",
        "I used to think I couldn't keep a plant alive, and now I've kept a whole human alive for "
        "eight months.",
        "Being a mom in recovery, I'm learning to be patient with myself, not just with her.",
        "I'm proud of myself, which is weird to say, I haven't said that in a long time.",
        "Pregnancy kind of cracked me open, I started looking at my life like it mattered.",
        "I'm figuring out what kind of mom I want to be, and it's nothing like what I grew up "
        "with.",
        "Every night feed I do sober, I kind of feel like I'm winning something.",
        "With my older kids I wasn't there, and this time I'm there for everything, the first "
        "smile, the first tooth.",
        "I started seeing myself as somebody who finishes things.",
        "This baby gave me a reason, but I'm the one doing the work, and I'm starting to believe "
        "that.",
        "I got my GED during her naps, which I never thought I'd do.",
        "Honestly I feel like I grew up right alongside him this year.",
        "Being pregnant made me ask, do I want my kid to ever meet that version of me.",
        "My recovery and my motherhood kind of feel like the same thing now, they grew together.",
        "I'm a mom on methadone and I'm a good mom, period, and I finally believe both.",
        "I like who I am with her, I'm softer, I'm more careful, I actually take care of myself.",
        "Two years ago I wouldn't have believed I'd be sitting here talking about my birth like "
        "it's a normal thing.",
        "I used to feel like my life was happening to me, and now I feel like I'm steering it.",
    ],
    "X_MULTI_NEEDS": [
        "At thirty-four weeks I was sleeping on my cousin's couch with a garbage bag of clothes.",
        "Getting to the methadone clinic every morning meant two buses, and with a newborn in "
        "winter that's a lot.",
        "The hardest part wasn't even the medicine, it was the rent.",
        "My ex was still around, and I couldn't focus on anything when I didn't feel safe in my "
        "own home.",
        "I didn't have a car seat until the day before discharge, and I didn't have a car either.",
        "Money was so tight I was choosing between diapers and my phone bill.",
        "My anxiety got so bad after the birth I couldn't leave the house for a week.",
        "I worked nights at a gas station till thirty-eight weeks because I had no choice.",
        "They shut my lights off the week I brought her home.",
        "I needed a therapist more than anything, and the waitlist was four months.",
        "Getting my food benefits changed to add the baby took six calls and a whole day at the "
        "office.",
        "My boyfriend got locked up right before I delivered, so I lost his paycheck and my ride.",
        "Six months pregnant, I had to leave my apartment in the middle of the night because of "
        "my partner, with nowhere to go.",
        "The shelter had a curfew that didn't line up with my clinic hours at all.",
        "My depression goes way back, it didn't start with the baby, and nobody was treating it.",
        "Childcare is the thing, I can't do group or a job interview or anything without "
        "somebody to watch her.",
        "My phone got cut off, so I missed calls from everybody, the clinic, the pediatrician, "
        "everybody.",
        "Out where I live it's one bus an hour, if it even comes.",
        "Three kids under five in a one-bedroom, it was a lot.",
    ],
    "X_STIGMA_CARE": [
        "The triage nurse read my chart, saw methadone, and her whole voice changed.",
        "They kept asking when I last used, even though I told them three times I'm in treatment.",
        "One doctor asked if I was still using right in front of my mother.",
        "My pain was a nine and they acted like I was just angling for pills.",
        "Suboxone, the pharmacist announced, so loud the whole line turned around.",
        "There must've been a note in my chart, because every new nurse had an attitude before "
        "she even said hi.",
        "From the minute I got to labor and delivery, I was treated like a suspect, not a patient.",
        "A nurse asked me why I'd even get pregnant if I was on methadone.",
        "After the delivery they basically ignored me when I asked for pain meds, because of my "
        "history, they said.",
        "The nurses were sweet to the girl next door and short with me, and the only difference "
        "was my chart.",
        "The OB called my buprenorphine my habit, and I wanted to walk out.",
        "My dentist refused to touch my tooth while I was pregnant until I came off my medicine, "
        "like that's how it works.",
        "One of the nurses held my son like she felt sorry for him and looked at me like it was "
        "my fault.",
        "They drug tested me without asking, and I only found out because the results showed up "
        "in my portal.",
        "In the ER, pregnant, they wouldn't give me anything for a kidney stone because of my "
        "medication list.",
        "It's the way they say her history in the hallway when they think you can't hear.",
        "I asked about breastfeeding and the nurse said, well, you probably shouldn't, without "
        "even checking.",
        "When the resident saw I was on buprenorphine, he talked to me like a child who'd done "
        "something wrong.",
        "A nurse stood there watching me take my dose like I was going to sell it.",
        "Every nurse asked me the same questions about using, like they were hoping I'd slip up.",
        "They made me wait hours for my methadone after the birth, and nobody else on the floor "
        "waited for their meds like that.",
        "The lactation consultant spent ten minutes with the other moms and two minutes with me, "
        "the one on methadone.",
        "When I told the ultrasound tech I was in recovery, she stopped making small talk "
        "completely.",
        "I heard a nurse outside my door say the methadone mom, like that was my name.",
        "Once he read my medication list, the doctor wouldn't look me in the eye for the whole "
        "discharge.",
        "Because of my chart, they'd already decided what kind of mother I was before I even held "
        "him.",
        "The girl across the hall got a whole talk about bonding, and I got a talk about "
        "withdrawal.",
        "At my first prenatal visit at a different office, the receptionist said, oh, you're one "
        "of those.",
        "It's like the medicine keeping me well is the thing they hold against me.",
    ],
    "X_CPS_FEAR": [
        "I didn't tell my OB about the pills at first because I honestly thought she'd call CPS "
        "that same day.",
        "I skipped my first two prenatal appointments because I was scared they'd take the baby "
        "the minute she was born.",
        "Every time somebody at the hospital asked a question, I was doing math in my head about "
        "whether it'd get reported.",
        "I've lost a kid to the system before, so I watched every single word I said.",
        "I almost didn't sign up for anything, because more people knowing means more people who "
        "could report me.",
        "I kept my guard up the whole stay, because one wrong thing and they could hold him.",
        "I didn't mention my ex was around, because I knew that'd be a red flag for custody.",
        "When the social worker knocked that first morning, my heart just dropped.",
        "I wanted to ask for help with my depression but was scared it'd be used against me in "
        "custody.",
        "For a while I didn't even tell them I was in treatment, because I didn't know who "
        "they'd tell.",
        "I had a plan for who'd take her if CPS showed up at the hospital, that's how scared I "
        "was.",
        "I lied about how much I was sleeping, because I was scared somebody would decide I "
        "couldn't handle her and call CPS.",
        "Honestly I stayed away from the pediatrician's office longer than I should have, "
        "because of the fear.",
        "The fear of losing him sat on my chest the whole pregnancy.",
        "When they said they had to make a report, I didn't hear one word after that.",
        "I didn't answer the screening form honestly, because I was scared of where it'd go.",
        "I didn't tell anyone about my slip at thirty weeks, because I figured that was it, "
        "they'd take her.",
        "I still get nervous every time my phone shows a number I don't know, in case it's CPS.",
        "I kept the house spotless and the fridge full every single day, just in case CPS came to "
        "look.",
    ],
    "X_MOUD_AGENCY": [
        "My OB pushed me to taper in the third trimester, and I didn't feel like I could say no.",
        "They cut my dose after delivery without asking me, just said it was policy.",
        "I wanted to switch from methadone to Suboxone when I found out I was pregnant, and "
        "nobody would even talk about it.",
        "The clinic wouldn't raise my dose even though I was getting sick every night by the "
        "third trimester.",
        "Everybody had an opinion about my dose, except nobody asked mine.",
        "The doctor said I should come down on my medicine before birth and acted like it wasn't "
        "really a choice.",
        "I felt like if I didn't agree to taper, they'd write me down as uncooperative.",
        "Splitting my dose during pregnancy helped, but I had to fight for months to get them to "
        "do it.",
        "After the baby came they wanted me off everything in six months, and I wasn't ready.",
        "I was on the monthly shot and they switched me to the film when I got pregnant, and I "
        "never understood why.",
        "Nobody explained my options, it was just, this is your dose, take it.",
        "My family pushed me to get off methadone before the baby, like it would prove something.",
        "I asked to go up a couple milligrams and the prescriber said they don't do that for "
        "pregnant patients, end of discussion.",
        "I tapered because I thought I had to, and I really struggled.",
        "I wish I'd been part of the decision about my dose, it's my body and my recovery.",
        "Lower is better for the baby, my prescriber kept saying, and I kept saying I'm not okay "
        "at this dose.",
        "After delivery they took my take-homes away and made me come in daily, and nobody asked "
        "how I'd do that with a newborn.",
        "At my six-week check the doctor brought up tapering like it was the obvious next step, "
        "and I just nodded.",
    ],
    "X_POSTPARTUM_DROP": [
        "My Medicaid was supposed to end after birth and I spent those first weeks on the phone "
        "about it.",
        "All the attention from the OB stops after the six-week check, like you disappear.",
        "Pregnant, I had a nurse, a counselor and a case manager, and after the baby it was just "
        "me and a pediatrician.",
        "The pregnancy program at my clinic ended when I delivered, so I lost my counselor too.",
        "My prenatal group was amazing, but there's no group for after, you just age out.",
        "Everybody cares about you when you're pregnant, and then it's all about the baby.",
        "My mom helped a lot while I was pregnant, but after he came she stepped way back.",
        "The baby's appointments kept going, but every appointment that was for me just ended.",
        "I lost my insurance when she was four months and had to scramble to keep my prescription.",
        "There's a cliff after birth, and the services just fall right off it.",
        "My case manager closed my case two weeks after delivery because I wasn't pregnant "
        "anymore.",
        "The friends from my prenatal class vanished once we all had babies.",
        "Pregnant, I got seen the same day at my clinic, and after the baby I was back on the "
        "regular waitlist.",
        "Nobody checked on me after the first month, and that's when it got dangerous for me.",
        "Every form after the birth was about the baby, none of them asked how I was.",
        "The gift cards, the check-ins, all the pregnancy perks ended the day I delivered.",
        "My OB office said I'd need a new primary doctor after the postpartum visit, and I still "
        "don't have one.",
        "The home nurse from the hospital came exactly once, and that was it.",
    ],
    "X_NOWS_GUILT": [
        "Watching them score her every three hours, I felt like each point was a grade on me.",
        "He had that high-pitched cry and I just kept thinking, I did this.",
        "She spent eleven days in the NICU and I sat by that isolette apologizing to her under my "
        "breath.",
        "When they started him on morphine I went into the bathroom and cried for an hour.",
        "Every time he sneezed I panicked, because I knew sneezing was on the list.",
        "The guilt about her withdrawal is the worst part, worse than anything I went through "
        "getting well.",
        "I couldn't stop wondering whether I should've come down on my dose for her sake.",
        "My daughter's doing great now, but I still check her for shakes sometimes.",
        "Honestly I was scared to hold her, like my touch would make it worse.",
        "At least I was on my medicine, at least it wasn't worse, I kept telling myself, and it "
        "didn't help much.",
        "When they said he might be there a couple weeks, I just went numb.",
        "Other moms were leaving with their babies after two days, and I'm still there on day "
        "nine.",
        "Knowing my son was hurting because of something in my body, I don't think I'll ever "
        "fully let that go.",
        "He was so stiff and jittery those first days, and I blamed myself for every shake.",
        "I worried so much about him being born in withdrawal that I barely slept the whole "
        "pregnancy.",
        "When they told me he didn't need medicine I cried harder than when he was born.",
        "I still wonder if his trouble sleeping is from what happened in the NICU.",
        "The NICU nurses were kind, but every beep felt like an accusation.",
        "I asked the doctor if my baby was in pain and she said, a little, and that stuck with me.",
        "I went home without her, with an empty car seat, and that drive was the worst moment of "
        "my life.",
        "Feeding every two hours, swaddling, rocking him through the withdrawal, I did it all like "
        "I was trying to pay something back.",
        "People think the hard part is labor, but for me it was watching her score go up on day "
        "three.",
        "When she was screaming through the withdrawal and nothing I did calmed her, I felt like a "
        "monster.",
        "I kept asking the nurse, is it my fault, and nobody really answered.",
        "Even now, at seven months, when she's fussy my first thought is, is this from before.",
        "My worst fear the whole pregnancy was that he'd be born sick because of me.",
        "I didn't post any pictures of her in the NICU, I was too ashamed of the wires.",
        "I still dream about the NICU monitor alarms.",
        "The day {CHILD} came off the morphine I finally let myself breathe, but the guilt didn't "
        "go anywhere.",
    ],
    "X_GIVING_BACK": [
        "Once she's in daycare I want to do the doula training, for real.",
        "If I can be that person for one mom like me, everything I went through would mean "
        "something.",
        "I already told my clinic I'd talk to the pregnant women's group, if they want me.",
        "I want to be a peer, the kind who can say, I was right where you are.",
        "I gave my maternity clothes and my pump to a girl at my clinic who's due in the spring.",
        "Someday I want to walk into a delivery room for somebody else.",
        "Me and another mom from group started a group chat for women who just delivered on MOUD.",
        "I'd love to be a recovery coach for pregnant women, I think I'd be good at it.",
        "I want to tell my story at a training for nurses, so they get it.",
        "If there's a mom sitting where I was sitting, scared and pregnant, I want her to have my "
        "number.",
        "I'm thinking about going back to school for social work, to work with moms like us.",
        "Paying it forward is kind of part of my recovery now.",
        "Last month I volunteered at the baby supply drive at my clinic, and I loved it.",
        "I'd do the doula thing for free, honestly, just to hold someone's hand the way mine got "
        "held.",
        "I sent a girl I know to my doula program, and now she calls me to tell me how it's going.",
        "I'd love to mentor a new mom through her first few months home.",
        "Being here today is kind of giving back too, right, if it helps the next mom.",
        "I want to be the person I needed back then.",
        "I want to train as a lactation counselor, so moms on medicine get real answers.",
    ],
}

BORDERLINE: dict[str, list[str]] = {
    "DOULA_PRESENCE": [
        "She was around a lot during labor, in and out.",
        "I remember she was there, I just don't remember much else.",
        "She got there for the last hour or so, which was the part that counted, I guess.",
        "It was nice having her in the room, I think.",
        "The first pictures of my daughter, she took those, right there in the delivery room.",
        "She was on video with me for part of it, because of the visitor rule.",
    ],
    "DOULA_RECOVERY": [
        "She'd ask how I was doing with everything, you know, everything everything.",
        "She knew about my clinic stuff and kind of worked around it.",
        "Sometimes she'd mention my meetings, not a lot though.",
        "She said she was proud of me for staying on track.",
        "If I'd told her I was struggling with that side of things, I think she'd have helped.",
    ],
    "DOULA_HEALTH_LIT": [
        "She'd explain stuff when I looked confused.",
        "She gave me some handouts about the baby and the medicine, and I skimmed them.",
        "She kind of translated what the doctors were saying, here and there.",
        "She told me a little about what the hospital would be like.",
        "When I had questions about feeding she answered them, more or less.",
    ],
    "DOULA_ADVOCACY_HOSP": [
        "She'd give the nurses a look sometimes, and they'd kind of straighten up.",
        "I think she said something to the nurse about my pain, I was pretty out of it.",
        "She asked a couple times about getting me something for the pain.",
        "The lactation lady said maybe I shouldn't nurse, and my doula asked her to check with "
        "the pediatrician who'd already said I could.",
        "She told the anesthesia people I was on methadone, so they could plan for it.",
    ],
    "DOULA_ADVOCACY_LEGAL": [
        "She offered to come to the meeting, but it got moved and I ended up going alone.",
        "She asked me how court went and helped me think about what to bring next time.",
        "She knew about my case and would check when my next hearing was.",
        "She wrote something for my caseworker, I'm not sure what it said, but it didn't hurt.",
        "She helped me make a list of questions for the safe care people.",
    ],
    "DOULA_NONJUDGMENT": [
        "She was pretty easy to talk to, about most stuff.",
        "I didn't feel weird around her, mostly.",
        "She didn't make a big deal of my medicine.",
        "She seemed okay with my situation.",
        "I don't think she judged me, at least not out loud.",
        "She talked to me like I was smart.",
    ],
    "DOULA_POSTPARTUM_GAP": [
        "I would've liked a few more visits after, I guess.",
        "After the birth it was a little different with her, less often.",
        "She still texts sometimes, but it's not the same.",
        "It kind of wound down after the baby, which maybe is normal.",
        "There was a stretch after the birth where I didn't hear from her much.",
    ],
    "DOULA_ACCESS_COST": [
        "It took a minute to get set up with her.",
        "I'm not sure how I'd have paid if the program didn't.",
        "Getting a doula was kind of random for me, I just happened to ask the right person.",
        "I only found out about the doula program by luck.",
        "The paperwork to get her was a bit much.",
    ],
    "DOULA_TEAM_COORD": [
        "I think she talked to my clinic at some point.",
        "She might've called my OB, I'm not totally sure.",
        "I gave her permission to talk to people, and I guess she did.",
        "She knew stuff about my appointments that I hadn't told her, so somebody was talking.",
        "She had my counselor's number, anyway.",
    ],
    "X_COLLAB_ENGAGE": [
        "My doctor's fine, she does her job.",
        "The counselor seems to care, more or less.",
        "Some of them are really in it with you, some not so much.",
        "My OB would ask what I thought sometimes, which was nice.",
        "The people at my clinic listen, mostly.",
    ],
    "X_IDENTITY_GROWTH": [
        "I feel a little different since the baby.",
        "I'm trying to be better, for her.",
        "Things are more serious now, with a kid.",
        "I'm figuring out who I am again, slowly.",
        "Having him changed some stuff for me.",
    ],
    "X_MULTI_NEEDS": [
        "Money's always a thing, you know.",
        "Getting places is hard sometimes.",
        "My living situation is, um, it's okay for now.",
        "There's some stuff going on at home I don't really want to get into.",
        "I'm stressed about bills, but who isn't.",
    ],
    "X_STIGMA_CARE": [
        "Some of the nurses were a little off with me, I don't know why exactly.",
        "I felt kind of watched at the hospital.",
        "The doctor was kind of short with me, maybe he was just busy.",
        "I think they treated me a little different, but maybe I'm sensitive.",
        "There was this one nurse who just had a vibe about me.",
    ],
    "X_CPS_FEAR": [
        "I was careful about what I said around the social worker.",
        "You always have that thought in the back of your mind, with the system.",
        "I didn't tell the hospital everything, let's put it that way.",
        "I get nervous when anyone asks about my home.",
        "I kept my answers short with the hospital social worker, just in case.",
    ],
    "X_MOUD_AGENCY": [
        "They changed my dose a little after the birth, I didn't really have a say, but it was "
        "fine.",
        "I'm not sure why they picked the dose they did.",
        "I kind of went along with whatever the doctor said about my medicine.",
        "My dose was something they decided, mostly.",
        "I thought about asking to change it, but I didn't.",
    ],
    "X_POSTPARTUM_DROP": [
        "Things got quieter after the baby was born.",
        "I had fewer appointments after, which was kind of a relief and kind of not.",
        "After delivery there was less going on with my care.",
        "My insurance changed a bit after the baby, I think.",
        "People stopped calling as much once she was here.",
    ],
    "X_NOWS_GUILT": [
        "He was a little fussy those first days, and I kept wondering.",
        "They watched him for a few days, and I worried, like any mom would.",
        "I think about his first week more than I should.",
        "She's fine now, but those first days were a lot.",
        "I kind of blamed myself for the fussiness, maybe.",
    ],
    "X_GIVING_BACK": [
        "Maybe someday I'd do something like that for other moms.",
        "I've thought about helping out at the clinic.",
        "It'd be cool to be on the other side of it one day.",
        "If anybody asks me about the doula program, I always tell them to do it.",
        "I like helping the newer girls in group when I can.",
    ],
}

AMBIGUOUS: dict[tuple[str, str], list[str]] = {
    ("DOULA_NONJUDGMENT", "X_STIGMA_CARE"): [
        "Every nurse read my chart before they looked at me, and my doula was the only one who "
        "looked at me first.",
        "After the way the triage nurse talked to me, having a doula who didn't care about my "
        "history felt like air.",
        "At the hospital I was the methadone patient, and with her I was just me.",
        "The doctors saw my medicine, she saw me, it's that simple.",
        "She was the only person in that hospital who didn't make me feel like I had to prove I "
        "was a good mom.",
        "Nine months of side-eye at appointments, so a doula who just treated me normal was kind "
        "of a shock.",
        "When the pharmacist made a face at my prescription, my doula just rolled her eyes and "
        "asked what I wanted for lunch.",
        "The nurses talked about me, she talked to me.",
        "The OB's office made me feel like a problem, and she made me feel like a person who "
        "happened to be pregnant.",
    ],
    ("DOULA_ADVOCACY_HOSP", "X_STIGMA_CARE"): [
        "A nurse made a comment about my meds, and my doula pulled her aside, and that nurse was "
        "different after.",
        "They were holding back my pain medicine because of my Suboxone, and my doula asked for "
        "the doctor to come explain why.",
        "A nurse kept calling my son the withdrawing baby, and my doula asked her to use his name.",
        "The resident assumed I was after pills, and my doula calmly told him I was asking for "
        "the epidural I'd planned.",
        "When they tried to give me half the pain medicine anybody else would get, she said, she "
        "gets the same as everyone.",
        "The triage nurse was rude about my methadone, and my doula asked for the charge nurse "
        "right there.",
        "She heard a nurse call me the methadone mom in the hall and told her, her name is on "
        "the door.",
        "They wanted to watch me take my dose like I was a risk, and she asked them what the "
        "policy actually said.",
        "My doula reported the nurse who said I didn't deserve an epidural, and I didn't even "
        "know you could do that.",
    ],
    ("DOULA_HEALTH_LIT", "X_NOWS_GUILT"): [
        "I thought if he needed morphine it meant I'd failed, and she explained it's just "
        "treatment, like antibiotics for an infection.",
        "She showed me what the scores meant, and it helped a little, but every high number "
        "still felt like my fault.",
        "I kept blaming myself for his shakes, and she explained they're part of how his body "
        "adjusts, not a verdict on me.",
        "When she explained breastfeeding could ease his symptoms, I nursed like my life "
        "depended on it, because I felt so guilty.",
        "She told me most babies whose moms are on buprenorphine do okay, which I needed to "
        "hear, because I was sick with worry.",
        "She walked me through what the NICU looks like before he got there, and I still cried, "
        "thinking I'd put him there.",
        "I asked her if his crying meant he was hurting because of me, and she explained eat, "
        "sleep, console so I could see what he needed.",
        "A score going up on day three is common, she said, but I still sat there feeling like "
        "I'd done it to her.",
        "She explained how skin-to-skin helps with withdrawal, and I held her for hours because "
        "I needed to make it up to her.",
    ],
    ("DOULA_POSTPARTUM_GAP", "X_POSTPARTUM_DROP"): [
        "My doula, my prenatal nurse, my group, all of it ended right around the six-week mark.",
        "After the baby, everything that was for me stopped, my doula included.",
        "The doula visits ended, my Medicaid was about to end, and I felt like I was falling off "
        "a cliff.",
        "When the doula program was over there was nobody, no nurse, no nothing, just me and him.",
        "The doula, my OB, my family, everybody's support was about the pregnancy, and then it "
        "just evaporated.",
        "Losing my doula and my counselor in the same month was brutal.",
        "It was like the whole system, doula and all, only cared till the baby came out.",
        "The support thinned out after birth, the doula calls, the clinic check-ins, all of it.",
        "I had a whole team while I was pregnant, my doula was the last one to go, and then "
        "nothing.",
    ],
    ("DOULA_PRESENCE", "DOULA_RECOVERY"): [
        "In the middle of labor she made sure the nurse brought my dose on time, then went right "
        "back to holding my hand.",
        "She stayed the whole night, and when I panicked about withdrawal she reminded me I'd "
        "taken my strip that morning.",
        "She was there for every contraction, and in between she kept saying, your medicine's "
        "in, you're covered, just breathe.",
        "She never left the room, and that's part of what kept me from wanting to run and use.",
        "While I was pushing she reminded me I'd already done the hardest thing, getting well, "
        "and this was nothing.",
        "With her right there through twenty hours of labor, I didn't have one thought about "
        "using, which for me is huge.",
        "She held my hand through the C-section and whispered that my dose was covered and she'd "
        "make sure I got the next one.",
        "Between all the back rubs that night she kept checking I was okay with my pain plan and "
        "my methadone.",
        "She was right next to me through labor, and when they offered me something strong after, "
        "she helped me think it through with my recovery in mind.",
    ],
    ("DOULA_ADVOCACY_LEGAL", "X_CPS_FEAR"): [
        "I was shaking going into the CPS meeting, terrified they'd take her, and my doula sat "
        "right next to me the whole time.",
        "I wouldn't have said a word at the safe care meeting without her there, I was too "
        "scared of saying the wrong thing.",
        "Knowing she'd be at court made me a little less scared they'd keep my son.",
        "At the plan of safe care meeting I was sure they'd take him, and she kept squeezing my "
        "knee under the table.",
        "She came to my caseworker visit because I was too scared to be alone with them.",
        "I was so afraid of losing him I didn't want to go to the hearing, and she picked me up "
        "and took me.",
        "She helped me practice what to say to CPS, because I was scared any slip would cost me "
        "my daughter.",
        "I didn't trust anyone at that meeting but her, so I let her do some of the talking.",
    ],
    ("DOULA_NONJUDGMENT", "DOULA_RECOVERY"): [
        "I told her I'd used once at twenty weeks and she didn't judge, she just helped me get "
        "back to the clinic that week.",
        "She talked about my medicine like it was my prenatal vitamins, no shame, just part of "
        "the routine.",
        "When I said I was craving, she didn't look at me any different, she just asked what I "
        "needed right then.",
        "She never treated my recovery like a secret, she asked about it like it was my job or "
        "my school.",
        "She asked about my dose as casually as she asked about my heartburn, which made it easy "
        "to be honest.",
        "With her I could admit a bad day with cravings and not feel like I'd lose her.",
        "She was proud of my recovery without making it my whole personality.",
        "I could tell her I'd missed a dose and she'd help me figure out getting there tomorrow, "
        "no lecture.",
    ],
}

NEGATIVE: dict[str, list[str]] = {
    "DOULA_PRESENCE": [
        "My doula missed the whole birth because she was at another delivery, and I had a "
        "stranger from the backup list.",
        "She left around midnight to get some sleep, and I had him at two, so she wasn't there.",
        "Honestly she was on her phone a lot during my labor, and I noticed.",
        "The labor went so fast she only made it for the placenta.",
        "Because of the hospital's visitor rule she had to wait in the lobby for most of it.",
        "They only let one person in the OR, so my doula was out in the hallway for the actual "
        "birth.",
        "She was there, but kind of stuck in the corner, like she didn't know what to do with "
        "herself.",
    ],
    "DOULA_RECOVERY": [
        "She didn't know anything about methadone, so I didn't bother talking to her about my "
        "recovery.",
        "My doula was all about the birth plan, she never once asked about my treatment.",
        "She told me recovery stuff wasn't really her area and to ask my counselor.",
        "I wish she'd asked about cravings, because after the birth I was struggling and she had "
        "no idea.",
        "She didn't know I had to dose every morning, so she kept booking visits right when I "
        "needed to be at the clinic.",
    ],
    "DOULA_HEALTH_LIT": [
        "She didn't know anything about the scoring, so I was on my own figuring it out.",
        "I asked her if I could breastfeed on buprenorphine and she said she didn't know, which, "
        "fair, but I needed an answer.",
        "Nobody told me he'd be kept five days, my doula included, so I was blindsided at "
        "discharge.",
        "She gave me the same birth class stuff she'd give anybody, nothing about being on "
        "medicine.",
        "She said the epidural might not work because of my medicine, and later anesthesia told "
        "me that wasn't true.",
    ],
    "DOULA_NONJUDGMENT": [
        "When I told her I was on methadone she got kind of quiet, and it was never the same "
        "after that.",
        "She asked if I was really done with all that, and it felt like she didn't believe me.",
        "She was nice, but she asked about using every single visit, like it was the main thing.",
        "Honestly, with her, I felt like she was watching my pupils.",
        "She said once that my baby deserved a fresh start, and I don't think she heard herself.",
        "I never felt fully comfortable telling her the truth, because she'd get this "
        "disappointed look.",
    ],
    "X_COLLAB_ENGAGE": [
        "My counselor didn't even know I'd had the baby until I told her three weeks later.",
        "My OB acted like I was one more name on her list, no interest past the basics.",
        "The pediatrician never once asked how I was doing, it was in and out.",
        "My doula was sweet, but honestly it felt like she was checking boxes for her program.",
        "Nobody at the clinic ever called to see how the birth went.",
        "I'm pretty sure my prescriber never learned my name.",
        "My old doctor never looked up from the computer, it was like talking to the top of a "
        "head.",
    ],
    "DOULA_POSTPARTUM_GAP": [
        "For me there wasn't really a drop, she kept coming every week until he was almost a year.",
        "Honestly she was around more after the birth than before, which is when I needed her.",
        "My doula program went to twelve months, and she used every bit of it with me.",
        "She still checks on me, and my son's nine months now, so I can't say it ended.",
        "I was worried she'd disappear after the birth, but she came to his six-month checkup "
        "with me.",
        "The visits slowed down, but only because I told her I was okay, it wasn't her pulling "
        "away.",
    ],
}

# Dimensions of the postpartum gap, so the meaning-saturation lab has new facets to find in
# later groups after the code itself has stopped being new.
DIMENSIONS: dict[str, dict[str, list[str]]] = {
    "DOULA_POSTPARTUM_GAP": {
        "timing": [
            "It was the week after my six-week checkup, that's exactly when her visits ended.",
            "Her last visit was when my son was ten weeks, I remember because he'd just started "
            "smiling.",
            "It wasn't sudden, the doula visits went from weekly to monthly over the first couple "
            "of months.",
            "Discharge day was basically the last time I saw my doula in person.",
        ],
        "consequence": [
            "Without her checking in I stopped going to my groups, and that was a slippery couple "
            "of months.",
            "When her visits ended I had nobody to ask the little questions, so I just worried "
            "alone.",
            "After my doula was gone I missed two pediatrician appointments, because she used to "
            "be the one reminding me.",
            "Once she stopped coming, the loneliness really set in, the four-walls kind.",
        ],
        "coping": [
            "When my doula was gone I leaned on the moms in my group chat, which sort of filled "
            "the hole.",
            "After her visits ended I started going to the baby story time at the library just to "
            "talk to grown-ups.",
            "Up at night alone after she was gone, I'd ask myself, what would she say right now.",
            "My counselor picked up some of what my doula used to do after the program ended, but "
            "not all of it.",
        ],
        "remedy": [
            "If I could change one thing, the doula would stay until the baby's first birthday, "
            "no question.",
            "They should taper the doula visits slowly after birth instead of just ending them.",
            "Even a monthly check-in from the doula after the program ends would make a "
            "difference.",
            "There should be a handoff, like your doula introduces you to whoever's next before "
            "she goes.",
        ],
    },
}

DISTRACTORS: list[dict] = [
    {
        "kind": "nurse_not_doula",
        "codes": [],
        "trap": ["DOULA_PRESENCE", "DOULA_ADVOCACY_HOSP"],
        "sentences": [
            "My labor nurse was so sweet, she kept bringing me extra popsicles.",
            "The nurse who checked my epidural had the softest voice, I still remember her.",
            "There was a night nurse who sat with me for a few minutes when I couldn't sleep.",
            "The midwife who delivered her was calm and funny, and she let me reach down and "
            "touch her head.",
            "My nurse during pushing was tough, like drill-sergeant tough, but honestly it worked.",
            "One of the nurses held my leg during pushing and counted out loud for me.",
        ],
    },
    {
        "kind": "nurse_not_doula",
        "codes": ["X_STIGMA_CARE"],
        "trap": ["DOULA_PRESENCE", "DOULA_ADVOCACY_HOSP"],
        "sentences": [
            "The labor nurse made a face when she saw my medication list and barely spoke to me "
            "after.",
            "My midwife asked me, in front of my sister, if I'd used anything before coming in, "
            "even though she knew I was on Subutex.",
            "The nurse who took the baby for scoring said, well, we'll see how bad he is, right "
            "to my face.",
            "A postpartum nurse told me she'd have to keep an eye on me because of my methadone.",
            "The nurse wouldn't bring my pain medicine until the doctor checked my history, and "
            "nobody else had to wait like that.",
        ],
    },
    {
        "kind": "nurse_not_doula",
        "codes": ["X_COLLAB_ENGAGE"],
        "trap": ["DOULA_PRESENCE", "DOULA_ADVOCACY_HOSP"],
        "sentences": [
            "My labor nurse called the pharmacy herself to make sure my methadone was ready, she "
            "was on it.",
            "The midwife at my delivery stood up for me when the resident was rushing, she was on "
            "my side.",
            "One nurse came back on her break to check on me, said she'd been rooting for me all "
            "shift.",
            "The charge nurse told me, you tell me if anyone treats you wrong, and she meant it.",
        ],
    },
    {
        "kind": "partner_at_birth",
        "codes": [],
        "trap": ["DOULA_PRESENCE"],
        "sentences": [
            "My boyfriend cut the cord and then almost passed out, which, honestly, classic.",
            "My mom was there the whole labor, rubbing my back and telling me stories about when "
            "I was born.",
            "{PARTNER} stayed up all night with me and kept feeding me ice chips.",
            "My sister held one leg and the nurse held the other, and my sister still talks "
            "about it.",
            "My mom was the first one to hold her after me, and she cried like a baby.",
            "My fiancé was there for the whole thing, holding my hand, calling me a warrior.",
            "My husband kept the music going and made me laugh between pushes.",
            "My grandma sat in the corner praying the whole time, which was kind of sweet.",
            "My best friend drove me in and stayed till the baby came, she didn't even go home "
            "to change.",
            "{PARTNER} did the counter-pressure on my back for hours, he learned it from a video.",
            "My mom stayed overnight in that little chair and never complained once.",
            "My partner was the one who told me it's a girl, because I couldn't see over the "
            "sheet.",
        ],
    },
    {
        "kind": "caseworker_not_doula",
        "codes": ["X_CPS_FEAR"],
        "trap": ["DOULA_ADVOCACY_LEGAL"],
        "sentences": [
            "At the safe care meeting the caseworker did all the talking, and I just nodded, "
            "scared anything I said would get twisted.",
            "The CPS worker was polite, but I was so terrified she'd take him I barely said two "
            "words.",
            "When the caseworker asked about my boyfriend I said he was out of the picture, "
            "because I was scared of what the truth would do.",
            "I signed everything the caseworker put in front of me, because I was afraid not "
            "signing would look bad.",
        ],
    },
    {
        "kind": "caseworker_not_doula",
        "codes": [],
        "trap": ["DOULA_ADVOCACY_LEGAL"],
        "sentences": [
            "The caseworker at my plan of safe care meeting was actually pretty reasonable.",
            "The CPS worker went through the plan with me, which services I'd keep up with, and "
            "that was about it.",
            "My caseworker came to the hospital, asked about my supports, and said she'd check "
            "in after discharge.",
            "The meeting with the caseworker was short, she had her checklist and we went "
            "through it.",
            "My caseworker signed me up for the parenting class, which was fine.",
        ],
    },
]

UNCODED: list[str] = [
    "These muffins are really good, who brought these?",
    "Sorry I'm late, the bus just sat there for like ten minutes.",
    "Is it cold in here or is it just me?",
    "She's finally sleeping through the night, knock on wood.",
    "My feet were so swollen at the end I wore my boyfriend's slides for a month.",
    "Ha, yeah, no, I'm never doing that again.",
    "Can I grab another coffee real quick?",
    "I had heartburn so bad I was sleeping sitting up.",
    "He's teething right now, so forgive me if I look like a zombie.",
    "Wait, sorry, what was the question again?",
    "Oh my gosh, the hiccups, she gets hiccups like five times a day.",
    "I craved pickles with peanut butter, don't judge me.",
    "It rained the day she was born, and it's been raining ever since, I swear.",
    "My water broke in the cereal aisle, which, yeah, that happened.",
    "He was nine pounds two ounces, so you can imagine.",
    "My phone's on silent, I promise.",
    "I'm sorry, can you say that again? I zoned out.",
    "Honestly the sleep is the thing, I'd trade anything for four hours straight.",
    "We got one of those bottle warmers and it's a game changer.",
    "My oldest is obsessed with his baby sister, he wants to hold her all day.",
    "I got stuck behind a garbage truck on the way here.",
    "Does anybody know if they validate parking here?",
    "The Braxton Hicks at the end were no joke.",
    "I cried at a paper towel commercial yesterday, like full-on cried.",
    "Her first laugh was at the dog, not at me, which I'm still a little hurt about.",
    "Is anybody else's baby allergic to naps?",
    "I did the whole nursery in yellow because we didn't find out.",
    "Morning sickness for me was all-day sickness, all nine months.",
    "Oh, I love your earrings, where'd you get those?",
    "Traffic was terrible, I almost turned around and went home.",
    "I'm gonna be honest, I'm mostly here for the pizza.",
    "He rolled over for the first time last week and I missed it because I was in the shower.",
    "We had the baby shower at my aunt's house and played that game with the melted candy bars "
    "in the diapers.",
    "My back still hurts from carrying the car seat everywhere.",
    "Okay, okay, I'll stop, I'm laughing too hard.",
    "Anyway, sorry, that was a whole tangent.",
    "I've watched every season of that baking show at three in the morning.",
    "She's in the ninetieth percentile for height, so she's gonna be tall like her dad.",
    "I swear my hair is falling out in clumps now.",
    "He eats every two hours like clockwork, which is great and also exhausting.",
    "Can we open a window, or is that just me?",
    "I named her after my grandmother, so she's got an old-lady name and I love it.",
    "My toddler bit another kid at daycare yesterday, so that's been my week.",
    "I thought I'd be one of those cute pregnant people, and instead I just looked tired for nine "
    "months.",
    "The hospital food was honestly not bad, the French toast especially.",
    "Oh, that's him crying in the hall, my mom's got him, hold on a sec.",
    "I got maybe three hours of sleep last night, so bear with me.",
    "I'm not much of a talker, but I'll try.",
    "We tried six different pacifiers before he took one.",
    "She has my nose, poor thing.",
    "My labor started on a Tuesday and she came on Thursday, like she was taking her time.",
    "I ate a whole rotisserie chicken the day after I delivered.",
    "Does anybody else's baby hate the car seat? Mine screams the whole ride.",
    "I'm so glad it's finally warming up, I'm tired of bundling him up.",
    "Everyone told me labor would feel like cramps, and that was a lie.",
    "Stretch marks showed up at like thirty-nine weeks, out of nowhere.",
    "The first bath was a disaster, she peed all over me.",
    "Oh, I had that same stroller, the one where the basket is way too small.",
    "Sorry, that's my ringtone, I love that song.",
    "My cat is still jealous of the baby.",
    "We just moved her to her own crib and I didn't sleep at all, checking on her.",
    "Okay, somebody else go, I've been talking too much.",
    "I was so big at the end I couldn't see my feet, my boyfriend had to tie my shoes.",
    "{CHILD} was born at 4:44, which my mom says is lucky.",
    "Gas drops, we are all about gas drops at my house.",
    "Anybody else still wearing maternity jeans? Because I am.",
    "I had hiccups my whole third trimester too, so I think she got it from me.",
    "It's his six-month birthday on Sunday, we're doing a little cake.",
    "The snacks are better this time, whoever picked them, thank you.",
    "My sister's pregnant too, so our kids will be like a year apart.",
    "I still haven't sent my thank-you cards from the shower.",
    "Sorry, my brain is mush today.",
    "The pushing was only twenty minutes, but it felt like a week.",
    "She was born with a full head of hair, like, a whole mullet.",
    "We went to the park for the first time last weekend and he slept through the whole thing.",
    "Wait, hold on, I lost my train of thought.",
    "I've been craving the same sandwich since I was pregnant, it never stopped.",
    "Is that rain? I didn't bring an umbrella.",
    "My little one just learned to blow raspberries, so everything's wet now.",
    "I'm sorry, I have to step out in a minute to feed him.",
]

BUILD_ON: list[str] = [
    "Same for me.",
    "Yeah, like she said,",
    "I kind of disagree, though.",
    "Mine was different.",
    "That's exactly it.",
    "Okay, so, going off what she said,",
    "Oh, that's so real.",
    "Yes, yes, that.",
    "I was gonna say the same thing.",
    "See, for me it was kind of the opposite.",
    "Kind of like her,",
    "Mm, I feel that.",
    "To piggyback on that,",
    "Honestly, same.",
    "I hear you, but",
    "Right, and also,",
    "That happened to me too.",
    "Not me, though.",
    "Can I add to that?",
    "Building on what you said,",
    "Ugh, yes.",
    "For real, for real.",
    "I'm the same way.",
    "That's funny, because mine was the exact opposite.",
    "Yeah, and on top of that,",
    "I didn't have that, but",
    "Oh my God, yes.",
    "Like what she was saying about the hospital,",
    "I want to go back to what she said,",
    "Sort of the same, sort of not.",
    "You took the words right out of my mouth.",
    "Wait, me too.",
]

COLLOQUIAL: dict[str, list[str]] = {
    "X_IDENTITY_GROWTH": [
        "I've been clean since the day I found out I was pregnant, and I'm honestly proud of who "
        "I'm becoming.",
        "Being clean and being a mom at the same time, I didn't know that was a person I could be.",
        "I'm a clean, sober mom now, and I say that to myself in the mirror sometimes.",
    ],
    "DOULA_NONJUDGMENT": [
        "She never asked me if I was clean, she asked me how I was sleeping.",
        "Other people wanted to know if I was clean yet, and my doula just wanted to know what I "
        "wanted for the birth.",
        "With her I didn't have to keep proving I was clean.",
    ],
    "DOULA_RECOVERY": [
        "She'd text me on my clean date every month, like, proud of you, one more.",
        "She helped me plan how to stay clean those first weeks home with the baby.",
        "Staying clean meant staying on my medicine, and she'd remind me of that.",
    ],
}
