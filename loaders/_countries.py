"""Countries, nationalities and jurisdictions as ISO 3166-1 alpha-2 codes.

Registers give countries as free text: demonyms (``British``), names (``England & Wales``),
ICIJ's own jurisdiction codes (``BVI``, ``SAM``) or ISO alpha-3 codes. Loaders keep the raw
text as the jurisdiction's ``name`` and add the ISO code when one is known, so nothing is lost
when a value is not a country at all (``West Yorkshire``).

Sources, all permissive: the demonym and ICIJ tables below were written by hand for this
project (no rows were copied from the AGPL ``demonyms.csv`` of bods-uk-psc-pipeline); other
names, codes and demonyms fall back to FollowTheMoney's country type (MIT, backed by the
``rigour`` territory data).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from bo_graph.model.records import Jurisdiction

# Common demonyms and register spellings -> ISO 3166-1 alpha-2 (hand-written).
_DEMONYMS = """
afghan AF; albanian AL; algerian DZ; american US; andorran AD; angolan AO; argentine AR;
argentinian AR; armenian AM; australian AU; austrian AT; azerbaijani AZ; bahamian BS;
bahraini BH; bangladeshi BD; barbadian BB; belarusian BY; belgian BE; belizean BZ;
bermudian BM; bermudan BM; bolivian BO; bosnian BA; botswanan BW; brazilian BR; british GB;
british citizen GB; british national GB; bruneian BN; bulgarian BG; burmese MM; cambodian KH;
cameroonian CM; canadian CA; caymanian KY; channel islander GB; chilean CL; chinese CN;
citizen of the united states US; colombian CO; congolese CD; costa rican CR; croatian HR;
cuban CU; cypriot CY; czech CZ; danish DK; dominican DO; dutch NL; ecuadorean EC;
ecuadorian EC; egyptian EG; emirati AE; english GB; eritrean ER; estonian EE; ethiopian ET;
fijian FJ; filipino PH; finnish FI; french FR; georgian GE; german DE; ghanaian GH;
gibraltarian GI; greek GR; grenadian GD; guyanese GY; hong konger HK; hong kong HK;
hungarian HU; icelandic IS; indian IN; indonesian ID; iranian IR; iraqi IQ; irish IE;
israeli IL; italian IT; ivorian CI; jamaican JM; japanese JP; jordanian JO; kazakh KZ;
kazakhstani KZ; kenyan KE; kosovan XK; kuwaiti KW; latvian LV; lebanese LB; libyan LY;
liechtenstein LI; lithuanian LT; luxembourger LU; luxembourgish LU; macedonian MK;
malagasy MG; malawian MW; malaysian MY; maltese MT; manx IM; mauritian MU; mexican MX;
moldovan MD; monegasque MC; mongolian MN; montenegrin ME; moroccan MA; mozambican MZ;
namibian NA; nepalese NP; new zealander NZ; nigerian NG; northern irish GB; norwegian NO;
omani OM; pakistani PK; palestinian PS; panamanian PA; paraguayan PY; peruvian PE;
polish PL; portuguese PT; qatari QA; romanian RO; russian RU; rwandan RW; saudi SA;
saudi arabian SA; scottish GB; senegalese SN; serbian RS; seychellois SC; sierra leonean SL;
singaporean SG; slovak SK; slovakian SK; slovenian SI; somali SO; south african ZA;
south korean KR; spanish ES; sri lankan LK; sudanese SD; swedish SE; swiss CH; syrian SY;
taiwanese TW; tanzanian TZ; thai TH; trinidadian TT; tunisian TN; turkish TR; ugandan UG;
ukrainian UA; uruguayan UY; uzbek UZ; venezuelan VE; vietnamese VN; welsh GB; yemeni YE;
zambian ZM; zimbabwean ZW
"""

# Names registers use for the United Kingdom and its parts -> GB.
_UK_NAMES = """
united kingdom; uk; u.k.; great britain; gb; gbr; england; wales; scotland;
northern ireland; england & wales; england and wales; england/wales; england & scotland
"""

# ICIJ Offshore Leaks jurisdiction codes that are not ISO codes -> ISO 3166-1 alpha-2.
ICIJ_JURISDICTIONS: dict[str, str] = {
    "ANG": "AI",
    "BAH": "BS",
    "BLZ": "BZ",
    "BVI": "VG",
    "CAYMN": "KY",
    "COOK": "CK",
    "CRI": "CR",
    "CYP": "CY",
    "DUBAI": "AE",
    "HK": "HK",
    "IOM": "IM",
    "JSY": "JE",
    "LABUA": "MY",
    "MALTA": "MT",
    "MAU": "MU",
    "NEV": "KN",
    "NIUE": "NU",
    "NZL": "NZ",
    "PMA": "PA",
    "RAK": "AE",
    "SAM": "WS",
    "SEY": "SC",
    "SGP": "SG",
    "STLU": "LC",
    "UK": "GB",
    "URU": "UY",
    "USDE": "US",
    "WYO": "US",
    "NV": "US",
    "BM": "BM",
    "MARSH": "MH",
    "VAN": "VU",
    "LIBER": "LR",
    "KNA": "KN",
    "GUER": "GG",
    "AW": "AW",
}

#: ICIJ codes that say the jurisdiction is unknown or not a single country.
ICIJ_NO_COUNTRY = frozenset({"XXX", "FOREIGN", "UNKNOWN", ""})


def _table(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in text.replace("\n", " ").split(";"):
        words = item.split()
        if len(words) >= 2:
            out[" ".join(words[:-1])] = words[-1]
    return out


DEMONYMS: dict[str, str] = _table(_DEMONYMS)
UK_NAMES = frozenset(n.strip() for n in _UK_NAMES.replace("\n", " ").split(";") if n.strip())


@lru_cache(maxsize=4096)
def country_code(value: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code for a country name, demonym or ISO code; ``None`` if the
    text names no known country."""
    if not value:
        return None
    key = " ".join(value.lower().replace("citizen of ", "").split())
    if key.startswith("the "):
        key = key[4:]
    if key in UK_NAMES:
        return "GB"
    if key in DEMONYMS:
        return DEMONYMS[key]
    countries = _ftm_countries()
    if len(key) == 2 and key not in countries.names:
        return None  # not an ISO code; the fuzzy lookup would guess one
    found = str(countries.clean_text(key) or "")
    if not found or found in ("zz", "eu") or (found.startswith("x") and found != "xk"):
        return None
    return found[:2].upper()


@cache
def _ftm_countries() -> Any:
    """FollowTheMoney's country type, imported on first use (it is slow to import)."""
    from followthemoney.types import registry

    return registry.country


@lru_cache(maxsize=512)
def country_name(code: str) -> str | None:
    """The English name of an ISO 3166-1 alpha-2 code (``DK`` -> ``Denmark``); ``None`` if the
    code is unknown."""
    name = _ftm_countries().names.get(code.strip().lower())
    return str(name) if name else None


_NOT_THE_COUNTRY = re.compile(
    r"\bnew (?:jersey|mexico)\b|\bgeorgia\b.*\b(?:state|usa?)\b"
    r"|\b(?:state|usa?)\b.*\bgeorgia\b"
)
"""US states named like countries (New Jersey, New Mexico, the state of Georgia)."""


@cache
def _country_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern matching any country name as whole words, and each name's ISO code."""
    codes = {
        str(name).lower(): code.upper()
        for code, name in _ftm_countries().names.items()
        if len(code) == 2 and name
    }
    ordered = sorted(codes, key=len, reverse=True)  # "papua new guinea" before "guinea"
    return re.compile(r"\b(" + "|".join(map(re.escape, ordered)) + r")\b"), codes


@lru_cache(maxsize=1024)
def country_named_in(value: str | None) -> Jurisdiction | None:
    """The one country a free text names (``The Companies Ordinance Of The Laws Of Gibraltar``
    -> Gibraltar, GI; a place of birth ``Izhevsk, Russia`` -> Russia, RU): the whole text as a
    country first, then country names within it. The name is the country's, never the text (a
    town in it is no country, and the public tier shows a place of birth's country only).
    ``None`` when it names none, several, or a US state named like a country."""
    found = jurisdiction(value)
    if found is None or found.code is not None:
        return found
    text = (found.name or "").lower()
    if _NOT_THE_COUNTRY.search(text):
        return None
    pattern, codes = _country_names()
    named = {codes[match.group(1)] for match in pattern.finditer(text)}
    if len(named) != 1:
        return None
    code = named.pop()
    return Jurisdiction(name=country_name(code) or code, code=code)


@lru_cache(maxsize=8192)
def jurisdiction(value: str | None) -> Jurisdiction | None:
    """The raw text as the name, with its ISO code when known."""
    text = (value or "").strip()
    if not text:
        return None
    return Jurisdiction(name=text, code=country_code(text))


@lru_cache(maxsize=4096)
def nationalities(value: str | None) -> tuple[Jurisdiction, ...]:
    """A nationality field (``"British"``, ``"British,Irish"``) as jurisdictions."""
    if not value:
        return ()
    parts = [p.strip() for p in value.replace(";", ",").replace("/", ",").split(",")]
    return tuple(j for j in map(jurisdiction, parts) if j is not None)


@lru_cache(maxsize=1024)
def icij_code(code: str | None, description: str | None = None) -> str | None:
    """ISO alpha-2 for an ICIJ jurisdiction code (``BVI`` -> ``VG``), trying ISO codes and
    the jurisdiction's description after ICIJ's own table."""
    key = (code or "").strip().upper()
    if key in ICIJ_NO_COUNTRY and not description:
        return None
    if key in ICIJ_JURISDICTIONS:
        return ICIJ_JURISDICTIONS[key]
    if len(key) in (2, 3) and key not in ICIJ_NO_COUNTRY:
        found = country_code(key)
        if found:
            return found
    return country_code(description) if description else None
