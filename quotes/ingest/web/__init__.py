"""Articles from the web: URLs, RSS/Atom feeds, sitemaps, and a watcher that follows them.

Nothing here is imported by `quotes --help` or by file extraction: httpx, feedparser and
trafilatura load only when a URL is given.
"""
