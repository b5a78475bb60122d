"""A minimal asyncio HTTP/1.1 client for the load benchmarks.

The load generator shares the two cores with the server it measures, so every millisecond of
client CPU is taken from the server. httpx is a full client (cookie jar, redirects, URL and
header models, HTTP/2) and costs several times more CPU per request than this one, which only
writes a request and reads ``Content-Length`` bytes back. Plain HTTP on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine
from dataclasses import dataclass
from urllib.parse import urlencode

import uvloop


@dataclass
class Response:
    status_code: int
    headers: dict[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.content)


class Client:
    """One learner's connection. Keeps the connection open when the server allows it (gthread
    workers); sync workers close it after every response, and the next request reconnects."""

    def __init__(self, host: str, port: int, *, headers: dict[str, str], timeout: float = 60):
        self.host, self.port, self.timeout = host, port, timeout
        self.fixed = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        self.fixed += f"Host: {host}:{port}\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, *, data=None, json_body=None) -> Response:
        body = b""
        extra = ""
        if json_body is not None:
            body = json.dumps(json_body).encode()
            extra = "Content-Type: application/json\r\n"
        elif data is not None:
            body = urlencode(data).encode()
            extra = "Content-Type: application/x-www-form-urlencoded\r\n"
        head = f"{method} {path} HTTP/1.1\r\n{self.fixed}{extra}Content-Length: {len(body)}\r\n\r\n"
        # A deadline on this task, not wait_for's extra task per request.
        async with asyncio.timeout(self.timeout):
            return await self._exchange(head.encode() + body)

    async def _exchange(self, payload: bytes) -> Response:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        try:
            self.writer.write(payload)
            try:
                # The status line and the headers in one read.
                head = await self.reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError as error:
                raise ConnectionResetError("connection closed before the response") from error
            status_line, *lines = head.decode("latin-1").split("\r\n")
            status = int(status_line.split(" ", 2)[1])
            headers: dict[str, str] = {}
            for line in lines:
                if line:
                    name, _sep, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
            if "content-length" in headers:
                content = await self.reader.readexactly(int(headers["content-length"]))
            else:
                content = await self.reader.read()
        except BaseException:
            await self.close()
            raise
        if headers.get("connection", "").lower() == "close" or "content-length" not in headers:
            await self.close()
        return Response(status, headers, content)

    async def close(self) -> None:
        writer, self.reader, self.writer = self.writer, None, None
        if writer is not None:
            writer.close()
            try:
                await writer.wait_closed()
            except OSError:
                pass


def run(main: Coroutine):
    """asyncio.run on uvloop's event loop, which takes about half the client CPU per request
    that asyncio's own does: CPU the server being measured has instead."""
    return uvloop.run(main)
