// ErrorRecords the host itself raises, shaped like PowerShell's so the guided flow and the
// knowledge base can treat them like any other.
import type {ErrorRecord} from '../host.js';

export function noAnswer(target: string, seconds: number, restarted: boolean): ErrorRecord {
	const where = target === 'localhost' ? 'this computer' : target;
	return {
		message:
			`No answer from ${where} in ${seconds} s; the command was stopped.` +
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
