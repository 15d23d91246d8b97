// The catalog's phrases are squashed the short way when explain starts; that must give exactly
// what the full normalisation gives, or a phrase would silently stop matching.
import {describe, expect, test} from 'vitest';
import {catalog} from '../../source/knowledge/catalog.js';
import {isAscii, keepsForeignLetters, normalize, squash} from '../../source/knowledge/normalize.js';

const fragments = catalog.flatMap((entry) => [
	...entry.matchers.phrases.map((phrase) => phrase.text),
	...(entry.matchers.fqids ?? []).map((fqid) => fqid.id),
	...(entry.matchers.exceptions ?? []).map((exception) => exception.type),
]);

describe('squash', () => {
	test.each([
		...fragments,
		'Ａｃｃｅｓｓ　ｉｓ　ｄｅｎｉｅｄ．',
		'アクセスが拒否されました。',
		'«Accès refusé»',
		'about_Remote_Troubleshooting',
		'a &amp; b _x000D__x000A_ c',
		'İstanbul ǅ ß',
		'C:\\new\\path',
	])('%s', (fragment) => {
		expect(squash(fragment)).toBe(normalize(fragment).squashed.text);
	});
});

// A phrase said to keep foreign letters is skipped for a paste that is all ASCII: its squashed
// form must then really hold a non-ASCII letter, or a match would be missed.
describe('phrases skipped for an ASCII paste', () => {
	test.each(fragments.filter(keepsForeignLetters))('%s', (fragment) => {
		expect(isAscii(squash(fragment))).toBe(false);
	});

	test('full-width Latin, ligatures and curly quotes are not skipped: they squash to ASCII', () => {
		for (const fragment of ['ＷｉｎＲＭ', 'ﬁle', 'isn’t', 'Ĳssel']) {
			expect(keepsForeignLetters(fragment)).toBe(false);
		}
	});
});
