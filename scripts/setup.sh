#!/usr/bin/env bash
# Installs every Debian package that the build, the tests and the demo need, when missing.
# Idempotent: on a ready machine it only asks dpkg and returns.
set -euo pipefail

packages=(
  cmake ninja-build
  clang-19 clang-tidy-19 clangd-19 libclang-19-dev llvm-19-dev llvm-19-tools
  libgtest-dev nlohmann-json3-dev libasio-dev
  python3 python3-jsonschema
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: these packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
