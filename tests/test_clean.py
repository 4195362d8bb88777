"""Cleaning whole-page text: the seeds exactly, other sites' furniture, dates, credits, language."""

from __future__ import annotations

import json
import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.cleaning.clean import FurnitureModel, clean_page, explain_page
from index.cleaning.dates import date_from_url, date_in_text, normalise_date
from index.records import Article, Page, Skipped
from index.text import sanitize
from reader.paths import seeds_folder

FURNITURE_WORDS = ("accessibility", "breaking", "16x9", "undesirable", "XS")


def seed(name: str) -> Page:
    path = seeds_folder() / name
    return Page(dump="seeds", origin=f"seeds/{name}", key=name, text=path.read_text("utf-8"))


def article_text(article: Article) -> str:
    return "\n".join([article.title, *article.captions, *article.paragraphs, *article.credits])


@pytest.fixture(scope="module")
def seed_000() -> Article:
    result = clean_page(seed("000_ca8fbb6e7b69f488.txt"))
    assert isinstance(result, Article)
    return result


@pytest.fixture(scope="module")
def seed_003() -> Article:
    result = clean_page(seed("003_b735b7be424d337f.txt"))
    assert isinstance(result, Article)
    return result


def test_seed_000_title_caption_body_credits_source(seed_000):
    assert seed_000.title == "NATO 'Can't Confirm' Russian Troop Withdrawal"
    assert seed_000.caption == "NATO Secretary-General Anders Fogh Rasmussen (file photo)"
    assert seed_000.captions == [seed_000.caption]
    assert len(seed_000.paragraphs) == 18
    assert seed_000.paragraphs[0].startswith(
        "NATO Secretary-General Anders Fogh Rasmussen says he has seen no evidence"
    )
    assert seed_000.paragraphs[-1].endswith('takes in its foreign policy."')
    assert seed_000.credits == ["Reuters", "AP"]
    assert seed_000.source == "RFE/RL"
    assert seed_000.language == "en"
    assert seed_000.id == "" and seed_000.dump == "seeds" and seed_000.entities == []


def test_seed_000_drops_the_promo_line_and_keeps_the_caption_out_of_the_body(seed_000):
    body = seed_000.body
    assert "RFE/RL LIVE BLOG on the Ukraine Crisis" not in body
    assert "(file photo)" not in body
    assert "With reporting" not in body
    assert "journalists report the news" not in body


def test_seed_003_title_caption_body_credits_source(seed_003):
    assert seed_003.title == "NATO Chief Vows Support For Ukraine, Urges Russia Pullback"
    assert seed_003.captions == [
        "Ukrainian President Petro Poroshenko (left) greets NATO Secretary-General Anders Fogh "
        "Rasmussen during their meeting in Kyiv on August 7."
    ]
    assert len(seed_003.paragraphs) == 10
    assert seed_003.paragraphs[0].startswith(
        "NATO Secretary-General Anders Fogh Rasmussen has vowed support"
    )
    assert seed_003.paragraphs[-1].endswith("Ukraine's freedom and future are under attack.\"")
    assert seed_003.credits == ["Reuters", "AFP", "dpa"]
    assert seed_003.source == "RFE/RL"
    assert "Poroshenko (left) greets" not in seed_003.body


@pytest.mark.parametrize("which", ["seed_000", "seed_003"])
def test_no_seed_furniture_reaches_the_article(which, request):
    article = request.getfixturevalue(which)
    text = article_text(article)
    for word in FURNITURE_WORDS:
        assert word.lower() not in text.lower(), word
    assert "\u00a0" not in text
    assert "click here" not in text.lower()


def test_seeds_with_a_furniture_model_of_both_pages_stay_whole():
    pages = [seed("000_ca8fbb6e7b69f488.txt"), seed("003_b735b7be424d337f.txt")]
    model = FurnitureModel()
    for page in pages:
        model.observe(page)
    counts = [len(clean_page(page, model).paragraphs) for page in pages]
    assert counts == [18, 10]


def test_a_plain_article_comes_out_whole():
    text = (
        "Council Approves New Budget\n\n"
        "The city council approved a new budget on Tuesday after a long debate.\n\n"
        "Spending on schools rises by four percent.\n\n"
        "The mayor said the vote showed the council could work together."
    )
    article = clean_page(Page(dump="d", origin="d/1.txt", key="1.txt", text=text))
    assert article.title == "Council Approves New Budget"
    assert article.paragraphs == [
        "The city council approved a new budget on Tuesday after a long debate.",
        "Spending on schools rises by four percent.",
        "The mayor said the vote showed the council could work together.",
    ]


NEWS_SITE_PAGE = """Skip to content
Home
World
Business
Sport
Weather
Search
Subscribe
Harbour Bridge Closed After Storm Damage - City Herald
World
Harbour Bridge Closed After Storm Damage
By Jane Walker
Published March 3, 2015
Share on Facebook
Share on Twitter
Photo:
Waves break over the harbour wall on Monday night.
The harbour bridge was closed on Tuesday after a storm damaged its northern span, officials said.
Engineers will inspect the structure over the coming days before deciding when it can reopen.
"We will not take any risks with public safety," the transport minister told reporters.
What happens next
Commuters have been advised to use the ferry service, which will run extra boats this week.
Related stories
Ferry service adds extra boats
Storm warning for the coast
Comments (12)
I drove over it yesterday and it looked fine to me, honestly.
We use cookies to improve your experience. By continuing to use this site you agree.
© 2015 City Herald. All rights reserved.
Terms of Use
Privacy Policy"""


def test_single_page_furniture_is_dropped_and_article_parts_found():
    page = Page(
        dump="d",
        origin="herald",
        key="k",
        text=NEWS_SITE_PAGE,
        url="https://www.cityherald.example/news/harbour-bridge-closed-after-storm",
    )
    article, dropped = explain_page(page)
    assert article.title == "Harbour Bridge Closed After Storm Damage"
    assert article.byline == "Jane Walker"
    assert article.date == "2015-03-03"
    assert article.caption == "Waves break over the harbour wall on Monday night."
    assert article.paragraphs == [
        "The harbour bridge was closed on Tuesday after a storm damaged its northern span, "
        "officials said.",
        "Engineers will inspect the structure over the coming days before deciding when it can "
        "reopen.",
        '"We will not take any risks with public safety," the transport minister told reporters.',
        "What happens next",
        "Commuters have been advised to use the ferry service, which will run extra boats this "
        "week.",
    ]
    assert article.source == "City Herald"
    for line in ("Skip to content", "Share on Facebook", "Ferry service adds extra boats"):
        assert line in dropped
    assert "cookies" not in article.body and "looked fine" not in article.body


def test_site_name_is_the_host_when_the_page_names_no_brand():
    text = "A Quiet Week\n\nNothing much happened in the valley this week, residents said."
    page = Page(dump="d", origin="o", key="k", text=text, url="https://www.abc.net.au/news/x")
    assert clean_page(page).source == "abc.net.au"
    assert clean_page(Page(dump="d", origin="o", key="k", text=text)).source == ""


def test_given_title_keeps_wire_text_whole():
    text = (
        "MANILA, March 1 - The Philippines will seek new loans, the central bank said.\n\n"
        "The bank said talks would begin next week.\n\nREUTER"
    )
    page = Page(
        dump="reuters-1987-03",
        origin="reuters-1987-03.jsonl:1",
        key="reuters-9",
        text=text,
        title="PHILIPPINES SEEKS NEW LOANS",
        date="1987-03-01T10:00:00",
        source="Reuters",
        url="reuters21578://9",
    )
    article = clean_page(page)
    assert article.title == "PHILIPPINES SEEKS NEW LOANS"
    assert article.paragraphs == [
        "MANILA, March 1 - The Philippines will seek new loans, the central bank said.",
        "The bank said talks would begin next week.",
        "REUTER",
    ]
    assert article.source == "Reuters"
    assert article.date == "1987-03-01T10:00:00"


def test_empty_and_articleless_pages_are_skipped():
    assert isinstance(clean_page(Page("d", "o", "k", "")), Skipped)
    assert clean_page(Page("d", "o", "k", " \n\u00a0\n\x1b[0m")).reason == "empty page"
    menu = "Home\nNews\nSport\nWeather\nContact us\nPrivacy Policy"
    skipped = clean_page(Page("d", "o", "k", menu))
    assert isinstance(skipped, Skipped) and skipped.reason == "no article"


def test_credits_lines_become_credits():
    body = "The talks ended without agreement on Friday, officials from both sides said."
    for line, expected in [
        ("With reporting by Reuters, AFP, and dpa", ["Reuters", "AFP", "dpa"]),
        ("With reporting Reuters and AP", ["Reuters", "AP"]),
        ("Compiled from Reuters and AFP reports", ["Reuters", "AFP"]),
        ("(Reporting by Anna Smith; Editing by Tom Brown)", ["Anna Smith"]),
    ]:
        article = clean_page(Page("d", "o", "k", f"Talks End\n\n{body}\n\n{line}"))
        assert article.credits == expected, line
        assert article.paragraphs == [body]


def test_publish_date_sources_in_order():
    text = "Posted March 5, 2014\n\nThe market rose on Monday as investors bought shares again."
    dated = Page("d", "o", "k", text, url="https://x.example/2013/02/01/story", date="2012-01-09")
    assert clean_page(dated).date == "2012-01-09"
    dated.date = ""
    assert clean_page(dated).date == "2013-02-01"
    dated.url = "https://x.example/story"
    assert clean_page(dated).date == "2014-03-05"
    dated.text = "Markets\n\nThe market rose on Monday as investors bought shares again."
    dated.crawl_date = "2016-12-02T17:54:45Z"
    article = clean_page(dated)
    assert article.date == "" and article.crawl_date.startswith("2016-12-02")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://mobile.abc.net.au/news/2005-10-10/fire-crews/2120904?pfm=sm", "2005-10-10"),
        ("https://example.com/2014/06/10/story.html", "2014-06-10"),
        ("https://example.com/news/20140610/story", "2014-06-10"),
        ("https://example.com/2014/13/45/story", ""),
        ("https://example.com/story?date=2014-06-10", ""),
    ],
)
def test_dates_in_urls(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mon Oct 10 00:12:00 EST 2005", "2005-10-10T00:12"),
        ("Updated March 31, 2014", "2014-03-31"),
        ("Published: 1 April 2014 10:32", "2014-04-01T10:32"),
        ("2014-08-07", "2014-08-07"),
        ("MANILA, March 1 -", ""),
        ("February 30, 2014", ""),
    ],
)
def test_dates_in_lines(line, expected):
    assert date_in_text(line) == expected


def test_normalise_date_keeps_iso_and_rejects_junk():
    assert normalise_date("1987-02-26T15:01:01") == "1987-02-26T15:01:01"
    assert normalise_date("2014-03-31") == "2014-03-31"
    assert normalise_date("Tue, 01 Apr 2014 10:00:00 +0000").startswith("2014-04-01T10:00")
    assert normalise_date("yesterday") == ""


def test_language_is_detected():
    text = (
        "Le gouvernement a annoncé mardi une nouvelle réforme des retraites.\n\n"
        "Les syndicats ont appelé à une grève générale la semaine prochaine dans tout le pays."
    )
    assert clean_page(Page("d", "o", "k", f"Réforme des retraites\n\n{text}")).language == "fr"


def test_furniture_model_learns_recurring_lines_per_site():
    model = FurnitureModel()
    nav = "Our Town Gazette\nLocal\nNational\nThe Gazette Weekly Newsletter Signup Page\n"
    for n in range(6):
        body = f"Story number {n} tells of a different event in town, as reporters said {n}."
        model.observe(Page("d", f"o{n}", f"k{n}", nav + body, url=f"https://gazette.example/{n}"))
    site = "gazette.example"
    assert model.site_of(Page("d", "o", "k", "", url="https://www.gazette.example/x")) == site
    assert model.is_furniture(site, "The Gazette Weekly Newsletter Signup Page")
    assert not model.is_furniture(site, "Story number 1 tells of a different event in town.")
    assert not model.is_furniture("other.example", "The Gazette Weekly Newsletter Signup Page")
    restored = FurnitureModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert restored.is_furniture(site, "The Gazette Weekly Newsletter Signup Page")
    unpickled = pickle.loads(pickle.dumps(model))
    assert unpickled.is_furniture(site, "The Gazette Weekly Newsletter Signup Page")


def test_furniture_model_needs_three_pages_of_evidence():
    model = FurnitureModel()
    for n in range(2):
        model.observe(Page("seeds", f"o{n}", f"k{n}", "Shared line across both pages\nother"))
    assert not model.is_furniture("seeds", "Shared line across both pages")


def test_furniture_model_stays_bounded():
    model = FurnitureModel()
    model.MAX_LINES_PER_SITE = 500
    for n in range(200):
        lines = "\n".join(
            f"unique line {n} {m} {'x' * (n % 7)}{chr(97 + m % 26)}" for m in range(20)
        )
        model.observe(Page("d", "o", "k", "Site menu line\n" + lines, url="https://big.example/"))
    assert len(model.counts["big.example"]) <= 500
    assert model.is_furniture("big.example", "Site menu line")


WORD = re.compile(r"\S+")
LINES = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(
            [
                "",
                "Home",
                "Share",
                "Breaking News",
                "More Stories",
                "• 16x9 Image",
                "With reporting by Reuters and AP",
                "By Jane Doe",
                "Updated March 3, 2015",
                "© 2015 Example News",
                "The minister said the plan would be announced on Monday.",
                "Officials said the talks had ended without any agreement, and would resume.",
            ]
        ),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(LINES, st.sampled_from(["", "https://www.example.com/2015/03/03/a-story"]))
def test_any_text_gives_an_article_or_a_skip_and_invents_no_words(lines, url):
    text = "\n".join(lines)
    result = clean_page(Page("d", "o", "k", text, url=url))
    assert isinstance(result, Article | Skipped)
    if isinstance(result, Article):
        source_words = set(WORD.findall(sanitize(text)))
        for paragraph in result.paragraphs:
            assert paragraph and paragraph == paragraph.strip()
            assert set(WORD.findall(paragraph)) <= source_words
        assert result.title
        assert "\n" not in result.title


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text(max_size=30))
def test_given_titles_never_break_the_cleaner(text, title):
    result = clean_page(Page("d", "o", "k", text, title=title))
    assert isinstance(result, Article | Skipped)


BBC_LIKE_PAGE = """Skip to content

Accessibility Help

Home
News
Sport
Weather

Menu

  • Home
  • Climate
  • World
  • Business

Europe

Ukraine crisis: Russia says some troops returning to bases

By Paul Kirby
BBC News

Published
15 February 2022

Share

close

Share page

Copy link

Image source, Reuters

Image caption,
Russian tanks were loaded on to trains in Crimea, the defence ministry said

{LEAD}

{SECOND}

What happens next?

Talks between Moscow and Western capitals are due to resume later this week in Geneva.

Related Topics

  • Russia
  • Ukraine

More on this story

  • What does Putin want?

Terms of Use
Privacy Policy
Cookies

Copyright © 2022 BBC. The BBC is not responsible for the content of external sites.""".format(
    LEAD="Russia says some of its troops are returning to their bases after military exercises "
    "near Ukraine's border.",
    SECOND="The defence ministry gave no details of how many troops were leaving, and Western "
    "officials said they had seen no sign of a pullback.",
)

GUARDIAN_LIKE_PAGE = """Skip to main content
Sign in
Search
Europe edition
News
Opinion
Sport
Culture
Show more
World
Europe
Ukraine
This article is more than 8 years old
Nato chief vows support for Ukraine and urges Russia to pull back
{STANDFIRST}
Shaun Walker in Kiev
Thu 7 Aug 2014 14.30 BST
Share on Facebook
Share on Twitter
Anders Fogh Rasmussen with Petro Poroshenko in Kiev. Photograph: Sergei Supinsky/AFP/Getty Images
{LEAD}
Speaking in Kiev on Thursday, Rasmussen called on Russia to step back from the brink.
Topics
Ukraine
Nato
Most popular
Russia masses troops on Ukraine border
Privacy policy
© 2014 Guardian News & Media Limited or its affiliated companies. All rights reserved.""".format(
    STANDFIRST="Anders Fogh Rasmussen says alliance will step up cooperation with Kiev as Moscow "
    "masses troops on border",
    LEAD="The Nato secretary general, Anders Fogh Rasmussen, has vowed support for Ukraine in the "
    "face of Russian aggression.",
)


def test_bbc_like_page():
    page = Page("d", "o", "k", BBC_LIKE_PAGE, url="https://www.bbc.com/news/world-europe-60393843")
    article = clean_page(page)
    assert article.title == "Ukraine crisis: Russia says some troops returning to bases"
    assert article.byline == "Paul Kirby"
    assert article.date == "2022-02-15"
    assert article.source == "BBC"
    assert article.captions == [
        "Russian tanks were loaded on to trains in Crimea, the defence ministry said"
    ]
    assert article.paragraphs[0].startswith("Russia says some of its troops")
    assert article.paragraphs[-2:] == [
        "What happens next?",
        "Talks between Moscow and Western capitals are due to resume later this week in Geneva.",
    ]
    assert len(article.paragraphs) == 4


def test_guardian_like_page_keeps_the_standfirst_and_finds_byline_and_credited_caption():
    url = "https://www.theguardian.com/world/2014/aug/07/nato-ukraine-russia-rasmussen"
    article = clean_page(Page("d", "o", "k", GUARDIAN_LIKE_PAGE, url=url))
    assert article.title == "Nato chief vows support for Ukraine and urges Russia to pull back"
    assert article.date == "2014-08-07"
    assert article.byline == "Shaun Walker in Kiev"
    assert article.caption.endswith("Photograph: Sergei Supinsky/AFP/Getty Images")
    assert article.paragraphs == [
        "Anders Fogh Rasmussen says alliance will step up cooperation with Kiev as Moscow masses "
        "troops on border",
        "The Nato secretary general, Anders Fogh Rasmussen, has vowed support for Ukraine in the "
        "face of Russian aggression.",
        "Speaking in Kiev on Thursday, Rasmussen called on Russia to step back from the brink.",
    ]


def test_wordpress_like_page_with_comment_form():
    text = """Menu
Home » News » Local
Council approves new budget after long debate
Posted on March 3, 2015 by Jane Doe
Leave a comment
The city council approved a new budget on Tuesday after a debate that lasted late into the night.
Opposition members said the plan relied on optimistic forecasts.
Share this:
Twitter
Like this:
Like Loading...
Related
Leave a Reply Cancel reply
Your email address will not be published. Required fields are marked *
Notify me of follow-up comments by email."""
    article = clean_page(Page("d", "o", "k", text))
    assert article.title == "Council approves new budget after long debate"
    assert article.byline == "Jane Doe"
    assert article.date == "2015-03-03"
    assert article.paragraphs == [
        "The city council approved a new budget on Tuesday after a debate that lasted late into "
        "the night.",
        "Opposition members said the plan relied on optimistic forecasts.",
    ]


def test_hard_wrapped_paragraphs_are_kept_whole():
    text = """Enzymes and Health
Without enzymes life
would cease to exist. While nutrients may be present in the diet,
the enzymes are the work force of the body and the catalysts for every
process.
Even
raw food is not as healthy today as it was thirty years ago, because
natural enzymes are being eliminated from our food."""
    article = clean_page(Page("d", "o", "k", text))
    assert article.title == "Enzymes and Health"
    assert " ".join(article.paragraphs).startswith("Without enzymes life would cease to exist.")
    assert article.paragraphs[-1].endswith("being eliminated from our food.")
    assert "Even raw food" in article.body


def test_a_headline_only_wire_flash_is_kept_with_its_headline_as_text():
    page = Page(
        "r", "r.jsonl:3", "r-3", "", title="WHITTAKER CORP 1ST QTR OPER SHR 17 CTS VS 25 CTS"
    )
    article = clean_page(page)
    assert isinstance(article, Article)
    assert article.paragraphs == ["WHITTAKER CORP 1ST QTR OPER SHR 17 CTS VS 25 CTS"]
    assert isinstance(clean_page(Page("r", "o", "k", "", title="  ")), Skipped)


def test_the_cleaner_drops_lines_the_furniture_model_learned():
    # a promo that reads like a sentence: one page alone cannot tell it from the article, the
    # pages of the site together can (it recurs on every one of them)
    promo = "Our reporters cover the towns and villages of the county every day of the year."
    towns = ["Ashford", "Bexley", "Crawley", "Dover", "Epsom"]
    pages = [
        Page(
            "d",
            f"o{n}",
            f"k{n}",
            f"Flooding In {town}\n\nThe river burst its banks in {town} on Sunday night, and "
            f"dozens of homes were flooded.\n\n{promo}\n\nPeople in {town} said the water rose "
            "faster than anyone had expected, and the clean-up will take weeks.\n\n"
            f"The council has opened the school hall in {town} for families who had to leave.",
            url=f"https://paper.example/story-{n}",
        )
        for n, town in enumerate(towns)
    ]
    assert promo in clean_page(pages[0]).paragraphs
    model = FurnitureModel()
    for page in pages:
        model.observe(page)
    article = clean_page(pages[0], model)
    assert promo not in article.paragraphs
    assert article.paragraphs == [
        "The river burst its banks in Ashford on Sunday night, and dozens of homes were flooded.",
        "People in Ashford said the water rose faster than anyone had expected, and the clean-up "
        "will take weeks.",
        "The council has opened the school hall in Ashford for families who had to leave.",
    ]


def test_a_long_headline_is_not_taken_for_the_first_paragraph():
    headline = (
        "Christmas Island casino should reopen as a parliamentary committee on developing the "
        "north recommends a fresh start"
    )
    text = (
        f"Home\nNews\nWorld\nSport\n\n{headline}\n\n"
        "A casino once considered the most profitable in Australia should be brought out of "
        "mothballs, a committee has recommended.\n\n"
        "The island's shire president said the building was ready to reopen."
    )
    article = clean_page(Page("d", "o", "k", text))
    assert article.title == headline
    assert article.paragraphs[0].startswith("A casino once considered")
    assert len(article.paragraphs) == 2


def test_hostile_text_never_reaches_any_field():
    evil = "\x1b]8;;http://evil\x07\x1b[31m"
    text = (
        f"{evil}Headline With Escapes\u202e\n\n"
        f"The first {evil}paragraph\x00 has escape\u200b sequences in it, sadly.\n\n"
        f"With reporting by Reu{evil}ters"
    )
    page = Page("d", "o", "k", text, url=f"http://ex{evil}ample.com/a", source="")
    article = clean_page(page)
    fields = [article.title, *article.paragraphs, *article.credits, article.source, article.url]
    for field in fields:
        assert not any(ch in field for ch in "\x1b\x07\x00\u202e\u200b"), field
    assert article.title == "Headline With Escapes"
    assert article.credits == ["Reuters"]


def test_a_german_page_loses_its_furniture():
    text = """Startseite
Politik
Wirtschaft
Sport
Suche
Anmelden
Nato sagt der Ukraine weitere Unterstützung zu
Von Anna Schmidt
Der Nato-Generalsekretär hat der Ukraine bei einem Besuch in Kiew weitere Unterstützung zugesagt.
Russland müsse seine Truppen von der Grenze abziehen, sagte er am Donnerstag vor Journalisten.
Teilen
Kommentare
Das ist ein sehr langer Kommentar eines Lesers, der nicht zum Artikel gehört, sagte er.
Mehr zum Thema
Impressum
Datenschutz
Alle Rechte vorbehalten."""
    article = clean_page(Page("d", "o", "k", text))
    assert article.title == "Nato sagt der Ukraine weitere Unterstützung zu"
    assert article.byline == "Anna Schmidt"
    assert article.language == "de"
    assert len(article.paragraphs) == 2
    assert article.paragraphs[-1].startswith("Russland müsse")


def test_document_title_repeated_as_the_headline_is_the_title():
    page = Page(
        "d",
        "o",
        "k",
        "Council approves new school\nCouncil approves new school\n"
        "Published: 09:15 Tuesday 14 February 2017\n"
        "Plans for a new primary school on the edge of town have been approved by councillors.\n"
        "The 420-place school will be built on land off Station Road and opens in 2019.\n"
        "Most read\nPolice appeal after burglary\n",
        url="http://www.localherald.co.uk/news/council-approves-new-school-1-4455212",
    )
    article = clean_page(page)
    assert article.title == "Council approves new school"
    assert article.paragraphs[0].startswith("Plans for a new primary school")
    assert "Police appeal after burglary" not in article.body


@pytest.mark.xfail(
    reason="issue 12, still open: the learned cleaner drops short list items at the edge of the "
    "article (recall of lists); kept as a known gap, not evidence either way",
    strict=False,
)
def test_a_list_in_the_article_is_kept_and_a_menu_is_not():
    text = (
        "My summer reading list\nHome\nAbout\nRecipes\nContact\nMy summer reading list\n"
        "Every summer I pick a stack of books for the holidays. This year the list is longer "
        "than usual, so I have split it into fiction and non-fiction.\n"
        "Fiction\nThe Overstory by Richard Powers\nCirce by Madeline Miller\n"
        "Normal People by Sally Rooney\nNon-fiction\nSapiens by Yuval Noah Harari\n"
        "What are you reading this summer? Tell me about it in the comments below, please.\n"
        "Previous post\nNext post\nArchives\nJuly 2018\n"
    )
    article = clean_page(Page("d", "o", "k", text, url="https://blog.example.net/2018/07/list"))
    assert article.title == "My summer reading list"
    for item in ("Circe by Madeline Miller", "Sapiens by Yuval Noah Harari", "Fiction"):
        assert item in article.paragraphs
    assert article.paragraphs[-1].startswith("What are you reading this summer?")
    for furniture in ("Recipes", "Contact", "Previous post", "July 2018"):
        assert furniture not in article.body


def test_the_desk_line_under_the_byline_is_not_the_headline():
    text = (
        "Site\nHome\nNews\nSport\nWeather\n"
        "Rome bans new fast-food outlets in historic centre\nPublished\n2 hours ago\n"
        "By Laura Bianchi\nBBC News, Rome\n"
        "Rome's city council has banned new fast-food restaurants from opening in the centre.\n"
        "The mayor said the rule would protect the character of the old city.\n"
    )
    article = clean_page(Page("d", "o", "k", text, url="https://www.example.com/news/66554433"))
    assert article.title == "Rome bans new fast-food outlets in historic centre"
    assert article.byline == "Laura Bianchi"


def test_key_points_are_kept_and_read_more_links_are_not():
    text = (
        "Drought relief package announced for farmers - NewsNet\nSkip to main content\nNewsNet\n"
        "Drought relief package announced for farmers\nBy rural reporter Sam Kelly\n"
        "Key points:\nFarmers can apply for grants of up to $50,000\n"
        "The package costs $1.2 billion over four years\nApplications open on April 1\n"
        "The Federal Government has announced a $1.2 billion relief package for farmers.\n"
        "Agriculture Minister David Littleproud said the money would help families stay.\n"
        "READ MORE:\nFarmers sell stock as dams dry up\nWhy the drought is getting worse\n"
        '"This is about keeping rural communities alive," he said.\n'
        "Sign up for our newsletter\nSome farmers said the grants came too late.\n"
        "Topics:\ndrought\n"
    )
    url = "https://www.newsnet.com.au/news/2019-03-02/drought-relief-package/123"
    article = clean_page(Page("d", "o", "k", text, url=url))
    assert article.title == "Drought relief package announced for farmers"
    assert article.paragraphs[:3] == [
        "Farmers can apply for grants of up to $50,000",
        "The package costs $1.2 billion over four years",
        "Applications open on April 1",
    ]
    assert article.paragraphs[-1] == "Some farmers said the grants came too late."
    for link in (
        "Farmers sell stock",
        "Why the drought",
        "Sign up for our newsletter",
        "READ MORE",
    ):
        assert link not in article.body


def test_comments_under_a_responses_header_and_the_next_story_are_dropped():
    blog = (
        "A weekend in Lisbon | Travel Notes\nTravel Notes\nA weekend in Lisbon\n"
        "Posted on May 3, 2017 by Anna\n"
        "Lisbon had been on my list for years, and last month I finally went there at last.\n"
        "We stayed in Alfama, the oldest district, where the streets are too narrow for cars.\n"
        "2 Responses to “A weekend in Lisbon”\nMark\nMay 4, 2017 at 9:12 am\n"
        "Lovely post! We went last year and loved the custard tarts in Belem, you have to try them "
        "next time you go, they are the best thing in the whole city.\n"
    )
    article = clean_page(Page("d", "o", "k", blog, url="https://notes.example.com/2017/05/lisbon/"))
    assert article.paragraphs[0].startswith("Lisbon had been on my list")
    assert "custard tarts" not in article.body and "Responses" not in article.body
    news = (
        "Factory to create 400 jobs\nBusiness\nFactory to create 400 jobs\n"
        "A car parts maker will build a factory on the former steelworks site, creating 400 jobs.\n"
        "The company said construction would begin this autumn.\n"
        'Local MP Rachel Green called it "a vote of confidence in the town".\n'
        "Next article\nShop prices rise at fastest rate for a decade\n"
        "Shop prices rose by 4% in the year to May, the fastest increase for a decade, according "
        "to the British Retail Consortium, which blamed higher costs for food and energy.\n"
    )
    article = clean_page(Page("d", "o", "k", news, url="https://www.example.com/business/jobs"))
    assert article.paragraphs[0].startswith("A car parts maker")
    assert "Shop prices" not in article.body


def test_the_first_line_beats_a_standfirst_and_a_shorter_form_beats_the_first_line():
    body = (
        "Rome's city council has banned new fast-food restaurants from opening in the centre.\n"
        "The mayor said the rule would protect the character of the old city, officials said.\n"
    )
    headline = "Rome bans new fast-food outlets in historic centre"
    standfirst = "The city wants to protect its historic character from chains"
    article = clean_page(Page("d", "o", "k", f"{headline}\n{standfirst}\n{body}"))
    assert article.title == headline
    assert article.paragraphs[0] == standfirst
    page = f"Naso lituratus Biopix photo/image 67116\nHome\nNaso lituratus\n{body}"
    assert clean_page(Page("d", "o", "k", page)).title == "Naso lituratus"
