"""The schemas in a real editor backend: the YAML language server (the engine of VS Code's YAML
extension) reads a module's modeline, flags its mistakes on their lines, completes block types
and describes fields on hover.

Runs when `yaml-language-server` is on PATH (`npm install -g yaml-language-server`) or named by
the TOOLKIT_YAML_LANGUAGE_SERVER environment variable; skips otherwise.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time

import pytest

from toolkit_builder.core.blocks import BLOCK_TYPES

from .conftest import ROOT

SERVER = os.environ.get("TOOLKIT_YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
SETTINGS = {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}

BROKEN = """\
# yaml-language-server: $schema=../../../schema/module.schema.json
id: sample
title: Sample
section: education
blocks:
  - type: contrst
  - type: contrast
    left: A
    rigth: B
    rows: [[a, b, c]]
  - type: callout
    kind: hint
    text: Hi
  - type:\x20
"""


class LanguageServer:
    """A minimal Language Server Protocol client over stdio."""

    def __init__(self, command: list[str]):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.messages: queue.Queue = queue.Queue()
        self.last_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while (line := stream.readline().decode().strip()):
                name, _, value = line.partition(":")
                headers[name.lower()] = value.strip()
            if not headers:
                return
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()

    def request(self, method: str, params: dict) -> dict:
        self.last_id += 1
        wanted = self.last_id
        self.send({"id": wanted, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == wanted and "method" not in m)["result"]

    def wait(self, condition, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=0.5)
            except queue.Empty:
                continue
            if message.get("method") == "workspace/configuration":
                self.send({"id": message["id"], "result": [SETTINGS for _ in message["params"]["items"]]})
            elif "id" in message and "method" in message:  # other requests from the server
                self.send({"id": message["id"], "result": None})
            elif condition(message):
                return message
        raise AssertionError("the language server did not answer in time")

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def server(tmp_path):
    if not SERVER:
        message = "yaml-language-server is not installed (npm install -g yaml-language-server@1)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; .ci/run installs it")
        pytest.skip(message)
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    client = LanguageServer([SERVER, "--stdio"])
    client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(),
                                  "capabilities": {"workspace": {"configuration": True}}})
    client.send({"method": "initialized", "params": {}})
    client.send({"method": "workspace/didChangeConfiguration", "params": {"settings": {"yaml": SETTINGS}}})
    yield client, tmp_path
    client.close()


def test_editor_flags_completes_and_describes(server):
    client, workspace = server
    path = workspace / "content/modules/education/sample.yml"
    path.write_text(BROKEN, encoding="utf-8")
    uri = path.as_uri()
    client.send({"method": "textDocument/didOpen",
                 "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": BROKEN}}})
    published = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri and m["params"]["diagnostics"])
    lines = sorted({d["range"]["start"]["line"] + 1 for d in published["params"]["diagnostics"]})
    assert lines == [6, 7, 9, 10, 12, 14]  # contrst, missing right, rigth, three items, hint, empty type
    messages = " ".join(d["message"] for d in published["params"]["diagnostics"])
    assert "rigth" in messages and '"contrast"' in messages

    completion = client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                            "position": {"line": 13, "character": 10}})
    items = completion["items"] if isinstance(completion, dict) else completion
    assert [i["label"] for i in items] == list(BLOCK_TYPES)

    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 2}})
    assert "Id of the section the module belongs to" in hover["contents"]["value"]


def test_bundled_module_has_no_mistakes_in_the_editor(server):
    client, workspace = server
    path = workspace / "content/modules/education/recovery-education-and-training.yml"
    text = path.read_text(encoding="utf-8")
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": path.as_uri(), "languageId": "yaml", "version": 1, "text": text}}})
    published = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == path.as_uri())
    assert published["params"]["diagnostics"] == []
    # The schema is attached (an empty list is not just a file the server did not check).
    hover = client.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()},
                                                  "position": {"line": 1, "character": 1}})
    assert "the same as the file name" in hover["contents"]["value"]
