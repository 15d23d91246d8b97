// Every command line but explain's plain forms (which cli.ts answers alone): meow's full reading,
// then --help, --version, --tree, explain, undo or the guided fix. Returns the exit code.
import {exitCodes} from './exit-codes.js';
import {explainCommand, explainRefusal} from './explain-command.js';
import {explainWithJson, unknownFlag, wantsJsonDocument} from './flags.js';
import {parseCommandLine} from './meow-line.js';
import {promiseJsonDocument, refuse, write, writeError} from './output.js';
import {commandWith} from './refusal-steps.js';
import {checkHostName, psArgument} from '../safety/names.js';

async function commandFor(argv: string[], exitNow: (code: number) => never): Promise<number> {
	promiseJsonDocument(wantsJsonDocument(argv));
	const unknown = unknownFlag(argv);
	// explain --json promises its own document whatever happens: a flag it cannot read included.
	if (unknown !== undefined && explainWithJson(argv)) return explainRefusal(unknown, true);
	if (unknown !== undefined) return refuse(unknown, [], [flagsListed]);
	const cli = parseCommandLine(argv);
	if (cli.flags.help) {
		write(cli.help);
		return exitCodes.works;
	}
	if (cli.flags.version) {
		write(`${cli.pkg.version ?? '0.0.0'}\n`);
		return exitCodes.works;
	}
	// --json promises one document: the tree is text and a flowchart, so it is refused, not drawn.
	if (cli.flags.tree && cli.flags.json) {
		const message =
			'--tree draws the decision tree as text and a Mermaid flowchart; it has no --json form.';
		const next = 'Leave out --json to see the tree: doublehop --tree';
		return cli.input[0] === 'explain'
			? explainRefusal(`${message} ${next}`, true)
			: refuse(message, [next]);
	}
	if (cli.flags.tree) {
		const {treeAsMermaid, treeAsText} = await import('../report/tree-text.js');
		// Cut to a terminal's width as the rest is; a pipe or a file gets each line whole. The
		// flowchart is code to paste: a cut line would not parse, so it stays as written.
		const columns = process.stdout.isTTY === true ? process.stdout.columns : 0;
		const width = columns > 0 ? Math.max(20, columns - 1) : undefined;
		write(`${treeAsText(width)}\n\`\`\`mermaid\n${treeAsMermaid()}\`\`\`\n`);
		return exitCodes.works;
	}
	const [command] = cli.input;
	if (command === 'explain') return explainCommand(cli);
	const stray = cli.input.slice(command === 'undo' ? 1 : 0);
	if (stray.length > 0)
		return refuse(strayWords(stray, cli.flags.hop1), [], [strayStep(argv, stray, cli.flags.hop1)]);
	if (command === 'undo')
		return (await import('./fix-command.js')).fixCommand(cli, 'undo', exitNow);
	return (await import('./fix-command.js')).fixCommand(cli, 'fix', exitNow);
}

const flagsListed = 'doublehop --help lists every flag and what it takes.';

/** More first hops: the run with the list quoted; any other word: the commands --help lists. */
function strayStep(argv: string[], stray: string[], hop1: string | undefined): string {
	const hosts = hop1 !== undefined && stray.every((word) => checkHostName(word).ok);
	if (!hosts) return flagsListed;
	const given = argv.filter((word) => !stray.includes(word));
	return `With the list quoted: ${commandWith(given, {set: {'--hop1': [hop1, ...stray].join(',')}})}`;
}

/**
 * Words where a command was expected. PowerShell hands an unquoted --hop1 a,b to npm's
 * doublehop.ps1 as an array, which it passes on as two arguments (a b): the host names that
 * follow --hop1 are said to be so, with the list quoted.
 */
function strayWords(stray: string[], hop1: string | undefined): string {
	const [first = ''] = stray;
	const hosts = hop1 !== undefined && stray.every((word) => checkHostName(word).ok);
	if (!hosts) return `unknown command "${first}". Run doublehop --help.`;
	const list = [hop1, ...stray].join(',');
	return `unknown command "${first}". If ${stray.length === 1 ? 'it is' : 'they are'} more first hops, quote the list: --hop1 ${psArgument(list)} (PowerShell passes an unquoted ${list} to doublehop as separate arguments).`;
}

export async function main(argv: string[], exitNow: (code: number) => never): Promise<number> {
	try {
		return await commandFor(argv, exitNow);
	} catch (error) {
		// Last resort: a clear line (or the promised --json document), not a stack trace.
		// DOUBLEHOP_DEBUG=1 shows the trace.
		const message = error instanceof Error ? error.message : String(error);
		const code = await refuse(
			`unexpected error: ${message}`,
			[],
			[
				`To see where it failed, the same run with DOUBLEHOP_DEBUG set: $env:DOUBLEHOP_DEBUG = '1'; ${commandWith(argv)}`,
			],
		);
		if (process.env.DOUBLEHOP_DEBUG) writeError(`${(error as Error).stack ?? ''}\n`);
		return code;
	}
}
