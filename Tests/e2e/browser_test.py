#!/usr/bin/env python3
"""End-to-end test of the web application in Debian's real Chromium (headless), driven by chromedriver over the
W3C WebDriver protocol (plain HTTP: Python's standard library only).

An evaluator signs in, claims a call, plays it (currentTime advances; the element's duration matches the call's
within 0.1 s; a seek to the middle lands), answers the rubric with the keyboard only, submits; every scoring-form
control has an accessible name (Chromium's computed label); then the supervisor signs in and sees the evaluation
in the QA scores and the agents' talk-time chart. A comment typed while listening is pinned on the timeline at its play
time (after a reload; a click on the marker seeks there); the archivist's console shows the purge count. Screenshots of each page go to OUT (default .build/e2e).

    python3 Tests/e2e/browser_test.py path/to/nokchwi [OUT]      (exit 0 passed, 1 failed, 77 skipped)
"""
import base64, json, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.request

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/nokchwi"
OUT = sys.argv[2] if len(sys.argv) > 2 else ".build/e2e"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
PASSWORDS = {"evaluator": "demo rubric passphrase", "supervisor": "demo team lead passphrase",
             "archivist": "demo retention passphrase"}
failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port


class Driver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": CHROMIUM, "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1100",
                                         "--autoplay-policy=no-user-gesture-required", "--mute-audio"]}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else (b"{}" if method == "POST" else None)
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.loads(r.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: {e.code} {e.read()[:300]!r}")

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def go(self, url): self.s("POST", "/url", {"url": url})
    def url(self): return self.s("GET", "/url")
    def find(self, css):
        return list(self.s("POST", "/element", {"using": "css selector", "value": css}).values())[0]
    def find_all(self, css):
        return [list(e.values())[0] for e in self.s("POST", "/elements", {"using": "css selector", "value": css})]
    def keys(self, element, text): self.s("POST", f"/element/{element}/value", {"text": text})
    def run(self, script, *args): return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})
    def run_async(self, script, *args): return self.s("POST", "/execute/async", {"script": script, "args": list(args)})
    def label(self, element): return self.s("GET", f"/element/{element}/computedlabel")
    def shot(self, name):
        png = base64.b64decode(self.s("GET", "/screenshot"))
        with open(os.path.join(OUT, name + ".png"), "wb") as f: f.write(png)
    def quit(self):
        try: self.call("DELETE", f"/session/{self.session}")
        except Exception: pass


def answers():
    """The bundled answer file's answers (item id -> answer), as the router tests use them."""
    out, inside = {}, False
    for line in open("Fixtures/qa/municipal-call-answers.yaml", encoding="utf-8"):
        if line.startswith("answers:"): inside = True; continue
        if not inside or not line.startswith("  ") or line.startswith("   "): continue
        key, _, value = line.strip().partition(":")
        value = value.strip()
        m = re.match(r"\{answer: ([^,]+),", value)
        out[key] = m.group(1) if m else value
    return out


def sign_in(d, base, user):
    d.go(base + "/login")
    d.keys(d.find("#username"), user)
    d.keys(d.find("#password"), PASSWORDS[user] + "\ue007")  # Enter submits
    time.sleep(0.5)


def main():
    if not CHROMIUM or not DRIVER:
        print("skipped: chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
        return 77
    os.makedirs(OUT, exist_ok=True)
    work = tempfile.mkdtemp(prefix="nokchwi-e2e-")
    procs = []
    try:
        subprocess.run(["bash", ".ci/qa-home.sh", BIN, work, "6"], check=True, stdout=subprocess.DEVNULL)
        server = subprocess.Popen([BIN, "serve", "--port", "0", "--home", work + "/home", "--json"], stdout=subprocess.PIPE, text=True)
        procs.append(server)
        base = json.loads(server.stdout.readline())["url"].rstrip("/")
        dport = free_port()
        procs.append(subprocess.Popen([DRIVER, f"--port={dport}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{dport}/status", timeout=1); break
            except Exception: time.sleep(0.1)
        d = Driver(dport)
        try:
            return scenario(d, base)
        finally:
            d.quit()
    finally:
        for p in procs:
            p.terminate()
            try: p.wait(timeout=10)
            except Exception: p.kill()
        shutil.rmtree(work, ignore_errors=True)


def scenario(d, base):
    sign_in(d, base, "evaluator")
    check(d.url().endswith("/qa"), "the evaluator lands on the queue page")
    d.shot("1-queue")
    d.keys(d.find("#next-call"), "\ue007")
    time.sleep(0.5)
    check("/calls/" in d.url(), "'next call' claims one and opens its page")
    call_duration = float(d.run("return document.querySelector('.player').dataset.duration"))
    meta = d.run_async("""var done = arguments[arguments.length - 1], a = document.getElementById('audio');
        function report() { done({duration: a.duration, error: a.error ? a.error.code : null}); }
        if (a.readyState >= 1) report(); else { a.addEventListener('loadedmetadata', report); a.addEventListener('error', report); }""")
    check(meta["error"] is None, "the audio element loads the decrypted archive")
    check(abs(meta["duration"] - call_duration) < 0.1, f"audio duration {meta['duration']:.3f} s matches the call's {call_duration:.3f} s")
    played = d.run_async("""var done = arguments[arguments.length - 1], a = document.getElementById('audio');
        a.play().then(function () { setTimeout(function () { done(a.currentTime); }, 1500); }, function (e) { done(-1); });""")
    check(played > 0.3, f"playback advances (currentTime {played:.2f} s after 1.5 s)")
    middle = call_duration / 2
    landed = d.run_async("""var done = arguments[arguments.length - 1], a = document.getElementById('audio');
        a.pause(); a.addEventListener('seeked', function () { done(a.currentTime); }, {once: true}); a.currentTime = arguments[0];""", middle)
    check(abs(landed - middle) < 0.5, f"a seek to the middle lands ({landed:.2f} s for {middle:.2f} s)")
    d.shot("2-call")
    unlabeled = [el for el in d.find_all("#score-form input:not([type=hidden]), #score-form textarea, #score-form select") if not (d.label(el) or "").strip()]
    check(not unlabeled, f"every scoring-form control has an accessible name ({len(unlabeled)} without)")
    for item, value in answers().items():
        d.keys(d.find(f"input[name='{item}'][value='{value}']"), " ")  # focus + Space checks a radio: no mouse
    checked = d.run("return document.querySelectorAll('#score-form input[type=radio]:checked').length")
    check(checked == len(answers()), f"every item answered with the keyboard ({checked} of {len(answers())})")
    time.sleep(0.8)  # the draft is saved as the evaluator goes
    check(d.run("return document.getElementById('draft-state').textContent") != "", "the draft was saved while answering")
    # A comment typed at the middle is saved with its play time and drawn on the timeline; its marker seeks.
    first = next(iter(answers()))
    d.keys(d.find(f"#c-{first}"), "checked the greeting here\ue004")  # Tab leaves the field: the draft is saved
    time.sleep(1.0)
    d.go(d.url())
    pin = d.run("var p = document.querySelector('svg.timeline circle.pin'); return p ? parseFloat(p.dataset.start) : null")
    check(pin is not None and abs(pin - middle) < 1.0, f"the comment is pinned on the timeline at its play time ({pin} for {middle:.1f} s)")
    if pin is not None:
        went = d.run_async("""var done = arguments[arguments.length - 1], a = document.getElementById('audio');
            a.addEventListener('seeked', function () { done(a.currentTime); }, {once: true});
            document.querySelector('svg.timeline circle.pin').dispatchEvent(new MouseEvent('click', {bubbles: true}));""")
        check(abs(went - pin) < 0.5, f"a click on the pinned comment seeks to it ({went:.2f} s)")
    checked = d.run("return document.querySelectorAll('#score-form input[type=radio]:checked').length")
    check(checked == len(answers()), f"the reloaded page keeps the draft's answers ({checked} of {len(answers())})")
    d.shot("3-scored")
    d.keys(d.find("#submit"), "\ue007")
    time.sleep(0.8)
    check("/qa" in d.url() and "done" in d.url(), "submit returns to the queue")
    d.shot("4-submitted")
    d.keys(d.find("header form button"), "\ue007")  # sign out
    time.sleep(0.3)
    sign_in(d, base, "supervisor")
    today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 9 * 3600))
    d.go(f"{base}/dashboard?from=2026-11-01&to={today}")
    rows = d.run("return Array.from(document.querySelectorAll('#qa-agents tbody tr')).map(r => r.textContent)")
    check(len(rows) >= 1, f"the supervisor sees the submitted score ({rows[:1]})")
    check(d.run("return document.querySelectorAll('#talk-chart svg rect').length") > 0, "the agents' talk-time chart is drawn")
    d.shot("5-dashboard")
    d.keys(d.find("header form button"), "\ue007")  # sign out
    time.sleep(0.3)
    sign_in(d, base, "archivist")
    d.go(base + "/archive")
    preview = d.run("var p = document.getElementById('purge-preview'); return p ? p.textContent : ''")
    check(re.search(r"\d", preview or "") is not None, f"the archivist's console shows the purge count ({preview.strip()[:60]})")
    d.shot("6-archive")
    print(f"screenshots in {OUT}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
