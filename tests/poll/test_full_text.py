"""Full article text (``fetch.full_text``) end to end: real HTML pages served from
127.0.0.1, Tracker.poll into a real SQLite store.

A teaser-only feed gets its article pages fetched, their main text extracted and used
for judging and analysis; hostile pages fail only their article's text, with a reason;
robots.txt is respected; with full text off nothing but the feed is requested.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import FeedServer, Response, rss, write_config
from crash import launch, reap

from tracker import config
from tracker import events as ev
from tracker.errors import ConfigError
from tracker.eventlog.store import EventStore
from tracker.poll.service import Tracker

QUICK = '[schedule]\nevery = "1s"\njitter = 0\n'

# Each teaser names a side or two of the story but links none: alone, not relevant.
TEASERS = {
    "/en/rail": ("Diplomatic week in review",
                 "Russian envoys held meetings on Monday. Afghanistan's markets were calm."),
    "/ru/rail": ("Обзор недели",
                 "Российские дипломаты провели встречи. На рынках Афганистана спокойно."),
}
# The pages say what happened, with a date and figures, amid a site's boilerplate.
ARTICLES = {
    "/en/rail": ("en", "Rail accord signed",
                 ["Russia and the Taliban government of Afghanistan signed a rail transit "
                  "accord in Moscow on 3 March 2026, worth 5 billion dollars.",
                  "The line is to carry 20 million tonnes of freight a year through "
                  "Uzbekistan, officials in Kabul and Moscow said.",
                  "Construction is planned to start next year, according to both "
                  "delegations."]),
    "/ru/rail": ("ru", "Подписано соглашение",
                 ["Россия и движение Талибан подписали в Москве 3 марта 2026 года "
                  "соглашение о железнодорожном транзите стоимостью 5 миллиардов долларов.",
                  "По линии планируется перевозить 20 миллионов тонн грузов в год, "
                  "сообщили представители в Кабуле и Москве.",
                  "Строительство должно начаться в следующем году."]),
}


def page(language: str, headline: str, paragraphs: list[str], *,
         published: str | None = "2026-03-04T09:30:00Z") -> bytes:
    """An article page as a news site serves it: navigation, the article, a footer."""
    meta = (f'<meta property="article:published_time" content="{published}">'
            if published else "")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    links = "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(12))
    return (f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
            f"<title>{headline} | Example News</title>{meta}</head><body>"
            f"<header><nav><ul>{links}</ul></nav></header>"
            f"<main><article><h1>{headline}</h1>{body}</article></main>"
            f"<aside><h2>Most read</h2><ul>{links}</ul></aside>"
            f"<footer><p>© Example News. All rights reserved.</p></footer>"
            f"</body></html>").encode()


def teaser_feed(server: FeedServer, paths: list[str], *, dated: bool = False) -> bytes:
    items = []
    for path in paths:
        title, teaser = TEASERS.get(path, ("Diplomatic week in review", TEASERS["/en/rail"][1]))
        item = {"title": title, "link": server.url(path), "guid": server.url(path),
                "description": teaser}
        if dated:
            item["pubDate"] = "Mon, 02 Mar 2026 08:00:00 GMT"
        items.append(item)
    return rss(items)


def serve_articles(server: FeedServer) -> None:
    for path, (language, headline, paragraphs) in ARTICLES.items():
        server.serve(path, Response(200, page(language, headline, paragraphs),
                                    {"Content-Type": "text/html; charset=utf-8"}))


def load(tmp_path: Path, feeds: list[Any], extra: str = "") -> config.Settings:
    return config.load(write_config(tmp_path, feeds, extra=QUICK + extra))


def poll(settings: config.Settings) -> tuple[list[Any], list[Any]]:
    """One cycle; its outcomes and every event the store holds afterwards."""
    with EventStore(settings.store_path) as store:
        outcomes = asyncio.run(Tracker(settings, store).poll())
        return outcomes, [s.event for s in store.read()]


def of_type(events: list[Any], kind: type[ev.Event]) -> list[Any]:
    return [e for e in events if isinstance(e, kind)]


def requested(server: FeedServer, path: str) -> int:
    return sum(1 for r in server.requests if r.path == path)


def test_full_text_makes_a_teaser_relevant_and_feeds_the_analysis(
        feed_server: FeedServer, tmp_path: Path) -> None:
    serve_articles(feed_server)
    url = feed_server.serve("/teasers.xml", Response(200, teaser_feed(
        feed_server, list(ARTICLES))))
    # The control: the same feed with full text off judges the teasers alone.
    control = tmp_path / "off"
    control.mkdir()
    _, plain = poll(load(control, [url]))
    assert not any(e.relevant for e in of_type(plain, ev.RelevanceJudged))
    assert requested(feed_server, "/en/rail") == 0

    outcomes, events = poll(load(tmp_path, [{"url": url, "full_text": "all"}]))
    assert [o.outcome for o in outcomes] == ["ok"]
    pages = {e.url: e for e in of_type(events, ev.ArticlePageFetched)}
    assert set(pages) == {feed_server.url(p) for p in ARTICLES}
    assert all(p.ok and p.chars > 150 for p in pages.values())
    recorded = {e.url: e for e in of_type(events, ev.ArticleRecorded)}
    for path, (_, _, paragraphs) in ARTICLES.items():
        article = recorded[feed_server.url(path)]
        # The main text, not the navigation or the footer around it.
        assert paragraphs[0] in article.content and paragraphs[2] in article.content
        assert "Section 7" not in article.content and "rights reserved" not in article.content
        # The feed gave no date: the page's own metadata did.
        assert article.published[:10] == "2026-03-04"
    judged = of_type(events, ev.RelevanceJudged)
    assert len(judged) == 2 and all(j.relevant for j in judged)
    analysed = of_type(events, ev.ArticleAnalysed)
    assert len(analysed) == 2
    # The date and the figures of the development come from the page's text.
    assert {a.event_date for a in analysed} == {"2026-03-03"}
    assert all(a.signals["dated_by"] == "text" for a in analysed)
    assert all(a.signals["quantities"] == ["5e+09 usd"] for a in analysed)
    assert all("RU" in a.signals["places"] for a in analysed)


def test_relevant_mode_fetches_only_teasers_near_the_threshold(
        feed_server: FeedServer, tmp_path: Path) -> None:
    serve_articles(feed_server)
    far = feed_server.serve("/far", Response(200, page("en", "Markets", ["Nothing."] * 5)))
    url = feed_server.serve("/mixed.xml", Response(200, rss([
        {"title": "Diplomatic week in review", "link": feed_server.url("/en/rail"),
         "description": TEASERS["/en/rail"][1]},
        {"title": "Markets close higher", "link": far, "description": "Stocks rose."},
    ])))
    _, events = poll(load(tmp_path, [url], extra='[fetch]\nfull_text = "relevant"\n'))
    assert requested(feed_server, "/en/rail") == 1
    assert requested(feed_server, "/far") == 0
    assert [p.url for p in of_type(events, ev.ArticlePageFetched)] == [
        feed_server.url("/en/rail")]
    assert sum(j.relevant for j in of_type(events, ev.RelevanceJudged)) == 1


def test_a_page_is_fetched_once_not_at_every_poll(feed_server: FeedServer,
                                                  tmp_path: Path) -> None:
    serve_articles(feed_server)
    url = feed_server.serve("/teasers.xml", Response(200, teaser_feed(
        feed_server, ["/en/rail"], dated=True)))
    settings = load(tmp_path, [{"url": url, "full_text": "all"}])
    poll(settings)
    # The same body again but served anew (no validators): the entry is unchanged.
    feed_server.serve("/teasers.xml", Response(200, teaser_feed(
        feed_server, ["/en/rail"], dated=True) + b"\n"))
    _, events = poll(settings)
    assert requested(feed_server, "/en/rail") == 1
    assert len(of_type(events, ev.ArticleRecorded)) == 1
    assert not of_type(events, ev.ArticleRevised)
    # The feed's own date wins over the page's.
    assert of_type(events, ev.ArticleRecorded)[0].published.startswith("2026-03-02")


def _gzip_bomb() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * (1024 * 1024)
    return b"".join(packer.compress(chunk) for _ in range(64)) + packer.flush()


HOSTILE = {
    "/huge": (Response(200, b"<html><body><p>" + b"x " * 400_000 + b"</p></body></html>",
                       {"Content-Type": "text/html"}), "too-large"),
    "/bomb": (Response(200, _gzip_bomb(), {"Content-Type": "text/html",
                                          "Content-Encoding": "gzip"}), "too-large"),
    "/loop-a": (Response(302, headers={"Location": "/loop-b"}), "redirect-loop"),
    "/loop-b": (Response(302, headers={"Location": "/loop-a"}), None),
    "/drip": (Response(200, page("en", "Slow", ["Drip " * 40] * 3),
                       {"Content-Type": "text/html"}, drip=0.05), "timeout"),
    "/pdf": (Response(200, b"%PDF-1.7", {"Content-Type": "application/pdf"}), "not-html"),
    "/empty": (Response(200, b"<html><body><nav>Home</nav></body></html>",
                        {"Content-Type": "text/html"}), "no-text"),
    "/missing-page": (Response(404, b"gone"), "http-error"),
}


def serve_hostile(server: FeedServer) -> list[str]:
    """The good articles and the hostile pages served; the paths of the hostile ones."""
    # Client hang-ups on capped bodies are expected here, not server errors to print.
    server.httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
    serve_articles(server)
    for path, (response, _) in HOSTILE.items():
        server.serve(path, response)
    return [p for p, (_, reason) in HOSTILE.items() if reason]


def test_hostile_pages_fail_only_their_articles_text(feed_server: FeedServer,
                                                     tmp_path: Path) -> None:
    hostile = serve_hostile(feed_server)
    url = feed_server.serve("/mixed.xml", Response(200, teaser_feed(
        feed_server, ["/en/rail", *hostile])))
    settings = load(tmp_path, [{"url": url, "full_text": "all"}],
                    extra='[fetch]\ntimeout = "2s"\narticle_max_bytes = 65536\n')
    started = time.monotonic()
    outcomes, events = poll(settings)
    elapsed = time.monotonic() - started
    assert [o.outcome for o in outcomes] == ["ok"]
    assert (outcomes[0].pages, outcomes[0].pages_failed) == (1 + len(hostile), len(hostile))
    assert elapsed < 30, f"a cycle of hostile pages took {elapsed:.1f}s"
    pages = {e.url: e for e in of_type(events, ev.ArticlePageFetched)}
    for path in hostile:
        failed = pages[feed_server.url(path)]
        assert (failed.ok, failed.reason) == (False, HOSTILE[path][1]), failed
        assert failed.message
    assert pages[feed_server.url("/en/rail")].ok
    # Every entry is still recorded, with its teaser where its page failed.
    recorded = {e.url: e for e in of_type(events, ev.ArticleRecorded)}
    assert len(recorded) == 1 + len(hostile)
    relevant = [j.article_id for j in of_type(events, ev.RelevanceJudged) if j.relevant]
    assert relevant == [recorded[feed_server.url("/en/rail")].article_id]
    # The feed stays healthy: no failure recorded, and the next cycle polls it as usual.
    assert not of_type(events, ev.FeedFetchFailed)
    outcomes, _ = poll(settings)
    assert [o.outcome for o in outcomes] == ["unchanged"]


def test_robots_txt_is_respected_and_read_once(feed_server: FeedServer,
                                               tmp_path: Path) -> None:
    serve_articles(feed_server)
    feed_server.serve("/private/rail", Response(200, page("en", *ARTICLES["/en/rail"][1:])))
    feed_server.serve("/robots.txt", Response(200, b"User-agent: *\nDisallow: /private/\n",
                                              {"Content-Type": "text/plain"}))
    url = feed_server.serve("/teasers.xml", Response(200, teaser_feed(
        feed_server, ["/private/rail", *ARTICLES])))
    _, events = poll(load(tmp_path, [{"url": url, "full_text": "all"}]))
    assert requested(feed_server, "/private/rail") == 0
    assert requested(feed_server, "/robots.txt") == 1
    pages = {e.url: e for e in of_type(events, ev.ArticlePageFetched)}
    assert pages[feed_server.url("/private/rail")].reason == "robots"
    assert all(pages[feed_server.url(p)].ok for p in ARTICLES)


def test_an_unreadable_robots_txt_refuses_pages(feed_server: FeedServer,
                                                tmp_path: Path) -> None:
    serve_articles(feed_server)
    feed_server.serve("/robots.txt", Response(503, b"down"))
    url = feed_server.serve("/teasers.xml", Response(200, teaser_feed(
        feed_server, ["/en/rail"])))
    _, events = poll(load(tmp_path, [{"url": url, "full_text": "all"}]))
    assert requested(feed_server, "/en/rail") == 0
    [refused] = of_type(events, ev.ArticlePageFetched)
    assert (refused.ok, refused.reason) == (False, "robots")
    assert "unavailable" in refused.message


def test_with_full_text_off_only_the_feed_is_requested(feed_server: FeedServer,
                                                       tmp_path: Path) -> None:
    serve_articles(feed_server)
    url = feed_server.serve("/teasers.xml", Response(200, teaser_feed(
        feed_server, list(ARTICLES))))
    _, events = poll(load(tmp_path, [url]))
    assert [r.path for r in feed_server.requests] == ["/teasers.xml"]
    assert not of_type(events, ev.ArticlePageFetched)


def test_full_text_modes_are_validated(tmp_path: Path) -> None:
    settings = load(tmp_path, [{"url": "http://a.test/f.xml"},
                               {"url": "http://b.test/f.xml", "full_text": "off"}],
                    extra='[fetch]\nfull_text = "relevant"\n')
    assert [settings.fetch.full_text_for(f) for f in settings.feeds] == ["relevant", "off"]
    with pytest.raises(ConfigError, match="full_text"):
        load(tmp_path, [{"url": "http://a.test/f.xml", "full_text": "some"}])


def test_rejudging_reads_the_recorded_page_text_as_the_poll_did(
        feed_server: FeedServer, tmp_path: Path) -> None:
    serve_articles(feed_server)
    url = feed_server.serve("/teasers.xml", Response(200, teaser_feed(
        feed_server, ["/en/rail"])))
    settings = load(tmp_path, [{"url": url, "full_text": "all"}])
    poll(settings)
    with EventStore(settings.store_path) as store:
        before = len(list(store.read()))
        counts = Tracker(settings, store).rejudge()
        again = [s.event for s in store.read(after=before)]
    assert counts["relevance_changed"] == 0 and counts["analysed"] == 1
    [analysis] = of_type(again, ev.ArticleAnalysed)
    assert (analysis.event_date, analysis.signals["dated_by"]) == ("2026-03-03", "text")


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return 0


def _wait(predicate: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


def test_hostile_pages_leave_the_daemon_polling(feed_server: FeedServer,
                                                tmp_path: Path) -> None:
    hostile = serve_hostile(feed_server)
    url = feed_server.serve("/daemon.xml", Response(200, teaser_feed(
        feed_server, hostile)))
    path = write_config(tmp_path, [{"url": url, "full_text": "all"}], extra=(
        '[schedule]\nevery = "1s"\njitter = 0\nbackoff_base = "1s"\n'
        '[fetch]\ntimeout = "2s"\narticle_max_bytes = 65536\n'))
    db = config.load(path).store_path
    log = tmp_path / "daemon.log"
    process = launch(path, log)
    try:
        _wait(lambda: _count(db, "SELECT count(*) FROM events WHERE type ="
                                 " 'ArticlePageFetched'") >= len(hostile), 60,
              "the hostile pages were not all tried")
        assert process.poll() is None, log.read_text(errors="replace")[-2000:]
        # The feed goes on: a new entry with a good page is read in full.
        feed_server.serve("/daemon.xml", Response(200, teaser_feed(
            feed_server, [*hostile, "/en/rail"])))
        _wait(lambda: _count(db, "SELECT count(*) FROM articles WHERE relevant = 1"
                                 " AND content LIKE '%rail transit accord%'") == 1, 60,
              "the daemon did not read the next entry's page")
        assert _count(db, "SELECT count(*) FROM feeds WHERE failures > 0") == 0
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        reap(process)
    assert "Traceback" not in log.read_text(errors="replace")


def test_links_to_private_addresses_are_not_fetched(feed_server: FeedServer,
                                                    tmp_path: Path) -> None:
    """A feed's links may not make the tracker read its own network: a page on another
    host that is loopback, private or link-local is refused (its feed's own host is
    trusted, and fetch.private_pages lifts the rule)."""
    serve_articles(feed_server)
    port = feed_server.httpd.server_address[1]
    inside = [f"http://localhost:{port}{path}" for path in ARTICLES]
    feed = rss([{"title": TEASERS[p][0], "link": link, "guid": link,
                 "description": TEASERS[p][1]} for p, link in zip(ARTICLES, inside, strict=True)])
    url = feed_server.serve("/inside.xml", Response(200, feed))
    _, events = poll(load(tmp_path, [{"url": url, "full_text": "all"}]))
    pages = of_type(events, ev.ArticlePageFetched)
    assert {p.url for p in pages} == set(inside)
    assert all(not p.ok and p.reason == "private-address" for p in pages)
    assert all("fetch.private_pages" in p.message for p in pages)
    # Neither the pages nor their robots.txt were asked for.
    assert requested(feed_server, "/en/rail") == requested(feed_server, "/robots.txt") == 0

    allowed = tmp_path / "allowed"
    allowed.mkdir()
    _, events = poll(load(allowed, [{"url": url, "full_text": "all"}],
                          extra="[fetch]\nprivate_pages = true\n"))
    assert all(p.ok for p in of_type(events, ev.ArticlePageFetched))
    assert requested(feed_server, "/en/rail") == 1


def test_private_pages_must_be_true_or_false(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load(tmp_path, ["http://127.0.0.1:9/x.xml"], extra='[fetch]\nprivate_pages = "yes"\n')
    assert error.value.key == "fetch.private_pages"
