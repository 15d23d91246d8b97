// A command cut to fit a terminal must still be the same command when its rows are pasted into a
// console: checked with PowerShell's own parser (the same tokens, line continuations aside), on the
// commands doublehop shows, at every width from 24 to 100 columns.
import {describe, expect, test} from 'vitest';
import {commandRows, rowsFit} from '../../source/windows/command-rows.js';
import {
	enableClientCredSspCommand,
	restoreClientCommands,
} from '../../source/operations/enable-client-credssp.js';
import {fanOutCommand} from '../../source/operations/fleet-commands.js';
import {runWithCredentialCommand} from '../../source/operations/run-with-credential.js';
import {setResourceDelegationCommand} from '../../source/operations/set-resource-delegation.js';
import {registerRevertTaskCommand} from '../../source/operations/revert-task.js';
import {testFirstHopCommand} from '../../source/operations/test-first-hop.js';
import {unregisterSessionConfigurationCommand} from '../../source/operations/session-configuration.js';
import {readWsmanSpnCommand, wsmanSpns} from '../../source/operations/read-wsman-spn.js';
import {findPwsh, parsePowerShell} from '../safety/powershell-parser.js';

const hosts = Array.from(
	{length: 12},
	(_, index) => `hv${String(index + 1).padStart(2, '0')}.contoso.com`,
);

const shown: string[] = [
	enableClientCredSspCommand(hosts),
	...fanOutCommand(hosts, 'Enable-WSManCredSSP -Role Server -Force', 8).split('\n'),
	runWithCredentialCommand(
		'hyperv1.contoso.com',
		'Get-VM -ComputerName hyperv2.contoso.com -Credential $using:cred',
	),
	setResourceDelegationCommand('fs01', [
		'CN=WEB01,CN=Computers,DC=contoso,DC=com',
		'CN=HYPERV1,CN=Computers,DC=contoso,DC=com',
	]),
	'Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, Issuer, Thumbprint',
	// The undo of the client's delegation list: registry paths wider than a narrow terminal.
	...restoreClientCommands({
		list: ['wsman/hv01.contoso.com', "TERMSRV/o''brien.contoso.com"],
		turnOff: true,
	}).filter((command) => !command.startsWith('#')),
	// Pieces wider than a 40-column row: a .NET call, a quoted argument before ";", a deadline's
	// expression, a cmdlet name as wide as the row (--for's task, JEA's undo).
	testFirstHopCommand('hyperv1.contoso.com'),
	...wideOnes(),
	'$map = [System.Collections.Generic.Dictionary[string,int]]::new(); $map.Add("a,b,c,d,e,f,g,h", 1)',
];

/** The commands whose pieces were too wide for a row at 40 columns. */
function wideOnes(): string[] {
	const task = (machine: 'hop1' | 'client') =>
		registerRevertTaskCommand(
			{
				taskName: `doublehop-revert-20261207T105430185Z48d35-${machine}`,
				atUtc: '2026-12-07T12:54:00Z',
				revert:
					machine === 'hop1'
						? {machine, serverRole: true}
						: {machine, addedEntries: ['wsman/hyperv1.contoso.com'], clientWasEnabled: false},
			},
			'hyperv1.contoso.com',
		)
			.split('\n')
			.filter((line) => !line.startsWith('#'));
	return [
		...task('hop1'),
		...task('client'),
		// A cast's single-quoted operand ([adsisearcher]'(servicePrincipalName=...)'): before, left
		// whole and broken by the terminal inside its quotes, so the pasted filter held a new line.
		readWsmanSpnCommand(wsmanSpns('hyperv1.contoso.com')),
		unregisterSessionConfigurationCommand(
			'hyperv1.contoso.com',
			'Doublehop.JEA',
			'C:\\ProgramData\\Doublehop.JEA.pssc',
		),
	];
}

/**
 * The tokens with each bracketed sum of single-quoted strings read as the one string it is:
 * `('HKLM:\A\' + 'B')`, as a long path is cut, is the argument 'HKLM:\A\B'.
 */
function withStringSums(tokens: readonly string[]): string[] {
	const text = (token: string | undefined) =>
		token?.startsWith('StringLiteral:') ? token.slice('StringLiteral:'.length) : undefined;
	const joined: string[] = [];
	for (let at = 0; at < tokens.length; at++) {
		// A bare path given as an argument is the string it spells (argument mode): the same as
		// that string quoted. Not a command's name: the first word, or one after | ; { or a new line.
		const before = tokens[at - 1];
		const commandName =
			before === undefined || /^(?:Pipe|Semi|LCurly|NewLine|LParen):/.test(before);
		const bare = /^Generic:(.*[\\/].*)$/.exec(tokens[at]!);
		if (bare !== null && !commandName) {
			joined.push(`StringLiteral:'${bare[1]}'`);
			continue;
		}
		if (tokens[at] === 'LParen:(' && text(tokens[at + 1]) !== undefined) {
			let end = at + 1;
			let value = text(tokens[end])!.slice(1, -1);
			while (tokens[end + 1] === 'Plus:+' && text(tokens[end + 2]) !== undefined) {
				value += text(tokens[end + 2])!.slice(1, -1);
				end += 2;
			}
			if (end > at + 1 && tokens[end + 1] === 'RParen:)') {
				joined.push(`StringLiteral:'${value}'`);
				at = end + 1;
				continue;
			}
		}
		joined.push(tokens[at]!);
	}
	return joined;
}

const widths = Array.from({length: 77}, (_, index) => 24 + index);

describe('a command cut to fit', () => {
	test('a list of names with no spaces (-DelegateComputer a,b,c) is cut after a comma, every row within the width', () => {
		const rows = commandRows(enableClientCredSspCommand(hosts), 60);
		expect(rows.length).toBeGreaterThan(2);
		for (const row of rows) expect(row.length).toBeLessThanOrEqual(60);
		expect(rows.slice(0, -1).every((row) => row.endsWith(' `'))).toBe(true);
		// Before: one word of 207 characters, broken as prose in the middle of a name.
		expect(rows.slice(1, -1).some((row) => /^hv\d\d\.contoso\.com,/.test(row))).toBe(true);
	});

	test('a comma inside quotes or a type name is never a place to cut', () => {
		for (const width of widths) {
			const rows = commandRows(shown.at(-1)!, width);
			expect(rows.some((row) => /"a,b,c,d,e,f,g,h"/.test(row))).toBe(true);
			expect(
				rows.some((row) => row.includes('[System.Collections.Generic.Dictionary[string,int]]')),
			).toBe(true);
		}
	});

	test('a registry path wider than the terminal is cut into a sum of its parts, every row within the width', () => {
		const [remove] = restoreClientCommands({list: [], turnOff: false}).filter((command) =>
			command.startsWith('Remove-Item'),
		);
		for (const width of [34, 54]) {
			const rows = commandRows(remove!, width);
			for (const row of rows) expect(row.length, row).toBeLessThanOrEqual(width);
			expect(rows.slice(0, -1).every((row) => row.endsWith(' `'))).toBe(true);
			// Before: one quoted word wider than the row, broken by the terminal inside the quotes.
			expect(rows.some((row) => row.startsWith("('HKLM:\\SOFTWARE\\"))).toBe(true);
		}
	});

	test('a piece wider than a row is cut inside its round brackets, or given the columns under the prompt, so every row fits at 40 columns', () => {
		// "PS> " at two columns in: 34 columns for the first row, 38 for the rest under the prompt.
		for (const command of [testFirstHopCommand('hyperv1.contoso.com'), ...wideOnes()]) {
			const rows = commandRows(command, 38, 34);
			expect(rowsFit(rows, 38, 34), rows.join('\n')).toBe(true);
			expect(rows.slice(0, -1).every((row) => row.endsWith(' `'))).toBe(true);
		}
		// Before: "{ [System.Net.D" and "ns]::GetHostEntry('').HostName }", broken as prose.
		expect(commandRows(testFirstHopCommand('hyperv1.contoso.com'), 34)).toContain(
			'[System.Net.Dns]::GetHostEntry( `',
		);
	});

	test('a quoted path that fits on a row of its own stays one string, not a sum of parts', () => {
		for (const width of [20, 26, 30])
			expect(commandRows("doublehop undo --lab './slowchange.json'", width).at(-1)).toBe(
				"'./slowchange.json'",
			);
	});

	test('a comment cut to fit is a comment on every row', () => {
		const comment =
			'# Local Group Policy ($env:SystemRoot\\System32\\GroupPolicy\\Machine\\Registry.pol), Allow delegating fresh credentials: no entries (switch removed); gpt.ini Version raised, registry extension listed';
		for (const width of [30, 54, 60]) {
			const rows = commandRows(comment, width);
			expect(rows.length).toBeGreaterThan(1);
			for (const row of rows) {
				expect(row.startsWith('#'), row).toBe(true);
				expect(row.length, row).toBeLessThanOrEqual(width);
			}
		}
	});

	const pwsh = findPwsh();
	test.skipIf(pwsh === undefined)(
		`PowerShell's parser reads the rows as the same command at every width${pwsh === undefined ? ' (skipped: pwsh is not installed)' : ''}`,
		() => {
			// At each width, and at some with the first row four columns shorter (after "PS> ").
			const cut = shown.flatMap((command) =>
				widths.flatMap((width) => [
					{command, width, text: commandRows(command, width).join('\n')},
					...(width % 4 === 0
						? [{command, width, text: commandRows(command, width, width - 4).join('\n')}]
						: []),
				]),
			);
			const parsed = parsePowerShell(pwsh!, [...shown, ...cut.map(({text}) => text)]);
			const original = new Map(shown.map((command, index) => [command, parsed[index]!]));
			const differ = cut.filter(({command}, index) => {
				const rows = parsed[shown.length + index]!;
				const whole = original.get(command)!;
				return (
					rows.errors.length > 0 ||
					withStringSums(rows.tokens).join('\n') !== withStringSums(whole.tokens).join('\n')
				);
			});
			expect(differ.map(({command, width}) => `${width}: ${command}`)).toEqual([]);
			// Cuts were made: at 40 columns every one of these commands is more than one row (after
			// "PS> ", 36 columns for the first).
			expect(cut.filter(({width, text}) => width === 40 && text.includes(' `\n')).length).toBe(
				shown.filter((command) => command.length > 40).length +
					shown.filter((command) => command.length > 36).length,
			);
		},
		// One pwsh reads every command at every width: longer than a test's usual 20 s.
		60_000,
	);
});
