"""Whether an ICIJ officer or intermediary is a company: ICIJ does not say, so the name decides.

- A legal-form or firm word anywhere makes an entity: Ltd, Limited, Inc, GmbH, Foundation,
  Trust, Nominees, Sdn Bhd, S.à r.l., S.A. de C.V., & Cie, Lawyers, Banque, ... (whole words).
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
    r"associates|accountants|partner|banque|banco|fondation|fundacao|funda[cç][aã]o)\b\.?",
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


def looks_legal(name: str, *, intermediary: bool = False) -> bool:
    """Whether an officer's (or, with ``intermediary``, an intermediary's) name is a company's."""
    if _WORDS.search(name) or _AFTER_NAME.search(name) or _LAST.search(name):
        return True
    if _MARKED.search(name) or _DOTTED.search(name):
        return True
    return intermediary and bool(_BARE_SA_LAST.search(name))
