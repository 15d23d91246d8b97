// A pipe or a file on standard input is read from its descriptor, without making process.stdin
// (which loads Node's stream and socket classes: milliseconds of explain's start). A descriptor that
// cannot be read that way must still give the whole error, through the stream.
import {closeSync, mkdtempSync, openSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, test} from 'vitest';
import {readErrorText} from '../../source/cli/read-input.js';

const error =
	'Connecting to remote server hyperv1 failed with the following error message : Access is denied.\r\n';

const opened: number[] = [];
afterEach(() => {
	for (const fd of opened.splice(0)) closeSync(fd);
});

function open(path: string): number {
	const fd = openSync(path, 'r');
	opened.push(fd);
	return fd;
}

describe('explain reading a pipe or a file on standard input', () => {
	test('a file on standard input is read whole from its descriptor, no stream made', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'doublehop-piped-'));
		writeFileSync(join(folder, 'error.txt'), error);
		const stdin = {
			piped: open(join(folder, 'error.txt')),
			stream: () => {
				throw new Error('the stream was made');
			},
		};
		expect(await readErrorText(undefined, stdin, () => undefined)).toEqual({ok: true, text: error});
	});

	test('a descriptor that refuses to be read (a folder here, EAGAIN on a non-blocking pipe) is read through the stream', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'doublehop-piped-'));
		const stream = new PassThrough();
		stream.end(error);
		const stdin = {piped: open(folder), stream: () => stream as unknown as NodeJS.ReadStream};
		expect(await readErrorText(undefined, stdin, () => undefined)).toEqual({ok: true, text: error});
	});

	test('more than the limit keeps its first quarter and its last three, and says what was left out', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'doublehop-piped-'));
		const lines = Array.from({length: 100}, (_, i) => `line ${String(i).padStart(2, '0')}\n`);
		writeFileSync(join(folder, 'big.txt'), lines.join(''));
		const stdin = {piped: open(join(folder, 'big.txt')), stream: () => new PassThrough() as never};
		const limit = 8 * 40;
		const read = await readErrorText(undefined, stdin, () => undefined, {limit});
		expect(read).toMatchObject({ok: true, cut: {head: 80, tail: 240, total: 800, whole: true}});
		const text = (read as {text: string}).text;
		expect(text.startsWith(lines.slice(0, 10).join(''))).toBe(true);
		expect(text).toContain('[... 1 KB left out ...]');
		// The last 240 bytes, from their first whole line: lines 70 to 99.
		expect(text.endsWith(lines.slice(71).join(''))).toBe(true);
		expect(text).not.toContain('line 50');
	});
});
