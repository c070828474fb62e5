"""Checks on one BODS 0.4 statement alone, for :mod:`loaders.bods_checks`, and their code lists.

Each function returns :class:`Problem` items named by the lib-cove-bods check type. The code
lists are kept offline:

- ``ISO_3166_ALPHA3``: the 249 ISO 3166-1 alpha-3 country codes (snapshot of the pycountry
  26.2.16 database);
- ``OTHER_COUNTRY_CODES``: the non-ISO codes of travel documents (ICAO 9303 user-assigned codes
  such as ``D`` for Germany or ``GBD`` for British dependent territories) that lib-cove-bods also
  accepts in a person identifier scheme;
- ``ORG_ID_PREFIXES``: the list codes of the org-id.guide register (552 lists, snapshot of its
  ``download.json`` as bundled in the ``org-id`` 0.1.1 package), the list lib-cove-bods
  downloads. An unknown scheme is only a warning, so a stale snapshot costs no data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, NamedTuple

from bo_graph.exc import RecordError
from bo_graph.model.share import parse_share

EARLIEST = date(1800, 1, 1)
LIFESPAN_DAYS = 43830  # 120 years, as lib-cove-bods
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T)")
_SHARE = "statement_relationship_interests"
_LOWER, _UPPER = ("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")
_ID_SCHEME = "expected an identifier scheme <ISO 3166-1 alpha-3>-<PASSPORT|TAXID|IDCARD>"


class Problem(NamedTuple):
    code: str
    message: str
    reject: bool = False


def parse_date(value: Any) -> date | None:
    """The date of a BODS ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or date-time value, or None."""
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def mappings(raw: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = raw.get(key)
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def statement_problems(raw: Mapping[str, Any], today: date) -> list[Problem]:
    """What is wrong with ``raw`` on its own: dates, pointers, identifiers, shares."""
    details, kind = mapping(raw.get("recordDetails")), raw.get("recordType")
    out = _dates(raw, today)
    if kind == "person":
        out += _person(details, today)
    elif kind == "entity":
        out += _entity(details)
    elif kind == "relationship":
        out += _interests(details)
    return out


def _future(code: str, field: str, value: Any, today: date) -> list[Problem]:
    when = parse_date(value)
    if when is None or when <= today:
        return []
    return [Problem(code, f"expected {field} not after {today}, found {value!r}")]


def _dates(raw: Mapping[str, Any], today: date) -> list[Problem]:
    retrieved = mapping(raw.get("source")).get("retrievedAt")
    published = mapping(raw.get("publicationDetails")).get("publicationDate")
    out = _future(
        "statement_source_retrieved_at_future_date", "source.retrievedAt", retrieved, today
    )
    out += _future(
        "statement_date_is_future_date", "statementDate", raw.get("statementDate"), today
    )
    out += _future("statement_publication_date_is_future_date", "publicationDate", published, today)
    for note in mappings(raw, "annotations"):
        created = note.get("creationDate")
        out += _future(
            "statement_annotation_creation_date_is_future_date",
            "annotation creationDate",
            created,
            today,
        )
        pointer = note.get("statementPointerTarget", "")
        if not _resolves(raw, pointer):
            message = f"expected a statementPointerTarget into the statement, found {pointer!r}"
            out.append(Problem("annotation_statement_pointer_target_invalid", message))
    return out


def _resolves(doc: Any, pointer: Any) -> bool:
    """True if the JSON pointer (RFC 6901) ``pointer`` points at something inside ``doc``."""
    if pointer == "":
        return True
    if not isinstance(pointer, str) or not pointer.startswith("/"):
        return False
    for token in pointer[1:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(doc, Mapping) and token in doc:
            doc = doc[token]
        elif isinstance(doc, list) and token.isdigit() and str(int(token)) == token:
            if int(token) >= len(doc):
                return False
            doc = doc[int(token)]
        else:
            return False
    return True


def _person(details: Mapping[str, Any], today: date) -> list[Problem]:
    born, died = details.get("birthDate"), details.get("deathDate")
    birth, death = parse_date(born), parse_date(died)
    out = []
    oldest = EARLIEST if death else max(EARLIEST, today - timedelta(days=LIFESPAN_DAYS))
    if birth is not None and birth > today:
        out.append(
            Problem(
                "statement_person_birth_date_in_future",
                f"expected a birthDate not after {today}, found {born!r}",
            )
        )
    elif birth is not None and birth < oldest:
        out.append(
            Problem(
                "statement_person_birth_date_too_far_in_past",
                f"expected a birthDate from {oldest}, found {born!r}",
            )
        )
    if death is not None and (
        not EARLIEST <= death <= today
        or (birth is not None and not 0 <= (death - birth).days <= LIFESPAN_DAYS)
    ):
        message = (
            f"expected a deathDate from {EARLIEST} to {today}, within 120 years after the "
            f"birthDate, found {died!r} (birthDate {born!r})"
        )
        out.append(Problem("statement_person_death_date_not_sensible_value", message))
    schemes = [i["scheme"] for i in mappings(details, "identifiers") if "scheme" in i]
    return out + [p for scheme in schemes for p in _person_scheme(scheme)]


def _person_scheme(scheme: Any) -> list[Problem]:
    parts = scheme.split("-") if isinstance(scheme, str) else []
    if len(parts) != 2 or not all(parts):
        return [
            Problem("person_identifiers_invalid_composition", f"{_ID_SCHEME}, found {scheme!r}")
        ]
    country, document = parts
    if country not in ISO_3166_ALPHA3 and country not in OTHER_COUNTRY_CODES:
        message = f"{_ID_SCHEME}, found {scheme!r} (unknown country code {country!r})"
        return [Problem("person_identifiers_no_valid_iso_3166_1_alpha_3_code", message)]
    if document not in PERSON_ID_DOCUMENTS:
        message = f"{_ID_SCHEME}, found {scheme!r} (unknown document type {document!r})"
        return [Problem("person_identifiers_not_passport_taxid_idcard", message)]
    return []


def _entity(details: Mapping[str, Any]) -> list[Problem]:
    out = []
    founded, dissolved = details.get("foundingDate"), details.get("dissolutionDate")
    start, end = parse_date(founded), parse_date(dissolved)
    if start is not None and end is not None and start > end:
        message = (
            f"expected a dissolutionDate on or after foundingDate {founded!r}, found {dissolved!r}"
        )
        out.append(Problem("statement_entity_dissolution_before_founding_date", message))
    listing = mapping(details.get("publicListing"))
    if listing.get("securitiesListings") and listing.get("hasPublicListing") is False:
        message = "expected hasPublicListing true as securitiesListings are given, found false"
        out.append(
            Problem("statement_entity_securities_listings_haspubliclisting_is_false", message)
        )
    for ident in mappings(details, "identifiers"):
        if "scheme" in ident and ident["scheme"] not in ORG_ID_PREFIXES:
            message = (
                f"expected an org-id.guide list code (such as GB-COH or XI-LEI) as "
                f"identifier scheme, found {ident['scheme']!r}"
            )
            out.append(Problem("entity_identifiers_not_known_scheme", message))
    return out


def _interests(details: Mapping[str, Any]) -> list[Problem]:
    out = []
    for interest in mappings(details, "interests"):
        start, end = interest.get("startDate"), interest.get("endDate")
        first, last = parse_date(start), parse_date(end)
        if first is not None and last is not None and first > last:
            message = f"expected an interest startDate <= endDate, found {start!r} > {end!r}"
            out.append(Problem(f"{_SHARE}_start_after_end_date", message, reject=True))
        share = interest.get("share")
        if isinstance(share, Mapping):
            problems = _share(share)
            unreadable = bool(problems) and _unreadable(share)
            for code, expected in problems:
                message = f"expected {expected}, found share {dict(share)}"
                out.append(Problem(f"{_SHARE}_{code}", message, unreadable))
    return out


def _share(share: Mapping[str, Any]) -> list[tuple[str, str]]:
    found = []
    if all(k in share for k in _LOWER):
        found.append(("share_min_and_exclusivemin", "either minimum or exclusiveMinimum"))
    elif all(k in share for k in _UPPER):
        found.append(("share_max_and_exclusivemax", "either maximum or exclusiveMaximum"))
    if share.get("exact") not in (None, False) and any(k in share for k in _LOWER + _UPPER):
        return [*found, ("exact_has_min_max", "exact without minimum or maximum")]
    low = next((float(share[k]) for k in _LOWER if _number(share.get(k))), None)
    high = next((float(share[k]) for k in _UPPER if _number(share.get(k))), None)
    if low is not None and high is not None and high < low:
        found.append(("not_exact_max_greater_than_min", "the lower bound <= the upper bound"))
    elif low is not None and low == high:
        found.append(("exact_max_equals_min", "exact rather than equal bounds"))
    return found


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _unreadable(share: Mapping[str, Any]) -> bool:
    """True if the loader cannot read the share (and so refuses the record anyway)."""
    try:
        parse_share(share)
    except RecordError:
        return True
    return False


# --- code lists ---------------------------------------------------------------------------


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


ISO_3166_ALPHA3 = _codes(
    """
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD
    BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR
    COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH
    ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL
    GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR
    JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR
    MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL
    NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY
    PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP
    SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA
    UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
    """
)

OTHER_COUNTRY_CODES = _codes(
    """
    BAH D EUE GBD GBN GBO GBP GBS UNA UNK UNO XBA XIM XCC XCO XEC XPO XOM XXA XXB XXC XXX ZIM
    """
)

PERSON_ID_DOCUMENTS = frozenset({"PASSPORT", "TAXID", "IDCARD"})

ORG_ID_PREFIXES = _codes(
    """
    AD-COA AE-ACCI AE-ADCD AE-AFZ AE-COA AE-DCCI AE-DFSA AE-DIFC AE-DMCC AE-FCCI AE-FFZ AE-HFZA
    AE-RAKIA AE-RK_CR AE-SAIF AE-SCCI AE-UQCCI AF-CBR AF-COA AF-MOE AF-TIN AG-COA AI-COA AL-COA
    AL-QKB AM-COA AM-SRALE AO-COA AQ-COA AR-CENOC AR-COA AR-CUIT AS-COA AT-COA AT-FB AT-UID
    AT-ZVR AU-ABN AU-ACNC AU-COA AW-COA AX-COA AZ-COA AZ-IVI BA-COA BB-COA BD-COA BD-NAB BD-NBR
    BD-ROC BE-BCE_KBO BE-COA BE-GTCF BF-COA BF-MATD BG-COA BG-EIK BH-COA BI-COA BI-NIF BJ-COA
    BJ-IFU BL-COA BM-COA BN-COA BO-CINS BO-COA BO-NIT BQ-COA BR-CNPJ BR-COA BS-COA BT-COA BV-COA
    BW-CIPA BW-COA BW-TIN BY-ADR BY-COA BZ-COA CA-CC CA-COA CA-CRA_ACR CA-GOV CA_AB-ABT
    CA_BC-BRC_CBR CA_MB-MTB CA_NB-NWB_NOB CA_NL-NFL_TNL CA_NS-NVS_NVE CA_NT-NWT_TNO CA_NU-NNV
    CA_ON-ONT CA_PE-PEI_IPE CA_QC-QBC CA_SK-SKN CA_YT-YKT CC-COA CD-COA CD-MJDH CF-COA CG-COA
    CH-COA CH-FDJP CH_BS-CR CI-COA CI-MOI CK-COA CL-COA CL-MP CL-RUT CM-COA CM-NIU CN-COA
    CN-SAIC CN-USCI CO-CCB CO-COA CO-RUE CR-COA CR-RPJ CU-COA CV-COA CW-COA CX-COA CY-COA
    CY-DRCOR CZ-COA CZ-DIC CZ-ICO DE-COA DE-CR DJ-COA DK-COA DK-CVR DM-COA DO-COA DZ-COA EC-COA
    EC-RUC EE-COA EE-KMKR EE-RIK EG-COA EG-CR EG-MOSS EH-COA ER-COA ES-COA ES-DIR3 ES-MDJ ES-NIF
    ES-RMC ET-COA ET-CSA ET-MFA ET-MOT FI-COA FI-PRO FI-VERO FJ-COA FK-COA FM-COA FO-COA FR-COA
    FR-INSEE FR-RCS GA-COA GB-CASC GB-CHC GB-COA GB-COE GB-COH GB-EDU GB-GOR GB-GOV GB-GOVUK
    GB-HESA GB-IRN GB-LAE GB-LANI GB-LAS GB-MPR GB-NHS GB-NIC GB-PLA GB-REV GB-SC GB-SCOTEDU
    GB-SHPE GB-SRS GB-UKPRN GB-WALEDU GD-COA GE-COA GE-NAPR GE-RS GF-COA GG-COA GG-RCE GH-COA
    GH-DSW GH-RGD GH-TIN GI-COA GL-COA GM-COA GN-COA GP-COA GQ-COA GR-COA GS-COA GT-CISP GT-COA
    GT-NIT GT-RPJ GU-COA GW-COA GY-COA HK-COA HK-CR HM-COA HN-COA HN-RTN HR-COA HR-MBS HR-OIB
    HT-COA HU-AFA HU-COA ID-COA ID-DJP ID-KDN ID-KHH ID-KLN ID-PRO ID-SMR IE-CHY IE-COA IE-CRO
    IL-COA IL-RA IL-ROC IM-COA IM-CR IM-GR IN-COA IN-MCA IN-MHA IO-COA IQ-COA IQ-NGO IR-COA
    IS-COA IS-KEN IT-CF IT-COA IT-CUUO IT-RI JE-COA JE-FSC JE-JCR JE-OAC JM-COA JO-CCD JO-COA
    JO-MSD JP-COA JP-JCN KE-COA KE-KRA KE-NCB KE-RCO KE-RSO KG-COA KG-ID KG-INN KG-OKPO KG-TIN
    KH-COA KH-INGO KH-NNGO KH-TIN KI-COA KM-COA KN-COA KP-COA KR-BRN KR-COA KW-COA KY-COA KZ-BIN
    KZ-COA LA-COA LB-COA LB-CR LB-MOI LC-COA LI-COA LK-COA LK-DRC LK-NGO LR-COA LR-MFDPNGO
    LS-COA LS-HEI LS-LCN LT-COA LT-PVM LT-RC LU-COA LU-RCS LV-COA LV-RE LY-COA MA-COA MC-COA
    MC-RCI MD-COA MD-IDNO ME-COA MF-COA MG-COA MG-NIF MH-COA MK-COA ML-CCIM ML-COA ML-MAT ML-NIF
    MM-COA MM-MHA MN-COA MO-COA MP-COA MQ-COA MR-COA MS-COA MT-COA MU-COA MU-CR MV-COA MW-CNM
    MW-COA MW-MRA MW-NBM MW-RG MX-CMX_CPA MX-COA MX-CPA MX-RFC MY-COA MY-SSM MZ-COA MZ-CR MZ-MOJ
    MZ-NUIT NA-BIPA NA-COA NA-NAMRA NC-COA NE-COA NE-DGI NF-COA NG-BPP NG-CAC NG-COA NG-TIN
    NI-COA NL-COA NL-KVK NL-OWMS NO-BRC NO-COA NP-COA NP-CRO NP-IRD NP-SWC NR-COA NU-COA NZ-COA
    OM-COA PA-COA PA-PRP PE-COA PE-RUC PE-SUNARP PF-COA PG-COA PG-IPA PH-COA PH-SEC PK-COA
    PK-NTN PK-PCP PK-SEC PK-VSWA PK_IS-IRT PL-COA PL-KRS PL-NIP PL-REGON PM-COA PN-COA PR-COA
    PS-COA PS-MOI PS-TIN PT-COA PT-NIPPC PW-COA PY-COA PY-PGN PY-RUC QA-COA RE-COA RO-COA RO-CUI
    RS-APR RS-COA RS-PIB RU-COA RU-INN RU-OGRN RW-COA RW-RGB RW-RRA SA-COA SB-BR SB-COA SC-COA
    SD-COA SE-BLV SE-COA SE-KK SE-ON SG-ACRA SG-COA SG-COC SH-COA SI-COA SI-PRS SI-TIN SJ-COA
    SK-COA SK-ICO SK-ORSR SK-ZRSR SL-COA SL-NRA SL-OARG SM-COA SN-COA SN-NINEA SO-COA SO-MPND
    SR-COA SS-COA SS-RRC ST-COA SV-COA SV-NIT SX-COA SY-COA SZ-CIT SZ-COA TC-COA TD-COA TF-COA
    TG-COA TH-COA TH-MOI TH-TIN TJ-COA TJ-TIN TK-COA TL-COA TM-COA TN-COA TN-RNE TO-COA TR-COA
    TR-MERSIS TR-MOI TR-VKN TT-COA TV-COA TW-COA TZ-BRLA TZ-COA TZ-NNCB TZ-TRA UA-COA UA-EDR
    UG-204CBO UG-COA UG-NGB UG-NGO UG-RSB UM-COA US-COA US-DOS US-EIN US-SAM US-USAGOV UY-COA
    UZ-COA UZ-KTUT VA-COA VC-COA VE-COA VG-COA VI-COA VN-COA VN-MOST VN-TIN VU-COA WF-COA WS-COA
    XE-EXAMPLE XI-BRIDGE XI-DUNS XI-EORI XI-GRID XI-IATI XI-LEI XI-PB XI-PID XI-ROR XI-WIKIDATA
    XK-COA XM-DAC XM-OCHA XR-EUCB XR-NUTS YE-COA YE-CR YE-MOPIC YE-MSAL YT-COA ZA-CIP ZA-CIT
    ZA-COA ZA-NPO ZA-PBO ZM-COA ZM-PCR ZM-RNGO ZW-COA ZW-PVO ZW-ROD ZZ-EBID
    """
)
