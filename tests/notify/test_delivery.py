"""Digests by email and webhook, received by real servers on 127.0.0.1.

Mail goes to an aiosmtpd server, webhooks to an http.server; the tests parse what
arrived (the email package, JSON) and check content, escaping, signatures, and that each
digest arrives exactly once through outages and restarts.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiosmtpd.controller import Controller
from click.testing import CliRunner
from conftest import FeedServer, Response, rss, write_config
from receivers import MailSink, free_port

from tracker import config
from tracker.cli import cli
from tracker.eventlog.store import EventStore
from tracker.notify.outbox import Outbox, retry_delay
from tracker.poll.service import Tracker

# The title carries markup as text (escaped twice in the feed), which mail must escape.
RAIL = {"title": "Russia and Taliban sign rail &lt;script&gt;x()&lt;/script&gt; pact & more",
        "guid": "https://wire.test/rail", "link": "https://wire.test/rail?a=1&b=<2>",
        "description": "Moscow and Kabul signed an agreement on a rail corridor through "
                       "Afghanistan, officials said on Monday.",
        "pubDate": "Mon, 09 Mar 2026 10:00:00 GMT"}
FLIGHTS = {"title": "Kabul and Moscow to add direct flights", "guid": "https://wire.test/fly",
           "link": "https://wire.test/fly",
           "description": "Afghanistan's ambassador in Russia said a second airline will fly "
                          "between the capitals.", "pubDate": "Tue, 10 Mar 2026 10:00:00 GMT"}
OLD = {"title": "Taliban delegation and Russian officials discuss wheat supplies",
       "guid": "https://wire.test/old", "link": "https://wire.test/old",
       "description": "Russian and Taliban officials discussed wheat supplies to Afghanistan "
                      "at a meeting in Kazan.", "pubDate": "Fri, 16 May 2025 10:00:00 GMT"}


def notify_config(smtp_port: int | None = None, hook_urls: tuple[str, ...] = (),
                  extra: str = "") -> str:
    lines = ["[notify]", 'quiet_period = "0s"', 'min_interval = "0s"', 'retry_base = "1s"',
             extra]
    if smtp_port is not None:
        lines += ["[notify.email]", 'host = "127.0.0.1"', f"port = {smtp_port}",
                  'sender = "tracker@example.org"',
                  'recipients = ["analyst@example.org", "desk@example.org"]',
                  'timeout = "5s"']
    for index, url in enumerate(hook_urls):
        lines += ["[[notify.webhooks]]", f'url = "{url}"', f'name = "hook{index}"',
                  f'secret_env = "HOOK{index}_SECRET"', 'timeout = "2s"']
    return "\n".join(lines) + "\n"


def record(feed_server: FeedServer, tmp_path: Path, items: list[dict], notify: str,
           name: str = "tracker.toml") -> Path:
    url = feed_server.serve("/feed.xml", Response(200, rss(items)))
    path = write_config(tmp_path, [{"url": url, "name": "Wire <Service>"}], extra=notify,
                        name=name)
    settings = config.load(path)
    with EventStore(settings.store_path) as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        asyncio.run(tracker.poll())
    return path


def digest(path: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(path), "digest", *args],
                              catch_exceptions=False)


def test_email_digest_is_a_proper_multipart_message_sent_once(feed_server, smtp, tmp_path):
    sink, controller = smtp
    path = record(feed_server, tmp_path, [RAIL, OLD], notify_config(controller.port))
    result = digest(path)
    assert result.exit_code == 0, result.output
    assert "email: digest d-" in result.output and "sent" in result.output
    assert len(sink.messages) == 1
    message = sink.messages[0]
    assert sorted(sink.envelopes[0].rcpt_tos) == ["analyst@example.org", "desk@example.org"]
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"].startswith("Russia–Taliban relations: 1 new update (economy)")
    assert message["Date"] and message["Message-ID"].startswith("<d-")
    text = message.get_body(("plain",)).get_content()
    html_part = message.get_body(("html",)).get_content()
    title = "Russia and Taliban sign rail <script>x()</script> pact & more"
    assert title in text and "Wire <Service>" in text
    assert OLD["title"] not in text, "background is not news"
    # Feed text is escaped in HTML: no markup of the feed's own survives.
    assert "<script>" not in html_part
    assert "rail &lt;script&gt;x()&lt;/script&gt; pact &amp; more" in html_part
    assert "Wire &lt;Service&gt;" in html_part
    assert 'href="https://wire.test/rail?a=1&amp;b=&lt;2&gt;"' in html_part
    again = digest(path)
    assert again.exit_code == 0 and "nothing new to send" in again.output
    assert len(sink.messages) == 1


def test_webhooks_are_signed_idempotent_and_versioned(feed_server, hooks, tmp_path,
                                                      monkeypatch):
    monkeypatch.setenv("HOOK0_SECRET", "s3cret")
    monkeypatch.setenv("HOOK1_SECRET", "other")
    path = record(feed_server, tmp_path, [RAIL, FLIGHTS],
                  notify_config(hook_urls=(hooks.url, hooks.url + "?second")))
    assert digest(path).exit_code == 0
    accepted = hooks.accepted()
    assert len(accepted) == 2
    by_secret = {}
    for headers, body in accepted:
        payload = json.loads(body)
        assert payload["schema"] == "tracker.digest/1"
        assert headers["idempotency-key"] == payload["digest_id"]
        assert {u["kind"] for u in payload["updates"]} == {"economy"}
        assert len(payload["updates"]) == 2
        assert payload["updates"][0]["sources"][0]["outlet"] == "Wire <Service>"
        signed = headers["x-tracker-timestamp"].encode() + b"." + body
        for secret in ("s3cret", "other"):
            mac = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
            if hmac.compare_digest(headers["x-tracker-signature"], f"sha256={mac}"):
                by_secret[secret] = payload["channel"]
    assert by_secret == {"s3cret": "webhook:hook0", "other": "webhook:hook1"}
    assert digest(path).exit_code == 0
    assert len(hooks.accepted()) == 2


def test_dry_run_sends_nothing_and_html_can_be_written(feed_server, hooks, tmp_path,
                                                       monkeypatch):
    monkeypatch.setenv("HOOK0_SECRET", "x")
    path = record(feed_server, tmp_path, [RAIL], notify_config(hook_urls=(hooks.url,)))
    out = tmp_path / "digest.html"
    result = digest(path, "--dry-run", "--html", str(out))
    assert result.exit_code == 0
    assert "would send to webhook:hook0" in result.output and RAIL["link"] in result.output
    assert hooks.received == []
    assert "&lt;script&gt;x()" in out.read_text()
    with EventStore(config.load(path).store_path) as store:
        assert store.db.execute("SELECT count(*) FROM digests").fetchone()[0] == 0
    assert digest(path).exit_code == 0
    assert len(hooks.accepted()) == 1


def test_webhook_outage_slow_and_failing_receiver_then_exactly_once(feed_server, hooks,
                                                                     tmp_path, monkeypatch):
    monkeypatch.setenv("HOOK0_SECRET", "x")
    path = record(feed_server, tmp_path, [RAIL], notify_config(hook_urls=(hooks.url,)))
    hooks.status = 503
    assert "failed, will retry" in digest(path).output
    hooks.status, hooks.delay = 200, 3.0  # slower than the 2 s timeout
    assert "failed, will retry" in digest(path).output
    hooks.delay = 0.0
    settings = config.load(path)
    # A restart: a new process, a new store connection, a new outbox.
    with EventStore(settings.store_path) as store:
        state = store.db.execute("SELECT status, attempts FROM digests").fetchone()
        assert tuple(state) == ("retrying", 2)
    result = digest(path)
    assert "sent" in result.output
    time.sleep(1.2)  # let the slow request's handler finish recording
    assert len(hooks.accepted()) == 2, "the slow attempt landed too: the key dedupes it"
    keys = {h["idempotency-key"] for h, _ in hooks.accepted()}
    assert len(keys) == 1
    assert "nothing new to send" in digest(path).output
    with EventStore(settings.store_path) as store:
        assert store.db.execute("SELECT status FROM digests").fetchone()[0] == "delivered"
        types = [e.type for e in store.read(types=("DeliveryStarted", "DeliveryFailed",
                                                   "DeliverySucceeded"))]
    assert types == ["DeliveryStarted", "DeliveryFailed", "DeliveryStarted", "DeliveryFailed",
                     "DeliveryStarted", "DeliverySucceeded"]


def test_smtp_down_then_up_delivers_exactly_once(feed_server, tmp_path):
    port = free_port()
    path = record(feed_server, tmp_path, [RAIL], notify_config(port))
    assert "failed, will retry" in digest(path).output  # nothing listens yet
    sink = MailSink()
    sink.reply = "451 4.3.0 try again later"
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert "failed, will retry" in digest(path).output
        sink.reply = None
        assert "sent" in digest(path).output
        assert "nothing new to send" in digest(path).output
    finally:
        controller.stop()
    assert len(sink.messages) == 1


def test_a_permanent_rejection_is_recorded_and_not_retried(feed_server, hooks, tmp_path,
                                                           monkeypatch):
    monkeypatch.setenv("HOOK0_SECRET", "x")
    path = record(feed_server, tmp_path, [RAIL], notify_config(hook_urls=(hooks.url,)))
    hooks.status = 400
    assert "rejected" in digest(path).output
    hooks.status = 200
    digest(path)
    assert hooks.accepted() == []
    with EventStore(config.load(path).store_path) as store:
        row = store.db.execute("SELECT status, last_error FROM deliveries").fetchone()
    assert row[0] == "failed" and "HTTP 400" in row[1]


def test_each_update_is_in_exactly_one_digest_per_channel(feed_server, hooks, tmp_path,
                                                          monkeypatch):
    monkeypatch.setenv("HOOK0_SECRET", "x")
    path = record(feed_server, tmp_path, [RAIL], notify_config(hook_urls=(hooks.url,)))
    digest(path)
    feed_server.serve("/feed.xml", Response(200, rss([RAIL, FLIGHTS])))
    settings = config.load(path)
    with EventStore(settings.store_path) as store:
        asyncio.run(Tracker(settings, store).poll())
    digest(path)
    summaries = [[u["summary"] for u in json.loads(body)["updates"]]
                 for _, body in hooks.accepted()]
    assert summaries == [["Russia and Taliban sign rail <script>x()</script> pact & more"],
                         [FLIGHTS["title"]]]


def test_quiet_period_and_minimum_interval(feed_server, tmp_path):
    path = record(feed_server, tmp_path, [RAIL], notify_config(
        hook_urls=("http://127.0.0.1:9/never",)).replace(
        'quiet_period = "0s"', 'quiet_period = "10m"').replace(
        'min_interval = "0s"', 'min_interval = "1h"'))
    settings = config.load(path)
    sent: list[dict] = []
    now = datetime.now(UTC)
    with EventStore(settings.store_path) as store:
        def outbox_at(moment: datetime) -> Outbox:
            return Outbox(settings, store, senders={"webhook:hook0": lambda p: sent.append(p)
                                                    or "ok"}, clock=lambda: moment)

        assert outbox_at(now + timedelta(minutes=5)).compose_due() == [], "still quiet"
        assert len(outbox_at(now + timedelta(minutes=11)).compose_due()) == 1
        feed_server.serve("/feed.xml", Response(200, rss([RAIL, FLIGHTS])))
        asyncio.run(Tracker(settings, store).poll())
        later = now + timedelta(minutes=30)
        assert outbox_at(later).compose_due() == [], "within the minimum interval"
        assert len(outbox_at(now + timedelta(minutes=75)).compose_due()) == 1
        assert len(outbox_at(now + timedelta(minutes=76)).deliver_due()) == 2
    assert len(sent) == 2


def test_retry_delay_grows_with_jitter_and_a_cap():
    delays = [retry_delay(n, 60, 3600, 1.0) for n in range(1, 10)]
    assert delays[:4] == [60, 120, 240, 480] and max(delays) == 3600
    assert retry_delay(3, 60, 3600, 0.0) == 120  # jitter halves at most


def test_missing_secret_fails_at_start_naming_the_key(feed_server, hooks, tmp_path,
                                                     monkeypatch):
    monkeypatch.delenv("HOOK0_SECRET", raising=False)
    path = record(feed_server, tmp_path, [RAIL], notify_config(hook_urls=(hooks.url,)))
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "tracker", "--config", str(path), "digest"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "notify.webhooks[0].secret_env" in result.stderr
    assert hooks.received == []
