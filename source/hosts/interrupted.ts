// The ErrorRecord a call ends with when the admin interrupts the run (Ctrl+C) while it runs.
// Shaped like the PipelineStoppedException PowerShell raises for Ctrl+C ("The pipeline has been
// stopped."), but worded by doublehop: the call was cut short here, so whether the command took
// effect on the machine is not known.
import type {ErrorRecord} from '../windows/records.js';

export function interruptedCall(target: string): ErrorRecord {
	const where = target === 'localhost' ? 'this computer' : target;
	return {
		message: `Interrupted (Ctrl+C) while waiting for ${where}; the command was stopped and may or may not have taken effect.`,
		fullyQualifiedErrorId: 'Interrupted,doublehop',
		categoryInfo: 'OperationStopped: (:) [], PipelineStoppedException',
		exceptionType: 'System.Management.Automation.PipelineStoppedException',
		...(target === 'localhost' ? {} : {targetObject: target}),
	};
}
