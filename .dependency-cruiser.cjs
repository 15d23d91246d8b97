// The rules for imports (npm run layers, part of npm run lint): no import circle, and no
// import from a lower floor to a higher one, nor between two folders of one floor. Floors, lowest
// first (the ground floor imports nothing of ours):
//   1 windows/    what Windows is: records, policy paths, delegation, certificate rules, error layout
//   2 stages/, safety/    the ten stages as data; names and Secret
//   3 operations/, knowledge/    one module per remote action; the error catalogue
//   4 hosts/      the Host interface, the lab, real PowerShell
//   5 tree/       the pure reducer
//   6 flow/       the runner
//   7 report/     records of a run: JSON, transcript, journal, --export, --tree, explain's text
//   8 ui/, commands/    Ink and screen-reader views; `doublehop explain`
//   9 cli/, cli.ts    flags, mode choice, the one exit
const floors = [
	['windows'],
	['stages', 'safety'],
	['operations', 'knowledge'],
	['hosts'],
	['tree'],
	['flow'],
	['report'],
	['ui', 'commands'],
	['cli'],
];

// A folder and, for cli, the file of the same name beside it (source/cli.ts).
const folder = (names) => `^source/(${names.join('|')})(/|\\.ts$)`;

// For each floor: what it may not import (every floor above it, and the other folders of its own).
const upward = floors.flatMap((names, index) => {
	const above = floors.slice(index + 1).flat();
	return names.map((name) => ({
		name: `no-upward-from-${name}`,
		comment: `source/${name} is on floor ${index + 1}: it may import only floors below it`,
		severity: 'error',
		from: {path: folder([name])},
		to: {path: folder([...above, ...names.filter((other) => other !== name)])},
	}));
});

module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			comment: 'Files that import each other in a loop: move what both need one floor down.',
			severity: 'error',
			from: {},
			to: {circular: true},
		},
		...upward,
	],
	options: {
		doNotFollow: {path: 'node_modules'},
		exclude: {path: '^source/build\\.js$'},
		tsConfig: {fileName: 'tsconfig.json'},
		tsPreCompilationDeps: true,
		enhancedResolveOptions: {extensions: ['.ts', '.tsx', '.js', '.json']},
	},
};
