"""A minimal PNG writer for rendered maps: 8-bit RGB, no row filter, zlib level 1.

Maps are mostly flat colour, so unfiltered rows compress well and fast: smaller and about twice as
quick as Pillow's adaptive filtering at the same level. Records the resolution (pHYs) so print
software sees 300 dpi, and text chunks (Software; Description, the image's text alternative: tEXt when
it is Latin-1, else UTF-8 iTXt); nothing time-dependent, so bytes are reproducible.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode(rgba: np.ndarray, dpi: float, text: dict[str, str] | None = None, level: int = 1) -> bytes:
    """PNG bytes of an H×W×4 (or ×3) uint8 image; the alpha channel is dropped (maps are opaque)."""
    h, w = rgba.shape[:2]
    rows = np.empty((h, 1 + w * 3), dtype=np.uint8)
    rows[:, 0] = 0  # filter type None
    rows[:, 1:] = rgba[:, :, :3].reshape(h, w * 3)
    ppm = int(round(dpi / 0.0254))
    out = [
        SIGNATURE,
        _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)),
        _chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)),
    ]
    for key, value in (text or {}).items():
        try:
            out.append(_chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1")))
        except UnicodeEncodeError:  # iTXt: keyword, no compression, no language tag or translated keyword
            out.append(_chunk(b"iTXt", key.encode("latin-1") + b"\0\0\0\0\0" + value.encode("utf-8")))
    out.append(_chunk(b"IDAT", zlib.compress(rows.tobytes(), level)))
    out.append(_chunk(b"IEND", b""))
    return b"".join(out)
