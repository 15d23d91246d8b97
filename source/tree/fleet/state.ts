// The state of a run over many first hops (--hop1 a,b,c or @file). Its own reducer (reducer.ts)
// moves it forward; the single-host rules it reuses (plan.ts, describe-error.ts) decide each host.
// Like the single-host flow, `pending` says what comes next: a call, a question, or the end.
import type {HostSurvey, PerHost} from '../../operations/fleet-fan-out.js';
import type {Secret} from '../../safety/secret.js';
import type {
	ClientCredSsp,
	CommandOutput,
	ErrorRecord,
	LocalContext,
	Outcome,
	RemoteOutput,
	WsmanSpnRead,
} from '../../windows/records.js';
import type {NotReached} from '../../windows/not-reached.js';
import type {
	ChangeRecord,
	ClientPlan,
	EarlierRun,
	NextStep,
	ServerPlan,
	Verdict,
} from '../state.js';

/** A first hop reached by name with Kerberos in this machine's domain, and its computer account. */
export type FleetSpnRead = {host: string; fqdn: string; account: string};

/** What a host needs, as read before anything is asked. */
export type HostState =
	| 'already-fixed'
	| 'needs-client'
	| 'needs-server'
	| 'needs-both'
	| 'blocked'
	| 'unreachable'
	| 'failed'
	/** Not read: the run ended before any call reached it (Ctrl+C at a question, a password refused). */
	| 'not-read';

/** How a host ended. */
export type HostResult =
	| 'fixed'
	| 'already-fixed'
	/** The admin left it out of a change it needs (or --json was not given --yes for it). */
	| 'left-out'
	| 'blocked'
	| 'unreachable'
	| 'failed'
	/** --dry-run: its changes were only planned. */
	| 'planned'
	/** The run was interrupted before this host was done: not reached, or changed but not verified. */
	| 'interrupted';

export type FleetHostRow = {
	/** 1-based, as the table numbers it (and as the admin types it to leave it out). */
	number: number;
	/** As given on the command line or in the file. */
	name: string;
	state: HostState;
	/** Why, in a few words. */
	cause: string;
	/** The change it needs, in a few words; "none" when it needs none or none can help. */
	planned: string;
	/** It answered only on 5986: read, changed, verified and undone with -UseSSL. */
	overHttps?: true;
	/** The longer reason (a Group Policy path, the diagnosis of an error), shown under the table. */
	detail?: string;
	/** The command to check it with, shown on a line of its own under the detail, to paste whole. */
	check?: string;
	error?: ErrorRecord;
	/** Unreachable: why no session reached it, read from the error's id or code. */
	notReached?: NotReached;
	client?: ClientPlan;
	server?: ServerPlan;
	result?: HostResult;
	/** What happened to it, one line. */
	outcome?: string;
	/** Its verify answered False with the credential delegated: still failing, quietly. */
	quietAnswer?: 'False';
	/**
	 * Left out: every change it still needs (a host left out of the delegation list is not asked
	 * about its server role, which it needs too), and whether the --json policy left it out.
	 */
	leftOut?: {needs: ChangeKind[]; byPolicy: boolean};
};

/** The two kinds of change, each asked once for all the hosts that need it. */
export type ChangeKind = 'client' | 'server';

export type FleetPrompt =
	| {kind: 'text'; field: 'user'; label: string; initial: string; error?: string}
	| {kind: 'password'; label: string; error?: string}
	/** y = all the hosts listed, n = none, s = leave some out (then `leave-out`). */
	| {kind: 'hosts'; id: ChangeKind; question: string; hosts: string[]}
	/** `typed`: the answer `error` refused, given back in the field to mend. */
	| {kind: 'leave-out'; id: ChangeKind; label: string; error?: string; typed?: string}
	/**
	 * An earlier run stopped part-way: r = resume, u = undo (fleet/earlier.ts). Or this machine's
	 * stopped WinRM service: y = start it, n = no (fleet/winrm.ts).
	 */
	| {
			kind: 'choice';
			id: FleetChoiceId;
			question: string;
			options: {key: string; label: string}[];
	  };

type FleetChoiceId = 'earlier-run' | 'winrm';

/** What the runner does next. Batches go to every listed host at once (hosts/fleet-calls.ts). */
export type FleetCall =
	| {name: 'local-context'}
	/** Start-Service WinRM on this machine, once for every host; `changes` journalled first. */
	| {name: 'start-winrm'; command: string; changes: ChangeRecord[]}
	| {name: 'read-client-credssp'}
	| {name: 'survey'; hosts: string[]}
	/** One first hop's WSMAN SPNs, read on this machine from the directory (spn.ts). */
	| {name: 'read-wsman-spn'; host: string; spns: string[]; command: string}
	/** One write of this machine's delegation list for every chosen host; `changes` journalled first. */
	| {
			name: 'write-client';
			how:
				| {operation: 'enable-client-credssp'; delegateComputers: string[]}
				/** `enableClient`: client CredSSP turned on after it (the list's names had a gap). */
				| {operation: 'set-delegation-list'; values: string[]; enableClient?: true}
				| {operation: 'set-client-credssp'; enabled: true};
			command: string;
			changes: ChangeRecord[];
	  }
	| {name: 'enable-servers'; hosts: string[]; command: string; changes: ChangeRecord[]}
	| {name: 'verify'; hosts: string[]; command: string};

export type FleetPending =
	{kind: 'run'; call: FleetCall} | {kind: 'ask'; prompt: FleetPrompt} | {kind: 'finished'};

/** A block of lines printed once, in order (the scrollback, the screen-reader text). */
type Printed = {id: number; lines: string[]};

export type FleetConclusion = {
	verdict: Verdict;
	headline: string;
	details: string[];
	nextSteps: NextStep[];
};

export type FleetState = {
	runId: string;
	dryRun: boolean;
	/** At most this many sessions at once (Invoke-Command -ThrottleLimit). */
	throttle: number;
	hop2: string;
	command: string;
	user?: string;
	password?: Secret;
	/** Times every host refused the password (asked again up to 3 times, as for one host). */
	passwordAttempts?: number;
	/**
	 * The survey so far while the password is tried on one host at a time: the others are read
	 * only once one host takes it, so a wrong password is not sent to every host at once.
	 */
	surveyed?: PerHost<HostSurvey>;
	/** The first hops whose WSMAN SPNs are still to be read, one at a time, before the table. */
	spnReads?: FleetSpnRead[];
	/** A host took the password: the rest are read together. */
	passwordTaken?: boolean;
	defaultUser: string;
	undoCommand: string;
	/**
	 * This run's command without --hop1, --yes and --steps, with the flags that shape it (the lab and
	 * its file, --json --password-stdin, --hop2, ...): the hosts left out are fixed by running it again.
	 */
	rerunCommand: string;
	/** rerunCommand without --dry-run: a dry run ends with it, for the hosts it planned. */
	applyCommand: string;
	/** The terminal's width: the table of hosts fits it (none: one line per host). */
	width?: number;
	/** A --json run: its advice points to fields of the document, not to lines on a screen. */
	json?: true;
	local?: LocalContext;
	client?: ClientCredSsp;
	hosts: FleetHostRow[];
	printed: Printed[];
	pending: FleetPending;
	/** The hosts still offered for each change, as the admin narrows them. */
	offered: Partial<Record<ChangeKind, string[]>>;
	/** Changes made (or, in a dry run, planned), journalled one by one, each for its own host. */
	changes: ChangeRecord[];
	conclusion?: FleetConclusion;
	/** What an earlier run left in place (the journal), offered before the survey. */
	earlier?: EarlierRun;
	/** The admin chose to undo the earlier run: the CLI runs the one-host undo flow next. */
	undoEarlier?: true;
	/** "Transcript: <path>" and the like: the files this run writes, named at its end. */
	recordLines?: string[];
};

export type CallResult =
	| {name: 'local-context'; result: Outcome<LocalContext>}
	| {name: 'start-winrm'; result: Outcome<CommandOutput>}
	| {name: 'read-client-credssp'; result: Outcome<ClientCredSsp>}
	| {name: 'survey'; result: PerHost<HostSurvey>}
	| {name: 'read-wsman-spn'; result: Outcome<WsmanSpnRead>}
	| {name: 'write-client'; result: Outcome<CommandOutput>}
	| {name: 'enable-servers'; result: PerHost<Outcome<CommandOutput>>}
	| {name: 'verify'; result: PerHost<Outcome<RemoteOutput>>};

export type FleetAction =
	| {type: 'submit-text'; field: 'user'; value: string}
	| {type: 'submit-password'; password: Secret}
	/** `auto`: given by the --json policy, not typed by the admin. */
	| {type: 'answer-hosts'; id: ChangeKind; answer: 'yes' | 'no' | 'some'; auto?: boolean}
	| {type: 'leave-out'; id: ChangeKind; text: string}
	/** `auto`: given by the --json policy, not typed by the admin. */
	| {type: 'choose'; id: FleetChoiceId; key: string; auto?: boolean}
	| ({type: 'call-done'} & CallResult)
	| {type: 'interrupt'};
