// The whole command line read by meow, for every command but the plain explain forms: loaded only
// here, as meow's bundle (package-data and licence tables) costs explain more than the diagnosis.
import meow from 'meow';
import {flags, helpText, programPackage, valueFlagNames, type CommandLine} from './flags.js';

/**
 * A value that starts with a dash (`--for -2h`, `--hop1 -x`) is that flag's value, as unknownFlag
 * (flags.ts) reads it: joined as `--for=-2h`, so meow does not take it for a flag of its own and
 * exit with a bare "Unknown flag". The value is then checked, and refused in doublehop's words.
 */
function withDashValuesJoined(argv: string[]): string[] {
	const takesValue = valueFlagNames();
	const joined: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		const value = argv[index + 1];
		if (argument === '--') return [...joined, ...argv.slice(index)];
		if (takesValue.has(argument) && value !== undefined && value.startsWith('-') && value !== '-') {
			joined.push(`${argument}=${value}`);
			index++;
		} else joined.push(argument);
	}
	return joined;
}

export function parseCommandLine(argv: string[]): CommandLine {
	return meow(helpText, {
		importMeta: import.meta,
		// Bundled in, so meow need not search the disk for package.json at every start. A copy: meow
		// normalises the object it is given in place.
		pkg: {...programPackage},
		argv: withDashValuesJoined(argv),
		autoHelp: false,
		autoVersion: false,
		allowUnknownFlags: false,
		flags,
	});
}
