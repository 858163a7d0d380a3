"""What full article text costs a polling cycle, against the same feeds with it off.

    python benchmarks/full_text.py [--feeds N] [--items N] [--paragraphs N]

Serves ``--feeds`` teaser-only feeds of ``--items`` items each from 127.0.0.1, every
item linking to an article page of ``--paragraphs`` paragraphs amid a news site's
boilerplate (tests/poll/test_full_text.py's page), and polls them through
Tracker.poll() into a fresh SQLite store three times: with ``fetch.full_text`` off,
``relevant`` and ``all``, after one warm-up cycle. One line each: the cycle's seconds,
pages fetched, pages whose text was extracted, articles judged relevant; then the mean
extraction time of one page (trafilatura alone, no network).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "poll"))

from conftest import FeedServer, Response, rss, write_config  # noqa: E402
from test_full_text import ARTICLES, TEASERS, page  # noqa: E402

from tracker import config  # noqa: E402
from tracker import events as ev  # noqa: E402
from tracker.eventlog.store import EventStore  # noqa: E402
from tracker.ingest.article import extract_main_text  # noqa: E402
from tracker.poll.service import Tracker  # noqa: E402


def serve(server: FeedServer, feeds: int, items: int, paragraphs: int) -> list[str]:
    language, headline, text = ARTICLES["/en/rail"]
    filler = ("Officials described the talks as constructive and said further rounds "
              "would follow in the coming months, according to a statement. ")
    body = page(language, headline, [*text, *([filler * 3] * paragraphs)])
    title, teaser = TEASERS["/en/rail"]
    urls = []
    for f in range(feeds):
        entries = []
        for n in range(items):
            path = f"/a/{f}/{n}"
            server.serve(path, Response(200, body, {"Content-Type": "text/html"}))
            entries.append({"title": title, "link": server.url(path),
                            "guid": server.url(path), "description": teaser})
        urls.append(server.serve(f"/feed/{f}.xml", Response(200, rss(entries))))
    return urls


def cycle(urls: list[str], mode: str) -> tuple[float, int, int, int]:
    with tempfile.TemporaryDirectory() as scratch:
        settings = config.load(write_config(
            Path(scratch), urls, extra=f'[fetch]\nfull_text = "{mode}"\nper_host = 16\n'))
        with EventStore(settings.store_path) as store:
            started = time.perf_counter()
            asyncio.run(Tracker(settings, store).poll())
            elapsed = time.perf_counter() - started
            events = [s.event for s in store.read()]
    pages = [e for e in events if isinstance(e, ev.ArticlePageFetched)]
    relevant = sum(1 for e in events if isinstance(e, ev.RelevanceJudged) and e.relevant)
    return elapsed, len(pages), sum(p.ok for p in pages), relevant


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--paragraphs", type=int, default=12)
    args = parser.parse_args()
    server = FeedServer()
    server.thread.start()
    try:
        urls = serve(server, args.feeds, args.items, args.paragraphs)
        cycle(urls, "off")  # warm-up: imports, the story's compiled terms, parser workers
        for mode in ("off", "relevant", "all"):
            elapsed, pages, extracted, relevant = cycle(urls, mode)
            print(f"full_text={mode:<8} cycle={elapsed:6.2f}s pages={pages} "
                  f"extracted={extracted} relevant={relevant}")
        language, headline, text = ARTICLES["/en/rail"]
        html = page(language, headline, [*text, *(["Filler sentence. " * 20]
                                                 * args.paragraphs)])
        rounds = 50
        started = time.perf_counter()
        for _ in range(rounds):
            extract_main_text(html, "http://127.0.0.1/a")
        each = (time.perf_counter() - started) / rounds
        print(f"extraction: {each * 1000:.1f} ms per page of {len(html)} bytes")
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


if __name__ == "__main__":
    main()
