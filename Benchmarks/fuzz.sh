#!/usr/bin/env bash
# Fuzzes the audio readers and the metadata adapters with libFuzzer (issue 7). Builds the fuzz products
# (fuzz-audio, fuzz-metadata) in .build-fuzz with -sanitize=fuzzer,address and -DFUZZING, seeds a corpus per
# target (generated recordings, archives and hostile metadata; Fixtures/metadata; ../shared/real-metadata when
# present), runs each target for N seconds, and prints executions, exec/s and coverage from libFuzzer's final
# lines. Crashes, timeouts and OOMs go to Benchmarks/out/fuzz/crashes/ and are copied to
# Fixtures/fuzz-regressions/<target>/, which FuzzRegressionTests replays in every `swift test`.
# Usage: Benchmarks/fuzz.sh [--seconds N] [--target T]... [--no-build]
#   targets: sndfile opus encrypted (fuzz-audio), sidecar asterisk freeswitch siprec (fuzz-metadata)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
die() { echo "fuzz: error: $*" >&2; exit 1; }
seconds=60; targets=(); build=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds="${2:?}"; shift 2 ;;
        --target) targets+=("${2:?}"); shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) die "unknown option $1" ;;
    esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=(sndfile opus encrypted sidecar asterisk freeswitch siprec)
product_of() {
    case "$1" in
        sndfile|opus|encrypted) echo fuzz-audio ;;
        sidecar|asterisk|freeswitch|siprec) echo fuzz-metadata ;;
        *) die "unknown target $1" ;;
    esac
}
scratch="$root/.build-fuzz"
out="$root/Benchmarks/out/fuzz"
real="${NOKCHWI_REAL_METADATA:-$root/../shared/real-metadata}"
mkdir -p "$out/crashes" "$out/logs" "$out/corpus"

if [[ $build == 1 ]]; then
    for product in $(for t in "${targets[@]}"; do product_of "$t"; done | sort -u); do
        echo "== building $product in $scratch (first build: several minutes)"
        (cd "$root" && swift build --scratch-path "$scratch" --product "$product" \
            -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xswiftc -DFUZZING 2>&1 | grep -v "Cannot export local symbol" | tail -3)
    done
fi

summary="$out/summary.tsv"
# One row per target run now; rows of targets not run this time are kept.
if [[ -f "$summary" ]]; then
    grep -v -E "^(target|$(IFS='|'; echo "${targets[*]}"))"$'\t' "$summary" > "$summary.keep" || true
fi
printf 'target\tseconds\texecs\texec_per_s\tcov\tft\tcorpus\tpeak_rss_mb\tfindings\n' > "$summary"
if [[ -f "$summary.keep" ]]; then cat "$summary.keep" >> "$summary"; rm -f "$summary.keep"; fi
for t in "${targets[@]}"; do
    product="$(product_of "$t")"
    bin="$scratch/debug/$product"
    [[ -x "$bin" ]] || die "$bin is missing: run without --no-build"
    corpus="$out/corpus/$t"
    mkdir -p "$corpus"
    NOKCHWI_FUZZ_TARGET="$t" "$bin" --write-seeds "$corpus" >/dev/null
    case "$t" in
        sidecar|freeswitch) exts="json" ;;
        asterisk) exts="csv txt md" ;;
        siprec) exts="xml xsd" ;;
        *) exts="" ;;
    esac
    for ext in $exts; do
        find "$root/Fixtures/metadata" "$real" -type f -name "*.$ext" -size -64k 2>/dev/null \
            | while read -r f; do cp "$f" "$corpus/fixture-$(basename "$f")"; done
    done
    echo "== $t: ${seconds}s, corpus $(find "$corpus" -type f | wc -l) files"
    before=$(find "$out/crashes" -type f -name "$t-*" | wc -l)
    marker="$out/logs/$t.started"; touch "$marker"
    log="$out/logs/$t.log"
    # Leaks are findings too, except for siprec: FoundationXML leaks a CFError string per XML parse error
    # (toolchain, not nokchwi; 72-144 bytes per malformed document).
    leaks=1; [[ $t == siprec ]] && leaks=0
    # -timeout: one input taking 10 s is a finding (hang); -rss_limit_mb: a 2 GB allocation is one too.
    NOKCHWI_FUZZ_TARGET="$t" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=$leaks}" "$bin" "$corpus" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$out/crashes/$t-" > "$log" 2>&1 || true
    after=$(find "$out/crashes" -type f -name "$t-*" | wc -l)
    final=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|RELOAD|INITED)' "$log" | tail -1 || true)
    execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    rate=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    rss=$(grep -oE 'stat::peak_rss_mb: +[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    cov=$(grep -oE 'cov: [0-9]+' <<<"$final" | grep -oE '[0-9]+' || echo "?")
    ft=$(grep -oE 'ft: [0-9]+' <<<"$final" | grep -oE '[0-9]+' || echo "?")
    corp=$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' <<<"$final" | sed 's/corp: //' || echo "?")
    findings=$((after - before))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$seconds" "$execs" "$rate" "$cov" "$ft" "$corp" "$rss" "$findings" >> "$summary"
    echo "   $final"
    if [[ $findings -gt 0 ]]; then
        mkdir -p "$root/Fixtures/fuzz-regressions/$t"
        find "$out/crashes" -type f -name "$t-*" -newer "$marker" -exec cp {} "$root/Fixtures/fuzz-regressions/$t/" \;
        echo "   $findings finding(s): $out/crashes/$t-*; copied to Fixtures/fuzz-regressions/$t/ (fix, then keep them)"
        grep -E '^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*Fatal error)' "$log" | head -5 | sed 's/^/   /'
    fi
done
echo
column -t -s $'\t' "$summary"
