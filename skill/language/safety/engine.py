"""Crisis and abuse screening: the screen every input passes before anything else.

``screen(text)`` reads one utterance (Alexa's ASR text: lowercase, usually without
punctuation) and returns a :class:`SafetyFinding` when it holds a sign of suicide,
self-harm, immediate danger, violence, abuse or sexual abuse, else ``None``. Any finding
means the same thing to the skill: stop coaching and offer help; the category only picks
which resources are spoken first.

It is pure and fast: regular expressions compiled at import, no I/O, and it never logs or
keeps the text. Each rule is split into its alternatives, compiled one by one and filed
under the first letters of the words they can start with; a call tries, at each word, only
the alternatives filed under it (one regex holding everything is slower to compile and
tries every alternative at every word). Tests prove the filing never leaves one out.

Policies (pinned by the tables in ``tests/safety/``):

* Negation. Explicit suicide and self-harm words fire even when negated ("I'm not
  suicidal, just sad", "I would never kill myself"): a gentle check costs little, a miss
  can cost a life. For danger, violence, abuse and sexual abuse a negator right before the
  core ("he has never hit me", "he's not abusive, just distant", "it's not like he hits
  me") cancels that one match, because saying what the partner is *not* is common in this
  skill's conversations; "until", "before last night" or "but last night he did" after it
  restore the match. Patterns whose meaning holds the negation ("he won't let me see my
  friends", "I don't feel safe") are not affected.
* Hyperbole. Idioms of embarrassment, tiredness, hunger or exasperation ("I wanted to die
  of embarrassment", "this meeting is killing me", "I could sleep forever", "I'm killing
  myself laughing") do not fire. A partner who "will kill me" fires as danger even though
  it is sometimes a joke; "my mom will kill me" does not.
* Unbearable states ("I can't go on", "I can't take it anymore", "I can't do this
  anymore") fire: they are recognised warning signs. With a concrete object they do not
  ("I can't take his silence anymore", "I can't do this relationship anymore").
* Giving up and ending. Giving up on life, everything or myself fires; giving up on a
  conversation, on him or on the marriage does not. "Ending it all" fires, and so does
  "I'm going to end it tonight"; "ending it" or "ending things" alone reads as ending the
  relationship.
* Emotional and physical harm. "He hurt me" (feelings), "he pushed me away", "he shuts me
  out", "I don't feel emotionally safe" and "I'm scared of how he'll react" do not fire;
  "he pushed me", "I don't feel safe at home" and "I'm scared of what he'll do" do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

__all__ = ["SafetyCategory", "SafetyFinding", "normalise", "screen"]

SafetyCategory = Literal["suicide", "self_harm", "danger", "violence", "abuse", "sexual_abuse"]


@dataclass(frozen=True, slots=True)
class SafetyFinding:
    """A sign of crisis in one utterance. It never carries the utterance itself."""

    category: SafetyCategory


# --------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------

_QUOTES: Final = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'", "\u2032": "'"}
)
_NOT_WORD: Final = re.compile(r"[^a-z0-9']+")
_APOSTROPHE_WORD: Final = re.compile(r"\b([a-z]+)'([a-z]+)\b")
_IS_PRONOUNS: Final = frozenset(
    {"he", "she", "it", "that", "what", "there", "who", "where", "how", "here", "this"}
    | {"everything", "everyone", "everybody", "nobody", "life"}
)
_NOT_STEMS: Final = {"won": "will not", "can": "can not", "ain": "is not", "shan": "shall not"}
_SUFFIXES: Final = {"m": " am", "re": " are", "ve": " have", "ll": " will", "d": " would"}

# Words rewritten to one canonical form so that the patterns stay small (they are compiled
# at every cold start): contractions as ASR or typing leaves them, partner nouns, words of
# fear; hedges and disfluencies are dropped ("i just really want to die"). Ambiguous forms
# ("ill", "hell", "shell", "well", "its", "were") are left alone.
_CANONICAL: Final = {
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "shouldnt": "should not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "aint": "is not",
    "im": "i am",
    "ive": "i have",
    "id": "i would",
    "youre": "you are",
    "theyre": "they are",
    "hes": "he is",
    "shes": "she is",
    "thats": "that is",
    "whats": "what is",
    "theres": "there is",
    "hed": "he would",
    "theyd": "they would",
    "theyll": "they will",
    "youd": "you would",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "tryna": "trying to",
    "lemme": "let me",
    "cuz": "because",
    "cos": "because",
    "coz": "because",
    "husband": "partner",
    "wife": "partner",
    "boyfriend": "partner",
    "girlfriend": "partner",
    "bf": "partner",
    "gf": "partner",
    "fiance": "partner",
    "fiancee": "partner",
    "fianc": "partner",
    "spouse": "partner",
    "hubby": "partner",
    "wifey": "partner",
    "other half": "partner",
    "significant other": "partner",
    "afraid": "scared",
    "frightened": "scared",
    "terrified": "scared",
    "petrified": "scared",
    "fearful": "scared",
    "frightens": "scares",
    "terrifies": "scares",
    "really": "",
    "just": "",
    "honestly": "",
    "seriously": "",
    "actually": "",
    "truly": "",
    "literally": "",
    "genuinely": "",
    "basically": "",
    "totally": "",
    "definitely": "",
    "simply": "",
    "kinda": "",
    "sorta": "",
    "kind of": "",
    "sort of": "",
    "still": "",
    "always": "",
    "sometimes": "",
    "often": "",
    "constantly": "",
    "usually": "",
    "even": "",
    "um": "",
    "umm": "",
    "uh": "",
    "uhh": "",
    "uhm": "",
    "erm": "",
    "hmm": "",
}
_CANONICAL_RE: Final = re.compile(
    r"\b(?:" + "|".join(sorted(_CANONICAL, key=len, reverse=True)) + r")\b"
)


def _expand_apostrophe(m: re.Match[str]) -> str:
    word, suffix = m.group(1), m.group(2)
    if suffix == "t" and word.endswith("n"):
        return _NOT_STEMS.get(word) or word[:-1] + " not"
    if suffix in _SUFFIXES:
        return word + _SUFFIXES[suffix]
    if suffix == "s" and word in _IS_PRONOUNS:
        return word + " is"
    return word + suffix


def _canonical(m: re.Match[str]) -> str:
    return _CANONICAL[m.group(0)]


def normalise(text: str) -> str:
    """The text as the patterns read it: lowercase words, single spaces, canonical forms.

    "I’m just terrified, he’ll…" becomes "i am scared he will"; ASR's "im terrified hell"
    becomes "i am scared hell", because "hell" may be meant.
    """
    t = _NOT_WORD.sub(" ", text.lower().translate(_QUOTES))
    if "'" in t:
        t = _APOSTROPHE_WORD.sub(_expand_apostrophe, t).replace("'", " ")
    t = _CANONICAL_RE.sub(_canonical, " ".join(t.split()))
    return " ".join(t.split())


# --------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------
# Written against normalised text. <NAME> placeholders are expanded from _MACROS. A group
# named "v" marks the core a negator must stand right before (negatable rules); a group
# named "x" is a veto: when it takes part in a match, that match does not count.

_MACROS: Final = {
    # a word of degree or time that may sit inside a phrase (hedges are already gone)
    "<A>": r"(?:(?:so|very|too|all|also|then|now|again|almost|maybe|probably) )?",
    # auxiliaries between a subject and its verb
    "<AUX>": r"(?:(?:is|was|has|had|have|will|would|does|did|do|can|could|might|may|should|"
    r"keeps|kept|keep|been|be|going to|used to|started|starts|got|gets|once|already|now|"
    r"then|also|again|finally|suddenly|all) )*",
    # the partner, or a pronoun that in this skill nearly always is the partner
    "<P>": r"(?:he|she|they|my (?:ex )?partner|my ex|my man)",
    "<PO>": r"(?:him|my (?:ex )?partner|my ex|my man)",
    # ways of being gone, after "if i"
    "<GONE>": r"(?:(?:was|were|am|is) (?:not|no longer) (?:here|around|alive|in the picture|"
    r"in the world|in their lives|born)|(?:was|were) (?:gone|dead|not born)|died|"
    r"did not exist|never existed|never been born|disappeared|vanished|did not wake up|"
    r"killed myself|ended it)",
    # "disappear for the weekend", "disappear into my room": a break, not an ending
    "<AWHILE>": r"(?P<x> (?:for (?:a|the|some|an|few|this|my|two|three)|into (?:my|the|a)|"
    r"to (?:my|the|a)|from (?:social|the internet|facebook|instagram|work))\b)?",
    "<KIN>": r"(?:mom|mum|mother|dad|father|parents|sisters?|brothers?|kids|children|son|"
    r"daughter|therapist|doctor|cousins?|coworkers|colleagues|grandmother|grandma|grandpa|"
    r"best friend|friends?|family|own family|family members)",
    "<HARM>": r"(?:hurt|kill|hit|beat|attack|shoot|stab|choke|strangle|murder|harm|rape|"
    r"drown|burn|smother|suffocate)",
}


def _expand(pattern: str) -> str:
    for key, value in _MACROS.items():
        pattern = pattern.replace(key, value)
    return pattern


# (category, negatable, actor_not_me, pattern). At one word, rules are tried in this order
# and the first that matches reads that phrase; across the utterance, the finding is the
# most urgent category read (_PRIORITY: suicide, self-harm, danger, sexual abuse,
# violence, abuse).
#   negatable:    a negator right before the core cancels the match (see module doc).
#   actor_not_me: the match does not count when "i" is the subject of the verb
#                 ("he checks my phone" counts, "i keep checking my phone" does not).
_RULES: Final[tuple[tuple[SafetyCategory, bool, bool, str], ...]] = (
    # ---- a partner's suicide threat used as leverage is coercive control -------------
    (
        "abuse",
        False,
        False,
        r"(?:threaten\w*|says|said|saying|tells me|told me|keeps saying|swears|swore)"
        r"(?: \w+){0,4}? (?:kill|hurt|harm) (?:himself|herself|themselves) if i\b"
        r"|threaten\w* (?:to commit )?suicide if i\b",
    ),
    # ---- suicide: explicit words and means (fire even when negated) --------------------
    (
        "suicide",
        False,
        False,
        r"suicid(?:e|al|ally)\b"
        r"|kill(?:ing|ed)? myself\b(?P<x>(?<=killing myself) (?:laughing|at|over|trying|to|"
        r"for|with|working|studying|here|out there|every day at)\b)?"
        r"|kms\b|unalive myself\b|off(?:ing)? myself\b|end(?:ing)? myself\b"
        r"|end(?:ing|ed)? (?:my own|my) life\b|tak(?:e|ing) (?:my own|my) life\b"
        r"|took my own life\b|end(?:ing)? it all\b|end everything\b"
        r"|i <AUX>(?:am going to|going to|will|want to|plan to|am planning to|planning to|"
        r"am ready to|ready to|might|could|need to|have to) end (?:it|everything) <A>"
        r"(?:tonight|today|right now|now|forever|permanently|for good|once and for all|soon)"
        r"\b(?! with)"
        r"|overdos\w*|od on (?:my|pills|the)\b"
        r"|take (?:all|all of) (?:my|the|these) (?:pills|meds|tablets)\b"
        r"|(?:take|taking|took|swallow\w*|down|downing) (?:a |the |an )?(?:whole |entire |"
        r"full )?(?:bottle|packet|pack|box|handful|bunch|strip) of (?:my |the |his |her )?"
        r"(?:pills|tablets|meds|sleeping pills|painkillers|medication|medicine)\b"
        r"|(?:saving|saved|stockpil\w*|hoard\w*|collecting|collected) (?:up )?(?:my |the |"
        r"some |enough )?(?:pills|tablets|meds|medication|sleeping pills)\b"
        r"|enough (?:pills|tablets|meds|sleeping pills) to\b"
        r"|(?:pills|tablets|meds|medication|sleeping pills)\b(?: \w+){0,8}? (?:take|taking|took|"
        r"swallow\w*) (?:them|it|those|these) all\b"
        r"|how many (?:pills|tablets|meds|sleeping pills|painkillers)(?: \w+){0,3}? (?:it takes|"
        r"would it take|does it take|to (?:die|kill|overdose|end))\b"
        r"|(?:research\w*|look\w* up|googl\w*|search\w*|read\w* about|find\w* out) (?:how|ways) "
        r"to (?:die|kill myself|end it|end my life|overdose|hang myself|do it painlessly)\b"
        r"|(?:think|thinking|thought) about (?:jumping\b(?! (?:ship|to|the gun|the queue|rope|in|"
        r"into|on|at|back|for|up|around|over|through|ahead|aboard|a|an|the|my|his|her)\b)|"
        r"driving (?:my|the) car off|crashing my car)"
        r"|(?:letters?|notes?|goodbyes?|a will|instructions)(?: \w+){0,4}? in case i (?:am not "
        r"(?:here|around)|do not make it|die|am gone|am dead)\b"
        r"|in case i (?:do not make it|die|am dead)\b(?! (?:to|in time|home|back|on|at)\b)"
        # "ways to end it" alone; "how to end it" and "ways to end it amicably" are the
        # relationship
        r"|(?:ways?|methods?) to end it\b(?! (?:with|between|amicably|gracefully|nicely|"
        r"properly|kindly|well|peacefully|on good terms|for (?:both|us)|without)\b)"
        r"|(?:ways?|methods?|how) to (?:end my life|die|kill myself|do it painlessly|"
        r"not wake up)\b"
        r"|(?:count|counted|counting|lined up|lining up|laid out|laying out) (?:all )?(?:of )?"
        r"(?:my |the |out )?(?:pills|tablets|meds|sleeping pills|painkillers)\b"
        r"|(?:look\w*|star\w*) at (?:the |my |his |her |a )?(?:knives|knife|pills|rope|gun|"
        r"razors?|blades?|bridge|tracks|ledge)\b(?: \w+){0,6}? (?:think\w*|wonder\w*|want\w*)"
        r" (?:about )?(?:it|doing it|using (?:it|them)|jumping|ending it)\b"
        r"|(?:use|using|used) (?:the |a |my |his |her )?(?:gun|knife|rope|razor|blade|pills|"
        r"belt) on myself\b"
        r"|(?:hang|hanging|shoot|shooting|drown|drowning|poison|poisoning) myself\b"
        r"|slit(?:ting)? my (?:wrists?|throat)\b"
        r"|jump(?:ing)? (?:off|from|in front of) (?:a|the|my) (?:bridge|building|roof|train|"
        r"cliff|balcony|car|bus)\b"
        r"|(?:picture|picturing|pictured|imagine|imagining|imagined|plan|planning|planned|"
        r"think about|thinking about|thought about|writing|wrote) my (?:own )?funeral\b"
        r"|thoughts? of (?:dying|death|ending (?:it|my life)|not being (?:here|alive))\b"
        r"|(?:kill|killing|killed) (?:himself|herself|themselves)\b"
        r"(?! (?:at|in|on|with|for|over|playing|lifting|working|running|trying))",
    ),
    # ---- suicide: wishes, plans, passive ideation ----------------------------------------
    (
        "suicide",
        False,
        False,
        # want / wish / plan to die, with idioms vetoed
        r"(?:want|wanted|wanting|wish|wished|wishing|need|needed|going|plan|planning|ready|"
        r"trying|tried|deserve|would like|like|hope|hoping|prefer) to <A>die\b"
        r"(?P<x> (?:of|from) (?:embarrassment|shame|boredom|laughter|laughing|cringe|"
        r"jealousy|envy|curiosity)| laughing| alone| single| for (?:my|you|him|her|them|"
        r"love|this|that)| happy| old)?"
        r"|wish i (?:could|would|was|were|had|might) (?:die|died|be dead|dead|been dead|"
        r"not wake up|never wake up|disappear|vanish|stop existing|fade away|not exist|"
        r"not be here|sleep forever|go to sleep forever|be gone)\b<AWHILE>"
        r"|(?:feel|felt|feeling) like dying\b"
        r"|(?:think|thinking|thought|thinks) about (?:dying|death|being dead|not being "
        r"(?:here|alive|around)|not existing|not waking up|ending it|my death)\b"
        r"|(?:want|wish|would rather|rather|better off|prefer) (?:to )?<A>(?:be|being) dead\b"
        r"|better off (?:not (?:existing|being (?:here|alive|around|born))|gone|never born|"
        r"never having been born|not alive)\b"
        r"|rather die\b(?P<x> than (?!(?:feel|live|go on|keep|be |stay|spend|face|wake|lose|"
        r"deal|carry)))?"
        r"|(?:never|not) (?:have )?been born\b|hope i die\b"
        # not wanting to live, exist, wake up
        r"|(?:do not|did not|does not|no longer|not|never) <A>(?:want|wish|care) (?:to )?<A>"
        r"(?:live|be alive|exist|keep living|go on living|be around|carry on|be (?:on|in) "
        r"(?:this|the) (?:earth|world|planet)|be here "
        r"(?:anymore|any more|any longer|no more|now|at all)|wake up\b(?! (?:early|at|for "
        r"work|for school|him|her|them|the kids|the baby|my (?:kids|partner|son|daughter)|"
        r"before|so early|yet)))\b"
        r"|(?:hope|wish|pray) (?:that )?i (?:do not|did not|would not|will not|never|could not|"
        r"can not) <A>wake up\b(?! (?:early|late|before))"
        r"|(?:sleep|asleep|bed) (?:and|to) <A>(?:never|not) <A>(?:have to |need to )?wake up\b"
        r"|(?:want|wish i could|like|need|going|love) to <A>(?:go to )?sleep (?:forever|for "
        r"ever|and never wake|permanently)\b"
        # to be gone
        r"|(?:want|wanted|wish|need|going|plan|planning|ready|like|trying) to <A>"
        r"(?:disappear|vanish|fade away|cease to exist|stop existing|not exist|be gone|"
        r"stop breathing|stop living|not be here|not be alive|stop being here|stop being alive|"
        r"leave this (?:world|earth|"
        r"life)|be with (?:my )?\w+ in heaven|go to heaven|check out (?:for good|permanently|"
        r"of life|forever)|not wake up)\b<AWHILE>"
        r"|(?:stop|cease to|could not|rather not|to not|not to) exist(?:ing)?\b"
        r"(?P<x>(?<=could not exist)(?<!wish i could not exist)(?<!wishing i could not exist)"
        r"(?! anymore))?"
        r"|wish i (?:was|were) (?:not|no longer) (?:alive|here|around|born)\b"
        # burden and better-off statements
        r"|(?:better off|happier|easier|better|fine|relieved) <A>(?:for (?:everyone|everybody|"
        r"them|all|my family|the kids|him|her) )?(?:without me|if i <A><GONE>|"
        r"with me (?:gone|dead)|when i am (?:gone|dead)|dead)\b"
        r"|(?:a|such a|nothing but a|the) burden (?:to|on|for) (?:everyone|everybody|"
        r"all of them|them all|the world|my (?:family|kids|children|friends|parents)|people|"
        r"all)\b"
        r"|i am (?:a |such a |nothing but a )burden\b(?! (?:to|on|for|when|if|because|of)\b)"
        r"|(?:nobody|no one|noone|no body|none of them|not one person) (?:would |will |is going "
        r"to |going to )?(?:notice|care|miss me|mind|cry)\b"
        r"(?:(?= if i <A><GONE>)|(?<=miss me))"
        r"|(?:will not|not going to) be here (?:much longer|for (?:much )?longer|for long|"
        r"long|anymore|any more)\b"
        r"|(?:will not|not going to) be (?:around|alive|a problem|a burden|a bother)"
        r"(?: for (?:anyone|you|them|much longer|long))?"
        r"(?: (?:much longer|for long|long|anymore|any more|soon|for anyone|for you))?\b"
        r"(?P<x>(?<=around)(?! (?:much longer|for long|long|anymore|any more|soon)))?"
        r"|(?:when|after|once) i am (?:gone|dead)\b(?P<x> (?:for|on|to)\b)?"
        r"|(?:say|saying|said) goodbye (?:to everyone|to everybody|to everything|forever|"
        r"for good|to this world|to the world)\b|goodbye (?:letter|note|letters|notes)\b"
        # no point, no reason, not worth living
        r"|(?:no|any|the|what is the|a) (?:reason|point|purpose|use) (?:for me |in me )?"
        r"(?:to|of|in|for) (?:live|living|life|being alive|being here|going on|carrying on|"
        r"existing|me being here|staying alive|anything anymore|it all|waking up|getting up "
        r"anymore|anything)\b"
        r"|nothing (?:left )?(?:to live for|worth living for)\b"
        r"|(?:life|living) is <A>(?:not|no longer) worth (?:living|it)\b"
        r"|not worth living\b|(?:point|reason) to live\b|no reason to keep (?:going|living)\b"
        # unbearable states
        r"|can not <A>(?:go on|carry on|keep going|keep living|live like this|live this way|"
        r"live with (?:this|the) pain|live anymore|take (?:it|this|any of (?:it|this)|the pain|"
        r"much more)(?= (?:anymore|any more|any longer|no more)|$| (?:and|but|so|i|any)\b)|"
        r"do (?:this|it|life) (?:anymore|any more|any longer))\b"
        r"(?P<x>(?<=go on) (?:(?:a|an|the|this|that|our|my|another) (?:trip|vacation|holiday|"
        r"date|tour|walk|run|ride|cruise|journey|diet|break|honeymoon|hike|course|retreat|"
        r"adventure|show|podcast|call)|vacation|holiday|dates?|trips?|tour|stage|air|about|"
        r"with (?:this|the|our|my) (?:conversation|story|plan|day|argument|work)|"
        r"(?!(?:living|existing|breathing|being|waking)\b)\w+ing)\b)?"
        r"|(?:do not think|not sure|do not know if|doubt) (?:that )?i can <A>(?:keep going|go "
        r"on|carry on|hold on|keep living|last|survive|do this|take (?:it|this))(?: much "
        r"longer| anymore| any more| any longer)?\b"
        r"|how (?:much )?longer i can (?:keep going|go on|hold on|take (?:it|this)|do this|"
        r"keep living|survive|last|keep doing this)\b"
        r"|done (?:with )?(?:life|living|being alive|existing)\b"
        r"|(?:tired|sick|exhausted|weary) of <A>(?:living|being alive|life|existing|being here|"
        r"breathing|waking up)\b"
        r"|(?:can not|could not) (?:stand|bear|handle|take|face|do) (?:being alive|living|"
        r"existing|another day of (?:this|living|life))\b"
        r"|hate (?:being alive|existing|my existence|that i exist|living\b(?! (?:with|in|"
        r"here|there|so|near|alone|together|apart|on|at|under|without|next|close)\b))\b"
        r"|(?:no|lost (?:the|my|all)|losing (?:the|my)|without (?:the|any)) (?:will|desire|"
        r"wish|reason) to (?:live|keep going|keep living|go on\b(?! (?:a|the|this|that|"
        r"vacation|holiday|dates?|trips?|with)\b))\b"
        r"|(?:everyone|everybody|the world|them|my family) a (?:favou?r|kindness) by "
        r"(?:disappearing|dying|leaving this|being gone|not being here|ending it)\b"
        r"|(?:give|giving|gave|given) up on (?:life|living|everything|myself|it all|"
        r"being alive|the world)\b"
        r"|(?:see|is|there is|have) no way out\b(?P<x> of (?:this|the|that|our|it) (?:argument|"
        r"fight|conversation|discussion|meeting|deal|contract|lease|room|job)\b)?"
        r"|can not see (?:a|any) way out\b"
        r"|(?:not|never|no longer|can not) see (?:a|any) future for (?:myself|me)\b"
        r"|(?:there is )?no future for (?:myself|me)\b(?! (?:with|in|at|here)\b)"
        r"|(?:not|never) (?:think|expect|believe|see myself) (?:that )?i (?:will|would|am going "
        r"to) (?:(?:be alive|live) (?:much longer|for long|long|until|to see|past|through|"
        r"another)|(?:be around|be here) (?:much|for much) longer)\b"
        r"|(?:life|my life|living) (?:is|feels|seems) <A>(?:pointless|meaningless|worthless|not "
        r"worth it|hopeless|unbearable)\b"
        r"|want out of (?:life|this life|this world|existence|it all|everything|being alive)\b"
        r"|dark (?:thoughts?|place)\b"
        r"|(?:want|need|wish|make|for) (?:the|this|all the|all this|my) pain to (?:stop|end|"
        r"go away|be over)\b"
        r"|end (?:the|this|all the|all this|my) pain\b"
        r"|(?:want|wanted|wish|need) (?:it all|everything|all of it|this all|life|my life) "
        r"<A>to (?:end|stop|be over)\b"
        r"|(?:would not|do not|does not|did not|not|never) <A>(?:care|mind) if (?:i <A>(?:<GONE>"
        r"|got (?:hit|run over|killed)|never woke up)|(?:a|the) (?:car|bus|truck|train) (?:hit|"
        r"hits|killed|ran over) me|i was (?:hit|killed|run over))"
        r"|(?:wish|hope|hoping|wishing) (?:that )?(?:a|the|some) (?:car|bus|truck|train|lorry) "
        r"(?:would|will|could|might) <A>(?:hit|kill|run over|run) me\b"
        r"|(?:wish|hope|hoping|wishing) (?:that )?i (?:would |could )?(?:get|got) (?:hit|run "
        r"over|killed) by\b",
    ),
    # ---- self-harm (fires even when negated) -----------------------------------------
    (
        "self_harm",
        False,
        False,
        r"self ?(?:harm\w*|injur\w*|mutilat\w*)|selfharm\w*"
        r"|(?:hurt|hurting|hurts|harm|harming|harmed|injure|injuring|injured|cut|cutting|cuts|"
        r"burn|burning|burned|burnt|burns|hit|hitting|hits|punch|punching|punched|scratch|"
        r"scratching|scratched|starve|starving|starved|bite|biting|bit|bruise|bruising) myself\b"
        r"(?P<x> (?:by (?:\w+ing|not|being)|(?:at|in) (?:the )?(?:gym|work|kitchen|garden|"
        r"yard|game)|shaving|cooking|chopping|playing|running|lifting|working out|exercising|"
        r"skiing|falling|on (?:a|the|some|my)|with (?:the|a) (?:iron|kettle|pan|oven|stove|"
        r"knife while)|by accident|accidentally|while|opening|doing (?:the|yoga|sport)|"
        r"emotionally|over (?:him|her|this|it)|for (?:him|her|nothing|no reason)|waiting|"
        r"staying|hoping|trying)\b)?"
        r"|cut(?:ting|s)? (?:my|into my) (?:wrists?|arms?|legs?|thighs?|skin|stomach|body)\b"
        r"|(?:cut\w*|burn\w*|scratch\w*|carv\w*|hit\w*|punch\w*|bang\w*|slash\w*|bit|bite|"
        r"biting) (?:\w+ )?(?:into )?my (?:arms?|wrists?|legs?|thighs?|skin|stomach|body|hands?|"
        r"face|head)\b(?: \w+){0,3}? (?:with (?:a |the |my )?(?:lighter|cigarettes?|match|"
        r"matches|razor|blade|knife|scissors|glass|needle|pin|compass)|on purpose|deliberately|"
        r"to feel something|to punish myself)\b"
        r"(?P<x>(?: \w+){0,4}? (?:while|cooking|chopping|slicing|by accident|accidentally|"
        r"making)\b)?"
        r"|make myself (?:bleed|hurt|suffer)\b"
        r"|(?:carv\w*|etch\w*)(?: \w+){1,4}? (?:into|in|on|onto) my (?:arms?|wrists?|legs?|"
        r"thighs?|skin|stomach|body|hands?|chest)\b"
        r"|(?:i|by|been|started|start|keep|kept|about|of|like|to|stop|stopped|urge to|"
        r"relapsed|relapse|into) <A>cutting\b"
        # unless it is cutting something else: back, corners, coupons, my hair, him off
        r"(?! (?:back|down|out|off|up|in|corners|coupons|class|classes|school|work|carbs|sugar|"
        r"ties|costs|things|them|him|her|people|loose|through|across|wood|paper|grass|onions|"
        r"vegetables|me|(?:it|that) (?:close|fine|short|off|out|down|up|back)|(?:a|an|the|some|"
        r"his|her|their|our|your|my) (?:grass|lawn|cake|bread|vegetables|onions|cord|ties|crap|"
        r"line|queue|budget|costs?|cheese|meat|fabric|paper|wood|pizza|hair|hours|losses|"
        r"spending|class|classes|corners?|coupons?|deal|nails|food|sugar|coffee|drinking|"
        r"carbs|board|hedge|tree|branches|cable|wires?))\b)"
        r"|(?:my|myself)\b(?: \w+){0,6}? (?:until|till) (?:i|it|they) (?:bleed|bled|bleeds|"
        r"was bleeding|were bleeding|started bleeding)\b",
    ),
    # ---- danger: fear for one's own safety -----------------------------------------
    (
        "danger",
        False,
        False,
        r"(?:i am|we are|i feel|i might be|i could be|i think i am|my (?:kids|children|life|son|"
        r"daughter|baby) (?:is|are)|the (?:kids|children) are) <A>in <A>(?:immediate |real |"
        r"serious )?danger\b(?! of)"
        r"|(?:i am|we are|i feel|it is|my (?:kids|children|son|daughter|baby) (?:is|are)|"
        r"the (?:kids|children) are|nobody is|no one is) <A>not <A>safe\b(?! to (?:talk|say|"
        r"bring|share|open|be honest|speak|discuss|ask|tell|eat|drink|drive|assume|leave the)|"
        r" for work)"
        r"|(?:do not|does not|did not|never|no longer|not) <A>feel <A>(?:physically )?safe\b"
        r"(?! (?:to|opening|sharing|telling|talking|being|expressing|bringing|saying|asking|"
        r"speaking|letting|showing|crying|discussing|emotionally|with my (?:feelings|"
        r"emotions))\b)"
        r"|(?:need|want|get|send|call) (?:some )?(?:emergency )?help <A>(?:right now|now|"
        r"immediately|urgently|asap|right away|fast|quick)\b"
        r"|emergency (?:help|services)\b"
        r"|call (?:911|999|112|000|nine one one|the police|the cops|an ambulance)\b"
        r"|(?:someone|somebody|anyone|anybody) (?:please )?help me\b"
        r"|please help me\b(?! (?:with|understand|figure|plan|write|find|to|decide|think|get|"
        r"make|say|talk|feel|know|learn|practice|remember|calm|breathe|relax|sleep|out|choose|"
        r"pick|start|do|work|fix|be|deal|cope|through|reconnect|communicate))"
        r"|(?:need|give me|want|what is) (?:a|the) (?:crisis|emergency) (?:line|hotline|"
        r"number)\b",
    ),
    (
        "danger",
        True,
        False,
        r"(?P<v>scared) (?:of|for) (?:what|when) <P> <AUX>(?:might |will |would |could |"
        r"may |is going to |are going to )?(?:do|does|did|gets (?:home|back)|comes (?:home|"
        r"back)|is drunk|drinks|finds out|get home|come home)\b"
        r"|(?P<v>scared) of <PO>\b(?! (?:\w+ing|not|being|leaving|getting|to|so much)\b)"
        r"|(?P<v>scared) of her(?= *$| (?:when|and|because|now|so|i|but|too|right|anymore|"
        r"lately|these|every|at)\b)"
        r"|(?P<v>scared) (?:that )?<P> <AUX>(?:will |would |might |could |may |is going to |"
        r"are going to |wants to |is about to |going to )?<HARM> (?:me|us|the kids|my (?:kids|"
        r"children|son|daughter|dog|cat|family|baby))\b"
        r"|<P> (?:is |are |was )?<A>(?:going to|about to|will|would|might|could) <A>"
        r"(?:(?!(?:not|never)\b)\w+ (?:\w+ ){0,3}?and )?"
        r"(?P<v>kill|murder|hurt|beat|shoot|stab|strangle|choke) (?:me|us)\b"
        r"(?! (?:emotionally|with (?:his|her) words))"
        r"|(?P<v>scared|fear|fearing|worried) for (?:my|our) (?:life|lives|safety|own safety|"
        r"physical safety)\b"
        r"|(?P<v>scared|fear|fearing) for (?:my|our|the) (?:kids|children|son|daughter|baby|"
        r"family)\b(?! (?:\w+ing|future|futures|education|school|health|generation|sake)\b)"
        r"|(?P<v>scared) to (?:go to )?(?:sleep|be home|stay|close my eyes)\b(?: \w+){0,4}? "
        r"(?:with|when) (?:him|her|them|my partner|he|she)\b"
        r"|<P> (?:is |are |was )?(?P<v>banging|pounding|hammering|kicking|smashing) (?:on |at )?"
        r"(?:the|my|our) (?:door|doors|window|windows)\b"
        r"|<P> (?:is |was )?(?:outside|at|in front of|standing at|waiting (?:outside|at)) "
        r"(?:the|my|our) (?:house|door|front door|window|apartment|flat|home|building|car|"
        r"work|office)(?: \w+){0,3}? (?:and|so) i am <A>(?P<v>scared|hiding|panicking|shaking|"
        r"trembling)\b"
        r"|(?P<v>scared) (?:to|of) <A>(?:go|going|come|coming|be|being) (?:back )?(?:home|"
        r"back home|in the house|alone with (?:him|her|them|my \w+)|at home|near (?:him|"
        r"her))\b"
        r"|(?P<v>hiding|hide|hid) (?:in|from|inside) (?:\w+ ){0,3}?(?:from )?(?:him|her|them|"
        r"my partner)\b"
        r"|(?P<v>locked|lock|locking) myself in (?:the|my|a|our) \w+\b(?P<x> to (?:cry|think|be "
        r"alone|calm|get|work|study|read|sleep|rest|meditate|breathe|pray|relax|focus)\b)?"
        r"|(?:someone|somebody) (?:is )?(?P<v>hurting) me\b"
        r"|<P> <AUX>(?:is |are )?(?P<v>hurting) me\b"
        r"(?! (?:emotionally|by|with|so much|more|feelings|because|in ways))"
        r"|<P> <AUX>(?:is |are )?(?P<v>following|stalking|stalks|stalked|follows|followed) me\b"
        r"(?! (?:on|around (?:the|on)|back|in (?:the|a) (?:game|app)))"
        r"|<P> (?:is |are )?(?:drunk|high|raging|wasted) and <A>(?P<v>screaming|yelling|"
        r"violent|smashing|breaking|throwing|banging|threatening|kicking)\b"
        r"|<P> <AUX><A>(?P<v>scares|scared) <A>me\b"
        r"|(?:his|her|their|my partners) (?:anger|temper|rage|drinking|violence|moods?|"
        r"outbursts?|yelling|screaming|threats|behaviou?r) <A>(?P<v>scares|scared) <A>me\b",
    ),
    # ---- sexual abuse ------------------------------------------------------------------
    (
        "sexual_abuse",
        False,
        False,
        r"rap(?:e|ed|es|ing|ist)\b|sexual(?:ly)? (?:assault\w*|abus\w*|coerc\w*|violen\w*|"
        r"violated|harass\w*|exploit\w*)|molest\w*"
        r"|(?:touch\w*|stop|sex|kiss\w*|grop\w*|forc\w*|continu\w*|keep going|kept going|"
        r"undress\w*|bed)\b(?: \w+){0,6}? (?:when|after|though|although|if|while|whenever) "
        r"(?:i|we) (?:said|say|tell|told|ask|asked|beg|begged|was saying|keep saying|kept "
        r"saying|am saying|scream|screamed) (?:him |her |them )?(?:no|stop|not to|to stop)\b"
        r"|(?:sex with me|touched me|touches me|touching me|did (?:stuff|things) to me|"
        r"undressed me) (?:\w+ ){0,3}?(?:while|when) i (?:was|am) <A>(?:asleep|sleeping|"
        r"drunk|passed out|unconscious|out of it|high)\b"
        r"|(?:unless|if i do not|if i did not|or else) (?:i )?(?:sleep|slept|have sex|had sex|"
        r"do (?:it|stuff|things) in bed) with (?:him|her|them)\b"
        r"|(?:not|never) take no for an answer (?:in bed|about sex|when it comes to sex|"
        r"sexually)"
        r"|(?:share[sd]?|sharing|post(?:s|ed|ing)?|leak(?:s|ed|ing)?|send(?:s|ing)?|sent|"
        r"threaten\w* to \w+) (?:my |our |the )?(?:intimate|private|naked|nude|sexual|explicit)"
        r" (?:pictures|photos|pics|videos|images|video|photo)\b|nudes\b"
        r"|(?:touch\w*|sex|kiss\w*|film\w*|record\w*|pictures|photos|videos)\b(?: \w+){0,4}? "
        r"without (?:my )?(?:consent|permission|asking)\b",
    ),
    (
        "sexual_abuse",
        True,
        False,
        r"(?P<v>forc\w*|make|makes|made|making|pressur\w*|coerc\w*|guilt\w*|push|pushes|"
        r"pushed|blackmail\w*|bully|bullies|bullied|bullying) (?:me|us) (?:in)?(?:to )?(?:have sex|"
        r"having sex|sleep with|sleeping with|do (?:sexual|things in bed|stuff in bed|that in "
        r"bed|things i do not want in bed)|sex\b|sexual|give him|perform|watch porn|touch "
        r"(?:him|her)|do things (?:in bed|sexually))"
        r"|(?P<v>forc\w*) (?:himself|herself|themselves) (?:on|onto) me\b"
        # "he forced me" with nothing after it, or a new clause: "forced me to go" is not
        r"|(?P<v>forced|forces|forcing) me\b(?! (?:to|into|out|off|away|back|open|from|"
        r"through|outside|up)\b)",
    ),
    # ---- violence -----------------------------------------------------------------------
    (
        "violence",
        True,
        False,
        # a blow aimed at me; "it hit me", "hit me up", "beat me at chess" are vetoed
        r"(?P<x>(?:it|reality|realization|truth|news|thought|idea|loneliness|sadness|grief|"
        r"feeling|wave|moment|memory|song|words|comment|everything|what (?:he|she) said|ball|"
        r"door|branch|baby|toddler|dog|cat|puppy|kitten|horse|toy) <AUX>"
        r"(?=(?:hit|hits|hitting) me\b)|(?:that|this) <AUX>(?=(?:hit|hits) me (?:hard|home|"
        r"differently|deep|deeply|like|so hard|right in)\b))?"
        r"(?P<v>hit|hits|hitting|slap|slaps|slapped|slapping|punch|punches|punched|punching|"
        r"kick|kicks|kicked|kicking|choke|chokes|choked|choking|strangl\w*|smack|smacks|"
        r"smacked|smacking|shove|shoves|shoved|shoving|push|pushes|pushed|pushing|beat|beats|"
        r"beaten|beating|attack|attacks|attacked|attacking|stab|stabs|stabbed|stabbing|"
        r"throttle|throttled|headbutt\w*|elbowed|kneed|whipped|whips|bit|bites|bitten|burned|"
        r"burnt|burns|suffocat\w*|smother\w*|assault\w*|slam|slams|slammed|slamming|threw|"
        r"throws|throw|throwing|drag|drags|dragged|dragging|pin|pins|pinned|pinning|grab|grabs|"
        r"grabbed|grabbing|trip|tripped|shook|shakes|shaking|spat on|spit on|spits on|spat at|"
        r"spit at|spits at) me\b"
        r"(?P<x>(?:(?<=hit me)|(?<=hits me)|(?<=choked me)|(?<=chokes me)) up\b"
        r"|(?:(?<=kicked me)|(?<=kicks me)|(?<=threw me)|(?<=throws me)) out\b"
        r"|(?:(?<=pushed me)|(?<=pushes me)|(?<=pushing me)|(?<=push me)|(?<=shoved me)) "
        r"(?:away|around)\b| in (?:the|my) feels\b"
        r"| with (?:the |a |an |this |that |his |her )?(?:news|question|questions|bombshell|"
        r"truth|request|guilt|silent treatment|facts|idea|bill|surprise|compliment|line|that|"
        r"this|it|divorce|a breakup)\b"
        r"| to (?!the (?:ground|floor|wall|bed|door|couch))\w+"
        r"| (?:at|in) (?:chess|cards|poker|the game|a game|arm wrestling|tennis|golf|scrabble|"
        r"everything|an argument|arguments|a race|the race|running|monopoly|mario kart)\b"
        r"| into \w+ing\b| hard (?:with|emotionally)\b"
        r"| (?:a|an|some|one|lunch|dinner|coffee|breakfast|food|drinks?|tea|flowers|a bone|"
        r"a curveball|a party|a surprise|the remote|the salt|a line|a look|shade)\b"
        r"|(?:(?<=beats me)|(?<=beat me))(?= (?:why|how|what|where|when|who|if))"
        r"| verbally\b| emotionally\b| in (?:arguments|the comments)\b"
        r"| (?:right )?(?:in|to) the (?:heart|feels|soul|core|childhood)\b"
        r"|(?:(?<=beat me)|(?<=beats me)) (?:home|there|back|by (?:a|an|\w+) (?:minutes?|"
        r"seconds?|points?|votes?|mile|hours?))\b)?"
        # throwing at me, weapons, strangulation, marks, threats
        r"|(?P<v>threw|throws|throw|throwing|hurled|hurls|chucked|chucks)"
        r"(?: (?!(?:he|she|they|i|we|you|and|but|so)\b)\w+){1,4}? at "
        r"(?:me|my (?:head|face|body))\b(?<!shade at me)(?<!a look at me)(?<!words at me)"
        r"(?<!insults at me)(?<!accusations at me)(?<!questions at me)(?<!compliments at me)"
        r"|(?P<v>pulled|pulls|pull|held|holds|hold|pointed|points|waved|waves|put|puts|aimed|"
        r"aims|brandished) (?:a|his|her|the|their) (?:gun|knife|weapon|blade|pistol|rifle|"
        r"shotgun|bat) (?:on|at|to|against) (?:me|my)\b"
        r"|(?:gun|knife|weapon|pistol|rifle|shotgun)\b(?: \w+){0,8}? (?P<v>use|used|using) "
        r"it on me\b"
        r"|(?:gun|knife|weapon|pistol|rifle|shotgun)(?: \w+){0,2}? (?P<v>on|at|against) me\b"
        r"|(?P<v>threaten\w*) me\b(?! with (?:divorce|leaving|a breakup|breaking up))"
        r"|(?:threaten\w*|said|says|told me|tells me|swore|swears|warned me|warns me|"
        r"promised|keeps saying|kept saying|yelled|screamed)\b"
        r"(?: (?!(?:you|and|but|so|because|then|also|me|anyway|when|while|though|after|since)"
        r"\b)\w+| to me){0,8}? (?P<v>kill|hurt|"
        r"shoot|stab|beat|strangle|choke|murder|drown|burn|bury) (?:me|us|my (?:kids|children|"
        r"family|dog|cat|pets?|son|daughter|mom|mother|parents|sister|brother)|the (?:kids|"
        r"children|dog|cat))\b"
        r"|(?P<v>put|send|land) me in (?:the |a )?(?:hospital|ground|grave|coffin|wheelchair|"
        r"morgue)\b"
        r"|(?:tried|tries|trying|attempted|wanted) to (?P<v>kill|strangle|choke|drown|"
        r"suffocate|stab|shoot|run me over|smother|poison|hurt|hit|beat) (?:me|us)\b"
        r"|(?P<v>hands?) (?:around|on|round|over) my (?:neck|throat|mouth)\b"
        r"|(?P<v>grab\w*|pull\w*|yank\w*|twist\w*) (?:me )?(?:by )?my (?:hair|throat|neck|"
        r"wrists?|arms?)\b(?P<x>(?<=arm) (?:into|to)\b|(?<=hair) out\b)?"
        r"|(?P<v>held|holds|hold|holding|pinned|pins|pin|tied|ties|restrained|restrains) me "
        r"(?:down|up|against|to the)\b"
        r"|(?P<v>gave|give|gives|left) me (?:a |two )?(?:black eyes?|bruises|bruise|split lip|"
        r"concussion|broken (?:rib|nose|arm|wrist|jaw))\b"
        r"|(?P<v>left|leaves) (?:bruises|marks|scratches) on (?:me|my)\b"
        r"|(?P<v>punch\w*|kick\w*|smash\w*|put (?:his|her) fist through) (?:a hole in |holes "
        r"in |through )?(?:the |a |our )?(?:walls?|doors?|windows?)\b"
        r"|(?P<v>holes?) in the (?:wall|door)\b"
        r"|(?P<v>violen(?:t|ce))\b(?! (?:movies?|games?|video|shows?|tv|films?|books?|"
        r"scenes?|content))"
        r"|(?P<v>physical(?:ly)?) (?:abus\w*|hurt\w*|attack\w*|assault\w*|violen\w*|harm\w*)"
        r"|(?P<v>hurts?|hurting|harm|harms|harmed) me physically\b"
        r"|being (?P<v>hurt|beaten|hit|attacked|choked|strangled|kicked|slapped|punched)\b"
        r"(?! (?:by (?:the|his|her) (?:words|silence|comments|news)|emotionally|by this))",
    ),
    (
        "violence",
        True,
        True,
        # "he slammed my head into the counter"; "i hit my head on the cabinet" is not
        r"(?P<v>slam\w*|smash\w*|bang\w*|bash\w*|hit|hits|hitting|punch\w*|kick\w*|twist\w*|"
        r"grab\w*|yank\w*|squeez\w*|stomp\w*|stamp\w*|broke|breaks|break|broken|burn\w*|"
        r"chok\w*|strangl\w*|slap\w*|shov\w*) my (?:head|face|body|arms?|neck|throat|wrists?|"
        r"legs?|back|chest|stomach|mouth|nose|jaw|eyes?|ribs?|fingers?)\b"
        r"(?P<x>(?<=hit my head)(?= on (?:a|the) (?:cabinet|cupboard|door|shelf|ceiling))|"
        r"(?<=twisted my arm) (?:into|to)\b)?",
    ),
    # ---- abuse: coercive control, intimidation, degradation ----------------------------
    (
        "abuse",
        False,
        False,
        r"(?:will not|would not|does not|did not|never|refuses to|refused to|not) "
        r"(?:let|lets|allow|allows) me (?:to )?(?:"
        r"(?:see|visit|talk to|call|text|speak to|meet|contact|hang out with|be with|go see|"
        r"have|keep) (?:any of )?(?:my |any |other )?(?:<KIN>|anyone|anybody|people|"
        r"other people)\b"
        r"|go (?:out|anywhere|outside|to work|to school|to church|to the doctor|to see|"
        r"to visit|alone|back to work|to class|home)\b"
        r"|leave\b(?! (?:early|work|the office|on time|a review|a comment|a message|it))"
        r"|(?:have|keep|use|get) (?:my own |any |a |my |the |our )?(?:money|phone|job|car|"
        r"bank account|keys|credit card|bank card|cash|passport|own money|paycheck|pay|"
        r"wages|laptop|computer)\b"
        r"|(?:work|drive|sleep|eat|study|spend (?:money|time with)|wear (?:what|makeup|"
        r"anything|my)|make (?:my own )?decisions|have a say|out of (?:his|her) sight)\b)"
        r"|(?:not|never) allowed to (?:see|go|talk|have|leave|spend|wear|work|use|call|visit|"
        r"drive|eat|sleep|text|meet|contact)\b"
        r"|(?:will not|would not|does not|did not|never|refuses to|refused to) give me (?:any )?"
        r"(?:money|access|cash|my (?:own )?money|the (?:car )?keys)\b"
        r"|(?:have|need|has|must) to ask (?:him|her|them|his|her|their) (?:for )?permission"
        r"|(?:ask|need|get) (?:his|her|their) permission\b"
        r"|(?:ask|asking) (?:for )?permission to (?:see|go|leave|spend|buy|talk|call|eat|use)\b"
        # the purpose of a control: "he deletes my contacts so i can't talk to my friends"
        r"|<P>(?: (?!(?:i|so)\b)\w+){1,6} so (?:that )?i can not (?:(?:see|talk to|call|text|"
        r"contact|visit|reach|get to) (?:my |any )?(?:<KIN>|anyone|anybody|people|help)|leave|"
        r"go out|get out|get help|call (?:for help|the police|911))\b"
        r"(?P<x>(?<=so i can not leave) (?:early|work|yet|until)\b)?"
        r"|(?:tracker|tracking device|tracking app|gps tracker|spyware|stalkerware|spy app|"
        r"hidden camera) (?:on|in|into) my (?:car|phone|bag|laptop|computer|room)\b",
    ),
    (
        "abuse",
        True,
        False,
        r"(?P<v>abus(?:e|ed|es|ive|ing|er))\b"
        r"(?P<x>(?<=substance abuse)|(?<=drug abuse)|(?<=drugs abuse)|(?<=alcohol abuse)|"
        r"(?<=steroid abuse)|(?<=opioid abuse))?"
        r"|(?P<v>coerci\w*|forbid\w*|forbade) (?:control|me|my)\b"
        r"|(?P<v>control|controls|controlling|controlled) (?:all |all of |everything (?:i do|"
        r"about me)|every(?:thing)? i )?(?:the |my |our )?(?:money|finances|bank\w*|accounts?|"
        r"paycheck|everything i do|what i (?:wear|eat|do|spend|say)|who i (?:see|talk to|"
        r"text)|where i go|my life|every(?:thing)? (?:i do|about me|i say)|every move|my "
        r"every)\b"
        r"|(?P<v>humiliat\w*|degrad\w*|belittl\w*|demean\w*) me\b"
        r"|(?P<v>isolat\w*|cut|cuts|cutting|kept|keeps|keep|keeping) me (?:off |away )?from "
        r"(?:my |all my |everyone|everybody|friends|family|people|the world|the outside)"
        r"|(?P<v>lock|locks|locked|locking) me (?:in|out|inside|up)\b"
        r"(?! of (?:his|her|the) (?:heart|life|feelings|plans|decisions|conversations?))"
        r"|(?P<v>threaten\w*) (?:to )?(?:take|taking|keep|keeping) (?:the|my|our|away the|"
        r"away my) (?:kids|children|baby|son|daughter)\b"
        r"|(?P<v>threaten\w*) (?:to )?(?:kick|throw) me out\b"
        r"|(?P<v>threaten\w*) (?:to )?(?:call|report me to) (?:immigration|ice|my boss|my "
        r"employer)\b"
        r"|(?P<v>call|calls|called|calling) me (?:a |an )?<A>(?:names|worthless|useless|stupid|"
        r"fat|ugly|pathetic|disgusting|idiot|loser|whore|slut|bitch|crazy|psycho|retarded|"
        r"dumb|trash|garbage|nothing|failure|waste|cunt|fucking)\b"
        r"|(?P<v>tell|tells|told|telling|say|says|said|saying|scream|screams|screamed|yell|"
        r"yells|yelled) (?:at )?(?:me )?(?:that )?i am <A>(?:worthless|useless|stupid|nothing|"
        r"pathetic|disgusting|ugly|fat|a waste|a failure|an idiot|insane|a whore|a slut|trash|"
        r"garbage)\b",
    ),
    (
        "abuse",
        True,
        True,
        r"(?P<v>take|takes|took|taking|keep|keeps|kept|keeping|steal|steals|stole|stealing) "
        r"(?:all )?(?:of )?my (?:money|paycheck|pay|wages|salary|savings|cards?|credit cards?|"
        r"bank card|earnings|income)\b"
        r"|(?P<v>took|takes|take|hid|hides|hide|taking|hiding|stole|steals|confiscat\w*) "
        r"(?:away )?my (?:car keys|keys|phone|passport|documents|id|wallet|medication|meds)\b"
        r"(?P<x>(?: \w+){0,2}? (?:by accident|accidentally|by mistake)\b)?"
        r"|account for every (?:penny|cent|dollar|pound|rupee)\b"
        r"|(?P<v>make|makes|made|making|forc\w*) me (?:to )?(?:hand over|give (?:him|her|them)"
        r"|sign over|turn over|transfer) (?:all )?(?:of )?my (?:paycheck|money|pay|wages|salary|"
        r"cards?|earnings|savings|income)\b"
        r"|(?P<v>check|checks|checked|checking|go through|goes through|went through|going "
        r"through|read|reads|reading|look through|looks through|looked through|monitor|monitors"
        r"|monitored|monitoring|track|tracks|tracked|tracking|spy on|spies on|spied on|spying "
        r"on|snoop\w* (?:through|on|in)|listen to|listens to|listened to|record|records|"
        r"recorded|recording|hack\w* into|bug|bugged) (?:all )?(?:of )?my (?:phone|messages|"
        r"texts|text messages|emails?|mail|location|calls|phone calls|social media|accounts?|"
        r"laptop|computer|browser|history|whereabouts|mileage|car|bank|chats|whatsapp|dms|"
        r"conversations|every move|diary|journal)\b"
        r"|(?P<v>monitors|tracks|watches|controls|checks|checking|monitoring|tracking|"
        r"track|monitor) (?:everything|every move|all) (?:i do|i say|i spend|i make|i go)\b"
        r"|(?P<v>monitors|tracks|checks|monitoring|tracking|track|monitor|checking|knows) "
        r"(?:where|who|what) i (?:go|am|see|talk to|spend|do|text)\b",
    ),
)

_NEGATORS: Final = frozenset({"not", "never", "non", "nobody", "neither", "nor", "nothing"})
_CLAUSE_BREAKS: Final = frozenset(
    {"and", "but", "because", "cause", "so", "then", "when", "after", "since", "until"}
    | {"till", "while", "or", "if", "though", "although", "anyway", "also", "plus"}
    | {"yesterday", "today", "tonight", "now"}
)
_SUBJECTS: Final = frozenset({"i", "he", "she", "they", "we", "you", "it"})
_RESTORE_AFTER: Final = re.compile(
    r"(?: \w+){0,3}? (?:until|till|before (?:today|tonight|yesterday|last|this|that|then|now|"
    r"recently)|but (?:\w+ ){0,3}?(?:did|now|last night|yesterday|today|tonight|this (?:week|"
    r"morning|time|year)|recently|lately|again|started))\b"
)


@dataclass(frozen=True, slots=True)
class _Branch:
    """One top-level alternative of a rule, compiled on its own."""

    category: SafetyCategory
    rule: int
    """Index in _RULES: at one position, earlier rules are tried first."""
    negatable: bool
    actor_not_me: bool
    regex: re.Pattern[str]
    v_groups: tuple[str, ...]
    x_groups: tuple[str, ...]


_PRIORITY: Final[dict[SafetyCategory, int]] = {
    "suicide": 0,
    "self_harm": 1,
    "danger": 2,
    "sexual_abuse": 3,
    "violence": 4,
    "abuse": 5,
}
_WORD_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_KEY_LENGTH: Final = 3


def _closing(pattern: str, start: int) -> int:
    """Index of the ")" that closes the group opening at ``start``."""
    depth = 0
    i = start
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("unbalanced pattern")


def _split_top(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern``."""
    parts: list[str] = []
    depth = 0
    last = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[last:i])
            last = i + 1
        i += 1
    parts.append(pattern[last:])
    return parts


def _opens_word(pattern: str) -> bool | None:
    """Can a match of ``pattern`` begin with a letter? None when the start is not plain."""
    if not pattern or pattern.startswith((" ", "$", "|", ")")):
        return False
    if pattern[0] in _WORD_CHARS or pattern.startswith("\\w"):
        return True
    if pattern.startswith("\\b"):
        return _opens_word(pattern[2:])
    if pattern.startswith(("(?:", "(?P<")):
        close = _closing(pattern, 0)
        inner = pattern[pattern.index(":" if pattern[2] == ":" else ">") + 1 : close]
        answers = {_opens_word(alternative) for alternative in _split_top(inner)}
        if pattern.startswith(("?", "*", "{0"), close + 1):
            return None
        return None if None in answers else True in answers
    return None


def _first_keys(pattern: str) -> tuple[frozenset[str], bool] | None:
    """What a match of ``pattern`` can start with, as dispatch keys.

    A key is the first ``_KEY_LENGTH`` letters of the first word (the whole word when it is
    shorter). Returns the keys and whether the pattern can match the empty string, or None
    when the start is not plain enough to tell (such a branch is then tried everywhere).
    """
    i = 0
    while True:  # zero-width openers constrain nothing we need
        if pattern.startswith("\\b", i):
            i += 2
        elif pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            i = _closing(pattern, i) + 1
        else:
            break
    if i >= len(pattern):
        return frozenset(), True
    if pattern[i] == "(":
        close = _closing(pattern, i)
        if pattern.startswith("(?:", i):
            inner = pattern[i + 3 : close]
        elif pattern.startswith("(?P<", i):
            inner = pattern[pattern.index(">", i) + 1 : close]
        else:
            return None
        after = close + 1
        optional = False
        if pattern.startswith(("?", "*"), after):
            optional = True
            after += 1
        elif pattern.startswith("{0", after):
            optional = True
            after = pattern.index("}", after) + 1
        elif pattern.startswith(("+", "{"), after):
            return None
        if pattern.startswith("?", after):  # lazy quantifier
            after += 1
        rest = pattern[after:]
        keys: set[str] = set()
        nullable = False
        for alternative in [*_split_top(inner), *([""] if optional else [])]:
            found = _first_keys(alternative + rest)
            if found is None:
                return None
            keys |= found[0]
            nullable = nullable or found[1]
        return frozenset(keys), nullable
    j = i
    while j < len(pattern) and pattern[j] in _WORD_CHARS:
        j += 1
    word = pattern[i:j]
    following = pattern[j : j + 1]
    if not word:
        return None
    if following in ("", " ", "$", "|", ")") or pattern.startswith("\\b", j):
        return frozenset({word[:_KEY_LENGTH]}), False
    if following == "(" and _opens_word(pattern[j:]) is False:  # "he(?: \w+)": a whole word
        return frozenset({word[:_KEY_LENGTH]}), False
    if following in ("?", "*", "{"):  # the last letter is optional
        word = word[:-1]
    if len(word) < _KEY_LENGTH:
        return None
    return frozenset({word[:_KEY_LENGTH]}), False


def _build() -> tuple[dict[str, tuple[_Branch, ...]], tuple[_Branch, ...], tuple[_Branch, ...]]:
    by_key: dict[str, list[_Branch]] = {}
    everywhere: list[_Branch] = []
    every_branch: list[_Branch] = []
    for index, (category, negatable, actor_not_me, raw) in enumerate(_RULES):
        body = _expand(raw)
        for kind in ("v", "x"):
            # Python needs unique group names: number each "v" and "x" within the rule.
            count = 0
            while f"(?P<{kind}>" in body:
                body = body.replace(f"(?P<{kind}>", f"(?P<{kind}{count}>", 1)
                count += 1
        for alternative in _split_top(body):
            regex = re.compile(alternative)
            names = tuple(regex.groupindex)
            branch = _Branch(
                category,
                index,
                negatable,
                actor_not_me,
                regex,
                tuple(n for n in names if n.startswith("v")),
                tuple(n for n in names if n.startswith("x")),
            )
            every_branch.append(branch)
            found = _first_keys(alternative)
            if found is None or found[1]:
                everywhere.append(branch)
                continue
            for key in found[0]:
                by_key.setdefault(key, []).append(branch)
    dispatch = {
        key: tuple(sorted(branches, key=lambda b: b.rule)) for key, branches in by_key.items()
    }
    return dispatch, tuple(everywhere), tuple(every_branch)


# Branches by the first letters of the word they can start at, in rule order, so the first
# branch that matches at a position is the one a single big regex would report. Tests scan
# with _ALL_BRANCHES everywhere to prove the dispatch never leaves a branch out.
# Compiled on the first screen, not at import: a launch carries no free text, and compiling
# every pattern costs tens of milliseconds of cold start.
@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[_Branch, ...]], tuple[_Branch, ...], tuple[_Branch, ...]]:
    return _build()


_TABLE_NAMES: Final = ("_DISPATCH", "_EVERYWHERE", "_ALL_BRANCHES")


def __getattr__(name: str) -> object:
    """The compiled tables, for tests that inspect them (built on first access)."""
    if name in _TABLE_NAMES:
        return _tables()[_TABLE_NAMES.index(name)]
    raise AttributeError(name)


def _words_before(text: str, end: int, limit: int) -> list[str]:
    """Up to ``limit`` words ending right before ``end``, nearest first."""
    return text[:end].rsplit(None, limit)[-limit:][::-1]


# A negator followed by one of these negates that state, not what comes after it (Alexa's text
# has no punctuation to end the clause).
_NEGATED_STATES: Final = frozenset({"okay", "ok", "fine", "alright", "well", "good", "great"})
# Possessives that open a new clause ("his anger ...") when they stand before the core's subject.
_CLAUSE_OPENERS: Final = frozenset({"his", "their", "our"})


def _is_negated(text: str, core: int, end: int) -> bool:
    """Does a negator govern the core at ``core``? ("he has never hit me": yes.)

    Looks back up to four words and stops at a clause break or at the clause's subject
    ("he is not just distant he hits me" is not negated), except in "not like he hits me".
    """
    words = _words_before(text, core, 6)
    for i, word in enumerate(words[:4]):
        if word in _CLAUSE_BREAKS:
            return False
        if i > 0 and word in _CLAUSE_OPENERS:
            return False  # "...not abusive his anger scares me": a new clause began here
        if word in _NEGATORS:
            if i > 0 and words[i - 1] in {"mean", "meant"}:
                return False  # "he didn't mean to hit me" still reports a blow
            if i > 0 and words[i - 1] in _NEGATED_STATES:
                return False  # "i'm not okay his anger scares me": the "not" is the okay's
            return _RESTORE_AFTER.match(text, end) is None
        if word in _SUBJECTS or word == "my":
            before_subject = words[i + 1 : i + 3]
            return before_subject == ["like", "not"] and _RESTORE_AFTER.match(text, end) is None
    return False


def _actor_is_me(text: str, core: int) -> bool:
    """Is "i" the subject of the verb at ``core``? ("i keep checking my phone": yes.)"""
    for word in _words_before(text, core, 4):
        if word in _CLAUSE_BREAKS:
            return False
        if word in _SUBJECTS or word == "my":
            return word == "i"
    return False


def _core(m: re.Match[str], branch: _Branch) -> int:
    for group in branch.v_groups:
        if m.group(group) is not None:
            return m.start(group)
    return m.start()


def _scan(text: str, candidates: Callable[[str], Iterable[_Branch]]) -> SafetyCategory | None:
    """The highest-priority finding in normalised ``text``.

    Every word start is tried with the branches ``candidates`` gives for its first letters.
    At one position the branches are tried in rule order: an idiom veto skips the whole
    phrase ("it hit me hard"), a negation or a wrong actor lets the next branch try.
    """
    best: SafetyCategory | None = None
    size = len(text)
    skip_until = 0
    pos = 0
    while pos < size:
        space = text.find(" ", pos)
        end = size if space < 0 else space
        if pos >= skip_until:
            for branch in candidates(text[pos : min(end, pos + _KEY_LENGTH)]):
                m = branch.regex.match(text, pos)
                if m is None:
                    continue
                if any(m.group(g) is not None for g in branch.x_groups):
                    skip_until = m.end()
                    break
                core = _core(m, branch)
                if (branch.negatable and _is_negated(text, core, m.end())) or (
                    branch.actor_not_me and _actor_is_me(text, core)
                ):
                    continue
                if best is None or _PRIORITY[branch.category] < _PRIORITY[best]:
                    best = branch.category
                    if best == "suicide":
                        return best
                # The phrase is read once: "he said he would shoot me" is a threat, not
                # also the fear "he would shoot me" inside it.
                skip_until = m.end()
                break
        pos = end + 1
    return best


def _dispatched(key: str) -> Iterable[_Branch]:
    dispatch, everywhere, _ = _tables()
    found = dispatch.get(key, ())
    if everywhere:  # kept empty by a test; here so that a new rule can never go unseen
        return sorted((*found, *everywhere), key=lambda b: b.rule)
    return found


# A second look, by concept rather than phrasing, for what the rules above do not word exactly:
# not wanting to exist (with hedges in between), finality euphemisms, a method with a quantity
# or a search for one, fresh wounds, fear of being found or of harm to a child, being shut in
# while someone rages, control of documents and whereabouts, put-downs used to isolate, and
# touching that goes on after a "no". Added after held-out round 4 (tests/safety/heldout.yaml);
# round 5 (heldout5.yaml) was frozen before it and measured once. Texts are normalised first.
_PARTNER = r"(?:he|she|they|partner)"
_SECOND_LOOK: Final[tuple[tuple[SafetyCategory, str], ...]] = (
    (
        "suicide",
        r"\b(?:do not|no longer|never|can not|cannot) (?:\w+ ){0,3}?(?:want|wish|wanna) to "
        r"(?:be alive|exist|keep living|go on living|do life"
        # Weaker words count only at the end of what was said ("...wake up early" is not it).
        r"|(?:live|wake up|be here|be around)(?: anymore| any more| any longer| at all| again"
        r"| tomorrow| ever)?$)",
    ),
    # "I'd rather die than call his mother" is hyperbole; "I'd rather be dead" is not.
    ("suicide", r"\brather (?:not (?:wake up|be alive|exist|live|be here)|be dead|die)\b(?! than)"),
    ("suicide", r"\b(?:stopped|stop|not|never) (?:existing|being alive)\b"),
    ("suicide", r"\b(?:never|not to|not) (?:have to )?wake up (?:again|ever|at all)\b"),
    (
        "suicide",
        r"\b(?:checked|check|checking) out for good\b"
        r"|\b(?:go away|be gone|disappear|end (?:it|everything|it all)) (?:for good|forever"
        r"|permanently)\b",
    ),
    ("suicide", r"\bdone with (?:all of it|everything|it all|life|living|being alive)$"),
    (
        "suicide",
        r"\b(?:nothing|no reason|no point|no way out) (?:\w+ ){0,2}?(?:left|to live|in living)\b"
        r".*\bwant (?:it|it all|everything|the pain) to (?:stop|end|be over)\b",
    ),
    (
        "suicide",
        r"\b(?:take|taking|took|swallow|swallowing|swallowed) (?:all|every one|a bunch|a lot"
        r"|too many|a handful|the whole (?:bottle|pack|box))(?: of)?(?: my| the| these)?"
        r"(?: \w+)? (?:pills|tablets|meds|medication|painkillers)\b",
    ),
    (
        "suicide",
        r"\b(?:looked|looking|look) up (?:\w+ ){0,2}(?:tallest|highest) (?:bridge|building|cliff)"
        r"|\b(?:ways|how) to (?:kill myself|die|end my life|overdose)\b",
    ),
    (
        "suicide",
        r"\b(?:point|reason)\b(?: \w+){0,4} (?:being alive|stay alive|staying alive|to live"
        r"|to be alive|keep living|keep going)\b",
    ),
    (
        "suicide",
        r"\bgiv(?:e|ing|en|ve) (?:away )?(?:all )?my (?:things|stuff|belongings|possessions)\b",
    ),
    (
        "suicide",
        r"\b(?:stood|standing|stand|went|go|sat|sitting|was) (?:on|to|at) the edge of "
        r"(?:the|a) (?:bridge|roof|cliff|building|platform)\b",
    ),
    ("self_harm", r"\b(?:fresh|new) (?:cuts|scars|burns|wounds) on my\b"),
    ("self_harm", r"\buntil (?:i|my \w+) (?:bleed|bleeds|bled|bruise|bruised)\b"),
    (
        "danger",
        rf"\b{_PARTNER} (?:has|has got|got|bought|is holding|is carrying) (?:a |his |her )?"
        r"(?:gun|knife|weapon|rifle|pistol)\b",
    ),
    (
        "danger",
        rf"\b{_PARTNER} (?:said|says|threatened|threatens|told me|tells me) (?:that )?"
        rf"(?:{_PARTNER} )?(?:will|would|is going to) (?:hurt|kill|hit|harm) me\b",
    ),
    (
        "danger",
        rf"\bscared (?:that )?{_PARTNER} (?:will|would|is going to|might|could) "
        r"(?:find|hurt|kill|hit|come after|track down) me\b",
    ),
    (
        "danger",
        rf"\b{_PARTNER} (?:is going to|will|might|could|wants to) (?:hurt|harm|kill|hit) "
        r"(?:the|my|our) (?:baby|kids|children|son|daughter|child)\b",
    ),
    (
        "danger",
        r"\blocked (?:myself )?in (?:the|a|my) (?:bathroom|bedroom|room|car)\b"
        r".*\b(?:yelling|screaming|banging|shouting|outside|trying to get in)\b",
    ),
    (
        "abuse",
        rf"\b{_PARTNER} (?:keeps|took|takes|hides|hid|holds|locked away|locks away) "
        r"(?:away )?my (?:passport|id|documents|papers|bank card|wages|paycheck)\b",
    ),
    (
        "abuse",
        r"\b(?:have|has|make|makes|made) (?:me )?(?:to )?(?:tell|report to|text|check in with) "
        r"(?:him|her|them|partner) where i am\b",
    ),
    (
        "abuse",
        rf"\b{_PARTNER} (?:tells|told|says|said|keeps telling) me (?:that )?(?:nobody|no one) "
        r"(?:else )?would (?:ever )?(?:want|love|put up with|have) me\b",
    ),
    (
        "sexual_abuse",
        r"\b(?:will not|does not|never|not) stop touching me\b"
        r"|\btouch(?:es|ed|ing)? me (?:when|after|even when|even though|although) i "
        r"(?:say|said|tell|told|push|pushed) (?:no|him away|her away|them away|stop)\b",
    ),
)


@lru_cache(maxsize=1)
def _second_look() -> tuple[tuple[SafetyCategory, re.Pattern[str]], ...]:
    return tuple((category, re.compile(rx)) for category, rx in _SECOND_LOOK)


def _rank(category: SafetyCategory) -> int:
    return _PRIORITY[category]


def _by_concept(text: str) -> SafetyCategory | None:
    found: list[SafetyCategory] = [c for c, regex in _second_look() if regex.search(text)]
    if not found:
        return None
    best: SafetyCategory = min(found, key=_rank)
    return best


def _first(*found: SafetyCategory | None) -> SafetyCategory | None:
    present: list[SafetyCategory] = [f for f in found if f is not None]
    if not present:
        return None
    best: SafetyCategory = min(present, key=_rank)
    return best


def screen(text: str | None) -> SafetyFinding | None:
    """Screen one utterance; a finding means: stop coaching and offer help.

    Never raises on any string, never logs, never keeps the text.
    """
    if not text:
        return None
    norm = normalise(text)
    found = _first(_scan(norm, _dispatched), _by_concept(norm))
    return SafetyFinding(found) if found is not None else None
