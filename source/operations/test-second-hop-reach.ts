// On the first hop, before any fix is proposed for a second hop that fails with an error no
// delegation explains: does hop 2's name resolve there, and does hop 2 answer on the TCP port of
// the command's protocol within 3 s? A connect with a wait, not Test-NetConnection, which pings
// first and takes about 20 s on a filtered port. Reads only: nothing is changed, so no undo.
import type {SecondHopReachRead} from '../windows/records.js';
import {psQuote} from '../safety/names.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';
import {parseWith, record, text, texts, ShapeError} from './parse.js';

/** How long each port may take to answer, in milliseconds. */
export const reachWaitMs = 3000;

/** As an admin would type it on hop 1. */
export function testSecondHopReachCommand(hop1: string, hop2: string, ports: number[]): string {
	const name = psQuote(hop2);
	return shownOnFirstHop(
		hop1,
		`[System.Net.Dns]::GetHostAddresses(${name}); foreach ($port in ${ports.join(', ')}) { $tcp = New-Object System.Net.Sockets.TcpClient; $tcp.ConnectAsync(${name}, $port).Wait(${reachWaitMs}); $tcp.Dispose() }`,
	);
}

// Remoting serializes results one level deep, so hop 1 answers with flat strings: 'port:answer'.
// Every connect starts first and each waits out what is left of one shared 3 s, so two ports
// take 3 s, not 6. A refused connect faults its task at once: the machine is on, nothing listens.
const testSecondHopReachScript = String.raw`param([string]$ComputerName, $Session, [string]$Target, [int[]]$Port, [int]$WaitMs)
$ErrorActionPreference = 'Stop'
$remote = Invoke-Command -Session $Session -ArgumentList $Target, $Port, $WaitMs -ScriptBlock {
	param([string]$Target, [int[]]$Port, [int]$WaitMs)
	$ErrorActionPreference = 'Stop'
	try {
		$addresses = [string[]]@([System.Net.Dns]::GetHostAddresses($Target) | ForEach-Object { $_.IPAddressToString })
	} catch {
		$inner = $_.Exception
		while ($null -ne $inner.InnerException) { $inner = $inner.InnerException }
		return @{resolved = $false; reason = ([string]$inner.Message).TrimEnd()}
	}
	$clock = [System.Diagnostics.Stopwatch]::StartNew()
	$looks = foreach ($each in $Port) {
		$client = New-Object -TypeName System.Net.Sockets.TcpClient
		$task = $null
		try { $task = $client.ConnectAsync($Target, $each) } catch { $task = $null }
		@{port = $each; client = $client; task = $task}
	}
	$answers = [string[]]@(foreach ($look in $looks) {
		$answer = 'refused'
		try {
			if ($null -ne $look.task) {
				$left = [Math]::Max(0, $WaitMs - [int]$clock.ElapsedMilliseconds)
				if ($look.task.Wait($left)) { $answer = 'open' } else { $answer = 'silent' }
			}
		} catch { $answer = 'refused' } finally { $null = $look.client.Dispose() }
		'{0}:{1}' -f $look.port, $answer
	})
	@{resolved = $true; addresses = $addresses; answers = $answers}
}
$copy = @{}
foreach ($key in $remote.Keys) { $copy[$key] = $remote[$key] }
$copy
`;

const answers = ['open', 'refused', 'silent'] as const;

function parseReach(value: unknown) {
	return parseWith('test-second-hop-reach', (): SecondHopReachRead => {
		const object = record(value);
		if (object.resolved === false) return {resolved: false, reason: text(object, 'reason')};
		if (object.resolved !== true) throw new ShapeError('resolved is not true or false');
		return {
			resolved: true,
			addresses: texts(object, 'addresses'),
			ports: texts(object, 'answers').map((each) => {
				const [port, answer] = each.split(':');
				const known = answers.find((one) => one === answer);
				if (!/^\d+$/.test(port ?? '') || known === undefined)
					throw new ShapeError(`answers holds "${each}", not port:open|refused|silent`);
				return {port: Number(port), answer: known};
			}),
		};
	});
}

export const testSecondHopReach: OperationScript<SecondHopReachRead> = {
	name: 'test-second-hop-reach',
	runsOn: 'hop1',
	script: testSecondHopReachScript,
	parameters: ['ComputerName', 'Target', 'Port', 'WaitMs'],
	remote: true,
	parse: parseReach,
};
