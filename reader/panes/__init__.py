"""The main screen's panes: compound widgets that own their workers and post what happened."""

from reader.panes.article_pane import ArticlePane
from reader.panes.search_pane import SearchPane
from reader.panes.side_pane import SidePane

__all__ = ["ArticlePane", "SearchPane", "SidePane"]
