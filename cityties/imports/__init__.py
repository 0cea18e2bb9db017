"""The spreadsheet import engine: read, map, remap, validate, write, report, undo.

Each area declares its kinds of import in its own module and registers them with
`registry.register`; the engine knows none of them.
"""
