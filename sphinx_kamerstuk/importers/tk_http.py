"""One page over HTTP for ``import-tk --online``: retries of 429, 5xx and timeouts with a
growing wait, a deadline for each request from connecting to the last byte and one for
the whole import, redirects only on the server first asked, and a bounded body."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import partial
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from typing import TYPE_CHECKING, Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import HTTPHandler, HTTPRedirectHandler, HTTPSHandler, Request, build_opener

from sphinx_kamerstuk import __version__
from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.importers.source import MAX_BYTES, SourceError

if TYPE_CHECKING:
    from collections.abc import Callable
    from http.client import HTTPMessage, HTTPResponse
    from typing import IO
    from urllib.request import OpenerDirector

#: Attempts per page on 429, 5xx and timeouts; the waits double from BACKOFF seconds.
ATTEMPTS = 5
BACKOFF = 1.0
MAX_WAIT = 60.0


@dataclass(frozen=True)
class Limits:
    """What bounds an online import: per request, in all, and where it may go."""

    timeout: float
    deadline: float
    #: ``time.monotonic()`` when the import must have finished.
    ends: float
    origin: tuple[str, str]
    sleep: Callable[[float], object]
    #: The largest answer read.
    max_bytes: int = MAX_BYTES


def origin_of(url: str) -> tuple[str, str]:
    """Scheme and host (with port) of a URL, as a browser compares origins."""
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def get(url: str, limits: Limits) -> bytes:
    """One page's body, retrying 429, 5xx and timeouts with a growing wait."""
    request = Request(
        url,
        headers={
            'Accept': 'application/json',
            'User-Agent': f'sphinx-kamerstuk/{__version__}',
        },
    )
    failure = ''
    for attempt in range(1, ATTEMPTS + 1):
        wait = BACKOFF * 2 ** (attempt - 1)
        seconds = min(limits.timeout, limits.ends - time.monotonic())
        if seconds <= 0:
            break
        try:
            return _open(request, seconds, limits)
        except _Status as status:
            if status.code != 429 and status.code < 500:
                raise SourceError(
                    f'{url}: HTTP {status.code} {status.reason}{status.message}'
                ) from None
            failure = f'HTTP {status.code} {status.reason}'
            wait = _retry_after(status.retry_after, wait)
        except TimeoutError:
            failure = _('no complete answer within %g s') % seconds
        except URLError as exc:
            if not isinstance(exc.reason, TimeoutError):
                raise SourceError(f'{url}: ' + _('cannot connect: %s') % exc.reason) from None
            failure = _('no complete answer within %g s') % seconds
        except (HTTPException, OSError) as exc:
            raise SourceError(
                f'{url}: ' + _('the connection failed: %s') % (exc or type(exc).__name__)
            ) from None
        except SourceError:
            raise
        except (ValueError, OverflowError) as exc:  # a URL http.client cannot use
            raise SourceError(f'{url}: ' + _('cannot be asked: %s') % exc) from None
        if attempt == ATTEMPTS:
            raise SourceError(
                f'{url}: '
                + _('%(failure)s (%(attempts)d attempts)')
                % {'failure': failure, 'attempts': ATTEMPTS}
            )
        wait = min(wait, MAX_WAIT)
        if time.monotonic() + wait >= limits.ends:
            break
        limits.sleep(wait)
    after = ' ' + _('(last: %s)') % failure if failure else ''
    raise SourceError(
        f'{url}: ' + _('the import did not finish within %g s; stopped') % limits.deadline + after
    )


class _Status(Exception):
    """An HTTP error answer: its status, the server's explanation, when to ask again."""

    def __init__(self, code: int, reason: str, message: str, retry_after: str | None) -> None:
        super().__init__(code)
        self.code, self.reason, self.message, self.retry_after = code, reason, message, retry_after


def _open(request: Request, seconds: float, limits: Limits) -> bytes:
    """The body of one request, which must be complete within ``seconds``: a socket
    timeout bounds each read only, not a server that sends a byte a second."""
    watch = _Watch(seconds)
    opener = build_opener(_SameOrigin(limits.origin), _WatchedHTTP(watch), _WatchedHTTPS(watch))
    watch.start()
    try:
        return _answer(opener, request, seconds, limits.max_bytes)
    except (OSError, HTTPException, SourceError):
        if watch.expired:
            raise TimeoutError from None
        raise
    finally:
        watch.cancel()


def _answer(opener: OpenerDirector, request: Request, seconds: float, max_bytes: int) -> bytes:
    try:
        response = opener.open(request, timeout=seconds)
    except HTTPError as exc:
        with exc:
            raise _Status(
                exc.code, str(exc.reason), _odata_message(exc), exc.headers.get('Retry-After')
            ) from None
    with response:
        return _body(response, request.full_url, max_bytes)


class _Watch:
    """Shuts the sockets of one request when its time is up, wherever it is waiting
    (connecting, headers, body), so that the read in progress ends at once."""

    def __init__(self, seconds: float) -> None:
        self.sockets: list[socket.socket] = []
        self.expired = False
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True

    def start(self) -> None:
        self.timer.start()

    def cancel(self) -> None:
        self.timer.cancel()

    def add(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                _shut(sock)

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    # the plain socket's shutdown, also under TLS: the reading thread owns the TLS state
    with contextlib.suppress(OSError):  # closed already
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watched(HTTPConnection):
    """A connection whose socket its request's watch can shut."""

    def __init__(self, *args: Any, watch: _Watch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.watch = watch

    def connect(self) -> None:
        super().connect()
        self.watch.add(self.sock)


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class _WatchedHTTP(HTTPHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def http_open(self, req: Request) -> HTTPResponse:
        return self.do_open(partial(_WatchedHTTPConnection, watch=self.watch), req)


class _WatchedHTTPS(HTTPSHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def https_open(self, req: Request) -> HTTPResponse:
        return self.do_open(
            partial(_WatchedHTTPSConnection, watch=self.watch),
            req,
            context=self._context,  # type: ignore[attr-defined]  # not in typeshed
        )


class _SameOrigin(HTTPRedirectHandler):
    """Follow a redirect only on the server first asked, as for ``@odata.nextLink``."""

    def __init__(self, origin: tuple[str, str]) -> None:
        super().__init__()
        self.origin = origin

    def redirect_request(
        self, req: Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> Request | None:
        if origin_of(newurl) != self.origin:
            fp.close()
            raise SourceError(
                f'{req.full_url}: ' + _('redirected to another server: %s; refused') % newurl
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _body(response: HTTPResponse, url: str, max_bytes: int) -> bytes:
    """The whole body, or an error when it is cut off or too large."""
    data = response.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(
            f'{url}: ' + _('the answer is larger than %d MB: refused') % (max_bytes // 2**20)
        )
    expected = response.headers.get('Content-Length', '')
    if expected.isdigit() and len(data) < int(expected):
        raise SourceError(
            f'{url}: '
            + _('the answer was cut off after %(got)d of %(expected)s bytes')
            % {'got': len(data), 'expected': expected}
        )
    return data


def _retry_after(header: str | None, default: float) -> float:
    """Seconds to wait: ``Retry-After`` as seconds or as an HTTP date, else ``default``."""
    if not header:
        return default
    if header.strip().isdigit():
        return float(header)
    try:
        moment = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return default
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _odata_message(error: HTTPError) -> str:
    """The server's own explanation, when it sent an OData error body."""
    try:
        message = json.loads(error.read(65536))['error']['message']
    except (ValueError, KeyError, TypeError, OSError):
        return ''
    return f': {message}' if isinstance(message, str) else ''
