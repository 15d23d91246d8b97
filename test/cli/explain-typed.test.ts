// An error pasted at `doublehop explain` in a terminal ends with the end-of-input key. On Windows
// the console hands Node Ctrl+Z as a character, so the stream itself never ends
// (nodejs/node#61397: "^Z" then Enter arrives as the bytes 1a 0d 0a): the tool must end there.
import {PassThrough} from 'node:stream';
import {describe, expect, test} from 'vitest';
import {readErrorText} from '../../source/cli/read-input.js';

const error =
	'Connecting to remote server hyperv1 failed with the following error message : Access is denied. For more information, see the about_Remote_Troubleshooting Help topic.\r\n';

/** A terminal's stdin that delivers `chunks` as typed and never ends by itself. */
function terminal(chunks: string[], ended = false) {
	const stream = Object.assign(new PassThrough(), {isTTY: true});
	for (const chunk of chunks) stream.write(chunk);
	// A Unix terminal's Ctrl+D (twice, after text) ends the stream itself.
	if (ended) stream.end();
	return stream as unknown as NodeJS.ReadStream;
}

async function typed(chunks: string[], {ended = false} = {}) {
	const shown: string[] = [];
	const stdin = {stream: () => terminal(chunks, ended)};
	const read = readErrorText(undefined, stdin, (text) => shown.push(text));
	const hung = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 2000));
	return {result: await Promise.race([read, hung]), shown};
}

describe('explain reading a paste at a terminal', () => {
	test('Ctrl+Z then Enter on its own line ends it (Windows console)', async () => {
		const {result, shown} = await typed([error, '\x1a\r\n']);
		expect(shown.join('')).toMatch(/Paste the PowerShell error/);
		expect(result).toEqual({ok: true, text: error});
	});

	test('Ctrl+Z typed right after the paste, on the same line, keeps the text before it', async () => {
		const {result} = await typed([error.trimEnd(), '\x1a\r\n']);
		expect(result).toEqual({ok: true, text: error.trimEnd()});
	});

	test('Ctrl+D after text with no Enter (a Unix terminal ends the input there): the answer starts on a new line', async () => {
		const {result, shown} = await typed([error.trimEnd()], {ended: true});
		expect(result).toEqual({ok: true, text: error.trimEnd()});
		expect(shown.join('')).toMatch(/Ctrl\+D:\n\n$/);
	});

	test('Ctrl+D on a line of its own: no blank line is added', async () => {
		const {shown} = await typed([error], {ended: true});
		expect(shown.join('')).toMatch(/Ctrl\+D:\n$/);
	});

	test('Ctrl+D as a character (a Windows console) ends it too', async () => {
		const {result} = await typed([error, '\x04\r\n']);
		expect(result).toEqual({ok: true, text: error});
	});
});
