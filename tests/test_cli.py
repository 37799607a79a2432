"""`whatplot classify` as a user runs it: a real subprocess, real files, the JSON contract."""

from __future__ import annotations

import asyncio
import functools
import io
import ipaddress
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiohttp import web

from classifier import ChartClassifier, cli, download
from classifier.answer import printable
from tests.images import bar_chart, encode, png_with_lying_header

#: As root, what a command needs to be denied files as anyone else would be: no right to bypass permissions.
WITHOUT_ROOT_FILE_ACCESS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]


def run(
    *args: str | bytes, stdin: bytes = b"", env: dict[str, str] | None = None, prefix: list[str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    command = [*(prefix or []), sys.executable, "-m", "whatplot", "classify", *args]
    result = subprocess.run(command, input=stdin, capture_output=True, timeout=120, env={**os.environ, **(env or {})}, cwd=cwd)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(), result.stderr.decode())


def records(result: subprocess.CompletedProcess[str]) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_folder_with_broken_files_gets_one_answer_each(tmp_path: Path) -> None:
    folder = tmp_path / "charts"
    (folder / "nested").mkdir(parents=True)
    (folder / "good.png").write_bytes(encode(bar_chart()))
    (folder / "nested" / "good.jpg").write_bytes(encode(bar_chart(), "JPEG"))
    (folder / "truncated.png").write_bytes(encode(bar_chart())[:500])
    (folder / "notes.txt").write_text("not an image")
    (folder / "bomb.png").write_bytes(png_with_lying_header(50_000, 50_000))
    (folder / "moved.png").symlink_to(tmp_path / "gone.png")
    os.mkfifo(folder / "pipe.png")
    result = run("--json", str(folder))
    assert result.returncode == 0, result.stderr
    answers = {Path(r["input"]).name: r for r in records(result)}
    assert set(answers) == {"good.png", "good.jpg", "truncated.png", "notes.txt", "bomb.png", "moved.png", "pipe.png"}
    assert answers["moved.png"]["error"]["message"].startswith("Broken link:")
    assert answers["pipe.png"]["error"]["message"].startswith("Not a regular file:")
    assert len(answers["good.png"]["predictions"]) == 3
    assert answers["truncated.png"]["error"]["type"] == "corrupt_image"
    assert answers["notes.txt"]["error"]["type"] == "not_an_image"
    assert answers["bomb.png"]["error"]["type"] == "too_large"
    assert "Traceback" not in result.stderr


def test_prediction_records_follow_the_contract(tmp_path: Path, classifier: ChartClassifier) -> None:
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    (record,) = records(run("--json", "--top-k", "5", str(chart)))
    assert record["input"] == str(chart)
    assert all(set(prediction) == {"label", "name", "confidence"} for prediction in record["predictions"])
    predicted = classifier.predict(chart, top_k=5)  # the model's own ranking, confidences to 4 decimals
    assert [(p["label"], p["name"]) for p in record["predictions"]] == [(p.label, p.name) for p in predicted]
    assert [p["confidence"] for p in record["predictions"]] == pytest.approx([p.confidence for p in predicted], abs=5e-5)


def test_stdin_and_missing_files(tmp_path: Path) -> None:
    result = run("--json", "-", str(tmp_path / "missing.png"), stdin=encode(bar_chart(), "JPEG"))
    stdin_record, missing_record = records(result)
    assert stdin_record["input"] == "-" and "predictions" in stdin_record
    assert missing_record["error"]["type"] == "unreadable_input"
    assert "No such file" in missing_record["error"]["message"]


def test_a_folder_with_no_files_is_answered_not_skipped(tmp_path: Path) -> None:
    empty, hidden_only = tmp_path / "empty", tmp_path / "hidden"
    (empty / "nested").mkdir(parents=True)
    hidden_only.mkdir()
    (hidden_only / ".chart.png").write_bytes(encode(bar_chart()))
    result = run("--json", str(empty), str(hidden_only))
    assert result.returncode == 0
    assert [r["error"]["message"] for r in records(result)] == [
        f"No files in {folder} (hidden ones and links to folders are skipped)" for folder in (empty, hidden_only)
    ]


def test_an_empty_input_is_answered_not_taken_for_the_current_folder(tmp_path: Path) -> None:
    """``whatplot classify "$CHART"`` with the variable unset must not classify the whole folder."""
    (tmp_path / "chart.png").write_bytes(encode(bar_chart()))
    (record,) = records(run("--json", "", cwd=tmp_path))
    assert record == {"input": "", "error": {"type": "unreadable_input", "message": "The input is empty: give a file, a folder, - or a URL."}}


def test_a_file_found_in_the_current_folder_is_not_taken_for_a_link(tmp_path: Path) -> None:
    (tmp_path / "data:chart.png").write_bytes(encode(bar_chart()))
    (record,) = records(run("--json", ".", cwd=tmp_path))
    assert record["input"] == "./data:chart.png" and "predictions" in record, record


def test_a_file_named_dash_in_a_folder_is_read_as_the_file_not_standard_input(tmp_path: Path) -> None:
    (tmp_path / "-").write_bytes(encode(bar_chart()))
    (record,) = records(run("--json", ".", cwd=tmp_path, stdin=b"not an image"))
    assert record["input"] == "./-" and "predictions" in record, record


def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "chart.png"
    os.mkfifo(pipe)
    (record,) = records(run("--json", str(pipe)))
    assert record["error"]["message"] == f"Not a regular file: {pipe}"


def test_a_loop_of_links_is_not_called_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "loop.png").symlink_to("loop.png")
    (record,) = records(run("--json", str(tmp_path / "loop.png")))
    assert record["error"]["message"] == f"Can't read {tmp_path / 'loop.png'}: Too many levels of symbolic links"


#: Runs a command with its standard input, or its standard output, closed.
STDIN_CLOSED = ["sh", "-c", 'exec "$@" <&-', "sh"]
STDOUT_CLOSED = ["sh", "-c", 'exec "$@" >&-', "sh"]


def test_stdin_that_is_closed_is_answered_not_a_crash(tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    result = run("--json", "-", str(chart), prefix=STDIN_CLOSED)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    closed, classified = records(result)
    assert closed["error"]["message"] == "Standard input is closed." and "predictions" in classified


def test_answers_that_cannot_be_printed_exit_1_in_one_line(tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    command = [sys.executable, "-m", "whatplot", "classify", str(chart)]
    with open("/dev/full", "wb") as full:  # a full disk
        result = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[-1] == "whatplot classify: can't print the answers: No space left on device"
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    result = run(str(chart), prefix=STDOUT_CLOSED)
    assert result.returncode == 1 and result.stderr.splitlines()[-1].endswith("standard output is closed, so the answers can't be printed")


@pytest.mark.parametrize("with_url", [False, True], ids=["files", "files-and-a-url"])
def test_ctrl_c_stops_at_once_without_a_traceback(tmp_path: Path, with_url: bool) -> None:
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    for n in range(5000):  # far more than are classified before the interrupt
        os.link(chart, tmp_path / f"{n:04}.png")
    inputs = ["http://127.0.0.1/refused.png"] if with_url else []  # URLs take the asyncio path
    command = [sys.executable, "-m", "whatplot", "classify", "--json", *inputs, str(tmp_path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None and json.loads(process.stdout.readline())  # running: it has answered once
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and "Traceback" not in stderr, stderr
    assert len(stdout.splitlines()) < 5000


def test_refused_urls_are_answered_without_network() -> None:
    refused = [
        "http://127.0.0.1/chart.png", "http://169.254.169.254/latest", "file:///etc/passwd", "ftp://example.com/a.png", "http://[::1/a.png",
        "data:image/png;base64,iVBORw0KGgo=",
    ]
    result = run("--json", *refused)
    assert result.returncode == 0
    answers = records(result)
    assert [r["error"]["type"] for r in answers] == ["url_refused"] * 6
    assert answers[-1]["error"]["message"] == "Only http and https links are allowed, not data."
    assert "Traceback" not in result.stderr


def test_odd_file_names_get_an_answer_in_valid_utf8(tmp_path: Path) -> None:
    """A name that isn't UTF-8, or too long for the file system, with Python's strict stdout encoding."""
    (tmp_path / "日本語 chart.png").write_bytes(encode(bar_chart()))
    not_utf8 = os.fsencode(tmp_path) + b"/caf\xe9.png"
    Path(os.fsdecode(not_utf8)).write_bytes(encode(bar_chart()))
    too_long = str(tmp_path / ("x" * 300))
    result = run("--json", str(tmp_path), not_utf8, too_long, env={"PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0 and "Traceback" not in result.stderr
    answers = records(result)
    assert [Path(r["input"]).name for r in answers] == ["caf\\xe9.png", "日本語 chart.png", "caf\\xe9.png", "x" * 300]
    assert all("predictions" in r for r in answers[:3])
    assert answers[3]["error"]["message"].endswith("File name too long")


def test_names_that_stdout_cannot_encode_print_escaped_not_a_crash(tmp_path: Path) -> None:
    """A non-UTF-8 locale, or output to a file on Windows; in JSON the escape reads back as the name."""
    chart = tmp_path / "日本語 café.png"
    chart.write_bytes(encode(bar_chart()))
    for encoding in ("ascii", "latin-1"):
        result = run("--json", str(chart), env={"PYTHONIOENCODING": encoding})
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        (record,) = records(result)
        assert record["input"] == str(chart) and "predictions" in record
    table = run(str(chart), env={"PYTHONIOENCODING": "ascii"}).stdout
    assert table.splitlines()[0] == str(tmp_path / "\\u65e5\\u672c\\u8a9e caf\\xe9.png")


def test_a_lone_surrogate_in_an_input_prints_escaped() -> None:
    """Not from a file name but from text ("\\ud800" in JSON): no byte decodes to it."""
    assert printable("chart\ud800.png") == "chart\\ud800.png"


def test_human_output_is_a_readable_table(tmp_path: Path, classifier: ChartClassifier) -> None:
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    lines = run(str(chart)).stdout.splitlines()
    assert lines[0] == str(chart)
    rows = [line.rsplit(None, 1) for line in lines[1:]]  # "  Bar chart   97.3%"
    predicted = classifier.predict(chart)
    assert [name.strip() for name, _ in rows] == [p.name for p in predicted]
    assert [float(shown.removesuffix("%")) for _, shown in rows] == pytest.approx([100 * p.confidence for p in predicted], abs=0.05)


def test_a_file_name_cannot_forge_lines_of_the_table_or_drive_the_terminal(tmp_path: Path) -> None:
    name = "a\n  Pie chart                  99.0%\n\x1b[2J\u202egnp.png"
    (tmp_path / name).write_bytes(encode(bar_chart()))
    (tmp_path / "missing").symlink_to(name + ".gone")
    lines = run(str(tmp_path)).stdout.splitlines()
    assert lines[0] == str(tmp_path / "a\\n  Pie chart                  99.0%\\n\\x1b[2J\\u202egnp.png")
    assert lines[1].startswith("  Bar chart") and len(lines) == 6 and "\x1b" not in "".join(lines)
    assert lines[4] == str(tmp_path / "missing") and lines[5].endswith("\\x1b[2J\\u202egnp.png.gone, which doesn't exist")


def test_bad_usage_and_bad_model_exit_non_zero(tmp_path: Path) -> None:
    assert run().returncode == 2
    assert run("--top-k", "0", "x.png").returncode == 2
    bad_model = tmp_path / "whatplot.tflite"
    bad_model.write_bytes(b"garbage")
    (tmp_path / "labels.txt").write_text("bar\n")
    result = run("--model", str(bad_model), "x.png")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "Can't load the model" in result.stderr


def test_repeated_model_flags_average_those_models(tmp_path: Path) -> None:
    from classifier import config

    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    members = [str(config.WEIGHTS_DIR / name) for name in config.SHIPPED_MODELS]
    (default,) = records(run("--json", "--top-k", "40", str(chart)))
    (both,) = records(run("--json", "--top-k", "40", "--model", members[0], "--model", members[1], str(chart)))
    (first,) = records(run("--json", "--top-k", "40", "--model", members[0], str(chart)))
    assert both["predictions"] == default["predictions"]  # the shipped pair, named explicitly
    assert first["predictions"] != default["predictions"]


def test_the_whatplot_command_lists_its_commands_and_knows_its_version(capsys) -> None:
    from importlib.metadata import version

    from whatplot.__main__ import COMMANDS, main

    assert main(["--version"]) == 0 and capsys.readouterr().out == f"whatplot {version('whatplot')}\n"
    assert main([]) == 2
    usage = capsys.readouterr().err  # no command: a usage error
    assert all(f"  {name} " in usage for name in COMMANDS)
    assert main(["clasify"]) == 2 and "unknown command 'clasify'" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_the_whatplot_commands_own_output_to_a_reader_gone_ends_quietly(option: str) -> None:
    """``whatplot --version | true``: the reader is gone before the line is written."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        command = [sys.executable, "-m", "whatplot", option]
        done = subprocess.run(command, stdout=writer, stderr=subprocess.PIPE, timeout=60, check=False)
    finally:
        os.close(writer)
    assert done.returncode == 0 and b"Traceback" not in done.stderr


def test_train_help_comes_without_loading_tensorflow() -> None:
    """``whatplot train --help`` at once: TensorFlow takes seconds to import, and prints its log lines as it does."""
    script = (
        "import sys\nfrom whatplot.__main__ import main\ntry:\n    main(['train', '--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "--base-weights" in result.stdout and result.stderr == ""


@pytest.mark.parametrize(
    ("missing", "argv", "says"),
    [
        ("keras", ["train"], "needs 'keras', which isn't installed; install the training dependencies"),
        ("training", ["evaluate", "--help"], "this installation has no 'training"),
    ],
)
def test_a_command_whose_dependencies_are_missing_says_what_to_install(missing: str, argv: list[str], says: str) -> None:
    """As after a plain ``pip install .`` (no train extra), or in the Docker image (no training/ at all)."""
    # A module set to None in sys.modules can't be imported: ModuleNotFoundError, as if it weren't installed.
    script = f"import sys; sys.modules[{missing!r}] = None\nfrom whatplot.__main__ import main\nsys.exit(main({argv!r}))"
    command = argv[0]
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"whatplot {command}: ") and says in result.stderr


def test_a_url_that_fails_oddly_does_not_stop_the_other_inputs(tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    result = run("--json", "http://a..b/chart.png", str(chart))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    refused, classified = records(result)
    assert refused["error"]["type"] == "url_refused" and "isn't a valid domain name" in refused["error"]["message"]
    assert "predictions" in classified


def test_a_folder_that_cannot_be_read_gets_an_answer(tmp_path: Path) -> None:
    """Given itself or found inside another: neither is skipped without a word."""
    prefix = WITHOUT_ROOT_FILE_ACCESS if os.geteuid() == 0 else []
    if prefix and shutil.which("setpriv") is None:
        pytest.skip("root reads every folder, and setpriv isn't installed to drop that right")
    folder = tmp_path / "charts"
    locked = folder / "locked"
    locked.mkdir(parents=True)
    (folder / "chart.png").write_bytes(encode(bar_chart()))
    (locked / "hidden.png").write_bytes(encode(bar_chart()))
    locked.chmod(0)
    try:
        result = run("--json", str(folder), str(locked), prefix=prefix)
    finally:
        locked.chmod(0o700)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert [r["input"] for r in records(result)] == [str(folder / "chart.png"), str(locked), str(locked)]
    chart, *refused = records(result)
    assert "predictions" in chart
    assert all(r["error"]["message"] == f"Can't read {locked}: Permission denied" for r in refused)


def test_a_folder_is_answered_while_it_is_walked_not_after(tmp_path: Path, monkeypatch) -> None:
    """A huge tree (``whatplot classify /``) must not be listed whole, in memory, before the first answer."""
    events: list[str] = []
    walk = cli._walk

    def noting_walk(folder: Path):  # the real walk, noting each file it finds
        for found in walk(folder):
            events.append("found")
            yield found

    class Recording(io.StringIO):  # stdout, noting when each answer is printed
        def write(self, text: str) -> int:
            if text.strip():
                events.append("answer")
            return super().write(text)

    for n in range(5):
        (tmp_path / f"{n}.png").write_bytes(encode(bar_chart((64, 48))))
    monkeypatch.setattr(cli, "_walk", noting_walk)
    monkeypatch.setattr(sys, "stdout", Recording())
    assert cli.main(["--json", str(tmp_path)]) == 0
    assert events == ["found", "answer"] * 5


async def test_urls_are_fetched_a_few_ahead_of_their_answers_not_all_first(aiohttp_server, monkeypatch) -> None:
    """However many URLs there are, only a few downloads wait in memory, and answers print as they come."""
    events: list[str] = []

    async def chart(request: web.Request) -> web.Response:
        events.append("fetch")
        return web.Response(body=encode(bar_chart((64, 48))), content_type="image/png")

    class Recording(io.StringIO):  # stdout, noting when each answer is printed
        def write(self, text: str) -> int:
            if text.strip():
                events.append("answer")
            return super().write(text)

    app = web.Application()
    app.router.add_get("/{n}.png", chart)
    server = await aiohttp_server(app)
    loopback = ipaddress.ip_address("127.0.0.1")
    monkeypatch.setattr(download, "ImageDownloader", functools.partial(download.ImageDownloader, is_allowed=lambda a: a == loopback))
    monkeypatch.setattr(sys, "stdout", stdout := Recording())
    urls = [str(server.make_url(f"/{n}.png")) for n in range(3 * cli.PREFETCH_URLS)]
    assert await asyncio.to_thread(cli.main, ["--json", *urls]) == 0
    assert [json.loads(line)["input"] for line in stdout.getvalue().splitlines()] == urls
    answered_at = [position for position, event in enumerate(events) if event == "answer"]
    fetched_before_each_answer = [events[:position].count("fetch") for position in answered_at]
    assert all(fetched <= n + cli.PREFETCH_URLS for n, fetched in enumerate(fetched_before_each_answer)), fetched_before_each_answer


def test_stdin_from_a_terminal_is_answered_not_waited_on(tmp_path: Path) -> None:
    import pty

    leader, terminal = pty.openpty()  # stdin a terminal where nobody types: reading it would wait forever
    try:
        command = [sys.executable, "-m", "whatplot", "classify", "--json", "-"]
        result = subprocess.run(command, stdin=terminal, capture_output=True, timeout=60, text=True)
    finally:
        os.close(leader)
        os.close(terminal)
    assert result.returncode == 0, result.stderr
    (record,) = records(result)
    assert record["error"] == {
        "type": "unreadable_input",
        "message": "Standard input is a terminal: pipe an image in (whatplot classify - < chart.png).",
    }


def test_stdin_given_twice_is_answered_once_then_said_to_be_taken() -> None:
    first, second = records(run("--json", "-", "-", stdin=encode(bar_chart())))
    assert "predictions" in first
    assert second["error"]["message"] == "Standard input can be read only once: an earlier - took it."


def test_empty_stdin_is_called_empty_stdin_not_an_empty_file() -> None:
    (record,) = records(run("--json", "-"))
    assert record["error"] == {"type": "not_an_image", "message": "Standard input is empty: nothing was piped in."}


def test_stdin_past_the_size_limit_stops_there_and_says_so() -> None:
    from classifier import config

    (record,) = records(run("--json", "-", stdin=b"\0" * (config.MAX_IMAGE_BYTES + 4096)))
    assert record["error"] == {"type": "too_large", "message": "Standard input holds over 25 MB; the limit is 25 MB."}


def test_a_file_named_like_an_option_gets_a_hint_not_a_puzzle(tmp_path: Path) -> None:
    (tmp_path / "-chart.png").write_bytes(encode(bar_chart()))
    for args in (["-chart.png"], ["--json", "-chart.png"]):  # alone, argparse said no INPUT was given at all
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.strip().endswith("(for the file -chart.png, write ./-chart.png or put -- before it)"), result.stderr
    assert "1 to 40" in run("--help").stdout
    (record,) = records(run("--json", "--", "-chart.png", cwd=tmp_path))
    assert "predictions" in record


def test_dev_stdin_on_a_pipe_points_to_the_dash() -> None:
    (record,) = records(run("--json", "/dev/stdin", stdin=encode(bar_chart())))  # subprocess.run pipes stdin
    assert record["error"]["message"] == "Not a regular file: /dev/stdin (give - to read standard input)"


def test_the_help_gives_the_exit_statuses_the_program_returns(tmp_path: Path) -> None:
    help_text = " ".join(run("--help").stdout.split())
    assert "Exit status: 0 when every input was answered" in help_text and "3 when the model can't be loaded" in help_text
    assert "130 on Ctrl-C, 143 or 129 when stopped by SIGTERM or SIGHUP." in help_text
    assert "(public addresses only)" in help_text
    assert run("--model", str(tmp_path / "missing.tflite"), "x.png").returncode == 3
    assert run("--top-k", "0", "x.png").returncode == 2


def test_the_cli_never_waits_for_a_free_connection() -> None:
    """Why a CLI download that times out is its server's fault ("took too long"), never "too many downloads": it
    fetches at most PREFETCH_URLS links at once, one connection each, and one server takes that many."""
    assert cli.PREFETCH_URLS <= download.MAX_CONNECTIONS_PER_HOST


def ctrl_c(process: subprocess.Popen[str], waiting_for: str) -> tuple[str, str]:
    """Press Ctrl-C in ``process`` and return its stdout and stderr; the test fails if it goes on ``waiting_for``."""
    process.send_signal(signal.SIGINT)
    try:
        return process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"Ctrl-C waited for {waiting_for}")


def test_ctrl_c_while_stdin_is_still_arriving_stops_at_once_when_urls_are_given() -> None:
    """With a URL, answers are computed in threads: one still reading ``-`` from a pipe that stays open (a slow
    ``curl``) once held the exit until the pipe closed (asyncio.run joins its workers), and reading it through
    ``sys.stdin.buffer`` from a thread the exit doesn't wait for then aborted it with a fatal error."""
    read_end, write_end = os.pipe()  # standard input that stays open and sends nothing
    command = [sys.executable, "-m", "whatplot", "classify", "--json", "http://127.0.0.1/refused.png", "-"]
    try:
        process = subprocess.Popen(command, stdin=read_end, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        os.close(read_end)
        assert process.stdout is not None and json.loads(process.stdout.readline())["error"]["type"] == "url_refused"
        time.sleep(0.5)  # now waiting on -
        stdout, stderr = ctrl_c(process, waiting_for="standard input to close")
    finally:
        os.close(write_end)
    assert process.returncode == 130, stderr
    assert "Fatal Python error" not in stderr and "Traceback" not in stderr and stdout == ""


#: Runs a command with its standard error closed.
STDERR_CLOSED = ["sh", "-c", 'exec "$@" 2>&-', "sh"]


def test_with_stderr_closed_its_messages_are_dropped_not_printed_among_the_answers(tmp_path: Path) -> None:
    for args, status in [
        (["--json", "--model", str(tmp_path / "missing.tflite"), "x.png"], 3),
        (["--json", "--top-k", "0", "x.png"], 2),
        (["--json", "--bogus", "x.png"], 2),  # argparse prints its usage to stdout when sys.stderr is None
    ]:
        result = run(*args, prefix=STDERR_CLOSED)
        assert (result.returncode, result.stdout) == (status, ""), args
    command = [*STDERR_CLOSED, sys.executable, "-m", "whatplot", "no-such-command"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    (record,) = records(run("--json", str(chart), prefix=STDERR_CLOSED))  # the answers alone, LiteRT's line not among them
    assert "predictions" in record


def test_a_usage_error_cannot_be_split_or_drive_the_terminal_by_a_file_name(tmp_path: Path) -> None:
    name = b"-\xe9\x1b[31mred\nforged.png"  # not UTF-8, an escape sequence, a newline: all echoed by the hint
    (tmp_path / os.fsdecode(name)).write_bytes(encode(bar_chart()))
    for args in ([name], ["--json", name, "other.png"]):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2 and "\x1b" not in result.stderr and "\\udce9" not in result.stderr, result.stderr
        *_, last = result.stderr.splitlines()
        assert last.endswith(r"(for the file -\xe9\x1b[31mred\nforged.png, write ./-\xe9\x1b[31mred\nforged.png or put -- before it)")


def test_ctrl_c_stops_at_once_while_the_reader_is_not_reading(tmp_path: Path) -> None:
    """``whatplot classify URL folder | less``, scrolled back: printing waits for the pipe to drain. asyncio.run's
    own Ctrl-C handler only cancels its task at the next ``await``, which a waiting print never reaches."""
    import fcntl
    import termios

    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    for n in range(3000):  # far more answers than a pipe holds
        os.link(chart, tmp_path / f"{n:04}.png")
    read_end, write_end = os.pipe()
    command = [sys.executable, "-m", "whatplot", "classify", "--json", "http://127.0.0.1/refused.png", str(tmp_path)]
    process = subprocess.Popen(command, stdout=write_end, stderr=subprocess.PIPE, text=True)
    os.close(write_end)
    try:
        def unread() -> int:
            count = bytearray(4)
            fcntl.ioctl(read_end, termios.FIONREAD, count)
            return int.from_bytes(count, sys.byteorder)

        deadline, filled = time.monotonic() + 60, -1
        while filled != (filled := unread()) or filled < 30_000:  # until the pipe is full: printing then waits
            assert process.poll() is None and time.monotonic() < deadline, "it never filled the pipe"
            time.sleep(0.5)
        _, stderr = ctrl_c(process, waiting_for="the reader to read")
    finally:
        os.close(read_end)
    assert process.returncode == 130 and "Traceback" not in stderr, stderr
