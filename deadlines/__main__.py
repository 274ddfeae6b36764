"""``python -m deadlines`` runs the command line."""

from .cli import run

run()
