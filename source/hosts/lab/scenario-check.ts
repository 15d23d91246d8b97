// The shape of a lab scenario (scenario.ts), checked when a --lab file is read, so that a wrong
// field is named (machines.hyperv1.listeners[0].port: expected a number) before anything runs,
// instead of crashing or misleading mid-run. Each object lists every field of its TypeScript
// type (tsc holds the two together); a field not listed is refused, since a misspelt one would
// be silently ignored.
import type {
	LabAccount,
	LabCertificate,
	LabComputerObject,
	LabDirectory,
	LabFirewallRule,
	LabMachine,
	LabSessionConfiguration,
	LabVm,
	Scenario,
	SlowCall,
} from './scenario.js';
import type {DelegationSwitches, Listener} from '../../windows/records.js';

/** What is wrong with `value` found at `at` (a field path), or undefined when it fits. */
type Check = (value: unknown, at: string) => string | undefined;
type Optional = {optional: Check};
type Fields<T> = {[K in keyof T]-?: Check | Optional};

const where = (at: string) => (at === '' ? '' : `${at}: `);
const field = (at: string, key: string) => (at === '' ? key : `${at}.${key}`);
const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const firstOf = (problems: (string | undefined)[]) => problems.find((p) => p !== undefined);

const text: Check = (value, at) =>
	typeof value === 'string' ? undefined : `${where(at)}expected text`;
const yesNo: Check = (value, at) =>
	typeof value === 'boolean' ? undefined : `${where(at)}expected true or false`;
const atLeast =
	(least: number, most = Infinity): Check =>
	(value, at) => {
		if (typeof value !== 'number' || !Number.isFinite(value))
			return `${where(at)}expected a number`;
		return value >= least && value <= most
			? undefined
			: `${where(at)}expected a number from ${least}${most === Infinity ? ' up' : ` to ${most}`}`;
	};
const port = atLeast(1, 65535);
const oneOf =
	(...values: readonly (string | number | null)[]): Check =>
	(value, at) =>
		values.includes(value as string | number | null)
			? undefined
			: `${where(at)}expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
const listOf =
	(item: Check): Check =>
	(value, at) =>
		Array.isArray(value)
			? firstOf(value.map((each, index) => item(each, `${at}[${index}]`)))
			: `${where(at)}expected a list`;
const texts = listOf(text);
const optional = (check: Check): Optional => ({optional: check});

function object<T>(fields: Fields<T>): Check {
	return (value, at) => {
		if (!isObject(value)) return `${where(at)}expected an object`;
		const unknown = Object.keys(value).find((key) => !(key in fields));
		if (unknown !== undefined) return `${field(at, unknown)}: not a field of a lab scenario`;
		return firstOf(
			Object.entries(fields as Record<string, Check | Optional>).map(([key, check]) => {
				if (value[key] === undefined) {
					return typeof check === 'function' ? `${field(at, key)}: missing` : undefined;
				}
				return (typeof check === 'function' ? check : check.optional)(value[key], field(at, key));
			}),
		);
	};
}
const mapOf =
	(item: Check): Check =>
	(value, at) =>
		isObject(value)
			? firstOf(Object.entries(value).map(([key, each]) => item(each, field(at, key))))
			: `${where(at)}expected an object`;

const listener = object<Listener>({
	transport: oneOf('HTTP', 'HTTPS'),
	address: text,
	port,
	hostname: text,
	certificateThumbprint: text,
	enabled: yesNo,
	source: oneOf('GPO', 'Compatibility', 'Local'),
});
const certificate = object<LabCertificate>({
	thumbprint: text,
	subject: text,
	dnsNames: texts,
	issuer: text,
	notAfter: text,
	serverAuthentication: yesNo,
	selfSigned: yesNo,
	hasPrivateKey: yesNo,
	chain: optional(oneOf('untrusted-root', 'revoked')),
});
const firewallRule = object<LabFirewallRule>({
	name: text,
	displayName: text,
	port,
	enabled: yesNo,
	profile: text,
});
const vm = object<LabVm>({
	name: text,
	state: text,
	cpuUsage: atLeast(0),
	memoryAssignedMB: atLeast(0),
	uptime: text,
	status: text,
	version: text,
});
const sessionConfiguration = object<LabSessionConfiguration>({
	name: text,
	kind: oneOf('jea', 'runas'),
	runAsUser: text,
	roleAccounts: optional(texts),
	visibleCmdlets: optional(texts),
	visibleProviders: optional(texts),
	psscPath: optional(text),
});
// A DWORD the policy sets, or null where it does not.
/** A switch: a DWORD, or a REG_SZ's text. */
const dword: Check = (value, at) =>
	value === null || typeof value === 'string' ? undefined : atLeast(0, 0xffffffff)(value, at);
const switches = object<DelegationSwitches>({allowFresh: dword, concatenateDefaults: dword});
const runOnly: Check = (_value, at) => `${at}: set by the lab as it runs, not in a scenario`;
const machine = object<LabMachine>({
	fqdn: text,
	addresses: texts,
	domain: (value, at) => (value === null ? undefined : text(value, at)),
	os: text,
	reachable: yesNo,
	openDelaySeconds: optional(atLeast(0)),
	filteredPorts: optional(listOf(port)),
	winrmRunning: yesNo,
	winrmStartType: optional(oneOf('Automatic', 'Manual', 'Disabled')),
	ptrRecord: optional(yesNo),
	trustedHosts: optional(texts),
	wsmanSpn: yesNo,
	credssp: object<LabMachine['credssp']>({client: yesNo, server: yesNo}),
	allowFreshCredentials: texts,
	localGpoAllowFreshCredentials: optional(texts),
	localGpoValueNames: optional(texts),
	domainDelegationOverwritten: optional(yesNo),
	allowFreshSwitches: optional(switches),
	emptyPolicyKeys: optional(texts),
	localGpoAllowFreshSwitches: optional(switches),
	allowFreshCredentialsNtlmOnly: texts,
	allowFreshNtlmOnlySwitches: optional(switches),
	localGpoAllowFreshCredentialsNtlmOnly: optional(texts),
	localGpoGptIni: optional(texts),
	policies: object<LabMachine['policies']>({
		clientAllowCredSsp: optional(yesNo),
		serviceAllowCredSsp: optional(yesNo),
		disableRunAs: optional(yesNo),
		allowFreshCredentials: optional(texts),
		allowFreshCredentialsDisabled: optional(yesNo),
		denyFreshCredentials: optional(texts),
		allowFreshCredentialsNtlmOnly: optional(texts),
	}),
	encryptionOracle: oneOf(0, 1, 2, null),
	oraclePatched: yesNo,
	listeners: listOf(listener),
	certificates: listOf(certificate),
	firewallRules: listOf(firewallRule),
	credentialGuard: optional(yesNo),
	localSystemName: optional(text),
	notAdministratorOverRemoting: optional(yesNo),
	localAccountTokenFilterPolicy: optional(oneOf(0, 1)),
	shell: optional(
		object<NonNullable<LabMachine['shell']>>({
			psEdition: oneOf('Desktop', 'Core'),
			psVersion: text,
			elevated: yesNo,
			user: text,
			activeDirectoryModule: optional(yesNo),
			languageMode: optional(
				oneOf('FullLanguage', 'ConstrainedLanguage', 'RestrictedLanguage', 'NoLanguage'),
			),
		}),
	),
	vms: optional(listOf(vm)),
	psVersion: optional(text),
	sessionConfigurations: optional(listOf(sessionConfiguration)),
	usableGmsas: optional(texts),
	slowWinrmRestart: optional(
		object<NonNullable<LabMachine['slowWinrmRestart']>>({
			refusedConnections: atLeast(0),
			registerGetsNoAnswer: optional(yesNo),
		}),
	),
	winrmRestartingFor: optional(runOnly),
	files: optional(texts),
	// Only doublehop's revert tasks live here, registered by a run: a scenario starts with none.
	scheduledTasks: optional((value, at) =>
		Array.isArray(value) && value.length === 0
			? undefined
			: `${where(at)}a scenario starts with no scheduled tasks (a time-boxed run registers them)`,
	),
});
const slowCall = optional(object({seconds: atLeast(0), madeFirst: optional(yesNo)}));
const slowCalls = object<Record<SlowCall, unknown>>({
	localContext: slowCall,
	testFirstHop: slowCall,
	runOnFirstHop: slowCall,
	readDelegationLimits: slowCall,
	readWsmanSpn: slowCall,
	testSecondHopReach: slowCall,
	readClientCredSsp: slowCall,
	readServerCredSsp: slowCall,
	listListeners: slowCall,
	listCertificates: slowCall,
	enableClientCredSsp: slowCall,
	enableServerCredSsp: slowCall,
	createHttpsListener: slowCall,
	setClientCredSsp: slowCall,
	setDelegationList: slowCall,
	disableServerCredSsp: slowCall,
	removeHttpsListener: slowCall,
	resolveName: slowCall,
	readTrustedHosts: slowCall,
	addTrustedHost: slowCall,
	setTrustedHosts: slowCall,
	setNtlmOnlyList: slowCall,
});
const account = object<LabAccount>({
	user: text,
	password: text,
	remoteAccess: texts,
	rightsOn: texts,
	protectedUsers: optional(yesNo),
	notDelegated: optional(yesNo),
	lockoutThreshold: optional(atLeast(1, 999)),
	// Counted by the lab as it runs: a scenario starts every account with none.
	badPasswords: optional(runOnly),
	lockedOut: optional(runOnly),
});
const directory = object<LabDirectory>({
	computers: optional(
		mapOf(
			object<LabComputerObject>({
				principals: texts,
				otherAces: optional(texts),
				writable: optional(yesNo),
				sid: optional(text),
				distinguishedName: optional(text),
			}),
		),
	),
	refusedDelegation: optional(mapOf(texts)),
	ldap: optional(oneOf('no-domain-controller', 'refused')),
});
const scenario = object<Scenario>({
	name: text,
	title: text,
	summary: text,
	client: text,
	defaults: object<Scenario['defaults']>({
		hop1: text,
		hop2: text,
		user: text,
		command: optional(text),
	}),
	hint: optional(text),
	accounts: listOf(account),
	machines: mapOf(machine),
	directory: optional(directory),
	slowCalls: optional(slowCalls),
});

/** Machine keys the scenario names elsewhere (its client, an account's rights) must exist. */
function unknownMachine(lab: Scenario): string | undefined {
	const named = (key: string, at: string) =>
		key in lab.machines ? undefined : `${at}: ${JSON.stringify(key)} is not one of the machines`;
	return firstOf([
		named(lab.client, 'client'),
		...lab.accounts.flatMap((each, index) => [
			...each.remoteAccess.map((key, at) => named(key, `accounts[${index}].remoteAccess[${at}]`)),
			...each.rightsOn.map((key, at) => named(key, `accounts[${index}].rightsOn[${at}]`)),
		]),
	]);
}

/** The first thing wrong with a scenario read from a file, naming its field; undefined if none. */
export function scenarioProblem(value: unknown): string | undefined {
	return scenario(value, '') ?? unknownMachine(value as Scenario);
}
