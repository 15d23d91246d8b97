// Which machines the run talks to: the simulated lab (--lab) or real PowerShell.
import {resolve} from 'node:path';
import type {Host} from '../hosts/host.js';
import type {Defaults} from '../tree/state.js';
import {outputUnwritable} from './output-paths.js';
import {labFileName, labStateFile} from './paths.js';

export type HostChoice =
	| {
			ok: true;
			host: Host;
			/** Names the journal: changes on one lab are not offered for undo on another. */
			key: string;
			hint?: string;
			defaults: Defaults;
	  }
	| {ok: false; message: string; nextSteps?: string[]};

export type HostFlags = {
	lab?: string;
	labReset: boolean;
	labState?: string;
	/** 'auto', 'powershell', 'pwsh' or the path of an executable. */
	powershell?: string;
	/** How long a first hop that answers may take to open a session (real host only). */
	connectTimeoutSeconds?: number;
	/**
	 * Takes the run's lock on the machines named by `key` (the journal's key) before anything is
	 * read or reset: the lab reads its saved machines when its host is made.
	 */
	lock?: (key: string) => Promise<{ok: true} | {ok: false; message: string; nextSteps?: string[]}>;
};

async function chooseLabHost(flags: HostFlags & {lab: string}): Promise<HostChoice> {
	const [{loadScenario}, {createLabHost}, {readSavedLab}, {rmSync}] = await Promise.all([
		import('../hosts/lab/scenarios.js'),
		import('../hosts/lab/lab-host.js'),
		import('../hosts/lab/saved-state.js'),
		import('node:fs'),
	]);
	const found = loadScenario(flags.lab);
	if (!found.ok) return {ok: false, message: found.message};
	const {scenario} = found;
	const stateUnwritable =
		flags.labState === undefined ? undefined : outputUnwritable('--lab-state', flags.labState);
	if (stateUnwritable !== undefined) return {ok: false, message: stateUnwritable};
	// A file's lab is its own: one named like a built-in scenario cannot take over the built-in's state.
	const labName = found.file === undefined ? scenario.name : labFileName(found.file);
	// Its journal and lock go with the machines: a --lab-state file is a lab of its own, and another
	// file's changes are not in place in it.
	const key =
		flags.labState === undefined
			? `lab-${labName}`
			: `lab-${labName}-${labFileName(resolve(flags.labState))}`;
	const locked = (await flags.lock?.(key)) ?? {ok: true};
	if (!locked.ok) return locked;
	const stateFile = flags.labState ?? labStateFile(labName);
	if (flags.labReset) rmSync(stateFile, {force: true});
	const saved = readSavedLab(scenario, stateFile);
	if (saved.kind === 'unusable') {
		return {
			ok: false,
			message: [
				`the lab's saved machines in ${stateFile} cannot be used: ${saved.reason}. Nothing was changed.`,
				`  To keep them, mend or move that file${flags.labState === undefined ? '' : ', or give another --lab-state'}.`,
				`  To start this lab again from its scenario: doublehop --lab ${flags.lab} --lab-reset`,
			].join('\n'),
		};
	}
	const host = createLabHost({scenario, stateFile});
	return {
		ok: true,
		host,
		key,
		defaults: scenario.defaults,
		hint: `${scenario.title}. ${scenario.hint ?? ''}`.trim(),
	};
}

const tryTheLab = 'To see the whole flow without touching any machine: doublehop --lab classic';

export async function chooseHost(flags: HostFlags): Promise<HostChoice> {
	if (flags.lab !== undefined) return chooseLabHost({...flags, lab: flags.lab});
	// The CredSSP cmdlets and the WSMan client exist only in PowerShell on Windows.
	if (process.platform !== 'win32' && flags.powershell === undefined) {
		return {
			ok: false,
			message: `the real fix runs the WSMan and CredSSP cmdlets, which only PowerShell on Windows has. Run doublehop on the Windows machine you connect from.\n  ${tryTheLab}`,
		};
	}
	const locked = (await flags.lock?.('powershell')) ?? {ok: true};
	if (!locked.ok) return locked;
	const [{findPowerShell}, {createPowerShellHost}] = await Promise.all([
		import('../hosts/powershell/find-powershell.js'),
		import('../hosts/powershell/powershell-host.js'),
	]);
	const found = await findPowerShell({use: flags.powershell ?? 'auto'});
	if (!found.found) {
		return {
			ok: false,
			message: [found.message, ...found.howToGet.map((way) => `  ${way}`), `  ${tryTheLab}`].join(
				'\n',
			),
		};
	}
	return {
		ok: true,
		host: createPowerShellHost({
			powershell: found,
			...(flags.connectTimeoutSeconds === undefined
				? {}
				: {connectTimeoutSeconds: flags.connectTimeoutSeconds}),
		}),
		key: 'powershell',
		defaults: {},
	};
}
