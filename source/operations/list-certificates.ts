// Certificates in hop 1's machine store, with what quickconfig -transport:https looks at:
// names, Server Authentication, issuer (self-signed or not), expiry, a private key, and whether
// the chain is trusted and not revoked (Test-Certificate -Policy SSL -DNSName <FQDN>, PKI module:
// it returns a bool and reports why as errors and warnings).
import type {Certificate} from '../windows/records.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';
import {flag, optionalText, parseWith, record, records, text, texts} from './parse.js';
import type {Json} from './parse.js';

export function listCertificatesCommand(hop1: string): string {
	return shownOnFirstHop(hop1, 'Get-ChildItem Cert:\\LocalMachine\\My');
}

const listCertificatesScript = String.raw`param([string]$ComputerName, $Session)
$ErrorActionPreference = 'Stop'
$remote = @(Invoke-Command -Session $Session -ScriptBlock {
	$ErrorActionPreference = 'Stop'
	# The name quickconfig matches the CN against, as test-first-hop reads it.
	$system = Get-CimInstance -ClassName Win32_ComputerSystem
	$fqdn = [string]$system.DNSHostName
	if ($system.PartOfDomain) { $fqdn = $fqdn + '.' + [string]$system.Domain }
	$canTest = $null -ne (Get-Command -Name Test-Certificate -ErrorAction SilentlyContinue)
	Get-ChildItem -Path Cert:\LocalMachine\My | ForEach-Object {
		$cert = $_
		$trusted = $false
		$trustProblem = 'Test-Certificate (PKI module) is not available on this Windows, so the chain was not checked.'
		if ($canTest) {
			$chainErrors = $null
			try {
				# Revocation is checked by default; the errors say why, the warnings repeat the chain status.
				$trusted = [bool](Test-Certificate -Cert $cert -Policy SSL -DNSName $fqdn -ErrorAction SilentlyContinue -ErrorVariable chainErrors -WarningAction SilentlyContinue)
				$trustProblem = $null
				if (-not $trusted) {
					$trustProblem = 'Test-Certificate returned False.'
					if (@($chainErrors).Count -gt 0) { $trustProblem = [string]@($chainErrors)[0].Exception.Message }
				}
			} catch {
				$trusted = $false
				$trustProblem = [string]$_.Exception.Message
			}
		}
		$usages = @($cert.EnhancedKeyUsageList | ForEach-Object { [string]$_.ObjectId })
		@{
			thumbprint = [string]$cert.Thumbprint
			subject = [string]$cert.Subject
			# Remoting keeps one level of nesting, so the names travel as one comma-separated string.
			dnsNames = (@($cert.DnsNameList | ForEach-Object { [string]$_.Unicode }) -join ',')
			issuer = [string]$cert.Issuer
			notAfter = $cert.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [Globalization.CultureInfo]::InvariantCulture)
			# No EKU extension means any purpose, Server Authentication included.
			serverAuthentication = ($usages.Count -eq 0 -or $usages -contains '1.3.6.1.5.5.7.3.1')
			selfSigned = ([string]$cert.Subject -eq [string]$cert.Issuer)
			hasPrivateKey = [bool]$cert.HasPrivateKey
			trusted = $trusted
			trustProblem = $trustProblem
		}
	}
})
$certificates = @($remote | ForEach-Object {
	$names = @()
	if ($_.dnsNames) { $names = [string[]]($_.dnsNames -split ',') }
	@{thumbprint = $_.thumbprint; subject = $_.subject; dnsNames = $names; issuer = $_.issuer; notAfter = $_.notAfter; serverAuthentication = $_.serverAuthentication; selfSigned = $_.selfSigned; hasPrivateKey = $_.hasPrivateKey; trusted = $_.trusted; trustProblem = $_.trustProblem}
})
@{certificates = $certificates}
`;

function trust(object: Json): Pick<Certificate, 'trusted' | 'trustProblem'> {
	const trusted = flag(object, 'trusted');
	const problem = optionalText(object, 'trustProblem');
	return trusted || problem === undefined ? {trusted} : {trusted, trustProblem: problem};
}

export function parseCertificates(value: unknown) {
	return parseWith('list-certificates', (): Certificate[] =>
		records(record(value), 'certificates').map((object) => ({
			thumbprint: text(object, 'thumbprint'),
			subject: text(object, 'subject'),
			dnsNames: texts(object, 'dnsNames'),
			issuer: text(object, 'issuer'),
			notAfter: text(object, 'notAfter'),
			serverAuthentication: flag(object, 'serverAuthentication'),
			selfSigned: flag(object, 'selfSigned'),
			hasPrivateKey: flag(object, 'hasPrivateKey'),
			...trust(object),
		})),
	);
}

export const listCertificates: OperationScript<Certificate[]> = {
	name: 'list-certificates',
	runsOn: 'hop1',
	script: listCertificatesScript,
	parameters: ['ComputerName'],
	remote: true,
	parse: parseCertificates,
};
