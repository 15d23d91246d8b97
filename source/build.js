// Bundles the CLI so an admin mid-incident waits for one file to load, not hundreds.
// Ink and React land in a separate chunk that only the interactive path imports.
import {rmSync} from 'node:fs';
import {build} from 'esbuild';

// Chunk names change with their content: old ones must not pile up (or be published).
rmSync('dist', {recursive: true, force: true});

await build({
	entryPoints: ['source/cli.ts'],
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	// Ink imports react-devtools-core only when DEV=true; it is not installed.
	external: ['react-devtools-core', 'node-powershell'],
	banner: {
		js: "#!/usr/bin/env node\nimport {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);",
	},
	// React's production build: the development one checks and warns on every render.
	define: {'process.env.NODE_ENV': '"production"'},
	logLevel: 'warning',
	legalComments: 'none',
});
