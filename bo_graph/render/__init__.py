"""Presentation helpers shared by the CLI and the UI: stable JSON shapes and text."""
