// Certificates in hop 1's machine store, with what quickconfig -transport:https looks at:
// names, Server Authentication, issuer (self-signed or not), expiry and a private key.
import type {Certificate} from '../hosts/host.js';
import {psArgument} from '../safety/names.js';
import type {Operation} from './operation.js';
import {flag, parseWith, record, records, text, texts} from './parse.js';

export function listCertificatesCommand(hop1: string): string {
	return `Invoke-Command -ComputerName ${psArgument(hop1)} -Credential $cred -ScriptBlock { Get-ChildItem Cert:\\LocalMachine\\My }`;
}

export const listCertificatesScript = String.raw`param([string]$ComputerName, [pscredential]$Credential, $SessionOption)
$ErrorActionPreference = 'Stop'
$remote = @(Invoke-Command -ComputerName $ComputerName -Credential $Credential -SessionOption $SessionOption -ScriptBlock {
	$ErrorActionPreference = 'Stop'
	Get-ChildItem -Path Cert:\LocalMachine\My | ForEach-Object {
		$usages = @($_.EnhancedKeyUsageList | ForEach-Object { [string]$_.ObjectId })
		@{
			thumbprint = [string]$_.Thumbprint
			subject = [string]$_.Subject
			# Remoting keeps one level of nesting, so the names travel as one comma-separated string.
			dnsNames = (@($_.DnsNameList | ForEach-Object { [string]$_.Unicode }) -join ',')
			issuer = [string]$_.Issuer
			notAfter = $_.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [Globalization.CultureInfo]::InvariantCulture)
			# No EKU extension means any purpose, Server Authentication included.
			serverAuthentication = ($usages.Count -eq 0 -or $usages -contains '1.3.6.1.5.5.7.3.1')
			selfSigned = ([string]$_.Subject -eq [string]$_.Issuer)
			hasPrivateKey = [bool]$_.HasPrivateKey
		}
	}
})
$certificates = @($remote | ForEach-Object {
	$names = @()
	if ($_.dnsNames) { $names = [string[]]($_.dnsNames -split ',') }
	@{thumbprint = $_.thumbprint; subject = $_.subject; dnsNames = $names; issuer = $_.issuer; notAfter = $_.notAfter; serverAuthentication = $_.serverAuthentication; selfSigned = $_.selfSigned; hasPrivateKey = $_.hasPrivateKey}
})
@{certificates = $certificates}
`;

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
		})),
	);
}

export const listCertificates: Operation<Certificate[]> = {
	name: 'list-certificates',
	runsOn: 'hop1',
	script: listCertificatesScript,
	parameters: ['ComputerName'],
	remote: true,
	parse: parseCertificates,
};
