// The fleet table on Windows in another display language: WinRM's and PowerShell's words are
// localised, the FullyQualifiedErrorId and the code are not, and the table reads those. The
// records are real ones (fixtures/localised/transport-errors.json, each with its source).
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect, test} from 'vitest';
import {fold, labPassword} from '../helpers/session.js';
import {startFleet} from '../helpers/fleet-session.js';
import type {ErrorRecord} from '../../source/windows/records.js';

const localised = JSON.parse(
	readFileSync(join(import.meta.dirname, '../../fixtures/localised/transport-errors.json'), 'utf8'),
) as {rows: {id: string; record: ErrorRecord}[]};
const record = (id: string): ErrorRecord => localised.rows.find((row) => row.id === id)!.record;

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

test('hosts no session reached are "unreachable" with their cause when the errors are Korean and Traditional Chinese', async () => {
	const run = await startFleet(
		mkdtempSync(join(tmpdir(), 'dh-fleet-loc-')),
		false,
		undefined,
		'fleet',
		(host) => {
			const test = host.testFirstHop.bind(host);
			const answers: Record<string, ErrorRecord> = {
				'hv21.contoso.com': record('ko-winrm-operation-timeout'),
				'hv23.contoso.com': record('zh-tw-kerberos-cannot-find-computer'),
			};
			host.testFirstHop = async (hop1, credential) => {
				const error = answers[hop1];
				return error === undefined ? test(hop1, credential) : {ok: false, error};
			};
		},
	);
	unmount = run.unmount;
	await run.answer('User name', '');
	await run.answer('Password for CONTOSO\\admin', labPassword);
	await run.answer('Add these 10 hosts to this machine', 's');
	const table = fold(run.screen());
	expect(table).toMatch(/21 hv21\.contoso\.com unreachable no answer \(network, firewall\)/);
	expect(table).toMatch(/23 hv23\.contoso\.com unreachable name not found none: check the host/);
	// The admin still reads Windows' own words under the row.
	expect(table).toContain('找不到電腦 pmd');
});
