"""Every story with an answer key, pinned two ways.

1. Its findings are pinned exactly by a golden file (``findings.golden`` in the story's
   folder): any change in what is found shows up as a diff in review.  Regenerate them with
   ``make golden`` after a change you mean, and read the diff.
2. The stories we tune on must flag no look-alike and take no claim from page noise.  The
   held-out stories (``tests/heldout``) are only pinned by their golden files: asserting
   more of them would be tuning on them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import HELDOUT, TUNED_ROOTS

from reconcile.score import findings_digest, load_gold, report_of, score_report, story_folders

GOLDEN = "findings.golden"

TUNED = [folder for root in TUNED_ROOTS for folder in story_folders(root)]
HELD_OUT = story_folders(HELDOUT)


@cache
def _report(folder: Path) -> dict[str, Any]:
    return report_of(folder)


@pytest.mark.parametrize("folder", TUNED + HELD_OUT, ids=lambda p: p.name)
def test_findings_match_golden_file(folder: Path) -> None:
    expected = (folder / GOLDEN).read_text(encoding="utf-8")
    assert findings_digest(_report(folder)) == expected, (
        f"findings of {folder.name} changed: run `make golden` and review the diff"
    )


# Look-alikes the judge still flags, each a known limit: listed so that any new one fails.
KNOWN_LOOKALIKES = {
    # An outbreak's one case, then "eight suspected cases", then another outbreak's 24
    # infected, told in a clause about when the strain was "last declared": read as one
    # running count of cases. Reading "suspected" as another measure fixed the first step
    # but cut a key's update where outlets dropped the word (batch 100).
    "uganda-ebola-2022-09": 1,
    # An update of the number injured chains service members' 15 and 18 with "killed at
    # least 60 of the city's people and wounded more than 140": the 140 belong to the
    # group named with the dead, a group the clause does not repeat.
    "kabul-airport-bombing-2021-08": 1,
    # One fire's 16 dead against the county's 24 for two fires: a part and its whole,
    # the part named only by the fire's name.
    "la-wildfires-2025-01": 1,
    # 33 hit by the truck, a toll that leaves out two officers shot, against "at least 35"
    # in all: a subtotal the text sets apart only in a later sentence.
    "new-orleans-truck-attack-2025-01": 1,
    # A prince's jet landing at 6.46pm and his reaching the castle just before 8pm: two
    # arrivals of one trip, at places the tool does not know apart.
    "queen-elizabeth-death-2022-09": 1,
    # One update of the number injured lists an early "more than 90", a later "126" and the
    # next day's "200": the key holds the first two compatible, and one finding names both.
    "typhoon-jebi-japan-2018-09": 1,
    # The toll's update chains a later report's "11 had died, close to twice as many as a
    # week earlier" with the first "six": the key lists that pair as a comparison, not a
    # conflict, while it lists another report's 11 against the same six as the update.
    "marburg-rwanda-2024-09": 1,
    # "All but three of 24 provinces" against "20 of 23 provinces and the capital": the
    # capital is the 24th district, which the clause adds beside the count it states.
    "milei-runoff-win-2023-11": 1,
    # As with the typhoon: the update of the number injured runs from the first day's two
    # figures to the next day's "more than 1,060" and "1,099", which the key holds compatible.
    "hualien-earthquake-2024-04": 1,
    # A later report's "at least 228" dead after an earlier "more than 100" is an update
    # (two floors days apart); its chain also holds "169", which the key holds compatible
    # with "more than 100".
    "kenya-floods-2024-04": 1,
    # "At least 13" rescued one day and "as many as 14" the next, read as a rising count; the
    # key holds the ceiling compatible. Reading a ceiling as no count so far fixed it but
    # cost two held-out contradictions and a tuned one.
    "hurricane-hilary-2023-08": 1,
    # A toll stated before a forecast ("at least 11 and could still climb") is a stated
    # figure, so it now chains: with an earlier storm's "a dozen" in one county, and a
    # dozen missing at sea with a later count of the missing on land.
    "hurricane-milton-landfall-2024-10": 1,
    "typhoon-yagi-vietnam-2024-09": 1,
    # The number injured by a quake a week earlier ("the disaster came one week after a quake
    # that injured more than 160") chained as the first step of this quake's count: the
    # earlier quake is named only as "a quake" with its own magnitude in that clause.
    "lombok-earthquake-2018-08": 1,
    # A clause giving two values of one measure used to decide nothing; it now conflicts
    # where the other source's value matches neither (found 23 more tuned contradictions).
    # Its cost, each a part or another event's figure read as the clause's toll: an
    # earlier attack's toll beside this one's; a province's part of a two-province toll;
    # those who died at the scene, part of the toll; an offer price beside the first day's
    # price; the exhumed bodies, part of a toll that adds those who died in hospital.
    "brussels-bombings-2016-03": 1,
    "gansu-earthquake-2023-12": 1,
    "mexico-metro-line12-collapse-2021-05": 1,
    "saudi-aramco-ipo-2019-12": 1,
    "shakahola-starvation-cult-2023-04": 1,
    # The toll's update runs from a first report's three dead to a later "two people"; its
    # sentences also hold the injured, six seriously and six lightly, which the key pairs
    # with the 12 wounded in all as a part and its whole.
    "strasbourg-market-shooting-2018-12": 1,
    # One hospital's dead ("eight dead … had been brought to the facility") read as the
    # city's toll. A count brought to a hospital or a mortuary is as often the measure the
    # keys compare (the injured taken to hospital, bodies taken to a mortuary) as one
    # place's part, so no rule sets it apart.
    "pia-karachi-crash-2020-05": 1,
    # A toll for two countries together ("the dead in <country> and <country> climbed to
    # 84") against one province's 72: the whole read as the province's count, its places
    # compatible with the province's (as for the two-province toll above).
    "amphan-2020-05": 1,
    # A toll "across four states" (in the sentence before, a standfirst the key lists as
    # clutter) told again without its places, against one state's "at least 10": the
    # whole read as the state's count and a rising one.
    "texas-winter-storm-power-outages-2021-02": 1,
    # Rescues "by aircraft" against "by aircraft and boat": a part and a whole told apart
    # only by a second means of rescue joined to the first.
    "eastern-kentucky-floods-2022-07": 1,
    # The toll's update cites two sentences that also give the injured ("147", "nearly
    # 150"), the look-alike's pair: cited for the toll, it counts as flagged.
    "istanbul-ataturk-airport-attack-2016-06": 1,
    # A toll of 50 that counts the gunman ("bringing the total death toll so far to 50",
    # after he is found dead) in a falling toll's update with the 49 victims: the key holds
    # this one pair compatible and the other 50s against 49 in conflict.
    "orlando-pulse-shooting-2016-06": 1,
    # The missing after one blast chained with the missing after an earlier quake and blast
    # (the operator's count each time, days apart) as one rising count.
    "fukushima-daiichi-nuclear-accident-2011-03": 1,
}


# Claims the key lists as clutter that the tool keeps on purpose, each a known disagreement.
KNOWN_NOISE = {
    # A photo caption printed as a sentence of its own, in the present tense and with no
    # label or credit ("<name> leaves the courthouse with …"): story sentences take that shape
    # too.
    "holmes-verdict-2022-01": 1,
    "strasbourg-market-shooting-2018-12": 1,
    "typhoon-haiyan-2013-11": 3,
    # Photo captions with no verb and no label ("Shoppers inside a store."), and the whole
    # first sentence of a last line cut off in its second, which the key lists as clutter.
    "amazon-whole-foods-2017-08": 4,
    # Last paragraphs cut off in their last sentence, which the key lists whole as clutter;
    # the cleaner drops only the unfinished sentence and keeps the finished ones before it.
    "juno-jupiter-2016-07": 6,
    # An aggregator page that stitched another story's text (a football report) into its
    # own: two sentences of plain prose, clutter only by being off the page's subject.
    "change4-far-side-2019-01": 2,
    # Headlines that end in punctuation, as a sentence does: an exclamation ("… had
    # successful first flight!") and a title-case line ending in an abbreviation's stop.
    # A rule for title-case lines took one tuned noise claim and one held-out agreement
    # (batch 91): not kept.
    "ingenuity-first-flight-2021-04": 1,
    "uber-ipo-2019-05": 1,
    # A news agency's tagline promoting its own terminal, one sentence with no mark of clutter
    # but the outlet's product name; a rule for one outlet's slogan would be a rule for one
    # page.
    "berlin-market-lorry-2016-12": 1,
    # Standfirsts (the sentence under a headline, before the byline), which this key lists as
    # clutter; other keys cite them as story sentences about as often (6 against 5 times
    # across the tuned and held-out keys), so the cleaner keeps them.
    "juarez-migrant-centre-fire-2023-03": 4,
    # A standfirst and a box of "Key Points" (one-line summaries above the story), which the
    # key lists as clutter; both restate the story's facts in sentences of their own.
    "stellantis-tavares-resigns-2024-12": 3,
    # Standfirsts again: the instructions batches 61 to 63 were written under named the
    # standfirst among the clutter to keep, so their keys list it as such (one opening
    # line of each page, restating the story).
    "rubin-observatory-first-images-2025-06": 4,
    "trishuli-bus-landslide-2024-07": 6,
    # Standfirsts under the headline, listed as clutter though the instructions no longer
    # named them so.
    "boeing-737-max-guilty-plea-2024-07": 2,
    "cyclone-alfred-queensland-2025-03": 2,
    # A line that announces the statement printed after it ("The following update was
    # issued by …"): a sentence of the page, kept.
    "shakahola-starvation-cult-2023-04": 1,
    # A page cut off mid-sentence ("… the Oman Sea. By"): the key lists the whole last line,
    # but the complete sentence before the cut is the article's own (see clean.py).
    "dubai-floods-2024-04": 1,
    # A line naming the outlets a report cites ("… reports, citing …"), which the key
    # lists as clutter; read as a sentence of the story, it states nothing compared.
    "germany-election-2025-02": 1,
    # An image's description written out as a sentence ("A silhouette of a small bird …").
    "louisiana-h5n1-death-2025-01": 1,
    # A caption with no credit and nothing else to tell it from a sentence of the story (a
    # scene in the present tense, above the first paragraph).
    "kenya-parliament-stormed-2024-06": 1,
    # As with the floods above: the key lists the whole cut-off last paragraph, but its first
    # sentence is complete.
    "las-vegas-cybertruck-2025-01": 1,
    "assad-fall-2024-12": 1,
    "erdogan-runoff-2023-05": 2,
    "hurricane-fiona-puerto-rico-2022-09": 1,
    "imran-khan-arrest-2023-05": 1,
    "cisco-splunk-2023-09": 1,
    # A caption dated on the day of publication whose only verb reads both as a participle
    # and as a past tense ("A van parked outside the court on May 2."): a story sentence
    # about that day takes the same shape.
    "pistorius-parole-2024-01": 1,
    # A trade site's block of another story's news under the article (a packaging award),
    # plain prose that is clutter only by being off the page's subject (as above).
    "unilever-tea-sale-2021-11": 1,
    # A quotation in the story's body (a governor on the damage) that the key lists as
    # clutter, perhaps meant as a pull quote; it appears once.
    "eastern-kentucky-floods-2022-07": 1,
    # A standfirst, and a caption printed under its credit line ("Photo by: <agency>"),
    # where the credit more often closes the caption above it.
    "orlando-pulse-shooting-2016-06": 2,
    # A standfirst (its second sentence without a stop), as above.
    "texas-winter-storm-power-outages-2021-02": 1,
    # A caption whose credit stands two lines below it, a blank line between: a credit
    # alone after a blank line as often closes a photo with no caption, below a story's
    # paragraph (a rule reading it so dropped such paragraphs in the tests).
    "malaysia-airlines-mh370-2014-03": 2,
    # As with the floods above: the key lists the whole cut-off last paragraph, but its
    # first sentence is complete.
    "bali-bombings-2002-10": 1,
    # A pull quote printed under the headline, a quotation the body repeats: a story
    # sentence in shape.
    "norway-attacks-2011-07": 1,
    # A trade magazine's taglines for its other sections, one a noun phrase with a stop
    # ("Insight and analysis on <topics>."); the pitch for premium content beside them is
    # clutter now.
    "bear-stearns-jpmorgan-sale-2008-03": 1,
    # A map's caption that is a bare noun phrase ending in a stop ("The planned route of
    # <flight>."): a line a story may hold as its own short sentence.
    "air-france-447-disappears-2009-06": 1,
    # A standfirst listed as clutter (two claims of it, as above), and a related story's
    # teaser after an advertisement label: a headline line, then its one plain sentence,
    # clutter only by being off the page's subject.
    "charlie-hebdo-attack-2015-01": 3,
}


@pytest.mark.parametrize("folder", TUNED, ids=lambda p: p.name)
def test_tuned_story_flags_no_lookalike_and_no_noise(folder: Path) -> None:
    score = score_report(_report(folder), load_gold(folder / "gold.json"))
    assert score.lookalikes_flagged == KNOWN_LOOKALIKES.get(folder.name, 0)
    assert score.noise_claims == KNOWN_NOISE.get(folder.name, 0)


def test_every_story_has_a_golden_file() -> None:
    assert TUNED and HELD_OUT
    missing = [f.name for f in TUNED + HELD_OUT if not (f / GOLDEN).exists()]
    assert not missing
