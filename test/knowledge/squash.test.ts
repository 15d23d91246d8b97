// The catalog's phrases are squashed the short way when explain starts; that must give exactly
// what the full normalisation gives, or a phrase would silently stop matching.
import {describe, expect, test} from 'vitest';
import {catalog} from '../../source/knowledge/catalog.js';
import {normalize, squash} from '../../source/knowledge/normalize.js';

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
