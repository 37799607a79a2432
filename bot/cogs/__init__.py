"""One extension per feature; each has an ``async def setup(bot)``."""
