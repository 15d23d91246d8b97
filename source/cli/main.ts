// Every command line but explain's plain forms (which cli.ts answers alone): meow's full reading,
// then --help, --version, --tree, explain, undo or the guided fix. Returns the exit code.
import {exitCodes} from './exit-codes.js';
import {explainCommand, explainRefusal} from './explain-command.js';
import {explainWithJson, unknownFlag, wantsJsonDocument} from './flags.js';
import {parseCommandLine} from './meow-line.js';
import {promiseJsonDocument, refuse, write, writeError} from './output.js';

async function commandFor(argv: string[], exitNow: (code: number) => never): Promise<number> {
	promiseJsonDocument(wantsJsonDocument(argv));
	const unknown = unknownFlag(argv);
	// explain --json promises its own document whatever happens: a flag it cannot read included.
	if (unknown !== undefined && explainWithJson(argv)) return explainRefusal(unknown, true);
	if (unknown !== undefined) return refuse(unknown);
	const cli = parseCommandLine(argv);
	if (cli.flags.help) {
		write(cli.help);
		return exitCodes.works;
	}
	if (cli.flags.version) {
		write(`${cli.pkg.version ?? '0.0.0'}\n`);
		return exitCodes.works;
	}
	if (cli.flags.tree) {
		const {treeAsMermaid, treeAsText} = await import('../report/tree-text.js');
		write(`${treeAsText()}\n\`\`\`mermaid\n${treeAsMermaid()}\`\`\`\n`);
		return exitCodes.works;
	}
	const [command] = cli.input;
	if (command === 'explain') return explainCommand(cli);
	if (command === 'undo')
		return (await import('./fix-command.js')).fixCommand(cli, 'undo', exitNow);
	if (command !== undefined) return refuse(`unknown command "${command}". Run doublehop --help.`);
	return (await import('./fix-command.js')).fixCommand(cli, 'fix', exitNow);
}

export async function main(argv: string[], exitNow: (code: number) => never): Promise<number> {
	try {
		return await commandFor(argv, exitNow);
	} catch (error) {
		// Last resort: a clear line (or the promised --json document), not a stack trace.
		// DOUBLEHOP_DEBUG=1 shows the trace.
		const message = error instanceof Error ? error.message : String(error);
		const code = await refuse(`unexpected error: ${message}`);
		if (process.env.DOUBLEHOP_DEBUG) writeError(`${(error as Error).stack ?? ''}\n`);
		return code;
	}
}
