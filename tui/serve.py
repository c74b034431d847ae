"""``kursk-tui serve``: the dashboard in a web browser, one app process per viewer (textual-serve).

Every URL starts with the access token (``/TOKEN/``, ``/TOKEN/ws``, ``/TOKEN/static/...``), so
the page's relative links carry it and one check guards the page, the websocket and the assets
alike; any other path, or a ``Host`` this server does not answer to (DNS rebinding), is a 403.
The websocket also refuses an ``Origin`` other than the server's own. Nothing is loaded from
other hosts, and the Content-Security-Policy says so.
"""

from __future__ import annotations

import asyncio
import ctypes
import hmac
import ipaddress
import json
import logging
import os
import re
import secrets
import shlex
import signal
import sys
from contextlib import suppress
from pathlib import Path
from string import Template

import aiohttp
import textual_serve
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int
from yarl import URL

from db.store import StoreError, check_read_only
from tui.cli.output import tell

TOKEN_VAR = "KURSK_TUI_TOKEN"
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_.~-]{16,}")  # what a path segment holds unquoted
QUIT_GRACE = 2.0  # seconds an app process has to quit when asked, then to end after SIGTERM:
TERM_GRACE = 3.0  # a Textual 8.2.8 app asked to quit just after a resize can spin and ignore SIGTERM
RESIZE_SETTLE = 0.25  # seconds after a resize before an app is asked to quit (it spins if asked sooner)
MAX_CELLS = 1000  # the most columns or rows a browser may ask an app for
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
STATIC = Path(textual_serve.__file__).parent / "static"  # xterm.js, its CSS, Roboto Mono
STATIC_FILES = {path.relative_to(STATIC).as_posix(): path for path in STATIC.rglob("*") if path.is_file()}
PAGE = Template((Path(__file__).with_name("serve_page.html")).read_text(encoding="utf-8"))
# textual.js injects its own <style> elements (style-loader, xterm's renderer): hence
# 'unsafe-inline' for styles only. Scripts come from this server and nowhere else.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
       "img-src 'self'; connect-src 'self' {websocket}; base-uri 'none'; form-action 'none'; "
       "frame-ancestors 'none'")

FULL_CLOSE_CODE = 1013  # websocket "try again later"
PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal a process gets when its parent dies
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None

log = logging.getLogger("kursk-tui.serve")


def die_with_parent(parent: int) -> None:
    """In a viewer's app process, between fork and exec: be killed when the server dies,
    even by SIGKILL (which runs no clean-up), and end at once if it already has."""
    if _LIBC is not None and _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0 \
            and os.getppid() != parent:
        os._exit(1)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """What to tell the user when ``host`` lets other machines connect, else None."""
    if is_loopback(host):
        return None
    return (f"kursk-tui: warning: serving on {host}, reachable from other machines, over plain HTTP: "
            "there is no TLS, so the token and everything on screen cross the network readable by "
            "anyone on the way. For a team, bind 127.0.0.1 and put a reverse proxy with TLS and a "
            "login in front (and pass its address with --public-url). Requests that name another "
            "host than the printed URL's (or --public-url's) are refused.")


def _authority(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def _origin(url: str | URL) -> str:
    return str(URL(url).origin()).lower()  # yarl drops a default port, as browsers do


def _cells(value: object, default: int) -> int:
    return max(1, min(to_int(str(value), default), MAX_CELLS))


class Viewer(AppService):
    """One viewer's app process, launched with ``argv`` and ended when the viewer leaves:
    asked to quit, then SIGTERM, then SIGKILL, and reaped."""

    def __init__(self, argv: list[str], **kwargs) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = argv
        self._stopping: asyncio.Future[None] | None = None
        self._drawn = False  # the app has sent its first output
        self._size_held: tuple[int, int] | None = None
        self._resized_at = -RESIZE_SETTLE  # the event loop's time of the last resize sent

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        environment = self._build_environment(width=width, height=height)
        environment.pop(TOKEN_VAR, None)
        pipe = asyncio.subprocess.PIPE
        server = os.getpid()
        # The event loop's thread forks (the parent-death signal follows the forking thread).
        self._process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=pipe, stdout=pipe, stderr=pipe, env=environment,
            preexec_fn=lambda: die_with_parent(server))
        self._stdin = self._process.stdin
        return self._process

    async def run(self) -> None:
        await super().run()
        await self.remote_close()  # the app has ended (quit or crashed): so has the session

    async def set_terminal_size(self, width: int, height: int) -> None:
        """Resize the app; a resize before its first output is held until then. A Textual 8.2.8
        app resized while it starts, or asked to quit within ~50 ms of a resize, spins at full
        CPU until killed (5 s, QUIT_GRACE + TERM_GRACE), which a browser that connects and
        leaves at once would cause: see also ``_stop``."""
        size = (_cells(width, 80), _cells(height, 24))
        if self._drawn:
            await self._resize(*size)
        else:
            self._size_held = size

    async def _resize(self, width: int, height: int) -> None:
        self._resized_at = asyncio.get_running_loop().time()
        await super().set_terminal_size(width, height)

    async def on_data(self, payload: bytes) -> None:
        if not self._drawn:
            self._drawn = True
            if self._size_held is not None and self._stopping is None:
                await self._resize(*self._size_held)
        await super().on_data(payload)

    async def stop(self) -> None:
        # Called by the websocket handler and by the server's shutdown: one stop, shielded so
        # that a cancelled caller cannot leave the process running.
        if self._process is None:
            return
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self._stopping)

    def kill(self) -> None:
        if self._process is not None and self._process.returncode is None:
            self._process.kill()

    async def _stop(self) -> None:
        process = self._process
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        await asyncio.sleep(self._resized_at + RESIZE_SETTLE - asyncio.get_running_loop().time())
        with suppress(TimeoutError):  # a hung app may not drain its stdin
            await asyncio.wait_for(self.send_meta({"type": "quit"}), QUIT_GRACE)
        for signum, grace in ((None, QUIT_GRACE), (signal.SIGTERM, TERM_GRACE), (signal.SIGKILL, None)):
            if signum is not None:
                log.warning("app process %d did not end; sending %s", process.pid, signum.name)
                with suppress(ProcessLookupError):
                    process.send_signal(signum)
            with suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), grace)
            if process.returncode is not None:
                break
        if self._task is not None:
            await self._task


class DashboardServer(Server):
    """textual-serve's server, with the token, Host and Origin checks, the CSP and local assets."""

    def __init__(self, argv: list[str], *, host: str, token: str, public_url: str | None = None,
                 max_viewers: int = 10) -> None:
        super().__init__(shlex.join(argv), host=host, title="kursk-tui", public_url=public_url)
        self.argv = argv
        self.token = token
        self.given_public_url = public_url
        self.max_viewers = max_viewers
        self.viewers: set[Viewer] = set()

    def listening_on(self, port: int) -> None:
        """Derive the URL, the allowed origins and hosts, and the CSP from the bound port."""
        self.port = port
        self.public_url = (self.given_public_url or f"http://{_authority(self.host, port)}").rstrip("/")
        names = (self.host, *LOOPBACK_NAMES) if is_loopback(self.host) else (self.host,)
        self.origins = {_origin(f"http://{_authority(name, port)}") for name in names} | {_origin(self.public_url)}
        self.hosts = {origin.split("://", 1)[1] for origin in self.origins}
        url = URL(self.public_url)
        self.websocket_url = str(url.with_scheme("wss" if url.scheme == "https" else "ws")) + f"/{self.token}/ws"
        self.csp = CSP.format(websocket=_origin(self.websocket_url))

    @property
    def url(self) -> str:
        return f"{self.public_url}/{self.token}/"

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.add_routes([
            web.get("/{token}", self.handle_no_slash),
            web.get("/{token}/", self.handle_index),
            web.get("/{token}/ws", self.handle_websocket),
            web.get("/{token}/static/{name:.+}", self.handle_static),
        ])
        app.on_response_prepare.append(self.add_headers)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        token = request.path.lstrip("/").partition("/")[0]
        if (request.headers.get("Host", "").lower() not in self.hosts
                or not hmac.compare_digest(token.encode(), self.token.encode())):
            raise web.HTTPForbidden()
        return await handler(request)

    async def add_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update({"Content-Security-Policy": self.csp, "Referrer-Policy": "no-referrer",
                                 "X-Content-Type-Options": "nosniff"})

    async def handle_no_slash(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(f"{self.token}/")  # the page's links are relative to /TOKEN/

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        font_size = max(6, min(to_int(request.query.get("fontsize", "16"), 16), 64))
        # The token is URL-safe (TOKEN_PATTERN), so it needs no escaping in the attribute.
        page = PAGE.substitute(websocket_url=self.websocket_url, font_size=font_size)
        return web.Response(text=page, content_type="text/html", headers={"Cache-Control": "no-store"})

    async def handle_static(self, request: web.Request) -> web.StreamResponse:
        path = STATIC_FILES.get(request.match_info["name"])
        if path is None:
            raise web.HTTPNotFound()
        return web.FileResponse(path)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("Origin", "").lower() not in self.origins:
            raise web.HTTPForbidden()
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if len(self.viewers) >= self.max_viewers:
            # Said on the terminal the page shows, and as the close reason for other clients.
            message = f"The server is full: {self.max_viewers} viewers are connected. Try again later."
            await websocket.send_bytes(f"\r\n{message}\r\n".encode())
            await websocket.close(code=FULL_CLOSE_CODE, message=b"the server is full")
            return websocket
        viewer = Viewer(self.argv, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                        close=websocket.close, download_manager=self.download_manager)
        self.viewers.add(viewer)
        try:
            await viewer.start(_cells(request.query.get("width"), 80), _cells(request.query.get("height"), 24))
            await self._process_messages(websocket, viewer)
        except MalformedMessage as error:
            log.warning("closing a session after a malformed message: %s", error)
        finally:
            await viewer.stop()
            self.viewers.discard(viewer)
            await websocket.close()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """The browser's messages to its app: each checked before it is acted on, since a
        page is a client like any other; a malformed one ends the session."""
        async for message in websocket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            kind, data = envelope(message.data)
            if kind == "stdin":
                await app_service.send_bytes(text_of(data).encode("utf-8"))
            elif kind == "resize":
                await app_service.set_terminal_size(*size_of(data))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    async def on_shutdown(self, app: web.Application) -> None:
        viewers = list(self.viewers)
        await asyncio.gather(*(viewer.stop() for viewer in viewers))
        await asyncio.gather(*(viewer.remote_close() for viewer in viewers), return_exceptions=True)

    async def run(self, port: int) -> int:
        runner = web.AppRunner(self.make_app(), access_log=None,  # an access log would record the token
                               shutdown_timeout=QUIT_GRACE + TERM_GRACE + 5)
        await runner.setup()
        try:
            try:
                await web.TCPSite(runner, self.host, port).start()
            except OSError as error:
                tell(f"cannot listen on {_authority(self.host, port)}: {error.strerror or error}", prefix=True)
                return 2
            self.listening_on(runner.addresses[0][1])
            tell("serving the dashboard, one app process per viewer; Ctrl+C stops.", file=sys.stdout, prefix=True)
            tell(f"Open {self.url}", file=sys.stdout)
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(signum, stop.set)
            await stop.wait()
        finally:
            await runner.cleanup()
            for viewer in self.viewers:  # one whose handler was cancelled at shutdown, if any
                viewer.kill()
        return 0


class MalformedMessage(ValueError):
    """A websocket message that is not one of textual.js's."""


def envelope(raw: str) -> tuple[str, object]:
    """``[kind, data]`` from a message's JSON (``data`` None when absent)."""
    try:
        parsed = json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise MalformedMessage("not JSON") from error
    if not isinstance(parsed, list) or not parsed or not isinstance(parsed[0], str):
        raise MalformedMessage("not a [kind, data] list")
    return parsed[0], parsed[1] if len(parsed) > 1 else None


def text_of(data: object) -> str:
    if not isinstance(data, str):
        raise MalformedMessage(f"stdin data is {type(data).__name__}, not a string")
    return data


def size_of(data: object) -> tuple[int, int]:
    if not isinstance(data, dict):
        raise MalformedMessage("resize data is not an object")
    return _cells(data.get("width"), 80), _cells(data.get("height"), 24)


def serve(*, db: Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          public_url: str | None = None, read_only: bool = False, max_viewers: int = 10) -> int:
    """Serve the dashboard on ``db`` until SIGINT/SIGTERM/SIGHUP; the exit status."""
    token = token or os.environ.get(TOKEN_VAR) or secrets.token_urlsafe(32)
    if not TOKEN_PATTERN.fullmatch(token):
        tell("the token must be at least 16 characters from A-Z a-z 0-9 - _ . ~", prefix=True)
        return 2
    if public_url is not None and (URL(public_url).scheme not in ("http", "https") or not URL(public_url).host):
        tell(f"--public-url must be an http:// or https:// URL, not {public_url!r}", prefix=True)
        return 2
    if max_viewers < 1:
        tell("--max-viewers must be at least 1", prefix=True)
        return 2
    db = Path(db).resolve()
    if read_only:
        try:
            check_read_only(db)
        except StoreError as error:
            tell(str(error), prefix=True)
            return 2
    if warning := exposure_warning(host):
        tell(warning)
    argv = [sys.executable, "-m", "tui.cli", "--db", str(db), "--fresh", *(["--read-only"] if read_only else [])]
    server = DashboardServer(argv, host=host, token=token, public_url=public_url, max_viewers=max_viewers)
    return asyncio.run(server.run(port))
