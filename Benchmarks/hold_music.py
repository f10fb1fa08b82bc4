#!/usr/bin/env python3
"""Leave-one-source-out figures of hold detection (called by hold-music.sh).

Input: RESULTS/SOURCE.default.json and RESULTS/SOURCE.tT.json, `nokchwi-dev accuracy --json` of each source's
set with the built-in settings and with `music_score_min: T`. Measures, pooled over a set's calls (audio only):
- hold recall: true hold covered by detected hold / true hold; precision: detected hold inside true hold / detected;
- calls under half: calls with a hold of which less than half is found (of calls with a hold);
- music as talk: seconds of true hold in which agent talk was detected (per hour of hold);
- agent talk error: (measured - true) / true agent talk, signed, and the pooled |error| the harness reports.
Fitting: for each source held out, `music_score_min` is the value with the best hold F1 pooled over the OTHER
sources (ties: the value nearest the default 1.0); the held-out source is scored at that value only.
"""
import argparse, json, os


def figures(path):
    with open(path) as f:
        r = json.load(f)
    o = r["overall"]
    holds = [c["audio_only"] for c in r["calls"] if c["audio_only"]["hold_true_s"] > 0]
    under = sum(1 for t in holds if t["hold_overlap_s"] < 0.5 * t["hold_true_s"])
    none = sum(1 for t in holds if t["hold_overlap_s"] == 0)
    return {
        "hold_true_s": o["hold_true_s"], "hold_detected_s": o["hold_detected_s"], "hold_overlap_s": o["hold_overlap_s"],
        "music_as_talk_s": o["music_as_talk_s"], "agent_true_s": o["agent_true_talk_s"],
        "agent_measured_s": o["agent_measured_talk_s"], "agent_abs_error_s": o["agent_talk_abs_error_s"],
        "holds": len(holds), "under_half": under, "not_found": none,
    }


def summary(fs):
    s = {k: sum(f[k] for f in fs) for k in fs[0]}
    recall = s["hold_overlap_s"] / s["hold_true_s"] if s["hold_true_s"] else 1.0
    precision = s["hold_overlap_s"] / s["hold_detected_s"] if s["hold_detected_s"] else 1.0
    return {
        "hold_recall": recall, "hold_precision": precision,
        "hold_f1": 2 * recall * precision / (recall + precision) if recall + precision else 0.0,
        "holds": s["holds"], "under_half": s["under_half"], "not_found": s["not_found"],
        "music_as_talk_s": s["music_as_talk_s"],
        "music_as_talk_per_hold_hour_s": s["music_as_talk_s"] / s["hold_true_s"] * 3600 if s["hold_true_s"] else 0.0,
        "agent_talk_error_signed": (s["agent_measured_s"] - s["agent_true_s"]) / s["agent_true_s"],
        "agent_talk_error_abs": s["agent_abs_error_s"] / s["agent_true_s"],
        "hold_true_s": s["hold_true_s"],
    }


def row(name, t, m):
    return (f"| {name} | {t} | {m['hold_recall']:.3f} | {m['hold_precision']:.3f} | {m['under_half']} / {m['holds']}"
            f" ({m['not_found']} none) | {m['music_as_talk_s']:.1f} s | {100 * m['agent_talk_error_signed']:+.1f}%"
            f" ({100 * m['agent_talk_error_abs']:.1f}%) |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--sources", required=True)
    ap.add_argument("--thresholds", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    sources = a.sources.split()
    ts = a.thresholds.split()
    got = {s: {"default": figures(os.path.join(a.results, f"{s}.default.json"))} for s in sources}
    for s in sources:
        for t in ts:
            got[s][t] = figures(os.path.join(a.results, f"{s}.t{t}.json"))
    held, default = [], []
    lines = ["| source held out | music_score_min | hold recall | precision | calls with a hold under half found |"
             " music as talk | agent talk error signed (abs) |", "|---|---|---|---|---|---|---|"]
    dlines = list(lines)
    for s in sources:
        others = [o for o in sources if o != s]
        best = max(ts, key=lambda t: (round(summary([got[o][t] for o in others])["hold_f1"], 4), -abs(float(t) - 1)))
        m = summary([got[s][best]])
        d = summary([got[s]["default"]])
        held.append(got[s][best]); default.append(got[s]["default"])
        lines.append(row(s, best, m))
        dlines.append(row(s, "1 (default)", d))
        got[s]["chosen"] = best
    lines.append(row("**pooled, held out**", "per source", summary(held)))
    dlines.append(row("**pooled**", "1 (default)", summary(default)))
    grid = ["| music_score_min | " + " | ".join(sources) + " |", "|---|" + "---|" * len(sources)]
    for t in ts:
        grid.append(f"| {t} | " + " | ".join(
            f"{summary([got[s][t]])['hold_recall']:.3f} / {summary([got[s][t]])['hold_precision']:.3f}"
            for s in sources) + " |")
    md = ("### Held out: threshold fitted on the other sources\n\n" + "\n".join(lines)
          + "\n\n### Built-in default (fitted on opsound only: every other source is unseen)\n\n" + "\n".join(dlines)
          + "\n\n### Hold recall / precision per source and threshold\n\n" + "\n".join(grid) + "\n")
    print(md)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "latest.md"), "w") as f:
        f.write(md)
    with open(os.path.join(a.out, "latest.json"), "w") as f:
        json.dump({s: {k: (summary([v]) if isinstance(v, dict) else v) for k, v in got[s].items()} for s in sources},
                  f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
