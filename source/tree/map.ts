// The decision tree as data, for `doublehop --tree`: every stage, and every way out of it.
// Kept beside the reducer; a test walks the reducer's endings against this list.
import type {Verdict} from './state.js';
import type {StageId} from '../stages/stages.js';

/** `from: 'any'`: a way out of every stage. */
export type Branch = {from: StageId | 'any'; when: string; to: StageId | Verdict};

export const branches: readonly Branch[] = [
	{from: 'preflight', when: 'elevated shell', to: 'targets'},
	{from: 'preflight', when: 'not elevated', to: 'blocked'},
	{from: 'preflight', when: 'an earlier run stopped part-way: undo', to: 'undo'},
	{from: 'targets', when: 'names and account valid', to: 'first-hop'},
	{from: 'first-hop', when: 'session opens', to: 'second-hop'},
	{
		from: 'first-hop',
		when: 'wrong password or account (3 tries; Enter alone changes the user)',
		to: 'targets',
	},
	{from: 'first-hop', when: 'its name is not found: asked again, the rest kept', to: 'targets'},
	{
		from: 'first-hop',
		when: 'only HTTPS answers (5985 closed, 5986 open): again with -UseSSL',
		to: 'first-hop',
	},
	{from: 'first-hop', when: 'unreachable, access denied, IP address', to: 'failed'},
	{
		from: 'first-hop',
		when: 'an address DNS names: use the name (asked, no change); no Kerberos: a TrustedHosts entry (asked)',
		to: 'first-hop',
	},
	{from: 'first-hop', when: 'no to the TrustedHosts entry', to: 'declined'},
	{
		from: 'first-hop',
		when: '--json without --steps trusted-hosts, or --dry-run before the entry',
		to: 'needs-changes',
	},
	{from: 'first-hop', when: 'Group Policy owns TrustedHosts', to: 'blocked'},
	{from: 'second-hop', when: 'the command works without CredSSP', to: 'already-works'},
	{from: 'second-hop', when: 'the command fails on the first hop', to: 'diagnose'},
	{from: 'second-hop', when: 'the machine it reaches is not found: asked again', to: 'targets'},
	{
		from: 'second-hop',
		when: 'it answers False or nothing for another machine (Test-Path on a share): likely refused',
		to: 'diagnose',
	},
	{
		from: 'diagnose',
		when: "this machine's WinRM service is stopped: Start-Service WinRM, asked for",
		to: 'diagnose',
	},
	{from: 'diagnose', when: "you say no to starting this machine's WinRM service", to: 'declined'},
	{from: 'diagnose', when: "this machine's WinRM service is Disabled", to: 'blocked'},
	{
		from: 'diagnose',
		when: 'the account cannot be delegated (Protected Users, "Account is sensitive"): nothing is changed',
		to: 'blocked',
	},
	{
		from: 'diagnose',
		when: 'Group Policy owns a needed setting, or encryption-oracle mismatch',
		to: 'blocked',
	},
	{from: 'diagnose', when: 'CredSSP already configured on both sides', to: 'verify'},
	{from: 'diagnose', when: 'a CredSSP piece is missing', to: 'risk'},
	{
		from: 'diagnose',
		when: 'the methods, safest first: you choose $using:cred, or --method using-cred',
		to: 'using-cred',
	},
	{from: 'diagnose', when: '--method using-cred on a command it does not fit', to: 'blocked'},
	{from: 'using-cred', when: 'the rewritten command works on the first hop', to: 'fixed'},
	{from: 'using-cred', when: 'no', to: 'declined'},
	{from: 'using-cred', when: '--json without --yes', to: 'needs-changes'},
	{from: 'using-cred', when: 'still fails', to: 'failed'},
	{
		from: 'diagnose',
		when: "--dry-run once this machine's WinRM service would be started, or --json without --yes",
		to: 'needs-changes',
	},
	{from: 'risk', when: 'risk acknowledged', to: 'client'},
	{from: 'risk', when: 'no', to: 'declined'},
	{from: 'risk', when: '--json without --yes', to: 'needs-changes'},
	{
		from: 'client',
		when: 'an NTLM session: the NTLM-only delegation entry first, a last resort (asked)',
		to: 'client',
	},
	{from: 'client', when: 'done, or already in place', to: 'server'},
	{from: 'client', when: 'no', to: 'declined'},
	{from: 'client', when: '--json without --steps client', to: 'needs-changes'},
	{from: 'client', when: 'the change fails', to: 'failed'},
	{from: 'server', when: 'done, or already in place', to: 'listener'},
	{from: 'server', when: 'no', to: 'declined'},
	{from: 'server', when: '--json without --steps server', to: 'needs-changes'},
	{from: 'server', when: 'the change fails', to: 'failed'},
	{from: 'listener', when: 'created, declined, or no usable certificate', to: 'verify'},
	{from: 'listener', when: '--dry-run: the changes are listed, none is made', to: 'needs-changes'},
	{from: 'verify', when: 'works with -Authentication CredSSP', to: 'fixed'},
	{from: 'verify', when: 'works, with --for: schedule the revert', to: 'time-box'},
	{
		from: 'time-box',
		when: 'a revert task on each machine changed, each asked for (no: CredSSP stays there)',
		to: 'fixed',
	},
	{from: 'verify', when: 'nothing had to change', to: 'already-fixed'},
	{
		from: 'verify',
		when: 'still fails, or still answers False (no WSMAN SPN: setspn -S for a domain admin)',
		to: 'failed',
	},
	{from: 'undo', when: 'each change taken back', to: 'undone'},
	{from: 'undo', when: 'you keep a change (say no): it stays, and is named', to: 'declined'},
	{from: 'undo', when: 'a change cannot be taken back', to: 'failed'},
	{from: 'any', when: 'Ctrl+C, a hangup, or the input ends', to: 'interrupted'},
];
