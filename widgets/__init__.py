"""Textual widgets of the reader: one widget per file, talking to the app by messages."""
