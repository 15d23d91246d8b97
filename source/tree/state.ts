// The state of one guided run. The reducer moves it forward; `pending` says what must happen
// next: run an operation on the host, ask the admin something, or nothing (finished).
// Renderers (Ink, plain text, JSON) only read this state.
import type {
	Certificate,
	ClientCredSsp,
	CommandOutput,
	ListenerRemoved,
	DelegationLimits,
	WsmanSpnRead,
	SecondHopReachRead,
	ErrorRecord,
	FirstHop,
	Listener,
	ListenerCreated,
	LocalContext,
	NameLookup,
	Outcome,
	RemoteOutput,
	ServerCredSsp,
	TrustedHosts,
} from '../windows/records.js';
import type {TextRange} from '../windows/marked-text.js';
import type {
	DelegationKeys,
	DelegationSwitches,
	DelegationSwitchesBoth,
	HklmDelegationWrite,
} from '../windows/records.js';
import type {CauseId, ClassId} from '../knowledge/entry.js';
import type {Secret} from '../safety/secret.js';
import type {StageId, StepRoute} from '../stages/stages.js';
import type {MethodId, MethodRanking} from '../windows/second-hop-methods.js';
import type {
	SessionConfigurationKind,
	SessionConfigurationPlan,
	SessionConfigurationsRead,
} from '../windows/session-configuration.js';
import type {SessionConfigurationChange} from '../operations/session-configuration.js';
import type {NtlmOnlyLocalGpoUndo} from '../operations/set-ntlm-only-list.js';
import type {ListenerCertificate} from '../operations/create-https-listener.js';
import type {RevertTask, RevertTaskState} from '../windows/time-box.js';
import type {DescriptorEdit, ResourceDelegation} from '../windows/resource-delegation.js';

export type TextField = 'hop1' | 'hop2' | 'command' | 'user';

/** Every field a text prompt asks for: the targets, and the account of a JEA or RunAs configuration. */
type PromptField = TextField | SessionConfigurationField;

/** The account a JEA (gMSA) or RunAs configuration on hop 1 runs as, asked for at that step. */
export type SessionConfigurationField = 'gmsa' | 'runas-user';

/** The JEA or RunAs method, as its step goes (tree/session-config.ts). */
export type SessionConfigurationState = {
	kind: SessionConfigurationKind;
	/** The gMSA (JEA) or the RunAs account, once given. */
	account?: string;
	/** The RunAs account's password: a Secret, never printed, journalled or exported. */
	runAsPassword?: Secret;
	/** Registrations WinRM refused because it could not verify that password (0x803381C3). */
	runAsRefusals?: number;
	read?: SessionConfigurationsRead;
	plan?: SessionConfigurationPlan;
	/** Registered: the read after WinRM's restart is the one that confirms it. */
	registered?: boolean;
	/** The error the restart cut the registering session with, shown with the confirmation. */
	cut?: string;
	/** The registering call got no answer in time (WinRM restarting under it): its record's message. */
	unanswered?: string;
	/** Reads after the registration that WinRM on hop 1 did not answer (it was still restarting). */
	unansweredReads?: number;
};

export type Inputs = {
	hop1?: string;
	hop2?: string;
	command?: string;
	user?: string;
	password?: Secret;
};

export type Defaults = Partial<Record<TextField, string>>;

type Facts = {
	local?: LocalContext;
	firstHop?: FirstHop;
	secondHopError?: ErrorRecord;
	/** A first hop Kerberos did not find, asked for again: kept as typed, it is a host outside the domain. */
	hop1Questioned?: string;
	/** The command reached another machine and answered False or nothing: a likely quiet refusal. */
	secondHopQuiet?: 'False' | 'nothing';
	client?: ClientCredSsp;
	server?: ServerCredSsp;
	listeners?: Listener[];
	certificates?: Certificate[];
	/** The ways to make this second hop work, safest first, read from the command after the diagnosis. */
	methods?: MethodRanking;
	/** Hop 1 typed as an address: the name DNS gives it ('' when none), once looked up. */
	addressName?: string;
	/** This machine's TrustedHosts, read when the first hop could not be reached by Kerberos. */
	trustedHosts?: TrustedHosts;
	/** That first-hop failure, kept to conclude with if no TrustedHosts entry can help. */
	firstHopError?: ErrorRecord;
	/** CredSSP cannot delegate this account (Protected Users, sensitive): how the run ends if the admin stops. */
	notDelegable?: Pick<FlowState, 'conclusion'>;
	/** A revert task as undo found it, read before its undo is shown. */
	revertTask?: RevertTaskState;
	/** Resource-based delegation: the ActiveDirectory module, hop 2's and hop 1's computer objects. */
	resourceDelegation?: ResourceDelegation;
	/** A safer method was named and the command works through the CredSSP already set up. */
	credSspToday?: true;
};

/**
 * What each remote action takes, by the name of its module in source/operations (and of its Host
 * method, in camelCase). The runner adds the credential. 'undo-change' takes back `change`.
 */
export type OperationArgs = {
	'local-context': Record<string, never>;
	'test-first-hop': {hop1: string};
	'run-on-first-hop': {hop1: string; command: string; authentication: 'Default' | 'CredSSP'};
	/** The admin's command rewritten to read `$using:cred`, run with the credential as `$cred`. */
	'run-with-credential': {hop1: string; command: string};
	'read-delegation-limits': {user: string};
	/** WSMAN/<fqdn> and WSMAN/<short> of the first hop, before CredSSP changes anything. */
	'read-wsman-spn': {spns: string[]};
	/** On hop 1: does hop 2 resolve there, and answer on these ports (its command's protocol)? */
	'test-second-hop-reach': {hop1: string; hop2: string; ports: number[]};
	/** startWinRM: this machine's WinRM service is stopped; started for the read, stopped after. */
	'read-client-credssp': {startWinRM?: true};
	'read-server-credssp': {hop1: string};
	'list-listeners': {hop1: string};
	'list-certificates': {hop1: string};
	'start-winrm-service': Record<string, never>;
	'enable-client-credssp': {delegateComputers: string[]};
	/** `enableClient`: then client CredSSP is turned on (Set-Item), as Enable-WSManCredSSP would. */
	'set-delegation-list': {values: string[]; enableClient?: boolean};
	'set-client-credssp': {enabled: boolean};
	'enable-server-credssp': {hop1: string};
	'create-https-listener': {
		hop1: string;
		firewallRule: string | undefined;
		certificate: ListenerCertificate | undefined;
	};
	/** startWinRM: as for the read; the undo's command shows the start and the stop. */
	'undo-change': {startWinRM?: true};
	'resolve-name': {address: string};
	'read-trusted-hosts': Record<string, never>;
	'add-trusted-host': {entry: string};
	'set-ntlm-only-list': {values: string[]; localGpo?: string[]};
	/** `pauseSeconds`: waited first, while WinRM on hop 1 comes back from its restart. */
	'read-session-configurations': {hop1: string; gmsa?: string; pauseSeconds?: number};
	/** The RunAs password is not an argument: the runner takes it from the state, like the credential. */
	'register-session-configuration': {hop1: string; plan: SessionConfigurationPlan};
	'run-in-configuration': {hop1: string; name: string; command: string};
	'read-clock': Record<string, never>;
	/** hop1: registered there, through the session; else on this machine. */
	'register-revert-task': {task: RevertTask; hop1?: string};
	'read-revert-task': {taskName: string; hop1?: string};
	'read-resource-delegation': {hop1: string; hop2: string};
	/** edit: hop 2's descriptor edited in place (one ACE in); else the list written whole. */
	'set-resource-delegation': {hop2: string; principals: string[]; edit?: DescriptorEdit};
	'purge-kerberos-tickets': {hop1: string};
	/** One entry out of this machine's delegation list, as the turn-off step plans it (credssp-off.ts). */
	'remove-delegation-entry': {
		values: string[];
		switches?: DelegationSwitchesBoth;
		hklm?: HklmDelegationWrite;
		keysBefore?: DelegationKeys;
	};
	/** Disable-WSManCredSSP -Role Server on hop 1, asked for once a safer method is proven. */
	'disable-server-credssp': {hop1: string};
};

/** What each remote action gives back when it works. */
type OperationValues = {
	'local-context': LocalContext;
	'test-first-hop': FirstHop;
	'run-on-first-hop': RemoteOutput;
	'run-with-credential': RemoteOutput;
	'read-delegation-limits': DelegationLimits;
	'read-wsman-spn': WsmanSpnRead;
	'test-second-hop-reach': SecondHopReachRead;
	'read-client-credssp': ClientCredSsp;
	'read-server-credssp': ServerCredSsp;
	'list-listeners': Listener[];
	'list-certificates': Certificate[];
	'start-winrm-service': CommandOutput;
	'enable-client-credssp': CommandOutput;
	'set-delegation-list': CommandOutput;
	'set-client-credssp': CommandOutput;
	'enable-server-credssp': CommandOutput;
	'create-https-listener': ListenerCreated;
	/**
	 * alreadyAsBefore: undo read the machine and found nothing left to take back. The listener's
	 * undo also says which of its parts it found already gone (ListenerRemoved). winrmStartTypeNow:
	 * WinRM left running, its start type changed since doublehop started it.
	 */
	'undo-change': ListenerRemoved & {alreadyAsBefore?: true; winrmStartTypeNow?: string};
	'resolve-name': NameLookup;
	'read-trusted-hosts': TrustedHosts;
	'add-trusted-host': CommandOutput;
	'set-ntlm-only-list': CommandOutput;
	'read-session-configurations': SessionConfigurationsRead;
	'register-session-configuration': SessionConfigurationChange;
	'run-in-configuration': RemoteOutput;
	'read-clock': {nowUtc: string};
	'register-revert-task': CommandOutput;
	'read-revert-task': RevertTaskState;
	'read-resource-delegation': ResourceDelegation;
	'set-resource-delegation': CommandOutput;
	'purge-kerberos-tickets': CommandOutput;
	'remove-delegation-entry': CommandOutput;
	'disable-server-credssp': CommandOutput;
};

export type OperationName = keyof OperationArgs & keyof OperationValues;

/** The remote action the reducer asks the runner for: its name, its arguments, what is shown. */
export type Operation<N extends OperationName = OperationName> = {
	name: N;
	args: OperationArgs[N];
	machine: string;
	command: string;
	/** For a change: what it will do and how to take it back, journalled before it runs. */
	change?: ChangeRecord;
	/** What the waiting line names when it is not the machine: "WinRM on hyperv1 to come back". */
	waitingFor?: string;
};

export type ConfirmId =
	| 'winrm'
	| 'risk'
	| 'client'
	| 'server'
	| 'listener'
	| 'undo'
	/** Use the DNS name of a first hop typed as an address (no change to any machine). */
	| 'use-name'
	| 'trusted-hosts'
	| 'ntlm-only'
	/** Run the admin's command rewritten with $using:cred on the first hop (no change to any machine). */
	| 'using-cred'
	/** Name hop 1 among the principals allowed to delegate to hop 2 (Set-ADComputer). */
	| 'rbkcd'
	/** `klist purge -li 0x3e7` on hop 1: a cached refusal goes (nothing lasting changes). */
	| 'klist-purge'
	/** Register the JEA or RunAs configuration on the first hop. */
	| 'session-config'
	/** Register a scheduled task that reverts this run's CredSSP changes at the --for deadline. */
	| 'revert'
	/** Once a safer method is proven: take wsman/<hop1> out of this machine's delegation list. */
	| 'credssp-off-client'
	/** Once a safer method is proven: Disable-WSManCredSSP -Role Server on hop 1. */
	| 'credssp-off-server';

type ChoiceId = 'earlier-run' | 'method' | 'protocol';

type ChoiceOption = {key: string; label: string};

export type Prompt =
	| {
			kind: 'text';
			field: PromptField;
			label: string;
			initial: string;
			error?: string;
			/** The answer `error` refused, given back in the field to edit rather than retyped. */
			typed?: string;
			/**
			 * Why the default (the name just tried) may be wrong though Enter keeps it: the log says
			 * so on screen; a run without a terminal must not keep it unasked (flow/auto-answer.ts).
			 */
			doubt?: {message: string; nextSteps: NextStep[]};
	  }
	/** `purpose: 'run-as'`: the RunAs account's password, never the admin's (--json never answers it). */
	| {kind: 'password'; label: string; error?: string; purpose?: 'run-as'}
	| {kind: 'confirm'; id: ConfirmId; question: string}
	| {kind: 'choice'; id: ChoiceId; question: string; options: ChoiceOption[]};

export type Pending =
	{kind: 'run'; operation: Operation} | {kind: 'ask'; prompt: Prompt} | {kind: 'finished'};

export type StepStatus =
	'passed' | 'failed' | 'changed' | 'skipped' | 'declined' | 'blocked' | 'info';

/** A recognised error names one cause; an ambiguous one ranks several and says how to tell them apart. */
export type ErrorDiagnosis =
	| {status: 'recognised'; causes: [ClassId]}
	| {status: 'ambiguous'; causes: CauseId[]; question: string};

/** One finished step, printed once and kept in scrollback. */
export type LogEntry = {
	id: number;
	stage: StageId;
	/** The steps the run counted when this was logged: "Step 6 of 6" once a safer method is chosen. */
	route: StepRoute;
	status: StepStatus;
	title: string;
	details: NextStep[];
	machine?: string;
	command?: string;
	output?: string;
	error?: ErrorRecord;
	/** The parts of `error` that identified its cause: ranges into its printed text (printedErrorText). */
	evidence?: TextRange[];
	/** What the knowledge base made of `error`, when it named a cause. */
	diagnosis?: ErrorDiagnosis;
};

/** `lines`: words, or a command with its words (a command is cut as one, to paste whole). */
export type ViewSection = {title: string; lines: NextStep[]; kind?: 'commands' | 'warning'};

/** What the current step shows before its question: where, what is there now, what will run. */
export type StageView = {machine: string; sections: ViewSection[]};

/** How to take one change back, touching only what doublehop changed. */
type UndoStep =
	/**
	 * Remove the entries doublehop appended (others, even ones added since, stay) and restore the
	 * switch. `switchesBefore`: the delegation policy's two switches as they were (absent in a journal
	 * written before they were kept), written back with the list once it is as it was: `listBefore`,
	 * the local GPO's list before the change (absent in older journals: written back with it).
	 */
	| {
			kind: 'restore-client';
			enabledBefore: boolean;
			added: string[];
			switchesBefore?: DelegationSwitchesBoth;
			listBefore?: string[];
			/** Which HKLM keys existed before (absent in older journals: left as the write leaves them). */
			keysBefore?: DelegationKeys;
	  }
	/** useSsl: hop 1 was reached with -UseSSL (it listens only over HTTPS); its undo must be too. */
	| {kind: 'disable-server'; hop1: string; useSsl?: true}
	/**
	 * firewallRule: the unique Name (InstanceID) of the 5986 rule doublehop created, never a display
	 * name. certificate: what the listener is made with, as the approved command names it.
	 */
	| {
			kind: 'remove-listener';
			hop1: string;
			port: number;
			firewallRule?: string;
			certificate?: ListenerCertificate;
			useSsl?: true;
	  }
	/**
	 * Stop this machine's WinRM service: recorded only when this run started it. `startType`: its
	 * start type then (absent in older journals): stopped only while it still has it.
	 */
	| {kind: 'stop-winrm'; startType?: string}
	/** Take `entry` out of TrustedHosts (others, even ones added since, stay); `listBefore` is shown. */
	| {kind: 'remove-trusted-host'; entry: string; listBefore: string[]}
	/**
	 * Take the added entries out of AllowFreshCredentialsWhenNTLMOnly; `listBefore` is shown.
	 * `switchesBefore`: the policy's two switches as they were (absent in a journal written before
	 * they were kept), written back once the list is as `listBefore`. `keysBefore`: which of its
	 * keys existed before (absent in older journals: keys left as the write leaves them).
	 */
	| {
			kind: 'restore-ntlm-only';
			added: string[];
			listBefore: string[];
			switchesBefore?: DelegationSwitches;
			keysBefore?: DelegationKeys;
			/** The local GPO's list (absent in journals written before it was kept: left alone). */
			localGpo?: NtlmOnlyLocalGpoUndo;
	  }
	/**
	 * Take the added principals out of hop 2's PrincipalsAllowedToDelegateToAccount (others, even
	 * ones added since, stay); `listBefore` is shown. `addedSids`: their objectSids, matched at
	 * undo (a computer moved or renamed since keeps its SID, not its DN); absent in a journal
	 * written before they were kept, whose undo matches `added` by DN.
	 */
	| {
			kind: 'restore-principals';
			hop2: string;
			added: string[];
			addedSids?: string[];
			listBefore: string[];
	  }
	/**
	 * Put back the delegation entry the turn-off step took out (credssp-off.ts), at `index`, where it
	 * was in `listBefore`; nothing if it is there again.
	 */
	| {kind: 'restore-delegation-entry'; entry: string; index: number; listBefore: string[]}
	/** Accept CredSSP on hop 1 again (Enable-WSManCredSSP -Role Server): the turn-off step's undo. */
	| {kind: 'enable-server'; hop1: string; useSsl?: true}
	/** Unregister the configuration doublehop registered on hop 1, and remove the .pssc it wrote. */
	| {
			kind: 'unregister-session-config';
			hop1: string;
			name: string;
			psscPath?: string;
			useSsl?: true;
	  }
	/**
	 * Unregister a revert task (hop1: registered there). `covers`: the ids of the changes it takes
	 * back at `atUtc`; if it already ran, their undo reads the state first.
	 */
	| {
			kind: 'unregister-task';
			taskName: string;
			atUtc: string;
			covers: string[];
			hop1?: string;
			useSsl?: true;
	  };

/** What the turn-off step did with each side: turned off, kept at a no, or the change failed. */
export type CredSspOff = {
	ended: Conclusion;
	client?: 'off' | 'kept' | 'failed';
	server?: 'off' | 'kept' | 'failed';
	/** The offers still to ask, in order. */
	asking: Array<'client' | 'server'>;
	/** The step was entered: the end after it is final. */
	asked?: true;
};

/** A value refused, why, and the text refused (to edit, not retype). */
export type Rejected = {field: TextField; message: string; typed?: string};

/** A change, with what it replaced, so it can be undone exactly. */
export type ChangeRecord = {
	/** Unique within a journal: the run and the step. */
	id: string;
	stage:
		| 'winrm'
		| 'client'
		| 'server'
		| 'listener'
		| 'trusted-hosts'
		| 'ntlm-only'
		| 'rbkcd'
		| 'session-config'
		| 'revert'
		/** CredSSP set up before doublehop, turned off once a safer method is proven. */
		| 'credssp-off';
	machine: string;
	setting: string;
	before: string;
	after: string;
	command: string;
	undo: UndoStep;
	undoCommand: string;
	/** Set in a dry run: planned, not made. */
	dryRun?: boolean;
	/** In a run over many first hops: the host this change was made for (undo --hop1 picks by it). */
	fleetHost?: string;
	/**
	 * An undo that found it already taken back (by the --for revert task): recorded so the journal
	 * closes it, and not listed among the changes this run made.
	 */
	foundAsBefore?: true;
	/** With foundAsBefore: this machine's WinRM service found stopped (a restart), not a task's work. */
	foundStopped?: true;
	/**
	 * Its call was running when the run was interrupted (Ctrl+C): it may or may not have been made.
	 * Listed with the changes, so the summary, --json and the undo step count it; the journal has
	 * it as started and cut (change-interrupted), not as done.
	 */
	maybeMade?: true;
};

/** What the journal says an earlier run left behind. */
export type EarlierRun = {
	startedAt: string;
	/** Whether it ended (verdict recorded) or was killed/interrupted part-way. */
	finished: boolean;
	hop1?: string;
	user?: string;
	/** Its --for, in minutes: kept when it is resumed. */
	timeBoxMinutes?: number;
	/** Changes made (or started) and not undone, oldest first. */
	changes: ChangeRecord[];
	/**
	 * By change id: the first hop it was made for (its run's --hop1, or its fleetHost), whichever run
	 * made it; absent for what serves every host (tree/undo-hosts.ts). `undo --hop1` picks by it.
	 */
	madeFor?: Record<string, string>;
	/**
	 * Ids of those changes whose call was cut short (Ctrl+C, or a kill, while it ran): they may or
	 * may not have been made (or, for an interrupted undo, taken back).
	 */
	maybeMade?: string[];
	/** Of `maybeMade`, those whose undo was the call cut short: taken back, or still in place. */
	undoCut?: string[];
	/** `undo --hop1`: what stays in place for the hosts not named (tree/undo-hosts.ts). */
	othersLeft?: OthersLeft;
};

/**
 * What `undo --hop1` leaves for the other first hops: their changes, counted by host, and what
 * serves every host (this machine's WinRM start, its client switch), which goes with the last
 * host's changes. `undoAll`: the undo that takes back all of it.
 */
export type OthersLeft = {
	hosts: {host: string; changes: number}[];
	shared: string[];
	undoAll: string;
};

export type ClientPlan =
	| {action: 'skip'; reason: string}
	| {action: 'blocked'; reason: string; policyPath: string}
	/**
	 * `onlyDelegation`: doublehop writes the delegation list itself, not Enable-WSManCredSSP: Group
	 * Policy turns client CredSSP on (the cmdlet would fail), or the local GPO list's value names
	 * have a gap (the cmdlet would replace an entry). `alsoTurnOn`: client CredSSP, off, is turned
	 * on after it (the gap case).
	 */
	| {
			action: 'enable';
			add: string[];
			before: string[];
			after: string[];
			onlyDelegation: boolean;
			alsoTurnOn?: true;
	  }
	| {action: 'turn-on'; reason: string};

export type ServerPlan =
	| {action: 'skip'; reason: string}
	| {action: 'blocked'; reason: string; policyPath: string}
	| {action: 'enable'};

/** With an NTLM session: the entry "Allow delegating fresh credentials with NTLM-only server authentication" needs. */
type NtlmOnlyPlan = {
	entry: string;
	before: string[];
	after: string[];
	/** The policy's two switches before the change, when read. */
	switchesBefore?: DelegationSwitches;
	/** Which of its keys existed before the change, when read. */
	keysBefore?: DelegationKeys;
	/**
	 * The local GPO's list (Registry.pol) before (absent: Not configured there) and after: written
	 * too, so a refresh keeps the entry.
	 */
	localGpoBefore?: string[];
	localGpoAfter: string[];
};

export type Plan = {
	client: ClientPlan;
	server: ServerPlan;
	oracle?: string;
	ntlmOnly?: NtlmOnlyPlan;
};

export type Verdict =
	| 'fixed'
	| 'already-works'
	| 'already-fixed'
	| 'declined'
	| 'needs-changes'
	| 'blocked'
	| 'failed'
	/** A change was sent but its machine never answered again to say whether it was made. */
	| 'unknown'
	| 'interrupted'
	| 'undone'
	/** Undo read every change still journalled and found none left to take back (a --for revert ran). */
	| 'nothing-to-undo';

/**
 * A next step: a sentence, or a lead-in and the one command it asks for. The command is kept apart
 * so a terminal can cut it where a console still reads it as one command (windows/command-rows.ts);
 * where nothing is wrapped (the JSON document) the two are joined by a space (stepText).
 */
export type NextStep = string | CommandStep;
export type CommandStep = {say: string; run: string};

export type Conclusion = {
	verdict: Verdict;
	headline: string;
	details: string[];
	nextSteps: NextStep[];
	leftUndone: string[];
};

export type FlowState = {
	/** 'fix' walks the double-hop fix; 'undo' takes earlier changes back. */
	mode: 'fix' | 'undo';
	/** Walk every step but run no change: each is logged as what it would do. */
	dryRun: boolean;
	/**
	 * Every session to hop 1 uses -UseSSL (WinRM over HTTPS, port 5986): --use-ssl, or the first
	 * hop answered only there (tree/transport.ts).
	 */
	useSsl?: boolean;
	/** Unique per run; prefixes change ids in the journal. */
	runId: string;
	stage: StageId;
	inputs: Inputs;
	/** A value given on the command line that failed its check; asked for again with this reason. */
	rejected?: Rejected;
	defaults: Defaults;
	facts: Facts;
	plan?: Plan;
	view?: StageView;
	log: LogEntry[];
	changes: ChangeRecord[];
	/** The change the current question is about. */
	proposed?: ChangeRecord;
	/** An earlier run's changes that were not undone; offered for undo at the start. */
	earlier?: EarlierRun;
	/** In undo mode: the changes still to take back, newest first. */
	undoQueue: ChangeRecord[];
	/** The command that takes this run's changes back, as the admin would type it. */
	undoCommand: string;
	/**
	 * A safer method set up over CredSSP: the end as the method left it, before the turn-off step
	 * (credssp-off.ts) and what was answered there.
	 */
	credSspOff?: CredSspOff;
	/**
	 * The same undo at a prompt, which asks for each change (no --json --yes): what an end names
	 * to take back some changes and keep others. The same as undoCommand in a run with a terminal.
	 */
	guidedUndoCommand?: string;
	/**
	 * This run's command without --dry-run and without its targets and method (the tree adds them
	 * as the run ended with them): what a dry run's end names to make its changes.
	 */
	applyCommand?: string;
	/** --json: no questions, so a dry run's next run needs --yes and --steps. */
	json?: true;
	/** Where this run's Markdown transcript and exported script go, named in the summary. */
	records: {transcript?: string; export?: string; exportDsc?: string; exportAnsible?: string};
	pending: Pending;
	passwordAttempts: number;
	/** How many passwords the run can be given: absent, 3 (asked again at the prompt); --json, 1. */
	passwordTries?: number;
	conclusion?: Conclusion;
	/** The method named by --method: the choice after the diagnosis is not asked. */
	methodGiven?: MethodId;
	/** The method this run applies, once chosen (or given) after the diagnosis. */
	method?: MethodId;
	/** --gmsa: the gMSA offered at the JEA step. */
	gmsaGiven?: string;
	/** --runas-user: the account offered at the RunAs step. */
	runAsUserGiven?: string;
	/** JEA or RunAs: the account, what hop 1 has, and the configuration registered. */
	sessionConfig?: SessionConfigurationState;
	/** --for: CredSSP reverts on its own at a deadline (tree/time-box.ts). */
	timeBox?: TimeBox;
	/**
	 * In undo mode: changes a revert task that ran covered (their undo reads the state first), when
	 * it ran (LastRunTime, or its deadline once it is gone) and the clock then; `completed`, those
	 * whose task removed itself, which its script does last, once every step worked.
	 */
	revertedByTask?: {ids: string[]; atUtc: string; nowUtc: string; completed: string[]};
	/**
	 * Changes an undo left in place by design (client CredSSP that entries added since need, WinRM
	 * whose start type changed since): what is there now, by change id, in the words of its after.
	 */
	leftByUndo?: Record<string, string>;
};

/** A time-boxed CredSSP run: how long, until when, and the revert tasks asked for. */
export type TimeBox = {
	minutes: number;
	/** The deadline (UTC) and the clock it was counted from, once read after the verify. */
	atUtc?: string;
	fromUtc?: string;
	/** The tasks proposed, in order: hop 1's first, then this machine's. */
	tasks: {task: RevertTask; hop1?: string; covers: string[]; registered?: boolean}[];
	/** The verdict of the verify, held while the tasks are asked for. */
	conclusion?: Conclusion;
};

export type Action =
	| {type: 'submit-text'; field: PromptField; value: string}
	| {type: 'submit-password'; password: Secret}
	/** `auto` marks an answer given by the --json policy rather than typed by the admin. */
	| {type: 'answer'; id: ConfirmId; yes: boolean; auto?: boolean}
	/** `auto` marks a choice made by the --json policy rather than typed by the admin. */
	| {type: 'choose'; id: ChoiceId; key: string; auto?: boolean}
	| OperationDone
	| {type: 'interrupt'};

/** The typed result of one operation, or of any of several (a union of names). */
export type OperationResult<N extends OperationName = OperationName> = Outcome<OperationValues[N]>;

/** An operation finished: its name and its own result type travel together. */
export type OperationDone<N extends OperationName = OperationName> = {
	[K in N]: {type: 'operation-done'; name: K; result: OperationResult<K>};
}[N];
