"""A third story, written from README.md alone, runs end to end with no code change.

The benchmark story benchmarks/handwritten/story3 (Armenia, Azerbaijan and their peace
process) is only configuration. Here it is polled through the real path (`tracker poll`
on a real HTTP feed on 127.0.0.1 into a real SQLite store) with items written for this
test in English, Armenian, Azerbaijani, Russian and Arabic. The developments in them are
invented for the test; none is a report of real news.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import FeedServer, Response, rss
from stories import analysed, assert_judged, outlet_item, rows, story_config

from tracker.cli import cli

STORY_FILE = (Path(__file__).resolve().parent.parent / "benchmarks" / "handwritten"
              / "story3" / "armenia-azerbaijan.story.toml")


def item(key: str, title: str, description: str, date: str) -> dict[str, str]:
    return outlet_item("caucasus.test", key, title, description, date)


# One exchange of detainees, in five languages and four scripts.
EXCHANGE = [
    item("swap-en", "Armenia and Azerbaijan swap detainees at the border",
         "Azerbaijan freed three Armenian detainees and Armenia handed over one Azerbaijani "
         "soldier at a border crossing on Tuesday.", "Tue, 03 Mar 2026 09:00:00 GMT"),
    item("swap-hy", "Ադրբեջանը ազատ է արձակել երեք հայ կալանավորների",
         "Երեքշաբթի օրը սահմանին Հայաստանը Ադրբեջանին է հանձնել մեկ զինծառայողի։",
         "Tue, 03 Mar 2026 10:00:00 GMT"),
    item("swap-az", "Ermənistan azərbaycanlı hərbçini təhvil verib",
         "Sərhəddə Azərbaycan üç erməni məhbusu azad edib.", "Tue, 03 Mar 2026 10:30:00 GMT"),
    item("swap-ru", "Армения и Азербайджан обменялись задержанными",
         "Азербайджан освободил трёх армянских задержанных, Армения передала одного "
         "военнослужащего.", "Tue, 03 Mar 2026 11:00:00 GMT"),
    item("swap-ar", "أذربيجان تفرج عن ثلاثة محتجزين أرمن",
         "تم تسليم جندي أذربيجاني إلى باكو مقابل الإفراج عن ثلاثة محتجزين من أرمينيا.",
         "Tue, 03 Mar 2026 12:00:00 GMT"),
]
# The baseline restated with the date it names (the initialling, 8 August 2025).
RESTATED = item("restated", "Armenia and Azerbaijan initialled the peace treaty at the White House",
                "Ilham Aliyev and Nikol Pashinyan initialled the peace treaty's text in "
                "Washington on 8 August 2025.", "Wed, 04 Mar 2026 08:00:00 GMT")
# About one side only: other stories.
UNRELATED = [
    item("wine", "Armenia's brandy exports reach a record",
         "Armenia sold more brandy abroad than ever last year.", "Tue, 03 Mar 2026 08:00:00 GMT"),
    item("rates", "Azərbaycan Mərkəzi Bankı uçot dərəcəsini endirib",
         "Azərbaycan Mərkəzi Bankı faiz dərəcəsini 7 faizə endirib.",
         "Tue, 03 Mar 2026 08:30:00 GMT"),
]



def test_the_armenia_azerbaijan_story_runs_end_to_end(feed_server: FeedServer,
                                                       tmp_path: Path) -> None:
    items = [*EXCHANGE, RESTATED, *UNRELATED]
    url = feed_server.serve("/caucasus.xml", Response(200, rss(items)))
    config_path = story_config(tmp_path, "caucasus", STORY_FILE, url, "Caucasus desk")
    result = CliRunner().invoke(cli, ["--config", str(config_path), "poll"])
    assert result.exit_code == 0, result.output
    store_path = tmp_path / "caucasus.db"

    assert_judged(store_path, [*EXCHANGE, RESTATED], UNRELATED)
    by_url = analysed(store_path)
    exchange = {by_url[e["link"]]["update_id"] for e in EXCHANGE}
    assert len(exchange) == 1 and None not in exchange, (
        "the exchange reported in five languages is one update")
    (update,) = rows(store_path, f"SELECT * FROM updates WHERE id = '{exchange.pop()}'")
    assert update["kind"] == "legal" and not update["background"]
    assert by_url[RESTATED["link"]]["outcome"] == "baseline"
