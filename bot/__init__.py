"""whatplot's Discord bot: names the chart type of images people post.

>>> from bot import create_bot
>>> create_bot().run(token)  # doctest: +SKIP   (or: whatplot bot)
"""

from __future__ import annotations

from bot.client import ShardedWhatplotBot, WhatplotBot
from bot.settings import Settings
from classifier import ChartClassifier

__all__ = ["Settings", "WhatplotBot", "create_bot"]


def create_bot(settings: Settings | None = None) -> WhatplotBot:
    """Build the bot with the real classifier; its cogs load when it logs in. Touches no network.

    ``settings`` defaults to :meth:`Settings.from_env`. A configured shard count gives an
    ``AutoShardedBot`` running that many shards.

    Raises:
        classifier.errors.ModelError: the model can't be loaded.
    """
    settings = settings or Settings.from_env()
    classifier = ChartClassifier.load(settings.model_path)
    if settings.shard_count:
        return ShardedWhatplotBot(settings, classifier, shard_count=settings.shard_count)
    return WhatplotBot(settings, classifier)
