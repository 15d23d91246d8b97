// --hop1 as many first hops: `a,b,c`, or `@file` with one name a line. Every name passes the
// same check as a single --hop1 (names.ts); a bad one is named with where it stands, so the admin
// can fix that line. Names that differ only in case are one host (DNS names ignore case).
import {checkHostName} from './names.js';

export type HostList = {ok: true; hosts: string[]} | {ok: false; message: string};

/** How a list is read from a file: its text, or why it cannot be read (and what to do, if known). */
export type ReadListFile = (
	path: string,
) => {ok: true; text: string} | {ok: false; reason: string; nextStep?: string};

function merged(names: {name: string; where: string}[]): HostList {
	const hosts: string[] = [];
	const seen = new Set<string>();
	for (const {name, where} of names) {
		const checked = checkHostName(name);
		if (!checked.ok) return {ok: false, message: `--hop1 ${where}: ${checked.reason}`};
		const key = checked.value.toLowerCase().replace(/\.$/, '');
		if (seen.has(key)) continue;
		seen.add(key);
		hosts.push(checked.value);
	}
	if (hosts.length === 0) {
		return {
			ok: false,
			message:
				'--hop1 names no computer. Give one name, a list (hv01,hv02) or @file (one name a line).',
		};
	}
	return {ok: true, hosts};
}

/**
 * The first hops a --hop1 value names, in the order given, duplicates merged. `@path` reads a
 * file: one name a line, blank lines and lines starting with # skipped (a # later on a line starts
 * a comment too, as in a hosts file).
 */
export function parseHostList(value: string, readFile: ReadListFile): HostList {
	if (value.startsWith('@')) {
		const path = value.slice(1);
		if (path.trim() === '') {
			return {ok: false, message: '--hop1 @ needs a file name after the @, e.g. --hop1 @hosts.txt'};
		}
		const read = readFile(path);
		if (!read.ok) {
			return {
				ok: false,
				message: `--hop1 @${path}: ${read.reason}. ${read.nextStep ?? 'Give a text file with one computer name a line.'}`,
			};
		}
		const names = read.text
			.replace(/^\uFEFF/, '')
			.split(/\r?\n/)
			.map((line, index) => ({name: line.replace(/#.*$/, '').trim(), line: index + 1}))
			.filter(({name}) => name !== '')
			.map(({name, line}) => ({name, where: `@${path}, line ${line}`}));
		return merged(names);
	}
	if (!value.includes(',')) {
		const checked = checkHostName(value);
		return checked.ok
			? {ok: true, hosts: [checked.value]}
			: {ok: false, message: `--hop1: ${checked.reason}`};
	}
	const names = value
		.split(',')
		.map((name, index) => ({name: name.trim(), where: `entry ${index + 1} ("${name.trim()}")`}))
		.filter(({name}) => name !== '');
	return merged(names);
}
