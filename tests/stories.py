"""Helpers of the tests that poll an example story end to end (tests/test_*_story.py):
feed items of one invented outlet, a tracker config naming the story's file and one
feed, and the rows of the store it wrote."""

from __future__ import annotations

import json
from pathlib import Path

from tracker.eventlog.store import EventStore


def outlet_item(host: str, key: str, title: str, description: str, date: str
                ) -> dict[str, str]:
    """An RSS item of the outlet at ``host``, its guid and link the same address."""
    link = f"https://{host}/{key}"
    return {"title": title, "description": description, "guid": link, "link": link,
            "pubDate": date}


def story_config(tmp_path: Path, name: str, story_file: Path, url: str, feed: str) -> Path:
    """A tracker config in ``tmp_path`` that follows ``story_file`` in the one feed at
    ``url`` and stores into ``{name}.db`` beside it."""
    path = tmp_path / f"{name}.toml"
    path.write_text("\n".join([
        "[store]", f'path = "{name}.db"',
        "[story]", f"file = {json.dumps(str(story_file))}",
        "[[feeds]]", f"url = {json.dumps(url)}", f"name = {json.dumps(feed)}",
    ]) + "\n", "utf-8")
    return path


def rows(store_path: Path, sql: str) -> list[dict[str, object]]:
    with EventStore(store_path) as store:
        return [dict(r) for r in store.db.query(sql)]


def assert_judged(store_path: Path, relevant: list[dict[str, str]],
                  unrelated: list[dict[str, str]]) -> None:
    """Each of ``relevant`` stored as about the story, each of ``unrelated`` as not."""
    judged = {r["url"]: r["relevant"] for r in rows(store_path,
                                                     "SELECT url, relevant FROM articles")}
    for item in relevant:
        assert judged[item["link"]] == 1, item["title"]
    for item in unrelated:
        assert judged[item["link"]] == 0, item["title"]


def analysed(store_path: Path) -> dict[object, dict[str, object]]:
    """Each article's analysis (outcome, update) by its address."""
    return {r["url"]: r for r in rows(store_path, (
        "SELECT a.url, x.outcome, x.update_id FROM article_analysis x"
        " JOIN articles a ON a.id = x.article_id"))}
