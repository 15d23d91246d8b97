// Escape sequences from outside must reach no terminal, transcript or export raw: an OSC 52
// sequence in a VM name would write the admin's clipboard, OSC 0/2 the window title, a bidi
// override would make a name read backwards. Fed here through every outside-data path: a lab
// whose shown fields carry them, the --command, an error record, typed text, explain's input.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {setUpRun} from '../../source/cli/run-setup.js';
import {explain} from '../../source/commands/explain.js';
import {startFlow, type FlowRunner} from '../../source/flow/runner.js';
import type {Host} from '../../source/hosts/host.js';
import {loadScenario} from '../../source/hosts/lab/scenarios.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {Secret} from '../../source/safety/secret.js';
import type {Action, FlowState} from '../../source/tree/state.js';
import {App} from '../../source/ui/app.js';
import {renderPlain} from '../../source/ui/plain.js';
import {showControls} from '../../source/windows/terminal-text.js';

const cliPath = join(import.meta.dirname, '../../dist/cli.js');

/** OSC 52 (clipboard), OSC 0 and 2 (title), CSI (colour, cursor report), C1 CSI, bidi controls. */
const attack = (tag: string) =>
	`${tag}\u001b]52;c;cHduZWQ=\u0007\u001b]0;${tag}\u001b\\\u001b]2;t\u0007\u001b[1;31m\u001b[6n\u009b2J\u202e${tag}\u2066\u200f\u061c\u007f`;

/** Raw pieces that must never be written: none is part of anything doublehop itself prints. */
const forbidden = [
	'\u001b]',
	'\u001b[1;31m',
	'\u001b[6n',
	'\u0007',
	'\u009b',
	'\u202e',
	'\u2066',
	'\u200f',
	'\u061c',
	'\u007f',
];
const rawIn = (text: string) => forbidden.filter((piece) => text.includes(piece));
/** The attack as it must be shown instead: escaped, readable. */
const shownAttack = (tag: string) => showControls(attack(tag)).replace(/\s/g, '');
const flat = (text: string) => text.replace(/\s/g, '');

const password = 'Passw0rd!';

/** The classic lab with an attack in every field the screen shows about the machines. */
function hostileScenario(): Scenario {
	const found = loadScenario('classic');
	if (!found.ok) throw new Error(found.message);
	const lab = structuredClone(found.scenario);
	lab.name = `classic${attack('NAME')}`;
	lab.title = attack('TITLE');
	lab.hint = attack('HINT');
	const client = lab.machines[lab.client]!;
	client.allowFreshCredentials = [`WSMAN/old${attack('DELEGATION')}`];
	client.os = attack('OS');
	for (const machine of Object.values(lab.machines)) {
		for (const vm of machine.vms ?? []) {
			vm.name = attack('VMNAME');
			vm.status = attack('VMSTATUS');
		}
		for (const certificate of machine.certificates) {
			certificate.subject = `CN=${attack('SUBJECT')}`;
			certificate.issuer = attack('ISSUER');
		}
	}
	return lab;
}

/** The first call on the first hop fails with an error record that carries the attack. */
function withHostileError(host: Host): Host {
	let first = true;
	return Object.assign(Object.create(host) as Host, {
		runOnFirstHop: async (...args: Parameters<Host['runOnFirstHop']>) => {
			const result = await host.runOnFirstHop(...args);
			if (!first || result.ok) return result;
			first = false;
			return {
				...result,
				error: {
					...result.error,
					message: `${result.error.message} ${attack('ERRMSG')}`,
					psComputerName: attack('ERRHOST'),
				},
			};
		},
	});
}

/** A recognised error (the second hop's missing credential) with the attack in its evidence. */
const pasted =
	'Connecting to remote server hyperv2 failed with the following error message : WinRM cannot process the request. The following error with errorcode 0x8009030e occurred while using Kerberos authentication: A specified logon session does not exist. \u001b]0;PASTE\u001b\\\u202e It may already have been terminated.\n    + CategoryInfo          : OpenError: (hyperv2:String) [], PSRemotingTransportException\n    + FullyQualifiedErrorId : 1312,PSSessionStateBroken\n';

/** Answers like an admin who accepts every default and says yes to every change. */
function answerOf(state: FlowState): Action | undefined {
	if (state.pending.kind !== 'ask') return undefined;
	const {prompt} = state.pending;
	switch (prompt.kind) {
		case 'text':
			return {type: 'submit-text', field: prompt.field, value: ''};
		case 'password':
			return {type: 'submit-password', password: new Secret(password)};
		case 'confirm':
			return {type: 'answer', id: prompt.id, yes: true};
		case 'choice':
			if (prompt.id === 'method') return {type: 'choose', id: prompt.id, key: 'c'};
			return {type: 'choose', id: prompt.id, key: prompt.options[0]?.key ?? ''};
	}
}

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'doublehop-injection-'));
	process.env.DOUBLEHOP_STATE_DIR = join(dir, 'state');
});
afterEach(() => {
	delete process.env.DOUBLEHOP_STATE_DIR;
	rmSync(dir, {recursive: true, force: true});
});

async function prepare() {
	const labFile = join(dir, 'hostile.json');
	writeFileSync(labFile, JSON.stringify(hostileScenario()));
	const transcript = join(dir, 'run.md');
	const exported = join(dir, 'changes.ps1');
	const prepared = await setUpRun({
		lab: labFile,
		labReset: false,
		mode: 'fix',
		dryRun: false,
		transcript,
		export: exported,
		inputs: {command: `Get-VM -ComputerName hyperv2.contoso.com; '${attack('COMMAND')}'`},
	});
	if (!prepared.ok) throw new Error(prepared.message);
	const host = withHostileError(prepared.setup.host);
	return {setup: prepared.setup, host, transcript, exported};
}

/** The tags whose attack was shown (escaped; a wide table may cut its end) in `text`. */
const tagsShown = (text: string, tags: string[]) =>
	tags.filter((tag) => flat(text).includes(shownAttack(tag).slice(0, tag.length * 2 + 40)));

const screenTags = [
	'NAME',
	'TITLE',
	'HINT',
	'DELEGATION',
	'VMNAME',
	'SUBJECT',
	'COMMAND',
	'ERRMSG',
	'ERRHOST',
];

describe('control sequences from outside reach no output raw', () => {
	it('escapes C0, C1, DEL and bidi controls visibly and keeps line breaks and tabs', () => {
		expect(showControls('a\u001b]0;x\u0007\tb\nc\u202ed\u009be\u007f\r\nf\rg')).toBe(
			'a\\x1b]0;x\\x07\tb\nc\\u202ed\\x9be\\x7f\nf\\x0dg',
		);
	});

	it('the Ink screen, the transcript and the export of a hostile lab run', async () => {
		const {setup, host, transcript, exported} = await prepare();
		const runner = startFlow(host, setup.initial, setup.hooks);
		const off = answerEachQuestion(runner);
		const ui = render(
			<App
				runner={runner}
				theme={{color: false, ascii: false}}
				hint={setup.hint}
				hostDescription={host.description}
				onInterrupt={() => runner.dispatch({type: 'interrupt'})}
			/>,
		);
		const final = await runner.finished;
		await new Promise((resolve) => setTimeout(resolve, 50));
		const output = ui.frames.join('\n');
		ui.unmount();
		off();
		await host.dispose();
		expect(final.changes.length).toBeGreaterThan(0);
		// The attack was on screen, so its absence in raw form means something.
		expect(tagsShown(output, screenTags)).toEqual(screenTags);
		expect(rawIn(output)).toEqual([]);
		const record = readFileSync(transcript, 'utf8');
		// Markdown escaping changes the name's look in the header; the rest is quoted as it came.
		expect(record).toContain('classicNAME\\x1b');
		expect(tagsShown(record, ['COMMAND', 'VMNAME', 'ERRMSG', 'ERRHOST'])).toHaveLength(4);
		expect(rawIn(record)).toEqual([]);
		expect(record).not.toContain('\u001b');
		const script = readFileSync(exported, 'utf8');
		expect(script).toContain('cHduZWQ=');
		expect(rawIn(script)).toEqual([]);
		expect(script).not.toContain('\u001b');
	});

	it('the screen-reader text of the same run', async () => {
		const {setup, host} = await prepare();
		const runner = startFlow(host, setup.initial, setup.hooks);
		const input = new PassThrough();
		const output = new PassThrough();
		let text = '';
		output.on('data', (chunk: Buffer) => (text += chunk.toString()));
		// Each question gets its line when it is asked.
		let asked = 0;
		const offAsk = runner.subscribe(() => {
			const questions = runner.getEvents().filter((e) => e.type === 'question-asked').length;
			for (; asked < questions; asked++) {
				const event = runner.getEvents().filter((e) => e.type === 'question-asked')[asked];
				if (event?.type !== 'question-asked') continue;
				const prompt = event.prompt;
				input.write(
					prompt.kind === 'password'
						? `${password}\n`
						: prompt.kind === 'confirm'
							? 'y\n'
							: prompt.kind === 'choice'
								? `${prompt.id === 'method' ? 'c' : (prompt.options[0]?.key ?? '')}\n`
								: '\n',
				);
			}
		});
		await renderPlain(runner, {
			input,
			output,
			hostDescription: host.description,
			...(setup.hint === undefined ? {} : {hint: setup.hint}),
		});
		offAsk();
		await host.dispose();
		expect(runner.getState().changes.length).toBeGreaterThan(0);
		const tags = screenTags.filter((tag) => tag !== 'SUBJECT');
		expect(tagsShown(text, tags)).toEqual(tags);
		expect(rawIn(text)).toEqual([]);
	});

	it('text the admin types is shown escaped while it is typed', async () => {
		const {setup, host} = await prepare();
		const runner = startFlow(host, setup.initial, {});
		const ui = render(
			<App
				runner={runner}
				theme={{color: false, ascii: false}}
				hostDescription={host.description}
				onInterrupt={() => runner.dispatch({type: 'interrupt'})}
			/>,
		);
		for (let i = 0; i < 200 && !(ui.lastFrame() ?? '').includes('First hop'); i++)
			await new Promise((resolve) => setTimeout(resolve, 10));
		ui.stdin.write('x\u202ey\u009bz\u2066');
		await new Promise((resolve) => setTimeout(resolve, 50));
		const frame = ui.lastFrame() ?? '';
		ui.unmount();
		runner.dispatch({type: 'interrupt'});
		await host.dispose();
		expect(frame).toContain('x\\u202ey\\x9bz\\u2066');
		expect(rawIn(frame)).toEqual([]);
	});

	it.each([false, true])('explain shows pasted control sequences escaped (ascii %s)', (ascii) => {
		const {stdout, exitCode} = explain(pasted, {json: false, ascii, width: 100});
		expect(exitCode).toBe(0);
		// The evidence quotes the pasted text around the attack.
		expect(flat(stdout)).toContain(flat(showControls('\u001b]0;PASTE\u001b\\')));
		expect(rawIn(stdout)).toEqual([]);
		expect(stdout).not.toContain('\u001b');
	});

	it('the built CLI: explain --ascii on stdin and an error about a hostile argument', () => {
		const explained = spawnSync(process.execPath, [cliPath, 'explain', '--ascii'], {
			input: pasted,
			encoding: 'utf8',
		});
		expect(rawIn(explained.stdout + explained.stderr)).toEqual([]);
		const refused = spawnSync(process.execPath, [cliPath, attack('CMD')], {encoding: 'utf8'});
		expect(refused.status).toBe(2);
		expect(refused.stderr).toContain(shownAttack('CMD'));
		expect(rawIn(refused.stderr)).toEqual([]);
	});
});

/** Answers every question of `runner` a moment after it is asked. */
function answerEachQuestion(runner: FlowRunner): () => void {
	let answered: unknown;
	return runner.subscribe(() => {
		const state = runner.getState();
		const action = answerOf(state);
		if (action === undefined || state.pending === answered) return;
		answered = state.pending;
		setTimeout(() => runner.dispatch(action), 5);
	});
}
