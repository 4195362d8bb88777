"""The learned cleaner: weights shipped as data, URLs and lists kept in articles, CJK counted."""

from __future__ import annotations

import json

from index.cleaning.clean import clean_page
from index.cleaning.line_model import CONTEXT_FEATURES, FEATURES, WEIGHTS_FILE, smooth
from index.cleaning.lines import word_count
from index.cleaning.title_ranker import TITLE_FEATURES
from index.records import Article, Page

MENU = "Home\nNews\nSport\nBusiness\nCulture\nContact\nSearch\n"
FOOTER = (
    "\nLeave a Comment\nJohn says:\nGreat post, thanks for sharing this with us all!\nReply\n"
    "Subscribe to our newsletter\nPrivacy Policy\n© 2024 Birds Daily. All rights reserved.\n"
)


def page(text: str) -> Page:
    return Page(dump="d", origin="d/1", key="1", text=text)


def test_weights_are_json_data_that_match_the_features():
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert len(data["line"]["coef"]) == 4 * len(FEATURES)
    assert len(data["context"]["coef"]) == len(CONTEXT_FEATURES)
    assert len(data["title"]["coef"]) == len(TITLE_FEATURES)
    assert data["line"]["switch_penalty"] >= 0


def test_smoothing_keeps_runs_and_drops_lone_lines():
    scores = [-3.0, -3.0, 2.0, 2.0, -0.5, 2.0, 2.0, -3.0, 0.4, -3.0, -3.0]
    import numpy as np

    kept = smooth(np.asarray(scores), 2.0)
    assert kept == [False, False, True, True, True, True, True, False, False, False, False]


def test_paragraphs_that_hold_a_url_are_kept():
    paragraphs = [
        "The full report is available at http://www.birds.example/zebrafinch and will be "
        "discussed by ministers next week, officials said on Monday.",
        "Researchers counted the birds at forty sites across the country over three summers, "
        "and the numbers fell at almost every one of them.",
        "The study, published at https://www.birds.example/report.pdf, says numbers fell by "
        "a third since the survey began in the early nineties.",
        "Ministers said the report (www.birds.example) was clear about the causes, and they "
        "promised a plan to protect the hedgerows where the finches nest.",
    ]
    text = MENU + "Zebra Finches in Decline, Report Finds\n\n" + "\n\n".join(paragraphs) + FOOTER
    article = clean_page(page(text))
    assert isinstance(article, Article)
    assert article.title == "Zebra Finches in Decline, Report Finds"
    assert article.paragraphs == paragraphs


def test_a_chinese_article_is_kept_whole():
    paragraphs = [
        "北京时间周一，国家统计局发布了最新的经济数据，显示今年第三季度国内生产总值同比增长百分之四点九，"
        "略高于市场此前的普遍预期，消费和服务业成为拉动增长的主要力量。",
        "分析人士指出，房地产市场仍然面临较大压力，但是基础设施投资和制造业投资保持了稳定增长，"
        "出口在连续几个月下降之后也出现了回升的迹象，整体经济呈现企稳回升的态势。",
        "统计局发言人在新闻发布会上表示，下一阶段将继续加大宏观政策调控力度，着力扩大国内需求，"
        "推动经济持续回升向好，同时也要防范和化解重点领域的风险。",
    ]
    text = "首页\n新闻\n财经\n体育\n登录\n\n第三季度经济增长超出预期\n\n" + "\n\n".join(paragraphs)
    text += "\n\n相关新闻\n股市周一小幅上涨\n央行维持利率不变\n版权所有 © 2024\n"
    article = clean_page(page(text))
    assert isinstance(article, Article)
    assert article.paragraphs == paragraphs
    assert article.title == "第三季度经济增长超出预期"
    assert article.language == "zh"


def test_words_are_counted_in_every_script():
    assert word_count("three little words") == 3
    assert word_count("国家统计局发布了最新的经济数据") == 8
    assert word_count("東京で会議が開かれた") >= 4


def test_list_items_and_subheadings_inside_the_article_are_kept():
    text = (
        MENU + "How to Bake a Simple Loaf of Bread at Home\n\n"
        "Baking bread at home is easier than most people think, and it needs only a few "
        "ingredients that you probably already have in your kitchen cupboard.\n\n"
        "What you need\n\n"
        "  • 500 grams of strong white flour\n  • 7 grams of dried yeast\n"
        "  • 300 millilitres of warm water\n  • a pinch of salt\n\n"
        "Mix the flour, the yeast and the salt in a large bowl, then pour in the warm water and "
        "stir until everything comes together as a soft and slightly sticky dough.\n\n"
        "Knead the dough for ten minutes, leave it to rise for an hour in a warm place, and "
        "then bake it for thirty minutes until the crust is golden brown and sounds hollow.\n"
        + FOOTER
    )
    article = clean_page(page(text))
    assert isinstance(article, Article)
    body = article.body
    for item in ("What you need", "• 500 grams of strong white flour", "• a pinch of salt"):
        assert item in body
    assert "Knead the dough" in body
    for furniture in ("Great post", "Subscribe", "Reply", "John says"):
        assert furniture not in body


LOREM = (
    "Lorem Ipsum Dolor\n\n"
    + "\n\n".join(
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua, ut enim ad minim veniam."
        for _ in range(4)
    )
    + "\n"
)
ARTICLE = (
    MENU + "Council Approves New Budget After Long Debate\n\n"
    "The city council approved a new budget on Tuesday after a debate that lasted well into "
    "the night, with members arguing over spending on schools and roads.\n\n"
    "Spending on schools rises by four percent, while the money for road repairs stays the same "
    "as last year, the council's finance committee said in a statement.\n\n"
    "The mayor said the vote showed that the council could still work together on hard "
    "questions, and thanked the members who had changed their minds.\n" + FOOTER
)


def test_junk_pages_are_skipped_with_their_reason_unless_kept():
    skipped = clean_page(page(LOREM))
    assert skipped.reason == "not an article (junk)" and skipped.detail == "lorem ipsum"
    kept = clean_page(page(LOREM), keep_all=True)
    assert isinstance(kept, Article) and kept.paragraphs
    assert isinstance(clean_page(page(ARTICLE)), Article)


LANGUAGES = "English\nDeutsch\nEspañol\nFrançais\nPolski\nItaliano\nPortuguês\n日本語\n"
SHELL = (
    "How do you say good morning in Portuguese?\n\n"
    + LANGUAGES
    + "Ask your question and get answers from native speakers of the language.\n"
    "Stellen Sie Ihre Frage und bekommen Sie Antworten von den Muttersprachlern.\n"
    "Haz tu pregunta y recibe respuestas de los hablantes nativos del idioma.\n"
    "Posez votre question et recevez des réponses de la part des locuteurs natifs.\n"
    "Zadaj pytanie i otrzymaj odpowiedzi od rodzimych użytkowników tego języka.\n"
    "Fai la tua domanda e ricevi le risposte dai madrelingua della lingua.\n"
    "Faça a sua pergunta e receba as respostas dos falantes nativos da língua.\n"
    "質問をして、その言語のネイティブスピーカーから回答をもらいましょう。\n"
)


def test_a_translation_sites_shell_is_junk_and_an_article_with_a_language_menu_is_not():
    for text in (SHELL, SHELL.replace(LANGUAGES, "")):
        skipped = clean_page(page(text))
        assert skipped.reason == "not an article (junk)", text
        assert skipped.detail.startswith("a site's shell")
    article = clean_page(page(LANGUAGES + ARTICLE))
    assert isinstance(article, Article)
    assert article.title == "Council Approves New Budget After Long Debate"


def test_the_index_command_counts_junk_and_keeps_it_with_a_flag(tmp_path):
    from tests.test_cli import newsreader

    dump = tmp_path / "dump"
    dump.mkdir()
    (dump / "lorem.txt").write_text(LOREM, encoding="utf-8")
    (dump / "budget.txt").write_text(ARTICLE, encoding="utf-8")
    library = tmp_path / "library"
    done = newsreader(library, "index", str(dump))
    assert "skipped: not an article (junk)" in done.stdout + done.stderr
    assert "lorem ipsum" in done.stdout + done.stderr
    found = json.loads(newsreader(library, "search", "budget", "--json").stdout)
    assert found["total"] == 1
    assert json.loads(newsreader(library, "search", "lorem", "--json").stdout)["total"] == 0
    newsreader(library, "index", "--rebuild", "--keep-all", str(dump))
    assert json.loads(newsreader(library, "search", "lorem", "--json").stdout)["total"] == 1


def test_the_articles_own_date_beats_the_sites_last_updated_line():
    text = ARTICLE.replace(
        "Council Approves New Budget After Long Debate\n\n",
        "Last updated: 12 May 2020\nCouncil Approves New Budget After Long Debate\n"
        "March 3, 2018\n\n",
    )
    article = clean_page(page(text))
    assert article.date == "2018-03-03"


def test_a_date_in_the_first_line_of_the_body_is_the_articles():
    text = ARTICLE.replace(
        "The city council approved", "BERLIN, 3 March 2024 - The council approved"
    )
    assert clean_page(page(text)).date == "2024-03-03"


def test_a_list_under_a_colon_line_below_the_article_stays_out():
    text = (
        MENU + "Swifts return to the old mill for the tenth summer running\n\n"
        "The swifts came back to the old mill on Tuesday, a week later than last year, and the "
        "volunteers who count them say the colony has grown to forty pairs this spring.\n\n"
        "The mill's owner has fitted twelve new nest boxes under the eaves, and the first of them "
        "were taken within a day of the birds' return from their winter in Africa.\n\n"
        "More from Birds Daily:\nHouse martins in decline\nWhere to see cranes this winter\n"
        "Ten feeders tested\n" + FOOTER
    )
    article = clean_page(page(text))
    assert isinstance(article, Article)
    assert article.paragraphs[-1].startswith("The mill's owner")
    for link in ("House martins", "cranes", "feeders", "More from"):
        assert link not in article.body
