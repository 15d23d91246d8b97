// The guided flow as a reducer: (state, action) → state. No React, no I/O. Each stage either
// asks the admin (pending.kind 'ask'), names the host operation to run next ('run'), or ends
// with a conclusion ('finished'). Every failure branch ends in an explanation and a next step.
import type {
	ClientCredSsp,
	CommandOutput,
	ErrorRecord,
	FirstHop,
	Listener,
	ListenerCreated,
	LocalContext,
	RemoteOutput,
	ServerCredSsp,
	Certificate,
} from '../hosts/host.js';
import {createHttpsListenerCommands} from '../operations/create-https-listener.js';
import {enableClientCredSspCommand} from '../operations/enable-client-credssp.js';
import {enableServerCredSspCommand} from '../operations/enable-server-credssp.js';
import {listCertificatesCommand} from '../operations/list-certificates.js';
import {listListenersCommand} from '../operations/list-listeners.js';
import {localContextCommand} from '../operations/local-context.js';
import {readClientCredSspCommand} from '../operations/read-client-credssp.js';
import {readServerCredSspCommand} from '../operations/read-server-credssp.js';
import {defaultSecondHopCommand, runOnFirstHopCommand} from '../operations/run-on-first-hop.js';
import {testFirstHopCommand} from '../operations/test-first-hop.js';
import {checkHostName, checkUserName} from '../safety/names.js';
import {certificateProblems, usableCertificate} from './certificates.js';
import {concludeFailure, conclusion, leftUndone} from './conclusions.js';
import {describeError} from './describe-error.js';
import {makePlan} from './plan.js';
import {alternativesFor, riskLines} from './risk.js';
import type {
	Action,
	ChangeRecord,
	Defaults,
	FlowState,
	Inputs,
	LogEntry,
	Operation,
	OperationName,
	OperationResult,
	Pending,
	Prompt,
	StageView,
	TextField,
} from './state.js';
import type {StageId} from './stages.js';

export const maxPasswordAttempts = 3;
const clientMachineLabel = 'this machine';

/** The admin's machine by name once it is known, e.g. "ADMIN-WS (this machine)". */
function clientName(state: FlowState): string {
	const name = state.facts.local?.computerName;
	return name === undefined ? clientMachineLabel : `${name} (this machine)`;
}

export function initialState(
	options: {inputs?: Omit<Inputs, 'password'>; defaults?: Defaults} = {},
): FlowState {
	// Values from flags are checked like typed ones; a bad one is asked for again, with the reason.
	const inputs: Inputs = {};
	let rejected: FlowState['rejected'];
	for (const field of fieldOrder) {
		const given = options.inputs?.[field];
		if (given === undefined) continue;
		const checked = checkField(field, given.trim());
		if (checked.ok) inputs[field] = checked.value;
		else rejected ??= {field, message: checked.reason};
	}
	return {
		stage: 'preflight',
		inputs,
		...(rejected === undefined ? {} : {rejected}),
		defaults: {...options.defaults},
		facts: {},
		log: [],
		changes: [],
		passwordAttempts: 0,
		pending: run('local-context', clientMachineLabel, localContextCommand),
	};
}

function run(name: OperationName, machine: string, command: string): Pending {
	return {kind: 'run', operation: {name, machine, command} satisfies Operation};
}

const ask = (prompt: Prompt): Pending => ({kind: 'ask', prompt});

function addLog(
	state: FlowState,
	entry: Omit<LogEntry, 'id' | 'stage'> & {stage?: StageId},
): LogEntry[] {
	return [...state.log, {stage: state.stage, ...entry, id: state.log.length + 1}];
}

function finish(state: FlowState, verdictState: Pick<FlowState, 'conclusion'>): FlowState {
	const {view: _view, ...rest} = state;
	return {...rest, ...verdictState, pending: {kind: 'finished'}};
}

const hop1Of = (state: FlowState) => state.inputs.hop1 ?? '';
const userOf = (state: FlowState) => state.inputs.user ?? '';

function errorDetails(state: FlowState, error: ErrorRecord): string[] {
	const explanation = describeError(error, {hop1: state.inputs.hop1, hop2: state.inputs.hop2});
	if (explanation === undefined) return [];
	return [
		`Diagnosis: ${explanation.name}. ${explanation.cause}`,
		...(explanation.nextStep === undefined ? [] : [`Next: ${explanation.nextStep}`]),
	];
}

// ---- targets ----------------------------------------------------------------------------

const fieldOrder: TextField[] = ['hop1', 'hop2', 'command', 'user'];

const fieldLabels: Record<TextField, string> = {
	hop1: 'First hop (the computer you connect to)',
	hop2: 'Second hop (the computer the command reaches from there)',
	command: 'Command to run on the first hop',
	user: 'User name',
};

function defaultFor(state: FlowState, field: TextField): string {
	if (field === 'command')
		return state.defaults.command ?? defaultSecondHopCommand(state.inputs.hop2 ?? '');
	return state.defaults[field] ?? '';
}

function askNextInput(
	current: FlowState,
	rejected?: {field: TextField; message: string},
): FlowState {
	const {rejected: fromFlags, ...state} = current;
	const error = rejected ?? fromFlags;
	const field = error?.field ?? fieldOrder.find((f) => state.inputs[f] === undefined);
	if (field !== undefined) {
		const prompt: Prompt = {
			kind: 'text',
			field,
			label: fieldLabels[field],
			initial: defaultFor(state, field),
			...(error === undefined ? {} : {error: error.message}),
		};
		return {...state, stage: 'targets', pending: ask(prompt)};
	}
	if (state.inputs.password === undefined) {
		return {
			...state,
			stage: 'targets',
			pending: ask({kind: 'password', label: `Password for ${userOf(state)}`}),
		};
	}
	return startFirstHop(state);
}

function submitText(state: FlowState, field: TextField, raw: string): FlowState {
	const value = raw.trim() === '' ? defaultFor(state, field) : raw.trim();
	const checked = checkField(field, value);
	if (!checked.ok) return askNextInput(state, {field, message: checked.reason});
	return askNextInput({...state, inputs: {...state.inputs, [field]: checked.value}});
}

function checkField(field: TextField, value: string) {
	if (field === 'user') return checkUserName(value);
	if (field === 'command') return checkCommand(value);
	return checkHostName(value);
}

function checkCommand(value: string) {
	if (value === '')
		return {
			ok: false as const,
			reason: 'Enter the command that fails on the first hop, e.g. Get-VM -ComputerName hyperv2.',
		};
	if (/[\r\n]/.test(value)) return {ok: false as const, reason: 'Enter the command on one line.'};
	return {ok: true as const, value};
}

function startFirstHop(state: FlowState): FlowState {
	const {hop1 = '', hop2 = '', command = '', user = ''} = state.inputs;
	const log =
		state.passwordAttempts === 0
			? addLog(state, {
					stage: 'targets',
					status: 'passed',
					title: `${clientName(state)} -> ${hop1} -> ${hop2}, as ${user}`,
					details: [`Command on ${hop1}: ${command}`],
				})
			: state.log;
	return {
		...state,
		log,
		stage: 'first-hop',
		pending: run('test-first-hop', hop1, testFirstHopCommand(hop1)),
	};
}

// ---- operation results ------------------------------------------------------------------

function onLocalContext(state: FlowState, result: OperationResult): FlowState {
	if (!result.ok) return failed(state, 'Could not read this shell', result.error);
	const local = result.value as LocalContext;
	const edition = local.psEdition === 'Desktop' ? 'Windows PowerShell' : 'PowerShell';
	const where = `${edition} ${local.psVersion} on ${local.computerName}${local.domain ? `.${local.domain}` : ' (workgroup)'}`;
	const withFacts = {...state, facts: {...state.facts, local}};
	if (!local.elevated) {
		const log = addLog(withFacts, {
			status: 'blocked',
			title: `${where}, not elevated`,
			details: [
				'The CredSSP cmdlets refuse to run unelevated: "Access is denied. You need to run this cmdlet from an elevated process."',
			],
		});
		return finish(
			{...withFacts, log},
			conclusion('blocked', 'This shell is not elevated', {
				nextSteps: ['Start PowerShell with "Run as administrator", then run doublehop again.'],
			}),
		);
	}
	const log = addLog(withFacts, {
		status: 'passed',
		title: `${where}, elevated`,
		details: [`Running as ${local.user}`],
	});
	return askNextInput({...withFacts, log});
}

function onFirstHop(state: FlowState, result: OperationResult): FlowState {
	const hop1 = hop1Of(state);
	if (result.ok) {
		const firstHop = result.value as FirstHop;
		const log = addLog(state, {
			status: 'passed',
			title: `${hop1} answers: remote session opened (${firstHop.authentication})`,
			details:
				firstHop.fqdn.toLowerCase() === hop1.toLowerCase() ? [] : [`${hop1} is ${firstHop.fqdn}`],
			machine: hop1,
			command: testFirstHopCommand(hop1),
		});
		const command = state.inputs.command ?? '';
		return {
			...state,
			log,
			facts: {...state.facts, firstHop},
			stage: 'second-hop',
			pending: run('second-hop', hop1, runOnFirstHopCommand(hop1, command, 'Default')),
		};
	}
	const {error} = result;
	const id = error.fullyQualifiedErrorId.split(',')[0];
	if (id === 'LogonFailure') {
		const attempts = state.passwordAttempts + 1;
		const log = addLog(state, {
			status: 'failed',
			title: `${hop1} refused the credentials (attempt ${attempts} of ${maxPasswordAttempts})`,
			details: [],
			error,
			machine: hop1,
		});
		if (attempts < maxPasswordAttempts) {
			const {password: _password, ...inputs} = state.inputs;
			return {
				...state,
				log,
				inputs,
				passwordAttempts: attempts,
				stage: 'targets',
				pending: ask({
					kind: 'password',
					label: `Password for ${userOf(state)}`,
					error: `The user name or password is incorrect. Check the password, and that ${userOf(state)} is the right account (DOMAIN\\user or user@domain).`,
				}),
			};
		}
		return finish(
			{...state, log, passwordAttempts: attempts},
			conclusion('failed', `${hop1} refused the credentials ${maxPasswordAttempts} times`, {
				details: ['Nothing was changed.'],
				nextSteps: [
					`Check the account and password (try: Test-WSMan -ComputerName ${hop1} -Credential (Get-Credential) -Authentication Default).`,
					'If the account may be locked out after repeated failures, ask your domain admin to check it before trying again.',
				],
			}),
		);
	}
	const log = addLog(state, {
		status: 'failed',
		title: `The first hop fails: this machine cannot open a session on ${hop1}`,
		details: errorDetails(state, error),
		error,
		machine: hop1,
		command: testFirstHopCommand(hop1),
	});
	return finish({...state, log}, concludeFailure('first-hop', error, state.inputs));
}

function onSecondHop(state: FlowState, result: OperationResult): FlowState {
	const {hop1 = '', hop2 = '', command = ''} = state.inputs;
	if (result.ok) {
		const {output} = result.value as RemoteOutput;
		const log = addLog(state, {
			status: 'passed',
			title: `The command already works on ${hop1} without CredSSP`,
			details: [],
			machine: hop1,
			command: runOnFirstHopCommand(hop1, command, 'Default'),
			output,
		});
		return finish(
			{...state, log},
			conclusion('already-works', `No double hop problem: ${hop1} reaches ${hop2} already`, {
				details: ['Nothing was changed. CredSSP is not needed for this command.'],
			}),
		);
	}
	const {error} = result;
	const log = addLog(state, {
		status: 'failed',
		title: `Reproduced: the command fails on ${hop1} when it reaches ${hop2}`,
		details: [],
		error,
		machine: hop1,
		command: runOnFirstHopCommand(hop1, command, 'Default'),
	});
	return {
		...state,
		log,
		facts: {...state.facts, secondHopError: error},
		stage: 'diagnose',
		pending: run('read-client', clientName(state), readClientCredSspCommand),
	};
}

function onReadClient(state: FlowState, result: OperationResult): FlowState {
	if (!result.ok)
		return failed(
			state,
			'Could not read the CredSSP client settings on this machine',
			result.error,
		);
	const hop1 = hop1Of(state);
	return {
		...state,
		facts: {...state.facts, client: result.value as ClientCredSsp},
		pending: run('read-server', hop1, readServerCredSspCommand(hop1)),
	};
}

function yesNo(value: boolean): string {
	return value ? 'on' : 'off';
}

function onReadServer(state: FlowState, result: OperationResult): FlowState {
	const hop1 = hop1Of(state);
	if (!result.ok)
		return failed(state, `Could not read the CredSSP service settings on ${hop1}`, result.error);
	const server = result.value as ServerCredSsp;
	const client = state.facts.client as ClientCredSsp;
	const plan = makePlan(client, server, hop1);
	const facts = {...state.facts, server};
	const error = state.facts.secondHopError;
	const explanation = error === undefined ? undefined : describeError(error, state.inputs);
	const symptom =
		explanation?.className === 'second-hop-denied'
			? `Second hop denied: ${hop1} holds no credential it can pass on to ${state.inputs.hop2}. Kerberos and NTLM prove who you are to ${hop1} without giving it anything reusable.`
			: `This error is not one doublehop recognises as a second-hop failure${explanation ? ` (it reads as: ${explanation.name})` : ''}; CredSSP may not help.`;
	const details = [
		symptom,
		`This machine, WinRM client CredSSP: ${yesNo(client.enabled)}${client.policyAllowCredSsp ? ' (set by Group Policy)' : ''}`,
		`This machine, delegation list: ${client.allowFreshCredentials.join(', ') || '(empty)'}${client.policyDelegation ? ' (set by a domain GPO)' : ''}`,
		...client.getWSManCredSspText.map((line) => `  Get-WSManCredSSP: ${line}`),
		`${hop1}, WinRM service CredSSP: ${yesNo(server.enabled)}${server.policyAllowCredSsp ? ' (set by Group Policy)' : ''}`,
		...(plan.oracle === undefined ? [] : [plan.oracle]),
	];
	const blocked = [plan.client, plan.server].filter((p) => p.action === 'blocked');
	if (blocked.length > 0 || plan.oracle !== undefined) {
		const log = addLog(state, {
			stage: 'diagnose',
			status: 'blocked',
			title: 'CredSSP cannot be completed from here',
			details,
		});
		return finish(
			{...state, facts, plan, log},
			conclusion(
				'blocked',
				'Blocked: a setting this fix needs is owned by policy or a missing update',
				{
					details: [
						'Nothing was changed: a change that policy reverts, or that the other side refuses, would only hide the cause.',
						...blocked.map((p) =>
							p.action === 'blocked' ? `${p.reason} Policy: ${p.policyPath}` : '',
						),
						...(plan.oracle === undefined ? [] : [plan.oracle]),
					],
					nextSteps: [
						...blocked.map((p) =>
							p.action === 'blocked'
								? `Ask the owner of the GPO to change "${p.policyPath.split(' > ').at(-1)}" (${p.policyPath}), then run gpupdate /force and doublehop again.`
								: '',
						),
						...(plan.oracle === undefined
							? []
							: [
									'Install the latest cumulative update on the unpatched machine, reboot, and run doublehop again.',
								]),
						'Or use an alternative that needs no CredSSP (see doublehop --tree).',
					],
				},
			),
		);
	}
	if (plan.client.action === 'skip' && plan.server.action === 'skip') {
		const log = addLog(state, {
			stage: 'diagnose',
			status: 'info',
			title: 'CredSSP is already configured on both sides',
			details: [...details, 'Checking that the command works with -Authentication CredSSP.'],
		});
		return startVerify({...state, facts, plan, log});
	}
	const missing = [
		plan.client.action !== 'skip' ? 'the client side on this machine' : '',
		plan.server.action !== 'skip' ? `the server side on ${hop1}` : '',
	].filter(Boolean);
	const log = addLog(state, {
		stage: 'diagnose',
		status: 'info',
		title: `Double hop: CredSSP needs ${missing.join(' and ')}`,
		details,
	});
	return {
		...state,
		facts,
		plan,
		log,
		stage: 'risk',
		view: {
			machine: 'none',
			sections: [
				{title: 'The risk:', lines: riskLines(hop1, userOf(state)), kind: 'warning'},
				{
					title: 'Safer alternatives (no CredSSP):',
					lines: alternativesFor(hop1, state.inputs.hop2 ?? ''),
				},
			],
		},
		pending: ask({
			kind: 'confirm',
			id: 'risk',
			question: `I understand the risk. Continue with CredSSP to ${hop1} only?`,
		}),
	};
}

// ---- change steps -----------------------------------------------------------------------

function enterClient(state: FlowState): FlowState {
	const plan = state.plan?.client;
	const client = state.facts.client;
	if (plan === undefined || client === undefined) return state;
	if (plan.action === 'skip') {
		const log = addLog(
			{...state, stage: 'client'},
			{status: 'skipped', title: 'Client side already done', details: [plan.reason]},
		);
		return enterServer({...state, log});
	}
	const current = [
		`WinRM client CredSSP: ${yesNo(client.enabled)}`,
		`Delegation list (AllowFreshCredentials): ${client.allowFreshCredentials.join(', ') || '(empty)'}`,
	];
	const view: StageView =
		plan.action === 'enable'
			? changeView(
					clientName(state),
					current,
					[enableClientCredSspCommand(plan.add)],
					[
						`Delegation list after: ${plan.after.join(', ')}`,
						'WinRM client CredSSP after: on',
						...(plan.before.length > 0
							? [`Existing entries are kept, in order: ${plan.before.join(', ')}`]
							: []),
					],
				)
			: changeView(
					clientName(state),
					current,
					[setClientCredSspCommand],
					['WinRM client CredSSP after: on', plan.reason],
				);
	return {
		...state,
		stage: 'client',
		view,
		pending: ask({
			kind: 'confirm',
			id: 'client',
			question: `Make this change on ${clientName(state)}?`,
		}),
	};
}

function changeView(
	machine: string,
	current: string[],
	commands: string[],
	after: string[],
): StageView {
	return {
		machine,
		sections: [
			{title: 'Now:', lines: current},
			{title: 'Will run:', lines: commands, kind: 'commands'},
			{title: 'After:', lines: after},
		],
	};
}

const setClientCredSspCommand =
	'Set-Item WSMan:\\localhost\\Client\\Auth\\CredSSP -Value $true -Force';

function enterServer(state: FlowState): FlowState {
	const plan = state.plan?.server;
	const hop1 = hop1Of(state);
	if (plan === undefined) return state;
	if (plan.action === 'skip') {
		const log = addLog(
			{...state, stage: 'server'},
			{status: 'skipped', title: `Server side on ${hop1} already done`, details: [plan.reason]},
		);
		return enterListener({...state, log});
	}
	return {
		...state,
		stage: 'server',
		view: changeView(
			hop1,
			[`WinRM service CredSSP on ${hop1}: off`],
			[enableServerCredSspCommand(hop1)],
			[`WinRM service CredSSP on ${hop1} after: on`],
		),
		pending: ask({kind: 'confirm', id: 'server', question: `Make this change on ${hop1}?`}),
	};
}

function enterListener(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	return {
		...state,
		stage: 'listener',
		view: undefined,
		pending: run('list-listeners', hop1, listListenersCommand(hop1)),
	};
}

function onListeners(state: FlowState, result: OperationResult): FlowState {
	const hop1 = hop1Of(state);
	if (!result.ok) return skipListener(state, 'Could not list the WinRM listeners', result.error);
	const listeners = result.value as Listener[];
	const facts = {...state.facts, listeners};
	const https = listeners.find((l) => l.transport === 'HTTPS');
	if (https !== undefined) {
		const log = addLog(state, {
			status: 'skipped',
			title: `${hop1} already has an HTTPS listener`,
			details: [`Port ${https.port}, certificate ${https.certificateThumbprint}`],
		});
		return startVerify({...state, facts, log});
	}
	return {...state, facts, pending: run('list-certificates', hop1, listCertificatesCommand(hop1))};
}

function onCertificates(state: FlowState, result: OperationResult): FlowState {
	const hop1 = hop1Of(state);
	if (!result.ok) return skipListener(state, 'Could not list the certificates', result.error);
	const certificates = result.value as Certificate[];
	const fqdn = state.facts.firstHop?.fqdn ?? hop1;
	const facts = {...state.facts, certificates};
	const listenerLines = (state.facts.listeners ?? []).map(
		(l) => `Listener: ${l.transport} on port ${l.port}`,
	);
	const certLines = certificates.map((cert) => {
		const problems = certificateProblems(cert, fqdn);
		return `Certificate ${cert.subject} (${cert.thumbprint.slice(0, 8)}...): ${problems.length === 0 ? 'suitable' : problems.join(', ')}`;
	});
	const usable = usableCertificate(certificates, fqdn);
	if (usable === undefined) {
		const log = addLog(state, {
			status: 'skipped',
			title: `No HTTPS listener: ${hop1} has no certificate quickconfig will accept`,
			details: [
				...listenerLines,
				...(certLines.length > 0 ? certLines : ['No certificates in Cert:\\LocalMachine\\My.']),
				'winrm quickconfig -transport:https would refuse: "a certificate must have a CN matching the hostname, be appropriate for Server Authentication, and not be expired, revoked, or self-signed."',
				`To add HTTPS later: enroll a certificate for ${fqdn} from your CA (e.g. Get-Certificate -Template WebServer -DnsName ${fqdn} -CertStoreLocation Cert:\\LocalMachine\\My on ${hop1}), then run doublehop again.`,
				'HTTPS is optional here: with Kerberos, CredSSP over HTTP is already encrypted and the server is authenticated.',
			],
		});
		return startVerify({...state, facts, log});
	}
	return {
		...state,
		facts,
		view: changeView(hop1, [...listenerLines, ...certLines], createHttpsListenerCommands(hop1), [
			`Listener after: HTTPS on port 5986 with certificate ${usable.thumbprint}`,
			'Firewall after: TCP 5986 allowed in',
			'Optional: CredSSP works over HTTP with Kerberos. HTTPS adds server authentication by certificate.',
		]),
		pending: ask({
			kind: 'confirm',
			id: 'listener',
			question: `Create an HTTPS listener on ${hop1}? (optional)`,
		}),
	};
}

function skipListener(state: FlowState, title: string, error: ErrorRecord): FlowState {
	const log = addLog(state, {
		status: 'skipped',
		title: `${title}; the optional HTTPS step is skipped`,
		details: [],
		error,
	});
	return startVerify({...state, log});
}

function startVerify(state: FlowState): FlowState {
	const {hop1 = '', command = ''} = state.inputs;
	return {
		...state,
		stage: 'verify',
		view: undefined,
		pending: run('verify', hop1, runOnFirstHopCommand(hop1, command, 'CredSSP')),
	};
}

function onAnswer(state: FlowState, id: string, yes: boolean, auto = false): FlowState {
	if (
		state.pending.kind !== 'ask' ||
		state.pending.prompt.kind !== 'confirm' ||
		state.pending.prompt.id !== id
	)
		return state;
	const hop1 = hop1Of(state);
	if (!yes) {
		if (id === 'listener') {
			const log = addLog(state, {
				status: 'skipped',
				title: auto
					? 'No HTTPS listener (not in --steps)'
					: 'No HTTPS listener (you chose not to create one)',
				details: [],
			});
			return startVerify({...state, log});
		}
		// An answer given by the --json policy is not the admin's "no": the run only reports.
		const log = addLog(state, {
			status: 'declined',
			title: auto
				? `Not made without --yes --steps ${id === 'risk' ? 'client,server' : id}: ${declinedWhat(id)}`
				: `You said no: ${declinedWhat(id)}`,
			details: ['Nothing was changed at this step.'],
		});
		return finish(
			{...state, log},
			auto
				? conclusion('needs-changes', 'Changes needed: CredSSP is not set up for this double hop', {
						leftUndone: leftUndone(state),
					})
				: conclusion('declined', 'Stopped at your answer', {leftUndone: leftUndone(state)}),
		);
	}
	switch (id) {
		case 'risk': {
			const log = addLog(state, {
				status: 'passed',
				title: 'Risk acknowledged',
				details: riskLines(hop1, userOf(state)).slice(0, 1),
			});
			return enterClient({...state, log});
		}
		case 'client': {
			const plan = state.plan?.client;
			if (plan?.action === 'enable')
				return {
					...state,
					pending: run('enable-client', clientName(state), enableClientCredSspCommand(plan.add)),
				};
			return {
				...state,
				pending: run('set-client-credssp', clientName(state), setClientCredSspCommand),
			};
		}
		case 'server':
			return {...state, pending: run('enable-server', hop1, enableServerCredSspCommand(hop1))};
		case 'listener':
			return {
				...state,
				pending: run('create-listener', hop1, createHttpsListenerCommands(hop1).join('\n')),
			};
		default:
			return state;
	}
}

function declinedWhat(id: string): string {
	if (id === 'risk') return 'CredSSP was not accepted';
	if (id === 'client') return 'the client change was not made';
	return 'the change on the first hop was not made';
}

function changed(state: FlowState, change: ChangeRecord, output: string): FlowState {
	const log = addLog(state, {
		status: 'changed',
		title: `Changed ${change.setting} on ${change.machine}`,
		details: [`Before: ${change.before}`, `After: ${change.after}`, `Undo: ${change.undoCommand}`],
		machine: change.machine,
		command: change.command,
		output,
	});
	return {...state, log, view: undefined, changes: [...state.changes, change]};
}

function onChangeFailed(state: FlowState, error: ErrorRecord): FlowState {
	const log = addLog(state, {
		status: 'failed',
		title: `The change failed on ${state.pending.kind === 'run' ? state.pending.operation.machine : ''}`,
		details: errorDetails(state, error),
		error,
		command: state.pending.kind === 'run' ? state.pending.operation.command : undefined,
	});
	return finish(
		{...state, log},
		concludeFailure(state.stage, error, state.inputs, leftUndone(state)),
	);
}

function onEnableClient(state: FlowState, result: OperationResult): FlowState {
	if (!result.ok) return onChangeFailed(state, result.error);
	const client = state.facts.client as ClientCredSsp;
	const plan = state.plan?.client;
	const after = plan?.action === 'enable' ? plan.after : client.allowFreshCredentials;
	const command =
		plan?.action === 'enable' ? enableClientCredSspCommand(plan.add) : setClientCredSspCommand;
	const change: ChangeRecord = {
		stage: 'client',
		machine: clientName(state),
		setting: 'CredSSP client and delegation list',
		before: `CredSSP ${yesNo(client.enabled)}; list: ${client.allowFreshCredentials.join(', ') || '(empty)'}`,
		after: `CredSSP on; list: ${after.join(', ')}`,
		command,
		undo: {
			kind: 'restore-client',
			enabled: client.enabled,
			delegation: [...client.allowFreshCredentials],
		},
		undoCommand: `doublehop undo (restores CredSSP ${yesNo(client.enabled)} and the list: ${client.allowFreshCredentials.join(', ') || '(empty)'})`,
	};
	return enterServer(changed(state, change, (result.value as CommandOutput).output));
}

function onEnableServer(state: FlowState, result: OperationResult): FlowState {
	if (!result.ok) return onChangeFailed(state, result.error);
	const hop1 = hop1Of(state);
	const change: ChangeRecord = {
		stage: 'server',
		machine: hop1,
		setting: 'WinRM service CredSSP',
		before: 'off',
		after: 'on',
		command: enableServerCredSspCommand(hop1),
		undo: {kind: 'disable-server', hop1},
		undoCommand: `Invoke-Command -ComputerName ${hop1} -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }`,
	};
	return enterListener(changed(state, change, (result.value as CommandOutput).output));
}

function onCreateListener(state: FlowState, result: OperationResult): FlowState {
	if (!result.ok) {
		const log = addLog(state, {
			status: 'failed',
			title: 'The HTTPS listener was not created',
			details: [
				...errorDetails(state, result.error),
				'HTTPS is optional; going on to verify over HTTP.',
			],
			error: result.error,
		});
		return startVerify({...state, log});
	}
	const hop1 = hop1Of(state);
	const created = result.value as ListenerCreated;
	const change: ChangeRecord = {
		stage: 'listener',
		machine: hop1,
		setting: 'HTTPS listener and firewall rule',
		before: 'no HTTPS listener',
		after: `HTTPS listener on 5986 (${created.listener.certificateThumbprint})${created.firewallRule ? `, firewall rule "${created.firewallRule}"` : ''}`,
		command: createHttpsListenerCommands(hop1).join('\n'),
		undo: {
			kind: 'remove-listener',
			hop1,
			...(created.firewallRule ? {firewallRule: created.firewallRule} : {}),
		},
		undoCommand: `Invoke-Command -ComputerName ${hop1} -Credential $cred -ScriptBlock { Remove-Item WSMan:\\localhost\\Listener\\<HTTPS listener> -Recurse${created.firewallRule ? `; Remove-NetFirewallRule -DisplayName '${created.firewallRule}'` : ''} }`,
	};
	return startVerify(changed(state, change, created.output));
}

function onVerify(state: FlowState, result: OperationResult): FlowState {
	const {hop1 = '', hop2 = '', command = ''} = state.inputs;
	const verifyCommand = runOnFirstHopCommand(hop1, command, 'CredSSP');
	if (result.ok) {
		const log = addLog(state, {
			status: 'passed',
			title: `Fixed: the command works on ${hop1} with -Authentication CredSSP`,
			details: [],
			machine: hop1,
			command: verifyCommand,
			output: (result.value as RemoteOutput).output,
		});
		const verdict = state.changes.length === 0 ? 'already-fixed' : 'fixed';
		return finish(
			{...state, log},
			conclusion(
				verdict,
				verdict === 'fixed'
					? `Fixed: ${hop1} can now reach ${hop2} with your credentials`
					: `Already fixed: CredSSP to ${hop1} is in place and works`,
				{
					details: verdict === 'already-fixed' ? ['Nothing was changed.'] : [],
					nextSteps: [
						`Use: ${verifyCommand.replace('$cred', '(Get-Credential)')}`,
						`When the work is done, turn CredSSP off again: doublehop undo`,
					],
				},
			),
		);
	}
	const log = addLog(state, {
		status: 'failed',
		title: `Still failing with -Authentication CredSSP`,
		details: errorDetails(state, result.error),
		error: result.error,
		machine: hop1,
		command: verifyCommand,
	});
	return finish({...state, log}, concludeFailure('verify', result.error, state.inputs));
}

function failed(state: FlowState, title: string, error: ErrorRecord): FlowState {
	const log = addLog(state, {status: 'failed', title, details: errorDetails(state, error), error});
	return finish(
		{...state, log},
		concludeFailure(state.stage, error, state.inputs, leftUndone(state)),
	);
}

const resultHandlers: Record<
	OperationName,
	(state: FlowState, result: OperationResult) => FlowState
> = {
	'local-context': onLocalContext,
	'test-first-hop': onFirstHop,
	'second-hop': onSecondHop,
	'read-client': onReadClient,
	'read-server': onReadServer,
	'list-listeners': onListeners,
	'list-certificates': onCertificates,
	'enable-client': onEnableClient,
	'set-client-credssp': onEnableClient,
	'enable-server': onEnableServer,
	'create-listener': onCreateListener,
	verify: onVerify,
};

export function reduce(state: FlowState, action: Action): FlowState {
	if (state.pending.kind === 'finished') return state;
	switch (action.type) {
		case 'submit-text':
			if (state.pending.kind !== 'ask' || state.pending.prompt.kind !== 'text') return state;
			return submitText(state, action.field, action.value);
		case 'submit-password':
			if (state.pending.kind !== 'ask' || state.pending.prompt.kind !== 'password') return state;
			if (action.password.length === 0) {
				return {
					...state,
					pending: ask({
						kind: 'password',
						label: `Password for ${userOf(state)}`,
						error: 'Enter the password (it is not shown as you type).',
					}),
				};
			}
			return startFirstHop({...state, inputs: {...state.inputs, password: action.password}});
		case 'answer':
			return onAnswer(state, action.id, action.yes, action.auto);
		case 'operation-done':
			if (state.pending.kind !== 'run' || state.pending.operation.name !== action.name)
				return state;
			return resultHandlers[action.name](state, action.result);
		case 'interrupt':
			return finish(
				state,
				conclusion('interrupted', 'Interrupted', {
					details: state.changes.length === 0 ? ['Nothing was changed.'] : [],
					leftUndone: leftUndone(state),
				}),
			);
	}
}
