// Files a run writes besides its journal (--export, --transcript, --lab-state), checked before
// anything runs: a run that could not keep its record must say so before it changes a machine,
// not fail after. The check writes to find out, and leaves nothing: permission bits do not say it
// (Node's access() on Windows reads only the read-only attribute, not the folder's ACL, and root
// passes it anywhere, /proc included). A file a flag names must be in a folder that exists: a
// folder misspelt would otherwise be made, silently, wherever the typo points (as root, anywhere).
import {closeSync, openSync, statSync, unlinkSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';

const errorCode = (error: unknown) =>
	(error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** Why `path` cannot be written as a file, or undefined when it can. */
function whyUnwritable(path: string): string | undefined {
	let existing = resolve(path);
	// The nearest part of the path that exists: the file itself, or the folder it will be made in.
	for (;;) {
		try {
			const stat = statSync(existing);
			if (existing === resolve(path) && stat.isDirectory()) return 'it is a folder';
			if (existing !== resolve(path) && !stat.isDirectory()) {
				return `${existing} is a file, not a folder`;
			}
			break;
		} catch (error) {
			const code = errorCode(error);
			if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(existing) === existing) return code;
			existing = dirname(existing);
		}
	}
	try {
		if (existing === resolve(path)) {
			// The file is there: opened for writing, not truncated (a read-only file is refused).
			closeSync(openSync(existing, 'r+'));
		} else {
			const probe = join(existing, `.doublehop-write-check-${process.pid}`);
			closeSync(openSync(probe, 'wx'));
			unlinkSync(probe);
		}
		return undefined;
	} catch (error) {
		return errorCode(error);
	}
}

/** The folder `path` would be written in, when it does not exist (a file on the way is said apart). */
function missingFolder(path: string): string | undefined {
	const folder = dirname(resolve(path));
	try {
		statSync(folder);
		return undefined;
	} catch (error) {
		return errorCode(error) === 'ENOENT' ? folder : undefined;
	}
}

const makeFolder = (folder: string) =>
	process.platform === 'win32'
		? `New-Item -ItemType Directory -Path '${folder.replace(/'/g, "''")}'`
		: `mkdir -p '${folder.replace(/'/g, "'\\''")}'`;

/**
 * The refusal for a file a flag names that cannot be written, said like the journal's.
 * `makeFolders`: the default transcript, in doublehop's own state folder, may make its folders.
 */
export function outputUnwritable(
	flag: string,
	path: string,
	options: {makeFolders?: boolean} = {},
): string | undefined {
	const missing = options.makeFolders === true ? undefined : missingFolder(path);
	if (missing !== undefined) {
		return `${flag} ${path}: the folder ${missing} does not exist. Check its name, or create it (${makeFolder(missing)}), then run again. Nothing was changed.`;
	}
	const why = whyUnwritable(path);
	if (why === undefined) return undefined;
	return `${flag} ${path} cannot be written (${why}). Name a file in a folder you can write, then run again. Nothing was changed.`;
}
