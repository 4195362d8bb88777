"""Name resolution in one story: the surname or given name of a person named in full is that person.

"Major" after (or before) "John Major" is John Major, whatever the chunk rules made of it alone (a
common word, a place: "Jordan" after "Bill Jordan") or missed ("Major told reporters"). Every
mention of a person then carries the full name, so the story's sidebar has one entry per person
and the index holds the full name for every form.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from index.entities import lexicon as lex
from index.entities.chunks import is_sentence_start
from index.entities.gazetteer import lookup_place
from index.entities.shapes import Mention

GENERATIONS = frozenset({"Jr", "Sr", "II", "III", "IV"})
NICKNAMES = {
    "Bill": "William", "Will": "William", "Billy": "William", "Bob": "Robert", "Rob": "Robert",
    "Bobby": "Robert", "Jim": "James", "Jimmy": "James", "Tom": "Thomas", "Tommy": "Thomas",
    "Dick": "Richard", "Rick": "Richard", "Mike": "Michael", "Dave": "David", "Joe": "Joseph",
    "Ted": "Edward", "Ed": "Edward", "Ken": "Kenneth", "Tony": "Anthony", "Andy": "Andrew",
    "Chris": "Christopher", "Dan": "Daniel", "Danny": "Daniel", "Pete": "Peter",
    "Steve": "Steven", "Jerry": "Gerald", "Larry": "Lawrence", "Sam": "Samuel", "Ron": "Ronald",
    "Don": "Donald", "Fred": "Frederick", "Hank": "Henry", "Harry": "Henry", "Charlie": "Charles",
    "Chuck": "Charles", "Nick": "Nicholas", "Pat": "Patrick", "Phil": "Philip", "Matt": "Matthew",
    "Greg": "Gregory", "Jeff": "Jeffrey", "Tim": "Timothy", "Liz": "Elizabeth", "Sue": "Susan",
    "Maggie": "Margaret", "Peggy": "Margaret", "Alex": "Alexander", "Vlad": "Vladimir",
}  # fmt: skip
# a short form in the text counts only as a whole chunk: not inside "Major League" or "Bill Jordan"
NEXT_CAPITALISED_RE = re.compile(r" (?:of |de |van |von )?[A-Z]")
PREVIOUS_CAPITALISED_RE = re.compile(r"[A-Z][\w.'’-]* $")
# a common word opening a sentence ("Major told ..."): a name only before a verb of speech or "'s"
CUED_AFTER_RE = re.compile(
    r"(?: ?['’]s\b|,| (?:said|says|told|added|asked|warned|denied|replied|agreed|insisted"
    r"|admitted|argued|claimed|urged|hit|scored|won|lost|beat|finished|took|made|had|has|is|was"
    r"|will|would|did|does|wins|backs|faces|urges|vows|seeks|calls|rejects|defends|meets|plans"
    r"|attacks|warns|says|sees|sets|to|quits|resigns|denies|admits|agrees|launches|names)\b)"
)


def resolve_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """Give the short forms of the story's full names (found or not yet) the full person."""
    full = [m for m in mentions if m.kind == "person" and " " in m.name and m.name[:1].isupper()]
    if not full:
        return mentions
    _merge_variants(full)
    split = _places_then_surnames(full)  # "meeting in Atlanta Duffy said"
    if split:
        mentions = mentions + split
        full = [m for m in full if m.kind == "person"]
    forms = _short_forms(full, mentions)
    if not forms:
        return mentions
    for mention in mentions:
        found = forms.get(mention.surface)
        if found is None:
            continue
        given_only, owners = found
        if mention.kind == "person" and any(name == mention.name for _, name in owners):
            continue  # the full name itself
        if mention.kind != "person" and given_only:
            place = lookup_place(mention.surface) if mention.kind == "place" else None
            if mention.kind == "org" or (place is not None and place.level == "country"):
                continue  # "Israel" the country beside "Israel Singer"
        mention.kind, mention.name = "person", _nearest(owners, mention.start)
    return mentions + _unfound_forms(text, mentions, forms)


def _merge_variants(full: list[Mention]) -> None:
    """ "Tom Hockin" and "Thomas Hockin", "Martin Ackerman" and "Martin S. Ackerman": the one
    person, named as first written."""
    first_named: dict[tuple[str, str], str] = {}
    for mention in full:
        words = mention.name.split()
        given = NICKNAMES.get(words[0], words[0])
        key = (given, words[-1])
        name = first_named.setdefault(key, mention.name)
        if name != mention.name and len(mention.name) > len(name) and "." in mention.name:
            first_named[key] = name = mention.name  # the form with the middle initial
    renamed = {}
    for mention in full:
        words = mention.name.split()
        name = first_named[(NICKNAMES.get(words[0], words[0]), words[-1])]
        if name != mention.name:
            renamed[mention.name] = name
    for mention in full:
        mention.name = renamed.get(mention.name, mention.name)


def _places_then_surnames(full: list[Mention]) -> list[Mention]:
    """A town run into the surname of another person of the story: the place, then the person
    (the mention becomes the place; the people are returned)."""
    surnames = {m.name.split()[-1]: m.name for m in sorted(full, key=lambda m: m.name.count(" "))}
    found: list[Mention] = []
    for mention in full:
        if mention.surface.count(" ") != 1:
            continue
        first, second = mention.surface.split(" ")
        owner = surnames.get(second)
        place = lookup_place(first)
        if owner is None or owner == mention.name or place is None:
            continue
        start = mention.start + len(first) + 1
        found.append(Mention(start, mention.end, "person", owner, second))
        mention.end, mention.surface = mention.start + len(first), first
        mention.kind, mention.name = "place", place.name
    return found


def _short_forms(
    full: list[Mention], mentions: list[Mention]
) -> dict[str, tuple[bool, list[tuple[int, str]]]]:
    """Surface form -> (a given name only?, [(position, full name)...]) of the story's people."""
    org_words = {m.name.split()[0] for m in mentions if m.kind == "org" and " " in m.name}
    forms: dict[str, tuple[bool, list[tuple[int, str]]]] = {}
    for mention in full:
        written = mention.name.split()
        while len(written) > 2 and written[-1].rstrip(".,") in GENERATIONS:
            written = written[:-1]  # "John Johnstone Jr" is Johnstone
        words = [w for w in written if w not in lex.NAME_PARTICLES]
        if len(words) < 2 or len(words) > 4:
            continue
        candidates = [(words[-1], False)]
        particle = next((i for i, w in enumerate(written[1:], 1) if w in lex.NAME_PARTICLES), 0)
        if particle and written[-1] not in lex.NAME_PARTICLES:
            tail = " ".join(written[particle:])  # "van der Vorm", opening a sentence "Van der Vorm"
            candidates += [(tail, False), (tail[0].upper() + tail[1:], False)]
        if len(words) > 2:
            candidates.append((" ".join(words[-2:]), False))  # "Fogh Rasmussen"
        candidates.append((words[0], True))
        for form, given in candidates:
            if not _usable(form, given) or form in org_words:
                continue
            entry = forms.setdefault(form, (given, []))
            if not given and entry[0]:  # a surname of one person beats a given name of another
                entry = forms[form] = (False, entry[1])
            entry[1].append((mention.start, mention.name))
    for _given, owners in forms.values():
        owners.sort()
    return forms


def _usable(form: str, given: bool) -> bool:
    return (
        (len(form) > 2 or (given and len(form) == 2 and form[1].islower()))  # "Li" of "Li Peng"
        and (form[:1].isupper() or " " in form)
        and not form.isupper()
        and form not in lex.NEVER_ALONE
        and form not in lex.HONORIFICS
        and form not in lex.ROLE_HEADS
        and form not in lex.demonyms()
        and not (given and (form in lex.GIVEN_AND_WORD or form.lower() in lex.common_words()))
    )


def _nearest(owners: list[tuple[int, str]], position: int) -> str:
    """The full name last written before `position`, else the first one after it."""
    at = bisect_right(owners, (position, "\uffff"))
    return owners[at - 1][1] if at else owners[0][1]


def _unfound_forms(
    text: str, mentions: list[Mention], forms: dict[str, tuple[bool, list[tuple[int, str]]]]
) -> list[Mention]:
    """Short forms the chunk rules dropped ("Major told reporters", "Mills denied it")."""
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [s for s, _ in taken]
    found: list[Mention] = []
    ordered = sorted(forms, key=len, reverse=True)
    if len(ordered) > 40:  # a long page of names: one pass of one pattern, not one per name
        pattern = re.compile("|".join(map(re.escape, ordered)))
        spans = [m.span() for m in pattern.finditer(text)]
    else:  # the usual story: a few names, each found by str.find
        spans = []
        for form in ordered:
            start = text.find(form)
            while start >= 0:
                spans.append((start, start + len(form)))
                start = text.find(form, start + len(form))
    for start, end in spans:
        if _free(text, start, end, taken, starts):
            form = text[start:end]
            found.append(Mention(start, end, "person", form, form))
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda m: m.start):
        start, end, form = mention.start, mention.end, mention.surface
        if kept and kept[-1].end > start:
            continue  # inside a longer form found first ("van der Vorm" in "Van der Vorm")
        if NEXT_CAPITALISED_RE.match(text, end) or PREVIOUS_CAPITALISED_RE.search(
            text, max(0, start - 30), start
        ):
            continue  # part of a longer name ("Major League", "Prime Minister Major" is fine)
        if (
            form.lower() in lex.common_words()
            and is_sentence_start(text, start)
            and not CUED_AFTER_RE.match(text, end)
        ):
            continue  # "Major companies ..." opening a sentence
        mention.name = _nearest(forms[form][1], start)
        kept.append(mention)
    return kept


def _free(text: str, start: int, end: int, taken: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether text[start:end] is a whole word outside every mention made so far."""
    before = text[start - 1 : start]
    after = text[end : end + 2]
    if (before and (before.isalnum() or before in "'’.-_")) or (
        after[:1] and (after[:1].isalnum() or after[:1] in "’-_")
    ):
        return False
    if after[:1] == "'" and after[1:2] != "s":
        return False
    at = bisect_right(starts, start)
    return not ((at and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < end))
