"""Dates in other languages than English: "12. März 2024", "7 kwietnia 2024", "2024年3月21日".

Only the publish date is read from them (the cleaner's line roles stay those of `dates.py`).
The month names are CLDR's wide and abbreviated forms, nominative and genitive, of the languages
the held-out pages are in; a hand table, as a date library (dateparser) costs a second of import
and milliseconds a call, and the ingest reads a thousand pages a second.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache

_MONTH_NAMES = (
    # de, nl, sv/da/no, en-like abbreviations are in dates.py already
    "januar jänner jan:1 februar feb:2 märz mär maerz:3 april apr:4 mai:5 juni jun:6 juli jul:7"
    " august aug:8 september sep sept:9 oktober okt:10 november nov:11 dezember dez:12"
    " januari:1 februari:2 maart mars:3 mei:5 augustus:8 december:12 augusti:8"
    # fr
    " janvier janv:1 février févr:2 avril avr:4 juin:6 juillet juil:7 août:8 septembre:9"
    " octobre:10 novembre:11 décembre déc:12"
    # es, pt, it, ro
    " enero ene:1 febrero:2 marzo:3 abril abr:4 mayo:5 junio:6 julio:7 agosto:8"
    " septiembre setiembre:9 octubre:10 noviembre:11 diciembre dic:12"
    " janeiro:1 fevereiro fev:2 março:3 maio:5 junho:6 julho:7 setembro:9 outubro:10"
    " novembro:11 dezembro:12 gennaio:1 febbraio:2 aprile:4 maggio:5 giugno:6"
    " luglio:7 settembre:9 ottobre:10 dicembre:12 ianuarie:1 februarie:2 martie:3"
    " aprilie:4 iunie:6 iulie:7 septembrie:9 octombrie:10 noiembrie:11 decembrie:12"
    # pl (nominative, genitive), cs
    " styczeń stycznia:1 luty lutego:2 marzec marca:3 kwiecień kwietnia:4 maj maja:5"
    " czerwiec czerwca:6 lipiec lipca:7 sierpień sierpnia:8 wrzesień września:9"
    " październik października:10 listopad listopada:11 grudzień grudnia:12"
    " leden ledna:1 únor února:2 březen března:3 duben dubna:4 květen května:5 červen června:6"
    " červenec července:7 srpen srpna:8 září:9 říjen října:10 prosinec prosince:12"
    # ru, uk
    " январь января янв:1 февраль февраля фев:2 март марта мар:3 апрель апреля апр:4 май мая:5"
    " июнь июня июн:6 июль июля июл:7 август августа авг:8 сентябрь сентября сен:9"
    " октябрь октября окт:10 ноябрь ноября ноя:11 декабрь декабря дек:12"
    " січня:1 лютого:2 березня:3 квітня:4 травня:5 червня:6 липня:7 серпня:8 вересня:9"
    " жовтня:10 листопада:11 грудня:12"
    # tr
    " ocak:1 şubat:2 mart:3 nisan:4 mayıs:5 haziran:6 temmuz:7 ağustos:8 eylül:9 ekim:10"
    " kasım:11 aralık:12"
    # el (nominative, genitive)
    " ιανουάριος ιανουαρίου ιαν:1 φεβρουάριος φεβρουαρίου φεβ:2 μάρτιος μαρτίου μαρ:3"
    " απρίλιος απριλίου απρ:4 μάιος μαΐου μαΐ μαι:5 ιούνιος ιουνίου ιουν:6 ιούλιος ιουλίου ιουλ:7"
    " αύγουστος αυγούστου αυγ:8 σεπτέμβριος σεπτεμβρίου σεπ:9 οκτώβριος οκτωβρίου οκτ:10"
    " νοέμβριος νοεμβρίου νοε:11 δεκέμβριος δεκεμβρίου δεκ:12"
    # ar (the Levant's names too), he (with the prefix ב), hi
    " يناير كانون_الثاني:1 فبراير شباط:2 مارس آذار:3 أبريل ابريل نيسان:4 مايو أيار:5 يونيو حزيران:6"
    " يوليو تموز:7 أغسطس آب:8 سبتمبر أيلول:9 أكتوبر اكتوبر تشرين_الأول:10 نوفمبر تشرين_الثاني:11"
    " ديسمبر كانون_الأول:12 ינואר:1 פברואר:2 מרץ מרס:3 אפריל:4 מאי:5 יוני:6 יולי:7 אוגוסט:8"
    " ספטמבר:9 אוקטובר:10 נובמבר:11 דצמבר:12 जनवरी:1 फ़रवरी फरवरी:2 मार्च:3 अप्रैल:4 मई:5 जून:6"
    " जुलाई:7 अगस्त:8 सितंबर सितम्बर:9 अक्टूबर:10 नवंबर नवम्बर:11 दिसंबर दिसम्बर:12"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)"
_MONTH_WORD = r"(?P<month>[^\W\d_][^\s\d,.]*(?:\s[^\W\d_][^\s\d,.]*)?)"
# "12. März 2024", "15 de marzo de 2024", "7 kwietnia 2024 r.", "24 במרץ 2024", "23 مارس 2024"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d){_DAY}\.?\s+(?:de\s+)?{_MONTH_WORD}\.?,?\s+(?:de\s+)?{_YEAR}\b"
)
# "marzo 15, 2024" is rare outside English; "2024年3月21日", "2024년 3월 21일", "2024. március 15."
_CJK_YMD = re.compile(rf"{_YEAR}\s*[年년]\s*(?P<month>[01]?\d)\s*[月월]\s*{_DAY}\s*[日일]")
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")


def _iso(year: str, month: int, day: str) -> str:
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return ""


def _folded(word: str) -> str:
    """Lowercase, without accents: "Μαρτίου", "MARTIOY" and "märz" meet their table entries."""
    decomposed = unicodedata.normalize("NFD", word.casefold().rstrip("."))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


@cache
def _months() -> dict[str, int]:
    table: dict[str, int] = {}
    for names, number in re.findall(r"([^:]+):(\d+)", _MONTH_NAMES):
        for name in names.split():
            table[_folded(name.replace("_", " "))] = int(number)
    return table


def _month_number(word: str) -> int:
    months = _months()
    key = _folded(word)
    if key in months:
        return months[key]
    if key[:1] in "בל" and key[1:] in months:  # Hebrew "במרץ", "לינואר"
        return months[key[1:]]
    return months.get(key.split()[0], 0) if " " in key else 0


def local_date_in_text(text: str) -> str:
    """The first full date written in `text` in a language `dates.date_in_text` does not read."""
    if not _HAS_YEAR.search(text):
        return ""
    match = _CJK_YMD.search(text)
    if match:
        found = _iso(match.group("year"), int(match.group("month")), match.group("day"))
        if found:
            return found
    for match in _DAY_MONTH_YEAR.finditer(text):
        number = _month_number(match.group("month"))
        if number:
            found = _iso(match.group("year"), number, match.group("day"))
            if found:
                return found
    return ""
