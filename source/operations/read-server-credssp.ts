// Reads hop 1's CredSSP service state and the policy that may own it.
import type {ServerCredSsp} from '../windows/records.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';
import {flag, parseWith, record} from './parse.js';
import {encryptionOracleFrom} from './read-encryption-oracle.js';
import {policiesFrom} from './read-policies.js';

export function readServerCredSspCommand(hop1: string): string {
	return shownOnFirstHop(hop1, 'Get-Item WSMan:\\localhost\\Service\\Auth\\CredSSP');
}

/** On hop 1, with $PolicyReader and $OracleReader set: the service's CredSSP switch and what owns it. */
export const readServerCredSspRemoteBlock = String.raw`
	$result = @{enabled = [string](Get-Item -Path WSMan:\localhost\Service\Auth\CredSSP).Value}
	foreach ($reader in $PolicyReader, $OracleReader) {
		$part = & ([scriptblock]::Create($reader))
		foreach ($key in $part.Keys) { $result[$key] = $part[$key] }
	}
	$result
`;

// Remoting serializes results one level deep, so hop 1 answers with one flat table.
const readServerCredSspScript = String.raw`param([string]$ComputerName, $Session, [string]$PolicyReader, [string]$OracleReader)
$ErrorActionPreference = 'Stop'
$remote = Invoke-Command -Session $Session -ArgumentList $PolicyReader, $OracleReader -ScriptBlock {
	param([string]$PolicyReader, [string]$OracleReader)
	$ErrorActionPreference = 'Stop'${readServerCredSspRemoteBlock}}
$copy = @{}
foreach ($key in $remote.Keys) { $copy[$key] = $remote[$key] }
$copy
`;

export function parseServerCredSsp(value: unknown) {
	return parseWith('read-server-credssp', (): ServerCredSsp => {
		const object = record(value);
		const policies = policiesFrom(object);
		return {
			enabled: flag(object, 'enabled'),
			...(policies.serviceAllowCredSsp ? {policyAllowCredSsp: policies.serviceAllowCredSsp} : {}),
			...encryptionOracleFrom(object),
		};
	});
}

export const readServerCredSsp: OperationScript<ServerCredSsp> = {
	name: 'read-server-credssp',
	runsOn: 'hop1',
	script: readServerCredSspScript,
	parameters: ['ComputerName', 'PolicyReader', 'OracleReader'],
	remote: true,
	parse: parseServerCredSsp,
};
