# Sourced by run.sh and test.sh: create .venv when missing and install the project into it.
# The install is skipped when pyproject.toml has not changed since the last one.

ensure_venv() {
    local extras="${1:-}"
    local python="${PYTHON:-python3}"
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "Shafaf needs Python 3.11 or newer as '$python' (set PYTHON to another)." >&2
        exit 1
    fi
    if [ ! -x .venv/bin/python ]; then
        echo "==> Creating .venv"
        "$python" -m venv .venv || {
            echo "Could not create a virtual environment: on Debian, 'apt-get install python3-venv'." >&2
            exit 1
        }
    fi
    # shellcheck disable=SC1091
    source .venv/bin/activate
    local stamp=".venv/.installed${extras:+-$extras}"
    local want
    want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        echo "==> Installing Shafaf${extras:+ with [$extras]} into .venv"
        python -m pip install --quiet --upgrade pip
        python -m pip install --quiet -e ".${extras:+[$extras]}"
        echo "$want" > "$stamp"
    fi
}
