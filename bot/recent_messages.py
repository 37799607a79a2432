"""Records of recent messages, by id: those the bot answered lately, so that none is answered twice
(``bot.answered``), and the ``!whatplot`` requests whose answer named no image (a hint, or errors only), which an
edit that gives other links asks again (``Classify.unanswered``).
"""

from __future__ import annotations

#: How many messages such records hold: as many as discord.py caches by default, as the edits of older ones don't
#: reach the bot's ``on_message_edit``.
RECENT_MESSAGES = 1000


def forget_oldest(records: dict[int, object]) -> None:
    """Drop the oldest of ``records`` (by message id, in the order added: a dict keeps it) past :data:`RECENT_MESSAGES`."""
    while len(records) > RECENT_MESSAGES:
        del records[next(iter(records))]


class RecentMessageIds:
    """Messages claimed lately, of which a second claim fails. As ``bot.answered``, the messages the bot answered
    lately, so that none gets a second answer: watch mode's and then, when its author edits ``!whatplot`` into it, a
    command's; or both at once, when the edit comes while watch mode is still at work.

    It holds the last :data:`RECENT_MESSAGES`.
    """

    def __init__(self) -> None:
        self._ids: dict[int, None] = {}  # in the order answered: a dict keeps it

    def __contains__(self, message_id: object) -> bool:
        return message_id in self._ids

    def claim(self, message_id: int) -> bool:
        """Note ``message_id`` (the bot is answering it, say); False if it was noted already."""
        if message_id in self._ids:
            return False
        self._ids[message_id] = None
        forget_oldest(self._ids)
        return True

    def release(self, message_id: int) -> None:
        """Forget ``message_id``, so that a later request about it is answered: watch mode's answer failed to go
        out, say, and an edit into ``!whatplot`` asks."""
        self._ids.pop(message_id, None)
