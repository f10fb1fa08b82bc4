#!/usr/bin/env python3
"""Helper of analysis-speed.sh: builds the one-hour stereo file, times every tool on one core, prints the table.

    analysis_speed.py make-hour  --bin NOKCHWI --work DIR --seed S --calls N --seconds T   -> DIR/hour.wav
    analysis_speed.py measure    --bin NOKCHWI --wav FILE --runs R --repeats K --out DIR

Every timed command runs pinned to CPU 0 (`taskset -c 0`; webrtcvad: `os.sched_setaffinity` in this process), so
"x realtime per core" is audio seconds / wall seconds of a single-core run. The file is read once before timing
so that every tool starts from the page cache.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import wave

import numpy as np

CORE = "0"


def die(msg):
    print(f"analysis-speed: error: {msg}", file=sys.stderr)
    sys.exit(1)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


# --- make-hour -----------------------------------------------------------------------------------------------
def make_hour(a):
    work = os.path.abspath(a.work)
    demo = os.path.join(work, "demo")
    if os.path.exists(demo):
        shutil.rmtree(demo)
    run([a.bin, "demo-data", demo, "--calls", str(a.calls), "--seed", str(a.seed), "--no-bad-inputs"],
        stdout=subprocess.DEVNULL)
    truth_dir = os.path.join(demo, "truth")
    chosen, total = [], 0.0
    for name in sorted(os.listdir(truth_dir)):
        if not name.endswith(".truth.json"):
            continue
        t = json.load(open(os.path.join(truth_dir, name)))
        if t["layout"] != "stereo" or t["sample_rate"] != 8000:
            continue
        chosen.append(t)
        total += t["duration_s"]
        if total >= a.seconds:
            break
    if total < a.seconds:
        die(f"only {total:.1f} s of stereo 8 kHz calls in {a.calls} calls; raise --calls")
    # One input per call; calls whose agent is on channel 1 are swapped so the agent is channel 0 throughout.
    cmd = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
    filters, labels = [], []
    for i, t in enumerate(chosen):
        cmd += ["-i", os.path.join(demo, "drop", t["files"][0])]
        if t.get("agent_channel") == 1:
            filters.append(f"[{i}:a]pan=stereo|c0=c1|c1=c0[s{i}]")
        else:
            filters.append(f"[{i}:a]anull[s{i}]")
        labels.append(f"[s{i}]")
    filters.append("".join(labels) + f"concat=n={len(chosen)}:v=0:a=1,atrim=end={a.seconds}[out]")
    out = os.path.join(work, "hour.wav")
    cmd += ["-filter_complex", ";".join(filters), "-map", "[out]", "-ar", "8000", "-ac", "2",
            "-c:a", "pcm_s16le", out]
    run(cmd)
    encodings = {}
    for t in chosen:
        encodings[t["encoding"]] = encodings.get(t["encoding"], 0) + t["duration_s"]
    sel = {"seed": a.seed, "calls_generated": a.calls, "calls": [t["call_id"] for t in chosen],
           "source_seconds": round(total, 2), "seconds": a.seconds,
           "encodings_s": {k: round(v, 1) for k, v in sorted(encodings.items())},
           "snr_db": sorted({t["snr_db"] for t in chosen})}
    json.dump(sel, open(os.path.join(work, "selection.json"), "w"), indent=1)
    shutil.rmtree(demo)
    print(f"hour.wav: {len(chosen)} stereo 8 kHz calls ({total:.1f} s, cut to {a.seconds} s), "
          f"source encodings {sel['encodings_s']}, agent on channel 0")


# --- measure -------------------------------------------------------------------------------------------------
def timed(cmd):
    """Wall and child CPU seconds of one command pinned to CORE; returns (wall, cpu, stdout, stderr)."""
    r0 = os.times()
    t0 = time.perf_counter()
    p = subprocess.run(["taskset", "-c", CORE] + cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    r1 = os.times()
    if p.returncode != 0:
        die(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[-2000:]}")
    cpu = (r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)
    return wall, cpu, p.stdout, p.stderr


def read_pcm16_stereo(path):
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 2:
            die(f"{path}: expected 16-bit stereo")
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").reshape(-1, 2)
    return rate, data


def webrtc_pass(path, mode, frame_ms):
    """One complete webrtcvad pass over both channels.

    Returns (total wall including Python: WAV read, de-interleave, framing, loop, results; wall of the VAD calls
    only: a loop over frames already cut into bytes objects; frames; speech frames)."""
    import webrtcvad
    t0 = time.perf_counter()
    rate, data = read_pcm16_stereo(path)
    n = rate * frame_ms // 1000
    vad_only = 0.0
    frames = speech = 0
    for ch in range(2):
        pcm = np.ascontiguousarray(data[:, ch]).tobytes()
        step = 2 * n
        chunks = [pcm[i:i + step] for i in range(0, len(pcm) - step + 1, step)]
        vad = webrtcvad.Vad(mode)
        is_speech = vad.is_speech
        t1 = time.perf_counter()
        decisions = [is_speech(c, rate) for c in chunks]
        vad_only += time.perf_counter() - t1
        frames += len(decisions)
        speech += sum(decisions)
    total = time.perf_counter() - t0
    return total, vad_only, frames, speech


def measure(a):
    wav = os.path.abspath(a.wav)
    with open(wav, "rb") as f:              # into the page cache
        while f.read(1 << 22):
            pass
    info = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                                      "-of", "json", wav], capture_output=True, text=True, check=True).stdout)
    audio_s = float(info["format"]["duration"])
    os.makedirs(a.out, exist_ok=True)
    rows = {}

    def add(key, value):
        rows.setdefault(key, []).append(value)

    # webrtcvad runs in this process, pinned like the rest.
    os.sched_setaffinity(0, {int(CORE)})
    have_webrtc = True
    try:
        import webrtcvad  # noqa: F401
    except ImportError:
        have_webrtc = False
        print("webrtcvad is not installed (pip install webrtcvad): its rows are skipped", file=sys.stderr)

    sil_lines = {}
    for r in range(a.runs):
        print(f"== run {r + 1}/{a.runs} (load {open('/proc/loadavg').read().split()[0]})", file=sys.stderr)
        # (a) + (b): nokchwi's own timer: from file once, then analysis alone from decoded floats, median of K.
        wall, cpu, out, _ = timed([a.bin, "analyze", wav, "--agent-channel", "0", "--time-repeats",
                                   str(a.repeats), "--json"])
        t = json.loads(out)
        add("nokchwi_analysis_s", statistics.median(t["analysis_seconds"]))
        add("nokchwi_analysis_min_s", min(t["analysis_seconds"]))
        add("nokchwi_fromfile_inproc_s", t["from_file_seconds"])
        # (a') the same with the center's hold audio registered (issue 22), right after, for the ratio.
        if a.hold_audio:
            _, _, out, _ = timed([a.bin, "analyze", wav, "--agent-channel", "0", "--time-repeats",
                                  str(a.repeats), "--json", "--hold-audio"] + a.hold_audio)
            add("nokchwi_analysis_holdaudio_s", statistics.median(json.loads(out)["analysis_seconds"]))
        # (b') the whole process as a user runs it: start-up, decode, analysis, JSON.
        wall, cpu, out, _ = timed([a.bin, "analyze", wav, "--agent-channel", "0", "--json"])
        add("nokchwi_process_s", wall)
        add("nokchwi_process_cpu_s", cpu)
        if r == 0:
            open(os.path.join(a.out, "nokchwi-analyze.json"), "w").write(out)
        # (c) ffmpeg silencedetect on the stereo file: default (silence = every channel below -40 dB) and
        #     mono=1 (each channel detected on its own, still one pass over the stereo file).
        for name, af in (("ffmpeg_sd_stereo", "silencedetect=n=-40dB:d=3"),
                         ("ffmpeg_sd_mono1", "silencedetect=n=-40dB:d=3:mono=1")):
            wall, cpu, _, err = timed(["ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-threads", "1",
                                       "-i", wav, "-af", af, "-f", "null", "-"])
            add(name + "_s", wall)
            add(name + "_cpu_s", cpu)
            sil_lines[name] = sum(1 for line in err.splitlines() if "silence_end" in line)
        # (d) webrtcvad, all modes, 10 and 30 ms frames, both channels.
        if have_webrtc:
            for frame_ms in (10, 30):
                for mode in range(4):
                    total, vad_only, frames, speech = webrtc_pass(wav, mode, frame_ms)
                    add(f"webrtc_m{mode}_{frame_ms}_total_s", total)
                    add(f"webrtc_m{mode}_{frame_ms}_vad_s", vad_only)
                    rows[f"webrtc_m{mode}_{frame_ms}_speech_frac"] = [speech / frames]

    med = {k: statistics.median(v) for k, v in rows.items()}
    spread = {k: (min(v), max(v)) for k, v in rows.items()}
    json.dump({"audio_s": audio_s, "runs": a.runs, "repeats": a.repeats, "raw": rows, "median": med,
               "silencedetect_events": sil_lines}, open(os.path.join(a.out, "latest.json"), "w"), indent=1)

    def x(key):
        return audio_s / med[key]

    def rng(key):
        lo, hi = spread[key]
        return f"{audio_s / hi:,.0f}-{audio_s / lo:,.0f}x"

    ref = x("ffmpeg_sd_stereo_s")
    lines = [f"Audio: {audio_s:.0f} s ({audio_s / 3600:.2f} h) stereo 8 kHz PCM16, one file; every tool pinned to "
             f"one core; median of {a.runs} runs (range in brackets).", "",
             "| tool | x realtime per core | vs silencedetect | notes |", "|---|---:|---:|---|"]

    def row(tool, key, notes, denom_channels=1):
        lines.append(f"| {tool} | {x(key):,.0f}x ({rng(key)}) | {x(key) / ref:.2f}x | {notes} |")

    row("nokchwi analysis alone", "nokchwi_analysis_s",
        f"`--time-repeats {a.repeats}`: decoded floats in memory, median of {a.repeats} per run; both channels, "
        "VAD + music/hold + metrics")
    if a.hold_audio:
        row("nokchwi analysis alone, hold audio registered", "nokchwi_analysis_holdaudio_s",
            f"as above with `--hold-audio {' '.join(a.hold_audio)}` (fingerprints on the agent's channel); "
            f"{100 * (med['nokchwi_analysis_holdaudio_s'] / med['nokchwi_analysis_s'] - 1):+.1f}% time")
    row("nokchwi analyze, from file (in process)", "nokchwi_fromfile_inproc_s",
        "libsndfile decode (4096-frame blocks) + analysis, timed inside the process (first pass of the same command)")
    row("nokchwi analyze, whole process", "nokchwi_process_s",
        "`nokchwi analyze FILE --json` wall time: start-up + decode + analysis + JSON")
    row("ffmpeg silencedetect, stereo", "ffmpeg_sd_stereo_s",
        "`-threads 1 -af silencedetect=n=-40dB:d=3 -f null -` on the stereo file: silence = both channels quiet; "
        "whole process incl. WAV demux")
    row("ffmpeg silencedetect, mono=1", "ffmpeg_sd_mono1_s",
        "same, `:mono=1` (each channel detected separately, one pass)")
    if have_webrtc:
        for frame_ms in (10, 30):
            for mode in range(4):
                k = f"webrtc_m{mode}_{frame_ms}"
                lines.append(
                    f"| webrtcvad mode {mode}, {frame_ms} ms, VAD calls only | {x(k + '_vad_s'):,.0f}x "
                    f"({rng(k + '_vad_s')}) | {x(k + '_vad_s') / ref:.2f}x | both channels; loop over "
                    f"pre-cut frames; speech in {100 * med[k + '_speech_frac']:.0f}% of frames |")
                lines.append(
                    f"| webrtcvad mode {mode}, {frame_ms} ms, with Python | {x(k + '_total_s'):,.0f}x "
                    f"({rng(k + '_total_s')}) | {x(k + '_total_s') / ref:.2f}x | + WAV read, de-interleave, "
                    "framing into bytes, result list |")
    table = "\n".join(lines)
    target = 50000
    verdict = (f"\nTarget: nokchwi analysis alone >= {target:,}x realtime per core and >= 5x silencedetect: "
               f"measured {x('nokchwi_analysis_s'):,.0f}x = {x('nokchwi_analysis_s') / ref:.2f}x silencedetect "
               f"-> {'met' if x('nokchwi_analysis_s') >= target and x('nokchwi_analysis_s') >= 5 * ref else 'NOT met'}.")
    open(os.path.join(a.out, "latest.md"), "w").write(table + "\n" + verdict + "\n")
    print(table)
    print(verdict)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make-hour")
    m.add_argument("--bin", required=True)
    m.add_argument("--work", required=True)
    m.add_argument("--seed", type=int, default=4242)
    m.add_argument("--calls", type=int, default=60)
    m.add_argument("--seconds", type=int, default=3600)
    s = sub.add_parser("measure")
    s.add_argument("--bin", required=True)
    s.add_argument("--wav", required=True)
    s.add_argument("--runs", type=int, default=3)
    s.add_argument("--repeats", type=int, default=5)
    s.add_argument("--out", required=True)
    s.add_argument("--hold-audio", nargs="*", default=[])
    a = p.parse_args()
    make_hour(a) if a.cmd == "make-hour" else measure(a)


if __name__ == "__main__":
    main()
