/// The stylesheet and the player script, served by nokchwi itself (a city network may be offline; the CSP allows
/// nothing else). System fonts only: no font file to fetch.
enum Assets {
    static let css = """
    @font-face{font-family:"nokchwi-ko";src:url(/assets/ko-font);unicode-range:U+1100-11FF,U+3000-303F,U+3130-318F,U+AC00-D7AF,U+FF00-FFEF}
    :root{--ink:#1d2330;--muted:#5b6475;--line:#d5dae3;--accent:#0b5cad;--agent:#1f77b4;--caller:#2ca02c;--over:#d62728;--sil:#b0b4bb;--dead:#8c564b;--hold:#9467bd}
    *{box-sizing:border-box}body{margin:0;font-family:system-ui,"Malgun Gothic","Noto Sans KR","nokchwi-ko",sans-serif;color:var(--ink);background:#f6f7f9}
    header.top{display:flex;gap:1em;align-items:center;padding:.5em 1em;background:#fff;border-bottom:1px solid var(--line)}
    header.top nav a{margin-right:1em}.spacer{flex:1}.brand{font-weight:700;text-decoration:none;color:var(--ink)}
    main{padding:1em 1.5em;max-width:1400px;margin:auto}a{color:var(--accent)}
    table{border-collapse:collapse;background:#fff;margin:.5em 0}th,td{border:1px solid var(--line);padding:.3em .6em;text-align:left}
    .inline{display:inline}.card{background:#fff;border:1px solid var(--line);padding:1em;border-radius:6px}.narrow{max-width:22em}
    .card label,.card input{display:block;width:100%;margin:.3em 0}.alert{color:#a00}.notice{background:#eef6ee;padding:.5em}
    button{font:inherit;padding:.3em .8em;border:1px solid var(--accent);background:#fff;color:var(--accent);border-radius:4px;cursor:pointer}
    button[type=submit]{background:var(--accent);color:#fff}button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible,a:focus-visible{outline:3px solid #f0a020;outline-offset:1px}
    .desk{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5em;align-items:start}
    @media (max-width:900px){.desk{grid-template-columns:1fr}}
    .player{position:sticky;top:0;background:#fff;border:1px solid var(--line);padding:1em;border-radius:6px}
    .player audio{width:100%}.controls{display:flex;flex-wrap:wrap;gap:.5em;align-items:center;margin:.5em 0}.hint{color:var(--muted);font-size:.85em}
    svg.timeline{width:100%;height:auto;background:#fff;cursor:pointer}svg.timeline .agent{fill:var(--agent)}svg.timeline .caller{fill:var(--caller)}
    svg.timeline .overtalk{fill:var(--over)}svg.timeline .silence{fill:var(--sil)}svg.timeline .deadair{fill:var(--dead)}svg.timeline .hold{fill:var(--hold)}svg.timeline .pin{fill:#f0a020;stroke:#000;stroke-width:1}
    svg.timeline text{font-size:11px;fill:var(--muted)}svg.timeline .playhead{stroke:#000;stroke-width:2}
    .rubric fieldset{border:1px solid var(--line);background:#fff;margin:.5em 0;padding:.5em .8em}.rubric fieldset.item{border:0;border-top:1px solid var(--line)}
    .opt{display:inline-block;margin-right:1em}.note{display:block;font-size:.85em;color:var(--muted);margin-top:.3em}textarea{width:100%;font:inherit}
    .actions{display:flex;gap:1em;margin:1em 0}.figures{display:flex;flex-wrap:wrap;gap:1em}.figures div{background:#fff;border:1px solid var(--line);padding:.5em 1em}
    .figures dt{color:var(--muted);font-size:.85em}.figures dd{margin:0;font-size:1.4em;font-weight:600}.filters{display:flex;gap:.5em;align-items:center;flex-wrap:wrap;margin:.5em 0}
    .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.meta{color:var(--muted)}
    figure{margin:.5em 0}svg{max-width:100%}.error{max-width:40em}
    @media print{header.top,form,button{display:none}body{background:#fff}}
    """

    /// The evaluator's player: keyboard shortcuts, timeline seeking and playhead, speed, skipping hold and silence
    /// (from the stored analysis drawn in the timeline), drafts saved as the evaluator goes, comments pinned to the
    /// play time.
    static let playerJS = #"""
    (function () {
      "use strict";
      var audio = document.getElementById("audio");
      if (!audio) return;
      var svg = document.querySelector("svg.timeline");
      var duration = parseFloat(document.querySelector(".player").dataset.duration) || 0;
      function spans(cls) {
        if (!svg) return [];
        return Array.prototype.map.call(svg.querySelectorAll("rect." + cls), function (r) {
          return [parseFloat(r.dataset.start), parseFloat(r.dataset.end)];
        }).sort(function (a, b) { return a[0] - b[0]; });
      }
      var skips = spans("hold").concat(spans("silence")).sort(function (a, b) { return a[0] - b[0]; });
      var turns = spans("agent").concat(spans("caller")).map(function (s) { return s[0]; }).sort(function (a, b) { return a - b; });
      var skip = document.getElementById("skip");
      var clock = document.getElementById("clock");
      var playhead = svg ? svg.querySelector(".playhead") : null;
      function fmt(t) { var m = Math.floor(t / 60), s = Math.floor(t % 60); return m + ":" + (s < 10 ? "0" : "") + s; }
      function toggle() { if (audio.paused) { audio.play(); } else { audio.pause(); } }
      function back5() { audio.currentTime = Math.max(0, audio.currentTime - 5); }
      function nextTurn() {
        var now = audio.currentTime + 0.3;
        for (var i = 0; i < turns.length; i++) { if (turns[i] > now) { audio.currentTime = turns[i]; return; } }
      }
      function speed(delta) {
        var sel = document.getElementById("speed");
        var i = Math.min(sel.options.length - 1, Math.max(0, sel.selectedIndex + delta));
        sel.selectedIndex = i; audio.playbackRate = parseFloat(sel.value);
      }
      document.getElementById("play").addEventListener("click", toggle);
      document.getElementById("back5").addEventListener("click", back5);
      document.getElementById("next-turn").addEventListener("click", nextTurn);
      var speedSelect = document.getElementById("speed");
      speedSelect.value = "1"; speedSelect.addEventListener("change", function () { audio.playbackRate = parseFloat(speedSelect.value); });
      audio.addEventListener("timeupdate", function () {
        var t = audio.currentTime;
        if (skip.checked) {
          for (var i = 0; i < skips.length; i++) {
            if (t >= skips[i][0] && t < skips[i][1] - 0.25) { audio.currentTime = skips[i][1]; return; }
          }
        }
        clock.textContent = fmt(t) + " / " + fmt(duration);
        if (playhead && duration > 0) {
          var x = 60 + (t / duration) * 880;
          playhead.setAttribute("x1", x); playhead.setAttribute("x2", x);
        }
      });
      if (svg) {
        svg.addEventListener("click", function (e) {
          var target = e.target;
          if (target.dataset && target.dataset.start) { audio.currentTime = parseFloat(target.dataset.start); return; }
          var box = svg.getBoundingClientRect();
          var x = (e.clientX - box.left) / box.width * 1000;
          if (x >= 60 && duration > 0) audio.currentTime = Math.min(duration, (x - 60) / 880 * duration);
        });
      }
      document.addEventListener("keydown", function (e) {
        var tag = (e.target.tagName || "").toLowerCase();
        if (tag === "textarea" || (tag === "input" && e.target.type !== "radio" && e.target.type !== "checkbox") || e.ctrlKey || e.metaKey || e.altKey) return;
        var k = e.key.toLowerCase(), done = true;
        if (k === "k") toggle(); else if (k === "j") back5(); else if (k === "l") nextTurn();
        else if (k === "s") skip.checked = !skip.checked; else if (k === "[") speed(-1); else if (k === "]") speed(1);
        else done = false;
        if (done) e.preventDefault();
      });
      var form = document.getElementById("score-form");
      if (!form) return;
      var state = document.getElementById("draft-state");
      var csrf = form.querySelector("input[name=_csrf]").value;
      var timer = null;
      function saveDraft() {
        var body = new URLSearchParams(new FormData(form));
        fetch("/api/qa/" + encodeURIComponent(form.dataset.call) + "/draft", {
          method: "POST", headers: { "X-CSRF-Token": csrf, "Content-Type": "application/x-www-form-urlencoded" },
          body: body.toString(), credentials: "same-origin"
        }).then(function (r) { state.textContent = r.ok ? state.dataset.saved || "✓" : "!" + r.status; });
      }
      state.dataset.saved = document.documentElement.lang === "ko" ? "임시 저장됨" : "Draft saved";
      form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(saveDraft, 400); });
      form.addEventListener("input", function (e) {
        var item = e.target.dataset ? e.target.dataset.item : null;
        if (item) { var at = document.getElementById("at-" + item); if (at && !at.value) at.value = audio.currentTime.toFixed(1); }
      });
      document.getElementById("save-draft").addEventListener("click", saveDraft);
    })();
    """#
}
