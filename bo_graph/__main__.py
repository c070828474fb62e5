"""``python -m bo_graph``: the same as the ``bo-graph`` command."""

from bo_graph.cli import main

main()
