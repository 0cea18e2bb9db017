"""What every API router shares: the error shapes and handlers, and the vendored docs page."""
