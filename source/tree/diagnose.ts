// Stages 1 and 3 to 5: read this shell, open the first hop, reproduce the second hop, and
// diagnose from the CredSSP state of both machines. Nothing here changes anything.
import type {ClientCredSsp, ErrorRecord} from '../windows/records.js';
import {constrainedLanguageId} from '../hosts/language-mode.js';
import {readServerCredSspCommand} from '../operations/read-server-credssp.js';
import {runOnFirstHopCommand} from '../operations/run-on-first-hop.js';
import {testFirstHopCommand} from '../operations/test-first-hop.js';
import {startVerify} from './changes.js';
import {addLog, ask, errorDetails, finish, hop1Of, run, userOf, yesNo} from './common.js';
import {concludeFailure, conclusion, failed} from './conclusions.js';
import {describeError} from './describe-error.js';
import {makePlan} from './plan.js';
import {alternativesFor, riskLines} from './risk.js';
import type {FlowState, OperationResult} from './state.js';
import {askNextInput} from './targets.js';
import {offerEarlierRun} from './earlier-run.js';
import {readClientSettings, winrmServiceDetails} from './winrm-service.js';

export const maxPasswordAttempts = 3;

/** AppLocker or WDAC hold the console to Constrained Language: nothing can run, nothing was changed. */
function blockedByLanguageMode(state: FlowState, error: ErrorRecord): FlowState {
	const mode = error.targetObject ?? 'ConstrainedLanguage';
	const log = addLog(state, {
		status: 'blocked',
		title: `PowerShell on this computer runs in ${mode} mode`,
		details: [error.message],
		error,
	});
	return finish(
		{...state, log},
		conclusion('blocked', `PowerShell runs in ${mode} mode here (AppLocker or WDAC)`, {
			details: ['Nothing was run and nothing was changed.'],
			nextSteps: [
				'Check the mode: $ExecutionContext.SessionState.LanguageMode',
				'Ask the owner of the AppLocker or WDAC policy for a session allowed FullLanguage mode (for example a rule that allows a signed doublehop), or run doublehop from such an admin workstation.',
				'Or make the changes by hand: doublehop --lab classic shows every command and its undo.',
			],
		}),
	);
}

export function onLocalContext(
	state: FlowState,
	result: OperationResult<'local-context'>,
): FlowState {
	if (!result.ok && result.error.fullyQualifiedErrorId === constrainedLanguageId) {
		return blockedByLanguageMode(state, result.error);
	}
	if (!result.ok) return failed(state, 'Could not read this shell', result.error);
	const local = result.value;
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
		details: [`Running as ${local.user}`, ...winrmServiceDetails(local)],
	});
	const ready = {...withFacts, log};
	if (state.mode === 'fix' && state.earlier !== undefined) return offerEarlierRun(ready);
	return askNextInput(ready);
}

export function onFirstHop(state: FlowState, result: OperationResult<'test-first-hop'>): FlowState {
	const hop1 = hop1Of(state);
	if (result.ok) {
		const firstHop = result.value;
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
			pending: run(
				'run-on-first-hop',
				{hop1, command, authentication: 'Default'},
				hop1,
				runOnFirstHopCommand(hop1, command, 'Default'),
			),
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

export function onSecondHop(
	state: FlowState,
	result: OperationResult<'run-on-first-hop'>,
): FlowState {
	const {hop1 = '', hop2 = '', command = ''} = state.inputs;
	if (result.ok) {
		const {output} = result.value;
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
	return readClientSettings({
		...state,
		log,
		facts: {...state.facts, secondHopError: error},
		stage: 'diagnose',
	});
}

export function onReadClient(
	state: FlowState,
	result: OperationResult<'read-client-credssp'>,
): FlowState {
	if (!result.ok)
		return failed(
			state,
			'Could not read the CredSSP client settings on this machine',
			result.error,
		);
	const hop1 = hop1Of(state);
	return {
		...state,
		facts: {...state.facts, client: result.value},
		pending: run('read-server-credssp', {hop1}, hop1, readServerCredSspCommand(hop1)),
	};
}

export function onReadServer(
	state: FlowState,
	result: OperationResult<'read-server-credssp'>,
): FlowState {
	const hop1 = hop1Of(state);
	if (!result.ok)
		return failed(state, `Could not read the CredSSP service settings on ${hop1}`, result.error);
	const server = result.value;
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
		...(explanation === undefined
			? []
			: [`Evidence: ${explanation.evidence.map((text) => `"${text}"`).join(', ')}`]),
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
				{
					title: 'The risk:',
					lines: riskLines(hop1, userOf(state), state.undoCommand),
					kind: 'warning',
				},
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
