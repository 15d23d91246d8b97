// The entry point and the single place that exits. Everything below returns an exit code.
// explain's plain forms, what CI pipes an error into, are answered from here with only what they
// use; every other command line goes to cli/main.ts, which loads meow (and Ink, for the fix).
import {exitCodes} from './cli/exit-codes.js';
import {explainCommand} from './cli/explain-command.js';
import {parseExplainLine, unknownFlag} from './cli/flags.js';
import {writeError} from './cli/output.js';

// Only for Ctrl+C: the process must be gone within 2 s even if something still hangs.
const exitNow = (code: number) => process.exit(code);

async function run(argv: string[]): Promise<number> {
	const explainLine = unknownFlag(argv) === undefined ? parseExplainLine(argv) : undefined;
	try {
		if (explainLine !== undefined) return await explainCommand(explainLine);
		// main() has its own last resort, which writes the --json document a run promised.
		return await (await import('./cli/main.js')).main(argv, exitNow);
	} catch (error) {
		// Last resort: a clear line, not a stack trace. DOUBLEHOP_DEBUG=1 shows the trace. Not
		// refuse(), as main.ts's is: explain promises no --json document, and refuse's document
		// code would be bundled into this entry (500 KB for every explain to compile).
		const message = error instanceof Error ? error.message : String(error);
		writeError(`doublehop: unexpected error: ${message}\n`);
		if (process.env.DOUBLEHOP_DEBUG) writeError(`${(error as Error).stack ?? ''}\n`);
		return exitCodes.failed;
	}
}

/**
 * Resolves once everything written to the stream so far is handed over. Console writes are
 * asynchronous on Windows, and a pipe whose reader is slower than the writer holds only so much
 * (64 KB on Linux): exiting before then cuts the output, a --json document included.
 */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
	return new Promise((done) => {
		// A reader that went away (EPIPE) ends the wait too, rather than crashing on the error.
		stream.once('error', () => done());
		stream.write('', () => done());
	});
}

// No top-level await: dist/cli.js is CommonJS, which Node loads faster than a module (build.js).
void run(process.argv.slice(2)).then(async (code) => {
	process.exitCode = code;
	await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
	// Exit explicitly: a PowerShell child or a stdin listener must not keep the process alive.
	process.exit();
});
