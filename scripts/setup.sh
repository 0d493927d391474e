#!/usr/bin/env bash
# Installs every Debian package that the build, the tests and the demo need, when missing.
# Idempotent: on a ready machine it only asks dpkg and returns.
set -euo pipefail

packages=(
  cmake ninja-build
  clang-19 clang-tidy-19 clangd-19 libclang-19-dev llvm-19-dev llvm-19-tools
  libgtest-dev nlohmann-json3-dev libasio-dev
  python3 python3-jsonschema nodejs
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

# Debian's nodejs comes without npm; NodeSource's (on our CI machines) bundles it.
if ! command -v npm >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
# Microsoft's SARIF multitool validates our SARIF output against GitHub's rules in the tests.
multitool=/opt/async-lint/npm/node_modules/.bin/sarif-multitool
if [[ ! -x "$multitool" ]]; then
  echo "setup: installing @microsoft/sarif-multitool into /opt/async-lint/npm" >&2
  npm install --silent --no-audit --no-fund --prefix /opt/async-lint/npm \
    @microsoft/sarif-multitool@5.7.0 >/dev/null
fi
