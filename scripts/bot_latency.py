"""Measure the bot's time from message to answer for a 1080p PNG, through simcord (no Discord needed).

    python scripts/bot_latency.py [--runs 20]

Times run from just before a simulated user posts ``!whatplot`` with the image to the moment the
bot's answer reaches the simulated gateway: Discord's network is not included.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import discord
import simcord
from PIL import Image, ImageDraw

from bot import Settings, create_bot


def chart_1080p(noisy: bool) -> bytes:
    """A 1920x1080 bar chart PNG drawn with Pillow; ``noisy`` adds grain so the PNG weighs megabytes."""
    image = Image.new("RGB", (1920, 1080), "white")
    if noisy:
        grain = Image.effect_noise((1920, 1080), 40).convert("RGB")
        image = Image.blend(image, grain, 0.15)
    draw = ImageDraw.Draw(image)
    draw.line([(200, 100), (200, 950), (1850, 950)], fill="black", width=4)
    for i, height in enumerate([0.5, 0.8, 0.3, 0.65, 0.9, 0.4, 0.7, 0.55]):
        x = 260 + i * 200
        draw.rectangle([x, 950 - height * 800, x + 120, 950], fill=(31, 119, 180))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


async def measure(png: bytes, runs: int) -> list[float]:
    """Seconds from each ``!whatplot`` post to the bot's answer, after one warm-up run."""
    with tempfile.TemporaryDirectory() as tmp:
        bot = create_bot(Settings(db_path=Path(tmp) / "whatplot.db", health_port=None, cooldown_rate=runs + 1))
        answered_at: list[float] = []

        async def on_message(message: discord.Message) -> None:
            if message.author == bot.user:
                answered_at.append(time.perf_counter())

        bot.add_listener(on_message)
        env = simcord.Env(bot, settle_timeout=30.0)
        await env.start()
        try:
            channel = env.create_guild().create_text_channel("charts")
            user = env.guild.add_member(env.create_user("alice"))
            seconds = []
            for _ in range(runs + 1):  # the first run warms up caches and threads
                start = time.perf_counter()
                await user.send(channel, "!whatplot", attachments=[("chart.png", png)])
                seconds.append(answered_at[-1] - start)
            return seconds[1:]
        finally:
            await bot.close()
            await env.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    for noisy in (False, True):
        png = chart_1080p(noisy)
        ms = sorted(s * 1000 for s in asyncio.run(measure(png, runs)))
        print(
            f"1920x1080 PNG, {len(png) / 1024:.0f} KB: message -> answer over {len(ms)} runs: "
            f"median {statistics.median(ms):.0f} ms, p90 {ms[int(len(ms) * 0.9) - 1]:.0f} ms, "
            f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
