// PowerShell's own messages in the nine languages it ships translations for (copied from its
// resource files, see source/knowledge/causes/translations.ts) are given the cause their English
// original is given.
import {describe, expect, test} from 'vitest';
import * as translations from '../../source/knowledge/causes/translations.js';
import {diagnose} from '../../source/knowledge/diagnose.js';

const classOf = (text: string) => {
	const diagnosis = diagnose(text);
	if (diagnosis.status === 'ambiguous') return `${diagnosis.causes[0]} (ambiguous)`;
	return diagnosis.status === 'recognised' ? diagnosis.best.class : 'not recognised';
};

const expected: Record<string, string> = {
	elevationNeeded: 'needs-elevation',
	runAsAdministrator: 'needs-elevation',
	winrmServiceNotStarted: 'local-winrm-stopped',
	configurationCorrupted: 'credssp-client-disabled',
	notConfiguredToReceive: 'credssp-server-disabled',
	settingCannotBeEnabled: 'gpo-controlled',
	settingCannotBeDisabled: 'gpo-controlled',
	notConfiguredToDelegate: 'delegation-policy',
	basicOverHttpOnUnix: 'https-listener',
	mechanismNeedsCredential: 'credential-required',
	// Ambiguous by design: the shell not elevated, or PowerShell 7's own container lookup.
	containerNotFound: 'needs-elevation (ambiguous)',
};

const cases = Object.entries(expected).flatMap(([name, cause]) => {
	const messages = translations[name as keyof typeof translations] as Record<string, string>;
	return Object.entries(messages).map(([language, text]) => [name, language, text, cause]);
});

describe("PowerShell's own messages, in every language it is translated into", () => {
	test('every message is listed here', () => {
		const listed = Object.keys(translations).filter((name) => name !== 'inEveryLanguage');
		expect(listed.sort()).toEqual(Object.keys(expected).sort());
	});

	test.each(cases)('%s (%s): %s -> %s', (_name, _language, text, cause) => {
		expect(classOf(text as string)).toBe(cause);
	});
});
