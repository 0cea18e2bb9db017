"""The command line's output document."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .model import Result
from .notes import note_text_en


def money_text(value: Decimal) -> str:
    """Money as the output writes it: a string with two decimals."""
    return f"{value:.2f}"


def result_to_json(result: Result) -> dict[str, Any]:
    """The issue's output shape: money as strings with two decimals, notes in English."""
    return {
        "items": [
            {
                "id": it.id,
                "amount": money_text(it.amount),
                "covered": {pid: money_text(v) for pid, v in it.covered.items()},
                "shares": {pid: money_text(v) for pid, v in it.shares.items()},
            }
            for it in result.items
        ],
        "participants": [
            {
                "id": p.id,
                "gross": money_text(p.gross),
                "subsidies": {rid: money_text(v) for rid, v in p.subsidies.items()},
                "net": money_text(p.net),
                "notes": {rid: note_text_en(n) for rid, n in p.notes.items()},
            }
            for p in result.participants
        ],
        "funders": {key: money_text(v) for key, v in result.funders.items()},
        "total": money_text(result.total),
    }
