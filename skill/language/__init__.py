"""The runtime's language layer: how the skill reads what people say.

* :mod:`skill.language.normalise` - the one text normaliser every reader starts from, and the
  helpers built on it (tokens, contractions, spelling).
* :mod:`skill.language.safety` - the crisis and abuse screen: an engine over rule data.
* :mod:`skill.language.coaching` - the opener and reply checkers.
* :mod:`skill.language.second_person` - pronoun grammar for reading words back.

Nothing here compiles patterns at import; each part builds its tables on first use.
"""
