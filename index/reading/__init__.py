"""Reading dumps: folders of pages, JSON Lines, WARC/WET and HTML files, streamed as raw pages."""

from index.reading.dumps import article_from_html, dump_name_for, iter_pages

__all__ = ["article_from_html", "dump_name_for", "iter_pages"]
