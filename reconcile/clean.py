"""Strip page furniture: what a news page wraps around the story.

Works on shape, repetition and vocabulary, never on a particular page's
wording, and never rewrites text: it returns the spans of the article to keep,
so every later offset still points into the file as written.

Two passes:

* ``clean_article`` drops whole lines (menus, bylines, captions printed twice,
  comment and newsletter boxes, everything after an end-of-article marker)
  and cuts inline furniture (datelines, breadcrumbs, embedded-post credits,
  links) out of the lines it keeps;
* ``is_story_sentence`` rejects a split sentence that is still not a claim
  (a question, a fragment without end punctuation, a sentence in another
  language, a social-media credit).

An excerpt's last line, cut off mid-sentence at a length limit, is kept as
written and marked ``cut_off``; the sentence stage drops its unfinished last sentence
(answer keys count any claim read from it as page clutter).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from functools import lru_cache

from reconcile.model import Article, Span
from reconcile.words import can_be_finite, can_be_past, only_a_verb

# A line carrying any of these phrases is furniture wherever it stands.
_FURNITURE = re.compile(
    r"""
    \b(?:
        post\ a\ comment | comments?\ powered\ by | leave\ a\ comment | add\ a\ comment
      | to\ comment | view\ comments | show\ comments | \d+\ comments
      | sign\ up | subscribe | newsletter | e-newsletter | unsubscribe
      | log\ ?in\b | sign\ in\b | register\ (?:a|for|now|here)\b | create\ an\ account
      | read\ (?:more|related|next|full|also) | related\ (?:topics|stories|articles|links|coverage)
      | more\ from | recommended\ for\ you | most\ (?:read|popular|viewed)
      | click\ here | share\ (?:this|on) | follow\ us | tap\ here
      | all\ rights\ reserved | terms\ (?:and|&)\ conditions | terms\ of\ (?:use|service)
      | privacy\ policy | cookie | advertisement | sponsored\ content
      | back\ to\ top | continues?\ below | story\ continues | skip\ to
      | developing\ story | breaking\ news\ story
      | check\ back\ (?:later|soon)
      | view\ results | take\ our\ poll | ^poll: | opens\ in\ a\ new\ window
      | provided\ by\ \S+\.(?:com|net|org)
      | we\ reserve\ the\ right | welcomes?\ your\ (?:opinions|comments|letters|views|feedback)
      | contributed\ (?:to\ this\ (?:report|story|article)|reporting)
      | does\ not\ (?:typically|usually|normally|generally)\ (?:name|identify)
      | (?:reporting|editing|writing)\ by\ [A-Z]
      | (?:type|enter|write)\ your\ (?:comment|name|e-?mail|message|reply)
      | notify\ me\ of | leave\ a\ reply | comments\ are\ closed | akismet
      | e-?mail\ will\ not\ be\ published | address\ will\ not\ be\ shown
      | about\ the\ author | our\ standards | trust\ principles
      | (?:first\ (?:appeared|published)|originally\ (?:appeared|published))\ (?:on|in|by)
      | republished\ (?:with|under)\ (?:permission|a\ creative)
      | syndicated\ feed | (?:has|have)\ not\ (?:been\ )?edited\ (?:by|this)\b
      | follow\ [\w.'’ -]{1,40}\ on\ (?:twitter|facebook|instagram|telegram|x|youtube|linkedin
                                        |google\ news)
      | follow\ [\w.'’ -]{1,40}\ for\ (?:the\ )?(?:latest|more|breaking|other)\b
      # a broadcaster's pointer to its channel: "Stream us on your smart TV: find us on …"
      | \bfind\ us\ on\b | \bfree\ on\ your\ (?:tv|phone|smart\ tv|streaming\ device)\b
      # a call to follow, watch or hear the outlet: "Tune in to Courier TV for the latest news"
      | ^(?:watch|follow|listen\ to|tune\ in\ to)\b[^.!?]{0,60}
        \bfor\ (?:the\ )?latest\ (?:news|updates|headlines)\b
      | join\ [\w.'’ ]{1,40}\ (?:telegram|whatsapp)\ channel
      # "The Courier is now on WhatsApp: join our channel …"
      | \bis\ now\ on\ (?:telegram|whatsapp|threads|instagram|youtube)\b
      | join\ our\ (?:\w+\ )?channel\b
      | on\ our\ social\ (?:networks|media|channels)\b
      # a link to more of the same: "(More flood stories.)"
      | (?:(?<=^\()|^)more\ [\w'’ -]{1,60}?\ (?:stories|news|coverage|articles)\.?\)?$
      | keep\ up\ with\ (?:all\ )?(?:the\ )?latest\ (?:news|updates|stories)
      # a market page's widget: "Add to watchlist | Get alerts for Courier Ltd"
      | \badd\ to\ (?:my\ |your\ )?watch\s?list\b | \b(?:receive|get)\ (?:email\ )?alerts\ for\b
      # a page's legal notice: "this content is offered without any warranties"
      | without\ (?:any\ )?warrant(?:y|ies)\b
      # a newsletter's sign-off: "Thanks for reading Morning Post. Send us your feedback."
      | ^thanks?\ (?:you\ )?for\ reading\b | send\ (?:us\ )?your\ feedback\b
      | don(?:'|’)?t\ miss\ (?:out\ on\ )?(?:the\ )?(?:latest|headlines|top\ stories)
      # an outlet describing its own staff: "The award-winning Courier photo staff covers …"
      | ^the\ award-winning\ [\w.'’&\ -]{1,60}?
        \ (?:photo|photography|news|video)\ (?:staff|team|desk)\b
      # a call to the outlet's readers: "Join our Rail Forums …", "Got a news tip? Tell us."
      | join\ (?:our|the)\ [\w'’\ ]{1,40}?(?:forums?|community|discussion)\b
      | (?:have|got)\ a\ (?:news\ )?(?:tip|story\ for\ us)\b
      | (?:reach|contact|email|e-mail|write\ to)\ (?:our|the)
        \ (?:editors?|newsroom|news\ (?:desk|team))\b
      | get\ the\ (?:morning|evening|daily|latest|weekly)\ (?:headlines|newsletter|briefing|news)\b
      # a link to an explainer: "What to know about the strike as talks resume"
      | ^what\ to\ know\b
      | (?:catch|get)\ all\ the\ [\w,'’\ &-]{0,80}?\ (?:news|updates)\b
      # a promotion of the outlet's own coverage: "Follow latest headlines from the valley",
      # "Get the latest fares here."
      | ^(?:get|track|follow)\ (?:the\ )?latest\ (?:news|updates|headlines)\b
      | ^get\ the\ latest\ [\w'’.&\ -]{1,60}?\ here\b
      | \bhomepage\ for\ more\ (?:stories|news)\b
      # an affiliate disclosure: "we may be paid a commission on what you buy"
      | (?:earn|receive|make|paid)\ (?:an?\ )?(?:small\ |affiliate\ )?commission | affiliate\ links?
      | \bsupported\ by\ (?:our\ |its\ )?readers\b | when\ you\ buy\ through\ (?:our\ )?links\b
      | watch\ (?:the\ )?(?:full|live)\ (?:highlights|coverage|video)
      # a broadcaster's promotion of its show: "Watch Courier Tonight weeknights at 7pm"
      | ^watch\ [\w'’ ]{1,40}?\ (?:weeknights|weekdays|weekends|nightly
                                  |every\ (?:day|night|week|morning|evening))\b
      | letting\ ads\ appear
      # a plea, not a policy: "support our (local) reporting", "support the Courier's journalism",
      # never "support reporting rules"
      | support\ (?:the\ )?(?:our|local|independent|quality|[\w.&-]+(?:'|’)s)
        (?:[\w,'’-]*\ ){0,3}(?:journalism|reporting)\b
      | (?:journalism|reporting)\ (?:costs\ money|is\ not\ free|isn't\ free)
      # "The Courier is reader-funded."; "help keep our local journalism free for all"
      | \breader[\ -](?:supported|funded)\b
      | keep\ our\ [\w'’\ ]{0,30}?(?:journalism|reporting)\ free\b
      # an outlet's pitch for itself: "No ads. No paywall."
      | (?:^|[.!?]\ )no\ ads\.
      # a broadcaster's underwriting credit: "Support for Radio Nowhere comes from listeners."
      | support\ for\ [\w'’.&\ ]{1,60}?\ (?:comes|is\ provided)\ (?:from|by)\b
      | (?:donate|contribute|make\ a\ (?:donation|contribution|gift))
        \ (?:to\ [\w'’.&\ ]{1,40}?\ )?today\b
      | become\ an?\ [\w'’.&\ ]{0,40}?(?:member|subscriber|supporter|patron)\ today\b
      # a call for contributors: "Got a story? Write for courier.com."
      | \bwrite\ for\ (?:us\b|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net)\b)
      | also\ (?:see|read|watch)\b | related\ posts? | ^related:
      # a link's label: "Dig deeper: …", "Read next: …"
      | ^(?:go|dig)\ deeper\s*: | ^(?:read|watch|up)\ next\s*:
      # an outlet's label for its series or package: "Series: The flood year. …"
      | ^(?:series|special\ report|part\ of\ (?:our|the)\ series)\s*:
      # a link line: "Find the station's reports on the flood here."
      | ^(?:find|read|see|watch|view|explore|check\ out|listen\ to)\b[^.!?]{0,100}\bhere\.?$
      | copyright | unauthori[sz]ed\ (?:reproduction|use|copying) | redistribution
      # "©2025 Wire Syndicate": the year after the sign (the group opens with \b, which
      # the sign itself never satisfies at a line's start)
      | (?<=©)\d{4} | (?<=©\ )\d{4}
      # a syndicate's credit: "Distributed by Courier Wire Syndicate, LLC."
      | ^distributed\ by\ [^.!?]{1,60}(?:LLC|Inc|Ltd|Agency|Service|Syndicate)\.?$
      # a pointer to official pages: "For updates on the floods, go to Valley.gov"
      | ^for\ (?:more\ )?(?:the\ latest\ )?(?:updates|information|details)\b[^.!?]{0,80}
        \b(?:go\ to|visit|see)\ [\w-]+(?:\.[\w-]+)*\.(?:gov|com|org|net)\b
      # ... or to the outlet's own pages: "Check courier.com/storm for live updates."
      | ^(?:check|visit|go\ to|head\ to)\ [\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov)(?:/\S*)?
        \ for\b
      # a podcast's pitch: "Follow the Courier Hour on any podcast app."
      | click\ to\ (?:follow|listen|subscribe|watch)
      | (?:follow|subscribe\ to|listen\ to)\b[^.!?]{0,60}\bpodcasts?\b
      # syndication notices: "All rights belong to its author.", "It appeared in the paper
      # edition.", "Distributed as a news release; we are not responsible for the content."
      | all\ rights\ belong\ to | appeared\ in\ (?:the\ )?(?:print|paper)\ (?:edition|version)
      | distributed\ as\ (?:a\ )?(?:press|news)\ release
      | not\ responsible\ for\ (?:its|the|this)\ content
      | recaptcha | reload\ the\ page | free\ trial | using\ the\ form\ below
      | send\ us\ your | get\ in\ touch\ with | share\ it\ with
      # a desk's contact line: "To reach the Courier's news editor, send an e-mail."
      | ^to\ (?:contact|reach)\ [^.!?]{1,80}?,\ (?:send\ (?:an\ )?e-?mail|e-?mail|write|call)\b
      | comments?\ (?:will\ be|are|is)\ (?:moderated|open|closed|reviewed|welcome)
      | keep\ it\ civil | (?:stay|stays|kept)\ on\ topic
      | registered\ (?:readers|users)\ only | ^(?:legal\ )?disclaimer\s*:
      # a reviewer's credit: "Medically reviewed by Ann Lee, MD."
      | ^(?:medically\ )?reviewed\ by\ (?-i:[A-Z])
      # a content warning: "Warning: this report describes violence."
      | ^(?:content\ |trigger\ )?warning:\ (?:this|the\ following)\ (?:article|story|report|piece)
      | (?:this|the)\ (?:article|story|report)\ (?:has\ been|was|will\ be)
        \ (?:updated|amended|corrected)
      # a plea for money: "Help us now: please consider a gift."; "Your support helps us."
      | please\ consider\ (?:a\ |making\ a\ )?(?:donation|donating|gift|contribution|supporting)
      | please\ (?:donate|give|contribute)\b
      | (?:relies|depends)\ on\ (?:readers|listeners|viewers|supporters)\ like\ you\b
      | your\ (?:support|contribution|donation|gift)\ (?:helps|keeps|makes|allows)\b
      # ... or for a subscription, or what the outlet's journalism is worth: "Good
      # journalism costs money"; "Help us by becoming a member"; "We strive to bring you…"
      | \bjournalism\b[^.!?]{0,40}?\b(?:than\ ever|takes|costs|needs\ (?:your\ )?support)\b
      | \bsupport\b[^.!?]{0,30}?\bwith\ a\ (?:subscription|donation)\b
      | \bby\ (?:subscribing|donating|becoming\ a\ (?:member|subscriber))\b
      | \b(?:work|strive|aim)s?\ to\ bring\ you\b
      # a pointer to the page's own video: "See the briefing in the video below."
      | ^(?:watch|see)\b[^.!?]{0,40}?\bvideo\ (?:below|above)\b
      | \b(?:in|on)\ the\ (?:video\ |media\ )?player\ (?:below|above)\b
      # ... or to a list or table: "The full list of winners is given below."
      | \b(?:is|are)\ (?:given|listed|shown|set\ out|provided)\ below\.?$
      # a page that has stopped: "This feed is no longer updated", "…no longer maintained"
      | (?:blog|page|feed|coverage)\ (?:is\ )?(?:no\ longer|not)\ (?:being\ )?(?:updated|maintained)
      | \bthis\ (?:page|article|story)\ (?:is|has\ been)\ archived\b
      # a page that will go on: "We will update this report as news comes in."
      | \bwill\ (?:be\ )?updat(?:e|ing)\ (?:this|the)\ (?:story|article|report|page)\b
      | \bthis\ (?:story|article|report|page)\ (?:will\ be|is\ being)\ updated\b
      # ... or is still unfolding: "This report is developing."; "See below for the first
      # version."
      | ^this\ (?:story|article|report)\ is\ (?:still\ )?developing\b
      | ^this\ is\ a\ developing\ (?:news\ )?(?:story|situation)\b | ^see\ (?:below|above)\ for\b
      | an\ earlier\ version\ of\ this | listen\ to\ this\ (?:article|story)
      | \d+\ min(?:ute)?s?\ read | (?:download|get|install)\ (?:our|the)\ (?:[\w'’ ]{1,30}\ )?app\b
      # a newsletter's pitch: "Valley news at dawn, in your inbox."
      | \b(?:news|stories|updates|headlines|reports|alerts|newsletters?)\b[^.!?]{0,30}
        \b(?:in|to|into)\ your\ inbox\b
      | (?:get|download)\b[^.!?]{0,60}\bon\ your\ (?:phone|mobile|smartphone|tablet)\b
      | report\ an\ error | report\ a\ typo | send\ us\ a\ correction | something\ went\ wrong
      | (?:3rd|third)[\ -]party\ ad\b | remove\ ads\b
      # a browser notice: "That browser is not supported by the site; try a newer browser."
      | \b(?:browser|internet\ explorer|ie\ ?\d{1,2})\ (?:is\ )?(?:no\ longer\ |not\ )supported\b
      | \b(?:on|with|in|use)\ (?:another|a\ different|a\ newer|a\ modern)\ browser\b
      # a paywall's pitch: "Get access to premium articles and more."
      | \bget\ (?:full\ |unlimited\ )?access\ to\ (?:premium|exclusive|unlimited|subscriber)\b
      # a web page's own error box: "An error occurred. Try again later."
      | an\ error\ (?:has\ )?occurred | try\ again\ later
      | (?:automatically|machine)[\ -](?:generated|translated)
      | (?:generated|translated)\ (?:automatically|by\ (?:ai|a\ machine))
      | this\ (?:article|story|page)\ is\ (?:more\ than\ |over\ )?\w+\ (?:years?|months?)\ old
      | letters?\ to\ the\ editor | listen\ live\b
      # an app's pitch: "get it from the App Store" (a story may name the store itself)
      | (?:download|get\ it|get\ the\ app|available)\b[^.!?]{0,60}\b(?:app\ store|google\ play)
      | ^(?:reader|commenter)\ ?\#?\d*:
      | ^updated\b.{0,40}?\bto\ (?:add|include|correct|reflect|clarify|remove)\b
      | call\ the\ [\w'’ ]{0,40}(?:helpline|lifeline|hotline) | \b1-8\d\d-\d{3}-\d{4}\b
      # a page's time stamp, alone or after a credit: "Wire | Updated - May 2, 2020 at 9:01"
      | (?:(?:last\ )?(?:updated|published|posted)\ *[-–—:]
          |^(?:last\ )?(?:updated|published|posted))
        \ *(?:on\ )?(?:\d{1,2}\ )?
        (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\ \d{1,4}\b
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Markers after which the rest of a page is comment threads, polls and links.
_END_OF_ARTICLE = re.compile(
    r"\b(?:post\ a\ comment|comments?\ powered\ by|related\ (?:topics|stories|articles)"
    r"|read\ related|leave\ a\ comment|sign\ up\ for|more\ stories|you\ may\ also\ like)\b",
    re.IGNORECASE | re.VERBOSE,
)

# Inline furniture inside an otherwise kept line: breadcrumb trails
# ("Home › News › World"), "By NAME | DATE" bylines, embedded social posts'
# credit ("— Name (@handle), October 29, 2018"), bare links.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# The breadcrumb starts only at the start of a word: tried at every character of a
# long run of word characters ("1111…", a base64 blob) it would take quadratic time.
_INLINE = re.compile(
    r"(?<![\w&-])(?:[\w&-]+[ \t]*[›»][ \t]*){2,6}[\w&-]+"  # breadcrumb
    r"|\bBy [^|\n.]{1,60}\|[ \t]*" + _MONTH + r" \d{1,2}, \d{4}"  # byline | date
    r"|[—–][ \t]*[^—–(\n]{0,60}\(@\w+\),?[ \t]*(?:" + _MONTH + r" \d{1,2}, \d{4})?"  # post credit
    r"|(?:pic\.twitter\.com|https?://|www\.)\S*",  # links
)

# A dateline opens a wire story's first paragraph: "NEW YORK —", "NAIROBI, Kenya (AP) --",
# "(AFP) - Lyon, March 3 -".  It names where the report was filed, not where anything
# happened, so it is cut.
_DASH = r"[ \t]*(?:(?:—|–|--|-)[ \t]+|--|—)"  # "LYON — The…", "LYON--The…"
_DATELINE = re.compile(
    r"[ \t]*(?:\([A-Za-z.&/ ]{1,30}\)" + _DASH + r")?"
    r"(?:[A-Z][A-Z.'’-]+(?:[ \t][A-Z][A-Z.'’-]*){0,3}(?<=[A-Z.]{3})"  # NEW YORK
    r"(?:,[ \t][A-Z][\w.]+(?:[ \t](?:[A-Z][\w.]+|\d{1,2}))?){0,2}"  # , Fla., June 12
    r"|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2},[ \t]" + _MONTH + r"[ \t]\d{1,2})"  # Lyon, March 3
    r"(?:[ \t]\([A-Za-z.&/ ]{1,30}\))?" + _DASH + r"(?=[A-Z\"“‘'])"
)
_PHOTO_CREDIT = re.compile(
    # a name after the label, not a caption's sentence ("Photo: A man wades through…")
    r"[ \t]*(?:(?:Photo(?:graph)?|Picture|Image|Credit)s?(?:[ \t]+credit)?[ \t]*:"
    r"[ \t]*[^\s.!?]+(?:[ \t]+[^\s.!?]+){0,5}\.?"
    r"|[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}[ \t]/[ \t][A-Z][\w.'’-]*(?:[ \t][\w.'’-]+){0,3}"
    # a gallery's button above its credit: "Enlarge", "Enlarge By Ann Lee, AP"
    r"|(?:Enlarge|Expand)(?:[ \t]+(?:photo|image))?(?:[ \t]+By[ \t]+[^\n]{1,60})?"
    r")[ \t]*$"
)
_MAX_CREDIT_CHARS = 80
# A credit closing a caption's own line: "… at the border. (Photo by Ann Lee / AFP)".
_INLINE_CREDIT = re.compile(
    r"\((?:[A-Z]+\s+)?(?:Photo(?:graph)?|Picture|Image|File)s?(?:\s+(?:by|credit|courtesy))?\b[^()]{0,80}\)"
    r"[\s()\w/.,:'’-]{0,120}$"
    # "… flooded on Tuesday. (Ann Lee/Kyodo News via AP)": a photographer and an agency.
    r"|\((?-i:[A-Z])[\w.'’-]*(?:\s[\w.'’-]+){0,3}\s?/\s?(?-i:[A-Z])[^()]{0,60}\)\s*$"
    # "… won the final. AP Photo": an agency's credit after the last sentence, unbracketed.
    r"|[.!?]\s+(?-i:[A-Z]{2,})\s+(?:Photo(?:graph)?|Picture|Image)s?"
    r"(?:\s*/\s*[\w.'’ -]{1,40})?\s*$"
    # "… after the storm. Photo by Ann Lee/Agency" or "… after the storm. Ann Lee/Agency".
    r"|[.!?]\s+(?:Photo(?:graph)?|Picture|Image|Video)s?\s+(?:by|credit|courtesy|obtained\s+by)\b"
    r"[^.!?]{1,80}$"
    r"|[.!?]\s+(?-i:[A-Z])[\w.'’-]+(?:\s(?-i:[A-Z])[\w.'’-]+){0,3}/(?-i:[A-Z])[\w.'’ -]{1,40}$"
    # "… after the storm. [AFP]": an agency's credit in square brackets.
    r"|[.!?]\s+\[(?-i:[A-Z]{2,})(?:\s?/\s?(?-i:[A-Z][\w.]*))*\]\s*$"
    # "… after the storm. Credit: AP", "… Photo credit: Ann Lee" or "… Photo: Agency".
    r"|[.!?]\s+(?:Photo\s+|Image\s+)?credits?\s*:\s*[^.!?]{1,60}\.?$"
    r"|[.!?]\s+(?:Photo(?:graph)?|Picture|Image)s?\s*:\s*(?-i:[A-Z])[^.!?]{0,40}\.?$"
    # "… on Thursday. ANN LEE - THE AGENCY": a credit in capitals after a dash.
    r"|[.!?]\s+(?-i:[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){1,3}\s[-–—]\s[A-Z][A-Z.&'’ -]{1,40})$",
    re.IGNORECASE,
)
# The credit line under an embedded social-media post: "— Ann Lee (@annlee) May 7, 2017".
_CREDIT = r"[—–-][ \t]*[^\n(]{1,60}\(@\w+\)"
_POST_CREDIT = re.compile(r"[ \t]*" + _CREDIT)
# The same credit closing its line: the whole line is the post ("Road closed. — Ann Lee
# (@annlee) May 3, 2021").
_POST_CREDIT_AT_END = re.compile(
    _CREDIT + rf",?[ \t]*(?:{_MONTH}[ \t]+\d{{1,2}},?[ \t]+\d{{4}})?[ \t]*$"
)
# A handle, or two hashtags: the words of a social-media post, not of the story (prose
# may name one tag: "the #MeToo movement").
_SOCIAL_TAG = re.compile(r"(?<![\w@])@[A-Za-z_]\w*|(?:(?<![\w#])#[A-Za-z_]\w*.*){2}")
# A caption that says where in the picture to look, or that it is one: "Bottom left: …",
# "Pictured: …", "Photo: …" (a short "Photo: Name/Agency" is a credit, above).
_CAPTION_LABEL = re.compile(
    r"^(?:(?:top|bottom|above|below|main|inset|far)(?:[ -](?:left|right|centre|center))?"
    r"|left|right|pictured|file(?:\s+photo)?|(?:video|photo|picture|image)\s+(?:caption|source|credit)|caption"
    r"|editor(?:'|’)?s\s+note|pull\s+quote"
    r"|photo(?:graph)?|picture|image|(?:photo\s+)?illustration|video|watch)\s*:\s"
    # "(Above) The ship in the canal.": a position in brackets (the bracket is stripped)
    r"|^(?:top|bottom|above|below|left|right|inset|pictured)\s*[)\]]\s"
    # "Photo released by the port authority: the ship …"
    r"|^(?:photo(?:graph)?|picture|image)s?\s+(?:released|provided|supplied|handed\s+out)\s+by\b[^:]{1,60}:\s"
    r"|^\d{1,3}\s+of\s+\d{1,3}\s*[|·•]"  # a slideshow's counter: "3 of 12 | The mayor…"
    r"|^embedded\s+(?:post|tweet|video|content)\b"  # "[Embedded post] …"
    # A caption led by its credit: "Agency photos — Left: …", "City Times photo: …".
    r"|^(?-i:[A-Z])[\w.&'’-]*(?:\s(?-i:[A-Z])[\w.&'’-]*){0,3}\s+(?:photo|picture|image)s?\s*[—–:]\s"
    # ... or by its photographer in capitals: "ANN LEE/CITY TIMES STAFF: Crowds gather …"
    r"|^(?-i:[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){1,3}\s?/\s?[A-Z][A-Z.&'’ -]{1,40}):\s"
    r"|^in\s+this\s+(?:undated\s+)?(?:file\s+)?(?:photo|picture|image|handout)\b"
    r"|^(?:an?|this)\s+(?:(?:undated|file|aerial|handout|satellite|drone)\s+){0,2}"
    r"(?:photo(?:graph)?|picture|image)\s+(?:of|shows|taken|from)\b",
    re.IGNORECASE,
)
# A calendar date in a caption: "on Friday, May 3, 2019", "on Oct. 2".
_CALENDAR_DATE = re.compile(
    rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})\b(?:,?\s+(?P<year>\d{{4}}))?"
)
# A relative clause: a caption's "where two cases were found" is not its main verb.
_SUBORDINATE_CLAUSE = re.compile(
    r"\b(?:where|which|who|whom|whose)\b[^,;:]*",
    re.IGNORECASE,
)
_MODALS = frozenset("will would could should can may might must shall".split())
_MONTH_NUMBER = {
    name[:3].lower(): number
    for number, name in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1
    )
}
_BYLINE = re.compile(r"^(?:By|Written by|Reporting by|Words by)\s+[A-Z][\w.'’-]*", re.IGNORECASE)
_TERMINAL = re.compile(r"""[.!?…]["'”’)\]]*$""")
# A short line trailing off ("Minister resigns over…"): a headline or link teaser; or
# closing on a front page's pointer into the paper ("Schools shut: the vote explained. A6.").
_TEASER = re.compile(r"(?<!\.)(?:…|\.\.\.)$|[.!?]\s+(?-i:[A-H])\d{1,2}\.?$")
# A row of short labels: "Courier News | World", "Sport | Football | Reports"; not a live
# page's entry, which opens on its time ("10:42 | Two more found.").
_LABEL_ROW = re.compile(r"^[^\W\d_][^|]{0,29}(?:\s\|\s[^|]{1,30}){1,3}$")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

# Function words of English: a sentence of eight words or more with none of
# them is in another language (wire copy often embeds local-language posts).
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an of to in on at for with from by and or but is are was were be been has have had "
    "that this these those it its he she they we you i his her their our not will would said "
    "as after before about into over than who which what when where there".split()
)

_MIN_HEADLESS_WORDS = 25
"""A line without end punctuation is a headline, menu or caption unless this long."""
_MIN_CUT_OFF_WORDS = 12
"""A last line without end punctuation is a sentence cut off mid-way if this long and prose."""
_MAX_LABEL_WORDS = 8
"""A byline or a row of labels is furniture up to this many words."""
_MAX_BOX_WORDS = 60
"""A line naming newsletters, comments or logins is furniture up to this many words."""
_END_REGION = 0.4
"""End-of-article markers count only in the last part of a page (share of lines)."""
_STORY_PARAGRAPH_WORDS = 20
"""A marker followed by a finished line this long sits inside the story, not after it."""


def clean_article(article: Article) -> tuple[Span, ...]:
    """Spans of ``article.text`` that belong to the story, in order.

    Cleaning is idempotent: the text kept, cleaned again, is kept whole.  So every
    line is judged both as written and as what is left of it once its inline
    furniture is cut out, and repeats are counted among those remainders.
    """
    text = article.text
    lines = _outside(_lines(text, article.body_start), article.not_prose)
    lines = lines[: _end_of_article(text, lines)]
    pieces = [_cut_inline(text, start, stop) for start, stop in lines]
    rests = [" ".join(text[p.start : p.end] for p in line) for line in pieces]
    repeated = _repeated_lines(rests)
    furniture = [_is_furniture_line(text[start:stop].strip()) for start, stop in lines]
    # The story's last line, furniture after it ("Read more", a byline) aside.
    last = max(
        (i for i, rest in enumerate(rests) if rest and (not furniture[i] or _is_cut_off(rest))),
        default=-1,
    )
    kept: list[Span] = []
    for index, ((start, stop), line_pieces, rest) in enumerate(
        zip(lines, pieces, rests, strict=True)
    ):
        line = text[start:stop].strip()
        if (
            index == last
            and rest == line
            and _is_cut_off(line)
            and not _is_caption(line, article.date)
        ):
            # An excerpt that stops mid-sentence: the sentences before the cut still count.
            kept.extend(line_pieces[:-1])
            kept.append(Span(line_pieces[-1].start, line_pieces[-1].end, cut_off=True))
            continue
        if not rest or rest in repeated or furniture[index]:
            continue
        if index + 1 < len(lines) and _is_photo_credit(text, *lines[index + 1]):
            continue  # a caption: the line right above its photo credit
        if index + 1 < len(lines) and _POST_CREDIT.match(text, *lines[index + 1]):
            continue  # an embedded post: the line right above its credit
        if _is_caption(rest, article.date) or _labelled(rest):
            continue  # a label ("Caption: …") makes every sentence of its line one
        if "(@" in line and _POST_CREDIT_AT_END.search(line):
            continue  # an embedded post with its credit on its own line
        if rest != line and (
            _is_furniture_line(rest)  # "0http://x.": nothing left but a digit
            or _INLINE.search(rest)  # "a › <link> b › c" leaves a breadcrumb behind
        ):
            continue
        kept.extend(line_pieces)
    return tuple(kept)


_FOOTNOTE = re.compile(r"\[\d{1,3}\]\s")
"""A footnote's marker opening its line: "[2] The figures are the ministry's."."""


def _labelled(text: str) -> bool:
    """Whether the text opens with a caption's, an embed's or a footnote's label, bracketed
    or not: "Pictured: …", "[Photo caption: …]", "[2] …"."""
    return bool(_FOOTNOTE.match(text) or _CAPTION_LABEL.match(text.lstrip("[(")))


def is_story_sentence(text: str) -> bool:
    """Whether a split sentence is a claim-bearing part of the story.

    >>> is_story_sentence("The mayor and the governor talked for nearly three hours.")
    True
    >>> is_story_sentence("Do you think this is good news?")
    False
    """
    stripped = text.strip()
    if len(stripped) <= _CACHED_CHARS:
        return _is_story_text_cached(stripped)
    return _is_story_text(stripped)


_CACHED_CHARS = 1000
"""Sentences up to this long have their verdict cached (a hostile page's megabyte-long
"sentence" is judged afresh rather than kept alive by the cache)."""


def _is_story_text(stripped: str) -> bool:
    words = _WORD.findall(stripped)
    if len(words) < 4 or not _TERMINAL.search(stripped):
        return False
    if stripped.rstrip("\"'”’)").endswith("?") and not _is_quoted(stripped):
        return False
    if "(@" in stripped or _FURNITURE.search(stripped) or _labelled(stripped):
        return False
    if _SOCIAL_TAG.search(stripped) and not _is_quoted(stripped):
        return False  # "Great win for @annlee tonight!": a post, not the story
    if _slogan(stripped, words):
        return False  # "Radio Nowhere — the Voice of the Valley!": an advertiser's line
    # "It's" is "it" and "is": a contraction's stem is a function word too.
    lowered = [re.split(r"['’]", w.lower(), maxsplit=1)[0] for w in words]
    return not (len(words) >= 8 and not any(w in _ENGLISH_FUNCTION_WORDS for w in lowered))


# Cached: wire copy repeats a sentence across hundreds of articles, and the furniture
# rules are one long alternation tried at every position of the sentence.
_is_story_text_cached = lru_cache(maxsize=1 << 14)(_is_story_text)


_SLOGAN_WORDS = 8
"""Words at most in an exclaimed line with no verb that reads as a slogan."""


def _slogan(text: str, words: list[str]) -> bool:
    """A short exclaimed line with no verb, not quoted: a station's or sponsor's slogan."""
    return (
        text.endswith("!")
        and not _is_quoted(text)
        and len(words) <= _SLOGAN_WORDS
        and not any(can_be_finite(w.lower()) for w in words if w.islower())
    )


def _is_caption(line: str, published: dt.date | None) -> bool:
    """A photo caption printed as a paragraph of its own.

    Captions describe a picture, so they have shapes story sentences lack: a credit in
    parentheses closing the line; a name followed by what the person is doing and no
    finite verb ("The mayor greeting fans outside the stadium."); or the historic present
    of a scene dated on or before the day of publication ("On March 2, a nurse checks a
    patient in a tent where cases were found.") - a story sentence about a past day uses a
    past tense.
    """
    if _INLINE_CREDIT.search(line) or _DATED_AT_END.search(line):
        return True
    if not _TERMINAL.search(line) or _INNER_SENTENCE_END.search(line.rstrip('.!?…"”’) ')):
        return False  # only one-sentence paragraphs are judged by their verbs
    words = _WORD.findall(line)
    if _is_name_doing(words):
        return True
    date = _CALENDAR_DATE.search(line)
    if date is None or published is None or not _on_or_before(date, published):
        return False
    main_clause = _SUBORDINATE_CLAUSE.sub(" ", line)
    return not any(
        w.lower() in _MODALS or can_be_past(w) or w.lower() in ("has", "have", "had")
        for w in _WORD.findall(main_clause)
    )


# A caption's closing date stamp, a sentence of its own: "… outside the court. May 2, 2021."
_DATED_AT_END = re.compile(r"[.!?]\s+" + _MONTH + r"\s\d{1,2},\s\d{4}\.?$")
_INNER_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+[A-Z\"“]")


def _is_name_doing(words: list[str]) -> bool:
    """A capitalised name, then an -ing verb, and no finite verb: "Ann Lee waving to fans"."""
    names = 0
    while names < len(words) and words[names][:1].isupper():
        names += 1
    if names < 2 or names >= len(words) or not words[names].endswith("ing"):
        return False
    rest = words[names:]
    return not any(
        w.lower() in _AUXILIARY_WORDS or (only_a_verb(w) and can_be_finite(w)) for w in rest
    )


_AUXILIARY_WORDS = frozenset(
    "is are was were be been has have had will would can could may".split()
)


def _on_or_before(date: re.Match[str], published: dt.date) -> bool:
    month = _MONTH_NUMBER.get(date.group("month")[:3].lower())
    year = int(date.group("year")) if date.group("year") else published.year
    day = int(date.group("day"))
    if month is None or not 1 <= day <= 31:
        return False
    return (year, month, day) <= (published.year, published.month, published.day)


def _is_photo_credit(text: str, start: int, stop: int) -> bool:
    """A credit line under a photo: "Photo: Ann Lee", "AFP / Ann Lee", "Ann Lee / The Times"."""
    return stop - start <= _MAX_CREDIT_CHARS and bool(_PHOTO_CREDIT.match(text, start, stop))


def _is_cut_off(line: str) -> bool:
    """A last line that reads as prose but stops without end punctuation ("…, according to d").

    Headlines and captions are shorter, or lack the function words of running text.
    """
    if _TERMINAL.search(line) or _FURNITURE.search(line) or not line[:1].isupper():
        return False
    words = [w.group().lower() for w in itertools.islice(_WORD.finditer(line), _MAX_BOX_WORDS)]
    function_words = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS)
    return len(words) >= _MIN_CUT_OFF_WORDS and function_words >= 3


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of every line from ``start`` on, newline excluded."""
    spans = []
    pos = start
    while pos <= len(text):
        stop = text.find("\n", pos)
        if stop == -1:
            stop = len(text)
        spans.append((pos, stop))
        pos = stop + 1
    return spans


def _outside(lines: list[tuple[int, int]], not_prose: tuple[Span, ...]) -> list[tuple[int, int]]:
    """The lines that do not start inside a part marked as not prose (both in text order)."""
    if not not_prose:
        return lines
    kept = []
    parts = iter(not_prose)
    part = next(parts, None)
    for start, stop in lines:
        while part is not None and part.end <= start:
            part = next(parts, None)
        if part is None or start < part.start:
            kept.append((start, stop))
    return kept


def _repeated_lines(lines: list[str]) -> frozenset[str]:
    """Lines printed twice or more (photo captions, pull quotes), worth dropping."""
    counts = Counter(lines)
    return frozenset(line for line, n in counts.items() if n > 1 and len(line) > 20)


def _end_of_article(text: str, lines: list[tuple[int, int]]) -> int:
    """Index of the first line of trailing furniture, or len(lines)."""
    first_candidate = int(len(lines) * (1 - _END_REGION))
    for index in range(first_candidate, len(lines)):
        start, stop = lines[index]
        line = text[start:stop]
        # Only a line that is furniture itself: a story sentence that happens to say
        # "you may also like" ends nothing (and the cut stays where a second pass puts it).
        if (
            len(line) < 400
            and _END_OF_ARTICLE.search(line)
            and _is_furniture_line(line.strip())
            and not _story_resumes(text, lines, index + 1)
        ):
            return index
    return len(lines)


def _story_resumes(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    """Whether the first line from ``index`` on is a story paragraph, so that the marker before it
    was a box inside the article (a newsletter offer between two paragraphs), not its end.

    Teasers of related articles are headlines; comment rules name comments themselves.
    """
    following = (text[start:stop].strip() for start, stop in lines[index:])
    line = next((line for line in following if line), "")
    return (
        len(_WORD.findall(line[:2000])) >= _STORY_PARAGRAPH_WORDS
        and bool(_TERMINAL.search(line))
        and not _END_OF_ARTICLE.search(line)
        and not _is_furniture_line(line)
    )


def _is_furniture_line(line: str) -> bool:
    # Words counted only as far as any rule looks: a line may be megabytes long.
    words = sum(1 for _ in itertools.islice(_WORD.finditer(line), _MAX_BOX_WORDS + 1))
    if not words:
        return True
    if words < _MIN_HEADLESS_WORDS and (not _TERMINAL.search(line) or _TEASER.search(line)):
        return True  # headline, menu entry, caption credit, section label, teaser
    if words <= _MAX_LABEL_WORDS and (_BYLINE.match(line) or _LABEL_ROW.match(line)):
        return True
    # Long paragraphs can mention "subscribe" in passing; only short ones are boxes.
    return words <= _MAX_BOX_WORDS and bool(_FURNITURE.search(line))


def _cut_inline(text: str, start: int, stop: int) -> list[Span]:
    """The line's spans left once inline furniture (and a leading dateline) is cut out."""
    spans = []
    dateline = _DATELINE.match(text, start, stop)
    pos = dateline.end() if dateline else start
    for match in _INLINE.finditer(text, start, stop):
        if match.start() > pos:
            spans.append(Span(pos, match.start()))
        pos = match.end()
    if stop > pos:
        spans.append(Span(pos, stop))
    return [s for s in (_trim(text, s) for s in spans) if s is not None]


def _trim(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _is_quoted(sentence: str) -> bool:
    return sentence[:1] in "\"“'‘" or sentence.rstrip()[-1:] in '"”'
