"""The systemd notify protocol (sd_notify(3)) in plain Python: no libsystemd, no C.

A service of ``Type=notify`` tells systemd about itself by sending datagrams such as
``READY=1`` or ``STATUS=...`` to the unix socket named by ``$NOTIFY_SOCKET``; a name that
starts with ``@`` is in the abstract namespace. Without that variable (not under
systemd) every call does nothing, so the daemon can call these unconditionally.

Sending never raises: systemd being unreachable must not stop the tracker. A failure is
logged once, then the notifier stays quiet.
"""

from __future__ import annotations

import logging
import os
import socket
import time

logger = logging.getLogger(__name__)


class Notifier:
    """Sends notify messages to one socket; a no-op when ``address`` is None."""

    def __init__(self, address: str | None, *, watchdog_usec: int | None = None) -> None:
        self.address = address
        self.watchdog_usec = watchdog_usec
        self._sock: socket.socket | None = None
        self._broken = False

    @classmethod
    def from_environ(cls, environ: dict[str, str] | None = None) -> Notifier:
        env = dict(os.environ if environ is None else environ)
        address = env.get("NOTIFY_SOCKET") or None
        if address is not None and not address.startswith(("/", "@")):
            # vsock: and other transports of newer systemd versions are not needed here.
            logger.warning("notify status=unsupported socket=%r", address)
            address = None
        return cls(address, watchdog_usec=_watchdog_usec(env))

    @property
    def enabled(self) -> bool:
        return self.address is not None and not self._broken

    def watchdog_interval(self) -> float | None:
        """Seconds between two watchdog pings (half the timeout), or None without one."""
        if not self.watchdog_usec or self.address is None:
            return None
        return self.watchdog_usec / 2 / 1_000_000

    def send(self, *fields: str) -> bool:
        """Send ``fields`` (``KEY=value`` each) as one datagram; True when it went out."""
        if not self.enabled:
            return False
        assert self.address is not None
        message = "\n".join(fields).encode("utf-8", "replace")
        # A leading '@' names an abstract socket, whose real name starts with a NUL byte.
        target = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
                # Never wait on systemd: a full receive queue drops this message instead.
                self._sock.setblocking(False)
            self._sock.sendto(message, target)
        except BlockingIOError:
            logger.debug("notify status=dropped reason=busy")
            return False
        except OSError as exc:
            self._broken = True
            logger.warning("notify status=failed socket=%r error=%r; no further notifications",
                           self.address, str(exc))
            self.close()
            return False
        return True

    def ready(self, status: str | None = None) -> bool:
        return self.send("READY=1", *_status(status))

    def status(self, status: str) -> bool:
        return self.send(*_status(status))

    def reloading(self) -> bool:
        # systemd 253 and later want the monotonic clock with RELOADING=1, to tell this
        # reload from an older one; earlier versions ignore the field.
        usec = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        return self.send("RELOADING=1", f"MONOTONIC_USEC={usec}")

    def stopping(self, status: str | None = None) -> bool:
        return self.send("STOPPING=1", *_status(status))

    def watchdog(self) -> bool:
        return self.send("WATCHDOG=1")

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def _status(status: str | None) -> tuple[str, ...]:
    if status is None:
        return ()
    # One line: a newline would start a new field of the message.
    return ("STATUS=" + " ".join(status.split()),)


def _watchdog_usec(env: dict[str, str]) -> int | None:
    """``$WATCHDOG_USEC`` when it is meant for this process (``$WATCHDOG_PID``), else None."""
    raw = env.get("WATCHDOG_USEC")
    if not raw:
        return None
    pid = env.get("WATCHDOG_PID")
    if pid and pid != str(os.getpid()):
        return None  # inherited from a parent that systemd watches, not us
    try:
        usec = int(raw)
    except ValueError:
        logger.warning("notify status=ignored WATCHDOG_USEC=%r", raw)
        return None
    return usec if usec > 0 else None
