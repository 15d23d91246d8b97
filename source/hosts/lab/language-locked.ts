// A console that AppLocker or WDAC hold to a restricted language mode runs nothing at all: the
// real host reads the mode before its runtime can load, so every call fails alike. The lab plays
// the same when the client's shell has such a languageMode.
import type {Outcome} from '../../windows/records.js';
import {constrainedLanguage} from '../language-mode.js';
import {calls} from './interruptible.js';
import type {LabMachine} from './scenario.js';

export function languageLocked<T extends object>(host: T, shell: LabMachine['shell']): T {
	const mode = shell?.languageMode ?? 'FullLanguage';
	if (mode === 'FullLanguage') return host;
	const locked = Object.create(
		Object.getPrototypeOf(host) as object,
		Object.getOwnPropertyDescriptors(host),
	) as T;
	const refused = async (): Promise<Outcome<never>> => ({
		ok: false,
		error: constrainedLanguage(mode),
	});
	for (const name of calls) (locked as Record<string, unknown>)[name] = refused;
	return locked;
}
