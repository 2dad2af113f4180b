"""Every example of docs/*.md and of the README runs against the stub library, each in a subprocess with a
stub state directory of its own:

- a ``python`` block is a script that must exit 0 (its asserts check what it shows);
- a ``console`` block is a session of commands (``$ python -m drmaa2 ...``, run without a
  shell): each must end with exit status 0, or the one a trailing ``# exit status N``
  names, and print what the block shows below it (``...`` stands for any text).
"""
import io
import os
import re
import shlex
import subprocess
import sys
import threading

import pytest

from conftest import ROOT

DOCS = os.path.join(ROOT, "docs")
HANG_LIMIT = 60
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)
EXIT_STATUS = re.compile(r"\s+# exit status (\d+)$")


def pages():
    """(name, path) of every page whose examples run: docs/*.md and README.md."""
    found = [(page, os.path.join(DOCS, page)) for page in sorted(os.listdir(DOCS))
             if page.endswith(".md")]
    return found + [("README.md", os.path.join(ROOT, "README.md"))]


def examples():
    """(page, line number, language, text) of every runnable block of the pages."""
    found = []
    for page, path in pages():
        with io.open(path, encoding="utf-8") as handle:
            text = handle.read()
        for match in FENCE.finditer(text):
            language = match.group(1)
            if language in ("python", "console"):
                line = text.count("\n", 0, match.start()) + 1
                found.append(pytest.param(language, match.group(2),
                                          id="%s:%d" % (page, line)))
    return found


def environment(stub_library):
    env = dict(os.environ)
    env["DRMAA2_LIBRARY_PATH"] = stub_library
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run(arguments, env, cwd):
    """Run ``arguments``; (exit status, stdout and stderr together)."""
    process = subprocess.Popen(arguments, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    watchdog = threading.Timer(HANG_LIMIT, process.kill)
    watchdog.start()
    try:
        output = process.communicate()[0]
    finally:
        watchdog.cancel()
    return process.returncode, output.decode("utf-8", "replace")


def commands(session):
    """The commands of a console block: (command line, exit status, expected output)."""
    parsed = []
    for line in session.splitlines():
        if line.startswith("$ "):
            command = line[2:]
            status = EXIT_STATUS.search(command)
            if status:
                command = command[:status.start()]
            parsed.append((command, int(status.group(1)) if status else 0, []))
        else:
            assert parsed, "a console block must start with a $ command"
            parsed[-1][2].append(line)
    return parsed


def expected_pattern(lines):
    """A regular expression of the shown output; ``...`` matches any text."""
    return "\n".join(".*".join(re.escape(part) for part in line.split("..."))
                     for line in lines) + r"\Z"


def command_arguments(command, env):
    """The argument list of a documented command line; leading NAME=value words change
    ``env`` (an empty value unsets), ``python`` is this interpreter."""
    words = shlex.split(command)
    while words and re.match(r"^[A-Z_][A-Z0-9_]*=", words[0]):
        name, value = words.pop(0).split("=", 1)
        if value:
            env[name] = value
        else:
            env.pop(name, None)
    assert words and words[0] == "python", command
    return [sys.executable] + words[1:]


@pytest.mark.parametrize("language, text", examples())
def test_documented_example_runs(language, text, stub_library, tmp_path):
    cwd = str(tmp_path)
    if language == "python":
        script = tmp_path / "example.py"
        with io.open(str(script), "w", encoding="utf-8") as handle:
            handle.write(text)
        status, output = run([sys.executable, str(script)], environment(stub_library), cwd)
        assert status == 0, output
        return
    for command, expected_status, shown in commands(text):
        env = environment(stub_library)
        status, output = run(command_arguments(command, env), env, cwd)
        actual = "\n".join(line.rstrip() for line in output.rstrip("\n").splitlines())
        assert status == expected_status, "$ %s\n%s" % (command, output)
        assert re.match(expected_pattern(shown), actual, re.S), (
            "$ %s printed:\n%s\nthe docs show:\n%s" % (command, actual, "\n".join(shown)))


#: The topic pages, each with examples that run.
TOPICS = ["library.md", "types.md", "waiting.md", "events.md", "stub.md", "cli.md",
          "executor.md"]


def test_every_topic_page_and_the_readme_have_runnable_examples():
    with_examples = set(param.id.split(":")[0] for param in examples())
    assert set(TOPICS + ["README.md"]) <= with_examples
