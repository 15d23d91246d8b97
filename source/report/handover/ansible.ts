// --export-ansible: the handover as an Ansible playbook of ansible.windows modules (win_dsc for the
// same DSC resources the DSC export uses, win_powershell for the list check and the client switch,
// win_service for WinRM). The undo is its own plays in the same file, tagged `never` and `undo`,
// so a plain run never reaches them and `--tags undo` runs only them. A pure function of the
// handover (handover.ts): one play per machine, so many first hops are many plays.
import {setClientCredSspCommand} from '../../operations/set-client-credssp.js';
import {comment} from '../export-script.js';
import {handoverWarnings, type Handover, type HandoverMeta} from './handover.js';
import {
	clientCredSspValue,
	hklmListKey,
	listCheckLines,
	listRefusal,
	trustedHostsRead,
	trustedHostsWithout,
} from './list-check.js';
import {
	machineSteps,
	modulesUsed,
	type MachineSteps,
	type PropertyValue,
	type Step,
} from './steps.js';
import {showControls} from '../../windows/terminal-text.js';

/** A YAML scalar: JSON's strings, numbers and booleans are YAML's too (flow style). */
const scalar = (value: PropertyValue): string => JSON.stringify(value);

/** A PowerShell script as a YAML literal block, indented under its key. */
function literal(lines: readonly string[], depth: number): string[] {
	const pad = ' '.repeat(depth);
	return ['|', ...lines.map((line) => (line === '' ? '' : pad + line.replace(/\t/g, '  ')))];
}

function task(name: string, module: string, fields: string[]): string[] {
	return [
		`    - name: ${scalar(name)}`,
		`      ${module}:`,
		...fields.map((field) => `        ${field}`),
	];
}

function scriptTask(
	name: string,
	script: string[],
	parameters: [string, PropertyValue][],
): string[] {
	const [bar = '|', ...body] = literal(script, 10);
	return [
		...task(name, 'ansible.windows.win_powershell', [`script: ${bar}`]),
		...body,
		...(parameters.length === 0
			? []
			: [
					'        parameters:',
					...parameters.map(([key, value]) => `          ${key}: ${scalar(value)}`),
				]),
	];
}

function stepTask(step: Step): string[] {
	switch (step.kind) {
		case 'resource':
			return task(step.what, 'ansible.windows.win_dsc', [
				`resource_name: ${step.resource}`,
				...step.properties.map(([key, value]) => `${key}: ${scalar(value)}`),
			]);
		case 'winrm-service':
			// state only: the start type stays as it is, as doublehop leaves it.
			return task(step.what, 'ansible.windows.win_service', [
				'name: WinRM',
				`state: ${step.running ? 'started' : 'stopped'}`,
			]);
		case 'client-credssp':
			return scriptTask(
				step.what,
				[
					`if (${clientCredSspValue} -eq ${step.enabled ? "'true'" : "'false'"}) {`,
					'\t$Ansible.Changed = $false',
					'} else {',
					`\t${setClientCredSspCommand(step.enabled)}`,
					'}',
				],
				[],
			);
		case 'trusted-host':
			return scriptTask(
				step.what,
				[
					'param([string]$Entry)',
					trustedHostsRead,
					`if (${step.present ? '' : '-not '}($entries -contains $Entry)) {`,
					'\t$Ansible.Changed = $false',
					'} else {',
					...(step.present
						? [
								'\tSet-Item WSMan:\\localhost\\Client\\TrustedHosts -Value $Entry -Concatenate -Force',
							]
						: trustedHostsWithout.map((line) => `\t${line}`)),
					'}',
				],
				[['Entry', step.entry]],
			);
		case 'list-guard':
			return scriptTask(
				step.what,
				[
					'param([string]$Key, [string[]]$Before, [string[]]$After)',
					...listCheckLines(),
					'$Ansible.Changed = $false',
					`if (-not $inState) { throw ${listRefusal} }`,
				],
				[
					['Key', hklmListKey(step.list.list.name)],
					['Before', step.list.before],
					['After', step.list.after],
				],
			);
	}
}

function play(machine: MachineSteps, undo: boolean): string[] {
	return [
		`- name: ${scalar(`doublehop${undo ? ' undo' : ''}: ${machine.role} ${machine.computer}`)}`,
		`  hosts: ${scalar(machine.computer)}`,
		'  gather_facts: false',
		`  tags: ${undo ? '[never, undo]' : '[apply]'}`,
		'  tasks:',
		...machine.steps.flatMap(stepTask),
	];
}

/** Which hosts, what they need, how to apply and undo, and how the lists are written. */
function howToRun(modules: string[]): string[] {
	return [
		'#',
		'# Hosts: each play targets one machine by the name doublehop used; your inventory must',
		'# name it so (the client too: it is a Windows machine Ansible reaches over WinRM).',
		...(modules.length === 0
			? []
			: comment(
					`Needs on those machines (win_dsc runs DSC resources in Windows PowerShell 5.1): Install-Module ${modules.join(', ')}`,
				)),
		'# Apply: ansible-playbook -i <inventory> <this file>',
		'# Undo:  ansible-playbook -i <inventory> <this file> --tags undo',
		'#        (the undo plays are tagged never: a plain run does not reach them)',
		'#',
		'# The delegation lists are written whole, as doublehop merged them (the entries there before',
		'# kept, in order), into the local Group Policy object with RegistryPolicyFile, then Group Policy',
		'# is refreshed. A task first checks the list in force is the one doublehop read (or already',
		'# the merged one) and fails otherwise. The undo takes out only the values doublehop appended.',
	];
}

function header(handover: Handover, meta: HandoverMeta, machines: MachineSteps[]): string[] {
	const undoHow = 'ansible-playbook <this file> --tags undo';
	return [
		'# doublehop Ansible playbook: CredSSP for the PowerShell remoting double hop',
		'#',
		...(handover.dryRun
			? ['# DRY RUN: the values doublehop planned. doublehop changed nothing.']
			: ['# The changes confirmed in a doublehop run, with the values it computed.']),
		...comment(handover.account ?? '(not given)', 'Account:   '),
		...comment(
			`${meta.generatedAt.toISOString()} by doublehop ${meta.version} (${meta.hostDescription})`,
			'Generated: ',
		),
		'#',
		...handoverWarnings(handover, undoHow).flatMap((line) => (line === '' ? ['#'] : comment(line))),
		...(machines.length === 0 ? [] : howToRun(modulesUsed(machines))),
		...handover.notCarried.flatMap((line) =>
			comment(line, 'Not carried (make it by hand or with doublehop): '),
		),
	];
}

export function ansiblePlaybook(handover: Handover, meta: HandoverMeta): string {
	const apply = machineSteps(handover, false);
	const undo = machineSteps(handover, true);
	const body =
		apply.length === 0
			? [
					'# No change was confirmed in this run: there is nothing to apply.',
					'---',
					'- name: "doublehop: nothing to apply"',
					'  hosts: localhost',
					'  gather_facts: false',
					'  tasks: []',
				]
			: [
					'---',
					...apply.flatMap((machine) => play(machine, false)),
					'',
					'# ==== Undo: its own plays, run only with --tags undo.',
					...undo.flatMap((machine) => play(machine, true)),
				];
	return showControls([...header(handover, meta, apply), ...body, ''].join('\n'));
}
