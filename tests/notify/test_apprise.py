"""Apprise channels: digests reach a real local receiver through Apprise's json:// service,
failures say whether a retry can help, and bad URLs are refused at start naming the key.
(Exactly once across an outage and a restart: tests/daemon/test_daemon_apprise.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_config
from receivers import free_port

from tracker import config
from tracker.config.notify import AppriseSettings
from tracker.errors import ConfigError
from tracker.notify import DeliveryError, apprise_channel

PAYLOAD = {
    "schema": "tracker.digest/1", "digest_id": "d-0123456789abcdef", "channel": "apprise:t",
    "story": "Test story", "created": "2026-03-10T12:00:00+00:00",
    "subject": "Test story: Kabul and Moscow open a rail corridor",
    "updates": [{"id": "u-1", "kind": "economy", "summary": "Kabul and Moscow open a rail "
                 "corridor", "event_date": "2026-03-09", "first_seen": "2026-03-09T10:00:00",
                 "confidence": 0.8, "outlets": 1,
                 "sources": [{"outlet": "Wire", "title": "Rail corridor opens",
                              "url": "https://wire.test/r", "copy": False}]}],
    "contradictions": [], "failing_feeds": [],
}


def json_url(port: int) -> str:
    return f"json://127.0.0.1:{port}/digest"


def test_a_digest_reaches_the_receiver_as_title_and_text(hooks):
    port = int(hooks.url.rsplit(":", 1)[1].split("/")[0])
    detail = apprise_channel.send(PAYLOAD, AppriseSettings(name="t", url=json_url(port)))
    assert detail == "sent via json://"
    [(headers, body)] = hooks.accepted()
    message = json.loads(body)
    assert message["title"] == PAYLOAD["subject"]
    assert "Kabul and Moscow open a rail corridor" in message["message"]
    assert "https://wire.test/r" in message["message"]


def test_a_digest_longer_than_the_service_takes_is_split_not_refused(hooks):
    port = int(hooks.url.rsplit(":", 1)[1].split("/")[0])
    many = dict(PAYLOAD, updates=[
        dict(PAYLOAD["updates"][0], id=f"u-{n}", summary=f"Development number {n} " + "x" * 300)
        for n in range(150)])  # about 70,000 characters; json:// takes 32,768 at most
    apprise_channel.send(many, AppriseSettings(name="t", url=json_url(port)))
    parts = [json.loads(body)["message"] for _, body in hooks.accepted()]
    assert len(parts) >= 2
    text = "".join(parts)
    assert all(f"Development number {n} " in text for n in range(150))


@pytest.mark.parametrize(("status", "permanent"), [(503, False), (429, False), (400, True),
                                                   (404, True)])
def test_a_refusal_says_whether_a_retry_can_help(hooks, status, permanent):
    hooks.status = status
    port = int(hooks.url.rsplit(":", 1)[1].split("/")[0])
    with pytest.raises(DeliveryError) as caught:
        apprise_channel.send(PAYLOAD, AppriseSettings(name="t", url=json_url(port)))
    assert caught.value.permanent is permanent
    assert str(status) in str(caught.value)


def test_an_unreachable_receiver_is_a_temporary_failure():
    with pytest.raises(DeliveryError) as caught:
        apprise_channel.send(PAYLOAD, AppriseSettings(name="t", url=json_url(free_port())))
    assert caught.value.permanent is False
    assert "connection" in str(caught.value).lower()


def test_the_url_comes_from_the_environment(hooks, monkeypatch):
    port = int(hooks.url.rsplit(":", 1)[1].split("/")[0])
    settings = AppriseSettings(name="t", url_env="TRACKER_TEST_APPRISE")
    with pytest.raises(DeliveryError, match="TRACKER_TEST_APPRISE is not set"):
        apprise_channel.send(PAYLOAD, settings)
    monkeypatch.setenv("TRACKER_TEST_APPRISE", json_url(port))
    apprise_channel.send(PAYLOAD, settings)
    assert len(hooks.accepted()) == 1


def notify_table(body: str) -> str:
    return f'[notify]\n[[notify.apprise]]\n{body}\n'


@pytest.mark.parametrize(("table", "key", "words"), [
    ('url = "nosuchservice://x/y"', "notify.apprise[0].url", "nosuchservice://"),
    ('url = "just words"', "notify.apprise[0].url", "not an Apprise URL"),
    ('name = "x"', "notify.apprise[0].url_env", "is required"),
    ('url = "json://h/p"\nurl_env = "X"', "notify.apprise[0].url", "not both"),
    ('url = "json://h/p"\ntoken = "x"', "notify.apprise[0].token", "unknown key"),
])
def test_a_bad_apprise_table_is_a_config_error_naming_the_key(tmp_path, table, key, words):
    with pytest.raises(ConfigError) as caught:
        config.load(write_config(tmp_path, [], extra=notify_table(table)))
    assert caught.value.key == key
    assert words in str(caught.value)


def run_daemon_briefly(path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "TRACKER_TEST_URL"}
    return subprocess.run([sys.executable, "-m", "tracker", "--config", str(path), "run"],
                          capture_output=True, text=True, timeout=60, env={**clean, **env})


def test_a_bad_url_in_the_environment_stops_the_daemon_at_start(tmp_path):
    path = write_config(tmp_path, [], extra=notify_table('url_env = "TRACKER_TEST_URL"'))
    unset = run_daemon_briefly(path)
    assert unset.returncode == 2
    assert "notify.apprise[0].url_env" in unset.stderr and "not set" in unset.stderr
    secret = "discord://SECRETTOKEN"  # a webhook token without its id: unusable
    bad = run_daemon_briefly(path, TRACKER_TEST_URL=secret)
    assert bad.returncode == 2, bad.stderr
    assert "config error: notify.apprise[0].url_env" in bad.stderr
    assert "SECRETTOKEN" not in bad.stderr + bad.stdout, "the error must not leak the token"
