// Real pwsh against the stubs: WinRM makes an HTTPS listener only when -HostName is the
// certificate's CN. A name only among the certificate's DNS names (SAN) is refused with 0x803380E9
// "The certificate CN and the hostname that were provided do not match." (wsmerror.h
// ERROR_WSMAN_CONFIG_CERT_CN_DOES_NOT_MATCH_HOSTNAME; dsccommunity/WSManDsc#11). The stubs and the
// lab refuse alike, and the New-Item doublehop exports, run on the stubs, is taken.
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import type {Credential} from '../../source/hosts/host.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import type {LabCertificate, Scenario} from '../../source/hosts/lab/scenario.js';
import {exportScript} from '../../source/report/export-script.js';
import {Secret} from '../../source/safety/secret.js';
import {scenario as builtIn} from '../helpers/session.js';
import {runLab} from '../report/lab-run.js';
import {noPwshReason, pwsh, runWithStubs, scenarioCopy, stubbedHost} from './pwsh.js';

const hop1 = 'hyperv1.contoso.com';
const thumbprint = '3E5C9A7B1D2F4E6A8B0C1D2E3F4A5B6C7D8E9F01';
const admin: Credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};
const meta = {generatedAt: new Date(0), version: '0.0.0', hostDescription: 'simulated lab'};
const cnMismatch =
	'The WinRM client cannot process the request. The certificate CN and the hostname that were provided do not match.';

/** classic, with hyperv1's one certificate named otherwise. */
const named = (names: Pick<LabCertificate, 'subject' | 'dnsNames'>) => (scenario: Scenario) => {
	Object.assign(scenario.machines.hyperv1!.certificates[0]!, names);
};
const shortCn = named({subject: 'CN=HYPERV1', dnsNames: [hop1, 'hyperv1']});

const driver = String.raw`param([string]$Module, [string]$ChangePath)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$cred = [pscredential]::new('CONTOSO\admin', (ConvertTo-SecureString 'Passw0rd!' -AsPlainText -Force))
$null = . ([scriptblock]::Create([IO.File]::ReadAllText($ChangePath)))
`;

const title = `HTTPS listener HostName and the certificate's CN, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	test('a HostName only among the DNS names is refused (0x803380E9), by the stubs as by the lab; the CN is taken, wherever it stands in the subject', async () => {
		const state = scenarioCopy('classic', shortCn);
		const host = await stubbedHost(state);
		const edited = structuredClone(builtIn('classic'));
		shortCn(edited);
		const lab = createLabHost({scenario: edited});
		const byName = {thumbprint, hostname: hop1};
		try {
			const refused = await host.createHttpsListener(hop1, admin, 'rule-a', byName);
			expect(refused.ok ? undefined : refused.error.message).toBe(cnMismatch);
			const labRefused = await lab.createHttpsListener(hop1, admin, 'rule-a', byName);
			expect(labRefused.ok ? undefined : labRefused.error.message).toBe(cnMismatch);
			const made = await host.createHttpsListener(hop1, admin, 'rule-a', {
				thumbprint,
				hostname: 'HYPERV1',
			});
			expect(made.ok && made.value.listener.hostname).toBe('HYPERV1');
		} finally {
			await host.dispose();
			await lab.dispose();
		}
		const emailFirst = named({subject: `E=admin@contoso.com, CN=${hop1}, O=Contoso`, dnsNames: []});
		const other = await stubbedHost(scenarioCopy('classic', emailFirst));
		try {
			expect(await other.createHttpsListener(hop1, admin, 'rule-b', byName)).toMatchObject({
				ok: true,
				value: {listener: {hostname: hop1}},
			});
		} finally {
			await other.dispose();
		}
	}, 60_000);

	test("the New-Item doublehop exports for a certificate whose CN is hop 1's short name is taken by the stubs, with that CN as HostName", async () => {
		const labFile = scenarioCopy('classic', shortCn);
		const every = {risk: true, client: true, server: true, listener: true};
		const {final} = await runLab(labFile, {answers: every});
		const lines = exportScript(final, meta).split('\n');
		const at = lines.findIndex((line) =>
			line.includes('New-Item -Path WSMan:\\localhost\\Listener'),
		);
		expect(at).toBeGreaterThan(-1);
		const state = scenarioCopy('classic', shortCn);
		runWithStubs(driver, [lines[at]!], state);
		const after = (JSON.parse(readFileSync(state, 'utf8')) as Scenario).machines.hyperv1!;
		expect(after.listeners.filter((l) => l.transport === 'HTTPS')).toMatchObject([
			{address: '*', hostname: 'HYPERV1', certificateThumbprint: thumbprint},
		]);
	}, 120_000);
});
