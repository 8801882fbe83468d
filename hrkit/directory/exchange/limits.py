"""How big and how deep an import file may be, and the refusal when it is more.

Imports stream, so a file's length costs time, not memory. What costs memory
(or crashes a parser) is one thing grown huge: a value, a line, a nesting, a
number, a zip member. Each is bounded here, and checked before the parser or
the database sees the bytes. docs/hsds.md lists them for the person importing.
"""

from hrkit.directory.exchange.problems import UnreadableSource

# HSDS nests about a dozen levels (service > service_at_locations > location >
# contacts > phones > languages); this leaves room for other producers' extras.
MAX_JSON_DEPTH = 64
# Python refuses to read integers past 4,300 digits, and ijson's C parser
# crashes the process on one; no HSDS number needs more than a few dozen.
MAX_NUMBER_DIGITS = 100
# One value: a JSON string (counted in bytes) or a CSV cell (in characters).
MAX_VALUE_CHARS = 1_000_000
# One physical line of a CSV file (a row whose quoted cells hold line breaks
# spans several lines, each bounded by this).
MAX_CSV_LINE_CHARS = 4_000_000
# A datapackage zip: a dozen tables and a descriptor; these bound a zip that
# would expand to more than the disk or the memory holds. An unpacked folder
# is read as a stream with the line and value limits only.
MAX_ZIP_MEMBERS = 1_000
MAX_ZIP_MEMBER_BYTES = 1 << 30
MAX_ZIP_TOTAL_BYTES = 4 << 30


class TooLarge(UnreadableSource):
    """The file passes a limit above; nothing was read into the database."""
