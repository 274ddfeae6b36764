"""The interactive terminal app (Textual): ``deadlines tui [DEAL.toml]``."""
