// The PowerShell a run's confirmed changes ran (or, in a dry run, would run), as one commented
// script for a change-approval board: who, where, when, the risk, each change with its undo
// alongside, and the verification. No password ever appears: the script asks with Get-Credential.
import {psQuote} from '../safety/names.js';
import {showControls} from '../windows/terminal-text.js';
import type {ChangeRecord, FlowState} from '../tree/state.js';
import {overHttps} from '../operations/operation.js';
import {exportedDeadlineLines, exportedRegistrationLines} from '../operations/revert-task.js';
import {registerSessionConfigurationExported} from '../operations/session-configuration.js';
import {setClientCredSspCommand} from '../operations/set-client-credssp.js';
import {
	setDelegationListExported,
	setDelegationListFunctionLines,
	setDelegationListFunctionName,
} from '../operations/set-delegation-list.js';
import {
	restoreNtlmOnlyWrite,
	setNtlmOnlyListExported,
	setNtlmOnlyListFunctionLines,
	setNtlmOnlyListFunctionName,
} from '../operations/set-ntlm-only-list.js';
import {switchesWith} from '../windows/delegation.js';
import {clientAfterChange} from '../tree/client.js';
import {undoCommandFor} from '../tree/undo-commands.js';

export type ExportMeta = {generatedAt: Date; version: string; hostDescription: string};

/**
 * Text made safe for a `#` comment: PowerShell ends a line comment at CR or LF, and other
 * control or line-separator characters have no business in a reviewed script either.
 */
function commentText(text: string): string {
	return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f\u0085\u2028\u2029]/g, '?');
}

/** One `# ...` line per line of text. */
export function comment(text: string, prefix = ''): string[] {
	return text.split(/\r\n?|\n/).map((line) => `# ${commentText(prefix + line)}`.trimEnd());
}

const rule = (title: string) => `# ==== ${commentText(title)} `.padEnd(99, '=');

function header(state: FlowState, meta: ExportMeta): string[] {
	const {
		hop1 = '(first hop not given)',
		hop2 = '(second hop not given)',
		user,
		command,
	} = state.inputs;
	const client = state.facts.local?.computerName;
	const dry = state.dryRun || state.changes.some((change) => change.dryRun);
	const what = dry
		? 'DRY RUN: the changes doublehop would make to let the first hop pass your credentials on. None was made.'
		: 'The changes confirmed at each step of a doublehop run, letting the first hop pass your credentials on.';
	const plan = state.sessionConfig?.plan;
	const runAs = plan?.kind === 'runas';
	const rbkcd = state.method === 'rbkcd';
	const risk =
		plan === undefined
			? [
					`Risk: with CredSSP, ${hop1} receives ${user ?? 'your account'}'s reusable credentials and keeps them while the session lives.`,
					`      Anyone who controls ${hop1} can then act as that account anywhere; undo these changes when done.`,
				]
			: runAs
				? [
						`Risk: ${hop1} stores the password of ${plan.runAs}; anyone who may connect to ${plan.name} acts as it.`,
						`      The first line asks for that password (Get-Credential); it is never written here.`,
					]
				: [
						`The command runs on ${hop1} as the gMSA ${plan.runAs}, and only ${plan.roleAccount ?? user ?? 'your account'} may connect.`,
					];
	return [
		rbkcd
			? '# doublehop change script: resource-based Kerberos constrained delegation for the double hop'
			: `# doublehop change script: ${plan === undefined ? 'CredSSP' : runAs ? 'a RunAs session configuration' : 'JEA with a gMSA'} for the PowerShell remoting double hop`,
		'#',
		'# REVIEW BEFORE RUNNING. Run it in an elevated PowerShell on this machine',
		`# (${client ?? 'the admin workstation the run started on'}), one section at a time.`,
		// Windows 10 and 11 run no script file by default (Restricted); a copy that came by mail or
		// a download is refused under RemoteSigned too (about_Execution_Policies).
		'# Pasted, a section needs no execution policy. As a whole file, once reviewed:',
		'#   powershell.exe -ExecutionPolicy Bypass -File <this file>',
		'#',
		...comment(what, 'What:      '),
		...comment(`${client ?? 'this machine'} -> ${hop1} -> ${hop2}`, 'Targets:   '),
		...comment(user ?? '(not given)', 'Account:   '),
		...(command === undefined ? [] : comment(command, 'Command:   ')),
		...comment(
			`${meta.generatedAt.toISOString()} by doublehop ${meta.version} (${meta.hostDescription})`,
			'Generated: ',
		),
		'#',
		...(rbkcd
			? comment(
					`No credential is stored: ${hop1} may then ask the KDC for tickets to ${hop2} on behalf of the users who connect to it (not over WinRM).`,
				)
			: risk.flatMap((line) => comment(line))),
		'',
		'#Requires -RunAsAdministrator',
		'',
	];
}

function credentialLine(state: FlowState): string {
	const {hop1, user} = state.inputs;
	const message = psQuote(`doublehop: the account for ${hop1 ?? 'the first hop'}`);
	const userName = user === undefined ? '' : ` -UserName ${psQuote(user)}`;
	return `$cred = Get-Credential${userName} -Message ${message}`;
}

/**
 * A revert task's registration as this script runs it, from the task the run proposed: the
 * command the run showed has the deadline of the run and the script only as comments.
 */
function revertTaskCode(state: FlowState, change: ChangeRecord): string[] | undefined {
	if (change.undo.kind !== 'unregister-task') return undefined;
	const {taskName} = change.undo;
	const entry = state.timeBox?.tasks.find((candidate) => candidate.task.taskName === taskName);
	if (entry === undefined) return undefined;
	const lines = exportedRegistrationLines(entry.task, entry.hop1 ?? state.inputs.hop1 ?? '');
	return state.useSsl === true ? lines.map(overHttps) : lines;
}

/**
 * A session configuration's registration as this script runs it: the cut that WinRM's restart
 * makes is caught, and a new session reads what is registered.
 */
function sessionConfigurationCode(state: FlowState, change: ChangeRecord): string[] | undefined {
	const plan = state.sessionConfig?.plan;
	if (change.undo.kind !== 'unregister-session-config' || plan?.name !== change.undo.name)
		return undefined;
	const lines = registerSessionConfigurationExported(change.undo.hop1, plan);
	return state.useSsl === true ? lines.map(overHttps) : lines;
}

function changeSection(
	state: FlowState,
	change: ChangeRecord,
	index: number,
	total: number,
): string[] {
	const revertTask = revertTaskCode(state, change);
	const after =
		revertTask === undefined
			? change.after
			: `${change.undo.kind === 'unregister-task' ? change.undo.taskName : ''} at $revertAt (set at the top of this script)`;
	return [
		rule(`Change ${index + 1} of ${total}: ${change.setting}, on ${change.machine}`),
		...comment(change.before, 'Before: '),
		...comment(after, 'After:  '),
		...(change.dryRun ? ['# (planned in a dry run; not made yet)'] : []),
		...(revertTask ??
			sessionConfigurationCode(state, change) ??
			listWriteCode(state, change) ??
			change.command.split(/\r\n?|\n/)),
		'# Undo:',
		...comment(exportedUndo(state, change) ?? change.undoCommand, '  '),
		'',
	];
}

/**
 * The client change's undo as this script runs it: the list written with the function defined at
 * the top (listFunctionSections), from the client as the change left it, as doublehop undo would.
 */
function clientUndo(state: FlowState, change: ChangeRecord): string | undefined {
	const {undo} = change;
	if (undo.kind !== 'restore-client') return undefined;
	const fromRecord =
		undo.listBefore === undefined
			? undefined
			: {enabled: true, allowFreshCredentials: [...undo.listBefore, ...undo.added]};
	const clientNow = clientAfterChange(state) ?? fromRecord;
	return clientNow === undefined ? undefined : undoCommandFor(change, clientNow, true);
}

/**
 * A delegation list's write as this script runs it: the function defined at the top
 * (listFunctionSections) called with what the run passes it (tree/change.ts changeOperation), so
 * the list is written in the local Group Policy object as well as HKLM. The command the run shows
 * names the Registry.pol edit, which has no cmdlet, only in a comment; a script that ran that
 * would write HKLM alone, and the next policy refresh would take the entry out again.
 */
function listWriteCode(state: FlowState, change: ChangeRecord): string[] | undefined {
	if (change.stage === 'ntlm-only') {
		const plan = state.plan?.ntlmOnly;
		if (plan === undefined) return undefined;
		return setNtlmOnlyListExported({values: plan.after, localGpo: plan.localGpoAfter});
	}
	const plan = state.plan?.client;
	if (change.stage !== 'client' || plan?.action !== 'enable' || !plan.onlyDelegation)
		return undefined;
	return [
		...setDelegationListExported(plan.after),
		...(plan.alsoTurnOn === true ? [setClientCredSspCommand(true)] : []),
	];
}

/** A change's undo as this script runs it, where it differs from the words the run showed. */
function exportedUndo(state: FlowState, change: ChangeRecord): string | undefined {
	return clientUndo(state, change) ?? ntlmOnlyUndo(change);
}

/**
 * The NTLM-only change's undo as doublehop undo would make it (restoreNtlmOnlyWrite), from the
 * lists as the change leaves them: doublehop's entry appended to each (mergedDelegationList).
 */
function ntlmOnlyUndo(change: ChangeRecord): string | undefined {
	const {undo} = change;
	if (undo.kind !== 'restore-ntlm-only') return undefined;
	const list = [...undo.listBefore, ...undo.added];
	const gpo = undo.localGpo;
	const now = {
		list,
		switches: switchesWith(list),
		...(gpo === undefined
			? {}
			: {localGpo: [...(gpo.listBefore ?? undo.listBefore), ...gpo.added]}),
	};
	const write = restoreNtlmOnlyWrite(now, undo);
	return write === undefined
		? '# Nothing to run: the change added no entry and left the switches as they were.'
		: setNtlmOnlyListExported(write).join('\n');
}

/** Whether a change or an undo of this script calls the function named. */
function calls(state: FlowState, name: string, where: 'change' | 'undo'): boolean {
	return state.changes.some((change) =>
		(where === 'change'
			? (listWriteCode(state, change) ?? []).join('\n')
			: (exportedUndo(state, change) ?? '')
		).includes(name),
	);
}

/** The functions the list writes call, each defined once, when a change or an undo calls it. */
function listFunctionSections(state: FlowState): string[] {
	return [...delegationListSection(state), ...ntlmOnlyListSection(state)];
}

function delegationListSection(state: FlowState): string[] {
	const name = setDelegationListFunctionName;
	const byChange = calls(state, name, 'change');
	if (!byChange && !calls(state, name, 'undo')) return [];
	return [
		rule(
			`${name}: defines the function ${byChange ? 'the client change and its Undo call' : 'the Undo of the client change calls'}`,
		),
		'# Enable-WSManCredSSP -Role Client writes the delegation list into the local Group Policy object',
		'# (%SystemRoot%\\System32\\GroupPolicy\\Machine\\Registry.pol) as well as HKLM, and each policy',
		`# refresh copies that list into HKLM: ${byChange ? 'written' : 'undone'} in HKLM alone, the entry ${byChange ? 'is gone' : 'comes back'} at the next gpupdate.`,
		`# This is the function doublehop ${byChange ? 'and doublehop undo run' : 'undo runs'}: it rewrites the list and its two switches in`,
		'# Registry.pol, raises the GPO version in gpt.ini (where the registry extension stays listed),',
		'# then sets HKLM to match. Defining it changes nothing.',
		...setDelegationListFunctionLines(),
		'',
	];
}

function ntlmOnlyListSection(state: FlowState): string[] {
	const name = setNtlmOnlyListFunctionName;
	if (!calls(state, name, 'change') && !calls(state, name, 'undo')) return [];
	return [
		rule(`${name}: defines the function the NTLM-only change and its Undo call`),
		'# "Allow delegating fresh credentials with NTLM-only server authentication": each policy refresh',
		'# rewrites HKLM\\SOFTWARE\\Policies from the GPOs that configure it, so doublehop writes the list in',
		'# the local Group Policy object (%SystemRoot%\\System32\\GroupPolicy\\Machine\\Registry.pol) as well as HKLM:',
		'# written in HKLM alone, the entry is gone at the next gpupdate. This is the function doublehop and',
		'# doublehop undo run: it rewrites the list and its two switches in Registry.pol, raises the GPO version',
		'# in gpt.ini, then sets HKLM. Defining it changes nothing.',
		...setNtlmOnlyListFunctionLines(),
		'',
	];
}

function verifySection(state: FlowState): string[] {
	const {hop1, command} = state.inputs;
	if (hop1 === undefined || command === undefined) {
		return [
			rule('Verify'),
			'# No first hop and command were given, so there is nothing to verify.',
		];
	}
	// The admin's command travels as a quoted string, so no character in it can end the script block.
	const quoted = `([scriptblock]::Create(${psQuote(command)}))`;
	const name = state.sessionConfig?.plan?.name;
	if (name !== undefined)
		return [
			rule(`Verify: the command on ${hop1}, through ${name}`),
			...comment(command, 'Runs: '),
			`Invoke-Command -ComputerName ${psQuote(hop1)} -ConfigurationName ${psQuote(name)} -Credential $cred -ScriptBlock ${quoted}`,
		];
	if (state.method === 'rbkcd')
		return [
			rule(`Verify: the command on ${hop1}, plain (resource-based delegation)`),
			"# The KDC caches a refusal for 15 minutes: clear the first hop's cached tickets first.",
			`Invoke-Command -ComputerName ${psQuote(hop1)} -Credential $cred -ScriptBlock { klist purge -li 0x3e7 }`,
			...comment(command, 'Runs: '),
			`Invoke-Command -ComputerName ${psQuote(hop1)} -Credential $cred -ScriptBlock ${quoted}`,
		];
	return [
		rule(`Verify: the command on ${hop1}, with CredSSP`),
		...comment(command, 'Runs: '),
		`Invoke-Command -ComputerName ${psQuote(hop1)} -Credential $cred -Authentication CredSSP -ScriptBlock ([scriptblock]::Create(${psQuote(command)}))`,
	];
}

/** A $using:cred run: the rewritten command, which changes nothing, so no change or undo sections. */
function usingCredScript(state: FlowState, meta: ExportMeta, command: string): string[] {
	const {hop1 = '(first hop not given)', hop2 = '(second hop not given)', user} = state.inputs;
	const client = state.facts.local?.computerName;
	return [
		'# doublehop script: $using:cred for the PowerShell remoting double hop',
		'#',
		'# It changes nothing on any machine: your credential travels with this one command, handed',
		'# to the cmdlet that reaches the second hop. There is nothing to undo.',
		'#',
		...comment(`${client ?? 'this machine'} -> ${hop1} -> ${hop2}`, 'Targets:   '),
		...comment(user ?? '(not given)', 'Account:   '),
		...comment(state.inputs.command ?? '', 'Command:   '),
		...comment(
			`${meta.generatedAt.toISOString()} by doublehop ${meta.version} (${meta.hostDescription})`,
			'Generated: ',
		),
		'',
		"$ErrorActionPreference = 'Stop'",
		credentialLine(state),
		'',
		rule(`Run: the command on ${hop1}, with $using:cred`),
		...comment(command, 'Runs: '),
		// As a quoted string, so no character in it can end the script block; $using: still reads $cred.
		`Invoke-Command -ComputerName ${psQuote(hop1)} -Credential $cred -ScriptBlock ([scriptblock]::Create(${psQuote(command)}))`,
		'',
	];
}

export function exportScript(state: FlowState, meta: ExportMeta): string {
	const rewrite = state.facts.methods?.rewrite;
	if (state.method === 'using-cred' && rewrite?.fits === true)
		return showControls(usingCredScript(state, meta, rewrite.command).join('\n'));
	const {changes} = state;
	const body =
		changes.length === 0
			? ['# No change was confirmed in this run: there is nothing to apply.', '']
			: changes.flatMap((change, index) => changeSection(state, change, index, changes.length));
	// Read with `cat` or in a console before it is run: control characters shown escaped.
	const script = [
		...header(state, meta),
		"$ErrorActionPreference = 'Stop'",
		credentialLine(state),
		'',
		...(state.timeBox !== undefined && changes.some((c) => revertTaskCode(state, c) !== undefined)
			? [...exportedDeadlineLines(state.timeBox.minutes), '']
			: []),
		...listFunctionSections(state),
		...body,
		...(changes.length > 1
			? ['# To take everything back, run the Undo steps newest first, or: doublehop undo', '']
			: []),
		...verifySection(state),
		'',
	].join('\n');
	return showControls(script);
}
