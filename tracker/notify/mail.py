"""Digest by email: a multipart message (plain text and HTML) sent over SMTP."""

from __future__ import annotations

import smtplib
import socket
import ssl
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from tracker.config.notify import EmailSettings
from tracker.notify import DeliveryError
from tracker.notify.digest import render_html, render_text
from tracker.notify.wording import plural


def build_message(payload: dict[str, Any], settings: EmailSettings) -> EmailMessage:
    """The message for a digest. Its Message-ID derives from the digest id, so a resent
    digest is recognisably the same message."""
    message = EmailMessage()
    message["Subject"] = payload["subject"]
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Date"] = format_datetime(datetime.fromisoformat(payload["created"]))
    domain = settings.sender.rpartition("@")[2] or "tracker.invalid"
    message["Message-ID"] = f"<{payload['digest_id']}@{domain}>"
    message["X-Tracker-Digest"] = payload["digest_id"]
    message.set_content(render_text(payload))
    message.add_alternative(render_html(payload), subtype="html")
    return message


def send(payload: dict[str, Any], settings: EmailSettings) -> str:
    message = build_message(payload, settings)
    try:
        client: smtplib.SMTP
        if settings.ssl:
            client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.starttls:
                client.starttls(context=ssl.create_default_context())
            if settings.username:
                client.login(settings.username, settings.password() or "")
            refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"SMTP login refused: {exc.smtp_code}", permanent=True) from None
    except smtplib.SMTPRecipientsRefused as exc:
        codes = {code for code, _ in exc.recipients.values()}
        raise DeliveryError(f"every recipient refused: {sorted(codes)}",
                            permanent=all(500 <= c < 600 for c in codes)) from None
    except smtplib.SMTPResponseException as exc:
        # 5xx is the server's final word; 4xx asks us to come back later.
        raise DeliveryError(f"SMTP {exc.smtp_code}: {_text(exc.smtp_error)}",
                            permanent=500 <= exc.smtp_code < 600) from None
    except (smtplib.SMTPException, OSError, socket.timeout) as exc:
        raise DeliveryError(f"{type(exc).__name__}: {exc}"[:300], permanent=False) from None
    if refused:
        return (f"sent; refused by {plural(len(refused), 'recipient')}: "
                f"{', '.join(sorted(refused))}")
    return f"sent to {plural(len(settings.recipients), 'recipient')}"


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value
