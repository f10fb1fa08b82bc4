#!/usr/bin/env python3
"""Window-level view of the music model, leave-one-source-out (called by hold-music.sh from its results folder).

Reads SOURCE.features.csv (`nokchwi-dev accuracy --dump-music-features`) per source. Windows: full 8 s windows with
sound, labelled music (agent channel, at least 99% inside the truth's hold) or speech (no music, the channel's party
talking at least 30% of the window). Prints, per source held out: the built-in model's share of music windows above
-2 (the lowest threshold that keeps speech out) and of speech windows above it; a logistic refit of the same four
features on the OTHER sources, thresholded at 1% of their speech windows, scored on the held-out one; and the mean
features per source (a refit cannot separate a source whose music has speech's means).
Usage: hold_music_blocks.py [SOURCES...] (run in the results folder)
"""
import csv, sys
import numpy as np
S = sys.argv[1:] or "opsound wesnoth warzone2100 hyperrogue planetblupi drascula singularity".split()
F=["flux1","flux2","modulation","low"]
data={}
for s in S:
    X=[];y=[]
    for r in csv.DictReader(open(f"{s}.features.csv")):
        if r["window_full"]!="1": continue
        mw=float(r["music_window"]); sw=float(r["speech_window"])
        if float(r["sound"])<0.5: continue
        if mw>=0.99: lab=1
        elif mw==0 and sw>0.3: lab=0
        else: continue
        X.append([float(r[f]) for f in F]+[float(r["window_score"])]); y.append(lab)
    data[s]=(np.array(X),np.array(y))
def fit(X,y,l2=1e-3):
    mu=X.mean(0); sd=X.std(0)+1e-9; Z=(X-mu)/sd; Z=np.c_[np.ones(len(Z)),Z]
    w=np.zeros(Z.shape[1])
    for _ in range(50):
        p=1/(1+np.exp(-Z@w)); g=Z.T@(p-y)+l2*w; H=(Z*(p*(1-p))[:,None]).T@Z+l2*np.eye(len(w)); w-=np.linalg.solve(H,g)
    return lambda X: np.c_[np.ones(len(X)),(X-mu)/sd]@w
print("source  n_music n_speech | current score>-2 music recall, speech FP | refit(LOSO) music recall at train speech FP 1%")
for s in S:
    X,y=data[s]; cur=X[:,-1]
    tr=[o for o in S if o!=s]; Xt=np.vstack([data[o][0] for o in tr]); yt=np.concatenate([data[o][1] for o in tr])
    f=fit(Xt[:,:4],yt); st=f(Xt[:,:4]); thr=np.quantile(st[yt==0],0.99)
    sc=f(X[:,:4])
    print(f"{s:12s} {int(y.sum()):5d} {int((1-y).sum()):5d} | {np.mean(cur[y==1]>-2):.3f} {np.mean(cur[y==0]>-2):.3f} | {np.mean(sc[y==1]>thr):.3f} {np.mean(sc[y==0]>thr):.3f}")
for s in S:
    X,y=data[s]; m=X[y==1]; print(s, "music means", np.round(m[:,:4].mean(0),3), "speech", np.round(X[y==0][:,:4].mean(0),3))
