"""Cleaning: a raw page down to its article (title, caption, body, credits, date, language)."""

from index.cleaning.clean import FurnitureModel, clean_page, explain_page

__all__ = ["FurnitureModel", "clean_page", "explain_page"]
