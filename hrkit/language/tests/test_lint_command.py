"""`hrkit lint`: output formats, exit codes, --fix and --in-place, standard input."""

import io
import json
import sys

import pytest
from django.core.management import call_command


def lint(*args, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None and monkeypatch is not None:
        fake = io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", fake)
    with pytest.raises(SystemExit) as exited:
        call_command("lint", *args, stdout=out, stderr=err)
    return int(exited.value.code or 0), out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path):
    (tmp_path / "ok.txt").write_text("People who use drugs are welcome.\n")
    (tmp_path / "bad.md").write_text("# Flyer\n\nFor drug users and addicts.\n")
    (tmp_path / "bad.html").write_text("<p>She tested\nclean &amp; smiled.</p>\n")
    return tmp_path


def test_clean_file_exits_zero(files):
    assert lint(str(files / "ok.txt")) == (0, "", "")


def test_text_format_is_path_line_column(files):
    status, out, _ = lint(str(files / "bad.md"), str(files / "ok.txt"))
    assert status == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{files / 'bad.md'}:3:5: drug users -> person who uses drugs;")
    assert lines[0].endswith("[drug-user]")
    assert lines[1].startswith(f"{files / 'bad.md'}:3:20: addicts -> ")
    assert len(lines) == 2


def test_json_format(files):
    status, out, _ = lint("--format", "json", str(files / "bad.html"))
    assert status == 1
    [finding] = json.loads(out)
    assert finding["path"] == str(files / "bad.html")
    assert (finding["line"], finding["column"], finding["text"]) == (1, 8, "tested\nclean")
    assert finding["rule"] == "clean-result"
    assert "tested negative" in finding["suggestions"]


def test_unreadable_file_is_reported_and_the_others_still_checked(files):
    status, out, err = lint(str(files / "missing.txt"), str(files / "bad.md"))
    assert status == 2
    assert f"{files / 'missing.txt'}: error: No such file or directory" in err
    assert "drug users" in out


def test_a_broken_docx_is_an_error_not_a_crash(files):
    (files / "broken.docx").write_bytes(b"not a zip")
    status, _, err = lint(str(files / "broken.docx"))
    assert status == 2
    assert "not a readable .docx file" in err


def test_standard_input(monkeypatch):
    status, out, _ = lint("-", stdin="line\nthe junkies\n", monkeypatch=monkeypatch)
    assert status == 1
    assert out.startswith("<stdin>:2:5: junkies -> ")


def test_fix_writes_to_standard_output_and_leaves_the_file_alone(files):
    path = files / "bad.md"
    status, out, _ = lint("--fix", str(path))
    assert out == "# Flyer\n\nFor people who use drugs and people with substance use disorders.\n"
    assert status == 0
    assert path.read_text() == "# Flyer\n\nFor drug users and addicts.\n"


def test_fix_leaves_ambiguous_findings_and_says_so(monkeypatch):
    status, out, _ = lint(
        "--fix", "-", stdin="An addict and drug abuse.\n", monkeypatch=monkeypatch
    )
    assert out == "An addict and drug use.\n"
    assert status == 1


def test_fix_in_html_keeps_markup(files):
    (files / "page.html").write_text('<p class="drug users">Drug users &amp; <b>staff</b></p>\n')
    status, out, _ = lint("--fix", str(files / "page.html"))
    assert out == '<p class="drug users">People who use drugs &amp; <b>staff</b></p>\n'
    assert status == 0


def test_in_place_rewrites_the_file(files):
    path = files / "bad.md"
    status, out, _ = lint("--fix", "--in-place", str(path))
    assert out == ""
    assert path.read_text() == (
        "# Flyer\n\nFor people who use drugs and people with substance use disorders.\n"
    )


def test_in_place_without_fix_is_a_usage_error(files):
    status, _, err = lint("--in-place", str(files / "bad.md"))
    assert status == 2
    assert "--in-place only goes with --fix" in err


def test_config_switches_rules_off_and_allows_names(files):
    (files / "hrkit-lint.yaml").write_text("disable: [addict]\nallow: [For drug users]\n")
    status, out, _ = lint("--config", str(files / "hrkit-lint.yaml"), str(files / "bad.md"))
    assert (status, out) == (0, "")


def test_a_bad_config_is_an_error_that_names_what_is_allowed(files):
    (files / "c.yaml").write_text("disabled: [addict]\n")
    status, _, err = lint("--config", str(files / "c.yaml"), str(files / "bad.md"))
    assert status == 2
    assert "allowed keys: disable, allow" in err
