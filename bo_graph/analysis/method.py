"""Which rules decide beneficial ownership: ``--method integrated|look-through|control``.

The engine always computes every ground. A method keeps the grounds it recognises and re-decides
each party's status from those alone, so an analyst can see what one rule on its own yields:

* ``integrated`` (default): every ground — integrated ownership (AMLR Art. 52), control (Art. 53),
  look-through and ownership of a controlling entity (Art. 54), trust roles, nominators,
  declared beneficial owners, and the senior-managing-official fallback;
* ``look-through``: majority-control look-through (UK PSC majority stake, AMLR Art. 54), with
  the party's look-through share shown as its share, plus trust roles and nominators;
* ``control``: control only (majority-control chains, AMLR Art. 53, and non-ownership control
  interests), plus trust roles and nominators.
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum

from bo_graph.analysis.interval import Verdict
from bo_graph.analysis.results import OwnerResult, Rule, UboReport


class Method(StrEnum):
    INTEGRATED = "integrated"
    LOOK_THROUGH = "look-through"
    CONTROL = "control"


_ROLES = {Rule.TRUST_ROLE, Rule.NOMINATOR, Rule.NOMINEE, Rule.SMO_FALLBACK}
METHOD_RULES: dict[Method, frozenset[Rule]] = {
    Method.INTEGRATED: frozenset(Rule),
    Method.LOOK_THROUGH: frozenset({Rule.LOOK_THROUGH, Rule.OWNS_CONTROLLER, *_ROLES}),
    Method.CONTROL: frozenset({Rule.CONTROL, *_ROLES}),
}


def _decide(owner: OwnerResult, method: Method) -> OwnerResult:
    rules = METHOD_RULES[method]
    grounds = tuple(g for g in owner.grounds if g.rule in rules or g.verdict is None)
    verdict = Verdict.NO
    for ground in grounds:
        if ground.verdict is not None:
            verdict = verdict | ground.verdict
    share = owner.share
    if method is Method.LOOK_THROUGH and owner.look_through is not None:
        share = owner.look_through
    return replace(owner, grounds=grounds, beneficial_owner=verdict, share=share)


def apply_method(report: UboReport, method: Method) -> UboReport:
    """``report`` decided by ``method`` alone (``integrated`` returns it unchanged)."""
    if method is Method.INTEGRATED:
        return report
    return replace(report, owners=tuple(_decide(o, method) for o in report.owners))
