#!/usr/bin/env python3
"""Probe of candidate music features the detector does not have (called by hold-music.sh with its sets folder).

On 8 s windows (hop 2 s) of the agent channel of the calls written as 8 kHz PCM16 legs (the simplest to read), with
10 ms frames: `beat`, the largest autocorrelation of the level envelope (dB, mean removed) at lags 0.3-1.5 s;
`lag-1 std`, the standard deviation over the window of each frame's normalised lag-1 autocorrelation (the spectral
tilt: speech swings between voiced, unvoiced and pauses, music holds its timbre); `level range`, the 90th minus the
10th percentile of the level (dB). Windows: music (at least 99% inside the truth's hold) or speech (no hold, the
agent talking at least 30% of the window). Prints the medians per source and the share of each source's music
windows beyond the 1st and 5th percentile of all speech windows (a threshold letting 1% / 5% of speech through).
Usage: hold_music_probe.py SETS_FOLDER [SOURCES...]
"""
import json, glob, sys
import numpy as np
from scipy.io import wavfile
ROOT = sys.argv[1]
S = sys.argv[2:] or "opsound wesnoth warzone2100 hyperrogue planetblupi drascula singularity".split()
def feats(x):
    n = len(x) // 80
    fr = x[:n*80].reshape(n, 80)
    e = (fr**2).mean(1) + 1e-10
    db = 10*np.log10(e)
    out = []
    for w0 in range(0, n - 800, 200):
        d = db[w0:w0+800]; d = d - d.mean()
        ac = np.correlate(d, d, 'full')[799:] / (d @ d + 1e-9)
        beat = ac[30:150].max()       # envelope periodicity 0.3-1.5 s
        # spectral: lag-1 autocorr per frame, its std over window (timbre stationarity)
        f = fr[w0:w0+800]
        l1 = (f[:, 1:]*f[:, :-1]).sum(1)/((f**2).sum(1)+1e-9)
        out.append((w0, beat, np.std(l1), np.percentile(d, 90)-np.percentile(d, 10)))
    return out
res = {}
for s in S:
    mus, sp = [], []
    for tf in sorted(glob.glob(f"{ROOT}/{s}/truth/DEMO*.json")):
        t = json.load(open(tf))
        if t["layout"] != "legs" or t["sample_rate"] != 8000 or t["encoding"] != "pcm16": continue
        sr, x = wavfile.read(f"{ROOT}/{s}/drop/" + t["agent_file"]); x = x.astype(np.float64) / 32768
        hold = t["hold"]; speech = t["speech"]["agent"]
        for w0, *v in feats(x):
            a, b = w0/100, w0/100 + 8
            h = sum(max(0, min(e, b)-max(st, a)) for st, e in hold)/8
            spv = sum(max(0, min(e, b)-max(st, a)) for st, e in speech)/8
            if h >= 0.99: mus.append(v)
            elif h == 0 and spv > 0.3: sp.append(v)
    res[s] = (np.array(mus), np.array(sp))
    m, p = res[s]
    print(s, len(m), len(p), "music beat/l1std/range", np.round(np.median(m, 0), 3) if len(m) else None,
          "speech", np.round(np.median(p, 0), 3))
print("share of music windows beyond the speech windows' 1st/5th percentile (all sources' speech)")
sp = np.vstack([res[s][1] for s in S])
for j, name, sign in [(1, "lag-1 std (low=music)", -1), (2, "level range p90-p10 (low=music)", -1), (0, "beat (high=music)", 1)]:
    q1 = np.percentile(sign*sp[:, j], 99); q5 = np.percentile(sign*sp[:, j], 95)
    print(name, " ".join(f"{s}:{np.mean(sign*res[s][0][:, j] > q1):.2f}/{np.mean(sign*res[s][0][:, j] > q5):.2f}" for s in S))
