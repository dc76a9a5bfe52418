"""Check an answer key (``gold.json``) before scoring, so a bad one is a one-line error.

The scorer trusts the key's shape; a key written by hand may be broken.  This
says what is wrong and where, in one line, instead of a traceback.
"""

from __future__ import annotations

import json
import os
from typing import Any

_PAIRED = ("contradictions", "agreements", "must_not_contradict")


class GoldError(ValueError):
    """The answer key cannot be read or is not shaped as the README describes."""


def check_gold(path: str | os.PathLike[str]) -> None:
    """Raise ``GoldError`` naming ``path`` and the first problem found."""
    try:
        with open(path, encoding="utf-8") as stream:
            gold = json.load(stream)
    except json.JSONDecodeError as error:
        raise GoldError(f"{path}: not valid JSON (line {error.lineno}: {error.msg})") from None
    except UnicodeDecodeError:
        raise GoldError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise GoldError(f"{path}: cannot read it ({error.strerror or error})") from None
    problem = _problem(gold)
    if problem:
        raise GoldError(f"{path}: {problem}")


def _problem(gold: Any) -> str | None:
    """The first thing wrong with a parsed key, or None.

    >>> _problem({"contradictions": [{"slot": "day", "a": {"file": "x.txt"}}]})
    'contradictions[0].a: "span" must be a string'
    """
    if not isinstance(gold, dict):
        return "the answer key must be a JSON object"
    for section in _PAIRED:
        items = gold.get(section, [])
        if not isinstance(items, list):
            return f'"{section}" must be a list'
        for n, item in enumerate(items):
            where = f"{section}[{n}]"
            if not isinstance(item, dict):
                return f"{where} must be an object"
            if section != "must_not_contradict" and not isinstance(item.get("slot"), str):
                return f'{where}: "slot" must be a string'
            for side in ("a", "b"):
                value = item.get(side)
                if not isinstance(value, dict):
                    return f'{where}: "{side}" must be an object with "file" and "span"'
                for field in ("file", "span"):
                    if not isinstance(value.get(field), str):
                        return f'{where}.{side}: "{field}" must be a string'
    noise = gold.get("noise", {})
    if not isinstance(noise, dict):
        return '"noise" must be an object of file name -> list of spans'
    return None
