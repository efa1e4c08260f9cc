"""Every command and setting is documented in the README."""

from builders import REPO
from storyscope.cli import COMMANDS
from storyscope.config import SETTINGS

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    lines = [ln.strip() for ln in README.splitlines() if ln.strip()]
    assert lines[1].startswith("bash scripts/demo.sh") and lines[2].startswith("bash scripts/test.sh")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci


def test_every_command_documented() -> None:
    for name in COMMANDS:
        assert f"storyscope {name}" in README, name


def test_every_setting_documented() -> None:
    for s in SETTINGS:
        assert f"`{s.name}`" in README, s.name
        assert f"`{s.default}`" in README, s.name
