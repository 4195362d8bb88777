"""Word lists for entity extraction: given names, common words, roles, organisation words.

The large lists live in `index/entities/data/` and are read once per process, lazily (so worker
processes that never extract entities never pay for them); the short curated ones are here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")

MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
}  # fmt: skip
WEEKDAYS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon", "Tue",
    "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
}  # fmt: skip
# Capitalised words that are never an entity on their own.
NEVER_ALONE = MONTHS | WEEKDAYS | {
    "I", "OK", "TV", "AM", "PM", "GMT", "EST", "EDT", "BST", "CET", "UTC", "CEO", "CFO", "COO",
    "GDP", "GNP", "CPI", "PPI", "VAT", "AIDS", "HIV", "DNA", "PC", "CD", "CDs", "DVD", "USD",
    "EUR", "LIVE", "BLOG", "Breaking", "News", "Accessibility", "Image", "Video", "Photo",
    "Reuter", "REUTER", "REUTERS", "Christmas", "Easter", "Ramadan", "God", "Internet", "Web",
    "Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady", "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd",
    "Plc", "PLC", "LLC", "Group", "Bank", "Party", "Ministry", "Council", "Union", "Court",
    "Government", "State", "States", "City", "Street", "Republic", "Kingdom", "Federal",
    "National", "International", "Central", "North", "South", "East", "West", "Northern",
    "Southern", "Eastern", "Western", "New", "Old", "Great", "Greater", "Upper", "Lower",
    "Chief", "Prime", "Minister", "President", "Secretary", "Vice", "Deputy", "Acting",
    "Former", "Crisis", "War", "Cup", "Olympics", "Games", "Championship", "Open", "Prize",
    "Award", "Act", "Bill", "Law", "Treaty", "Accord", "Agreement", "Summit", "Conference",
    "Q1", "Q2", "Q3", "Q4", "H1", "H2", "FY", "EPS", "NIL", "NO", "YES", "PCT", "CTS", "DLRS",
    "MLN", "BLN", "VS", "QTR", "SHR", "NET", "REVS", "OPER", "AVG", "SHRS", "OTC", "LTD", "CORP",
    "INC", "CO", "NV", "AG", "SA", "SpA", "AB", "ASA", "GmbH", "BV", "Cos", "A/S", "Oy", "Oyj",
    "KK", "UPDATE", "CORRECTED", "URGENT", "FLASH", "WRAPUP", "ET",
}  # fmt: skip
# Honorifics: the next capitalised words are a person.
HONORIFICS = {
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof", "Prof.", "Professor", "Sir",
    "Dame", "Lord", "Lady", "Rev", "Rev.", "Reverend", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.",
    "Col.", "Maj.", "Capt.", "Sgt.", "Adm.", "Cmdr.", "Mme", "Mme.", "Herr", "Monsieur",
    "Madame", "Senora", "Señor", "Signor",
}  # fmt: skip
# Role words: "NATO Secretary-General Anders Fogh Rasmussen", "Finance Minister X".
ROLE_HEADS = {
    "President", "Vice-President", "Premier", "Chancellor", "Minister", "Secretary",
    "Secretary-General", "Secretary-general", "Undersecretary", "Under-Secretary",
    "Commissioner", "King", "Queen", "Prince", "Princess", "Crown", "Emperor", "Empress",
    "Pope", "Sheikh", "Sheik", "Emir", "Ayatollah", "Imam", "Cardinal", "Bishop", "Archbishop",
    "Rabbi", "Senator", "Congressman", "Congresswoman", "Assemblyman", "Governor", "Mayor",
    "Ambassador", "Envoy", "Consul", "General", "Admiral", "Colonel", "Captain", "Commander",
    "Lieutenant", "Sergeant", "Marshal", "Brigadier", "Judge", "Justice", "Magistrate",
    "Prosecutor", "Attorney", "Attorney-General", "Chairman", "Chairwoman", "Chairperson",
    "Chair", "Director", "Director-General", "Spokesman", "Spokeswoman", "Spokesperson",
    "Treasurer", "Governor-General", "Leader", "Speaker", "Coach", "Manager", "Striker",
    "Goalkeeper", "Midfielder", "Defender", "Officer", "Inspector", "Superintendent",
    "Detective", "Chief", "Executive", "CEO", "Analyst", "Economist", "Editor", "Correspondent",
    "Dictator", "Patriarch", "Metropolitan", "Chancellor-elect", "President-elect", "Dean",
    "Rector", "Counsel", "Comptroller", "Auditor", "Administrator", "Negotiator", "Mediator",
    "Representative", "Delegate", "Deputy", "Premier-elect", "Sultan", "Mullah", "Father",
    "Sister", "Brother", "Saint", "MP", "MEP", "Kanzler", "Bundeskanzler", "Kanzlerin",
    "Präsident", "Präsidentin", "Président", "Présidente", "Presidente", "Ministre", "Ministro",
    "Ministra", "Ministerin", "Premierminister", "Ministerpräsident", "Bürgermeister",
}  # fmt: skip
ROLE_MODIFIERS = {
    "Vice", "Deputy", "Prime", "Acting", "Former", "Foreign", "Defense", "Defence", "Finance",
    "Interior", "Trade", "Economy", "Economic", "Economics", "Energy", "Oil", "Agriculture",
    "Labor", "Labour", "Health", "Education", "Environment", "Transport", "Transportation",
    "Commerce", "Industry", "Justice", "Treasury", "State", "Home", "Culture", "Information",
    "Communications", "Housing", "Development", "Security", "Intelligence", "Chief", "Senior",
    "Executive", "Managing", "General", "Supreme", "Head", "Opposition", "Rebel", "Party",
    "Army", "Military", "Police", "Fire", "Navy", "Air", "Force", "Budget",
    "Planning", "Petroleum", "Mines", "Mining", "Fisheries", "Tourism", "Sports", "Youth",
    "Social", "Affairs", "External", "Internal", "Public", "Works", "Presidential", "Royal",
    "Crown", "Grand", "High", "Lord", "Great", "Assistant", "Associate", "Under", "Special",
    "Junior", "Minority", "Majority", "House", "Senate", "Cabinet", "Team", "Club",
    "Group", "Company", "Bank", "Central", "Federal", "National", "Regional", "Provincial",
    "City", "County", "District", "Associated", "Chief-of-Staff", "Staff", "Deputy-Director",
    "U.N.", "UN", "U.S.", "EU", "Nobel", "Peace", "Laureate", "Olympic", "World", "Champion",
}  # fmt: skip
# A chunk ending in one of these is an organisation, even when its other words are common
# ("Foreign Ministry", "Supreme Court").
ORG_SUFFIXES_STRONG = {
    "Ministry", "Party", "Council", "Bank", "Corp", "Corp.", "Corporation", "Inc", "Inc.",
    "Incorporated", "Co", "Co.", "Ltd", "Ltd.", "Limited", "Plc", "PLC", "plc", "LLC", "AG",
    "SA", "S.A.", "NV", "N.V.", "GmbH", "SpA", "S.p.A.", "AB", "ASA", "Agency", "Association",
    "Commission", "Fund", "Reserve", "Exchange", "Court", "University", "College", "Institute",
    "Organization", "Organisation", "Committee", "Department", "Authority", "Federation",
    "League", "Parliament", "Assembly", "Senate", "Congress", "Airlines", "Airways",
    "Bancorp", "Bancshares", "Secretariat", "Directorate", "Tribunal", "Cabinet", "Bureau",
    "Administration", "Commissariat", "Consortium", "Syndicate", "Cooperative", "Co-operative",
    "Academy", "Polytechnic", "Chamber", "Brigade", "Brigades", "Army", "Navy", "Police",
    "Guard", "Guards", "Corps", "Militia", "Politburo", "Presidium", "Duma", "Junta", "Re",
    "Workers", "Steelworkers", "Teamsters", "Mineworkers", "Machinists", "Spa", "S.P.A.", "Bros",
    "Bros.",
}  # fmt: skip
# Weaker suffixes: an organisation only with at least one uncommon word before them.
ORG_SUFFIXES_WEAK = {
    "Group", "Union", "Board", "Office", "Trust", "Securities", "Partners", "Systems",
    "Technologies", "Technology", "Communications", "Petroleum", "Oil", "Foundation", "Society",
    "Club", "Services", "Service", "Times", "Post", "Journal", "News", "Press", "Network",
    "Television", "TV", "Radio", "Broadcasting", "Daily", "Herald", "Tribune", "Gazette",
    "Magazine", "Motors", "Industries", "Holdings", "Holding", "Capital", "Energy", "Electric",
    "Electronics", "Steel", "Chemical", "Chemicals", "Pharmaceuticals", "Pharmaceutical",
    "Mining", "Resources", "Investments", "Investment", "Financial", "Insurance", "Savings",
    "Lines", "Shipping", "Railways", "Railway", "Railroad", "Stores", "Foods", "Brands",
    "Products", "Laboratories", "Labs", "Enterprises", "Ventures", "Management", "Associates",
    "Company", "Companies", "Alliance", "Front", "Movement", "Coalition",
    "Forces", "Force", "Telecom", "Telecommunications", "Airline", "Motor", "Mills", "Works",
    "Industrie", "Industria", "Entertainment", "Media", "Software", "Semiconductor", "Bankers",
    "Manufacturing", "Realty", "Properties", "Trading", "Exploration", "Gas", "Power",
    "Utilities", "Credit", "Finance", "Leasing", "Mutual", "Assurance", "Reinsurance",
    "Hospital", "Clinic", "School", "Church", "Council", "Rovers",
    "United", "Athletic", "Wanderers", "Albion", "Hotspur", "FC", "Rangers", "Olympique",
}  # fmt: skip
# First words of "X of Y" organisations: "Bank of England", "University of Chicago".
ORG_HEADS = {
    "Bank", "University", "Ministry", "Department", "Council", "Court", "Chamber", "Institute",
    "Organization", "Organisation", "Association", "Federation", "Union", "Church", "Party",
    "Commission", "Board", "Office", "House", "Academy", "College", "School", "Society",
    "Museum", "Committee", "Confederation", "League", "Congress", "Assembly", "Agency",
    "Fund", "Order", "Corporation", "Company", "Bureau", "Conference", "Parliament",
    "Secretariat", "Government", "Movement", "Front", "Army", "Friends", "Sons", "Brotherhood",
    "Daughters", "Knights", "Coalition", "Alliance", "Center", "Centre", "Foundation",
    "Federal", "Royal", "National", "Reserve",
}  # fmt: skip
# Acronyms in mixed-case text that are not organisations.
NOT_ORG_ACRONYMS = NEVER_ALONE | {
    "AM", "FM", "US", "UK", "ID", "IQ", "IT", "PR", "HQ", "MP", "MPs", "OPEC+", "SUV", "ATM",
    "FAQ", "NB", "PS", "RIP", "VIP", "UFO", "LNG", "LPG", "OIL", "API", "WTI", "ECU", "SDR",
    "SDRs", "FOB", "CIF", "DM", "RPT", "IPO", "M&A", "R&D", "LBO", "ESOP", "NOW", "LIBOR",
    "PLUS", "AND", "THE", "OF", "FOR", "IN", "ON", "TO", "A", "AN", "BY", "AT", "IS",
    "NEW", "OLD", "SAYS", "SAID", "HE", "SHE", "WE", "THEY", "III", "II", "IV", "VI", "VII",
    "VIII", "IX", "XI", "XII", "MW", "KW", "KM", "MPH", "BPD", "OK", "LP",
    "EKG", "ECG", "MRSA", "MRI", "ICU", "BSE", "SARS", "COVID", "ADHD", "PTSD", "BMI", "IVF",
    "CJD", "TB", "STD", "HPV", "GPS", "USB", "PDF", "FAQs", "CEOs", "GMO", "CO2", "LED", "TNT",
}  # fmt: skip
GENERIC_NAME_WORDS = frozenset({
    "United", "General", "International", "American", "British", "National", "First", "Royal",
    "Federal", "Western", "Eastern", "Northern", "Southern", "Central", "New", "Great", "Pacific",
    "Atlantic", "Continental", "Global", "Standard", "Consolidated", "Allied", "Universal",
})  # fmt: skip
# Lowercase words allowed inside a name: "Bank of England", "Ludwig van Beethoven".
CONNECTORS = {"of", "for", "and", "&", "on", "the", "de", "del", "der", "den", "van", "von"}
NAME_PARTICLES = {
    "de", "del", "der", "den", "van", "von", "bin", "ibn", "al", "el", "da", "di", "du", "dos",
    "das", "la", "le", "ben", "abu", "y", "ter", "te", "zu", "af", "do", "della", "delle", "dei",
    "degli", "des",
}  # fmt: skip
# Last words that make a chunk a place: "Pike County", "Gaza Strip", "Sea of Japan".
PLACE_SUFFIXES = {
    "County", "Province", "Island", "Islands", "Valley", "River", "Lake", "Mountains",
    "Mountain", "Bay", "Beach", "Coast", "Peninsula", "Strait", "Straits", "Sea", "Ocean",
    "Gulf", "Desert", "Region", "District", "Oblast", "Square", "Avenue", "Heights", "Hills",
    "Canal", "Harbor", "Harbour", "Township", "Prefecture", "Territory", "Territories",
    "Basin", "Plateau", "Delta", "Airport", "Falls", "Springs", "Forest", "Park", "Krai",
    "Road", "Street", "Boulevard", "Lane", "Bridge", "Stadium", "Arena", "Palace", "Castle",
    "Cathedral", "Mosque", "Temple", "Abbey", "Pass", "Glacier", "Reef", "Archipelago",
    "Ground", "Oval", "Racecourse", "Circuit", "Velodrome", "Speedway",
}  # fmt: skip
# Sentence-initial words that never start a name, even before an organisation suffix.
FUNCTION_WORDS = {
    "The", "A", "An", "After", "Before", "In", "On", "At", "But", "And", "Or", "If", "When",
    "While", "As", "For", "From", "With", "By", "Since", "Under", "Unlike", "Like", "Both",
    "Many", "Some", "Most", "All", "Any", "Each", "Every", "No", "Not", "Only", "Even", "Also",
    "Then", "Thus", "So", "Yet", "Still", "Although", "Though", "Because", "Until", "Unless",
    "Despite", "During", "Without", "Within", "Among", "Between", "Against", "Through", "To",
    "Of", "Over", "About", "Above", "Below", "Into", "Onto", "Upon", "Via", "Per", "Where",
    "Why", "How", "What", "Which", "Who", "Whom", "Whose", "That", "This", "These", "Those",
    "It", "Its", "He", "She", "They", "We", "You", "I", "His", "Her", "Their", "Our", "My",
    "Your", "There", "Here", "Now", "Today", "Yesterday", "Tomorrow", "However", "Meanwhile",
    "Moreover", "Furthermore", "Unfortunately", "Fortunately", "Speaking", "Asked", "Told",
    "According", "Following", "Including", "Several", "Other", "Another", "Such", "Last",
    "Next", "First", "Shares", "Sources", "Officials", "Analysts", "Dear", "Please", "Said",
}  # fmt: skip
# Abbreviations of US states as they follow a city in a dateline ("SOUTHFIELD, MICH.,").
US_STATE_ABBREVIATIONS = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California",
    "colo": "Colorado", "conn": "Connecticut", "del": "Delaware", "fla": "Florida",
    "ga": "Georgia", "ill": "Illinois", "ind": "Indiana", "kan": "Kansas", "kans": "Kansas",
    "ky": "Kentucky", "la": "Louisiana", "mass": "Massachusetts", "md": "Maryland",
    "me": "Maine", "mich": "Michigan", "minn": "Minnesota", "miss": "Mississippi",
    "mo": "Missouri", "mont": "Montana", "neb": "Nebraska", "nev": "Nevada",
    "n.h": "New Hampshire", "n.j": "New Jersey", "n.m": "New Mexico", "n.y": "New York",
    "n.c": "North Carolina", "n.d": "North Dakota", "okla": "Oklahoma", "ore": "Oregon",
    "pa": "Pennsylvania", "r.i": "Rhode Island", "s.c": "South Carolina",
    "s.d": "South Dakota", "tenn": "Tennessee", "tex": "Texas", "va": "Virginia",
    "vt": "Vermont", "wash": "Washington", "w.va": "West Virginia", "wis": "Wisconsin",
    "wyo": "Wyoming", "d.c": "Washington", "texas": "Texas", "ohio": "Ohio", "iowa": "Iowa",
    "utah": "Utah", "idaho": "Idaho", "alaska": "Alaska", "hawaii": "Hawaii", "maine": "Maine",
    "ont": "Ontario", "que": "Quebec", "alta": "Alberta", "b.c": "British Columbia",
    "man": "Manitoba", "sask": "Saskatchewan", "n.s": "Nova Scotia", "n.b": "New Brunswick",
}  # fmt: skip
# Nouns of nationality and occupation written before a name ("Frenchman Patrick Vieira",
# "All-rounder Greg Blewett"): not part of the person's span.
NATIONALITY_NOUNS = {
    "Frenchman", "Frenchwoman", "Englishman", "Englishwoman", "Scotsman", "Scotswoman", "Scot",
    "Welshman", "Welshwoman", "Irishman", "Irishwoman", "Dutchman", "Dutchwoman", "Briton",
    "Swede", "Finn", "Pole", "Turk", "Spaniard", "Kiwi", "Aussie", "Serb", "Slovak", "Dane",
    "Croat", "Czech", "Swiss", "Portuguese", "Argentine", "Norwegian", "Brazilian", "Italian",
    "German", "Russian", "American", "Australian", "Kenyan", "Moroccan", "Ethiopian",
}  # fmt: skip
OCCUPATIONS = frozenset({
    "surgeon", "doctor", "all-rounder", "allrounder", "batsman", "bowler", "paceman", "spinner",
    "opener", "wicketkeeper", "wicket-keeper", "skipper", "captain", "striker", "midfielder",
    "defender", "goalkeeper", "keeper", "winger", "fullback", "full-back", "centre", "prop",
    "flanker", "fly-half", "scrum-half", "hooker", "lock", "jockey", "trainer", "rider",
    "driver", "cyclist", "sprinter", "runner", "swimmer", "champion", "veteran", "rookie",
    "pitcher", "catcher", "quarterback", "lawyer", "writer", "author", "novelist", "actor",
    "actress", "singer", "composer", "conductor", "producer", "historian", "dealer", "trader",
    "broker", "diplomat", "banker", "businessman", "businesswoman", "tycoon", "magnate",
    "financier", "industrialist", "billionaire", "investor", "journalist", "reporter",
    "photographer", "poet", "playwright", "painter", "artist", "architect", "scientist",
    "physicist", "chemist", "teacher", "student", "priest", "cleric", "dissident", "activist",
    "campaigner", "boss", "referee", "umpire", "player", "holder", "titleholder", "opponent",
    "compatriot", "countryman", "team-mate", "teammate", "outsider", "favourite", "debutant",
    "newcomer", "challenger", "mp", "mep", "midfield", "forward", "centre-back", "centre-forward",
    "defenceman", "linebacker", "outfielder", "infielder", "shortstop", "seed", "golfer",
    "boxer", "wrestler", "skier", "skater", "fencer", "rower", "sailor", "gymnast", "hurdler",
    "jumper", "thrower", "batter", "left-hander", "right-hander", "leg-spinner", "fast-bowler",
    "opening", "novice", "amateur", "professional", "international", "youngster", "teenager",
})  # fmt: skip
# Given names that are also words ("Bill", "Mark"): a name only before a surname.
GIVEN_AND_WORD = frozenset({"Will", "Bill", "Mark", "Grant", "Rose"})
# Last words of a company name that are surnames too: "Roger Mills" is a person.
SURNAME_SUFFIXES = frozenset({"Mills", "Power", "Post", "Steel", "Lines", "Press", "Works"})
# First words of places named "X of Y": "Gulf of Mexico", "Bay of Biscay", "Isle of Man".
PLACE_HEADS = {
    "Gulf", "Sea", "Bay", "Strait", "Straits", "Isle", "Isles", "Cape", "Lake", "Port", "Mount",
    "Island", "Islands", "Valley", "Plains",
}  # fmt: skip
# Last words of clubs named after their town ("Derby County", "Sheffield Wednesday"); the
# first three name places too ("Mexico City"), so they make a club only in a sports story.
CLUB_SUFFIXES = frozenset({
    "City", "Town", "County", "United", "Rovers", "Wanderers", "Athletic", "Albion", "Rangers",
    "Celtic", "Hotspur", "Wednesday", "Villa", "Argyle", "Orient", "Alexandra", "Thistle", "FC",
    "AFC", "Academical", "Hearts", "Dynamo", "Olympic", "Juniors",
})  # fmt: skip
AMBIGUOUS_CLUB_SUFFIXES = frozenset({"City", "Town", "County", "Olympic"})
# First words of clubs: "Real Madrid", "Dynamo Kiev", "Borussia Dortmund".
CLUB_PREFIXES = frozenset({
    "Real", "Atletico", "Athletic", "Sporting", "Dynamo", "Dinamo", "Spartak", "CSKA",
    "Lokomotiv", "Olympique", "Racing", "Deportivo", "Bayern", "Inter", "Borussia", "Eintracht",
    "Bayer", "Hertha", "Werder", "Fortuna", "Steaua", "Rapid", "Slavia", "Sparta", "Legia",
    "Partizan", "Hajduk", "Torpedo", "Zenit", "Shakhtar", "FC", "AC", "AS", "SV", "VfB", "VfL",
    "TSV", "SC", "SK", "FK", "NK", "AEK", "PAOK", "Stade", "Celta", "Red", "Young", "Grasshoppers",
    "Union", "Sampdoria", "Lazio", "Roma", "Hamburger", "Standard", "Vitesse", "Ajax",
})  # fmt: skip
# First words of organisations in other languages: "Comissão de Segurança Cibernética",
# "Banca d'Italia", "Guardia Civil", "Deutsche Bahn".
FOREIGN_ORG_HEADS = frozenset({
    "Comissão", "Comisión", "Comissione", "Kommission", "Commissie", "Ministério", "Ministerio",
    "Ministero", "Ministère", "Ministerium", "Bundesministerium", "Banco", "Banca", "Banque",
    "Agência", "Agencia", "Agenzia", "Agence", "Guardia", "Consejo", "Conselho", "Consiglio",
    "Conseil", "Partido", "Partito", "Parti", "Partei", "Tribunal", "Tribunale", "Universidad",
    "Universidade", "Università", "Université", "Universität", "Instituto", "Istituto",
    "Institut", "Asociación", "Associação", "Associazione", "Fundación", "Fundação",
    "Fondazione", "Federación", "Federação", "Federazione", "Confederación", "Sindicato",
    "Polícia", "Policía", "Polizia", "Polizei", "Gendarmerie", "Deutsche", "Deutscher",
    "Assemblée", "Asamblea", "Câmara", "Cámara", "Camera", "Senado", "Senato", "Bundesamt",
    "Bundesbank", "Bundesanstalt", "Landgericht", "Oberlandesgericht", "Bundesgerichtshof",
    "Corte", "Cour", "Sociedad", "Società", "Société", "Empresa", "Grupo", "Gruppo", "Groupe",
    "Secretaría", "Secretaria", "Direção", "Dirección", "Direzione", "Direction", "Servicio",
    "Serviço", "Servizio", "Caixa", "Caja", "Cassa", "Crédit", "Credito", "Compañía",
    "Companhia", "Compagnie", "Union", "Unión", "União", "Unione", "Frente", "Front", "Movimiento",
    "Movimento", "Mouvement", "Bewegung", "Armée", "Ejército", "Exército", "Esercito",
})  # fmt: skip
# Articles of other languages before a name: "La Commission", "Il Governo", "Die Bundesregierung".
FOREIGN_ARTICLES = frozenset({
    "La", "Le", "Les", "L", "El", "Los", "Las", "Il", "Lo", "Gli", "I", "Die", "Der", "Das",
    "Den", "Het", "De", "O", "A", "Os", "As", "Un", "Una", "Une", "Ein", "Eine",
})  # fmt: skip
# Members of parties and movements: never a person's name ("the Texas Democrat told reporters").
PARTY_MEMBERS = frozenset({
    "Democrat", "Democrats", "Republican", "Republicans", "Conservative", "Conservatives",
    "Socialist", "Socialists", "Communist", "Communists", "Liberal", "Liberals", "Tory",
    "Tories", "Labourite", "Sandinista", "Sandinistas", "Contra", "Contras", "Islamist",
    "Islamists", "Maoist", "Maoists", "Gaullist", "Gaullists", "Christian", "Christians",
    "Moslem", "Moslems", "Muslim", "Muslims", "Catholic", "Catholics", "Protestant", "Jew",
    "Jews", "Sunni", "Shi'ite", "Shiite", "Kurd", "Kurds", "Serb", "Serbs", "Croats", "Arab",
    "Arabs", "Palestinian", "Palestinians", "Basque", "Basques", "Tamil", "Tamils", "Sikh",
})  # fmt: skip
# First words of two-word places: "Fort Portal", "Mount Elgon", "Lake Victoria".
PLACE_PREFIXES = frozenset({"Fort", "Port", "Mount", "Lake", "Cape", "Mt", "Mt."})
# Words that introduce or follow a person's name.
SPEECH_VERBS = {"said", "says", "told", "added", "asked", "stated", "wrote", "noted", "argued"}


def _read(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def common_words() -> frozenset[str]:
    """Lowercase words a newswire writes in lowercase mid-sentence ("said", "after")."""
    extra = {
        "unfortunately", "fortunately", "meanwhile", "speaking", "asked", "accessibility",
        "breaking", "indeed", "instead", "still", "yet", "nevertheless", "nonetheless",
        "moreover", "furthermore", "overall", "today", "tonight", "yesterday", "tomorrow",
        "earlier", "later", "here", "there", "this", "that", "these", "those", "it", "its",
        "he", "she", "they", "we", "you", "his", "her", "their", "our", "my", "your", "sources",
        "officials", "analysts", "police", "witnesses", "residents", "citizens", "troops",
    }  # fmt: skip
    return frozenset(_read("common_words.txt")) | frozenset(extra)


@cache
def given_names() -> frozenset[str]:
    """Given names across cultures (US Census lists + curated), Title Case."""
    names = set(_read("given_names.txt"))
    return frozenset(names - MONTHS - WEEKDAYS - GIVEN_AND_WORD)


@cache
def demonyms() -> dict[str, str]:
    """Country adjective or demonym -> canonical place ("Russian" -> "Russia")."""
    pairs = (line.split("|", 1) for line in _read("demonyms.txt"))
    table = {adjective: place for adjective, place in pairs}
    table.update({f"{adjective}s": place for adjective, place in list(table.items())})
    return table


@cache
def known_orgs() -> dict[str, str]:
    """Surface form of a well-known organisation -> its canonical name."""
    table: dict[str, str] = {}
    for line in _read("orgs.txt"):
        canonical, *variants = line.split("|")
        for form in (canonical, *variants):
            table.setdefault(form, canonical)
    return table


@cache
def known_orgs_upper() -> dict[str, str]:
    """Upper-case surface form -> canonical, for ALL-CAPS lines (only forms of 3+ letters)."""
    table: dict[str, str] = {}
    for form, canonical in known_orgs().items():
        if len(form) >= 3 or form.isupper():
            table.setdefault(form.upper(), canonical)
    return table


@cache
def apostrophe_orgs_re() -> re.Pattern[str]:
    """Known organisations whose names hold "'s" ("Moody's", "Standard & Poor's"), which the
    name chunks cut at the apostrophe; also as newswire tokenises them ("Moody 's")."""
    forms = sorted(
        (form for form in known_orgs() if "'" in form or "’" in form), key=len, reverse=True
    )
    apostrophe = "\\s?['\u2019]"
    parts = [
        apostrophe.join(re.escape(piece) for piece in re.split("['\u2019]", form)) for form in forms
    ]
    return re.compile(r"(?<![\w'’])(?:" + "|".join(parts or ["(?!)"]) + r")(?![\w'’])")
