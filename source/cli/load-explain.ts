// explain's knowledge base is most of the code it runs, and compiling it (and, on the first
// diagnosis, every function it calls) was most of its start. The build leaves it in dist/ as a
// script with V8's code cache beside it, made after a warm-up run, so a start reuses that
// compiled code instead. A cache from another Node version is rejected by V8 itself, and the
// script is then compiled as usual: the answer is the same either way, only slower.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';
import {Script} from 'node:vm';
import type * as ExplainModule from '../commands/explain.js';

type Explain = typeof ExplainModule;

/** The script form the build writes: one function expression, given CommonJS's three names. */
type Wrapped = (exports: object, require: NodeJS.Require, module: {exports: object}) => void;

function fromBuiltScript(): Explain | undefined {
	let script: URL;
	let source: string;
	try {
		script = new URL('./explain.script.js', import.meta.url);
		source = readFileSync(script, 'utf8');
	} catch {
		// Not dist/ (the tests run the source; the exe has it all in one bundle): the plain import.
		return undefined;
	}
	let cachedData: Buffer | undefined;
	try {
		cachedData = readFileSync(new URL('./explain.cache', import.meta.url));
	} catch {
		cachedData = undefined;
	}
	const compiled = new Script(source, {
		filename: fileURLToPath(script),
		...(cachedData === undefined ? {} : {cachedData}),
	});
	const module = {exports: {}};
	(compiled.runInThisContext() as Wrapped)(module.exports, createRequire(script), module);
	return module.exports as Explain;
}

export async function loadExplain(): Promise<Explain> {
	return fromBuiltScript() ?? (await import('../commands/explain.js'));
}
