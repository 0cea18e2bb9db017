"""The minutes' rich text: whatever goes in, only the safe tags come out."""

import re

from hypothesis import given
from hypothesis import strategies as st

from cityties.meetings import richtext

FRAGMENTS = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        '<img src=x onerror="alert(1)">',
        '<p onclick="steal()">texte</p>',
        "<style>body{}</style>",
        '<a href="https://www.nlc.org">NLC</a>',
        "<b>gras</b>",
        "<ul><li>un</li><li>deux</li></ul>",
        "<iframe src='https://evil.example'></iframe>",
        "\n\n",
        "Caen & Nashville < 25 ans",
    ]
)
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=8).map("".join)
ALLOWED = set(richtext.TAGS)


@given(TEXTS)
def test_only_the_safe_tags_and_attributes_survive(text):
    clean = richtext.sanitise(text)
    tags = {match.lower() for match in re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", clean)}
    assert tags <= ALLOWED
    assert not re.search(r"\son\w+\s*=", clean, re.IGNORECASE)
    assert "javascript:" not in clean.lower()


@given(TEXTS)
def test_cleaning_twice_changes_nothing(text):
    once = richtext.sanitise(text)
    assert richtext.sanitise(once) == once


@given(st.lists(st.text(alphabet="abcdéèàç ,.", min_size=1, max_size=20), min_size=1, max_size=4))
def test_plain_paragraphs_keep_their_words(paragraphs):
    text = "\n\n".join(paragraphs)
    words = " ".join(text.split())
    assert " ".join(richtext.plain(text).split()) == words


def test_blocks_keep_bold_and_lists():
    blocks = richtext.blocks("<p>Caen <b>propose</b></p><ul><li>un</li></ul>")
    assert [block.kind for block in blocks] == ["p", "ul"]
    assert [(run.text, run.bold) for run in blocks[0].runs] == [("Caen ", False), ("propose", True)]
