"""The reading's vocabulary, kept as data in etl/reading/vocabulary/*.toml (the KPIs'
words, the roles' markers, the families, the periods, the table columns), loaded once."""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

VOCABULARY = Path(__file__).resolve().parent / "vocabulary"


@functools.cache
def load(name: str) -> dict:
    """One vocabulary file, as a dict."""
    with (VOCABULARY / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def alternation(words: list[str]) -> re.Pattern[str]:
    """A regex of the words (themselves regexes), longest first, so the longest word at a place wins."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(f"(?:{w})" for w in ordered))


@functools.cache
def column_kinds() -> list[tuple[str, str]]:
    """(header word, kind of column), longest word first."""
    columns = load("columns")
    pairs = [(word, kind) for kind, entry in columns.items() for word in entry["words"]]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def column_says(kind: str) -> str:
    """How a cell of this kind of column is read (the words put between label and cell)."""
    return load("columns").get(kind, {}).get("says", "")
