"""Serving the editor: a socket on loopback (or the ``--host`` asked for), a fresh token, the
watcher, uvicorn until Ctrl-C."""

from __future__ import annotations

import socket
import webbrowser
from collections.abc import Callable
from pathlib import Path

from papershelf.core.errors import PapershelfError
from papershelf.edit.editor import Editor
from papershelf.serve.app import create_app
from papershelf.serve.security import LOOPBACK_NAMES, Secret, new_token
from papershelf.serve.watch import Watcher


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise PapershelfError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(128)
    return sock


def address(host: str, port: int, token: str) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/?token={token}"


def serve(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    git: bool = False,
    open_browser: bool = True,
    said: Callable[[str], None] = print,
) -> None:
    """Serve the editor of the library at ``root`` until Ctrl-C."""
    import uvicorn

    editor = Editor(root, git=git)
    secret = Secret(new_token())
    hosts = LOOPBACK_NAMES if host in LOOPBACK_NAMES else (*LOOPBACK_NAMES, host.lower())
    watcher = Watcher(editor.root)
    app = create_app(editor, secret, hosts, watcher)
    sock = listening_socket(host, port)
    url = address(host, sock.getsockname()[1], secret.token)
    if host not in LOOPBACK_NAMES:
        said(f"warning: listening on {host}, not only on this machine: anyone who has the token can edit the list")
    said(f"papershelf serve: {url}")
    said("(the token in that address is the key to the editor; Ctrl-C stops)")
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    watcher.start()
    if open_browser:
        webbrowser.open(url)
    try:
        server.run(sockets=[sock])
    finally:
        watcher.stop()
        sock.close()
