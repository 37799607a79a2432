"""Settings, the command line, sharding and the health endpoint."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import discord
import pytest
import simcord
from discord.ext import commands

from bot import Settings, WhatplotBot, create_bot
from bot.__main__ import main
from bot.settings import SettingsError
from tests.bot_world import BotWorld, assert_answers, rate_limit
from tests.images import bar_chart, encode

FAKE_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB"


@pytest.fixture
def clean_env(monkeypatch, tmp_path: Path) -> Path:
    """No DISCORD_TOKEN or WHATPLOT_* variables, and a working directory without a .env file."""
    import os

    for name in list(os.environ):
        if name == "DISCORD_TOKEN" or name.startswith("WHATPLOT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_missing_token_exits_non_zero_with_one_line(clean_env: Path, capsys) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "DISCORD_TOKEN is not set" in err


def test_malformed_token_is_refused_and_never_echoed(clean_env: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "hunter2-not-a-token")
    assert main([]) == 2
    captured = capsys.readouterr()
    assert "malformed" in captured.err and "hunter2" not in captured.err + captured.out


def test_a_dotenv_that_is_not_utf8_is_named_in_one_line(clean_env: Path, capsys) -> None:
    # Windows Notepad's "Unicode" is UTF-16; python-dotenv reads UTF-8 only.
    (clean_env / ".env").write_text(f"DISCORD_TOKEN={FAKE_TOKEN}\n", encoding="utf-16")
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and ".env isn't UTF-8 text" in captured.err
    assert "Traceback" not in captured.err and FAKE_TOKEN not in captured.err + captured.out


@pytest.mark.parametrize(
    ("lines", "why"),
    [
        ('WHATPLOT_PREFIX="?\nWHATPLOT_NOT_SURE_BELOW="0.3\nWHATPLOT_WORKERS=3\n', "is a quote left open?"),
        ("WHATPLOT_PREFIX='?\nWHATPLOT_WORKERS=3\nWHATPLOT_NOT_SURE_BELOW=0.3'\n", "is a quote left open?"),
        ('OTHER_TOOL="x\nWHATPLOT_WORKERS=3\nEND="\n', "is a quote left open?"),  # another program's, swallowing ours
        ("this is junk\nWHATPLOT_WORKERS=3\n", "it isn't NAME=value."),
    ],
    ids=["double", "single", "another-programs", "no-assignment"],
)
def test_a_line_of_dotenv_that_cant_be_read_is_named_not_swallowing_the_settings_after_it(
    clean_env: Path, capsys, lines: str, why: str
) -> None:
    """python-dotenv gives up on such a line with a warning, or reads it as a value over several lines: either way
    the settings after it were lost without a word."""
    (clean_env / ".env").write_text(f"DISCORD_TOKEN={FAKE_TOKEN}\n{lines}")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Line 2 of .env can't be read" in err and err.rstrip().endswith(why)


def test_another_programs_value_over_several_lines_is_left_to_it(clean_env: Path) -> None:
    (clean_env / ".env").write_text(f'CERTIFICATE="-----BEGIN-----\nabc\n-----END-----"\nDISCORD_TOKEN={FAKE_TOKEN}\n')
    assert Settings.from_env().checked_token() == FAKE_TOKEN


def test_a_dotenv_that_links_to_nothing_is_named_not_taken_for_none(clean_env: Path, capsys) -> None:
    """A .env there but no file: "DISCORD_TOKEN is not set; put it in … .env" would puzzle."""
    (clean_env / ".env").symlink_to(clean_env / "settings.env")
    assert main([]) == 2
    assert ".env isn't a file" in capsys.readouterr().err


def test_a_folder_named_dotenv_is_a_virtualenv_not_settings(clean_env: Path, capsys) -> None:
    (clean_env / ".env" / "bin").mkdir(parents=True)
    assert main([]) == 2
    assert "DISCORD_TOKEN is not set" in capsys.readouterr().err


def test_a_misspelt_token_name_is_named_with_the_one_meant(clean_env: Path, capsys) -> None:
    (clean_env / ".env").write_text(f"DISCORD_TOKN={FAKE_TOKEN}\n")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "DISCORD_TOKEN is not set" in err and "did you mean DISCORD_TOKEN?" in err and FAKE_TOKEN not in err


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc")
def test_an_unreadable_dotenv_is_a_settings_error(clean_env: Path) -> None:
    # A file that opens but can't be read, even by root (who ignores permission bits).
    with pytest.raises(SettingsError, match="Can't read /proc/self/mem"):
        Settings.from_env({}, dotenv_path="/proc/self/mem")


def test_discord_out_of_reach_at_start_is_one_line(clean_env: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", "http://127.0.0.1:9/api/v10")  # nothing listens there
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)
    monkeypatch.setenv("WHATPLOT_HEALTH_PORT", "off")
    assert main([]) == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "can't reach Discord" in captured.err
    assert FAKE_TOKEN not in captured.err + captured.out


@pytest.mark.parametrize(
    ("token", "hint"), [(f"Bot {FAKE_TOKEN}", 'starts with "Bot "'), (f'"{FAKE_TOKEN}"', "in quotes")]
)
def test_a_token_pasted_with_extras_is_refused_with_a_hint(clean_env: Path, token: str, hint: str) -> None:
    with pytest.raises(SettingsError, match=hint) as refusal:
        Settings(token=token).checked_token()
    assert FAKE_TOKEN not in str(refusal.value)


def test_python_m_bot_without_token_fails(clean_env: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    process = subprocess.run(
        [sys.executable, "-m", "bot"], cwd=clean_env, env=env, capture_output=True, text=True, timeout=60
    )
    assert process.returncode != 0
    assert process.stderr.strip().splitlines() == [
        "whatplot bot: DISCORD_TOKEN is not set; put it in the environment or in .env (see .env.example)."
    ]


def test_settings_from_env_and_dotenv(clean_env: Path) -> None:
    (clean_env / ".env").write_text(
        f"DISCORD_TOKEN={FAKE_TOKEN}\nWHATPLOT_PREFIX=?\nWHATPLOT_NOT_SURE_BELOW=40%\nWHATPLOT_HEALTH_PORT=off\nWHATPLOT_LOG_LEVEL=debug\n"
    )
    settings = Settings.from_env(
        {"WHATPLOT_PREFIX": "$", "WHATPLOT_WATCH_CHANNELS": "1, 2 3", "WHATPLOT_SHARD_COUNT": "4"}
    )

    assert settings.checked_token() == FAKE_TOKEN
    assert settings.prefix == "$"  # the environment wins over .env
    assert settings.not_sure_below == pytest.approx(0.4)
    assert settings.health_port is None
    assert settings.log_level == "DEBUG"
    assert settings.watch_channels == {1, 2, 3}
    assert settings.shard_count == 4
    assert FAKE_TOKEN not in repr(settings)


def test_a_parent_folders_dotenv_is_not_read(clean_env: Path, monkeypatch) -> None:
    """Another project's .env above the folder the bot starts in (its token, its database path) is none of its."""
    (clean_env / ".env").write_text("WHATPLOT_PREFIX=?\n")
    (clean_env / "bot-folder").mkdir()
    monkeypatch.chdir(clean_env / "bot-folder")
    assert Settings.from_env({}).prefix == "!"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WHATPLOT_QUEUE_SIZE", "0"),
        ("WHATPLOT_NOT_SURE_BELOW", "1.5"),
        ("WHATPLOT_HEALTH_PORT", "http"),
        ("WHATPLOT_DEV_GUILD_ID", "x"),
        ("WHATPLOT_LOG_LEVEL", "verbose"),
        ("WHATPLOT_SHARD_COUNT", "-1"),  # an AutoShardedBot with no shard: never connected, and never a word why
        ("WHATPLOT_COOLDOWN_PER", "inf"),  # "Slow down a little: you can ask me again in inf s" can't be said
        ("WHATPLOT_DOWNLOAD_TIMEOUT", "1e999"),  # infinity too: no time limit at all on a download
    ],
)
def test_bad_settings_name_the_variable(clean_env: Path, name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_an_image_size_limit_over_the_classifiers_is_lowered_to_it(clean_env: Path) -> None:
    """docs/bot.md's Settings: "It can only lower the limit". Above the classifier's 25 MiB the bot would read a 90 MB
    attachment whole, only to have it refused, or refuse a larger one saying it reads images "up to 93 GiB"."""
    from classifier import config

    settings = Settings.from_env({"WHATPLOT_MAX_IMAGE_BYTES": "99999999999"})
    assert settings.max_image_bytes == config.MAX_IMAGE_BYTES
    assert Settings.from_env({"WHATPLOT_MAX_IMAGE_BYTES": "1048576"}).max_image_bytes == 1048576


def test_paths_starting_with_a_tilde_are_in_the_home_folder(clean_env: Path, monkeypatch) -> None:
    """``WHATPLOT_DB_PATH=~/whatplot.db`` in .env: python-dotenv keeps the "~", and the bot made a folder named "~"
    in its working directory, its choices lost to whoever looks for them at home."""
    monkeypatch.setenv("HOME", str(clean_env / "home"))
    (clean_env / ".env").write_text("WHATPLOT_DB_PATH=~/whatplot.db\nWHATPLOT_MODEL_PATH=~/models/mine.tflite\n")
    settings = Settings.from_env({})
    assert settings.db_path == clean_env / "home" / "whatplot.db"
    assert settings.model_path == clean_env / "home" / "models" / "mine.tflite"


def test_the_settings_known_by_name_are_those_of_env_example() -> None:
    """The misspelt-name warning knows the settings by SETTING_NAMES: one added to .env.example but not there would be
    called a typo of another."""
    from bot.settings import SETTING_NAMES

    example = (Path(__file__).resolve().parent.parent / ".env.example").read_text(encoding="utf-8")
    assert set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE)) == set(SETTING_NAMES)


def test_a_misspelt_setting_is_named_in_a_warning_with_the_one_meant(clean_env: Path, monkeypatch, caplog) -> None:
    """A typo in a variable's name leaves the setting at its default without a word: the bot says so as it starts."""
    (clean_env / ".env").write_text("WHATPLOT_WATCH_CHANNEL=123\nwhatplot_prefix=?\nWHATPLOT_IMAGE=whatplot:dev\n")
    monkeypatch.setattr(discord.http.Route, "BASE", "http://127.0.0.1:9/api/v10")  # nothing listens there
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)
    monkeypatch.setenv("WHATPLOT_HEALTH_PORT", "off")
    monkeypatch.setenv("WHATPLOT_HEALTHPORT", "8081")
    monkeypatch.setenv("WHATPLOT_CHROMIUM", "/usr/bin/chromium")  # the browser tests', not the bot's: no near miss

    with caplog.at_level(logging.WARNING, logger="bot"):
        assert main([]) == 1  # Discord out of reach: the settings were read, and the warnings logged
    assert [record.getMessage() for record in caplog.records if record.name == "bot.__main__"] == [
        "WHATPLOT_HEALTHPORT is not a setting of the bot, so it has no effect; did you mean WHATPLOT_HEALTH_PORT?",
        "WHATPLOT_WATCH_CHANNEL is not a setting of the bot, so it has no effect; "
        "did you mean WHATPLOT_WATCH_CHANNELS?",
        "whatplot_prefix is not a setting of the bot, so it has no effect; did you mean WHATPLOT_PREFIX?",
    ]


@pytest.mark.parametrize(("queue_size", "warned"), [("4", True), ("9", True), ("10", False), ("32", False)])
def test_a_queue_too_small_for_one_requests_images_is_warned_of(clean_env: Path, queue_size: str, warned: bool) -> None:
    """Under 10, a request naming 10 images gets "try again" for some of them even on an idle bot: the bot runs on
    (a small machine may want it so), but its log says what the setting costs."""
    settings = Settings.from_env({"WHATPLOT_QUEUE_SIZE": queue_size})
    assert settings.queue_size == int(queue_size)
    expected = [
        f"WHATPLOT_QUEUE_SIZE is {queue_size}, under the 10 images one request may name: past the first {queue_size}, "
        'a request\'s images are answered "one moment, then try again" even when the bot is idle.'
    ]
    assert list(settings.warnings) == (expected if warned else [])


@pytest.mark.parametrize("value", ["http", "70000", "-1", "8080.0", "８０８０"])
def test_a_bad_health_port_is_told_what_a_port_is(clean_env: Path, value: str) -> None:
    with pytest.raises(SettingsError, match=r"WHATPLOT_HEALTH_PORT must be a port number \(0-65535\) or 'off'"):
        Settings.from_env({"WHATPLOT_HEALTH_PORT": value})


@pytest.mark.bot_settings(health_port=0)
async def test_healthz_reports_ready(world: BotWorld) -> None:
    port = world.bot.get_cog("Health").port
    async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/healthz") as response:
        assert response.status == 200
        body = await response.json()
    assert body["status"] == "ready" and body["guilds"] == 1


async def healthz(bot: WhatplotBot) -> tuple[int, str]:
    """The health endpoint's answer: its HTTP status and its ``status``."""
    port = bot.get_cog("Health").port
    async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/healthz") as response:
        return response.status, (await response.json())["status"]


@pytest.mark.bot_settings(health_port=0)
async def test_healthz_says_when_the_gateway_is_lost(world: BotWorld) -> None:
    """discord.py stays ready while it reconnects, for hours where Discord is down or the network gone: a monitor
    polling the endpoint must hear of it."""
    await world.bot.ws.close()  # the connection drops

    assert await healthz(world.bot) == (503, "reconnecting")


async def test_healthz_says_when_a_shard_is_lost_until_it_is_back(tmp_path: Path) -> None:
    bot = create_bot(Settings(shard_count=2, db_path=tmp_path / "w.db", health_port=0))
    env = simcord.Env(bot, settle_timeout=10.0)
    await env.start()
    try:
        await bot.get_shard(1).disconnect()
        lost = await healthz(bot)
        await bot.get_shard(1).reconnect()
        assert lost == (503, "reconnecting")
        assert await healthz(bot) == (200, "ready")
    finally:
        await bot.close()
        await env.shutdown()


@pytest.mark.bot_settings(health_port=0)
async def test_a_malformed_request_to_healthz_is_refused_in_one_line(world: BotWorld, caplog) -> None:
    """A port scanner's request, or a client's mistake, is no error of the bot's: no traceback in its log."""
    port = world.bot.get_cog("Health").port
    too_long = b"GET /healthz HTTP/1.1\r\nX-Long: " + b"a" * 10_000 + b"\r\n\r\n"
    for request in (b"GET /healthz HTTP/9.9\r\n\r\n", too_long):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request)
        assert (await reader.read()).startswith(b"HTTP/1.0 400 Bad Request")
        writer.close()

    assert not [r for r in caplog.records if r.levelname == "ERROR" or r.exc_info]
    async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/healthz") as response:
        assert response.status == 200


async def test_a_health_port_in_use_is_logged_and_the_bot_still_answers(
    world: BotWorld, classifier, caplog: pytest.LogCaptureFixture
) -> None:
    import dataclasses
    import socket

    with socket.socket() as taken:  # another service already listens there
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        await world.restart(dataclasses.replace(world.bot.settings, health_port=port))

        assert world.bot.get_cog("Health") is None
        assert f"127.0.0.1:{port} is in use. Set WHATPLOT_HEALTH_PORT to a free port" in caplog.text
        chart = encode(bar_chart())
        request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", chart)])
        assert_answers(world.answer_to(request).embeds[0], classifier.predict(chart))


async def test_a_health_host_that_is_no_address_here_is_named_as_the_fault(world: BotWorld, caplog) -> None:
    import dataclasses

    await world.restart(dataclasses.replace(world.bot.settings, health_host="192.0.2.1", health_port=8080))  # TEST-NET

    assert world.bot.get_cog("Health") is None
    assert "192.0.2.1:8080 can't be listened on" in caplog.text
    assert "Set WHATPLOT_HEALTH_HOST to an address of this machine" in caplog.text


async def test_starting_logs_no_warning_about_voice_libraries(tmp_path: Path, monkeypatch, caplog) -> None:
    monkeypatch.setattr(discord.VoiceClient, "warn_nacl", True)  # as in a fresh process
    monkeypatch.setattr(discord.VoiceClient, "warn_dave", True)
    bot = create_bot(Settings(db_path=tmp_path / "w.db", health_port=None))
    env = simcord.Env(bot, settle_timeout=10.0)
    await env.start()
    await bot.close()
    await env.shutdown()
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.bot_settings(dev_guild_id=123456789012345678)  # a server the bot isn't in
async def test_a_refused_command_sync_is_logged_and_the_bot_still_answers(
    world: BotWorld, classifier, caplog: pytest.LogCaptureFixture
) -> None:
    refusals = [r.getMessage() for r in caplog.get_records("setup") if "Couldn't sync the slash commands" in r.getMessage()]
    assert len(refusals) == 1 and "403 Missing Access" in refusals[0] and "WHATPLOT_DEV_GUILD_ID" in refusals[0]
    chart = encode(bar_chart())
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", chart)])
    assert_answers(world.answer_to(request).embeds[0], classifier.predict(chart))


async def test_sharded_bot_answers_on_every_shard(tmp_path: Path, classifier) -> None:
    chart = encode(bar_chart())
    bot = create_bot(Settings(shard_count=2, db_path=tmp_path / "w.db", health_port=None))
    assert isinstance(bot, discord.AutoShardedClient)
    env = simcord.Env(bot, settle_timeout=10.0)
    await env.start()
    try:
        for shard_id in (0, 1):
            guild = env.create_guild(f"guild {shard_id}", shard_id=shard_id)
            channel = guild.create_text_channel("charts")
            user = guild.add_member(env.create_user(f"user{shard_id}"))
            request = await user.send(channel, "!whatplot", attachments=[("c.png", chart)])
            (answer,) = [m for m in channel.history() if m.reference and m.reference.message_id == request.id]
            assert_answers(answer.embeds[0], classifier.predict(chart))
            assert bot.get_guild(guild.id).shard_id == shard_id
    finally:
        await bot.close()
        await env.shutdown()


@pytest.mark.parametrize("kind", ["a folder", "not a database"])
async def test_a_database_that_cannot_be_opened_stops_the_start_naming_the_setting(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "whatplot.db"
    if kind == "a folder":
        path.mkdir()
    else:
        path.write_bytes(b"these bytes are no SQLite database" * 100)
    bot = create_bot(Settings(db_path=path, health_port=None))
    env = simcord.Env(bot, settle_timeout=10.0)
    try:
        with pytest.raises(commands.ExtensionFailed) as failure:
            await env.start()
    finally:
        await bot.close()
        await env.shutdown()
    assert isinstance(failure.value.original, SettingsError)
    assert f"WHATPLOT_DB_PATH: can't open the database {path}" in str(failure.value.original)


def test_a_database_that_cannot_be_opened_leaves_no_traceback_behind(tmp_path: Path) -> None:
    """The bot exits on that error: no database thread may outlive it to print one as the process ends."""
    script = (
        "import asyncio, pathlib\n"
        "from bot.watch_store import WatchStore\n"
        "from bot.settings import SettingsError\n"
        "async def main():\n"
        "    try:\n"
        f"        await WatchStore.open(pathlib.Path({str(tmp_path)!r}), frozenset())\n"
        "    except SettingsError as exc:\n"
        "        print(exc)\n"
        "asyncio.run(main())\n"
    )
    for _ in range(3):  # the thread's traceback came most times, not every time
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
        assert done.stdout.startswith("WHATPLOT_DB_PATH: can't open the database") and done.stderr == ""


def test_check_says_the_settings_and_the_database_are_fine_without_discord(clean_env: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", "http://127.0.0.1:9/api/v10")  # nothing listens there: unused
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)
    monkeypatch.setenv("WHATPLOT_DB_PATH", str(clean_env / "data" / "whatplot.db"))
    assert main(["--check"]) == 0
    assert "the settings, the token's shape and the database are fine" in capsys.readouterr().out
    assert (clean_env / "data" / "whatplot.db").is_file()


@pytest.mark.skipif(os.getuid() == 0 and not shutil.which("setpriv"), reason="root writes anything without setpriv")
@pytest.mark.parametrize("unwritable", ["file", "folder"])
def test_a_database_the_bot_may_read_but_not_write_stops_it_before_it_logs_in(tmp_path: Path, unwritable: str) -> None:
    """A database restored as root's into the Docker image (whose bot runs as uid 10001), or in a host folder
    mounted that is root's: it opened, and every moderator's choice then failed. Now the start fails, before
    logging in to Discord, naming the owner."""
    path = tmp_path / "whatplot.db"
    env = {**os.environ, "DISCORD_TOKEN": FAKE_TOKEN, "WHATPLOT_DB_PATH": str(path)}
    subprocess.run([sys.executable, "-m", "whatplot", "bot", "--check"], env=env, check=True, capture_output=True, timeout=120)
    if unwritable == "file":
        path.chmod(0o444)
    tmp_path.chmod(0o555)  # no journal beside it, nor a new file in its place
    # root bypasses file permissions: without those capabilities it can't, as the image's user can't
    as_a_user = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.getuid() == 0 else []
    try:
        done = subprocess.run(
            [*as_a_user, sys.executable, "-m", "whatplot", "bot"], env=env, capture_output=True, text=True, timeout=120
        )
    finally:
        tmp_path.chmod(0o755)
    assert done.returncode == 2
    assert done.stderr.startswith(f"whatplot bot: WHATPLOT_DB_PATH: can't open the database {path}")
    place = path if unwritable == "file" else tmp_path
    assert f"{place} belongs to uid {place.stat().st_uid}" in done.stderr and "Traceback" not in done.stderr


#: ``whatplot bot`` whose connection to Discord holds one request, and is told to stop (SIGTERM) meanwhile.
SIGTERM_WITH_A_REQUEST_IN_HAND = """
import asyncio, os, signal, sys
from bot.__main__ import main
from bot.client import WhatplotBot

async def start_with_a_request_in_hand(self, token, *, reconnect=True):
    async def answer():
        await asyncio.sleep(0.5)
        print("answered", flush=True)
    asyncio.get_running_loop().create_task(answer(), name="discord.py: on_message")
    os.kill(os.getpid(), signal.SIGTERM)
    await asyncio.Event().wait()

WhatplotBot.start = start_with_a_request_in_hand
sys.exit(main([]))
"""


@pytest.mark.parametrize("ctrl_c_ignored", [False, True], ids=["foreground", "ctrl-c-ignored"])
def test_sigterm_answers_the_requests_in_hand_before_exiting(clean_env: Path, ctrl_c_ignored: bool) -> None:
    """``kill``, Kubernetes and a ``docker stop`` without the image's STOPSIGNAL send SIGTERM, not Ctrl-C's SIGINT.
    Also where the bot was started with Ctrl-C ignored, as a script's ``whatplot bot &`` starts it: SIGTERM stopped
    nothing there (the bot passed it on as a SIGINT, ignored too) and the bot ran on until killed."""
    import os

    env = {**os.environ, "DISCORD_TOKEN": FAKE_TOKEN, "WHATPLOT_HEALTH_PORT": "off"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    script = ("import signal; signal.signal(signal.SIGINT, signal.SIG_IGN)\n" if ctrl_c_ignored else "") + SIGTERM_WITH_A_REQUEST_IN_HAND
    process = subprocess.run(
        [sys.executable, "-c", script], cwd=clean_env, env=env, capture_output=True, text=True, timeout=30
    )
    assert (process.returncode, process.stdout) == (0, "answered\n"), process.stderr


@contextlib.contextmanager
def discord_answering(status: int, content_type: str, body: bytes) -> Iterator[str]:
    """The base URL of an API that answers every request with ``status`` and ``body``."""
    import http.server
    import threading

    class Answering(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answering)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/api/v10"
    finally:
        server.shutdown()


@pytest.mark.parametrize(
    ("status", "content_type", "body", "exit_status", "says"),
    [
        # As Discord's edge answers when Discord is down: 503, in HTML. Started again later, it may be back.
        (503, "text/html", b"<html><body>upstream connect error</body></html>", 1, "Discord answered 503 Service Unavailable"),
        # A token reset on the Developer Portal: a wrong setting (2), so that systemd doesn't start it again every 30 s.
        (401, "application/json", b'{"message": "401: Unauthorized", "code": 0}', 2, "Discord rejected DISCORD_TOKEN"),
    ],
)
def test_discord_refusing_the_start_is_one_line(
    clean_env: Path, monkeypatch, capsys, status: int, content_type: str, body: bytes, exit_status: int, says: str
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)
    monkeypatch.setenv("WHATPLOT_HEALTH_PORT", "off")
    with discord_answering(status, content_type, body) as api:
        monkeypatch.setattr(discord.http.Route, "BASE", api)
        assert main([]) == exit_status
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and says in captured.err
    assert FAKE_TOKEN not in captured.err + captured.out


async def test_a_rate_limited_command_sync_is_logged_and_the_bot_still_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Discord limits how often an app's commands may change (a day's quota): beyond the wait discord.py takes,
    it raises RateLimited, which is no HTTPException."""
    caplog.set_level(logging.INFO)
    bot = create_bot(Settings(db_path=tmp_path / "w.db", health_port=None))
    env = simcord.Env(bot, settle_timeout=10.0)
    install_http = simcord._dpy_internals.install_http  # simcord puts its own HTTP client in place as it starts

    def install_rate_limited_http(client: discord.Client, http: discord.http.HTTPClient) -> None:
        install_http(client, http)
        rate_limit(env, monkeypatch, "PUT", "/applications/*/commands", retry_after=3600.0)

    monkeypatch.setattr(simcord._dpy_internals, "install_http", install_rate_limited_http)
    await env.start()
    try:
        assert bot.is_ready()
        (refusal,) = [r.getMessage() for r in caplog.records if "Couldn't sync the slash commands" in r.getMessage()]
        assert "rate-limits it for 3600 s more" in refusal
    finally:
        await bot.close()
        await env.shutdown()
