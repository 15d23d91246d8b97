// ErrorRecords the host itself raises, shaped like PowerShell's so the guided flow and the
// knowledge base can treat them like any other.
import type {ErrorRecord} from '../../windows/records.js';

/**
 * Waiting was given up, not the command: it may still be running where it runs (a WinRM call
 * goes on on the remote machine; a cmdlet may have written its change before it waits), so it
 * may still complete. Never "stopped", which would let the admin think nothing changed.
 */
export function noAnswer(target: string, seconds: number, restarted: boolean): ErrorRecord {
	const where = target === 'localhost' ? 'this computer' : target;
	return {
		message:
			`No answer from ${where} in ${seconds} s. The command may still be running and may still complete; check its result before you run it again.` +
			(restarted ? ' PowerShell did not respond either and was restarted.' : ''),
		fullyQualifiedErrorId: 'OperationTimeout,doublehop',
		categoryInfo: `OperationTimeout: (${target}:String) [], TimeoutException`,
		exceptionType: 'System.TimeoutException',
		targetObject: target,
	};
}

export function invalidArgument(what: string, reason: string): ErrorRecord {
	return {
		message: reason,
		fullyQualifiedErrorId: `InvalidArgument,doublehop.${what}`,
		categoryInfo: `InvalidArgument: (:) [], ArgumentException`,
		exceptionType: 'System.ArgumentException',
	};
}

export function powerShellFailed(detail: string): ErrorRecord {
	return {
		message: `PowerShell stopped working: ${detail}`,
		fullyQualifiedErrorId: 'PowerShellProcessFailed,doublehop',
		categoryInfo: 'NotSpecified: (:) [], InvalidOperationException',
		exceptionType: 'System.InvalidOperationException',
	};
}
