#!/usr/bin/env bash
# Smoke test of build/doublehop.exe under wine (Debian's wine64): --help, a --json diagnosis of
# the classic lab with the password on stdin, and a --json --yes fix to "fixed". Builds the exe
# first unless DOUBLEHOP_EXE_BUILT=1. Without wine it says so and exits 0 (skipped); with wine,
# a check that fails exits 1.
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf 'smoke-exe: %s\n' "$*"; }

wine=""
for candidate in "$(command -v wine64 2>/dev/null)" /usr/lib/wine/wine64 "$(command -v wine 2>/dev/null)"; do
	if [ -n "$candidate" ] && [ -x "$candidate" ]; then wine=$candidate && break; fi
done
if [ -z "$wine" ]; then
	say "skipped: wine is not installed (apt-get install wine64), so doublehop.exe cannot run here"
	exit 0
fi

if [ "${DOUBLEHOP_EXE_BUILT:-}" != 1 ]; then
	npm run --silent build:exe || { say "FAILED: npm run build:exe"; exit 1; }
fi
exe="$PWD/build/doublehop.exe"
[ -f "$exe" ] || { say "FAILED: no $exe"; exit 1; }

# A wine prefix of our own, kept with the downloaded Node binaries; Node 22 needs Windows 10.
cache="${DOUBLEHOP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/doublehop}"
export WINEPREFIX="$cache/wineprefix" WINEDEBUG=-all
if [ ! -f "$WINEPREFIX/.windows-10" ]; then
	mkdir -p "$WINEPREFIX"
	"$wine" reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null 2>&1 &&
		touch "$WINEPREFIX/.windows-10"
fi
say "running ${exe#"$PWD"/} with $("$wine" --version 2>/dev/null || echo wine)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
check() { # check <what> <command...>
	local what=$1
	shift
	if "$@"; then say "ok: ${what}"; else say "FAILED: ${what}"; failed=$((failed + 1)); fi
}
# wine gives a Windows program a pipe it cannot write to (EBADF), so output goes to files.
run() { # run <name> <stdin file> <args...>: out in $work/<name>.out, status in $work/<name>.code
	local name=$1 input=$2
	shift 2
	DOUBLEHOP_STATE_DIR="$work/state" timeout 180 "$wine" "$exe" "$@" <"$input" >"$work/$name.out" 2>"$work/$name.err"
	echo $? >"$work/$name.code"
}
verdict() { # verdict <name> <verdict> <exit code>
	node -e '
		const [file, verdict, code, actual] = process.argv.slice(1);
		let r = {};
		try { r = JSON.parse(require("fs").readFileSync(file, "utf8")); } catch {}
		process.exit(r.verdict === verdict && r.exitCode === Number(code) && actual === code ? 0 : 1);
	' "$work/$1.out" "$2" "$3" "$(cat "$work/$1.code")"
}

printf 'Passw0rd!\n' >"$work/password"
start=$(date +%s)
run help /dev/null --help
check "doublehop.exe --help (exit $(cat "$work/help.code"))" grep -q 'doublehop explain' "$work/help.out"
run diagnose "$work/password" --lab classic --json --password-stdin
check 'doublehop.exe --lab classic --json --password-stdin: verdict needs-changes, exit 1' verdict diagnose needs-changes 1
check 'its "$schema" is build/result.schema.json beside the exe' \
	node -e '
		let r = {};
		try { r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch {}
		process.exit(r.$schema === "file:///Z:" + process.argv[2] ? 0 : 1);
	' "$work/diagnose.out" "$PWD/build/result.schema.json"
run fix "$work/password" --lab classic --json --password-stdin --yes --steps client,server
check 'doublehop.exe --json --yes --steps client,server: verdict fixed, exit 0' verdict fix fixed 0
printf '%s\n' 'New-PSSession : [hyperv1] Connecting to remote server hyperv1 failed with the following error message : The WinRM client cannot process the request. A computer policy does not allow the delegation of the user credentials to the target computer.' >"$work/error"
run explain "$work/error" explain
check "doublehop.exe explain names the CredSSP delegation policy (exit $(cat "$work/explain.code"))" \
	grep -q 'Class: delegation-policy' "$work/explain.out"
say "took $(($(date +%s) - start)) s under wine"
"${wine%/*}/wineserver" -k >/dev/null 2>&1 || wineserver -k >/dev/null 2>&1 || true

if [ "$failed" -gt 0 ]; then
	for name in help diagnose fix explain; do
		say "--- ${name}: exit $(cat "$work/$name.code" 2>/dev/null), stderr:"
		head -c 2000 "$work/$name.err" 2>/dev/null
	done
	exit 1
fi
say "doublehop.exe works under wine"
