// Runs the operation the reducer asked for on the host. The only place the flow touches I/O.
import type {Credential, Host} from '../hosts/host.js';
import {withoutAdded} from '../windows/delegation.js';
import type {FlowState, Operation, OperationResult} from '../tree/state.js';

function credentialOf(state: FlowState): Credential {
	const {user, password} = state.inputs;
	if (user === undefined || password === undefined) throw new Error('No credential entered yet.');
	return {user, password};
}

export async function executeOperation(
	host: Host,
	state: FlowState,
	operation: Operation,
): Promise<OperationResult> {
	const hop1 = state.inputs.hop1 ?? '';
	const command = state.inputs.command ?? '';
	try {
		switch (operation.name) {
			case 'local-context':
				return await host.localContext();
			case 'test-first-hop':
				return await host.testFirstHop(hop1, credentialOf(state));
			case 'second-hop':
				return await host.runOnFirstHop(hop1, credentialOf(state), command, 'Default');
			case 'read-client':
				return await host.readClientCredSsp();
			case 'read-server':
				return await host.readServerCredSsp(hop1, credentialOf(state));
			case 'list-listeners':
				return await host.listListeners(hop1, credentialOf(state));
			case 'list-certificates':
				return await host.listCertificates(hop1, credentialOf(state));
			case 'start-winrm':
				return await host.startWinRMService();
			case 'enable-client': {
				const plan = state.plan?.client;
				if (plan?.action === 'enable' && plan.onlyDelegation) {
					return await host.setDelegationList(plan.after);
				}
				return await host.enableClientCredSsp(plan?.action === 'enable' ? plan.add : [hop1]);
			}
			case 'set-client-credssp':
				return await host.setClientCredSsp(true);
			case 'enable-server':
				return await host.enableServerCredSsp(hop1, credentialOf(state));
			case 'create-listener': {
				const undo = operation.change?.undo;
				if (undo?.kind !== 'remove-listener' || undo.firewallRule === undefined)
					throw new Error('The HTTPS listener change names no firewall rule.');
				return await host.createHttpsListener(hop1, credentialOf(state), undo.firewallRule);
			}
			case 'verify':
				return await host.runOnFirstHop(hop1, credentialOf(state), command, 'CredSSP');
			case 'undo-change':
				return await undoChange(host, state, operation);
		}
	} catch (error) {
		// A host bug must not become a stack trace on the admin's screen: report it as a record.
		const exception = error instanceof Error ? error : new Error(String(error));
		return {
			ok: false,
			error: {
				message: `doublehop could not run this step: ${exception.message}`,
				fullyQualifiedErrorId: 'DoublehopInternalError',
				categoryInfo: 'NotSpecified: (:) [], ' + exception.name,
				exceptionType: exception.name,
			},
		};
	}
}

/** Takes back one change, and only what it changed: other delegation entries stay. */
async function undoChange(
	host: Host,
	state: FlowState,
	operation: Operation,
): Promise<OperationResult> {
	const undo = operation.change?.undo;
	if (undo === undefined) throw new Error('No change to undo.');
	switch (undo.kind) {
		case 'restore-client': {
			const client = await host.readClientCredSsp();
			if (!client.ok) return client;
			// The list lives in the local GPO (Enable-WSManCredSSP writes it there); HKLM is its copy.
			const {allowFreshCredentials: hklm, localGpoAllowFreshCredentials: gpo = hklm} = client.value;
			const list = withoutAdded(gpo, undo.added);
			if (list.length !== gpo.length || withoutAdded(hklm, undo.added).length !== hklm.length) {
				const written = await host.setDelegationList(list);
				if (!written.ok) return written;
			}
			if (!undo.enabledBefore && client.value.enabled) return await host.setClientCredSsp(false);
			return {ok: true, value: {output: ''}};
		}
		case 'stop-winrm':
			return await host.stopWinRMService();
		case 'disable-server': {
			if (maybeMade(state, operation)) {
				const server = await host.readServerCredSsp(undo.hop1, credentialOf(state));
				if (!server.ok) return server;
				if (!server.value.enabled) return {ok: true, value: {output: ''}};
			}
			return await host.disableServerCredSsp(undo.hop1, credentialOf(state));
		}
		case 'remove-listener': {
			if (maybeMade(state, operation)) {
				// The rule is added after the listener, so no listener means neither was made.
				const listeners = await host.listListeners(undo.hop1, credentialOf(state));
				if (!listeners.ok) return listeners;
				const made = listeners.value.some((l) => l.transport === 'HTTPS' && l.port === undo.port);
				if (!made) return {ok: true, value: {output: ''}};
			}
			return await host.removeHttpsListener(undo.hop1, credentialOf(state), undo.firewallRule);
		}
	}
}

/** A change interrupted while it ran may never have been made: its undo reads the state first. */
function maybeMade(state: FlowState, operation: Operation): boolean {
	const id = operation.change?.id;
	return id !== undefined && (state.earlier?.maybeMade?.includes(id) ?? false);
}
