"""Command line: ``tracker [--config PATH] init | poll | run | rebuild | status | events``."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from tracker import __version__, config
from tracker.cli.context import Context, pass_context
from tracker.cli.feeds import feeds
from tracker.config import Settings
from tracker.errors import ConfigError, StoreError, TrackerError
from tracker.notify.wording import plural
from tracker.poll.outcome import FeedOutcome
from tracker.poll.service import Tracker


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              envvar=config.ENV_CONFIG, show_envvar=True,
              help="The TOML config file (default: ./config/tracker.toml, "
                   "then /etc/tracker/tracker.toml).")
@click.version_option(__version__, prog_name="tracker")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """Follow one news story across RSS/Atom feeds into an SQLite event store."""
    ctx.obj = Context(config_path)


cli.add_command(feeds)


@cli.command()
@pass_context
def init(obj: Context) -> None:
    """Create the event store and record the story's baseline (safe to run again)."""
    with obj.store() as store:
        appended = Tracker(obj.settings, store).ensure_baseline()
        click.echo(f"store: {obj.settings.store_path}")
        click.echo(f"baseline: {plural(appended, 'new event')}; events in store: {store.count()}")


@cli.command()
@click.option("--due", is_flag=True, help="Only poll feeds whose next check has come.")
@pass_context
def poll(obj: Context, due: bool) -> None:
    """Run one polling cycle over every configured feed, then exit.

    A feed that fails is recorded as failing; the command still exits 0. A store that
    cannot record a poll (a full disk, a read-only file) is an error: exit 1.
    """
    settings = obj.settings
    with obj.store() as store:
        tracker = Tracker(settings, store)
        tracker.ensure_baseline()
        show = sys.stderr.isatty()
        with click.progressbar(length=len(settings.feeds), label="polling", file=sys.stderr,
                               show_pos=True) if show else _no_bar() as bar:
            def progress(_: FeedOutcome) -> None:
                bar.update(1)

            outcomes = asyncio.run(tracker.poll(only_due=due, progress=progress))
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
    new = sum(o.new for o in outcomes)
    relevant = sum(o.relevant for o in outcomes)
    parts = " ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    click.echo(f"polled feeds={len(outcomes)} {parts} new_articles={new} relevant={relevant}")
    unrecorded = [o for o in outcomes if o.reason == "store"]
    if unrecorded:
        raise StoreError(f"the store could not record {len(unrecorded)} of {len(outcomes)} "
                         f"feed(s); they stay due: {unrecorded[0].message}")


@contextmanager
def _no_bar() -> Iterator[Any]:
    class _Bar:
        def update(self, n: int) -> None:
            pass

    yield _Bar()


@cli.command()
@pass_context
def run(obj: Context) -> None:
    """Run the daemon: poll every feed on its schedule, send digests, until SIGTERM or SIGINT."""
    from tracker.daemon import scheduler as daemon

    obj.settings.notify.check_secrets()
    with obj.store() as store:
        daemon.run(obj.settings, store)


@cli.command()
@click.option("--as-of", "as_of", metavar="DATE",
              help="The story as the tracker knew it then: an ISO date (end of that day, "
                   "UTC) or date and time.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@pass_context
def story(obj: Context, as_of: str | None, as_json: bool) -> None:
    """Print the baseline and the updates known (now or at --as-of), newest first."""
    from tracker.analysis.gist import gist_names
    from tracker.views.story import render_text
    from tracker.views.story import story as story_view

    if as_of is not None:
        _check_moment(as_of)
    with obj.store() as store:
        view = story_view(store, as_of, gist_names(obj.settings.story))
    if as_json:
        click.echo(json.dumps(view.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(view, obj.settings.story.name))


def _check_moment(value: str) -> None:
    from datetime import datetime

    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO date or time: {value!r}",
                                 param_hint="--as-of") from None


@cli.command()
@pass_context
def rejudge(obj: Context) -> None:
    """Judge every recorded article again with the current method.

    New decisions are appended; earlier ones stay in the log for audit.
    """
    from tracker.eventlog.projections import articles as articles_projection

    with obj.store() as store:
        tracker = Tracker(obj.settings, store)
        tracker.ensure_baseline()
        total = articles_projection.count(store.db.conn)
        show = sys.stderr.isatty()
        with click.progressbar(length=total, label="re-judging", file=sys.stderr,
                               show_pos=True) if show else _no_bar() as bar:
            counts = tracker.rejudge(progress=bar.update)
    click.echo("rejudged " + " ".join(f"{k}={v}" for k, v in counts.items()))


@cli.command()
@click.option("--dry-run", is_flag=True,
              help="Print what would be sent; send and record nothing.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write the digest's HTML to this file, to look at it.")
@pass_context
def digest(obj: Context, dry_run: bool, html_path: str | None) -> None:
    """Compose and send what is pending now, by email and webhook.

    Ignores the quiet period and the minimum interval; retries failed deliveries at once.
    Sends nothing when nothing is new. Failed deliveries are recorded and retried later.
    """
    from tracker.notify.digest import render_html, render_text
    from tracker.notify.outbox import Outbox

    settings = obj.settings
    if not dry_run:
        settings.notify.check_secrets()
    with obj.store() as store:
        if dry_run:
            outbox = Outbox(settings, store, senders=None if settings.notify.channels
                            else {"preview": lambda payload: ""})
            payloads = outbox.preview()
            for payload in payloads:
                click.echo(f"--- would send to {payload['channel']}: {payload['subject']}")
                click.echo(render_text(payload))
            if not payloads:
                click.echo("nothing new to send")
        else:
            if not settings.notify.channels:
                raise click.UsageError("no channel configured: add [notify.email], "
                                       "[[notify.webhooks]] or [[notify.apprise]] to the "
                                       "config")
            payloads, outcomes = Outbox(settings, store).run(force=True)
            for outcome in outcomes:
                state = "sent" if outcome.ok else ("rejected" if outcome.permanent
                                                   else "failed, will retry")
                click.echo(f"{outcome.channel}: digest {outcome.digest_id} {state}: "
                           f"{outcome.detail}")
            if not payloads and not outcomes:
                click.echo("nothing new to send")
    if html_path and payloads:
        with open(html_path, "w", encoding="utf-8") as handle:
            handle.write(render_html(payloads[0]))
        click.echo(f"wrote {html_path}")


@cli.command()
@click.option("--html", "html_path", required=True, type=click.Path(dir_okay=False),
              help="Write the timeline page here.")
@click.option("--as-of", "as_of", metavar="DATE", help="The story as the tracker knew it then.")
@pass_context
def report(obj: Context, html_path: str, as_of: str | None) -> None:
    """Write the story timeline as one self-contained HTML page."""
    from datetime import UTC, datetime

    from tracker.analysis.gist import gist_names
    from tracker.views.report import render
    from tracker.views.story import coverage, story

    if as_of is not None:
        _check_moment(as_of)
    with obj.store() as store:
        page = render(story(store, as_of, gist_names(obj.settings.story)),
                      obj.settings.story.name, coverage(store),
                      datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    with open(html_path, "w", encoding="utf-8") as handle:
        handle.write(page)
    click.echo(f"wrote {html_path}")


@cli.command()
@pass_context
def demo(obj: Context) -> None:
    """Run the whole pipeline offline on sample feeds, into a temporary store.

    Uses the story of the config, or the sample story packaged with tracker when there
    is no config file; needs no network.
    """
    import logging

    from tracker import demo as demo_run

    settings: Settings | None
    try:
        obj.config_file()
    except ConfigError:
        settings = None  # nothing of the user's yet: the packaged sample story
    else:
        settings = obj.settings
    # The demo tells its own story; per-feed log lines would only interleave with it.
    logging.getLogger("tracker").setLevel(logging.WARNING)
    demo_run.run(settings, click.echo)


@cli.command()
@pass_context
def rebuild(obj: Context) -> None:
    """Drop every projection table and replay the event log into it."""
    with obj.store() as store:
        show = sys.stderr.isatty()
        with click.progressbar(length=store.count(), label="replaying", file=sys.stderr,
                               show_pos=True) if show else _no_bar() as bar:
            replayed = store.rebuild(progress=bar.update)
    click.echo(f"rebuilt projections from {plural(replayed, 'event')}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--max-failing", type=click.IntRange(min=0), default=0, show_default=True,
              help="How many persistently failing feeds to tolerate before exiting 1.")
@pass_context
def status(obj: Context, as_json: bool, max_failing: int) -> None:
    """Show whether the daemon runs, each feed's health and the store's counts.

    Exits 1 when something needs a person: a retired feed, more than --max-failing feeds
    that failed 3 times in a row, a delivery given up, or a daemon that died (a clean
    stop, or never running the daemon at all, is fine).
    """
    from tracker.views import health

    with health.open_store(obj.settings.store_path) as store:
        data = health.report(obj.settings, store, max_failing=max_failing)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in health.render_text(data):
            click.echo(line)
    if data["attention"]:
        sys.exit(1)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--type", "types", multiple=True, help="Only events of this type (repeatable).")
@click.option("--stream", help="Only events of this stream, e.g. feed:<id> or article:<id>.")
@click.option("--after", type=int, default=0, show_default=True,
              help="Only events after this global position.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="At most this many events.")
@pass_context
def events(obj: Context, as_json: bool, types: tuple[str, ...], stream: str | None,
           after: int, limit: int | None) -> None:
    """Print the event log in order."""
    with obj.store() as store:
        for count, stored in enumerate(store.read(after=after, stream=stream, types=types)):
            if limit is not None and count >= limit:
                break
            data = json.loads(stored.event.to_json())
            if as_json:
                click.echo(json.dumps({
                    "position": stored.position, "stream": stored.stream,
                    "version": stored.version, "type": stored.type,
                    "schema_version": stored.event.VERSION, "recorded_at": stored.recorded_at,
                    "data": data}, ensure_ascii=False))
            else:
                brief = " ".join(f"{k}={_short(v)}" for k, v in data.items())
                click.echo(f"{stored.position:>7} {stored.recorded_at[:19]} {stored.type:<22} "
                           f"{brief}")


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ConfigError as exc:
        click.echo(f"tracker: config error: {exc}", err=True)
        sys.exit(2)
    except TrackerError as exc:
        click.echo(f"tracker: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
