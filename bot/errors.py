"""The bot's own user-facing errors. Like the classifier's, each message is written for the user."""

from __future__ import annotations

from classifier.errors import WhatplotError


class NoImageFound(WhatplotError):
    """A request had no image to classify. ``in_server_messages``: none among messages posted in a server, whose
    images Discord hides from a bot without the Message Content intent (unless they mention it)."""

    kind = "no_image"

    def __init__(self, message: str, *, in_server_messages: bool = False) -> None:
        super().__init__(message)
        self.in_server_messages = in_server_messages


class SlowDown(WhatplotError):
    """The user asked too often; ``retry_after`` is in seconds. ``told``: the user was told so
    already, by an earlier request refused in the same wait."""

    kind = "slow_down"

    def __init__(self, retry_after: float, *, told: bool = False) -> None:
        super().__init__(f"Slow down a little: you can ask me again in {max(1, round(retry_after))} s.")
        self.retry_after = retry_after
        self.told = told


class Busy(WhatplotError):
    """The inference queue is full."""

    kind = "busy"

    def __init__(self) -> None:
        super().__init__("I'm naming a lot of charts right now. One moment, then try again.")
