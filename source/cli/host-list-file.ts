// --hop1 a,b,c or @file, read (the file) and checked (safety/host-list.ts). The file is decoded as
// explain decodes a saved error (windows/saved-text.ts): Windows PowerShell 5.1's `>` and Out-File
// write UTF-16LE with a byte-order mark (about_Character_Encoding, 5.1), so a list made there is
// read as the text it is, not refused for its first byte.
import {readFileSync} from 'node:fs';
import {parseHostList, type HostList} from '../safety/host-list.js';
import {notText} from '../windows/not-text.js';
import {decodeSavedText} from '../windows/saved-text.js';

const saveAsText =
	'Save the list as UTF-8 or ASCII text, one computer name a line, e.g. Get-Content old.txt | Set-Content -Encoding ascii hosts.txt';

export function readHop1List(value: string): HostList {
	return parseHostList(value, (path) => {
		let bytes: Buffer;
		try {
			bytes = readFileSync(path);
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
		const {text, encoding} = decodeSavedText(bytes);
		const binary = notText(bytes, encoding === 'utf-16le' || encoding === 'utf-16be');
		if (binary !== undefined) {
			// "not text (it holds NUL bytes)" says it already; "a picture (PNG)" needs saying.
			const what = binary.what.startsWith('not text') ? binary.what : `${binary.what}, not text`;
			return {ok: false, reason: what, nextStep: saveAsText};
		}
		return {ok: true, text};
	});
}
