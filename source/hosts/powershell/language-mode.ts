// The console's language mode, read before anything else runs. Under Constrained Language even
// node-powershell's own end markers ([Console]::Out.WriteLine) fail, so this uses a bare
// property read, which every language mode but NoLanguage allows, and watches stdout for it.
import type {PowerShell} from 'node-powershell';

const modes = /\b(FullLanguage|ConstrainedLanguage|RestrictedLanguage|NoLanguage)\b/;

/** Resolves with the mode's name, or undefined when PowerShell said nothing in time. */
export function readLanguageMode(
	shell: PowerShell,
	timeoutMs: number,
): Promise<string | undefined> {
	const {stdin, stdout} = shell.streams;
	return new Promise((resolve) => {
		let seen = '';
		const finish = (mode: string | undefined) => {
			clearTimeout(timer);
			stdout.off('data', onData);
			// node-powershell pipes stdout again for each command; until then, hold what comes.
			stdout.pause();
			resolve(mode);
		};
		const onData = (chunk: Buffer | string) => {
			seen += chunk.toString();
			const found = modes.exec(seen);
			if (found) finish(found[1]);
		};
		const timer = setTimeout(() => finish(undefined), timeoutMs);
		stdout.on('data', onData);
		stdin.write('$ExecutionContext.SessionState.LanguageMode\n');
	});
}
