// Hostile host, user and command text, generated deterministically from seeds, proving that
// (a) the name checks refuse with a clear reason or accept only safe characters, (b) no such text
// reaches an operation's command through the targets prompts, and (c) psQuote always yields one
// PowerShell string literal with the same value (checked by the real parser when pwsh exists).
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {ErrorRecord} from '../../source/windows/records.js';
import {checkHostName, checkUserName, psArgument, psQuote} from '../../source/safety/names.js';
import {Secret} from '../../source/safety/secret.js';
import {initialState, reduce} from '../../source/tree/reducer.js';
import type {
	FlowState,
	Operation,
	OperationDone,
	OperationName,
	OperationResult,
	TextField,
} from '../../source/tree/state.js';
import {findPwsh, parsePowerShell, type ParsedScript} from './powershell-parser.js';

// ---- the inputs -------------------------------------------------------------------------

const fragments = [
	...["'", '"', '‘', '’', '‚', '‛', '“', '”', '„'],
	...[';', '|', '&', '&&', '||', '>', '<', '2>&1', ',', '=', '%', '*', '?', '#', '<#', '#>'],
	...['$()', '$(calc)', '${}', '${env:PATH}', '$env:USERNAME', '$null', '@{}', '@()', '{', '}'],
	...['(', ')', '[', ']', '`', '`n', '`"', '``', '--%', ' -Credential $null', ' -ComputerName x'],
	...['\r', '\n', '\r\n', '\0', '\t', '\u000b', '\u001b[2J', '\u0085', '\u2028', '\u00a0'],
	...['\u202e', '\u200d', '\u200b', '\ufeff', '\u2060', '\u0301'],
	...['а', 'е', 'о', 'с', 'р', 'ο', 'ｈ', 'ｙ', '１', '－', '．', '＼', '🙂'],
	...['..', '../', '\\\\server\\share', '\\', '/', ':', '@', ' ', '-', '_', '.'],
	...["@'\nx\n'@", '@"\n$(calc)\n"@'],
];

const bases = [
	'hyperv1',
	'hyperv1.contoso.com',
	'CONTOSO\\admin',
	'admin@contoso.com',
	'10.0.0.21',
];

const standalone = [
	'',
	' ',
	'\t',
	'  \n  ',
	'\u3000',
	'..',
	'.',
	'-',
	'-hyperv1',
	'hyperv1-',
	'hyperv1.-contoso.com',
	'hyperv1-.contoso.com',
	'hyperv1..contoso.com',
	'.hyperv1',
	'\\\\server\\share',
	'\\\\hyperv1',
	'-ComputerName x',
	'-ComputerName:x',
	'@{}',
	"@'\nRemove-Item C:\\\n'@",
	'@"\n$(Remove-Item C:\\)\n"@',
	'a'.repeat(254),
	`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}x`,
	`${'a'.repeat(64)}.contoso.com`,
	`${'a'.repeat(64)}`,
	'a'.repeat(1000),
	'CONTOSO\\' + 'u'.repeat(21),
	'CONTOSO\\admin\\x',
	'a@b@contoso.com',
	'@contoso.com',
	'admin@',
	'\\admin',
	'CONTOSO\\',
	'http://hyperv1',
	'hyperv1:5985',
	'[fe80::1]',
	'[fe80::1];calc',
	'fe80::1%eth0;calc',
	'12345',
	'0x1f',
	'1e3',
	'hyperv1 ',
	'\u202ehyperv1',
	'hyperv1\u0000.contoso.com',
	'hyp\u0435rv1.contoso.com',
	'ｈｙｐｅｒｖ１',
];

/** Deterministic 32-bit PRNG (mulberry32), so every CI run fuzzes the same inputs. */
function prng(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function hostileInputs(): string[] {
	const values = new Set(standalone);
	for (const base of bases) {
		for (const fragment of fragments) {
			const middle = Math.floor(base.length / 2);
			values.add(fragment + base);
			values.add(base.slice(0, middle) + fragment + base.slice(middle));
			values.add(base + fragment);
		}
	}
	// Combinations: two or three fragments spliced into a base at random points.
	for (const seed of [1, 2, 3, 5, 8, 13, 21, 34]) {
		const random = prng(seed);
		const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
		for (let i = 0; i < 40; i++) {
			let value = pick(bases);
			for (let n = 0; n < 2 + Math.floor(random() * 2); n++) {
				const at = Math.floor(random() * (value.length + 1));
				value = value.slice(0, at) + pick(fragments) + value.slice(at);
			}
			values.add(value);
		}
	}
	// Only hostile ones: a plain valid name is not an attack, and would only pad the count.
	for (const plain of bases) values.delete(plain);
	return [...values];
}

const inputs = hostileInputs();

// ---- what "safe" means --------------------------------------------------------------------

const safeHost = /^[A-Za-z0-9.:%-]+$/;
// Logon names may hold ' and $ (O'Brien, svc$): they reach PowerShell only single-quoted.
const safeUser = /^[A-Za-z0-9._'$ \\@-]+$/;
// A reason must not smuggle control, bidi or invisible characters onto the admin's terminal.
const unprintable = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/** The brief's bar: a refusal says why, in a sentence. */
function clearReason(reason: string): string | undefined {
	if (reason.trim().length < 10) return 'reason is empty or too short';
	if (!/[.)]$/.test(reason)) return 'reason does not end as a sentence';
	return undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The value as a whole token in a command line, not a piece of another word. */
const asToken = (value: string) => new RegExp(`(^|[\\s,{(])${escapeRegExp(value)}($|[\\s,})])`);

// ---- driving the reducer ----------------------------------------------------------------

const accessDenied: ErrorRecord = {
	message: 'You do not have permission to perform the operation.',
	fullyQualifiedErrorId: 'AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMCommand',
	categoryInfo: 'PermissionDenied: (:) [Get-VM], VirtualizationOperationFailedException',
	exceptionType: 'Microsoft.HyperV.PowerShell.VirtualizationException',
	psComputerName: 'hyperv1',
};

/** What a healthy lab would answer, so an accepted value is carried through every step. */
const cannedResults: {[N in OperationName]?: OperationResult<N>} = {
	'local-context': {
		ok: true,
		value: {
			computerName: 'ADMIN-WS',
			domain: 'contoso.com',
			psEdition: 'Desktop',
			psVersion: '5.1.22621.4391',
			os: 'Windows 11',
			elevated: true,
			user: 'CONTOSO\\admin',
		},
	},
	'test-first-hop': {
		ok: true,
		value: {computerName: 'HYPERV1', fqdn: 'hyperv1.contoso.com', authentication: 'Kerberos'},
	},
	// The second hop fails without CredSSP; the verify, with it, works (cannedResult below).
	'run-on-first-hop': {ok: false, error: accessDenied},
	'read-client-credssp': {
		ok: true,
		value: {
			enabled: false,
			allowFreshCredentials: [],
			allowFreshCredentialsNtlmOnly: [],
			getWSManCredSspText: [],
			oraclePatched: true,
		},
	},
	'read-server-credssp': {ok: true, value: {enabled: false, oraclePatched: true}},
	'read-delegation-limits': {ok: true, value: {user: 'CONTOSO\\admin'}},
	// The directory out of reach: the flow goes on to CredSSP's changes, as it does then.
	'read-wsman-spn': {ok: true, value: {readable: false, reason: 'The server is not operational.'}},
	// Hop 2 answers (asked only where the second hop's error is not a refused delegation).
	'test-second-hop-reach': {
		ok: true,
		value: {resolved: true, addresses: ['10.0.0.22'], ports: [{port: 5985, answer: 'open'}]},
	},
	'enable-client-credssp': {ok: true, value: {output: ''}},
	'set-client-credssp': {ok: true, value: {output: ''}},
	'enable-server-credssp': {ok: true, value: {output: ''}},
	'list-listeners': {ok: true, value: []},
	'list-certificates': {ok: true, value: []},
	// An address: DNS has no name for it, so the flow goes on with NTLM and the NTLM-only entry.
	'resolve-name': {ok: true, value: {names: []}},
	'read-trusted-hosts': {ok: true, value: {entries: [], setByPolicy: false}},
	'add-trusted-host': {ok: true, value: {output: ''}},
	'set-ntlm-only-list': {ok: true, value: {output: ''}},
};

function cannedResult(operation: Operation): OperationResult | undefined {
	const {name, args} = operation;
	if (name === 'run-on-first-hop' && 'authentication' in args && args.authentication === 'CredSSP')
		return {ok: true, value: {output: 'ok'}};
	return cannedResults[name];
}

const validValues: Record<TextField, string> = {
	hop1: 'hyperv1.contoso.com',
	hop2: 'hyperv2.contoso.com',
	command: '',
	user: 'CONTOSO\\admin',
};

function afterLocalContext(): FlowState {
	const start = initialState({});
	return reduce(start, {
		type: 'operation-done',
		name: 'local-context',
		result: cannedResults['local-context']!,
	});
}

type Submitted =
	| {kind: 'refused'; error: string}
	| {kind: 'accepted'; value: string; commands: string[]}
	| {kind: 'broken'; why: string};

/** Submits `raw` at `field` (other fields valid), then walks the whole flow saying yes. */
function submitAt(field: TextField, raw: string): Submitted {
	let state = afterLocalContext();
	for (let guard = 0; guard < 200; guard++) {
		const {pending} = state;
		if (pending.kind === 'finished') break;
		if (pending.kind === 'ask' && pending.prompt.kind === 'text') {
			const asked = pending.prompt.field;
			if (asked === field && state.inputs[field] === undefined) {
				const next = reduce(state, {type: 'submit-text', field, value: raw});
				const again = next.pending;
				if (again.kind === 'ask' && again.prompt.kind === 'text' && again.prompt.field === field) {
					return again.prompt.error
						? {kind: 'refused', error: again.prompt.error}
						: {kind: 'broken', why: 'asked again without a reason'};
				}
				if (next.pending.kind === 'run') return {kind: 'broken', why: 'ran an operation at once'};
				state = next;
				continue;
			}
			state = reduce(state, {
				type: 'submit-text',
				field: asked,
				value: validValues[asked as TextField],
			});
			continue;
		}
		if (pending.kind === 'ask' && pending.prompt.kind === 'password') {
			state = reduce(state, {type: 'submit-password', password: new Secret('Passw0rd!')});
			continue;
		}
		if (pending.kind === 'ask' && pending.prompt.kind === 'confirm') {
			state = reduce(state, {type: 'answer', id: pending.prompt.id, yes: true});
			continue;
		}
		if (
			pending.kind === 'ask' &&
			pending.prompt.kind === 'choice' &&
			pending.prompt.id === 'method'
		) {
			state = reduce(state, {type: 'choose', id: 'method', key: 'c'});
			continue;
		}
		if (pending.kind === 'ask')
			return {kind: 'broken', why: `unexpected ${pending.prompt.kind} prompt`};
		const result = cannedResult(pending.operation);
		if (result === undefined) return {kind: 'broken', why: `no canned ${pending.operation.name}`};
		state = reduce(state, {
			type: 'operation-done',
			name: pending.operation.name,
			result,
		} as OperationDone);
	}
	const value = state.inputs[field];
	if (value === undefined) return {kind: 'broken', why: 'value neither refused nor kept'};
	return {kind: 'accepted', value, commands: commandsOf(state)};
}

/** Every command the run showed or ran: the log's, and each change's. */
function commandsOf(state: FlowState): string[] {
	return [
		...state.log.flatMap((entry) => (entry.command === undefined ? [] : [entry.command])),
		...state.changes.map((change) => change.command),
	];
}

// ---- the tests --------------------------------------------------------------------------

const pwsh = findPwsh();
const skipReason = pwsh === undefined ? 'pwsh not found in ~/.dotnet/tools or on PATH' : '';
const counts = {refused: 0, acceptedSafe: 0, quoted: 0, reducerRefused: 0, reducerAccepted: 0};
const goodInputs = new Set<string>(inputs);
const markBad = (input: string) => goodInputs.delete(input);

afterAll(() => {
	console.log(
		`fuzz: ${inputs.length} hostile inputs, ${goodInputs.size} refused or safely quoted ` +
			`(name checks: ${counts.refused} refusals, ${counts.acceptedSafe} safe acceptances; ` +
			`reducer: ${counts.reducerRefused} re-asked, ${counts.reducerAccepted} accepted and carried through; ` +
			`psQuote: ${counts.quoted} literals${pwsh === undefined ? `; PowerShell parser SKIPPED: ${skipReason}` : ' checked by the PowerShell parser'})`,
	);
});

describe(`fuzz: ${inputs.length} hostile host/user/command inputs`, () => {
	test('there are at least 500 of them, all distinct, and the generator is deterministic', () => {
		expect(inputs.length).toBeGreaterThanOrEqual(500);
		expect(new Set(inputs).size).toBe(inputs.length);
		expect(hostileInputs()).toEqual(inputs);
	});

	test('(a) checkHostName and checkUserName refuse with a clear reason, or accept only safe characters', () => {
		const failures: string[] = [];
		for (const input of inputs) {
			for (const [name, check, safe] of [
				['host', checkHostName, safeHost],
				['user', checkUserName, safeUser],
			] as const) {
				const result = check(input);
				if (!result.ok) {
					const problem = clearReason(result.reason);
					if (problem === undefined) counts.refused++;
					else {
						failures.push(`${name} ${JSON.stringify(input)}: ${problem}: ${result.reason}`);
						markBad(input);
					}
				} else if (
					safe.test(result.value) &&
					input.includes(result.value.replace(/^\[|\]$/g, ''))
				) {
					counts.acceptedSafe++;
				} else {
					failures.push(
						`${name} ${JSON.stringify(input)}: accepted as ${JSON.stringify(result.value)}`,
					);
					markBad(input);
				}
			}
		}
		expect(failures.slice(0, 20)).toEqual([]);
	});

	test('refusal reasons print no control, bidi-override or invisible character onto the terminal', () => {
		// A reason that quotes U+202E reverses the rest of the admin's line; U+0085 is a C1 control.
		const failures: string[] = [];
		for (const input of inputs) {
			for (const check of [checkHostName, checkUserName]) {
				const result = check(input);
				if (!result.ok && unprintable.test(result.reason)) {
					const char = unprintable.exec(result.reason)?.[0] ?? '';
					failures.push(`U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`);
				}
			}
		}
		expect([...new Set(failures)]).toEqual([]);
	});

	const accepted: {field: TextField; input: string; value: string; commands: string[]}[] = [];

	test('(b) at the hop1, hop2 and user prompts: re-asked with a reason, never run unquoted', () => {
		const failures: string[] = [];
		for (const input of inputs) {
			for (const field of ['hop1', 'hop2', 'user'] as const) {
				const result = submitAt(field, input);
				if (result.kind === 'broken') {
					failures.push(`${field} ${JSON.stringify(input)}: ${result.why}`);
					markBad(input);
				} else if (result.kind === 'refused') {
					counts.reducerRefused++;
					if (clearReason(result.error) !== undefined) {
						failures.push(`${field} ${JSON.stringify(input)}: unclear reason ${result.error}`);
						markBad(input);
					}
				} else {
					counts.reducerAccepted++;
					accepted.push({field, input, value: result.value, commands: result.commands});
					const safe = field === 'user' ? safeUser : safeHost;
					// Accepted means: the input, trimmed (or an IPv6 address unbracketed), was a safe name.
					// Accepted means: the input, trimmed (an IPv6 address unbracketed, an FQDN without its
					// root dot), was a safe name; where it appears in a command, it is as psArgument wrote it.
					const trimmed =
						field === 'user'
							? input.trim()
							: input
									.trim()
									.replace(/^\[(.*)\]$/, '$1')
									.replace(/(?<=.)\.$/, '');
					const raw = result.commands.filter((command) => command.includes(input));
					const unquoted = result.commands.filter(
						(command) =>
							asToken(result.value).test(command) && !command.includes(psArgument(result.value)),
					);
					if (!safe.test(result.value) || trimmed !== result.value || unquoted.length > 0) {
						failures.push(
							`${field} ${JSON.stringify(input)}: kept as ${JSON.stringify(result.value)} in ${JSON.stringify(unquoted[0] ?? raw[0])}`,
						);
						markBad(input);
					}
				}
			}
		}
		expect(failures.slice(0, 20)).toEqual([]);
		expect(counts.reducerRefused).toBeGreaterThan(inputs.length * 2);
	});

	test('(c) psQuote always gives one single-quoted literal that reads back as the input', () => {
		const failures: string[] = [];
		for (const input of inputs) {
			const quoted = psQuote(input);
			const inner = quoted.slice(1, -1);
			// Every quote character inside comes in a doubled pair; undoubling gives the input back.
			const pairs = inner.match(/['‘’‚‛]{2}|['‘’‚‛]/g) ?? [];
			const undoubled = inner.replace(/(['‘’‚‛])(['‘’‚‛])/g, '$2');
			const wellFormed =
				quoted.startsWith("'") && quoted.endsWith("'") && pairs.every((p) => p.length === 2);
			if (!wellFormed || undoubled !== input) {
				failures.push(`${JSON.stringify(input)}: ${quoted}`);
				markBad(input);
			}
		}
		expect(failures).toEqual([]);
	});

	describe.skipIf(pwsh === undefined)(
		`with the real PowerShell parser${skipReason ? ` (SKIPPED: ${skipReason})` : ''}`,
		() => {
			let quotedResults: ParsedScript[];
			let argumentResults: ParsedScript[];
			let commandResults: ParsedScript[];
			let acceptedValues: string[];
			let commands: string[];

			beforeAll(() => {
				// One pwsh process for everything: start-up is the slow part.
				acceptedValues = [
					...new Set(accepted.filter((a) => a.field !== 'user').map((a) => a.value)),
				];
				commands = [...new Set(accepted.flatMap((a) => a.commands))];
				const scripts = [
					...inputs.map((input) => `$x = ${psQuote(input)}`),
					...acceptedValues.map((value) => `Get-Item -Path ${psArgument(value)}`),
					...commands,
				];
				const parsed = parsePowerShell(pwsh as string, scripts);
				quotedResults = parsed.slice(0, inputs.length);
				argumentResults = parsed.slice(inputs.length, inputs.length + acceptedValues.length);
				commandResults = parsed.slice(inputs.length + acceptedValues.length);
			}, 120_000);

			test('(c) `$x = psQuote(input)` parses to exactly one string constant equal to the input', () => {
				const failures: string[] = [];
				inputs.forEach((input, index) => {
					const result = quotedResults[index];
					const ok =
						result !== undefined &&
						result.errors.length === 0 &&
						result.statementCount === 1 &&
						result.assignedString?.stringType === 'SingleQuoted' &&
						result.assignedString.value === input &&
						result.assignedString.text === psQuote(input);
					if (ok) counts.quoted++;
					else {
						failures.push(`${JSON.stringify(input)}: ${JSON.stringify(result)}`);
						markBad(input);
					}
				});
				expect(failures.slice(0, 20)).toEqual([]);
			});

			test('accepted host names, as psArgument writes them, are one argument with the same value', () => {
				const failures = acceptedValues.filter((value, index) => {
					const args = argumentResults[index]?.commandArguments;
					return !(
						argumentResults[index]?.errors.length === 0 &&
						args?.length === 2 &&
						args[1]?.kind === 'StringConstantExpressionAst' &&
						args[1].value === value
					);
				});
				expect(failures).toEqual([]);
			});

			test('every command built from an accepted value parses without errors', () => {
				const failures = commands.filter((_, index) => commandResults[index]?.errors.length !== 0);
				expect(failures.slice(0, 10)).toEqual([]);
				expect(commands.length).toBeGreaterThan(0);
			});
		},
	);
});
