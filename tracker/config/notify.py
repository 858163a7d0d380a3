"""Settings of the notifier (the [notify] table): when digests go out, and to which
channels. Beside the rest of the configuration, so that loading it needs nothing of the
notify stage, which reads it.

Secrets (the SMTP password, webhook secrets, Apprise URLs, which carry their service's
token) are named by environment variable; a webhook ``secret`` or an Apprise ``url`` may
also be given inline for setups that keep the config file private, but the ``*_env``
keys are preferred.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker import validate
from tracker.errors import ConfigError


@dataclass(frozen=True)
class EmailSettings:
    host: str
    port: int
    sender: str
    recipients: tuple[str, ...]
    starttls: bool = False
    ssl: bool = False
    username: str | None = None
    password_env: str | None = None
    timeout: float = 30.0

    channel = "email"

    def password(self) -> str | None:
        return os.environ.get(self.password_env) if self.password_env else None


@dataclass(frozen=True)
class WebhookSettings:
    url: str
    name: str
    secret: str | None = None
    secret_env: str | None = None
    timeout: float = 30.0

    @property
    def channel(self) -> str:
        return f"webhook:{self.name}"

    def signing_secret(self) -> str | None:
        if self.secret_env:
            return os.environ.get(self.secret_env)
        return self.secret


@dataclass(frozen=True)
class AppriseSettings:
    """One Apprise notification service (Slack, Telegram, Matrix, ntfy, ...): its URL is
    given inline (``url``) or, since it usually carries a token, read from the
    environment variable ``url_env`` names."""

    name: str
    url: str | None = None
    url_env: str | None = None
    key: str = "notify.apprise[0]"
    """Where in the config this channel is, for error messages."""

    @property
    def channel(self) -> str:
        return f"apprise:{self.name}"

    def service_url(self) -> str | None:
        if self.url_env:
            value = os.environ.get(self.url_env)
            return value.strip() if value else None
        return self.url

    def url_key(self) -> str:
        return f"{self.key}.url_env" if self.url_env else f"{self.key}.url"


@dataclass(frozen=True)
class NotifySettings:
    email: EmailSettings | None = None
    webhooks: tuple[WebhookSettings, ...] = ()
    apprise: tuple[AppriseSettings, ...] = ()
    quiet_period: float = 600.0
    """After the newest pending update, wait this long so that a burst becomes one digest."""
    min_interval: float = 3600.0
    """No two digests to one channel closer together than this."""
    schedule: str | None = None
    """A crontab line (five fields): send what is pending at these times too."""
    timezone: str = "UTC"
    on_change: bool = True
    """Send when the story changed (after the quiet period), not only on the schedule."""
    failing_after: float = 86400.0
    """Digests list feeds that have been failing for longer than this."""
    retry_base: float = 60.0
    retry_max: float = 6 * 3600.0
    max_attempts: int = 30
    """After this many failed attempts a delivery is given up and shown by status."""

    @property
    def channels(self) -> tuple[str, ...]:
        return ((self.email.channel,) if self.email else ()) + tuple(
            w.channel for w in self.webhooks) + tuple(a.channel for a in self.apprise)

    def check_secrets(self) -> None:
        """Fail early, naming the key, when an environment variable a secret needs is unset."""
        if self.email and self.email.password_env and self.email.password() is None:
            raise ConfigError("notify.email.password_env",
                              f"environment variable {self.email.password_env} is not set")
        for index, hook in enumerate(self.webhooks):
            if hook.secret_env and hook.signing_secret() is None:
                raise ConfigError(f"notify.webhooks[{index}].secret_env",
                                  f"environment variable {hook.secret_env} is not set")
        for service in self.apprise:
            url = service.service_url()
            if url is None:
                raise ConfigError(service.url_key(),
                                  f"environment variable {service.url_env} is not set")
            check_apprise_url(url, service.url_key())


def notify_settings(raw: Mapping[str, Any]) -> NotifySettings:
    validate.only(raw, "notify", {"email", "webhooks", "apprise", "quiet_period",
                                  "min_interval",
                                  "schedule", "timezone", "on_change", "failing_after",
                                  "retry_base", "retry_max", "max_attempts"})
    defaults = NotifySettings()
    timezone = validate.string(raw, "notify", "timezone", default=defaults.timezone)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError("notify.timezone", f"unknown time zone {timezone!r}") from None
    schedule = raw.get("schedule")
    if schedule is not None:
        schedule = _crontab(schedule, timezone)
    on_change = raw.get("on_change", True)
    if not isinstance(on_change, bool):
        raise ConfigError("notify.on_change", "must be true or false")
    hooks = raw.get("webhooks", [])
    if not isinstance(hooks, list):
        raise ConfigError("notify.webhooks", "must be an array of [[notify.webhooks]] tables")
    webhooks = tuple(_webhook(entry, index) for index, entry in enumerate(hooks))
    names = [w.name for w in webhooks]
    for index, name in enumerate(names):
        if names.index(name) != index:
            raise ConfigError(f"notify.webhooks[{index}].name", f"duplicates {name!r}")
    return NotifySettings(
        email=_email(validate.table(raw, "email")) if "email" in raw else None,
        webhooks=webhooks,
        apprise=_apprise_services(raw.get("apprise", [])),
        quiet_period=_duration_or_zero(raw, "quiet_period", defaults.quiet_period),
        min_interval=_duration_or_zero(raw, "min_interval", defaults.min_interval),
        schedule=schedule,
        timezone=timezone,
        on_change=on_change,
        failing_after=validate.duration(raw, "notify", "failing_after", defaults.failing_after),
        retry_base=validate.duration(raw, "notify", "retry_base", defaults.retry_base),
        retry_max=validate.duration(raw, "notify", "retry_max", defaults.retry_max),
        max_attempts=validate.whole(raw, "notify", "max_attempts", defaults.max_attempts, 1),
    )


def _email(raw: Mapping[str, Any]) -> EmailSettings:
    key = "notify.email"
    validate.only(raw, key, {"host", "port", "sender", "recipients", "starttls", "ssl",
                             "username", "password_env", "timeout"})
    host = validate.string(raw, key, "host", default="")
    if not host:
        raise ConfigError(f"{key}.host", "is required")
    port = validate.whole(raw, key, "port", 25, 1)
    if port > 65535:
        raise ConfigError(f"{key}.port", f"must be at most 65535, not {port}")
    sender = validate.string(raw, key, "sender", default="")
    if "@" not in sender:
        raise ConfigError(f"{key}.sender", f"must be an email address, not {sender!r}")
    recipients = raw.get("recipients")
    if (not isinstance(recipients, list) or not recipients
            or not all(isinstance(r, str) and "@" in r for r in recipients)):
        raise ConfigError(f"{key}.recipients", "must be a non-empty list of email addresses")
    flags = {}
    for flag in ("starttls", "ssl"):
        value = raw.get(flag, False)
        if not isinstance(value, bool):
            raise ConfigError(f"{key}.{flag}", "must be true or false")
        flags[flag] = value
    if flags["starttls"] and flags["ssl"]:
        raise ConfigError(f"{key}.ssl", "cannot be used together with starttls")
    username = validate.string(raw, key, "username", default="") or None
    password_env = validate.string(raw, key, "password_env", default="") or None
    if username and not password_env:
        raise ConfigError(f"{key}.password_env",
                          "is required with username: name the environment variable that "
                          "holds the password")
    return EmailSettings(
        host=host, port=port, sender=sender, recipients=tuple(recipients),
        starttls=flags["starttls"], ssl=flags["ssl"], username=username,
        password_env=password_env,
        timeout=validate.duration(raw, key, "timeout", 30.0),
    )


def _webhook(raw: object, index: int) -> WebhookSettings:
    key = f"notify.webhooks[{index}]"
    if not isinstance(raw, dict):
        raise ConfigError(key, "must be a table with at least url")
    validate.only(raw, key, {"url", "name", "secret", "secret_env", "timeout"})
    if "url" not in raw:
        raise ConfigError(f"{key}.url", "is required")
    url = validate.check_url(raw["url"], f"{key}.url")
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"{key}.url", f"must be an http or https URL, not {url!r}")
    name = validate.string(raw, key, "name", default="") or hashlib.sha256(
        url.encode()).hexdigest()[:8]
    secret = validate.string(raw, key, "secret", default="") or None
    secret_env = validate.string(raw, key, "secret_env", default="") or None
    if secret and secret_env:
        raise ConfigError(f"{key}.secret", "give secret or secret_env, not both")
    return WebhookSettings(url=url, name=name, secret=secret, secret_env=secret_env,
                           timeout=validate.duration(raw, key, "timeout", 30.0))


def _apprise_services(raw: object) -> tuple[AppriseSettings, ...]:
    if not isinstance(raw, list):
        raise ConfigError("notify.apprise", "must be an array of [[notify.apprise]] tables")
    services = tuple(_apprise(entry, index) for index, entry in enumerate(raw))
    names = [s.name for s in services]
    for index, name in enumerate(names):
        if names.index(name) != index:
            raise ConfigError(f"notify.apprise[{index}].name", f"duplicates {name!r}")
    return services


def _apprise(raw: object, index: int) -> AppriseSettings:
    key = f"notify.apprise[{index}]"
    if not isinstance(raw, dict):
        raise ConfigError(key, "must be a table with url or url_env")
    validate.only(raw, key, {"url", "url_env", "name"})
    url = validate.string(raw, key, "url", default="") or None
    url_env = validate.string(raw, key, "url_env", default="") or None
    if url and url_env:
        raise ConfigError(f"{key}.url", "give url or url_env, not both")
    if not url and not url_env:
        raise ConfigError(f"{key}.url_env", "is required: name the environment variable "
                          "that holds the Apprise URL (or give url)")
    if url:
        check_apprise_url(url, f"{key}.url")
    # The default name must not derive from a secret URL: it names the channel in the
    # store, which anyone with read access sees.
    name = validate.string(raw, key, "name", default="") or hashlib.sha256(
        (url or f"env:{url_env}").encode()).hexdigest()[:8]
    return AppriseSettings(name=name, url=url, url_env=url_env, key=key)


def check_apprise_url(url: str, key: str) -> None:
    """Refuse a URL that Apprise cannot turn into a service, naming the config key but
    never the URL itself (it may hold a token); only its scheme is shown."""
    from tracker.config import apprise_urls  # Apprise takes ~0.3 s to import

    problem = apprise_urls.url_problem(url)
    if problem:
        raise ConfigError(key, problem)


def _crontab(value: object, timezone: str) -> str:
    from apscheduler.triggers.cron import CronTrigger

    if not isinstance(value, str):
        raise ConfigError("notify.schedule", "must be a crontab line such as \"0 8 * * *\"")
    try:
        CronTrigger.from_crontab(value, timezone=ZoneInfo(timezone))
    except ValueError as exc:
        raise ConfigError("notify.schedule", f"invalid crontab line {value!r}: {exc}") from None
    return value


def _duration_or_zero(raw: Mapping[str, Any], key: str, default: float) -> float:
    value = raw.get(key, default)
    if value in (0, "0", "0s"):
        return 0.0
    return validate.parse_duration(value, f"notify.{key}")
