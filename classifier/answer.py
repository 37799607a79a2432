"""One input's answer, as the command line and the web API give it: its ranked chart types or its error, as JSON
(the contract the two share) or as lines for a terminal."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from classifier.errors import WhatplotError
from classifier.model import Prediction


@dataclass
class Answer:
    """The result for one input: predictions, or an error (never both)."""

    input: str
    predictions: list[Prediction] | None = None
    error: WhatplotError | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON contract shared by the CLI and the web API."""
        record: dict[str, object] = {"input": printable(self.input)}
        if self.error is not None:
            record["error"] = {"type": self.error.kind, "message": printable(self.error.message)}
        else:
            record["predictions"] = [p.to_dict() for p in self.predictions or []]
        return record

    def to_json(self) -> str:
        """The answer as one line of JSON, as ``--json`` prints it."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def to_text(self) -> str:
        """The answer for a terminal: the input, then its error or one line for each chart type."""
        lines = [terminal_safe(self.input)]
        if self.error is not None:
            lines.append(f"  error ({self.error.kind}): {terminal_safe(self.error.message)}")
        for p in self.predictions or []:
            lines.append(f"  {p.name:<26} {p.confidence:6.1%}")
        return "\n".join(lines)


def printable(text: str) -> str:
    """``text`` as valid Unicode: a file name that isn't UTF-8 (decoded with surrogate escapes) shows
    its odd bytes as ``\\xe9``, where printing or encoding it as JSON would fail."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no byte decoded to ("\ud800" from JSON)
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


#: Characters a terminal acts on rather than shows: C0 and C1 controls (newline, escape), bidi overrides.
_CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """:func:`printable` ``text`` with its control characters escaped (``\\n``, ``\\x1b``), so that a file
    name can't forge lines of the table or send the terminal escape sequences."""
    return _CONTROL_CHARACTERS.sub(lambda match: match[0].encode("unicode_escape").decode(), printable(text))
