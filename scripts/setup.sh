#!/usr/bin/env bash
# Installs what tocmodel needs on a Debian machine: system packages (as root), then a virtual
# environment in .venv with tocmodel and its test tools. Sourced by demo.sh and test.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TOCMODEL_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"
APT_PACKAGES=(python3-venv graphviz fonts-liberation2 fonts-dejavu-core)
# The test run drives the live preview in Debian's Chromium (test.sh sets TOCMODEL_TEST_PACKAGES=1), and the
# docs build takes its screenshots in it (docs.sh sets TOCMODEL_DOCS_PACKAGES=1).
if [ "${TOCMODEL_TEST_PACKAGES:-0}" = 1 ] || [ "${TOCMODEL_DOCS_PACKAGES:-0}" = 1 ]; then
  APT_PACKAGES+=(chromium)
fi

install_system_packages() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "tocmodel setup: not root, so not installing system packages; ask an administrator for:" >&2
    echo "    apt-get install ${APT_PACKAGES[*]}" >&2
    return 0
  fi
  local missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "tocmodel setup: apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

create_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e "$ROOT[test]"
}

install_system_packages
create_venv
export PATH="$VENV/bin:$PATH"
