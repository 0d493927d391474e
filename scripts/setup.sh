#!/usr/bin/env bash
# Installs every Debian package that the build, the tests and the demo need against the given
# LLVM majors (default 19), when missing. LLVM 19 is in Debian 12's main archive, LLVM 22 in
# its security archive (bookworm-security), which this adds to apt's sources if they lack it
# (Debian's images list it; without it, Debian 12's npm cannot be installed either).
# Idempotent: on a ready machine it only asks dpkg and returns.
# usage: scripts/setup.sh [19|22]...
set -euo pipefail

majors=("$@")
((${#majors[@]})) || majors=(19)

packages=(
  cmake ninja-build
  libgtest-dev nlohmann-json3-dev libasio-dev
  qcoro-qt6-dev qt6-base-dev libboost-dev  # QCoro and Boost.Asio fixtures use the real headers
  python3 python3-jsonschema python3-yaml nodejs
  git pre-commit          # the tests of action.yml's script and of the pre-commit hook
  dpkg-dev file help2man  # the .deb (cpack's Depends come from dpkg-shlibdeps), the man page
)
for major in "${majors[@]}"; do
  case "$major" in
    19 | 22) ;;
    *) echo "setup: LLVM $major is not supported; the majors are 19 and 22" >&2; exit 2 ;;
  esac
  packages+=(clang-"$major" clang-tidy-"$major" clangd-"$major" libclang-"$major"-dev
             llvm-"$major"-dev llvm-"$major"-tools)
done

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

security_archive=/etc/apt/sources.list.d/async-lint-bookworm-security.sources
add_security_archive() {
  echo "setup: adding Debian 12's security archive to apt's sources ($security_archive)" >&2
  cat >"$security_archive" <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  apt-get update -qq
}

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: these packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  if ! apt-cache policy | grep -q 'n=bookworm-security'; then
    add_security_archive
  fi
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
  npm install --loglevel=error --no-audit --no-fund --prefix /opt/async-lint/npm \
    @microsoft/sarif-multitool@5.7.0 >/dev/null
fi
