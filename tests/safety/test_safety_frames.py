"""The frames that take a finding back (``frames.yaml``) never take back a crisis said beside them.

A resolved past, a film, a price that "cuts my throat" or a song that makes someone want to "shoot
myself" is cut out of the utterance; what is said in the same breath is still judged. Each row
here is a crisis said next to a frame's look-alike (the look-alikes themselves are rows of
``phrases.yaml``): a present blow or wish after a dated past, a past that is back ("again", "he
is outside"), an intent or a weapon after a joke. Written with the training pool fold (decision
0068); the category is the one the screen gives, pinned so that a frame can never make an
answer less urgent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from skill.language.safety import engine, screen
from skill.language.safety.rules import RuleError

BESIDE_A_FRAME = [
    # a wish said in the past tense is the present: "i was" after "wish" is not what was
    (
        "i wish i was dead so my dad was violent when we were kids but we did therapy "
        "and we're okay now",
        "suicide",
    ),
    ("i wish i wasn't alive anyway back in uni i self harmed but i'm fine now", "suicide"),
    ("years ago he broke my arm and now he's started hitting me again", "violence"),
    ("back in 2015 i tried to kill myself and i feel like that again", "suicide"),
    ("i was suicidal at school and i'm feeling that way again now", "suicide"),
    ("he hit me when i was pregnant and he hit me last night too", "violence"),
    ("years ago i overdosed and i've got the pills lined up now", "urgent"),
    ("i want to kill myself years ago i used to cut but i'm fine now", "suicide"),
    ("he hits me and years ago he broke my arm but i got help", "violence"),
    ("i cut myself at sixteen and i'm cutting again", "self_harm"),
    ("i used to self harm but i relapsed last week", "self_harm"),
    ("he used to beat me and he's started again", "violence"),
    ("my ex hit me years ago but he's back and he's threatening me", "violence"),
    ("it's been ten years since he hit me but he did it again tonight", "violence"),
    ("my cat is trying to kill me and honestly i want to die", "suicide"),
    ("the rent is cutting my throat and i want to end it all", "suicide"),
    ("i could have killed him when he hit the baby", "child"),
    ("if he plays that song again i'll kill him he's hit me again", "harm_others"),
    ("she stabbed me in the back with a kitchen knife", "violence"),
    ("he stabbed me in the back and i'm bleeding", "violence"),
    ("he'll kill me if i forget his birthday again i'm scared of him", "danger"),
    ("the news said a woman was killed and i think he's going to kill me", "danger"),
    ("she'll kill me if i forget her birthday last time she broke my wrist", "danger"),
    ("i took an overdose an hour ago", "urgent"),
    ("i took an overdose back in the eighties and i've just taken another one", "urgent"),
    ("years ago i had a dark patch but i want to die now", "suicide"),
    ("when i was at uni i was raped and i'm not okay", "suicide"),
    ("at fourteen my stepdad abused me and he's still living with my little sister", "child"),
    ("i'm going to kill myself i was fine years ago but not now", "suicide"),
    ("the meeting was so boring i want to kill myself and i mean it", "suicide"),
    ("he broke my ribs in 2019 and i left him but he moved back in and he hits me", "violence"),
    ("i took an overdose when i was nineteen and i've taken one again tonight", "urgent"),
    ("i tried to kill myself at school and i got help but i want to die again", "suicide"),
    # "outside my house right now" is danger, and danger comes before violence in the priority
    # (a threat at the door is answered before the past blow): the row was written before the
    # others' rules (99-others-*) read "he's outside my house" on its own
    ("my ex used to hit me and i left him but he's outside my house right now", "danger"),
    ("years ago i cut myself and i've started cutting again this week", "self_harm"),
    ("i swallowed all my pills back in the day and i've swallowed them all again", "urgent"),
    ("my first husband beat me and my second husband beats me too", "violence"),
    ("he choked me in 2020 and i got an injunction but he choked me yesterday", "violence"),
    ("i was raped at uni and i still have nightmares and i want to die", "suicide"),
    ("i left him years ago but he keeps following me and i'm scared", "danger"),
    ("he used to hurt the kids and he's doing it again", "child"),
    ("the old days were bad he'd hit me but i'm not safe now he's back", "danger"),
    ("i thought about ending it in my twenties and i'm thinking about it again", "suicide"),
    ("when i was a kid my dad hit me and now my husband hits me", "child"),
    ("it's been five years since i cut and i've got the razor in my hand", "urgent"),
    ("it's been years since he hit me but he threatened to kill me last night", "violence"),
    ("back in college i overdosed and i feel that way now", "suicide"),
    ("i self harmed at uni and i'm self harming now", "self_harm"),
    ("my ex stabbed me years ago and he's just texted that he's coming for me", "danger"),
    ("he hit me once years ago and he hit me again this morning", "violence"),
    ("i had a rough time in my teens and i'm going to kill myself", "suicide"),
    ("my dad was violent when i was small and he's violent with my kids", "violence"),
    ("she'll kill me if i forget her birthday she's hit me before", "danger"),
    ("my cat is trying to kill me and i'm going to take all my pills", "suicide"),
    ("the price of petrol is killing me and i want to end my life", "suicide"),
    ("i could have killed him when he hit my daughter", "child"),
    ("if they play that song again i'll kill myself i can't go on", "suicide"),
    ("the meeting was so boring and i want to kill myself every day", "suicide"),
    ("my friend stabbed me in the back with a knife", "violence"),
    ("in 2019 he broke my jaw and he's just broken my nose", "violence"),
    ("when i was fifteen i took pills and i want to take them all again", "suicide"),
    ("my ex beat me in 2015 and i left but he turned up at my work today", "danger"),
    ("years ago i tried to hang myself and i've bought a rope this week", "suicide"),
    (
        "i was abused as a kid and my uncle still comes to family dinners and touches my daughter",
        "abuse",
    ),
    ("the bills are killing me and i want to kill myself", "suicide"),
    ("my dog is trying to kill me i can't cope i want to die", "suicide"),
    ("i could have strangled her when she told me she's leaving and i still might", "harm_others"),
    ("if they play that song again i'll stab him he hit me last night", "harm_others"),
    ("he stabbed me in the back of the leg with a fork", "violence"),
    ("she'll kill me if i forget her birthday she said so with a knife in her hand", "danger"),
    ("the news about the stabbing made me realise he could kill me too", "danger"),
    ("back in uni i overdosed and now i'm stockpiling pills again", "urgent"),
    ("he used to hit me but we broke up and he keeps turning up at my flat", "danger"),
    ("it's been years since i cut but i've been cutting again since christmas", "self_harm"),
]


@pytest.mark.parametrize(("text", "category"), BESIDE_A_FRAME)
def test_a_crisis_beside_a_frame_still_counts(text: str, category: str) -> None:
    finding = screen(text)
    assert finding is not None, text
    assert finding.category == category, text


def test_every_frame_compiles_with_its_classes_written_out() -> None:
    patterns = engine.frame_patterns()
    assert patterns
    for pattern in patterns:
        assert re.search(r"<[A-Z]+>", pattern) is None, pattern
        re.compile(pattern)


def test_a_class_that_is_not_listed_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frames = tmp_path / "frames.yaml"
    frames.write_text("spans:\n  - '<NOSUCH> thing'\nclasses: {}\n", encoding="utf-8")
    monkeypatch.setattr(engine, "FRAMES_FILE", frames)
    with pytest.raises(RuleError, match="NOSUCH"):
        engine.frame_patterns()


def test_only_a_dated_past_takes_back_harm_in_progress() -> None:
    # "took an overdose" is harm in progress; said of the eighties with help since, it is a past
    assert screen("i took an overdose") is not None
    assert (
        screen("back in the eighties i took an overdose but i got help and i have been grand since")
        is None
    )
    assert (
        screen("i took an overdose back in the eighties and i have taken another one tonight")
        is not None
    )
