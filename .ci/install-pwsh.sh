#!/usr/bin/env bash
# Installs PowerShell 7 (pwsh) as a .NET global tool, for the real-pwsh test tier. Does nothing when
# pwsh is already on PATH or in ~/.dotnet/tools. Never fails the build: when it cannot install, it
# says why and exits 0, and the tier is skipped (the tests say so too).
set -u
version="7.6.9"
tools="${HOME}/.dotnet/tools"

say() { printf 'install-pwsh: %s\n' "$*"; }

if command -v pwsh >/dev/null 2>&1; then
	say "pwsh is already on PATH at $(command -v pwsh); nothing to do."
	exit 0
fi
if [ -x "${tools}/pwsh" ]; then
	say "pwsh is already installed at ${tools}/pwsh; nothing to do."
	exit 0
fi
if ! command -v dotnet >/dev/null 2>&1; then
	say "dotnet is not installed, so pwsh cannot be installed here; the real-pwsh test tier will be skipped."
	exit 0
fi

log="$(mktemp)"
say "installing PowerShell ${version}: dotnet tool install --global PowerShell --version ${version}"
if dotnet tool install --global PowerShell --version "${version}" >"${log}" 2>&1; then
	installed="$("${tools}/pwsh" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null || true)"
	say "installed pwsh ${installed:-${version}} at ${tools}/pwsh."
else
	say "could not install pwsh (dotnet tool install failed); the real-pwsh test tier will be skipped. Its output:"
	sed 's/^/  | /' "${log}" | tail -n 20
fi
rm -f "${log}"
exit 0
