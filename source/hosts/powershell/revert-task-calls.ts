// The real host's half of time-boxed CredSSP: the clock and the revert tasks, run through the
// host's one PowerShell process (here, or on hop 1 through its session).
import type {Credential, Host, TaskPlace} from '../host.js';
import type {OperationScript, ParameterValue} from '../../operations/operation.js';
import {revertTaskArguments} from '../../operations/revert-task-script.js';
import {
	readClock,
	readRevertTask,
	readRevertTaskOnHop1,
	registerRevertTask,
	registerRevertTaskOnHop1,
	unregisterRevertTask,
	unregisterRevertTaskOnHop1,
} from '../../operations/revert-task.js';
import type {Outcome} from '../../windows/records.js';

type RevertTaskCalls = Pick<
	Host,
	'readClock' | 'registerRevertTask' | 'readRevertTask' | 'unregisterRevertTask'
>;

type Local = <T>(
	operation: OperationScript<T>,
	parameters?: Record<string, ParameterValue>,
) => Promise<Outcome<T>>;
type Remote = <T>(
	operation: OperationScript<T>,
	hop1: string,
	credential: Credential,
	parameters?: Record<string, ParameterValue>,
) => Promise<Outcome<T>>;

export function revertTaskCalls(local: Local, remote: Remote): RevertTaskCalls {
	const at = <T>(
		place: TaskPlace,
		here: OperationScript<T>,
		there: OperationScript<T>,
		parameters: Record<string, ParameterValue>,
	) =>
		place === undefined
			? local(here, parameters)
			: remote(there, place.hop1, place.credential, parameters);
	return {
		readClock: () => local(readClock),
		registerRevertTask: (task, place) =>
			at(place, registerRevertTask, registerRevertTaskOnHop1, {
				TaskName: task.taskName,
				At: task.atUtc,
				Arguments: revertTaskArguments(task),
			}),
		readRevertTask: (taskName, place) =>
			at(place, readRevertTask, readRevertTaskOnHop1, {TaskName: taskName}),
		unregisterRevertTask: (taskName, place) =>
			at(place, unregisterRevertTask, unregisterRevertTaskOnHop1, {TaskName: taskName}),
	};
}
