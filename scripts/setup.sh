#!/usr/bin/env bash
# Installs what tocmodel needs on a Debian machine: system packages (as root), then a virtual environment in
# .venv with tocmodel and its extras (TOCMODEL_EXTRAS: `serve,charts` by default, `test` for the test run,
# `docs` for the docs site), at exactly the versions of requirements-lock.txt. Sourced by demo.sh, test.sh and
# docs.sh.
#
# TOCMODEL_LATEST=1 installs the newest versions pyproject.toml allows instead, into .venv-latest, to find an
# upstream change on purpose (see scripts/lock.sh to take it up).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LATEST="${TOCMODEL_LATEST:-0}"
if [ "$LATEST" = 1 ]; then
  VENV="${TOCMODEL_VENV:-$ROOT/.venv-latest}"
else
  VENV="${TOCMODEL_VENV:-$ROOT/.venv}"
fi
PYTHON="${PYTHON:-python3}"
EXTRAS="${TOCMODEL_EXTRAS:-serve,charts}"
LOCK="$ROOT/requirements-lock.txt"
APT_PACKAGES=(python3-venv graphviz fonts-liberation2 fonts-dejavu-core)
# The test run drives the live preview in Debian's Chromium, and the docs build takes its screenshots in it.
if [ "$EXTRAS" = test ] || [ "$EXTRAS" = docs ]; then
  APT_PACKAGES+=(chromium)
fi

say() {
  echo "tocmodel setup: $*"
}

install_system_packages() {
  if [ "$(id -u)" -ne 0 ]; then
    say "not root, so not installing system packages; ask an administrator for:" >&2
    echo "    apt-get install ${APT_PACKAGES[*]}" >&2
    return 0
  fi
  local missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

create_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating the virtual environment ${VENV#"$ROOT"/}"
    "$PYTHON" -m venv "$VENV"
  fi
  local pip=("$VENV/bin/python" -m pip install --quiet)
  if [ "$LATEST" = 1 ]; then
    say "installing tocmodel[$EXTRAS] into ${VENV#"$ROOT"/}, with the newest versions pyproject.toml allows"
    "${pip[@]}" --upgrade pip
    "${pip[@]}" --upgrade --upgrade-strategy eager -e "$ROOT[$EXTRAS]"
  else
    say "installing tocmodel[$EXTRAS] into ${VENV#"$ROOT"/}, with the versions of requirements-lock.txt"
    "${pip[@]}" --constraint "$LOCK" pip hatchling editables
    # The build backend comes from the lock too: no isolated build that would fetch the newest one.
    "${pip[@]}" --constraint "$LOCK" --no-build-isolation -e "$ROOT[$EXTRAS]"
  fi
}

install_system_packages
create_venv
export PATH="$VENV/bin:$PATH"
