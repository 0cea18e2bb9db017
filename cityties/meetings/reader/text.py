"""Text helpers: clean-up, accent-free matching, lines, blocks, sentences, bold spans."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

_SPACES = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u00ad": "",
        "\r": "",
        "\f": "\n",
        "\u2028": "\n",
    }
)
_BOLD_TAG = re.compile(r"</?(?:b|strong)\b[^>]*>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<br\s*/?>|</?(?:p|div|li|tr)\b[^>]*>", re.IGNORECASE)
_OTHER_TAG = re.compile(r"</?(?:i|em|u|sup|sub|span|font|small|big|mark|a|td|th)\b[^>]*>", re.I)


def normalise(text: str) -> str:
    """Unify spaces, apostrophes and line ends; HTML bold becomes Markdown bold."""
    text = text.replace("\r\n", "\n").translate(_SPACES)
    if "<" in text:
        text = _BOLD_TAG.sub("**", text)
        text = _BREAK_TAG.sub("\n", text)
        text = _OTHER_TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text).translate(_SPACES)
    text = text.replace("****", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


@cache
def _plain_char(char: str) -> str:
    lowered = char.lower()
    if len(lowered) != 1:
        return char
    return unicodedata.normalize("NFD", lowered)[0]


# Latin, Greek and Cyrillic letters in lower case without accents, one character for one.
_PLAIN = {code: _plain_char(chr(code)) for code in range(0x0530)}


def plain(text: str) -> str:
    """Lower case without accents, the same length as `text` (spans map back)."""
    return text.translate(_PLAIN)


_GENDER_MARK = re.compile(r"(?<=[a-z])(?:\(e\)s?|\(es\)|·e·?s?|\.e\.?s?)(?![a-z])")


def fold(text: str) -> str:
    """A comparison key: lower case, no accents, punctuation and gender marks removed."""
    text = _GENDER_MARK.sub("", plain(text))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`")


def strip_markup(text: str) -> str:
    """Without Markdown emphasis, heading marks, escapes and the surrounding blanks."""
    text = re.sub(r"^\s*#{1,6}\s*", "", text)
    text = _EMPHASIS.sub("", text).replace("\\", "")
    text = re.sub(r"(?<!\w)_(\S[^_]*?)_(?!\w)", r"\1", text)
    return " ".join(text.split())


BULLET = re.compile(r"^\s*(?:[-*+•·▪◦‣●○■□➢➤►✓✔]|–|—|\d{1,2}[.)](?=\s)|[a-z]\)(?=\s))\s*")
CHECKBOX = re.compile(r"^\s*(?:[-*+•]\s*)?(?:\[(?P<mark>[ xX✓✔-])\]|(?P<box>[☐☑☒✅❌]))\s*")


def checkbox(line: str) -> tuple[bool, str] | None:
    """(checked, rest) when the line is a checkbox item."""
    match = CHECKBOX.match(line)
    if not match:
        return None
    mark = match.group("mark") or match.group("box")
    return mark in ("x", "X", "✓", "✔", "☑", "☒", "✅"), line[match.end() :]


def unbullet(line: str) -> str:
    """The line without its bullet, checkbox or list number."""
    box = checkbox(line)
    if box:
        return box[1].strip()
    match = BULLET.match(line)
    return line[match.end() :].strip() if match else line.strip()


def is_bullet(line: str) -> bool:
    return bool(checkbox(line) or re.match(r"^\s*(?:[-*+•·▪◦‣●○■□➢➤►✓✔]|–|—)\s+\S", line))


def is_table_line(line: str) -> bool:
    stripped = line.strip()
    if "\t" in stripped:
        return True
    return stripped.startswith("|") or stripped.count("|") >= 2


def is_heading(line: str) -> bool:
    """Markdown headings, whole bold lines, short lines in capitals, numbered titles."""
    stripped = line.strip()
    if not stripped or is_table_line(stripped):
        return False
    if re.match(r"#{1,6}\s", stripped):
        return True
    if re.fullmatch(r"\*\*[^*]+\*\*:?", stripped) and len(stripped) < 120:
        return True
    bare = strip_markup(stripped)
    if len(bare) > 90 or bare.endswith((".", ";", ",")):
        return False
    letters = [char for char in bare if char.isalpha()]
    if len(letters) >= 4 and all(char.isupper() for char in letters):
        return True
    return bool(re.match(r"(?:\d{1,2}|[IVX]{1,4})[.)/-]?\s+[A-ZÀ-Þ]", bare)) and len(bare) < 80


@dataclass(frozen=True)
class Block:
    """A heading, a bullet item, a table row or a paragraph (wrapped lines joined)."""

    kind: str
    text: str
    line: int


def blocks(text: str) -> list[Block]:
    lines = text.split("\n")
    result: list[Block] = []
    paragraph: list[str] = []
    start = 0

    def flush() -> None:
        if paragraph:
            result.append(Block("para", " ".join(part.strip() for part in paragraph), start))
            paragraph.clear()

    for index, line in enumerate(lines):
        if not line.strip():
            flush()
            continue
        if is_table_line(line):
            flush()
            result.append(Block("table", line, index))
        elif is_bullet(line):
            flush()
            result.append(Block("bullet", line.strip(), index))
        elif is_heading(line):
            flush()
            result.append(Block("heading", line.strip(), index))
        elif (
            result
            and result[-1].kind == "bullet"
            and not paragraph
            and line[:1].isspace()
            and result[-1].line == index - 1
        ):
            last = result.pop()
            result.append(Block("bullet", f"{last.text} {line.strip()}", last.line))
        else:
            if paragraph and not _continues(paragraph[-1], line):
                flush()
            if not paragraph:
                start = index
            paragraph.append(line)
    flush()
    return result


_LABEL_LINE = re.compile(r"^\W*[\w'’ ·()-]{1,40}?\s*\**\s*:(?!\d)")


def _continues(previous: str, line: str) -> bool:
    """Whether `line` goes on with the paragraph of `previous` (it starts in lower case, or
    the bold of `previous` is still open), rather than starting a line of its own
    ("Lieu : ..." under "Date : ..."). Files keep one paragraph a line; PDF text is
    unwrapped when it is extracted."""
    stripped = line.strip()
    if previous.count("**") % 2 == 1:
        return True
    if _LABEL_LINE.match(stripped):
        return False
    return stripped[:1].islower()


def word_set(words: str) -> frozenset[str]:
    """The words of a whitespace-separated list (lexicons kept readable)."""
    return frozenset(words.split())


_ABBREVIATIONS = word_set(
    "m mme mmes mlle mm dr pr me mr mrs ms st ste etc cf ex p n no nr av bd prof cllr vs env"
    " art al tel fig vol chap min max approx dept rte"
)
_INITIALS = re.compile(r"[A-ZÀ-Þ]|(?:[A-Za-zÀ-þ]{1,2}\.-?)+[A-Za-zÀ-þ]{1,2}")
_BOUNDARY = re.compile(r"(?<=[.!?…])[»\")\]]?\s+(?=[«\"(\[]?[A-ZÀ-ÖØ-Þ0-9*])")


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations and initials do not end one."""
    parts: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()].rstrip('.!?…»")]')
        last_word = re.split(r"[\s(]", before)[-1] if before else ""
        if plain(last_word) in _ABBREVIATIONS or _INITIALS.fullmatch(last_word):
            continue
        parts.append(text[start : match.start()].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if part]


_BOLD = re.compile(r"\*\*(?P<inner>[^*]+?)\*\*|__(?P<under>[^_]+?)__", re.DOTALL)


def bold_spans(text: str) -> list[tuple[str, bool]]:
    """Bold spans outside tables, with whether each is a whole line or a label before a
    colon (a title rather than a name in the text)."""
    spans = []
    for match in _BOLD.finditer(text):
        inner = match.group("inner") or match.group("under") or ""
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if is_table_line(line):
            continue
        before = text[line_start : match.start()].strip()
        after = text[match.end() : line_end if line_end >= 0 else len(text)].strip()
        whole = not re.sub(r"^[#\s\d.)-]*", "", before) and not after.strip(":. ")
        label = after.startswith(":") or inner.rstrip().endswith(":")
        spans.append((" ".join(inner.split()), whole or label))
    return spans


_FRENCH_WORDS = word_set("le la les des du et est une pour")
_ENGLISH_WORDS = word_set("the and of to is was for with")


def language(text: str) -> str:
    """ "fr" or "en", by counting a few frequent words."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", text.lower())
    french = sum(
        word in {"le", "la", "les", "des", "du", "et", "est", "une", "pour"} for word in words
    )
    english = sum(word in {"the", "and", "of", "to", "is", "was", "for", "with"} for word in words)
    return "en" if english > french else "fr"
