// Real pwsh against the stubs: read-wsman-spn's script searches the domain with a
// DirectorySearcher ([adsisearcher]) and answers as the lab does: found, not found, and unreadable
// (a workgroup machine, no domain controller, LDAP refused).
import {describe, expect, test} from 'vitest';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {scenario as builtIn} from '../helpers/session.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const title = `read-wsman-spn, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const spns = ['WSMAN/hyperv1.contoso.com', 'WSMAN/hyperv1'];

const workgroup = (scenario: Scenario) => {
	scenario.machines[scenario.client]!.domain = null;
};
const ldap = (how: 'no-domain-controller' | 'refused') => (scenario: Scenario) => {
	scenario.directory = {...scenario.directory, ldap: how};
};

describe.skipIf(pwsh === undefined)(title, () => {
	test.each<[string, string, ((scenario: Scenario) => void) | undefined, unknown]>([
		[
			'found',
			'classic',
			undefined,
			{
				readable: true,
				spns: [
					{spn: 'WSMAN/hyperv1.contoso.com', accounts: ['HYPERV1$']},
					{spn: 'WSMAN/hyperv1', accounts: ['HYPERV1$']},
				],
			},
		],
		[
			'not found',
			'missing-spn',
			undefined,
			{
				readable: true,
				spns: [
					{spn: 'WSMAN/hyperv1.contoso.com', accounts: []},
					{spn: 'WSMAN/hyperv1', accounts: []},
				],
			},
		],
		[
			'a workgroup machine',
			'missing-spn',
			workgroup,
			{
				readable: false,
				reason: 'The specified domain either does not exist or could not be contacted.',
				hresult: -2147023541,
			},
		],
		[
			'no domain controller',
			'missing-spn',
			ldap('no-domain-controller'),
			{
				readable: false,
				reason: 'The specified domain either does not exist or could not be contacted.',
				hresult: -2147023541,
			},
		],
		[
			'LDAP refused',
			'missing-spn',
			ldap('refused'),
			{readable: false, reason: 'The server is not operational.', hresult: -2147016646},
		],
	])(
		'%s: the same answer as the lab',
		async (_case, name, edit, expected) => {
			const host = await stubbedHost(scenarioCopy(name, edit));
			try {
				const scenario = structuredClone(builtIn(name));
				edit?.(scenario);
				const lab = await createLabHost({scenario}).readWsmanSpn(spns);
				expect(lab).toEqual({ok: true, value: expected});
				expect(await host.readWsmanSpn(spns)).toEqual(lab);
			} finally {
				await host.dispose();
			}
		},
		60_000,
	);
});
