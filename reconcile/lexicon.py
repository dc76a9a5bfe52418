"""Word lists of English news prose: event verbs, titles, function words.

These describe the language, not any story: which verbs name the same kind
of event ("visit", "leave for", "fly to" are all travel), which capitalised
words are titles rather than names, which words negate or hedge a clause.
"""

from __future__ import annotations

from functools import cache

# Event classes: base verbs and event nouns that name them.  Two claims can
# contradict only when they share a class (besides "say", which any report has).
_EVENTS: dict[str, tuple[str, ...]] = {
    "meet": ("meet", "meeting", "talk", "talks", "confer", "host", "summit"),
    "travel": (
        "visit", "travel", "trip", "leave", "head", "fly", "arrive", "return", "depart",
        "departure", "land", "reach", "tour", "journey",
    ),
    "meal": ("lunch", "luncheon", "dinner", "breakfast", "meal", "banquet", "dine"),
    "say": (
        "say", "tell", "add", "state", "announce", "declare", "claim", "insist", "confirm",
        "describe", "report", "warn", "note", "tweet", "write", "reply", "explain",
    ),
    "crash": ("crash", "plunge", "plummet", "dive", "crashing"),
    "disappear": ("disappear", "vanish", "missing"),
    "die": ("die", "kill", "death", "dead", "perish", "killed", "died"),
    "injure": ("injure", "wound", "hurt"),
    "win": ("win", "beat", "defeat", "overpower", "victory", "triumph", "outplay"),
    "lose": ("lose", "loss", "concede"),
    "arrest": ("arrest", "detain", "charge", "jail"),
    "attack": ("attack", "strike", "bomb", "shoot", "shell", "raid"),
    "fine": ("fine", "penalty", "dock", "penalise", "penalize"),
    "sign": ("sign", "ratify", "approve", "authorize", "authorise"),
    "resign": ("resign", "quit", "step"),
    "elect": ("elect", "vote", "election"),
    "launch": ("launch", "test"),
    "rescue": ("rescue", "search", "evacuate", "recover", "retrieve", "find", "locate"),
    "sanction": ("sanction", "sanctions", "ease", "easing", "relief"),
    "disarm": ("disarm", "disarmament", "dismantle", "denuclearize", "denuclearization"),
    "quake": ("earthquake", "quake", "tremor"),
    "collapse": ("collapse", "crumble", "topple"),
    "blaze": ("wildfire", "blaze", "inferno", "flame", "firefight"),
    "explode": ("explode", "explosion", "blast", "detonate", "detonation"),
    "shipwreck": ("aground", "capsize", "sink", "shipwreck"),
    "aftershock": ("aftershock",),
    "ceremony": (
        "inaugurate", "inauguration", "install", "swear", "sworn", "handover", "investiture",
        "coronation", "ceremony",
    ),
}  # fmt: skip

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "meet": ("met",),
    "launch": ("fired", "firing"),  # a missile fired; "the fire" is a blaze
    "blaze": ("fire", "fires"),
    "sink": ("sank", "sunk"),
    "leave": ("left",),
    "fly": ("flew", "flown", "flies"),
    "come": ("came",),
    "go": ("went", "gone", "goes"),
    "win": ("won", "winning"),
    "lose": ("lost",),
    "say": ("said", "says"),
    "tell": ("told",),
    "beat": ("beaten",),
    "strike": ("struck",),
    "shoot": ("shot",),
    "die": ("dying",),
    "write": ("wrote", "written"),
    "find": ("found",),
    "quit": ("quitting",),
    "step": ("stepped",),
    "plan": ("planned",),
    "hold": ("held",),
    "dine": ("dined",),
    "dive": ("dove",),
}

# Within travel, the moment a clock time can name: leaving is not landing.
_PHASES = {
    "depart": ("leave", "left", "depart", "departed", "departing", "departure", "takeoff"),
    "arrive": ("land", "landed", "landing", "arrive", "arrived", "arrival", "touched", "reached"),
}
_PHASE_OF = {word: phase for phase, words in _PHASES.items() for word in words}

# Nouns that name a kind of disaster or incident, by family: a story's quake and its
# collapsed buildings are one family; a storm and its floods another.  Two clauses that
# each name a family, and no family in common, tell of two happenings.
_INCIDENT_FAMILIES: dict[str, tuple[str, ...]] = {
    "ground": ("earthquake", "quake", "tremor", "aftershock", "tsunami", "landslide", "collapse"),
    "weather": (
        "storm", "typhoon", "hurricane", "cyclone", "tornado", "flood", "flooding", "floodwater",
        "deluge", "rain", "rainfall", "downpour", "landslide", "mudslide",
    ),
    "fire": ("fire", "blaze", "wildfire", "inferno", "explosion", "blast", "firestorm"),
    "volcano": ("eruption", "volcano", "ash", "tsunami"),
    "transport": ("crash", "derailment", "collision", "sinking", "capsizing", "shipwreck"),
    "violence": ("shooting", "bombing", "attack", "stabbing", "massacre", "gunman", "bomb"),
}  # fmt: skip
_INCIDENT_OF = {
    noun: frozenset(family for family, nouns in _INCIDENT_FAMILIES.items() if noun in nouns)
    for nouns in _INCIDENT_FAMILIES.values()
    for noun in nouns
}


def incident_families(lemmas: frozenset[str]) -> frozenset[str]:
    """The incident families a clause's lemmas name ("typhoon" -> weather).

    >>> sorted(incident_families(frozenset({"typhoon", "hit", "flood"})))
    ['weather']
    """
    found: frozenset[str] = frozenset()
    for word in lemmas:
        found |= _INCIDENT_OF.get(word, frozenset())
    return found


# Verbs that name no happening of their own: what began, or what was taken, is said by
# their subject or object ("the search began", "took to the streets").
LIGHT_VERBS = frozenset(
    "take make begin start come go get give have put set hold open end continue".split()
)

# A verb and its particle that name another event than the verb alone: a plane that
# "took off" departed; goods "taken to" a city were carried there.
_PHRASAL_EVENTS: dict[tuple[str, str], str] = {
    ("take", "off"): "depart",
    ("set", "off"): "depart",
    ("set", "out"): "depart",
    ("lift", "off"): "launch",
    ("blast", "off"): "launch",
    ("touch", "down"): "land",
    ("go", "off"): "explode",
}


def phrasal_event(verb: str, particle: str) -> str | None:
    """The event a verb (a lemma) names with the particle after it, if it names another.

    >>> phrasal_event("take", "off"), phrasal_event("take", "to")
    ('depart', None)
    """
    return _PHRASAL_EVENTS.get((verb, particle))


_HAPPENED: frozenset[tuple[str, str]] = frozenset({("take", "place")})


def says_it_happened(verb: str, following: str) -> bool:
    """Whether a verb (a lemma) and the word after it say only that their subject
    happened: "the vote took place on Monday" dates the vote, and is no taking.

    >>> says_it_happened("take", "place"), says_it_happened("take", "photos")
    (True, False)
    """
    return (verb, following) in _HAPPENED


# Classes whose verb alone carries little: "said" is in most reported sentences.
REPORTING_EVENTS = frozenset({"say"})

KIN_NOUNS = frozenset(
    """son daughter child wife husband mother father brother sister grandson granddaughter
    grandmother grandfather nephew niece cousin stepson stepdaughter""".split()
)
"""Relatives named by their kin to someone ("his 18-year-old son"): an age said of one is
the relative's, not that person's."""

RELATIVE_DAYS = {"yesterday": -1, "tomorrow": 1}
"""Days named from the publication date, by their distance from it: extract pins them to a
weekday (or, on an undated page, drops them)."""

INCIDENT_VERBS = frozenset({"strike", "hit", "rock"})
"""Verbs an incident does rather than names ("the blast that struck the port"): the
incident named just before them is the event."""

TITLES = frozenset(
    """president secretary minister prime foreign defence defense interior finance state
    chairman chairwoman chair leader senator sen rep representative governor gov general gen
    mr mrs ms miss dr prof king queen prince princess pope chancellor premier mayor
    ambassador spokesman spokeswoman spokesperson director chief ceo judge justice umpire
    captain coach officer commander lt col sgt deputy vice envoy senior top official
    lawmaker attorney sheriff admiral adm lieutenant colonel sergeant cardinal bishop
    emperor crown supreme head operational managing editor
    """.split()
)

# A capitalised run ending in one of these names an organisation, place or thing.
ORGANISATION_WORDS = frozenset(
    """agency ministry department office council committee commission assembly parliament
    congress senate house court party army navy force forces police air airlines airways
    airport bank fund group company corp corporation inc ltd association union nations
    university college school hospital institute foundation times post news herald press
    journal daily television tv radio open cup championship championships games stadium
    base war treaty sea ocean river island mountain peninsula province street square hall
    center centre club league federation service services directorate administration
    ministry bureau authority board network channel magazine tribune gazette guardian
    reuters afp ap associated dispatch citizen sports world media
    """.split()
)

# An organisation-like name ending in one of these is a place things happen at.
VENUE_WORDS = frozenset(
    """stadium arena airport base square hall park bridge palace station port harbour harbor
    hotel church cathedral mosque temple court centre center plaza theatre theater""".split()
)

SPEECH_VERBS = frozenset(
    """said says say told tells added adds stated states announced announces declared
    wrote writes tweeted tweets explained explains insisted insists noted notes warned
    warns replied replies asked asks according shouted shouts expressed expresses hoped
    hopes urged urges stressed stresses vowed vows pledged pledges promised promises
    reported reports confirmed confirms""".split()
)

# Speech verbs whose object is the one spoken to, never the speaker: in "told a radio
# station", the station listened.  ("said Ruiz" and even "asked Ruiz" may put the speaker
# after the verb; "told Ruiz" never does.)
LISTENER_VERBS = frozenset("told tells tell".split())

# Verbs that help another ("had to be rescued", "will have met"): no event of their own.
HELPING_VERBS = frozenset(
    """be am is are was were been being have has had do does did will would shall should can
    could may might must get got become became""".split()
)

NEGATIONS = frozenset("not n't never no none nobody nothing neither nor without cannot".split())

HEDGE_WORDS = frozenset(
    """expected expects expect plans plan planned will would may might could likely
    reportedly scheduled due aims aiming hopes hoped possibly probably apparently allegedly
    believed intends intended set feared presumed""".split()
)

PRONOUNS = frozenset({"he", "she"})

# Written after clock times ("05:30 GMT"): capitals, but no one's name.
TIME_ZONES = frozenset(
    "GMT UTC BST CET CEST EET EEST WIB EST EDT CST CDT MST MDT PST PDT ET PT AEST IST JST".split()
)

# Words that end a noun phrase: "two babies among them", "189 people aboard".
PHRASE_ENDERS = frozenset(
    """among aboard across along around amid amidst near inside outside toward towards
    within beyond despite except like upon onto including alongside behind beside besides
    beneath underneath throughout were are was is had have has who which that whose""".split()
)

# Words that open a sentence before a name without being part of it ("After Lima, ..."),
# and "-ing" words that are prepositions, not verbs ("during", "following").
PREPOSITIONS = frozenset(
    """about above across after against along amid among around as at before behind below
    beneath beside besides between beyond by concerning despite during except following for
    from in including inside into near of off on onto outside over past pending regarding
    since through throughout to toward towards under underneath until upon via with within
    without""".split()
)

STOPWORDS = frozenset(
    """a an the and or but if then than that this these those there here of to in on at by
    for with from into onto over under about as is are was were be been being has have had
    do does did will would shall should can could may might must it its it's he she they
    we you i me him her them us our your their his hers theirs my mine who whom whose which
    what when where why how not no nor so too very just also only even still yet again
    all any both each few more most other another others some such own same s t up down out
    off once
    while after before during since until against between through above below per via
    said says say told according one two""".split()
)


@cache
def _event_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for event, words in _EVENTS.items():
        for word in words:
            for form in (*_inflections(word), *_IRREGULAR.get(word, ())):
                index.setdefault(form, event)
    return index


def _inflections(base: str) -> tuple[str, ...]:
    stem = base[:-1] if base.endswith("e") else base
    doubled = (
        base + base[-1] if len(base) <= 4 and base[-1] in "pgtn" and base[-2] in "aeiou" else base
    )
    forms = {
        base,
        base + "s",
        base + "es",
        stem + "ed",
        stem + "ing",
        doubled + "ed",
        doubled + "ing",
    }
    if base.endswith("y"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    return tuple(sorted(forms))


def event_of(word: str) -> str | None:
    """Event class a (lower-case) word names, if any.

    >>> event_of("visited"), event_of("luncheon"), event_of("met"), event_of("table")
    ('travel', 'meal', 'meet', None)
    """
    return _event_index().get(word)


def moment_of(word: str) -> str | None:
    """The event a clock time belongs to: a travel phase if the word names one.

    >>> moment_of("departed"), moment_of("landed"), moment_of("met")
    ('depart', 'arrive', 'meet')
    """
    return _PHASE_OF.get(word) or event_of(word)


@cache
def stem(word: str) -> str:
    """A crude suffix-stripping stem, enough to pair "rescuers" with "rescue".

    >>> stem("rescuers"), stem("rescue"), stem("violations"), stem("meeting")
    ('rescu', 'rescu', 'viol', 'meet')
    """
    word = word.lower()
    for suffix in ("ations", "ation", "ions", "ion", "ings", "ing", "ers", "er", "ies", "es",
                   "ed", "ly", "s", "e"):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# Nouns that count one group of people (as lemmas): "150 personnel" and "250 rescuers"
# are two figures for one thing, "40 divers" and "250 rescuers" are not (divers are some
# of them).  A word may sit in two groups ("personnel" of a rescue or of an army).
_COUNTED_GROUPS: dict[str, str] = {
    "responders": "rescuer searcher responder personnel",
    "troops": "soldier troop serviceman personnel",
    "police": "police policeman officer",
}
_GROUPS_OF: dict[str, frozenset[str]] = {
    word: frozenset(g for g, words in _COUNTED_GROUPS.items() if word in words.split())
    for words in _COUNTED_GROUPS.values()
    for word in words.split()
}

# What happened to the people a figure counts, by the words that say it: "12 people
# were killed", "the death toll", "12 fatalities" all count the dead; "48 cases" and
# "infected 48 people" count an outbreak's infected.  Closed-class knowledge of news
# English (lemmas -> one fate).
_FATES: dict[str, str] = {
    "die": "die kill perish dead death fatality toll",
    "injure": "injure wound hurt injury injured hospitalise hospitalize",
    "miss": "miss missing unaccounted unaccount",
    "arrest": "arrest detain apprehend custody",
    "infect": "infect infection case",
}
_FATE_OF = {word: fate for fate, words in _FATES.items() for word in words.split()}

# The general words for people: "189 people" names no group, so it may be any of them.
GENERIC_PEOPLE = frozenset({"people", "person", "individual"})


def fate_of(lemma: str) -> str | None:
    """The fate a lemma says people met, if it says one ("killed" -> "die").

    >>> fate_of("fatality"), fate_of("detain"), fate_of("rescuer")
    ('die', 'arrest', None)
    """
    return _FATE_OF.get(lemma)


# What befell a named person, said of them right after their name: each fate and its
# phrases after "was", "has been", "is" and the like.  Only dead against alive is a
# conflict: a wounded person is alive.
FATE_AFTER_BE: dict[str, tuple[str, ...]] = {
    fate: tuple(" ".join(p.split()) for p in phrases.split(","))
    for fate, phrases in {
        "dead": """killed, murdered, assassinated, slain, dead, found dead, pronounced dead,
            confirmed dead, shot dead, stabbed to death, beaten to death, shot and killed,
            stabbed and killed, fatally shot, fatally stabbed, fatally wounded""",
        "alive": """wounded, injured, hurt, shot and wounded, stabbed and wounded, critically
            injured, seriously injured, critically wounded, seriously wounded, hospitalised,
            hospitalized, stable, alive, found alive, in stable condition, in critical
            condition, in serious condition, in a stable condition, in a critical condition,
            in a serious condition""",
    }.items()
}
FATE_VERBS: dict[str, str] = {"died": "dead", "survived": "alive"}
"""Fates said by a verb of their own, with no "was" before it: "Ruiz died"."""

# Words that tell a state as past, before what the story reports now: "earlier she was in
# a critical condition", "officials had said he was wounded".
EARLIER_WORDS = frozenset({"earlier", "had", "initially", "previously"})

# Nouns that name a figure, not what it counts: "the number of cases rose to 48" counts
# cases, "the total of arrests stood at 90" arrests.
FIGURE_NOUNS = frozenset({"number", "count", "total", "tally", "figure", "level", "amount"})

# Words that single out one instance of a recurring thing: "the second round began at
# 3pm" is not when "the talks began", nor "an aftershock hit at 9pm" when the quake did.
INSTANCE_WORDS = frozenset(
    "second third fourth fifth sixth seventh eighth ninth tenth "
    "aftershock aftershocks rematch replay".split()
)
ROUND_NOUNS = frozenset("round rounds leg legs ballot stage phase heat".split())
"""Nouns of a contest's steps: "first" singles one out only before them ("in the first
round she took 44 percent"), as it does not in "the first time" or "the first to land"."""


def counted_groups(noun: str) -> frozenset[str]:
    """The groups of people a count's noun (a lemma) names.

    >>> sorted(counted_groups("personnel"))
    ['responders', 'troops']
    >>> counted_groups("diver")
    frozenset()
    """
    return _GROUPS_OF.get(noun, frozenset())
