// Tier (c): the same scenario, the same sequence of Host calls, through the simulated lab host
// and through the real NodePowerShellHost over real pwsh with the stub module: same results.
// Two documented differences are normalised: the real host reports the PowerShell it really runs
// (edition and version), and table output is compared with runs of spaces collapsed, because
// PowerShell sizes columns its own way.
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {Credential, Host} from '../../source/hosts/host.js';
import type {Outcome} from '../../source/windows/records.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {builtInScenarios} from '../../source/hosts/lab/scenarios.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {
	httpsFirewallRuleName,
	type ListenerCertificate,
} from '../../source/operations/create-https-listener.js';
import {certificateAsRead} from '../../source/hosts/lab/certificate-chain.js';
import {listenerCertificate as chooseListenerCertificate} from '../../source/windows/certificates.js';
import {Secret} from '../../source/safety/secret.js';
import {consoleHosts, noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

type Step = {name: string; run: (host: Host) => Promise<Outcome<unknown>>};

/** The scenario's first hop; the fleet lab's default is a list, and its first host stands for it here. */
const firstHopOf = (scenario: Scenario) => scenario.defaults.hop1.split(',')[0]!;

/**
 * The certificate doublehop would make the listener with (tree/listener.ts); where there is none,
 * the first one there or a thumbprint hop 1 does not have, which both hosts must refuse alike.
 */
function listenerCertificate(scenario: Scenario, hop1: string): ListenerCertificate {
	const machine = Object.values(scenario.machines).find((m) => m.fqdn === hop1);
	const certificates = (machine?.certificates ?? []).map(certificateAsRead);
	const chosen = chooseListenerCertificate(certificates, hop1);
	if (chosen !== undefined) return chosen;
	return {
		thumbprint: certificates[0]?.thumbprint ?? '0000000000000000000000000000000000000000',
		hostname: hop1,
	};
}

function stepsFor(scenario: Scenario): Step[] {
	const {hop2, user} = scenario.defaults;
	const hop1 = firstHopOf(scenario);
	const account = scenario.accounts.find((a) => a.user === user);
	const credential: Credential = {user, password: new Secret(account?.password ?? '')};
	const client = scenario.machines[scenario.client]!;
	const originalList = [...client.allowFreshCredentials];
	const command = `Get-VM -ComputerName ${hop2}`;
	let firewallRule: string | undefined;
	let listenerCreated = false;
	return [
		{name: 'localContext', run: (h) => h.localContext()},
		{name: 'testFirstHop', run: (h) => h.testFirstHop(hop1, credential)},
		{
			name: 'runOnFirstHop Default',
			run: (h) => h.runOnFirstHop(hop1, credential, command, 'Default'),
		},
		{
			name: 'runOnFirstHop CredSSP (before)',
			run: (h) => h.runOnFirstHop(hop1, credential, command, 'CredSSP'),
		},
		{name: 'readClientCredSsp', run: (h) => h.readClientCredSsp()},
		{name: 'readServerCredSsp', run: (h) => h.readServerCredSsp(hop1, credential)},
		{name: 'listListeners', run: (h) => h.listListeners(hop1, credential)},
		{name: 'listCertificates', run: (h) => h.listCertificates(hop1, credential)},
		{name: 'enableClientCredSsp', run: (h) => h.enableClientCredSsp([hop1])},
		{name: 'enableServerCredSsp', run: (h) => h.enableServerCredSsp(hop1, credential)},
		{
			name: 'runOnFirstHop CredSSP (after)',
			run: (h) => h.runOnFirstHop(hop1, credential, command, 'CredSSP'),
		},
		{
			name: 'createHttpsListener',
			run: async (h) => {
				const result = await h.createHttpsListener(
					hop1,
					credential,
					httpsFirewallRuleName('contract'),
					listenerCertificate(scenario, hop1),
				);
				// Undo takes back only a listener this step created, not one that was there.
				listenerCreated = result.ok;
				firewallRule = result.ok ? result.value.firewallRule : undefined;
				return result;
			},
		},
		{name: 'readClientCredSsp (changed)', run: (h) => h.readClientCredSsp()},
		{name: 'setClientCredSsp', run: (h) => h.setClientCredSsp(client.credssp.client)},
		{name: 'setDelegationList', run: (h) => h.setDelegationList(originalList)},
		{name: 'disableServerCredSsp', run: (h) => h.disableServerCredSsp(hop1, credential)},
		{
			name: 'removeHttpsListener',
			run: async (h) =>
				listenerCreated
					? h.removeHttpsListener(hop1, credential, firewallRule)
					: {ok: true, value: 'not created'},
		},
		{name: 'readClientCredSsp (undone)', run: (h) => h.readClientCredSsp()},
		{name: 'readServerCredSsp (undone)', run: (h) => h.readServerCredSsp(hop1, credential)},
		{name: 'listListeners (undone)', run: (h) => h.listListeners(hop1, credential)},
	];
}

function normalise(outcome: Outcome<unknown>): unknown {
	if (!outcome.ok) return outcome;
	const value = outcome.value as Record<string, unknown>;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return outcome;
	const {psEdition: _edition, psVersion: _version, ...rest} = value;
	if (typeof rest.output === 'string') {
		rest.output = rest.output
			.split('\n')
			.map((line) => line.replace(/\s+/g, ' ').trim())
			// A remote runspace's id is new in every session, on Windows as here.
			.map((line) => line.replace(/^RunspaceId : [0-9a-f-]{36}$/, 'RunspaceId : <id>'))
			.join('\n');
	}
	return {ok: true, value: rest};
}

const title = `lab host and real host over stubbed pwsh agree${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	describe.each(builtInScenarios.map((scenario) => ({name: scenario.name, scenario})))(
		'$name',
		({scenario}) => {
			const steps = stepsFor(scenario);
			const labSteps = stepsFor(scenario);
			let real: PowerShellHost;
			let lab: Host;
			beforeAll(async () => {
				// A console held to Constrained Language is the console host's doing, not a machine's:
				// such a scenario runs on the 5.1 stand-in in that mode, for the whole describe.
				const mode = scenario.machines[scenario.client]?.shell?.languageMode ?? 'FullLanguage';
				const standIn = consoleHosts.find(
					(consoleHost) => consoleHost.powershell.kind === 'powershell',
				);
				if (mode !== 'FullLanguage') process.env.DOUBLEHOP_STANDIN_LANGUAGE = mode;
				// The lab answers at once where Enable-WSManCredSSP would poll a domain policy for 60 s;
				// a slow first hop (slow-link) opens within the connect time-out.
				real = await stubbedHost(
					scenarioCopy(scenario.name),
					{
						connectTimeoutSeconds: 10,
						...(mode === 'FullLanguage' || standIn === undefined
							? {}
							: {powershell: standIn.powershell}),
					},
					{DOUBLEHOP_STUB_POLICY_POLL_SECONDS: '0'},
				);
				lab = createLabHost({scenario: structuredClone(scenario)});
				// A first hop that listens only over HTTPS: both hosts reach it with -UseSSL, so every
				// operation is compared over HTTPS too (and its certificate checked alike).
				const hop1 = Object.values(scenario.machines).find(
					(machine) => machine.fqdn === firstHopOf(scenario),
				);
				const transports = new Set(hop1?.listeners.map((listener) => listener.transport));
				if (transports.has('HTTPS') && !transports.has('HTTP')) {
					real.connectOverHttps(firstHopOf(scenario));
					lab.connectOverHttps(firstHopOf(scenario));
				}
			}, 30_000);
			afterAll(async () => {
				delete process.env.DOUBLEHOP_STANDIN_LANGUAGE;
				await real.dispose();
				await lab.dispose();
			});

			test.each(steps.map((step, index) => ({...step, index})))('$name', async ({run, index}) => {
				const fromLab = normalise(await labSteps[index]!.run(lab));
				const fromPowerShell = normalise(await run(real));
				expect(fromPowerShell).toEqual(fromLab);
			});
		},
	);
});
