#!/usr/bin/env bash
# The package as a user gets it: npm pack, the tarball installed into a clean prefix, then the
# installed doublehop run (--help, a --json diagnosis on the lab, explain). Prints how many
# packages the install brought and their size. Exits non-zero if any check fails.
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf 'check-package: %s\n' "$*"; }
failed=0
check() { # check <what> <command...>: runs the command, says ok or FAILED
	local what=$1
	shift
	if "$@"; then say "ok: ${what}"; else say "FAILED: ${what}"; failed=$((failed + 1)); fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
[ -f "$work/$tarball" ] || { say "npm pack made no tarball"; exit 1; }
say "packed ${tarball} ($(du -k "$work/$tarball" | cut -f1) KB): $(tar tzf "$work/$tarball" | wc -l) files"
in_tarball() { tar -tzf "$work/$tarball" "package/$1" >/dev/null 2>&1; }
check 'the tarball holds the --json schema (dist/result.schema.json)' in_tarball dist/result.schema.json
check 'the tarball holds the explain --json schema (dist/diagnosis.schema.json)' in_tarball dist/diagnosis.schema.json
check 'the tarball holds LICENSE' in_tarball LICENSE

prefix="$work/prefix"
if ! npm install --global --prefix "$prefix" --no-audit --no-fund --loglevel=error "$work/$tarball"; then
	say "FAILED: npm install of the tarball into a clean prefix"
	exit 1
fi
modules="$prefix/lib/node_modules"
count=$(find "$modules" -name package.json -path '*/node_modules/*' | grep -cE 'node_modules/(@[^/]+/)?[^/@]+/package\.json$')
say "installed: ${count} packages including doublehop, $(du -sk "$modules" | cut -f1) KB in ${modules#"$work"/}"
say "runtime dependencies: $(node -p "Object.keys(require('$modules/doublehop/package.json').dependencies ?? {}).join(', ') || 'none'")"
bin="$prefix/bin/doublehop"

check 'doublehop --help' bash -c "'$bin' --help | grep -q 'doublehop explain'"

state="$work/state"
json="$work/report.json"
printf 'Passw0rd!\n' | DOUBLEHOP_STATE_DIR="$state" "$bin" --lab classic --json --password-stdin >"$json"
code=$?
check "doublehop --lab classic --json --password-stdin: exit 1, verdict needs-changes (exit ${code})" \
	node -e '
		const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		process.exit(r.verdict === "needs-changes" && r.exitCode === 1 && Number(process.argv[2]) === 1 ? 0 : 1);
	' "$json" "$code"
check 'its "$schema" is a file shipped in the installed package' \
	node -e '
		const {fileURLToPath} = require("url");
		const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		const file = fileURLToPath(r.$schema);
		process.exit(file.startsWith(process.argv[2]) && require("fs").existsSync(file) ? 0 : 1);
	' "$json" "$modules/doublehop/"

error_text='You do not have permission to perform the operation. Contact your administrator if you believe you should have permission to perform this operation.
    + CategoryInfo          : NotSpecified: (:) [Get-VM], VirtualizationException
    + FullyQualifiedErrorId : AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMCommand
    + PSComputerName        : hyperv1.contoso.com'
check 'doublehop explain recognises the double-hop error (exit 0)' \
	bash -c "printf '%s\n' \"\$1\" | '$bin' explain >/dev/null" _ "$error_text"

if [ "$failed" -gt 0 ]; then
	say "${failed} check(s) failed"
	exit 1
fi
say "the installed package works with only its runtime dependencies"
