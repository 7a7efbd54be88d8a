"""The pronoun rules of skill/language/second_person.py, as a table.

to_partner: the words the person could say TO their partner (partner -> "you", speaker stays "I").
to_listener: Alexa reading the person's note back to them (speaker -> "you", partner stays).
"""

from __future__ import annotations

import pytest

from skill.language.second_person import (
    from_deed,
    from_moment,
    from_state,
    is_ongoing,
    third_to_base,
    to_listener,
    to_partner,
)

# (clause as kept, said to the partner, read back to the person)
TABLE = [
    ("he made my coffee", "you made my coffee", "he made your coffee"),
    ("she always makes me laugh", "you always make me laugh", "she always makes you laugh"),
    (
        "they were so patient with me",
        "you were so patient with me",
        "they were so patient with you",
    ),
    ("I hugged her", "I hugged you", "you hugged her"),
    (
        "she called her mother for me",
        "you called your mother for me",
        "she called her mother for you",
    ),
    (
        "I told her about my day and she listened",
        "I told you about my day and you listened",
        "you told her about your day and she listened",
    ),
    ("he gave me his jacket", "you gave me your jacket", "he gave you his jacket"),
    ("the last slice was his", "the last slice was yours", "the last slice was his"),
    ("he's been so kind", "you've been so kind", "he's been so kind"),
    ("she's always there for me", "you're always there for me", "she's always there for you"),
    ("they're so thoughtful", "you're so thoughtful", "they're so thoughtful"),
    (
        "my partner cooks dinner every night",
        "you cook dinner every night",
        "your partner cooks dinner every night",
    ),
    ("my husband listened to me", "you listened to me", "your husband listened to you"),
    ("my other half fixed the sink", "you fixed the sink", "your other half fixed the sink"),
    ("he told me I looked nice", "you told me I looked nice", "he told you you looked nice"),
    ("she does the dishes", "you do the dishes", "she does the dishes"),
    ("he tries so hard", "you try so hard", "he tries so hard"),
    ("he washes the car on sundays", "you wash the car on sundays", "he washes the car on sundays"),
    ("she doesn't complain", "you don't complain", "she doesn't complain"),
    (
        "he isn't one for words but he wrote me a note",
        "you aren't one for words but you wrote me a note",
        "he isn't one for words but he wrote you a note",
    ),
    ("they gave themselves a break", "you gave yourself a break", "they gave themselves a break"),
    ("he fixed it himself", "you fixed it yourself", "he fixed it himself"),
    (
        "I noticed he always goes out of his way",
        "I noticed you always go out of your way",
        "you noticed he always goes out of his way",
    ),
    (
        "he was tired but he still helped",
        "you were tired but you still helped",
        "he was tired but he still helped",
    ),
    ("we laughed together", "we laughed together", "we laughed together"),
    (
        "I came home to a clean kitchen",
        "I came home to a clean kitchen",
        "you came home to a clean kitchen",
    ),
    (
        "I was sick and he brought me soup",
        "I was sick and you brought me soup",
        "you were sick and he brought you soup",
    ),
    (
        "I'm sure she noticed I was tired",
        "I'm sure you noticed I was tired",
        "you're sure she noticed you were tired",
    ),
    ("he'd left a note for me", "you'd left a note for me", "he'd left a note for you"),
    ("she'll drive me tomorrow", "you'll drive me tomorrow", "she'll drive you tomorrow"),
    ("he reminded me of mine", "you reminded me of mine", "he reminded you of yours"),
    ("she let me rest by myself", "you let me rest by myself", "she let you rest by yourself"),
    (
        "they made our evening, thanks to them",
        "you made our evening, thanks to you",
        "they made our evening, thanks to them",
    ),
]


@pytest.mark.parametrize(("clause", "partner", "listener"), TABLE, ids=[r[0] for r in TABLE])
def test_pronoun_table(clause: str, partner: str, listener: str) -> None:
    assert to_partner(clause) == partner
    assert to_listener(clause) == listener


def test_the_table_is_big_enough() -> None:
    assert len(TABLE) >= 20


@pytest.mark.parametrize(
    ("verb", "base"),
    [
        ("makes", "make"),
        ("tries", "try"),
        ("watches", "watch"),
        ("washes", "wash"),
        ("goes", "go"),
        ("is", "are"),
        ("was", "were"),
        ("has", "have"),
        ("made", "made"),
        ("always", "always"),
        ("kiss", "kiss"),
    ],
)
def test_third_person_verbs_agree_with_you(verb: str, base: str) -> None:
    assert third_to_base(verb) == base


@pytest.mark.parametrize(
    ("build", "heard", "clause"),
    [
        (from_deed, "made my coffee", "they made my coffee"),
        (from_deed, "makes me laugh", "they make me laugh"),
        (from_deed, "always picks me up", "they always pick me up"),
        (from_deed, "was kind to my mum", "they were kind to my mum"),
        (from_deed, "", None),
        (from_deed, None, None),
        (from_state, "always there for me", "they're always there for me"),
        (from_state, "been so patient lately", "they've been so patient lately"),
        (from_state, "  ", None),
        (from_moment, "he made dinner", "he made dinner"),
        (from_moment, "i came home to a clean kitchen", "i came home to a clean kitchen"),
        (from_moment, "made dinner for us", "they made dinner for us"),
        (from_moment, None, None),
    ],
)
def test_the_clause_is_built_from_what_the_carrier_phrase_left(
    build: object, heard: str | None, clause: str | None
) -> None:
    assert callable(build)
    assert build(heard) == clause


def test_long_phrases_are_cut_to_a_speakable_length() -> None:
    clause = from_deed("did " + "so many things " * 40)
    assert clause is not None
    assert len(clause.split()) <= 31


def test_ongoing_or_one_moment() -> None:
    assert is_ongoing("they're always there for me")
    assert is_ongoing("they've been so patient")
    assert not is_ongoing("they made my coffee")
    assert not is_ongoing("")


def test_other_characters_pass_through_unchanged() -> None:
    # Escaping for SSML is the renderer's job (tested in the conversation tests); the rules only
    # change whole words and keep everything else as it was.
    assert to_partner("he wrote <b>me</b> & her a note") == "you wrote <b>me</b> & you a note"
