"""A clean statement read with the skill's own words: the one place that does it.

StatementIntent (skill/language/statement.py) carries the words after an opening ("i", "the",
"can you", "we", ...) so that they reach the safety screen. A statement that screens clean used
to be a miss; :func:`interpret` reads its words first for what the skill already understands:
navigation ("say that again", "go back", "hold on", "how does this work", "never mind bye"),
"not sure", yes and no, privacy ("do you save", "delete"), and an exercise named by its id
words ("the breathing", "check in"). ``None`` means nothing matched: the caller goes on to the
open step's free-text answer, the owner of the opening, or a fallback. The safety screen has
always run before this.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from skill.language.normalise import fold
from skill.language.patterns import LazyPattern

__all__ = [
    "HEDGE_LEADS",
    "LEAD_WORDS",
    "RULES",
    "SIDE_WORDS",
    "TOPIC_LEADS",
    "addresses_partner",
    "agrees",
    "answer_at_end",
    "declines",
    "departs",
    "exercise_named",
    "interpret",
    "is_heard",
    "leaves",
    "leaves_in_passing",
    "meta_question",
    "ordinal",
    "pause_only",
    "unsure_only",
]

_EXIT: Final = "AMAZON.StopIntent"

_PAUSE_IDIOM: Final = (
    r"^((ok|okay|oh|sorry|um|er|right) )*((hold|park|keep) that thought|hang about)\b"
    r"|\bbear with me\b"
    r"|\b(i'll|i will) be (right )?back\b|^((ok|okay|sorry) )*back in (a|one|two|five) "
    r"(sec|second|secs|seconds|minute|minutes|min|mins|mo|moment|bit|tick|jiffy)\b"
    r"|\b(i'll|i will) be back in (a|one|two|five) (sec|second|minute|minutes|min|mo|moment|bit)\b"
)
_PAUSE_PLAIN: Final = (
    # Rounds 8 and 9: a pause said as the whole sentence in plain words ("pause a moment
    # please", "just wait a moment", "can we pause for a sec").
    r"^((um|uh|er|oh|just|please|sorry|ok|okay|can we|could we|can you|could you|let's|"
    r"let us) )*(pause|wait|hold)( (it|this|here|there|now|please|for|a|one|sec|second|"
    r"minute|min|moment|mo|bit|little|while|tick|just|then))*$"
)
_MISSED: Final = (
    # Rounds 8 and 9: "sorry missed that", "oh i missed the question sorry": not heard, as
    # the whole sentence, is a request to hear it again.
    r"^((sorry|oh|um|er|uh|ah) )*(i )?(missed|didn't catch|did not catch|didn't hear|did not"
    r" hear|didn't get|did not get) (that|it|what you said|the question|the last (bit|part))"
    r"( sorry| again| please| there)*$"
)
_CALLED_AWAY: Final = (
    # Said first, or after a word that stops the turn ("when the baby's crying" is an answer).
    r"^((sorry|oh|ok|okay|right|ah|um|er|hang about|hang on|hold on|wait|one sec|quick|"
    r"hold that thought|bear with me) )*(my|the|our) (little |youngest |eldest |oldest )?"
    r"(daughter|son|kids?|children|baby|"
    r"little one|toddler|mum|mom|mam|dad|boss|sister|brother|neighbou?r|flatmate|doorbell|"
    r"dog|phone)(s|'s| is| are|'re)? (calling|crying|shouting|yelling|awake|up|ringing|barking"
    r"|at the door|here|home)( me| for me| out| again| now)?$"
    r"|^((sorry|oh|ok|okay|right|hang about|hang on|hold on|wait) )*(the|my) (doorbell|door|"
    r"phone|kettle)(s|'s| is)? (going|ringing|boiling)\b"
    r"|^((sorry|oh|ok|okay|right|hang about|hang on|hold on|wait) )*(my|the|our) (daughter|son|"
    r"kids?|children|baby|little one|toddler|mum|mom|dad) (needs|need|wants|want) me( now)?$"
)

_LEAVING_FIRST: Final = (
    r"^(stop|cancel|quit)\b",
    r"\b(now|please|okay|ok|here|this|it) stop$",
    r"\b(want|like|going|gonna|have) to quit\b(?! (my|his|her|the|smoking|drinking|work|job))",
    r"\b(want|like|going|gonna) to leave (it|this|this one) (there|here|now|for now|for today)",
    r"\bleave it (there|at that|for now|for today|for tonight)\b",
    r"\bquit (for now|for today|for tonight|now|here)\b",
    r"\bi can('t|not) do this (one )?(right )?now\b",
    r"\b(that's|that is|that'll do|that will do) (enough )?for (now|today|tonight)\b",
    r"\bi('m| am) (done|finished) for (now|today|tonight)\b",
    # "i'm gonna call it a night", "let's call it a day": ending the session in an idiom.
    r"\bcall it (a night|a day|quits)\b",
    # Leaving with its reason ("none of them i'm off to bed", "i'll do this another time",
    # "i don't want to do this one anymore let's leave it", "this is too much i need to stop").
    r"\bi('m| am) (off|going|heading|gonna head) (to bed|to sleep|for the night)\b",
    r"\b(do|finish|try|pick up|continue) (this|it|this one)( again)? (another|some other) "
    r"(time|day|night)\b|\b(do|finish|try) (this|it) (later|tomorrow)$",
    r"\b(don't|do not) (want to|wanna) (do|keep doing|carry on with) (this|it|this one)"
    r"( exercise| bit)? (anymore|any more|now|tonight|today)\b",
    r"\blet('s| us) (leave|stop|end|drop) (it|this|here|there)\b",
    # pool H: "i'm not ready for this let's stop", "stop i don't want to practise this",
    # "close steady heart please": leaving said at the end, or the app named.
    r"\blet('s| us) (just )?stop( (now|here|there|for (now|today|tonight)))?( please)?$",
    # "that's very kind but i'll stop here thank you".
    r"\bi('ll| will) (stop|finish|leave it) (here|there|now)( for (now|today|tonight))?"
    r"( thanks| thank you| cheers)?$",
    r"\b(don't|do not) (want to|wanna) (practi[cs]e|keep practi[cs]ing) (this|it|this one|that)"
    r"( exercise| bit| one)?( (anymore|any more|now|tonight|today))?$",
    r"^((please|okay|ok|just) )*(close|exit|quit|shut|end|turn off) (steady heart|the app|the "
    r"skill|this app)( down| off)?( now| please| thanks| thank you)*$",
    r"\bi (need|want|have|got|gotta) to stop( (now|here|this|for (now|today|tonight)))?$",
    r"\b(this|it)('s| is) (too much|too hard|a bit much)( for me)?( right now| tonight| today)? "
    r"(i|let's) (need to |want to |have to |gotta )?(stop|quit|leave|go)\b",
    # "i'm not in the mood for role play stop": no mood for this exercise is leaving it.
    r"\bnot in the mood (for|to do) (this|that|it|any of (this|it)|role ?play|practi[cs]e"
    r"|the [a-z]+|talking|doing (this|it))\b",
    # Round 7: "that's it for me tonight cheers", "that's enough of this tonight", "i've had
    # enough of this for today", "that's me done for the night": the session's end said with
    # whose it is and when (a statement arrives with "that's" spelled out as "that is").
    r"\b(that's|that is|that'll be|that will be) (it|all|enough)( of (this|that|it))?"
    r"( (for|from) me)?( for)? (now|today|tonight|the (day|night)|one (day|night))\b",
    r"\bi('ve| have) had (enough|it)( of (this|that|it))?( for)? (now|today|tonight|the (day|night)"
    r"|one (day|night))\b",
    r"\b(that's|that is) me (done|finished|off)\b",
    # Rounds 8 and 9: leaving said softly, as a preference or with a reason ("i'd rather just
    # stop here", "i'd prefer to leave it there", "this is too hard right now can we stop",
    # "forget it not tonight"): the wish to end, whatever answer the step was waiting for.
    r"\b(i'd|i would|id) (rather|prefer to|sooner|like to) (just )?(stop|finish|leave it|end it|"
    r"call it a (day|night)|wrap (it |this )?up)( (here|there|now|for (now|today|tonight)|"
    r"please|thanks|thank you|if (that's|that is) (ok|okay|alright)))*$",
    r"\b(can|could|shall|may) (we|i) (please )?(just )?(stop|finish|leave it|end it|wrap (it |this"
    r" )?up|call it a (day|night))( (here|there|now|please|for (now|today|tonight)|thanks))*$",
    r"^((oh|nah|no|ah|actually|just|um) )*(forget|never mind) (it|this|about it)( (not|maybe) "
    r"(tonight|today|now|right now|another (time|day|night)))( thanks| sorry)?$",
)
_IN_PASSING: Final = (
    # "ok i'm out", "right i'm off then": leaving in passing (a bare "i'm off" may be a mood).
    r"^((ok|okay|right|alright|well|anyway|yeah) )+i('m| am) (out|off)( now| then)?$",
    r"^i('m| am) out( of here)?( now| then)?$|^i('m| am) off (now|then)$",
    # "i'll stop here", "i'm going to stop there" (a free answer may keep only "stop here").
    # Round 7: "okay i'm gonna stop here", "right i think i'll leave it there".
    r"^((ok|okay|right|alright|well|so|yeah|anyway|i think) )*(i('ll| will|'m going to|'m gonna|"
    r" am going to| am gonna) )?(stop|finish|leave it) (it |this )?"
    r"(here|there|now)( for (now|today|tonight))?$",
    # "forget it close this", "okay i'm done with this close it", "turn it off".
    r"(^|\b(this|it|just|please|now|and|so|ok|okay) )(close|shut) (it|this)( down| off)?"
    r"( now| please)?$",
    r"\b(turn|switch|shut) (it|this|the app|the skill|the thing|this thing|alexa) (off|down)"
    r"( now| please)?$",
    # Round 10: "forget the whole thing i'm going": the whole session dropped, and leaving.
    r"^((oh|nah|no|ah|actually|just|okay|ok) )*forget (the whole thing|all of it|all of this|"
    r"everything)( (then|now))?( i('m| am) (going|off|out|done|leaving))?$",
    # What "i would {answer}" leaves of "i would rather just leave it here" (rounds 8, 9).
    r"^(rather|prefer to|sooner) (just )?(stop|finish|leave it|end it|call it a (day|night)|wrap "
    r"(it |this )?up)( (here|there|now|for (now|today|tonight)|please|thanks|thank you))*$",
)
"""Leaving in passing, whole to the end of the sentence: what is left of it after a carrier
("i'll {answer}" keeps "stop here") still says it (see :func:`leaves_in_passing`)."""
_LEAVING_PATTERNS: Final = (*_LEAVING_FIRST, *_IN_PASSING)
"""Leaving in words that cannot be an answer: read first at every step (see :func:`leaves`)."""

# (intent, word patterns), first match wins; patterns are whole words over the full sentence.
RULES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    (
        _EXIT,
        (
            *_LEAVING_PATTERNS,
            r"\bbye\b",
            # Round 9: "nothing tonight thanks", "none of them today cheers": nothing wanted,
            # and when, is the session's end (not "nothing really", which may be an answer).
            r"^((um|er|oh|nah|no|honestly|actually|just) )*(nothing|none of (them|those|these|it)|"
            r"not anything)( (else|more))?( for me)?( (tonight|today|this (evening|time)|for "
            r"(now|tonight|today)))( (thanks|thank you|cheers|sorry|ta))*$",
            # "goodnight then", "i'm gonna stop here goodnight" (not "he didn't say goodnight").
            r"^((okay|ok|right|well|anyway) )*good ?night( then| now| all)?$",
            # Round 10: "none of those i'm off", "nothing thanks i'm out", "neither of them
            # i'm heading off": nothing offered is wanted, and the person says they are going.
            r"^((um|er|oh|nah|no|honestly|actually|sorry) )*(none of (them|those|these|that|it)|"
            r"neither( of (them|those|these))?|nothing( else)?|not any of (them|those))"
            r"( (thanks|thank you|cheers|sorry|mate|love|ta|really))* i('m| am) (off|out|going|"
            r"leaving|heading off|heading out|done)( now| then| thanks| cheers| bye)*$",
            r"\b(here|there|now|then|thanks|thank you|it|all|cheers) good ?night$",
            r"^((okay|ok|actually|oh|just) )*forget (it|this)( (i|i'm) (don't|do not|not) "
            r"(want to|wanna|going to|gonna) (do )?(this|it)( anymore| now| today)?)?$",
            r"^((just|okay|ok|actually) )*leave it( there| now)?( that's enough| please)?$",
            r"\bgoodbye\b",
            r"never mind",
            r"^((nah|no|oh|ah|ugh|actually) )*forget (it|this|about it|this one)$",
            r"that's enough for",
            r"^cancel\b",
            r"^stop\b",
            r"\bstop (this|the|it|now|please)\b",
            r"\bi( am|'m) (done|finished)\b",
            r"\bthat's (all|it) for (now|today|tonight|the (day|night))\b",
            r"^(no |okay |ok )?that's (all|it)\b",
            r"\benough for (now|today|tonight)\b",
            r"\b(gotta|got to|have to|need to) go\b",
            r"\b(talk|speak) (to you )?later\b",
            r"\bleave it (there|at that|for now|for today|for tonight)\b",
            r"^(i )?quit\b|\b(can|could|may) (i|we) (quit|stop) (now|here|this|please)\b",
            r"\bthat('ll| will) do (for now|for today|for tonight)\b",
            r"^(okay |ok )?(thanks|thank you|cheers)( (then|so much|a lot))?$",
        ),
    ),
    (
        "WhatDoYouKeepIntent",
        (
            r"do you (save|keep|record|store)",
            r"who (else )?can (see|hear)",
            # Round 10: "who's going to hear this answer", "who's gonna see these answers".
            r"\bwho('s| is| else is) (going to|gonna|gunna) (hear|see|read|listen to|get)"
            r" (this|that|it|these|those|what|my|any)\b",
            r"(save|keep|record|store) what i say",
            r"what (kind of |sort of )?notes",
            r"(get|gets|going) to (hear|see|read) (what|my)",
            r"\b(can|could|will|would|is|are) (he|she|they|anyone|anybody|someone|somebody|people|"
            r"other people|my \w+)( \w+)? (going to |gonna )?(be able to )?(see|hear|read|access) "
            r"(this|that|it|what i|what we|my (answers|notes|words)|(any|all) of (this|it)"
            r"|all (this|that)|everything)",
            r"\b(is|was|are) (any of )?(this|it|that|my answers?|what i say) (being )?"
            r"(saved|kept|recorded|stored)\b",
            r"\bwe share (the|an|this|one|a) (account|device|echo|alexa|speaker)\b",
            # pool H: a named person or the shared device ("who would be able to read these
            # notes my husband uses this same echo", "will it tell her", "is this going to be
            # saved somewhere tom can find it", "does any of this get saved anywhere", "will
            # you remember this or does it get deleted", "is this practice saved with my name").
            r"\bwho (else )?(would|will|could|can|might) (be able to )?(read|see|hear|listen to|"
            r"access|get)\b",
            r"\b(uses|use|using|shares|share|sharing) (this|the|our|my) (same|one|very same) "
            r"(echo|device|speaker|alexa|account)\b|\b(both|also) (use|uses|share) (this|the|our|"
            r"my|one) (echo|device|speaker|alexa|account)\b",
            r"\b(will|would|could|can|does|might) (it|alexa|this|the echo|the app) (tell|show|"
            r"read|play|repeat|say) (it |this |that |what i said )?(to )?(her|him|them|my \w+|"
            r"anyone|anybody|someone)\b",
            r"\b(is|was|are|will|would|does|do) (any of )?(this|it|that|all this|my answers?|"
            r"what i say|what i said)( \w+)? (be |get |gets |being |going to be |gonna be |ever )?"
            r"(saved|kept|recorded|stored|deleted|wiped|shared)\b",
            r"\b(be|get|gets|being|is|was|are) (saved|kept|stored|recorded) (somewhere|anywhere|"
            r"with my name)\b",
            r"\bwill you (remember|keep|save|store|record) (this|that|it|what i|any of|everything)",
            # "does he get told any of this", "is it private though", "would she be able to
            # ask it what i said", "is he able to see what i pick".
            r"\b(get|gets|getting) told (any of |about )?(this|that|it|what i)",
            r"^(is|was) (it|this|that|all this|any of this) (really |actually )?private\b",
            r"\b(is|are|was) (he|she|they|anyone|anybody|someone|my \w+) able to "
            r"(see|hear|read|ask|find out)\b",
            r"\b(be able to|can|could) ask (it|alexa|you|the echo) (what|about what) (i|we)\b",
            r"\b(who|anyone) (else )?(can|could) (read|see|hear|listen to) (these|those|that|them|"
            r"my|the|this|what)\b",
            r"\bwhere does (it|this|that|all (this|that|of it)|it all) go\b",
            # The same question after a carrier took "can" or "is" ("can {he} {deed}"):
            # "he hear any of this later", "she able to hear this".
            r"^(he|she|they|my \w+) (be )?(able to )?(hear|see|read|find out)\b"
            r"( any of| all of)? (this|that|it|what i|my|everything)\b",
            # "is he gonna hear this", "does he get told what i say", "is anyone else hearing
            # this", "would this get played back if my partner uses the echo".
            r"\b(is|will|would|can|could|does|do) (he|she|they|anyone|anybody|someone|somebody|"
            r"my \w+)( else)? (\w+ )?(going to |gonna )?(get )?(hear|hearing|see|seeing|read|"
            r"told|find out|know|listen to|listening to)\b( (this|that|it|what i|about (this|it)|"
            r"any of|these|my))",
            r"\b(this|it|that|what i say|my answers?) (get |be |being )?(played|read) back\b",
            r"\b(anyone|anybody|someone|somebody) (else )?(hearing|listening to) (this|me|us)\b",
            r"(don't|do not) want you (keeping|to keep|saving|to save|recording|to record)",
            # "will whatever i say show up in the alexa app", "does this end up in my history",
            # "can the kids hear this if the speaker's in the kitchen".
            r"\b(show|shows|showing|turn|end|come|pop) up (in|on) (the|my|his|her|our|their) "
            r"(alexa |echo |amazon )?(app|history|phone|account|voice history|recordings)\b",
            # Round 7: "will the missus be able to read those notes", "is anyone else getting
            # this info like amazon", "does amazon get my answers", "do you share this with
            # anyone": who else gets what is said here, a person in the house or a company.
            r"\b(can|could|will|would|is|are|does|do) (he|she|they|him|her|the \w+|my \w+|"
            r"anyone|anybody|someone|somebody)( else)? (going to |gonna )?(be able to )?"
            r"(see|hear|read|access|get|find|open|look at|listen to) (at |to )?(these|those|the|my|"
            r"our|any|all) (notes|answers|entries|words|recordings|check ins|history)\b",
            r"\b(is|are|does|do|will|would|can|could) (anyone|anybody|someone|somebody|amazon|"
            r"alexa|the company|people|you|they)( else)? (\w+ )?(get|gets|getting|see|seeing|"
            r"receive|receiving|access|accessing|sell|selling|share|sharing|keep|keeping|use|using"
            r"|read|reading|have|having) (access to )?(this|that|it|my|the|any|all|our|what i)"
            r"( \w+){0,2} (info|information|data|details|recordings|answers|notes)\b",
            r"\b(is|are|does|do|will|would|can|could) (anyone|anybody|someone|somebody|amazon|"
            r"the company|other people)( else)? (get|gets|getting|see|seeing|receive|receiving)"
            r" (this|that|it|any of (this|it)|all (of )?this)$",
            r"\b(does|do|is|will|would|can|could) amazon (\w+ )?(see|hear|listen|get|keep|store|"
            r"read|know|record|have|use|sell)\b",
            r"\b(share|sharing|sell|selling|pass|passing|send|sending|give|giving) (this|it|that|"
            r"my \w+|what i say|any of (this|it)|the \w+)( on)? (with|to) (amazon|anyone|anybody|"
            r"advertisers|third parties|other people|the company|companies)\b",
            r"\bwho (else )?(gets|sees|has|reads|can get|can access|has access to) (this|my|the|"
            r"what i|these|those|all this|any of this)\b",
            r"\bwho (else )?(gets|has|is going|is gonna) to (see|hear|read|look at|listen to)\b",
            r"\b(is|are|will|would|does|do) (my|this|the|our|all this) (data|info|information|"
            r"answers|notes|details|recordings) (get |be |being )?(shared|sold|passed on|sent|"
            r"given)\b",
            r"(^|\b(can|could|will|would|might) )(the|my|our) (kids|children|kid|neighbours|"
            r"neighbors|flatmates?|housemates?|family|parents|in-laws|son|daughter|boys|girls) "
            r"(\w+ )?(hear|overhear|see|listen to) (this|that|it|what i|what we|any of|everything)"
            r"\b",
        ),
    ),
    ("DeleteDataIntent", (r"\bdelete (it|that|everything|my|whatever|what)", r"\berase\b")),
    (
        "AMAZON.RepeatIntent",
        (
            r"(say|said) (that|it) again",
            r"\bsay (what|that|it|the) .*again$",
            # Rounds 8 and 9: said again with what is to be said named ("can you say those
            # three again", "can you play what he says again", "could you read them out again").
            r"\b(can|could|would|will) you (please )?(just )?(say|play|read|repeat|list|go over|"
            r"run through) (me )?(those|these|them|what (he|she|they|you) (says|said|asked)|his|"
            r"her|their|the|that|it|this)\b.{0,30}\b(again|once more|one more time)( please)?$",
            _MISSED,
            r"what was (that|it|the question)",
            r"what (was|were|are) the (other|two|three) (ones?|options?|choices|words?)",
            r"^((sorry|um|er|so) )*what (was|is) (the|that) (first|second|third|last|middle)"
            r"( one| option| thing)?( again)?$",
            r"^((sorry|um|er|so) )*(what|which) (were|are) (they|those|the (three|two|options|"
            r"choices|ones))( again)?$",
            r"\bask (me )?(that|it|this|the)( one| question| bit)? again\b",
            r"\bask (me )?(that|it|this|the question)( one| bit)? (one more time|once more)\b",
            r"^what did (he|she|they|you|my [a-z]+) (just )?say( again| sorry| please)*$",
            # pool H: said again politely ("could you say that once more a bit slower please",
            # "could you play her line once more", "what's the talk about did you say").
            r"\b(play|say|read|repeat|tell me) (me )?(what (he|she|they|you) said|(his|her|their|"
            r"the) (line|bit|words|question)|(that|it|this))( again)? (once more|one more time|"
            r"again|(a )?(bit |little )?(slower|more slowly|slowly))\b",
            r"\b(say|read|speak) (that |it |this )?(a (bit|little) )?(slower|more slowly)\b",
            r"\b(would you mind|could you|can you|would you) (saying|repeating|reading|playing|"
            r"going over) (that|it|this|the question|his line|her line|their line)\b",
            r"\bdid you say( again| sorry)?$",
            # "can you play what he said again", "read me her line again"
            r"\b(play|say|read|tell me) (me )?(what (he|she|they|you) said|(his|her|their|the) "
            r"(line|bit|words)|(that|it)) again\b",
            r"\bis that the question\b|^(one thing )?about what$",
            r"^(\w+ ){0,3}(?<!so )what( sorry)?$",
            r"^the question( again)?$",
            r"what did you (just )?(say|ask|mean)\b|what do you (just )?(say|ask)\b",
            r"^((sorry|um|uh|er|so|wait) )*what do you mean( sorry)?$",
            r"\b(go|run) (over|through) (those|them|that|it|the options|the choices)"
            r"( one more time| again)\b",
            r"what (are|were) you asking",
            r"hear (that|it) again",
            r"options again",
            r"^again\b",
            r"^((please|sorry|can you|could you) )?say again\b",
            r"\brepeat\b",
            r"come again",
            r"\bpardon\b",
            r"^sorry what\b|\bor what sorry$",
            r"say (that |it )?one more time",
            r"i (missed|didn't (catch|hear)) "
            r"(that|it|what you said|the (last|first) bit|the question)",
            # "can you list those again i missed the middle one", "run through them once more".
            r"\b(list|name|read|tell me|give me|go through) (those|them|the options|the choices|"
            r"the three|the ones|it|that)( out)?( all)? (again|once more|one more time)\b",
            r"\bi (missed|didn't (catch|hear)|lost) the (middle|second|third|last|first|other) "
            r"(one|bit|option|choice|part)\b",
            r"\b(lost|losing) (the thread|track|my place)\b",
        ),
    ),
    (
        "AMAZON.PreviousIntent",
        (
            r"\bgo back\b",
            r"^back\b",
            r"\bback (a|one) (step|question)\b",
            r"\bprevious (question|step|one)\b",
            r"\bundo\b",
            r"wrong (word|answer)",
            r"change my (word|answer)",
            # "hang on can i change what i said before", "can i take back my last answer".
            r"\b(change|fix|redo|correct|take back) (what i (said|picked|chose|told you)|my "
            r"(last |earlier |previous )?(answer|word|pick|choice))\b",
        ),
    ),
    (
        "AMAZON.PauseIntent",
        (
            r"hold on(?! (so |um |sorry )*(what|how|why|who|is|does|can|where)\b)",
            r"hang on(?! (so |um |sorry )*(what|how|why|who|is|does|can|where)\b)",
            # "wait what even is this app" asks; "wait i need a sec" pauses.
            r"^wait\b(?! (so |um |sorry )*(what|how|why|who|is|does|can|where)\b)",
            r"wait a (sec|second|minute)",
            _PAUSE_PLAIN,
            r"(give me|give us|gimme|hold up|just) (a|one) (sec|second|minute|moment|mo|min)\b",
            r"^hold up\b",
            r"^(just )?(a|one) (sec|second|mo|moment|min)\b(?! of\b)",
            # "just a minute i need to blow my nose" (not "a minute of breathing").
            r"^(just )?a minute\b(?! (of|ago|or|later|breathing|practice)\b)",
            r"one (sec|second|moment)",
            r"\bmoment to think\b",
            r"^(let me|i need to) think\b",
            # "let me have a think one sec", "let me just think about that".
            r"^let me (have a (think|ponder|sec|second|moment)|just think|think about (it|that))\b",
            # "one minute my son's calling" (not "one minute breathing practice").
            r"^(just )?one (minute|min)( please| sorry)?$",
            r"^(just )?one (minute|min) (my|the|i|i'm|someone|somebody|he|she|sorry|let|hang)\b",
            r"\bbe right back\b",
            r"\b(someone|somebody)('s| is) at the door\b",
            r"\bphone('s| is) (ringing|going)\b",
            r"\b(sec|second|minute|moment|mo) to think\b",
            # pool H: "hold that thought the oven's beeping", "the baby's crying one sec".
            r"\bhold that thought\b",
            r"\b(the )?(oven|kettle|timer|alarm|doorbell|phone)('s| is) (beeping|going off|ringing"
            r"|boiling)\b",
            # Round 7: "hold that thought my daughter's calling me", "bear with me the baby's
            # awake", "back in a minute": a pause in an idiom, or someone in the house who
            # needs them now, said as the whole point (a statement spells "daughter's" as
            # "daughters").
            _PAUSE_IDIOM,
            _CALLED_AWAY,
        ),
    ),
    (
        "AMAZON.HelpIntent",
        (
            r"how does (this|it|the)( [a-z]+){0,3} (actually )?work",
            r"\bgive me an example\b|\bfor (an )?example\?$",
            r"^what (sort|kind) of (thing|things|answer|stuff) do you (mean|want)\b",
            # Help asked in the step's own terms: "what kind of thing should i say", "what
            # sort of word are you after", "what do you mean like anything at all".
            r"^what (sort|kind|type) of (thing|things|word|words|answer|answers|stuff)"
            r"( do| should| am| can| would| are| is| did)? (i|you|people|someone|others|most)\b",
            r"^((sorry|um|uh|er|so|wait) )*what do you mean (?!sorry$).+",
            r"\bwhat (am i|do i|should i|can i) (be )?((meant|supposed) to (be )?)?"
            r"(say|saying|answer|answering|put|putting)\b",
            r"^how (am i|do i|should i) (meant to |supposed to )?(answer|reply|respond|say|do) "
            r"(to )?(this|that|it|here|him|her)\b",
            r"how (is|does|will) (this|it) (supposed to |meant to |going to )?help",
            # Round 10: "how am i meant to respond what's a good answer supposed to sound
            # like": how to answer, and what a good answer is, asked about the step.
            r"^((so|um|er|okay|ok|sorry) )*how (am i|do i|should i) (meant to |supposed to )?"
            r"(answer|reply|respond)\b",
            r"\bwhat('s| is| would be| should be| does) a (good|right|proper|decent) (answer|reply|"
            r"response)( (supposed to |meant to )?(be|sound like|look like))?\b",
            r"what do i (actually )?(say|do)( here| now| in this( one| bit)?)?$",
            r"(meant|supposed) to (say|do|answer|put|tell you)( here| now| to this)?"
            r"( exactly| then)?$",
            r"what does this( bit| part| one)? (actually )?do",
            r"what('s| is) (a|an) [a-z]+ (exactly|anyway)$",
            r"what('s| is) the point of (this|it)",
            r"i don't (get|understand) (it|this|what (to|i))",
            r"what is this (for|about)$",
            # "what is this app actually", "how's it work eh", "what happens if i say no",
            # "why are you asking me that", "what's the difference between them".
            r"^((sorry|um|er|so|wait|okay|ok) )*what('s| is) (this|that|it) (app|thing|skill)\b",
            r"^((sorry|um|er|so|wait|okay|ok) )*what('s| is) this$",
            r"\bhow('s| is| does| do) (it|this|that|this thing|this app) (even |actually )?work\b",
            r"^what happens if i (say|answer|pick|choose) (no|yes|nothing)\b",
            r"^why (are|do) you (asking|ask|want to know|need to know)\b",
            r"\bwhat does (that|this|it|pleasant|unpleasant) (even |actually |really )?mean\b",
            r"\bwhat('s| is) the difference between\b",
            r"\b(don't|do not) (really )?(know|understand|get) what (that|this|it) means\b",
            r"\bwhat (can|do|should) i (even |actually )?(say|ask for|pick|choose)\b",
            r"^how (many|long|often) (rounds|times|breaths|minutes)\b",
            # "why are you asking me this", "what would a good answer even sound like",
            # "what counts": asking what the question is after.
            r"^why (are you asking|do you (ask|want to know|need to know)|does (this|it) matter)",
            r"\bwhat (would|does|should|might) a (good|right|decent) (answer|reply|one) "
            r"(even |actually )?(sound|look) like\b",
            r"^what counts\b",
            # "wait what even is this app", "so what is this thing exactly".
            r"\bwhat( even| exactly| actually)? (is|'s) (this|that|it)( even| exactly)? "
            r"(app|thing|skill|one)\b",
            # "what's this got to do with boundaries", "what has that to do with anything".
            r"\bwhat('s| is| has| does) (this|that|it)( got)? (to do|have to do) with\b",
            # "how's this supposed to work", "do i just pick one or what".
            r"\bhow('s| is| does) (this|it|that)( even)? (supposed|meant) to work\b",
            r"\b(do )?i (just )?(pick|choose|say) (one|a word|either)( or what)?$",
            # pool H, help asked politely or at length: "i'm terribly sorry i'm not sure how any
            # of this works what is this exactly", "what is steady heart what does it do",
            # "could you explain what i can choose", "i don't understand what you're asking".
            r"\b(not sure|no idea|don't (know|understand)|do not (know|understand)) how (any of )?"
            r"(this|it|these things|this thing|the app|alexa) (all )?works?\b",
            r"\bwhat('s| is) (this|it|that) (exactly|all about|for exactly)\b",
            r"^((so|sorry|um|er|and|okay|ok) )*what('s| is) steady heart\b",
            r"\bwhat does (it|this|this app|the app|steady heart|this thing) (actually |even |"
            r"really )?do( exactly| anyway)?$",
            r"\b(could|can|would) you (please )?(just )?explain\b",
            r"\bnot (really |quite )?sure what (any of )?(those|these|them|that|this|it|they) "
            r"(mean|means|are)\b",
            r"\b(don't|do not|not sure i|can't) (really |quite )?(get|understand|follow|know) what "
            r"you('re| are)? ?(asking|after|looking for|mean|want)\b",
            r"\bwhat (exactly |actually )?(am i|do i|should i) ((meant|supposed) to )?(do|say) "
            r"(here|now|in this|with this)\b",
            r"\bwhat do i (actually )?(say|do) (here|now)\b",
            r"\bhow (do|does) (this|it|any of this) work\b",
            # Round 9: "wait what even is this i think i opened it by accident", "what's this
            # then i didn't mean to start it": what the app is, asked first, with an aside.
            r"^((sorry|um|er|so|wait|okay|ok|oh|hang on|hold on|hm+) )*what( even| exactly| "
            r"actually| on earth)? (is|'s) (this|it)( even| exactly| actually| then| anyway)?"
            r"( (i|i'm|i've|did|sorry|how)\b.*)?$",
            r"\b(opened|started|launched|woke|triggered|turned on|set off) (this|it|you|the app)"
            r"( up)? (by accident|accidentally|by mistake)\b",
            # Round 9: "what's validating supposed to mean here", "what does boundaries even
            # mean": a word of the step's own asked about.
            r"\bwhat('s| is| was) (\w+ ){1,2}(supposed|meant) to mean\b",
            r"\bwhat (does|do) (\w+ ){1,2}(even |actually |really )?mean"
            r"( here| exactly| then| anyway| in this| by that)*$",
        ),
    ),
    (
        "UnsureIntent",
        (
            r"(do not|don't) know$",
            r"(do not|don't) (even |really |actually )?know what (i|to) (need|feel|want|say)",
            r"(do not|don't) (even |really |actually )?know if i want (that|this|it|to)\b",
            r"(do not|don't) know( really| to be honest)$",
            r"^(hmm |um |er |well )?(i )?(do not|don't) (really |quite |actually )?know"
            r"( (really|honestly|to be honest|yet|either|tbh))*$",
            r"^i dunno\b|^dunno\b",
            r"not (really |quite |too )?sure$",
            r"not (really |quite |too )?sure "
            r"(about (that|this|it|the [a-z]+( thing)?)|to be honest|really)",
            r"can( ?not|'t) (really )?tell( to be honest| really| which| either way)?$",
            r"no idea$",
            # "no idea honestly it's all a jumble", "no idea whatever you reckon".
            r"^((um|er|uh|honestly|genuinely) )*no idea\b",
            # "i don't know you pick", "whatever you reckon i can't choose".
            r"\byou (pick|choose|decide)( for me| one)?$",
            r"^whatever you (think|reckon|like|want|say)\b",
            # "i don't know whatever you think", "um i'm not sure if i need one",
            # "i don't know how you're meant to tell honestly".
            r"\b(know|sure|idea) whatever you (think|reckon|like|want|say)\b",
            r"\bnot (really |quite |too )?sure (if|whether) i (need|want|fancy)\b",
            # Round 7: "um not sure do i need another one", "dunno if we need more", "no
            # idea should i have another go": not knowing whether they want more, asked back.
            r"^((um|er|uh|hmm|well|honestly|oh) )*((i'm|i am) )?(not (really |quite |too )?sure|"
            r"no idea|(i )?(don't|do not) (really )?know|dunno)( if| whether)? ((do|should|would|"
            r"shall) (i|we)|(i|we)( really)?) (need|want|fancy|have|do|go for|try)( (another|one|"
            r"more|it|that|this|a|again))?\b",
            r"\b(don't|do not) (really )?know how (to|you('re| are)|i('m| am)|one is|anyone) "
            r"(meant to |supposed to )?(tell|say|pick|choose|decide|know)\b",
            r"^not (really |quite )?sure how to (answer|say|put) (it|that|this)\b",
            r"^((um|uh|er|honestly|i'm|i am) )*(not (really |quite |too )?sure|no idea) (what|how) "
            r"(the right|a good|to|i('d| would| should| am meant to| am supposed to))\b",
            r"\b(bit|mix) of both\b",
            r"hard to say$",
            # pool H: "hmm not sure which to be honest", "i honestly haven't a clue what i need".
            r"not (really |quite |too )?sure which( one)?( to (pick|choose|do|go for))?"
            r"( to be honest| really| honestly| tbh)?$",
            r"\b(haven't|have not|don't have|got no|have no|no) (got )?(a |any |the (faintest|"
            r"foggiest) )?clue\b( what (i|to) (need|want|feel|say|pick|choose))?"
            r"( to be honest| honestly| really| tbh| sorry)?$",
        ),
    ),
    (
        # Asking to be heard instead of answering ("can i just tell you what he did instead",
        # "none of those i just want to talk about what happened"): the listening path. Words
        # about talking *to* the partner are a request for an exercise, read later.
        "VentIntent",
        (
            r"^((look|so|well|actually|honestly) )*(can|could|may) i (just )?(talk|rant|vent|"
            r"explain|tell you)\b(?! to (him|her|them|my))",
            r"\bi (just )?(want|need|would like|'d like) to (talk|rant|vent)\b"
            r"(?! to (him|her|them|my))",
            r"\btalk (it|this|things) (out|through)\b",
            # pool H: "forget the choosing i'd rather just talk about it for a minute".
            r"\b(rather|prefer to) (just )?(talk|vent|rant)\b(?! to (him|her|them|my))",
            # Asking to be heard first, inside a question ("can i just tell you what happened
            # first", "can i just talk for a bit instead", "i need to get it all out can you
            # just listen").
            r"^((so|um|uh|er|well|honestly|actually|look) )*(can|could|may) i (just )?"
            r"(vent|rant|talk|tell you|say)( (about (it|this|that|everything)|for a (bit|minute|"
            r"while|sec|second)|everything|what('s| has| happened| it| is)|how it|first|"
            r"something))",
            r"\b(need|want|have) to (vent|rant|get (it|this|things|stuff) (all )?(out|off my "
            r"chest))\b",
            r"\bcan you (just )?listen\b|\bjust listen( to me)?$",
            # Round 9: "i don't want to rate it i just want someone to listen to me for once",
            # "i need somebody to hear me out": wanting a listener, not an exercise or a rating.
            r"\b(want|need|would like|'d like) (someone|somebody|anyone|anybody|you) to (just )?"
            r"(listen|hear me out)\b(?! to (him|her|them|my))",
            r"\bhear me out\b",
        ),
    ),
    ("SkipIntent", (r"\bskip (this|that|it)\b", r"rather not (answer|say)\b")),
    (
        "AMAZON.NoIntent",
        (
            r"^(no|nah|nope|naa|nahh)\b(?! idea\b)",
            r"rather (you )?(didn't|did not)",
            r"^yeah nah\b",
            # "not today mate", "not tonight thanks": a no with the time it is about.
            r"^((um|er|oh) )*not (today|tonight|now|right now|this time)( mate| thanks| sorry)*$",
            # "nah that's done the trick", "that did the job thanks": it worked, so no more.
            r"^((nah|no|oh|um) )*(that's|that has|that|it's|it has|it) (done|did) "
            r"(the trick|the job|it)\b",
        ),
    ),
    (
        "AMAZON.YesIntent",
        (
            r"^(yes|yeah|yep|yup|sure|okay|ok|alright|ya|yah|yeh|aye)\b",
            # Indian English says yes in Hindi as often: "haan theek hai", "haanji".
            r"^(haan|haanji|haan ji|theek hai|thik hai|ji haan)\b",
            r"\bgo ahead\b",
            r"^go on\b",
            r"\b(that's|that is) (fine|ok|okay|alright)\b",
            r"\bsounds good\b",
            r"^why not\b",
        ),
    ),
)
SIDE_WORDS: Final = ("horrible", "awful", "terrible", "dreadful", "rubbish", "grim", "lovely")
"""Words that name the pleasantness side on their own ("horrible", "lovely")."""
TOPIC_LEADS: Final = (
    "money",
    "finances",
    "bills",
    "chores",
    "housework",
    "sex",
    "intimacy",
    "work",
    "parenting",
    "phones",
    "drinking",
    "jealousy",
    "trust",
    "holidays",
    "christmas",
    # "his mum honestly she drops by ...", "her phone she's always on it": whose thing it is
    # first (a lead of one word: a two-word lead said alone would lose its words; "the kids
    # ..." has "the").
    "his",
    "her",
)
"""What a talk is most often about, said first as a word ("money basically ..."): a lead of its
own, so the clause after it reaches the skill with it (the opener's topic)."""
LEAD_WORDS: Final = (
    "never mind",
    "hold on",
    "hang on",
    "sorry",
    "stop",
    "wait",
    "no",
    "nah",
    "yeah",
    "yes",
    "okay",
    "ok",
    "sure",
    "hmm",
    "er",
    "mm",
    "right",
    "can we",
    "could we",
    "can i",
    "could i",
    "could you",
    "let us",
    "what",
    "that",
    "this",
    "something",
    "say",
    "back",
    "cancel",
    "undo",
    "do you",
    "does",
    "one more",
    "pretty",
    "go",
    "before",
    "is this",
    "him",
    "you",
    "you are",
    "yep",
    "yup",
    "is there",
    "is any",
    "give me",
    # Questions about the partner ("is he gonna hear this", "will she find out"): the whole
    # question reaches the reader (privacy, or a miss), not a deed's slot.
    "is he",
    "is she",
    "will he",
    "will she",
    "can he",
    "can she",
    "does he",
    "does she",
    "is anyone",
    "can anyone",
    "will anyone",
    # What closeness or a topic looks like, said as a doing ("talking", "being noticed",
    # "laughing together", "whether we should stay together").
    "being",
    "knowing",
    "sharing",
    "talking",
    "laughing",
    "eating",
    "spending",
    "cuddling",
    "holding",
    "whether",
    "must",
    "aw",
    "kind of",
    # The side said first with a comment after ("pleasant i guess which is weird",
    # "unpleasant mostly if i'm honest"), a pause or a need said as a phrase ("let me have a
    # think", "give us a sec the kettle's on", "some sleep and a cuppa"), a question about
    # the children ("can the kids hear this").
    "pleasant",
    "unpleasant",
    "let me",
    "give us",
    "some",
    "can the",
    "one sec",
    "one second",
    "one minute",
    "whatever",
    # Needs and answers said as a phrase ("a cup of tea and a good cry", "to stop overthinking",
    # "someone to notice me", "bit painful to be honest", "look can i just tell you").
    "a",
    "an",
    "to",
    "someone",
    "bit",
    "look",
    "once more",
    # pool H: a sentence begun with a courtesy, a need or an aside ("by the way does any of this
    # get saved", "forget the choosing", "hold that thought the oven's beeping", "for him to
    # ask me how i am", "of course you're tired", "hard to say", "one thing i what sorry").
    "by the way",
    "forget",
    "for",
    "of course",
    "hard",
    "one thing",
    "is someone",
    "close",
    "noticing",
    "feeling like",
    "thank you",
    "thanks",
    "leave",
    "rather than",
    # Round 7: asking again with "pardon" or "huh" first ("pardon pleasant or what"), and
    # the question's own words said back before the answer ("emotional closeness eh i reckon
    # it's feeling like a team", "closeness for me is ...").
    "pardon",
    "huh",
    "bear with me",
    "hang about",
    "hold that thought",
    "emotional",
    "emotionally",
    "closeness",
    # Rounds 8 and 9: a pause said plainly ("pause a moment please"), the pleasantness side in
    # a word of its own said first ("horrible it's horrible", "lovely actually really lovely"),
    # and a topic word said first and then the clause about it ("money basically we can't talk
    # about the budget without it turning into a row", "chores mainly he never lifts a finger").
    "pause",
    *SIDE_WORDS,
    *TOPIC_LEADS,
)
"""Words a sentence often starts with before its point ("hold on the kettle's going", "never
mind i'm not ready"): the interaction model's StatementIntent learns each with a free slot
named after it (devtools/models.py), so the whole sentence reaches the screen and this reader."""
HEDGE_LEADS: Final = frozenset(
    {
        "er",
        "mm",
        "hmm",
        "pretty",
        "sure",
        "okay",
        "ok",
        "yeah",
        "yes",
        "no",
        "nah",
        "right",
        "sorry",
        "yep",
        "yup",
        "honestly",
        "definitely",
        "probably",
        "really",
        "maybe",
        "kind_of",
        "sort_of",
        "mostly",
        "bit",
        "a",
        "an",
        "look",
    }
)
"""Lead words (and opening slots) that add nothing to a list answer ("er unpleasant yeah",
"pretty good", "honestly mostly unpleasant")."""

_COMPILED: Final = tuple((intent, tuple(LazyPattern(p) for p in ps)) for intent, ps in RULES)

_UNSURE_PIECES: Final = LazyPattern(
    r"\b(i )?(do not|don't|dont) (really |quite |actually |even |honestly )?know\b"
    r"|\b(i'm |i am )?not (really |quite |too |that |totally |entirely )?(sure|certain)\b"
    r"|\b(i )?dunno\b|\bno idea\b|\bnot a clue\b|\bwho knows\b"
    r"|\b(i )?(have |'ve |got |haven't got |have not got |haven't |don't have )?(no |a |the )?"
    r"(faintest |foggiest )?clue\b"
    r"|\b(it's |it is )?(hard|difficult|tough|tricky) to "
    r"(say|tell|know|describe|explain|pin down)\b"
    r"|\b(i )?(can't|cannot|can not|couldn't) (really |quite |honestly |even )?(say|tell|decide|"
    r"pick|choose|describe it|explain it|think of (anything|one|something|a thing)|"
    r"put (a|my) (name|word|finger) on it)\b"
)
_UNSURE_COMMENT: Final = LazyPattern(
    # Rounds 8 and 9: not knowing and then why ("i don't really know it's all a bit of a
    # blur", "no clue what i need that's kind of the problem"): a comment that names no answer.
    r"\b(it's|it is|everything's|everything is|my head's|my head is|it all|it's all|i'm|i am)"
    r"( all| just| kind of| sort of| kinda| a bit| bit| such| a)*( of)?( a)? (blur|blurry|jumble|"
    r"jumbled|muddle|muddled|mess|haze|hazy|fog|foggy|blank|all over the place|mixed up|"
    r"everywhere)\b"
    r"|\b(that's|that is|which is|and that's)( kind of| sort of| kinda| sorta| really| just| "
    r"exactly| actually)* (the|my|part of the) (problem|thing|issue|trouble|point)\b"
    r"|\bwhat (i|to) (need|want|feel|say|pick|choose|do)( (right now|now|here|exactly))?\b"
)
_UNSURE_FILLER: Final = frozenset(
    {
        "um",
        "uh",
        "er",
        "hmm",
        "mm",
        "well",
        "so",
        "oh",
        "honestly",
        "to",
        "be",
        "honest",
        "really",
        "just",
        "yeah",
        "i",
        "mean",
        "tbh",
        "you",
        "know",
        "right",
        "now",
        "at",
        "the",
        "moment",
        "either",
        "yet",
        "though",
        "and",
        "but",
        "sorry",
        "okay",
        "ok",
        "actually",
    }
)


def unsure_only(sentence: str) -> bool:
    """ "i don't know to be honest i can't put a name on it", "i'm not sure it's hard to
    tell": nothing but not knowing, said at length, so "not sure" wins at every step (even
    where a long answer is due: no answer is in it)."""
    said = fold(sentence)
    rest, found = _UNSURE_PIECES.subn(" ", said)
    rest = _UNSURE_COMMENT.sub(" ", rest)
    return found > 0 and all(w in _UNSURE_FILLER for w in rest.split())


_FILLERS: Final = LazyPattern(r"^((um+|uh+|erm|er|mm+|hmm+|oh|ah|aw) )+")
"""Sounds said before the point ("mm yes that helped", "um no thanks"): left out before the
sentence is read for yes, no and small words."""


def _bare(sentence: str) -> str:
    return _FILLERS.sub("", fold(sentence))


def interpret(sentence: str) -> str | None:
    """The intent a clean statement's words stand for, or ``None``."""
    said = _bare(sentence)
    for intent, patterns in _COMPILED:
        if intent == "UnsureIntent" and unsure_only(said):
            return intent
        if any(p.search(said) for p in patterns):
            return intent
    return None


_META_QUESTION: Final = LazyPattern(
    r"^((sorry|um|uh|er|so|hang on|wait|hold on|okay|ok|love|dear|darling|excuse me|forgive me"
    r"|pardon me) )*(what|how|can you|could you|would you|will you|pardon|say)\b"
    # pool H: "i don't understand what you're asking me dear", "i'm terribly sorry i'm not sure
    # how any of this works": not following the step, said as a statement.
    r"|.*\b(don't|do not|not sure i) (really )?(get|understand|follow) what you\b"
    r"|.*\bnot sure how (any of )?(this|it) (all )?works?\b"
    # "forgive me i'm new to this what do i do now": the question about the step said last.
    r"|.*\bwhat (exactly |actually )?(am i|do i|should i) ((meant|supposed) to )?(say|do|answer)"
    r"( here| now| then)?$"
)


_LEAVING: Final = LazyPattern("|".join(f"(?:{p})" for p in _LEAVING_PATTERNS))


_PAUSE_FIRST: Final = LazyPattern(
    r"^((hmm|um|uh|er|oh|okay|ok|sorry) )*(give me|give us|gimme|hold on|hang on|hold up|wait|"
    r"one sec|hold that thought|"
    r"(just )?(a|one) (sec|second|min|minute|moment|mo)\b)"
    rf"|{_PAUSE_IDIOM}|{_CALLED_AWAY}|{_PAUSE_PLAIN}"
)


_PAUSE_ONLY: Final = LazyPattern(f"(?:{_PAUSE_PLAIN})|(?:{_PAUSE_IDIOM})|(?:{_CALLED_AWAY})")


def pause_only(sentence: str) -> bool:
    """ "pause a moment please", "hold that thought", "the baby's crying": a pause and nothing
    else, so a free answer never keeps it ("wait for him to say sorry" is an answer)."""
    return _PAUSE_ONLY.search(_bare(sentence)) is not None


def leaves(sentence: str) -> bool:
    """ "i'd like to quit now please", "i'm gonna leave it there for today", "stop i don't want
    to do this one": leaving, in words that cannot be an answer, so they win even where a long
    answer is due (the screen has read them first)."""
    return _LEAVING.search(fold(sentence)) is not None


_DEPARTS: Final = LazyPattern(
    r"\b(turn|switch|shut) (it|this|the app|the skill|the thing|this thing|alexa) (off|down)\b"
    r"|\bi('m| am) (off|going|heading|gonna head|going to head) (to bed|to sleep|for the night)\b"
    r"|\bforget the whole thing\b|\b(good ?night|goodbye|bye)$"
    r"|\b(close|exit|quit|shut) (steady heart|the app|the skill|this app)\b"
)


def departs(sentence: str) -> bool:
    """ "no i'm off to bed now", "actually no forget the whole thing turn it off": going away,
    which wins over the no said with it (a no would only end the step; round 10)."""
    return leaves(sentence) and _DEPARTS.search(fold(sentence)) is not None


_PASSING: Final = LazyPattern("|".join(f"(?:{p})" for p in _IN_PASSING))


def leaves_in_passing(words: str) -> bool:
    """ "stop here", "this close it": the words a free answer's carrier left of leaving in
    passing ("i'll stop here", "i'm done with this close it"); "stop waiting for him" is not."""
    return _PASSING.search(fold(words)) is not None


_META_TAIL: Final = LazyPattern(
    r"\b(can|could|would|will) you (please )?(ask|say|read|repeat|list|tell)( me)?"
    r"( (that|it|this|those|them|the question))?( one| question| bit)? (again|once more"
    r"|one more time)( please)?$|\b(lost|losing) (the thread|track|my place)\b"
    rf"|{_MISSED}"
)
"""A request to hear the question again at the end of the sentence, whatever came first
("sorry i've lost the thread can you ask me that again")."""


def meta_question(sentence: str, known: str | None) -> bool:
    """A question about the step itself ("what did he say again", "how am i meant to answer
    this") or a pause said first ("give me a sec to think about it"): it wins even where a long
    answer is due."""
    said = fold(sentence)
    if known == "AMAZON.PauseIntent":
        return _PAUSE_FIRST.match(said) is not None
    asking = known in ("AMAZON.RepeatIntent", "AMAZON.HelpIntent")
    if known == "AMAZON.RepeatIntent" and _META_TAIL.search(said) is not None:
        return True
    return asking and _META_QUESTION.match(said) is not None


_ADDRESSED: Final = LazyPattern(
    r"\b(babe|baby|love|honey|hun|sweetheart|sweetie|darling|my dear)\b"
    r"|^((aw+|oh|ah|hey) )*(what happened|what's (wrong|up|going on|happened)|what is wrong"
    r"|are you (ok|okay|alright|all right)|you (ok|okay|alright)|how are you( feeling| doing)?"
    r"|do you want to talk|want to talk about it|come here"
    # An offer of help is said to the partner: "is there anything i can take off your plate",
    # "what can i do to help", "how can i make it easier".
    r"|is there (anything|something) i can (do|take|help|carry|sort)|what can i do( to help)?"
    r"|how can i (help|make (it|this|things) easier)|can i (help|do anything|take)"
    r"|let me (help|take|handle|sort))\b"
)


def addresses_partner(sentence: str) -> bool:
    """ "aw babe what happened", "are you okay": words said to the partner, so at a practice
    step they are a reply for the checker to judge, even without "I'd say"."""
    return _ADDRESSED.search(fold(sentence)) is not None


def exercise_named(sentence: str, names: Iterable[tuple[str, str]]) -> str | None:
    """The exercise whose spoken name (``(id, name)`` pairs, longest first wins) the words
    contain: "can we just do the breathing instead" -> calming, if "breathing" names it."""
    said = f" {' '.join(sentence.lower().replace('-', ' ').split())} "
    best: tuple[int, str] | None = None
    for exercise, name in names:
        name = " ".join(name.lower().replace("-", " ").split())
        if name and f" {name} " in said and (best is None or len(name) > best[0]):
            best = (len(name), exercise)
    return best[1] if best else None


# Someone talking about the partner or their own feelings: outside an exercise, heard first.
_HEARD: Final = LazyPattern(
    r"\b(he|she|him|her|his|hers|husband|wife|boyfriend|girlfriend|partner|hubby|missus|"
    r"spouse|fiance|fiancee|other half|we|us|our|feel|feeling|felt|upset|sad|angry|lonely|"
    r"hurt|hurts|tired|exhausted|alone|ignored|stressed|anxious|fed up|miserable|row|argue|"
    r"argued|argument|fight|fighting)\b"
)


def is_heard(sentence: str) -> bool:
    """Words about the partner, the relationship or a feeling ("my wife hardly looks at me")."""
    return _HEARD.search(fold(sentence)) is not None


_ORDINAL: Final = LazyPattern(
    r"\b(?:the|that) (first|second|third|last|middle)\b"
    r"(?! (?:of|few|couple|time|times|bit|question|night|nights|day|days|week|weeks|month|"
    r"months|year|years|thing (?:you|he|she) said))"
    r"|\b(first|second|third|last|middle) (?:one|thing|option)\b"
    # "the latter", "number two", "option three": the place said another way.
    r"|^(?:(?:um|er|oh|so|just|okay|ok) )*(?:the|that) (latter|former)(?: one)?"
    r"(?: please| i think| then| i guess)?$"
    r"|^(?:(?:um|er|oh|so|just|okay|ok|the) )*(?:number|option) (one|two|three|1|2|3)\b"
)
_PLACES: Final = {
    "middle": "second",
    "latter": "last",
    "former": "first",
    "one": "first",
    "1": "first",
    "two": "second",
    "2": "second",
    "three": "third",
    "3": "third",
}
_DECLINE: Final = LazyPattern(
    r"^(no|nah|nope)\b(?! idea\b)|^yeah nah\b|that's enough"
    # "i'm good", "i think i'm alright actually" (but not "i'm fine with that").
    r"|^((i think|honestly|actually|nah|no|um|er) )*i( am|'m) (good|fine|okay|ok|alright|all right"
    r"|right)\b(?! with\b)"
    r"|that is enough|\bthat('ll| will) do\b|\bno thanks?\b|\bno thank you\b|\bnot (right )?now\b"
    r"|\bi('m| am) (good|fine|alright|okay|ok) (now|thanks|thank you|for now)\b"
    r"|^(i'd|i would|id) (rather|prefer) not\b"
    r"|\bwithout you (writing|keeping|saving|recording|storing|noting) (anything|it|them|notes)\b"
    r"|\b(i'd|i would) rather you (didn't|did not|don't)\b"
    # Round 9: "nah mate not keen on that", "not really fussed thanks", "i'll pass": a no in
    # everyday words, at a yes-or-no step.
    r"|\bnot (really |too |that |so |overly |very )?(keen|fussed|bothered|interested)\b"
    r"(?! (in|on) (him|her|them|my))"
    r"|\b(i'll|i will|i think i'll) (give (it|that) a )?pass\b|\b(don't|do not) fancy (it|that|this"
    r"|the idea)\b|^((nah|no) )?not for me\b"
    # At "shall I keep notes?": "don't save anything", "no no don't write anything down".
    r"|\b(don't|do not|dont) (save|keep|store|record|write) (anything|it|them|that|any of (it|this)"
    r"|my \w+|notes|down)\b"
    # Round 10: "nah mate don't bother keeping notes", "no need to bother writing anything
    # down": the notes declined as a bother spared.
    r"|\b(don't|do not|dont|no need to|needn't|you don't need to|you do not need to) (bother )?"
    r"(keeping|saving|storing|recording|writing|taking|noting) (anything|it|them|that|notes"
    r"|any notes|my \w+|down|any of (it|this))\b"
)
_AGREE: Final = LazyPattern(
    r"^(one more|once more|another)\b|\b(one more|another) (round|go|time)\b|^go on\b|\bplease do\b"
    # "that was nice yes do it again", "go again": another round asked for in words.
    r"|\b(do|go|try) (it |that |this )?(again|once more)\b"
    # "you can keep it", "keep them": agreeing to what was asked.
    r"|\byou can (keep|save|have|store) (it|them|that|my \w+|notes)\b"
    r"|\bplease keep (it|them|my notes|notes)\b|\bkeep (it|them) please\b"
)


def ordinal(sentence: str) -> str | None:
    """ "um the first one i think" -> "first": the OrdinalIntent value, at a step that offers."""
    found = _ORDINAL.search(fold(sentence))
    if not found:
        return None
    said = next(g for g in found.groups() if g)
    return _PLACES.get(said, said)


_YES_AT_END: Final = LazyPattern(
    r"(^|\b(sure|yes|yeah|yep|okay|ok|alright|fine|honey|sweetie|love|darling|dear|mate|"
    r"then|on|now|please|sorry) )((sure|yes|yeah|yep|okay|ok|alright) )*"
    r"(yes|yeah|yep|sure|okay|ok|go ahead|go on|that's fine|you can|please do)"
    r"( then| please| thanks| thank you| dear| love)?$"
)
_NO_AT_END: Final = LazyPattern(
    r"\b(no|nah|nope)( (no|nah|thanks|thank you|not (now|today|tonight)|don't|do not|i'd rather "
    r"not))*( please| thanks| thank you| dear| love)?$|\bno (thank you|thanks)( dear| love)?$"
)
_ASIDE: Final = LazyPattern(
    r"\b(sweetie|honey|darling|love|mate|buddy|sweetheart|put your|stop that|not you|just a sec|"
    r"hang on|hold on|one sec|one second|wait|not now|put (that|it|your|the)|stop (that|it)|leave "
    r"(it|that|the|him|her)|get down|come here|be quiet|shh+|mummy|mommy|daddy|mum's|mom's|dad's"
    r"|in a minute|talking to alexa)\b"
)


def answer_at_end(sentence: str) -> bool | None:
    """ "sure sure just a sec jamie put your shoes on sure yeah go ahead": a yes or a no said
    last, after words to someone else in the room (a child, a dog, the door), is the answer
    (True yes, False no, None when the sentence does not end in one or holds no aside)."""
    said = _bare(sentence)
    if _ASIDE.search(said) is None or len(said.split()) < 4:
        return None
    if _YES_AT_END.search(said):
        return True
    if _NO_AT_END.search(said):
        return False
    return None


def agrees(sentence: str) -> bool:
    """ "one more round then i'll ring him", "go on then": a yes, at a step that asks yes or no
    only (another round, another idea)."""
    return _AGREE.search(_bare(sentence)) is not None


def declines(sentence: str) -> bool:
    """ "i'm good thanks", "no that's enough": a no, at a step that asks yes or no only."""
    return _DECLINE.search(_bare(sentence)) is not None


_UNPLEASANT_WORDS: Final = LazyPattern(
    r"\b(unpleasant|not (very |that |so |too |really )?(nice|good|great|pleasant|fun)|bad|crap|"
    r"crappy|awful|horrible|rough|rubbish|heavy|hard|miserable|terrible|dreadful|grim)\b"
)
_PLEASANT_WORDS: Final = LazyPattern(
    r"\b(pleasant|nice|good|fine|great|okay|ok|alright|light|lovely)\b"
)


def leans_pleasant(text: str) -> bool | None:
    """The side a pleasantness answer said in its own words ("er unpleasant yeah", "pretty
    crap to be honest", "mm not very nice no"); unpleasant words are read first, so "not
    nice" is not taken for "nice"; None when neither side is named."""
    said = fold(text)
    if _UNPLEASANT_WORDS.search(said):
        return False
    if _PLEASANT_WORDS.search(said):
        return True
    return None
