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
