"""Article links may reach the open internet only (tracker.ingest.addresses).

IP literals need no resolver; ``localhost`` resolves on the machine itself.
"""

from __future__ import annotations

import asyncio

import pytest

from tracker.errors import FetchError
from tracker.ingest.addresses import PRIVATE, ensure_public


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/admin",
    "http://127.8.9.10:8080/",
    "http://localhost:631/",
    "http://10.0.0.7/",
    "http://172.16.3.4/",
    "http://192.168.1.1/login",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[fe80::1]/",
    "http://[fd00::5]/",
    "http://[::ffff:127.0.0.1]/",
    "http://0.0.0.0/",
    "http://100.64.0.1/",
    "https://224.0.0.1/",
])
def test_addresses_off_the_internet_are_refused(url: str) -> None:
    with pytest.raises(FetchError) as refused:
        asyncio.run(ensure_public(url))
    assert refused.value.reason == PRIVATE


@pytest.mark.parametrize("url", ["https://8.8.8.8/", "http://93.184.215.14/news",
                                 "https://[2606:4700:4700::1111]/"])
def test_global_addresses_pass(url: str) -> None:
    asyncio.run(ensure_public(url))
