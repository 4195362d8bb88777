"""Cleaning: a raw page down to its article (title, caption, body, credits, date, language)."""

from index.cleaning.clean import FurnitureModel, clean_page, explain_page
from index.cleaning.html_clean import clean_any_page, clean_html_page
from index.cleaning.line_model import stopwords

__all__ = [
    "FurnitureModel",
    "clean_any_page",
    "clean_html_page",
    "clean_page",
    "explain_page",
    "stopwords",
]
