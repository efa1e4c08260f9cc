"""Speaker labels: transcript turns and a name and a colon heading a paragraph."""

from __future__ import annotations

from typing import Any

from builders import one_quote


def test_name_and_colon_heading_a_paragraph(quotes_of: Any) -> None:
    qs = quotes_of(
        "Hanna Lund: Talks with the union will resume in May.\n\nThe strike entered its third week."
    )
    q = one_quote(qs, "Talks with the union")
    assert q["who"] == "Hanna Lund" and q["text"] == "Talks with the union will resume in May"
    # A place heading a paragraph ("Oslo: …") is a dateline, not a speaker.
    assert not quotes_of("Oslo: The strike entered its third week on Monday.")


def test_transcript_turns(quotes_of: Any) -> None:
    text = (
        "Harbour director Mira Solberg spoke to reporter Tom Vale on Sunday.\n\n"
        '"VALE: Will the ferry run in May? People in town are asking.\n\n'
        '"SOLBERG: It will. We have the crews, and the “Northern Star” is back from repairs.\n\n'
        '"EDITOR: This part was cut.\n\n'
        "VALE: Thank you for your time today.\n"
    )
    qs = quotes_of(text)
    q = one_quote(qs, "We have the crews")
    assert q["kind"] == "direct" and q["who"] == "Mira Solberg" and q["speaker"]["text"] == "SOLBERG"
    assert q["text"].startswith("It will.") and q["text"].endswith("back from repairs.")
    assert one_quote(qs, "Will the ferry run")["who"] == "Tom Vale"
    assert one_quote(qs, "Thank you for your time")["who"] == "Tom Vale"
    assert not any(q["who"] is not None for q in qs if "part was cut" in q["text"])
