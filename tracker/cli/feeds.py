"""``tracker feeds``: list the configured feeds with their health, import and export OPML."""

from __future__ import annotations

import click

from tracker.cli.context import Context, pass_context
from tracker.notify.wording import plural


@click.group()
def feeds() -> None:
    """List, import (OPML) and export (OPML) the configured feeds."""


@feeds.command("list")
@pass_context
def feeds_list(obj: Context) -> None:
    """Show every configured feed with its health."""
    from tracker.eventlog.projections import feeds as feeds_projection

    settings = obj.settings
    with obj.store() as store:
        state = feeds_projection.overview(store.db.conn)
    click.echo(f"{'status':<8} {'fails':>5} {'articles':>8} {'relevant':>8}  name / url")
    for feed in settings.feeds:
        row = state.get(feed.id, {})
        click.echo(f"{row.get('status', 'new'):<8} {row.get('failures', 0):>5} "
                   f"{row.get('articles', 0):>8} {row.get('relevant_articles', 0):>8}  "
                   f"{feed.name} <{row.get('current_url') or feed.url}>")


@feeds.command("import")
@click.argument("opml_file", type=click.Path(exists=True, dir_okay=False))
@pass_context
def feeds_import(obj: Context, opml_file: str) -> None:
    """Add the feeds of an OPML file to the config, keeping its comments."""
    from pathlib import Path

    from tracker.opml import add_feeds, read_opml

    path = obj.config_file()
    obj.settings  # noqa: B018 -- refuse to edit a config that does not load
    result = add_feeds(path, read_opml(Path(opml_file).read_bytes()))
    click.echo(f"added {plural(len(result.added), 'feed')} to {path}")
    for feed, why in result.skipped:
        click.echo(f"  skipped {feed.url}: {why}")


@feeds.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file instead of standard output.")
@pass_context
def feeds_export(obj: Context, output: str | None) -> None:
    """Write the configured feeds as OPML."""
    from tracker.opml import write_opml

    document = write_opml(obj.settings.feeds, obj.settings.story.name)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(document)
    else:
        click.echo(document, nl=False)
