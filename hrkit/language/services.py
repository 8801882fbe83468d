"""The checker's front door: the CLI, the page and the API call these functions."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from hrkit.language.budget import CheckedInChild, WebLimits, check_within_budget
from hrkit.language.config import CheckerConfig
from hrkit.language.documents import (
    SOURCE_FORMATS,
    Document,
    DocumentTooLarge,
    Position,
    read_document,
)
from hrkit.language.matcher import Match, apply_fixes, match_case, matcher_for
from hrkit.language.rules import Rule, RuleSet, default_rules

# Plain text is checked in blocks of whole lines so memory stays flat
# however large the input is. Small blocks are faster: fewer anchor words
# occur in each, so fewer are searched for.
BLOCK_CHARS = 16 * 1024


@dataclass(frozen=True)
class Finding:
    path: str
    position: Position
    start: int
    end: int
    text: str
    rule: Rule
    fix: str | None

    @property
    def line(self) -> int:
        return self.position.line

    @property
    def column(self) -> int:
        return self.position.column

    def replacement(self) -> str | None:
        if self.fix is None:
            return None
        return match_case(self.text, self.fix, self.rule.case_sensitive)

    def as_json(self, language: str = "en") -> dict:
        body = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "rule": self.rule.id,
            "kind": self.rule.kind,
            "suggestions": list(self.rule.suggestions),
            "fix": self.replacement(),
            "why": self.rule.why_in(language),
            "sources": [{"title": s.title, "url": s.url} for s in self.rule.sources],
        }
        if self.position.page is not None:
            body["page"] = self.position.page
        return body


def _matches(text: str, config: CheckerConfig, rules: RuleSet) -> list[Match]:
    return matcher_for(rules, config.disabled, config.allow).find(text)


def check_document(
    document: Document, path: str, config: CheckerConfig, rules: RuleSet | None = None
) -> list[Finding]:
    rules = rules or default_rules()
    return [
        Finding(path, document.position(m.start), m.start, m.end, m.text, m.rule, m.fix)
        for m in _matches(document.text, config, rules)
    ]


def check_text(
    text: str, config: CheckerConfig | None = None, path: str = "-", rules: RuleSet | None = None
) -> list[Finding]:
    return check_document(Document(text), path, config or CheckerConfig(), rules)


def check_file_bytes(
    data: bytes, file_format: str, path: str, config: CheckerConfig
) -> tuple[Document, list[Finding]]:
    """Extract and check; raises DocumentError when the bytes are not that format."""
    document = read_document(data, file_format)
    return document, check_document(document, path, config)


@dataclass(frozen=True)
class WebCheck:
    """A check asked for over the web: the first findings listed, all of them counted."""

    text: str
    findings: list[Finding]
    count: int

    @property
    def omitted(self) -> int:
        return self.count - len(self.findings)

    def rules(self) -> list[Rule]:
        """The rules of the listed findings, each once, in the order they first appear."""
        return list(dict.fromkeys(finding.rule for finding in self.findings))

    def shown_text(self) -> str:
        """The text to show marked: all of it, or when findings were left out,
        up to the end of the line of the last one listed (a few hundred
        characters at most past it), since the rest carries no marks."""
        if not self.omitted:
            return self.text
        last = self.findings[-1].end
        line_end = self.text.find("\n", last, last + 300)
        return self.text[: line_end if line_end != -1 else last + 300]

    def words_found(self, rule: Rule) -> list[str]:
        """What the listed findings of a rule say, each wording once."""
        return list(dict.fromkeys(f.text.lower() for f in self.findings if f.rule is rule))


def _web_check(checked: CheckedInChild, path: str) -> WebCheck:
    rules = default_rules()
    findings = [
        Finding(path, f.position, f.start, f.end, f.text, rules.by_id(f.rule_id), f.fix)
        for f in checked.listed
    ]
    return WebCheck(checked.text, findings, checked.count)


def check_text_for_web(text: str, config: CheckerConfig, limits: WebLimits) -> WebCheck:
    """Checked within the web's limits and budget (see budget.py); raises
    DocumentTooLarge for more text than one request may check, or past the budget."""
    if len(text) > limits.read.max_chars:
        raise DocumentTooLarge("characters", limits.read.max_chars)
    return _web_check(check_within_budget(text, "text", config, limits), "-")


def check_upload_for_web(data: bytes, file_format: str, path: str, limits: WebLimits) -> WebCheck:
    """The file read and checked within the web's limits and budget; raises
    DocumentError (DocumentTooLarge past a limit or the budget)."""
    return _web_check(check_within_budget(data, file_format, CheckerConfig(), limits), path)


@dataclass(frozen=True)
class Piece:
    """A run of checked text for display: plain, or a finding to highlight."""

    text: str
    finding: Finding | None = None
    number: int = 0


def highlighted(text: str, findings: list[Finding]) -> list[Piece]:
    """The text cut into plain runs and findings, in order, for a page to mark up."""
    pieces: list[Piece] = []
    position = 0
    for number, finding in enumerate(findings, start=1):
        if finding.start > position:
            pieces.append(Piece(text[position : finding.start]))
        pieces.append(Piece(text[finding.start : finding.end], finding, number))
        position = finding.end
    if position < len(text):
        pieces.append(Piece(text[position:]))
    return pieces


def _line_blocks(stream: IO[str]) -> Iterator[str]:
    block: list[str] = []
    size = 0
    for line in stream:
        block.append(line)
        size += len(line)
        # End a block at a blank line where one comes soon, so that a phrase
        # broken over two lines of a paragraph stays in one block.
        if size >= BLOCK_CHARS and (not line.strip() or size >= 4 * BLOCK_CHARS):
            yield "".join(block)
            block, size = [], 0
    if block:
        yield "".join(block)


def check_stream(stream: IO[str], path: str, config: CheckerConfig) -> Iterator[Finding]:
    """Findings in plain text read block by block. Blocks end at blank lines
    (or, in text without any, at a line end): a phrase split over two blocks
    is the one thing this cannot see."""
    first_line = 1
    for block in _line_blocks(stream):
        yield from check_document(Document(block, first_line), path, config)
        first_line += block.count("\n")


def fixed_source(source: str, document: Document, findings: list[Finding]) -> str:
    """The source text with each unambiguous replacement made where the finding
    sits, for formats whose source is text (plain, Markdown, HTML, .po)."""
    line_starts = [0]
    for index, char in enumerate(source):
        if char == "\n":
            line_starts.append(index + 1)
    pieces: list[str] = []
    position = 0
    for finding in findings:
        replacement = finding.replacement()
        if replacement is None:
            continue
        start = line_starts[finding.line - 1] + finding.column - 1
        end = start + len(finding.text)
        # Text assembled from pieces (an HTML entity, a .po escape) may not
        # appear verbatim in the source; such a finding is left for a person.
        if start < position or source[start:end] != finding.text:
            continue
        pieces.append(source[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(source[position:])
    return "".join(pieces)


def fixed_text(data: bytes, file_format: str, path: str, config: CheckerConfig) -> str:
    """The file's text with unambiguous replacements made. For .docx and .pdf
    this is the extracted text, since their source is not text."""
    document, findings = check_file_bytes(data, file_format, path, config)
    if file_format in SOURCE_FORMATS:
        return fixed_source(data.decode("utf-8-sig"), document, findings)
    matches = [Match(f.start, f.end, f.text, f.rule, f.fix) for f in findings]
    return apply_fixes(document.text, matches)
