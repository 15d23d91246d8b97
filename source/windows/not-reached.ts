// Whether a failed connection says that no session reached the host, and why, read from what is the
// same in every display language: the id PowerShell puts first in the FullyQualifiedErrorId, which
// it takes from WinRM's error code (WSManTransportManager's table, reference 2.2), or that code
// (the HRESULT; Enter-PSSession's id is CreateRemoteRunspaceFailed whatever the cause). The message
// is in the language of Windows ("[pmd] 連線到遠端伺服器 pmd 失敗…", fixtures/localised), so its
// English words are read only from a record that carries no code.
import type {ErrorRecord} from './records.js';

export type NotReached = 'name not found' | 'not listening' | 'no answer';

const byId: Record<string, NotReached> = {
	/** 0x803381B9: DNS has no such name (a workgroup client). */
	ComputerNotFound: 'name not found',
	/** 53, ERROR_BAD_NETPATH: Kerberos found no computer by that name (a domain member). */
	NetworkPathNotFound: 'name not found',
	/** 0x80338012: nothing listening, the WinRM service stopped (E12). */
	CannotConnect: 'not listening',
	/** 0x80338112: the connection was refused (E12). */
	CannotConnectWinRMService: 'not listening',
	/** 0x80338126: no answer in time: network, firewall (E11). */
	WinRMOperationTimeout: 'no answer',
	/** doublehop's own look at the port found nothing answering (port-probe.ts). */
	WinRMPortNotAnswering: 'no answer',
};

const byCode: Record<number, NotReached> = {
	[-2144108103]: 'name not found',
	[-2147024843]: 'name not found',
	[-2144108526]: 'not listening',
	[-2144108270]: 'not listening',
	[-2144108250]: 'no answer',
};

/** English texts of the same failures, for a record with no code (Hyper-V's, DNS's). */
const byEnglishText: [RegExp, NotReached][] = [
	[/cannot find the computer|could not be resolved|No such host is known/i, 'name not found'],
	[/cannot connect to the destination/i, 'not listening'],
	[/Nothing answered on TCP port|WinRM cannot complete the operation/i, 'no answer'],
];

/** Why no session reached the host, or undefined when the error says something else. */
export function notReached(error: ErrorRecord): NotReached | undefined {
	const id = error.fullyQualifiedErrorId.split(',')[0] ?? '';
	const known = byId[id] ?? (error.hresult === undefined ? undefined : byCode[error.hresult]);
	if (known !== undefined || error.hresult !== undefined) return known;
	return byEnglishText.find(([text]) => text.test(error.message))?.[1];
}
