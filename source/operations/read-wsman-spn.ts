// Whether the first hop's computer account holds WSMAN/<fqdn> and WSMAN/<short>, read on this
// machine from Active Directory before any CredSSP change. CredSSP asks Kerberos for a ticket to
// WSMAN/<name>; without that SPN the server is only NTLM-authenticated and the delegation is
// refused with 0x803381A4 (wsmerror.h, reference 2.3 E3: "check the Event Viewer for an event that
// specifies that the following SPN could not be created: WSMAN/<computerFQDN>"). The WinRM service
// registers the pair itself from the computer's DNS and NetBIOS names (DsServerRegisterSpn
// composes "two SPNs for a host-based service ... based on the DNS and NetBIOS names of the local
// computer", https://learn.microsoft.com/en-us/windows/win32/api/ntdsapi/nf-ntdsapi-dsserverregisterspna),
// and the HOST/ SPN does not stand in for it: the domain's sPNMappings alias HOST to a list of
// service classes (MS-DRSR 4.1.4.2.19 MapSPN) in which wsman is not. Any domain user may read
// servicePrincipalName; nothing is written, so there is no undo.
import type {WsmanSpnRead} from '../windows/records.js';
import {psQuote} from '../safety/names.js';
import type {OperationScript} from './operation.js';
import {optionalInteger, parseWith, record, records, text, texts, ShapeError} from './parse.js';

/** A value in an LDAP filter, escaped as RFC 4515 3 asks: \ * ( ) and NUL as \XX. */
export function ldapFilterValue(value: string): string {
	return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The filter for one SPN: servicePrincipalName matches case-insensitively (a directory string). */
const spnFilter = (spn: string) => `(servicePrincipalName=${ldapFilterValue(spn)})`;

/** The SPNs CredSSP and Kerberos ask for this first hop: WSMAN/<fqdn>, then WSMAN/<short name>. */
export function wsmanSpns(fqdn: string): string[] {
	const short = fqdn.split('.')[0] ?? fqdn;
	return short === fqdn ? [`WSMAN/${fqdn}`] : [`WSMAN/${fqdn}`, `WSMAN/${short}`];
}

/** As an admin would type it: [adsisearcher] searches this machine's domain. */
export const readWsmanSpnCommand = (spns: string[]) =>
	spns.map((spn) => `([adsisearcher]${psQuote(spnFilter(spn))}).FindAll()`).join('; ');

// [adsisearcher] is System.DirectoryServices.DirectorySearcher (PowerShell's TypeResolver.cs);
// New-Object names the same type. Its default search root is this machine's domain.
const readWsmanSpnScript = String.raw`param([string[]]$Spn)
$ErrorActionPreference = 'Stop'
try {
	$spns = foreach ($name in $Spn) {
		# RFC 4515: \ * ( ) and NUL are written as \XX in a filter value.
		$value = $name -replace '\\', '\5c' -replace '\*', '\2a' -replace '\(', '\28' -replace '\)', '\29' -replace [string][char]0, '\00'
		$searcher = New-Object -TypeName System.DirectoryServices.DirectorySearcher -ArgumentList "(servicePrincipalName=$value)"
		[void]$searcher.PropertiesToLoad.Add('sAMAccountName')
		$accounts = @($searcher.FindAll() | ForEach-Object { [string]@($_.Properties['samaccountname'])[0] })
		@{spn = $name; accounts = $accounts}
	}
	@{readable = $true; spns = @($spns)}
} catch {
	# No domain controller, a workgroup machine, LDAP refused, no System.DirectoryServices:
	# the innermost exception says which.
	$inner = $_.Exception
	while ($null -ne $inner.InnerException) { $inner = $inner.InnerException }
	@{readable = $false; reason = ([string]$inner.Message).TrimEnd(); hresult = $inner.HResult}
}
`;

function parseWsmanSpn(value: unknown) {
	return parseWith('read-wsman-spn', (): WsmanSpnRead => {
		const object = record(value);
		const readable = object.readable;
		if (readable === false) {
			const hresult = optionalInteger(object, 'hresult');
			return {
				readable: false,
				reason: text(object, 'reason'),
				...(hresult === undefined ? {} : {hresult}),
			};
		}
		if (readable !== true) throw new ShapeError('readable is not true or false');
		return {
			readable: true,
			spns: records(object, 'spns').map((each) => ({
				spn: text(each, 'spn'),
				accounts: texts(each, 'accounts'),
			})),
		};
	});
}

export const readWsmanSpn: OperationScript<WsmanSpnRead> = {
	name: 'read-wsman-spn',
	runsOn: 'client',
	script: readWsmanSpnScript,
	parameters: ['Spn'],
	remote: false,
	parse: parseWsmanSpn,
};
