// Which PowerShell to run. On Windows, Windows PowerShell 5.1 (powershell.exe) is always there
// and has the WSMan cmdlets; elsewhere only PowerShell 7 (pwsh) exists. An explicit choice wins.
// Never throws: a missing PowerShell is an answer with the way to get one.
import {constants} from 'node:fs';
import {access} from 'node:fs/promises';
import {homedir} from 'node:os';
import {delimiter, join} from 'node:path';

type PowerShellKind = 'powershell' | 'pwsh';

export type FoundPowerShell = {found: true; kind: PowerShellKind; executable: string};

export type PowerShellNotFound = {
	found: false;
	/** One sentence: what was looked for and where. */
	message: string;
	/** Ways to get one, most direct first. */
	howToGet: string[];
};

export type FindPowerShellOptions = {
	/** 'auto' (default), a kind, or the path of an executable. */
	use?: 'auto' | PowerShellKind | (string & {});
	platform?: NodeJS.Platform;
	env?: NodeJS.ProcessEnv;
};

async function isExecutable(path: string, platform: NodeJS.Platform): Promise<boolean> {
	try {
		await access(path, platform === 'win32' ? constants.F_OK : constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

function candidates(
	kind: PowerShellKind,
	platform: NodeJS.Platform,
	env: NodeJS.ProcessEnv,
): string[] {
	const windows = platform === 'win32';
	const file = windows ? `${kind}.exe` : kind;
	const onPath = (env.PATH ?? env.Path ?? '')
		.split(windows ? ';' : delimiter)
		.filter((folder) => folder !== '')
		.map((folder) => join(folder, file));
	if (kind === 'powershell') {
		const root = env.SystemRoot ?? 'C:\\Windows';
		return windows
			? [`${root}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`, ...onPath]
			: onPath;
	}
	const home = env.HOME ?? env.USERPROFILE ?? homedir();
	const dotnetTool = join(home, '.dotnet', 'tools', file);
	if (windows) {
		const programFiles = env.ProgramFiles ?? 'C:\\Program Files';
		return [...onPath, `${programFiles}\\PowerShell\\7\\pwsh.exe`, dotnetTool];
	}
	return [
		...onPath,
		dotnetTool,
		'/opt/microsoft/powershell/7/pwsh',
		'/usr/local/bin/pwsh',
		'/snap/bin/pwsh',
	];
}

function notFound(platform: NodeJS.Platform, looked: string): PowerShellNotFound {
	const howToGet =
		platform === 'win32'
			? [
					'Windows PowerShell 5.1 is part of Windows: check that %SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe exists.',
					'Or install PowerShell 7: winget install --id Microsoft.PowerShell --source winget',
				]
			: [
					'Install PowerShell 7: dotnet tool install --global PowerShell (then ~/.dotnet/tools is on the list of places doublehop looks)',
					'Or from your package manager: https://learn.microsoft.com/powershell/scripting/install/installing-powershell',
					'Note: off Windows, PowerShell has no WSMan client and no CredSSP cmdlets; run doublehop on a Windows admin workstation to change anything, or use --lab to explore.',
				];
	return {found: false, message: `No PowerShell found (looked for ${looked}).`, howToGet};
}

export async function findPowerShell(
	options: FindPowerShellOptions = {},
): Promise<FoundPowerShell | PowerShellNotFound> {
	const platform = options.platform ?? process.platform;
	const env = options.env ?? process.env;
	const use = options.use ?? 'auto';
	if (use !== 'auto' && use !== 'powershell' && use !== 'pwsh') {
		if (await isExecutable(use, platform)) {
			const kind: PowerShellKind = /(^|[\\/])powershell(\.exe)?$/i.test(use)
				? 'powershell'
				: 'pwsh';
			return {found: true, kind, executable: use};
		}
		return notFound(platform, use);
	}
	const only: PowerShellKind | undefined =
		use === 'powershell' ? 'powershell' : use === 'pwsh' ? 'pwsh' : undefined;
	const kinds: PowerShellKind[] =
		only !== undefined ? [only] : platform === 'win32' ? ['powershell', 'pwsh'] : ['pwsh'];
	for (const kind of kinds) {
		for (const path of candidates(kind, platform, env)) {
			if (await isExecutable(path, platform)) return {found: true, kind, executable: path};
		}
	}
	return notFound(
		platform,
		kinds.map((kind) => (platform === 'win32' ? `${kind}.exe` : kind)).join(' or '),
	);
}
