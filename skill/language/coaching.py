"""Coaching checkers: what a drafted opener or a practice reply sounds like.

Two pure functions read the person's own words (Alexa's ASR text: lowercase, mostly without
punctuation) and return categories and the words that matched, never sentences to speak. The
feedback wording lives in ``audio_scripts``; the flows pick a content key from the category.

* :func:`check_opener` finds what tends to turn a hard conversation into a defence (Gottman's
  criticism and contempt; Carrere & Gottman 1999 on the softened start-up): "you never / you
  always", blame ("your fault"), name-calling, words about character ("you're selfish"),
  contempt ("whatever", "grow up", mocking), sarcasm ("oh great", "yeah right"), demands
  ("you need to"), ultimatums (leaving as leverage: "if things don't change ... i'm moving
  out", "unless you help ... i'm out", "... then i reckon we're done") and mind-reading ("i
  know you're bored of me ... just admit it"), also asked as a question ("when exactly did you
  decide i wasn't worth it") or slipped in as an aside ("you probably don't care but ...").
  A verdict keeps its category when it is dressed as a feeling ("i feel that you just don't
  care"), a hedge ("i'm not being funny but you're basically married to your phone") or pity
  ("it's kind of sad watching a grown man hide in the garage"); a guessed motive ("you pull
  away on purpose so you don't have to deal with me") is mind-reading and "do you even
  remember the last time you ..." a rhetorical question; the partner's reason waved away
  before they give it ("and don't give me the i'm tired excuse again", "before you say it's
  work") is contempt. An opener made of fillers round a fragment is broken ("so uh the whole
  you know when you um"), and so is a run-up round placeholders that never says anything ("i've
  been thinking and basically the thing the whole thing with the thing is yeah"). It also notes
  the strengths of a gentle opener: an I-statement and a need.
* :func:`check_reply` tells a validating reply ("that sounds hard", "thank you for telling me",
  "I'm here", "it makes sense that ...") from fixing ("you should"), minimising ("at least"),
  defending ("that's not my fault", "i did ask ... you never replied", an excuse: "i had the
  whole audit thing going on", "that's just how he talks"), dismissing (a household question:
  "what do you want for tea") and turning it back to oneself ("I'm stressed too", "oh same
  my knee's been paining since monday", or a story of one's own that never says "you").
* :func:`rewrite` returns the parts of an I-statement opener ("I've been feeling [feeling]
  about [thing], and I need [need]") built from what the person said earlier.

Matching is by regular expressions over normalised text. A blame word right after a negation
("it's not your fault", "I don't think you're lazy") does not count. The labelled tables in
``tests/coaching/`` pin the behaviour.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, get_args

from skill.language.normalise import normalise as normalise_text
from skill.language.normalise import with_apostrophes
from skill.language.second_person import to_partner

__all__ = [
    "BLAME_ORDER",
    "PROBLEM_ORDER",
    "BlameCategory",
    "Finding",
    "OpenerCheck",
    "ReplyCategory",
    "ReplyCheck",
    "Rewrite",
    "ThingShape",
    "Verdict",
    "check_opener",
    "check_reply",
    "normalise",
    "rewrite",
    "shape_thing",
]

BlameCategory = Literal[
    "contempt",
    "name_calling",
    "ultimatum",
    "character",
    "mind_reading",
    "fault",
    "always_never",
    "sarcasm",
    "demand",
    "rhetorical",
    "broken",
]
BLAME_ORDER: Final[tuple[BlameCategory, ...]] = get_args(BlameCategory)
"""The order in which a blaming opener's categories are named: the Literal's own order."""
"""Most corrosive first: the first finding is the one the feedback names."""

ReplyCategory = Literal["dismissing", "defending", "self_focus", "minimising", "fixing"]
PROBLEM_ORDER: Final[tuple[ReplyCategory, ...]] = (
    "dismissing",
    "defending",
    "self_focus",
    "minimising",
    "fixing",
)
Verdict = Literal[
    "validating", "dismissing", "defending", "self_focus", "minimising", "fixing", "unclear"
]
ThingShape = Literal["noun", "clause", "general"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One pattern found: its category and the words that matched (normalised)."""

    category: str
    phrase: str
    at: int
    """Where in the normalised text the match starts."""


# --------------------------------------------------------------------------- normalising


def _words(text: str) -> list[str]:
    return text.split()


def normalise(text: str) -> str:
    """The one normaliser, with bare contractions given their apostrophe back ("youre").

    >>> normalise("Oh, GREAT — you're late… again!")
    "oh great you're late again"
    """
    return with_apostrophes(normalise_text(text))


_SOFTENERS: Final = ("worry that", "worry", "afraid", "scared", "wonder if", "fear")
"""Before a "you don't care": the person voicing a fear, not a verdict ("I worry you ...").
"I feel like you ..." is not one: it is a judgement dressed as a feeling (ADR 0054)."""
_NEGATORS: Final = frozenset(
    _words("not isn't wasn't aren't don't doesn't didn't never no won't can't nobody")
)


_VERDICT_MARKS: Final = re.compile(r"\b(?:just|simply)\b")
"""In the matched words, these turn a voiced fear into a verdict: "I feel like you don't care"
is a fear said out loud, "I feel like you just don't care" has already decided."""


def _clause_before(text: str, start: int, window: int) -> list[str]:
    """The last ``window`` words before ``start``, cut at a clause boundary: in "no offence but
    you're hopeless" the "no" belongs to another clause and negates nothing, nor does the
    "didn't" in "you said you'd call and didn't i realised you don't care" (a new "i" starts
    the clause; "i don't think you're lazy" keeps its "don't")."""
    before = text[:start].split()[-window:]
    for i in range(len(before) - 1, -1, -1):
        if before[i] in _CLAUSE_BREAKS or (before[i] == "i" and i > 0):
            return before[i + 1 :]
    return before


_CLAUSE_BREAKS: Final = frozenset(_words("but though although however honestly anyway"))


def _negated(text: str, start: int, window: int = 3, *, verdict: bool = False) -> bool:
    before = text[:start].split()
    if any(w in _NEGATORS for w in _clause_before(text, start, window)):
        return True
    if verdict:
        return False
    near = " ".join(before[-4:])
    return any(re.search(rf"\b{s}\b", near) for s in _SOFTENERS)


def _alt(words: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


_SELF: Final = frozenset(
    _words("""i i'm i've i'd i'll we we're we've we'd we'll us me myself ourselves feel felt
    feeling""")
)
"""Words that make what follows about the speaker ("I always", "we never", "I feel lazy")."""
_PARTNER_WORDS: Final = frozenset(
    _words("""you you're you've your he he's his him she she's her they they're them their
    husband wife partner boyfriend girlfriend spouse husband's wife's partner's boyfriend's
    girlfriend's""")
)
_BOUNDARY: Final = frozenset(_words("and but because so when that since if or while"))


def _about_self(text: str, start: int, window: int = 3) -> bool:
    """Whether the words just before ``start`` (within the clause) make it about the speaker:
    "i always feel better", "we never got to", "i feel lazy". The nearest person word wins."""
    before = text[:start].split()[-window:]
    for word in reversed(before):
        if word in _BOUNDARY:
            return False
        if word in _PARTNER_WORDS:
            return False
        if word in _SELF:
            return True
    return False


def _self_after(text: str, end: int) -> bool:
    """ "every time we walk together": the speaker (and no partner) in the words that follow."""
    after = text[end:].split()[:6]
    return bool(after) and after[0] in _SELF and not any(w in _PARTNER_WORDS for w in after)


def _not_before(text: str, start: int) -> bool:
    before = text[:start].split()
    # "not always" softens; "as always" is sarcasm, named as such.
    return bool(before) and before[-1] in ("not", "almost", "as")


@dataclass(frozen=True, slots=True)
class _Rule:
    category: str
    pattern: re.Pattern[str]
    negatable: bool = False
    speaker_guard: bool = False
    """Skip a match that is about the speaker ("I always", "we never", "I feel lazy")."""


def _rules(
    category: str,
    patterns: Iterable[str],
    *,
    negatable: bool = False,
    speaker_guard: bool = False,
) -> list[_Rule]:
    return [_Rule(category, re.compile(p), negatable, speaker_guard) for p in patterns]


_PRAISE_AFTER: Final = re.compile(
    r" (?:so |such |really |very |just )*(?:good|great|kind|patient|lovely|amazing|brilliant"
    r"|sweet|generous|helpful|thoughtful|supportive|caring|there for|the one who (?:makes|helps)"
    r"|make me (?:laugh|smile|feel)|making me (?:laugh|smile)|there to help|know how to"
    r"|on my mind|in my (?:thoughts|heart)|the first (?:person|one) i|my (?:favourite|rock"
    r"|person)|welcome"
    r"|a (?:great|good|brilliant|wonderful|lovely) )"
)
"""After "you're always": praise ("you're always so good with the kids"), not a charge."""


_FONDLY: Final = re.compile(
    r"(?<!don't )(?<!didn't )(?<!do not )\b(?:love|loved|adore|adored|miss|missed|like|liked"
    r"|admire)(?: it)? (?:when|how|the way)"
    r"(?: \w+)?$"
)
"""Just before a character match: fondness ("i love how you act like a kid with the dog")."""


_TIME_AFTER: Final = re.compile(
    r" (?:morning|day|days|afternoon|evening|night|weekend|sunday|saturday|holiday|lie in"
    r"|breakfast|brunch|start)s?\b"
)


def _skipped(rule: _Rule, text: str, m: re.Match[str]) -> bool:
    if rule.category == "fixing" and any(
        r.start() <= m.start() < r.end() for r in _REFLECTED_NEED.finditer(text)
    ):
        return True  # "so when you get in you need a bit of space": their need said back
    if rule.category == "character" and re.fullmatch(r"you(?: \w+)? mean", m.group(0)):
        return True  # "you mean so much to me": the verb, not the adjective
    if rule.category == "character" and _FONDLY.search(" ".join(text[: m.start()].split()[-6:])):
        return True  # "i love it when you act like a big kid": fondness, not a verdict
    if (
        rule.category == "name_calling"
        and m.group(0).startswith(("be ", "being "))
        and _about_self(text, m.start())
    ):
        return True  # "i know i can be a pain in the neck about tidying": owning it
    if rule.category == "always_never" and _PRAISE_AFTER.match(text, m.end()):
        return True
    if rule.negatable and _negated(
        text, m.start(), verdict=bool(_VERDICT_MARKS.search(m.group(0)))
    ):
        return True
    if rule.speaker_guard:
        if _about_self(text, m.start()) or _not_before(text, m.start()):
            return True
        if m.group(0).startswith("every") and _self_after(text, m.end()):
            return True
        if text[m.end() :].startswith((" myself", " about myself")):
            return True
        if rule.category == "character" and _TIME_AFTER.match(text, m.end()):
            return True  # "a lazy morning": the word describes the time, not a person
    return False


def _scan(text: str, rules: Iterable[_Rule], order: Mapping[str, int]) -> list[Finding]:
    """The earliest match of each category, sorted by ``order`` (then by position)."""
    first: dict[str, Finding] = {}
    for rule in rules:
        for m in rule.pattern.finditer(text):
            if _skipped(rule, text, m):
                continue
            # A rule may name only part of what it matched: the group called "say".
            part = "say" if "say" in rule.pattern.groupindex else 0
            seen = first.get(rule.category)
            if seen is None or m.start(part) < seen.at:
                first[rule.category] = Finding(rule.category, m.group(part).strip(), m.start(part))
            break
    return sorted(first.values(), key=lambda f: (order.get(f.category, 0), f.at))


# --------------------------------------------------------------------------- the opener

_PARTNER: Final = r"(?:you|he|she|they)"
_PARTNER_IS: Final = (
    r"(?:you're|you are|you were|you've been|you have been|you can be|you be|you seem|you act"
    r"|you've become|you have become|you've gotten|you've got so|he's become|she's become"
    r"|he's|he is|he was|he's been|he can be|she's|she is|she was|she's been|she can be"
    r"|they're|they are|they were|they've been|they can be|being|be|he acts|she acts|they act"
    r"|he's acting|she's acting|he acted|she acted"
    r"|(?:you've|you have|he's|she's|they've)(?: gone and)? turned into|(?:you're|you are|he's"
    r"|she's) turning into|you turned into)"
)
_INTENSIFIERS: Final = (
    r"(?:so|such|such a|such an|really|just|too|completely|totally|incredibly|always|very"
    r"|pretty|extremely|the most|kind of|a|an|being|acting|a bit|quite|being so|fucking|damn"
    r"|a bit of a|bit of a|a right|a real|a total|such a total)"
)
_CHARACTER_WORDS: Final = _alt(
    [
        *_words("""selfish lazy cold heartless careless inconsiderate thoughtless useless hopeless
        immature childish crazy insane cruel mean rude arrogant stubborn controlling needy
        clingy unreliable irresponsible ungrateful boring stupid dumb weak spineless dishonest
        manipulative toxic unavailable narcissistic uncaring unfeeling impossible jealous
        paranoid dramatic ridiculous unbearable insensitive oversensitive pathetic negligent
        incompetent clueless lame grumpy moody nasty vile spoilt spoiled entitled stingy tight
        greedy shallow fake sneaky deceitful untrustworthy disrespectful ignorant petty bossy
        hypocritical condescending patronising patronizing possessive flaky irritating annoying
        infuriating exhausting worthless oblivious hopeless embarrassing"""),
        "two faced",
        "pig headed",
        "self obsessed",
        "passive aggressive",
        "hard work",
        "hard to live with",
        "cold hearted",
        "self centered",
        "self centred",
        "self absorbed",
        "too sensitive",
        "emotionally unavailable",
    ]
)
_INSULTS_ANYWHERE: Final = _alt(
    _words("""idiot idiots jerk moron morons loser asshole arsehole bastard bitch dick prick psycho
    narcissist lunatic creep douche douchebag dumbass imbecile deadbeat twat wanker
    sociopath""")
)
_INSULTS_ADDRESSED: Final = _alt(
    [
        *_words("""liar pig slob coward baby child brat clown fool nag wimp crybaby failure
        manchild joke workaholic nightmare mess disaster grump grouch killjoy bore toddler
        hermit misery flake slacker mooch sponge leech freeloader hothead bully snob tightwad
        cheapskate scrooge pushover sook whinger wuss drongo galah muppet plonker numpty prat
        git tosser div bludger"""),
        "know it all",
        "misery guts",
        "pain in the neck",
        "pain in the arse",
        "pain in the backside",
        "liability",
        "wet blanket",
        "drama queen",
        "control freak",
        "piece of work",
        "couch potato",
        "waste of space",
    ]
)
_INSULT_ADJECTIVES: Final = _alt(
    _words("""miserable grumpy old lazy useless spoilt spoiled big little total absolute complete
    proper right moody sad bloody massive selfish stubborn""")
)
"""Between "you're such a" and the insult: "you've become such a miserable old grump"."""
_RELATIVES: Final = (
    r"(?:dad|father|mum|mom|mother|old man|old lady|brother|sister|ex|parents|family)"
)
_CHARACTER_ANYWHERE: Final = _alt(
    [
        *_words("""selfish lazy heartless careless inconsiderate thoughtless immature childish
        cruel rude arrogant stubborn controlling unreliable irresponsible ungrateful spineless
        dishonest manipulative narcissistic uncaring unfeeling insensitive negligent
        incompetent clueless disrespectful condescending patronising patronizing hypocritical
        deceitful untrustworthy"""),
        "cold hearted",
        "self centered",
        "self centred",
        "self absorbed",
        "emotionally unavailable",
    ]
)
"""Character words that judge a person wherever they stand ("his lazy attitude", "about how
lazy he is"), unless they are about the speaker ("I've been feeling lazy myself")."""
_TREATED_LIKE: Final = _alt(
    [
        *_words("dirt garbage trash crap shit rubbish nothing"),
        "a doormat",
        "a servant",
        "a maid",
        "a slave",
        "a child",
        "a kid",
        "an idiot",
        "a stranger",
        "an option",
        "a flatmate",
        "a housemate",
        "a lodger",
        "a roommate",
        "a cleaner",
        "a cook",
        "a taxi",
        "a cash machine",
        "a bank",
        "a babysitter",
        "the help",
        "i'm invisible",
        "i'm nothing",
        "i'm stupid",
        "i don't exist",
        "i'm not there",
        "i'm not even there",
    ]
)
_POSITIVE_AFTER_MADE_ME: Final = (
    r"(?!(?:feel )?(?:so |really )?(?:happy|smile|laugh|feel loved|loved|feel safe|safe|special"
    r"|feel good|good|better|feel better|proud|grateful|feel special|feel seen|feel heard))"
)

_THREAT: Final = (
    r"(?:i(?:'m| am)(?: just| really| so| totally| completely)? (?:leaving|moving out|moving back"
    r"|walking out|packing|going back|out of here|gone|through(?! (?:with (?:work|the|my|it)"
    r"|\w+ing))|out(?! (?:with|on|at|to|in|till|until|tonight|tomorrow|this|next|all|most|late"
    r"|early|shopping|for (?!good))\b|(?: \w+ing)\b)|done(?! (?:by|at|in|with (?:work|the|my|it"
    r"|that))\b| \w+ing\b)|finished(?! (?:by|at|in|with (?:work|the|my|it|that))\b| \w+ing\b))"
    r"|i(?:'ll| will)(?: just)? (?:leave|move out|move back|walk out|pack|go back|be gone"
    r"|be out|end (?:it|this|us))"
    r"|i(?:'m| am) (?:going to|gonna) (?:leave|move out|move back|walk out|pack"
    r"|end (?:it|this|us))"
    r"|i(?:'ll| will)(?: just)? be (?:moving out|moving back|leaving|gone|out|off|packing"
    r"|out of here|out the door|done)"
    r"|i(?:'m| am)(?: just)? (?:off(?! (?:tomorrow|today|tonight|work|on|at|this|next|all|from"
    r"|until|till|sick|early|for (?!good)|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)\b)|calling it (?:quits|a day)|filing|calling a lawyer)"
    r"|i (?:walk|leave|go|quit)\b(?! to\b)"
    r"|i want (?:a divorce|out)|you(?:'ll| will) never see me"
    r"|i(?:'m| am|'ll| will) (?:be )?(?:taking|take) the (?:kids|children|baby|dog)"
    r"|i(?:'m| am)(?: just)? going (?:\S+ ){0,4}for good|i(?:'m| am|'ll| will) (?:be )?"
    r"(?:kicking|kick|throwing|throw) you out|i(?:'ll| will) change the locks|you(?:'re| are) out"
    r"|you can (?:move|get) out|don't (?:bother )?(?:coming|come) (?:back|home)"
    r"|we(?:'re| are) (?:done|finished|over|through)|it's over"
    # Closing the door in two words: "... that's it", "that's it for us", "that'll be it".
    r"|(?:that's|that is|that'll be|that will be) it(?! (?:really|all|from me|for now|for today"
    r"|thanks|thank you|i think|isn't it)\b)|(?:that's|that is) the end(?: of (?:us|it|this))?"
    r"|(?:you|he|she) can (?:leave|go|pack)"
    # "you'll be sleeping at your brother's", "i'll be looking for a place of my own"
    r"|you(?:'ll| will)(?: be)? (?:sleeping|sleep|living|looking for somewhere) (?:on the"
    r" (?:sofa|couch)|at (?:your|a|the|my)|in the spare|somewhere else|elsewhere|with your)"
    r"|i(?:'ll| will)(?: be)? (?:looking for|finding|find|getting|get) (?:(?:a|my own) (?:place"
    r"|flat|house|lawyer|solicitor)|somewhere (?:else )?to (?:live|stay))|a place of my own"
    r"|don't expect (?:me|us|the kids) to (?:be|still be) (?:here|there|around|waiting)"
    r"|i (?:won't|will not) be (?:around|here|there|waiting|home|covering))"
)
"""Leaving or ending it, said as what will happen (the ultimatum rules give the condition)."""
_HIDDEN_FEELINGS: Final = (
    r"(?:(?:bored|sick|tired|fed up|done|over|ashamed|embarrassed) (?:of|with) (?:me|us|this|our)"
    r"|(?:hate|hates|resent|resents|regret|regrets|despise|can't stand)(?: being with| living"
    r" with| marrying| meeting| moving in with)? (?:me|us|our|this (?:marriage|relationship))"
    r"|don't love|doesn't love|don't want (?:me|us|this)|doesn't want (?:me|us|this)"
    r"|don't fancy me|never loved|wish you'd never|wish you never"
    r"|(?:have|has|are|is)? ?(?:been )?(?:thinking|planning|dreaming) (?:about|of) (?:leaving"
    r"|someone|getting out|ending)|want out|wants out|want to leave|wants to leave"
    r"|(?:(?:would|'d) )?rather be (?:with|anywhere|somewhere|out|alone)|seeing someone"
    r"|cheating|only with me|only stayed|only here)"
)
"""What a mind-reading accusation claims the partner secretly feels."""
_UNCARING: Final = (
    r"(?:care|give a|listen|notice|bother|remember|understand|get it|want (?:me|us|to be"
    r" (?:with|here|around))|miss me|think about (?:me|us)"
    r"|have time for|be interested|be bothered|be listening|pay attention|value|respect"
    r"|love me|like me)\b"
)
"""What the aside claims the partner will not do ("you probably won't even listen"). "i know
you don't want to hear this", "... to talk about it" is not one: not wanting the topic is not
not caring about the speaker; it owns that the words are hard."""
_SCORNS: Final = (
    r"(?:laugh|roll (?:your|his|her|their) eyes|think i'm|say i'm|tell me i'm|ignore|switch off"
    r"|zone out|tune out|walk off|walk away|shrug|scoff|make fun|mock)\b"
)
"""A dismissive reaction predicted before the speaker has said anything ("you'll probably
just laugh but ...")."""
_EXCUSE: Final = (
    r"(?:(?:(?:that )?(?:you're|you are|you were|you've been|you feel|you felt|you|i'm|i was"
    r"|i've been|i)"
    r"(?: (?:too|just|really|so|only|a bit))? (?:tired|busy|stressed|exhausted|knackered|shattered"
    r"|working|at work|forgot|forget|didn't (?:know|hear|see|mean|realise|realize|notice|think)"
    r"|had to|have to|not in the mood|had a (?:long|hard|bad|busy) day))|you'll (?:do|sort|fix|get)"
    r"|(?:that )?(?:it's|it is|it was|it's just|it was just)(?: only)? (?:work"
    r"|the kids|your (?:mum|mom|mother|boss|job|back|head)|a (?:busy|long|hard|bad) (?:day|week)"
    r"|complicated|an accident|not a big deal|no big deal)"
    r"|work|your (?:job|boss|mum|mom|mother|phone))\b"
)
"""A reason the partner might give ("you're tired", "it's work"), also in their own voice ("i'm
tired") as the speaker quotes it."""
_PREEMPTED: Final = (
    r"(?:(?:don't|do not)(?: you)?(?: (?:dare|even|bother|try|start))*(?: to)? (?:tell me|say"
    r"|claim|pretend|come back with|give me)|before you (?:even )?(?:say|tell me|start|claim"
    r"|give me|come back with)(?: that)?)"
    rf" {_EXCUSE}(?!(?: \w+){{0,4}} (?:if|unless)\b)"
)
"""The partner's reason ruled out before they can give it ("and don't tell me you're tired",
"before you say it's work"); not an invitation ("don't tell me you're fine if you're not")."""
_DECIDED: Final = (
    r"(?:decide[sd]?|realise[sd]?|realize[sd]?)(?: that)? (?:i|we|me|us|this|our|i'm|we're)"
    r"(?: \w+){0,3} (?:wasn't|weren't|isn't|aren't|not|didn't|don't|no longer|never"
    r"|worth|enough|boring|too)\b"
)
_STOPPED: Final = (
    r"(?:stop(?:ped)?|quit|give up|gave up|given up) (?:on (?:me|us)|caring|wanting|loving"
    r"|liking|listening|trying|noticing|bothering|looking at me|seeing me|talking to me"
    r"|coming home|making (?:time|an effort|any effort)|needing me|fancying|finding me"
    r"|respecting|valuing|touching me|kissing me|asking|being (?:interested|in love|attracted"
    r"|happy with me|kind))\b"
)
_TURNED: Final = (
    r"(?:lose|lost) interest|(?:get|got|become|became|start|started|start being|started being)"
    r" (?:bored|tired|sick|fed up|ashamed|embarrassed) (?:of|with) (?:me|us)\b"
    r"|(?:fall|fell|fallen) out of love|start(?:ed)? (?:hating|resenting|ignoring) (?:me|us)\b"
    r"|start(?:ed)? (?:finding|thinking) (?:me|i|i'm|i was)\b"
)
_DEMOTED: Final = (
    r"mattering|counting|being (?:enough|worth|important|a priority|wanted)|invisible"
    r"|a stranger|strangers|nothing|an afterthought|a chore|the enemy|a burden"
    r"|(?:your|the) (?:maid|servant|cleaner|mum|mother|flatmate|housemate|cook|taxi)"
)
"""What the speaker is asked to have become to the partner ("when did i stop mattering")."""

_OPENER_RULES: Final[list[_Rule]] = [
    *_rules(
        "contempt",
        [
            r"(?:^|\b(?:oh|so|yeah|well|ugh|fine) )whatever\b",
            r"\bwhatever(?: you say)?$",
            r"\bpathetic\b",
            r"\beye ?rolls?\b|\broll(?:s|ing)? (?:my|his|her|their) eyes\b",
            r"\bugh\b",
            r"\btypical\b",
            r"\bgrow up\b",
            r"\bget over yourself\b",
            r"^as if\b",
            r"\bgive me a break\b",
            r"\boh please\b",
            r"\bwho cares\b",
            r"\bget a grip\b",
            r"\bwhat(?:'s| is) wrong with (?:you|him|her|them)\b",
            r"\byou disgust me\b|\bdisgusting\b",
            r"\bpfft\b|\bpsh\b",
            r"\bblah blah\b|\byada yada\b|\bboo hoo\b",
            r"\bcry me a river\b",
            r"\bpoor (?:you|baby|thing)\b",
            r"\bget real\b",
            r"\bare you kidding me\b",
            r"\bi can't stand you\b",
            r"\bsick of you\b",
            r"\bhere we go again\b",
            r"\bwhat(?: exactly| even| actually)?(?:'s| is)(?: exactly| even| actually"
            r"| honestly)? your (?:problem|deal|issue)\b",
            r"\b(?:playing|play|plays|acting like you're|act like you're|acts like (?:he's|she's))"
            r" the victim\b",
            r"\b(?:done with|sick of|tired of|fed up with) your (?:excuses|attitude|nonsense|crap"
            r"|drama|games|bullshit|moods|whining|silence|sulking)\b",
            r"\byour (?:excuses|nonsense|crap|drama|bullshit|whining|sulking)\b",
            r"\bwhat(?:'s| is)(?: even)? the point (?:of|in) (?:talking|trying|telling|asking"
            r"|saying)\b",
            r"\blook at the state of\b|\bdon't make me laugh\b|\bspare me\b",
            # Their reason waved away before they can give it: "don't give me the i'm tired
            # excuse again", "and don't tell me it's work", "before you say you were busy",
            # "i don't want to hear any excuses", "what's the excuse this time". Not "don't
            # tell me you're fine if you're not", "before you say anything i love you".
            rf"\b{_PREEMPTED}",
            r"\b(?:(?:don't|do not)(?: you)?(?: (?:dare|even|bother|try|start))*(?: to)?"
            r"|before you(?: even)?|save) (?:(?:give|gimme|feed|hand) me|start with|come at me with"
            r"|come back with|try|pull|spare me|me|the|your)(?! (?:a|an|the) (?:hug|call|ring"
            r"|minute|moment|second|chance|hand|kiss|cuddle|present|gift|lift)\b)(?: \S+){0,6}?"
            r" (?:excuse|excuses|line|story|speech|routine|spiel|lecture|nonsense|rubbish|crap"
            r"|sob story)\b",
            r"\bi've heard (?:that|this|it) (?:one|before|a (?:hundred|million|thousand) times)\b"
            r"|\bi(?: just| really)? don't (?:want|need) to hear (?:that |about how |how )?"
            rf"{_EXCUSE}"
            r"|\band no (?:it's not|it isn't|it wasn't|you weren't|you're not|you aren't)"
            r"(?! (?:your fault|a big deal|anything you did|about you)\b)"
            r"|\b(?:the|that|your|another)(?: same)?(?: old)?(?: \S+){0,4} excuse again\b"
            r"|\bi(?: just)? don't (?:want|need) to hear (?:any|your|another|more|the|it)"
            r"(?: \w+){0,2}? (?:excuses?|reasons?|stories|story)\b"
            r"|\blet me guess (?:you|you're|you were|you've|you'll|it's|it was|work|your)\b"
            r"|\bwhat(?:'s| is) (?:your|the) excuse(?: going to be)? (?:this time|today|tonight"
            r"|now)\b|\bi've heard it all before\b|\bsave (?:your|the|me the) excuses\b",
            r"\b(?:like )?talking to a (?:brick )?wall\b|\bbrick wall\b|\bwhat a joke\b"
            r"|\bmake(?:s)? me (?:sick|want to (?:scream|vomit|throw up))\b",
            r"\bwho do (?:you|you even) think you are\b|\bwho (?:does|do) (?:he|she|you) think\b",
            # Contempt dressed as pity: "it's kind of sad really watching a grown man hide in
            # the garage", "i feel sorry for you the way you ...". Not "it's been sad for me
            # watching us drift", "i felt so sorry for you when your boss shouted".
            r"\b(?:it's|it is|that's|that is|it was)(?: \w+){0,3} (?:sad|tragic|pitiful|a shame"
            r"|a pity|embarrassing|cringe|laughable|funny)(?: (?:really|honestly|actually|tbh"
            r"|to be honest|in a way))* (?:how (?:little|much|rarely|often|many|few)(?: \w+)?"
            r" (?:you|he|she)\b|(?:watching|seeing|to watch|to see) (?:you|him|her"
            r"|a grown)(?! (?:so|get|go through|going through|struggle|struggling|suffer|hurt"
            r"|hurting|cry|crying|upset|stressed|sad|ill|unwell|poorly|tired|worn|exhausted|down"
            r"|low|in pain)\b)|how (?:you|he|she)(?!'ve had| have had| had\b)|that (?:a grown"
            r"|you still|he still|she still))\b",
            r"\ba grown (?:man|woman|adult|person)\b|\bat (?:your|his|her) age\b",
            r"\bi (?:\w+ )?(?:feel|felt) (?:\w+ ){0,2}sorry for (?:you|him|her)"
            r"(?: really| honestly)? (?:the way|how|that|because (?:you|he|she))\b"
            r"|\bi pity (?:you|him|her)\b",
            r"\b(?:it's|that's) (?:almost|kind of|quite|actually) (?:sweet|cute|adorable|funny"
            r"|impressive)\b",
            # Giving up on them out loud: "i don't even know why i bother", "ugh forget it",
            # "talking to you is pointless"; "look at you sulking".
            r"\bwhy (?:do |would |should )?i (?:even |ever )?bother\b"
            r"|\b(?:whatever|ugh|nah|pfft|oh just|just|uh|um) forget it\b"
            r"|\b(?:talking|speaking|arguing|reasoning) (?:to|with) (?:you|him|her) is"
            r" (?:pointless|useless|hopeless|a waste)\b",
            r"\blook at (?:you|him|her)(?: \w+)? (?:sulking|moping|whining|whinging|moaning"
            r"|pouting|stropping|sitting there)\b",
            r"\bwho (?:raised|brought up|taught) you\b|\bwere you (?:raised|born) in a barn\b",
            # "you're about as romantic as a tax return", "pretend to be interested", "i give
            # up on you".
            rf"\b(?:{_PARTNER_IS}|you|he|she)(?: \w+)? about as (?:\w+ ){{1,2}}as (?:a|an|the)\b"
            r"|\bpretend to (?:be interested|care"
            r"|listen|notice|give a)\b|\bi(?:'ve)? (?:give|gave|given) up on (?:you|him|her)\b",
            # "i can't even look at you right now"
            r"\bi can't (?:even |bear to |stand to )?(?:look at|be near|be around|stand the sight"
            r" of) (?:you|him|her)\b",
            # Not worth it: "you're honestly not worth the effort any more".
            rf"\b{_PARTNER_IS}(?: \w+)? not worth (?:it|the effort|the bother|my time|talking to"
            r"|fighting for|the hassle)\b",
            # Put-downs in an idiom: "the emotional range of a teaspoon", "you'd forget your
            # own head", "wouldn't know romance if it hit you".
            r"\b(?:emotional range|brains|sense|common sense|memory|attention span|personality"
            r"|charm|manners|table manners|tact|social skills) of a\b"
            r"|\b(?:you|he|she) (?:have|has|'ve got|'s got|got) the \w+(?: \w+)? of a\b"
            r"(?! (?:saint|angel|lion|hero|champion|star)\b)"
            r"|\b(?:forget|lose) (?:your|his|her) (?:own )?head\b"
            r"|\bwouldn't know (?:\w+ ){1,3}if it (?:hit|bit|slapped)\b",
        ],
    ),
    *_rules(
        "name_calling",
        [
            rf"\b{_INSULTS_ANYWHERE}\b",
            rf"\b(?:you|{_PARTNER_IS})(?: {_INTENSIFIERS})*(?: like)?(?: {_INTENSIFIERS})*"
            rf"(?: {_INSULT_ADJECTIVES})* {_INSULTS_ADDRESSED}s?\b",
            r"\S*\*{2,}\S*",
        ],
        negatable=True,
    ),
    *_rules(
        "character",
        [
            rf"\b(?:you|{_PARTNER_IS})(?: {_INTENSIFIERS})* {_CHARACTER_WORDS}\b",
            rf"\bhow can you be(?: {_INTENSIFIERS})* {_CHARACTER_WORDS}\b",
            r"\bwhat kind of (?:person|partner|husband|wife|man|woman)\b",
            rf"\b{_PARTNER}(?:'ve| have|'s| has)? (?:checked out|given up on us|stopped caring"
            r"|stopped trying)\b",
            r"\b(?:you're|you are|he's|he is|she's|she is)(?: such)? (?:a |an |the )?(?:terrible"
            r"|awful|horrible|bad|lousy|useless|crap|rubbish|selfish|lazy) (?:listener|partner"
            r"|husband|wife|boyfriend|girlfriend|father|mother|dad|mom|mum|person|communicator)\b",
            rf"\b{_PARTNER} (?:obviously|clearly) (?:don't|doesn't|do not|does not|can't)\b",
            r"\b(?:you're|you are|he's|he is|she's|she is) the worst\b",
            rf"\b(?:you're|you are|he's|he is|she's|she is) the (?:most {_CHARACTER_WORDS}"
            r"|laziest|meanest|rudest|coldest|stingiest|tightest|messiest|worst|least \w+)\b",
            rf"\b(?:became|become|becoming|gotten|getting|grown|acts|acting|act|acted)"
            rf"(?: (?:so|really|very|more|such an?|like an?|kind of))* {_CHARACTER_WORDS}\b",
            rf"\b{_PARTNER}(?: just| simply| really)? (?:can't|cannot|couldn't) (?:be bothered"
            r"|care less)\b",
            rf"\b{_PARTNER}(?: just| simply| really)? (?:don't|doesn't|do not|does not)"
            r" (?:even |really |actually |honestly )?(?:care|listen|notice|try"
            r"|respect|appreciate|value|love|think about|give a)\b",
            # An exaggerated verdict on who they have become: "you're basically married to
            # your phone", "he's glued to that telly", "you might as well be a lodger here".
            rf"\b{_PARTNER}(?:'re|'s| are| is| were| was|'ve| have)?(?: \w+){{0,2}}?"
            r" (?:basically|practically|pretty much|virtually|literally|all but|more or less"
            r"|might as well|may as well|could as well)(?: be| have been)? (?:married to"
            r"|glued to|welded to|joined at the hip|live (?:on|in|at)|living (?:on|in|at)"
            r"|a (?:lodger|guest|ghost|stranger|flatmate|housemate|zombie|robot|teenager|child)"
            r"|invisible|absent|gone)\b",
            rf"\b{_PARTNER_IS}(?: \w+)? glued to\b",
            # Behaving as if they lived alone or were someone else: "you're behaving like a
            # guest in your own house", "act like you're married for one evening", "you act
            # like i don't even live here", "he treats this house like a hotel".
            rf"\b{_PARTNER}(?:'re| are|'s| is)?(?: [\w']+){{0,3}}? (?:act|acts|acting|acted"
            r"|behave|behaves|behaving|behaved|carry on|carries on|carrying on|carried on|sulk"
            r"|sulks|sulking|whinge|whinging|moan|moaning|live|lives|living) (?:\w+ ){0,2}?like"
            r" (?:you're|you are|you were|he's|she's|they're|you live|he lives|she lives|you own"
            r"|i (?:don't|do not|'m not|am not|'m|am|wasn't|was)|i'm|nobody|no one|we're|we are"
            r"|it's|this is|a|an|some)\b(?! (?:queen|king|princess|prince|star|gentleman|lady"
            r"|saint|hero)\b)",
            r"\b(?:treat|treats|treating|treated) (?:this|the|our|my|your|his|her) (?:house|home"
            r"|place|flat|kitchen|marriage|relationship|bed|family) like\b",
            # Who they have turned into: "you turned out exactly like your dad", "you're just
            # like your mother". Not "you look like your dad when you laugh".
            rf"\b{_PARTNER}(?:'ve| have|'re| are|'s| is| has)?(?: \w+)? (?:turned out|turning"
            r" into|turned into|become|becoming|grown into|getting more|more and more|no better"
            r" than|no different (?:from|to|than))(?: (?:just|exactly|so|all|more|much))*"
            rf"(?: like)? (?:your|his|her|their) {_RELATIVES}\b"
            r"|\b(?:you're|you are|he's|he is|she's|she is) (?:just|exactly) (?:like|the same as)"
            rf" (?:your|his|her) {_RELATIVES}\b",
            # A verdict as the topic: "we need to talk about your attitude", "your behaviour
            # at the party". Not "your mum's visit", "i misread your tone".
            r"(?<!my )(?<!love )(?<!like )(?<!admire )(?<!misread )(?<!misjudged )"
            r"\b(?:your|his|her) (?:attitude|behaviour|behavior|tone|temper|mood swings|moods"
            r"|laziness|selfishness|antics|carry on|carrying on|nagging|snapping|sulks|tantrums"
            r"|strops|lies|lying)\b",
            rf"\b{_PARTNER}(?:'ve| have|'s| has)?(?: got)? (?:zero|no|absolutely no|not an ounce of"
            r"|not a shred of|not one ounce of) (?:empathy|compassion|respect|consideration"
            r"|self control|patience|common sense|backbone|spine|ambition|shame|manners|tact"
            r"|sense of humou?r)\b",
            r"\b(?:a|such a) (?:mean|nasty|cruel|selfish|lazy|vicious|spiteful|jealous|stubborn"
            r"|cold|sadistic|controlling) streak\b",
            r"\b(?:someone|somebody|a person|a man|a woman) who (?:doesn't|does not|never|can't"
            r"|won't) (?:even )?(?:listen|care|try|help|notice|understand|respect)\b",
            r"\bgrow (?:a spine|a backbone|a pair)\b|\bman up\b",
            r"\b(?:let|letting) (?:yourself|himself|herself) go\b"
            r"|\b(?:wrapped up in|full of|obsessed with|in love with|up) (?:yourself|himself"
            r"|herself)\b",
            # "you've become a complete stranger to your own kids"
            rf"\b{_PARTNER_IS} (?:a |an |such a |like a )?(?:complete |total |absolute |bit of a )?"
            r"(?:stranger|ghost|lodger|flatmate|housemate) (?:to|in|round|around)\b",
        ],
        negatable=True,
    ),
    *_rules("character", [rf"\b{_CHARACTER_ANYWHERE}\b"], negatable=True, speaker_guard=True),
    *_rules(
        "ultimatum",
        [
            # A condition, then leaving (or ending it) as the price: "if things don't change
            # by friday i'm moving out", "if you go out again we're done". The feedback names
            # the threat only.
            # "unless you start helping i'm out", "if you can't ... tonight then i reckon we're
            # done": the condition may be long and the threat hedged ("i reckon", "i swear").
            # A wish of the speaker's in between ("if you're free i'd love to talk that's it")
            # means the end is not the price of the condition.
            r"\b(?:if|unless|next time|the next time) (?:(?!(?:i'd|i would|i'm happy|let's) "
            r"|(?:can|could) we\b)\S+ )"
            rf"{{1,14}}?(?P<say>{_THREAT})",
            # The threat after an "or": "sort it out or i'm leaving", "or else we're finished".
            rf"\b(?:or|or else|otherwise|else) (?P<say>{_THREAT})",
            # "do that one more time and i'm gone", "again and we're done".
            rf"\b(?:one more|another|again|once more)\b(?: \S+){{0,6}}? (?:and|then)"
            rf" (?P<say>{_THREAT})",
            rf"\b(?:by|before|until) (?:\S+ ){{0,5}}(?:or|otherwise) (?P<say>{_THREAT})",
            # "keep this up and you'll be sleeping at your brother's"
            rf"\b(?:keep (?:this|that|it) up|carry on like (?:this|that)|carry on)(?: \S+){{0,4}}?"
            rf" (?:and|then) (?P<say>{_THREAT})",
            # "either the drinking stops or the marriage does"
            r"\bor (?:the|this|our) (?:marriage|relationship|engagement)\b"
            r"|\bor (?:a |the )?(?:lawyer|solicitor|divorce|separation)\b",
            # The threat first: "i'm not doing this anymore if you carry on ignoring me".
            r"\bi(?:'m| am) not (?:doing|putting up with) this (?:any ?more|again|much longer)\b",
            r"(?P<say>i(?:'m| am)(?: just| really)? (?:leaving|moving out|gone|done|finished"
            r"|through|out of here)|i(?:'ll| will)(?: just)? (?:leave|move out|be gone"
            r"|end (?:it|this|us))"
            r"|we(?:'re| are) (?:done|over|finished|through)|it's over)(?: \S+){0,3}? (?:unless"
            r" (?:you|he|she|this|things)|if (?:you|he|she|this|things|nothing)(?: \S+){0,2}?"
            r" (?:don't|doesn't|can't|won't|keep|keeps|carry on|carries on|continue|ever|again"
            r"|never|change|changes|stop|stops)\b)",
            # "sort yourself out or find somewhere else to live"
            r"\b(?:or|or else|otherwise) (?:you can |you'll |you will |you'd better |just )?"
            r"(?:find somewhere else|look for somewhere else|pack your (?:bags|things|stuff)"
            r"|get out(?! (?:for|and|of the house|together|more)\b))",
            # "it's me or the pub", "me or her, your choice".
            r"\b(?:it's|its|it is) (?:me|us) or (?:the|your|them|her|him|it|that)\b"
            r"|^(?:\w+ )?(?:me|us) or (?:the|your|her|him|them|it)\b(?= .*\b(?:choose|choice|pick"
            r"|decide)\b)",
            r"\b(?:this is|it's|that's|that was|you're on) (?:your|the|our) (?:last|final)"
            r" (?:chance|warning|straw)\b|\blast (?:chance|warning)\b|\bfinal warning\b",
            r"\bi(?:'m| am|'ll| will)(?: \w+)? (?:leave|leaving|divorce|divorcing|dump|dumping)"
            r" you\b",
            r"\b(?:or|and) (?:it's|we're|we are) (?:over|done|finished|through)\b",
            r"\bi want a divorce\b|\b(?:i'll|i will|i'm going to|i'm gonna) (?:call|ring|see)"
            r" a (?:lawyer|solicitor)\b",
        ],
    ),
    *_rules(
        "mind_reading",
        [
            # Claiming to know what the partner secretly feels about the speaker or the
            # relationship: "i know you're bored of me", "i can tell you want out".
            rf"\b(?:i know|i can tell|i bet|we both know|it's obvious|it's clear) (?:that )?"
            rf"{_PARTNER}(?:'re| are|'ve| have|'d| would| secretly| really| just| been)*"
            rf"(?: \w+)?? {_HIDDEN_FEELINGS}\b",
            # Insisting on the mind-read: "just admit it", "don't deny it", "stop pretending".
            r"\b(?:just|go on|come on|why (?:don't|won't|can't) you(?: just)?) admit(?: it)?"
            r"(?![\w'])|\badmit it$",
            r"\b(?:don't|stop|quit) (?:deny|denying|pretend|pretending|lying about it)\b",
            r"(?:^|\b(?:so|oh|come on|go on|yeah) )admit it\b",
            # "you'd rather be at work than with me", "you're only staying for the kids".
            # ("if you'd rather", "unless you'd rather not": a courtesy, not a charge)
            rf"(?<!if )(?<!unless )(?<!said )(?<!say )(?<!told me )\b{_PARTNER}(?:'d| would)"
            r"(?: much| obviously| clearly)? rather"
            r"\b(?! not\b)",
            rf"\b{_PARTNER}(?:'re| are|'s| is)(?: just| really)? only (?:staying|here|with me"
            r"|stayed|doing (?:this|it)|saying (?:that|it)|pretending|being nice|sticking"
            r" around)\b",
            rf"\b{_PARTNER}(?: just| simply| really)? (?:don't|doesn't|do not|does not)(?: even)?"
            r" (?:fancy|like|desire|want|find) me\b",
            rf"\b{_PARTNER} (?:obviously|clearly|probably|secretly) (?:think|thinks|want|wants"
            r"|hate|hates|prefer|prefers|wish|wishes|would|find|finds)\b",
            rf"\b{_PARTNER} (?:don't|doesn't|do not|does not)(?: even)? (?:want|wanna) (?:to )?"
            r"(?:be (?:with|married|here|together|around)|spend|see me|talk to me|come home|touch"
            r"|have (?:sex|kids|a family)|me|us|this)\b",
            r"\bi know what you(?:'re| are) (?:really )?(?:thinking|up to)\b"
            r"|\bi know what you really\b",
            # The same claim asked as a question: "when exactly did you decide i wasn't worth
            # it", "at what point did you stop wanting to come home", "when did i stop
            # mattering to you". A curious "when did you start feeling so tired" is not one.
            rf"\b(?:when|at what point|since when|how long(?: ago)?)(?: exactly| precisely)?"
            rf"(?: (?:did|have|has|had))? {_PARTNER}(?: first| actually| just| finally)?"
            rf" (?:{_DECIDED}|{_STOPPED}|{_TURNED}|(?:been |felt |feeling )?{_HIDDEN_FEELINGS})",
            r"\b(?:when|at what point|since when)(?: exactly| precisely)? (?:did|have|had)"
            rf" (?:i|we) (?:stop(?:ped)?|start(?:ed)?|become|became|turn(?:ed)? into|get|got)"
            rf" (?:{_DEMOTED})\b",
            r"\b(?:since when|when) (?:do|does|did|don't|doesn't|didn't|have|haven't) (?:i|we|my"
            r" \w+)(?: not| no longer| even)? (?:count|matter|exist|get a say|have a say)\b",
            # An aside that settles what they feel before they speak: "you probably don't
            # care but", "not that you'd notice", "i'm sure you've got better things to do".
            rf"\b{_PARTNER}(?:'ll|'d| will| would)? (?:probably|obviously|clearly|likely"
            rf"|prob)(?: just)? (?:don't|doesn't|won't|wouldn't|can't|couldn't|do not|does not"
            rf"|will not)(?: even| really)? {_UNCARING}",
            rf"\b{_PARTNER}(?:'ll|'d| will| would|'re going to| are going to)? (?:probably"
            rf"|obviously|likely)(?: just)? {_SCORNS}",
            rf"\bnot that {_PARTNER}(?:'d| would| will|'ll| ever)?(?: even| ever| really)?"
            rf" (?:care|cares|notice|notices|listen|listens|ask|asks|remember|remembers|bother"
            rf"|bothers|understand|understands|mind|minds|want|wants)\b|\bnot that it"
            rf" (?:matters|means anything) to (?:you|him|her)\b",
            rf"\b{_PARTNER}(?:'ve| have|'s| has|'re| are)?(?: \w+)? (?:got |have )?(?:better"
            rf"|more important) (?:things|people|stuff) to\b",
            rf"\b(?:i (?:know|bet|guess|suppose|reckon|imagine)|i'm (?:sure|guessing)"
            rf"|i am (?:sure|guessing)|obviously|clearly) (?:that )?{_PARTNER}"
            rf"(?: \w+)?? (?:don't|doesn't|won't|wouldn't|couldn't|can't|do not|does not)"
            rf"(?: even| really| actually)? {_UNCARING}",
            # Guessing a motive: "i reckon you pull away on purpose so you don't have to deal
            # with me", "he stays late to avoid me", "you leave the dishes so i'll end up
            # doing them". Not "i know you didn't do it on purpose".
            rf"\b{_PARTNER}(?: (?!(?:didn't|don't|wasn't|weren't|never|not|isn't|doesn't"
            r"|won't|wouldn't)\b)[\w']+){1,6} (?:on purpose|deliberately|purposely"
            r"|intentionally|to spite me)\b",
            rf"\bso (?:that )?{_PARTNER} (?:don't|doesn't|won't|wouldn't|didn't|do not|does not)"
            r" have to(?: [\w']+){1,6}? (?:me|us|with me|to me|my \w+)\b",
            rf"\b{_PARTNER}(?: [\w']+){{1,6}}? (?:just |only )?(?:to|so you can|so he can"
            r"|so she can) (?:avoid (?:me|us|talking|having|being|the|coming|seeing)|get out of"
            r" (?:going|doing|seeing|helping|talking|coming|it|that)|wind me up|annoy me|get at me"
            r"|hurt me|punish me|get back at me|get a rise out of me|make a point)\b",
            rf"\b{_PARTNER}(?: [\w']+){{1,5}}? so (?:that )?i(?:'ll| will|'d| would)?"
            r" (?:end up|have to|get stuck|be left|stop \w+ing|shut up|back off|drop it|give up"
            r"|leave (?:you|him|her|them) alone)\b",
            rf"\b{_PARTNER} only (?:[\w']+ ){{1,4}}(?:when|because|if) {_PARTNER}"
            r" (?:want|wants|need|needs) (?:something|sex|money|a favour|a lift|me to)\b",
            # "you wouldn't notice if i left"
            rf"\b{_PARTNER}(?:'d| would)(?:n't| not)(?: even| ever)? (?:notice|care|miss me"
            r"|bat an eyelid)(?: \w+){0,3}? if i\b",
            # "because you've decided i'm not worth your time", "since you decided i'm boring";
            # not "you decided we weren't going to the party".
            rf"\b{_PARTNER}(?:'ve| have|'s| has)?(?: (?:clearly|obviously|just|already|now))?"
            r" (?:decided|made up (?:your|his|her) mind)(?: that)? (?:i|i'm|i am|we|we're|we are"
            r"|this|us|our \w+|me)(?: \w+){0,2}? (?:not |no longer |isn't |aren't |wasn't "
            r"|weren't )?(?:worth|enough|important|a priority|boring|dull|interesting|attractive"
            r"|a waste|beneath|over|done|finished|the problem|too much|too needy)\b",
            rf"\b{_PARTNER}(?:'ve| have|'s| has)?(?: (?:clearly|obviously|just|already|now))?"
            r" decided to (?:(?:shut|freeze|cut|keep) (?:me|us) out|ignore (?:me|us)|punish (?:me"
            r"|us)|avoid (?:me|us)|give up on (?:me|us)|make (?:me|my life))\b",
            r"\bmade it (?:very |really |pretty |quite |so |perfectly )?clear (?:that )?(?:i|we"
            r"|you don't|you do not|you'd rather)\b",
            rf"\b{_PARTNER}(?:'d| would)(?: \w+)? be (?:happier|better off|glad|relieved"
            rf"|pleased)(?: \w+){{0,3}} (?:without (?:me|us)|if i (?:\w+ )?(?:left|went|wasn't"
            rf"|weren't|disappeared|moved out|was gone|were gone))\b",
        ],
    ),
    *_rules(
        "fault",
        [
            rf"\b(?:treat|treats|treated|treating) (?:me|us) like {_TREATED_LIKE}\b",
            r"\blike (?:dirt|garbage|trash|a doormat)\b",
            r"\b(?:your|his|her|their) fault\b",
            r"\bbecause of you\b",
            rf"\b{_PARTNER} (?:made|make|makes|keep making) me\b {_POSITIVE_AFTER_MADE_ME}",
            rf"\b{_PARTNER}(?:'ve| have| has)? (?:ruined|wrecked|destroyed|caused)\b",
            r"\bblame (?:you|him|her|them)\b",
            r"\b(?:it's|it is|this is|that's|that is) (?:all )?on (?:you|him|her|them)\b",
            r"\b(?:your|his|her|their) \w+(?: \w+)? (?:is|that's|that is|'s|which is)"
            r" (?:ruining|wrecking|destroying|killing)\b",
            r"\byou did this\b",
            r"\bthanks to you\b",
            # Ranking someone or something above the speaker: "you put your mother before me".
            rf"\b{_PARTNER}(?: always| still| just)? (?:put|puts|keep putting|keeps putting)"
            r"(?: \S+){1,4} (?:before|ahead of|above|over) (?:me|us)\b",
            r"\b(?:care|cares|cared) more about (?:\w+ ){1,3}than (?:me|us|i do|about me)\b",
            r"\b(?:you|he|she|they) (?:drive|drives) me (?:crazy|mad|insane|nuts|up the wall)\b",
            rf"\b{_PARTNER} (?:don't|doesn't|didn't|can't|won't|couldn't|wouldn't|do not"
            r"|does not|did not|cannot)(?: ever)? even\b",
            rf"\b{_PARTNER}(?:'ve| have| has)?(?: just| totally| completely)? (?:stopped|given up)"
            r" (?:making|trying|caring|bothering|helping|listening|putting|paying|asking)\b",
            rf"\b{_PARTNER}(?:'re| are|'s| is)(?: just| really| so| clearly| obviously| simply"
            r"| honestly| totally| completely)? not"
            r" (?:bothered|interested|even trying|trying|listening|making (?:an|any) effort"
            r"|pulling (?:your|his|her|their) weight)\b",
            r"\b(?:matters?|means?|comes?|is|are)(?: more)?(?: to (?:you|him|her))?"
            r" (?:more than|than|before) (?:me|i do|us)\b",
            rf"\b{_PARTNER}(?:'ve| have|'s| has)? (?:been )?(?:lying|lied) to (?:me|us)\b",
            # The unfair share: "you bludge around all weekend while i do everything".
            r"\bwhile i (?:do|did|'m doing|am doing|have to do|get stuck with|end up doing)"
            r" (?:everything|it all|all the \w+|all of it)\b",
            # A double standard: "how is it that you can remember every football score but
            # not our anniversary", "funny how you find time for golf but never for us".
            r"\b(?:how (?:is it|come)|funny how|amazing how|interesting how|strange how|weird"
            r" how)\b(?: [\w']+){1,12} but (?:not|never|can't|cannot|won't|don't|couldn't|no)\b",
            # "how come you've got time for everyone except me", "i come last".
            r"\b(?:time|room|energy|patience|space) for (?:everyone|everybody|everything|anyone"
            r"|anything|all your \w+|your \w+)(?: else)? (?:but|except|apart from|other than"
            r"|besides|and not|but never|bar) (?:me|us)\b",
            r"\bi (?:always )?(?:come|came) (?:last|second|bottom)\b(?! (?:in|at|of)\b)",
            # Said of oneself, it says what they do not do: "i'm the only one who even tries".
            r"\bi(?:'m| am) the only one (?:\w+ ){0,4}?(?:who|that|who's|that's) (?:ever |even"
            r" |actually |really )?(?:tries|tried|cleans|tidies|cooks|cares|does|makes|puts"
            r"|bothers|listens|plans|remembers|pays|works|notices|says sorry|apologises|apologizes"
            r"|gets up|helps|thinks|makes an effort)\b",
        ],
        negatable=True,
    ),
    *_rules(
        "always_never",
        [
            rf"\b{_PARTNER}(?: (?:just|literally|basically|really|seriously|honestly|also|still))?"
            r" (?:never|always|constantly|don't ever|do not ever|won't ever|can't ever"
            r"|never ever|forever)\b",
            r"\b(?:you're|you are|he's|he is|she's|she is|they're|they are) (?:always|never"
            r"|constantly|forever)\b",
            rf"\bevery (?:single )?time {_PARTNER}\b",
            rf"\bevery (?:single )?time i (?:try|want|ask|bring|start|say|need|reach)"
            rf"(?: \w+){{0,4}} {_PARTNER} \w+",
            rf"\b{_PARTNER} (?:keep|keeps) \w+ing\b",
            rf"\bnot (?:once|one time|a single time)(?: [\w']+){{0,4}}? (?:have|has|did)"
            rf" {_PARTNER}\b",
            rf"\b{_PARTNER} only (?:ever )?(?:care|cares|think|thinks|talk|talks|want|wants"
            r"|look|looks)\b",
            r"\bfor once\b",
            r"\ball (?:you|he|she|they) (?:ever )?(?:do|does|care about|cares about|think about"
            r"|thinks about|want|wants|talk about|talks about) is\b",
            rf"\b{_PARTNER}(?:'re|'ve|'s| are| have| has| been)?(?: \w+){{0,5}}"
            r" (?:every (?:night|day|evening|weekend|single day)|all the time|24 7"
            r"|day and night)\b",
        ],
    ),
    *_rules(
        "always_never",
        [
            # Anywhere, whoever the grammatical subject: "him never listening", "his constant
            # nagging", "my wife is always on her phone"; not "I always", "we never".
            r"\b(?:never|always|constantly|constant|every (?:single )?time|all the time)\b",
        ],
        speaker_guard=True,
    ),
    *_rules(
        "sarcasm",
        [
            r"\boh (?:great|wonderful|perfect|sure|fantastic|brilliant|lovely)\b",
            r"\bgreat job\b",
            r"\bthanks (?:a lot|for nothing|so much for nothing)\b",
            r"\byeah (?:right|sure)\b",
            r"\bas usual\b",
            r"\b(?:big|what a|no) surprise\b|\bsurprise surprise\b",
            r"\b(?:wow|gee|gee whiz) thanks\b",
            r"\bnice going\b|\breal (?:nice|mature|smooth)\b|\bhow (?:nice|mature|thoughtful)\b",
            r"\bmust be nice\b",
            r"\bgood for you\b",
            r"\bof course (?:you|he|she|they) (?:did|didn't|forgot|would|wouldn't|do|don't)\b",
            r"\bcongratulations\b|\bbravo\b",
            r"\bsure you (?:did|do|are|were)\b",
            r"\blucky me\b",
            r"\bso thoughtful of you\b",
            r"\b(?:nice|kind|good|sweet|thoughtful|generous|lovely|decent|considerate|gracious"
            r"|big) of you to\b",
            r"\bwell done (?:for|on) (?:\w+ing|finally)\b"
            r"|\bgood job (?:for|on) (?:\w+ing|finally)\b"
            r"|\baren't you just\b|\b(?:the|such a) perfect (?:husband|wife|partner|boyfriend"
            r"|girlfriend|dad|mum|mom)\b|\b(?:mr|miss|mrs|little miss) perfect\b",
            rf"\b{_PARTNER} (?:finally|actually) (?:showed|show|noticed|notice|remembered|called"
            r"|decided|managed)\b|\bto finally\b",
            r"^(?:oh |well |so |wow |ah )?finally (?:you|he|she|they|decided|remembered|noticed"
            r"|bothered|showed|some)\b",
            rf"\b{_PARTNER}(?:'ve| have| has)? finally (?:decided|remembered|noticed|bothered"
            r"|showed|turned|managed|got|put|come|came|found|looked)\b",
            r"\blook who(?:'s| has| is| decided| finally)\b|\bwell well\b",
            r"\bthanks? (?:\w+ ){0,3}for (?:\w+ ){0,3}nothing\b|\bgrace[sd]? us\b"
            r"|\bwith (?:his|her|your) presence\b|\bhonou?red to\b|^(?:oh |well |so |wow |ah )?"
            r"(?:finally|at last)\b",
            r"\bhow (?:kind|generous|sweet|lovely|good) of (?:you|him|her)\b",
            r"\bwow (?:thanks|great|amazing|really|so helpful)\b|\bwhat a (?:shock|surprise)\b"
            r"|\bshock horror\b|\bwell done you\b|\bgold star\b|\bwant a medal\b",
            # Mock importance: "you're very busy with your very important job".
            r"\b(?:your|his|her) (?:very|oh so|super|terribly|ever so|oh so very) important\b",
            r"\b(?:oh|well) look (?:he|she|you|who)\b|\b(?:he|she|you) (?:does|do) know"
            r" where the \w+ is\b",
            r"\b(?:apparently|clearly|obviously|i guess|so now) i(?:'m| am)(?: just)? (?:invisible"
            r"|nothing|the enemy|the bad guy|a nobody|not important|(?:your|the) (?:maid|servant"
            r"|cleaner|help|cook|taxi))\b",
            r"(?<!let's )(?<!we could )(?<!can we )(?<!could we )(?<!we should )\b(?:take|get|grab)"
            r" a (?:picture|photo|pic)\b(?! (?:of us|together|with|printed|framed))"
            r"|\b(?:wow|oh|ooh|well) (?:you|he|she) actually\b",
            r"\boh (?:good|goody|joy|super|marvellous|terrific)\b(?=.*\b(?:again|as usual|yet"
            r" again|in time to)\b)",
            # The joke "not" at the end: "thanks heaps for the help today not".
            r"\b(?:thanks|thank you|great|nice|lovely|brilliant|helpful|fun)\b(?: [\w']+){1,10}"
            r" not$",
            r"\bdraw you a (?:diagram|picture|map)\b|\bspell it out for you\b|\bin words of one"
            r" syllable\b",
            # "you think the dishes wash themselves do you", "oh so now you want to talk".
            rf"\b{_PARTNER} (?:think|thinks|reckon|reckons)(?: that)?(?: the)? [\w']+(?: [\w']+)?"
            r" (?:wash|clean|cook|tidy|pay|sort|fold|put|do|empty|feed|walk|make) (?:themselves"
            r"|itself)\b|\byou (?:think|reckon|want|expect)\b(?: [\w']+){1,8} do you$"
            r"|\b(?:oh )?so now (?:you|he|she) (?:want|wants|care|cares|decide|decides|notice"
            r"|notices|remember|remembers)\b",
            r"\bthat's a first\b|\bthat'll be the day\b|\bwonders will never cease\b"
            r"|\bmiracles do happen\b|\ba whole (?:sentence|word)\b|\bit speaks\b",
            r"\b(?:oh )?don't mind me\b|\bas per usual\b|\bsilly me\b"
            r"|\bdon't (?:get up|trouble yourself|strain yourself|lift a finger|put yourself out"
            r"|exert yourself)\b",
            r"\b(?:should|shall|do) i (?:just )?(?:book|pencil|squeeze|fit) (?:you|myself|me) in\b",
            r"\bmust be (?:nice|lovely|great|wonderful|handy|easy|fun) (?:having|to have|being"
            r"|to be|not having|not to have)\b",
            # "should i just book a meeting with your phone", "send you a calendar invite",
            # "shall i alert the media".
            r"\b(?:book|make|schedule|send(?: you| him| her)?) (?:a|an) (?:appointment|meeting"
            r"|calendar invite|invite|slot) (?:to (?:talk|see|speak)|with (?:you|your|him|her|my)"
            r"|just to)\b|\bcalendar invite\b|\b(?:should|shall|do) i (?:just |need to |have to )?"
            r"(?:book|make|take) (?:a|an) (?:appointment|number|ticket)\b",
            r"\b(?:alert|call|ring|tell) the (?:media|press|papers|newspapers|news)\b"
            r"|\bstop the press(?:es)?\b|\bmark the (?:date|calendar)\b",
            r"\bor should i (?:just )?(?:\w+ )?(?:book|make|send|text|email|write|get|take|ask"
            r"|wait)\b",
        ],
    ),
    *_rules(
        "demand",
        [
            # Not "a time that suits you better", "i know you better": "better" is a demand
            # only when it is the verb's helper ("you better listen").
            r"(?<!suits )(?<!suit )(?<!fits )(?<!know )(?<!like )(?<!love )(?<!makes )"
            r"\byou (?:need to|have to|'ve got to|have got to|gotta|had better|'d better"
            r"|better(?! than\b| off\b|$)|must|should|ought to|shouldn't)\b",
            r"\byou'd better\b",
            r"^(?:just |please )?stop \w+ing\b",
            r"\bjust stop\b",
        ],
    ),
    *_rules(
        "rhetorical",
        [
            # A question that already holds its answer: "why can't you ever just listen",
            # "why is it so hard for you to text back", "how many times do i have to say it".
            rf"\bwhy (?:can't|won't|don't) {_PARTNER}\b",
            rf"\bwhy (?:do|does|did|can't|won't|don't|doesn't|didn't|couldn't|wouldn't|must"
            rf"|are|is|were|have|has|haven't|hasn't|should|would|can|will|do you|are you)"
            rf"(?: \w+)?? {_PARTNER}\b(?! and\b)",
            r"\bwhy (?:does|do|must|has|is) (?:everything|it|this|every \w+)(?: always)?"
            r" (?:have|has|got|need|needs) to\b|\beverything (?:has to be|is|'s) (?:always )?"
            r"about (?:you|him|her)\b",
            r"\bwhy (?:do|must|should|does|is it|am) (?:i|it)(?: always| even| ever| the one)?"
            r" (?:have to|has to|got to|need to|end up|be me|who)\b|\bwhy is it always me\b",
            r"\bwhat(?:'s| is) so (?:hard|difficult|complicated|tricky) (?:about|with)\b"
            r"|\bhow hard can it be\b",
            # Any opener that starts "why" and points at them or at always/never: not a
            # curious "why do you think ...".
            r"^(?:\w+ )?why\b(?! do you (?:think|feel|reckon))(?=.*\b(?:you|your|he|she|they"
            r"|always|never|ever|even|everything|nothing)\b)(?: [^ ]+){0,4}",
            r"\bwhy is it (?:so |always |that )?(?:hard|difficult|impossible|much|too much"
            r"|always me)\b",
            r"\bhow (?:many times|often) do i (?:have|need) to\b|\bhow (?:hard|difficult)"
            r" (?:is|can) it\b|\bhow could (?:you|he|she)\b",
            # "do you even remember the last time you asked", "when was the last time you",
            # "have you ever once", "anyone but yourself". Not "do you remember the last time
            # we went dancing", "when was the last time we had a date".
            rf"\b(?:do|can|could|did|have|would|does|will) {_PARTNER} (?:\w+ )?even (?:know"
            r"|remember|care|notice|think|realise|realize|see|listen|hear|try|want|like|love"
            r"|know|look|ask|bother)\b",
            rf"\bwhen was the last time {_PARTNER}\b(?! (?:had|got|took|slept|ate|rested|relaxed"
            r"|went to (?:the|a) doctor|saw a doctor|did something for (?:yourself|himself"
            r"|herself)|felt|treated (?:yourself|himself|herself)|were (?:well|happy|okay))\b)"
            rf"|\b(?:do|can|could) {_PARTNER}(?: \w+)?"
            rf" remember (?:the last time|when|the day|a time|one time|once)(?: \w+)? {_PARTNER}\b",
            rf"\b(?:have|has|did) {_PARTNER} (?:ever )?(?:even )?(?:once|one time|ever once)\b",
            r"\b(?:anyone|anybody|anything|anyone else|anybody else) (?:but|except|other than)"
            r" (?:yourself|himself|herself|themselves)\b",
            # "what is it i've done this time to deserve the silent treatment"; not "i'm not
            # sure what i've done but i'd like to understand".
            r"\bwhat (?:\w+ ){0,3}?(?:i've|i have|have i|did i|i did|i) (?:\w+ )?(?:done|do)"
            r"(?: wrong)? (?:now|this time|wrong now|to deserve|to get|to earn)\b",
            # "are you ever going to actually talk to me", "do you actually plan on helping".
            rf"\b(?:are|is) {_PARTNER} (?:ever|even)(?: actually| really)? (?:going|gonna"
            rf"|planning)\b|\b(?:do|does|will) {_PARTNER} (?:actually|ever|even|really)"
            r"(?: \w+)? (?:plan|intend|mean|bother)(?: on| to)?\b",
            # "why you think it's okay to treat me like a flatmate", "is it normal to you to
            # ignore your wife"; not "is it okay to talk about the weekend".
            rf"\bwhy {_PARTNER} (?:think|thinks|thought|reckon|reckons|seem to think"
            r"|seems to think|feel) (?:it's|it is|that's|it was|that it's) (?:okay|ok|fine|alright"
            r"|all right|acceptable|normal|cool|reasonable|fair) to\b",
            r"\b(?:is it|is that|do you think it's|you think it's) (?:normal|okay|ok|fine"
            r"|acceptable|alright|reasonable|fair)(?: to you| for you| in your book| in your"
            r" world)? to (?:ignore|leave me|treat|forget|shout|yell|walk off|walk out|expect me"
            r"|never|always|just leave|disappear|lie)\b",
            # "would it really be so hard to text me", "have you ever considered that other
            # people have feelings".
            r"\bwould it (?:really |honestly )?(?:be (?:so|that|too|such a) (?:hard|difficult"
            r"|much|big a deal|bad)|kill you|hurt you) to\b|\bis it (?:really |honestly )?(?:so"
            r"|that) (?:hard|difficult) to\b",
            r"\bother people have feelings\b|\b(?:have|did) you (?:ever )?(?:considered|thought"
            r"|stopped to think) (?:that|about how) (?:other people|i|anyone|someone else|my)\b",
            r"\bis it (?:actually |even |at all |humanly |physically |ever )?possible for (?:you"
            r"|him|her)\b|\bdo you (?:honestly|really|seriously|actually) think i (?:enjoy|like"
            r"|want|love|choose|chose|asked)\b",
            r"\bhow many more (?:\w+ ){1,3}(?:are|is|will|do|have|must) (?:you|he|she|i)\b",
            r"\bis it (?:too much|so much|really that hard) to ask\b|\bwould it kill\b"
            r"|\bwhat is it with (?:you|him|her)\b|\bwhat were you thinking\b",
        ],
    ),
]

_CARING: Final = (
    r"(?:under|stressed|tired|exhausted|knackered|struggling|busy|worried|sad|down|low|unhappy"
    r"|lonely|overwhelmed|hurting|had a (?:lot|hard|tough|rough)|had (?:a|an|such a)(?: \w+)?"
    r" (?:month|week|day|year|time|few|couple|run|shift|term)|been through|got a lot|a lot on|going"
    r" through|working (?:so |really )?hard|doing (?:your|his|her|their) best|trying|deserve"
    r"|need (?:a|some|more)|feel|felt|feeling|miss|missed|care|love|understand|get it|are right"
    r"|were right|might|may|could|would|and i|and me|too|as well|haven't had|have not had"
    r"|carrying|juggling|dealing with|coping|holding|putting up with|doing so much|doing a lot"
    # "i felt you weren't (fine)": sensing they are not all right, not a verdict on them
    r"|(?:weren't|wasn't|aren't|isn't)(?: (?:okay|ok|fine|alright|all right|well|happy"
    r"|yourself|coping|sleeping)| and| but|$))"
)
_FALLBACK_RULES: Final[list[_Rule]] = [
    *_rules(
        "mind_reading",
        [
            # A verdict dressed as a feeling: "i feel you've stopped making any effort", "i
            # feel that you only ..."; not "i feel you've been under a lot of pressure".
            rf"\bi (?:just |really |kind of |sort of )?(?:feel|felt|get the feeling|get the sense"
            rf"|sense)(?: that| like| as though| as if)?"
            rf" (?P<say>{_PARTNER}(?:'re|'ve|'d|'s)?(?! and\b)"
            rf"(?! (?:(?:have|are|were|had|been|has|is|was|just|really|also|both|so) )*"
            rf"{_CARING}\b)(?: \w+){{1,3}})",
        ],
    ),
]

_FILLERS: Final = frozenset(
    _words("""um umm uh uhh er erm hmm mm so yeah yes well like okay ok right anyway basically
    just and you know i mean actually hey hi look listen babe love hun honey darling""")
)
_DANGLING: Final = frozenset(
    _words("""the a an my your our his her their and or but because cos cause if when
    of about with from at by than i he she whose while until unless although though into
    between without during as""")
)
"""Words a spoken sentence does not end on: the opener stopped partway ("the way he")."""
_DANGLING_ADVERBS: Final = frozenset(_words("also just really very so then"))
_BEFORE_ADVERB: Final = frozenset(
    _words("""i i'm am is are was were feel felt be been it's that's we're you're he's she's
    they're and but""")
)
"""An adverb ends a sentence ("that's it really") unless it hangs on a verb ("i feel really")."""
_FILLER_PHRASES: Final = re.compile(
    r"\b(?:you know(?! (?:what|how|that|why|when|i|we|about)\b)|i mean(?! it\b)|kind of|sort of"
    r"|or whatever|and stuff|or something|(?<=\bthe) whole)\b"
)
_FILLER_WORDS: Final = frozenset(
    _words("""um umm uh uhh er erm hmm mm ah eh so yeah well like okay ok right anyway basically
    actually literally hey hi look listen""")
)
"""Fillers around the words that carry an opener; what is left must still be a sentence."""
_SUBORDINATE: Final = frozenset(
    _words("when if because that maybe and but so whenever while until since cos then where")
)
_PRONOUNS: Final = frozenset(_words("i we you he she they"))
_FRAGMENT_STARTS: Final = re.compile(
    r"^(?:about|regarding|re|the way|the thing with|because|cause|cos|when|whenever)\b"
)
_MAIN_CLAUSE: Final = re.compile(
    r"\b(?:i|i'm|i've|i'd|i'll|we're|we've|we'd|it's|that's|let's)\b|\b(?:can|could|would"
    r"|will|shall|should) (?:we|you|i)\b|\b(?:is|are) (?:you|it|now|this|that|everything)\b"
    # "when you go quiet at night what's usually going on for you": a question follows.
    r"|\b(?:what's|what is|how's|how is|what do|how do|what does|is there|what are|how are"
    r"|where's|who's)\b"
    # "when you hug me in the morning it makes my whole day"
    r"|\b(?:it|that|this|everything|my \w+) (?:makes|made|feels|felt|is|was|means|meant|helps"
    r"|helped|gets|got)\b"
)
_HAS_SUBJECT: Final = re.compile(
    r"\b(?:i|i'm|i've|i'd|we|we're|you|you're|he|she|it|it's|that's|there's|let's|can|could"
    r"|would|is|are|how|what|got|miss|love|need|please)\b"
)


_PLACEHOLDERS: Final = frozenset(_words("thing things stuff whatever"))
"""Nouns that stand in for what has not been said yet ("the thing with the thing")."""
_EMPTY_WORDS: Final = _PLACEHOLDERS | frozenset(
    _words("""i i've i'm i'd was been have had thinking think thought wondering meaning meant
    wanted to say said mention mentioned bring up the a an this that it it's is was whole
    something everything with about of and or but then there's here's what all bit guess
    dunno don't know how lot just mean""")
)
"""A run-up to an opener ("i've been thinking", "i wanted to say", "the thing is") and the
words round a placeholder: with nothing else, the opener has not started."""
_WH_WORDS: Final = frozenset(_words("what how"))
_QUESTION_AUX: Final = frozenset(
    _words("would is are can could do does did will should shall was were has have might")
)
"""After "when": a question ("when would be a good time"), not a fragment ("when you")."""


def _broken(text: str) -> Finding | None:
    """An opener that does not work as a sentence: only fillers ("um so yeah"), one that stops
    partway ("i feel when you and the"), a fragment with no sentence round it ("about how our
    evenings lately", "the phone thing")."""
    words = text.split()
    if not words:
        return None
    tail = " ".join(words[-3:])
    if all(w in _FILLERS for w in words):
        return Finding("broken", tail, max(0, len(text) - len(tail)))
    # What carries the opener once the fillers round it are gone: "so uh the whole you know
    # when you um" -> "when you"; "so um the money thing you know" -> "the money thing".
    core = [w for w in _FILLER_PHRASES.sub(" ", text).split() if w not in _FILLER_WORDS]
    if not core:
        return Finding("broken", tail, max(0, len(text) - len(tail)))
    cut = len(core) > 1 and core[-2] in _SUBORDINATE and core[-1] in _PRONOUNS
    hangs = core[-1] in _DANGLING_ADVERBS and (len(core) == 1 or core[-2] in _BEFORE_ADVERB)
    asked = core[-1] in _PRONOUNS and len(core) > 1 and core[-2] in _QUESTION_AUX
    if (core[-1] in _DANGLING and not asked) or cut or hangs:  # "... how is she" is whole
        return Finding("broken", tail, max(0, len(text) - len(tail)))
    start = _FRAGMENT_STARTS.match(text)
    rest = text[start.end() :] if start else text
    after = rest.split()
    if start and start.group(0).startswith("when") and after and after[0] in _QUESTION_AUX:
        return None  # "when would be a good time to talk": a question, not a fragment
    if start and not _MAIN_CLAUSE.search(
        rest.split(" ", 2)[-1] if start.group(0) == "when" else rest
    ):
        return Finding("broken", " ".join(words[:4]), 0)
    short = " ".join(core)
    if len(core) <= 5 and not _HAS_SUBJECT.search(short):
        return Finding("broken", " ".join(words[:4]), 0)
    # Nothing said yet: a run-up and placeholders with no feeling, need, request or question
    # ("i've been thinking and the thing the whole thing with the thing is yeah").
    asks = core[0] in _WH_WORDS and len(core) > 1 and core[1] in _QUESTION_AUX
    if (
        not asks  # "what is this thing" is a question
        and all(w in _EMPTY_WORDS for w in core)
        and any(w in _PLACEHOLDERS for w in core)
    ):
        return Finding("broken", tail, max(0, len(text) - len(tail)))
    return None


_I_FEEL: Final = re.compile(
    r"\bi (?:feel|felt|miss|missed)\b|\bi(?:'ve| have) (?:been )?(?:feeling|missing|felt)\b"
    r"|\bi(?:'m| am) (?:feeling|missing)\b|\bit hurts\b|\bi get (?:so |really )?\w+ when\b"
)
_NEEDS: Final = re.compile(
    r"\bi (?:need|really need|just need|want us|would love|would like|'d love|hope we|hope"
    r" you|miss)\b|\bi'd (?:love|like|really like|really love)\b|\b(?:could|can) we\b"
    r"|\bwould you be (?:willing|open|up for)\b|\bit would mean\b|\bi(?:'m| am) hoping\b"
    r"|\bwe could\b|\bcan i ask\b|\bwould it be okay\b|\bis everything okay\b"
    r"|\bare you okay\b|\bcould you\b|\bwould you\b"
)


@dataclass(frozen=True, slots=True)
class OpenerCheck:
    findings: tuple[Finding, ...]
    """In :data:`BLAME_ORDER` (one per category); the first is the one to name."""
    i_statement: bool
    """Speaks from the person's own feeling ("I feel", "I've been missing", "I'm lonely")."""
    names_need: bool
    """Says what would help ("I need", "I'd love", "could we")."""

    @property
    def clean(self) -> bool:
        return not self.findings

    @property
    def main(self) -> Finding | None:
        return self.findings[0] if self.findings else None

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(f.category for f in self.findings)


@lru_cache(maxsize=4)
def _feeling_statement(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\bi(?:'m| am| feel| felt|'ve been| have been)(?: \w+)? {_alt(words)}\b")


def check_opener(
    text: str | None, feeling_words: Iterable[str] = (), *, whole: bool = True
) -> OpenerCheck:
    """Blame patterns and strengths in a drafted opener.

    ``feeling_words`` (the vocabulary's words) let "I'm lonely" count as an I-statement; the
    generic forms ("I feel ...", "I've been ...") count without them. Only when nothing more
    specific is found: a verdict dressed as a feeling and (``whole``:
    the words are meant as a whole opener, not a topic such as "our evenings") a sentence
    that does not work as one.
    """
    t = normalise(text or "")
    order: dict[str, int] = {c: i for i, c in enumerate(BLAME_ORDER)}
    found = _scan(t, _OPENER_RULES, order) or _scan(t, _FALLBACK_RULES, order)
    if not found and whole:
        broken = _broken(t)
        found = [broken] if broken else []
    words = tuple(sorted({normalise(w) for w in feeling_words if w}))
    i_statement = bool(_I_FEEL.search(t)) or bool(words and _feeling_statement(words).search(t))
    return OpenerCheck(tuple(found), i_statement, bool(_NEEDS.search(t)))


# --------------------------------------------------------------------------- the rewrite

_SUBJECT_PRONOUNS: Final = frozenset(
    _words("""i we you he she they it there nobody everyone everybody everything things someone
    something nothing people work money""")
)
_CONTRACTED_SUBJECTS: Final = frozenset(
    _words("""i'm we're you're he's she's they're it's there's i've we've you've he'd she'd
    they've i'd we'd you'd they'd it'd i'll we'll you'll he'll she'll they'll it'll that's
    nobody's everything's""")
)
_WH: Final = frozenset(_words("how what when why where whether which who whenever"))
_DETERMINERS: Final = frozenset(
    _words("the a an my our your his her their this that these those some all any no")
)
_AUX: Final = frozenset(
    _words("""is are was were has have had do does did don't doesn't didn't isn't aren't wasn't
    weren't hasn't haven't hadn't can can't could couldn't will won't would wouldn't should
    shouldn't may might must keep keeps kept seem seems seemed feel feels felt get gets got
    never always barely hardly rarely""")
)
"""Words that, right after a subject or a short noun phrase, make it a clause."""
_COMMON_VERBS: Final = frozenset(
    _words("""take takes took make makes made go goes went come comes came leave leaves left end
    ends ended run runs ran work works worked need needs want wants talk talks talked spend
    spends spent stay stays stayed sit sits sat eat eats ate sleep sleeps slept fight fights
    fought argue argues argued feel feels""")
)
_NOT_FINITE: Final = frozenset(
    _words("""at in on with between for about of from to lately recently and or but than like
    as by around after before during over under into this that these those the a an my our
    your his her their at home too""")
)
_SKIP: Final = frozenset(
    _words("""just really still also even often sometimes usually always never barely hardly
    rarely so kind sort of actually""")
)
_PARTNER_ONLY: Final = frozenset(
    {
        "you",
        "us",
        "you and me",
        "you and i",
        "me and you",
        "we",
        "you two",
        "the two of us",
        "him",
        "her",
        "them",
        "he",
        "she",
        "they",
        "my partner",
        "my husband",
        "my wife",
        "my boyfriend",
        "my girlfriend",
        "my spouse",
        "our relationship",
        "the relationship",
    }
)
_VAGUE_THINGS: Final = frozenset(
    {
        "",
        "it",
        "this",
        "that",
        "things",
        "stuff",
        "everything",
        "nothing",
        "i don't know",
        "i'm not sure",
        "not sure",
        "don't know",
        "i dunno",
        "dunno",
        "the usual",
        "all of it",
        "lots of things",
        "a lot of things",
        "everything really",
        "just everything",
    }
)
_FEELING_LEADS: Final = re.compile(
    r"^(?:i(?:'ve| have) been feeling|i(?:'ve| have) been|i(?:'m| am) feeling|i(?:'m| am)"
    r"|i feel|i felt|feeling|just|kind of|sort of)\s+"
)
_NEED_LEADS: Final = re.compile(
    r"^(?:i (?:just |really )?(?:need|want|would like|would love)|i'd (?:like|love)|i need"
    r"|need|just|maybe|probably)\s+"
)


@dataclass(frozen=True, slots=True)
class Rewrite:
    """The parts of an opener said to the partner; the sentence itself is content."""

    shape: ThingShape
    """``noun``: "about [thing]" ("our evenings lately", "you working late", "how you look at
    your phone"); ``clause``: "about how [thing]" ("we barely talk"); ``general``: nothing
    specific was named (only "him", "I don't know"): the content's general wording is used."""
    feeling: str
    thing: str
    need: str


def _strip_leads(words: list[str]) -> list[str]:
    while len(words) > 1 and words[0] in ("about", "that", "because", "it's", "its", "is"):
        if words[0] in ("it's", "its") and words[1] not in ("about", "that", "because"):
            break
        words = words[1:]
    return words


def _finite_after(words: list[str], i: int) -> bool:
    """Whether a finite verb follows a subject at ``words[i]`` ("we barely talk": yes; "you
    working late", "things at home": no)."""
    for w in words[i : i + 4]:
        if w in _AUX:
            return True
        if w in _SKIP:
            continue
        return not (w in _NOT_FINITE or w.endswith(("ing", "ly")))
    return False


def _shape(words: list[str], clause_hint: bool) -> ThingShape:
    text = " ".join(words)
    if text in _VAGUE_THINGS or text in _PARTNER_ONLY:
        return "general"
    first = words[0]
    if first in _WH or first.endswith("ing") or (first == "not" and len(words) > 1):
        return "noun"
    if first in _CONTRACTED_SUBJECTS:
        return "clause"
    if first in _SUBJECT_PRONOUNS:
        return "clause" if _finite_after(words, 1) else "noun"
    # A noun phrase, or a clause with one for its subject ("the kids take all our time"):
    # look for a verb in the next few words, before any preposition.
    verbs = _AUX | _COMMON_VERBS if clause_hint else _AUX
    for w in words[1:5]:
        if w in verbs or (clause_hint and w.endswith("ed")):
            return "clause"
        if w in _NOT_FINITE - _DETERMINERS:
            break
    return "noun"


def shape_thing(thing: str, clause_hint: bool = False) -> tuple[ThingShape, str]:
    """How the thing fits after "about" (see :class:`Rewrite`), and its words (normalised,
    leading "about"/"that" dropped, "if" read as "whether"). The carrier phrase ("the thing is
    ...") is only a hint: "the thing is our evenings lately" is still a noun phrase."""
    words = _strip_leads(normalise(thing).split())
    if words and words[0] == "if":
        words = ["whether", *words[1:]]
    if not words:
        return "general", ""
    return _shape(words, clause_hint), " ".join(words)


def _second_person(text: str) -> str:
    return normalise(to_partner(text)).replace(" i ", " I ")


def _spoken_i(text: str) -> str:
    return re.sub(r"\bi\b", "I", re.sub(r"\bi'", "I'", text))


def rewrite(feeling: str, thing: str, need: str, *, clause_hint: bool = False) -> Rewrite:
    """The opener's parts in the second person: "he works late" -> "you work late", "his
    phone" -> "your phone", "my husband" -> "you"; the person's own words otherwise kept."""
    shape, text = shape_thing(_second_person(_strip_about(thing)), clause_hint)
    feel = _FEELING_LEADS.sub("", normalise(feeling))
    wanted = _NEED_LEADS.sub("", normalise(need))
    return Rewrite(
        shape,
        _spoken_i(_second_person(feel)),
        _spoken_i(text),
        _spoken_i(_second_person(wanted)),
    )


def _strip_about(thing: str) -> str:
    return " ".join(_strip_leads(normalise(thing).split()))


# --------------------------------------------------------------------------- practice replies

_HARD: Final = (
    r"(?:hard|tough|rough|awful|horrible|horrid|terrible|unfair|heavy|disappointing|painful"
    r"|frustrating|sad|upsetting|scary|stressful|exhausting|lonely|hurtful|rubbish|crap|crappy"
    r"|brutal|gutting|cruel|harsh|nasty|humiliating|embarrassing|infuriating|draining"
    r"|difficult|miserable|devastating|heartbreaking|grim|rotten|nightmare|shitty|shit|lousy"
    r"|overwhelming|a lot|so much|the pits|too much|sucks|a bummer|pants|bad luck|unlucky"
    r"|shocker|stinker|nightmare)"
)
"""How hard something is, named by the one listening."""

_REFLECTED_NEED: Final = re.compile(
    r"\bso (?:[\w']+ ){0,6}?(?:what )?you need(?: right now| at the moment| most| first)?"
    r"(?: is)?(?: (?:just|really|mostly|sometimes))?"
    r" (?:a (?:bit|little|minute|moment|while|hug|breather|cuddle|rest)|some (?:space|time"
    r"|quiet|peace|rest|room|air|reassurance)|space|time|quiet|peace|rest|(?:half )?an hour"
    r"|a few minutes|me to (?:just )?(?:listen|be there|hear|hold|stay|sit|understand|know|get)"
    r"|to (?:feel|know|be heard|be (?:listened|held|seen|understood|left)|land|decompress"
    r"|unwind|switch off|breathe|vent|be alone|have)|someone|more (?:time|space|rest))\b"
)
"""The person's need said back to them ("so when you get in you need a bit of space to land",
"so what you need is to feel heard"): a reflection, not advice. "so you need to tell your boss"
is advice."""

_OWN_NEXT: Final = r"(?:i|i'm|i've|i'd|i had|my|me|mine|same)\b"
"""After "tell me about it": one's own story next makes it the idiom for "me too"."""

_VALIDATING: Final[list[_Rule]] = _rules(
    "validating",
    [
        _REFLECTED_NEED.pattern,
        r"\b(?:we can|we could|let's|shall we) (?:talk|chat) (?:about it|it through|properly)\b",
        r"\b(?:that|it|this) sounds(?: (?:really|so|pretty|very|quite|incredibly|like))*"
        r"(?: (?:a lot|a lot to carry|\w+))?",
        r"\bsounds (?:really |so |pretty |very |like a )?"
        r"(?:hard|rough|tough|awful|exhausting|stressful|painful|difficult|heavy|frustrating"
        r"|draining|lonely|upsetting|overwhelming|horrible|terrible|scary|hurtful|a lot"
        r"|disappointing|miserable)\b",
        r"\b(?:that|it|you) must (?:be|have been|feel)(?: (?:really|so|pretty|very|such a))?"
        r"(?: \w+)?",
        # "must be hard mate", "aw must have been awful": the same guess with its subject dropped.
        r"^(?:(?:oh|aw|ah|god|gosh|man|mate|babe|love) )*must (?:be|have been|feel)"
        r"(?: (?:really|so|pretty|very|bloody|such))? (?:hard|rough|tough(?! love)|awful|exhausting"
        r"|stressful|painful|difficult|heavy|frustrating|draining|lonely|upsetting|overwhelming"
        r"|horrible|terrible|scary|hurtful|a lot|disappointing|miserable|a nightmare)\b",
        # "that must really sting", "it must have hurt": guessing at the feeling, not fixing it.
        r"\b(?:that|it|this) must(?: have)?(?: (?:really|so|still|have))* (?:sting|stung|hurt"
        r"|ache|ached|suck|sucked|smart|gut|weigh|wear|drain|get to)\b",
        r"\bi know how (?:much|hard|important|badly|long)\b",
        # "you sound fed up", "you seem so low" (not "you look fine").
        r"\byou (?:sound|seem)(?: (?:so|really|completely|totally|pretty|absolutely|quite))?"
        r" (?!fine\b|okay\b|ok\b|alright\b|great\b|like you need\b)\w+",
        r"\bwho wouldn't (?:be|feel)\b|\banyone would (?:be|feel)\b",
        r"\bthank(?:s| you) (?:so much )?for (?:telling|sharing|letting me know|being honest"
        r"|opening up|trusting|saying)\b",
        r"\byou(?:'re| are) allowed to (?:feel|be|cry|grieve|be upset|be angry)\b",
        r"\bi (?:want|'d like|would like|really want) to (?:understand|hear|know) (?:how|what"
        r"|more|why|about|the rest|it all|everything|all of it)\b",
        r"\bi(?:'m| am) (?:still )?(?:here|with you|right here|on your side|listening|all ears"
        r"|so sorry"
        r"|sorry)\b|\bi'm always here\b",
        r"\b(?:it|that) makes (?:total |complete |so much |a lot of |perfect )?sense\b",
        # "that much anger makes sense", "your worry makes total sense".
        r"\b(?:that much|your|all that|the) \w+ makes (?:total |complete |so much |a lot of"
        r" |perfect )?sense\b",
        # Their words said back, then a question that asks for more: "so the holidays feel
        # like something to brace for is it the whole thing", "so you're on call even at home
        # is that how it feels".
        r"^(?:(?:okay|ok|right|yeah|mm|um|oh|hmm|ah) )*(?:so |it's like |it sounds like )"
        r"(?:you(?:'re| are| were| felt| feel| kind of| sort of)|it(?:'s| is| was| feels) like"
        r"|it(?:'s| is| was) the [\w' ]{1,30}? that"
        r"|(?:the|your) [\w']+(?: [\w']+)? (?:feel|feels|felt|left|leaves|leave|made|makes|is|are"
        r"|was|were|comes|come|keeps|keep|hit|hits|hurt|hurts|stung|stings|stay|stays|got|get"
        r"|gets|sit|sits))\b(?=.*\b(?:is (?:that|it)|was (?:that|it)"
        r"|what|which|when|how|do you|does it|are you|did it)\b)",
        # Asking for more of it: "which part stung the most", "what was the hardest moment",
        # "when did you first notice it", "what's been keeping you up".
        r"\b(?:which|what) (?:part|bit|moment|thing)s?\b(?: \w+){0,3}? (?:stung|stings|hurt"
        r"|hurts|was|is|got|gets|stuck|stays|bothers|bothered|upset|hit|hits|worries|scares)\b"
        r"|\bwhat(?: was|'s| is) the (?:hardest|worst|toughest|scariest|saddest)"
        r" (?:moment|part|bit|thing"
        r"|day)\b|\bwhen did you (?:first )?(?:notice|start feeling|start to feel|realise"
        r"|realize|feel)\b|\bhow did you (?:react|cope|take it|manage|handle it|deal with it"
        r"|get through|keep it together)\b|\bif you need to (?:talk|vent|unload|cry|rant"
        r"|offload|let it out)\b"
        r"|\bwhat(?:'s| has| is)(?: been)? (?:keeping you up|going through your"
        r" (?:head|mind)|on your mind|weighing on you|getting to you|worrying you|bothering you)"
        r"\b|\bis it (?:the whole thing|all of it|everything|something)(?: \w+){0,3} or\b"
        r"|\bwhat (?:does|did) (?:\w+ ){0,2}feel like\b|\bwhat makes it (?:hard|harder|worse"
        r"|tough)\b|\bis that (?:how (?:it feels|you feel|it is|it's been)|what it feels like"
        r"|what it's like|close|about right|what you mean)\b",
        r"\bno wonder(?: you're(?: so| feeling)? \w+)?|\bof course you(?:'re| are| feel| would)\b",
        r"\bi (?:can )?(?:hear|see|understand|get) (?:you|that|why|how|it)\b|\bi understand\b",
        r"\bthat's (?:really |so |such |just )?(?:a lot|hard|tough|rough|awful|horrible|unfair"
        r"|heavy|disappointing|painful|frustrating|sad|upsetting|scary|stressful|a lot to carry"
        r"|a hard thing)\b|\bhow awful\b|\bthat is (?:a lot|hard)\b",
        r"\b(?:that's|it's|that is|it is) (?:totally |completely )?(?:okay|ok|alright|fine)"
        r" (?:if|to|not)\b",
        r"\bthat's (?:okay|ok|alright)\b",
        r"\btake (?:all )?(?:your|the) time\b|\bwhenever you're ready\b|\bno pressure\b"
        r"|\bno rush\b",
        # "you don't have to talk tonight"; not "the good news is you don't have to see him".
        r"(?<!news is )(?<!bright side )(?<!plus side )\byou don't (?:have|need) to\b"
        r"|\byou shouldn't have to\b",
        r"\b(?:do you|if you|you) want to (?:talk|tell me)\b"
        rf"|\btell me (?:more|about it(?! {_OWN_NEXT})|what happened)\b"
        r"|(?<!not )\bwhat happened\b|\bhow (?:are|were) you feeling\b|\bwhat was (?:that|it)"
        r" like\b",
        r"\bhow can i (?:help|support)\b|\bwhat do you need\b|\banything i can do\b"
        r"|(?<!you know )\bwhat would help\b",
        r"\bsorry (?:you|that|to hear)\b",
        r"\byou deserve\b|\bi believe you\b|\bi've got you\b|\bi love you\b|\bhug\b"
        r"|\bi (?:didn't|did not) (?:realise|realize|know)\b",
        r"\bi'd feel the same\b|\bi would feel the same\b|\banyone would feel\b",
        r"\bi(?:'d| would) (?:be|feel|have been)(?: so| really| pretty| just as)? \w+(?: too)?"
        r" if\b|\bi(?:'d| would) (?:be|feel|have been)(?: so| really| pretty)? \w+ too\b",
        r"\b(?:that|it|this) must have (?:really |so |totally |completely )?\w+(?:ed|en|t)\b",
        # Not the idiom that means "me too": "tell me about it i had the worst day too".
        rf"\btell me (?:more|about(?! it {_OWN_NEXT})|what|how|everything|all about|why)\b",
        r"\bevery right to\b|\b(?:didn't|don't|did not|do not) deserve\b|\bdeserve better\b"
        r"|\bi(?:'m| am) (?:so |really )?(?:proud of you|glad you (?:told|said|shared))\b"
        r"|\bcan (?:only )?imagine\b|\bhow long have you been\b"
        r"|\bsounds like (?:you|it|that|they|he|she|a)\b"
        r"(?! (?:need|should|could|ought|have to|must)\b)",
        r"\bi (?:completely |totally |really |absolutely |fully |so |can |do )*(?:get|understand"
        r"|see|hear) (?:why|how|that|what|you|it)\b",
        r"\b(?:that|it|this) would (?:make|leave|drive|get to|upset|hurt|scare|annoy|frustrate)"
        r" (?:me|anyone|anybody|most people|everyone)\b|\b(?:that|it|this)(?:'d| would)"
        r" (?:\w+ )?(?:anyone|anybody|most people|everyone)\b|\bwhich makes (?:total |complete"
        r" |so much |perfect )?sense\b|\bgoing on (?:in|inside) your (?:head|mind)\b",
        r"^(?:oh |aw+ |ah )?(?:no|dear|no no|god|my god|gosh|my gosh|blimey|crikey|jeez|heck"
        r"|love|babe|hun|honey|sweetheart|darling"
        r"|mate|ouch|oof|yikes)$|\bouch\b|\boof\b|\byikes\b|\b(?:you )?poor thing\b"
        r"|\bthat's not (?:okay|ok|on)\b|\bbloody hell\b",
        r"\b(?:it's|that's|it is|that is) (?:so |completely |totally )?understandable\b"
        r"|\bcome (?:here|sit with me)\b|\bthat's the worst\b",
        r"\bthat hurts\b|\bthat stings\b|\bthat's so hard\b|\b(?:that|it) (?:really |totally )?"
        r"sucks\b",
        r"\bi can (?:tell|see)\b|\bweighing on you\b|\byou(?:'re| are) carrying\b"
        r"|\bwhatever you need\b",
        # Naming how hard it is, in any words: "that's a horrible thing to go through", "what
        # a rotten week", "that's proper gutting".
        rf"\b(?:that's|that is|that was|it's|it was|what a|such a)(?: (?:a|an|such a|so|really"
        rf"|really a|proper|pretty|just|absolutely|bloody|so so))* {_HARD}\b",
        r"\byou(?:'ve| have) been (?:carrying|holding|dealing with|going through|putting up"
        r" with|juggling|through)\b",
        # Inviting more: "what was the hardest part", "how are you holding up".
        r"\bwhat was (?:the )?(?:hardest|worst|toughest|scariest|most \w+) (?:part|bit|thing)\b"
        r"|\bhow (?:did|does|do) (?:that|it|you) (?:feel|make you feel)\b|\bhow are you"
        r" (?:holding up|doing|coping|feeling)\b"
        r"|\b(?:is|does|are|has) (?:it|that|your \w+)(?: been)? (?:still )?(?:hurting|aching"
        r"|sore|paining|painful|bad|bothering you)\b|\bwhat(?:'s| has| was) (?:that|it) (?:been )?"
        r"like\b|\bdo you want to (?:talk|vent|tell)\b|\bwant to talk\b|\bi(?:'m| am) all"
        r" yours\b|\bi get why\b|\bi can (?:imagine|understand)\b|\bthat would (?:hurt|upset"
        r"|sting|make anyone)\b",
    ],
)
_INTERJECTIONS: Final = (
    r"(?:oh|ah|aw|ugh|urgh|haha|ha|hah|lol|omg|god|yeah|yep|yes|honestly|man|mate|dude|um|uh|er"
    r"|so|well|totally|literally|same|yaar|na|arre|ya|bro|hey|wow|ooh|ohh|oof|right|mm|hmm)"
)
_MUST_FEEL: Final = (
    r"(?:be|feel|have been|have felt)(?: (?:so|really|absolutely|completely|pretty|just))?"
    r" (?:gutted|devastated|exhausted|heartbroken|crushed|shattered|drained|knackered|tired"
    r"|worn out|wiped|furious|angry|livid|upset|hurt|sad|lonely|scared|frightened|terrified"
    r"|worried|anxious|stressed|overwhelmed|disappointed|frustrated|fed up|miserable"
    r"|embarrassed|humiliated|sick of|so proud|proud|relieved|confused|lost|in pain|sore"
    r"|feeling|reeling|wondering)\b"
)
"""After "you must": a guess at how they feel ("you must be gutted"), not an instruction."""
_MUNDANE: Final = (
    r"(?:tea|dinner|lunch|breakfast|supper|food|eat|eating|bins?|milk|bread|shopping|remote"
    r"|keys|car|petrol|washing|laundry|dishes|telly|tv|match|game|footy|weather|leaving"
    r"|parcel|post|takeaway|pizza|kettle|charger|wifi|netflix|bills?|groceries|dog|cat"
    r"|recycling|hoover|garage|lawn|oven|pick up|picking up|school run)"
)
"""Household things a subject-changing question is about."""
_BRUSH_OFF: Final = (
    r"(?:ok|okay|k|fine|sure|alright|all right|right|cool|yeah|yep|yup|noted|got it|mm|mhm"
    r"|mm hmm|uh huh|hmm|whatever|if you say so|good to know|oh well|so|and|mm|m|mmm|yeah yeah"
    r"|right then|okay then|ok then|cheers|nice|wow|great|sure sure|and what|what about it"
    r"|righto|rightio|yeah nah|nah yeah|no worries|fair enough)"
)
_REPLY_PROBLEMS: Final[list[_Rule]] = [
    *_rules(
        "dismissing",
        [
            # A reply that is only a brush-off: "ok", "fine", "mm hmm", "ok whatever".
            rf"^{_BRUSH_OFF}(?: {_BRUSH_OFF})*(?: then)?$",
            r"^(?:oh |aw )?(?:poor you|poor baby|diddums)$|^(?:\w+ )?anyway(?:s)?$",
            r"\bwhatever\b(?! (?:you need|happens|helps|you want|you decide|it takes|you feel"
            r"|is going on|you're feeling|comes up))",
            r"\bcan we (?:not|skip|drop|leave)\b|\bcan we (?:do|talk about) (?:this|it|that)"
            r" (?:later|another time|tomorrow)\b",
            r"\blet's (?:not|drop it|leave it|skip it)\b|\blet's (?:do|talk about) (?:this|it"
            r"|that) (?:later|another time|tomorrow)\b",
            r"^not (?:now|tonight|right now|again|this again)\b|\bnot this again\b",
            r"\bi (?:don't|do not) (?:want|have time|need) to (?:hear|talk about|deal with"
            r"|get into|go into|do this)\b|\bi (?:don't|do not) have (?:time|the energy) for"
            r" (?:this|that)\b",
            r"\bhere we go again\b|\bit is what it is\b|\bit's what it is\b",
            r"\b(?:so what(?! (?:you|i|we|he|she|they|did|does|do|happened|was|is|would|could|if"
            r"|helps|made|makes|kind|sort)\b)|who cares|big whoop|not my problem"
            r"|that's your problem)(?![\w'])",
            r"\b(?:anyway|anyways) (?:what's|what is|did you|can you|i|we|let's|so|when|when's"
            r"|where|where's|who|who's|have you|has|is|are|do|does|shall)\b",
            # A question about something ordinary instead of an answer: "okay um what do you
            # want for tea", "mm have you seen my keys", "right is there any milk left". Not
            # when it turns to them: "do you want a cup of tea and we can talk about it".
            rf"^(?!.*\b(?:talk|chat|feel|feeling|sorry|happened|(?:you|you're) (?:okay|alright)"
            rf"|upset|hurt|sounds|hug|love)\b)(?:(?:{_INTERJECTIONS}|{_BRUSH_OFF}|anyway|anyways"
            r"|uh huh|mm hmm|um|uh|erm) )*(?:(?:what|when|where) (?:do|does|did|is|are|time's|time"
            r"|shall|should|will|can|about)|what's|when's|where's|did|have|has|is|are|can|could|do|does|shall"
            r"|will|should|would|any|is there)\b(?: [\w']+){0,8}?"
            rf" {_MUNDANE}\b",
            # Changing the subject: "right so what's for dinner", "did you see the match".
            r"^(?:right |ok |okay |so |anyway |oh )*(?:so )?(?:what's for (?:dinner|tea|lunch)"
            r"|did you see|have you seen|what time|where's the|speaking of|by the way|moving on"
            r"|on another note|changing the subject)\b|\b(?:talk about|change the subject to)"
            r" something else\b|\bchange the subject\b|\bwhat's for (?:dinner|tea)\b",
            # Sarcasm: "oh boo hoo", "cool story", "what a tragedy", "and".
            r"\bboo hoo\b|\bcool story\b|\bwhat a tragedy\b|\bcry me a river\b"
            r"|\bworld's smallest violin\b|\bsob story\b|\bfirst world problems?\b"
            r"|\bdrama queen\b|\bhere we go\b|\byeah yeah\b|\bheard it all before\b"
            r"|\bnot again\b|\bsounds like a you problem\b|\bdeal with it\b",
            r"\b(?:and|so|what's) your point\b|\bwhat's the point\b|\bbig drama$"
            r"|\bdrama\b|\bso dramatic\b",
            r"\bwe'll talk (?:later|tomorrow|about it later)\b|\bnot the time\b|\bdiddums\b",
            r"^(?:(?:so|oh|um|uh|right|anyway|ok|okay|mm) )*are we still (?:going|on|doing|meeting"
            r"|having)\b",
            r"\bis that the time\b|\bi (?:need|have|'ve got|got) to (?:get going|run|dash|head"
            r" off|crack on|get off)\b(?!.*\b(?:but|and) (?:i want to|i'd like to|i'll|can we"
            r"|we can|let's|i'm (?:here|listening))\b)",
            # Pity as mockery: "oh poor you must be so hard having a cleaner", "what a hard
            # life you lead", "must be tough being you". Not "you poor thing that must have
            # been so hard".
            r"\b(?:must be (?:so |really )?(?:hard|tough|awful|terrible|rough|difficult)|poor"
            r" (?:you|thing|baby|darling|love)|what a (?:hard|tough|terrible|rough) life)"
            r"(?: [\w']+){0,6} (?:spa|cleaner|holiday|holidays|massage|lie ins?|maid|nanny"
            r"|cruise|first class|bonus|butler|chef|pool|yacht|beach|day off|days off)\b",
            r"\bwhat a (?:hard|tough|terrible|rough|difficult) life(?! (?:you've|she's|he's"
            r"|they've) had)\b|\bmust be (?:so |really )?(?:tough|hard|awful) being you\b"
            r"|\bmy heart bleeds\b",
            # Handing it back as a burden: "ok and what do you want me to do about it".
            r"\bwhat (?:do you want|am i supposed|do you expect me|am i meant)(?: me)? to"
            r" do about (?:it|that|this)\b|^(?:ok|okay|right|fine|so) and(?: so| what)?$",
        ],
    ),
    *_rules(
        "defending",
        [
            # An excuse or the context instead of their feeling: "i didn't forget exactly i had
            # the whole audit thing going on", "i was going to do it i just ran out of time",
            # "well somebody has to pay the bills so", "the kids don't feed themselves".
            r"\bi (?:didn't|did not|never|wasn't|was not) (?:exactly |really |actually )?"
            r"(?:forget|forgot|ignore|ignoring|avoid|avoiding|shouting|having a go|late|angry"
            r"|snapping|trying to|leave|leaving|miss|plan|planning)\b",
            r"\bi(?:'ve| have)? (?:had|got|have|'ve got) (?:a lot|loads|so much|too much|a million"
            r" things|the whole [\w' ]{1,25}? thing|this whole [\w' ]{1,25}? thing|a (?:lot|ton)"
            r" of (?:stuff|work|things))(?: \w+){0,2} (?:on|going on|to do)\b",
            r"\bi was (?:going to|gonna|about to|planning to|meaning to) (?:do|get|sort|call"
            r"|text|tell|say|ring|fix|book|ask)\b|\bi (?:just )?ran out of time\b"
            r"|\bi only \w+(?: \w+)? because\b|\bi (?:just )?got (?:swamped|busy|caught up"
            r"|distracted|tied up|held up|side ?tracked|slammed|snowed under)\b"
            r"|\bi meant to (?:\w+ ){0,3}(?:but|i just)\b",
            r"\b(?:somebody|someone|one of us)(?: has|'s got| needs| have) to (?:pay|earn|work"
            r"|bring in|keep|do|make|put food|cook|clean)\b|\b(?:don't|won't|doesn't)"
            r" (?:feed|raise|pay|clean|wash|look after|cook|sort) (?:themselves|itself)\b",
            r"\bthat's (?:just )?(?:how|the way|what) (?:he|she|they|your \w+|my \w+)"
            r" (?:is|are|talks|talk|does|do|says|say|jokes|was|speaks)\b"
            r"|\bthat's (?:just )?(?:his|her|their) (?:way|sense of humou?r|humou?r|personality"
            r"|nature|manner|style|thing)\b",
            r"(?<!if )\b(?:he's|she's|they're|he is|she is|they are) (?:just |only )?like that"
            r" (?:with|to) (?:everyone|everybody|all of us|people)\b"
            r"|(?<!if )\b(?:he|she|they) (?:does|do|says|say|talks|talk|is|are) (?:\w+ ){0,2}"
            r"(?:to|with) (?:everyone|everybody)\b",
            r"\b(?:he|she|they|your \w+)(?: wasn't| isn't| was not| is not|'s not| weren't|'re not"
            r"| aren't) (?:being |trying to be )?(?:rude|cold|mean|nasty|horrible|off|difficult"
            r"|unkind|funny|serious|arsey|short with you)\b"
            r"|\b(?:he's|she's|they're) (?:just|only) (?:shy|awkward|quiet|blunt|direct|nervous"
            r"|old fashioned|tired|stressed|like that)\b",
            r"\bi (?:didn't|did not|never) (?:do|did|say|said|mean|meant|even|touch|ask|tell"
            r"|start|do anything)\b",
            r"\bi (?:wasn't|was not) (?:even|the one|trying|being|there|rude)\b",
            r"\bthat's not (?:my fault|true|fair|what i)\b|\bthat is not (?:my fault|true|fair)\b",
            r"\bnot my fault\b|\bwasn't my fault\b|\bit wasn't me\b|\bisn't my fault\b",
            r"\bdon't blame me\b|\b(?:are you|you're) blaming me\b"
            r"|\bwhy are you (?:blaming|mad at|angry at|yelling at|upset with) me\b",
            r"\bwhat did i do\b|\b(?:so )?(?:now )?it's my fault\b|\bit's not like i\b"
            r"|\bhow is (?:that|this) my (?:fault|problem)\b",
            r"\bi was (?:only|just) (?:trying|asking|saying|joking|being)\b",
            r"\bi (?:already|always) (?:do|did|help|try|said|told)\b|\bi've been trying\b"
            r"|\bi do (?:everything|so much|my best|a lot)\b",
            r"\bbut i (?:do|did|was|always|try|tried|have|told|said|asked|had|am|'m|never)\b",
            r"\bdon't take it out on me\b|\btaking it out on me\b",
            r"\bi was (?:there|right there)(?: too)?(?: and)\b",
            # Circumstance as the answer: "i had back to back meetings and nobody reminded
            # me", "i was driving what was i supposed to do", "after everything i do for this
            # family", "i literally did the bins".
            r"\bi (?:cook|clean|tidy|work|do|pay|drive|wash|hoover|iron|shop)(?: [\w']+){0,3}"
            r" (?:every (?:single )?(?:night|day|morning|week|weekend)|all the time|all day"
            r"|constantly)\b",
            r"\bi was (?:so |really |just |absolutely |literally |actually |only )?(?:knackered"
            r"|exhausted|shattered|tired"
            r"|working|stressed|sick|ill|asleep)\b(?! too\b| as well\b)|\bwhat do you expect\b",
            # "i was the one who booked the whole holiday", "you're the one who said it didn't
            # matter" ("i'm the one who has to pack" is a burden of one's own: self-focus).
            r"\bi was(?: \w+)? the one (?:who|that) (?:did|booked|paid|organised|organized"
            r"|planned|sorted|cooked|cleaned|drove|picked|remembered|asked|said|made|took)\b"
            r"|\byou(?:'re| are| were) the one (?:who|that) (?:said|told|wanted|asked|started"
            r"|chose|decided|forgot|didn't|never|cancelled)\b",
            r"\bwhat (?:was|am|were) i (?:meant|supposed|expected|going) to do\b(?! about\b)"
            r"|\bwhat (?:did|do) you (?:want|expect) me to do\b(?! about\b)",
            r"\bafter (?:all|everything)(?: that)? i(?:'ve| have)? (?:do|did|done|give|gave"
            r"|given(?: up)?|gave up|give up|sacrifice|sacrificed|put up with)\b"
            r"|\bhow can you say that\b",
            r"\bi (?:literally|already|only just) (?:did|cooked|cleaned|washed|tidied|hoovered"
            r"|paid|took|picked|made|bought|sorted|emptied|walked|fed|changed|fixed|said|asked"
            r"|told)\b",
            r"\bi (?:wasn't|was not) to know\b|\bhow (?:was|am) i (?:to|supposed to|meant to)"
            r" know\b|\bi (?:had|have) no (?:choice|option|say in it)\b",
            r"\byou (?:didn't|did not|never) (?:say|said|tell me|told me|mention|mentioned|ask"
            r"|asked)(?: me)?(?: that)? you (?:wanted|needed|would|'d)\b",
            r"\byou (?:didn't|did not|never) (?:tell|told|say|said|mention|mentioned|remind"
            r"|reminded)(?: me)?(?: that)? (?:it|this) (?:was|is|mattered|would)\b",
            r"\b(?:nobody|no one) (?:told|reminded|said|mentioned|warned|asked) (?:me|us|it"
            r"|that|anything)\b",
            r"\bi (?:was|got|'d been|had been) (?:stuck|held up|tied up|caught up|driving|at work"
            r"|in a meeting|on a call|on the road|working late)\b|\bi had (?:back to back"
            r"|a (?:meeting|deadline|call|shift)|meetings|a lot of work)\b",
            r"\bi(?:'m| am| was) only (?:\w+ ){0,3}?because\b(?<!asking because)"
            r"(?<!saying this because)(?<!saying because)"
            r"|\bi can't (?:just )?(?:switch off|turn it off|ignore (?:it|them|work)"
            r"|drop everything|leave (?:work|it))\b",
            # Justifying with what one did: "i did ask", "but i did tell you" (the emphatic
            # "did" contradicts), and turning it round: "you never replied".
            r"(?:^|\b(?:but|well|no|yes|yeah|hey|and) )i did (?!not\b|nothing\b)\w+",
            r"\byou (?:never|didn't|did not|don't|do not|wouldn't)(?: even| ever)? (?:reply|replied"
            r"|answer|answered|respond|responded|text back|call back|called back|pick up|picked up"
            r"|read (?:it|them|my)|check your|listen when|get back to me)\b",
            r"\b(?:if you'd|if you had|you could have|you could've) (?:just )?(?:told|asked|said"
            r"|answered|replied|checked)\b",
            # Taking the other side: "he probably meant well", "to be fair your mum was only
            # trying to help", "i'm sure she had her reasons".
            r"\bmeant? (?:well|no harm|nothing by it)\b|\bmeans well\b"
            r"|\b(?:didn't|did not|doesn't|never) mean (?:it|to|anything|that|any harm|you)\b",
            r"\bto be fair\b|\bin (?:his|her|their|fairness)(?: defence| defense)?\b"
            r"|\bplay(?:ing)? devil's advocate\b",
            r"\b(?:he|she|they|your \w+) (?:was|were|is|are|'s|'re)(?: \w+)? (?:just|only)"
            r" (?:trying|being|doing|looking|joking)\b",
            r"\b(?:he|she|they|your \w+)(?: was| were| is| are|'s|'re| must have been| might have"
            r" been)(?: probably| just| only| maybe| obviously| really)+ (?:worried|tired|stressed"
            r"|busy|joking|teasing|nervous|concerned|protective|looking out|under (?:a lot of )?"
            r"pressure|having a (?:bad|rough|hard) day|being honest|being careful|scared"
            r"|trying|upset|hurt)\b",
            r"\b(?:has|have|'s got|'ve got|got) a (?:fair |good |valid )?point\b|\b(?:he's|she's"
            r"|they're|your \w+ is|they are) (?:not wrong|right)\b",
            r"\b(?:had|has|have) (?:his|her|their|your|my) (?:reasons|side|own reasons)\b"
            r"|\bfrom (?:his|her|their) (?:side|point of view|perspective|end)\b"
            r"|\b(?:his|her|their) side of (?:it|things|the story)\b|\bthere are two sides\b"
            r"|\bcan you blame (?:him|her|them)\b|\bi can see (?:his|her|their) point\b",
            r"\b(?:it|that) (?:wasn't|was not|isn't|is not) (?:even )?(?:my|me) (?:idea|choice"
            r"|call|decision|fault|plan)\b|\bnot my (?:idea|choice|call|decision)\b",
            r"\bthat's not (?:what|how) (?:happened|it happened|it was|it went)\b"
            r"|\bthat's not how i remember\b|\bi was (?:just|only) being\b"
            r"|\bi said i(?:'d| would)\b|\bi told you i\b|\bi did (?:say|tell)\b",
        ],
    ),
    *_rules(
        "self_focus",
        [
            r"\bme too\b|\bsame here\b|\bwhat about me\b|\bme neither\b",
            # Sameness said first, then one's own story: "oh same yaar my knee ...", "haha
            # same i cried ...", "snap my manager did that". Not "same old boss", "same as
            # always": those are about their side.
            rf"^(?:{_INTERJECTIONS} )*(?:same|ditto|likewise)\b(?! (?:old|as|again|time|pain)\b)"
            rf"|^(?:{_INTERJECTIONS} )*snap(?= (?:i|i'm|i've|my|me|mine|same)\b)",
            # An ailment of one's own in reply to theirs: "my knee has been paining since
            # monday", "my stomach is also paining", "my legs are killing me".
            r"\bmy (?!(?:god|gosh|goodness|lord|word|heart|love|darling)\b)(?:\w+ )?"
            r"(?!heart\b)\w+(?:'s| is| are| was| were| has been|'s been| have been| keeps"
            r"| has| have)?(?: also| too| as well| still| really| so)? (?:paining|aching|killing me"
            r"|hurting|sore|playing up|acting up|throbbing|in bits)\b",
            r"\bmy (?!(?:god|gosh|goodness|lord|word|heart|love|darling)\b)(?:\w+ )?"
            r"(?!heart\b)\w+ (?:is|are|was|were|has|have|'s) also\b",
            r"\bi (?:haven't|didn't|don't|can't|couldn't) \w+(?: \w+)? either\b",
            r"\b(?:i|me|my) (?:(?!you\b|your\b|you're\b)[\w']+ ){1,6}either$",
            r"\byou think (?:that's|this is|yours is) bad\b|\blisten to (?:my|this)\b"
            r"|\bwait (?:till|until) you hear\b",
            r"\bi(?:'m| am)(?: (?:so|really|pretty|just|also|kind of|a bit))?"
            r" (?!here\b|sorry\b|with\b|glad\b|happy\b|proud\b|listening\b|in\b)\w+(?: out)?"
            r"(?: \w+)? too\b",
            r"\bi (?:had|have|have had|'ve had) (?:a |an )?(?:way )?(?:worse|harder|bad|tough"
            r"|long|rough|awful|terrible|horrible|crazy) (?:day|week|time|month|night|year)\b",
            r"\bmy (?:day|week|boss|work|job|back|mom|mother|dad|father|family) (?:was|is|has"
            r"|called|keeps|hurts)\b",
            r"\btry being me\b|\bimagine how i feel\b|\bhow do you think i feel\b",
            r"\byou think you(?:'ve| have)? (?:got it|had it) (?:bad|hard|rough)\b",
            r"\bi(?:'ve| have) got (?:my own|enough)\b|\bi have my own\b"
            r"|\bmy own (?:stress|problems|stuff|worries|issues)\b|\bmy (?:day|week|month)(?:'s|"
            r" has| was) been\b|\bi (?:don't|didn't) feel like \w+ either\b"
            r"|\bi(?:'m| am) the one who\b",
            r"\bi feel the same\b|\byou're not the only one\b|\bwelcome to my world\b"
            r"|\bjoin the club\b|(?<!if )\bthat happened to me\b|\blet me tell you about my\b"
            r"|\bthat reminds me of (?:when i|my)\b|\bi know exactly how you feel i\b",
            # "i get it, i feel lonely too", "i've been stressed out of my mind too"
            r"\bi(?:'ve| have| had)? (?:feel|felt|get|got|been|was|am|'m)(?: \w+){0,5}"
            r" (?:too|as well)\b(?<!love you too)(?<!for you too)",
            r"\b(?:that's|that is|it's|it is|this is)(?: just| exactly)? like (?:when|the time"
            r"|that time) (?:i|my|we)\b",
            r"\b(?:that|this|it) reminds me\b|(?<!if )\bsame (?:thing )?(?:happened|happens) (?:to"
            r"|with) me\b|(?<!if )\bthe same (?:thing )?happened to me\b",
            r"\byou should(?:'ve| have) seen (?:my|me|what i)\b|\bi(?:'ve)? had (?:that|this"
            r"|the same)\b|\b(?:way|much|far|even) worse\b|\bthat's nothing\b",
            # "i've been feeling exactly like that since christmas", "i also feel homesick",
            # "my team has been a nightmare as well", "i went through something similar".
            r"\bi(?:'ve| have)? (?:been )?(?:feeling|felt|feel) (?:exactly |just )?(?:like that"
            r"|that way|the same|the exact same)\b(?! (?:when|if|would)\b)",
            # "i've had a shocker of a week myself"
            r"\bi(?:'ve| have)? (?:had|been|got)\b(?: [\w']+){1,6} myself\b",
            r"\bi (?:also|too) (?:feel|felt|get|got|am|was|have|had|miss|missed|struggle"
            r"|struggled|hate|find|found|used to)\b|\bi(?:'m| am) also (?!here\b|sorry\b"
            r"|with you\b|listening\b|glad\b)\w+",
            r"\bmy (?!(?:god|gosh|goodness|lord|word|heart|love|darling|door)\b)(?:\w+ ){1,2}"
            r"(?:has|have|is|are|was|were|'s)(?: been)? (?:\w+ ){0,5}(?:too|as well)\b",
            r"\bi (?:went|'ve been|have been|was) through (?:the same|something (?:similar|like"
            r" that|like this)|exactly that|the exact same)\b|\bfor me it was\b"
            r"|\bsomething similar happened to me\b",
            r"\bi (?:felt|feel|was) (?:exactly )?the same(?: way)?\b|\bsame with me\b"
            r"|\bsame for me\b|\bme as well\b",
            r"\bi(?:'m| am|'ve| have|'ve been| had| was|'ve had)(?: \w+){0,5}"
            r" (?:too|as well|also)\b"
            r"(?<!love you too)(?<!for you too)(?<!with you too)(?<!about you too)",
            r"\bmy (?:\w+ )?(?:\w+ )?(?:does|did|is|was|has|had|said|says|keeps) (?:\w+ ){0,3}"
            r"(?:the (?:exact )?same|that too|that as well|this too)\b|\bthe exact same (?:thing|to"
            r" me)\b",
            r"\bmy (?:\w+ ){1,2}(?:used to |would |always |also )?(?:do|did|does|say|said|says)"
            r" (?:exactly |just |the exact )?(?:that|this|the same)\b",
            # "i totally get it i cried at work on tuesday": a story of one's own after "i get
            # it", with no "you" in it (not "i know i hurt you").
            r"\bi (?:totally |completely |so |really )?(?:get it|know|understand|hear you)"
            r"(?: (?:honestly|mate|love|yeah|though))? i (?:\w+ed|went|had|got|lost|broke|felt"
            r"|was)\b(?!.*\byou)",
            r"\bwhen i was (?:in|at|your|going|your age|younger)\b|\bthis one time i\b"
            r"|\blet me tell you about\b",
            r"\bmine (?:was|is|has been|'s been|were)\b|\bmine too\b|\bstory of my life\b"
            r"|\bdon't (?:talk to me|get me started) (?:about|on)\b"
            r"|^(?:oh |ugh |god |yeah |man )*tell me about it\b"
            r"|(?<!if that )(?<!if it )(?<!if this )\b(?:happened|happens) to (?:my|me)\b|\bi had"
            r" the (?:exact )?same\b"
            r"|\bthe exact same (?:thing )?(?:happened|with me|as me)\b|\bi know the feeling\b"
            r"|\bi(?:'ve| have) been there\b",
        ],
    ),
    *_rules(
        "minimising",
        [
            r"\b(?:it's|it is|that's|that is|it|that) not (?:that|so|as) bad\b|\bnot that bad\b",
            r"\b(?:no|not a|not such a) big deal\b|\bbig deal\b",
            r"\bat least\b",
            r"\b(?:don't|do not) (?:worry|stress|be (?:so |sad|upset|silly|dramatic))\b",
            r"\bcould(?:'ve been| have been| be)(?: a lot| much| way| so much| far| heaps| loads"
            r"| lots| a heap)? worse\b|\bthere are"
            r" worse\b|\bworse things\b",
            r"\bit's nothing\b|\bit's fine\b(?! (?:if|to|not))|\bit's all good\b",
            r"\byou're fine\b",
            r"\bcheer up\b|\bbright side\b|\bcalm down\b|\brelax\b|\bchill\b",
            r"\boverreact\w*\b|\btoo sensitive\b",
            r"\bget over it\b|\bmove on\b|\bshake it off\b|\blet it go\b",
            r"\b(?:everyone|everybody|we all|all of us) (?:has|have|goes|go|feels|feel|gets|get"
            r"|deals|deal)\b|\bhappens to everyone\b|\bit happens\b",
            r"\b(?:lots of|plenty of|so many|most) people\b|\bit's (?:normal|just normal)\b"
            r"|\bmeans well\b|\bdidn't mean (?:it|anything)\b",
            r"\bstop worrying\b|\bit'll (?:all )?(?:pass|be fine|be okay|blow over|go away"
            r"|sort itself out)\b|\btry not to (?:think|worry|dwell|let it)\b"
            r"|\byou(?:'re| are) lucky\b|\bcount your blessings\b|\bbe thankful\b"
            r"|\b(?:wasn't|isn't|not|wasn't really) (?:that|such a|so) big (?:a|of a)\b"
            r"|^no worries\b",
            r"\bit's (?:just|only) (?:a|one|work|money|stress|your)\b",
            r"\byou knew (?:it|the|that|what)\b|\bwhat did you expect\b|\bthat's life\b"
            r"|\bthat's just how it is\b",
            r"\byou'll (?:get|find|be over|forget|have forgotten|feel better|bounce back)\b"
            r"|\bthere's always next\b"
            r"|\bi'm sure it'll\b|\bin no time\b",
            r"\b(?:you'll|you will|she'll|it'll) be (?:fine|okay|ok|alright|all right|right|sweet"
            r"|grand)\b|\byou'll live\b",
            r"\b(?:reading|making|thinking) (?:way |far |a bit |too )*(?:too much|so much)"
            r" (?:into|of)"
            r"\b|\btak(?:e|ing) it (?:too|so) (?:personally|seriously|hard)\b|\bnot that big a\b",
            r"\boverthink\w*\b|\bno (?:need|point) (?:to|in) (?:get|getting|be|being|worry"
            r"|worrying|stress|stressing)\b|\b(?:worked|wound) up\b",
            r"\b(?:it'll|it will|things will|everything will|it all|it'll all|things'll) (?:all )?"
            r"(?:work out|sort (?:itself|themselves) out|be (?:fine|okay|alright|all right)"
            r"|come good|turn out)\b|\bworks out in the end\b",
            r"\bit's (?:just|only) (?:one|a|an|some|the)\b|\bonly one\b|\bthese things happen\b"
            r"|\bno biggie\b|\bnot a big thing\b|\bmountain out of\b|\bmaking a fuss\b"
            r"|\bdon't (?:sweat|fret|dwell|let it get to you|think about it)\b"
            r"|\bworse things happen\b|\byou'll laugh about\b|\bnothing to (?:worry|cry|get)\b",
            # The "at least" move in other words: "on the plus side", "but he had a good long
            # life", "i wouldn't read into it".
            r"\bon the upside\b|\bon the (?:plus|bright|upside|positive|good) side\b"
            r"|\bthe (?:good|bright)"
            r" (?:news|side) is\b|\bsilver lining\b|\b(?:he|she|they|it|you)(?:'d| had| has"
            r"|'s had| have had)(?: a)?(?: good| long| full| great| happy| lovely| decent| good"
            r" long)+ (?:innings|life|run|age|time)\b",
            r"\bi wouldn't (?:worry|read (?:too much |anything )?into it|stress|take it"
            r" personally|think (?:too much )?about it|let it get to you|dwell)\b",
            r"\bnot like (?:anyone|anybody|someone|somebody) (?:died|got hurt|is dying)\b"
            r"|\bnobody died\b|\bblessing in disguise\b|\bhappens for a reason\b"
            r"|\b(?:it's|it was|it's all) (?:all )?for the best\b",
            r"\bnot the end of the world\b|\bdon't take it personally\b"
            r"|\b(?:think|stay) positive\b|\bbe grateful\b"
            r"|\blook on the (?:bright|positive|good) side\b",
        ],
    ),
    *_rules(
        "fixing",
        [
            r"(?<!if )\byou (?:should|ought to|need to|have to|could just|can just|just need to"
            rf"|'ve got to|gotta|must(?! {_MUST_FEEL})|could try|might want to|'d better)\b",
            r"\bwhy (?:don't|do not) you\b|\bwhy not (?:just )?\w+\b",
            r"\bmaybe (?:you )?(?:try|just|give|ring|call|text|book|ask|take|get|go|have|write"
            r"|see|speak|start|put|look|sleep|sit|wait|leave|think about|let|stop|pop|head|grab"
            r"|you (?:could|should|need))\b"
            r"|\b(?:what's|here's) the plan\b"
            r"|\b(?:let's|we should|we can) (?:make|come up with|work out) a plan\b"
            r"|\bthe plan is\b",
            r"(?<!whatever )(?<!if )\byou need (?:a|an|to|some|more)\b",
            r"(?<!can't )(?<!cannot )(?<!couldn't )\bjust (?:ignore|tell|quit|relax|go|take|do"
            r"|stop|let|get|say|try|call|block|leave|forget|sleep|rest|talk|ask|don't|move|find"
            r"|change|switch|look|put|hang|mute|turn|send|write|book|start|make|buy|cook|join"
            r"|use|delete|unfollow|set|give|have|eat|drink|walk|chuck|throw|pull|bail|skip|ditch"
            r"|drop|cancel|dump)\b|^just \w+",
            # The fix as a plan: "let's make a list", "make a budget", "problem solved".
            r"\b(?:make|write|draw up|do|set up|put together|come up with|start) (?:a|an|the"
            r"|some) (?:list|plan|budget|rota|schedule|spreadsheet|timetable|to do list|routine"
            r"|chart|system|action plan)\b|\blet's (?:figure|work) (?:out|it out)\b"
            r"|\bfirst thing (?:tomorrow|in the morning|monday)(?: \w+)? (?:call|ring|email|text"
            r"|go|book|tell|ask|get|write|send)\b|\bfigure"
            r" out what you\b|\bproblem solved\b|\bsorted$|\bjob done\b"
            r"|\bhow about we (?!(?:just )?(?:talk|chat|sit|have a (?:cuddle|hug|chat)|cuddle"
            r"|hug)\b)",
            r"\bhave you (?:tried|thought about|considered|spoken to|talked to|asked|told|called"
            r"|rung|contacted|emailed|looked into|checked)\b|\byou know what (?:would|might|will"
            r"|could) help\b|\bwhat (?:would|might) help is\b|\b(?:step one|first step|step 1)\b"
            r"|\btry (?:to|not to|talking|telling"
            r"|asking|taking|going|getting|being|doing|setting|saying)\b",
            r"\bif i (?:were|was) (?:you|in your (?:shoes|position|place))\b"
            r"|(?<!want to )(?<!we could )(?<!let's )\b(?:get|take|go for) (?:an early night"
            r"|a bath|a nap|some sleep|some rest|a break|a day off|a walk|some fresh air"
            r"|a holiday)\b"
            r"|\bif i were you\b|\bthe (?:solution|answer|fix) is\b|\bmy advice\b"
            r"|\bwhat you (?:need|should|have) to do\b|\bhere's what\b|\bwhat you need is\b",
            r"\bi (?:think|suggest) you\b|\bi'll (?:fix|sort|call|talk to|tell) (?:it|her|him"
            r"|them|your)\b",
            r"\bwe (?:need|should|have) to\b|\bwe need a\b|\bi'll (?:make|set up|write|book"
            r"|handle|deal with)\b",
            r"^(?:just |please )?stop \w+ing\b",
            r"\byou could (?:always |just |maybe |easily )?(?!have\b|be\b|feel\b|tell me\b"
            r"|talk to me\b)\w+\b|\bwhat if you\b(?! (?:never|don't|can't|aren't|didn't)\b)"
            r"|\bhow about (?:you|trying|\w+ing)\b"
            r"|\b(?:best|the best) (?:thing|bet|idea) (?:is|would be|to)\b|\bthe trick is\b"
            r"|\byou(?:'ve| have) got to\b|\byou(?:'d| would) be better off\b"
            r"|\b(?:it|that) (?:might|would|could|'d|'ll) help (?:to|if)\b",
            r"^(?:maybe |perhaps )(?:just )?(?:download|get|go|try|book|call|ring|text|email|write"
            r"|see|talk|ask|tell|take|look|find|start|stop|join|sign|sleep|leave|quit|buy|put"
            r"|speak|have|make|do|set)\b",
            # After a pet name, an instruction: "that's a shocker love ring your mum".
            r"\b(?:love|babe|mate|hun|honey|darling|sweetheart|yaar|bro|dude) (?:ring|call|text"
            r"|tell|ask|go|get|take|book|try|just|quit|leave|block|email|write|see|talk to)\b"
            r"|\b(?:she|he|they)(?:'ll| will) know what to do\b",
            r"(?:^|\b(?:but|so|just|then|and) )(?:download|book|ring|text|email|write|speak to"
            r"|sign up|look into|apply|go see|go and see|report|complain)\b",
            r"^(?:quit|tell (?!me\b)|ignore|block|call|leave|get|ask|talk to|go to|look for|find"
            r"|take (?!your time|the time|all the time))\b",
        ],
    ),
]


def _validating_phrases(text: str) -> tuple[Finding, ...]:
    found = [
        Finding("validating", m.group(0).strip(), m.start())
        for rule in _VALIDATING
        for m in rule.pattern.finditer(text)
    ]
    return tuple(sorted(found, key=lambda f: f.at))


@dataclass(frozen=True, slots=True)
class ReplyCheck:
    validating: tuple[Finding, ...]
    """The validating phrases found, in the order they were said."""
    problems: tuple[Finding, ...]
    """In :data:`PROBLEM_ORDER` (one per category)."""

    @property
    def verdict(self) -> Verdict:
        if self.problems:
            category = self.problems[0].category
            for v in PROBLEM_ORDER:
                if v == category:
                    return v
        return "validating" if self.validating else "unclear"

    @property
    def main(self) -> Finding | None:
        if self.problems:
            return self.problems[0]
        return self.validating[0] if self.validating else None


_FIRST_PERSON: Final = frozenset(_words("i i'm i've i'd i'll me my mine myself"))
_SECOND_PERSON: Final = frozenset(_words("you you're you've you'd you'll your yours yourself ya u"))
_OWN: Final = frozenset(_words("me my mine myself"))


def _own_story(text: str) -> Finding | None:
    """A reply that tells a story of the speaker's own and never turns to the partner: no
    "you" at all, the speaker three times or more, something of theirs ("my nani", "for me").
    "i still think about my nani every day it never goes away for me" answers a loss with
    another loss. Only used when nothing else was heard, validating or not."""
    words = text.split()
    if any(w in _SECOND_PERSON for w in words):
        return None
    mine = [i for i, w in enumerate(words) if w in _FIRST_PERSON]
    if len(mine) < 3 or not any(words[i] in _OWN for i in mine):
        return None
    # Name the clause that brings in something of theirs: "i still think about my nani".
    own = next(i for i in mine if words[i] in _OWN)
    start = max((i for i in mine if i <= own and words[i] not in _OWN), default=own)
    start = max(start, own - 8)
    end = own + 2 if words[own] == "my" else own + 1
    at = len(" ".join(words[:start])) + (1 if start else 0)
    return Finding("self_focus", " ".join(words[start:end]), at)


_CARE_WORDS: Final = re.compile(
    r"\b(?:you|your|you're|sorry|hug|love|here|awful|hard|sad|bad|terrible|horrible|rough"
    r"|tough|oh no|poor|hurt|mean|unfair|what|how|why|tell|really|seriously|god)\b"
)
"""In a very short reply, words that turn towards the person or their feeling."""


_OTHER_SIDE: Final = re.compile(r"^(?:he|she|they|your)\b")
"""A defending finding that explains the other person ("she's probably just busy")."""
_INTENT: Final = re.compile(r"\bmean")
"""A minimising phrase about their intent ("didn't mean anything") still takes their side."""


def _other_side_then_shrunk(problems: list[Finding]) -> list[Finding]:
    """ "she's probably just busy i wouldn't read into it": the other person's excuse is there
    to make the feeling smaller, so the later minimising move is what is named."""
    if not problems or problems[0].category != "defending":
        return problems
    if not _OTHER_SIDE.match(problems[0].phrase):
        return problems
    later = [
        p
        for p in problems
        if p.category == "minimising" and p.at > problems[0].at and not _INTENT.search(p.phrase)
    ]
    if not later:
        return problems
    return [later[0], *(p for p in problems if p is not later[0])]


def check_reply(text: str | None) -> ReplyCheck:
    """Whether a reply to a partner opening up validates, or fixes, minimises, defends or
    turns the talk back to the speaker."""
    t = normalise(text or "")
    valid = _validating_phrases(t)
    problems = _scan(t, _REPLY_PROBLEMS, {c: i for i, c in enumerate(PROBLEM_ORDER)})
    problems = _other_side_then_shrunk(problems)
    # Pity said as mockery ("oh poor you must be so hard having a cleaner") is not a warm start.
    mocked = [(p.at, p.at + len(p.phrase)) for p in problems if p.category == "dismissing"]
    valid = tuple(v for v in valid if not any(a <= v.at < b for a, b in mocked))
    if not valid and not problems:
        story = _own_story(t)
        problems = [story] if story else []
    if not valid and not problems and 0 < len(t.split()) <= 3 and not _CARE_WORDS.search(t):
        # Two or three words with nothing about them or their feeling: a brush-off ("k",
        # "wow big drama"), whatever the exact words.
        problems = [Finding("dismissing", t, 0)]
    return ReplyCheck(valid, tuple(problems))
