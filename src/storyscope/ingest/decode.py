"""Bytes to text: size limit, binary rejection, then BOM, declared charset, UTF-8, detection.

Every reader goes through :func:`decode_bytes`, so every input kind rejects the same things with the
same one-line reasons ("empty", "binary file (looks like PNG), not an article", ...). Line endings are
normalised to ``\\n`` so that an article's raw text (and its hash) does not depend on the platform
that saved it.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from storyscope.errors import InputError

# Leading bytes of formats people drop into an input folder by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "GZIP"),
    (b"BZh", "BZIP2"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"7z\xbc\xaf\x27\x1c", "7Z"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office"),
    (b"\x7fELF", "ELF"),
    (b"MZ", "EXE"),
    (b"ID3", "MP3"),
    (b"OggS", "OGG"),
    (b"fLaC", "FLAC"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"WARC/", "WARC"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, LF, VT, FF, CR and ESC: text almost never holds them.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_CONTROL_SHARE = 0.05
_CP1252_CHAOS_MARGIN = 0.02
_SNIFF_BYTES = 8192
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
# Labels that browsers (WHATWG Encoding) read as windows-1252; pages that declare them mean it.
_WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "latin-1", "ascii", "iso8859-15"})


def format_size(n: int) -> str:
    """``12.3 MB`` / ``5 MB`` / ``800 kB`` / ``12 bytes`` (decimal units, as Config.max_bytes is)."""
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def too_large(size: int, max_bytes: int) -> str:
    """The reason given for an input over the limit."""
    return f"larger than {format_size(max_bytes)} limit ({format_size(size)})"


def check_size(source: str, size: int, max_bytes: int) -> None:
    """Raise :class:`InputError` when ``size`` exceeds ``max_bytes``."""
    if size > max_bytes:
        raise InputError(source, too_large(size, max_bytes))


def binary_kind(data: bytes, allow: frozenset[str] = frozenset()) -> str | None:
    """Why ``data`` looks binary (``"looks like PNG"``, ``"contains NUL bytes"``), or None if it looks
    like text. Formats in ``allow`` (e.g. ``{"GZIP"}`` for a ``.warc.gz``) are not held against it."""
    for bom, _ in _BOMS:
        if data.startswith(bom):
            return None  # a BOM promises text, and UTF-16/32 text is full of NUL bytes
    for magic, name in _MAGIC:
        if data.startswith(magic):
            if name in allow:
                return None  # the expected container format, read by its own reader
            if name == "EXE" and b"\x00" not in data[:512]:
                continue  # "MZ" also starts ordinary words; a real executable header has NULs
            return f"looks like {name}"
    head = data[:_SNIFF_BYTES]
    if not head:
        return None
    if b"\x00" in head:
        if _utf16_without_bom(head):
            return None
        return "contains NUL bytes"
    controls = len(head) - len(head.translate(None, _CONTROL))
    if controls / len(head) > _CONTROL_SHARE:
        return "mostly control characters"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit in every other byte, as in BOM-less UTF-16 ASCII-range text."""
    even, odd = head[0::2], head[1::2]
    if not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or an XML declaration in the first bytes names, if any."""
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m[1].decode("ascii") if m else None


def _codec(label: str | None) -> str | None:
    """Python's codec name for a charset label, or None for an unknown label."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in _WINDOWS_1252_ALIASES else name


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        if codec == "cp1252":
            # A few bytes are undefined in windows-1252; latin-1 reads them as C1 controls.
            return data.decode("latin-1")
        return None


# Windows-1252's curly quotes, dashes, ellipsis and bullet: in English news saved from Word or an old
# CMS, nearly every byte above 0x7F is one of them. DOS and Mac code pages read the same bytes as
# accented letters ("Europe\x92s" as "Europeĺs"), and detection on text that is otherwise ASCII has
# little else to go on.
_CP1252_PUNCTUATION = frozenset(b"\x85\x91\x92\x93\x94\x95\x96\x97")
_PUNCTUATION_SHARE = 0.8


def _windows_punctuation(data: bytes) -> bool:
    """Whether the bytes above 0x7F are (almost) all windows-1252 punctuation."""
    high = [b for b in data if b > 0x7F]
    if not high:
        return False
    return sum(b in _CP1252_PUNCTUATION for b in high) / len(high) >= _PUNCTUATION_SHARE


# Text in a language written mostly in ASCII (English, say) with a few foreign names ("Ismaël
# Mostefaï") has too few accented bytes for detection to tell code pages apart: Baltic or Central
# European ones score as well and read "ë" as "ļ". Windows-1252 is by far the commonest legacy
# encoding of such text. A language that needs its accents (Czech, Polish) has far more of them than
# this share, and Polish read as windows-1252 gives symbols ("³", "¹"), not letters.
_FEW_HIGH_BYTES = 0.01
_WESTERN = frozenset("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝœŒšŠžŽ‘’‚“”„–—…•€£°«»·©®")


def _few_western_letters(data: bytes) -> bool:
    """Whether the bytes above 0x7F are, read as windows-1252, Western punctuation and symbols ("€2.8m",
    "–") and a few Western letters."""
    if not any(b > 0x7F for b in data):
        return False
    high = [ch for ch in _try(data, "cp1252") or "" if ord(ch) > 0x7F]
    letters = sum(ch.isalpha() for ch in high)
    return letters / len(data) <= _FEW_HIGH_BYTES and all(ch in _WESTERN for ch in high)


def decode_bytes(
    data: bytes,
    source: str,
    declared: str | None = None,
    *,
    sniff_markup: bool = False,
    allow_binary: frozenset[str] = frozenset(),
) -> str:
    """Decode one input's bytes to text with ``\\n`` line endings, or raise :class:`InputError`.

    Order: a BOM; ``declared`` (e.g. the HTTP ``Content-Type`` charset); with ``sniff_markup``, the
    charset an HTML ``<meta>`` or XML declaration names; strict UTF-8; then detection. A declared
    charset that does not decode the bytes is ignored rather than trusted into mojibake.
    """
    if not data.strip():
        raise InputError(source, "empty")
    kind = binary_kind(data, allow_binary)
    if kind is not None:
        raise InputError(source, f"binary file ({kind}), not an article")
    text = _decode(data, declared, sniff_markup)
    if text is None:
        raise InputError(source, "could not decode as UTF-8 or detect an encoding")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, "empty")
    return text


def _decode(data: bytes, declared: str | None, sniff_markup: bool) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _try(data[len(bom) :], codec)
    utf16 = _utf16_without_bom(data[:_SNIFF_BYTES]) if b"\x00" in data[:_SNIFF_BYTES] else None
    if utf16:
        return _try(data, utf16)
    candidates = [_codec(declared)]
    if sniff_markup:
        candidates.append(_codec(declared_charset(data)))
    for codec_name in candidates:
        # A page that says UTF-16 in a <meta> but reached us as ASCII-compatible bytes is wrong.
        if codec_name and not codec_name.startswith(("utf-16", "utf-32")):
            text = _try(data, codec_name)
            if text is not None:
                return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _windows_punctuation(data) or _few_western_letters(data):
        return _try(data, "cp1252")
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for match in matches[1:]:
        # On short Western text charset_normalizer often ranks Mac or Baltic code pages first, with
        # windows-1252 (by far the commonest legacy encoding of news pages) about as clean and as
        # coherent; prefer it then. A Polish cp1250 page stays cp1250: its coherence drops as cp1252.
        if (
            match.encoding == "cp1252"
            and match.chaos <= best.chaos + _CP1252_CHAOS_MARGIN
            and match.coherence >= best.coherence
        ):
            return str(match)
    return str(best)
