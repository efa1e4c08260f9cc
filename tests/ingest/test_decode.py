from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyscope.errors import InputError
from storyscope.ingest.decode import binary_kind, check_size, declared_charset, decode_bytes, format_size

RUSSIAN = (
    "Городской совет Северной Гавани в понедельник одобрил строительство нового моста через реку. "
    "Работы начнутся весной и продлятся два года, сообщил мэр города журналистам."
)
FRENCH = (
    "Le conseil municipal a voté lundi la rénovation du vieux pont. « Nous avons hâte », a déclaré "
    "la maire, très émue, devant la presse réunie à côté du café."
)
POLISH = (
    "Rada miasta zatwierdziła w poniedziałek budowę nowego mostu na rzece. Prace rozpoczną się "
    "wiosną, powiedział burmistrz dziennikarzom."
)


def reason(data: bytes, **kw: object) -> str:
    with pytest.raises(InputError) as e:
        decode_bytes(data, "in.txt", **kw)  # type: ignore[arg-type]
    assert e.value.input == "in.txt"
    return e.value.reason


def test_utf8_passes_through() -> None:
    assert decode_bytes("Bro über die Å – “ok”".encode(), "x") == "Bro über die Å – “ok”"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_bom_decides_and_is_dropped(bom: bytes, codec: str) -> None:
    assert decode_bytes(bom + FRENCH.encode(codec), "x") == FRENCH


def test_utf16_without_bom_is_text_not_binary() -> None:
    assert decode_bytes("Plain words here.\nSecond line.".encode("utf-16-le"), "x").startswith("Plain words")


def test_latin1_without_declaration_is_detected() -> None:
    assert decode_bytes(FRENCH.encode("latin-1"), "x") == FRENCH


def test_cp1251_russian_is_detected() -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251"), "x") == RUSSIAN


def test_windows_curly_quotes_in_english_are_windows_1252() -> None:
    # Only curly quotes and a dash above ASCII: detection alone ranks DOS code pages first, which read
    # the apostrophe as a letter ("Europeĺs").
    text = "Europe’s open-border policy – a week after the attack – is under strain. “We act,” he said.\n" * 3
    assert decode_bytes(text.encode("cp1252"), "a.txt") == text


def test_a_few_accented_names_in_english_are_windows_1252() -> None:
    # Two accented letters in a page of English: detection alone ranks Baltic and Central European
    # code pages as clean ("Ismaļl").
    text = (
        "Police named the driver as Zoë Marais and the passenger as Anaïs Kettel. "
        + "The bridge was shut. " * 20
    )
    assert decode_bytes(text.encode("cp1252"), "a.txt") == text


def test_euro_signs_and_dashes_in_english_are_windows_1252() -> None:
    # A short list of loans: many symbols, no letters above ASCII.
    text = "Loans written off:\n" + "".join(
        f"Company {k}: €{k}.81m loan – written off.\n" for k in range(1, 12)
    )
    assert decode_bytes(text.encode("cp1252"), "a.txt") == text


def test_a_language_that_needs_its_accents_is_left_to_detection() -> None:
    # Czech has far more accented bytes than a few names: the windows-1252 shortcut does not apply.
    czech = (
        "Městská rada v pondělí schválila stavbu nového mostu přes řeku. Práce začnou na jaře, řekl starosta."
    )
    data = czech.encode("cp1250")
    assert decode_bytes(data, "x") != data.decode("cp1252")


def test_cp1250_polish_is_not_taken_for_cp1252() -> None:
    assert decode_bytes(POLISH.encode("cp1250"), "x") == POLISH


def test_declared_charset_is_honoured() -> None:
    data = RUSSIAN.encode("koi8_r")
    assert decode_bytes(data, "x", "KOI8-R") == RUSSIAN
    # The same bytes read as windows-1251 when that is what the server says.
    assert decode_bytes(data, "x", "windows-1251") == data.decode("cp1251")


def test_wrong_declaration_falls_back_to_detection() -> None:
    assert decode_bytes(FRENCH.encode("latin-1"), "x", "utf-8") == FRENCH


def test_unknown_declared_label_is_ignored() -> None:
    assert decode_bytes(b"Hello there", "x", "no-such-charset") == "Hello there"


def test_iso_8859_1_label_means_windows_1252() -> None:
    # Browsers read "iso-8859-1" as windows-1252, where 0x93/0x94 are curly quotes.
    assert decode_bytes(b"\x93Quoted\x94 words", "x", "iso-8859-1") == "“Quoted” words"


def test_html_meta_and_xml_declaration_are_read_when_sniffing_markup() -> None:
    html = b'<html><head><meta charset="windows-1251"></head><body>' + RUSSIAN.encode("cp1251")
    assert RUSSIAN in decode_bytes(html, "x", sniff_markup=True)
    http_equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    assert declared_charset(http_equiv) == "koi8-r"
    assert declared_charset(b"<?xml version='1.0' encoding='ISO-8859-5'?><rss/>") == "ISO-8859-5"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


def test_line_endings_are_normalised() -> None:
    assert decode_bytes(b"Title\r\n\r\nBody one.\rBody two.\n", "x") == "Title\n\nBody one.\nBody two.\n"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff".encode(), b"\xef\xbb\xbf  \n"])
def test_empty_and_whitespace_only_are_rejected(data: bytes) -> None:
    assert reason(data) == "empty"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "GZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ],
)
def test_known_binary_formats_are_named(data: bytes, kind: str) -> None:
    assert reason(data) == f"binary file (looks like {kind}), not an article"


def test_nul_bytes_and_control_characters_are_binary() -> None:
    assert (
        reason(b"some text\x00\x01\x02\x00\xff\xfe and more\x00")
        == "binary file (contains NUL bytes), not an article"
    )
    assert "control characters" in reason(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 10 + b"text")


def test_allowed_formats_are_not_binary() -> None:
    assert binary_kind(b"\x1f\x8b\x08\x00", allow=frozenset({"GZIP"})) is None
    assert binary_kind(b"MZ Holdings said on Monday its profit rose.") is None


def test_undecodable_bytes() -> None:
    # Invalid UTF-8 that no single-byte code page reads as plausible text either.
    assert reason(bytes(range(0x80, 0x100)) * 8) == "could not decode as UTF-8 or detect an encoding"


def test_size_limit_reason() -> None:
    with pytest.raises(InputError, match=r"larger than 5 MB limit \(12\.3 MB\)"):
        check_size("big.txt", 12_300_000, 5_000_000)
    check_size("ok.txt", 5_000_000, 5_000_000)


@pytest.mark.parametrize(
    ("n", "text"), [(5_000_000, "5 MB"), (12_345_678, "12.3 MB"), (800_000, "800 kB"), (12, "12 bytes")]
)
def test_format_size(n: int, text: str) -> None:
    assert format_size(n) == text


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=1))
def test_utf8_text_round_trips(text: str) -> None:
    if not text.strip():
        return
    assert decode_bytes(text.encode("utf-8"), "x") == text
