"""`whatplot <command> [...]`: dispatch to each part's own command line, importing only that part."""

from __future__ import annotations

import importlib
import os
import sys

#: command -> (module with a ``main(argv) -> int``, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "classify": ("classifier.cli", "name the chart type of images (files, folders, stdin, URLs)"),
    "bot": ("bot.__main__", "run the Discord bot (needs DISCORD_TOKEN)"),
    "web": ("web.__main__", "serve the web page and JSON API"),
    "corpus": ("training.corpus.__main__", "render the synthetic training corpus"),
    "train": ("training.train_command", "train, calibrate, evaluate and export the model"),
    "evaluate": ("training.evaluate", "evaluate a model on a labelled image set"),
}


#: The project's own top-level packages, which COMMANDS' modules live in.
COMMAND_PACKAGES = frozenset(module.split(".")[0] for module, _ in COMMANDS.values())


def _usage() -> str:
    lines = ["usage: whatplot <command> [options]   (or whatplot --version)", "", "commands:"]
    lines += [f"  {name:<10} {help_text}" for name, (_, help_text) in COMMANDS.items()]
    lines += ["", "Run 'whatplot <command> --help' for a command's options."]
    return "\n".join(lines)


def _missing(error: ModuleNotFoundError) -> str:
    """What to install for a command whose module (or one it imports) ``error`` says is missing."""
    if error.name is None:
        return str(error)
    if error.name.split(".")[0] in COMMAND_PACKAGES:  # the Docker image ships no training/
        return f"this installation has no {error.name!r} (the Docker image serves only classify, bot and web)."
    return (
        f"needs {error.name!r}, which isn't installed; install the training dependencies from a checkout of "
        "whatplot with: pip install '.[train]'"
    )


def _run(argv: list[str]) -> int:
    """Print the usage or the version, or run the command ``argv`` names with the rest of it."""
    if not argv:
        print(_usage(), file=sys.stderr)
        return 2
    if argv[0] in ("-h", "--help"):
        print(_usage())
        return 0
    if argv[0] in ("-V", "--version"):
        from importlib.metadata import version  # not at the top: it takes 50 ms to import, when Ctrl-C isn't caught yet

        print(f"whatplot {version('whatplot')}")
        return 0
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"whatplot: unknown command {command!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[command][0])
    return int(module.main(rest) or 0)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if sys.stderr is None:  # started with stderr closed (2>&-): print(file=sys.stderr) would print to stdout
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - held until the process exits
    try:
        return _run(argv)
    except ModuleNotFoundError as exc:  # corpus, train and evaluate without the train extra, or in the Docker image
        print(f"whatplot {argv[0]}: {_missing(exc)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:  # Ctrl-C before a command's own handler is in place (while importing, say)
        return 130


if __name__ == "__main__":
    sys.exit(main())
