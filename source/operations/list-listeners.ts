// The WinRM listeners on hop 1 (HTTP 5985, HTTPS 5986, and who created them: GPO or local).
import type {Listener} from '../windows/records.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';
import {
	flag,
	integer,
	optionalText,
	parseWith,
	record,
	records,
	ShapeError,
	text,
} from './parse.js';
import type {Json} from './parse.js';

export function listListenersCommand(hop1: string): string {
	return shownOnFirstHop(hop1, 'winrm enumerate winrm/config/listener');
}

const listListenersScript = String.raw`param([string]$ComputerName, $Session)
$ErrorActionPreference = 'Stop'
$remote = @(Invoke-Command -Session $Session -ScriptBlock {
	$ErrorActionPreference = 'Stop'
	# WSMan XML leaves come back as strings, or as elements when empty or nil.
	function Get-Text($Value) { if ($Value -is [System.Xml.XmlNode]) { $Value.InnerText } else { [string]$Value } }
	Get-WSManInstance -ResourceURI winrm/config/listener -Enumerate | ForEach-Object {
		$source = 'Local'
		if ($_.PSObject.Properties['Source'] -and $_.Source) { $source = [string]$_.Source }
		@{
			transport = Get-Text $_.Transport
			address = Get-Text $_.Address
			port = Get-Text $_.Port
			hostname = Get-Text $_.Hostname
			certificateThumbprint = Get-Text $_.CertificateThumbprint
			enabled = Get-Text $_.Enabled
			source = $source
		}
	}
})
$listeners = @($remote | ForEach-Object {
	@{transport = $_.transport; address = $_.address; port = $_.port; hostname = $_.hostname; certificateThumbprint = $_.certificateThumbprint; enabled = $_.enabled; source = $_.source}
})
@{listeners = $listeners}
`;

export function listenerFrom(object: Json): Listener {
	const transport = text(object, 'transport').toUpperCase();
	if (transport !== 'HTTP' && transport !== 'HTTPS')
		throw new ShapeError(`transport is "${transport}"`);
	const source = optionalText(object, 'source') ?? 'Local';
	if (source !== 'GPO' && source !== 'Compatibility' && source !== 'Local') {
		throw new ShapeError(`source is "${source}"`);
	}
	return {
		transport,
		address: text(object, 'address'),
		port: integer(object, 'port'),
		hostname: optionalText(object, 'hostname') ?? '',
		certificateThumbprint: optionalText(object, 'certificateThumbprint') ?? '',
		enabled: flag(object, 'enabled'),
		source,
	};
}

export function parseListeners(value: unknown) {
	return parseWith('list-listeners', (): Listener[] =>
		records(record(value), 'listeners').map(listenerFrom),
	);
}

export const listListeners: OperationScript<Listener[]> = {
	name: 'list-listeners',
	runsOn: 'hop1',
	script: listListenersScript,
	parameters: ['ComputerName'],
	remote: true,
	parse: parseListeners,
};
