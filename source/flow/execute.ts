// Runs the operation the reducer asked for on the host. The only place the flow touches I/O.
import type {Credential, Host} from '../hosts/host.js';
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
			case 'enable-client': {
				const plan = state.plan?.client;
				return await host.enableClientCredSsp(plan?.action === 'enable' ? plan.add : [hop1]);
			}
			case 'set-client-credssp':
				return await host.setClientCredSsp(true);
			case 'enable-server':
				return await host.enableServerCredSsp(hop1, credentialOf(state));
			case 'create-listener':
				return await host.createHttpsListener(hop1, credentialOf(state));
			case 'verify':
				return await host.runOnFirstHop(hop1, credentialOf(state), command, 'CredSSP');
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
