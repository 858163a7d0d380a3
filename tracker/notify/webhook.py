"""Digest by webhook: a signed JSON POST.

The body is the digest document (schema ``tracker.digest/1``). Headers:

* ``X-Tracker-Timestamp``: Unix seconds when the request was signed;
* ``X-Tracker-Signature``: ``sha256=`` and the hex HMAC-SHA256, keyed with the webhook's
  secret, of ``timestamp + "." + body``; a receiver recomputes it and compares in
  constant time, and rejects old timestamps to stop replays;
* ``Idempotency-Key``: the digest id, the same on every retry, so a receiver can drop
  repeats.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import httpx

from tracker.config.notify import WebhookSettings
from tracker.notify import DeliveryError

USER_AGENT = "tracker-webhook/1"


def body_of(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body,
                   hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def headers_for(payload: dict[str, Any], body: bytes, secret: str | None,
                now: float | None = None) -> dict[str, str]:
    timestamp = str(int(now if now is not None else time.time()))
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT,
               "Idempotency-Key": payload["digest_id"], "X-Tracker-Event": "digest",
               "X-Tracker-Schema": payload["schema"], "X-Tracker-Timestamp": timestamp}
    if secret:
        headers["X-Tracker-Signature"] = signature(secret, timestamp, body)
    return headers


def send(payload: dict[str, Any], settings: WebhookSettings) -> str:
    body = body_of(payload)
    headers = headers_for(payload, body, settings.signing_secret())
    try:
        with httpx.Client(timeout=settings.timeout, follow_redirects=False) as client:
            response = client.post(settings.url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"{type(exc).__name__}: {exc}"[:300], permanent=False) from None
    status = response.status_code
    if 200 <= status < 300:
        return f"HTTP {status}"
    # A receiver's 4xx says the request itself is wrong and will stay wrong, except for
    # timeouts, conflicts and rate limits; 3xx is not followed for a signed POST.
    permanent = 300 <= status < 500 and status not in (408, 409, 425, 429)
    raise DeliveryError(f"HTTP {status} {response.reason_phrase}"[:200], permanent=permanent)
