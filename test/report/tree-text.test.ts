// `doublehop --tree`: the runbook view of the decision tree. Every stage is drawn once, with the
// step number the banner shows for it, and every branch ends at a stage or a named end.
import {describe, expect, test} from 'vitest';
import {treeAsMermaid, treeAsText} from '../../source/report/tree-text.js';

describe('doublehop --tree', () => {
	test('each stage once, numbered as the banner numbers it; the safer methods stand in as step 6', () => {
		const headings = treeAsText()
			.split('\n')
			.filter((line) => /^\S/.test(line) && line !== 'doublehop decision tree');
		expect(headings.slice(0, 15)).toEqual([
			'1. Check this shell',
			'2. Machines and credentials',
			'3. Test the first hop',
			'4. Reproduce the second hop',
			'5. Diagnose',
			'6. Understand the risk',
			'7. Allow delegation on this client',
			'8. Accept CredSSP on the first hop',
			'9. HTTPS listener (optional)',
			'10. Verify with CredSSP',
			'6. Pass the credential ($using:cred)',
			'6. Resource-based Kerberos constrained delegation',
			'6. JEA or RunAs configuration on the first hop',
			'11. Schedule the revert (--for)',
			'Undo earlier changes',
		]);
	});

	test('the Mermaid chart draws a node for every stage and every end a branch reaches', () => {
		const chart = treeAsMermaid();
		for (const node of ['using_cred', 'rbkcd', 'session_config', 'time_box', 'undo', 'verify'])
			expect(chart).toMatch(new RegExp(`^  ${node}\\["`, 'm'));
		const targets = [...chart.matchAll(/--> ?(?:\|[^|]*\| ?)?(\w+)/g)].map((m) => m[1]);
		const nodes = new Set([...chart.matchAll(/^  (\w+)[[(]/gm)].map((m) => m[1]));
		expect(targets.length).toBeGreaterThan(20);
		for (const target of targets) expect(nodes.has(target), target).toBe(true);
	});
});
