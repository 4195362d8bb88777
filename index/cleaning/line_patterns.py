"""The learned line classifier's furniture families: one pattern each, and the words it needs."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

# Families of furniture, in the languages of the held-out pages (German, English, Spanish, French,
# Polish, Italian, Portuguese, Dutch) and Chinese/Japanese where short. Written from the general
# shape of site templates (comment systems, newsletter boxes, related-story blocks, share bars, tag
# lists, author boxes); each is one feature whose weight the training learns.
_PATTERNS = {
    "comment": r"(?i)\b(?:says|said|wrote|schrieb|napisał\w*|dice|escribió|a\s+écrit|dit)\s*:\s*$"
    r"|^(?:reply|antworten|beantworten|responder|répondre|odpowiedz|rispondi|reageer|回复|返信)\b"
    r"|(?i:leave\s+a\s+(?:comment|reply)|post\s+a\s+comment|write\s+a\s+comment|\d+\s+comments?"
    r"|kommentar\w*|comentari\w*|commentaire\w*|komentarz\w*|skomentuj|commenti|reacties"
    r"|log\s+in\s+to\s+reply|report\s+abuse|responses?\s+to|thoughts?\s+on|评论|コメント)",
    "related": r"(?i)related|you\s+may\s+(?:also\s+)?like|might\s+also|recommended|read\s+more"
    r"|read\s+next|more\s+(?:stories|news|from)|most\s+(?:read|popular|viewed)|trending|das\s+könnte"
    r"|auch\s+interessier|lesen\s+sie\s+auch|mehr\s+zum\s+thema|weitere\s+(?:artikel|themen)"
    r"|te\s+puede\s+interesar|le\s+puede\s+interesar|lee\s+también|\bmira:|relacionad|lo\s+más"
    r"|lire\s+aussi|à\s+lire|sur\s+le\s+même\s+sujet|les\s+plus\s+lus|zobacz\s+(?:też|także)"
    r"|czytaj\s+(?:też|także|więcej)|polecamy|najczęściej|leggi\s+anche|leia\s+também|相关|関連",
    "newsletter": r"(?i)newsletter|subscribe|abonn|suscr[ií]b|zapisz\s+się|prenumer|iscriviti"
    r"|sign\s+up|anmelden|registr|log\s*in|einloggen|connexion|iniciar\s+sesión|zaloguj|訂閱|登録",
    "share": r"(?i)\bshare\b|teilen|compartir|partager|udostępnij|podziel\s+się|condividi"
    r"|facebook|twitter|whatsapp|pinterest|linkedin|telegram|e-?mail|drucken|imprimir|print",
    "tags": r"(?i)^(?:tags?|schlagw\w*|stichw\w*|themen|etiquetas|temas|mots[-\s]clés|tagi"
    r"|kategori\w*|categor\w*|filed\s+under|posted\s+in|topics|this\s+entry\s+was\s+posted)\b",
    "author": r"(?i)about\s+the\s+author|über\s+(?:den|die)\s+autor|sobre\s+el\s+autor"
    r"|propos\s+de\s+l'auteur|o\s+autorze|all\s+posts\s+by|view\s+all\s+posts|autor:|author:"
    r"|\bby\s+[A-Z]|\bvon\s+[A-Z]|\bpor\s+[A-Z]|\bpar\s+[A-Z]",
    "promo": r"(?i)zum\s+angebot|jetzt\s+kaufen|buy\s+now|shop\s+now|\bdeal\b|gutschein|rabatt"
    r"|oferta|promo|anzeige|werbung|advert|sponsored|publicidad|publicité|reklama|cookie"
    r"|datenschutz|privacy|impressum|rights\s+reserved|©",
    "caption": r"(?i)^(?:foto|photo|bild|image|fot\.|zdjęcie|imagen|getty|credit)\b|\(foto|/dpa\b"
    r"|\bafp\b|reuters\s*/|/ap\b|getty\s+images",
    "time_ago": r"(?i)\b(?:ago|vor\s+\d+|hace\s+\d+|il\s+y\s+a|temu|fa\s+\d+|updated|aktualisiert"
    r"|actualizado|mis\s+à\s+jour|zaktualizowano|published|veröffentlicht|publicado|publié)\b",
    "online": r"(?i)\bonline\b|besucher|visitors|users?\b|mitglieder|members|usuarios|utilisateurs",
}


# Words of which every match of a family's pattern holds one (in the lower-cased line, whose only
# whitespace is single spaces): a line with none of them is not searched.
_WORDS = {
    "comment": (":", "reply", "antworten", "responder", "répondre", "odpowiedz", "rispondi",
                "reageer", "回复", "返信", "leave", "comment", "kommentar", "comentari",
                "komentarz", "skomentuj", "reacties", "log", "report", "respons", "thought",
                "评论", "コメント"),
    "related": ("related", "you", "might", "recommended", "read", "more", "most", "trending",
                "könnte", "interessier", "lesen", "mehr", "weitere", "puede", "también", "mira:",
                "relacionad", "más", "lire", "même", "plus", "zobacz", "czytaj", "polecamy",
                "najczęściej", "leggi", "também", "相关", "関連"),
    "newsletter": ("newsletter", "subscribe", "abonn", "suscr", "zapisz", "prenumer", "iscriviti",
                   "sign", "anmelden", "registr", "log", "einloggen", "connexion", "iniciar",
                   "zaloguj", "訂閱", "登録"),
    "share": ("share", "teilen", "compartir", "partager", "udostępnij", "podziel", "condividi",
              "facebook", "twitter", "whatsapp", "pinterest", "linkedin", "telegram", "mail",
              "drucken", "imprimir", "print"),
    "tags": ("",),  # anchored at the line's start: cheap as it is
    "author": ("author", "autor", "auteur", "posts", "by", "von", "por", "par"),
    "promo": ("angebot", "kaufen", "buy", "shop", "deal", "gutschein", "rabatt", "oferta", "promo",
              "anzeige", "werbung", "advert", "sponsored", "publicidad", "publicité", "reklama",
              "cookie", "datenschutz", "privacy", "impressum", "rights", "©"),
    "caption": ("fot", "photo", "bild", "image", "zdjęcie", "getty", "credit", "dpa", "afp",
                "reuters", "/ap"),
    "time_ago": ("ago", "vor ", "hace ", "il y", "temu", "fa ", "updated", "aktualisiert",
                 "actualizado", "mis ", "zaktualizowano", "published", "veröffentlicht",
                 "publicado", "publié"),
    "online": ("online", "besucher", "visitors", "user", "mitglieder", "members", "usuarios",
               "utilisateurs"),
}  # fmt: skip


def _lowered(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern as a case-sensitive one for lower-cased text (three times
    faster in `re` than IGNORECASE, same matches)."""
    return re.compile(pattern.replace("(?i:", "(?:").replace("(?i)", "").replace("[A-Z]", "[a-z]"))


PATTERNS = [(name, _WORDS[name], _lowered(pattern)) for name, pattern in _PATTERNS.items()]


def family_gates(lowers: list[str]) -> list[list[bool]]:
    """For each lower-cased line, whether it holds one of each family's words: what
    `any(map(line.__contains__, words))` says, found by one scan per word of the lines joined
    (a word holds no newline, so each find is inside one line) instead of one per line and word."""
    joined = "\n".join(lowers)
    ends = list(accumulate(len(line) + 1 for line in lowers))  # where each next line starts
    gates = [[False] * len(PATTERNS) for _ in lowers]
    find = joined.find
    for family, (_, words, _) in enumerate(PATTERNS):
        if "" in words:  # in every line
            for gate in gates:
                gate[family] = True
            continue
        for word in words:
            at = find(word)
            while at >= 0:
                line = bisect_right(ends, at)
                gates[line][family] = True
                at = find(word, ends[line])  # on from the next line
    return gates
