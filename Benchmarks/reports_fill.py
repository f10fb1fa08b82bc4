#!/usr/bin/env python3
"""Fills a catalog made by `nokchwi init` with CALLS analysed calls (call + call_metrics rows) and CALLS queue calls
of 2026, in bulk SQL (INSERT ... SELECT from a recursive sequence inside SQLite): 10 million of each in minutes,
where row inserts from Python (reports_bench.py fill) write about 130,000 a minute.

  reports_fill.py CATALOG CALLS

The talk summary tables are dropped with their triggers before the fill and their migration forgotten, so the next
nokchwi command that opens the catalog runs them again: they are rebuilt from the rows (that command's time is the
migration's on CALLS calls; Benchmarks/reports.sh prints it).

The rows are a deterministic function of their number (no random seed): calls spread over the year's days, 09:00 to
18:00 Seoul time; 96 agents in 8 teams; 12 departments with 3 categories each; handle time 30 to 630 s; 10% of
queue calls abandoned; caller hashes from 2,000,000 callers (some call again within the repeat window).
"""
import sqlite3
import sys
import time

YEAR_START = 1767193200  # 2026-01-01T00:00:00+09:00
SUMMARY_MIGRATIONS = ("v9-talk-summary",)


def main(catalog, calls):
    db = sqlite3.connect(catalog, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-1000000")
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'talk_summary%'").fetchall():
        db.execute(f"DROP TRIGGER {name}")
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'talk_%summary'").fetchall():
        db.execute(f"DROP TABLE {name}")
    db.execute(f"DELETE FROM grdb_migrations WHERE identifier IN ({','.join('?' * len(SUMMARY_MIGRATIONS))})", SUMMARY_MIGRATIONS)
    batch = 1_000_000
    t0 = time.time()
    for start in range(0, calls, batch):
        end = min(calls, start + batch)
        # h: a scrambled number per row; t: the call's start (day by row number, 09:00-18:00 Seoul by h).
        seq = f"""WITH RECURSIVE seq(i) AS (SELECT {start} UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < {end}),
            r AS (SELECT i, (i * 2654435761) % 4294967291 AS h,
                         {YEAR_START} + (i * 365 / {calls}) * 86400 + 32400 + ((i * 2654435761) % 4294967291) % 32400 AS t FROM seq)"""
        db.execute("BEGIN")
        db.execute(f"""{seq}
            INSERT INTO call (id, source_sha256, started_at, agent_id, team, department, category, tags, direction, metadata_format,
                metadata_warnings, metadata_files, layout, flags, duration_s, ingested_at, archive_path, archive_sha256, archive_bytes,
                archive_rate, archive_channels, archive_frames, bitrate_per_channel)
            SELECT printf('20260101-%010d', i), printf('%064d', i), strftime('%Y-%m-%dT%H:%M:%S.000Z', t, 'unixepoch'),
                   printf('A%03d', 1 + h % 96), 'team-' || (1 + (1 + h % 96) % 8), 'dept-' || ((h / 96) % 12),
                   'cat-' || ((h / 96) % 12 * 3 + (h / 1152) % 3), '[]', 'inbound', 'sidecar-json', '[]', '[]', 'stereo', '[]',
                   30 + (h / 7) % 600 + (h % 1000) / 1000.0, strftime('%Y-%m-%dT%H:%M:%S.000Z', t, 'unixepoch'),
                   printf('a/%010d.opus', i), 'x', 12000, 8000, 2, 1, 12000
            FROM r""")
        db.execute(f"""INSERT INTO call_metrics (call_id, analyzer_version, mono, agent_talk_s, caller_talk_s, talk_s, agent_interruptions,
                caller_interruptions, overtalk_s, overtalk_count, silence_s, silence_count, dead_air_s, dead_air_count, hold_s, hold_count,
                non_talk_s, analysis_json)
            SELECT id, 'bench', 0, duration_s * 0.35, duration_s * 0.45, duration_s * 0.8, i % 3, i % 4, (i % 50) / 10.0,
                   i % 3, duration_s * 0.1, i % 5, (i % 200) / 10.0, (i % 7 = 0), (i % 300) / 10.0, i % 3, duration_s * 0.2, '{{}}'
            FROM (SELECT id, duration_s, CAST(substr(id, 10) AS INTEGER) AS i FROM call
                  WHERE id >= printf('20260101-%010d', {start}) AND id < printf('20260101-%010d', {end}))""")
        db.execute(f"""{seq}
            INSERT INTO queue_call (call_id, queue, entered_at, outcome, wait_s, agent, talk_s, completed_by, transfer_target,
                ring_no_answer, caller_hash)
            SELECT printf('q%010d', i), '민원', t, CASE WHEN h % 10 = 0 THEN 'abandoned' ELSE 'answered' END, (h / 13) % 60,
                   CASE WHEN h % 10 = 0 THEN NULL ELSE printf('SIP/2%03d', 1 + h % 96) END,
                   CASE WHEN h % 10 = 0 THEN NULL ELSE 30 + (h / 7) % 600 END, CASE WHEN h % 10 = 0 THEN NULL ELSE 'caller' END,
                   CASE WHEN h % 10 = 3 THEN '3001' ELSE NULL END, 0, printf('%016x', (h / 17) % 2000000)
            FROM r""")
        db.execute("COMMIT")
        print(f"{end} calls, {time.time() - t0:.0f} s", flush=True)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]))
