"""Forms of meetings: `meetings` for the meeting, its agenda, attendance, minutes,
decisions and action items; `imports` for the review of imported minutes."""
