// Every command the screen gives to be pasted, read off a real terminal (tmux) as an admin would
// copy it, and pasted into PowerShell's own parser: the JEA, RunAs and --for fixes and the undo of
// each, at 40, 60 and 100 columns. A `PS>` line is its row and the rows that hang under it; a
// command left in words ("Undo: Invoke-Command ...") is that row and the rows of its paragraph.
// Each must parse without an error and be one line to PowerShell: a row that ends without the
// continuation (a backtick) ends the command there, and the rest runs as another (`-LogonType`
// and `ServiceAccount` on two rows are a missing argument and a stray command).
import {describe, expect, test} from 'vitest';
import {findPwsh, parsePowerShell} from '../safety/powershell-parser.js';
import {
	cleanUpAfterEach,
	fold,
	labPassword,
	start,
	stateFolder,
	tmuxMissing,
	type Terminal,
} from './terminal.js';

const missing = tmuxMissing();
const pwsh = findPwsh();
let terminal: Terminal | undefined;
let state: string | undefined;
cleanUpAfterEach(() => ({terminal, state}));

/** The words of a question at the cursor, and what to type there. */
type Answer = [prompt: string, typed: string];

const targets: Answer[] = [
	['First hop', ''],
	['Second hop', ''],
	['Command to run on the first hop', ''],
	['User name', ''],
	['Password for CONTOSO\\admin', labPassword],
];

const undoEverything: Answer[] = [...targets, ['Undo this change', 'y']];

type Flow = {name: string; args: string[]; answers: Answer[]};

const flows: Flow[] = [
	{
		name: 'JEA',
		args: ['--lab', 'jea-runas'],
		answers: [
			...targets,
			['Which method?', 'j'],
			['Group managed service account', 'CONTOSO\\jea-hv$'],
			['Register Doublehop.JEA', 'y'],
		],
	},
	{
		name: 'RunAs',
		args: ['--lab', 'jea-runas'],
		answers: [
			['Password for CONTOSO\\svc-hvops', 'RunAs-Passw0rd!'],
			...targets,
			['Which method?', 'a'],
			['Account the RunAs configuration', 'CONTOSO\\svc-hvops'],
			['Register Doublehop.RunAs', 'y'],
		],
	},
	{
		name: '--for',
		args: ['--lab', 'classic', '--for', '2h'],
		answers: [
			...targets,
			['Which method?', 'c'],
			['I understand the risk', 'y'],
			['Make this change on', 'y'],
			// The listener and its firewall rule: more commands, and more to revert.
			['Create an HTTPS listener', 'y'],
			['Schedule the revert on', 'y'],
		],
	},
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cursor = '█';
const lastRow = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

async function exited(current: Terminal): Promise<boolean> {
	try {
		await current.exitCode(0);
		return true;
	} catch {
		return false;
	}
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
	const started = Date.now();
	while (!(await check())) {
		if (Date.now() - started > 15_000)
			throw new Error(`Waiting for ${what}. Screen:\n${terminal?.screen() ?? ''}`);
		await sleep(15);
	}
}

/** Answers each question as it comes, by its words, until the program ends. */
async function answerToTheEnd(current: Terminal, answers: Answer[]): Promise<void> {
	for (;;) {
		await until(
			async () => lastRow(current.screen()).endsWith(cursor) || (await exited(current)),
			'a question or the end',
		);
		if (await exited(current)) return;
		const question = fold(
			current
				.screen()
				.trimEnd()
				.split(/\n\s*\n/)
				.at(-1) ?? '',
		);
		const answer = answers.find(([prompt]) => question.includes(prompt));
		if (answer === undefined) throw new Error(`No answer for: ${question}`);
		const [, typed] = answer;
		// A yes/no or a choice takes keys once it has been on screen for 150 ms (app.tsx).
		if (/\[\w+(\/\w+)+\] ?█$/.test(question)) await sleep(200);
		if (typed !== '') current.type(typed);
		const shown = question.includes('(hidden)') ? '*'.repeat(typed.length) : typed;
		await until(() => lastRow(current.screen()).endsWith(`${shown}${cursor}`), 'the answer typed');
		const before = current.screen();
		current.press('Enter');
		await until(
			async () => current.screen() !== before || (await exited(current)),
			'the answer taken',
		);
	}
}

/** A command as copied off the screen: where it was, and its rows as they are pasted. */
type Copied = {where: string; rows: string[]};

const indentOf = (row: string) => row.length - row.trimStart().length;

/**
 * The commands on the screen: each `PS>` row with the rows that hang under it or follow a
 * continuation, and each command after "Undo:" or "Will run:" on the same row (in words), with
 * the rest of its paragraph.
 */
function commandsOn(rows: string[], where: string): Copied[] {
	const found: Copied[] = [];
	rows.forEach((row, at) => {
		const prompt = /^( *)PS> (.*)$/.exec(row);
		const inWords = /^( *)(?:Undo|Will run): (\S.*)$/.exec(row);
		const match = prompt ?? inWords;
		if (match === null) return;
		const indent = match[1]!.length;
		const copied = [match[2]!];
		for (let next = at + 1; next < rows.length; next++) {
			const below = rows[next]!;
			if (below.trim() === '') break;
			// A row after a continuation is the command's, wherever it starts (a piece too wide to
			// hang under the text starts under the prompt).
			const hangs = prompt
				? copied.at(-1)!.endsWith(' `') || indentOf(below) >= indent + 'PS> '.length
				: indentOf(below) === indent && !/^ *(?:[A-Z][\w ]*:|PS>)( |$)/.test(below);
			if (!hangs) break;
			copied.push(below);
		}
		found.push({where: `${where}, row ${at}`, rows: copied});
	});
	return found;
}

/** Runs `args` in a terminal `cols` wide, answering as it goes: the rows it printed. */
async function screenOf(cols: number, args: string[], answers: Answer[]): Promise<string[]> {
	terminal?.close();
	terminal = start({
		cols,
		rows: 50,
		args,
		env: {DOUBLEHOP_STATE_DIR: state!, NO_COLOR: '1'},
	});
	await answerToTheEnd(terminal, answers);
	return terminal.history().split('\n');
}

describe.skipIf(missing !== undefined || pwsh === undefined)(
	`commands pasted off the screen${missing ? ` (skipped: ${missing})` : pwsh === undefined ? ' (skipped: pwsh is not installed)' : ''}`,
	() => {
		for (const flow of flows) {
			for (const cols of [40, 60, 100]) {
				test(`${flow.name} and its undo at ${cols} columns: every command shown parses as one command`, async () => {
					state = stateFolder();
					const fix = await screenOf(cols, flow.args, flow.answers);
					const undo = await screenOf(cols, ['undo', ...flow.args.slice(0, 2)], undoEverything);
					const copied = [
						...commandsOn(fix, `${flow.name} at ${cols}`),
						...commandsOn(undo, `its undo at ${cols}`),
					];
					// The fix and the undo each showed commands, and the undo took something back.
					expect(fold(undo.join('\n'))).toContain('Result: UNDONE.');
					expect(copied.length).toBeGreaterThan(8);
					const parsed = parsePowerShell(
						pwsh!,
						copied.map(({rows}) => rows.join('\n')),
					);
					const broken = copied.flatMap(({where, rows}, index) => {
						const {errors, tokens} = parsed[index]!;
						// Rows that are all comments are a comment each; any other row break ends a command.
						const comments = rows.every((row) => row.trimStart().startsWith('#'));
						const lines = tokens.filter((token) => token.startsWith('NewLine:')).length;
						const problems = [
							...errors,
							...(lines > 0 && !comments ? ['cut without a continuation'] : []),
						];
						return problems.length === 0
							? []
							: [`${where}: ${rows.join('⏎')}\n  ${problems.join('; ')}`];
					});
					expect(broken).toEqual([]);
				}, 120_000);
			}
		}
	},
);
