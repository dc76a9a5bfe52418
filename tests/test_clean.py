"""Page furniture out, story in: general rules, checked on invented pages."""

from __future__ import annotations

import datetime as dt

import pytest

from reconcile.clean import clean_article, is_story_sentence
from reconcile.model import make_article
from reconcile.sentences import split_sentences


def _kept(text: str) -> str:
    article = make_article(id="a1", path="x.txt", name="x", text=text)
    return "\n".join(text[s.start : s.end] for s in clean_article(article))


STORY = "The mayor opened the new bridge on Friday after two years of work."
STORY_TWO = "The council will meet on Monday to discuss the cost of the work."


@pytest.mark.parametrize(
    "furniture",
    [
        "Article continues below",
        "Back To Top",
        "By Jane Smith",
        "AP / John Doe",
        "Sign Up For Our e-Newsletter!",
        "To post a comment you must have an account with one of these services.",
        "This is a developing story. Check back later for updates.",
        "Updated Sep 8, 2018 5:56 PM EDT",
        "Related Stories",
        "Associated Press writers Ann Lee in Rome contributed to this report.",
        "Reporting by Ann Lee; Editing by Tom Ray",
        "The agency does not typically name people who say they are victims of assault.",
        "Also read: Bridge works to resume in the spring",
        "Read also: Farmers count the cost. The flood has gone, but the bills have not.",
        "Find the Courier's full coverage of the council's vote here.",
        "Image Source : WIRE Volunteers clear fallen trees from the road after the storm.",
        'Pull quote: "We will not stop until every road in the valley is open again."',
        "Warning: This report contains images of flooding some readers may find distressing.",
        "[Photo caption: The mayor speaks on Friday. She was in town to see the works.]",
        "Picture caption: The harbour wall at dawn.",
        "The award-winning Courier photo staff covers the valley, the region and the world.",
        "Journalism like this takes effort, so please support it with a subscription.",
        "By subscribing, you can help the Courier keep reporting.",
        "Quality journalism is more vital than ever in a time of noise.",
        "Rivers matter to us, which is why we work to bring you the fullest coverage.",
        "Watch the full briefing video below.",
        "The Courier is now on WhatsApp: join our channel for the top stories.",
        "Series: The flood year. More than 40 homes were lost on the valley floor in 2019.",
        "Good journalism costs money: support the Courier with a donation.",
        "Help us by becoming a member of the Courier today.",
        "See the mayor's briefing in the video below.",
        "The names of the council's new members so far are listed below.",
        "Email our news team at desk@courier.example with what you saw.",
        "Got a story for us? Tell the Courier.",
        "This live blog is no longer being updated. Our coverage of the bridge goes on here.",
        "The Courier will update this report as more details come in from the council.",
        "This article will be updated as the search goes on.",
        "The Courier is supported by its readers.",
        "If you buy through links on this page, we may earn an affiliate commission.",
        "Thanks for reading the Morning Brief. Tell us what you think and send your feedback.",
        "Listen to Radio Nowhere live for the latest news updates all day.",
        "The Courier channel streams at no cost. Find us on any smart TV.",
        "Legal disclaimer: The Courier gives this report as it stands and accepts no liability.",
        "Add to my watchlist to get alerts for Harbour Holdings Ltd.",
        "Medically reviewed by Ann Lee, MD. Last updated on May 3, 2021.",
        "[2] The figures for the bridge are the council's own, see the notes below.",
        "This item is distributed as a press release; the site is not responsible for its content.",
        "This story is a copy of a Courier report; all rights belong to the Courier.",
        "This report appeared in the print edition on page 4.",
        "Related posts: Ten bridges to see | The river at night",
        "Copyright by the Daily Courier. Unauthorized reproduction prohibited.",
        "Comments will be moderated. Remarks that stay on topic will be published.",
        "Send us your views using the form below.",
        "The reCAPTCHA check has timed out. Reload the page, please.",
        "Start your free trial today.",
        "Liked this story? Share it with your friends.",
        "The river runs high under the new bridge on Friday. (Ann Lee/City Press via AP)",
        "This article has been updated to correct the length of the bridge.",
        "An earlier version of this story misstated the cost of the bridge.",
        "Updated Monday at 9 a.m. to add the name of the engineer.",
        "Disclaimer: This article is for information only and is not investment advice.",
        "Anyone in distress can call the Samaritans helpline at any hour of the day.",
        "Read the Courier on your phone: get it from the App Store or Google Play today.",
        "Reader 3: The bridge is lovely. Pity it cost so much. A waste all round.",
        "Courier Wire | Updated - June 2, 2021 at 10:15 AM.",
        "Published: 14 May 2019 09:30 BST.",
        "Whoops! Something went wrong. Please try again later.",
        "An error occurred while loading the player. Try again later.",
        "Follow the Courier for the latest news from the valley.",
        "Follow the Courier on Google News for more updates.",
        "The French and German versions of this page are automatically generated.",
        "Stay informed: download the Courier News app for alerts.",
        "Follow the Valley-Courier on Facebook and X for the latest local news.",
        "The Spanish version of this page is translated automatically by AI.",
        "This article is more than 3 years old.",
        "Have your say: send a letter to the editor today.",
        "Listen live to Courier Radio online and on the app.",
        "(This story has not been edited by our staff and is published from a syndicated feed.)",
        "2 of 5 | Rescue workers search the rubble of a collapsed house in the old town on Friday.",
        "On Sunday, workers clear mud from a street in a part of the old town of Lyon that the "
        "storm hit hard. Photo by Ann Lee/Agency",
        "On Sunday, workers clear mud from a street in a part of the old town of Lyon that the "
        "storm hit hard. Ann Lee/Agency",
        "Editor's note: the clip in the player above comes from an earlier report on the storm.",
        "Courier News photos — Left: the old town of Lyon from the air on Saturday morning.",
        "Watch Courier Tonight weeknights at 7pm on Channel 5 and online.",
        "This aerial photo shows the flooded old town of Lyon on Saturday, May 3.",
        "Follow the Courier on our social networks for the latest.",
        "(More Lyon flood stories.)",
        "A man walks along a flooded road barrier caused by heavy rain on the ring road in Lyon,"
        " France on Thursday. ANN LEE - THE AGENCY",
        "Get all the Business News, Market News and Latest News updates on the Courier.",
        "Some links on this page are affiliate links and we may earn a commission on sales.",
        "This is a breaking news story and will be updated.",
        "Get the Courier News app for alerts on stories near you.",
        "Found an error in this story? Send us a correction or report a typo.",
        "Third-party ad. Not a recommendation by the Courier. Remove ads here.",
        "Support for Courier Radio comes from readers like you.",
        "GET THE EVENING BRIEFING.",
        "What to know about the strike as talks resume in Lyon.",
        "Don't miss out on the top stories from the Courier, sent to your phone every morning.",
        "Join our Rail Forums to keep talking about trains and timetables with other readers!",
        "And if you have a news tip or a correction for this story, please let us know.",
        "Follow the Courier's channel on your messaging app for the latest news.",
        "Watch Courier TV live for the latest updates on the storm.",
        "Got a story you think we should run? Reach our editors at desk@courier.example.",
        "Get the Courier on your phone with our free news app.",
    ],
)
def test_furniture_lines_are_dropped(furniture: str) -> None:
    kept = _kept(f"{STORY}\n\n{furniture}\n\n{STORY.replace('Friday', 'Monday')}")
    assert furniture not in kept
    assert STORY in kept


@pytest.mark.parametrize(
    "line",
    [
        "If you like what we do, make an account and support our journalism.",
        "Your support helps us keep reporting.",
        "Local journalism needs your support: contribute today.",
        "Back careful, fact-checked local journalism: become a Courier member today.",
        "Support independent, fact-based local journalism. Donate to the Courier today.",
        "Good local reporting costs money. Support our reporting with a gift this month.",
        "Support the Courier's journalism by taking out a subscription this week.",
        "If you are able to, please consider a donation.",
        "The Courier is reader-funded. Give to keep our local journalism free for all.",
        "This report will be updated as more details come in.",
        "Why the Courier? We bring the news straight to you every morning. No ads. No spin.",
        # long enough to pass for a paragraph cut off at its end, but for the credit
        "A bus fell into the river during the storm on Tuesday as it was crossing a bridge. "
        "Officials said one rider died, while the other eight were rescued. Photo: Courier",
        "A section of the old bridge was swept away by the flood. Photo: Ann Lee.",
        "(Above) Rescue boats gather on the river after the storm.",
        "Photo released by the port: rescue boats gather on the river after the storm.",
        "For updates on the floods in the valley, go to Valley.gov; for the city, see Lyon.org.",
        "Check courier.com/weather for live updates on the storm from 6am.",
        "Courier News | World.",
        "Storm damage: The mayor asked the state for help with the clean-up. A6.",
        "ANN LEE/COURIER STAFF: Crowds gathered at the finish line on Sunday.",
        "Got a story to tell? Write for courier.com and reach readers in the valley.",
        "Dig deeper: Storm leaves thousands in the valley without power.",
        "The mayor's briefing will be streamed in the player below from noon.",
        "To reach the Courier's news editor Ann Lee, send an e-mail.",
        "This report is still developing.",
        "See below for the first version of this report, from Monday.",
        "Get the valley's top stories in your inbox every morning.",
        "Tap here to install our free app.",
        "This page has been archived and can no longer be edited.",
        "This browser is not supported. Please use a newer browser.",
        "Get access to premium reports on the valley's schools and roads.",
        "Have our special reports sent straight into your inbox every Friday.",
        "Distributed by Courier Wire Syndicate, LLC.",
        "©2024 Courier Wire Syndicate, LLC.",
        "Missed the evening news? Follow the Courier Hour on any podcast app.",
        "Click to follow the Courier Hour.",
        "Keep the valley's news coming: make a gift to the Courier today.",
        "Back the Courier: your donation keeps our reporting free to read. Give what you can.",
        "The Courier depends on listeners like you. Please give what you can this spring.",
        "Get the latest updates on the valley floods and the rest of the news from Lyon.",
        "Track latest news live on Courier.com and get updates from the region.",
        "Get the latest council election results here.",
        "- Visit the Courier's homepage for more stories.",
    ],
)
def test_a_call_to_support_a_pitch_and_a_caption_credited_photo_are_dropped(line: str) -> None:
    kept = _kept(f"{STORY}\n\n{line}\n\n{STORY.replace('Friday', 'Monday')}")
    assert not any(sentence in kept for sentence in line.split(". "))
    assert STORY in kept


def test_a_captions_credit_at_the_end_of_a_page_is_no_cut_off_sentence() -> None:
    """The last line of a page without end punctuation may be a sentence cut off by the
    excerpt; not when a credit closes it: then it is a caption."""
    caption = "Crowds of walkers and cyclists cross the new bridge on its first morning. Credit: AP"
    kept = _kept(f"{STORY}\n\n{caption}\n\nSign up for our newsletter.")
    assert "Crowds of walkers" not in kept
    assert STORY in kept


@pytest.mark.parametrize("label", ["", "[Embedded post] "])
def test_an_embedded_post_with_its_credit_on_its_line_is_dropped(label: str) -> None:
    post = (
        f"{label}ALERT: The bridge that links the town with the city is closed. Officials say "
        "they do not know when the route will open again."
    )
    later = STORY.replace("Friday", "Monday")
    kept = _kept(f"{STORY}\n\n{post} — Ann Lee (@annlee) May 3, 2021\n\n{later}")
    assert "Officials say" not in kept
    assert STORY in kept


def test_an_embedded_post_above_its_credit_is_dropped() -> None:
    post = "What a day for the city. The bridge is finally open to everyone!"
    credit = "— Ann Lee (@annlee_city) March 3, 2019"
    kept = _kept(f"{STORY}\n\n{post}\n{credit}\n\nThe bridge cost 40 million dollars.")
    assert "What a day" not in kept and "@annlee" not in kept
    assert "40 million" in kept


def test_a_post_with_a_handle_or_two_hashtags_is_not_a_claim() -> None:
    assert not is_story_sentence("Huge day for @CityCouncil as the new bridge opens to traffic.")
    assert not is_story_sentence("The storm #Ana is coming ashore in #Lyon with heavy rain.")
    assert is_story_sentence("The verdict was hailed by the #MeToo movement as a turning point.")


def test_a_caption_printed_twice_is_dropped() -> None:
    caption = "The mayor cuts the ribbon at the bridge on Friday. Photo Agency."
    kept = _kept(f"{STORY}\n{caption}\n{caption}\nThe bridge cost 40 million dollars to build.")
    assert caption not in kept
    assert "40 million" in kept


def test_everything_after_an_end_of_article_marker_in_the_tail_is_cut() -> None:
    body = "\n\n".join(f"Paragraph {n} of the story says something true." for n in range(8))
    tail = "Read Related Topics\n\nThe Daily welcomes your views and letters.\n\nWeather today."
    kept = _kept(f"{body}\n\n{tail}")
    assert "Paragraph 7" in kept
    assert "welcomes" not in kept


def test_a_newsletter_offer_between_two_paragraphs_does_not_end_the_story() -> None:
    body = "\n\n".join(f"Paragraph {n} of the story says something true." for n in range(8))
    offer = "Sign up for our morning newsletter"
    rest = (
        "Later that evening the council met again and voted by a large margin to keep "
        "the old ferry running for at least another two summers."
    )
    kept = _kept(f"{body}\n\n{offer}\n\n{rest}\n\nRelated stories\n\nFerry fares rise")
    assert "two summers" in kept
    assert offer not in kept
    assert "Ferry fares" not in kept


def test_inline_breadcrumb_byline_and_embedded_post_credit_are_cut() -> None:
    line = (
        "Home › World › Europe Storm hits coast By staff writer | March 3, 2020 "
        "The storm reached the coast on Tuesday night. Residents fled. "
        "pic.twitter.com/AbCd123 — Some Reporter (@reporter), March 3, 2020 "
        "Power was cut to 4,000 homes."
    )
    kept = _kept(line)
    assert "Home ›" not in kept
    assert "staff writer" not in kept
    assert "@reporter" not in kept
    assert "pic.twitter.com" not in kept
    assert "The storm reached the coast on Tuesday night." in kept
    assert "Power was cut to 4,000 homes." in kept


def test_kept_spans_point_into_the_original_text() -> None:
    text = "Headline Without Punctuation\n\n" + STORY
    article = make_article(id="a1", path="x.txt", name="x", text=text)
    (span,) = clean_article(article)
    assert text[span.start : span.end] == STORY


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The mayor opened the bridge.", True),
        ('"We are delighted," the mayor said.', True),
        ("Do you think the bridge was worth it?", False),
        ("Bridge opens", False),
        ("Jembatan baru dibuka oleh walikota pada hari Jumat pagi.", False),
        ("Great day for the city — Mayor (@mayor), March 3, 2020.", False),
        ("Some may have failed to register at the centres set up on the mainland.", True),
        # Eight words, one function word in a contraction: English, not a foreign post.
        ('"It\'s wonderful," Lakers guard Tom Reyes told reporters.', True),
        ("Radio Nowhere — the Voice of the Valley!", False),  # a sponsor's slogan
        ("The bridge is open at last!", True),
    ],
)
def test_story_sentences(sentence: str, expected: bool) -> None:
    assert is_story_sentence(sentence) is expected


def test_cleaning_is_idempotent() -> None:
    text = f"Breaking News\n\n{STORY}\n\nShare this article\n\n{STORY}"
    once = _kept(text)
    assert _kept(once) == once


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("NEW YORK — Anna Berg won the final.", "Anna Berg won the final."),
        ("PARIS -- Anna Berg won the final.", "Anna Berg won the final."),
        ("PARIS--Anna Berg won the final.", "Anna Berg won the final."),
        ("LYON, France (AP) — Anna Berg won the final.", "Anna Berg won the final."),
        ("NAIROBI (Reuters) - Anna Berg won the final.", "Anna Berg won the final."),
        ("(AFP) - Lyon, March 3 - Anna Berg won the final.", "Anna Berg won the final."),
        ("SURFSIDE, Fla., June 25 (Reuters) - Anna Berg won.", "Anna Berg won."),
        # Not datelines: a short acronym, an ordinary opening.
        ("US - China talks ended in Geneva.", "US - China talks ended in Geneva."),
        ("The talks - long delayed - ended.", "The talks - long delayed - ended."),
        ("Anna Berg - the winner - left.", "Anna Berg - the winner - left."),
    ],
)
def test_a_dateline_is_cut_from_the_start_of_a_paragraph(line: str, kept: str) -> None:
    article = make_article(id="a1", path="a.txt", name="a", text=f"{line}\n")
    assert " ".join(article.text[s.start : s.end] for s in clean_article(article)) == kept


CUT_OFF = "The airline took delivery of the aircraft, a new jet, in August, according to d"


def test_an_excerpt_cut_off_mid_sentence_loses_only_its_unfinished_sentence() -> None:
    finished = "The crew was rescued on Monday."
    article = make_article(id="a1", path="x.txt", name="x", text=f"{STORY}\n\n{finished} {CUT_OFF}")
    assert _kept(article.text) == f"{STORY}\n{finished} {CUT_OFF}"  # the line as written
    sentences = split_sentences(article, clean_article(article))
    assert [s.text for s in sentences] == [STORY, finished]


def test_a_cut_off_sentence_alone_is_dropped() -> None:
    cut = "The plane was headed for the island city that is a gateway for tourists on nearby B"
    article = make_article(id="a1", path="x.txt", name="x", text=f"{STORY}\n\n{cut}")
    sentences = split_sentences(article, clean_article(article))
    assert [s.text for s in sentences] == [STORY]


def test_a_cut_off_sentence_may_be_followed_by_furniture() -> None:
    assert _kept(f"{STORY}\n\n{CUT_OFF}\n\nRead more\n") == f"{STORY}\n{CUT_OFF}"


@pytest.mark.parametrize(
    "text",
    [
        f"{STORY}\n\nNaomi Osaka defeats Serena Williams, claims title",  # a headline
        f"{CUT_OFF}\n\n{STORY}",  # not the last line
        f"{STORY}\n\nTags: Jakarta Java Sea Boeing crash search rescue airline aircraft August",
    ],
)
def test_other_lines_without_end_punctuation_are_not_cut_off_sentences(text: str) -> None:
    assert _kept(text) == STORY


@pytest.mark.parametrize(
    "credit",
    [
        "Photo: Ann Lee",
        "Picture: Ann Lee",
        "AFP / Ann Lee",
        "Ann Lee / The Lyon Times",
        "Enlarge By Ann Lee, AP",
    ],
)
def test_a_caption_right_above_its_photo_credit_is_dropped(credit: str) -> None:
    caption = "Rescue workers search the rubble of the tower on Thursday morning."
    later = "The council will meet on Monday to discuss the cost of the work."
    assert _kept(f"{STORY}\n\n{caption}\n{credit}\n\n{later}") == f"{STORY}\n{later}"


def test_a_sentence_above_a_labelled_caption_stays() -> None:
    """A caption with its own label ("Photo: <what it shows>.") is no credit for the line above."""
    caption = "Photo: Rescue workers in the rubble of the tower. (Agency archive)"
    lead = "Rescue workers searched the rubble of the tower on Thursday morning."
    text = f"{STORY}\n\n{lead}\n{caption}\n\n{STORY_TWO}"
    assert _kept(text) == f"{STORY}\n{lead}\n{STORY_TWO}"


def test_a_story_sentence_about_supporting_reporting_stays() -> None:
    line = "Most members of the council support reporting rules for the new bridge contract."
    assert _kept(f"{STORY}\n\n{line}") == f"{STORY}\n{line}"


def test_a_story_sentence_about_residents_seeking_the_latest_news_stays() -> None:
    line = "Residents were told to watch the city's website for the latest news on the dam."
    assert _kept(f"{STORY}\n\n{line}") == f"{STORY}\n{line}"


def test_a_story_sentence_naming_an_app_store_stays() -> None:
    line = "By Monday the new chat app had overtaken its rivals in downloads from the App Store."
    assert _kept(f"{STORY}\n\n{line}") == f"{STORY}\n{line}"


def test_a_sentence_above_an_ordinary_short_line_stays() -> None:
    caption = "Rescue workers search the rubble of the tower on Thursday morning."
    assert _kept(f"{caption}\nRelated\n\n{STORY}") == f"{caption}\n{STORY}"


@pytest.mark.parametrize(
    "caption",
    [
        # a credit closing the caption's own line
        "Fans wave flags outside the stadium. (Photo by Ann Lee / AFP)",
        # an archive photo, labelled as such
        "FILE: Rescue workers carry a stretcher past the collapsed tower in Lyon in 2019.",
        # an agency's credit after the last sentence, long enough to pass for prose
        "Fans of the home side wave flags and sing outside the old stadium after the cup "
        "final on Sunday, March 3, 2019, in Leeds. The home side won the cup. AP Photo",
        # a name, what the person is doing, no finite verb
        "Finance Minister Ana Ruiz waving to reporters outside parliament.",
        # the historic present of a scene dated before publication
        "On Monday, March 4, 2019, in the port of Tema, a nurse checks a sailor in a tent "
        "where two cases were found.",
        "Outside a branch in Leeds, an empty delivery van stands on Feb. 28.",
        # a picture described with no verb
        "A picture from the harbour after the storm.",
        # a scene closed by its date stamp
        "Boats wait in the harbour as the storm passes the port of Tema. March 4, 2019.",
        # a headline teaser trailing off
        "Minister quits over the bridge contract…",
        # a comment form
        "Type your comment here!",
    ],
)
def test_captions_and_teasers_are_dropped(caption: str) -> None:
    article = make_article(
        id="a1",
        path="x.txt",
        name="x",
        text=f"{STORY}\n\n{caption}\n\nThe bridge cost 40 million dollars to build.",
        date=dt.date(2019, 3, 6),
    )
    kept = "\n".join(article.text[s.start : s.end] for s in clean_article(article))
    assert caption not in kept
    assert STORY in kept


@pytest.mark.parametrize(
    "sentence",
    [
        # a past tense in the main clause: a story sentence, whatever its date
        "On Monday, March 4, the toll from the blasts that hit the port rose to 40.",
        # a date after publication: what is planned, told in the present
        "Voting continues until Sunday, March 10, in the northern provinces.",
        # a name and an -ing word, but a finite verb too
        "Rescue workers searching the rubble found two more survivors on Tuesday.",
    ],
)
def test_dated_story_sentences_are_not_captions(sentence: str) -> None:
    article = make_article(
        id="a1", path="x.txt", name="x", text=f"{STORY}\n\n{sentence}", date=dt.date(2019, 3, 6)
    )
    kept = "\n".join(article.text[s.start : s.end] for s in clean_article(article))
    assert sentence in kept


def test_a_sentence_labelled_as_a_caption_is_not_a_claim() -> None:
    assert not is_story_sentence("Bottom left: the river marks the border between the towns.")
    assert not is_story_sentence("Image: A drawing shows the probe slowing under its parachute.")
    assert not is_story_sentence("Photo: The probe lifted off seven months ago to study quakes.")
    assert not is_story_sentence("Video: divers film the wreck as their boat pulls away.")
    assert not is_story_sentence("Photo illustration: a laptop showing the council's new site.")
    assert not is_story_sentence("A file photo of the mayor opening the bridge on May 3, 2019.")
    assert is_story_sentence("The river marks the border between the two towns.")
    assert is_story_sentence("Image quality from the probe was poor, the agency said.")


def test_every_sentence_of_a_labelled_caption_line_is_dropped() -> None:
    caption = "Photo caption: A heron over the lake. The ferry sank there on May 3, 2019."
    kept = _kept(f"{STORY}\n\n{caption}\n\nThe ferry was raised a week later, officials said.")
    assert "The ferry sank there" not in kept
    assert "The ferry was raised a week later" in kept


def test_an_invitation_to_write_in_is_furniture() -> None:
    kept = _kept(f"{STORY}\n\nWe welcome your comments at letters@example.com.")
    assert "welcome your comments" not in kept


def test_a_line_about_an_opinion_poll_is_story() -> None:
    """ "poll" is a word of election stories; only a widget's label ("Poll: ...") is clutter."""
    line = "The exit poll put the mayor on 61 percent of the vote on Sunday evening."
    kept = _kept(f"{STORY}\n\n{line}\n\nPoll: Which bridge do you cross most often?")
    assert line in kept
    assert "Which bridge" not in kept


def test_a_live_pages_timed_entry_is_no_row_of_labels() -> None:
    entry = "10:42 | Two more were found alive."
    kept = _kept(f"{STORY}\n\n{entry}\n\n{STORY.replace('Friday', 'Monday')}")
    assert "Two more were found alive." in kept
