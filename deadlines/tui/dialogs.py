"""The app's questions: a choice between a few answers (quit with unsaved changes, overwrite a file) and a
file name (save as). Their words come translated from the app; Escape always cancels."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 64; max-width: 95%; height: auto; border: thick $warning; background: $surface; padding: 1 2;
}}
{name} Horizontal {{ height: auto; margin-top: 1; }}
{name} Button {{ margin-right: 2; }}
{name} Input {{ margin-top: 1; }}
{name} #reason {{ color: $error; height: auto; }}
"""


class Choice(ModalScreen[str]):
    """A question and its answers; each answer is a button and a key (its first letter, underlined by the
    button's label "[S]ave"). Escape answers ``cancel``."""

    DEFAULT_CSS = DIALOG_CSS.format(name="Choice")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "answer('cancel')", show=False)]

    def __init__(self, question: str, answers: list[tuple[str, str]]) -> None:
        """``answers``: (id, label) pairs; the first letter of each label is its key."""
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.question))
            with Horizontal():
                for answer, label in self.answers:
                    yield Button(Text(f"[{label[0]}]{label[1:]}"), id=f"answer-{answer}", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("answer-"))

    def on_key(self, event: events.Key) -> None:
        for answer, label in self.answers:
            if event.character and event.character.casefold() == label[0].casefold():
                event.stop()
                self.dismiss(answer)
                return

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)


class AskPath(ModalScreen[str | None]):
    """A file name: Enter answers it, Escape cancels (``None``)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="AskPath")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, prompt: str, value: str, hint: str) -> None:
        super().__init__()
        self.prompt = prompt
        self.value = value
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.prompt))
            yield Input(value=self.value, select_on_focus=False, id="path")
            yield Label(Text(self.hint), id="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
