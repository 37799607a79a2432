"""How the bot's words are shortened, escaped and timed for Discord: the user's words an answer quotes, cut to fit
(:func:`clip`); a name or a server's words shown verbatim (:func:`escaped`); how long a wait lasts, in words
(:func:`wait_words`); and a clause made a sentence (:func:`sentence`)."""

from __future__ import annotations

import discord


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, an ellipsis where it was cut: for the user's words an
    answer quotes, which can be as long as a message (or an option) of theirs, and so past Discord's limits."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def escaped(text: str) -> str:
    """``text`` (a file name, a server's words) as Discord shows it verbatim: no markdown, no mention."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def wait_words(seconds: float) -> str:
    """A wait in words, rounded: "40 seconds", "5 minutes", "6 hours"."""
    for unit, length in (("hour", 3600), ("minute", 60)):
        if seconds >= 1.5 * length:
            return f"{round(seconds / length)} {unit}s"
    return f"{max(1, round(seconds))} second{'s' if round(seconds) > 1 else ''}"


def sentence(clause: str) -> str:
    """``clause`` as a sentence: capitalized, with a full stop."""
    return f"{clause[0].upper()}{clause[1:]}."
