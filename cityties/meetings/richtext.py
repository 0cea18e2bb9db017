"""Rich text of the minutes: a small safe set of tags, kept by nh3, and the same text read
back as blocks of styled runs for the DOCX export.

Whatever is typed or pasted (a Word paste, a script, an `onclick`) is cleaned on the way
in and again on the way out. Text without any tag is taken as paragraphs separated by
blank lines, with single line breaks kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser

import nh3

TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
)
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
MAX_LENGTH = 200_000

_TAG = re.compile(r"<[a-zA-Z/!]")


def sanitise(text: str) -> str:
    """The HTML to store and show: only the safe tags, links only to the web or mail."""
    text = (text or "").strip()[:MAX_LENGTH]
    if not text:
        return ""
    if not _TAG.search(text):
        text = _paragraphs(text)
    clean = _clean(text)
    # Only text was left (every tag refused): that text, as paragraphs, so that cleaning
    # the result again changes nothing.
    if clean and not _TAG.search(clean):
        clean = _clean(_paragraphs(unescape(clean)))
    return clean


def _clean(text: str) -> str:
    return nh3.clean(
        text,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        clean_content_tags={"script", "style"},
    ).strip()


def _paragraphs(text: str) -> str:
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return "".join(
        "<p>" + "<br>".join(escape(line) for line in chunk.split("\n")) + "</p>"
        for chunk in chunks
        if chunk
    )


def plain(html: str) -> str:
    """The text alone, paragraphs on their own lines (mail bodies, snapshots' search)."""
    return "\n".join(block.text for block in blocks(html))


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass
class Block:
    """A paragraph, a heading (level 3 or 4) or a list item ("ul" or "ol")."""

    kind: str = "p"
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs).strip()


class _Reader(HTMLParser):
    _BLOCKS = {"p": "p", "h3": "h3", "h4": "h4", "blockquote": "quote", "li": "li"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.styles: list[str] = []
        self.lists: list[str] = []
        self.current: Block | None = None

    def _open(self, kind: str) -> Block:
        if self.current is not None and self.current.text:
            self.blocks.append(self.current)
        if kind == "li":
            kind = self.lists[-1] if self.lists else "ul"
        self.current = Block(kind=kind)
        return self.current

    def _close(self) -> None:
        if self.current is not None and self.current.text:
            self.blocks.append(self.current)
        self.current = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self._close()
            self.lists.append(tag)
        elif tag in self._BLOCKS:
            self._open(self._BLOCKS[tag])
        elif tag == "br":
            self.handle_data("\n")
        elif tag in ("strong", "b", "em", "i", "u"):
            self.styles.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self._close()
            if self.lists:
                self.lists.pop()
        elif tag in self._BLOCKS:
            self._close()
        elif tag in ("strong", "b", "em", "i", "u") and tag in self.styles:
            self.styles.reverse()
            self.styles.remove(tag)
            self.styles.reverse()

    def handle_data(self, data: str) -> None:
        if not data.strip() and self.current is None:
            return
        block = self.current or self._open("p")
        text = re.sub(r"[ \t\r\f\v]+", " ", data)
        block.runs.append(
            Run(
                text=text,
                bold=bool({"strong", "b"} & set(self.styles)),
                italic=bool({"em", "i"} & set(self.styles)),
                underline="u" in self.styles,
            )
        )


def blocks(html: str) -> list[Block]:
    reader = _Reader()
    reader.feed(sanitise(html))
    reader.close()
    reader._close()
    return reader.blocks
