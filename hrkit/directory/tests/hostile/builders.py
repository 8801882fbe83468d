"""Hostile import files, made by code at test time (no binary fixtures).

A zip that expands to gigabytes is built without compressing gigabytes: after
a full flush, deflate forgets what it has seen, so one compressed megabyte of
the same bytes is the same block every time, and the block repeated is a valid
stream. The zip structure around it is written by hand, since zipfile can only
write data it compresses itself.
"""

import json
import struct
import zlib
from pathlib import Path
from typing import Any

BLOCK = 1 << 20


def _deflate(head: bytes, filler: bytes, filler_size: int, tail: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of head + filler repeated to filler_size + tail; (data, size, crc)."""
    plain = (filler * (BLOCK // len(filler) + 1))[:BLOCK]
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(plain) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(plain) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "a full flush should make every block the same"
    count = filler_size // BLOCK
    end = compressor.compress(tail) + compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(plain, crc)
    crc = zlib.crc32(tail, crc)
    return start + block * count + end, len(head) + count * BLOCK + len(tail), crc


def write_zip(path: Path, members: dict[str, tuple[bytes, int, int, int]]) -> Path:
    """members: name -> (deflated data, declared size, crc, real size unused)."""
    local_parts = []
    central = []
    offset = 0
    for name, (data, declared, crc, _) in members.items():
        encoded = name.encode()
        header = struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(data), declared, len(encoded), 0
        )
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                declared,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
        part = header + encoded + data
        local_parts.append(part)
        offset += len(part)
    directory = b"".join(central)
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0
    )
    path.write_bytes(b"".join(local_parts) + directory + end)
    return path


def expanding_member(
    head: bytes, filler: bytes, filler_size: int, tail: bytes = b"", declared: int | None = None
) -> tuple[bytes, int, int, int]:
    """A member expanding to head + filler_size bytes of filler + tail.

    declared: the size the zip's directory claims (the real size unless given).
    """
    data, size, crc = _deflate(head, filler, filler_size, tail)
    return data, size if declared is None else declared, crc, size


SERVICES_HEADER = b"id,organization_id,name,status\n"


def organization_member() -> tuple[bytes, int, int, int]:
    text = b"id,name\norg-1,Harm Reduction Hub\n"
    return expanding_member(text, b" ", 0)


def one_service(**fields: Any) -> dict[str, Any]:
    service: dict[str, Any] = {
        "id": "svc-1",
        "name": "Naloxone and test strips",
        "status": "active",
        "organization": {"id": "org-1", "name": "Harm Reduction Hub"},
        "phones": [{"id": "phone-1", "number": "+17735550101"}],
        "languages": [{"id": "lang-1", "code": "es"}],
        "service_at_locations": [
            {
                "id": "sal-1",
                "location": {
                    "id": "loc-1",
                    "name": "Cedar Street site",
                    "latitude": 41.88,
                    "longitude": -87.63,
                },
            }
        ],
    }
    service.update(fields)
    return service


def write_json(path: Path, services: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(services), encoding="utf-8")
    return path
