"""JupyterLab is where users work: the server starts, sees the notebooks and runs the package."""
from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url: str, token: str, method: str = "GET", body: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": f"token {token}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        payload = response.read()
        return json.loads(payload) if payload else None


def run_code(ws_url: str, token: str, code: str) -> tuple[str, str]:
    """Execute code in a running kernel over the Jupyter websocket protocol; (status, stdout)."""
    from tornado import ioloop
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    async def execute() -> tuple[str, str]:
        connection = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {token}"}))
        msg_id = uuid.uuid4().hex
        connection.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False},
        }))
        stdout, status = "", None
        deadline = time.monotonic() + 60
        while status is None and time.monotonic() < deadline:
            message = json.loads(await connection.read_message())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "stream":
                stdout += message["content"]["text"]
            elif message["msg_type"] == "execute_reply":
                status = message["content"]["status"]
        connection.close()
        return status or "timeout", stdout

    return ioloop.IOLoop.current().run_sync(execute, timeout=90)


@pytest.mark.slow
def test_jupyterlab_serves_notebooks_and_runs_the_package(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
               "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={ROOT}", "--ServerApp.port_retries=0"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        status = None
        for _ in range(120):
            try:
                status = get_json(f"{base}/api/status", token)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("jupyter lab exited: " + server.stdout.read().decode(errors="replace"))
                time.sleep(0.5)
        assert status is not None and "started" in status

        listing = get_json(f"{base}/api/contents/notebooks", token)
        names = sorted(item["name"] for item in listing["content"])
        assert "01_load_and_clean.ipynb" in names

        kernel = get_json(f"{base}/api/kernels", token, method="POST", body={"name": "python3"})
        ws_url = f"ws://127.0.0.1:{port}/api/kernels/{kernel['id']}/channels"
        outcome, output = run_code(ws_url, token, "import analysis; print(analysis.clean_text('x').text)")
        assert (outcome, output.strip()) == ("ok", "x")
        get_json(f"{base}/api/kernels/{kernel['id']}", token, method="DELETE")
        get_json(f"{base}/api/shutdown", token, method="POST")
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
