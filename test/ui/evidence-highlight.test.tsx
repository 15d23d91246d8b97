// The parts of an error that identified its cause are highlighted where the screen prints them,
// from the diagnosis's own ranges: a match that runs across the lines of the error record (a UNC
// path's "Access is denied" and its CategoryInfo) is highlighted on every line it covers.
import {describe, expect, test} from 'vitest';

// Colour must be possible for highlighting to show: chalk reads this at import.
process.env.FORCE_COLOR = '1';
const {render} = await import('ink-testing-library');
const {App} = await import('../../source/ui/app.js');
const {startFlow} = await import('../../source/flow/runner.js');
const {createLabHost} = await import('../../source/hosts/lab/lab-host.js');
const {initialState} = await import('../../source/tree/reducer.js');
const {scenario} = await import('../helpers/session.js');

const inverse = '\u001b[7m';

async function waitUntil(ready: () => boolean, what: string, ms = 4000): Promise<void> {
	for (const start = Date.now(); !ready();) {
		if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

describe('evidence highlighted in the error block', () => {
	test('a UNC path refused on the first hop: "Access is denied" and the path are highlighted', async () => {
		const lab = scenario('classic');
		const host = createLabHost({scenario: lab});
		const runner = startFlow(
			host,
			initialState({
				defaults: lab.defaults,
				inputs: {
					hop1: 'hyperv1.contoso.com',
					hop2: 'hyperv2.contoso.com',
					user: 'CONTOSO\\admin',
					command: 'Get-ChildItem \\\\hyperv2.contoso.com\\share',
				},
			}),
		);
		const ui = render(
			<App
				runner={runner}
				theme={{color: true, ascii: false}}
				hostDescription={host.description}
				onInterrupt={() => {}}
			/>,
		);
		await waitUntil(() => (ui.lastFrame() ?? '').includes('Password for'), 'the password prompt');
		ui.stdin.write('Passw0rd!');
		await new Promise((resolve) => setTimeout(resolve, 5));
		ui.stdin.write('\r');
		await waitUntil(() => ui.frames.join('').includes('Which method?'), 'the methods question');
		const all = ui.frames.join('');
		const highlighted = [...all.matchAll(/\u001b\[7m(?:\u001b\[[0-9;]*m)*([^\u001b]*)/g)].map(
			(match) => match[1],
		);
		expect(all).toContain(inverse);
		expect(highlighted).toContain('Access is denied');
		expect(highlighted.some((text) => text?.includes('\\\\hyperv2.contoso.com\\share'))).toBe(true);
		ui.unmount();
	});
});
