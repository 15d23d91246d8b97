// One test per way of showing a run: colour, no colour, ASCII, and the screen-reader renderer.
// (--json has its own file, validated against the published schema.)
import {PassThrough} from 'node:stream';
import {describe, expect, test} from 'vitest';

// Colour must be possible for the colour test to mean anything: chalk reads this at import.
process.env.FORCE_COLOR = '1';
const {render} = await import('ink-testing-library');
const {App} = await import('../../source/ui/app.js');
const {renderPlain} = await import('../../source/ui/plain.js');
const {startFlow} = await import('../../source/flow/runner.js');
const {createLabHost} = await import('../../source/hosts/lab/lab-host.js');
const {initialState} = await import('../../source/tree/reducer.js');
const {scenario} = await import('../helpers/session.js');

const colourCode = /\u001b\[(3[0-7]|9[0-7]|38;)/;

function runUi(theme: {color: boolean; ascii: boolean}, scenarioName = 'unreachable') {
	const lab = scenario(scenarioName);
	const host = createLabHost({scenario: lab});
	const runner = startFlow(
		host,
		initialState({
			defaults: lab.defaults,
			inputs: {
				hop1: 'hyperv1.contoso.com',
				hop2: 'hyperv2.contoso.com',
				user: 'CONTOSO\\admin',
				command: 'Get-VM -ComputerName hyperv2.contoso.com',
			},
		}),
	);
	const ui = render(
		<App runner={runner} theme={theme} hostDescription={host.description} onInterrupt={() => {}} />,
	);
	return {runner, ui};
}

/** Polls until `ready()` holds; fails the test, naming what it waited for, when it never does. */
async function waitUntil(ready: () => boolean, what: string, ms = 4000): Promise<void> {
	for (const start = Date.now(); !ready();) {
		if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

async function typePassword(ui: ReturnType<typeof render>) {
	await waitUntil(() => (ui.lastFrame() ?? '').includes('Password for'), 'the password prompt');
	ui.stdin.write('Passw0rd!');
	await new Promise((resolve) => setTimeout(resolve, 5));
	ui.stdin.write('\r');
}

describe('output modes', () => {
	test('colour: statuses are coloured', async () => {
		const {runner, ui} = runUi({color: true, ascii: false});
		await typePassword(ui);
		await runner.finished;
		await new Promise((resolve) => setTimeout(resolve, 30));
		const all = ui.frames.join('');
		expect(all).toMatch(colourCode);
		// The part of the error that identified the cause is highlighted in place (inverse video).
		expect(all).toMatch(/\u001b\[7m[^\n]*WinRMPortNotAnswering,doublehop/);
		ui.unmount();
	});

	test('no colour (NO_COLOR, --no-color): no colour codes at all, words carry the status', async () => {
		const {runner, ui} = runUi({color: false, ascii: false});
		await typePassword(ui);
		await runner.finished;
		await new Promise((resolve) => setTimeout(resolve, 30));
		const all = ui.frames.join('');
		expect(all).not.toMatch(colourCode);
		expect(all).toContain('FAILED');
		ui.unmount();
	});

	test('--ascii: not one character outside ASCII on screen', async () => {
		const {runner, ui} = runUi({color: false, ascii: true}, 'classic');
		await typePassword(ui);
		await waitUntil(() => (ui.lastFrame() ?? '').includes('[u/j/a/c]'), 'the methods question');
		// A choice or a yes/no takes keys once it has been on screen a moment (source/ui/app.tsx).
		await new Promise((resolve) => setTimeout(resolve, 200));
		ui.stdin.write('c');
		await new Promise((resolve) => setTimeout(resolve, 5));
		ui.stdin.write('\r');
		await waitUntil(() => (ui.lastFrame() ?? '').includes('[y/N]'), 'a [y/N] question');
		await new Promise((resolve) => setTimeout(resolve, 200));
		ui.stdin.write('n');
		await new Promise((resolve) => setTimeout(resolve, 5));
		ui.stdin.write('\r');
		await runner.finished;
		await new Promise((resolve) => setTimeout(resolve, 30));
		const all = ui.frames.join('\n').replace(/\u001b\[[0-9;]*m/g, '');
		expect(all).toContain('[DECLINED]');
		expect(all).toContain('=====');
		expect(all.match(/[^\u0000-\u007f]/g) ?? []).toEqual([]);
		ui.unmount();
	});

	test('screen reader: plain sequential lines, no escape codes, the password never echoed', async () => {
		const lab = scenario('classic');
		const host = createLabHost({scenario: lab});
		const runner = startFlow(host, initialState({defaults: lab.defaults}));
		const input = new PassThrough();
		const output = new PassThrough();
		let text = '';
		output.on('data', (chunk: Buffer) => {
			text += chunk.toString();
		});
		const done = renderPlain(runner, {input, output, hostDescription: host.description});
		const answers = ['', '', '', '', 'Passw0rd!', 'c', 'y', 'y', 'y', 'n'];
		let asked = 0;
		for (const answer of answers) {
			// Each question ends in ": "; wait for the next one before answering.
			await waitUntil(
				() => (text.match(/: $/gm)?.length ?? 0) > asked && text.endsWith(': '),
				`question ${asked + 1} (to answer "${answer}")`,
			);
			asked = text.match(/: $/gm)?.length ?? 0;
			input.write(`${answer}\n`);
		}
		await runner.finished;
		await done;
		expect(text).toContain(
			'Step 7 of 10: Allow delegation on this client - on ADMIN-WS (this machine)',
		);
		expect(text).toContain(
			'Make this change on ADMIN-WS (this machine)? Type y for yes; Enter means no: ',
		);
		expect(text).toContain('Result: fixed.');
		expect(text).not.toContain('Passw0rd!');
		expect(text).not.toMatch(/\u001b\[[0-9;]*[A-Za-z]/);
	});
});
