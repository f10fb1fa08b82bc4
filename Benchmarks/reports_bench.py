#!/usr/bin/env python3
"""Supervisor-report benchmark data (Benchmarks/reports.sh runs it).

  reports_bench.py queue-log FILE CALLS      a year (2026) of Asterisk queue_log for CALLS calls
  reports_bench.py fill CATALOG CALLS        CALLS analysed calls (call + call_metrics rows) and CALLS queue calls
                                             straight into a catalog made by `nokchwi init`, spread over 2026

Deterministic (fixed seed). Caller numbers in the queue log are synthetic 010 numbers; the catalog rows carry
hashes only, as the import would store them.
"""
import random
import sqlite3
import sys

YEAR_START = 1767193200  # 2026-01-01T00:00:00+09:00
YEAR_SECONDS = 365 * 86400
TEAMS = [f"team-{i}" for i in range(1, 9)]


def queue_log(path, calls):
    rnd = random.Random(19)
    entered = sorted(YEAR_START + rnd.randrange(YEAR_SECONDS) for _ in range(calls))
    with open(path, "w") as out:
        for i, t in enumerate(entered):
            cid = f"{t}.{i}"
            caller = f"010-{rnd.randrange(10000):04d}-{rnd.randrange(10000):04d}"
            out.write(f"{t}|{cid}|민원|NONE|ENTERQUEUE||{caller}|1\n")
            wait = int(rnd.expovariate(1 / 15)) + 1
            if rnd.random() < 0.1:
                out.write(f"{t + wait}|{cid}|민원|NONE|ABANDON|1|1|{wait}\n")
                continue
            agent = f"SIP/2{rnd.randrange(1, 97):03d}"
            talk = int(rnd.expovariate(1 / 180)) + 10
            out.write(f"{t + wait}|{cid}|민원|{agent}|CONNECT|{wait}|{cid}.1|{wait}\n")
            if rnd.random() < 0.3:
                out.write(f"{t + wait + talk}|{cid}|민원|{agent}|BLINDTRANSFER|3001|default|{wait}|{talk}|1\n")
            else:
                out.write(f"{t + wait + talk}|{cid}|민원|{agent}|COMPLETECALLER|{wait}|{talk}|1\n")


def iso(epoch):
    import datetime
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def fill(catalog, calls):
    rnd = random.Random(23)
    db = sqlite3.connect(catalog)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    batch = 200_000
    for start in range(0, calls, batch):
        rows, metrics, queue = [], [], []
        for i in range(start, min(calls, start + batch)):
            t = YEAR_START + (i * YEAR_SECONDS) // calls
            cid = f"20260101-{i:010d}"
            agent = f"A{rnd.randrange(1, 97):03d}"
            dur = 30 + rnd.random() * 400
            rows.append((cid, f"s{i}", iso(t), agent, TEAMS[int(agent[1:]) % 8], "water", "water-bill", "[]", "inbound",
                         "sidecar-json", "[]", "[]", "stereo", "[]", dur, iso(t), f"a/{i}.opus", "x", 1, 8000, 2, 1, 12000))
            at, ct = dur * 0.35, dur * 0.45
            metrics.append((cid, "bench", 0, at, ct, at + ct, 1, 2, 3.0, 2, 20.0, 3, rnd.random() * 20, rnd.randrange(3),
                            rnd.random() * 30, rnd.randrange(3), 40.0, "{}"))
            queue.append((f"q{i}", "민원", float(t), "answered", float(rnd.randrange(60)), f"SIP/2{agent[1:]}", dur, "caller", None, 0,
                          f"{rnd.randrange(1 << 40):x}"))
        db.executemany("""INSERT INTO call (id, source_sha256, started_at, agent_id, team, department, category, tags, direction,
            metadata_format, metadata_warnings, metadata_files, layout, flags, duration_s, ingested_at, archive_path, archive_sha256,
            archive_bytes, archive_rate, archive_channels, archive_frames, bitrate_per_channel)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)
        db.executemany("""INSERT INTO call_metrics (call_id, analyzer_version, mono, agent_talk_s, caller_talk_s, talk_s,
            agent_interruptions, caller_interruptions, overtalk_s, overtalk_count, silence_s, silence_count, dead_air_s, dead_air_count,
            hold_s, hold_count, non_talk_s, analysis_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", metrics)
        db.executemany("""INSERT INTO queue_call (call_id, queue, entered_at, outcome, wait_s, agent, talk_s, completed_by,
            transfer_target, ring_no_answer, caller_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", queue)
        db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


if __name__ == "__main__":
    if sys.argv[1] == "queue-log":
        queue_log(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "fill":
        fill(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)
