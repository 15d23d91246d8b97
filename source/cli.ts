// The entry point and the single place that exits. Everything below returns an exit code.
import {exitCodes} from './cli/exit-codes.js';
import {
	parseCommandLine,
	parseExplainLine,
	unknownFlag,
	wantsJsonDocument,
	type CommandLine,
} from './cli/flags.js';
import {asciiFor, promiseJsonDocument, refuse, write, writeError} from './cli/output.js';
import {readErrorText} from './cli/read-input.js';

// Only for Ctrl+C: the process must be gone within 2 s even if something still hangs.
const exitNow = (code: number) => process.exit(code);

async function explainCommand(cli: CommandLine): Promise<number> {
	const [, file] = cli.input;
	const input = await readErrorText(file ?? cli.flags.file, process.stdin, writeError);
	if (!input.ok) {
		writeError(`doublehop: ${input.message}\n`);
		return exitCodes.failed;
	}
	if (input.cut !== undefined) {
		const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
		const of = input.cut.total === undefined ? '' : ` of ${megabytes(input.cut.total)}`;
		writeError(
			`doublehop: read only the first ${megabytes(input.cut.kept)}${of}; if the error is further on, pass that part (the error and a few lines around it).\n`,
		);
	}
	// The hops are filled into the next command to run: checked like every other name. names.ts
	// is loaded only when a name is given: its IP checks pull in node:net, which explain needs not.
	const hops: {hop1?: string; hop2?: string} = {};
	for (const flag of ['hop1', 'hop2'] as const) {
		const given = cli.flags[flag];
		if (given === undefined) continue;
		const {checkHostName} = await import('./safety/names.js');
		const checked = checkHostName(given);
		if (!checked.ok) {
			writeError(`doublehop: --${flag}: ${checked.reason}\n`);
			return exitCodes.failed;
		}
		hops[flag] = checked.value;
	}
	const {explain} = await import('./commands/explain.js');
	const result = explain(input.text, {
		json: cli.flags.json,
		// JSON has no marks to fall back from: only --ascii escapes its non-ASCII text.
		ascii: cli.flags.json ? cli.flags.ascii === true : asciiFor(),
		width: process.stdout.columns || 80,
		...hops,
		...(cli.flags.command === undefined ? {} : {command: cli.flags.command}),
	});
	write(result.stdout);
	return result.exitCode;
}

async function main(argv: string[]): Promise<number> {
	promiseJsonDocument(wantsJsonDocument(argv));
	const unknown = unknownFlag(argv);
	if (unknown !== undefined) return refuse(unknown);
	// explain reads its command line without meow, so it answers about as fast as node starts.
	const cli = parseExplainLine(argv) ?? (await parseCommandLine(argv));
	if (cli.flags.help) {
		write(cli.help);
		return exitCodes.works;
	}
	if (cli.flags.version) {
		write(`${cli.pkg.version ?? '0.0.0'}\n`);
		return exitCodes.works;
	}
	if (cli.flags.tree) {
		const {treeAsMermaid, treeAsText} = await import('./report/tree-text.js');
		write(`${treeAsText()}\n\`\`\`mermaid\n${treeAsMermaid()}\`\`\`\n`);
		return exitCodes.works;
	}
	const [command] = cli.input;
	if (command === 'explain') return explainCommand(cli);
	if (command === 'undo')
		return (await import('./cli/fix-command.js')).fixCommand(cli, 'undo', exitNow);
	if (command !== undefined) return refuse(`unknown command "${command}". Run doublehop --help.`);
	return (await import('./cli/fix-command.js')).fixCommand(cli, 'fix', exitNow);
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	// Last resort: a clear line, not a stack trace. DOUBLEHOP_DEBUG=1 shows the trace.
	const message = error instanceof Error ? error.message : String(error);
	process.exitCode = await refuse(`unexpected error: ${message}`);
	if (process.env.DOUBLEHOP_DEBUG) writeError(`${(error as Error).stack ?? ''}\n`);
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

await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
// Exit explicitly: a PowerShell child or a stdin listener must not keep the process alive.
process.exit();
