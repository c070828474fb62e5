"""Rule metadata, catalogue sections A1-A2: missing owners, structure and thresholds."""

from __future__ import annotations

from bo_graph.analysis.opacity import rules_owners as own
from bo_graph.analysis.opacity import rules_structure as struct
from bo_graph.analysis.opacity.spec import Need, ParamSpec, RuleSpec, Scope, Where
from bo_graph.model.graph import NodeKind

P = ParamSpec
UNSPECIFIED_ = frozenset({NodeKind.UNSPECIFIED})
PERSON_ = frozenset({NodeKind.PERSON})
ENTITY_ = frozenset({NodeKind.ENTITY})
THRESHOLD = P("threshold", 25.0, "Beneficial-ownership threshold in percent.")
RULE = P("rule", ">=", "'>=' (EU AMLR: 25% or more) or '>' (UK PSC, AMLD4: more than 25%).")

RULES: tuple[RuleSpec, ...] = (
    RuleSpec(
        "OPQ-OWNER-UNSPECIFIED",
        "Undisclosed owner (unspecified party)",
        "An owner or controller in the chain is an unspecified party: the register says one "
        "exists but does not name it, with the BODS unspecified reason and the register's "
        "own statement. Reasons of lawful exemption go to OPQ-PROTECTED-PARTY and "
        "OPQ-EXEMPT-SUBJECT; parties carrying a UK PSC or GLEIF code go to those rules.",
        (1, 2),
        "BODS `unspecifiedReason` codelist [V]; AMLR Art. 63(3)-(4) [V]; TJN-25 [V]; "
        "OO-Principles, Definition [V]",
        own.unspecified_owner,
        scope=Scope.NODE,
        where=Where.ABOVE,
        kinds=UNSPECIFIED_,
        weight=3.0,
    ),
    RuleSpec(
        "OPQ-OWNER-UNKNOWN",
        "Unknown or anonymous owner",
        "A person or entity record in the chain stands for an unknown or anonymous party "
        "(`unknownPerson`, `unknownEntity`, `anonymousPerson`, `anonymousEntity`) without a "
        "reason of lawful exemption.",
        (1,),
        "BODS `unknownPerson`, `unknownEntity` [V]; FATF glossary and INR.24 [K]; "
        "AMLD4 Art. 3(6) and AMLR Art. 2 [V]",
        own.unknown_owner,
        scope=Scope.NODE,
        where=Where.ABOVE,
        kinds=PERSON_ | ENTITY_,
        weight=3.0,
    ),
    RuleSpec(
        "OPQ-NO-NATURAL-PERSON",
        "Chain ends without a natural person",
        "Walking up from the subject, a chain ends at a company or arrangement with no "
        "recorded owner or controller (officers, and intermediaries recorded as a service, "
        "do not count: they are no layer of the chain). The flag names that layer and "
        "the last visible link. Publicly listed companies, state bodies and companies not "
        "founded yet or already dissolved on the analysis date are not flagged; a party whose "
        "record is not in the store goes to OPQ-MISSING-RECORD.",
        (1, 20),
        "FATF: BO is always a natural person (glossary, INR.24) [K]; AMLD4 Art. 3(6), AMLR "
        "Art. 2 [V]; OO-Principles, Definition [V]; GW-2018 (corporate PSCs unlikely to be "
        "registrable) [V]",
        own.no_natural_person,
        scope=Scope.SUBJECT,
        params=(P("include_subject", True, "Also flag a subject with no recorded owner at all."),),
        weight=3.0,
    ),
    RuleSpec(
        "OPQ-MISSING-RECORD",
        "Owner or controller whose record is not in the store",
        "Walking up from the subject, a chain ends at a party that a relationship names as "
        "owner or controller but whose record is not in the store (a GLEIF parent, fund "
        "manager or umbrella fund whose LEI record was not imported; a BODS `interestedParty` "
        "whose statement is absent): who it is, and whether a natural person is behind it, is "
        "unknown. The flag names that party and cites the relationships that name it. It is "
        "also a dark layer (`missing record`); OPQ-NO-NATURAL-PERSON does not report it again. "
        "A party reached only as an officer is no layer of the chain and is not flagged.",
        (1,),
        "FATF: BO is always a natural person (glossary, INR.24) [K]; AMLD4 Art. 3(6), AMLR "
        "Art. 2 [V]; BODS 0.4 `interestedParty`: the `recordId` of the interested party "
        "(relationship-record.json) [V]; BODS test data: a package whose interested party's "
        "statement is absent fails secondary validation (`bods-package-missing-interested-"
        "party-entity-statement.json`, not in the catalogue) [V]; OO-Principles, Definition [V]",
        own.missing_record,
        scope=Scope.SUBJECT,
        weight=2.0,
    ),
    RuleSpec(
        "OPQ-PSC-STATEMENT",
        "UK register statement: no PSC identified",
        "An unspecified party carries a UK PSC or ROE statement code (e.g. "
        "`psc-exists-but-not-identified`, `restrictions-notice-issued-to-psc`, "
        "`no-beneficial-owner-identified`) in its description or interest details, as the "
        "PSC loader records them. Severity follows the catalogue's order.",
        (2,),
        "UK PSC `statement_description` values, companieshouse/api-enumerations "
        "`psc_descriptions.yml` [V]; GW-2018 [V]; AMLR Art. 63(3)-(4) [V]",
        own.psc_statement,
        scope=Scope.NODE,
        where=Where.ABOVE,
        weight=3.0,
    ),
    RuleSpec(
        "OPQ-GLEIF-EXCEPTION",
        "GLEIF parent-reporting exception",
        "An unspecified party carries a GLEIF Level 2 reporting exception (`NON_PUBLIC`, "
        "`NO_KNOWN_PERSON`, `NO_LEI`, `NON_CONSOLIDATING`, `NATURAL_PERSONS` and the "
        "NON_PUBLIC sub-reasons) in its description or interest details, as a GLEIF loader "
        "records them: the parent is withheld or not identified.",
        (1, 2),
        "BODS `unspecifiedReason` (catalogue item 1-2) [V]; GLEIF relationship-record "
        "reporting exceptions (not in the catalogue; code values as published by GLEIF)",
        own.gleif_exception,
        scope=Scope.NODE,
        where=Where.ABOVE,
        weight=2.0,
    ),
    RuleSpec(
        "OPQ-SMO-FALLBACK",
        "Senior managing official recorded as beneficial owner",
        "A relationship in the chain has a `seniorManagingOfficial` interest: the fallback a "
        "register uses when no real owner was identified. Only when the interest is declared as "
        "beneficial ownership or control, or, when that is not stated, when no named person "
        "owns or controls the company otherwise: an officer listed as 'president' or 'general "
        "director' next to named owners (ICIJ, OpenSanctions) is not a fallback.",
        (3,),
        "AMLD4 Art. 3(6)(a)(ii) [V]; AMLR Art. 63(3)-(4) [V]; BODS `seniorManagingOfficial` [V]",
        own.smo_fallback,
        scope=Scope.EDGE,
        weight=2.0,
    ),
    RuleSpec(
        "OPQ-PROTECTED-PARTY",
        "Identity withheld under a protection regime (lawful)",
        "A party's identity is withheld lawfully: BODS reason "
        "`interestedPartyExemptFromDisclosure`, or a UK super-secure PSC code. Shown as "
        "opaque, kept out of the concealment score. A party carrying a GLEIF reporting "
        "exception goes to OPQ-GLEIF-EXCEPTION.",
        (4,),
        "UK `super_secure_description` values [V]; PSC Regulations 2016 [K]; GW-2018 [V]",
        own.protected_party,
        scope=Scope.NODE,
        where=Where.ABOVE,
        weight=0.0,
        lawful=True,
    ),
    RuleSpec(
        "OPQ-EXEMPT-SUBJECT",
        "Exempt from disclosure (lawful)",
        "An entity in the chain is exempt from disclosing its owners (BODS "
        "`subjectExemptFromDisclosure`, UK PSC exemption codes), or the chain ends at a "
        "publicly listed company. Lawful; the chain above is not visible. A party carrying a "
        "GLEIF reporting exception goes to OPQ-GLEIF-EXCEPTION.",
        (5,),
        "AMLD4 Annex II(1)(a) [V]; UK PSC exemptions [K]; GW-2018 [V]",
        own.exempt_subject,
        scope=Scope.NODE,
        where=Where.CHAIN,
        kinds=UNSPECIFIED_ | ENTITY_,
        weight=0.0,
        lawful=True,
    ),
    RuleSpec(
        "OPQ-INTEREST-UNKNOWN",
        "Nature or size of an interest unknown",
        "A relationship states no interest, an `unknownInterest` or `unpublishedInterest`, or "
        "a shareholding without a share. Not for an unspecified party's relationship: the owner "
        "rules report that party, with its interest.",
        (6,),
        "BODS codelists [V]; OO-Principles, Definition (absolute values) [V]",
        own.interest_unknown,
        scope=Scope.EDGE,
        weight=0.5,
    ),
    RuleSpec(
        "OPQ-CHAIN-DEPTH",
        "Many layers",
        "The number of company or arrangement layers between the subject and the end of its "
        "longest chain (shortest route to each party).",
        (7,),
        "TJN-Complex [V]; PM-2011 Box 3.12 [S]; AMLR Annex III(1)(f) [V]; FATF-Egmont-2018 [V]",
        struct.chain_depth,
        scope=Scope.SUBJECT,
        params=(
            P("min_layers", 3, "Flag at this many layers (tool default)."),
            P("strong_layers", 5, "High severity from this many layers (tool default)."),
        ),
        weight=2.0,
    ),
    RuleSpec(
        "OPQ-CROSS-BORDER",
        "Cross-border layering",
        "Distinct jurisdictions along a chain (entities: registration; persons: address "
        "countries), or a chain that leaves the subject's jurisdiction and returns to it.",
        (8,),
        "TJN-Complex [V]; PM-2011 Box 3.12 [S]; AMLR Annex III(1)(f) [V]",
        struct.cross_border,
        scope=Scope.SUBJECT,
        params=(
            P("min_jurisdictions", 3, "Flag at this many jurisdictions (tool default)."),
            P("round_trip", True, "Also flag a chain that returns to the home jurisdiction."),
        ),
        weight=1.0,
    ),
    RuleSpec(
        "OPQ-CIRCULAR",
        "Circular ownership",
        "A cycle of ownership or control among chain members (strongly connected component); "
        "a closed loop (no owner outside the cycle) is high severity, and what it holds cannot "
        "be traced to anyone. With owners outside the cycle, integrated ownership traces its "
        "holdings back to them: they count in the effective and identified shares.",
        (9,),
        "GW-2018: 328 companies in circular structures [V]",
        struct.circular,
        scope=Scope.SUBJECT,
        weight=2.0,
    ),
    RuleSpec(
        "OPQ-BELOW-THRESHOLD",
        "Stake just below the threshold",
        "A natural person's effective (integrated) share is below the threshold but within "
        "the margin; or at least `min_equal_holders` direct holders hold about the threshold "
        "each (equal split).",
        (10, 11),
        "AMLR Art. 52(1)-(2) [V]; AMLD4 Art. 3(6)(a)(i) [V]; UK PSC natures [V]; INR.10 fn "
        "[V]; OO-Principles [V]; TJN-25 [V]; IFC Review 2024 [V]",
        struct.below_threshold,
        scope=Scope.SUBJECT,
        params=(
            THRESHOLD,
            RULE,
            P("margin", 5.0, "Percentage points below the threshold (tool default δ)."),
            P("equal_split_tolerance", 0.5, "± percentage points for an equal split."),
            P("min_equal_holders", 4, "Holders at the threshold that make an equal split."),
        ),
        weight=1.5,
        needs=frozenset({Need.SHARES}),
    ),
    RuleSpec(
        "OPQ-SPLIT-HOLDING",
        "Holding split across related parties",
        "Natural persons each known to stay below the threshold (a share not published may "
        "not be) who share a surname or an address together reach it, or may (effective "
        "shares added).",
        (10, 11, 17),
        "AMLR Art. 52(1) (adding chains) [V]; FATF-Egmont-2018 (informal nominees) [V]; TJN-25 [V]",
        struct.split_holding,
        scope=Scope.SUBJECT,
        params=(THRESHOLD, RULE),
        weight=2.0,
        needs=frozenset({Need.SHARES}),
    ),
    RuleSpec(
        "OPQ-CONTROL-NO-OWNERSHIP",
        "Control without ownership",
        "A natural person controls a chain member (board appointment, other influence or "
        "control, contract, articles) without any shareholding or votes in the chain. An "
        "interest its source says is not beneficial ownership or control (an ICIJ "
        "intermediary) is not control.",
        (12,),
        "UK PSC natures [V]; AMLR Art. 51(b), 53 [K]; FATF-LP-2023 [K]",
        struct.control_without_ownership,
        scope=Scope.NODE,
        where=Where.CHAIN_ABOVE,
        kinds=PERSON_,
        weight=1.5,
    ),
    RuleSpec(
        "OPQ-SHARES-INCONSISTENT",
        "Shares do not add up",
        "The declared direct holdings in a chain member add up to more than 100% (lower "
        "bounds), beyond the tolerance.",
        (13,),
        "OO-Verification (total shares do not exceed 100%) [V]; OO-Principles [V]",
        struct.shares_inconsistent,
        scope=Scope.NODE,
        where=Where.CHAIN,
        kinds=ENTITY_,
        params=(P("tolerance", 0.5, "Percentage points above 100 that are ignored."),),
        weight=1.5,
        needs=frozenset({Need.SHARES}),
    ),
)
