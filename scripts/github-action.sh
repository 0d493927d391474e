#!/usr/bin/env bash
# The script of action.yml, the GitHub Action: gets async-lint, lints the workflow's compile
# database into SARIF and reports. Its inputs arrive as INPUT_* variables (set by action.yml);
# it runs in the workspace (GITHUB_WORKSPACE) and writes the step outputs `sarif` (the file
# to upload) and `status` (async-lint's exit status: 0 clean, 1 findings, 2 usage or
# configuration error, 3 analysis incomplete) to GITHUB_OUTPUT, and async-lint's summary
# line to GITHUB_STEP_SUMMARY. It exits 0 once async-lint has run, so that the upload comes
# before the gate; it fails only when async-lint cannot be had.
#
# async-lint comes from, in this order: INPUT_PACKAGE (a .deb, path or https URL, installed
# with apt), the async-lint on PATH, or a build of the action's own sources against LLVM
# INPUT_LLVM (scripts/setup.sh and build.sh, as CI does; Debian 12 only).
set -euo pipefail

action_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${INPUT_BUILD_DIR:-build}
sarif=${INPUT_SARIF:-async-lint.sarif}
llvm=${INPUT_LLVM:-19}

install_package() {
  local deb=$INPUT_PACKAGE
  if [[ "$deb" == https://* ]]; then
    deb="${RUNNER_TEMP:-/tmp}/$(basename "$deb")"
    curl --fail --silent --show-error --location --output "$deb" "$INPUT_PACKAGE"
  fi
  [[ "$deb" == /* ]] || deb="./$deb"  # apt installs a file only when it is named as a path
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "$deb" >&2
  command -v async-lint
}

build_from_source() {
  "$action_dir/scripts/setup.sh" "$llvm" >&2
  "$action_dir/scripts/build.sh" "$llvm" >&2
  # The preset's build directory: build/ for LLVM 19, build-llvmN/ for the others.
  local dir=build
  [[ "$llvm" == 19 ]] || dir=build-llvm$llvm
  echo "$action_dir/$dir/driver/async-lint"
}

if [[ -n "${INPUT_PACKAGE:-}" ]]; then
  async_lint=$(install_package)
elif command -v async-lint >/dev/null; then
  async_lint=$(command -v async-lint)
else
  async_lint=$(build_from_source)
fi

# Separated by spaces or newlines (a YAML block of one path a line).
read -rd '' -a paths <<<"${INPUT_PATHS:-}" || true
read -rd '' -a extra <<<"${INPUT_ARGS:-}" || true
# Empty: async-lint's default cache directory, beside the database.
case "${INPUT_CACHE:-}" in
  "") cache=() ;;
  false) cache=(--no-cache) ;;
  *) cache=(--cache-dir "$INPUT_CACHE") ;;
esac

mkdir -p "$(dirname "$sarif")"
stderr=$(mktemp)
status=0
"$async_lint" -p "$build_dir" --format sarif --output "$sarif" "${cache[@]}" "${extra[@]}" \
  "${paths[@]}" 2>"$stderr" || status=$?
cat "$stderr" >&2
summary=$(grep '^async-lint: ' "$stderr" | tail -n 1 || true)
rm -f "$stderr"

if [[ -f "$sarif" ]]; then
  echo "sarif=$sarif" >>"$GITHUB_OUTPUT"
fi
echo "status=$status" >>"$GITHUB_OUTPUT"
if [[ -n "${GITHUB_STEP_SUMMARY:-}" && -n "$summary" ]]; then
  echo "$summary" >>"$GITHUB_STEP_SUMMARY"
fi
