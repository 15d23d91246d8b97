// Before it opens a session, the real host looks at WinRM's TCP port (5985, or 5986 with -UseSSL)
// for a few seconds: a host where nothing answers (off, filtered, wrong address) is told in
// seconds, apart from a host that answers but is slow, which gets the whole open time-out. When
// 5985 refuses or stays silent, it looks at 5986 too: a host with only an HTTPS listener is told
// as such, not as unreachable. The lab reports the same.
import type {ErrorRecord} from '../windows/records.js';

const winrmHttpPort = 5985;
const winrmHttpsPort = 5986;
export const probeSeconds = 3;

/**
 * Nothing answered the TCP look at WinRM's port: the host is down, the name points elsewhere, or a
 * firewall drops the traffic. Told in seconds, apart from a host that answers but is slow.
 */
export function portNotAnswering(
	target: string,
	port = winrmHttpPort,
	seconds = probeSeconds,
): ErrorRecord {
	return {
		message: `Nothing answered on TCP port ${port} of ${target} within ${seconds} s: the computer is off or unreachable, the name points to the wrong address, or a firewall drops WinRM traffic. WinRM was not tried. Check with: Test-NetConnection -ComputerName ${target} -Port ${port}`,
		fullyQualifiedErrorId: 'WinRMPortNotAnswering,doublehop',
		categoryInfo: `ConnectionError: (${target}:String) [], SocketException`,
		exceptionType: 'System.Net.Sockets.SocketException',
		targetObject: target,
	};
}

/** The fully qualified id of onlyHttpsAnswers' record, which the first-hop step acts on. */
export const httpsOnlyId = 'WinRMHttpsOnly,doublehop';

/**
 * Port 5985 refused (or did not answer) while 5986 answered: WinRM listens only over HTTPS there,
 * so every session must be opened with -UseSSL. Nothing was sent to WinRM yet.
 */
export function onlyHttpsAnswers(
	target: string,
	http: 'refused' | 'silent',
	seconds = probeSeconds,
): ErrorRecord {
	const why = http === 'refused' ? `refused the connection` : `did not answer within ${seconds} s`;
	return {
		message: `TCP port ${winrmHttpPort} (WinRM over HTTP) of ${target} ${why}, but port ${winrmHttpsPort} (WinRM over HTTPS) answered: ${target} listens for WinRM only over HTTPS. Open sessions with -UseSSL, e.g. New-PSSession -ComputerName ${target} -UseSSL -Credential $cred`,
		fullyQualifiedErrorId: httpsOnlyId,
		categoryInfo: `ConnectionError: (${target}:String) [], SocketException`,
		exceptionType: 'System.Net.Sockets.SocketException',
		targetObject: target,
	};
}

/** The fully qualified id of noHttpsListener's record. */
export const httpOnlyId = 'WinRMHttpOnly,doublehop';

/**
 * With -UseSSL: port 5986 refused (or did not answer) while 5985 answered: WinRM listens there
 * only over HTTP. Nothing was sent to WinRM yet.
 */
export function noHttpsListener(
	target: string,
	https: 'refused' | 'silent',
	seconds = probeSeconds,
): ErrorRecord {
	const why = https === 'refused' ? 'refused the connection' : `did not answer within ${seconds} s`;
	return {
		message: `TCP port ${winrmHttpsPort} (WinRM over HTTPS) of ${target} ${why}, but port ${winrmHttpPort} (WinRM over HTTP) answered: ${target} has no HTTPS listener. Open sessions without -UseSSL, or create an HTTPS listener on ${target} first.`,
		fullyQualifiedErrorId: httpOnlyId,
		categoryInfo: `ConnectionError: (${target}:String) [], SocketException`,
		exceptionType: 'System.Net.Sockets.SocketException',
		targetObject: target,
	};
}
