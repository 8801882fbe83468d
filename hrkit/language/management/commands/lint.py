"""`hrkit lint PATH...`: check files for stigmatizing language about drug use.

Exit status: 0 nothing found, 1 something found, 2 a file could not be
read or the options are wrong (other files are still checked).
"""

import json
import os
import sys
import tempfile
from argparse import ArgumentParser
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from hrkit.language.config import CheckerConfig, ConfigError, load_config
from hrkit.language.documents import FORMATS, SOURCE_FORMATS, DocumentError, format_for
from hrkit.language.rules import default_rules
from hrkit.language.services import Finding, check_file_bytes, check_stream, fixed_text

FOUND, ERROR = 1, 2


class Command(BaseCommand):
    help = (
        "Check text, Markdown, HTML, .po, .docx and .pdf files (or - for standard input) "
        "for stigmatizing language about drug use and suggest person-first wording."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--fix",
            action="store_true",
            help="write the text with unambiguous replacements to standard output",
        )
        parser.add_argument(
            "--in-place", action="store_true", help="with --fix: rewrite the files themselves"
        )
        parser.add_argument("--config", type=Path, help="YAML file: disable: [...], allow: [...]")
        parser.add_argument(
            "--as", dest="file_format", choices=FORMATS, help="read every PATH as this format"
        )
        parser.add_argument("--lang", choices=["en", "es"], default="en", help="for 'why' texts")

    def handle(self, *args: Any, **options: Any) -> None:
        sys.exit(self.run(options))

    def _error(self, path: str, message: str) -> int:
        self.stderr.write(f"{path}: error: {message}")
        return ERROR

    def run(self, options: dict[str, Any]) -> int:
        rules = default_rules()
        config = CheckerConfig()
        if options["config"]:
            try:
                config = load_config(options["config"], rules)
            except ConfigError as exc:
                return self._error(str(options["config"]), str(exc))
        if options["in_place"] and not options["fix"]:
            return self._error("lint", "--in-place only goes with --fix")
        if options["fix"] and not options["in_place"] and len(options["paths"]) != 1:
            return self._error("lint", "--fix writes one text to standard output: give one PATH")
        if options["fix"]:
            return self._fix(options, config)
        status = 0
        written = 0
        as_json = options["format"] == "json"
        if as_json:
            self.stdout.write("[", ending="")
        for path in options["paths"]:
            try:
                # Findings are written as they are found, so memory stays flat.
                for finding in self._check(path, options["file_format"], config):
                    self._write(finding, as_json, written, options["lang"])
                    written += 1
                    if status == 0:
                        status = FOUND
            except (OSError, DocumentError) as exc:
                status = self._error(path, _reason(exc))
        if as_json:
            self.stdout.write("\n]" if written else "]")
        return status

    def _check(
        self, path: str, file_format: str | None, config: CheckerConfig
    ) -> Iterator[Finding]:
        file_format = file_format or ("text" if path == "-" else format_for(path))
        if file_format == "text":
            # Read block by block so a file of any size is checked in flat memory.
            if path == "-":
                yield from check_stream(sys.stdin, "<stdin>", config)
                return
            with open(path, encoding="utf-8-sig") as handle:
                try:
                    yield from check_stream(handle, path, config)
                except UnicodeDecodeError as exc:
                    raise DocumentError(f"not UTF-8 text (byte {exc.start})") from exc
            return
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        yield from check_file_bytes(data, file_format, path, config)[1]

    def _write(self, f: Finding, as_json: bool, written: int, language: str) -> None:
        if as_json:
            body = json.dumps(f.as_json(language), ensure_ascii=False)
            self.stdout.write(("," if written else "") + "\n  " + body, ending="")
            return
        page = f" (page {f.position.page})" if f.position.page is not None else ""
        self.stdout.write(
            f"{f.path}:{f.line}:{f.column}: {f.text} -> {'; '.join(f.rule.suggestions)} "
            f"({f.rule.why_in(language)}) [{f.rule.id}]{page}"
        )

    def _fix(self, options: dict[str, Any], config: CheckerConfig) -> int:
        status = 0
        for path in options["paths"]:
            file_format = options["file_format"] or ("text" if path == "-" else format_for(path))
            if options["in_place"] and (path == "-" or file_format not in SOURCE_FORMATS):
                status = self._error(path, "only text, Markdown, HTML and .po files can be "
                                     "rewritten in place")  # fmt: skip
                continue
            try:
                data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
                text = fixed_text(data, file_format, path, config)
                left = check_file_bytes(text.encode(), _fixed_format(file_format), path, config)
            except (OSError, DocumentError) as exc:
                status = self._error(path, _reason(exc))
                continue
            if options["in_place"]:
                _replace_file(Path(path), text)
            else:
                self.stdout.write(text, ending="")
            # Whatever had no unambiguous replacement is still there for a person.
            if left[1] and status == 0:
                status = FOUND
        return status


def _fixed_format(file_format: str) -> str:
    return file_format if file_format in SOURCE_FORMATS else "text"


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _replace_file(path: Path, text: str) -> None:
    # Write beside the file and rename over it, so a failure never leaves a
    # half-written file.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
