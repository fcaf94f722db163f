"""A monitoring file added to a model's `monitoring:` list, by editing that one line (or adding it): the rest
of the model's text, comments included, stays as it is."""

from __future__ import annotations

import re

_FLOW = re.compile(r"^monitoring:[ \t]*\[(?P<items>[^\]\n#]*)\][ \t]*(?P<comment>#.*)?$", re.MULTILINE)
_BLOCK = re.compile(r"^monitoring:[ \t]*(#.*)?\n(?P<items>(?:[ \t]+-[^\n]*\n)+)", re.MULTILINE)
_SCALAR = re.compile(r"^monitoring:[ \t]*(?P<item>[^\[\s#][^\n#]*?)[ \t]*(?P<comment>#.*)?$", re.MULTILINE)


def listed_in(model_text: str, listed: list[str], entry: str) -> str:
    """The model's text with `entry` in its `monitoring:` list; the same text when it is there already."""
    if entry in listed:
        return model_text
    if found := _FLOW.search(model_text):
        items = found["items"].strip()
        joined = f"{items}, {entry}" if items else entry
        comment = f"  {found['comment']}" if found["comment"] else ""
        return model_text[: found.start()] + f"monitoring: [{joined}]{comment}" + model_text[found.end() :]
    if found := _BLOCK.search(model_text):
        last = found["items"].rstrip("\n").split("\n")[-1]
        indent = last[: len(last) - len(last.lstrip())]
        return model_text[: found.end()] + f"{indent}- {entry}\n" + model_text[found.end() :]
    if found := _SCALAR.search(model_text):
        return model_text[: found.start()] + f"monitoring: [{found['item']}, {entry}]" + model_text[found.end() :]
    ending = "" if model_text.endswith("\n") else "\n"
    return f"{model_text}{ending}\n# What was measured, year by year (see docs/monitoring.md).\nmonitoring: [{entry}]\n"
