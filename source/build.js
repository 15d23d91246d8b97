// Bundles the CLI so an admin mid-incident waits for one file to load, not hundreds.
// Ink and React land in a separate chunk that only the interactive path imports.
// Ink, React and meow are bundled in, so a user installs only node-powershell (see package.json).
import {copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {basename, dirname} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The JSON schema `--json` names in its `$schema`; shipped beside the bundle as dist/result.schema.json. */
export const resultSchemaSource = 'source/report/result.schema.json';

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

// CommonJS code bundled into ESM (node-powershell's callers, Ink's dependencies) calls require:
// only the files that do get one, since making it resolves the file's path on every start.
const requireBanner =
	"import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);\n";

/**
 * `explain` is its own file, dist/explain.js, with everything it uses inside: split into the
 * chunks it shares with the guided flow it loaded a dozen files, and each file costs Node a
 * resolve, a read and a module record on the way to the answer. cli.js imports it by that name.
 */
const explainApart = {
	name: 'explain-apart',
	setup(build) {
		build.onResolve({filter: /^\.\/commands\/explain\.js$/}, () => ({
			path: './explain.js',
			external: true,
		}));
	},
};

export async function buildDist() {
	// Chunk names change with their content: old ones must not pile up (or be published).
	rmSync(`${root}/dist`, {recursive: true, force: true});
	const options = {
		...sharedOptions,
		target: 'node20',
		// The one runtime dependency (package.json "dependencies"): it spawns PowerShell.
		external: ['node-powershell'],
		write: false,
	};
	const [cli, explain] = await Promise.all([
		build({
			...options,
			outdir: 'dist',
			splitting: true,
			plugins: [...sharedOptions.plugins, explainApart],
		}),
		build({...options, entryPoints: ['source/commands/explain.ts'], outfile: 'dist/explain.js'}),
	]);
	for (const file of [...cli.outputFiles, ...explain.outputFiles]) {
		const shebang = basename(file.path) === 'cli.js' ? '#!/usr/bin/env node\n' : '';
		const banner = /(?<![\w$.])require\b/.test(file.text) ? requireBanner : '';
		mkdirSync(dirname(file.path), {recursive: true});
		writeFileSync(file.path, shebang + banner + file.text);
	}
	copyFileSync(`${root}/${resultSchemaSource}`, `${root}/dist/result.schema.json`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildDist();
