"""The `hrkit` command: one spelling in its help, and a quiet end when its reader goes.

Each runs hrkit in a real child process, its output through a real pipe.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[3]
OWN_COMMANDS = ["axes-reset-client", "combo", "demo", "export-hsds", "import-hsds", "init", "lint"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    values = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    values["HRKIT_DATA_DIR"] = str(tmp_path / "data")
    return values


def hrkit(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hrkit.cli", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("ask", [["--help"], ["help"], []])
def test_help_lists_hrkits_commands_with_dashes(env: dict[str, str], ask: list[str]) -> None:
    done = hrkit(env, *ask)
    assert done.returncode == 0, done.stderr
    listed = [line.strip() for line in done.stdout.splitlines()]
    for name in [*OWN_COMMANDS, "serve"]:
        assert name in listed
    for underscored in ("export_hsds", "import_hsds", "axes_reset_client"):
        assert underscored not in done.stdout
    # Django's own commands keep their names.
    assert "createsuperuser" in listed and "collectstatic" in listed


def test_command_list_and_both_spellings(env: dict[str, str]) -> None:
    names = hrkit(env, "help", "--commands").stdout.split()
    assert "export-hsds" in names and "export_hsds" not in names
    for spelling in ("export-hsds", "export_hsds"):
        done = hrkit(env, spelling, "--help")
        assert done.returncode == 0, done.stderr
        assert f"usage: hrkit {spelling} " in done.stdout
    assert hrkit(env, "help", "import-hsds").stdout.startswith("usage: hrkit import-hsds ")


def test_a_mistyped_command_suggests_the_dashed_name(env: dict[str, str]) -> None:
    done = hrkit(env, "import-hsd")
    assert done.returncode == 1
    assert done.stderr == "Unknown command: 'import-hsd'. Did you mean import-hsds?\n" + (
        "Type 'hrkit help' for usage.\n"
    )


def many_findings(folder: Path) -> Path:
    """A text whose findings fill far more than a pipe's buffer (64 KiB)."""
    path = folder / "many.txt"
    path.write_text("The addicts and junkies were drug abusers.\n" * 3000)
    return path


def assert_quiet(process: subprocess.Popen, status: int = 1) -> None:
    errors = process.stderr.read()  # type: ignore[union-attr]
    assert process.wait(timeout=300) == status
    assert errors == ""


@pytest.mark.parametrize(
    "args",
    [
        ["lint", "--format", "json", "{many}"],
        ["lint", "{many}"],
        ["combo", "fentanyl", "xanax", "--format", "json"],
        ["combo", "fentanyl", "xanax"],
        ["--help"],
        ["help", "import-hsds"],
        ["export-hsds", "{out}"],
        ["demo", "--remove"],
    ],
)
def test_a_closed_pipe_ends_quietly(env: dict[str, str], tmp_path: Path, args: list[str]) -> None:
    """The reader is gone before a byte is written: the command's first write fails."""
    values = {"many": str(many_findings(tmp_path)), "out": str(tmp_path / "out.json")}
    process = subprocess.Popen(
        [sys.executable, "-m", "hrkit.cli", *(arg.format(**values) for arg in args)],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.stdout.close()  # type: ignore[union-attr]
    assert_quiet(process)


def test_lint_into_head(env: dict[str, str], tmp_path: Path) -> None:
    """`hrkit lint --format json ... | head`: the first lines are read, then the pipe closes."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hrkit.cli",
            "lint",
            "--format",
            "json",
            str(many_findings(tmp_path)),
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    head = [process.stdout.readline() for _ in range(10)]  # type: ignore[union-attr]
    process.stdout.close()  # type: ignore[union-attr]
    assert head[0] == "[\n" and '"rule": "addict"' in head[1]
    assert_quiet(process)


def test_an_open_pipe_still_gets_everything_and_the_exit_status(
    env: dict[str, str], tmp_path: Path
) -> None:
    done = hrkit(env, "lint", str(many_findings(tmp_path)))
    assert done.returncode == 1  # found something
    assert len(done.stdout.splitlines()) == 3000 * 3
    assert done.stderr == ""
