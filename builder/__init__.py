"""The builder: content model, load and check, render, and thin adapters
(the MkDocs plugin, the command line, the exporters)."""
