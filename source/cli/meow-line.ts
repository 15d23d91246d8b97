// The whole command line read by meow, for every command but the plain explain forms: loaded only
// here, as meow's bundle (package-data and licence tables) costs explain more than the diagnosis.
import meow from 'meow';
import {flags, helpText, programPackage, type CommandLine} from './flags.js';

export function parseCommandLine(argv: string[]): CommandLine {
	return meow(helpText, {
		importMeta: import.meta,
		// Bundled in, so meow need not search the disk for package.json at every start. A copy: meow
		// normalises the object it is given in place.
		pkg: {...programPackage},
		argv,
		autoHelp: false,
		autoVersion: false,
		allowUnknownFlags: false,
		flags,
	});
}
