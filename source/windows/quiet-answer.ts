// A second hop that fails quietly: some commands answer False or nothing, not an error, when
// the machine they reach refuses them. Test-Path is the known case: it returns False for a share it
// may not open (PowerShell/PowerShell#6474: `Test-Path \\server\share\restrictedfolder` "Returns
// False" for a user without access; shared/reference/powershell-remoting.md 1.3 "or just False").
// From the first hop without a delegated credential, that is what the double hop looks like.
import {secondHopReaches} from './second-hop-reach.js';

/** The other machine a command reaches, and for a share the UNC path as written. */
export type Reached = {computer: string; path?: string};

/** The first machine other than `hop1` that the command names, or undefined when none. */
export function machineReached(command: string, hop1: string): Reached | undefined {
	const reach = secondHopReaches(command).find(({computer}) => !isSameMachine(computer, hop1));
	if (reach === undefined) return undefined;
	return reach.path === undefined
		? {computer: reach.computer}
		: {computer: reach.computer, path: reach.path};
}

/** hyperv1 and hyperv1.contoso.com name one machine; localhost and . name the one it runs on. */
function isSameMachine(name: string, hop1: string): boolean {
	const a = name.toLowerCase().replace(/\.$/, '');
	const b = hop1.toLowerCase().replace(/\.$/, '');
	if (a === 'localhost' || a === '.' || a === b) return true;
	const short = (value: string) => value.split('.')[0];
	return (!a.includes('.') || !b.includes('.')) && short(a) === short(b);
}

/** 'False' for a boolean False (each line), 'nothing' for no output, else undefined. */
export function quietAnswer(output: string): 'False' | 'nothing' | undefined {
	const text = output.trim();
	if (text === '') return 'nothing';
	return /^False(\s+False)*$/.test(text) ? 'False' : undefined;
}
