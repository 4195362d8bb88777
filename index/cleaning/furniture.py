"""Page furniture: single-page patterns, and a model of lines that recur across a site's pages."""

from __future__ import annotations

import math
import re
import zlib
from urllib.parse import urlsplit

from index.records import Page

# Whole lines that are navigation, share bars, widgets or labels (matched lower-cased, stripped of
# bullets and trailing punctuation). Kept to lines of a few words so that prose is never matched.
_FURNITURE_LINE = re.compile(
    r"""(?x)
    (?:accessibility(?:\s+links)?|skip\s+(?:to\s+)?(?:main\s+)?(?:content|navigation|main)
    |jump\s+to\s+(?:main\s+)?(?:content|navigation)|toggle\s+navigation|main\s+(?:menu|navigation)
    |breaking(?:\s+news)?|menu|(?:open|close)(?:\s+\w+)?\s+menu|close|search(?:\s+\w+)?|home(?:page)?
    |(?:\w+\s+)?home|top\s+of\s+(?:the\s+)?page|back\s+to\s+top|go\s+to\s+top|log\s*in|log\s*out
    |sign\s*(?:in|up|out)(?:\s+for\s+\w+)?|register|my\s+account|subscribe(?:\s+\w+){0,3}
    |(?:free\s+)?newsletters?|share(?:\s+(?:this|the|on|via|article|story|page|post)(?:\s+\w+){0,2})?
    |shares?\s+\d+|\d+\s+shares?|e-?mail(?:\s+(?:this|to\s+a\s+friend)(?:\s+\w+)?)?|print(?:\s+\w+){0,2}
    |facebook|twitter|linkedin|whatsapp|pinterest|reddit|tumblr|telegram|instagram|youtube|flipboard
    |messenger|x|copy\s+link|copy\s+url|link\s+copied|tweet|like|pin(?:\s+it)?|permalink
    |comments?(?:\s*\(\d+\))?|\d+\s+comments?|no\s+comments?(?:\s+yet)?|leave\s+a\s+(?:comment|reply)
    |post\s+a\s+comment|add\s+(?:a\s+)?comment|reply|view\s+comments|show\s+comments|discuss
    |follow(?:\s+us)?(?:\s+on\s+\w+)?|advertisement|advertising|sponsored(?:\s+content)?|ad|ads
    |loading(?:\s+\w+)?|read\s+more|more|see\s+more|show\s+more|load\s+more|view\s+more|next|previous
    |prev|(?:next|previous)\s+(?:article|story|post|page)|related(?:\s+\w+){0,2}|most\s+\w+
    |trending(?:\s+now)?|you\s+may\s+(?:also\s+)?like|recommended(?:\s+for\s+you)?|more\s+\w+(?:\s+\w+)?
    |also\s+read|watch(?:\s+live)?|listen(?:\s+live)?|video|videos|audio(?:\s+[\d:]+)?|photos?|images?
    |gallery|photo\s+gallery|map|external\s+link|play|pause|mute|unmute|full\s*screen|xs|sm|md|lg|xl
    |(?:change\s+to\s+)?(?:standard|mobile|desktop|full|classic)\s+(?:view|site|version)
    |accept(?:\s+all)?(?:\s+cookies)?|reject(?:\s+all)?|cookie\s+\w+|manage\s+cookies|got\s+it|ok
    |privacy(?:\s+\w+)?|terms(?:\s+(?:of|and|&)\s+\w+(?:\s+\w+)?)?|contact(?:\s+us)?|about(?:\s+us)?
    |sitemap|site\s+map|rss(?:\s+feeds?)?|advertise(?:\s+with\s+us)?|careers|jobs|faqs?|help|feedback
    |corrections?(?:\s+(?:&|and)\s+clarifications)?|archives?|topics|sections|categories|tags?|weather
    |click\s+here(?:\s+\w+){0,4}|continue\s+reading|keep\s+reading|read\s+full\s+(?:article|story)
    |you\s+are\s+here|font\s+size|text\s+size|a\s+a\s+a|print\s+friendly|updated|posted|published
    |listen\s+to\s+(?:this|the)\s+(?:article|story)|\d+\s+min(?:ute)?s?\s+read|reading\s+time.*
    |all\s+rights\s+reserved|image\s+(?:source|copyright)\b.*|(?:photo|image)\s+credit\b.*|legal|imprint|impressum|disclaimer|languages?|english|edition|en|de|fr
    |\d+x\d+(?:\s+image)?|image\s*\d*|photo\s*\d*|(?:\d+\s+)?of\s+\d+|\d+\s*/\s*\d+|page\s+\d+(?:\s+of\s+\d+)?
    |live|live\s+blog|live\s+updates|opinion|analysis|explainer|exclusive|watch\s+now|listen\s+now
    # German, French, Spanish, Italian, Portuguese, Dutch
    |startseite|anmelden|abmelden|suche|suchen|teilen|drucken|kommentare|anzeige|werbung|datenschutz
    |nutzungsbedingungen|kontakt|mehr|zur\u00fcck|weiter|accueil|connexion|se\s+connecter|rechercher
    |partager|imprimer|commentaires|publicit\u00e9|mentions\s+l\u00e9gales|s'abonner|abonnez-vous
    |inicio|buscar|compartir|imprimir|comentarios|publicidad|aviso\s+legal|suscr\u00edbete|cerca
    |condividi|stampa|commenti|pubblicit\u00e0|in\u00edcio|compartilhar|coment\u00e1rios|publicidade
    |delen|reacties|advertentie|zoeken|inloggen|antworten|weiterlesen|abonnieren|kommentieren
    |responder|leer\s+m\u00e1s|ver\s+m\u00e1s|iniciar\s+sesi\u00f3n|r\u00e9pondre|lire\s+la\s+suite
    |rispondi|accedi|leia\s+mais|reageer|lees\s+meer
    # Polish
    |strona\s+g\u0142\u00f3wna|szukaj|zaloguj(?:\s+si\u0119)?|wyloguj|drukuj|udost\u0119pnij
    |podziel\s+si\u0119|komentarze|skomentuj|reklama|wi\u0119cej|czytaj\s+wi\u0119cej|odpowiedz)
    """
)
# Furniture recognisable anywhere in a line of any length (legal footers, cookie notices).
_FURNITURE_PHRASE = re.compile(
    r"""(?ix)
    (?:^|\W)(?:©|\(c\)\s*(?:19|20)\d\d|copyright\s+(?:©\s*)?(?:19|20)\d\d|all\s+rights\s+reserved
    |alle\s+rechte\s+vorbehalten|tous\s+droits\s+r\u00e9serv\u00e9s|todos\s+los\s+derechos\s+reservados
    |tutti\s+i\s+diritti\s+riservati|todos\s+os\s+direitos\s+reservados
    |(?:verwenden|nutzen|utilisons|utilise|utilizamos|usamos|utilizziamo|gebruiken)\s+(?:des\s+|i\s+)?cookies?
    |undesirable\s+organi[sz]ation|(?:we|this\s+(?:site|website))\s+uses?\s+cookies
    |by\s+continuing\s+to\s+(?:use|browse)|cookie\s+(?:policy|settings|preferences|consent)
    |accept\s+(?:all\s+)?cookies|sign\s+up\s+(?:for|to)\s+(?:our|the)\s+\w*\s*newsletter
    |subscribe\s+to\s+(?:our|the)\s+\w*\s*newsletter|(?:enable|requires?|turn\s+on)\s+javascript
    |javascript\s+(?:is\s+)?(?:disabled|required)|your\s+browser\s+(?:does\s+not|doesn't)\s+support
    |(?:may|must)\s+not\s+be\s+(?:published|reproduced|copied),?\s+(?:broadcast|rewritten|redistributed)
    |this\s+article\s+is\s+more\s+than\s+\d+\s+\w+\s+old|comments\s+are\s+closed
    |cookies?\b.{0,200}\b(?:consent|partners|privacy|settings|preferences)
    |(?:consent|partners|privacy)\b.{0,200}\bcookies?\b|story\s+continues\s+below
    |continue\s+reading\s+the\s+main\s+story|free\s+articles?\s+(?:left|remaining|this\s+month)
    |(?:reached|used)\s+your\s+(?:free\s+)?(?:article|story)\s+limit|to\s+your\s+inbox)
    """
)
# Furniture phrases that an article could also use: only on short lines.
_SHORT_FURNITURE_PHRASE = re.compile(
    r"""(?ix)
    (?:^|\W)(?:click\s+here|download\s+(?:our|the)\s+app|follow\s+us\s+on|terms\s+of\s+(?:use|service)
    |privacy\s+policy|newsletter\s+sign[\s-]?up|already\s+a\s+subscriber|subscribe\s+now
    |log\s+in\s+to\s+comment|report\s+(?:a\s+)?(?:typo|error)|we\s+(?:welcome|value)\s+your\s+(?:comments|feedback)
    |share\s+(?:on|via)\s+\w+|subscribe\s+to\s+(?:continue|read|get|unlock)|to\s+continue\s+reading
    |sign\s+in\s+to\s+comment|commenting\s+(?:is|has\s+been)\s+(?:closed|disabled)|paid\s+content
    |partner\s+content|promoted\s+content)
    |^(?:read\s+more|see\s+also|also\s+read|related|more|recommended|watch|listen)\s*:
    """
)
# Headers after which the article is over: the rest of the page is lists, comments and footers.
_STOP_LINE = re.compile(
    r"""(?ix)
    (?:more\s+(?:stories|news|from|on|in|about|top\s+stories|headlines|videos|articles)(?:\s+.*)?
    |related(?:\s+(?:stories|articles|content|news|coverage|links|topics|posts|reading|video|videos))?
    |(?:most|the\s+most)\s+(?:popular|read|viewed|shared|commented|emailed|watched)(?:\s+.*)?
    |(?:you|we\s+think\s+you)\s+(?:may|might|could)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in).*
    |recommended(?:\s+(?:for\s+you|stories|articles|reading))?|trending(?:\s+\w+)?|top\s+stories
    |(?:\d+\s+)?comments?(?:\s*\(\d+\))?|leave\s+a\s+(?:comment|reply)|post\s+a\s+comment|join\s+the\s+discussion
    |(?:\d+|one|two|three|four|five)\s+(?:responses?|repl(?:y|ies)|thoughts?)(?:\s+(?:to|on)\s+.*)?
    |(?:next|previous|prev)\s+(?:article|story|post)
    |(?:tags?|topics|filed\s+under|categories)(?:\s*:.*)?|about\s+the\s+author|more\s+>|editor'?s\s+picks?
    |(?:show|view|read|add\s+your|\d+)\s+comments?|join\s+the\s+conversation|sign\s+in\s+to\s+comment
    |what\s+to\s+read\s+next|read\s+next|up\s+next|latest(?:\s+(?:news|stories|headlines))?|don't\s+miss
    |in\s+(?:other|case\s+you\s+missed)\s+.*|popular\s+(?:stories|now|posts)|sponsored\s+(?:stories|links)
    |around\s+the\s+web|from\s+around\s+the\s+web|promoted\s+stories|top\s+of\s+(?:the\s+)?page
    |mehr\s+zum\s+thema|lesen\s+sie\s+auch|weitere\s+artikel|\u00e4hnliche\s+artikel|das\s+k\u00f6nnte\s+sie.*
    |(?:\u00e0\s+)?lire\s+aussi|sur\s+le\s+m\u00eame\s+sujet|articles?\s+similaires|les\s+plus\s+lus
    |te\s+puede\s+interesar|noticias\s+relacionadas|lo\s+m\u00e1s\s+le\u00eddo|leggi\s+anche
    |articoli\s+correlati|i\s+pi\u00f9\s+letti|leia\s+tamb\u00e9m|not\u00edcias\s+relacionadas
    |mais\s+lidas|lees\s+ook|meest\s+gelezen|kommentare|commentaires|comentarios|commenti
    |coment\u00e1rios|reacties|das\s+k\u00f6nnte\s+(?:dich|euch)\s+.*|\u00e4hnliche\s+beitr\u00e4ge
    |(?:schreibe\s+einen|kommentar\s+schreiben).*|deja\s+(?:un|tu)\s+comentario|art\u00edculos\s+relacionados
    |laisser\s+un\s+commentaire|vous\s+aimerez\s+aussi|lascia\s+un\s+commento|deixe\s+um\s+coment\u00e1rio
    |zobacz\s+(?:te\u017c|tak\u017ce|r\u00f3wnie\u017c)(?:\s+.*)?|czytaj\s+(?:te\u017c|tak\u017ce|r\u00f3wnie\u017c)(?:\s+.*)?
    |polecane|powi\u0105zane(?:\s+\w+)?|najcz\u0119\u015bciej\s+czytane|dodaj\s+komentarz|komentarze|skomentuj)
    """
)
# Cheap substring tests that must pass before the phrase patterns above are searched.
_PHRASE_WORDS = (
    "©", "(c)", "copyright", "rights reserved", "undesirable", "cookie", "continuing to", "rechte",
    "droits", "derechos", "diritti", "direitos",
    "javascript", "browser", "not be", "more than", "comments are closed", "continue",
    "free article", "limit", "inbox", "newsletter",
)  # fmt: skip
_SHORT_PHRASE_WORDS = (
    "click here", "app", "follow us", "terms of", "privacy", "newsletter", "subscri", "log in",
    "report", "welcome your", "value your", "share on", "share via", ":", "continue", "comment",
    "content",
)  # fmt: skip
_LINK_MARKS = ("http", "www.", "@", "|", "»", "›", ">")
_HARD_STOP = re.compile(
    r"(?:\d+\s+|show\s+|view\s+|read\s+|add\s+your\s+)?comments?\b|leave\s+a\s+|post\s+a\s+comment"
    r"|(?:\d+|one|two|three|four|five)\s+(?:responses?|repl(?:y|ies)|thoughts?)\b"
    r"|(?:next|previous|prev)\s+(?:article|story)\b"
    r"|join\s+the\s+(?:discussion|conversation)|sign\s+in\s+to\s+comment|about\s+the\s+author"
    r"|tags?\b|topics\b|filed\s+under|categories\b"
    r"|kommentare|commentaires|comentarios|commenti|coment\u00e1rios|reacties|komentarze|skomentuj"
    r"|schreibe\s+einen\s+kommentar|deja\s+un\s+comentario|laisser\s+un\s+commentaire"
    r"|dodaj\s+komentarz|lascia\s+un\s+commento|deixe\s+um\s+coment\u00e1rio"
)
_LEADING_BULLETS = " •·*-–—>|»›▶►"
_TRAILING_MARKS = " .:;,!|>»›→…"
_WORD_RUN = re.compile(r"\w+")
_LINKLIKE = re.compile(r"(?:https?://|www\.|\S+@\S+\.\w+|\s[|»›>]\s|\s>>|^>>)")
_DIGITS = re.compile(r"\d+")
_HAS_DIGIT = re.compile(r"\d")
_COPYRIGHT_YEAR = re.compile(r"(?:copyright|\(c\))\s+(?:19|20)\d\d")


def furniture_key(line: str) -> str:
    """A line reduced for pattern matching: lower-case, no bullets or trailing punctuation."""
    return line.strip(_LEADING_BULLETS).rstrip(_TRAILING_MARKS).lower()


def is_furniture_line(line: str, words: int) -> bool:
    """Single-page rule: navigation, share bars, labels, cookie, legal and subscription lines."""
    if words > 60:
        return False
    if words <= 6 and _FURNITURE_LINE.fullmatch(furniture_key(line)):
        return True
    lower = line.lower()
    if _contains_any(lower, _PHRASE_WORDS) and _FURNITURE_PHRASE.search(line):
        return True
    if words > 14:
        return False
    if _contains_any(lower, _SHORT_PHRASE_WORDS) and _SHORT_FURNITURE_PHRASE.search(line):
        return True
    return _contains_any(lower, _LINK_MARKS) and _LINKLIKE.search(line) is not None


def _contains_any(text: str, parts: tuple[str, ...]) -> bool:
    # a plain loop: any() over a generator costs more than the substring tests themselves
    for part in parts:  # noqa: SIM110
        if part in text:
            return True
    return False


def is_stop_line(line: str, words: int) -> bool:
    """A header after which the article is over ("More Stories", "Related", "Comments", ...)."""
    return words <= 8 and _STOP_LINE.fullmatch(furniture_key(line)) is not None


def is_hard_stop(line: str) -> bool:
    """An end marker after which nothing is article: comments, tags, author box, legal lines."""
    return _HARD_STOP.match(furniture_key(line)) is not None or is_legal_notice(line)


def is_legal_notice(line: str) -> bool:
    """A copyright line: the article (and usually the page) is over."""
    lower = line.lower()
    return (
        "©" in lower or "all rights reserved" in lower or _COPYRIGHT_YEAR.search(lower) is not None
    )


def site_of_url(url: str) -> str:
    """The host of a URL without "www." ("" when there is none)."""
    if not url or "//" not in url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _line_hash(line: str) -> int:
    """A stable 64-bit hash of a (whitespace-collapsed) line, ignoring case and digits."""
    key = line[:200].lower()
    if len(key) <= 80 and _HAS_DIGIT.search(key):  # "Updated 5 mins ago", "© 2016 ABC"
        key = _DIGITS.sub("0", key)
    data = key.encode("utf-8", "replace")
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


_HASHES: dict[str, int] = {}  # line -> _line_hash (sites repeat their furniture on every page)
_HASH_CACHE_SIZE = 50_000


class FurnitureModel:
    """Lines that recur across many pages of one site: navigation, promos, footers.

    Counts, per site, how many pages hold each (normalised, hashed) line. Bounded in size: when a
    site holds too many distinct lines the ones seen once are pruned (furniture recurs, so it
    survives). Picklable and JSON-serialisable (`to_dict`/`from_dict`).
    """

    MIN_PAGES = 3  # a line on fewer pages than this is never furniture by recurrence alone
    MAX_LINES_PER_SITE = 10_000
    MAX_LINES_TOTAL = 100_000  # about 2 MB pickled: the model travels to worker processes
    MAX_LINE_CHARS = 400  # longer lines are article text: never counted, never furniture

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        self.counts: dict[str, dict[int, int]] = {}
        self._total = 0

    @staticmethod
    def site_of(page: Page) -> str:
        """The site a page belongs to: its URL's host, else its dump."""
        return site_of_url(page.url) or page.dump

    def observe(self, page: Page) -> None:
        """Count the distinct lines of one page (not of records that are already articles)."""
        if page.title:
            return
        site = self.site_of(page)
        seen: set[int] = set()
        for raw in page.text.splitlines():
            if raw and len(raw) <= self.MAX_LINE_CHARS:
                line = " ".join(raw.split())
                if line:
                    seen.add(_line_hash(line))
        counts = self.counts.setdefault(site, {})
        self.pages[site] = self.pages.get(site, 0) + 1
        before = len(counts)
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
        self._total += len(counts) - before
        if len(counts) > self.MAX_LINES_PER_SITE:
            self._prune(site)
        if self._total > self.MAX_LINES_TOTAL:
            for name in list(self.counts):
                self._prune(name)

    def _prune(self, site: str) -> None:
        counts = self.counts[site]
        before = len(counts)
        floor = 1
        while len(counts) > self.MAX_LINES_PER_SITE // 2 and floor < 1_000_000:
            counts = {key: n for key, n in counts.items() if n > floor}
            floor *= 2
        self.counts[site] = counts
        self._total -= before - len(counts)

    def recurrence(self, site: str, line: str) -> int:
        """On how many pages of the site the line was seen."""
        counts = self.counts.get(site)
        if not counts:
            return 0
        return counts.get(_line_hash(" ".join(line.split())), 0)

    def furniture_flags(self, site: str, lines: list[str]) -> list[bool]:
        """`is_furniture` of each of a page's (whitespace-collapsed) lines, in one pass."""
        pages = self.pages.get(site, 0)
        counts = self.counts.get(site)
        if pages < self.MIN_PAGES or not counts:
            return [False] * len(lines)
        short_floor = max(self.MIN_PAGES, 0.02 * pages)
        long_floor = max(5, 0.3 * pages) if pages >= 5 else math.inf
        flags: list[bool] = []
        for line in lines:
            size = len(line)
            if size > self.MAX_LINE_CHARS:
                flags.append(False)
                continue
            hashed = _HASHES.get(line)
            if hashed is None:
                if len(_HASHES) >= _HASH_CACHE_SIZE:
                    _HASHES.clear()
                hashed = _HASHES[line] = _line_hash(line)
            flags.append(counts.get(hashed, 0) >= (long_floor if size > 150 else short_floor))
        return flags

    def is_furniture(self, site: str, line: str) -> bool:
        """True when the line recurs on enough of the site's pages to be furniture.

        Long prose lines (an article crawled several times) need much more evidence than short ones.
        """
        pages = self.pages.get(site, 0)
        if pages < self.MIN_PAGES or len(line) > self.MAX_LINE_CHARS:
            return False
        if len(line) > 150 and pages < 5:
            return False
        count = self.recurrence(site, line)
        if count < self.MIN_PAGES:
            return False
        if len(line) > 150:
            return count >= max(5, 0.3 * pages)
        return count >= max(self.MIN_PAGES, 0.02 * pages)

    def to_dict(self) -> dict:
        """JSON-serialisable form."""
        return {
            "version": 1,
            "sites": {
                site: {
                    "pages": self.pages.get(site, 0),
                    "lines": {f"{k:x}": n for k, n in c.items()},
                }
                for site, c in self.counts.items()
            },
        }

    @classmethod
    def from_dict(cls, data: dict) -> FurnitureModel:
        """Inverse of `to_dict` (unknown or malformed parts are ignored)."""
        model = cls()
        sites = data.get("sites", {}) if isinstance(data, dict) else {}
        for site, entry in sites.items():
            try:
                lines = {int(k, 16): int(n) for k, n in entry.get("lines", {}).items()}
                model.pages[str(site)] = int(entry.get("pages", 0))
            except (AttributeError, TypeError, ValueError):
                continue
            model.counts[str(site)] = lines
            model._total += len(lines)
        return model

    def __getstate__(self) -> dict:
        return {"pages": self.pages, "counts": self.counts}

    def __setstate__(self, state: dict) -> None:
        self.pages = state["pages"]
        self.counts = state["counts"]
        self._total = sum(len(c) for c in self.counts.values())
