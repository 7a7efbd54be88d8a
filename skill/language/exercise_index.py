"""What each exercise is for, in the words people use to ask for it: one index, from the content.

A person rarely says an exercise's name; they say what they want from it ("something to calm
me down before I talk to him", "work out what to say to my wife", "we need a counsellor").
The index joins, for every flow that can be asked for, its spoken names from the content
(:func:`skill.language.exercise_names.exercise_names`: every variation, said back) with its
*purpose words*: the key words of what it does, below. :func:`described` reads a sentence
against the index; the longest phrase found wins, so "calm down before i tell my wife what i
need" is the calming practice only if no longer opener phrase is there too.

The same purposes reach the interaction model (devtools/models.py: carrier samples such as
"something for {exercise}" with these phrases as ExerciseType synonyms), so virtual-alexa's
strict matching reaches the same exercise. The purpose words are never spoken by Alexa.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Final

__all__ = [
    "PURPOSES",
    "PURPOSE_INTENT",
    "REQUEST",
    "START_INTENT",
    "described",
    "index",
    "purpose_phrases",
]

_PARTNER: Final = (
    r"(?:him|her|them|my (?:wife|husband|partner|boyfriend|girlfriend|fiance|fiancee|"
    r"other half|hubby|missus|spouse))"
)

PURPOSES: Final[Mapping[str, tuple[str, ...]]] = {
    # id -> regular expressions over the normalised sentence (whole words, lower case)
    "calming": (
        r"breath(?:e|ing|s)?",
        r"calm(?:ing)? (?:me |myself )?down",
        r"calm myself",
        r"settle (?:my nerves|down|myself)",
        r"before (?:i|we) (?:talk|speak|see|ring|call)",
        r"slow (?:my|me) (?:breathing|down)",
        r"(?:help me |need to |want to )relax",
        # pool H: "too nervous to even think about it i need to calm down first".
        r"(?:need|want) to calm (?:down|myself)(?: first| a bit)?",
        r"cool (?:myself )?down",
    ),
    "grounding": (
        r"senses",
        r"ground(?:ed|ing)?(?: me| myself)?",
        r"here and now",
        r"present moment",
        r"back in my body",
        r"(?:get |take )?(?:me )?out of my (?:head|thoughts)",
        # pool H: "something to bring me back into the room", "the one where i notice things
        # i can see and hear", "my head is spinning".
        r"bring (?:me )?back (?:into|to|in) (?:the room|myself|my body|the present|earth)",
        r"(?:notice|noticing|name|naming|list) (?:the )?things (?:i|you|we) can (?:see|hear|touch)",
        r"(?:see|hear|touch|smell) and (?:hear|see|touch|feel|smell)",
        r"head (?:is|'s) spinning",
    ),
    "check-in": (
        r"how (?:i am|i'm|am i) feeling",
        r"how i feel",
        r"(?:talk about|sort out|sort through|go through|with|name) my feelings",
        r"check in(?: with (?:myself|me))?",
        r"name (?:what|how) i feel",
        r"my mood",
    ),
    "opener": (
        r"what (?:to|i should|i'm going to|i am going to|i could|i'd|i would) say",
        r"how (?:to|do i|can i|should i) (?:say|tell|start|word|phrase|bring|raise|talk)",
        r"bring (?:it|this|that|something|things|stuff|up)\b(?: up)?",
        r"raise (?:it|this|that|something|an issue|the subject)",
        rf"(?:want|need|going|have) to tell {_PARTNER}",
        rf"talk to {_PARTNER} about",
        r"(?:start|open) (?:the|a) (?:conversation|talk)",
        r"conversation starter",
        r"(?:hard|difficult|tough|big) (?:talk|conversation|chat)",
        r"word(?:ing)? it",
        r"practi[sc]e what",
        rf"(?:help me|something for|how (?:do i|to|can i|should i)|i want to|i need to) "
        rf"(?:talk|speak) to {_PARTNER}",
        r"plan (?:what|how) to (?:say|tell|put)",
    ),
    "validation": (
        r"(?:how to|help me|learn to|practi[sc]e|practi[sc]ing) (?:listen|listening)",
        r"listen(?:ing)? (?:better|properly)",
        rf"listen(?:ing)? to {_PARTNER} (?:better|properly|more)",
        r"(?:be a )?better listener",
        r"validat(?:e|ing|ion)",
        rf"understand {_PARTNER}",
        r"pretend (?:to be|you're|you are)",
        r"role ?play",
        r"hear (?:him|her|them) out",
        # pool H: "get better at listening when she tells me about her day without trying to
        # fix it".
        r"(?:get|getting|be|being) better at listening",
        r"without (?:trying to )?(?:fix|fixing|solve|solving) (?:it|things|everything)",
    ),
    "appreciation": (
        r"appreciat(?:e|ion|ing)",
        r"grateful",
        r"gratitude",
        r"thankful",
        r"something good about",
        r"(?:say|tell|said) something (?:nice|kind|good|lovely) (?:about|to)",
        # pool H: "think of something nice about my girlfriend", "noticing something i
        # appreciate about him".
        r"(?:think of|think about|notice|noticing|find|remember) (?:something|things|one thing) "
        r"(?:nice|kind|good|lovely|i like|i love) (?:about|in)",
    ),
    "connection": (
        r"date night",
        r"(?:feel |get |be |grow )?(?:a bit |a little )?closer",
        r"reconnect(?:ing)?",
        r"connect(?:ing)? (?:with|again)",
        r"(?:do|try) together",
        r"quality time",
        r"(?:the )?spark",
        r"romance|romantic",
        # "an idea for a little date with my girlfriend", "a nice evening out with my wife".
        r"(?:a|little|proper|nice|fun|romantic) date|date ideas?",
        r"(?:evening|night|day) out",
        r"(?:something|anything) (?:nice|fun|special|lovely|romantic) (?:to do )?(?:with|for) "
        r"(?:me and )?" + _PARTNER,
        r"(?:something|anything|ideas?) to do (?:with|for) (?:me and )?" + _PARTNER,
        # pool H: "an idea of something small to do with my girlfriend tonight so we feel
        # close again".
        r"(?:something|anything|an idea|ideas?)(?: of something)? (?:\w+ )?to do (?:together|with "
        r"(?:me and )?" + _PARTNER + ")",
        r"(?:feel|be|get) close (?:again|to (?:each other|him|her|them))",
    ),
    "self-care": (
        r"look(?:ing)? after (?:myself|me)",
        r"take care of (?:myself|me)",
        r"me time",
        r"self care",
        r"be kind(?:er)? to myself",
        # pool H: "something just for me i've been running on empty", "something kind for
        # myself maybe with the journal bit".
        r"(?:just|only) for (?:me|myself)\b(?! and)",
        r"(?:nice|kind|good) (?:for|to) myself",
        r"running on empty",
        r"looking after everyone",
        r"journal(?:ling|ing)?",
    ),
    "pattern": (
        r"patterns?",
        r"(?:a |just a )?(?:rough patch|phase)",
        r"(?:becoming|turning into) a habit",
        r"always like this",
        r"keeps? happening",
        r"(?:the )?same (?:fight|argument|row|thing) (?:again|over)",
        r"again and again",
        r"over and over",
    ),
    "boundaries": (
        r"(?:my own |some |more )space",
        r"boundar(?:y|ies)",
        r"limits",
        r"say no to",
        # pool H: "i need half an hour to myself when i get home", "help saying where my limit
        # is".
        r"(?:time|an hour|half an hour|a bit of time|some time|a minute|room|peace) (?:to|for) "
        r"myself",
        r"where my limits? (?:is|are|lies)",
        r"(?:set|setting|say|saying|hold|holding) (?:a |my )?limits?",
    ),
    "couple-check-in": (
        r"both of us",
        r"we both",
        r"both (?:join|take part|do it|answer)",
        rf"(?:do|try|answer) (?:one|it|this|something) (?:together|with {_PARTNER})",
        r"(?:one|something) together",
        r"the two of us",
        r"us both",
        r"(?:he's|she's|he is|she is|they're|they are) (?:sitting |right )?(?:right )?here"
        r"(?: with me)?",
        r"(?:one|check in) (?:for|with) (?:us|the two|both)",
        r"together (?:now|right now)",
        # pool H: "my husband's sitting right here can we both do a check in together".
        r"check in together|together check in",
        r"(?:my )?(?:husband|wife|partner|boyfriend|girlfriend|other half)(?:'s| is) (?:sitting |"
        r"right )?(?:right )?here",
    ),
    "professional-help": (
        r"therap(?:ist|y)",
        r"counsell?or",
        r"counsell?ing",
        r"professional help",
        r"(?:a|some) professional",
        # pool H: "help me find a proper therapist for the two of us" (longer than "the two
        # of us").
        r"(?:find|get|see|need|want|recommend) (?:us )?(?:a |an |some )?(?:proper |good |real |"
        r"couples? |local )?(?:therap(?:ist|y)|counsell?or|counsell?ing)",
        # Round 7: "a therapist for the both of us", "counselling for me and my wife": help
        # for the couple is still professional help, so the phrase is read whole (longer than
        # the couple check-in's "both of us").
        r"(?:therap(?:ist|y)|counsell?(?:or|ing)|professional help|professional) (?:for|with) "
        r"(?:the )?(?:both of us|us both|the two of us|us two|us|me and " + _PARTNER + r")",
    ),
    "staying-or-leaving": (
        r"stay or (?:go|leave)",
        r"whether (?:i|we) (?:\w+ ){0,3}(?:stay|leave|go on)",
        r"(?:should|whether to|whether i should|if i should) (?:stay|leave|go)",
        r"should i (?:even |really |just )?(?:stay|leave)",
        rf"leav(?:e|ing) {_PARTNER}",
        r"split(?:ting)? up",
        r"break(?:ing)? up",
        r"divorc(?:e|ing)",
        r"separat(?:ing|ion)",
        r"get separated",
        r"end (?:the|our) (?:marriage|relationship)",
        r"worth (?:saving|staying)",
    ),
    "look-back": (
        r"what i(?:'ve| have) (?:said|shared|told you)",
        r"look(?:ing)? back",
        r"how i(?:'ve| have) been (?:doing|going|feeling)",
        r"(?:the )?(?:last|past) (?:few )?(?:weeks|week|month|days)",
        r"my (?:notes|check ins|history)",
        # pool H: "what did i say last time i did this", "the last few times".
        r"what did i (?:say|tell you|pick|answer)(?: the)? (?:last|before|previously|other)",
    ),
    "reminders": (
        r"remind(?:er|ers)?(?: me)?",
        r"nudge me",
        r"every (?:day|morning|evening|night) to",
    ),
}
"""Purpose words by flow id, written for issue 17 (own words, not any round's sentences)."""

PURPOSE_INTENT: Final = "AskByPurposeIntent"
"""Asking by purpose (built in devtools/models.py): read by the screening interceptor when it
screens clean, answered by the safety handler when it does not."""

START_INTENT: Final[Mapping[str, str]] = {
    "look-back": "LookBackIntent",
    "reminders": "ReminderIntent",
}
"""Flows asked for by description that are not exercises: the intent that starts each."""

REQUEST: Final = re.compile(
    r"\b(?:can|could) (?:we|i|you)\b|\blet's\b|\blet us\b|\bi(?:'d| would) (?:like|rather|prefer)\b"
    r"|\bi want (?:to do|to try|to practi[sc]e)\b|\binstead\b|\b(?:the|that) one\b|\bexercise\b"
    r"|\b(?:do|try) the\b|\bswitch to\b|\bhow about\b|\bactually\b|\bthe [a-z ]+ one\b"
    r"|\bhow (?:do|can|would) (?:i|we) (?:find|get|start|do|work)\b"
    # "help me talk to him", "something to calm me down first", "remind me to do this
    # tomorrow", "should i even stay": asking, whatever the opening word was.
    r"|\bhelp me (?:talk|speak|say|work|figure|calm|listen|get|plan)\b"
    r"|^(?:just )?something (?:just )?(?:to|for) \w+|\bremind me\b"
    # pool H: "i need something to bring me back", "i need to calm down first", "i need help
    # saying where my limit is", "what did i say last time".
    r"|\bi (?:need|want) something\b|\bi need to (?:calm|settle|relax|breathe|ground)\b"
    r"|\b(?:i|we) (?:need|want|could use) (?:some )?help (?:with|saying|to|setting|working)\b"
    r"|\bwhat did i (?:say|tell you|pick)\b"
    # "i need to calm down first", "let me settle myself beforehand": going somewhere before
    # the step at hand (round 7).
    r"|\b(?:calm|settle|cool|chill) (?:me |myself |us )?(?:down )?(?:a bit )?(?:first|beforehand)\b"
    r"|^should i (?:even |really )?(?:stay|leave)\b"
    r"|\b(?:we|i) (?:need|want) (?:a|an)\b"
    r"|\bany (?:ideas?|suggestions?|tips)\b|\b(?:suggest|recommend)\b"
    r"|\bgive (?:me|us) (?:an? |some )?(?:idea|ideas|suggestion|suggestions)\b"
    r"|\bi (?:want to|wanna|need to|would like to|'d like to) (?:set|talk|work|think|figure|"
    r"practi[sc]e|try|do|learn|sort|find|get|hear|look|go|plan)\b"
)
"""Words that make a sentence a request to go somewhere, not an answer to the question."""


def _normal(sentence: str) -> str:
    return " ".join(sentence.lower().replace("-", " ").split())


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((flow, re.compile(rf"\b(?:{p})\b")) for flow, ps in PURPOSES.items() for p in ps)


def index(names: Iterable[tuple[str, str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The whole index: every spoken name (``(id, form)`` from the content) as a literal
    phrase, then every purpose phrase (built once per set of names)."""
    return _index(tuple(names))


@lru_cache(maxsize=8)
def _index(names: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = [(flow, re.compile(rf"\b{re.escape(_normal(form))}\b")) for flow, form in names if form]
    return (*out, *_compiled())


def described(
    sentence: str, names: Iterable[tuple[str, str]] = (), besides: str | None = None
) -> str | None:
    """The flow a sentence asks for, by name or by purpose; the longest phrase found wins
    (ties go to the name, then to the first purpose listed). ``besides`` (the flow running)
    is never the answer: "rather than more breathing, the one with the senses" names it only
    to leave it."""
    said = _normal(sentence)
    best: tuple[int, str] | None = None
    for flow, pattern in index(names):
        if flow == besides:
            continue
        for found in pattern.finditer(said):
            size = found.end() - found.start()
            if best is None or size > best[0]:
                best = (size, flow)
    return best[1] if best else None


def purpose_phrases(flow: str) -> list[str]:
    """Plain phrases a pattern stands for (its first alternative spelled out), for the model:
    "calm(?:ing)? (?:me |myself )?down" -> "calm down"."""
    out: list[str] = []
    for pattern in PURPOSES.get(flow, ()):
        phrase = _plain(pattern)
        if phrase and phrase not in out:
            out.append(phrase)
    return out


def _plain(pattern: str) -> str:
    """The shortest reading of a simple pattern: optional groups dropped, the first choice of a
    group kept; patterns with partner groups read "my partner"."""
    text = pattern.replace(_PARTNER, "my partner")
    text = re.sub(r"\\b", "", text)
    # Drop optional groups "(?:...)?" and optional characters "x?".
    for _ in range(5):
        text = re.sub(r"\(\?:[^()]*\)\?", "", text)
    text = re.sub(r"(\w)\?", "", text)
    # Keep the first alternative of each group.
    for _ in range(5):
        text = re.sub(r"\(\?:([^()|]*)(?:\|[^()]*)?\)", r"\1", text)
    text = re.sub(r"\[([a-z])[a-z]*\]", r"\1", text)
    text = text.split("|")[0]
    return " ".join(text.split()) if re.fullmatch(r"[a-z' ]+", text.strip()) else ""
