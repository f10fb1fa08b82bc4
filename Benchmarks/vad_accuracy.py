#!/usr/bin/env python3
"""Accuracy of nokchwi's call analysis and of webrtcvad against the demo generator's ground truth.

    vad_accuracy.py --bin NOKCHWI --data DIR [--modes 0 1 2 3] [--frame-ms 30] [--bridge-ms 200] [--out DIR]

DIR is a `nokchwi demo-data` output (DIR/drop, DIR/truth). For every call of DIR/truth:
- the audio is decoded with libsndfile (ctypes, the decoder nokchwi uses), agent first: stereo files are swapped
  when `agent_channel` is 1; legs (`agent_file`, `caller_file`) are read side by side, the shorter one padded
  with zeros (as `AccuracyHarness` does);
- nokchwi: `nokchwi analyze FILE --agent-channel N --json` on the stereo file itself; for legs, on a temporary
  stereo PCM16 WAV of the two decoded legs, agent on channel 0 (lossless for G.711, PCM16 and GSM 6.10 output,
  so the analyzer sees the same samples as the harness; nokchwi uses both channels together);
- webrtcvad: each channel on its own, PCM16 at the file's rate when webrtcvad supports it (8/16/32/48 kHz),
  else resampled to 8 kHz; frames of FRAME_MS; each decision covers FRAME_MS/10 truth frames. With
  --bridge-ms B, a second row per mode closes pauses shorter than B (the truth's own rule and the analysis default, 200 ms).

Scoring follows `AccuracyHarnessScoring.swift` (10 ms grid, frames = round(seconds * 100)):
- frame accuracy per party: frames where detected talk and true speech agree / all frames, pooled over calls;
- talk-time error per party: sum over calls of |measured - true| / sum of true talk (the harness's "mean"),
  and the worst single call's |measured - true| / true; nokchwi's measured talk is its `talk_s`;
- music as talk: seconds of true hold covered by the agent channel's detected talk (the brief's figure); the
  harness's `musicAsTalkS` adds the caller channel's talk in hold too (reported in the JSON);
- hold recall (nokchwi only): true hold frames covered by detected hold / true hold frames;
- dead-air F1: true silences of >= 10 s (nokchwi's `dead_air.threshold_s`) against detected dead air, matched
  one-to-one when they overlap; for webrtcvad, dead air = stretches of >= 10 s where neither channel talks;
- silence F1: the same with every true silence (>= 3 s) against nokchwi's silence events / webrtcvad's >= 3 s
  gaps.
Groups: overall, by truth snr_db, by layout. Prints Markdown tables; writes OUT/latest.md and OUT/latest.json.
"""
import argparse
import ctypes
import ctypes.util
import json
import os
import subprocess
import sys
import tempfile
import wave
from concurrent.futures import ThreadPoolExecutor
from math import gcd

import numpy as np

# --- libsndfile ----------------------------------------------------------------------------------------------


class SFInfo(ctypes.Structure):
    _fields_ = [("frames", ctypes.c_int64), ("samplerate", ctypes.c_int), ("channels", ctypes.c_int),
                ("format", ctypes.c_int), ("sections", ctypes.c_int), ("seekable", ctypes.c_int)]


_sf = ctypes.CDLL(ctypes.util.find_library("sndfile") or "libsndfile.so.1")
_sf.sf_open.restype = ctypes.c_void_p
_sf.sf_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(SFInfo)]
_sf.sf_readf_float.restype = ctypes.c_int64
_sf.sf_readf_float.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64]
_sf.sf_close.argtypes = [ctypes.c_void_p]
_sf.sf_strerror.restype = ctypes.c_char_p
_sf.sf_strerror.argtypes = [ctypes.c_void_p]


def sf_read(path):
    """(float32 array frames x channels, sample rate), as libsndfile decodes it."""
    info = SFInfo()
    h = _sf.sf_open(path.encode(), 0x10, ctypes.byref(info))
    if not h:
        raise RuntimeError(f"{path}: {_sf.sf_strerror(None).decode()}")
    try:
        out = np.zeros((info.frames, info.channels), dtype=np.float32)
        got = _sf.sf_readf_float(h, out.ctypes.data, info.frames)
        return out[:got], info.samplerate
    finally:
        _sf.sf_close(h)


def decode_call(drop, t):
    """Agent-first stereo float32 (frames x 2) and rate."""
    if t["layout"] == "stereo":
        x, rate = sf_read(os.path.join(drop, t["files"][0]))
        if x.shape[1] == 2 and t.get("agent_channel") == 1:
            x = x[:, ::-1]
        return np.ascontiguousarray(x), rate
    a, rate = sf_read(os.path.join(drop, t["agent_file"]))
    c, _ = sf_read(os.path.join(drop, t["caller_file"]))
    n = max(len(a), len(c))
    out = np.zeros((n, 2), dtype=np.float32)
    out[:len(a), 0] = a[:, 0]
    out[:len(c), 1] = c[:, 0]
    return out, rate


def to_pcm16(x):
    return np.clip(np.round(x * 32768.0), -32768, 32767).astype("<i2")


def write_wav(path, x, rate):
    with wave.open(path, "wb") as w:
        w.setnchannels(x.shape[1])
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(to_pcm16(x).tobytes())


# --- 10 ms grid ------------------------------------------------------------------------------------------------
def fr(seconds):
    return int(round(seconds * 100))


def mask(pairs, length):
    m = np.zeros(length, dtype=bool)
    for p in pairs:
        s, e = (p["start"], p["end"]) if isinstance(p, dict) else (p[0], p[1])
        if e > s:
            m[max(0, fr(s)):max(0, min(length, fr(e)))] = True
    return m


def runs(m):
    """Half-open [start, end) runs of True."""
    d = np.diff(np.concatenate(([0], m.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)))


def spans(pairs):
    out = []
    for p in pairs:
        s, e = (p["start"], p["end"]) if isinstance(p, dict) else (p[0], p[1])
        if e > s:
            out.append((fr(s), fr(e)))
    return out


def matched(truth, found):
    used, n = set(), 0
    for ts, te in truth:
        for j, (fs, fe) in enumerate(found):
            if j not in used and fs < te and ts < fe:
                used.add(j)
                n += 1
                break
    return n


def bridge(m, gap_frames):
    """Close pauses shorter than gap_frames between two talk runs."""
    m = m.copy()
    r = runs(m)
    for (s0, e0), (s1, e1) in zip(r, r[1:]):
        if s1 - e0 < gap_frames:
            m[e0:s1] = True
    return m


# --- webrtcvad ------------------------------------------------------------------------------------------------
def webrtc_masks(x, rate, mode, frame_ms, length):
    import webrtcvad
    from scipy.signal import resample_poly
    if rate not in (8000, 16000, 32000, 48000):
        g = gcd(8000, rate)
        x = resample_poly(x, 8000 // g, rate // g, axis=0).astype(np.float32)
        rate = 8000
    n = rate * frame_ms // 1000
    per = frame_ms // 10
    out = []
    for ch in range(2):
        vad = webrtcvad.Vad(mode)
        pcm = to_pcm16(x[:, ch]).tobytes()
        step = 2 * n
        dec = np.array([vad.is_speech(pcm[i:i + step], rate) for i in range(0, len(pcm) - step + 1, step)],
                       dtype=bool)
        m = np.zeros(length, dtype=bool)
        grid = np.repeat(dec, per)[:length]
        m[:len(grid)] = grid
        out.append(m)
    return out


# --- scoring -------------------------------------------------------------------------------------------------
def empty_tally():
    return dict(calls=0, frames=0, agent_correct=0, caller_correct=0, agent_true_s=0.0, caller_true_s=0.0,
                agent_meas_s=0.0, caller_meas_s=0.0, agent_abs_err_s=0.0, caller_abs_err_s=0.0,
                agent_worst=0.0, caller_worst=0.0, hold_true_s=0.0, hold_detected_s=0.0, hold_overlap_s=0.0,
                music_agent_s=0.0, music_both_s=0.0, dead_true=0, dead_detected=0, dead_matched=0,
                silence_true=0, silence_detected=0, silence_matched=0)


def add(t, o):
    for k, v in o.items():
        t[k] = max(t[k], v) if k.endswith("_worst") else t[k] + v


def score(t, agent, caller, agent_talk_s, caller_talk_s, hold_pairs, silence_spans, dead_spans, dead_min):
    length = fr(t["duration_s"])
    ta, tc = mask(t["speech"]["agent"], length), mask(t["speech"]["caller"], length)
    th = mask(t["hold"], length)
    r = empty_tally()
    r["calls"], r["frames"] = 1, length
    r["agent_correct"] = int(np.sum(agent == ta))
    r["caller_correct"] = int(np.sum(caller == tc))
    r["agent_true_s"], r["caller_true_s"] = ta.sum() / 100, tc.sum() / 100
    r["agent_meas_s"], r["caller_meas_s"] = agent_talk_s, caller_talk_s
    r["agent_abs_err_s"] = abs(agent_talk_s - r["agent_true_s"])
    r["caller_abs_err_s"] = abs(caller_talk_s - r["caller_true_s"])
    r["agent_worst"] = r["agent_abs_err_s"] / r["agent_true_s"] if r["agent_true_s"] > 0 else 0
    r["caller_worst"] = r["caller_abs_err_s"] / r["caller_true_s"] if r["caller_true_s"] > 0 else 0
    r["music_agent_s"] = np.sum(agent & th) / 100
    r["music_both_s"] = (np.sum(agent & th) + np.sum(caller & th)) / 100
    if hold_pairs is not None:
        hm = mask(hold_pairs, length)
        r["hold_true_s"], r["hold_detected_s"], r["hold_overlap_s"] = th.sum() / 100, hm.sum() / 100, np.sum(hm & th) / 100
    true_sil = spans(t["silences"])
    true_dead = [s for s in true_sil if s[1] - s[0] >= dead_min]
    r["dead_true"], r["dead_detected"], r["dead_matched"] = len(true_dead), len(dead_spans), matched(true_dead, dead_spans)
    r["silence_true"], r["silence_detected"] = len(true_sil), len(silence_spans)
    r["silence_matched"] = matched(true_sil, silence_spans)
    return r


def f1(m, t, d):
    return 1.0 if t == 0 and d == 0 else 2 * m / (t + d)


def derived(t):
    return dict(
        agent_frame_acc=t["agent_correct"] / t["frames"], caller_frame_acc=t["caller_correct"] / t["frames"],
        agent_talk_err=t["agent_abs_err_s"] / t["agent_true_s"] if t["agent_true_s"] else 0,
        caller_talk_err=t["caller_abs_err_s"] / t["caller_true_s"] if t["caller_true_s"] else 0,
        agent_worst=t["agent_worst"], caller_worst=t["caller_worst"],
        music_agent_s=t["music_agent_s"], music_both_s=t["music_both_s"], hold_true_s=t["hold_true_s"],
        hold_recall=(t["hold_overlap_s"] / t["hold_true_s"]) if t["hold_true_s"] else None,
        hold_precision=(t["hold_overlap_s"] / t["hold_detected_s"]) if t["hold_detected_s"] else None,
        dead_air_f1=f1(t["dead_matched"], t["dead_true"], t["dead_detected"]),
        dead_air=f"{t['dead_matched']}/{t['dead_true']} true, {t['dead_detected']} found",
        silence_f1=f1(t["silence_matched"], t["silence_true"], t["silence_detected"]))


# --- main ----------------------------------------------------------------------------------------------------
def nokchwi_analyze(binary, path, agent_channel):
    p = subprocess.run([binary, "analyze", path, "--agent-channel", str(agent_channel), "--json"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"nokchwi analyze {path}: {p.stderr[-1000:]}")
    return json.loads(p.stdout)


def compare(harness_json, ours_json):
    """nokchwi's figures here against `nokchwi-dev accuracy --json` on the same calls (overall, audio only)."""
    h = json.load(open(harness_json))
    ov = h.get("overall") or {}

    def g(*names):
        for n in names:
            if n in ov:
                return ov[n]
        return None
    ours = json.load(open(ours_json))["groups"]["overall"]["nokchwi"]
    frames = g("frames")
    pairs = [("frame acc agent", g("agentCorrect", "agent_correct"), ours["agent_frame_acc"], frames),
             ("frame acc caller", g("callerCorrect", "caller_correct"), ours["caller_frame_acc"], frames),
             ("talk error agent", g("agentTalkAbsErrorS", "agent_talk_abs_error_s"), ours["agent_talk_err"],
              g("agentTrueTalkS", "agent_true_talk_s")),
             ("talk error caller", g("callerTalkAbsErrorS", "caller_talk_abs_error_s"), ours["caller_talk_err"],
              g("callerTrueTalkS", "caller_true_talk_s")),
             ("hold recall", g("holdOverlapS", "hold_overlap_s"), ours["hold_recall"], g("holdTrueS", "hold_true_s")),
             ("talk in true hold, both ch. (s)", g("musicAsTalkS", "music_as_talk_s"), ours["music_both_s"], 1),
             ("dead-air matched / true / found",
              (g("deadAirMatched"), g("deadAirTrue"), g("deadAirDetected")), None, None)]
    print("| figure (overall) | demo-accuracy (in process) | vad_accuracy.py (nokchwi analyze) |")
    print("|---|---:|---:|")
    for name, num, mine, den in pairs:
        if mine is None:
            print(f"| {name} | {num} | {ours['dead_air']} |")
        elif num is None or not den:
            print(f"| {name} | n/a | {mine:.4f} |")
        else:
            print(f"| {name} | {num / den:.4f} | {mine:.4f} |")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--compare":
        return compare(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--modes", type=int, nargs="+", default=[0, 1, 2, 3])
    ap.add_argument("--frame-ms", type=int, default=30, choices=[10, 20, 30])
    ap.add_argument("--bridge-ms", type=int, default=200, help="0: no bridged rows")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    try:
        import webrtcvad  # noqa: F401
        modes = a.modes
    except ImportError:
        print("webrtcvad is not installed (pip install webrtcvad): only nokchwi is scored", file=sys.stderr)
        modes = []
    drop, truth_dir = os.path.join(a.data, "drop"), os.path.join(a.data, "truth")
    truths = [json.load(open(os.path.join(truth_dir, n))) for n in sorted(os.listdir(truth_dir))
              if n.endswith(".truth.json")]
    tmp = tempfile.mkdtemp(prefix="nokchwi-vad-")

    # nokchwi, one process per call, --jobs at a time.
    def job(t):
        if t["layout"] == "stereo":
            return nokchwi_analyze(a.bin, os.path.join(drop, t["files"][0]), t.get("agent_channel") or 0)
        x, rate = decode_call(drop, t)
        path = os.path.join(tmp, t["call_id"] + ".wav")
        write_wav(path, x, rate)
        try:
            return nokchwi_analyze(a.bin, path, 0)
        finally:
            os.remove(path)

    with ThreadPoolExecutor(a.jobs) as pool:
        analyses = list(pool.map(job, truths))
    os.rmdir(tmp)

    methods = ["nokchwi"]
    for m in modes:
        methods.append(f"webrtcvad mode {m}, {a.frame_ms} ms")
        if a.bridge_ms:
            methods.append(f"webrtcvad mode {m}, {a.frame_ms} ms + {a.bridge_ms} ms bridge")
    groups = {}
    per_call = []

    def tally(group, method, r):
        add(groups.setdefault(group, {}).setdefault(method, empty_tally()), r)

    dead_min = None
    for t, an in zip(truths, analyses):
        length = fr(t["duration_s"])
        keys = ["overall", f"SNR {int(round(t['snr_db']))} dB", f"layout {t['layout']}"]
        results = {}
        dead_min = fr(an["dead_air"]["threshold_s"])
        p = an["parties"]
        agent, caller = mask(p["agent"]["segments"], length), mask(p["caller"]["segments"], length)
        results["nokchwi"] = score(t, agent, caller, p["agent"]["talk_s"], p["caller"]["talk_s"],
                                   [(h["start"], h["end"]) for h in an["hold"]["segments"]],
                                   spans(an["silence"]["events"]), spans(an["dead_air"]["events"]), dead_min)
        if modes:
            x, rate = decode_call(drop, t)
            for m in modes:
                va, vc = webrtc_masks(x, rate, m, a.frame_ms, length)
                variants = [(f"webrtcvad mode {m}, {a.frame_ms} ms", va, vc)]
                if a.bridge_ms:
                    g = a.bridge_ms // 10
                    variants.append((f"webrtcvad mode {m}, {a.frame_ms} ms + {a.bridge_ms} ms bridge",
                                     bridge(va, g), bridge(vc, g)))
                for name, ma, mc in variants:
                    quiet = runs(~(ma | mc))
                    results[name] = score(t, ma, mc, ma.sum() / 100, mc.sum() / 100, None,
                                          [s for s in quiet if s[1] - s[0] >= 300],
                                          [s for s in quiet if s[1] - s[0] >= dead_min], dead_min)
        for name, r in results.items():
            for k in keys:
                tally(k, name, r)
        per_call.append({"call_id": t["call_id"], "layout": t["layout"], "encoding": t["encoding"],
                         "sample_rate": t["sample_rate"], "snr_db": t["snr_db"], "leakage_db": t["leakage_db"],
                         "duration_s": t["duration_s"],
                         "scores": {n: derived(r) for n, r in results.items()}})
        print(f"  {len(per_call)}/{len(truths)} {t['call_id']}", file=sys.stderr)

    def pct(v):
        return "-" if v is None else f"{100 * v:.1f}%"

    ov = groups["overall"]
    n_calls = ov["nokchwi"]["calls"]
    hours = ov["nokchwi"]["frames"] / 360000
    layouts = {}
    for t in truths:
        layouts[t["layout"]] = layouts.get(t["layout"], 0) + 1
    lines = [f"{n_calls} calls ({hours:.2f} h; " + ", ".join(f"{v} {k}" for k, v in sorted(layouts.items()))
             + f"), 10 ms frames; webrtcvad frames of {a.frame_ms} ms.", "",
             "| method | frame acc agent / caller | talk-time error agent / caller (mean) | worst call agent / caller "
             "| music as talk, agent ch. (s) | hold recall | dead-air F1 | silence F1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name in methods:
        d = derived(ov[name])
        lines.append(f"| {name} | {d['agent_frame_acc']:.3f} / {d['caller_frame_acc']:.3f} | "
                     f"{pct(d['agent_talk_err'])} / {pct(d['caller_talk_err'])} | "
                     f"{pct(d['agent_worst'])} / {pct(d['caller_worst'])} | "
                     f"{d['music_agent_s']:.1f} of {d['hold_true_s'] or ov['nokchwi']['hold_true_s']:.1f} | "
                     f"{pct(d['hold_recall'])} | {d['dead_air_f1']:.3f} ({d['dead_air']}) | {d['silence_f1']:.3f} |")
    lines += ["", "By group (frame accuracy agent / caller; talk-time error agent / caller; music as talk s):", "",
              "| group | calls | " + " | ".join(methods) + " |", "|---|---:|" + "---|" * len(methods)]
    order = sorted((k for k in groups if k.startswith("SNR")), key=lambda k: -int(k.split()[1])) + \
        sorted(k for k in groups if k.startswith("layout"))
    for g in order:
        cells = []
        for name in methods:
            d = derived(groups[g][name])
            cells.append(f"{d['agent_frame_acc']:.3f} / {d['caller_frame_acc']:.3f}; {pct(d['agent_talk_err'])} / "
                         f"{pct(d['caller_talk_err'])}; {d['music_agent_s']:.0f}")
        lines.append(f"| {g} | {groups[g]['nokchwi']['calls']} | " + " | ".join(cells) + " |")
    d = derived(ov["nokchwi"])
    checks = [("frame accuracy >= 0.97 per party", min(d["agent_frame_acc"], d["caller_frame_acc"]) >= 0.97,
               f"{d['agent_frame_acc']:.3f} / {d['caller_frame_acc']:.3f}"),
              ("hold recall >= 0.95", (d["hold_recall"] or 0) >= 0.95, pct(d["hold_recall"])),
              ("music never counted as talk", d["music_both_s"] == 0,
               f"{d['music_agent_s']:.2f} s agent ch., {d['music_both_s']:.2f} s both ch."),
              ("talk-time error <= 3% per party (mean)", max(d["agent_talk_err"], d["caller_talk_err"]) <= 0.03,
               f"{pct(d['agent_talk_err'])} / {pct(d['caller_talk_err'])}"),
              ("talk-time error <= 3% per party (worst call)", max(d["agent_worst"], d["caller_worst"]) <= 0.03,
               f"{pct(d['agent_worst'])} / {pct(d['caller_worst'])}"),
              ("dead-air F1 >= 0.95", d["dead_air_f1"] >= 0.95, f"{d['dead_air_f1']:.3f} ({d['dead_air']})")]
    lines += ["", "nokchwi against the issue's targets:", "", "| target | nokchwi | met |", "|---|---:|---|"]
    lines += [f"| {n} | {v} | {'yes' if ok else '**no**'} |" for n, ok, v in checks]
    md = "\n".join(lines)
    print(md)
    if a.out:
        os.makedirs(a.out, exist_ok=True)
        open(os.path.join(a.out, "latest.md"), "w").write(md + "\n")
        json.dump({"groups": {g: {m: {**v, **derived(v)} for m, v in ms.items()} for g, ms in groups.items()},
                   "calls": per_call, "frame_ms": a.frame_ms, "bridge_ms": a.bridge_ms},
                  open(os.path.join(a.out, "latest.json"), "w"), indent=1, default=float)


if __name__ == "__main__":
    main()
