"""`WhatplotBot`: a ``commands.Bot`` that owns the classifier, the downloader and the limits, reads messages as
commands (:meth:`WhatplotBot.get_context`, with :mod:`bot.prefixes`; ``help`` is :mod:`bot.help`), and finishes the
requests in hand before it stops.

How a ``!whatplot`` message travels (WhatplotBot has no ``on_message``: discord.py's own runs the commands):

1. discord.py's ``Bot.on_message`` → ``process_commands`` (it skips bots' messages) →
   :meth:`WhatplotBot.get_context` (a mention, or a DM with an image, reads as ``whatplot`` too) →
   :meth:`WhatplotBot.invoke` (a request in flight).
2. :meth:`bot.cogs.classify.Classify.whatplot_prefix`: the asker's cooldown (``WhatplotBot.cooldown``), then
   :func:`bot.asked_about.find_images` (attachments, links, the message replied to, else the channel's history).
3. ``Classify._embeds_for`` → :meth:`WhatplotBot.classify_images` → for each image,
   :meth:`bot.limits.InferenceQueue.predict`, which reads it with :meth:`bot.images.ImageReader.read` and classifies
   it in a worker thread; then :func:`bot.answer.build_embeds`.
4. ``WhatplotBot.answered.claim`` (watch mode may have answered it meanwhile) →
   :func:`bot.send_answer.reply_with_answer` → :func:`bot.replies.reply` (by DM where the bot may not post).
5. A failure: discord.py dispatches ``on_command_error`` →
   :meth:`bot.cogs.error_handler.ErrorHandler.on_command_error` → ``ErrorHandler.tell`` →
   :meth:`bot.replies.WhatplotContext.reply` → :func:`bot.replies.reply`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Sequence

import discord
from discord import app_commands
from discord.ext import commands
from discord.ext.commands.view import StringView

from bot.answer import MAX_IMAGES, DeleteAnswerButton, Result
from bot.recent_messages import RecentMessageIds
from bot.help import WhatplotHelp, description, status
from bot.images import ImageReader, ImageRef, MayRenew, message_images, message_links
from bot.in_flight import InFlight
from bot.limits import InferenceQueue, UserCooldown
from bot.prefixes import MENTION, command_prefixes, is_me, mentions_me, without_invisibles
from bot.replies import MAX_RATELIMIT_WAIT_S, WhatplotContext, answer_privately
from bot.settings import Settings
from classifier import ChartClassifier, WhatplotError, config
from classifier.byte_budget import Take
from classifier.download import ImageDownloader, without_credentials

log = logging.getLogger(__name__)

#: How long a stopping bot waits for the requests it is answering (compose.yaml's stop_grace_period and the systemd
#: unit's TimeoutStopSec allow it 20 s, the Dockerfile's docker run line too; the askers of those still unfinished are
#: told so within :data:`bot.in_flight.TELL_TIMEOUT_S` more).
FINISH_REQUESTS_TIMEOUT_S = 10.0
#: The names discord.py gives the tasks that answer messages, commands and interactions: a message posted (discord.py's
#: ``Bot.on_message`` runs its command; watch mode), a message edited (into a command: ``Classify.on_message_edit``;
#: a link's preview added: watch mode), a command's error told (``ErrorHandler``), and a slash command run.
_REQUEST_TASKS = frozenset({
    "discord.py: on_message",
    "discord.py: on_message_edit",
    "discord.py: on_command_error",
    "discord.py: on_app_command_error",
    "CommandTree-invoker",
})
#: ...and how the names of the tasks that answer the 🗑️ button's presses begin (the button's custom id follows).
_REQUEST_TASK_PREFIXES = (f"discord-ui-dynamic-item-{DeleteAnswerButton.__name__}-",)
#: One extension per feature, loaded in this order.
EXTENSIONS = ("bot.cogs.error_handler", "bot.cogs.classify", "bot.cogs.watch", "bot.cogs.health")
#: What the invite link the bot logs while it is in no server asks for: View Channels, Send Messages, Embed Links,
#: Read Message History, and Send Messages in Threads (docs/bot-setup.md's 274877991936).
INVITE_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, read_message_history=True, send_messages_in_threads=True
)


def _requests_in_hand() -> set[asyncio.Task[object]]:
    """The tasks answering messages, commands and interactions (:data:`_REQUEST_TASKS`,
    :data:`_REQUEST_TASK_PREFIXES`), but the current one."""
    current = asyncio.current_task()
    return {
        task
        for task in asyncio.all_tasks()
        if task is not current
        and (task.get_name() in _REQUEST_TASKS or task.get_name().startswith(_REQUEST_TASK_PREFIXES))
    }


class WhatplotTree(app_commands.CommandTree):
    """Sends app command errors to the same central handler as prefix command errors."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        self.client.dispatch("app_command_error", interaction, error)


class WhatplotBot(commands.Bot):
    """The whatplot bot. Build it with :func:`bot.create_bot`.

    It has no ``on_message`` of its own: discord.py's ``Bot.on_message`` runs its commands (see the module's docstring).
    """

    def __init__(
        self, settings: Settings, classifier: ChartClassifier, *, message_content: bool = True, **options: object
    ) -> None:
        """``message_content``: whether to ask Discord for the Message Content intent, which prefix commands, reply
        targets, history and watch mode need to read messages in servers (see :func:`bot.create_bot`)."""
        # The bot never joins a voice channel: discord.py's warnings that the voice libraries (PyNaCl,
        # davey) are missing would only worry whoever reads the log.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        intents = discord.Intents.default()
        intents.message_content = message_content
        super().__init__(
            command_prefix=command_prefixes,
            description=description(settings.prefix, message_content=message_content),
            activity=discord.CustomActivity(name=status(settings.prefix, message_content=message_content)),
            help_command=WhatplotHelp(),
            intents=intents,
            tree_cls=WhatplotTree,
            allowed_mentions=discord.AllowedMentions.none(),
            case_insensitive=True,
            strip_after_prefix=True,  # "! whatplot": a phone's keyboard puts a blank after the "!"
            max_ratelimit_timeout=MAX_RATELIMIT_WAIT_S,  # not hours in a slowmode channel: the answer goes by DM
            **options,
        )
        self.settings = settings
        self.inference = InferenceQueue(
            classifier,
            workers=settings.workers,
            max_pending=settings.queue_size,
            max_bytes=settings.queue_mb * 2**20,
            min_per_asker=MAX_IMAGES,
        )
        self.cooldown = UserCooldown(settings.cooldown_rate, settings.cooldown_per)
        self.in_flight = InFlight()
        self.answered = RecentMessageIds()
        self.downloader: ImageDownloader | None = None  # needs the running loop: made in setup_hook
        self.image_reader: ImageReader | None = None
        self._invite_logged = False  # while in no server: :meth:`_say_how_to_invite_me`
        self._closing: asyncio.Future[None] | None = None  # the one close, however many times it is asked for

    async def get_context(
        self, origin: discord.Message | discord.Interaction, /, *, cls: type[commands.Context] = WhatplotContext
    ) -> commands.Context:
        """Commands get a :class:`~bot.replies.WhatplotContext`, whose replies arrive where Discord refuses replies.

        A message that starts by mentioning the bot (or its role) but names no command ("@whatplot",
        "@whatplot what is this?", with an image or after one) asks ``whatplot``, its words after the
        mention being chat, as they are after ``!whatplot``. So does a message with an image or a link in it that
        mentions the bot further on ("what is this, @whatplot?"), and a direct message with an image or a link in
        it, or forwarding one: in a DM, a picture sent on its own is a question all the same.
        """
        ctx = await super().get_context(origin, cls=cls)
        name = without_invisibles(ctx.invoked_with or "")
        if ctx.command is None and name != (ctx.invoked_with or ""):
            # "!whatplot\u200b" looks like "!whatplot" in Discord: it is read so (a near miss gets "Did you mean")
            ctx.invoked_with, ctx.command = name, self.get_command(name)
        if not isinstance(origin, discord.Message) or ctx.command is not None or self.user is None:
            return ctx
        if origin.author.id == self.user.id:
            return ctx
        if (mention := MENTION.match(origin.content)) and is_me(self.user, origin, mention):
            ctx.prefix, chat = mention[0], origin.content[mention.end() :]
        elif (origin.guild is None or mentions_me(self.user, origin)) and (
            message_images(origin, images_only=False) or message_links(origin)
        ):  # the cheap test first: most server messages mention no one
            ctx.prefix, chat = "", origin.content
        else:
            return ctx
        ctx.view = StringView(chat)
        ctx.invoked_with = "whatplot"
        ctx.command = self.get_command("whatplot")
        return ctx

    async def invoke(self, ctx: commands.Context[WhatplotBot], /) -> None:
        """Run the prefix command of ``ctx`` as a request in flight: if the bot stops before it is
        answered, its asker gets a reply that says so."""
        with self.in_flight.request(ctx.reply):
            await super().invoke(ctx)

    def asked_by(self, interaction: discord.Interaction) -> contextlib.AbstractContextManager[None]:
        """Within it, ``interaction`` (an app command's, which doesn't go through :meth:`invoke`) is a request in
        flight: if the bot stops before it is answered, its user is told so, privately."""
        return self.in_flight.request(functools.partial(answer_privately, interaction))

    async def setup_hook(self) -> None:
        """Open the download session, register the 🗑️ button, load every extension, and sync the app commands."""
        settings = self.settings
        self.downloader = ImageDownloader(
            max_bytes=settings.max_image_bytes,
            timeout=settings.download_timeout,
            connect_timeout=min(settings.download_timeout, config.DOWNLOAD_CONNECT_TIMEOUT_S),
            read_timeout=min(settings.download_timeout, config.DOWNLOAD_READ_TIMEOUT_S),
            is_allowed=settings.url_policy,
        )
        # with the bot's HTTP client, to have Discord renew expired attachment links
        self.image_reader = ImageReader(self.downloader, settings.max_image_bytes, self.http)
        self.add_dynamic_items(DeleteAnswerButton)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self._sync_app_commands(settings.dev_guild_id)

    async def _sync_app_commands(self, dev_guild_id: int | None) -> None:
        """Register the slash commands with Discord: globally, or in the development server only.

        A refused sync is logged, not fatal: the prefix commands work without it.
        """
        guild = discord.Object(dev_guild_id) if dev_guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        try:
            synced = await self.tree.sync(guild=guild)
        except discord.RateLimited as exc:  # Discord's daily limit on command changes: beyond MAX_RATELIMIT_WAIT_S
            log.error(
                "Couldn't sync the slash commands: Discord rate-limits it for %.0f s more; "
                "Discord keeps the commands synced last, and prefix commands work meanwhile.",
                exc.retry_after,
            )
            return
        except discord.HTTPException as exc:
            hint = (
                f"is the bot in server {dev_guild_id} (WHATPLOT_DEV_GUILD_ID), "
                "invited with the applications.commands scope?"
                if guild is not None
                else "Discord keeps the commands synced last."
            )
            log.error(
                "Couldn't sync the slash commands (%s %s): %s Prefix commands work meanwhile.",
                exc.status,
                exc.text,
                hint,
            )
            return
        log.info("Synced %d app commands%s", len(synced), f" to guild {dev_guild_id}" if guild is not None else "")

    async def on_ready(self) -> None:
        log.info("Connected as %s (%s) to %d guilds", self.user, self.user and self.user.id, len(self.guilds))
        self._say_how_to_invite_me()

    async def on_guild_join(self, guild: discord.Guild) -> None:
        self._say_how_to_invite_me()

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        self._say_how_to_invite_me()

    def _say_how_to_invite_me(self) -> None:
        """Log the invite link as the bot finds itself in no server: a new bot, or one removed from its last server.
        Once for each such stretch, not again at each on_ready of it (discord.py fires one after every reconnect
        that starts a new session)."""
        if self.guilds:
            self._invite_logged = False
            return
        if self._invite_logged or self.application_id is None:
            return
        self._invite_logged = True
        invite = discord.utils.oauth_url(
            self.application_id, permissions=INVITE_PERMISSIONS, scopes=("bot", "applications.commands")
        )
        log.info("I'm in no server; invite me to one with %s", invite)

    async def classify_images(self, refs: Sequence[ImageRef], may_renew: MayRenew, asker: int) -> list[Result]:
        """Read and classify every image concurrently, for the user (or webhook) ``asker``; one :class:`Result` per
        image, in order. An expired Discord attachment link is renewed where ``may_renew`` it
        (:meth:`ImageReader.read`)."""
        return list(await asyncio.gather(*(self._classify(ref, may_renew, asker) for ref in refs)))

    async def _classify(self, ref: ImageRef, may_renew: MayRenew, asker: int) -> Result:
        """Read and classify one image; the answer's thumbnail is the picture read (:meth:`ImageRef.preview_url`)."""
        reader = self.image_reader
        assert reader is not None, "classify_images() needs setup_hook() to have run"
        image = b""

        async def read(take: Take) -> bytes:
            nonlocal image
            image = await reader.read(ref, may_renew, take)
            return image

        try:
            predictions = await self.inference.predict(read, asker)
        except WhatplotError as exc:
            log.info("Can't classify %s: %s", without_credentials(ref.url), exc.kind)
            return Result(ref.name, error=exc)
        except Exception:
            log.exception("Unexpected error while classifying %s", without_credentials(ref.url))
            error = WhatplotError("Sorry, something went wrong on my side with this image.")
            return Result(ref.name, error=error)
        return Result(ref.name, ref.preview_url(image), predictions=predictions)

    async def close(self) -> None:
        """Finish the requests being answered, then unload the cogs (stopping the health server) and
        close the downloader and the inference threads.

        Once begun, it runs to its end: Ctrl-C meanwhile (as a bot that Discord refused at the start closes, say)
        stops the bot after it, not halfway with its connections open. (Ctrl-C while the bot runs is what starts its
        close: a second one is asyncio.run's to end it at once.)

        Called again (by discord.py's runner and by our code, or by a second stop while the bot stops), it waits for
        the close begun, and returns with it: the requests in hand are waited for, and their askers told, once."""
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._close())
        closing = self._closing
        try:
            await asyncio.shield(closing)
        except asyncio.CancelledError:
            await closing
            raise

    async def _close(self) -> None:
        """What :meth:`close` does."""
        await self._finish_requests(FINISH_REQUESTS_TIMEOUT_S)
        await super().close()
        if self.downloader is not None:
            await self.downloader.close()
        self.inference.shutdown()

    async def _finish_requests(self, timeout: float) -> None:
        """Wait up to ``timeout`` seconds for the requests being answered when the bot is told to
        stop (Ctrl-C, `docker stop`, `systemctl stop`), and for those that arrive meanwhile: the gateway
        is still open. The askers of those still unfinished then are told to ask again, as are those of requests that
        come while they are told (:meth:`bot.in_flight.InFlight.give_up`), so that none is dropped without a word."""
        if not (pending := _requests_in_hand()):
            return
        log.info("Stopping: finishing %d requests first", len(pending))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while pending and (time_left := deadline - loop.time()) > 0:
            await asyncio.wait(pending, timeout=time_left)
            pending = _requests_in_hand()
        if pending:
            log.warning(
                "Stopping with %d requests unfinished after %.0f s; telling their askers", len(pending), timeout
            )
            await self.in_flight.give_up(_requests_in_hand)


class ShardedWhatplotBot(WhatplotBot, commands.AutoShardedBot):
    """The same bot over several gateway shards in one process (``WHATPLOT_SHARD_COUNT``)."""
