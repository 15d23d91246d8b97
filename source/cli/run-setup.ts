// What every run needs besides its renderer: the host, the journal (and what it says an earlier
// run left behind), and the initial state of the decision tree.
import {randomBytes} from 'node:crypto';
import {rmSync} from 'node:fs';
import type {FlowHooks} from '../flow/runner.js';
import type {Host} from '../hosts/host.js';
import {journalHooks, journalPath, openChanges, readJournal} from '../safety/journal.js';
import {initialState} from '../tree/reducer.js';
import type {EarlierRun, FlowState, Inputs} from '../tree/state.js';
import {chooseHost, type HostFlags} from './choose-host.js';
import {stateDirectory} from './paths.js';

export type RunSetup = {
	host: Host;
	hint?: string;
	initial: FlowState;
	hooks: FlowHooks;
	earlier?: EarlierRun;
};

export type SetupOptions = HostFlags & {
	mode: 'fix' | 'undo';
	dryRun: boolean;
	inputs: Omit<Inputs, 'password'>;
};

export async function setUpRun(
	options: SetupOptions,
): Promise<{ok: true; setup: RunSetup} | {ok: false; message: string}> {
	const choice = await chooseHost(options);
	if (!choice.ok) return choice;
	const path = journalPath(stateDirectory(), choice.key);
	// The lab forgets its machines on --lab-reset; its journal must forget them too.
	if (options.labReset) rmSync(path, {force: true});
	const earlier = openChanges(readJournal(path));
	const runId = `${new Date().toISOString()}-${randomBytes(3).toString('hex')}`;
	const initial = initialState({
		inputs: options.inputs,
		defaults: choice.defaults,
		mode: options.mode,
		dryRun: options.dryRun,
		runId,
		...(earlier === undefined ? {} : {earlier}),
	});
	return {
		ok: true,
		setup: {
			host: choice.host,
			...(choice.hint === undefined ? {} : {hint: choice.hint}),
			initial,
			hooks: journalHooks(path, runId),
			...(earlier === undefined ? {} : {earlier}),
		},
	};
}
