// A run over many first hops driven to its end with every question answered yes and the lab's
// password, as the stub tests and the bench drive it: what the hosts end as is what they check.
import type {Host} from '../../source/hosts/host.js';
import {startFleet} from '../../source/flow/fleet-runner.js';
import {Secret} from '../../source/safety/secret.js';
import {initialFleetState} from '../../source/tree/fleet/reducer.js';
import type {FleetState} from '../../source/tree/fleet/state.js';

export function approveEveryFleetChange(
	host: Host,
	run: {hosts: string[]; hop2: string; runId: string},
): Promise<FleetState> {
	const runner = startFleet(
		host,
		initialFleetState({
			hosts: run.hosts,
			hop2: run.hop2,
			command: `Get-VM -ComputerName ${run.hop2}`,
			user: 'CONTOSO\\admin',
			defaultUser: 'CONTOSO\\admin',
			runId: run.runId,
			dryRun: false,
			throttle: 32,
			undoCommand: 'doublehop undo',
		}),
	);
	runner.subscribe(() => {
		const {pending} = runner.getState();
		if (pending.kind !== 'ask') return;
		const {prompt} = pending;
		queueMicrotask(() => {
			if (prompt.kind === 'password')
				runner.dispatch({type: 'submit-password', password: new Secret('Passw0rd!')});
			if (prompt.kind === 'hosts')
				runner.dispatch({type: 'answer-hosts', id: prompt.id, answer: 'yes'});
		});
	});
	return runner.finished;
}
