"""The newsreader application: command line, Textual app, screens and user paths."""

__version__ = "0.1.0"
