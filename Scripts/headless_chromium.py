#!/usr/bin/env python3
"""Drives headless Chromium through a list of steps and prints what it saw, as JSON.

The documentation site's browser tests (Tests/DocsTests/BrowserTests.swift) and its benchmark
(Benchmarks/docs_bench.sh) use it. Python's standard library only: it speaks the Chrome DevTools
Protocol over --remote-debugging-pipe (the browser reads commands on fd 3 and writes replies and
events on fd 4, JSON messages ended by a NUL byte), so there is no port, no websocket and nothing
to install but Chromium.

    python3 Scripts/headless_chromium.py < steps.json > report.json

steps.json is a list of steps (or {"steps": [...], "timeout": seconds}); each step is an object
with one action and an optional "label":

    {"navigate": "file:///.../index.html"}    load a page; waits for its load event
    {"evaluate": "expression"}                 its value (promises awaited); a thrown error fails
    {"wait_for": "expression", "timeout": 5}   polls until the value is truthy, then gives it
    {"click": "css selector"}                  a real mouse click in the middle of the element
    {"type": "text"}                           inserts text where the focus is (input events fire)
    {"key": "Enter"}                           presses and releases a key (Enter, Escape, ArrowDown...)
    {"screenshot": "/path/to/file.png"}        the viewport as a PNG

The report: {"ok": bool, "failure": message or null, "steps": [{"label", "value", "ms"}...],
"errors": [console errors, uncaught exceptions, failed loads], "chromium": version}. "ms" is the
time the step took. The exit status is 0 when every step ran (console errors are reported, not
judged: the caller decides), 1 when a step failed or timed out, 2 when Chromium is not found.
The browser (and every process it started) is always killed before the script exits.
"""

import base64
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

DEFAULT_TIMEOUT = 10.0  # seconds for one step, unless the plan or the step says otherwise
KEYS = {
    "Enter": ("Enter", 13, "\r"),
    "Escape": ("Escape", 27, None),
    "Tab": ("Tab", 9, None),
    "ArrowDown": ("ArrowDown", 40, None),
    "ArrowUp": ("ArrowUp", 38, None),
    "/": ("Slash", 191, "/"),
}


class StepFailed(Exception):
    pass


def find_chromium():
    explicit = os.environ.get("WEIR_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """One headless Chromium with one page, attached over the pipe."""

    def __init__(self, executable, profile):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()

        def wire_pipes():
            # The child's fd 3 and 4, whatever numbers the pipes got here (moved out of the way
            # first, in case they are 4 and 3).
            commands = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            replies = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        arguments = [
            executable,
            "--headless",
            # Containers and root (CI) have no usable sandbox; the page is a local file we made.
            "--no-sandbox",
            "--disable-gpu",
            "--remote-debugging-pipe",
            "--user-data-dir=" + profile,
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-sync",
            "--disable-component-update",
            "--mute-audio",
            "--hide-scrollbars",
            "--window-size=1280,900",
            "about:blank",
        ]
        self.process = subprocess.Popen(
            arguments,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=None if os.environ.get("WEIR_CHROMIUM_STDERR") else subprocess.DEVNULL,
            pass_fds=(3, 4),  # kept open when the child closes the others, after wire_pipes
            preexec_fn=wire_pipes,
            start_new_session=True,  # its own process group, so killing it kills its helpers too
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def close(self):
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        for fd in (self.to_browser, self.from_browser):
            try:
                os.close(fd)
            except OSError:
                pass

    def send(self, method, params=None, session=True, deadline=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise StepFailed("%s failed: %s" % (method, reply["error"].get("message")))
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            left = (deadline or time.monotonic() + DEFAULT_TIMEOUT) - time.monotonic()
            ready, _, _ = select.select([self.from_browser], [], [], max(0.0, left))
            if not ready:
                raise StepFailed("the browser did not answer in time")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise StepFailed("the browser closed the pipe (exit status %s)" % self.process.poll())
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return json.loads(message)

    def drain(self):
        """Reads the events already written, without waiting."""
        while True:
            ready, _, _ = select.select([self.from_browser], [], [], 0)
            if not ready and b"\0" not in self.buffer:
                return
            self.events.append(self.receive(time.monotonic() + 1))

    def wait_event(self, method, deadline):
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    del self.events[i]
                    return event
            self.events.append(self.receive(deadline))

    def evaluate(self, expression, deadline):
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            deadline=deadline,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise StepFailed("the expression threw: %s" % text)
        return result.get("result", {}).get("value")


def error_of(event):
    """A console error, uncaught exception or failed load, as one line; None for anything else."""
    method, params = event.get("method"), event.get("params", {})
    if method == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        text = details.get("exception", {}).get("description") or details.get("text", "")
        return "uncaught exception: %s (%s:%s)" % (text, details.get("url", ""), details.get("lineNumber", ""))
    if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        values = [arg.get("value", arg.get("description", "")) for arg in params.get("args", [])]
        return "console.%s: %s" % (params["type"], " ".join(str(value) for value in values))
    if method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
        entry = params["entry"]
        return "%s: %s %s" % (entry.get("source", "log"), entry.get("text", ""), entry.get("url", ""))
    return None


def run_step(browser, step, timeout):
    deadline = time.monotonic() + step.get("timeout", timeout)
    if "navigate" in step:
        browser.events = [e for e in browser.events if e.get("method") != "Page.loadEventFired"]
        result = browser.send("Page.navigate", {"url": step["navigate"]}, deadline=deadline)
        if result.get("errorText"):
            raise StepFailed("could not open %s: %s" % (step["navigate"], result["errorText"]))
        browser.wait_event("Page.loadEventFired", deadline)
        return None
    if "evaluate" in step:
        return browser.evaluate(step["evaluate"], deadline)
    if "wait_for" in step:
        while True:
            # Each try gets its own time to answer, so a slow last try still reports the value.
            value = browser.evaluate(step["wait_for"], time.monotonic() + timeout)
            if value:
                return value
            if time.monotonic() >= deadline:
                raise StepFailed("timed out after %.1f s waiting for %s (last value: %r)" % (
                    step.get("timeout", timeout), step["wait_for"], value))
            time.sleep(0.005)
    if "click" in step:
        box = browser.evaluate(
            "(function (e) { if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })"
            "(document.querySelector(%s))" % json.dumps(step["click"]),
            deadline,
        )
        if not box:
            raise StepFailed("nothing matches %s to click" % step["click"])
        for kind in ("mousePressed", "mouseReleased"):
            browser.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1},
                deadline=deadline,
            )
        return None
    if "type" in step:
        browser.send("Input.insertText", {"text": step["type"]}, deadline=deadline)
        return None
    if "key" in step:
        code, number, text = KEYS.get(step["key"], (step["key"], 0, None))
        down = {"type": "keyDown", "key": step["key"], "code": code, "windowsVirtualKeyCode": number}
        if text:
            down["text"] = text
        browser.send("Input.dispatchKeyEvent", down, deadline=deadline)
        browser.send(
            "Input.dispatchKeyEvent",
            {"type": "keyUp", "key": step["key"], "code": code, "windowsVirtualKeyCode": number},
            deadline=deadline,
        )
        return None
    if "screenshot" in step:
        result = browser.send("Page.captureScreenshot", {"format": "png"}, deadline=deadline)
        with open(step["screenshot"], "wb") as file:
            file.write(base64.b64decode(result["data"]))
        return step["screenshot"]
    raise StepFailed("unknown step %s" % json.dumps(step))


def main():
    report = {"ok": False, "failure": None, "steps": [], "errors": [], "chromium": None}
    executable = find_chromium()
    if not executable:
        report["failure"] = (
            "Chromium was not found: install it (apt-get install chromium) or set WEIR_CHROMIUM to its path")
        print(json.dumps(report))
        return 2
    plan = json.load(sys.stdin)
    steps = plan["steps"] if isinstance(plan, dict) else plan
    timeout = float(plan.get("timeout", DEFAULT_TIMEOUT)) if isinstance(plan, dict) else DEFAULT_TIMEOUT

    # A SIGTERM from whoever runs us (a test's time limit) still kills the browser.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    profile = tempfile.mkdtemp(prefix="weir-chromium-")
    browser = None
    try:
        browser = Browser(executable, profile)
        start = time.monotonic() + 30  # a cold start on a busy 2-core machine can take a while
        report["chromium"] = browser.send("Browser.getVersion", session=False, deadline=start).get("product")
        target = browser.send("Target.createTarget", {"url": "about:blank"}, session=False, deadline=start)
        attached = browser.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True},
            session=False, deadline=start)
        browser.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            browser.send(domain + ".enable", deadline=start)
        for step in steps:
            began = time.monotonic()
            label = step.get("label", next(iter(k for k in step if k not in ("label", "timeout")), "?"))
            try:
                value = run_step(browser, step, timeout)
            except StepFailed as failure:
                raise StepFailed("step %r: %s" % (label, failure))
            report["steps"].append(
                {"label": label, "value": value, "ms": round((time.monotonic() - began) * 1000, 1)})
        browser.drain()
        report["ok"] = True
    except StepFailed as failure:
        report["failure"] = str(failure)
    except OSError as failure:
        report["failure"] = "could not run %s: %s" % (executable, failure)
    finally:
        if browser:
            report["errors"] = [error for error in map(error_of, browser.events) if error]
            browser.close()
        shutil.rmtree(profile, ignore_errors=True)
    print(json.dumps(report))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
