"""Codes and words the rules look for in register text.

UK PSC and ROE statement codes and the super-secure description keys are the values of
Companies House ``api-enumerations`` (``psc_descriptions.yml``); the PSC loader puts them in the
description of the unspecified party it makes for a statement. GLEIF Level 2 reporting
exception reasons are the values of the GLEIF relationship-record exception file; a GLEIF loader
puts them in the unspecified party's description or the relationship's interest details.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from bo_graph.analysis.opacity.flags import Severity

PSC_STATEMENTS: Mapping[str, Severity] = {
    "psc-exists-but-not-identified": Severity.HIGH,
    "restrictions-notice-issued-to-psc": Severity.HIGH,
    "psc-contacted-but-no-response": Severity.HIGH,
    "psc-has-failed-to-confirm-changed-details": Severity.HIGH,
    "psc-details-not-confirmed": Severity.MEDIUM,
    "steps-to-find-psc-not-yet-completed": Severity.MEDIUM,
    "awaiting-confirmation-from-psc": Severity.MEDIUM,
    "no-individual-or-entity-with-signficant-control": Severity.LOW,
    "no-beneficial-owner-identified": Severity.HIGH,
    "at-least-one-beneficial-owner-unidentified": Severity.HIGH,
    "information-not-provided-for-at-least-one-beneficial-owner": Severity.MEDIUM,
    "at-least-one-beneficial-owner-unidentified-and-information-not-provided-for-at-least-one"
    "-beneficial-owner": Severity.HIGH,
}
"""UK PSC statements (and ``-partnership`` variants) and ROE statements that no beneficial owner
is identified, strongest first: "exists but not identified" or "restrictions notice" > "no
response" > "not confirmed" > "none registrable" (catalogue item 2)."""

SUPER_SECURE = (
    "super-secure-persons-with-significant-control",
    "super-secure-person-with-significant-control",
    "super-secure-beneficial-owner",
)

GLEIF_EXCEPTIONS: Mapping[str, Severity] = {
    "NON_PUBLIC": Severity.HIGH,
    "NO_KNOWN_PERSON": Severity.HIGH,
    "BINDING_LEGAL_COMMITMENTS": Severity.HIGH,
    "LEGAL_OBSTACLES": Severity.HIGH,
    "DISCLOSURE_DETRIMENTAL": Severity.HIGH,
    "DETRIMENT_NOT_EXCLUDED": Severity.HIGH,
    "CONSENT_NOT_OBTAINED": Severity.HIGH,
    "NO_LEI": Severity.MEDIUM,
    "NON_CONSOLIDATING": Severity.MEDIUM,
    "NATURAL_PERSONS": Severity.LOW,
}
"""GLEIF reporting exception reasons (and the older NON_PUBLIC sub-reasons)."""

NOMINEE_WORDS = re.compile(
    r"\bnominee\b|\bnominee[- ](?:director|secretary|shareholder)|\bnominator\b", re.IGNORECASE
)
BEARER_WORDS = re.compile(
    r"\bbearer[- ](?:shares?|share[- ]warrants?|warrants?|form|certificates?)\b"
    r"|\bshares?\s+(?:issued\s+|held\s+)?(?:in|to)\s+bearer\b|\bau porteur\b|\bal portador\b"
    r"|\binhaberaktie",
    re.IGNORECASE,
)
"""Names that stand for whoever holds bearer shares (English, Spanish, Portuguese, French,
Italian, Dutch), compared with the whole name folded (case, accents, punctuation): ICIJ files
"EL PORTADOR" and "THE BEARER" as shareholders. German "Inhaber" (also: owner) is left out."""
NO_BEARER = re.compile(
    r"\bno\s+bearer\b|\bbearer[^.;]*\b(?:prohibited|abolished|converted|immobili[sz]ed|"
    r"cancelled)\b",
    re.IGNORECASE,
)
FOUNDATION_WORDS = re.compile(
    r"\b(?:foundation|stiftung|stichting|fundaci[oó]n|funda[cç][aã]o|fondation|fondazione|"
    r"anstalt|private interest foundation|fundatie)\b",
    re.IGNORECASE,
)
PARTNERSHIP_WORDS = re.compile(
    r"\b(?:limited partnership|l\.?p\.?|s\.?l\.?p\.?|scottish limited partnership|"
    r"kommanditgesellschaft|kg|soci[eé]t[eé] en commandite)\s*$|-as-firm\b",
    re.IGNORECASE,
)
TRUST_NATURE = re.compile(r"-as-(?:control-over-)?trust\b", re.IGNORECASE)
CORPORATE_OFFICER = re.compile(
    r"\bcorporate[- ](?:director|secretary|nominee[- ]director|llp[- ]member|member|"
    r"general[- ]partner|trustee|officer)",
    re.IGNORECASE,
)
PLACEHOLDER_NAME = re.compile(
    r"^\W*(?:unknown|n/?a|none|null|test|tbc|tba|not known|x+|\?+|-+|\.+)\W*$", re.IGNORECASE
)


_TOKEN = re.compile(r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*")


def codes_in(text: str, codes: Iterable[str]) -> list[str]:
    """The codes (kebab-case, or upper snake case matched case-sensitively) that occur in
    ``text`` as whole tokens; a UK ``-partnership`` variant counts as its code."""
    if not text:
        return []
    tokens = set(_TOKEN.findall(text))
    folded = {t.lower().removesuffix("-partnership") for t in tokens if "-" in t}
    return [c for c in codes if (c in tokens if c.isupper() else c in folded)]


def strongest(codes: Iterable[str], table: Mapping[str, Severity]) -> Severity:
    return max((table[c] for c in codes), key=lambda s: s.value, default=Severity.LOW)
