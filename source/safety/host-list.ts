// --hop1 as many first hops: `a,b,c`, or `@file` with one name a line. Every name passes the
// same check as a single --hop1 (names.ts); a bad one is named with where it stands, so the admin
// can fix that line. Names that differ only in case are one host (DNS names ignore case).
import {sameMachine} from '../windows/host-names.js';
import {checkHostName} from './names.js';

export type HostList = {ok: true; hosts: string[]} | {ok: false; message: string};

/** How a list is read from a file: its text, or why it cannot be read (and what to do, if known). */
export type ReadListFile = (
	path: string,
) => {ok: true; text: string} | {ok: false; reason: string; nextStep?: string};

/** A name as listed: `where` names its place in a message about it alone, `at` beside another. */
type Listed = {name: string; where: string; at: string};

/**
 * A short name and a full name with the same first label (hv13, hv13.contoso.com) are one
 * computer when the full name is in the domain the short one resolves in, which only DNS on the
 * admin's machine can tell, and not before anything runs. Run as two first hops, one machine
 * would get each change twice at once, and two journal entries that each undo it. So the pair is
 * refused, naming both: listing the full name once is right either way, and two computers are
 * then two full names (hv13.contoso.com, hv13.fabrikam.com), which stay two hosts.
 */
function shortAndFull(first: Listed, second: Listed, file: string | undefined): string {
	const full = first.name.includes('.') ? first.name : second.name;
	const within = file === undefined ? '' : `${file}, `;
	return `--hop1 ${within}${first.at} and ${second.at} may be one computer, by its short and its full name: a run would change it twice at once. List it once, by its full name (${full}); if they are two computers, give each by its full name.`;
}

/** `file`: `@path` when the names are a file's lines. */
function merged(names: Listed[], file?: string): HostList {
	const hosts: string[] = [];
	const kept: Listed[] = [];
	const seen = new Set<string>();
	for (const listed of names) {
		const checked = checkHostName(listed.name);
		if (!checked.ok) return {ok: false, message: `--hop1 ${listed.where}: ${checked.reason}`};
		const key = checked.value.toLowerCase().replace(/\.$/, '');
		if (seen.has(key)) continue;
		const same = kept.find((earlier) => sameMachine(earlier.name, checked.value));
		if (same !== undefined) return {ok: false, message: shortAndFull(same, listed, file)};
		seen.add(key);
		kept.push(listed);
		hosts.push(checked.value);
	}
	if (hosts.length === 0) {
		return {
			ok: false,
			message:
				file === undefined
					? '--hop1 names no computer. Give one name, a list (hv01,hv02) or @file (one name a line).'
					: `--hop1 ${file} names no computer: it is empty, or holds only blank lines and # comments. Put one computer name a line in it.`,
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
			.map(({name, line}) => ({
				name,
				where: `@${path}, line ${line}`,
				at: `line ${line} (${name})`,
			}));
		return merged(names, `@${path}`);
	}
	if (!value.includes(',')) {
		const checked = checkHostName(value);
		return checked.ok
			? {ok: true, hosts: [checked.value]}
			: {ok: false, message: `--hop1: ${checked.reason}`};
	}
	const names = value
		.split(',')
		.map((name, index) => {
			const where = `entry ${index + 1} ("${name.trim()}")`;
			return {name: name.trim(), where, at: where};
		})
		.filter(({name}) => name !== '');
	return merged(names);
}
