// Bundles the CLI so an admin mid-incident waits for one file to load, not hundreds.
// Ink and React land in a separate chunk that only the interactive path imports.
// Ink, React and meow are bundled in, so a user installs only node-powershell (see package.json).
import {execFileSync} from 'node:child_process';
import {createRequire} from 'node:module';
import {copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The JSON schema `--json` names in its `$schema`; shipped beside the bundle as dist/result.schema.json. */
export const resultSchemaSource = 'source/report/result.schema.json';

/** The schema of `explain --json` ("schema": "doublehop/diagnosis@1"); shipped as dist/diagnosis.schema.json. */
export const diagnosisSchemaSource = 'source/report/diagnosis.schema.json';

/**
 * Ink attaches React DevTools when DEV=true (a common variable in admins' shells) and, since
 * react-devtools-core is not shipped, tells the admin to install it. Ink reads DEV through its
 * own `import process from 'node:process'`, which esbuild's define cannot reach, so its one
 * check is answered here. Fails the build if Ink words it differently, rather than leak again.
 */
const inkWithoutDevtools = {
	name: 'ink-without-devtools',
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]utils\.js$/}, ({path}) => {
			const text = readFileSync(path, 'utf8');
			const check = "process.env['DEV'] === 'true'";
			if (!text.includes(check))
				throw new Error(`Ink's DEV check is no longer ${check} in ${path}`);
			return {contents: text.replace(check, 'false'), loader: 'js'};
		});
		// Its import stays in the bundle, never run: an empty stand-in, as the package is not shipped.
		build.onResolve({filter: /^react-devtools-core$/}, () => ({
			path: 'react-devtools-core',
			namespace: 'absent',
		}));
		build.onLoad({filter: /.*/, namespace: 'absent'}, () => ({
			contents: 'export default {};',
			loader: 'js',
		}));
	},
};

/** What every bundle of the CLI shares: the npm package's dist/ and the Windows exe. */
export const sharedOptions = {
	entryPoints: ['source/cli.ts'],
	absWorkingDir: root,
	bundle: true,
	format: 'esm',
	platform: 'node',
	jsx: 'automatic',
	// React's production build: the development one checks and warns on every render.
	define: {'process.env.NODE_ENV': '"production"'},
	plugins: [inkWithoutDevtools],
	logLevel: 'warning',
	legalComments: 'none',
};

/**
 * sharedOptions with knowledge/squashed-at-build.ts filled in: diagnose.ts's squashedTexts(), run
 * once here from the same source, so explain's first diagnosis looks its phrases up.
 */
export async function withSquashedTexts(options) {
	const {
		outputFiles: [bundle],
	} = await build({
		...sharedOptions,
		entryPoints: undefined,
		stdin: {
			contents: "export {squashedTexts} from './source/knowledge/diagnose.ts';",
			resolveDir: root,
			loader: 'ts',
		},
		format: 'cjs',
		write: false,
	});
	const module = {exports: {}};
	new Function('module', 'exports', 'require', bundle.text)(
		module,
		module.exports,
		createRequire(import.meta.url),
	);
	const table = JSON.stringify(module.exports.squashedTexts());
	const squashedAtBuild = {
		name: 'squashed-at-build',
		setup(build) {
			build.onLoad({filter: /[\\/]knowledge[\\/]squashed-at-build\.ts$/}, () => ({
				contents: `export const squashedAtBuild = new Map(Object.entries(JSON.parse(${JSON.stringify(table)})));`,
				loader: 'js',
			}));
		},
	};
	return {...options, plugins: [...options.plugins, squashedAtBuild]};
}

// CommonJS code bundled into ESM (node-powershell's callers, Ink's dependencies) calls require:
// only the files that do get one, since making it resolves the file's path on every start.
const requireBanner =
	"import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);\n";

/**
 * `explain` is its own file, with everything it uses inside: split into the chunks it shares with
 * the guided flow it loaded a dozen files, each a resolve, a read and a module record on the way
 * to the answer. It is written as a script (one function expression taking CommonJS's names) that
 * cli/load-explain.ts compiles with V8's code cache, made here after a warm-up run; the source's
 * plain import of it is for the tests and the exe, so dist's chunks leave it out.
 */
const explainApart = {
	name: 'explain-apart',
	setup(build) {
		build.onResolve({filter: /^\.\.\/commands\/explain\.js$/}, ({importer}) =>
			/load-explain\.ts$/.test(importer)
				? {path: 'explain', namespace: 'explain-script'}
				: undefined,
		);
		build.onLoad({filter: /.*/, namespace: 'explain-script'}, () => ({
			contents: `throw new Error('dist/${explainScript} is missing: run npm run build');`,
			loader: 'js',
		}));
	},
};
const explainScript = 'explain.script.js';
const explainCache = 'explain.cache';

/**
 * V8's code cache for dist/explain.script.js, taken after explaining every public transcript in
 * each output form, so the functions a diagnosis runs are in it compiled. Made in a child with
 * no flags: V8 accepts a cache only from the same version and flags, which is how the CLI runs.
 */
function writeExplainCache() {
	const samples = `${root}/fixtures/errors/public.jsonl`;
	const warmUp = `
		const {readFileSync, writeFileSync, existsSync} = require('node:fs');
		const {Script} = require('node:vm');
		const script = new Script(readFileSync(${JSON.stringify(`${root}/dist/${explainScript}`)}, 'utf8'));
		const module = {exports: {}};
		script.runInThisContext()(module.exports, require, module);
		const samples = ${JSON.stringify(samples)};
		const texts = existsSync(samples)
			? readFileSync(samples, 'utf8').split('\\n').filter(Boolean).map((line) => JSON.parse(line).text)
			: [];
		for (const text of texts)
			for (const options of [
				{json: false, ascii: false, width: 80},
				{json: true, ascii: false, width: 80},
				{json: false, ascii: true, width: 40, hop1: 'hyperv1', hop2: 'hyperv2', command: 'Get-VM'},
			])
				module.exports.explain(text, options);
		writeFileSync(${JSON.stringify(`${root}/dist/${explainCache}`)}, script.createCachedData());
	`;
	const env = {...process.env};
	delete env.NODE_OPTIONS;
	execFileSync(process.execPath, ['--input-type=commonjs', '-e', warmUp], {env, stdio: 'inherit'});
}

/**
 * dist/cli.js is CommonJS (dist/package.json says so): Node starts a CommonJS file faster than a
 * module, and explain, answered from it alone, is held to node's own start. Everything else is
 * dist/main.mjs and its chunks, which cli.js imports (Ink and Yoga load as modules).
 */
const mainApart = {
	name: 'main-apart',
	setup(build) {
		build.onResolve({filter: /^\.\/cli\/main\.js$/}, () => ({path: './main.mjs', external: true}));
	},
};

export async function buildDist() {
	// Chunk names change with their content: old ones must not pile up (or be published).
	rmSync(`${root}/dist`, {recursive: true, force: true});
	const options = {
		...(await withSquashedTexts(sharedOptions)),
		target: 'node20',
		// The one runtime dependency (package.json "dependencies"): it spawns PowerShell.
		external: ['node-powershell'],
		write: false,
	};
	const [entry, main, explain] = await Promise.all([
		build({
			...options,
			format: 'cjs',
			outfile: 'dist/cli.js',
			// load-explain.ts finds the explain script beside itself.
			define: {...options.define, 'import.meta.url': 'cliUrl'},
			banner: {js: "const cliUrl = require('node:url').pathToFileURL(__filename).href;"},
			plugins: [...options.plugins, explainApart, mainApart],
		}),
		build({
			...options,
			entryPoints: {main: 'source/cli/main.ts'},
			outdir: 'dist',
			outExtension: {'.js': '.mjs'},
			splitting: true,
			plugins: [...options.plugins, explainApart],
		}),
		build({
			...options,
			entryPoints: ['source/commands/explain.ts'],
			format: 'cjs',
			outfile: `dist/${explainScript}`,
		}),
	]);
	mkdirSync(`${root}/dist`, {recursive: true});
	writeFileSync(`${root}/dist/package.json`, '{"type": "commonjs"}\n');
	const [cli] = entry.outputFiles;
	writeFileSync(cli.path, `#!/usr/bin/env node\n${cli.text}`);
	for (const file of main.outputFiles) {
		const banner = /(?<![\w$.])require\b/.test(file.text) ? requireBanner : '';
		writeFileSync(file.path, banner + file.text);
	}
	const [script] = explain.outputFiles;
	writeFileSync(script.path, `(function (exports, require, module) {\n${script.text}\n})`);
	writeExplainCache();
	copyFileSync(`${root}/${resultSchemaSource}`, `${root}/dist/result.schema.json`);
	copyFileSync(`${root}/${diagnosisSchemaSource}`, `${root}/dist/diagnosis.schema.json`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildDist();
