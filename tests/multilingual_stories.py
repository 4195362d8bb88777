"""A small multilingual story fixture: the same events in several languages, and hard negatives.

Written by hand while building stories across languages (a regression check, never evidence):
each record carries its gold story in `event`. Events: a Lufthansa pilots' strike (de, fr, en,
es, pl, and a German follow-up), an Airbus order by IndiGo (en, fr, de) and a Siemens rail
contract in Egypt (de, en). Hard negatives: Lufthansa's chief on climate targets the same day
(same person and company, another event), Germany's budget (same country, same day), a
Berlin marathon (same city), and a Portuguese forest fire (same day, nothing shared).
"""

from __future__ import annotations

import json
from pathlib import Path

RECORDS: list[dict[str, str]] = [
    {
        "event": "strike",
        "lang": "de",
        "date": "2026-03-10",
        "title": "Lufthansa-Piloten streiken: 3.400 Flüge fallen aus",
        "text": "Die Piloten der Lufthansa haben am Dienstag ihre Arbeit niedergelegt. Nach "
        "Angaben der Gewerkschaft Vereinigung Cockpit fallen in Frankfurt und München rund "
        "3.400 Flüge aus, etwa 420.000 Reisende sind betroffen. Lufthansa-Chef Carsten Spohr "
        "nannte den Streik unverhältnismäßig und forderte die Gewerkschaft auf, an den "
        "Verhandlungstisch zurückzukehren. Die Piloten verlangen 8,5 Prozent mehr Gehalt.",
    },
    {
        "event": "strike",
        "lang": "fr",
        "date": "2026-03-10",
        "title": "Grève des pilotes de Lufthansa : 3 400 vols annulés",
        "text": "Les pilotes de la compagnie allemande Lufthansa sont en grève mardi. Selon le "
        "syndicat Vereinigung Cockpit, environ 3 400 vols sont annulés à Francfort et à Munich "
        "et quelque 420 000 passagers sont touchés. Le patron de Lufthansa, Carsten Spohr, a "
        "jugé la grève disproportionnée et a appelé le syndicat à revenir à la table des "
        "négociations. Les pilotes réclament une hausse de salaire de 8,5 pour cent.",
    },
    {
        "event": "strike",
        "lang": "en",
        "date": "2026-03-11",
        "title": "Lufthansa pilots strike, grounding 3,400 flights",
        "text": "Pilots at Lufthansa walked off the job on Tuesday, forcing the airline to "
        "cancel about 3,400 flights at Frankfurt and Munich and stranding some 420,000 "
        "passengers, the Vereinigung Cockpit union said. Chief executive Carsten Spohr called "
        "the walkout disproportionate and urged the union to return to the negotiating table. "
        "The pilots are demanding a pay rise of 8.5 percent over two years.",
    },
    {
        "event": "strike",
        "lang": "es",
        "date": "2026-03-10",
        "title": "Huelga de pilotos de Lufthansa: cancelados 3.400 vuelos",
        "text": "Los pilotos de la aerolínea alemana Lufthansa están en huelga este martes. "
        "Según el sindicato Vereinigung Cockpit, unos 3.400 vuelos han sido cancelados en "
        "Fráncfort y Múnich y cerca de 420.000 pasajeros están afectados. El consejero "
        "delegado de Lufthansa, Carsten Spohr, calificó la huelga de desproporcionada y pidió "
        "al sindicato que vuelva a la mesa de negociación. Los pilotos exigen un aumento "
        "salarial del 8,5 por ciento.",
    },
    {
        "event": "strike",
        "lang": "pl",
        "date": "2026-03-11",
        "title": "Strajk pilotów Lufthansy: odwołano 3400 lotów",
        "text": "Piloci niemieckich linii Lufthansa rozpoczęli we wtorek strajk. Według "
        "związku zawodowego Vereinigung Cockpit odwołano około 3400 lotów we Frankfurcie i "
        "Monachium, a problemy ma około 420 000 pasażerów. Szef Lufthansy Carsten Spohr uznał "
        "strajk za nieproporcjonalny i wezwał związek do powrotu do rozmów. Piloci żądają "
        "podwyżki płac o 8,5 procent.",
    },
    {
        "event": "strike",
        "lang": "de",
        "date": "2026-03-12",
        "title": "Lufthansa und Vereinigung Cockpit: Streik beendet, Schlichtung vereinbart",
        "text": "Nach zwei Tagen mit 3.400 gestrichenen Flügen haben die Lufthansa und die "
        "Vereinigung Cockpit den Streik der Piloten beendet. Beide Seiten vereinbarten eine "
        "Schlichtung. Lufthansa-Chef Carsten Spohr sprach von einem wichtigen Schritt; die "
        "Piloten hatten 8,5 Prozent mehr Gehalt gefordert. Der Flugverkehr in Frankfurt und "
        "München soll am Donnerstag wieder normal laufen.",
    },
    {
        "event": "airbus",
        "lang": "en",
        "date": "2026-03-10",
        "title": "IndiGo orders 150 Airbus A321neo jets in record deal",
        "text": "Indian low-cost carrier IndiGo has ordered 150 Airbus A321neo aircraft, the "
        "biggest single order in the planemaker's history by number of jets, the companies "
        "said in Toulouse on Tuesday. The deal is worth about 18.5 billion dollars at list "
        "prices. Deliveries are due to start in 2030. Airbus chief Guillaume Faury said the "
        "order showed the strength of demand for single-aisle jets in India.",
    },
    {
        "event": "airbus",
        "lang": "fr",
        "date": "2026-03-10",
        "title": "IndiGo commande 150 Airbus A321neo, un record",
        "text": "La compagnie indienne à bas coûts IndiGo a commandé 150 avions Airbus "
        "A321neo, la plus grosse commande de l'histoire de l'avionneur en nombre d'appareils, "
        "ont annoncé mardi les deux groupes à Toulouse. Le contrat vaut environ 18,5 milliards "
        "de dollars au prix catalogue. Les livraisons doivent commencer en 2030. Le patron "
        "d'Airbus, Guillaume Faury, a salué la vigueur de la demande en Inde.",
    },
    {
        "event": "airbus",
        "lang": "de",
        "date": "2026-03-11",
        "title": "Rekordauftrag: IndiGo bestellt 150 Airbus-Jets",
        "text": "Die indische Billigfluggesellschaft IndiGo hat 150 Flugzeuge vom Typ Airbus "
        "A321neo bestellt, wie beide Unternehmen am Dienstag in Toulouse mitteilten. Es ist "
        "die größte Einzelbestellung in der Geschichte des Flugzeugbauers. Der Auftrag hat "
        "einen Listenwert von rund 18,5 Milliarden Dollar. Airbus-Chef Guillaume Faury sprach "
        "von einer starken Nachfrage in Indien. Die Auslieferungen beginnen 2030.",
    },
    {
        "event": "siemens",
        "lang": "de",
        "date": "2026-03-10",
        "title": "Siemens baut Schnellbahn in Ägypten",
        "text": "Siemens Mobility hat einen Auftrag über 8,1 Milliarden Euro für ein 2.000 "
        "Kilometer langes Schnellbahnnetz in Ägypten erhalten. Der Vertrag wurde am Dienstag "
        "in Kairo unterzeichnet. Siemens-Chef Roland Busch sprach vom größten Auftrag der "
        "Firmengeschichte. Das Netz soll 60 Städte verbinden.",
    },
    {
        "event": "siemens",
        "lang": "en",
        "date": "2026-03-10",
        "title": "Siemens wins Egypt high-speed rail deal",
        "text": "Siemens Mobility has won an 8.1 billion euro contract to build a 2,000 "
        "kilometre high-speed rail network in Egypt, the company said on Tuesday after the "
        "signing in Cairo. Siemens chief executive Roland Busch called it the largest order in "
        "the company's history. The network will link 60 cities across the country.",
    },
    {
        "event": "spohr-climate",
        "lang": "en",
        "date": "2026-03-10",
        "title": "Lufthansa's Spohr says airline will meet climate targets",
        "text": "Lufthansa chief executive Carsten Spohr said on Tuesday the airline would meet "
        "its climate targets despite a shortage of sustainable aviation fuel. Speaking at a "
        "conference in Berlin, Spohr said the group would buy more efficient aircraft and "
        "called on governments to support producers of green fuel. He gave no new figures.",
    },
    {
        "event": "budget",
        "lang": "de",
        "date": "2026-03-10",
        "title": "Bundestag beschließt Haushalt für 2027",
        "text": "Der Bundestag in Berlin hat am Dienstag den Bundeshaushalt für das kommende "
        "Jahr beschlossen. Finanzminister Jörg Kukies verteidigte die neuen Schulden als "
        "notwendig für Investitionen in Straßen, Schulen und die Bundeswehr. Die Opposition "
        "kritisierte den Etat als unsolide. Deutschland müsse sparen, hieß es.",
    },
    {
        "event": "marathon",
        "lang": "fr",
        "date": "2026-03-11",
        "title": "Marathon de Berlin : les inscriptions sont ouvertes",
        "text": "Les inscriptions pour le marathon de Berlin sont ouvertes depuis mercredi. "
        "Les organisateurs attendent plus de 45 000 coureurs en septembre dans la capitale "
        "allemande. Le parcours, très rapide, passe devant la porte de Brandebourg. Les "
        "dossards sont attribués par tirage au sort.",
    },
    {
        "event": "fire",
        "lang": "es",
        "date": "2026-03-10",
        "title": "Un incendio forestal obliga a evacuar varias aldeas en Portugal",
        "text": "Un incendio forestal obligó el martes a evacuar varias aldeas en el centro "
        "de Portugal. Cientos de bomberos luchan contra las llamas, avivadas por el viento y "
        "las altas temperaturas. Las autoridades pidieron a los vecinos que no regresen a sus "
        "casas hasta que el fuego esté controlado.",
    },
]


def write_dump(path: Path) -> Path:
    """The fixture as a JSON Lines dump (id, url, title, text, date, source)."""
    with path.open("w", encoding="utf-8") as fh:
        for n, record in enumerate(RECORDS):
            row = {
                "id": f"{record['event']}-{record['lang']}-{n}",
                "url": f"https://example.{record['lang']}/news/{n}",
                "title": record["title"],
                "text": record["text"],
                "date": record["date"],
                "source": f"example.{record['lang']}",
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
