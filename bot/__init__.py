"""whatplot's Discord bot: names the chart type of images people post.

How a ``!whatplot`` message travels, from discord.py to the answer: see :mod:`bot.client`'s docstring.

>>> from bot import create_bot
>>> create_bot().run(token)  # doctest: +SKIP   (or: whatplot bot)
"""

from __future__ import annotations

from bot.client import ShardedWhatplotBot, WhatplotBot
from bot.settings import Settings
from classifier import ChartClassifier

__all__ = ["Settings", "WhatplotBot", "create_bot"]


def create_bot(
    settings: Settings | None = None, classifier: ChartClassifier | None = None, *, message_content: bool = True
) -> WhatplotBot:
    """Build the bot with the real classifier; its cogs load when it logs in. Touches no network.

    ``settings`` defaults to :meth:`Settings.from_env`. A configured shard count gives an
    ``AutoShardedBot`` running that many shards. ``classifier`` is one loaded already (a stopped bot's), else the
    model at ``settings.model_path`` is loaded. ``message_content=False`` builds a bot that doesn't ask Discord for
    the Message Content intent, for where Discord refuses it.

    Raises:
        classifier.errors.ModelError: the model can't be loaded.
    """
    settings = settings or Settings.from_env()
    classifier = classifier or ChartClassifier.load(settings.model_path)
    if settings.shard_count:
        return ShardedWhatplotBot(
            settings, classifier, message_content=message_content, shard_count=settings.shard_count
        )
    return WhatplotBot(settings, classifier, message_content=message_content)
