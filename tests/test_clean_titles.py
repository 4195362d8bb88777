"""Headlines of small pages in the shapes of German, Spanish, French, Polish and Chinese news sites:
a breadcrumb, a bullet, the site's name, a kicker, navigation above the headline. Written by hand
as regression checks (probes): they say what must keep working, not how good the titles are."""

from __future__ import annotations

import pytest

from index.cleaning.clean import clean_page
from index.records import Article, Page

DE_BODY = (
    "Der Stadtrat hat am Dienstagabend mit knapper Mehrheit beschlossen, die Straßenbahnlinie bis "
    "zum neuen Wohngebiet im Norden zu verlängern. Die Bauarbeiten sollen im Frühjahr beginnen.",
    "Nach Angaben der Verkehrsbetriebe werden rund vierzig Millionen Euro für die neue Strecke "
    "benötigt, von denen das Land den größten Teil übernehmen will.",
    "Anwohner hatten sich in den vergangenen Monaten mehrfach über den Lärm der Baustellen "
    "beklagt, die Verwaltung versprach nun, nachts nicht zu arbeiten.",
)
ES_BODY = (
    "El ayuntamiento aprobó este martes la ampliación del horario de las bibliotecas municipales, "
    "que abrirán también los domingos por la mañana a partir del próximo mes.",
    "Según la concejala de Cultura, la medida responde a la demanda de los estudiantes, que llevan "
    "años pidiendo más espacios para estudiar durante los fines de semana.",
    "La ampliación costará unos trescientos mil euros al año y supondrá la contratación de doce "
    "nuevos trabajadores, según el presupuesto presentado en el pleno.",
)
FR_BODY = (
    "La mairie a annoncé lundi la fermeture temporaire du pont principal de la ville pour des "
    "travaux de rénovation qui devraient durer au moins six mois.",
    "Les automobilistes devront emprunter une déviation par le nord, ce qui allongera les trajets "
    "d'une quinzaine de minutes aux heures de pointe, selon les services techniques.",
    "Les commerçants du centre craignent une baisse de la fréquentation et demandent des mesures "
    "de soutien pendant toute la durée du chantier.",
)
PL_BODY = (
    "Rada miasta zdecydowała we wtorek o budowie nowego parku na terenie dawnej zajezdni "
    "tramwajowej. Prace mają rozpocząć się jeszcze w tym roku.",
    "Według urzędników koszt inwestycji wyniesie około dwudziestu milionów złotych, a część "
    "pieniędzy pochodzić będzie z funduszy unijnych.",
    "Mieszkańcy okolicznych osiedli od lat domagali się terenów zielonych i złożyli w tej sprawie "
    "petycję podpisaną przez ponad trzy tysiące osób.",
)
ZH_BODY = (
    "市政府周二宣布，将在明年年底前完成城市北部新地铁线路的建设，预计每天可运送乘客超过二十万人次。",
    "据交通部门介绍，新线路全长约三十公里，共设二十个车站，总投资约为一百五十亿元人民币。",
    "不少市民表示，新线路开通后上下班时间将大大缩短，但也有居民担心施工期间的噪音问题。",
)
DE_MENU = "Startseite\nPolitik\nWirtschaft\nSport\nKultur\nRegion\nSuche\nAnmelden\n"
DE_FOOT = (
    "\nDas könnte Sie auch interessieren\n• Neue Radwege für die Innenstadt\n"
    "• Stadtwerke erhöhen die Preise\nImpressum\nDatenschutz\n© 2024 Rheinblick Zeitung\n"
)
ES_MENU = "Inicio\nNacional\nInternacional\nDeportes\nCultura\nOpinión\nBuscar\n"
ES_FOOT = (
    "\nTe puede interesar\n• Las mejores playas del norte\nAviso legal\n© 2024 Diario del Sur\n"
)
FR_MENU = "Accueil\nPolitique\nÉconomie\nSport\nCulture\nRégions\nRechercher\n"
FR_FOOT = "\nÀ lire aussi\n• Les marchés de Noël ouvrent\nMentions légales\n© 2024 Le Courrier\n"
PL_MENU = "Strona główna\nKraj\nŚwiat\nSport\nKultura\nSzukaj\n"
PL_FOOT = "\nCzytaj także\n• Nowe ścieżki rowerowe\nPolityka prywatności\n© 2024 Gazeta Miejska\n"
ZH_MENU = "首页\n新闻\n财经\n体育\n娱乐\n科技\n搜索\n"
ZH_FOOT = "\n相关新闻\n• 城市公交线路调整\n关于我们\n版权所有 © 2024 城市日报\n"


def page(top: str, headline_block: str, body: tuple[str, ...], foot: str) -> Page:
    text = top + headline_block + "\n\n" + "\n\n".join(body) + "\n" + foot
    return Page(dump="probe", origin="probe/1", key="1", text=text)


CASES = {
    "de breadcrumb": (
        DE_MENU + "Startseite > Region > Stadt\n",
        "Straßenbahn fährt bald bis ins Nordviertel\n12.03.2024, 18:30 Uhr\nVon Anna Schmidt",
        DE_BODY,
        DE_FOOT,
        "Straßenbahn fährt bald bis ins Nordviertel",
    ),
    "de bullet above": (
        DE_MENU + "• Unterstützen Sie uns!\n• Newsletter abonnieren\n",
        "Straßenbahn fährt bald bis ins Nordviertel\nVon Anna Schmidt",
        DE_BODY,
        DE_FOOT,
        "Straßenbahn fährt bald bis ins Nordviertel",
    ),
    "de site name": (
        "Rheinblick Zeitung\n" + DE_MENU,
        "Stadtrat stimmt für längere Straßenbahn\n12.03.2024",
        DE_BODY,
        DE_FOOT,
        "Stadtrat stimmt für längere Straßenbahn",
    ),
    "de kicker": (
        DE_MENU,
        "Nahverkehr\nStadtrat stimmt für längere Straßenbahn\n12.03.2024",
        DE_BODY,
        DE_FOOT,
        "Stadtrat stimmt für längere Straßenbahn",
    ),
    "de headline twice": (
        DE_MENU + "Drucken\nTeilen\n",
        "Stadtrat stimmt für längere Straßenbahn\nStadtrat stimmt für längere Straßenbahn\n"
        "Von Anna Schmidt",
        DE_BODY,
        DE_FOOT,
        "Stadtrat stimmt für längere Straßenbahn",
    ),
    "es breadcrumb": (
        ES_MENU + "Inicio » Sociedad » Cultura\n",
        "Las bibliotecas abrirán también los domingos\n12 de marzo de 2024",
        ES_BODY,
        ES_FOOT,
        "Las bibliotecas abrirán también los domingos",
    ),
    "es site name": (
        "Diario del Sur\n" + ES_MENU,
        "Las bibliotecas municipales abrirán los domingos\nPor María López",
        ES_BODY,
        ES_FOOT,
        "Las bibliotecas municipales abrirán los domingos",
    ),
    "es kicker": (
        ES_MENU,
        "CULTURA\nLas bibliotecas abrirán también los domingos\n12/03/2024",
        ES_BODY,
        ES_FOOT,
        "Las bibliotecas abrirán también los domingos",
    ),
    "fr breadcrumb": (
        FR_MENU + "Accueil / Régions / Ville\n",
        "Le pont principal fermé pendant six mois\nPublié le 12 mars 2024",
        FR_BODY,
        FR_FOOT,
        "Le pont principal fermé pendant six mois",
    ),
    "fr bullet above": (
        FR_MENU + "• Abonnez-vous à la newsletter\n• Soutenez-nous\n",
        "Le pont principal fermé pendant six mois\nPar Jean Martin",
        FR_BODY,
        FR_FOOT,
        "Le pont principal fermé pendant six mois",
    ),
    "pl breadcrumb": (
        PL_MENU + "Strona główna > Kraj > Miasto\n",
        "Nowy park powstanie na terenie zajezdni\n12.03.2024",
        PL_BODY,
        PL_FOOT,
        "Nowy park powstanie na terenie zajezdni",
    ),
    "pl share bar": (
        PL_MENU,
        "Nowy park powstanie na terenie zajezdni\nUdostępnij\nPodziel się\n12.03.2024",
        PL_BODY,
        PL_FOOT,
        "Nowy park powstanie na terenie zajezdni",
    ),
    "zh breadcrumb": (
        ZH_MENU + "首页 > 新闻 > 本地\n",
        "城市北部新地铁线路明年底建成\n2024年3月12日 来源：城市日报",
        ZH_BODY,
        ZH_FOOT,
        "城市北部新地铁线路明年底建成",
    ),
    "zh site name": (
        "城市日报\n" + ZH_MENU,
        "新地铁线路将缩短市民通勤时间\n2024-03-12",
        ZH_BODY,
        ZH_FOOT,
        "新地铁线路将缩短市民通勤时间",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_headline_is_chosen(name: str) -> None:
    top, block, body, foot, headline = CASES[name]
    result = clean_page(page(top, block, body, foot))
    assert isinstance(result, Article)
    assert result.title == headline
    assert all(paragraph in result.paragraphs for paragraph in body)
    assert headline not in result.paragraphs
