// The end of a run that set up a safer method (--method) where CredSSP already carried the
// command (credssp-today.ts): CredSSP is still on, and is named with how to turn it off. What an
// earlier doublehop run made and journalled, its guided undo takes back exactly (each change asked
// for, so the method just set up is kept by a no); what was there before doublehop is shown as
// commands for the admin, never taken away unasked.
import {disableServerCredSspCommand} from '../operations/disable-server-credssp.js';
import {hopEntries, wildcardLine, withoutEntryCommand, wsmanOthers} from './credssp-off-client.js';
import type {Conclusion, FlowState, NextStep} from './state.js';

/** The CredSSP sides an earlier doublehop run set up and journalled. */
export function madeByDoublehop(state: FlowState): {client: boolean; server: boolean} {
	const stages = new Set((state.earlier?.changes ?? []).map((change) => change.stage));
	return {client: stages.has('client') || stages.has('ntlm-only'), server: stages.has('server')};
}

/** $using:cred's end where nothing was changed: untrue once the turn-off step changed something. */
export const nothingChangedLine =
	'Nothing was changed on any machine, so there is nothing to undo.';

/** The method's own words, with "nothing changed" made true again after the turn-off step. */
function methodDetails(details: string[], off: {client: boolean; server: boolean}): string[] {
	if (!off.client && !off.server) return details;
	return details.map((line) =>
		line === nothingChangedLine
			? '$using:cred changed nothing; the changes below turn CredSSP off, at your yes, and the undo takes them back.'
			: line,
	);
}

/** The sides the turn-off step took away at the admin's yes (credssp-off.ts). */
function turnedOff(state: FlowState): {client: boolean; server: boolean} {
	const off = state.credSspOff;
	return {client: off?.client === 'off', server: off?.server === 'off'};
}

function stillOnLine(
	made: {client: boolean; server: boolean},
	off: {client: boolean; server: boolean},
	hop1: string,
): string {
	if (off.client && off.server)
		return `CredSSP is off for this hop now: this machine no longer delegates to ${hop1}, and ${hop1} no longer accepts CredSSP (each at your yes; the undo puts them back).`;
	if (off.client || off.server)
		return `${off.client ? `This machine no longer delegates to ${hop1} by CredSSP` : `${hop1} no longer accepts CredSSP`} (at your yes; the undo puts it back). The other side is still on, and the command no longer needs it.`;
	const lead = 'CredSSP is still on, and the command no longer needs it';
	if (made.client && made.server) return `${lead}: an earlier doublehop run set it up.`;
	if (made.client || made.server)
		return `${lead}: an earlier doublehop run set up its ${made.client ? 'client' : 'server'} side; doublehop did not set up the other side, so it does not take it away.`;
	return 'CredSSP is still on: doublehop did not set it up, so it does not take it away. The command no longer needs it.';
}

/**
 * The undo at a prompt, which asks for each change newest first. A --json run's undo command
 * (with --yes) would take back every change by doublehop, the method just set up too.
 */
function guidedUndo(state: FlowState): string {
	return state.guidedUndoCommand ?? state.undoCommand;
}

/** The CredSSP an earlier run made: its undo, told to keep what this run set up. */
function undoStep(state: FlowState, made: {client: boolean; server: boolean}): NextStep[] {
	if (!made.client && !made.server) return [];
	// The method's changes, not the turn-off step's (a no to those keeps CredSSP off).
	const kept = state.changes.filter(
		(change) => change.dryRun !== true && change.stage !== 'credssp-off',
	);
	const keep =
		kept.length === 0
			? ''
			: `; say no to ${kept.map((change) => `${change.setting} on ${change.machine}`).join(' and ')} to keep the method`;
	return [
		{
			say: `To take back the CredSSP doublehop set up (it asks for each change, newest first${keep}):`,
			run: guidedUndo(state),
		},
	];
}

/**
 * This machine's side, set up before doublehop: only wsman/<hop1> taken out where that exact entry
 * is there (credssp-off-client.ts); else Disable-WSManCredSSP -Role Client, which empties every
 * wsman/ entry (CredSSP.cs DeleteDelegateSettings). Group Policy's list is its owner's to change.
 */
function clientTurnOff(state: FlowState, off: boolean): NextStep[] {
	const hop1 = state.inputs.hop1 ?? '';
	const client = state.facts.client;
	if (client === undefined) return [];
	if (client.policyAllowCredSsp !== undefined || client.policyDelegation !== undefined)
		return [
			'This machine delegates by Group Policy ("Allow delegating fresh credentials", WinRM Client CredSSP): ask the policy\'s owner to turn it off.',
		];
	const {exact, wildcard} = hopEntries(client, hop1);
	const wide = wildcard === undefined ? [] : [wildcardLine(wildcard, hop1)];
	// Taken out at the admin's yes: only a wildcard that still covers hop 1 is left to say.
	if (off) return wide;
	if (exact === undefined)
		return [
			{
				say: `This machine delegates to ${hop1} by CredSSP, set up before doublehop. To stop it, in an elevated shell here (it also removes every other wsman/ entry from the delegation list):`,
				run: 'Disable-WSManCredSSP -Role Client',
			},
		];
	const others = wsmanOthers(client, exact);
	return [
		{
			say:
				others.length === 0
					? `This machine delegates to ${hop1} by CredSSP (${exact}, set up before doublehop; no other wsman/ entry). To take it out, in an elevated shell here:`
					: `This machine delegates to ${hop1} by CredSSP (${exact}, set up before doublehop). To take out that entry alone, in an elevated shell here (the first command takes out every wsman/ entry, the second puts back ${others.map((name) => `wsman/${name}`).join(', ')}):`,
			run: withoutEntryCommand(client, exact),
		},
		...wide,
	];
}

/** How to turn off each side doublehop did not make: a command, or Group Policy's owner. */
function turnOffSteps(
	state: FlowState,
	made: {client: boolean; server: boolean},
	off: {client: boolean; server: boolean},
): NextStep[] {
	const hop1 = state.inputs.hop1 ?? '';
	const {server} = state.facts;
	const steps: NextStep[] = [];
	if (!made.server && !off.server)
		steps.push(
			server?.policyAllowCredSsp === undefined
				? {
						say: `${hop1} accepts CredSSP, set up before doublehop. To stop it, once nothing else needs it:`,
						run: disableServerCredSspCommand(hop1),
					}
				: `${hop1} accepts CredSSP by Group Policy ("Allow CredSSP authentication", WinRM Service): ask the policy's owner to turn it off.`,
		);
	if (!made.client) steps.push(...clientTurnOff(state, off.client));
	return steps;
}

/**
 * The verdict stays the method's. Once the method is proven (fixed, already-fixed), CredSSP is
 * named with how to turn it off; on any other end, as still carrying the command.
 */
export function withCredSspStillOn(state: FlowState, conclusion: Conclusion): Conclusion {
	if (state.facts.credSspToday !== true || state.mode !== 'fix') return conclusion;
	if (conclusion.verdict !== 'fixed' && conclusion.verdict !== 'already-fixed')
		return {
			...conclusion,
			details: [
				...conclusion.details,
				'CredSSP is still on, as it was: the command works through it (-Authentication CredSSP).',
			],
		};
	const made = madeByDoublehop(state);
	const off = turnedOff(state);
	return {
		...conclusion,
		details: [
			...methodDetails(conclusion.details, off),
			stillOnLine(made, off, state.inputs.hop1 ?? ''),
		],
		nextSteps: [
			...conclusion.nextSteps,
			...undoStep(state, made),
			...turnOffSteps(state, made, off),
		],
	};
}
