// The stages of the guided flow, in order. Pure data: the banner's "Step N of M",
// `doublehop --tree`, and the knowledge base's "go to" links all read this list.

export const stageIds = [
	'preflight',
	'targets',
	'first-hop',
	'second-hop',
	'diagnose',
	'risk',
	'client',
	'server',
	'listener',
	'verify',
] as const;

/**
 * The stages of a CredSSP fix, plus the one step of each safer method ('using-cred', 'rbkcd',
 * 'session-config' for JEA and RunAs), the revert of --for ('time-box'), and 'undo'.
 */
export type StageId =
	| (typeof stageIds)[number]
	| 'undo'
	| 'using-cred'
	| 'rbkcd'
	| 'session-config'
	| 'time-box'
	| 'credssp-off';

export type StageInfo = {
	id: StageId;
	title: string;
	machine: 'client' | 'hop1' | 'none';
	purpose: string;
};

export const stages: Record<StageId, StageInfo> = {
	preflight: {
		id: 'preflight',
		title: 'Check this shell',
		machine: 'client',
		purpose:
			"PowerShell edition and version, elevation (the CredSSP cmdlets need an elevated shell), and this machine's WinRM service",
	},
	targets: {
		id: 'targets',
		title: 'Machines and credentials',
		machine: 'none',
		purpose: 'The first hop, the second hop, the command to run there, and who runs it',
	},
	'first-hop': {
		id: 'first-hop',
		title: 'Test the first hop',
		machine: 'hop1',
		purpose: 'Can this machine open a remote session on the first hop at all?',
	},
	'second-hop': {
		id: 'second-hop',
		title: 'Reproduce the second hop',
		machine: 'hop1',
		purpose: 'Run the command on the first hop, reaching the second hop, and capture the error',
	},
	diagnose: {
		id: 'diagnose',
		title: 'Diagnose',
		machine: 'none',
		purpose:
			"Name the cause from the error and the CredSSP state of both sides (reading this machine's needs its WinRM service running)",
	},
	risk: {
		id: 'risk',
		title: 'Understand the risk',
		machine: 'none',
		purpose: 'CredSSP leaves your reusable credentials on the first hop; safer alternatives exist',
	},
	client: {
		id: 'client',
		title: 'Allow delegation on this client',
		machine: 'client',
		purpose: 'Enable-WSManCredSSP -Role Client, merged with the existing delegation list',
	},
	server: {
		id: 'server',
		title: 'Accept CredSSP on the first hop',
		machine: 'hop1',
		purpose: 'Enable-WSManCredSSP -Role Server on the first hop',
	},
	listener: {
		id: 'listener',
		title: 'HTTPS listener (optional)',
		machine: 'hop1',
		purpose:
			'New-Item WSMan:\\localhost\\Listener -Transport HTTPS with a valid certificate for the FQDN, and only that',
	},
	undo: {
		id: 'undo',
		title: 'Undo earlier changes',
		machine: 'none',
		purpose: 'Take back what doublehop changed, and only that',
	},
	'using-cred': {
		id: 'using-cred',
		title: 'Pass the credential ($using:cred)',
		machine: 'hop1',
		purpose:
			'Run the command on the first hop with your credential handed to the cmdlet that reaches the second hop: nothing is changed on any machine',
	},
	'session-config': {
		id: 'session-config',
		title: 'JEA or RunAs configuration on the first hop',
		machine: 'hop1',
		purpose:
			'Register a session configuration on the first hop that runs as a gMSA (JEA) or a stored account (RunAs), then run the command through it',
	},
	'time-box': {
		id: 'time-box',
		title: 'Schedule the revert (--for)',
		machine: 'none',
		purpose:
			'A scheduled task on each machine changed takes CredSSP back at the deadline, as SYSTEM, even if nobody runs undo',
	},
	rbkcd: {
		id: 'rbkcd',
		title: 'Resource-based Kerberos constrained delegation',
		machine: 'none',
		purpose:
			"Name the first hop's computer object among those allowed to delegate to the second hop (Set-ADComputer -PrincipalsAllowedToDelegateToAccount), merged with those already there; no credential is stored anywhere",
	},
	'credssp-off': {
		id: 'credssp-off',
		title: 'Turn CredSSP off',
		machine: 'none',
		purpose:
			"Once a safer method is proven where CredSSP already carried the command: take wsman/<first hop> out of this machine's delegation list, and stop the first hop accepting CredSSP, each only at your yes",
	},
	verify: {
		id: 'verify',
		title: 'Verify with CredSSP',
		machine: 'hop1',
		purpose: 'Run the command again with -Authentication CredSSP',
	},
};

/**
 * The steps a run counts, as far as it knows where it is going: a CredSSP fix's ten; with --for,
 * its revert as an eleventh; a safer method's one step in place of the risk and the changes (six
 * in all); an undo run, whose stages are not the fix's numbered steps.
 */
export type StepRoute = 'credssp' | 'credssp-revert' | 'safer' | 'undo';

/** A safer method's step comes after the diagnosis, in the risk's place: the last of six. */
const saferStep = stageIds.indexOf('risk') + 1;

/**
 * Where a stage stands on the route. A run that learns its route late (a safer method chosen
 * after the diagnosis) counts anew from then: "Step 5 of 10: Diagnose", then "Step 6 of 6".
 */
function stepPlace(id: StageId, route: StepRoute): {number: number; of: number} | undefined {
	if (route === 'undo') return undefined;
	const of = route === 'safer' ? saferStep : stageIds.length + (route === 'credssp-revert' ? 1 : 0);
	const index = stageIds.indexOf(id as never);
	// A stage past the safer route's last (none is reached today) keeps the CredSSP count.
	if (index >= 0) return {number: index + 1, of: Math.max(of, index + 1)};
	switch (id) {
		case 'using-cred':
		case 'rbkcd':
		case 'session-config':
			return {number: saferStep, of: saferStep};
		case 'time-box':
			return {number: stageIds.length + 1, of: stageIds.length + 1};
		// After the safer method's step, once it is proven over CredSSP: one step more.
		case 'credssp-off':
			return {number: saferStep + 1, of: saferStep + 1};
		default:
			return undefined;
	}
}

/** 1-based position in the run; 0 for a stage that is not a numbered step ('undo'). */
export function stepNumber(id: StageId, route: StepRoute = 'credssp'): number {
	return stepPlace(id, route)?.number ?? 0;
}

/**
 * The one way a step is named, in the form each place prints it:
 * - heading: "Step 3 of 10: Test the first hop" (banner, transcript, screen-reader text)
 * - compact: "Step 3/10 Test the first hop" (a logged step on the Ink screen)
 * - sentence: "step 3 of 10: Test the first hop" (inside a sentence)
 * - reference: "step 3 of 10, Test the first hop (first-hop)" (explain's "go to")
 * A stage that is not a numbered step ('undo', or any stage of an undo run) is its title alone.
 */
export function stepLabel(
	stage: StageId,
	form: 'heading' | 'compact' | 'sentence' | 'reference' = 'heading',
	route: StepRoute = 'credssp',
): string {
	const place = stepPlace(stage, route);
	const {title} = stages[stage];
	if (place === undefined) return title;
	const {number, of: stepCount} = place;
	switch (form) {
		case 'heading':
			return `Step ${number} of ${stepCount}: ${title}`;
		case 'compact':
			return `Step ${number}/${stepCount} ${title}`;
		case 'sentence':
			return `step ${number} of ${stepCount}: ${title}`;
		case 'reference':
			return `step ${number} of ${stepCount}, ${title} (${stage})`;
	}
}
