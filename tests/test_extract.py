"""Claims and their facts, read from literal sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from reconcile.extract import extract_claims
from reconcile.model import Claim, Hedge, Slot, Span, make_article
from reconcile.sentences import split_sentences


def _claims(text: str, date: dt.date | None = None) -> list[Claim]:
    article = make_article(id="a1", path="x.txt", name="x", text=text, date=date)
    return list(extract_claims(article, split_sentences(article, [Span(0, len(text))])))


def _facts(text: str, slot: Slot) -> list[tuple[str, str]]:
    """(value, what it measures): the measured noun, else the verb it belongs to."""
    return [
        (f.value, f.measure.noun or f.measure.event)
        for c in _claims(text)
        for f in c.facts_of(slot)
    ]


def test_aliases_merge_within_an_article() -> None:
    claims = _claims(
        "North Korean leader Kim Jong Un met Mike Pompeo. Chairman Kim smiled. Kim-watchers agree."
    )
    assert claims[0].subject == "kim jong un"
    assert claims[1].subject == "kim jong un"


def test_a_pronoun_takes_the_last_subject_not_named_in_its_sentence() -> None:
    claims = _claims(
        "Mike Pompeo landed in Seoul. President Moon Jae-in welcomed the visit. "
        "He then had a meeting with Moon."
    )
    assert claims[-1].subject == "mike pompeo"
    assert "moon jae in" in claims[-1].actors


def test_a_name_after_the_verb_is_not_the_subject() -> None:
    (claim,) = _claims("An official who accompanied Mike Pompeo said the trip went well.")
    assert claim.subject is None


def test_clauses_keep_their_own_days() -> None:
    claims = _claims(
        "He visited Japan on Saturday and met Shinzo Abe, before heading for Pyongyang on Sunday."
    )
    assert [[f.value for f in c.facts_of(Slot.DAY)] for c in claims] == [["saturday"], ["sunday"]]


def test_places_and_events() -> None:
    (claim,) = _claims("Mike Pompeo will also visit Beijing Monday.")
    assert claim.places == ("place:city:beijing",)
    assert claim.events == ("travel",)
    assert claim.hedged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pompeo and Kim met for about two hours.", [("120", "meet")]),
        (
            "They held a two-hour meeting and a 90-minute luncheon.",
            [("120", "meeting"), ("90", "luncheon")],
        ),
        ("The jet crashed 13 minutes after take-off.", [("13", "elapsed")]),
        # One duration told in several units is one figure, not one per unit.
        ("The talks lasted 3 hours 12 minutes.", [("192", "last")]),
        ("The talks lasted two hours and 5 minutes.", [("125", "last")]),
        ("She ran for 1 hour, 2 minutes, and 30 seconds.", [("62.5", "run")]),
        ("He waited 20 minutes and 4 hours later he left.", [("20", "wait"), ("240", "elapsed")]),
        ("Osaka, a 20-year-old, won.", []),
        # A span told with no number: a length when hedged or after "for"; not a rate.
        ("The fire has burned for nearly a week.", [("10080", "burn")]),
        ("The ferry sails twice a week and left a day after the storm.", []),
        # a decade is a length of time, not a count of decades
        ("Building the observatory took two decades.", [("1.0512e+07", "take")]),
    ],
)
def test_durations_know_what_they_measure(text: str, expected: list[tuple[str, str]]) -> None:
    assert _facts(text, Slot.DURATION) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # People in general name no group: what befell them is what is counted.
        ("The flight carried 189 people and two infants.", [("189", "carry"), ("2", "infant")]),
        ("Boats and 130 rescue workers were sent.", [("130", "worker")]),
        ("The Boeing 737 MAX 8 jet was new.", []),
        ("One of them spoke.", []),
        ("The ship is one of the largest cruise ships in the world.", []),
        ("It was one of the worst floods in decades.", []),
        ("The blast was one of Lyon's worst disasters.", []),
        ("All 189 passengers died.", [("189", "passenger")]),
        ("Some 40 divers searched.", [("40", "diver")]),
        ("Police said 12 people were injured.", [("12", "injure")]),
        ("The quake killed 120 people and injured 368.", [("120", "die"), ("368", "injure")]),
        ("Officials said 15 people were still unaccounted for.", [("15", "miss")]),
        ("The mayor said 99 people remained unaccounted for.", [("99", "miss")]),
        ("Police detained 24 people after the blasts.", [("24", "arrest")]),
        # What befell them, said past an aside set off by commas.
        ("At least 40 people, a child among them, have died.", [("40", "die")]),
        ("Some 20 people, tourists among them, are missing.", [("20", "miss")]),
        # A figure and the figure it became (the first is marked earlier: see below).
        ("The toll was cut from 359 to 253 on Thursday.", [("359", "die"), ("253", "die")]),
        # A part of a tally is no count of its own.
        ("About 30 people were injured.", [("30", "injure")]),
        ("Two of the injured were in a serious condition.", []),
        # A figure named before its number.
        ("The death toll from the quake in the hills rose to at least 247.", [("247", "die")]),
        ("Officials put the confirmed death toll at 120.", [("120", "die")]),
        ("The number of people killed has risen to 247.", [("247", "die")]),
        ("Radio reports put the number of injured at 126.", [("126", "injure")]),
        ("The toll of injured workers has also risen to 18.", [("18", "injure")]),
        # No count at all: nobody, a label, a house number; pounds of a thing weigh.
        ("No one was hurt when the roof fell in Lyon.", []),
        ("In a speech outside No 10, the minister promised change.", []),
        ("The minister spoke outside 12 Harbour Street on Monday.", []),
        ("The capsule carried 760 pounds of cargo to the station.", [("760", "pound")]),
        ("The number of people missing in the hills stood at 35.", [("35", "miss")]),
        (
            "The number of people killed when the dam burst and the river flooded the "
            "valleys below the town late on Sunday night has climbed to 88.",
            [("88", "die")],
        ),
        ("The quake had a magnitude of 6.2 and struck at night.", [("6.2", "magnitude")]),
        ("They played in front of a crowd of about 69,000.", [("69000", "crowd")]),
        ("Lyon, a town of 27,000, burned.", [("27000", "population")]),
        ("Three goals early in the second half took the final to extra time.", [("3", "goal")]),
        # A number standing alone counts what its verb or a noun before it names.
        ("Labour won 202, its worst result in decades.", [("202", "win")]),
        ("The boat capsized, killing seven.", [("7", "die")]),
        ("The majority of 80 is the largest since 1987.", [("80", "majority")]),
        ("She arrived at 9, then left.", []),
        # Joined to its noun, or counting part of a group.
        ("A 13-story tower fell.", [("13", "story")]),
        ("Eight of their teammates were freed.", [("8", "teammate")]),
        # What a figure noun counts; what befell the people of a partitive.
        # Cases count the infected, a running figure like a toll.
        ("The number of confirmed cases rose to 48.", [("48", "infect")]),
        ("Officials put the number of arrests at 45.", [("45", "arrest")]),
        (
            "It stood at 31 people infected, nine of whom have since died.",
            [("31", "infect"), ("9", "die")],
        ),
        (
            "There were 52 arrests, with 14 of them in custody.",
            [("52", "arrest"), ("14", "arrest")],
        ),
        ("Two of them were children.", [("2", "child")]),
        ("Two of them survived.", []),
        # "one" that counts nothing.
        ("Neighbours hugged one another outside the church.", []),
        ("The children were carried out one by one.", []),
        # A count in the years' range; people counted as others; an acronym's plural.
        ("The quake killed more than 2,000 people.", [("2000", "die")]),
        ("Officials said 12 others were rescued.", [("12", "rescue")]),
        ("The governing party has 412 MPs.", [("412", "mp")]),
        # A toll named before its number, with a date between them.
        ("The death toll climbed on Friday, May 3, to 118.", [("118", "die")]),
        # The people counted told by what is known of them; lives ended are deaths.
        ("The number of people reported killed rose to 64.", [("64", "die")]),
        ("The number of reported dead stood at 40.", [("40", "die")]),
        ("At least nine people are thought to have died.", [("9", "die")]),
        ("The storm claimed 12 lives in the valley.", [("12", "die")]),
        ("Rescuers say 30 lives were lost at sea.", [("30", "die")]),
        ("Lifeguards saved 12 lives on the beach.", [("12", "life")]),
    ],
)
def test_counts_know_what_they_count(text: str, expected: list[tuple[str, str]]) -> None:
    assert _facts(text, Slot.COUNT) == expected


@pytest.mark.parametrize(
    ("text", "slot", "expected"),
    [
        ("Revenue came to $6.3bn in the quarter.", Slot.MONEY, [("6.3e+09", "revenue")]),
        ("It earned $1.91 a share.", Slot.MONEY, [("1.91", "share")]),
        ("The fine of 50 million euros was a record.", Slot.MONEY, [("5e+07", "fine")]),
        ("The scheme cost 5 million pounds of public money.", Slot.MONEY, [("5e+06", "scheme")]),
        # The noun an amount stands before names it; a verb form after it does not.
        ("The firm will pay a $40 million fine.", Slot.MONEY, [("4e+07", "fine")]),
        ("They struck a $2bn deal with the city.", Slot.MONEY, [("2e+09", "deal")]),
        ("The city has $3 million left.", Slot.MONEY, [("3e+06", "leave")]),
        ("Shares in the firm fell 2.8 per cent.", Slot.PERCENT, [("2.8", "share")]),
        ("Winds of 155 mph hit the coast.", Slot.SPEED, [("249.395", "wind")]),
        ("The ship was 200 nautical miles offshore.", Slot.DISTANCE, [("370400", "ship")]),
        ("An 11-year-old girl died.", Slot.AGE, [("11", "girl")]),
        ("Ana Ruiz, 41, a nurse, was hurt.", Slot.AGE, [("41", "")]),
        ("Beira, the fourth largest city, was cut off.", Slot.RANK, [("4", "city")]),
        ("Mane scored in the 52nd minute.", Slot.MINUTE, [("52", "minute")]),
        ("She won 6-2, 6-4 on Saturday.", Slot.SCORE, [("6-2,6-4", "score")]),
        ("Tottenham 0-2 Liverpool was the final score.", Slot.SCORE, [("2-0", "score")]),
        ("The water was 100 feet deep.", Slot.DISTANCE, [("30.48", "water")]),
        ("At 39, Anna Berg is the youngest mayor.", Slot.AGE, [("39", "")]),
    ],
)
def test_measures_have_a_slot_a_unit_and_a_noun(
    text: str, slot: Slot, expected: list[tuple[str, str]]
) -> None:
    assert _facts(text, slot) == expected


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("Revenue was 8% below the $6.82 billion reported a year earlier.", ["$6.82 billion"]),
        ("Revenue fell to $6.3 billion, down 41% from last year.", []),
        ("Last year's $6.8bn was a record.", ["$6.8bn"]),
    ],
)
def test_a_figure_of_an_earlier_period_is_marked(text: str, earlier: list[str]) -> None:
    facts = [f for c in _claims(text) for f in c.facts_of(Slot.MONEY)]
    assert [f.text for f in facts if f.measure.period == "earlier"] == earlier


def test_a_year_a_record_is_measured_by_is_not_when_it_happened() -> None:
    assert _facts("It was the wettest summer since 1987.", Slot.YEAR) == []
    assert _facts("The worst flood since 1998 hit Lyon in 2016.", Slot.YEAR) == [("2016", "")]
    assert _facts("Since 2016, 40 people have died.", Slot.YEAR) == [("2016", "")]


def test_a_figure_knows_the_name_nearest_it() -> None:
    (claim,) = _claims("In the count, Congress won 52 seats while the BJP took 303.")
    owners = [f.measure.owner for f in claim.facts_of(Slot.COUNT)]
    assert owners == ["congress", "bjp"]


def test_hedges_are_kept() -> None:
    (claim,) = _claims("Officials said more than 30 people were hurt in Lyon.")
    (fact,) = claim.facts_of(Slot.COUNT)
    assert fact.hedge is Hedge.AT_LEAST


def test_clock_times_know_departure_from_landing() -> None:
    (claim,) = _claims("The plane left Jakarta at 6.20am and was due to land at 7:20 p.m.")
    assert [(f.value, f.measure.event) for f in claim.facts_of(Slot.TIME)] == [
        ("06:20", "leave"),
        ("19:20", "land"),
    ]


def test_a_verb_and_its_particle_name_one_event() -> None:
    assert _facts("The plane took off from Jakarta on Monday.", Slot.DAY) == [("monday", "depart")]
    assert _facts("The bodies were taken to Jakarta on Monday.", Slot.DAY) == [("monday", "take")]


def test_what_took_place_is_its_subject_not_a_taking() -> None:
    """ "Took place" says only that its subject happened: the day dates the subject's event
    when it names one, else no event (never "take", which photos taken share)."""
    assert _facts("The vote took place on Monday.", Slot.DAY) == [("monday", "vote")]
    assert _facts("The last pass of the moon took place on Monday.", Slot.DAY) == [("monday", "")]
    assert _facts("The crew took photos of the moon on Monday.", Slot.DAY) == [("monday", "take")]


def test_a_day_that_starts_a_span_dates_its_beginning() -> None:
    """ "Burning since Tuesday" says when the fire began, not a day it burned."""
    assert _facts("The fire has been burning since Tuesday.", Slot.DAY) == [("tuesday", "begin")]
    between = "The city took 30 inches of rain between Saturday and Wednesday morning."
    assert _facts(between, Slot.DAY)[0] == ("saturday", "begin")


def test_the_day_a_figure_changed_is_not_the_day_of_the_event() -> None:
    assert _facts("The toll rose to 247 on Thursday.", Slot.DAY) == [("thursday", "report")]
    assert _facts("The quake hit the hills on Wednesday.", Slot.DAY) == [("wednesday", "quake")]


def test_a_day_dates_the_incident_it_owns_or_that_struck() -> None:
    """ "Sunday's blast" and "the blast that struck … on Sunday" date the blast."""
    owned = "Sunday's deadly blast killed nine people in the town, police said."
    assert _facts(owned, Slot.DAY) == [("sunday", "blast")]
    struck = "The explosion that struck the harbour on Sunday destroyed two cranes."
    assert _facts(struck, Slot.DAY) == [("sunday", "explosion")]
    assert _facts("Rebels struck the convoy on Sunday.", Slot.DAY) == [("sunday", "strike")]


def test_the_day_of_the_telling_is_marked() -> None:
    (claim,) = _claims("An official said Sunday that the trip went well.")
    (fact,) = claim.facts_of(Slot.DAY)
    assert fact.measure.event == "report"


def test_weekdays_are_pinned_to_dates_near_publication() -> None:
    sunday = dt.date(2018, 10, 7)
    (future,) = _claims("Mike Pompeo will visit Beijing Monday.", date=sunday)
    (past,) = _claims("Mike Pompeo visited Tokyo on Saturday.", date=sunday)
    assert future.facts_of(Slot.DAY)[0].low == dt.date(2018, 10, 8).toordinal()
    assert past.facts_of(Slot.DAY)[0].low == dt.date(2018, 10, 6).toordinal()


def test_quotes_carry_their_speaker() -> None:
    claims = _claims('"It is a very nice day," Kim Jong Un said. "We are pleased."')
    assert claims[0].quotes[0].speaker == "kim jong un"
    assert claims[1].quotes[0].speaker == "kim jong un"  # carried on


def test_the_one_told_is_not_the_speaker() -> None:
    (claim,) = _claims('"We will rebuild the school," Ana Ruiz told Radio Norte on Monday.')
    assert claim.quotes[0].speaker == "ana ruiz"
    (inverted,) = _claims('"We will rebuild the school," said Ana Ruiz.')
    assert inverted.quotes[0].speaker == "ana ruiz"


def test_negation() -> None:
    (claim,) = _claims("On that occasion, Mike Pompeo did not meet Kim Jong Un.")
    assert claim.negated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The jet, a Boeing 737 MAX 8 operating as Flight JT 610, fell.",
            ["boeing 737 max 8", "flight jt 610"],
        ),
        ("The Airbus-320 landed.", ["airbus 320"]),
        ("A source told Reuters 20 people died.", []),
        ("In 1969 Apollo landed.", []),
    ],
)
def test_names_with_a_number_are_designations(text: str, expected: list[str]) -> None:
    assert [value for value, _ in _facts(text, Slot.DESIGNATION)] == expected


def test_a_designation_may_be_a_subject_but_is_never_he_or_she() -> None:
    claims = _claims("Anna Berg said Flight XY 12 left Lyon. Flight XY 12 crashed. He wept.")
    assert [c.subject for c in claims] == ["anna berg", "flight xy 12", "anna berg"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Berg became Kenya's first Olympic champion in Paris.", ["first:KE"]),
        ("She is the first Kenyan woman to win the race.", ["first:KE"]),
        ("She is the first runner from Kenya with the title.", ["first:KE"]),
        ("France beat Kenya's first team on Monday.", ["first:KE"]),
        # Not a country's first: no country attached to "first".
        ("The first set went to Kenya.", []),
        ("She was the first to win, for Kenya.", []),
    ],
)
def test_a_first_for_a_country(text: str, expected: list[str]) -> None:
    assert [value for value, _ in _facts(text, Slot.FIRST)] == expected


def test_a_clause_needs_a_few_words() -> None:
    claims = _claims("Only months after entering service, Lion Air's jet vanished from radar.")
    assert len(claims) == 1
    assert claims[0].subject == "lion air"


def test_a_name_after_a_preposition_is_not_the_subject() -> None:
    claims = _claims(
        "Anna Berg lost the vote. "
        "Speaking to supporters at a hall in the Bois de Boulogne, she said she had called him."
    )
    assert claims[-1].subject == "anna berg"


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("The quake struck 100 km (60 miles) northeast of Rome.", []),
        ("The storm hit 20 km from Lyon on Monday.", []),
        ("He flew from Lyon to Paris.", ["place:city:lyon", "place:city:paris"]),
    ],
)
def test_a_landmark_locating_a_scene_is_not_the_scene(text: str, places: list[str]) -> None:
    assert [p for c in _claims(text) for p in c.places] == places


def test_names_are_not_events_and_time_zones_are_not_actors() -> None:
    (claim,) = _claims("The Search and Rescue Agency said at 05:30 GMT that the jet crashed.")
    assert claim.events == ("say", "crash")
    assert claim.actors == ("search and rescue agency",)


def test_ages_after_aged_are_ages_never_counts() -> None:
    assert [v for v, _ in _facts("The pupils, aged between 9 and 14, sang.", Slot.AGE)] == ["9-14"]
    ages = _facts("Two sisters aged 6 and 8 were rescued.", Slot.AGE)
    assert [v for v, _ in ages] == ["6", "8"]
    assert _facts("Two sisters aged 6 and 8 were rescued.", Slot.COUNT) == [("2", "sister")]


def test_the_first_figure_of_a_change_is_an_earlier_one() -> None:
    (claim,) = _claims("The death toll rose from 84 to 202 on Tuesday.")
    assert [(f.value, f.measure.period) for f in claim.facts_of(Slot.COUNT)] == [
        ("84", "earlier"),
        ("202", ""),
    ]


def test_a_count_belongs_to_the_verb_after_its_helping_verbs() -> None:
    assert _facts("At least 13 people had to be rescued from the roof.", Slot.COUNT) == [
        ("13", "rescue")
    ]
    assert _facts("Nine people have since been evacuated.", Slot.COUNT) == [("9", "evacuate")]


def test_a_preposition_ending_in_ing_names_no_event() -> None:
    assert _facts("The crew went missing during the storm at 8:12 p.m.", Slot.TIME) == [
        ("20:12", "miss")
    ]


def test_a_full_date_near_the_page_date_names_its_weekday() -> None:
    def days(text: str, date: dt.date | None) -> list[tuple[str, str, float | None]]:
        return [(f.value, f.text, f.low) for c in _claims(text, date) for f in c.facts_of(Slot.DAY)]

    saturday = dt.date(2023, 9, 9)
    friday = float(dt.date(2023, 9, 8).toordinal())
    assert days("The bridge reopened on 8 September after repairs.", saturday) == [
        ("friday", "8 September", friday)
    ]
    # across a new year, the year nearest the page
    assert days("The bridge reopened on December 30 after repairs.", dt.date(2024, 1, 2)) == [
        ("saturday", "December 30", float(dt.date(2023, 12, 30).toordinal()))
    ]
    assert days("The bridge reopened on 8 September.", None) == []  # no page date, no weekday
    assert days("The bridge opened on 8 August.", saturday) == []  # no weekday names it
    assert days("The bridge was shut from 4 September to 8 September.", saturday) == []  # a span
    assert days("The bridge reopened on Friday, 8 September.", saturday) == [
        ("friday", "Friday", friday)
    ]  # the weekday is written: the date adds none


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mayor Ana Ruiz was shot dead outside the town hall on Friday.", [("dead", "ana ruiz")]),
        ("Ana Ruiz, 40, the town's mayor, was wounded in the attack.", [("alive", "ana ruiz")]),
        ("Ana Ruiz is in a stable condition after surgery.", [("alive", "ana ruiz")]),
        ("Ana Ruiz died in hospital late on Friday.", [("dead", "ana ruiz")]),
        ("Ana Ruiz was fatally wounded in the attack.", [("dead", "ana ruiz")]),
        # someone else's fate, a denial, a rumour: none is the named person's
        ("Ana Ruiz's driver was killed in the attack.", []),
        ("Ana Ruiz was not hurt in the attack.", []),
        ("Ana Ruiz was reportedly killed in the attack.", []),
    ],
)
def test_what_befell_a_named_person(text: str, expected: list[tuple[str, str]]) -> None:
    assert [
        (f.value, f.measure.owner) for c in _claims(text) for f in c.facts_of(Slot.FATE)
    ] == expected
