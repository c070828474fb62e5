"""Generate ``docs/flags.md`` from the rule metadata: ``python -m bo_graph.analysis.opacity.docs``.

``tests/analysis/opacity/test_docs.py`` fails when the file and the rules disagree.
"""

from __future__ import annotations

from bo_graph.analysis.opacity.registry import NOT_IMPLEMENTED, RULES
from bo_graph.analysis.opacity.spec import RuleSpec, Scope
from bo_graph.analysis.opacity.summary import MAX_COUNTED_PER_RULE

INTRO = """\
# Opacity flags

Generated from `bo_graph/analysis/opacity` by
`.venv/bin/python -m bo_graph.analysis.opacity.docs > docs/flags.md`; a test fails when this
file and the rules disagree. The indicators, their parameters and sources come from the research
catalogue `shared/docs/opacity-indicators.md` (item numbers below; sources marked [V] verified,
[S] structure verified, [K] from knowledge of the document). "Tool default" means no source
gives a number: calibrate it on your register.

## Commands

```
bo-graph flags REF [--json] [--rules CODE,...] [--param KEY=VALUE ...] [--as-of D] [--known-at D]
                   [--lists DIR] [--store S]
bo-graph rules [--json] [--rules CODE,...] [--param KEY=VALUE ...] [--lists DIR]
bo-graph lists [--json] [--lists DIR]
bo-graph scan [--rules CODE,...] [--param KEY=VALUE ...] [--format jsonl|csv] [--out FILE]
              [--workers N] [--as-of D] [--known-at D] [--lists DIR] [--store S]
```

`--param CODE.name=value` sets a parameter of one rule; `--param name=value` sets it for every
selected rule that has it (`--param threshold=25`). Every rule has a `weight`. The threshold
defaults to `BO_GRAPH_THRESHOLD`. Jurisdiction lists: `docs/jurisdictions.md`.

Python: `bo_graph.analysis.opacity.flags_report(store, subject_id, when=..., config=...)`
returns a `FlagReport`; `opacity_json(store, subject_id, when)` returns its JSON (for the
`"opacity"` key of `ubo --json`); `scan_store(store, ScanSettings(...))` yields scan rows.

## Flags, evidence and severity

A flag has a `code`, a `severity` (`low`, `medium`, `high`), a `target` (a `node`, an `edge` or
the `subject`, with its `layer`: distance from the subject in relationships), an `explanation`,
measured `values`, the jurisdiction `lists` it used (name, title, date, file) and its
`evidence`: each record behind it (node or edge, record id) with the statement ids and the
provenance of the statement (source, file, position, statement date). Each statement is cited
once: an unspecified party named inside a relationship statement has no statement of its own
and is cited as that relationship (`edge`, with the relationship's id); a party whose record is
not in the store has no statement at all and is cited by the relationships that name it. Lawful
opacity (rules marked *lawful*) is always low severity and has weight 0: it is shown as opaque
but kept out of the concealment score.

Node and edge rules look at one party (with its owners and holdings) or one relationship and do
not depend on the subject they are seen from; subject rules look at the subject's whole chain.
*Applies to* says which parties of the chain a node rule is applied to: `all` (the subject, its
ownership and control chain and the officers of chain members), `chain` (no officers), `above`
(everyone but the subject), `chain_above` (the chain without the subject). A party linked to a
chain member only by control by other means that its label records as a service, not declared
beneficial (ICIJ's "intermediary of" and viz "registered": the law firm or agent that had the
company registered; `bo_graph/model/service.py`), counts as an officer: it is no layer of the
chain, so the trail never goes dark at it.

## Opacity summary and score

`summary.dark_layers` lists where the trail goes dark: the ends of the chain that are neither
natural persons nor states or state bodies (undisclosed parties, unknown or anonymous records,
companies with no recorded owner or controller, listed companies, parties a relationship names
but whose record is not in the store (`missing record`), parties beyond the expansion limit) and
closed loops, each with its layer (a company not founded yet or already dissolved on the
analysis date is none: it has no owners to hide, as for OPQ-NO-NATURAL-PERSON), the last
visible relationships and its effective share.
`share_unknown` is true where that share counts as 0% a holding whose size the registers do not
give on the way to the subject (an undisclosed owner beside shareholders recorded with all the
shares): the text and the case files say "of unknown size" there, not 0%.
`opaque_share` is the sum of the effective (integrated, engine M2) shares of the dark ends, an
interval; `lawful_opaque_share` is the part behind lawful opacity and `identified_share` the part
that ends in natural persons. `arrangement_share` is the part that ends in a trust or other
arrangement in which no one holds shares but parties hold roles (settlor, trustee, protector,
beneficiary): its beneficial owners are those parties (AMLR Art. 58), each flagged where it is
itself dark; `arrangements` lists them with their shares. The three shares do not overlap. The
score is the sum over rules of `weight x min(flags, {cap})`, with
every part listed (`score.parts`) and lawful flags counted apart.

JSON schemas: `bo-graph/flags/1` (one subject: `subject`, `when`, `rules`, `parameters`,
`flags`, `summary`, `lists_used`, `lists_loaded`, `truncated`) and `bo-graph/scan/1` (one line
per entity: `subject`, `score`, `opaque_share`, `identified_share`, `arrangement_share`,
`dark_layers` (count),
`flags`, `truncated` (count)). The CSV has one row per entity with a flag count per rule.
"""

SCAN = """\
## Scan

`bo-graph scan` writes every entity of the store with its flags, streaming, with a progress bar
on a terminal. How it stays fast:

1. **One pass** over `store.iter_nodes()` and `store.iter_edges(when)` builds an in-memory
   snapshot: compact facts of every party, the relationships in effect by subject and by
   holder, and the address index (entities per normalised registered address, and per address
   and founding date). Each node and edge is decoded once. The cyclic garbage collector is
   paused while the snapshot is read and the snapshot is frozen (`gc.freeze()`) for the rest
   of the scan, so no collection walks its millions of objects again (about a third of the
   reading time at 100,000 companies).
2. **Per subject**, one bounded upward walk (`max_depth` 30, 2000 parties) over the snapshot,
   in memory: no query.
3. **Node and edge rules are evaluated once** per party or relationship and their flags reused
   for every subject whose chain contains it. Subject rules (depth, jurisdictions crossed,
   cycles, thresholds) run per subject. Effective shares come from a single pass up an acyclic
   chain (the engine's solver only when the chain has a cycle); the full UBO determination
   (grounds, paths, control) is not run.
4. **History** is read only where it can matter: statements of a relationship only when its
   current statement is in the frequent-changes window or its interest started more than the
   deadline before it was filed, with caches; the owners at the start of the window in one
   query per batch of 1000 subjects. `OPQ-BEARER-SHARES.read_records` (one statement read per
   company) is off by default in `scan`; pass `--param OPQ-BEARER-SHARES.read_records=true`.
5. **Workers**: `--workers N` evaluates batches in N forked processes sharing the snapshot
   (default: every CPU from 100,000 entities). Rows keep the store's order.

`flags` on one subject uses one `store.expand()` upward, one query for the holdings of the
chain's parties and one for the owners of parties the walk did not expand (officers), and the
address index, built once per store object by one pass over `store.iter_nodes(ENTITY)` (about
45 µs per entity on the embedded store: ≈ 45 s per million companies, paid once per process).
The address index reflects the store's current state, not `--as-of`/`--known-at`.
"""


def _params(rule: RuleSpec) -> list[str]:
    lines = ["| parameter | default | meaning |", "| --- | --- | --- |"]
    for param in rule.all_params:
        lines.append(f"| `{param.name}` | `{param.default}` | {param.help} |")
    return lines


def _applies(rule: RuleSpec) -> str:
    if rule.scope is Scope.NODE:
        return f"node rule, applies to `{rule.where.value}`"
    return f"{rule.scope.value} rule"


def rule_section(rule: RuleSpec) -> list[str]:
    items = ", ".join(str(i) for i in rule.indicators)
    lines = [f"### `{rule.code}` — {rule.title}", ""]
    facts = [f"catalogue item(s) {items}", _applies(rule), f"weight {rule.weight:g}"]
    if rule.lawful:
        facts.append("lawful opacity")
    if rule.lists:
        facts.append("lists: " + ", ".join(f"`{n}`" for n in rule.lists))
    lines += ["*" + "; ".join(facts) + "*", "", rule.description, ""]
    lines += _params(rule)
    lines += ["", f"Sources: {rule.sources}", ""]
    return lines


def flags_markdown() -> str:
    lines = [INTRO.format(cap=MAX_COUNTED_PER_RULE), "## Rules", ""]
    lines += ["| code | title | catalogue | weight |", "| --- | --- | --- | --- |"]
    for rule in RULES:
        items = ", ".join(str(i) for i in rule.indicators)
        lines.append(f"| `{rule.code}` | {rule.title} | {items} | {rule.weight:g} |")
    lines.append("")
    for rule in RULES:
        lines += rule_section(rule)
    lines += ["## Catalogue items not implemented", ""]
    for item, why in sorted(NOT_IMPLEMENTED.items()):
        lines.append(f"- item {item}: {why}")
    lines += ["", SCAN]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(flags_markdown(), end="")
