// The build puts work of explain's first diagnosis into dist/ ahead of time (the catalogue's phrases
// squashed, knowledge/squashed-at-build.ts; the code cache): the knowledge base it ships must answer
// every labelled transcript exactly as the source does.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Script} from 'node:vm';
import {describe, expect, test} from 'vitest';
import {explain, type ExplainOptions} from '../../source/commands/explain.js';
import {cliPath} from '../terminal/terminal.js';

type Explain = typeof explain;

/** dist/explain.script.js loaded as cli/load-explain.ts loads it. */
function builtExplain(): Explain {
	const file = join(dirname(cliPath), 'explain.script.js');
	const wrapped = new Script(readFileSync(file, 'utf8'), {filename: file}).runInThisContext() as (
		exports: object,
		require: NodeJS.Require,
		module: {exports: object},
	) => void;
	const module = {exports: {}};
	wrapped(module.exports, createRequire(file), module);
	return (module.exports as {explain: Explain}).explain;
}

const texts = ['public.jsonl', 'real-tune.jsonl'].flatMap((name) =>
	readFileSync(fileURLToPath(new URL(`../../fixtures/errors/${name}`, import.meta.url)), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => (JSON.parse(line) as {text: string}).text),
);

describe("dist's knowledge base is the source's", () => {
	test.each<[string, ExplainOptions]>([
		['--json', {json: true, ascii: false, width: 80}],
		['the screen', {json: false, ascii: false, width: 80}],
		['ASCII, with the hops', {json: false, ascii: true, width: 60, hop1: 'hyperv1', hop2: 'fs01'}],
	])('every public and tune transcript gets the same answer (%s)', (_, options) => {
		const built = builtExplain();
		let differ = 0;
		for (const text of texts)
			if (built(text, options).stdout !== explain(text, options).stdout) differ++;
		expect(texts.length).toBeGreaterThan(800);

		expect(differ).toBe(0);
	});
});
