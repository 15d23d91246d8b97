// The same message in every layout it reaches us in must give the same diagnosis.
import {describe, expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {squash} from '../../source/knowledge/normalize.js';
import {fixtureRows} from './answers.js';
import {
	ansibleJson,
	clixml,
	consoleWrap,
	htmlEscaped,
	markdownQuote,
	ps51Layout,
	ps7Concise,
	ps7Remoting,
	typographic,
	withHostPrefix,
	wrapLosingSpaces,
} from './layouts.js';
import {messages} from './messages.js';

function entryOf(text: string): string {
	const diagnosis = diagnose(text);
	// An ambiguous answer names its entry too (issue 14): the layout must not change which.
	return diagnosis.best?.id ?? 'not-recognised';
}

const textLayouts: [string, (text: string) => string][] = [
	['wrapped at 40', (text) => consoleWrap(text, 40)],
	['wrapped at 80', (text) => consoleWrap(text, 80)],
	['wrapped at 120', (text) => consoleWrap(text, 120)],
	['wrapped at 80, spaces lost at breaks', (text) => wrapLosingSpaces(text, 80)],
	['HTML-escaped', htmlEscaped],
	['HTML-escaped and wrapped', (text) => htmlEscaped(consoleWrap(text, 80))],
	['curly quotes and non-breaking spaces', typographic],
	['markdown quote', markdownQuote],
	['Ansible JSON', ansibleJson],
	['CLIXML (pywinrm stderr)', clixml],
	['CLIXML inside Ansible JSON', (text) => ansibleJson(clixml(text))],
];

// WinRM messages, which PowerShell prints after "Connecting to remote server ... failed".
const winrmMessages: [string, string, string][] = [
	['E1', messages.clientCredSspDisabled, 'client-credssp-disabled'],
	['E2', messages.delegationNoMatch, 'delegation-no-match'],
	['E3', messages.delegationNtlmOnly, 'delegation-ntlm-only'],
	['E4', messages.serverCredSspDisabled, 'server-credssp-disabled'],
	['E5', messages.credentialRequired, 'credssp-needs-credential'],
	['E11', messages.timeout, 'unreachable-timeout'],
	['E12 cannot connect', messages.cannotConnect, 'unreachable-not-listening'],
	['E12 SSL', messages.sslNotEstablished, 'https-ssl-not-established'],
	['E13', messages.ipAddress, 'trustedhosts-required'],
	['E14', messages.kerberosSpn, 'kerberos-spn'],
	['second hop 0x8009030e', messages.secondHopLogonSession, 'second-hop-nested-winrm'],
	['E16', messages.unknownCa, 'https-untrusted-certificate'],
];

describe.each(winrmMessages)('%s in every layout', (_name, message, entry) => {
	test('bare', () => expect(entryOf(message)).toBe(entry));
	test.each(textLayouts)('%s', (_layout, layout) => expect(entryOf(layout(message))).toBe(entry));
	test('Invoke-Command [host] prefix (5.1)', () =>
		expect(entryOf(withHostPrefix(message))).toBe(entry));
	test('prefix, wrapped at 80', () =>
		expect(entryOf(consoleWrap(withHostPrefix(message), 80))).toBe(entry));
	test('PowerShell 7 Processing data layout', () =>
		expect(entryOf(ps7Remoting(message))).toBe(entry));
	test('New-PSSession 5.1 layout', () =>
		expect(entryOf(ps51Layout('New-PSSession', message))).toBe(entry));
	test('PowerShell 7 ConciseView', () =>
		expect(entryOf(ps7Concise('New-PSSession', message))).toBe(entry));
});

// Every public fixture keeps its diagnosis through every text layout.
const rows = fixtureRows('public.jsonl');

describe.each(textLayouts)('public fixtures %s', (_layout, layout) => {
	test.each(rows.map((row) => [row.id, row.text] as const))('%s', (_id, text) => {
		expect(entryOf(layout(text))).toBe(entryOf(text));
	});
});

describe('evidence points into the original text, whatever the layout', () => {
	test.each(textLayouts)('%s', (_layout, layout) => {
		const text = layout(withHostPrefix(messages.delegationNtlmOnly));
		const diagnosis = diagnose(text);
		expect(diagnosis.evidence.length).toBeGreaterThan(0);
		for (const evidence of diagnosis.evidence)
			expect(text.slice(evidence.start, evidence.end)).toBe(evidence.text);
		const squashed = diagnosis.evidence.map((evidence) => squash(evidence.text)).join(' ');
		expect(squashed).toContain('becausethecomputerisnottrusted');
	});
});
