#!/usr/bin/env python3
"""Helper for ingest-vs-ffmpeg.sh: picks the calls, measures PESQ, writes the results table.

Subcommands (the shell script calls them in this order):
  select   GEN DROP     keep only stereo 8 kHz calls of a demo-data folder, copy them to DROP as
                        bench-NNN.<ext> (no metadata), choose the PESQ sample and its excerpts
  timeit   ...          run one timed command, append its wall and CPU time to the timings file
  quality  ...          decode the sample (nokchwi export / ffmpeg) and score it with PESQ narrowband
  report   ...          median throughput of the timed runs + PESQ -> Markdown table

Everything it writes is JSON in the benchmark's temp folder, except the final table.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy.io import wavfile

RATE = 8000
EXCERPT_S = 60.0
MAX_LENGTH_DIFF_S = 0.020   # decoded vs source length
MAX_LAG_S = 0.002           # decoded vs source alignment (after the decoders drop the pre-skip)


def die(msg: str) -> None:
    print(f"ingest_vs_ffmpeg.py: error: {msg}", file=sys.stderr)
    sys.exit(1)


def run(cmd: list[str]) -> str:
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        die(f"command failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.strip()}")
    return p.stdout


def load_json(path: Path):
    with open(path) as f:
        return json.load(f)


def write_json(path: Path, value) -> None:
    with open(path, "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


# ---------------------------------------------------------------------------------------------- select

def overlap(a: float, b: float, intervals) -> float:
    return sum(max(0.0, min(b, e) - max(a, s)) for s, e in intervals)


def choose_excerpt(truth: dict) -> list[float]:
    """The 60 s window (5 s steps) with the most speech from the less talkative party, avoiding hold."""
    dur = truth["duration_s"]
    if dur <= EXCERPT_S:
        return [0.0, dur]
    best, best_score = 0.0, -1.0
    start = 0.0
    while start + EXCERPT_S <= dur + 1e-9:
        end = start + EXCERPT_S
        hold = overlap(start, end, truth.get("hold", []))
        score = min(overlap(start, end, truth["speech"]["agent"]),
                    overlap(start, end, truth["speech"]["caller"])) - 10 * hold
        if score > best_score:
            best, best_score = start, score
        start += 5.0
    return [best, best + EXCERPT_S]


def probe(path: Path) -> dict:
    out = run(["ffprobe", "-v", "error", "-select_streams", "a:0",
               "-show_entries", "stream=codec_name,sample_rate,channels,duration", "-of", "json", str(path)])
    return json.loads(out)["streams"][0]


def cmd_select(a) -> None:
    gen, drop = Path(a.gen), Path(a.drop)
    truths = sorted((gen / "truth").glob("*.truth.json"))
    if not truths:
        die(f"no ground truth in {gen}/truth (did demo-data run?)")
    drop.mkdir(parents=True, exist_ok=False)
    stereo8k = [t for t in map(load_json, truths) if t["layout"] == "stereo" and t["sample_rate"] == RATE]
    chosen, total = [], 0.0
    for t in stereo8k:
        if total >= a.target_seconds:
            break
        chosen.append(t)
        total += t["duration_s"]
    if total < a.target_seconds * 0.97:
        die(f"only {total:.0f} s of stereo 8 kHz audio among {len(truths)} calls; generate more (--calls)")

    calls, probed = [], 0.0
    for i, t in enumerate(chosen, 1):
        src = gen / "drop" / t["files"][0]
        name = f"bench-{i:03d}{src.suffix.lower()}"
        shutil.copyfile(src, drop / name)
        info = probe(drop / name)
        if int(info["sample_rate"]) != RATE or int(info["channels"]) != 2:
            die(f"{src}: expected stereo {RATE} Hz, ffprobe says {info}")
        probed += float(info["duration"])
        calls.append({"name": name, "source": t["files"][0], "call_id": t["call_id"], "encoding": t["encoding"],
                      "duration_s": t["duration_s"], "agent_channel": t["agent_channel"],
                      "codec": info["codec_name"], "hold": t.get("hold", [])})

    # PESQ sample: evenly spaced over the selection, so it spans encodings and lengths.
    n = min(a.sample, len(calls))
    picks = sorted({round(k * (len(calls) - 1) / max(1, n - 1)) for k in range(n)})
    for k in picks:
        t = chosen[k]
        calls[k]["excerpt"] = choose_excerpt(t) if a.excerpt else [0.0, t["duration_s"]]

    enc = {}
    for c in calls:
        enc[c["encoding"]] = enc.get(c["encoding"], 0) + c["duration_s"]
    sel = {"generated_calls": len(truths), "stereo_8k_calls": len(stereo8k), "calls": calls,
           "total_seconds": total, "seconds_by_encoding": enc, "sample": [calls[k]["name"] for k in picks]}
    write_json(Path(a.out), sel)
    print(f"selected {len(calls)} stereo 8 kHz calls of {len(truths)} generated: {total:.1f} s "
          f"({total / 3600:.3f} h) of audio; by encoding: "
          + ", ".join(f"{k} {v:.0f} s" for k, v in sorted(enc.items())))
    print(f"ffprobe reads {probed:.1f} s in the copied files (the report checks nokchwi's count too)")
    if abs(probed - total) > 0.5 * len(calls):
        die(f"ffprobe's total {probed:.1f} s differs from the ground truth's {total:.1f} s")
    print(f"PESQ sample: {len(picks)} calls, "
          + (f"{EXCERPT_S:.0f} s excerpts" if a.excerpt else "whole calls"))


# --------------------------------------------------------------------------------------------- quality

def read_wav(path: Path) -> np.ndarray:
    rate, x = wavfile.read(path)
    if rate != RATE:
        die(f"{path}: {rate} Hz, expected {RATE}")
    if x.dtype != np.int16:
        die(f"{path}: {x.dtype}, expected 16-bit PCM")
    if x.ndim == 1:
        x = x[:, None]
    return x.astype(np.float64) / 32768.0


def to_pcm16_wav(src: Path, dst: Path, resample: bool = False) -> None:
    cmd = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(src)]
    if resample:
        cmd += ["-ar", str(RATE)]
    run(cmd + ["-c:a", "pcm_s16le", str(dst)])


def lag_samples(ref: np.ndarray, deg: np.ndarray, max_lag: int) -> int:
    """Lag of deg behind ref (positive: deg late), by cross-correlation within +-max_lag."""
    n = min(len(ref), len(deg))
    r, d = ref[:n], deg[:n]
    size = 1 << int(np.ceil(np.log2(2 * n)))
    xc = np.fft.irfft(np.fft.rfft(d, size) * np.conj(np.fft.rfft(r, size)), size)
    lags = np.concatenate([np.arange(0, max_lag + 1), np.arange(-max_lag, 0)])
    vals = np.concatenate([xc[:max_lag + 1], xc[-max_lag:]])
    return int(lags[np.argmax(vals)])


def ncorr(x: np.ndarray, y: np.ndarray) -> float:
    n = min(len(x), len(y))
    x, y = x[:n] - x[:n].mean(), y[:n] - y[:n].mean()
    den = np.sqrt((x * x).sum() * (y * y).sum())
    return float((x * y).sum() / den) if den > 0 else 0.0


def pesq_task(args):
    ref_path, deg_path, ref_ch, deg_ch, a, b = args
    from pesq import pesq  # imported in the worker
    ref, deg = read_wav(Path(ref_path)), read_wav(Path(deg_path))
    s, e = int(round(a * RATE)), int(round(b * RATE))
    try:
        return float(pesq(RATE, ref[s:e, ref_ch], deg[s:e, deg_ch], "nb"))
    except Exception as exc:  # NoUtterancesError on a silent excerpt: reported, not fatal
        return f"{type(exc).__name__}: {exc}"


def cmd_quality(a) -> None:
    sel = load_json(Path(a.selection))
    drop, work = Path(a.drop), Path(a.work)
    sample = [c for c in sel["calls"] if c["name"] in sel["sample"]]
    refs = work / "ref"
    refs.mkdir(parents=True, exist_ok=True)
    for c in sample:
        dst = refs / (Path(c["name"]).stem + ".wav")
        if not dst.exists():
            to_pcm16_wav(drop / c["name"], dst)

    checks, tasks = {}, []
    for spec in a.variant:
        label, _, rest = spec.partition("=")
        kind, _, where = rest.partition(":")
        if not (label and kind and where):
            die(f"--variant {spec!r}: expected LABEL=nokchwi:HOME or LABEL=ffmpeg:OPUS_DIR")
        out = work / "decoded" / label
        out.mkdir(parents=True, exist_ok=True)
        if kind == "nokchwi":
            listing = json.loads(run([a.bin, "calls", "list", "--home", where, "--json", "--limit", "100000"]))
            calls = listing["calls"] if isinstance(listing, dict) else listing
            by_source = {}
            for call in calls:
                for leg in call["legs"]:
                    by_source[Path(leg["sourcePath"]).name] = call
        for c in sample:
            stem = Path(c["name"]).stem
            deg_path = out / f"{stem}.wav"
            if kind == "nokchwi":
                call = by_source.get(c["name"])
                if call is None:
                    die(f"{c['name']} is not in the catalog of {where}")
                if not deg_path.exists():
                    run([a.bin, "export", call["id"], "--home", where, "--out", str(deg_path)])
            elif kind == "ffmpeg":
                if not deg_path.exists():
                    to_pcm16_wav(Path(where) / f"{c['name']}.opus", deg_path, resample=True)
            else:
                die(f"unknown variant kind {kind}")
            ref, deg = read_wav(refs / f"{stem}.wav"), read_wav(deg_path)
            if ref.shape[1] != 2 or deg.shape[1] != 2:
                die(f"{label}/{stem}: expected 2 channels, got ref {ref.shape[1]}, decoded {deg.shape[1]}")
            # Pair each decoded channel with the source channel it correlates best with.
            s, e = (int(round(x * RATE)) for x in c["excerpt"])
            m = np.array([[abs(ncorr(ref[s:e, i], deg[s:e, j])) for j in range(2)] for i in range(2)])
            straight, swapped = m[0, 0] + m[1, 1], m[0, 1] + m[1, 0]
            pairing = [0, 1] if straight >= swapped else [1, 0]   # pairing[source channel] = decoded channel
            if kind == "nokchwi" and call.get("agent_channel") == 0:
                expected = [0, 1] if c["agent_channel"] == 0 else [1, 0]
                if pairing != expected:
                    die(f"{label}/{stem}: agent on archive channel 0 expected, correlation says {pairing}")
            length_diff = (len(deg) - len(ref)) / RATE
            lags = [lag_samples(ref[s:e, i], deg[s:e, pairing[i]], int(0.05 * RATE)) / RATE for i in range(2)]
            checks[(label, stem)] = {"length_diff_s": length_diff, "lag_s": lags, "pairing": pairing,
                                     "corr": [float(m[i, pairing[i]]) for i in range(2)]}
            if abs(length_diff) > MAX_LENGTH_DIFF_S:
                die(f"{label}/{stem}: decoded length differs from the source by {length_diff * 1000:.1f} ms")
            if max(abs(x) for x in lags) > MAX_LAG_S:
                die(f"{label}/{stem}: decoded audio is shifted by {[round(x * 1000, 2) for x in lags]} ms")
            for src_ch in range(2):
                party = "agent" if src_ch == c["agent_channel"] else "caller"
                tasks.append(((label, stem, party),
                              (str(refs / f"{stem}.wav"), str(deg_path), src_ch, pairing[src_ch], *c["excerpt"])))

    with cf.ProcessPoolExecutor(max_workers=a.jobs) as pool:
        scores = list(pool.map(pesq_task, [t[1] for t in tasks]))

    result = {}
    for ((label, stem, party), _), score in zip(tasks, scores):
        v = result.setdefault(label, {"calls": {}, "errors": []})
        ck = checks[(label, stem)]
        call = v["calls"].setdefault(stem, {"length_diff_ms": round(ck["length_diff_s"] * 1000, 2),
                                            "lag_ms": [round(x * 1000, 3) for x in ck["lag_s"]],
                                            "pairing": ck["pairing"], "corr": [round(x, 4) for x in ck["corr"]]})
        if isinstance(score, str):
            v["errors"].append(f"{stem} {party}: {score}")
        else:
            call[party] = round(score, 4)
    for label, v in result.items():
        for party in ("agent", "caller"):
            xs = [c[party] for c in v["calls"].values() if party in c]
            v[party] = {"mean": statistics.fmean(xs) if xs else None, "min": min(xs) if xs else None, "n": len(xs)}
        v["max_abs_length_diff_ms"] = max(abs(c["length_diff_ms"]) for c in v["calls"].values())
        v["max_abs_lag_ms"] = max(abs(x) for c in v["calls"].values() for x in c["lag_ms"])
        print(f"PESQ {label:>14}: agent mean {v['agent']['mean']:.3f} min {v['agent']['min']:.3f} | "
              f"caller mean {v['caller']['mean']:.3f} min {v['caller']['min']:.3f} | "
              f"max length diff {v['max_abs_length_diff_ms']:.2f} ms, max lag {v['max_abs_lag_ms']:.3f} ms"
              + (f" | {len(v['errors'])} errors" if v["errors"] else ""))
    write_json(Path(a.out), result)


# ---------------------------------------------------------------------------------------------- timeit

def cmd_timeit(a) -> None:
    """Runs the command once; appends wall and CPU time (children's user + system) to the timings file."""
    import resource
    import time
    cmd = a.command[1:] if a.command and a.command[0] == "--" else a.command
    if not cmd:
        die("timeit: no command")
    stdout = open(a.stdout, "w") if a.stdout else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=stdout)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if stdout:
        stdout.close()
    if p.returncode != 0:
        die(f"timeit: {a.label} exited with {p.returncode}: {' '.join(cmd)}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rec = {"label": a.label, "tool": a.tool, "settings": a.settings, "run": a.run, "wall_s": round(wall, 4),
           "cpu_s": round(cpu, 4)}
    if a.stdout:
        rec["report"] = a.stdout
    if a.opus_dir:
        files = sorted(Path(a.opus_dir).glob("*.opus"))
        if len(files) != a.expect_files or any(f.stat().st_size == 0 for f in files):
            die(f"timeit: {a.label} wrote {len(files)} non-empty .opus files in {a.opus_dir}, expected {a.expect_files}")
        rec["bytes"] = sum(f.stat().st_size for f in files)
    with open(a.timings, "a") as f:
        f.write(json.dumps(rec) + "\n")
    print(f"   {a.label:<12} {wall:7.2f} s wall {cpu:7.2f} s CPU")


# ---------------------------------------------------------------------------------------------- report

def cmd_report(a) -> None:
    sel = load_json(Path(a.selection))
    quality = load_json(Path(a.quality))
    audio = sel["total_seconds"]
    rows = {}
    for line in open(a.timings):
        if not line.strip():
            continue
        t = json.loads(line)
        r = rows.setdefault(t["label"], {"tool": t["tool"], "settings": t["settings"], "walls": [], "cpus": [],
                                         "bytes": [], "internal_rt": [], "audio": []})
        r["walls"].append(t["wall_s"])
        r["cpus"].append(t["cpu_s"])
        if t["tool"] == "nokchwi":
            rep = load_json(Path(t["report"]))
            if rep["failed"] or rep["quarantined"] or rep["archived"] != len(sel["calls"]):
                die(f"{t['report']}: archived {rep['archived']}, failed {rep['failed']}, "
                    f"quarantined {rep['quarantined']} (expected {len(sel['calls'])} archived)")
            if abs(rep["audio_seconds"] - audio) > 1.0:
                die(f"{t['label']}: nokchwi archived {rep['audio_seconds']} s of audio, the selection has {audio:.1f} s")
            r["bytes"].append(rep["archive_bytes"])
            r["internal_rt"].append(rep["realtime_factor"])
        else:
            r["bytes"].append(t["bytes"])

    for label, r in rows.items():   # libopus is deterministic: every run must write the same amount
        if len(set(r["bytes"])) != 1:
            print(f"warning: {label}: output size differs between runs: {r['bytes']}", file=sys.stderr)
    if {"ffmpeg-seq", "ffmpeg-par"} <= rows.keys() and rows["ffmpeg-seq"]["bytes"] != rows["ffmpeg-par"]["bytes"]:
        print("warning: ffmpeg wrote different sizes with 1 and 2 processes", file=sys.stderr)
    # The built-in default's complexity, recognised by its output (same settings -> same bytes and PESQ).
    if "default" in rows:
        same = [lbl[1:] for lbl, r in rows.items() if lbl.startswith("c") and r["bytes"] == rows["default"]["bytes"]
                and quality.get(lbl, {}).get("agent") == quality.get("default", {}).get("agent")]
        if same:
            rows["default"]["settings"] += f" (output identical to complexity {' and '.join(same)})"

    def xrt(xs):
        return audio / statistics.median(xs)

    def paired(label: str) -> str:
        """Per (call, channel) PESQ difference from ffmpeg's: mean, 95% CI, and how many are lower."""
        ref, q = quality.get("ffmpeg-seq"), quality.get(label)
        if not ref or not q or label.startswith("ffmpeg"):
            return "-"
        d = [c[p] - ref["calls"][s][p] for s, c in q["calls"].items() for p in ("agent", "caller")
             if p in c and p in ref["calls"].get(s, {})]
        if len(d) < 2:
            return "-"
        ci = 1.96 * statistics.stdev(d) / len(d) ** 0.5
        return f"{statistics.fmean(d):+.3f} ± {ci:.3f} ({sum(x < 0 for x in d)}/{len(d)})"

    base = {k: xrt(rows[k]["walls"]) for k in ("ffmpeg-seq", "ffmpeg-par") if k in rows}
    runs = max(len(r["walls"]) for r in rows.values())
    out = [f"Audio: {len(sel['calls'])} stereo 8 kHz calls, {audio:.1f} s ({audio / 3600:.3f} h), by encoding: "
           + ", ".join(f"{k} {v:.0f} s" for k, v in sorted(sel["seconds_by_encoding"].items())) + ". "
           f"PESQ: {len(sel['sample'])} calls, one {EXCERPT_S:.0f} s excerpt each, per channel. "
           f"Throughput: median of {runs} run(s) of the whole command(s), process start-up included; "
           "CPU = user + system time of all processes.", ""]
    if a.load:
        out += [f"Load average (1, 5, 15 min) at start / end: {a.load}.", ""]
    out.append("| tool | settings | x realtime (wall) | runs min-max | vs ffmpeg 1 process / one per core | "
               "x realtime per CPU-second | archive MB/hour | PESQ mean agent / caller | PESQ min agent / caller | "
               "PESQ vs ffmpeg, paired: mean diff ± 95% CI (channels worse) |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, r in rows.items():
        x = xrt(r["walls"])
        lo, hi = audio / max(r["walls"]), audio / min(r["walls"])
        mb = statistics.median(r["bytes"]) / 1e6 / (audio / 3600)
        q = quality.get(label)
        if q and q["agent"]["mean"] is not None and q["caller"]["mean"] is not None:
            pm = f"{q['agent']['mean']:.3f} / {q['caller']['mean']:.3f}"
            pn = f"{q['agent']['min']:.2f} / {q['caller']['min']:.2f}"
        else:
            pm = pn = "-"
        vs = " / ".join(f"{x / base[k]:.2f}x" for k in ("ffmpeg-seq", "ffmpeg-par") if k in base)
        out.append(f"| {r['tool']} | {r['settings']} | {x:.0f}x | {lo:.0f}-{hi:.0f}x | {vs} | {xrt(r['cpus']):.0f}x "
                   f"| {mb:.2f} | {pm} | {pn} | {paired(label)} |")
    errors = [f"{k}: {e}" for k, v in quality.items() for e in v["errors"]]
    if errors:
        out += ["", "PESQ could not score: " + "; ".join(errors)]
    text = "\n".join(out) + "\n"
    print(text)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(text)
    summary = {label: {"settings": r["settings"], "x_realtime_median": xrt(r["walls"]), "walls": r["walls"],
                       "cpus": r["cpus"], "x_realtime_per_cpu_second": xrt(r["cpus"]),
                       "nokchwi_internal_realtime": r["internal_rt"],
                       "archive_mb_per_hour": statistics.median(r["bytes"]) / 1e6 / (audio / 3600)}
               for label, r in rows.items()}
    write_json(Path(a.out).with_suffix(".json"), {"audio_seconds": audio, "runs": runs, "load": a.load,
                                                  "rows": summary, "quality": quality})


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("select")
    s.add_argument("gen")
    s.add_argument("drop")
    s.add_argument("--target-seconds", type=float, default=3600)
    s.add_argument("--sample", type=int, default=10)
    s.add_argument("--whole-calls", dest="excerpt", action="store_false",
                   help="score whole calls instead of 60 s excerpts")
    s.add_argument("--out", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--selection", required=True)
    q.add_argument("--drop", required=True)
    q.add_argument("--work", required=True)
    q.add_argument("--bin", required=True)
    q.add_argument("--variant", action="append", required=True,
                   help="LABEL=nokchwi:HOME or LABEL=ffmpeg:OPUS_DIR")
    q.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    q.add_argument("--out", required=True)
    t = sub.add_parser("timeit")
    t.add_argument("--timings", required=True)
    t.add_argument("--label", required=True)
    t.add_argument("--tool", required=True)
    t.add_argument("--settings", required=True)
    t.add_argument("--run", type=int, required=True)
    t.add_argument("--stdout", help="write the command's stdout here (nokchwi's JSON report)")
    t.add_argument("--opus-dir", help="sum the sizes of the .opus files written here")
    t.add_argument("--expect-files", type=int, default=0)
    t.add_argument("command", nargs=argparse.REMAINDER)
    r = sub.add_parser("report")
    r.add_argument("--selection", required=True)
    r.add_argument("--timings", required=True)
    r.add_argument("--quality", required=True)
    r.add_argument("--load", default="", help="load averages to print with the table")
    r.add_argument("--out", required=True)
    a = p.parse_args()
    {"select": cmd_select, "quality": cmd_quality, "timeit": cmd_timeit, "report": cmd_report}[a.cmd](a)


if __name__ == "__main__":
    main()
