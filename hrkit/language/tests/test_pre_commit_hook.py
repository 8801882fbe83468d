"""The pre-commit hook a coalition adds to its own repository runs `hrkit lint`."""

import shlex
import subprocess
import sys
from pathlib import Path

import yaml

HOOKS = Path(__file__).resolve().parents[3] / ".pre-commit-hooks.yaml"


def test_the_hook_is_declared_as_pre_commit_reads_it():
    [hook] = yaml.safe_load(HOOKS.read_text())
    assert hook["id"] == "hrkit-lint"
    assert hook["language"] == "python"  # pre-commit installs this package, which brings `hrkit`
    assert shlex.split(hook["entry"]) == ["hrkit", "lint"]


def test_the_hook_command_fails_on_a_stigmatizing_file_and_passes_a_clean_one(tmp_path: Path):
    # pre-commit runs the entry with the staged file names appended.
    [hook] = yaml.safe_load(HOOKS.read_text())
    flagged, fine = tmp_path / "flyer.md", tmp_path / "notes.md"
    flagged.write_text("Services for addicts.\n")
    fine.write_text("Services for people who use drugs.\n")
    hrkit = [sys.executable, "-m", "hrkit.cli", *shlex.split(hook["entry"])[1:]]
    assert subprocess.run([*hrkit, str(fine)], capture_output=True).returncode == 0
    found = subprocess.run([*hrkit, str(flagged)], capture_output=True, text=True)
    assert found.returncode == 1
    assert "flyer.md:1:14: addicts" in found.stdout
