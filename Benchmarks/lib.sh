# Shared by the benchmark scripts. Source it after setting `root` (the package root) and defining `die`.

# resolve_nokchwi BIN: prints the absolute path of the nokchwi binary to measure: BIN when given, else the
# release binary, built first when it is missing. Build output goes to stderr.
resolve_nokchwi() {
    local bin="$1"
    if [[ -z "$bin" ]]; then
        bin="$root/.build/release/nokchwi"
        if [[ ! -x "$bin" ]]; then
            local swift
            swift="$(command -v swift || echo /opt/swift/usr/bin/swift)"
            [[ -x "$swift" ]] || die "no $bin and no swift to build it; pass --bin PATH"
            echo "== building $bin" >&2
            (cd "$root" && "$swift" build -c release --product nokchwi) >&2
        fi
    fi
    [[ -x "$bin" ]] || die "$bin is not an executable"
    echo "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
}

# setup_home BIN HOME: a data home with demo users (see .ci/demo-home.sh); exports NOKCHWI_TOKEN (archivist),
# NK_ADMIN, NK_SUPERVISOR and NK_EVALUATOR. Every command on recordings signs in.
setup_home() {
    eval "$(bash "$root/.ci/demo-home.sh" "$1" "$2" 2>/dev/null)"
}

# start_on_generated_calls NAME "$@": the start of a benchmark on generated calls. Parses --bin PATH --calls N
# --seed S (defaults: the caller's $bin, $calls and $seed), resolves the binary, makes a temporary $work (removed
# on exit), writes the calls to $work/input (no bad inputs) and sets up $work/home with setup_home.
start_on_generated_calls() {
    local name=$1; shift
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --bin) bin="${2:?}"; shift 2 ;;
            --calls) calls="${2:?}"; shift 2 ;;
            --seed) seed="${2:?}"; shift 2 ;;
            *) echo "$name: error: unknown option $1" >&2; exit 1 ;;
        esac
    done
    bin="$(resolve_nokchwi "$bin")"
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    "$bin" demo-data "$work/input" --calls "$calls" --seed "$seed" --no-bad-inputs >/dev/null 2>&1
    setup_home "$bin" "$work/home"
}
