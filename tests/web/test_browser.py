"""The pages people look at, in a real browser: Debian's headless Chromium driven by Selenium.

The app runs under uvicorn on 127.0.0.1 (a free port) in a thread. Screenshots go to ``test-output/``.
Skipped when /usr/bin/chromium is missing; CI installs it (scripts/install-browser.sh).
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from web_fixtures import add_story, hostile_store, write

from storyscope.models import Story
from storyscope.store.sqlite import SQLiteStore
from storyscope.web.app import create_app

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
REFERENCE = SHARED / "samples" / "putin-tehran-2022"
EXAMPLES = REPO / "examples"
OUTPUT = REPO / "test-output"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="needs /usr/bin/chromium and chromedriver"
    ),
]

# Used when examples/ is absent: a small two-outlet story of our own.
FALLBACK = {
    "lake-gazette.txt": (
        "Lake Orrin water level falls to record low\n\n"
        "The water level of Lake Orrin fell to its lowest mark on record on Sunday, the water board said.\n"
        'Board chair Elsa Moor said: "We ask every household to save water this summer."\n'
        "Fishing boats have been moved to the deeper northern harbour.\n"
    ),
    "valley-news.txt": (
        "Orrin lake at record low, board asks for restraint\n\n"
        "Lake Orrin reached its lowest level on record on Sunday, according to the regional water board.\n"
        "Elsa Moor, who chairs the board, asked households to save water.\n"
        "The board will decide on a hosepipe ban next week.\n"
    ),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """The app under uvicorn in a background thread, on 127.0.0.1."""

    def __init__(self, db: str) -> None:
        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _driver(width: int = 1280, height: int = 1000) -> object:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="storyscope-chromium-")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
    ):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opts)


@pytest.fixture
def browser() -> Iterator[object]:
    driver = _driver()
    try:
        yield driver
    finally:
        driver.quit()  # type: ignore[attr-defined]


def _story_store(tmp: Path, inputs: list[str]) -> tuple[str, Story]:
    db = str(tmp / "browser.db")
    with SQLiteStore(db) as store:
        story = add_story(store, inputs)
    return db, story


def _example_inputs(tmp: Path) -> list[str]:
    found = sorted(EXAMPLES.glob("*.txt"))
    if found:
        return [str(p) for p in found]
    return [write(tmp, name, text) for name, text in FALLBACK.items()]


def _screenshot(driver: object, name: str, full_page: bool = True) -> Path:
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / name
    if full_page:
        height = driver.execute_script("return document.documentElement.scrollHeight")  # type: ignore[attr-defined]
        width = driver.execute_script("return window.innerWidth")  # type: ignore[attr-defined]
        driver.set_window_size(max(width, 360), min(int(height) + 160, 16000))  # type: ignore[attr-defined]
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]
    assert path.stat().st_size > 10_000
    return path


def _wait(driver: object, condition: object, timeout: float = 10) -> object:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)  # type: ignore[arg-type]


def test_clicking_a_citation_shows_the_cited_passage(tmp_path: Path, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    db, story = _story_store(tmp_path, _example_inputs(tmp_path))
    with Server(db) as srv:
        data = httpx.get(f"{srv.url}/api/stories/{story.id}", timeout=300).json()
        texts = {s["id"]: s["text"] for s in data["sources"]}
        d = browser
        d.get(f"{srv.url}/stories/{story.id}")  # type: ignore[attr-defined]
        assert d.title.startswith(data["title"][:20])  # type: ignore[attr-defined]
        btn = d.find_element(By.CSS_SELECTOR, "section[aria-labelledby='st0-what'] button.cite")  # type: ignore[attr-defined]
        panel = d.find_element(By.ID, btn.get_attribute("aria-controls"))  # type: ignore[attr-defined]
        assert not panel.is_displayed()
        btn.click()
        _wait(d, lambda _: panel.is_displayed())
        assert btn.get_attribute("aria-expanded") == "true"
        number = int(btn.text.strip("[]"))
        source_id = data["sources"][number - 1]["id"]
        start, end = int(btn.get_attribute("data-start")), int(btn.get_attribute("data-end"))
        cited = panel.find_element(By.TAG_NAME, "mark").text
        # The browser collapses whitespace in rendering; compare the words.
        assert cited.split() == texts[source_id][start:end].split()
        _screenshot(d, "story-citation.png", full_page=False)

        # Keyboard: Escape closes the panel and returns focus to the marker; Enter opens it again.
        btn.send_keys(Keys.ESCAPE)
        _wait(d, lambda _: not panel.is_displayed())
        assert d.switch_to.active_element == btn  # type: ignore[attr-defined]
        btn.send_keys(Keys.ENTER)
        _wait(d, lambda _: panel.is_displayed())

        # The source page shows the input with removed text struck through and the cited text marked.
        d.get(f"{srv.url}/stories/{story.id}/sources/{source_id}")  # type: ignore[attr-defined]
        assert d.find_elements(By.CSS_SELECTOR, ".rawtext mark.hl")  # type: ignore[attr-defined]
        removed = d.find_elements(By.CSS_SELECTOR, ".rawtext del.removed")  # type: ignore[attr-defined]
        if removed:
            assert removed[0].is_displayed()
            d.find_element(By.ID, "hide-removed").click()  # type: ignore[attr-defined]
            _wait(d, lambda _: not removed[0].is_displayed())
        _screenshot(d, "source-page.png")


def test_pages_fit_a_narrow_screen(tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    db, story = _story_store(tmp_path, _example_inputs(tmp_path))
    driver = _driver(width=375, height=800)
    try:
        with Server(db) as srv:
            for path in ("/", f"/stories/{story.id}", "/docs"):
                driver.get(srv.url + path)  # type: ignore[attr-defined]
                overflow = driver.execute_script(  # type: ignore[attr-defined]
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                assert overflow <= 1, (path, overflow)
                assert driver.find_element(By.TAG_NAME, "h1").is_displayed()  # type: ignore[attr-defined]
            _screenshot(driver, "story-narrow.png", full_page=False)
    finally:
        driver.quit()  # type: ignore[attr-defined]


def test_no_script_from_an_article_runs(tmp_path: Path, browser: object) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    db, story = hostile_store(tmp_path)
    with Server(db) as srv:
        d = browser
        for path in ("/", f"/stories/{story.id}", f"/stories/{story.id}/sources/evil%3C1%3E", "/?q=alert"):
            d.get(srv.url + path)  # type: ignore[attr-defined]
            time.sleep(0.2)  # give an injected handler (onerror, onload) the chance to fire
            with pytest.raises(NoAlertPresentException):
                d.switch_to.alert.text  # type: ignore[attr-defined]  # noqa: B018
            assert not d.find_elements(By.CSS_SELECTOR, "main img, main svg, main a[href^='javascript']")  # type: ignore[attr-defined]
        # The hostile title is on the page as text.
        d.get(f"{srv.url}/stories/{story.id}")  # type: ignore[attr-defined]
        assert '<script>alert("title")</script>' in d.find_element(By.TAG_NAME, "h1").text  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.skipif(not REFERENCE.exists(), reason="needs ../shared (the reference story)")
def test_reference_story_screenshot(tmp_path: Path, browser: object) -> None:
    """The done-when screenshot: the reference story's page with every section the briefing fills."""
    from selenium.webdriver.common.by import By

    db, story = _story_store(tmp_path, [str(p) for p in sorted(REFERENCE.glob("*.txt"))])
    with Server(db) as srv:
        data = httpx.get(f"{srv.url}/api/stories/{story.id}", timeout=300).json()
        d = browser
        d.get(f"{srv.url}/stories/{story.id}")  # type: ignore[attr-defined]
        sections = {
            "summary": "st0-what",
            "timeline": "st0-when",
            "quotes": "st0-said",
            "claims": "st0-claims",
            "contradictions": "st0-contra",
        }
        for key, section in sections.items():
            # The reference story has something in every one of these sections, and the page shows it.
            assert data[key], key
            present = d.find_elements(By.ID, section)  # type: ignore[attr-defined]
            assert present and present[0].is_displayed(), key
        assert d.find_element(By.CSS_SELECTOR, "table.matrix td.cell-states").is_displayed()  # type: ignore[attr-defined]
        assert any("deny" in c["a"]["text"] + c["b"]["text"] for c in data["contradictions"])
        buttons = d.find_elements(By.CSS_SELECTOR, "section[aria-labelledby='st0-what'] button.cite")  # type: ignore[attr-defined]
        buttons[0].click()
        _wait(d, lambda _: d.find_element(By.ID, buttons[0].get_attribute("aria-controls")).is_displayed())  # type: ignore[attr-defined]
        _screenshot(d, "reference-story.png")
