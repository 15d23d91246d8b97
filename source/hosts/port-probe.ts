// Before it opens a session, the real host looks at WinRM's TCP port (5985) for a few seconds:
// a host where nothing answers (off, filtered, wrong address) is told in seconds, apart from a
// host that answers but is slow, which gets the whole open time-out. The lab reports the same.
import type {ErrorRecord} from '../windows/records.js';

const winrmHttpPort = 5985;
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
