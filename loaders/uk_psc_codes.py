"""Companies House PSC code lists: natures of control as BODS interests, PSC statements as
BODS unspecified reasons.

Natures of control are parsed, not listed: ``<base>[-<band>][-as-trust|-as-firm][-limited-
liability-partnership][-registered-overseas-entity]``. Bands follow Companies House's wording,
whose ends differ: ``25-to-50`` is (25, 50], ``50-to-75`` is (50, 75), ``75-to-100`` is
[75, 100] and the overseas-entity ``more-than-25`` is (25, 100]. ``as-trust``/``as-firm`` mean
the person controls a trust or firm that holds the interest: the interest is indirect. The
register's own code is kept in the interest's ``details``.
"""

from __future__ import annotations

from functools import lru_cache

from bo_graph.model.codes import DirectOrIndirect, InterestType, UnspecifiedReason
from bo_graph.model.records import Interest
from bo_graph.model.share import Share

#: Nature prefixes, longest first so that ``part-right-...`` wins over ``right-...``.
NATURE_BASES: tuple[tuple[str, InterestType], ...] = (
    ("part-right-to-share-surplus-assets", InterestType.RIGHTS_TO_SURPLUS_ASSETS_ON_DISSOLUTION),
    ("right-to-share-surplus-assets", InterestType.RIGHTS_TO_SURPLUS_ASSETS_ON_DISSOLUTION),
    ("right-to-appoint-and-remove-directors", InterestType.APPOINTMENT_OF_BOARD),
    ("right-to-appoint-and-remove-members", InterestType.APPOINTMENT_OF_BOARD),
    ("right-to-appoint-and-remove-person", InterestType.APPOINTMENT_OF_BOARD),
    ("significant-influence-or-control", InterestType.OTHER_INFLUENCE_OR_CONTROL),
    ("ownership-of-shares", InterestType.SHAREHOLDING),
    ("voting-rights", InterestType.VOTING_RIGHTS),
)

BANDS: dict[str, Share] = {
    "25-to-50-percent": Share(25.0, 50.0, lower_open=True),
    "50-to-75-percent": Share(50.0, 75.0, lower_open=True, upper_open=True),
    "75-to-100-percent": Share(75.0, 100.0),
    "more-than-25-percent": Share(25.0, 100.0, lower_open=True),
}

_NO_OWNER = UnspecifiedReason.NO_BENEFICIAL_OWNERS
_UNABLE = UnspecifiedReason.SUBJECT_UNABLE_TO_CONFIRM
_NOT_PROVIDED = UnspecifiedReason.INTERESTED_PARTY_NOT_PROVIDED

#: PSC statement codes (``statement``), with Companies House's spelling "signficant".
STATEMENT_REASONS: dict[str, UnspecifiedReason] = {
    "no-individual-or-entity-with-signficant-control": _NO_OWNER,
    "no-individual-or-entity-with-signficant-control-partnership": _NO_OWNER,
    "no-beneficial-owner-identified": _NO_OWNER,
    "steps-to-find-psc-not-yet-completed": _UNABLE,
    "steps-to-find-psc-not-yet-completed-partnership": _UNABLE,
    "psc-exists-but-not-identified": _UNABLE,
    "psc-exists-but-not-identified-partnership": _UNABLE,
    "psc-details-not-confirmed": _UNABLE,
    "psc-details-not-confirmed-partnership": _UNABLE,
    "at-least-one-beneficial-owner-unidentified": _UNABLE,
    "psc-contacted-but-no-response": _NOT_PROVIDED,
    "psc-contacted-but-no-response-partnership": _NOT_PROVIDED,
    "restrictions-notice-issued-to-psc": _NOT_PROVIDED,
    "restrictions-notice-issued-to-psc-partnership": _NOT_PROVIDED,
    "psc-has-failed-to-confirm-changed-details": _NOT_PROVIDED,
    "psc-has-failed-to-confirm-changed-details-partnership": _NOT_PROVIDED,
    "information-not-provided-for-at-least-one-beneficial-owner": _NOT_PROVIDED,
    "at-least-one-beneficial-owner-unidentified-and-information-not-provided-for-at-least-one-"
    "beneficial-owner": _NOT_PROVIDED,
}

#: Statements that declare every owner known: no unspecified party follows from them.
INFORMATIONAL_STATEMENTS = frozenset({"all-beneficial-owners-identified"})

#: Unspecified parties of the other opaque kinds.
SUPER_SECURE_REASON = UnspecifiedReason.INTERESTED_PARTY_EXEMPT
EXEMPTION_REASON = UnspecifiedReason.SUBJECT_EXEMPT

_SHARED = (
    InterestType.SHAREHOLDING,
    InterestType.VOTING_RIGHTS,
    InterestType.RIGHTS_TO_SURPLUS_ASSETS_ON_DISSOLUTION,
)


def nature_interest(
    code: str, *, beneficial: bool | None, start: str | None, end: str | None
) -> Interest | None:
    """The interest a nature of control code stands for; ``None`` for an unknown base."""
    parsed = parse_nature(code)
    if parsed is None:
        return None
    kind, share, level = parsed
    return Interest(kind, level, beneficial, share, start, end, code)


@lru_cache(maxsize=1024)
def parse_nature(code: str) -> tuple[InterestType, Share | None, DirectOrIndirect] | None:
    """The interest type, share band and directness a nature of control code gives."""
    found = next(((p, k) for p, k in NATURE_BASES if code.startswith(p)), None)
    if found is None:
        return None
    prefix, kind = found
    rest = code[len(prefix) :]
    share = next((s for band, s in BANDS.items() if band in rest), None)
    indirect = "-as-trust" in rest or "-as-firm" in rest
    level = DirectOrIndirect.INDIRECT if indirect else DirectOrIndirect.UNKNOWN
    return kind, share if kind in _SHARED else None, level


def unknown_nature(
    code: str, beneficial: bool | None, start: str | None, end: str | None
) -> Interest:
    """A nature this loader does not know: kept as an unknown interest with the code."""
    return Interest(
        type=InterestType.UNKNOWN_INTEREST,
        beneficial_ownership_or_control=beneficial,
        start_date=start,
        end_date=end,
        details=code,
    )
