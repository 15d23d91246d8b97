// A lab of many first hops, for the fleet scenario (source/hosts/lab/scenarios/fleet.json) and
// the bench (20 and 50 hosts). The lab model needs nothing new: each machine keeps its own server
// CredSSP state and reachability, and the admin's machine its one delegation list, shared by all.
//   node test/tools/fleet-lab.mjs --write    regenerates fleet.json (then: npx prettier --write it)
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';

const domain = 'contoso.com';
const pad = (n) => String(n).padStart(2, '0');

function machine(name, address, overrides = {}) {
	return {
		fqdn: `${name}.${domain}`,
		addresses: [address],
		domain,
		os: 'Microsoft Windows Server 2022 Datacenter 10.0.20348',
		reachable: true,
		winrmRunning: true,
		wsmanSpn: true,
		credssp: {client: false, server: false},
		allowFreshCredentials: [],
		allowFreshCredentialsNtlmOnly: [],
		policies: {},
		encryptionOracle: null,
		oraclePatched: true,
		listeners: [
			{
				transport: 'HTTP',
				address: '*',
				port: 5985,
				hostname: '',
				certificateThumbprint: '',
				enabled: true,
				source: 'Local',
			},
		],
		certificates: [],
		firewallRules: [
			{
				name: 'WINRM-HTTP-In-TCP',
				displayName: 'Windows Remote Management (HTTP-In)',
				port: 5985,
				enabled: true,
				profile: 'Domain, Private',
			},
		],
		...overrides,
	};
}

/**
 * Each kind of first hop, in turn: already fixed, needs the server role, needs the client entry,
 * needs both, blocked by Group Policy (WinRM Service > Allow CredSSP authentication = Disabled),
 * not reachable (nothing answers on 5985), WinRM not listening (5985 refuses), and a name that
 * is not found. `count` hosts in all; the mix repeats for larger labs.
 */
const kinds = [
	'fixed',
	'fixed',
	'fixed',
	'fixed',
	'server',
	'server',
	'server',
	'server',
	'client',
	'client',
	'client',
	'client',
	'both',
	'both',
	'both',
	'both',
	'both',
	'both',
	'policy',
	'policy',
	'unreachable',
	'not-listening',
	'not-found',
];

export function fleetLab(count = kinds.length, name = 'fleet') {
	const hosts = Array.from({length: count}, (_, i) => ({
		name: `hv${pad(i + 1)}`,
		kind: kinds[i % kinds.length],
		address: `10.0.${1 + Math.floor(i / 200)}.${(i % 200) + 20}`,
	}));
	const machines = {};
	const listed = [];
	for (const host of hosts) {
		if (host.kind === 'not-found') continue;
		const inList = host.kind === 'fixed' || host.kind === 'server';
		if (inList) listed.push(`wsman/${host.name}.${domain}`);
		machines[host.name] = machine(host.name, host.address, {
			credssp: {client: false, server: host.kind === 'fixed' || host.kind === 'client'},
			...(host.kind === 'policy' ? {policies: {serviceAllowCredSsp: false}} : {}),
			...(host.kind === 'unreachable' ? {reachable: false} : {}),
			...(host.kind === 'not-listening' ? {winrmRunning: false, listeners: []} : {}),
		});
	}
	const admin = machine('admin-ws', '10.0.0.10', {
		os: 'Microsoft Windows 11 Enterprise 10.0.22631',
		credssp: {client: true, server: false},
		allowFreshCredentials: ['wsman/sql01.contoso.com', ...listed],
		listeners: [],
		firewallRules: [],
		shell: {
			psEdition: 'Desktop',
			psVersion: '5.1.22621.4391',
			elevated: true,
			user: 'CONTOSO\\admin',
		},
	});
	const library = machine('hvlib', '10.0.0.9', {
		vms: [
			{
				name: 'build01',
				state: 'Running',
				cpuUsage: 3,
				memoryAssignedMB: 8192,
				uptime: '5.01:12:40',
				status: 'Operating normally',
				version: '10.0',
			},
		],
	});
	const keys = Object.keys(machines);
	return {
		name,
		title: `A Hyper-V cluster of ${count} first hops in mixed states`,
		summary: `admin-ws runs Get-VM against hvlib through each of ${count} first hops. Some already work, some need the server role, the delegation entry or both, some are held by Group Policy, and some cannot be reached.`,
		client: 'admin-ws',
		defaults: {
			hop1: hosts.map((host) => `${host.name}.${domain}`).join(','),
			hop2: `hvlib.${domain}`,
			user: 'CONTOSO\\admin',
		},
		hint: 'Simulated lab: the password for CONTOSO\\admin is Passw0rd!',
		accounts: [
			{
				user: 'CONTOSO\\admin',
				password: 'Passw0rd!',
				remoteAccess: [...keys, 'hvlib'],
				rightsOn: [...keys, 'hvlib'],
			},
		],
		machines: {'admin-ws': admin, ...machines, hvlib: library},
	};
}

if (process.argv.includes('--write')) {
	const file = join(import.meta.dirname, '../../source/hosts/lab/scenarios/fleet.json');
	writeFileSync(file, `${JSON.stringify(fleetLab(), null, '\t')}\n`);
	console.log(`wrote ${file}`);
}
