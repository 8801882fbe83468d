"""A JSON import past a limit is refused from a look at its bytes, before ijson reads them.

Each hostile file runs in a child process with a memory cap: ijson's C parser
crashed the process on the long integer and took a gigabyte on the deep
nesting, so "refused" means a clean TooLarge, never a crash or a MemoryError.
"""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hrkit.core.testing import run_with_memory_limit
from hrkit.directory import models as m
from hrkit.directory.exchange.json_bounds import check_json_bounds
from hrkit.directory.exchange.limits import (
    MAX_JSON_DEPTH,
    MAX_NUMBER_DIGITS,
    MAX_VALUE_CHARS,
    TooLarge,
)
from hrkit.directory.exchange.services import import_hsds
from hrkit.directory.tests.hostile.builders import one_service, write_json

pytestmark = pytest.mark.django_db


def import_in_child(path: Path) -> tuple[str, object]:
    return run_with_memory_limit(import_hsds, path, extra_mb=64)


def assert_nothing_written() -> None:
    assert m.Organization.objects.count() == 0
    assert m.Service.objects.count() == 0
    assert m.Location.objects.count() == 0


def test_an_integer_of_5000_digits_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "services.json"
    path.write_bytes(b'[{"id": "svc-1",\n "minimum_age": 1' + b"0" * 5000 + b"}]")

    outcome = import_in_child(path)

    assert outcome == (
        "raised",
        (
            "TooLarge",
            f"services.json:2: a number with more than {MAX_NUMBER_DIGITS} digits; "
            "nothing was read",
        ),
    )
    assert_nothing_written()


def test_an_integer_of_4301_digits_as_an_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "services.json"
    path.write_bytes(b'[{"id": 1' + b"0" * 4300 + b"}]")

    kind, (name, message) = import_in_child(path)  # type: ignore[misc]

    assert (kind, name) == ("raised", "TooLarge")
    assert "services.json:1:" in message
    assert_nothing_written()


@pytest.mark.parametrize("depth", [20_000, 100_000])
def test_deep_nesting_is_refused_before_it_takes_memory(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b"[\n" + b'{"a":[' * depth + b"]}" * depth + b"\n]")

    outcome = import_in_child(path)

    assert outcome == (
        "raised",
        (
            "TooLarge",
            f"deep.json:2: nested more than {MAX_JSON_DEPTH} levels deep "
            "(HSDS needs about a dozen); nothing was read",
        ),
    )
    assert_nothing_written()


def test_a_text_value_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "long.json", [one_service(description="a" * (MAX_VALUE_CHARS + 10))]
    )

    kind, (name, message) = import_in_child(path)  # type: ignore[misc]

    assert (kind, name) == ("raised", "TooLarge")
    assert "long.json:1: a text value longer than" in message
    assert_nothing_written()


def test_the_command_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b"[\n\n" + b"[" * 100 + b"]" * 100 + b"]")

    with pytest.raises(CommandError, match=r"deep\.json:3: nested more than 64 levels deep"):
        call_command("import_hsds", str(path))
    assert_nothing_written()


def test_brackets_digits_and_escaped_quotes_inside_strings_do_not_count(tmp_path: Path) -> None:
    text = '[{"id": "s", "note": "' + '[{\\"' * 5000 + "1" * 5000 + '"}]'
    path = tmp_path / "strings.json"
    path.write_text(text)

    check_json_bounds(path)


def test_the_limits_themselves_pass(tmp_path: Path) -> None:
    at_limit = tmp_path / "at_limit.json"
    at_limit.write_bytes(
        b"[" * (MAX_JSON_DEPTH - 1)
        + b"1"
        + b"0" * (MAX_NUMBER_DIGITS - 1)
        + b"]" * (MAX_JSON_DEPTH - 1)
    )
    check_json_bounds(at_limit)
    one_over = tmp_path / "over.json"
    one_over.write_bytes(b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1))
    with pytest.raises(TooLarge):
        check_json_bounds(one_over)


def test_a_long_number_split_across_reads_is_still_seen(tmp_path: Path) -> None:
    from hrkit.directory.exchange.json_bounds import CHUNK_BYTES

    path = tmp_path / "split.json"
    path.write_bytes(b"[" + b" " * (CHUNK_BYTES - 50) + b"9" * (MAX_NUMBER_DIGITS + 1) + b"]")

    with pytest.raises(TooLarge, match="digits"):
        check_json_bounds(path)


def test_a_valid_file_still_imports(tmp_path: Path) -> None:
    import_hsds(write_json(tmp_path / "ok.json", [one_service()]))

    assert m.Service.objects.get().name == "Naloxone and test strips"
