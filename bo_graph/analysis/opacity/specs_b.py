"""Rule metadata, catalogue sections A3-A8: vehicles, jurisdictions, networks, time, people."""

from __future__ import annotations

from bo_graph.analysis.opacity import rules_jurisdictions as jur
from bo_graph.analysis.opacity import rules_network as net
from bo_graph.analysis.opacity import rules_registers as reg
from bo_graph.analysis.opacity import rules_time as time
from bo_graph.analysis.opacity import rules_vehicles as veh
from bo_graph.analysis.opacity.spec import Need, ParamSpec, RuleSpec, Scope, Where
from bo_graph.analysis.opacity.specs_a import THRESHOLD
from bo_graph.model.graph import NodeKind

P = ParamSpec
UNSPECIFIED_ = frozenset({NodeKind.UNSPECIFIED})
PERSON_ = frozenset({NodeKind.PERSON})
ENTITY_ = frozenset({NodeKind.ENTITY})
ROLE_SOURCES = "Companies House `officer_role` values [V]; FATF-Egmont-2018, FATF-LP-2023 [K]"

RULES: tuple[RuleSpec, ...] = (
    RuleSpec(
        "OPQ-ARRANGEMENT",
        "Trust, foundation or other arrangement in the chain",
        "A trust or other legal arrangement, a foundation or a partnership (by legal-form words "
        "in the name), trust roles, or a UK `-as-trust` nature in the chain. High severity "
        "with a corporate trustee or no recorded beneficiary.",
        (14, 15, 16),
        "AMLR Arts. 55, 57, 58 [V]; AMLD4 Art. 31 [V]; R.25 / FATF-LA-2024 [K]; UK PSC "
        "`-as-trust`, `-as-firm` natures [V]; PM-2011 §3.2, Boxes 3.9, 3.10 [S]; TI-UK-SLP [V]",
        veh.arrangement,
        scope=Scope.NODE,
        where=Where.CHAIN,
        kinds=ENTITY_,
        weight=2.0,
    ),
    RuleSpec(
        "OPQ-NOMINEE",
        "Nominee arrangement, shareholder or director",
        "A nomination arrangement, a `nominee`/`nominator` interest, or nominee wording "
        "(nominee shareholder/director) in interest details.",
        (17,),
        "AMLR Art. 66, Annex III(1)(d) [V]; AMLD4 Annex III(1)(d) [V]; R.24 (2022) [V]; BODS "
        "`nominee`/`nominator` [V]; PM-2011 Box 3.15 [S]; FATF-Egmont-2018 [V]",
        veh.nominee,
        scope=Scope.NODE,
        where=Where.ALL,
        kinds=ENTITY_,
        weight=2.5,
    ),
    RuleSpec(
        "OPQ-BEARER-SHARES",
        "Bearer shares",
        "Bearer shares or share warrants recorded in interest details or in the entity "
        "record's text (`entityType.details`, read from the stored statement when "
        "`read_records` is on), or holders of shares (or of an interest of unknown kind) "
        "whose whole name, folded (case, accents, punctuation), is the bearer's: `THE "
        "BEARER`, `BEARER`, `EL PORTADOR`, `AL PORTADOR`, `PORTADOR`, `AO PORTADOR`, `AU "
        "PORTEUR`, `AL PORTATORE`, `AAN TOONDER` and the like (ICIJ files bearer shares so), "
        "not a name containing the word (`Bearer Holdings Ltd`): one flag per company, "
        "citing each such holding and holder.",
        (18,),
        "R.24 (2022) [V]; AMLR Annex III(1)(d) [V]; PM-2011 Boxes 3.6-3.7 [S]; "
        "FATF-Egmont-2018 [V]; FSI indicator 15 [V]",
        veh.bearer_shares,
        scope=Scope.NODE,
        where=Where.CHAIN,
        kinds=ENTITY_,
        params=(
            P("read_records", True, "Read each chain entity's stored statement (one query each)."),
        ),
        weight=3.0,
        needs=frozenset({Need.HISTORY}),
    ),
    RuleSpec(
        "OPQ-CORPORATE-OFFICER",
        "Corporate director or trustee",
        "A company holds a board, senior-management or trustee role in a chain member, or an "
        "interest's details name a corporate officer role.",
        (19,),
        ROLE_SOURCES,
        veh.corporate_officer,
        scope=Scope.EDGE,
        weight=1.5,
    ),
    RuleSpec(
        "OPQ-SHELF-COMPANY",
        "Shelf company",
        "A chain company registered at an address shared by at least `agent_address_min` "
        "companies (a formation agent's) whose owners first changed at least `months` after "
        "its incorporation (not one still held by an owner from its incorporation, nor one "
        "first sold sooner). Owners hold shares or votes; officers and other controllers do "
        "not count. The first change is found by walking back from the current owners "
        "through the owners in effect the day before each change, and is cited by the "
        "statements that filed the new owner's holding and ended the old owner's.",
        (21,),
        "PM-2011 Boxes 3.1-3.5 [S]; FATF-Egmont-2018 [V]",
        veh.shelf_company,
        scope=Scope.NODE,
        where=Where.CHAIN,
        kinds=ENTITY_,
        params=(
            P(
                "months",
                6,
                "Months between incorporation and the first change of owners (tool default).",
            ),
            P("agent_address_min", 10, "Companies at the address that mark a formation agent."),
        ),
        weight=1.5,
        needs=frozenset({Need.ADDRESS_INDEX, Need.HISTORY}),
    ),
    RuleSpec(
        "OPQ-JUR-SECRECY",
        "Secrecy jurisdiction",
        "A party is in a jurisdiction whose Financial Secrecy Index secrecy score is at least "
        "`min_score` (`tjn_fsi` list in force on the date).",
        (22,),
        "TJN FSI 2025 [V data]; AMLR Annex III(1)(h)-(i) [V]",
        jur.secrecy,
        scope=Scope.NODE,
        where=Where.ALL,
        kinds=PERSON_ | ENTITY_,
        params=(
            P("min_score", 70.0, "Secrecy score from which to flag (tool default S)."),
            P("strong_score", 80.0, "High severity from this score."),
        ),
        weight=1.5,
        needs=frozenset({Need.LISTS}),
        lists=("tjn_fsi",),
    ),
    RuleSpec(
        "OPQ-JUR-OWNERSHIP-SECRECY",
        "Ownership not on record in the jurisdiction",
        "An entity is in a jurisdiction whose FSI indicator 3 (recorded company ownership) or 6 "
        "(public company ownership) — indicator 2 (trust and foundation register) for an "
        "arrangement — is at least `min_score` (`tjn_fsi` list with indicator columns in force "
        "on the date). "
        "The reason says which: not recorded (indicators 3, 2) or not published (indicator 6). "
        "High severity when ownership is not recorded at all (score 100), medium when it is "
        "partly recorded, low when it is recorded but not published (a competent authority can "
        "still obtain it). States and state bodies are not flagged.",
        (23,),
        "`tjn_fsi_2022.csv` `si_2`, `si_3`, `si_6` [V data]",
        jur.ownership_secrecy,
        scope=Scope.NODE,
        where=Where.ALL,
        kinds=ENTITY_,
        params=(P("min_score", 75.0, "Indicator score from which to flag (100 = worst)."),),
        weight=1.0,
        needs=frozenset({Need.LISTS}),
        lists=("tjn_fsi",),
    ),
    RuleSpec(
        "OPQ-JUR-EU-NONCOOP",
        "EU non-cooperative tax jurisdiction",
        "A party is in a jurisdiction on Annex I (flag) or Annex II (watch) of the EU list "
        "(`eu_tax_noncooperative` list in force on the date).",
        (24,),
        "Council conclusions of 17 Feb 2026 [V]",
        jur.eu_noncooperative,
        scope=Scope.NODE,
        where=Where.ALL,
        kinds=PERSON_ | ENTITY_,
        params=(P("include_annex_ii", True, "Also flag Annex II (low severity)."),),
        weight=1.0,
        needs=frozenset({Need.LISTS}),
        lists=("eu_tax_noncooperative",),
    ),
    RuleSpec(
        "OPQ-JUR-FATF",
        "FATF high-risk or monitored jurisdiction",
        "A party is in a jurisdiction under a FATF call for action (high) or increased "
        "monitoring (medium) (`fatf_lists` list in force on the date). Grey listing alone does "
        "not call for enhanced due diligence.",
        (25,),
        "FATF June 2026 plenary [V]; AMLD4/AMLR Annex III(3) [K]",
        jur.fatf,
        scope=Scope.NODE,
        where=Where.ALL,
        kinds=PERSON_ | ENTITY_,
        weight=1.5,
        needs=frozenset({Need.LISTS}),
        lists=("fatf_lists",),
    ),
    RuleSpec(
        "OPQ-JUR-NO-LINK",
        "No apparent economic link to the jurisdiction",
        "An entity registered in a listed jurisdiction (FSI score ≥ `min_score`, EU list or "
        "FATF list) none of whose recorded owners or officers is there and which has no "
        "business address there (a registered-office address alone is not a link). Only "
        "owners and officers whose country is recorded are compared; with none, no flag.",
        (26,),
        "AMLR Annex III(1)(h)-(i) [V]",
        jur.no_economic_link,
        scope=Scope.NODE,
        where=Where.ALL,
        kinds=ENTITY_,
        params=(P("min_score", 70.0, "FSI secrecy score that makes a jurisdiction listed."),),
        weight=1.0,
        needs=frozenset({Need.LISTS}),
        lists=("tjn_fsi", "eu_tax_noncooperative", "fatf_lists"),
    ),
    RuleSpec(
        "OPQ-JUR-CORRUPTION",
        "High perceived corruption (context)",
        "The subject, or a politically exposed person in the chain, is in a jurisdiction with "
        "a Corruption Perceptions Index score below `max_score` (`ti_cpi` list in force on the "
        "date).",
        (27,),
        "AMLD4 Annex III(3)(b) [K]; TI CPI 2025 [V data]",
        jur.corruption,
        scope=Scope.SUBJECT,
        params=(P("max_score", 30.0, "CPI score below which to flag (tool default)."),),
        weight=0.5,
        needs=frozenset({Need.LISTS}),
        lists=("ti_cpi",),
    ),
    RuleSpec(
        "OPQ-ADDRESS-HUB",
        "Mass-registration address",
        "A company in the chain is registered at an address shared by at least "
        "`min_entities` active companies in the whole store (normalised address and postcode).",
        (28,),
        "TI-UK-HiPS [V]; GW-2018 [V]",
        net.address_hub,
        scope=Scope.NODE,
        where=Where.ALL,
        kinds=ENTITY_,
        params=(
            P("min_entities", 100, "Companies per address (tool default; calibrate per register)."),
        ),
        weight=1.5,
        needs=frozenset({Need.ADDRESS_INDEX}),
    ),
    RuleSpec(
        "OPQ-MANY-ROLES",
        "Party with very many roles",
        "A person or company in the chain holds interests or offices in at least `min_roles` "
        "distinct entities in the whole store. A parent's accounting consolidation of its "
        "subsidiaries (GLEIF relationship records) is a group, not a role, and is not counted.",
        (29,),
        "GW-2018 (> 100 companies per PSC) [V]; 'Sark Lark' (Aperio Intelligence) [V]; "
        "FATF-Egmont-2018 [V]",
        net.many_roles,
        scope=Scope.NODE,
        where=Where.ABOVE,
        kinds=PERSON_ | ENTITY_,
        params=(
            P("min_roles", 20, "Entities from which to flag (tool default)."),
            P("strong_roles", 100, "High severity from this many (GW-2018)."),
        ),
        weight=1.5,
        needs=frozenset({Need.ROLE_COUNTS}),
    ),
    RuleSpec(
        "OPQ-SAME-DAY-BATCH",
        "Batch incorporation",
        "A chain company is one of at least `min_batch` active companies incorporated on the "
        "same day at the same registered address.",
        (31,),
        "TI-UK-HiPS [V]; FATF-Egmont-2018 [V]",
        net.same_day_batch,
        scope=Scope.NODE,
        where=Where.CHAIN,
        kinds=ENTITY_,
        params=(P("min_batch", 10, "Companies per day and address (tool default)."),),
        weight=1.0,
        needs=frozenset({Need.ADDRESS_INDEX}),
    ),
    RuleSpec(
        "OPQ-RECENT-ENTITY",
        "Recently incorporated company in the chain",
        "A company in the chain was incorporated within `months` before the analysis date "
        "(`--as-of`, else `--known-at`, else today).",
        (32,),
        "FATF-Egmont-2018 indicators [K]; PM-2011 [S]",
        time.recent_entity,
        scope=Scope.NODE,
        where=Where.CHAIN_ABOVE,
        kinds=ENTITY_,
        params=(
            P("months", 12, "Window in months (tool default N)."),
            P("include_subject", False, "Also flag the subject itself."),
        ),
        weight=1.0,
    ),
    RuleSpec(
        "OPQ-DISSOLVED-ENTITY",
        "Dissolved company still in the chain",
        "An owner or controller in the chain is dissolved (dissolution date on or before the "
        "analysis date) or closed, yet still recorded as holding an interest: a ghost layer.",
        (33,),
        "Companies House `company_status` values [V]",
        time.dissolved_entity,
        scope=Scope.NODE,
        where=Where.ABOVE,
        kinds=ENTITY_,
        weight=2.0,
    ),
    RuleSpec(
        "OPQ-FREQUENT-CHANGES",
        "Frequent ownership changes",
        "At least `min_changes` statements about the owners, controllers or officers of a "
        "chain company are dated within `months` before the analysis date (statement history "
        "of its relationships, current and at the start of the window). Only filings: not "
        "FollowTheMoney statements, dated by the publisher's last change of its record.",
        (34,),
        "FATF-Egmont-2018 indicators [K]",
        time.frequent_changes,
        scope=Scope.NODE,
        where=Where.CHAIN,
        kinds=ENTITY_,
        params=(
            P("months", 12, "Window in months (tool default)."),
            P("min_changes", 3, "Filings within the window (tool default)."),
        ),
        weight=1.0,
        needs=frozenset({Need.HISTORY}),
    ),
    RuleSpec(
        "OPQ-LATE-FILING",
        "Late filing",
        "An interest in the chain was first filed more than `deadline_days` after it started, "
        "while the register was already reporting on that company. The flag cites the "
        "statement that first filed the interest (the late filing), not a later one. Not for "
        "FollowTheMoney statements, dated by the publisher's last change of its record.",
        (35,),
        "AMLR Art. 63(2) (28 days) [V]; UK PSC deadlines [K]",
        time.late_filing,
        scope=Scope.EDGE,
        params=(P("deadline_days", 28, "Days allowed between a change and its filing."),),
        weight=1.0,
        needs=frozenset({Need.HISTORY}),
    ),
    RuleSpec(
        "OPQ-REGISTER-DISCREPANCY",
        "Registers disagree about the owners",
        "Two registers or publishers each name a beneficial owner (or a holder at or above "
        "`threshold`) of an entity, and one names one that the other does not account for "
        "(not the same party, by node or by name and birth month, nor anyone on that party's "
        "line of ownership), gives a share that does not overlap the other's beyond "
        "`tolerance`, or records as a nominee where the other does not. A register that "
        "names none and says no beneficial owner exists or can be identified accounts for "
        "nobody.",
        (36,),
        "AMLD5 (AMLD4 Art. 30(4), 31(5)) [K]; AMLR Art. 24 [V]; AMLD6 Art. 10 [V]; UK MLR 2017 "
        "reg. 30A [K]",
        reg.register_discrepancy,
        scope=Scope.NODE,
        where=Where.CHAIN,
        kinds=ENTITY_,
        params=(
            THRESHOLD,
            P("tolerance", 0.5, "Percentage points by which two shares may miss each other."),
        ),
        weight=2.0,
    ),
    RuleSpec(
        "OPQ-IMPLAUSIBLE-DATA",
        "Implausible data",
        "A date of birth or founding date in the future, a person born before "
        "`earliest_birth_year`, an owner or officer younger than `min_age`, dissolution before "
        "founding, a statement dated in the future, or a placeholder name.",
        (38,),
        "GW-2018 (impossible dates of birth) [V]; OO-Verification [V]",
        net.implausible_data,
        scope=Scope.NODE,
        where=Where.ALL,
        kinds=PERSON_ | ENTITY_,
        params=(
            P("min_age", 16, "Youngest plausible owner or officer (beneficiaries excepted)."),
            P("earliest_birth_year", 1900, "Earliest plausible year of birth."),
        ),
        weight=0.5,
    ),
    RuleSpec(
        "OPQ-PEP",
        "Politically exposed person in the chain",
        "A person in the chain is recorded as a PEP (`politicalExposure.status` `isPep`), "
        "while in office or within `keep_months` after the last position ended.",
        (39,),
        "AMLD4 Art. 3(9)-(11), Art. 22 [K]; OO-Principles, Definition [V]; GW-2018 [V]",
        net.pep,
        scope=Scope.NODE,
        where=Where.ALL,
        kinds=PERSON_,
        params=(P("keep_months", 12, "Months a PEP stays flagged after leaving office."),),
        weight=2.0,
    ),
)
