"""Whether an ICIJ officer or intermediary is a company: ICIJ does not say, so the name decides,
and for a 2016 client (intermediary) record also what ICIJ gives as its business.

- A legal-form or firm word anywhere makes an entity: Ltd, Limited, Inc, GmbH, Foundation,
  Trust, Nominees, Sdn Bhd, S.à r.l., S.A. de C.V., & Cie, Lawyers, Banque, ... (whole words).
  Words that name a firm and no person: Spanish Estudio and Bufete (a law or accounting
  practice: "ESTUDIO CHADICOV"), Consultores, and "law firm", "law office(s)" ("Law" alone is a
  surname).
- Short forms that are also initials (AG, N.V., B.V.) count after the name, never as its first
  token: "N.V. RAO" and "AG SMITH" are people.
- Short forms that are also words or name parts (Norway/Denmark AS, Sweden AB, Finland Oyj,
  Japan KK) count only as the last token: "NORSK HYDRO AS", but "Ole As Berg", "AHMAD AB RAHMAN".
- SA, CO and OY are also personal names (Portuguese Sá, Vietnamese Cồ, "LEE OY", "LI CO"): they
  count where written as a legal form, never as the first token:

  - after a comma, "&" or "and": "CONSULTORES LEGALES, S. A.", "RAWI & CO.", "PARTNERS and Co.";
  - dotted, at the end of the name or before punctuation: "FAVONA S.A.", "MED ENERGY S.A.L.",
    "UBS (FRANCE) S.A.", "CONSULTING S.A. (INTERCONSULT)" (dotted initials inside a name,
    "MOHAMMED S.A. KHAN", are not a legal form);
  - a bare "SA" at the end ("AGEFOR SA", a Geneva service provider) only for an intermediary:
    ICIJ's intermediaries are mostly law firms, banks and service providers, its officers
    mostly people, so an officer "JOSE DA SILVA SA" is a person (and an officer "PETROBRAS SA"
    would be too: ICIJ mostly writes a company officer's form dotted, "PETROBRAS S.A.").
    A bare "CO" or "OY" never counts: "LI CO", "LEE OY" are people in either file.
- SAL (Lebanon's société anonyme libanaise, Spain's sociedad anónima laboral) is also a given
  name (Sal) and a surname: dotted "S.A.L." counts as above; a bare "SAL" only as the last token
  of an intermediary's name without a comma ("AFREX SAL"; "SMITH, SAL" is Sal Smith written
  surname first, and an officer "JOHN SAL" is a person).
- P.A. (a US professional association) is also a pair of initials ("GARCIA LOPEZ, P.A." is
  P. A. García López written surname first): it counts only dotted, after a comma, ending a
  name whose part before the comma joins names with "/", "&" or "and" ("ROCA/GONZALEZ, P.A.").
- Law and accounting firms are named after their partners, as no person is:

  - three or more single names between commas, the last joined with "&", "/" or "and":
    "JUNOD, MUHLSTEIN, LEVY & PUDER" (not "SMITH, JOHN & MARY", a couple written surname first,
    nor a list of full names, "PAMELA SHARPLES, DAVID SHARPLES, ANDREW HINE": people);
  - one name twice around "&" or "and", ending the name: "CHILD & CHILD", "ARIAS, FABREGA &
    FABREGA" (not "JOHN & MARY SMITH", nor the Spanish double surname "ALVARO PINTO PINTO").
- A client record's ``activity`` (2016 visualisation data) that names an organisation, its
  last word (of each part between "," or "/") being Firm, Bank, Company or Co.: "LAW FIRM"
  ("TRENACO COLOMBIA"), "BANK", "TRUST CO.", "MANAGEMENT COMPANY". Activities that name a
  trade make no firm: ICIJ gives "LAWYERS", "ATTORNEY", "CORPORATE SERVICE PROVIDER" for people
  too ("DR GALO CHIRIBOGA ZAMBRANO", "VAN VUUREN, ANTHONY JANSE"), and "OFFSHORE COMPANY
  MANAGER", "COMPANY & TRUST ADMINISTRATION" name a trade. A client's ``former_name`` is no
  evidence: the person "FRANCISCO IBANEZ CONCHA" has "SOCIEDAD LEGAL MINERA LAS CENIZAS".
"""

from __future__ import annotations

import re

_WORDS = re.compile(
    r"\b(ltd|limited|inc|incorporated|corp|corporation|llc|plc|gmbh|"
    r"company|foundation|fundaci[oó]n|stiftung|trust|trustees?|anstalt|establishment|"
    r"holdings?|group|partners|llp|lp|bank|fund|services|s\.?a\.?r\.?l|srl|s\.?p\.?a|sas|"
    r"nominees?|investments?|enterprises?|international|management|consultants?|"
    # Mexico "S.A. de C.V."; Malaysia, Singapore, Australia, Latin America, Portugal, Czechia
    r"s\.?\s?a\.?\s+de\s+c\.?\s?v|"
    r"sdn|bhd|pte|pty|ltda|lda|s\.?\s?r\.?\s?o|s\.?\s?[aà]\.?\s?r\.?\s?l|"
    # "& Cie" (et compagnie), professional firms, banks, foundations
    r"cie|fiduciaire|fiduciaria|lawyers|attorneys|advocates|solicitors|abogados|asociados|"
    r"associates|accountants|partner|banque|banco|fondation|fundacao|funda[cç][aã]o|"
    r"estudio|bufete|consultores|law\s+firm|law\s+offices?)\b\.?",
    re.IGNORECASE,
)
_AFTER_NAME = re.compile(r"\S[\s,&(]+(ag|b\.?v|n\.?v)\b", re.IGNORECASE)
_LAST = re.compile(r"\S[\s,]+(a/?s|ab|oyj|k\.?k)\.?\s*$", re.IGNORECASE)

_NAME_LIKE = r"s\.?\s?a|co|oy"
_MARKED = re.compile(rf"\S\s*(?:,|&|\band\b)\s*({_NAME_LIKE})\b", re.IGNORECASE)
_DOTTED = re.compile(
    r"\S\s+(s\.\s?a\.?(?:[a-z]\.?)?|co\.|oy\.)(?=\s*(?:$|[,(\[/-]))", re.IGNORECASE
)
_BARE_SA_LAST = re.compile(r"\S[\s,]+(s\s?a)\s*$", re.IGNORECASE)
_BARE_SAL_LAST = re.compile(r"^[^,]*[^\s,]\s+(sal)\s*$", re.IGNORECASE)
_JOINED_PA = re.compile(
    r"^[^,]*[^\W\d_]\s*(?:/|&|\band\b)\s*[^\W\d_][^,]*,\s*(p\.\s?a\.?)\s*$", re.IGNORECASE
)

# one name: letters, at most joined by an apostrophe or hyphen (O'BRIEN, GOMEZ-ACEBO), its last
# part two letters or more (an initial is no name)
_NAME = r"(?:[^\W\d_]+['\u2019-])*[^\W\d_]{2,}"
_NAME_LIST = re.compile(
    rf"^\s*{_NAME}(?:\s*,\s*{_NAME}){{2,}}\s*(?:&|/|\band\b)\s*{_NAME}\s*$", re.IGNORECASE
)
_SAME_NAME_TWICE = re.compile(rf"(?:^|,)\s*({_NAME})\s*(?:&|\band\b)\s*\1\s*$", re.IGNORECASE)
_FIRM_ACTIVITY = {"firm", "bank", "company", "co", "co."}


def looks_legal(name: str, *, intermediary: bool = False, activity: str | None = None) -> bool:
    """Whether an officer's (or, with ``intermediary``, an intermediary's) name is a company's;
    ``activity``: the business ICIJ gives for a 2016 client record, if any."""
    if _WORDS.search(name) or _AFTER_NAME.search(name) or _LAST.search(name):
        return True
    if _MARKED.search(name) or _DOTTED.search(name) or _JOINED_PA.search(name):
        return True
    if _NAME_LIST.search(name) or _SAME_NAME_TWICE.search(name) or _firm_activity(activity):
        return True
    return intermediary and bool(_BARE_SA_LAST.search(name) or _BARE_SAL_LAST.search(name))


def _firm_activity(activity: str | None) -> bool:
    """Whether an activity names an organisation ("LAW FIRM", "TRUST CO."), not a trade."""
    for part in re.split(r"[,/;]", activity or ""):
        words = part.split()
        if words and words[-1].lower() in _FIRM_ACTIVITY:
            return True
    return False
