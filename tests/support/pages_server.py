"""A small web server on 127.0.0.1 serving the pages of tests/pages, and pages that misbehave.

Link ingestion is tested against it, so no test reaches the internet. Each misbehaviour is one path:
redirects (to a page, to a `file:` address, in a loop), a page too large (said, or only found out while
reading), a page that trickles in slower than the time limit, a PDF, and a missing page.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parent.parent / "pages"
BIG = 200_000  # bytes of the oversized pages; tests set max_bytes below it


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path.split("?", 1)[0]
        page = PAGES / f"{path.strip('/')}.html"
        if "/" not in path.strip("/") and page.is_file():
            self._send(200, "text/html; charset=utf-8", page.read_bytes())
        elif path == "/moved":
            self._redirect("/zebulon-en")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path.startswith("/loop"):
            self._redirect(f"/loop{len(path)}")
        elif path == "/big-said":
            self._send(200, "text/html", b"<p>" + b"x" * BIG + b"</p>")
        elif path == "/big-unsaid":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: the reader finds out while reading
            for _ in range(BIG // 10_000):
                self.wfile.write(b"y" * 10_000)
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):  # 4 seconds in all, a few bytes at a time
                self.wfile.write(b"<p>.</p>")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4 not an article")
        elif path == "/plain":
            self._send(200, "text/plain; charset=utf-8", (PAGES / "undated.html").read_bytes())
        else:
            self._send(404, "text/html", b"<h1>Not found</h1>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the tests read what the fetcher says, not the server's log."""


@contextmanager
def serving() -> Iterator[str]:
    """The server's base URL (http://127.0.0.1:PORT) while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="test-pages", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
