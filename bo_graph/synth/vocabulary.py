"""Word lists and reference values the synthetic register draws on. All names are invented.

Some names carry accents on purpose, so that importers and search are exercised on non-ASCII
text. Countries are BODS ``Country``/``Jurisdiction`` objects, shared between statements.
"""

from __future__ import annotations

from typing import Any

GIVEN_NAMES = (
    "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Noah", "Grace",
    "Thomas", "Freya", "James", "Sophie", "William", "Emily", "Daniel", "Chloé", "Samuel",
    "Zoë", "Joseph", "Lucy", "David", "Hannah", "Michael", "Ellie", "Robert", "Megan",
    "Andrew", "Rachel", "Peter", "Claire", "Richard", "Helen", "Mark", "Sarah", "Paul", "Laura",
    "Stephen", "Fiona", "José", "Renée", "Søren", "Łukasz", "François", "Inês", "Björn",
    "Zoltán", "Maëlle", "Aoife", "Siobhán", "Nuño", "Ömer", "Małgorzata", "Ioana", "Priya",
    "Arjun", "Fatima", "Yusuf", "Mei", "Kofi", "Ngozi", "Carlos", "Lucía",
)  # fmt: skip

FAMILY_NAMES = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Patel", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper",
    "Ward", "Morris", "King", "Baker", "Harrison", "Morgan", "Allen", "Pryce", "Ashdown",
    "Fenwright", "Castellane", "Quayle", "Thorne", "Hartley", "Pemberton", "Blackwood",
    "Müller", "Núñez", "Ó Súilleabháin", "Brontë", "Kowalczyk", "Dvořák", "García", "Lefèvre",
    "Søndergaard", "Jørgensen", "Gonçalves", "Şahin", "Nowak", "Popescu", "Khan", "Okafor",
    "Mensah", "Chen", "Nakamura", "Rossi", "Ferreira", "Andersson", "Charalambous",
    "Vargas Quintero", "MacLeod", "O'Brien", "Fitzgerald",
)  # fmt: skip

NAME_WORDS = (
    "Oak", "Meridian", "Harbour", "Northgate", "Silverline", "Ashford", "Kingsway", "Bramble",
    "Calder", "Greyfriars", "Larkspur", "Norhaven", "Sable", "Torrance", "Aldermoor", "Quillon",
    "Bellmoor", "Corvane", "Ribston", "Stourfield", "Pellam", "Oakhurst", "Wendale", "Millbeck",
    "Harrowmere", "Thornbury", "Elmstead", "Riverside", "Highfield", "Westbrook", "Eastwood",
    "Fairhaven", "Redcliffe", "Blackstone", "Whitmore", "Lindqvist", "Beaumont", "Montclair",
    "Ravenscroft", "Glenmore", "Avon", "Severn", "Trent", "Tamar", "Wye", "Kestrel", "Falcon",
    "Heron", "Osprey", "Merlin", "Apex", "Summit", "Pinnacle", "Vertex", "Crescent", "Lodestar",
    "Beacon", "Compass", "Anchor", "Keystone",
)  # fmt: skip

SECTORS = (
    "Logistics", "Consulting", "Engineering", "Trading", "Construction", "Property", "Catering",
    "Software", "Media", "Freight", "Plant Hire", "Civil Solutions", "Recruitment", "Cleaning",
    "Motors", "Developments", "Investments", "Capital", "Ventures", "Estates", "Energy",
    "Healthcare", "Pharmacy", "Dental", "Design", "Marketing", "Security", "Imports", "Textiles",
    "Foods", "Brewing", "Hospitality", "Travel", "Aviation", "Marine", "Agriculture",
    "Haulage", "Scaffolding", "Roofing", "Electrical",
)  # fmt: skip

DOMESTIC_SUFFIXES = ("Ltd", "Limited", "Ltd", "Ltd", "Services Ltd", "Group Ltd", "UK Ltd")

STREETS = (
    "High", "Station", "Church", "Mill", "Victoria", "Park", "London", "Green", "Manor",
    "Kings", "Queens", "Bridge", "Castle", "Chapel", "New", "North", "South", "West", "Albert",
    "Market", "School", "Springfield", "Grange", "Orchard", "Meadow", "Willow", "Cedar", "Elm",
    "Beech", "Ash", "Hawthorn", "Holly", "Rose", "Tallis", "Chancery", "Wendale", "Millbeck",
    "Riverside", "Abbey", "Priory",
)  # fmt: skip

STREET_KINDS = ("Street", "Road", "Lane", "Avenue", "Close", "Way", "Row", "Yard", "Court")

TOWNS = (
    ("London", "EC1V"), ("London", "SW1A"), ("London", "N1"), ("London", "E14"),
    ("Manchester", "M1"), ("Birmingham", "B2"), ("Leeds", "LS1"), ("Bristol", "BS1"),
    ("Sheffield", "S1"), ("Liverpool", "L2"), ("Newcastle upon Tyne", "NE1"), ("Nottingham", "NG1"),
    ("Leicester", "LE1"), ("Coventry", "CV1"), ("Bradford", "BD1"), ("Cardiff", "CF10"),
    ("Swansea", "SA1"), ("Edinburgh", "EH1"), ("Glasgow", "G1"), ("Aberdeen", "AB10"),
    ("Dundee", "DD1"), ("Belfast", "BT1"), ("Harrowmere", "YO62"), ("York", "YO1"),
    ("Norwich", "NR1"), ("Exeter", "EX1"), ("Plymouth", "PL1"), ("Southampton", "SO14"),
    ("Brighton", "BN1"), ("Oxford", "OX1"), ("Cambridge", "CB2"), ("Reading", "RG1"),
    ("Milton Keynes", "MK9"), ("Derby", "DE1"), ("Stoke-on-Trent", "ST1"), ("Hull", "HU1"),
    ("Preston", "PR1"), ("Blackpool", "FY1"), ("Carlisle", "CA1"), ("Inverness", "IV1"),
)  # fmt: skip

POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

HUB_ADDRESSES = (
    ("Suite 4B, Tallis Yard, 27 Old Chancery Row, London", "EC1V 9NR", "Fenwright"),
    ("Office 12, 71-75 Shelton Street, Covent Garden, London", "WC2H 9JQ", "Shelton"),
    ("2nd Floor, 145-157 St John Street, London", "EC1V 4PW", "Clerkenwell"),
    ("Unit 3, Kestrel Court, 1 Harbour Way, Edinburgh", "EH6 6QW", "Leithgate"),
    ("Suite 600, 4 Tithebarn Street, Liverpool", "L2 2DT", "Tithebarn"),
    ("Floor 5, 20-22 Wenlock Road, London", "N1 7GU", "Wenlock"),
)  # fmt: skip

GB = {"name": "United Kingdom", "code": "GB"}


def country(code: str, name: str) -> dict[str, str]:
    return {"name": name, "code": code}


NATIONALITIES = (
    country("FR", "France"), country("ES", "Spain"), country("PT", "Portugal"),
    country("DE", "Germany"), country("PL", "Poland"), country("IE", "Ireland"),
    country("IT", "Italy"), country("RO", "Romania"), country("IN", "India"),
    country("NG", "Nigeria"), country("CN", "China"), country("US", "United States of America"),
    country("RU", "Russian Federation"), country("AE", "United Arab Emirates"),
    country("CY", "Cyprus"), country("MC", "Monaco"),
)  # fmt: skip

# code, name, legal suffix, identifier scheme name, registered-agent address
SECRECY_JURISDICTIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("VG", "British Virgin Islands", "Ltd", "BVI Registry of Corporate Affairs",
     "Trident Chambers, Wickhams Cay 1, Road Town, Tortola"),
    ("KY", "Cayman Islands", "Ltd", "Cayman Islands General Registry",
     "PO Box 309, Ugland House, Grand Cayman"),
    ("PA", "Panama", "S.A.", "Registro Público de Panamá",
     "Edificio Arango-Orillac, Calle 54 Este, Ciudad de Panamá"),
    ("SC", "Seychelles", "Ltd", "Seychelles Financial Services Authority",
     "Suite 1, Second Floor, Sound & Vision House, Victoria, Mahé"),
    ("BZ", "Belize", "Ltd", "Belize Companies and Corporate Affairs Registry",
     "60 Market Square, Belize City"),
    ("AE", "United Arab Emirates", "FZE", "RAK International Corporate Centre",
     "Office 1402, Jumeirah Lake Towers, Dubai"),
    ("CY", "Cyprus", "Ltd", "Cyprus Department of Registrar of Companies",
     "Arch. Makariou III 155, Limassol"),
    ("LU", "Luxembourg", "S.à r.l.", "Registre de Commerce et des Sociétés Luxembourg",
     "2, rue Eugène Ruppert, Luxembourg"),
    ("JE", "Jersey", "Limited", "Jersey Financial Services Commission Registry",
     "44 Esplanade, St Helier"),
    ("GG", "Guernsey", "Limited", "Guernsey Registry", "Trafalgar Court, St Peter Port"),
    ("IM", "Isle of Man", "Limited", "Isle of Man Companies Registry",
     "Clinch's House, Lord Street, Douglas"),
)  # fmt: skip

SECRECY_WEIGHTS = (22, 14, 10, 8, 5, 7, 10, 6, 7, 5, 6)

TRUST_JURISDICTIONS = (GB, country("JE", "Jersey"), country("GG", "Guernsey"),
                       country("KY", "Cayman Islands"), country("IM", "Isle of Man"))  # fmt: skip

PEP_ROLES = (
    "Member of Parliament (House of Commons)",
    "Member of the House of Lords",
    "Minister of State",
    "Ambassador",
    "Judge of the High Court",
    "Senior officer of the armed forces",
    "Board member of a state-owned enterprise",
    "Member of a regional assembly",
)

UNSPECIFIED_TEXT: dict[str, str] = {
    "subjectUnableToConfirmOrIdentifyBeneficialOwner":
        "The company knows or has reasonable cause to believe there is a registrable person "
        "but has not been able to identify them.",
    "noBeneficialOwners": "The company knows or has reasonable cause to believe that there is "
                          "no registrable person.",
    "informationUnknownToPublisher": "The owners of this foreign entity are not on record.",
    "interestedPartyExemptFromDisclosure": "Protected person: details withheld from the "
                                           "public register.",
}  # fmt: skip


def entity_kind(kind: str, details: str, subtype: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": kind, "details": details}
    if subtype is not None:
        out["subtype"] = subtype
    return out
