#!/usr/bin/env bash
# Sets up a data home the way the README describes (init, an archivist, a supervisor of every demo team, an
# evaluator) and prints `export` lines with a token for each, for `eval`:
#   eval "$(.ci/demo-home.sh path/to/nokchwi HOME)"   → NOKCHWI_TOKEN (archivist), NK_ADMIN, NK_SUPERVISOR, NK_EVALUATOR
# Demo passwords only: a real deployment asks them on the terminal.
set -euo pipefail
BIN=${1:?usage: demo-home.sh NOKCHWI_BINARY HOME}
HOME_DIR=${2:?usage: demo-home.sh NOKCHWI_BINARY HOME}
admin_pw="demo keys and users passphrase"
NOKCHWI_TOKEN="" NOKCHWI_PASSWORD="$admin_pw" "$BIN" init --admin admin --home "$HOME_DIR" >&2
admin=$(NOKCHWI_PASSWORD="$admin_pw" "$BIN" login --user admin --home "$HOME_DIR")
add() {  # name password role [options...]
    local name=$1 pw=$2; shift 2
    NOKCHWI_TOKEN="$admin" NOKCHWI_NEW_PASSWORD="$pw" "$BIN" users add "$name" --home "$HOME_DIR" "$@" >&2
    NOKCHWI_PASSWORD="$pw" "$BIN" login --user "$name" --home "$HOME_DIR"
}
archivist=$(add archivist "demo retention passphrase" --role archivist)
teams=(); for t in 1 2 3 4 5 6 7 8; do teams+=(--team "team-$t"); done
supervisor=$(add supervisor "demo team lead passphrase" --role supervisor "${teams[@]}")
evaluator=$(add evaluator "demo rubric passphrase" --role evaluator)
echo "export NOKCHWI_TOKEN=$archivist NK_ADMIN=$admin NK_SUPERVISOR=$supervisor NK_EVALUATOR=$evaluator"
