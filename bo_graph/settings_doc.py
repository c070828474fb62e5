"""docs/settings.md, generated from bo_graph.settings.SETTINGS; a test keeps both equal."""

from __future__ import annotations

from bo_graph.settings import SETTINGS


def settings_markdown() -> str:
    lines = [
        "# Settings",
        "",
        "Every environment variable bo-graph reads. Generated from `bo_graph/settings.py`;",
        "`tests/test_docs.py` fails when this file and the code disagree. Command-line options",
        "(`--store`, `--threshold` ...) take precedence over the environment.",
        "",
        "| variable | default | meaning |",
        "| --- | --- | --- |",
    ]
    for spec in SETTINGS:
        default = f"`{spec.default}`" if spec.default else "(empty)"
        lines.append(f"| `{spec.env}` | {default} | {spec.help} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(settings_markdown(), end="")
