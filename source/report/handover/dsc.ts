// --export-dsc: the handover as a PowerShell DSC configuration, with the undo as a second
// configuration in the same file. A pure function of the handover (handover.ts), so one file can
// carry many first hops, one Node each.
import {setClientCredSspCommand} from '../../operations/set-client-credssp.js';
import {psQuote} from '../../safety/names.js';
import {showControls} from '../../windows/terminal-text.js';
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
import {addTrustedHostCommand} from '../../operations/trusted-hosts.js';
import {
	machineSteps,
	modulesUsed,
	type MachineSteps,
	type PropertyValue,
	type Step,
} from './steps.js';

const dscApplyName = 'DoublehopCredSsp';
const dscUndoName = 'DoublehopCredSspUndo';

function value(property: PropertyValue): string {
	if (typeof property === 'string') return psQuote(property);
	if (typeof property === 'number') return String(property);
	if (typeof property === 'boolean') return property ? '$true' : '$false';
	return `@(${property.map(psQuote).join(', ')})`;
}

const indent = (lines: readonly string[], depth: number) =>
	lines.map((line) => (line === '' ? '' : '\t'.repeat(depth) + line));

function block(type: string, name: string, properties: [string, string | string[]][]): string[] {
	const width = Math.max(...properties.map(([key]) => key.length));
	return [
		// The brace on the keyword's line: read as plain PowerShell too, the block stays the
		// command's argument (the tests parse it so where the DSC keywords cannot load).
		`${type} ${name} {`,
		...properties.flatMap(([key, text]) => {
			const start = `\t${key.padEnd(width)} = `;
			if (typeof text === 'string') return [start + text];
			return [`${start}{`, ...indent(text, 2), '\t}'];
		}),
		'}',
	];
}

function scriptResource(
	name: string,
	prelude: string[],
	scripts: {get: string[]; test: string[]; set: string[]},
	dependsOn: string | undefined,
): string[] {
	return block('Script', name, [
		['GetScript', [...prelude, ...scripts.get]],
		['TestScript', [...prelude, ...scripts.test]],
		['SetScript', [...prelude, ...scripts.set]],
		...(dependsOn === undefined ? [] : ([['DependsOn', psQuote(dependsOn)]] as [string, string][])),
	]);
}

const reference = (step: Step) =>
	`[${step.kind === 'resource' ? step.resource : step.kind === 'winrm-service' ? 'Service' : 'Script'}]${step.name}`;

function resourceLines(step: Step, dependsOn: string | undefined): string[] {
	const depends: [string, string][] =
		dependsOn === undefined ? [] : [['DependsOn', psQuote(dependsOn)]];
	switch (step.kind) {
		case 'resource':
			return block(step.resource, step.name, [
				...step.properties.map(([key, property]): [string, string] => [key, value(property)]),
				...depends,
			]);
		case 'winrm-service':
			return block('Service', step.name, [
				['Name', psQuote('WinRM')],
				['State', psQuote(step.running ? 'Running' : 'Stopped')],
				...depends,
			]);
		case 'client-credssp':
			return scriptResource(
				step.name,
				[],
				{
					get: [`@{ Result = ${clientCredSspValue} }`],
					test: [`${clientCredSspValue} -eq ${psQuote(String(step.enabled))}`],
					set: [setClientCredSspCommand(step.enabled)],
				},
				dependsOn,
			);
		case 'trusted-host':
			return scriptResource(
				step.name,
				[`$Entry = ${psQuote(step.entry)}`, trustedHostsRead],
				{
					get: ["@{ Result = $entries -join ',' }"],
					test: [step.present ? '$entries -contains $Entry' : '-not ($entries -contains $Entry)'],
					set: step.present ? [addTrustedHostCommand(step.entry)] : trustedHostsWithout,
				},
				dependsOn,
			);
		case 'list-guard': {
			const {list} = step;
			const prelude = [
				`$Key = ${psQuote(hklmListKey(list.list.name))}`,
				`$Before = ${value(list.before)}`,
				`$After = ${value(list.after)}`,
				...listCheckLines(),
			];
			return scriptResource(
				step.name,
				prelude,
				{
					get: ['@{ Result = $now }'],
					test: ['$inState'],
					set: [`if (-not $inState) { throw ${listRefusal} }`],
				},
				dependsOn,
			);
		}
	}
}

function nodeLines(machine: MachineSteps): string[] {
	// Each resource waits for the one before it: the order doublehop would take, and a list that
	// fails its check stops everything after it on that machine.
	const lines = machine.steps.flatMap((step, index) => {
		const before = machine.steps[index - 1];
		return [
			...comment(step.what),
			...resourceLines(step, before === undefined ? undefined : reference(before)),
			'',
		];
	});
	return [
		...comment(`${machine.role}: ${machine.computer}`),
		`Node ${psQuote(machine.computer)} {`,
		...indent(lines.slice(0, -1), 1),
		'}',
	];
}

function configuration(name: string, machines: readonly MachineSteps[]): string[] {
	const builtIn = machines.some((machine) =>
		machine.steps.some((step) => step.kind !== 'resource'),
	);
	const modules = [...(builtIn ? ['PSDesiredStateConfiguration'] : []), ...modulesUsed(machines)];
	return [
		`Configuration ${name} {`,
		...modules.map((module) => `\tImport-DscResource -ModuleName ${module}`),
		'',
		...indent(
			machines.flatMap((machine, index) => [...(index === 0 ? [] : ['']), ...nodeLines(machine)]),
			1,
		),
		'}',
	];
}

/** What each node needs, how to apply and undo, and how the lists are written. */
function howToRun(modules: string[]): string[] {
	return [
		'#',
		...(modules.length === 0
			? []
			: comment(
					`Needs on every node (Windows PowerShell 5.1 DSC): Install-Module ${modules.join(', ')}`,
				)),
		`# Apply: . .\\<this file>; ${dscApplyName} -OutputPath .\\${dscApplyName}`,
		`#        Start-DscConfiguration -Path .\\${dscApplyName} -Wait -Verbose`,
		`# Undo:  . .\\<this file>; ${dscUndoName} -OutputPath .\\${dscUndoName}`,
		`#        Start-DscConfiguration -Path .\\${dscUndoName} -Wait -Verbose`,
		'#',
		'# The delegation lists are written whole, as doublehop merged them (the entries there before',
		'# kept, in order), into the local Group Policy object with RegistryPolicyFile, then Group Policy',
		'# is refreshed. A Script resource first checks the list in force is the one doublehop read (or',
		'# already the merged one) and stops otherwise. The undo takes out only the values doublehop',
		'# appended, never the whole list (xCredSSP Absent would run Disable-WSManCredSSP, which removes',
		'# every wsman/ entry).',
	];
}

function header(handover: Handover, meta: HandoverMeta, run: string[]): string[] {
	const undoHow = `the ${dscUndoName} configuration in this file`;
	return [
		'# doublehop DSC configuration: CredSSP for the PowerShell remoting double hop',
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
		...run,
		...handover.notCarried.flatMap((line) =>
			comment(line, 'Not carried (make it by hand or with doublehop): '),
		),
		'',
	];
}

export function dscConfiguration(handover: Handover, meta: HandoverMeta): string {
	const apply = machineSteps(handover, false);
	const undo = machineSteps(handover, true);
	const body =
		apply.length === 0
			? ['# No change was confirmed in this run: there is nothing to apply.']
			: [
					...configuration(dscApplyName, apply),
					'',
					'# ==== Undo: its own configuration. Apply it to take the changes above back.',
					...configuration(dscUndoName, undo),
				];
	return showControls(
		[
			...header(handover, meta, apply.length === 0 ? [] : howToRun(modulesUsed(apply))),
			...body,
			'',
		].join('\n'),
	);
}
