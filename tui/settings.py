"""What the dashboard remembers between runs (the theme), in a JSON file in the platform's
config directory. A missing or unreadable file is as good as an empty one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs
from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="kursk-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff6060",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#303030",
    boost="#202020",
    dark=True,
    text_alpha=1.0,
    variables={
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "footer-key-foreground": "#ffff00",
        "input-selection-background": "#ffff00 40%",
    },
)


def config_path() -> Path:
    return platformdirs.user_config_path("kursk-tui", appauthor=False) / "config.json"


def load_settings() -> dict[str, object]:
    """The saved settings; {} when there are none or the file cannot be read as a JSON object."""
    try:
        settings = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return settings if isinstance(settings, dict) else {}


def saved_theme() -> str | None:
    theme = load_settings().get("theme")
    return theme if isinstance(theme, str) else None


def save_theme(name: str) -> None:
    """Remember the theme (the file's other settings kept); written whole or not at all."""
    path = config_path()
    settings = load_settings() | {"theme": name}
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".json.tmp")
    partial.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, path)
