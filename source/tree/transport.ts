// A first hop that listens for WinRM only over HTTPS (port 5986): once the run knows it (the
// first-hop step found it, or --use-ssl said so), every session there is opened with -UseSSL, and
// everything the run shows or records for hop 1 says so: each `Invoke-Command -ComputerName <hop1>`
// (all worded by shownOnFirstHop) gains -UseSSL, and each change's undo step remembers it, so a
// later `doublehop undo` reaches hop 1 the same way.
import {overHttps} from '../operations/operation.js';
import type {ErrorRecord} from '../windows/records.js';
import {conclusion} from './conclusions.js';
import type {ChangeRecord, Conclusion, FlowState, LogEntry, NextStep, StageView} from './state.js';

/** A change on hop 1 made over HTTPS: shown with -UseSSL, and undone the same way. */
export function changeOverHttps(change: ChangeRecord): ChangeRecord {
	const undo = 'hop1' in change.undo ? {...change.undo, useSsl: true as const} : change.undo;
	return {
		...change,
		command: overHttps(change.command),
		undoCommand: overHttps(change.undoCommand),
		undo,
	};
}

function viewOverHttps(view: StageView): StageView {
	return {
		...view,
		sections: view.sections.map((section) => ({
			...section,
			lines: section.lines.map(stepOverHttps),
		})),
	};
}

/** A step's words and its command, as they read over HTTPS. */
const stepOverHttps = (step: NextStep): NextStep =>
	typeof step === 'string' ? overHttps(step) : {say: overHttps(step.say), run: overHttps(step.run)};

function entryOverHttps(entry: LogEntry): LogEntry {
	return {
		...entry,
		details: entry.details.map(stepOverHttps),
		...(entry.command === undefined ? {} : {command: overHttps(entry.command)}),
	};
}

function conclusionOverHttps(conclusion: Conclusion): Conclusion {
	return {
		...conclusion,
		details: conclusion.details.map(overHttps),
		nextSteps: conclusion.nextSteps.map(stepOverHttps),
	};
}

/**
 * `next` as it must read over HTTPS: what is new since `previous` (log entries logged before the
 * switch keep the commands that really ran) and what is pending. Unchanged when HTTP is in use.
 */
export function shownOverHttps(previous: FlowState | undefined, next: FlowState): FlowState {
	if (next.useSsl !== true) return next;
	// Entries logged by the step that switched to HTTPS tell what ran before it, over HTTP.
	const switched = previous !== undefined && previous.useSsl !== true;
	const known = switched ? next.log.length : (previous?.log.length ?? 0);
	const {pending} = next;
	return {
		...next,
		log: next.log.map((entry, index) => (index < known ? entry : entryOverHttps(entry))),
		...(next.view === undefined ? {} : {view: viewOverHttps(next.view)}),
		...(next.proposed === undefined ? {} : {proposed: changeOverHttps(next.proposed)}),
		...(next.conclusion === undefined ? {} : {conclusion: conclusionOverHttps(next.conclusion)}),
		pending:
			pending.kind === 'run'
				? {
						kind: 'run',
						operation: {
							...pending.operation,
							command: overHttps(pending.operation.command),
							...(pending.operation.change === undefined
								? {}
								: {change: changeOverHttps(pending.operation.change)}),
						},
					}
				: pending,
	};
}

/**
 * How the run ends when this machine refuses hop 1's HTTPS certificate (WinHTTP 12175, reference
 * 2.3 E16). Each problem is read from WinRM's own lines; the fixes make the check pass, and skipping
 * the check is named with its cost (Microsoft's SkipCACheck help: "Use only when the remote
 * computer is trusted by other means"), never offered as the fix.
 */
export function certificateRefusedConclusion(
	hop1: string,
	error: ErrorRecord,
): Pick<FlowState, 'conclusion'> {
	const messageLines = error.message
		.split('\n')
		.map((line) => line.replace(/ For more information, see the .*$/, '').trim())
		.filter((line) => line !== '');
	const english = messageLines.filter((line) => line.startsWith('The SSL certificate'));
	// On Windows in another display language the problem lines are in its words: shown as they
	// come (after the header line), with both fixes, since which one applies cannot be read.
	const known = english.length > 0;
	const lines = known ? english : messageLines.slice(1);
	const untrusted =
		!known || english.some((line) => line.includes('unknown certificate authority'));
	const wrongName = !known || english.some((line) => line.includes('common name (CN)'));
	return conclusion('failed', `This machine refuses ${hop1}'s HTTPS certificate`, {
		details: [
			...lines,
			`Over HTTPS (-UseSSL) WinRM opens a session only to a server whose certificate this machine trusts and which carries the name typed (${hop1}). Nothing was changed.`,
		],
		nextSteps: [
			...(untrusted
				? [
						{
							say: `Trust the CA that issued it. On ${hop1}, this names the issuer:`,
							run: 'Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, Issuer, Thumbprint',
						},
						{
							say: 'Export that root CA certificate; then, on this machine:',
							run: 'Import-Certificate -FilePath <root-ca.cer> -CertStoreLocation Cert:\\LocalMachine\\Root',
						},
						`Or reissue the WinRM certificate of ${hop1} from a CA this machine already trusts.`,
					]
				: []),
			...(wrongName
				? [
						`Connect with a name the certificate carries (one of its DNS names, or its CN when it has none; usually the FQDN), or reissue it with the name you use.`,
					]
				: []),
			`Not a fix: New-PSSessionOption -SkipCACheck -SkipCNCheck opens the session without proving by certificate that it is ${hop1}. Microsoft: "Use only when the remote computer is trusted by other means". Where Kerberos cannot prove it either (an IP address, a workgroup), whoever answers receives your credentials, and with CredSSP your reusable password. doublehop does not use it.`,
		],
	});
}

/**
 * How the run ends when the run was to use -UseSSL (--use-ssl) and hop 1 has no HTTPS listener
 * but answers over HTTP: not switched to HTTP behind the admin's back (a policy may require
 * HTTPS); both ways on are named.
 */
export function noHttpsListenerConclusion(hop1: string): Pick<FlowState, 'conclusion'> {
	return conclusion('failed', `${hop1} has no HTTPS listener: it answers only over HTTP`, {
		details: [
			`--use-ssl opens every session with -UseSSL (port 5986), where nothing listens on ${hop1}. Nothing was changed.`,
		],
		nextSteps: [
			`Run doublehop again without --use-ssl: sessions then use HTTP (port 5985), which Kerberos already encrypts and authenticates.`,
			`Or, where HTTPS is required, create an HTTPS listener on ${hop1} first (New-Item -Path WSMan:\\localhost\\Listener -Transport HTTPS -Address * -HostName <its FQDN> -CertificateThumbPrint <thumbprint> -Force on it, with a certificate for its FQDN from a CA this machine trusts).`,
		],
	});
}
