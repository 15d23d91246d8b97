// The entry point and the single place that exits. Everything below returns an exit code.
import {parseCommandLine} from './cli/flags.js';
import {chooseHost} from './cli/choose-host.js';
import {exitCodes} from './cli/exit-codes.js';
import {runGuided} from './cli/guided.js';

async function main(argv: string[]): Promise<number> {
	const cli = parseCommandLine(argv);
	const {flags} = cli;
	if (flags.help) {
		process.stdout.write(cli.help);
		return exitCodes.works;
	}
	if (flags.version) {
		process.stdout.write(`${cli.pkg.version ?? '0.0.0'}\n`);
		return exitCodes.works;
	}
	const [command] = cli.input;
	if (command !== undefined) {
		process.stderr.write(`doublehop: unknown command "${command}". Run doublehop --help.\n`);
		return exitCodes.failed;
	}
	const color = flags.color && process.env.NO_COLOR === undefined;
	const choice = await chooseHost(flags);
	if (!choice.ok) {
		process.stderr.write(`doublehop: ${choice.message}\n`);
		return exitCodes.failed;
	}
	return runGuided({
		host: choice.host,
		defaults: choice.defaults,
		inputs: {
			...(flags.hop1 === undefined ? {} : {hop1: flags.hop1}),
			...(flags.hop2 === undefined ? {} : {hop2: flags.hop2}),
			...(flags.user === undefined ? {} : {user: flags.user}),
			...(flags.command === undefined ? {} : {command: flags.command}),
		},
		...(choice.hint === undefined ? {} : {hint: choice.hint}),
		color,
		ascii: flags.ascii,
		screenReader: false,
		stdinIsTTY: process.stdin.isTTY === true,
		writeError: (text) => process.stderr.write(text),
	});
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	// Last resort: a clear line, not a stack trace. DOUBLEHOP_DEBUG=1 shows the trace.
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`doublehop: unexpected error: ${message}\n`);
	if (process.env.DOUBLEHOP_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
	process.exitCode = exitCodes.failed;
}
// Exit explicitly: a PowerShell child or a stdin listener must not keep the process alive.
process.exit();
