// First hop: can this machine open a session on hop 1 with these credentials?
import {isIPAddress} from '../windows/ip-address.js';
import type {FirstHop} from '../windows/records.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';
import {parseWith, record, ShapeError, text} from './parse.js';

export function testFirstHopCommand(hop1: string): string {
	return shownOnFirstHop(hop1, "[System.Net.Dns]::GetHostEntry('').HostName");
}

/** What hop 1 says of itself: its name, its FQDN and how the session authenticated. */
export const testFirstHopRemoteBlock = String.raw`
	$system = Get-CimInstance -ClassName Win32_ComputerSystem
	$fqdn = [string]$system.DNSHostName
	if ($system.PartOfDomain) { $fqdn = $fqdn + '.' + [string]$system.Domain }
	@{
		computerName = [string]$env:COMPUTERNAME
		fqdn = $fqdn
		authentication = [string]$PSSenderInfo.UserInfo.Identity.AuthenticationType
	}
`;

const testFirstHopScript = String.raw`param([string]$ComputerName, $Session)
$ErrorActionPreference = 'Stop'
$remote = Invoke-Command -Session $Session -ScriptBlock {${testFirstHopRemoteBlock}}
@{
	computerName = [string]$remote.computerName
	fqdn = [string]$remote.fqdn
	authentication = [string]$remote.authentication
	target = $ComputerName
}
`;

/** The WinRM mechanism name as hop 1 reports it; Negotiate is decided by the name that was typed. */
export function authenticationFrom(reported: string, target: string): FirstHop['authentication'] {
	const name = reported.toLowerCase();
	if (name.includes('credssp')) return 'CredSSP';
	if (name.includes('kerberos')) return 'Kerberos';
	if (name.includes('ntlm')) return 'NTLM';
	if (name === '' || name.includes('negotiate')) return isIPAddress(target) ? 'NTLM' : 'Kerberos';
	throw new ShapeError(`authentication is "${reported}"`);
}

export function parseFirstHop(value: unknown) {
	return parseWith('test-first-hop', (): FirstHop => {
		const object = record(value);
		return {
			computerName: text(object, 'computerName'),
			fqdn: text(object, 'fqdn'),
			authentication: authenticationFrom(text(object, 'authentication'), text(object, 'target')),
		};
	});
}

export const testFirstHop: OperationScript<FirstHop> = {
	name: 'test-first-hop',
	runsOn: 'hop1',
	script: testFirstHopScript,
	parameters: ['ComputerName'],
	remote: true,
	parse: parseFirstHop,
};
