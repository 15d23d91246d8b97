// Stage 1: read this shell (edition, elevation, language mode, this machine's WinRM service).
import type {ErrorRecord} from '../windows/records.js';
import {constrainedLanguageId} from '../hosts/language-mode.js';
import {addLog, finish} from './common.js';
import {conclusion, failed} from './conclusions.js';
import type {FlowState, OperationResult} from './state.js';
import {askNextInput} from './targets.js';
import {offerEarlierRun} from './earlier-run.js';
import {withUndoOverview} from './undo.js';
import {winrmServiceDetails, withoutCredSsp} from './winrm-service.js';

/** AppLocker or WDAC hold the console to Constrained Language: nothing can run, nothing was changed. */
function blockedByLanguageMode(state: FlowState, error: ErrorRecord): FlowState {
	const mode = error.targetObject ?? 'ConstrainedLanguage';
	const log = addLog(state, {
		status: 'blocked',
		title: `PowerShell on this computer runs in ${mode} mode`,
		// The record's message says what the mode means and what to do; printed once, with it.
		details: [],
		error,
	});
	return finish(
		{...state, log},
		conclusion('blocked', `PowerShell runs in ${mode} mode here (AppLocker or WDAC)`, {
			details: ['Nothing was run and nothing was changed.'],
			nextSteps: [
				{say: 'Check the mode:', run: '$ExecutionContext.SessionState.LanguageMode'},
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
	// $using:cred changes nothing and runs no CredSSP cmdlet: it goes on unelevated.
	if (!local.elevated && state.methodGiven !== 'using-cred') {
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
				nextSteps: [
					'Start PowerShell with "Run as administrator", then run doublehop again.',
					withoutCredSsp,
				],
			}),
		);
	}
	const log = addLog(withFacts, {
		status: 'passed',
		title: `${where}, ${local.elevated ? 'elevated' : 'not elevated (--method using-cred needs no elevation)'}`,
		details: [`Running as ${local.user}`, ...winrmServiceDetails(local)],
	});
	const ready = {...withFacts, log};
	if (state.mode === 'fix' && state.earlier !== undefined) return offerEarlierRun(ready);
	return askNextInput(state.mode === 'undo' ? withUndoOverview(ready) : ready);
}
