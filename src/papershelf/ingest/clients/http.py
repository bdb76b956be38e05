"""HTTP for the metadata services (Crossref, OpenAlex): timeouts, retries with backoff, one-line errors.

A timeout, a refused connection, 429 and 5xx are tried again after 1, 2, 4...
seconds (or what ``Retry-After`` asks, up to a minute); when the tries run out the
caller gets a `NetworkError` naming the service and what went wrong, and the
command writes nothing.  404 is an answer ("no such work"), not a failure.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from papershelf import __version__
from papershelf.core.errors import PapershelfError

# Crossref and OpenAlex serve clients that say who they are from a faster pool.
USER_AGENT = f"papershelf/{__version__} (mailto:papershelf@users.noreply.github.com)"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
TRIES = 4
MAX_WAIT = 60.0
RETRY_STATUS = {429, 500, 502, 503, 504}


class NetworkError(PapershelfError):
    """A service could not be reached or kept failing: one line, nothing written."""


def new_client(transport: httpx.BaseTransport | None = None) -> httpx.Client:
    return httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=TIMEOUT, transport=transport, follow_redirects=True)


class Http:
    """GETs JSON from one service with retries; ``sleep`` is replaceable so tests do not wait."""

    def __init__(self, client: httpx.Client, sleep: Callable[[float], None] = time.sleep):
        self.client = client
        self.sleep = sleep

    def get_json(self, service: str, url: str, params: dict | None = None) -> dict | None:
        """The JSON ``url`` answers, or None for 404."""
        response = self._get(service, url, params)
        return None if response is None else self._json(service, response)

    def get_text(self, service: str, url: str, params: dict | None = None) -> str | None:
        """The text ``url`` answers (a feed), or None for 404."""
        response = self._get(service, url, params)
        if response is None:
            return None
        if response.status_code >= 400:
            raise NetworkError(f"{service} answered HTTP {response.status_code} for {response.request.url}")
        return response.text

    def _get(self, service: str, url: str, params: dict | None) -> httpx.Response | None:
        """The answer to a GET, tried again after a timeout or a busy answer; None for 404."""
        problem = ""
        for attempt in range(TRIES):
            wait = float(2**attempt)
            try:
                response = self.client.get(url, params=params)
            except httpx.TimeoutException:
                problem = "timed out"
            except httpx.TransportError as exc:
                problem = f"could not connect ({exc.__class__.__name__})"
            else:
                if response.status_code == 404:
                    return None
                if response.status_code not in RETRY_STATUS:
                    return response
                problem = f"answered HTTP {response.status_code}"
                wait = _retry_after(response, wait)
            if attempt + 1 < TRIES:
                self.sleep(wait)
        raise NetworkError(f"{service} {problem} after {TRIES} tries ({url}); nothing was written")

    @staticmethod
    def _json(service: str, response: httpx.Response) -> dict:
        if response.status_code >= 400:
            raise NetworkError(f"{service} answered HTTP {response.status_code} for {response.request.url}")
        try:
            return response.json()
        except ValueError as exc:
            raise NetworkError(f"{service} answered something that is not JSON ({response.request.url})") from exc


def _retry_after(response: httpx.Response, default: float) -> float:
    try:
        return min(float(response.headers.get("Retry-After", default)), MAX_WAIT)
    except ValueError:
        return default
