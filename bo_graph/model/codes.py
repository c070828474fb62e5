"""BODS 0.4 code lists, and how the older spellings (0.1-0.3, kebab-case) map onto them.

The enum values are the BODS 0.4 codes themselves, so the canonical model round-trips to BODS.
"""

from __future__ import annotations

import re
from enum import StrEnum


def humanise(code: str) -> str:
    """A BODS code in words: ``subjectUnableToConfirm`` -> ``subject unable to confirm``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", code).lower()


def role_words(code: str) -> str:
    """An interest held in a party, as prose says it before "of <party>": ``trustee``,
    ``beneficiary`` (not "beneficiary of legal arrangement of ..."), ``appointment of board``."""
    return "beneficiary" if code == "beneficiaryOfLegalArrangement" else humanise(code)


def kind_suffix(name: str, subkind: str) -> str:
    """`` (registered entity)`` after a party's name; nothing where the name already says it
    (an unnamed party is named ``(anonymous person)``)."""
    words = humanise(subkind)
    return "" if name == f"({words})" else f" ({words})"


class RecordType(StrEnum):
    PERSON = "person"
    ENTITY = "entity"
    RELATIONSHIP = "relationship"


class RecordStatus(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    CLOSED = "closed"


class PersonType(StrEnum):
    KNOWN = "knownPerson"
    ANONYMOUS = "anonymousPerson"
    UNKNOWN = "unknownPerson"


class EntityType(StrEnum):
    REGISTERED = "registeredEntity"
    LEGAL = "legalEntity"
    ARRANGEMENT = "arrangement"
    ANONYMOUS = "anonymousEntity"
    UNKNOWN = "unknownEntity"
    STATE = "state"
    STATE_BODY = "stateBody"


class EntitySubtype(StrEnum):
    GOVERNMENT_DEPARTMENT = "governmentDepartment"
    STATE_AGENCY = "stateAgency"
    OTHER = "other"
    TRUST = "trust"
    NOMINATION = "nomination"


class UnspecifiedReason(StrEnum):
    NO_BENEFICIAL_OWNERS = "noBeneficialOwners"
    SUBJECT_UNABLE_TO_CONFIRM = "subjectUnableToConfirmOrIdentifyBeneficialOwner"
    INTERESTED_PARTY_NOT_PROVIDED = "interestedPartyHasNotProvidedInformation"
    SUBJECT_EXEMPT = "subjectExemptFromDisclosure"
    INTERESTED_PARTY_EXEMPT = "interestedPartyExemptFromDisclosure"
    UNKNOWN = "unknown"
    UNKNOWN_TO_PUBLISHER = "informationUnknownToPublisher"


class DirectOrIndirect(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    UNKNOWN = "unknown"


class InterestType(StrEnum):
    """The 23 BODS 0.4 interest types."""

    SHAREHOLDING = "shareholding"
    VOTING_RIGHTS = "votingRights"
    APPOINTMENT_OF_BOARD = "appointmentOfBoard"
    OTHER_INFLUENCE_OR_CONTROL = "otherInfluenceOrControl"
    SENIOR_MANAGING_OFFICIAL = "seniorManagingOfficial"
    SETTLOR = "settlor"
    TRUSTEE = "trustee"
    PROTECTOR = "protector"
    BENEFICIARY_OF_LEGAL_ARRANGEMENT = "beneficiaryOfLegalArrangement"
    RIGHTS_TO_SURPLUS_ASSETS_ON_DISSOLUTION = "rightsToSurplusAssetsOnDissolution"
    RIGHTS_TO_PROFIT_OR_INCOME = "rightsToProfitOrIncome"
    RIGHTS_GRANTED_BY_CONTRACT = "rightsGrantedByContract"
    CONDITIONAL_RIGHTS_GRANTED_BY_CONTRACT = "conditionalRightsGrantedByContract"
    CONTROL_VIA_COMPANY_RULES_OR_ARTICLES = "controlViaCompanyRulesOrArticles"
    CONTROL_BY_LEGAL_FRAMEWORK = "controlByLegalFramework"
    BOARD_MEMBER = "boardMember"
    BOARD_CHAIR = "boardChair"
    UNKNOWN_INTEREST = "unknownInterest"
    UNPUBLISHED_INTEREST = "unpublishedInterest"
    ENJOYMENT_AND_USE_OF_ASSETS = "enjoymentAndUseOfAssets"
    RIGHT_TO_PROFIT_OR_INCOME_FROM_ASSETS = "rightToProfitOrIncomeFromAssets"
    NOMINEE = "nominee"
    NOMINATOR = "nominator"


#: Interests that carry an economic ownership share.
OWNERSHIP_INTERESTS = frozenset({InterestType.SHAREHOLDING})

#: Interests that give control without (necessarily) ownership.
CONTROL_INTERESTS = frozenset(
    {
        InterestType.VOTING_RIGHTS,
        InterestType.APPOINTMENT_OF_BOARD,
        InterestType.OTHER_INFLUENCE_OR_CONTROL,
        InterestType.RIGHTS_GRANTED_BY_CONTRACT,
        InterestType.CONDITIONAL_RIGHTS_GRANTED_BY_CONTRACT,
        InterestType.CONTROL_VIA_COMPANY_RULES_OR_ARTICLES,
        InterestType.CONTROL_BY_LEGAL_FRAMEWORK,
    }
)

#: Roles in a trust or similar legal arrangement.
TRUST_INTERESTS = frozenset(
    {
        InterestType.SETTLOR,
        InterestType.TRUSTEE,
        InterestType.PROTECTOR,
        InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT,
    }
)

#: Roles in a nominee arrangement.
NOMINATION_INTERESTS = frozenset({InterestType.NOMINEE, InterestType.NOMINATOR})

#: Officers and management.
MANAGEMENT_INTERESTS = frozenset(
    {InterestType.SENIOR_MANAGING_OFFICIAL, InterestType.BOARD_MEMBER, InterestType.BOARD_CHAIR}
)

#: BODS 0.1-0.3 kebab-case interest codes and the 0.4 code each became.
LEGACY_INTEREST_TYPES: dict[str, InterestType] = {
    "voting-rights": InterestType.VOTING_RIGHTS,
    "appointment-of-board": InterestType.APPOINTMENT_OF_BOARD,
    "influence-or-control": InterestType.OTHER_INFLUENCE_OR_CONTROL,
    "other-influence-or-control": InterestType.OTHER_INFLUENCE_OR_CONTROL,
    "senior-managing-official": InterestType.SENIOR_MANAGING_OFFICIAL,
    "settlor-of-trust": InterestType.SETTLOR,
    "trustee-of-trust": InterestType.TRUSTEE,
    "protector-of-trust": InterestType.PROTECTOR,
    "beneficiary-of-trust": InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT,
    "other-influence-or-control-of-trust": InterestType.OTHER_INFLUENCE_OR_CONTROL,
    "rights-to-surplus-assets": InterestType.RIGHTS_TO_SURPLUS_ASSETS_ON_DISSOLUTION,
    "rights-to-surplus-assets-on-dissolution": InterestType.RIGHTS_TO_SURPLUS_ASSETS_ON_DISSOLUTION,
    "rights-to-profit-or-income": InterestType.RIGHTS_TO_PROFIT_OR_INCOME,
    "rights-granted-by-contract": InterestType.RIGHTS_GRANTED_BY_CONTRACT,
    "conditional-rights-granted-by-contract": InterestType.CONDITIONAL_RIGHTS_GRANTED_BY_CONTRACT,
}

#: BODS 0.1-0.3 name types renamed in 0.4: 0.2 made 0.1's ``alias``, ``aka`` and ``nick`` one
#: ``alternative``; 0.4 renamed ``individual`` to ``legal`` (the other types are the same).
LEGACY_NAME_TYPES: dict[str, str] = {
    "individual": "legal",
    "alias": "alternative",
    "aka": "alternative",
    "nick": "alternative",
}

LEGACY_UNSPECIFIED_REASONS: dict[str, UnspecifiedReason] = {
    "no-beneficial-owners": UnspecifiedReason.NO_BENEFICIAL_OWNERS,
    "subject-unable-to-confirm-or-identify-beneficial-owner": (
        UnspecifiedReason.SUBJECT_UNABLE_TO_CONFIRM
    ),
    "interested-party-has-not-provided-information": (
        UnspecifiedReason.INTERESTED_PARTY_NOT_PROVIDED
    ),
    "subject-exempt-from-disclosure": UnspecifiedReason.SUBJECT_EXEMPT,
    "interested-party-exempt-from-disclosure": UnspecifiedReason.INTERESTED_PARTY_EXEMPT,
    "information-unknown-to-publisher": UnspecifiedReason.UNKNOWN_TO_PUBLISHER,
}


def interest_type(code: str) -> InterestType:
    """The 0.4 interest type for a code of any BODS version. Raises ``ValueError`` if unknown."""
    legacy = LEGACY_INTEREST_TYPES.get(code)
    return legacy if legacy is not None else InterestType(code)


def unspecified_reason(code: str) -> UnspecifiedReason:
    """The 0.4 unspecified reason for a code of any BODS version; ``ValueError`` if unknown."""
    legacy = LEGACY_UNSPECIFIED_REASONS.get(code)
    return legacy if legacy is not None else UnspecifiedReason(code)
