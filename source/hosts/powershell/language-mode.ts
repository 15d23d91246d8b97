// The console's language mode, read before anything else runs. Under Constrained Language even
// node-powershell's own end markers ([Console]::Out.WriteLine) fail, so this uses a bare
// property read, which every language mode but NoLanguage allows, and watches stdout for it.
import type {PowerShell} from 'node-powershell';

/** The first line doublehop writes to the console host: one complete statement, as every line it writes. */
export const languageModeLine = '$ExecutionContext.SessionState.LanguageMode';

const modes = /\b(FullLanguage|ConstrainedLanguage|RestrictedLanguage|NoLanguage)\b/;

export type LanguageModeAnswer = {mode: string} | {silent: true} | {exited: string};

/** The mode's name, or that PowerShell said nothing in time, or that it ended (or never started). */
export function readLanguageMode(
	shell: PowerShell,
	timeoutMs: number,
): Promise<LanguageModeAnswer> {
	const {stdin, stdout} = shell.streams;
	const child = (shell as unknown as {process: NodeJS.EventEmitter}).process;
	return new Promise((resolve) => {
		let seen = '';
		const onExit = () => finish({exited: 'it ended before it answered'});
		const onError = (error: Error) => finish({exited: error.message});
		const onData = (chunk: Buffer | string) => {
			seen += chunk.toString();
			const found = modes.exec(seen);
			if (found?.[1] !== undefined) finish({mode: found[1]});
		};
		const timer = setTimeout(() => finish({silent: true}), timeoutMs);
		const finish = (answer: LanguageModeAnswer) => {
			clearTimeout(timer);
			child.off('exit', onExit);
			child.off('error', onError);
			stdout.off('data', onData);
			// node-powershell pipes stdout again for each command; until then, hold what comes.
			stdout.pause();
			resolve(answer);
		};
		child.once('exit', onExit);
		child.once('error', onError);
		stdout.on('data', onData);
		// A process that never started has a stdin that errors: the 'error' above tells why.
		stdin.once('error', () => undefined);
		stdin.write(`${languageModeLine}\n`);
	});
}
