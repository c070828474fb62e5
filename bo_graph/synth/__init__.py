"""Synthetic national company and beneficial-ownership registers, as BODS 0.4 JSON Lines.

For benchmarks and crash-safety tests: fast, deterministic for a seed, streamed with bounded
memory. The register holds about three statements per company, in ``statementDate`` order, with
every party filed before the relationships that refer to it. Its structure imitates a real
register: most companies owned by one to three people, chains of holding companies with a long
tail of depth (some offshore), formation-agent addresses and nominee directors shared by
thousands of companies, cross-holdings and a few closed loops, trusts, nominee arrangements,
unknown owners, politically exposed persons, and changes over time (``updated`` and ``closed``
statements).

- ``generate(companies, seed)``: the statements, as dicts, in file order.
- ``write_register(path, companies, seed)``: write them (``.gz``: compressed) and return a
  ``SynthSummary``.
"""

from bo_graph.synth.generator import RegisterGenerator, generate
from bo_graph.synth.output import write_register
from bo_graph.synth.summary import SynthSummary

__all__ = ["RegisterGenerator", "SynthSummary", "generate", "write_register"]
