"""Hand-written article pairs: for each slot, a true contradiction and a look-alike.

Each case is two short articles.  ``expected`` is the slot of the one
contradiction the pair must produce, or None when the pair only looks alike
and nothing may be flagged.
"""

from __future__ import annotations

import datetime as dt

import pytest

from reconcile.model import Finding, FindingKind, Report, Settings, Slot, make_article
from reconcile.pipeline import reconcile_articles
from reconcile.render.words import Lexicon, headline

LEAD = "Officials gave details of the day in a statement to reporters."

CASES = [
    # duration look-alike: one light verb, two sentences of one person: a ban and a prison term.
    (
        "The court gave Tomas Lind a three-year driving ban on Monday.",
        "On Monday the court gave Tomas Lind two years in prison.",
        None,
    ),
    # time: a time off the five-minute marks is as precise as it is written.
    (
        "The old bridge collapsed at 4:07 a.m. on Sunday, the agency said.",
        "The agency said the old bridge collapsed at 4:10 a.m. on Sunday.",
        "time",
    ),
    # time: "4:30" may be a rounded 4:32.
    (
        "The old bridge collapsed at 4:30 a.m. on Sunday, the agency said.",
        "The agency said the old bridge collapsed at 4:32 a.m. on Sunday.",
        None,
    ),
    # time look-alike: a past disaster dated by a full date, with its year.
    (
        "The old bridge collapsed at 4:07 a.m. on Sunday, the agency said.",
        "The town recalled the bridge that collapsed at 4:12 a.m. on March 3, 2009, killing 30.",
        None,
    ),
    # day: the same trip on two different days; a city lies in its country.
    (
        "The foreign minister Anna Berg will visit Nairobi on Friday.",
        "Anna Berg is expected to travel to Kenya on Saturday.",
        "day",
    ),
    # day look-alike: different trips, different places.
    (
        "The foreign minister Anna Berg visited Berlin on Monday.",
        "Anna Berg will fly to Madrid on Wednesday.",
        None,
    ),
    # place agreement, not contradiction: city and its country, same day.
    (
        "The foreign minister Anna Berg will visit Nairobi on Friday.",
        "Anna Berg is expected to travel to Kenya on Friday.",
        None,
    ),
    # duration: the same meeting, two lengths.
    (
        "Merkel and Macron met for about three hours in Berlin.",
        "Merkel and Macron held a 90-minute meeting in Berlin.",
        "duration",
    ),
    # duration look-alike: a meeting and a lunch.
    (
        "Merkel and Macron met for about three hours in Berlin.",
        "Merkel and Macron later had a 90-minute lunch in Berlin.",
        None,
    ),
    # count: the same injured, two figures.
    (
        "Police said 12 people were injured in the blast in Lyon.",
        "Police said 20 people were injured in the blast in Lyon.",
        "count",
    ),
    # count look-alike: digits and words.
    (
        "Police said 12 people were injured in the blast in Lyon.",
        "Police said twelve people were injured in the blast in Lyon.",
        None,
    ),
    # count look-alike: a lower bound and a figure above it.
    (
        "Police said more than 30 people were injured in the blast in Lyon.",
        "Police said 31 people were injured in the blast in Lyon.",
        None,
    ),
    # count: a lower bound and a figure below it.
    (
        "Police said at least 30 people were injured in the blast in Lyon.",
        "Police said 20 people were injured in the blast in Lyon.",
        "count",
    ),
    # count: two names for one group of people sent to the scene.
    (
        "Officials said about 150 personnel were searching the river near Lyon.",
        "Boats and 250 rescuers were searching the river near Lyon.",
        "count",
    ),
    # count look-alike: a part of the group is not the group.
    (
        "Officials said 40 divers were searching the river near Lyon.",
        "Boats and 250 rescuers were searching the river near Lyon.",
        None,
    ),
    # count look-alike: two different groups of people.
    (
        "Officials said 150 soldiers were searching the river near Lyon.",
        "Boats and 250 rescuers were searching the river near Lyon.",
        None,
    ),
    # count: one death toll, two figures.
    (
        "The death toll from the flood in the valley near Lyon rose to 41.",
        "Officials said 25 people were killed by the flood in the valley near Lyon.",
        "count",
    ),
    # count: even a small toll is the story's running figure.
    (
        "Three people were confirmed dead in the flood near Lyon on Saturday.",
        "The discovery raised the confirmed death toll from the flood near Lyon to five.",
        "count",
    ),
    # count look-alike: a small count of something else.
    (
        "Three boats were lost in the flood near Lyon on Saturday.",
        "The discovery raised the confirmed death toll from the flood near Lyon to five.",
        None,
    ),
    # count look-alike: another year's disaster.
    (
        "The death toll from the flood in the valley near Lyon rose to 41.",
        "A flood in the valley near Lyon killed more than 300 people in 1999.",
        None,
    ),
    # count look-alike: the dead and the injured.
    (
        "Officials said 25 people were killed by the flood in the valley near Lyon.",
        "Officials said 40 people were injured by the flood in the valley near Lyon.",
        None,
    ),
    # day look-alike: the day a toll rose is not the day of the flood.
    (
        "The flood swept through the valley near Lyon on Monday, killing many.",
        "The death toll from the flood in the valley near Lyon rose to 41 on Tuesday.",
        None,
    ),
    # clock time: one aftershock, tied by its magnitude, at two times.
    (
        "A strong aftershock of magnitude 4.7 hit at 4.33am, bringing down more walls.",
        "An aftershock measuring 4.7 rattled the area at 5:33 a.m. local time.",
        "time",
    ),
    # percent look-alike: the shares of an earlier round of one vote.
    (
        "Tomas Lind won 44.8 percent of the votes in the first round, the board said.",
        "Tomas Lind won 47.86 percent of the votes, the board said.",
        None,
    ),
    # percent: one share, though the clause recalls the first round ("first-round showing").
    (
        "Tomas Lind recovered from a weak first-round showing and won 47 percent of the vote.",
        "Tomas Lind won 39 percent of the vote, the election board said.",
        "percent",
    ),
    # duration look-alike: two spans after one operation, to moments no verb names.
    (
        "A 61-year-old man received a new kidney in Lyon and was still doing well three days "
        "later.",
        "His daughter spoke on Sunday, two days after the operation in Lyon.",
        None,
    ),
    # clock time look-alike: the main quake and an aftershock.
    (
        "The earthquake of magnitude 6.1 struck the hills at 3:36 a.m. on Wednesday.",
        "An aftershock measuring 4.7 rattled the hills at 5:33 a.m. on Wednesday.",
        None,
    ),
    # day: one approval on two days, though the clause dates a visit too.
    (
        "President Anna Berg on Monday approved a disaster declaration for the Lyon region.",
        "Anna Berg, who approved a disaster declaration for the Lyon region on Sunday, is due "
        "to visit on Saturday.",
        "day",
    ),
    # day: one inauguration on two days, names spelt with and without accents.
    (
        "Anna Berg is due to take office at a ceremony at the Élysée Palace next Monday.",
        "Ms Berg will be formally installed at the Elysee Palace on Sunday.",
        "day",
    ),
    # duration: how soon after the polls closed, the unit kept with its "after".
    (
        "Anna Berg conceded defeat barely 20 minutes after polling stations closed.",
        "Ms. Anna Berg conceded about an hour after the polls closed.",
        "duration",
    ),
    # clock time: the same departure at two times.
    (
        "The Garuda plane departed from Jakarta at 6:20 a.m. on Monday.",
        "The Garuda plane left Jakarta at 7.40am on Monday.",
        "time",
    ),
    # clock time look-alike: departure and landing.
    (
        "The Garuda plane departed from Jakarta at 6:20 a.m. on Monday.",
        "The Garuda plane landed in Jakarta at 7.40am on Monday.",
        None,
    ),
    # day look-alike: a plane that "took off" departed; bodies "taken to" a city were carried.
    (
        "The Garuda plane took off from Jakarta at 6:20 a.m. on Monday.",
        "Officials said 40 bodies had been taken to Jakarta on Wednesday.",
        None,
    ),
    # clock time: one departure, said with a phrasal verb and with a plain one.
    (
        "The Garuda plane took off from Jakarta at 6:20 a.m. on Monday.",
        "The Garuda plane departed from Jakarta at 7.40am on Monday.",
        "time",
    ),
    # day look-alike: a storm and a quake, each said to strike, are two happenings.
    (
        "A powerful typhoon struck the region on Saturday, flooding the airport.",
        "The quake struck in the early hours of Monday, with its epicentre near the town.",
        None,
    ),
    # day look-alikes: a light verb names one event only when said of one subject.
    ("The search began on Saturday morning.", "The trial began on Monday.", None),
    (
        "Protesters took to the streets on Friday.",
        "The new owner took control of the firm on Sunday.",
        None,
    ),
    # day: a light verb said of one subject.
    ("Anna Berg took office on Monday.", "Anna Berg took office on Tuesday.", "day"),
    # month: the same election in two months.
    (
        "Kenya will hold the presidential election in June.",
        "Kenya will hold the presidential election in August.",
        "month",
    ),
    # clock time look-alike: "shortly after 6:30" is 6:33.
    (
        "The fire broke out shortly after 6:30 a.m. on Thursday near the town of Lyon.",
        "The fire was reported at 6:33 a.m. on Thursday near the town of Lyon.",
        None,
    ),
    # clock time: half an hour apart is no rounding.
    (
        "The fire broke out at 6:15 a.m. on Thursday near the town of Lyon.",
        "The fire broke out at 6:45 a.m. on Thursday near the town of Lyon.",
        "time",
    ),
    # day look-alike: leaving and arriving are two moments of one trip.
    (
        "Anna Berg flew out of Lyon at about 6.30pm on Tuesday.",
        "Anna Berg had arrived in Lyon on Sunday after leaving the summit in Paris early.",
        None,
    ),
    # day look-alike: two steps of a search that goes on day after day.
    (
        "Crews pulled more remains from the ashes of the town near Lyon on Saturday, raising "
        "the death toll from the fire to 23.",
        "Seven more bodies were found near Lyon on Thursday, bringing the death toll from the "
        "fire to 63.",
        "count",
    ),
    # count look-alike: last year's fire.
    (
        "The death toll from the fire near Lyon rose to 63, officials said.",
        "The deadliest fire near Lyon was last year's fire on the hills, which killed 22 people.",
        None,
    ),
    # count look-alike: figures of two named days are two occasions (not a running tally).
    (
        "Rescuers found 14 more bodies near Lyon on Saturday.",
        "Crews recovered 13 more sets of remains in the hills near Lyon on Monday.",
        None,
    ),
    # count look-alike: an age range is no count of the group it describes.
    (
        "The 15 climbers, aged 19 to 30, set off from Lyon with their guide.",
        "The climbers, who are aged between 19 and 30, set off from Lyon with a guide.",
        None,
    ),
    # age look-alike: one sentence told of two people is two referents, whatever the wording.
    (
        "Captain Anna Berg, 48, was arrested in Lyon on Friday.",
        "Captain Louis Petit, 53, was arrested in Lyon on Friday.",
        None,
    ),
    # count and day look-alikes: one clause said of two parties, with the name far from
    # the figure, is two statements (no owner stands by the value to tell them apart).
    (
        "Anna Berg, who joined the club in 2017, has scored 75 goals in all, the club said.",
        "Louis Petit, who joined the club in 2017, has scored 105 goals in all, the club said.",
        None,
    ),
    (
        "Early on Tuesday, Anna Berg and her team were still searching the north slope.",
        "Early on Monday, Louis Petit and his team were still searching the north slope.",
        None,
    ),
    # day and time look-alike: a later instance of a recurring thing, set apart by an
    # ordinal, is not the first.
    (
        "The search of the flooded mine began at 10 a.m. on Sunday, the governor said.",
        "The second phase of the search began at 11am on Monday, the governor said.",
        None,
    ),
    # count: the same party, restated with another figure, is a conflict.
    (
        "Anna Berg, who joined the club in 2017, has scored 75 goals in all, the club said.",
        "Anna Berg, who joined the club in 2017, has scored 105 goals in all, the club said.",
        "count",
    ),
    # age: the same person, restated with another age.
    (
        "Anna Berg, 48, was arrested in Lyon on Friday.",
        "Anna Berg, 53, was arrested in Lyon on Friday.",
        "age",
    ),
    # age: a named person's age, beside someone else's in one clause, is still one age.
    (
        "Police in Lyon arrested Anna Berg, 40, on Friday after the shooting.",
        "The 67-year-old mayor was shot in Lyon on Friday by 41-year-old Anna Berg.",
        "age",
    ),
    # age look-alike: a relative's age, said beside a person's name, is the relative's.
    (
        "In Lyon, Tomas Lind was married and had two children, an 18-year-old son and a baby.",
        "Friends said 34-year-old Tomas Lind and 40-year-old Louis Petit lived in Lyon.",
        None,
    ),
    # year look-alike: two years are two events, never a conflict.
    (
        "Engineers asked why the school in Lyon, renovated in 2012, gave way in the flood.",
        "Prosecutors in Lyon are asking whether the 2014 renovation of the school was poor.",
        None,
    ),
    # negation: one source denies what the other states.
    (
        "The mayor Tom Reyes confirmed that the Ohio plant will close next year.",
        "The mayor Tom Reyes said that the Ohio plant will not close next year.",
        "negation",
    ),
    # negation: the denied predicate is all there in the other clause.
    (
        "Speaking in Lyon, Anna Berg said she had called Tom Reyes to congratulate him.",
        "Ms Anna Berg did not call Mr Tom Reyes to congratulate him, aides said in Lyon.",
        "negation",
    ),
    # negation look-alike: what is denied is not what the other states.
    (
        "Speaking in Lyon, Anna Berg said she had called Tom Reyes to congratulate him.",
        "Ms Anna Berg did not meet Mr Tom Reyes after the vote, aides said in Lyon.",
        None,
    ),
    # negation look-alike: a purpose denied ("so he won't"), the same purpose stated.
    (
        "Anna Berg adopted the boy so he would not turn into a werewolf, aides said in Lyon.",
        "Anna Berg adopted the boy to stop him turning into a werewolf, aides said in Lyon.",
        None,
    ),
    # age: one named person has one age at a time, however the name is ordered.
    (
        "The driver, Ruiz Ana, 41, was charged in Lyon on Monday.",
        "Prosecutors in Lyon charged Ana Ruiz, 40, on Monday.",
        "age",
    ),
    # age look-alike: two people.
    (
        "The driver, Ana Ruiz, 41, was charged in Lyon on Monday.",
        "Prosecutors in Lyon charged her passenger, Li Wei, 40, on Monday.",
        None,
    ),
    # duration: each report's one length of one named thing.
    (
        "The six-week trial of the former mayor ended in Lyon on Friday with a guilty verdict.",
        "A jury in Lyon found the former mayor guilty on Friday at the end of an eight-week trial.",
        "duration",
    ),
    # duration look-alike: one light verb ("given") for two penalties.
    (
        "Ana Ruiz was given a five-year ban from public office by the court in Lyon on Friday.",
        "For this, the court in Lyon gave Ruiz four years in prison on Friday.",
        None,
    ),
    # negation look-alike: both deny.
    (
        "The mayor Tom Reyes said that the Ohio plant will not close next year.",
        "Tom Reyes said the Ohio plant will not close next year.",
        None,
    ),
]


def _report(first: str, second: str, date: dt.date | None = None) -> Report:
    articles = [
        make_article(id="a1", path="one.txt", name="one", text=f"{LEAD}\n\n{first}\n", date=date),
        make_article(id="a2", path="two.txt", name="two", text=f"{LEAD}\n\n{second}\n", date=date),
    ]
    return reconcile_articles(articles, settings=Settings())


def _contradictions(first: str, second: str) -> list[str]:
    return [
        f.slot.value
        for f in _report(first, second).findings
        if f.kind in (FindingKind.CONTRADICTION, FindingKind.UPDATE)
    ]


def _agreements(first: str, second: str) -> list[str]:
    return [f.reason for f in _report(first, second).findings if f.kind is FindingKind.AGREEMENT]


# Conflicts a careful reader sees that no rule reads (the judge's probability alone reports
# nothing below ``Settings.contradiction_threshold``): kept as strict expected failures, so
# that a change that finds them shows up here and the case moves back into CASES.
KNOWN_MISSES = {
    # two names for one group, no subject: the judge saw it (0.7), no rule does
    ("Officials said about 150 personnel were searching the river near Lyon.", "count"),
    # one subject, one event, values too far apart for "one subject doing one thing"
    ("Anna Berg conceded defeat barely 20 minutes after polling stations closed.", "duration"),
    # one meeting with two lengths, the second named by a noun ("meeting") and a far value
    ("Merkel and Macron met for about three hours in Berlin.", "duration"),
    # one aftershock timed by two verbs the lexicon does not link ("hit", "rattled")
    ("A strong aftershock of magnitude 4.7 hit at 4.33am, bringing down more walls.", "time"),
}


def _case(first: str, second: str, expected: str | None) -> object:
    if (first, expected) in KNOWN_MISSES:
        return pytest.param(first, second, expected, marks=pytest.mark.xfail(strict=True))
    return pytest.param(first, second, expected)


@pytest.mark.parametrize(("first", "second", "expected"), [_case(*case) for case in CASES])
def test_pair(first: str, second: str, expected: str | None) -> None:
    found = _contradictions(first, second)
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(("first", "second", "expected"), CASES)
def test_swapping_the_sources_changes_nothing(
    first: str, second: str, expected: str | None
) -> None:
    assert _contradictions(second, first) == _contradictions(first, second)


AGREEMENTS = [
    # a kind of people and "people", the same figure
    (
        "A jet carrying 189 people crashed into the sea off Jakarta.",
        "All 189 passengers and crew on the jet that crashed off Jakarta died.",
        "2 sources agree on the count: 189 people",
    ),
    # one model named fuller and shorter, and after a capitalised "How": one name
    (
        "The airline grounded its Airbus A320 after the fault over Lyon.",
        "How the A320 came to fail over Lyon is not yet known, the airline said.",
        "2 sources agree on the name and number: A320",
    ),
    # the same model, in sentences about different moments
    (
        "The airline took delivery of the aircraft, a new Airbus A320neo, in August.",
        "The jet, an Airbus A320neo operating as Flight XY 12, was bound for Lyon.",
        "2 sources agree on the name and number: Airbus A320neo",
    ),
    # a first for a country, told in other words
    (
        "Anna Berg became Kenya's first Olympic champion by winning the marathon.",
        "With the victory she also becomes the first Kenyan runner to claim a marathon title.",
        "2 sources agree on the first for a country: Kenya's first",
    ),
    # the same year
    (
        "Engineers asked why the school in Lyon, renovated in 2012, gave way in the flood.",
        "Prosecutors in Lyon are asking whether the 2012 renovation of the school was poor.",
        "2 sources agree on the year: 2012",
    ),
    # a clock time, though one clause's verb names no known event
    (
        "The tower in Lyon partially gave way at about 1:30 a.m., according to fire officials.",
        "The collapse of the tower in Lyon happened at about 01:30 local time.",
        "2 sources agree on the time of giving: 1:30 a.m.",
    ),
    # a game score, told with different verbs
    (
        "Lyon came back from three goals down to beat Nantes 3-2 in a penalty shootout.",
        "Lyon won the shootout 3-2, with Anna Berg and Maria Lind scoring.",
        "2 sources agree on the score: 3-2",
    ),
]


@pytest.mark.parametrize(("first", "second", "reason"), AGREEMENTS)
def test_agreement(first: str, second: str, reason: str) -> None:
    # Other agreements on the same sentences follow the first after "; ".
    assert reason in [found.split("; ")[0] for found in _agreements(first, second)]


def test_exact_times_agree_only_as_far_as_rounding_goes() -> None:
    """ "10.58pm" rounds to "11pm"; "2.11pm" is as precise as it is written, and "2:15pm"
    stands for 2:13 to 2:17 at the most: they differ."""
    rounded = _agreements(
        "The ferry left the port of Lyon at 10.58pm, the company said.",
        "The ferry left the port of Lyon at 11pm, the company said.",
    )
    assert any("time" in reason for reason in rounded)
    apart = _report(
        "The ferry left the port of Lyon at 2.11pm, the company said.",
        "The ferry left the port of Lyon at 2:15pm, the company said.",
    )
    assert [f.kind for f in apart.findings if f.slot.value == "time"] == [FindingKind.CONTRADICTION]


def test_counts_of_people_who_met_two_fates_do_not_agree() -> None:
    agreements = _agreements(
        "The eruption on the island left 27 people missing, the police said on Monday.",
        "The eruption on the island left 27 people injured, the police said on Monday.",
    )
    assert not [reason for reason in agreements if "27" in reason]


def test_two_events_of_one_day_are_not_an_agreement() -> None:
    """A win and a fine on one Saturday: the same day, but not one fact to corroborate."""
    agreements = _agreements(
        "Anna Berg beat Maria Lind in the final on Saturday in Paris.",
        "On Saturday Maria Lind was fined for the outburst in the final.",
    )
    assert not [reason for reason in agreements if "Saturday" in reason]


def test_one_number_of_two_things_is_not_an_agreement() -> None:
    """Two sentences alike in their names, each with a "two" of something else: the same
    number counts two different things, which corroborates nothing."""
    agreements = _agreements(
        "Anna Berg saved two match points against Maria Lind in the final in Paris.",
        "Anna Berg won two sets against Maria Lind in the final in Paris.",
    )
    assert not [reason for reason in agreements if "two" in reason]


def _dated_report(told: list[tuple[str, str, dt.date]]) -> Report:
    """The report on articles given as (name, text, publication date)."""
    articles = [
        make_article(id=f"a{n}", path=f"{name}.txt", name=name, text=text + "\n", date=date)
        for n, (name, text, date) in enumerate(told, start=1)
    ]
    return reconcile_articles(articles, settings=Settings())


def _update(template: str, tolls: list[tuple[str, int, dt.date]]) -> Finding:
    """The one update finding of articles that each tell a toll, dated."""
    report = _dated_report([(name, template.format(toll), date) for name, toll, date in tolls])
    (finding,) = [f for f in report.findings if f.kind is FindingKind.UPDATE]
    return finding


def test_a_running_figure_from_a_later_article_is_an_update() -> None:
    finding = _update(
        "Rescuers said {} people died in the quake in Lombok.",
        [("early", 35, dt.date(2018, 8, 6)), ("late", 91, dt.date(2018, 8, 7))],
    )
    assert finding.reason.endswith("91 people (late, 2018-08-07); late is newest")
    assert "35 people (early, 2018-08-06) -> " in finding.reason


def test_an_outbreaks_case_count_is_a_running_figure() -> None:
    finding = _update(
        "Health officials said {} cases of measles had been confirmed in the county.",
        [("early", 48, dt.date(2025, 2, 10)), ("late", 90, dt.date(2025, 2, 14))],
    )
    assert finding.reason == (
        "the number of cases changed: 48 cases (early, 2025-02-10) -> 90 cases (late, "
        "2025-02-14); late is newest"
    )


def test_the_cases_added_in_a_day_are_not_the_count() -> None:
    report = _report(
        "On Tuesday health officials reported 12 new cases of measles in the county.",
        "On Tuesday health officials said the county had 90 cases of measles.",
    )
    assert [f.kind for f in report.findings if f.slot is Slot.COUNT] == []


def test_the_steps_of_one_running_figure_are_one_update() -> None:
    finding = _update(
        "Searchers found more remains, raising the death toll from the fire to {}.",
        [
            ("early", 23, dt.date(2018, 11, 10)),
            ("middle", 42, dt.date(2018, 11, 13)),
            ("late", 63, dt.date(2018, 11, 16)),
        ],
    )
    assert finding.reason == (
        "the death toll changed: 23 (early, 2018-11-10) -> 42 (middle, 2018-11-13) -> "
        "63 (late, 2018-11-16); late is newest"
    )


def test_two_floors_of_a_running_figure_on_one_day_are_an_update() -> None:
    """ "At least 36" and "at least 40" dead are each the count so far, not an error."""
    finding = _update(
        "At least {} people died when the two buses collided near Lyon, officials said.",
        [("morning", 36, dt.date(2023, 3, 1)), ("evening", 40, dt.date(2023, 3, 1))],
    )
    assert finding.reason == (
        "the death toll changed: At least 36 people (morning, 2023-03-01) -> "
        "At least 40 people (evening, 2023-03-01); of the newest, evening gives the highest"
    )


def test_a_short_quotation_by_one_named_speaker_drifts() -> None:
    report = _report(
        'Mayor Anna Berg said little space was left. "The tower literally pancaked," she said.',
        "“The tower is literally pancaked,” Mayor Anna Berg told reporters near the site.",
    )
    drifts = [f for f in report.findings if f.kind is FindingKind.QUOTE_DRIFT]
    assert [f.reason for f in drifts] == [
        "2 sources quote it, worded differently: 'is' only in the second"
    ]


def test_two_floors_at_different_figures_corroborate_nothing() -> None:
    """ "At least 26" and "at least 31" may both hold, but a reader sees two figures."""
    first = "At least 26 bodies had been recovered from the river near Lyon, police said."
    second = "At least 31 bodies had been recovered from the river near Lyon, police said."

    def counts(a: str, b: str) -> list[str]:
        return [r for r in _agreements(a, b) if "number of bodies" in r]

    assert counts(first, second) == []
    assert _contradictions(first, second) == []
    same_floor = "Police in Lyon said at least 26 bodies had been pulled from the river."
    assert counts(first, same_floor) != []


def test_two_unnamed_peoples_ages_in_one_country_are_two_people() -> None:
    """An age belongs to a person; a place beside two ages does not make them one man's."""
    first = (
        "An 80-year-old man was killed in Portugal on Tuesday when a wall behind his home"
        " collapsed in the town of Arouca."
    )
    second = (
        "Police said that on Tuesday evening a 26-year-old man was carried away by floodwaters"
        " in Lisbon, and he is believed to have drowned."
    )
    assert _contradictions(first, second) == []


def _quote_findings(first: str, second: str) -> list[tuple[str, str]]:
    return [
        (f.kind.value, f.reason) for f in _report(first, second).findings if f.slot is Slot.QUOTE
    ]


def test_a_quotation_told_to_a_broadcaster_is_the_speakers() -> None:
    """ "told Radio Norte": the station listened, so the two wordings are one speaker's."""
    assert _quote_findings(
        '"Bodies are lying in the streets and the river," Ana Ruiz said.',
        '"The dead are lying in the streets and the river," Ana Ruiz told Radio Norte.',
    ) == [("quote_drift", "2 sources quote it, worded differently: 'bodies' -> 'the dead'")]


def test_a_negation_dropped_where_both_quote_changes_the_meaning() -> None:
    """The line before, quoted by one report only, holds a negation the other lacks; that
    one does not count (see ONE_QUOTATION_TWO_WORDINGS), the one both quote does."""
    changed = _quote_findings(
        '"We cannot go back. The old plan has no support anywhere in the country," Ana Ruiz said.',
        '"The old plan has support anywhere in the country," Ana Ruiz said.',
    )
    assert [kind for kind, _ in changed] == ["contradiction"]


def test_a_negation_is_sought_where_the_shorter_wording_stands_in_the_longer() -> None:
    findings = _quote_findings(
        '"We waited for years for this day and we prayed and we hoped and one man is'
        ' responsible for what happened that night," Ana Ruiz said.',
        '"No one is responsible for what happened that night," Ana Ruiz said.',
    )
    assert [kind for kind, _ in findings] == ["contradiction"]


ONE_QUOTATION_TWO_WORDINGS = [
    pytest.param(
        '"We cannot go back. The old plan has no support anywhere in the country," Ana Ruiz said.',
        '"The old plan has no backing anywhere in the country," Ana Ruiz said.',
        id="more of a speech quoted is no change of meaning",
    ),
    pytest.param(
        '"Every family that lost its home will be housed before the winter comes," Ana Ruiz said.',
        '"Every family that lost a home will be housed before the winter comes," Li Wei said.',
        id="a long passage worded alike is one quotation whoever is named",
    ),
    pytest.param(
        '"Running this firm has been an honour of a lifetime," Ana Ruiz said in a statement.',
        '"Running this firm has been the honour of my lifetime, and I thank every colleague I'
        ' had along the way, from the first day to the last," Ana Ruiz said.',
        id="one speaker's shorter wording inside a longer one",
    ),
    pytest.param(
        'She spoke after the race. "I think this is the first season where I felt strong every'
        " single day. The team was amazing and the crowds were loud from start to finish, and"
        ' I never doubted we would get here in the end."',
        '"I think this was the first season where I felt strong every single day," Ana Ruiz said.',
        id="ten words or more inside a longer quotation, whoever said it",
    ),
    pytest.param(
        '"We shouldn\'t have had this kind of contact," Ana Ruiz said.',
        '"We were far from the rocks. We should not have had this contact," Ana Ruiz said.',
        id="a contraction written out is no change of meaning",
    ),
    pytest.param(
        '"The plan is a merger of two private lenders on market terms and a private matter,"'
        " Ana Ruiz said.",
        '"The plan is a merger of two private lenders on market terms and this is no handout,"'
        " Ana Ruiz said.",
        id="a negation inside a reworded passage is no change of meaning",
    ),
]


@pytest.mark.parametrize(("first", "second"), ONE_QUOTATION_TWO_WORDINGS)
def test_one_quotation_worded_two_ways_drifts(first: str, second: str) -> None:
    assert [kind for kind, _ in _quote_findings(first, second)] == ["quote_drift"]


def test_a_short_line_in_two_mouths_is_two_quotations() -> None:
    """Unlike a long passage (see ONE_QUOTATION_TWO_WORDINGS), a short line worded alike
    by two named speakers may be two people's."""
    short = _quote_findings(
        '"Every family will be housed soon," Ana Ruiz said.',
        '"Every family will be rehoused soon," Li Wei said.',
    )
    assert short == []


def _toll_findings(first: str, second: str) -> list[tuple[str, list[str]]]:
    return [
        (f.kind.value, sorted(e.value for e in f.evidence))
        for f in _report(first, second).findings
        if f.kind in (FindingKind.CONTRADICTION, FindingKind.UPDATE)
    ]


def test_two_reports_tolls_conflict_whoever_gives_them() -> None:
    """The agency beside one figure and the region beside the other are its source and its
    scene, not two owners; each is its report's toll, so they state one figure."""
    first = "By Wednesday evening the civil defence agency put the number of dead at 120."
    second = "The floods that swept through Valencia have killed 247 people, officials said."
    assert _toll_findings(first, second) == [("contradiction", ["120", "247 people"])]


def test_a_hedge_about_something_else_leaves_the_toll_a_count() -> None:
    """ "Apparently" is about who lit the fire, far from the figure; "may" next to a toll
    makes it a fear (see ``test_a_part_of_a_toll_or_a_feared_toll_is_not_the_toll``)."""
    first = "The toll: 41 dead in all, victims of a blaze that the inmates apparently started."
    second = "The fire at the prison in Lyon has killed 44 people, officials said."
    assert _toll_findings(first, second) == [("contradiction", ["41 dead", "44 people"])]


def test_tolls_more_than_tenfold_apart_are_a_part_and_its_whole() -> None:
    """Each report's one toll, but a town's and a region's: no misreport is that far off."""
    first = "By Wednesday evening the civil defence agency put the number of dead at 12."
    second = "The floods that swept through Valencia have killed 247 people, officials said."
    assert _toll_findings(first, second) == []
    assert _toll_findings(first.replace("12", "120"), second) != []


def test_a_toll_followed_by_a_forecast_is_stated_not_feared() -> None:
    """ "Rose to 12 and may yet rise" states 12 (a fear is no step of a running toll:
    see ``test_a_part_of_a_toll_or_a_feared_toll_is_not_the_toll``)."""
    stated = "The toll from the quake in Lombok rose to {} and may yet rise, rescuers said."
    tolls = [("early", 12, dt.date(2018, 8, 6)), ("late", 30, dt.date(2018, 8, 8))]
    assert "12 (early, 2018-08-06) -> 30 (late, 2018-08-08)" in _update(stated, tolls).reason


def test_a_fear_in_a_clause_of_its_own_leaves_the_toll_stated() -> None:
    """ "Dozens are feared trapped after 12 died": the fear is about the trapped."""
    stated = "Dozens of people are still feared trapped after at least {} died in Lombok."
    tolls = [("early", 12, dt.date(2018, 8, 6)), ("late", 30, dt.date(2018, 8, 8))]
    assert "at least 12 died (early, 2018-08-06) -> at least 30" in _update(stated, tolls).reason


def test_a_running_figure_rises_far_but_never_falls_far() -> None:
    template = "Rescuers said {} people died in the quake in Lombok."
    rising = [("early", 12, dt.date(2018, 8, 6)), ("late", 460, dt.date(2018, 8, 9))]
    assert "12 people (early, 2018-08-06) -> " in _update(template, rising).reason
    falling = [("early", 460, dt.date(2018, 8, 6)), ("late", 12, dt.date(2018, 8, 9))]
    with pytest.raises(ValueError):  # no update finding to unpack
        _update(template, falling)


def test_a_past_events_toll_is_not_the_storys() -> None:
    first = "By Wednesday evening the civil defence agency put the number of dead at 120."
    second = (
        "The floods that swept through Valencia have killed 247 people, officials said.\n\n"
        "The floods of October 29, 1957 in the same city killed 81 people."
    )
    assert _toll_findings(first, second) == [("contradiction", ["120", "247 people"])]


def test_a_part_of_a_toll_or_a_feared_toll_is_not_the_toll() -> None:
    assert (
        _toll_findings(
            "About 30 people were injured in the collision near Lyon, officials said.",
            "Two of the injured were in a serious condition in hospital in Lyon.",
        )
        == []
    )
    assert (
        _toll_findings(
            "The storm killed 84 people in Mozambique, the government said on Monday.",
            "The president said more than 1,000 people may have died in Mozambique.",
        )
        == []
    )
    for fear in ("are feared dead", "are presumed dead"):
        assert (
            _toll_findings(
                "The storm killed 84 people in Mozambique, the government said on Monday.",
                f"At least 120 people {fear} in Mozambique, the president said on Monday.",
            )
            == []
        ), fear


def test_a_clause_of_two_tolls_conflicts_only_where_the_other_matches_neither() -> None:
    """A clause giving two values of one measure is ambiguous about which the other source
    meant: one of them corroborates; a figure matching neither still conflicts."""
    both = "The flood killed 12 people in Lyon and 14 people in Vienne on Monday, officials said."
    assert (
        _toll_findings(both, "The flood killed 12 people in Lyon on Monday, officials said.") == []
    )
    assert _toll_findings(
        both, "The flood killed 30 people in Lyon on Monday, officials said."
    ) == [("contradiction", ["12 people", "30 people"])]


def test_each_reports_one_day_of_one_event_conflict() -> None:
    """Each report names one day for the sinking: two days are a contradiction."""
    first = "The overnight ferry from Piraeus sank off Crete on Monday, the coastguard said."
    second = "Rescue boats reached the survivors hours after the ferry sank on Tuesday."
    assert _toll_findings(first, second) == [("contradiction", ["Monday", "Tuesday"])]


def test_two_events_on_two_days_do_not_conflict() -> None:
    first = "The overnight ferry from Piraeus sank off Crete on Monday, the coastguard said."
    second = "The funeral of the captain will be held on Friday in Piraeus."
    assert _toll_findings(first, second) == []


def test_agreements_on_one_sentence_pair_are_one_finding() -> None:
    report = _report(
        "Anna Berg flew to Nairobi on Wednesday and met 14 ministers at the summit.",
        "On Wednesday Anna Berg met 14 ministers in Nairobi at the summit.",
    )
    on_berg = [
        f
        for f in report.findings
        if f.kind is FindingKind.AGREEMENT and "Berg" in f.evidence[0].claim.sentence.text
    ]
    assert len(on_berg) == 1  # not one for the day, one for the count, one for the place
    (finding,) = on_berg
    assert len(finding.merged) == 2
    assert "Wednesday" in finding.reason and "14 ministers" in finding.reason


def test_an_agreement_on_two_compatible_values_names_both() -> None:
    """ "303 seats" and "over 300 seats" agree, but the finding must not call both "303"."""
    report = _report(
        "The ruling party won 303 seats in the election in Lyon, officials said on Friday.",
        "The ruling party won over 300 seats in the election in Lyon, officials said on Friday.",
    )
    (finding,) = [f for f in report.findings if f.slot is Slot.COUNT]
    assert finding.kind is FindingKind.AGREEMENT
    assert finding.values == ("303 seats", "over 300 seats")
    assert "one says 303 seats; two says over 300 seats" in finding.reason
    assert "303 seats and over 300 seats" in headline(finding, Lexicon.of(report))


def test_an_agreement_on_one_value_lists_no_values() -> None:
    report = _report(
        "The ruling party won 303 seats in the election in Lyon, officials said on Friday.",
        "The ruling party won 303 seats in the election in Lyon, officials said Friday.",
    )
    (finding,) = [f for f in report.findings if f.slot is Slot.COUNT]
    assert finding.values == ()


def test_a_toll_told_with_its_earlier_step_is_still_the_reports_toll() -> None:
    """ "From 31 to 58": the 31 is past, so the clause states one toll, 58."""
    first = "The death toll from the floods rose from 31 to 58 on Tuesday, officials said."
    second = "The floods that swept the valley have killed 73 people, the agency said."
    assert _toll_findings(first, second) == [("contradiction", ["58", "73 people"])]


def test_sentences_that_share_only_names_are_not_one_event() -> None:
    """A death, and what the dead host was known for: the same names, two things said."""
    agreements = _agreements(
        "Anna Berg, the host of Lyon Radio's Morning Show, has died, Lyon Radio reports.",
        "Anna Berg was best known for Lyon Radio's Morning Show and for Night Talk on Lyon TV.",
    )
    assert not [reason for reason in agreements if "other words" in reason]


def test_one_happening_in_other_words_is_one_event() -> None:
    agreements = _agreements(
        "Maria Lind, who confirmed the death of Anna Berg, said she had been found in Lyon.",
        "Maria Lind confirmed the death of Anna Berg in a statement.",
    )
    assert "2 sources report the same thing in other words" in agreements


def test_one_happening_in_other_years_or_with_other_figures_is_not_one_fact() -> None:
    """Like words about one party, but another year, or figures that cannot both hold:
    the two sentences do not state one fact, whatever else they share."""
    same = (
        "Maria Lind, who confirmed the death of Anna Berg, said she had been found in Lyon.",
        "Maria Lind confirmed the death of Anna Berg in a statement.",
    )
    assert "2 sources report the same thing in other words" in _agreements(*same)
    other_year = (same[0], "Maria Lind confirmed the death of Anna Berg in a statement in 2009.")
    assert "2 sources report the same thing in other words" not in _agreements(*other_year)
    other_figure = (
        "Maria Lind, who confirmed the death of Anna Berg, said 12 guests had been found in Lyon.",
        "Maria Lind confirmed the death of Anna Berg in a statement naming 40 guests.",
    )
    assert "2 sources report the same thing in other words" not in _agreements(*other_figure)


def test_a_term_told_in_years_agrees_with_the_months_that_round_to_it() -> None:
    """ "A three-year term" may be 38 months, not 44: a whole figure in a coarser unit
    stands for what rounds to it in that unit."""
    first = "The court sentenced Tomas Lind to a three-year prison term on Monday."
    rounded = _agreements(first, "On Monday the court sentenced Tomas Lind to 38 months in prison.")
    assert any("how long" in reason for reason in rounded)
    apart = _agreements(first, "On Monday the court sentenced Tomas Lind to 44 months in prison.")
    assert not any("how long" in reason for reason in apart)


@pytest.mark.parametrize(
    ("earlier", "later"),
    [("31", "more than 30"), ("about 75", "around 74"), ("over 35", "over 30")],
)
def test_a_later_smaller_figure_the_earlier_allows_is_no_update(earlier: str, later: str) -> None:
    """ "31 injured" on Monday, "more than 30 injured" on Tuesday: the same count told
    rounded or hedged, not a tally that fell.  A later figure above is still an update."""

    def kinds(later: str) -> set[str]:
        told = [("s1", earlier, dt.date(2023, 3, 6)), ("s2", later, dt.date(2023, 3, 7))]
        report = _dated_report(
            [
                (name, f"{LEAD}\n\nOfficials said {figure} people were injured in Lyon.", date)
                for name, figure, date in told
            ]
        )
        return {f.kind.value for f in report.findings}

    assert "update" not in kinds(later)
    assert "update" in kinds("94")


def _day_findings(first: str, second: str) -> list[tuple[str, str]]:
    """(kind, slot) of the day findings of two reports on a page of Saturday 9 September
    2023 that the bridge was reopened ``first`` and ``second``."""
    saturday = dt.date(2023, 9, 9)
    report = _dated_report(
        [
            (name, f"{LEAD}\n\nThe bridge in Lyon was reopened {when} by the mayor.", saturday)
            for name, when in (("one", first), ("two", second))
        ]
    )
    return [(f.kind.value, f.slot.value) for f in report.findings if f.slot is Slot.DAY]


def test_yesterday_is_the_day_before_the_page_and_only_corroborates() -> None:
    """ "Yesterday" on a Saturday page is Friday: it agrees with "on Friday"; against "on
    Thursday" it says nothing, since a page's date may be that of its last update."""
    assert _day_findings("yesterday", "on Friday") == [("agreement", "day")]
    assert _day_findings("yesterday", "on Thursday") == []


def test_a_full_date_is_compared_with_a_weekday_by_the_page_date() -> None:
    """ "On 8 September" on a page of Saturday 9 September 2023 is a Friday: it agrees with
    "on Friday" and differs from "on Thursday"."""
    assert _day_findings("on 8 September", "on Friday") == [("agreement", "day")]
    assert _day_findings("on 8 September", "on Thursday") == [("contradiction", "day")]


def test_the_rest_beside_someone_named_is_not_the_whole_tally() -> None:
    """ "Rescued along with 14 others" counts 14 of 15: no update to "15 people"; a plain
    "14 people" a day earlier still is one."""

    def kinds(first: str) -> set[str]:
        report = _dated_report(
            [
                ("one", f"{LEAD}\n\n{first}", dt.date(2024, 8, 20)),
                (
                    "two",
                    f"{LEAD}\n\nFifteen people were rescued by the coast guard.",
                    dt.date(2024, 8, 21),
                ),
            ]
        )
        return {f.kind.value for f in report.findings if f.slot is Slot.COUNT}

    assert "update" not in kinds("The coast guard rescued Ana Ruiz along with 14 others.")
    assert "update" in kinds("The coast guard said 14 people were rescued.")


def _fate_findings(told: list[tuple[str, str, dt.date]]) -> list[tuple[str, list[str]]]:
    return [
        (f.kind.value, sorted(e.value for e in f.evidence))
        for f in _dated_report(told).findings
        if f.slot is Slot.FATE
    ]


def test_a_person_said_dead_and_alive_on_one_day_is_a_contradiction() -> None:
    day = dt.date(2024, 3, 8)
    told = [
        ("one", "Mayor Ana Ruiz was shot dead outside the town hall in Lyon on Friday.", day),
        ("two", "Mayor Ana Ruiz was wounded outside the town hall in Lyon on Friday.", day),
    ]
    assert _fate_findings(told) == [("contradiction", ["shot dead", "wounded"])]


def test_the_wounded_dying_later_is_an_update_and_a_page_telling_both_is_neither() -> None:
    wounded = "Mayor Ana Ruiz was wounded outside the town hall in Lyon on Friday."
    dead = "Mayor Ana Ruiz died of her wounds in hospital in Lyon on Saturday."
    early, late = dt.date(2024, 3, 8), dt.date(2024, 3, 9)
    assert _fate_findings([("one", wounded, early), ("two", dead, late)]) == [
        ("update", ["died", "wounded"])
    ]
    told_both = f"{dead}\n\nHours earlier, Ana Ruiz was in a critical condition."
    assert _fate_findings([("one", dead, late), ("two", told_both, late)]) == []


@pytest.mark.parametrize(
    ("first_figure", "second_figure", "agree"),
    [
        ("About 3,000", "Some 2,500", False),  # the margins touch; neither figure is the other's
        ("About 3,000", "Nearly 3,000", True),
        ("About 2,800", "Some 2,900", True),
    ],
)
def test_two_rough_figures_agree_only_when_one_is_within_the_others_margin(
    first_figure: str, second_figure: str, agree: bool
) -> None:
    template = "{} reporters registered to cover the summit in Lyon, its organisers said on Friday."
    agreements = [
        f
        for f in _report(template.format(first_figure), template.format(second_figure)).findings
        if f.kind is FindingKind.AGREEMENT and f.slot is Slot.COUNT
    ]
    assert bool(agreements) is agree


def test_an_agreement_never_holds_two_exact_figures_that_differ() -> None:
    """ "Nearly 50" is compatible with both "48" and "46", but those two are not one
    figure: the agreement may join the rough figure with one of them, never all three."""
    day = dt.date(2024, 3, 5)
    template = "Rescuers searched the lake near Lyon on Tuesday for {} people still missing."
    report = _dated_report(
        [
            (name, template.format(figure), day)
            for name, figure in (("one", "nearly 50"), ("two", "48"), ("three", "46"))
        ]
    )
    for finding in report.findings:
        if finding.kind is FindingKind.AGREEMENT and finding.slot is Slot.COUNT:
            figures = " ".join(item.value for item in finding.evidence)
            assert not ("48" in figures and "46" in figures), finding.reason
    assert any(f.kind is FindingKind.AGREEMENT and f.slot is Slot.COUNT for f in report.findings)


def test_two_years_told_only_as_past_are_not_one_year() -> None:
    """ "Last year" and "five years ago" set their clauses before the page's year; they do
    not state one year, so they corroborate no year, even when the rest agrees."""
    report = _report(
        "Last year the regulator in Lyon fined the Rhone Water Company 12 million euros.",
        "Five years ago the regulator in Lyon fined the Rhone Water Company 12 million euros.",
    )
    agreements = [f for f in report.findings if f.kind is FindingKind.AGREEMENT]
    assert any("12 million euros" in f.reason for f in agreements)
    assert not any("the year" in f.reason for f in agreements)


_FINE = "the Rhone Water Company 12 million euros"


def test_a_year_counted_back_from_the_page_is_that_year() -> None:
    """On a 2024 page "last year" is 2023: it corroborates the year written out."""
    report = _report(
        f"Last year the regulator in Lyon fined {_FINE}.",
        f"In 2023 the regulator in Lyon fined {_FINE}.",
        date=dt.date(2024, 3, 4),
    )
    agreements = [f for f in report.findings if f.kind is FindingKind.AGREEMENT]
    assert any("on the year: Last year" in f.reason for f in agreements)
