// The name behind an address: its PTR record, as this machine's DNS resolver answers. Kerberos
// needs a name (with an address WinRM falls back to NTLM), so a first hop typed as an address is
// offered by its name when DNS knows one. A missing record is an answer (no name), not a failure.
import type {NameLookup} from '../windows/records.js';
import {psArgument} from '../safety/names.js';
import type {OperationScript} from './operation.js';
import {parseWith, record, texts} from './parse.js';

export function resolveNameCommand(address: string): string {
	return `Resolve-DnsName -Name ${psArgument(address)} -Type PTR -DnsOnly`;
}

const resolveNameScript = String.raw`param([string]$Address)
$ErrorActionPreference = 'Stop'
$answers = @(Resolve-DnsName -Name $Address -Type PTR -DnsOnly -ErrorAction SilentlyContinue)
$names = [string[]]@($answers | Where-Object { [string]$_.Type -eq 'PTR' } | ForEach-Object { ([string]$_.NameHost).TrimEnd('.') })
@{names = $names}
`;

function parseNameLookup(value: unknown) {
	return parseWith('resolve-name', (): NameLookup => ({names: texts(record(value), 'names')}));
}

export const resolveName: OperationScript<NameLookup> = {
	name: 'resolve-name',
	runsOn: 'client',
	script: resolveNameScript,
	parameters: ['Address'],
	remote: false,
	parse: parseNameLookup,
};
