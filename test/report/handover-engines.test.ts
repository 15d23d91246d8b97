// The exports checked by the engines' own tools where they run here:
// - DSC: PowerShell's parser. pwsh on Linux cannot parse a `Configuration` keyword (it loads the
//   DSC schema store of libmi/OMI, absent here), so a parse of the file itself is accepted only
//   when it has no error or its first error is that one; then the same text with each
//   `Configuration <name>` line made `function <name>` must parse with no error at all, which
//   checks every brace, string and script block, and gives the resource blocks, whose property
//   names are checked against the resources' schemas (read from the modules' sources). Not
//   checked here: that DSC compiles it to MOF (that needs Windows and the modules installed).
// - Ansible: `ansible-playbook --syntax-check`, which also resolves each module name, and
//   `--list-tasks` with and without `--tags undo` for which plays run. Skipped, saying why, when
//   ansible-playbook is not installed outside CI; in CI (.ci/run sets DOUBLEHOP_REQUIRE_ANSIBLE=1)
//   a missing ansible-playbook fails.
// - The list check the exports run before writing a list, run in real pwsh with a stand-in for
//   Get-Item (there is no registry on Linux).
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {ansiblePlaybook} from '../../source/report/handover/ansible.js';
import {dscConfiguration} from '../../source/report/handover/dsc.js';
import {handoverFromRun, type Handover} from '../../source/report/handover/handover.js';
import {
	listCheckLines,
	listRefusal,
	trustedHostsRead,
	trustedHostsWithout,
} from '../../source/report/handover/list-check.js';
import {findPwsh} from '../safety/powershell-parser.js';
import {runLab} from './lab-run.js';

const meta = {
	generatedAt: new Date('2031-05-06T07:08:09.000Z'),
	version: '9.8.7',
	hostDescription: 'lab',
};

let handovers: Handover[];
let folder: string;
beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'doublehop-engines-'));
	const every = {
		winrm: true,
		risk: true,
		client: true,
		server: true,
		listener: true,
		'ntlm-only': true,
		'trusted-hosts': true,
	};
	handovers = await Promise.all(
		['existing-delegation', 'classic', 'winrm-stopped', 'ip-first-hop'].map(async (name) =>
			handoverFromRun((await runLab(name, {answers: every})).final),
		),
	);
	handovers.push({
		...(handovers[0] as Handover),
		firstHops: [
			{computer: 'hv2.contoso.com', serverRole: true},
			{
				computer: 'sql1.contoso.com',
				serverRole: false,
				https: {certificate: {issuer: 'CN=Contoso CA', subjectFormat: 'Both'}, firewallRule: 'r1'},
			},
		],
	});
});
afterAll(() => rmSync(folder, {recursive: true, force: true}));

// Settable properties, from each resource's source: xCredSSP MSFT_xCredSSP.schema.mof;
// GPRegistryPolicyDsc MSFT_RegistryPolicyFile/MSFT_RefreshRegistryPolicy .schema.mof; WSManDsc
// Classes/020.WSManListener.ps1; NetworkingDsc DSC_Firewall.schema.mof (the part used); the
// built-in Script (GetScript, SetScript, TestScript) and Service (Name, State, StartupType).
const schemas: Record<string, {required: string[]; allowed: string[]}> = {
	xCredSSP: {
		required: ['Role'],
		allowed: ['Role', 'Ensure', 'DelegateComputers', 'SuppressReboot'],
	},
	RegistryPolicyFile: {
		required: ['Key', 'ValueName', 'TargetType'],
		allowed: ['Key', 'ValueName', 'TargetType', 'AccountName', 'ValueData', 'ValueType', 'Ensure'],
	},
	RefreshRegistryPolicy: {required: ['IsSingleInstance'], allowed: ['IsSingleInstance']},
	WSManListener: {
		required: ['Transport', 'Ensure'],
		allowed: [
			'Transport',
			'Ensure',
			'Port',
			'Address',
			'Issuer',
			'SubjectFormat',
			'MatchAlternate',
			'BaseDN',
			'CertificateThumbprint',
			'HostName',
		],
	},
	Firewall: {
		required: ['Name'],
		allowed: [
			'Name',
			'DisplayName',
			'Group',
			'Ensure',
			'Enabled',
			'Action',
			'Profile',
			'Direction',
			'RemotePort',
			'LocalPort',
			'Protocol',
			'Description',
		],
	},
	Script: {
		required: ['GetScript', 'SetScript', 'TestScript'],
		allowed: ['GetScript', 'SetScript', 'TestScript'],
	},
	Service: {required: ['Name'], allowed: ['Name', 'State', 'StartupType']},
};

// The properties with a ValueMap (or an enum) in those sources, and the values they take.
const valueMaps: Record<string, string[]> = {
	Ensure: ['Present', 'Absent'],
	Role: ['Server', 'Client'],
	TargetType: [
		'ComputerConfiguration',
		'UserConfiguration',
		'Administrators',
		'NonAdministrators',
		'Account',
	],
	ValueType: ['Binary', 'Dword', 'ExpandString', 'MultiString', 'Qword', 'String', 'None'],
	IsSingleInstance: ['Yes'],
	Transport: ['HTTP', 'HTTPS'],
	SubjectFormat: ['Both', 'FQDNOnly', 'NameOnly'],
	Enabled: ['True', 'False'],
	Action: ['NotConfigured', 'Allow', 'Block'],
	Direction: ['Inbound', 'Outbound'],
	State: ['Running', 'Stopped'],
};

const pwsh = findPwsh();
const noPwsh = pwsh === undefined ? ' (SKIPPED: pwsh not found in ~/.dotnet/tools or on PATH)' : '';

type Parsed = {
	errors: {id: string; message: string}[];
	functionErrors: string[];
	resources: {type: string; name: string; properties: string[]; values: string[]}[];
	nodes: string[];
};

const parseScript = String.raw`param([string]$InPath, [string]$OutPath)
$ErrorActionPreference = 'Stop'
$texts = Get-Content -Raw -Path $InPath | ConvertFrom-Json
$results = foreach ($text in $texts) {
	$tokens = $null; $errors = $null
	$null = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$errors)
	$asFunctions = $text -replace '(?m)^Configuration (\w+) \{$', 'function $1 {'
	$functionErrors = $null
	$ast = [System.Management.Automation.Language.Parser]::ParseInput($asFunctions, [ref]$tokens, [ref]$functionErrors)
	$commands = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)
	$resources = foreach ($command in $commands) {
		$elements = $command.CommandElements
		$name = $command.GetCommandName()
		# A resource is <Type> <name> { ... }; a property such as GetScript = { ... } is not.
		if ($elements.Count -ne 3 -or $name -eq 'Node' -or $elements[1].Extent.Text -eq '=' -or $elements[2] -isnot [System.Management.Automation.Language.ScriptBlockExpressionAst]) { continue }
		$properties = foreach ($statement in $elements[2].ScriptBlock.EndBlock.Statements) {
			$inner = if ($statement -is [System.Management.Automation.Language.PipelineAst]) { $statement.PipelineElements[0] } else { $null }
			if ($inner -is [System.Management.Automation.Language.CommandAst] -and $inner.CommandElements[1].Extent.Text -eq '=') { $inner.GetCommandName() }
			else { '<not a property: ' + $statement.Extent.Text + '>' }
		}
		$values = foreach ($statement in $elements[2].ScriptBlock.EndBlock.Statements) { $statement.Extent.Text }
		@{type = $name; name = $elements[1].Extent.Text; properties = @($properties); values = @($values)}
	}
	$nodes = foreach ($command in $commands) { if ($command.GetCommandName() -eq 'Node') { $command.CommandElements[1].Extent.Text } }
	@{
		errors = @($errors | ForEach-Object { @{id = $_.ErrorId; message = $_.Message} })
		functionErrors = @($functionErrors | ForEach-Object { $_.ErrorId + ': ' + $_.Message })
		resources = @($resources)
		nodes = @($nodes)
	}
}
ConvertTo-Json -InputObject @($results) -Depth 6 | Set-Content -Path $OutPath -Encoding utf8
`;

function parseAll(texts: string[]): Parsed[] {
	const script = join(folder, 'parse.ps1');
	writeFileSync(script, parseScript);
	writeFileSync(join(folder, 'in.json'), JSON.stringify(texts));
	execFileSync(
		pwsh ?? 'pwsh',
		[
			'-NoProfile',
			'-NonInteractive',
			'-File',
			script,
			join(folder, 'in.json'),
			join(folder, 'out.json'),
		],
		{
			timeout: 120_000,
		},
	);
	return JSON.parse(
		readFileSync(join(folder, 'out.json'), 'utf8').replace(/^\uFEFF/, ''),
	) as Parsed[];
}

describe.skipIf(pwsh === undefined)(
	`the DSC configuration and PowerShell's own parser${noPwsh}`,
	() => {
		test('parses (only the missing DSC schema store of libmi may stop the keyword), and as functions with no error; every resource property is in its schema', () => {
			const texts = handovers.map((handover) => dscConfiguration(handover, meta));
			const parsed = parseAll(texts);
			let mapped = 0;
			parsed.forEach((result, index) => {
				const first = result.errors[0];
				if (first !== undefined) {
					expect(first.id).toBe('ParserError');
					expect(first.message).toMatch(/Unable to find DSC schema store/);
				}
				expect(result.functionErrors, texts[index]).toEqual([]);
				expect(result.resources.length, texts[index]).toBeGreaterThan(0);
				for (const resource of result.resources) {
					const schema = schemas[resource.type];
					expect(schema, resource.type).toBeDefined();
					const properties = resource.properties.filter((property) => property !== 'DependsOn');
					for (const property of properties)
						expect(schema?.allowed, resource.type).toContain(property);
					for (const property of schema?.required ?? [])
						expect(properties, `${resource.type} ${resource.name}`).toContain(property);
					for (const statement of resource.values) {
						const [, key = '', quoted] = /^(\w+)\s*=\s*'([^']*)'$/.exec(statement) ?? [];
						if (quoted === undefined || !(key in valueMaps)) continue;
						expect(valueMaps[key], `${resource.type} ${key}`).toContain(quoted);
						mapped++;
					}
				}
			});
			expect(mapped).toBeGreaterThan(50);
			expect(parsed[4]?.nodes).toEqual([
				"'ADMIN-WS'",
				"'hv2.contoso.com'",
				"'sql1.contoso.com'",
				"'ADMIN-WS'",
				"'hv2.contoso.com'",
				"'sql1.contoso.com'",
			]);
		});

		test('a broken configuration is caught: an unclosed brace fails the function parse', () => {
			const text = dscConfiguration(handovers[0] as Handover, meta).replace(
				"Node 'ADMIN-WS' {",
				"Node 'ADMIN-WS' {{",
			);
			expect(parseAll([text])[0]?.functionErrors.length).toBeGreaterThan(0);
		});

		test('the list check passes the list read or the merged one, and refuses any other, naming it', () => {
			const before = ['wsman/sql01.contoso.com', 'wsman/*.fabrikam.com'];
			const after = [...before, 'wsman/hyperv1.contoso.com'];
			// A stand-in for Get-Item on HKLM: the values 1..n of the list given, out of order on purpose.
			const check = (now: string[] | null) => String.raw`
function Get-Item { param([string]$Path, $ErrorAction)
	if ($null -eq $script:values) { return $null }
	$item = [pscustomobject]@{ values = $script:values }
	$item | Add-Member -MemberType ScriptMethod -Name GetValueNames -Value { @($this.values.Keys | Sort-Object -Descending) }
	$item | Add-Member -MemberType ScriptMethod -Name GetValue -Value { param($name) $this.values[$name] }
	$item
}
$script:values = ${now === null ? '$null' : `@{${now.map((entry, index) => `'${index + 1}' = '${entry}'`).join('; ')}}`}
$Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation\AllowFreshCredentials'
$Before = @(${before.map((entry) => `'${entry}'`).join(', ')})
$After = @(${after.map((entry) => `'${entry}'`).join(', ')})
${listCheckLines().join('\n')}
if (-not $inState) { throw ${listRefusal} }
'in state'
`;
			const run = (now: string[] | null) => {
				const path = join(folder, 'check.ps1');
				writeFileSync(path, check(now));
				return spawnSync(pwsh ?? 'pwsh', ['-NoProfile', '-NonInteractive', '-File', path], {
					encoding: 'utf8',
					timeout: 60_000,
				});
			};
			expect(run(before).stdout.trim()).toBe('in state');
			expect(run(after).stdout.trim()).toBe('in state');
			const changed = run([...before, 'wsman/other.contoso.com']);
			expect(changed.status).not.toBe(0);
			expect(changed.stderr.replace(/\s+/g, ' ')).toContain(
				'AllowFreshCredentials is now: wsman/sql01.contoso.com, wsman/*.fabrikam.com, wsman/other.contoso.com. It is neither the list doublehop read nor the merged list',
			);
			// No list at all is the empty list: in state only when doublehop read it empty.
			expect(run(null).status).not.toBe(0);
		});
	},
);

describe.skipIf(pwsh === undefined)(`the TrustedHosts undo in real pwsh${noPwsh}`, () => {
	test('takes out only the entry doublehop added; with nothing left it clears the list', () => {
		// Stand-ins for the WSMan: drive, which Linux lacks: the list as one comma-separated value.
		const undo = (list: string) => String.raw`
$script:th = '${list}'
function Get-Item { param([string]$Path) [pscustomobject]@{ Value = $script:th } }
function Set-Item { param([string]$Path, [string]$Value, [switch]$Force) $script:th = $Value }
function Clear-Item { param([string]$Path, [switch]$Force) $script:th = '' }
$Entry = '10.0.0.21'
${trustedHostsRead}
${trustedHostsWithout.join('\n')}
"[$script:th]"
`;
		const run = (list: string) => {
			const path = join(folder, 'trusted.ps1');
			writeFileSync(path, undo(list));
			return spawnSync(pwsh ?? 'pwsh', ['-NoProfile', '-NonInteractive', '-File', path], {
				encoding: 'utf8',
				timeout: 60_000,
			}).stdout.trim();
		};
		expect(run('web01, 10.0.0.21,*.fabrikam.com')).toBe('[web01,*.fabrikam.com]');
		expect(run('10.0.0.21')).toBe('[]');
	});
});

const ansible = spawnSync('sh', ['-c', 'command -v ansible-playbook'], {
	encoding: 'utf8',
}).stdout.trim();
// .ci/run sets this (the tests' own CI is false, for Ink): there a missing ansible-playbook fails.
const inCi = process.env.DOUBLEHOP_REQUIRE_ANSIBLE === '1';
const noAnsible =
	ansible === '' ? ' (SKIPPED: ansible-playbook not installed; apt-get install ansible)' : '';
if (ansible === '' && !inCi) console.log(`handover-engines: Ansible checks skipped${noAnsible}`);

describe.skipIf(ansible === '' && !inCi)(
	`the Ansible playbook and ansible-playbook${noAnsible}`,
	() => {
		const playbook = (handover: Handover, name: string) => {
			const path = join(folder, `${name}.yml`);
			writeFileSync(path, ansiblePlaybook(handover, meta));
			return path;
		};
		const ansiblePlaybookRun = (...args: string[]) =>
			spawnSync(ansible || 'ansible-playbook', args, {
				encoding: 'utf8',
				timeout: 120_000,
				env: {...process.env, ANSIBLE_NOCOLOR: '1'},
			});

		test('every playbook passes --syntax-check (modules resolved), the empty one too', () => {
			expect(ansible, 'ansible-playbook must be installed in CI (.ci/run installs it)').not.toBe(
				'',
			);
			const empty: Handover = {
				client: {startWinRm: false, credSspOn: false, lists: []},
				firstHops: [],
				dryRun: false,
				notCarried: [],
			};
			for (const [index, handover] of [...handovers, empty].entries()) {
				const result = ansiblePlaybookRun('--syntax-check', playbook(handover, `p${index}`));
				expect(result.status, result.stderr + result.stdout).toBe(0);
			}
		});

		test('a plain run lists only the apply plays; --tags undo only the undo plays', () => {
			const path = playbook(handovers[0] as Handover, 'tags');
			const inventory = ['-i', 'ADMIN-WS,hyperv1.contoso.com,'];
			const plain = ansiblePlaybookRun('--list-tasks', ...inventory, path).stdout;
			const undo = ansiblePlaybookRun('--list-tasks', '--tags', 'undo', ...inventory, path).stdout;
			const tasksOf = (listing: string) =>
				listing
					.split(/\n\s*play #\d+ /)
					.slice(1)
					.map((play) => ({
						play: play.split('\n')[0] ?? '',
						tasks: play
							.split('\n')
							.slice(2)
							.filter((line) => line.trim() !== '').length,
					}));
			expect(
				tasksOf(plain).map(({play, tasks}) => [/doublehop( undo)?:/.exec(play)?.[0], tasks > 0]),
			).toEqual([
				['doublehop:', true],
				['doublehop:', true],
				['doublehop undo:', false],
				['doublehop undo:', false],
			]);
			expect(
				tasksOf(undo).map(({play, tasks}) => [/doublehop( undo)?:/.exec(play)?.[0], tasks > 0]),
			).toEqual([
				['doublehop:', false],
				['doublehop:', false],
				['doublehop undo:', true],
				['doublehop undo:', true],
			]);
		});

		test('a broken playbook is caught: an unknown module fails --syntax-check', () => {
			const path = join(folder, 'bad.yml');
			writeFileSync(
				path,
				ansiblePlaybook(handovers[0] as Handover, meta).replace(
					'ansible.windows.win_dsc:',
					'ansible.windows.win_dscx:',
				),
			);
			expect(ansiblePlaybookRun('--syntax-check', path).status).not.toBe(0);
		});
	},
);
