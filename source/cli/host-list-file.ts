// --hop1 a,b,c or @file, read (the file) and checked (safety/host-list.ts).
import {readFileSync} from 'node:fs';
import {parseHostList, type HostList} from '../safety/host-list.js';

export function readHop1List(value: string): HostList {
	return parseHostList(value, (path) => {
		try {
			return {ok: true, text: readFileSync(path, 'utf8')};
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			return {
				ok: false,
				reason:
					code === 'ENOENT'
						? 'no such file'
						: code === 'EISDIR'
							? 'a folder, not a file'
							: `cannot be read (${code ?? (error as Error).message})`,
			};
		}
	});
}
