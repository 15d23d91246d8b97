// Stage 9 (optional): an HTTPS listener on the first hop, when it has a certificate fit for one
// (windows/certificates.ts); the listener is made with that certificate and its CN as HostName,
// which WinRM requires, and the 5986 firewall rule with it.
import type {ErrorRecord} from '../windows/records.js';
import {
	createHttpsListenerCommands,
	httpsFirewallRuleDisplayName,
	httpsFirewallRuleName,
} from '../operations/create-https-listener.js';
import {listCertificatesCommand} from '../operations/list-certificates.js';
import {listListenersCommand} from '../operations/list-listeners.js';
import {certificateProblems, listenerCertificate} from '../windows/certificates.js';
import {addLog, ask, changeView, hop1Of, run} from './common.js';
import type {FlowState, OperationResult} from './state.js';
import {ntlmSession} from './ntlm-only.js';
import {proposal} from './proposal.js';
import {startVerify} from './verify.js';

export function enterListener(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	return {
		...state,
		stage: 'listener',
		view: undefined,
		proposed: undefined,
		pending: run('list-listeners', {hop1}, hop1, listListenersCommand(hop1)),
	};
}

export function onListeners(
	state: FlowState,
	result: OperationResult<'list-listeners'>,
): FlowState {
	const hop1 = hop1Of(state);
	if (!result.ok) return skipListener(state, 'Could not list the WinRM listeners', result.error);
	const listeners = result.value;
	const facts = {...state.facts, listeners};
	const https = listeners.find((l) => l.transport === 'HTTPS');
	if (https !== undefined) {
		const log = addLog(state, {
			status: 'skipped',
			title: `${hop1} already has an HTTPS listener`,
			details: [
				`Port ${https.port}, certificate ${https.certificateThumbprint}`,
				...(state.useSsl === true
					? ['Every session of this run already goes over it (-UseSSL).']
					: []),
			],
		});
		return startVerify({...state, facts, log});
	}
	return {
		...state,
		facts,
		pending: run('list-certificates', {hop1}, hop1, listCertificatesCommand(hop1)),
	};
}

export function onCertificates(
	state: FlowState,
	result: OperationResult<'list-certificates'>,
): FlowState {
	const hop1 = hop1Of(state);
	if (!result.ok) return skipListener(state, 'Could not list the certificates', result.error);
	const certificates = result.value;
	const fqdn = state.facts.firstHop?.fqdn ?? hop1;
	const facts = {...state.facts, certificates};
	const listenerLines = (state.facts.listeners ?? []).map(
		(l) => `Listener: ${l.transport} on port ${l.port}`,
	);
	const certLines = certificates.map((cert) => {
		const problems = certificateProblems(cert, fqdn);
		return `Certificate ${cert.subject} (${cert.thumbprint.slice(0, 8)}...): ${problems.length === 0 ? 'suitable' : problems.join(', ')}`;
	});
	const certificate = listenerCertificate(certificates, fqdn);
	if (certificate === undefined) {
		const log = addLog(state, {
			status: 'skipped',
			title: `No HTTPS listener: ${hop1} has no certificate an HTTPS listener can use`,
			details: [
				...listenerLines,
				...(certLines.length > 0 ? certLines : ['No certificates in Cert:\\LocalMachine\\My.']),
				`A certificate for an HTTPS listener must have ${fqdn} (or its short name) as its CN, since WinRM takes the listener's HostName only from the CN, be for Server Authentication, have its private key, and not be expired, revoked or self-signed.`,
				`To add HTTPS later: enroll a certificate for ${fqdn} from your CA (e.g. Get-Certificate -Template WebServer -SubjectName CN=${fqdn} -DnsName ${fqdn} -CertStoreLocation Cert:\\LocalMachine\\My on ${hop1}), then run doublehop again.`,
				'HTTPS is optional here: with Kerberos, CredSSP over HTTP is already encrypted and the server is authenticated.',
			],
		});
		return startVerify({...state, facts, log});
	}
	const firewallRule = httpsFirewallRuleName(state.runId);
	const commands = createHttpsListenerCommands(hop1, firewallRule, certificate);
	return {
		...state,
		facts,
		proposed: proposal(state, {
			stage: 'listener',
			machine: hop1,
			setting: 'HTTPS listener and firewall rule',
			before: 'no HTTPS listener',
			after: `HTTPS listener on 5986 (${certificate.thumbprint})`,
			command: commands.join('\n'),
			undo: {kind: 'remove-listener', hop1, port: 5986, firewallRule, certificate},
		}),
		view: changeView(hop1, [...listenerLines, ...certLines], commands, [
			`Listener after: HTTPS on port 5986 with certificate ${certificate.thumbprint}, HostName ${certificate.hostname} (its CN, as WinRM requires); nothing else on ${hop1} changes`,
			`Firewall after: TCP 5986 allowed in on the Domain profile, by rule ${firewallRule} ("${httpsFirewallRuleDisplayName}"), unless an enabled rule already allows it`,
			ntlmSession(state)
				? `Optional: over HTTP ${hop1} is authenticated only by NTLM, hence the NTLM-only entry. Over HTTPS its certificate authenticates it, when you connect with -UseSSL by a name the certificate carries.`
				: 'Optional: CredSSP works over HTTP with Kerberos. HTTPS adds server authentication by certificate.',
		]),
		pending: ask({
			kind: 'confirm',
			id: 'listener',
			question: `Create an HTTPS listener on ${hop1}? (optional)`,
		}),
	};
}

function skipListener(state: FlowState, title: string, error: ErrorRecord): FlowState {
	const log = addLog(state, {
		status: 'skipped',
		title: `${title}; the optional HTTPS step is skipped`,
		details: [],
		error,
	});
	return startVerify({...state, log});
}
