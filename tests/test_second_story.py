"""A second story in another domain runs end to end with no code change.

The example story config/nile-dam.toml (Egypt, Ethiopia and the Nile dam) is only
configuration: its story file, its baseline and its background text. Here it is polled
through the real path (`tracker poll` on a real HTTP feed on 127.0.0.1 into a real SQLite
store) with items written for this test in English, Arabic, French, Russian and Amharic.
The developments in them are invented for the test; none is a report of real news.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import FeedServer, Response, rss
from stories import analysed, assert_judged, outlet_item, rows, story_config

from tracker.cli import cli

STORY_FILE = Path(__file__).resolve().parent.parent / "config" / "nile-dam.story.toml"


def item(key: str, title: str, description: str, date: str) -> dict[str, str]:
    return outlet_item("nile.test", key, title, description, date)


# One development, reported in five languages and four scripts (Amharic is one the
# general vocabulary does not cover).
TALKS = [
    item("talks-en", "Egypt and Ethiopia agree to resume talks on the Renaissance Dam",
         "Cairo and Addis Ababa said on Tuesday they would resume negotiations on the Grand "
         "Ethiopian Renaissance Dam under African Union mediation next month.",
         "Tue, 10 Mar 2026 09:00:00 GMT"),
    item("talks-ar", "مصر وإثيوبيا تتفقان على استئناف المفاوضات بشأن سد النهضة",
         "أعلنت القاهرة وأديس أبابا يوم الثلاثاء استئناف المفاوضات حول سد النهضة برعاية "
         "الاتحاد الأفريقي الشهر المقبل.", "Tue, 10 Mar 2026 10:30:00 GMT"),
    item("talks-fr", "L'Égypte et l'Éthiopie reprennent les négociations sur le barrage de la "
                     "Renaissance",
         "Le Caire et Addis-Abeba ont annoncé mardi la reprise des pourparlers sur le Grand "
         "barrage de la Renaissance sous l'égide de l'Union africaine.",
         "Tue, 10 Mar 2026 12:00:00 GMT"),
    item("talks-ru", "Египет и Эфиопия договорились возобновить переговоры по плотине",
         "Каир и Аддис-Абеба во вторник договорились возобновить переговоры по плотине "
         "«Возрождение» при посредничестве Африканского союза.",
         "Tue, 10 Mar 2026 13:00:00 GMT"),
    item("talks-am", "ኢትዮጵያ እና ግብፅ በህዳሴ ግድብ ላይ ድርድር ለመቀጠል ተስማሙ",
         "ኢትዮጵያ እና ግብፅ በየአፍሪካ ህብረት አደራዳሪነት በህዳሴ ግድብ ላይ ድርድር ለመቀጠል ተስማሙ።",
         "Tue, 10 Mar 2026 14:00:00 GMT"),
]
# The baseline restated, with the date it names (the fourth filling, September 2023).
RESTATED = item("restated", "Ethiopia completed the fourth filling of the Renaissance Dam",
                "Prime Minister Abiy Ahmed said in September 2023 that the fourth and final "
                "filling of the dam's reservoir was completed, a step Egypt has long opposed.",
                "Wed, 11 Mar 2026 08:00:00 GMT")
# A contradiction of fact G02 stated, and the same denied.
WITHDRAWN = item("withdrawn", "Egypt withdraws from the declaration of principles on the dam",
                 "Egypt withdrew from the declaration of principles signed with Ethiopia and "
                 "Sudan, the foreign ministry in Cairo said.", "Thu, 12 Mar 2026 08:00:00 GMT")
DENIED = item("denied", "Egypt says it stays committed to the dam accord with Ethiopia",
              "Egypt has no intention to withdraw from the declaration of principles, the "
              "foreign ministry in Cairo said on Ethiopia's dam.", "Thu, 12 Mar 2026 09:00:00 GMT")
# About one side only: other stories.
UNRELATED = [
    item("coffee", "Ethiopia's coffee exports reach a record",
         "Ethiopia sold more coffee abroad than ever in the last harvest year.",
         "Tue, 10 Mar 2026 08:00:00 GMT"),
    item("rates", "البنك المركزي المصري يرفع أسعار الفائدة",
         "رفع البنك المركزي في مصر أسعار الفائدة لمواجهة التضخم.",
         "Tue, 10 Mar 2026 08:30:00 GMT"),
    item("marathon", "Эфиопский бегун выиграл марафон в Токио",
         "Бегун из Эфиопии победил на марафоне в Токио с рекордом трассы.",
         "Tue, 10 Mar 2026 09:30:00 GMT"),
]




def test_the_nile_dam_story_runs_end_to_end(feed_server: FeedServer, tmp_path: Path):
    items = [*TALKS, RESTATED, WITHDRAWN, DENIED, *UNRELATED]
    url = feed_server.serve("/nile.xml", Response(200, rss(items)))
    config_path = story_config(tmp_path, "nile", STORY_FILE, url, "Nile desk")
    runner = CliRunner()
    result = runner.invoke(cli, ["--config", str(config_path), "poll"])
    assert result.exit_code == 0, result.output
    store_path = tmp_path / "nile.db"

    assert len(rows(store_path, "SELECT id FROM articles")) == len(items)
    assert_judged(store_path, [*TALKS, RESTATED, WITHDRAWN, DENIED], UNRELATED)
    by_url = analysed(store_path)
    readable, amharic = TALKS[:-1], TALKS[-1]
    talk_updates = {by_url[t["link"]]["update_id"] for t in readable}
    assert len(talk_updates) == 1 and None not in talk_updates, (
        "the talks reported in four languages are one update")
    # The general vocabulary has no Amharic: that report is shown, never announced.
    assert by_url[amharic["link"]]["outcome"] == "unreviewed"
    updates = {u["id"]: u for u in rows(store_path, "SELECT * FROM updates")}
    (talks,) = talk_updates
    assert not updates[talks]["background"] and updates[talks]["sources"] == 4
    assert updates[talks]["summary"] == TALKS[0]["title"]
    assert by_url[RESTATED["link"]]["update_id"] is None
    assert by_url[RESTATED["link"]]["outcome"] == "baseline"

    found = rows(store_path, "SELECT fact_id, claim FROM contradictions")
    assert [c["fact_id"] for c in found] == ["G02"]
    assert "withdr" in str(found[0]["claim"]) and "no intention" not in str(found[0]["claim"])

    shown = runner.invoke(cli, ["--config", str(config_path), "story", "--json"])
    assert shown.exit_code == 0, shown.output
    story = json.loads(shown.output)
    assert len(story["facts"]) == 10
    assert {u["id"] for u in story["updates"]} >= talk_updates
