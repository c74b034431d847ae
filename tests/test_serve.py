"""``kursk-tui serve``: the dashboard in a real browser, and each guard (token, Host, Origin,
CSP, no outside requests, read-only, app processes ended and reaped)."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import asynccontextmanager, suppress
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from textual_serve.download_manager import DownloadManager

from db.store import open_store
from seed import load_dataset
from tui import serve
from tui.cli import main

TOKEN = "test-token-0123456789abcdef"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# Catch xterm.js's Terminal when textual.js assigns it (`this.terminal = new Terminal(...)`) so
# that the test can read the screen from its buffer: the renderer draws to a canvas only.
READ_SCREEN = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && !window.kurskTerminal) window.kurskTerminal = value;
  },
});
window.screenText = () => {
  const terminal = window.kurskTerminal;
  if (!terminal) return "";
  const buffer = terminal.buffer.active, lines = [];
  for (let row = 0; row < terminal.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
};
"""
STOPPED_WITHIN = serve.QUIT_GRACE + serve.TERM_GRACE + 4  # seconds for every app process to be gone


class Served:
    """A ``kursk-tui serve`` subprocess on a free loopback port."""

    def __init__(self, directory: Path, db: Path, *args: str, env: dict[str, str] | None = None,
                 read_only: bool = False) -> None:
        self.out, self.err = directory / "serve.out", directory / "serve.err"
        environment = {key: value for key, value in os.environ.items() if key != serve.TOKEN_VAR}
        with self.out.open("w") as out, self.err.open("w") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tui.cli", "--db", str(db), *(["--read-only"] if read_only else []),
                 "serve", "--port", "0", *args],
                stdout=out, stderr=err, env={**environment, **(env or {})})
        deadline = time.monotonic() + 30
        while not (match := re.search(r"Open (http://\S+)", self.stdout)):
            assert self.process.poll() is None and time.monotonic() < deadline, f"no server: {self.stderr}"
            time.sleep(0.05)
        self.url = match.group(1)
        self.origin, self.token = re.fullmatch(r"(http://[^/]+)/([^/]+)/", self.url).groups()
        # The smallest terminal the dashboard supports: every app process draws less.
        self.websocket_url = self.url.replace("http://", "ws://") + "ws?width=80&height=24"

    @property
    def stdout(self) -> str:
        return self.out.read_text()

    @property
    def stderr(self) -> str:
        return self.err.read_text()

    def children(self) -> list[int]:
        return children(self.process.pid)

    def stop(self) -> int:
        """SIGTERM, as Ctrl-C or a service manager would; SIGKILL the lot if that fails."""
        if self.process.poll() is not None:
            return self.process.returncode
        leftovers = self.children()
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=STOPPED_WITHIN + 5)
        finally:
            self.process.kill()
            self.process.wait()
            for pid in leftovers:
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


def children(pid: int) -> list[int]:
    """The child processes of ``pid``, zombies (ended but not reaped) included."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError):
            continue
        if parent == pid:
            found.append(int(stat.parent.name))
    return found


def wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


async def open_viewer(session: aiohttp.ClientSession, served: Served, *, origin: str | None = None,
                      **headers: str) -> aiohttp.ClientWebSocketResponse:
    return await session.ws_connect(served.websocket_url, origin=origin or served.origin, headers=headers)


async def read_until(websocket: aiohttp.ClientWebSocketResponse, text: bytes, timeout: float = 30) -> bytes:
    """The app's output until ``text`` appears in it."""
    received = b""
    async with asyncio.timeout(timeout):
        while text not in received:
            message = await websocket.receive()
            assert message.type == aiohttp.WSMsgType.BINARY, message
            received += message.data
    return received


async def handshake_status(server: serve.DashboardServer, *, url: str | None = None, origin: str | None = None,
                           **headers: str) -> int:
    """The status of a websocket handshake with a stub_server: 101 once its app has drawn."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url or stub_websocket_url(server), origin=origin or stub_origin(server),
                                          headers=headers) as websocket:
                await read_until(websocket, b"Timeline")
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "kursk.db"
    conn = open_store(path)
    load_dataset(conn)
    conn.close()
    return path


@pytest.fixture(scope="module")
def served(store_path, tmp_path_factory):
    server = Served(tmp_path_factory.mktemp("server"), store_path, "--token", TOKEN)
    try:
        yield server
    finally:
        assert server.stop() == 0


@pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"),
                    reason="needs Debian's chromium at /usr/bin/chromium (CI installs it)")
def test_the_dashboard_works_in_chromium_and_asks_nothing_of_other_hosts(served):
    from playwright.sync_api import sync_playwright

    requests, console = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("websocket", lambda websocket: requests.append(websocket.url))
            page.on("console", lambda message: console.append(message.text))
            page.add_init_script(READ_SCREEN)
            page.goto(served.url)
            page.wait_for_function("() => screenText().includes('North Korean')", timeout=30_000)
            assert "All speakers" not in page.evaluate("screenText()")
            page.locator("textarea.xterm-helper-textarea").focus()
            page.keyboard.press("4")  # the "Who said what" pane, with its speaker facet
            page.wait_for_function("() => screenText().includes('All speakers')", timeout=15_000)
            page.keyboard.press("q")  # the app quits: the session ends, and Restart starts another
            page.wait_for_function("() => document.body.classList.contains('-closed')", timeout=15_000)
            page.get_by_text("Restart").click()
            page.wait_for_function("() => screenText().includes('North Korean')", timeout=30_000)
        finally:
            browser.close()
    assert wait_until(lambda: not served.children(), STOPPED_WITHIN)
    assert requests.count(served.url) == 2  # the page, and again after Restart
    websocket_url = served.origin.replace("http://", "ws://") + f"/{TOKEN}/ws?"
    assert all(url.startswith((served.url, websocket_url)) for url in requests), requests
    assert not [text for text in console if "Content Security Policy" in text], console


def test_the_page_and_its_assets_need_the_token(served):
    status, headers, body = get(served.url)
    assert status == 200 and b"textual.js" in body and b"googleapis" not in body
    assert headers["Cache-Control"] == "no-store" and headers["Referrer-Policy"] == "no-referrer"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self';" in csp
    assert re.findall(r"\w+://[^\s;]+", csp) == [served.origin.replace("http", "ws", 1)]
    assert get(f"{served.url}static/js/textual.js")[0] == 200
    for path in ("/", "/static/js/textual.js", f"/{TOKEN[:-1]}/", f"/{TOKEN}x/", f"/{TOKEN.upper()}/",
                 f"/wrong-{TOKEN}/static/js/textual.js"):
        status, _, body = get(served.origin + path)
        assert status == 403 and b"textual" not in body, path
    assert get(served.url[:-1])[0] == 200  # /TOKEN redirects to /TOKEN/


def test_a_foreign_host_header_is_refused(served):
    port = served.origin.rsplit(":", 1)[1]
    assert get(served.url, Host=f"localhost:{port}")[0] == 200
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1", f"127.0.0.1:{int(port) + 1}", ""):
        assert get(served.url, Host=host)[0] == 403, host




async def ignore(*args) -> None:
    pass


def stub_viewer(code: str, close=ignore) -> serve.Viewer:
    """A Viewer whose "app" is ``python -c code``."""
    return serve.Viewer([sys.executable, "-c", code], write_bytes=ignore, write_str=ignore, close=close,
                        download_manager=DownloadManager())


async def test_an_app_that_ignores_quit_and_sigterm_is_killed_and_reaped(monkeypatch):
    monkeypatch.setattr(serve, "QUIT_GRACE", 0.2)
    monkeypatch.setattr(serve, "TERM_GRACE", 0.3)
    viewer = stub_viewer("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)")
    await viewer.start(80, 24)
    pid = viewer._process.pid

    def ignores_sigterm() -> bool:
        ignored = re.search(r"SigIgn:\s*(\w+)", Path(f"/proc/{pid}/status").read_text())[1]
        return bool(int(ignored, 16) & 1 << (signal.SIGTERM - 1))

    assert await asyncio.to_thread(wait_until, ignores_sigterm, 10)
    started = time.monotonic()
    await viewer.stop()
    assert viewer._process.returncode == -signal.SIGKILL
    assert time.monotonic() - started < 3
    assert not Path(f"/proc/{pid}").exists()  # reaped, not a zombie


def stdin_recorder(path: Path) -> str:
    """Code for a stub app that writes whatever reaches its stdin to ``path`` as it comes."""
    return (f"import sys\nwith open({str(path)!r}, 'wb') as out:\n"
            "    for chunk in iter(lambda: sys.stdin.buffer.read1(65536), b''):\n"
            "        out.write(chunk); out.flush()")


async def test_a_resize_before_the_apps_first_output_is_held_until_it(tmp_path, monkeypatch):
    monkeypatch.setattr(serve, "QUIT_GRACE", 0.2)
    received = tmp_path / "stdin"
    viewer = stub_viewer(stdin_recorder(received))
    await viewer.start(80, 24)
    assert await asyncio.to_thread(wait_until, received.exists, 10)  # the stub is reading (slow under load)
    await viewer.set_terminal_size(100, 30)
    await viewer.set_terminal_size(120, 40)  # only the last size held counts
    await asyncio.sleep(0.3)
    assert b"resize" not in received.read_bytes()
    await viewer.on_data(b"the first frame")
    assert await asyncio.to_thread(wait_until, lambda: b"resize" in received.read_bytes(), 10)
    sent = received.read_bytes()
    assert b'"width": 120, "height": 40' in sent and b'"width": 100' not in sent
    await viewer.stop()


async def test_a_viewer_gone_before_the_apps_first_output_never_resizes_it(tmp_path, monkeypatch):
    # A Textual 8.2.8 app resized while it starts and then asked to quit spins until killed.
    monkeypatch.setattr(serve, "QUIT_GRACE", 0.2)
    monkeypatch.setattr(serve, "TERM_GRACE", 0.2)
    received = tmp_path / "stdin"
    viewer = stub_viewer(stdin_recorder(received))
    await viewer.start(80, 24)
    assert await asyncio.to_thread(wait_until, received.exists, 10)  # the stub is reading (slow under load)
    await viewer.set_terminal_size(100, 30)
    stopping = asyncio.ensure_future(viewer.stop())
    await asyncio.sleep(0)
    await viewer.on_data(b"the first frame, after the viewer left")
    await stopping
    sent = received.read_bytes()
    assert b"quit" in sent and b"resize" not in sent


async def test_an_app_is_asked_to_quit_only_once_its_last_resize_has_settled(tmp_path, monkeypatch):
    # Asked to quit within ~50 ms of a resize, a Textual 8.2.8 app spins until killed.
    monkeypatch.setattr(serve, "QUIT_GRACE", 0.2)
    sent: list[tuple[str, float]] = []
    send_meta = serve.Viewer.send_meta

    async def timed_send_meta(self, data):
        sent.append((data["type"], asyncio.get_running_loop().time()))
        return await send_meta(self, data)

    monkeypatch.setattr(serve.Viewer, "send_meta", timed_send_meta)
    viewer = stub_viewer(stdin_recorder(tmp_path / "stdin"))
    await viewer.start(80, 24)
    await viewer.on_data(b"the first frame")
    await viewer.set_terminal_size(100, 30)
    await viewer.stop()
    (resize, resized_at), (quit_, quit_at) = sent
    assert (resize, quit_) == ("resize", "quit") and quit_at - resized_at >= serve.RESIZE_SETTLE


async def test_an_app_that_ends_by_itself_ends_the_session():
    closed = asyncio.Event()

    async def close() -> None:
        closed.set()

    viewer = stub_viewer("raise SystemExit(3)", close=close)
    await viewer.start(80, 24)
    await asyncio.wait_for(closed.wait(), 10)
    await viewer.stop()
    assert viewer._process.returncode == 3


async def test_read_only_reaches_every_app_and_stopping_the_server_ends_them(store_path, tmp_path):
    served = Served(tmp_path, store_path, read_only=True, env={serve.TOKEN_VAR: TOKEN})
    try:
        assert served.token == TOKEN
        async with aiohttp.ClientSession() as session:
            websocket = await open_viewer(session, served)
            screen = await read_until(websocket, b"read-only")
            assert b"Timeline" in screen
            [app] = served.children()
            argv = Path(f"/proc/{app}/cmdline").read_bytes().decode().split("\0")[:-1]
            assert argv == [sys.executable, "-m", "tui.cli", "--db", str(store_path.resolve()),
                            "--fresh", "--read-only"]
            assert await asyncio.to_thread(served.stop) == 0
        assert not Path(f"/proc/{app}").exists()
    finally:
        served.stop()


def test_a_random_token_is_made_and_printed_once(store_path, tmp_path):
    served = Served(tmp_path, store_path)
    try:
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", served.token)
        assert served.stdout.count(served.token) == 1 and served.token not in served.stderr
        assert get(served.url)[0] == 200 and get(served.origin + "/")[0] == 403
    finally:
        assert served.stop() == 0


def test_binding_another_host_warns_that_there_is_no_tls(store_path, tmp_path):
    for host in ("127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"):
        assert serve.exposure_warning(host) is None, host
    for host in ("0.0.0.0", "::", "192.0.2.2", "dashboard.example"):
        assert "no TLS" in serve.exposure_warning(host) and "reverse proxy" in serve.exposure_warning(host)
    # A TEST-NET-3 address: the warning comes before the bind, which fails (nothing is exposed).
    with (tmp_path / "err").open("w") as err:
        process = subprocess.Popen([sys.executable, "-m", "tui.cli", "--db", str(store_path), "serve",
                                    "--host", "203.0.113.7", "--port", "0", "--token", TOKEN],
                                   stdout=subprocess.DEVNULL, stderr=err)
    try:
        assert process.wait(timeout=30) == 2
    finally:
        process.kill()
        process.wait()
    stderr = (tmp_path / "err").read_text()
    assert "no TLS" in stderr and "reverse proxy" in stderr and "cannot listen on 203.0.113.7" in stderr


@pytest.mark.parametrize("token", ["short", "a token with spaces in it", "slash/in/the/token/here"])
def test_an_unusable_token_is_refused(store_path, capsys, token):
    assert main(["--db", str(store_path), "serve", "--token", token]) == 2
    assert "at least 16 characters" in capsys.readouterr().err


def test_behind_a_proxy_the_public_url_is_the_origin_allowed(store_path, capsys):
    server = serve.DashboardServer(["app"], host="127.0.0.1", token=TOKEN, public_url="https://kursk.example.org/")
    server.listening_on(8000)
    assert server.url == f"https://kursk.example.org/{TOKEN}/"
    assert server.websocket_url == f"wss://kursk.example.org/{TOKEN}/ws"
    assert {"https://kursk.example.org", "http://127.0.0.1:8000", "http://localhost:8000"} <= server.origins
    assert {"kursk.example.org", "127.0.0.1:8000"} <= server.hosts and "kursk.example.org:443" not in server.hosts
    assert "connect-src 'self' wss://kursk.example.org;" in server.csp
    assert main(["--db", str(store_path), "serve", "--token", TOKEN, "--public-url", "kursk.example.org"]) == 2
    assert "--public-url must be an http:// or https:// URL" in capsys.readouterr().err


def running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


async def test_viewers_die_with_a_server_killed_by_sigkill(store_path, tmp_path):
    served, apps = Served(tmp_path, store_path, "--token", TOKEN), []
    try:
        async with aiohttp.ClientSession() as session:
            viewers = [await open_viewer(session, served) for _ in range(2)]
            await asyncio.gather(*(read_until(websocket, b"Timeline") for websocket in viewers))
            apps = served.children()
            assert len(apps) == 2
            served.process.send_signal(signal.SIGKILL)  # no handler runs: the kernel ends the viewers
            served.process.wait()
            assert await asyncio.to_thread(wait_until, lambda: not any(map(running, apps)), 10), \
                [pid for pid in apps if running(pid)]
    finally:
        served.stop()
        for pid in filter(running, apps):  # only when the test fails
            os.kill(pid, signal.SIGKILL)


# An app process that says what the dashboard's first frame says and ends when asked to quit:
# the server's handling of what a browser sends does not depend on the app behind it.
STUB_APP = """
import sys, time
time.sleep(float(sys.argv[1]))
sys.stdout.buffer.write(b"__GANGLION__\\n" + b"D" + len(b"Timeline").to_bytes(4, "big") + b"Timeline")
sys.stdout.flush()
while (chunk := sys.stdin.buffer.read1(4096)) and b'"quit"' not in chunk:
    pass
"""


@asynccontextmanager
async def stub_server(max_viewers: int = 10, draws_after: float = 0.0):
    """A DashboardServer in this process, on a free loopback port, whose viewers each get STUB_APP
    (its first output ``draws_after`` seconds after it starts)."""
    server = serve.DashboardServer([sys.executable, "-c", STUB_APP, str(draws_after)], host="127.0.0.1",
                                   token=TOKEN, max_viewers=max_viewers)
    runner = web.AppRunner(server.make_app())
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        server.listening_on(runner.addresses[0][1])
        yield server
    finally:
        await runner.cleanup()


def stub_origin(server: serve.DashboardServer) -> str:
    return f"http://127.0.0.1:{server.port}"


def stub_websocket_url(server: serve.DashboardServer) -> str:
    return server.websocket_url + "?width=80&height=24"


async def stub_viewer_socket(session: aiohttp.ClientSession, server: serve.DashboardServer):
    return await session.ws_connect(stub_websocket_url(server), origin=stub_origin(server))


def app_processes_started(monkeypatch) -> list[asyncio.subprocess.Process]:
    """The app processes viewers start from now on, in the order they start."""
    started = []
    open_app_process = serve.Viewer._open_app_process

    async def recorded(self, *args, **kwargs):
        started.append(process := await open_app_process(self, *args, **kwargs))
        return process

    monkeypatch.setattr(serve.Viewer, "_open_app_process", recorded)
    return started


async def test_the_websocket_needs_the_token_the_origin_and_the_host():
    """The guard is the server's, whatever app its viewers run (stub apps here; the page and its
    assets are checked on ``kursk-tui serve`` itself, and the dashboard through it in Chromium)."""
    async with stub_server() as server:
        port = server.port
        assert await handshake_status(server, origin="http://evil.example") == 403
        assert await handshake_status(server, origin=f"http://evil.example:{port}") == 403
        assert await handshake_status(server, origin=f"https://127.0.0.1:{port}") == 403
        assert await handshake_status(server, origin="null") == 403
        assert await handshake_status(server, Host=f"evil.example:{port}") == 403
        wrong = stub_websocket_url(server).replace(TOKEN, TOKEN[::-1])
        assert await handshake_status(server, url=wrong) == 403
        assert await handshake_status(server, origin=f"http://localhost:{port}") == 101
        assert await handshake_status(server) == 101


async def test_viewers_gone_at_any_moment_leave_no_app_process_behind(monkeypatch):
    """Stub apps that draw 0.3 s after they start (a dashboard takes a little longer): viewers
    gone before, about when and after the first output each leave an app that quits when asked
    (a Textual 8.2.8 app resized while it starts and then asked to quit spins until killed, so
    the server holds the resize: Viewer.set_terminal_size)."""
    started = app_processes_started(monkeypatch)
    async with stub_server(draws_after=0.3) as server, aiohttp.ClientSession() as session:
        staying = [await stub_viewer_socket(session, server) for _ in range(2)]
        await asyncio.gather(*(read_until(websocket, b"Timeline") for websocket in staying))
        assert [process.returncode for process in started] == [None, None]
        for delay in (0.0, 0.1, 0.2, 0.3, 0.4):
            websocket = await stub_viewer_socket(session, server)
            await websocket.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
            await asyncio.sleep(delay)
            await websocket.close()
        for websocket in staying:
            await websocket.close()
        assert await asyncio.to_thread(wait_until, lambda: not server.viewers, STOPPED_WITHIN), server.viewers
    # Asked to quit, each ended by itself (after SIGTERM or SIGKILL it would end non-zero), and was reaped.
    assert [process.returncode for process in started] == [0] * 7
    assert [process.pid for process in started if Path(f"/proc/{process.pid}").exists()] == []


async def test_a_malformed_message_ends_that_session_only():
    async with stub_server() as server, aiohttp.ClientSession() as session:
        other, websocket = [await stub_viewer_socket(session, server) for _ in range(2)]
        await asyncio.gather(*(read_until(viewer, b"Timeline") for viewer in (other, websocket)))
        await websocket.send_str("not json")
        async with asyncio.timeout(15):
            while (await websocket.receive()).type == aiohttp.WSMsgType.BINARY:
                pass
        assert websocket.closed
        assert await asyncio.to_thread(wait_until, lambda: len(server.viewers) == 1, STOPPED_WITHIN), server.viewers
        assert not other.closed
        assert await handshake_status(server) == 101
        await other.close()


@pytest.mark.parametrize("message", [["stdin", 5], ["resize", [1, 2]], ["resize"], [7, "x"], [], {"stdin": "q"}])
async def test_a_malformed_message_raises_nothing_unhandled(message, caplog):
    """Each kind of malformed message ends its session, logged, with nothing raised unhandled."""
    async with stub_server() as server, aiohttp.ClientSession() as session:
        websocket = await stub_viewer_socket(session, server)
        await read_until(websocket, b"Timeline")
        [viewer] = server.viewers
        await websocket.send_str(json.dumps(message))
        async with asyncio.timeout(15):
            while (await websocket.receive()).type == aiohttp.WSMsgType.BINARY:
                pass
        # Asked to quit, the app process ended by itself (after SIGTERM or SIGKILL it would end non-zero).
        assert await asyncio.wait_for(viewer._process.wait(), STOPPED_WITHIN) == 0
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []
    assert any("malformed message" in record.getMessage() for record in caplog.records)


async def test_one_viewer_more_than_the_cap_is_told_the_server_is_full():
    """The cap is the server's count of its viewers, whatever app they run (stub apps here)."""
    async with stub_server(max_viewers=2) as server, aiohttp.ClientSession() as session:
        viewers = [await stub_viewer_socket(session, server) for _ in range(2)]
        await asyncio.gather(*(read_until(websocket, b"Timeline") for websocket in viewers))
        extra = await stub_viewer_socket(session, server)
        message = await extra.receive()
        assert b"The server is full: 2 viewers are connected" in message.data
        assert (await extra.receive()).type == aiohttp.WSMsgType.CLOSE and extra.close_code == serve.FULL_CLOSE_CODE
        assert len(server.viewers) == 2
        await viewers[0].close()
        assert await asyncio.to_thread(wait_until, lambda: len(server.viewers) == 1, STOPPED_WITHIN)
        again = await stub_viewer_socket(session, server)
        await read_until(again, b"Timeline")
        for websocket in (viewers[1], again):
            await websocket.close()


def test_max_viewers_reaches_the_server_and_below_one_is_refused(store_path, capsys, monkeypatch):
    made = []

    async def stopped_at_once(server: serve.DashboardServer, port: int) -> int:
        made.append(server)
        return 0

    monkeypatch.setattr(serve.DashboardServer, "run", stopped_at_once)
    assert main(["--db", str(store_path), "serve", "--token", TOKEN, "--max-viewers", "3"]) == 0
    assert [server.max_viewers for server in made] == [3]
    assert main(["--db", str(store_path), "serve", "--token", TOKEN, "--max-viewers", "0"]) == 2
    assert "--max-viewers must be at least 1" in capsys.readouterr().err
