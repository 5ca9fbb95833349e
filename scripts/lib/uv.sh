# Sourced by the scripts: makes `uv` available, installing a pinned copy into .tools/ if needed.
# uv comes from PyPI, the one registry a fresh machine is sure to reach besides Debian's.
UV_VERSION="0.13.8"

ensure_uv() {
  if command -v uv >/dev/null 2>&1; then
    UV=$(command -v uv)
    return
  fi
  local tools="$PROJECT_ROOT/.tools"
  if [ ! -x "$tools/bin/uv" ]; then
    echo "==> Installing uv $UV_VERSION into .tools/ (once)"
    python3 -m venv "$tools"
    "$tools/bin/pip" install --quiet --disable-pip-version-check "uv==$UV_VERSION"
  fi
  UV="$tools/bin/uv"
}
