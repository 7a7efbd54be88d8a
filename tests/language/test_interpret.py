"""The clean-statement reader: a table of what people said and what the skill takes it for."""

from __future__ import annotations

import pytest

from skill.language.interpret import (
    addresses_partner,
    agrees,
    answer_at_end,
    declines,
    exercise_named,
    interpret,
    is_heard,
    leaves,
    meta_question,
    ordinal,
    unsure_only,
)

CASES = [
    # speech-b (decision 0074): everyday shapes, written for the fold, with look-alikes
    ("let's call it a day", "AMAZON.StopIntent"),
    ("i'm not in the mood for this", "AMAZON.StopIntent"),
    ("will she hear this later", "WhatDoYouKeepIntent"),
    ("does my husband get told any of this", "WhatDoYouKeepIntent"),
    ("would this get played back", "WhatDoYouKeepIntent"),
    ("is anyone else listening to this", "WhatDoYouKeepIntent"),
    ("he will see it differently", None),
    ("she knows what i did for her", None),
    ("why are you asking me that", "AMAZON.HelpIntent"),
    ("what would a good reply sound like", "AMAZON.HelpIntent"),
    ("play what she said again", "AMAZON.RepeatIntent"),
    ("play that again", "AMAZON.RepeatIntent"),
    ("say again", "AMAZON.RepeatIntent"),
    ("give us a minute", "AMAZON.PauseIntent"),
    ("not sure what to say to that", "UnsureIntent"),
    ("can i just tell you what happened first", "VentIntent"),
    ("i need to get this off my chest", "VentIntent"),
    ("can you just listen", "VentIntent"),
    ("can i tell you something he said", "VentIntent"),
    ("i need to talk to him about money", None),
    ("i want to get out more", None),
    ("say that again", "AMAZON.RepeatIntent"),
    ("i said the wrong word go back", "AMAZON.PreviousIntent"),
    ("undo that last answer", "AMAZON.PreviousIntent"),
    ("the kettle's going hold on", "AMAZON.PauseIntent"),
    ("how does this work then", "AMAZON.HelpIntent"),
    ("i meant to say here", "AMAZON.HelpIntent"),
    ("never mind bye", "AMAZON.StopIntent"),
    ("today thanks bye", "AMAZON.StopIntent"),
    ("i do not know what i need", "UnsureIntent"),
    ("i can not really tell", "UnsureIntent"),
    ("i'd rather you didn't to be honest", "AMAZON.NoIntent"),
    ("yeah sure that's fine", "AMAZON.YesIntent"),
    ("do you save what i say here", "WhatDoYouKeepIntent"),
    ("can you delete everything", "DeleteDataIntent"),
    ("i really loved how he cooked", None),
    ("i am off to work", None),
    ("i can not stop crying", None),
    ("what if it happens again", None),
    ("i want to save my marriage", None),
    ("i can not wait to see him", None),
    ("what do i do when he yells", None),
    ("i do not know if i love him anymore", None),
    # Everyday variants written for the round-2 fold (own words, not the round's).
    ("sorry what did you just say", "AMAZON.RepeatIntent"),
    ("pardon me", "AMAZON.RepeatIntent"),
    ("i didn't catch the last bit", "AMAZON.RepeatIntent"),
    ("could you say what she said again", "AMAZON.RepeatIntent"),
    ("ok that's it for tonight", "AMAZON.StopIntent"),
    ("i've got to go the baby's awake", "AMAZON.StopIntent"),
    ("let's leave it there", "AMAZON.StopIntent"),
    ("i'm finished thanks", "AMAZON.StopIntent"),
    ("back a step please", "AMAZON.PreviousIntent"),
    ("can i change my answer to that", "AMAZON.PreviousIntent"),
    ("give me a mo", "AMAZON.PauseIntent"),
    ("somebody's at the door", "AMAZON.PauseIntent"),
    ("what is this for", "AMAZON.HelpIntent"),
    ("how is this meant to help", "AMAZON.HelpIntent"),
    ("what's a pattern exactly", "AMAZON.HelpIntent"),
    ("not really sure about that", "UnsureIntent"),
    ("bit of both i suppose", "UnsureIntent"),
    ("can we skip this bit", "SkipIntent"),
    ("i'd rather not say", "SkipIntent"),
    ("yeah nah", "AMAZON.NoIntent"),
    ("go on then", "AMAZON.YesIntent"),
    ("that's fine by me", "AMAZON.YesIntent"),
    ("who else can hear this", "WhatDoYouKeepIntent"),
    ("what sort of notes do you take", "WhatDoYouKeepIntent"),
    ("the first time he said it i laughed", None),
    ("i can't tell him how i feel", None),
    # Written for the round-3 fold (own words, not the round's).
    ("i think i'll quit for now", "AMAZON.StopIntent"),
    ("could i stop here please", "AMAZON.StopIntent"),
    ("honestly i can't do this one right now", "AMAZON.StopIntent"),
    ("i'll leave it at that for tonight", "AMAZON.StopIntent"),
    ("i want to quit my job", None),
    ("he just won't stop", None),
    ("could you ask me that again", "AMAZON.RepeatIntent"),
    ("what did she just say again", "AMAZON.RepeatIntent"),
    ("what were the two options", "AMAZON.RepeatIntent"),
    ("calm or what", "AMAZON.RepeatIntent"),
    ("could you ask me this bit again", "AMAZON.RepeatIntent"),
    ("the what sorry", "AMAZON.RepeatIntent"),
    ("so what", None),
    ("can you give me an example of one", "AMAZON.HelpIntent"),
    ("how does the second part work", "AMAZON.HelpIntent"),
    ("how should i answer this one", "AMAZON.HelpIntent"),
    ("what kind of answer do you want", "AMAZON.HelpIntent"),
    ("i don't really know yet", "UnsureIntent"),
    ("wait can my husband hear what i say on here", "WhatDoYouKeepIntent"),
    ("is any of it being recorded", "WhatDoYouKeepIntent"),
    ("does he ever listen to me", None),
    # Written for the round-4 fold (own words, not the round's).
    ("what type of word do you want from me", "AMAZON.HelpIntent"),
    ("what do you mean by that exactly", "AMAZON.HelpIntent"),
    ("what do you mean", "AMAZON.RepeatIntent"),
    ("so what am i meant to be saying", "AMAZON.HelpIntent"),
    ("what kind of thing is bothering you", None),
    ("could you go through them again", "AMAZON.RepeatIntent"),
    ("i don't know honestly it's hard to say", "UnsureIntent"),
    ("not really sure i can't pick", "UnsureIntent"),
    ("um i dunno i can't describe it really", "UnsureIntent"),
    ("i don't know why he shouts", None),
    ("gimme a minute", "AMAZON.PauseIntent"),
    ("hold up my tea's boiling over", "AMAZON.PauseIntent"),
    ("just a second", "AMAZON.PauseIntent"),
    ("nah forget about it", "AMAZON.StopIntent"),
    ("i forget it sometimes", None),
    # Everyday fold D/E (ADR 0072-0073): fillers first, privacy about the partner, help and
    # "not sure" in everyday words, asking to be heard; and what must stay unread.
    ("mm yes that helped", "AMAZON.YesIntent"),
    ("haan theek hai", "AMAZON.YesIntent"),
    ("does he get told any of this", "WhatDoYouKeepIntent"),
    ("is it private though", "WhatDoYouKeepIntent"),
    ("would she be able to ask it what i said", "WhatDoYouKeepIntent"),
    ("he hear any of this later", "WhatDoYouKeepIntent"),
    ("he heard me crying last night", None),
    ("what is this app actually", "AMAZON.HelpIntent"),
    ("how's it work", "AMAZON.HelpIntent"),
    ("why are you asking me that", "AMAZON.HelpIntent"),
    ("what happens if i say no", "AMAZON.HelpIntent"),
    ("why does he never listen", None),
    ("i don't know you pick", "UnsureIntent"),
    ("whatever you reckon", "UnsureIntent"),
    ("i don't even know what i need", "UnsureIntent"),
    ("can i just tell you what he did instead", "VentIntent"),
    ("none of those i just want to talk about what happened", "VentIntent"),
    ("i want to talk to my wife about money", None),
    ("i'm gonna stop here goodnight", "AMAZON.StopIntent"),
    ("we had a good night", None),
    ("okay good night then", "AMAZON.StopIntent"),
    ("goodnight then", "AMAZON.StopIntent"),
    ("he didn't even say goodnight last night", None),
    ("what were they again", "AMAZON.RepeatIntent"),
    ("one minute my son's calling", "AMAZON.PauseIntent"),
    ("one minute breathing practice please", None),
    ("a moment of appreciation", None),
    # Written for the pool H fold (decision 0098): politeness, a named person, the shared echo,
    # with look-alikes that are answers.
    ("i do apologise i'm not sure how any of this works", "AMAZON.HelpIntent"),
    ("so what is steady heart exactly", "AMAZON.HelpIntent"),
    ("would you please explain it to me", "AMAZON.HelpIntent"),
    ("what does it do to you when he shouts", None),
    ("my son uses the same echo can he hear this", "WhatDoYouKeepIntent"),
    ("will alexa tell my girlfriend what i said", "WhatDoYouKeepIntent"),
    ("is what i say being recorded somewhere", "WhatDoYouKeepIntent"),
    ("we both use the echo for music", "WhatDoYouKeepIntent"),
    ("he uses the echo for music all night", None),
    ("i kept it somewhere safe", None),
    ("she will tell her mother everything", None),
    ("could you read that a little more slowly", "AMAZON.RepeatIntent"),
    ("would you mind repeating the question", "AMAZON.RepeatIntent"),
    ("he speaks so slowly to me", None),
    ("hold that thought my phone's ringing", "AMAZON.PauseIntent"),
    ("the baby's crying all night and he sleeps through it", None),
    ("i haven't the foggiest clue", "UnsureIntent"),
    ("not sure which one to pick honestly", "UnsureIntent"),
    ("i'd much rather just talk if that's alright", "VentIntent"),
]


@pytest.mark.parametrize(
    ("said", "yes"),
    [
        ("one more go please", True),
        ("another round", True),
        ("go on", True),
        ("no", False),
        ("that was nice honestly yes do it again", True),
        ("you can keep it", True),
        ("he can keep it", False),
    ],
)
def test_agrees(said: str, yes: bool) -> None:
    assert agrees(said) is yes


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        # Written for the pool H fold: the yes or no said last, after words to a child.
        ("okay okay stop that sweetie yes go ahead", True),
        ("daddy's on the phone put it down no thank you", False),
        ("hang on love not now mummy's busy okay yes", True),
        ("yes please", None),
        ("no but he said yes", None),
        ("come here now yes", True),
        ("come here and we will see yes", None),
    ],
)
def test_answer_at_end(said: str, answer: bool | None) -> None:
    assert answer_at_end(said) is answer


@pytest.mark.parametrize(("said", "intent"), CASES)
def test_interpret(said: str, intent: str | None) -> None:
    assert interpret(said) == intent


@pytest.mark.parametrize(
    ("said", "exercise"),
    [
        ("can we just do the breathing instead", "calming"),
        ("the short check in with yourself", "check-in"),
        ("something for tonight", None),
    ],
)
def test_exercise_named(said: str, exercise: str | None) -> None:
    names = [("calming", "breathing"), ("check-in", "check in"), ("check-in", "short check in")]
    assert exercise_named(said, names) == exercise


@pytest.mark.parametrize(
    ("said", "choice"),
    [
        ("the first one i think", "first"),
        ("that last one the appreciating thing", "last"),
        ("i want to talk first", None),
        ("um the middle one please", "second"),
        ("he wakes me in the middle of the night", None),
        ("something for tonight", None),
        ("the latter", "last"),
        ("um the former", "first"),
        ("number three", "third"),
        ("the latter half of the week was hard", None),
        ("i was number two on the list", None),
    ],
)
def test_ordinal(said: str, choice: str | None) -> None:
    assert ordinal(said) == choice


@pytest.mark.parametrize(
    ("said", "no"),
    [
        ("i am good thanks", True),
        ("no that's enough i feel a bit better", True),
        ("nah", True),
        ("i am going to try", False),
        ("i think so", False),
        ("nah that'll do thanks", True),
        ("i think i'm alright actually", True),
        ("i'd rather not to be honest", True),
        ("no no don't write anything down", True),
        ("i'm fine with that", False),
        ("i'd rather you kept them", False),
    ],
)
def test_declines(said: str, no: bool) -> None:
    assert declines(said) is no


@pytest.mark.parametrize(
    ("said", "heard"),
    [("my wife hardly looks at me", True), ("i feel so alone", True), ("the kettle", False)],
)
def test_is_heard(said: str, heard: bool) -> None:
    assert is_heard(said) is heard


@pytest.mark.parametrize(
    ("said", "leaving"),
    [
        ("i'd really like to quit now", True),
        ("stop i'd rather not do this", True),
        ("i'm gonna leave it there for tonight", True),
        ("i'm so tired of him", False),
        ("i want to leave him", False),
        # Written for the round-4 fold: leaving in passing.
        ("alright i'm off then", True),
        ("i'm out of here", True),
        ("i'm going to stop here for tonight", True),
        ("stop there", True),
        ("ugh just close it", True),
        ("switch it off please", True),
        ("i'm off work on friday", False),
        ("he always wants to stop there for a pint", False),
        ("i can't close it with him", False),
        # Written for the pool H fold: leaving politely, or by the app's name.
        ("okay let's just stop", True),
        ("please quit steady heart now", True),
        ("right i'll finish there thanks", True),
        ("sorry i don't want to practise that anymore", True),
        ("he asks me to call his mum and i don't want to do it", False),
        ("let's stop pretending everything's fine", False),
    ],
)
def test_leaves(said: str, leaving: bool) -> None:
    """Leaving in one's own words wins even where a long answer is due."""
    assert leaves(said) is leaving


@pytest.mark.parametrize(
    ("said", "meta"),
    [
        ("sorry what did my wife say again", True),
        ("how am i supposed to reply to that", True),
        ("um give me a sec to think about it", True),
        ("i told him to give me a minute", False),
        ("i said what did you do", False),
        # Written for the pool H fold: not following the step, said after a courtesy.
        ("excuse me what exactly should i say here", True),
        ("i really don't follow what you want from me", True),
        ("he never tells me what he wants", False),
    ],
)
def test_meta_question(said: str, meta: bool) -> None:
    """A question about the step wins over a long answer; words that quote one do not."""
    assert meta_question(said, interpret(said)) is meta


@pytest.mark.parametrize(
    ("said", "unsure"),
    [
        ("honestly i'm not too sure it's tricky to say", True),
        ("dunno i can't think of one", True),
        ("i'm not sure he cares", False),
        ("i don't know, lonely maybe", False),
    ],
)
def test_unsure_only(said: str, unsure: bool) -> None:
    """Not knowing said at length is unsure everywhere; with an answer in it, it is not."""
    assert unsure_only(said) is unsure


@pytest.mark.parametrize(
    ("said", "addressed"),
    [
        ("oh love what's wrong", True),
        ("hey are you alright", True),
        ("how tall is a giraffe", False),
        ("purple elephants", False),
    ],
)
def test_addresses_partner(said: str, addressed: bool) -> None:
    """Words said to the partner are a practice reply; a stray question is not."""
    assert addresses_partner(said) is addressed
