// What every operation module exports for the real host: its PowerShell script (data: a param()
// block whose parameters arrive as values, never spliced into the text) and a pure parser that
// turns the script's JSON value into the typed result the Host interface promises.
import {psArgument, psQuote} from '../safety/names.js';
import type {Outcome} from '../windows/records.js';

/** A parameter value as it travels to PowerShell. */
export type ParameterValue = string | string[] | boolean | number;

export type OperationScript<T> = {
	/** Stable name, e.g. `enable-client-credssp`; used in tests and error messages. */
	readonly name: string;
	/** Runs on this machine or, through Invoke-Command -Session inside the script, on hop 1. */
	readonly runsOn: 'client' | 'hop1';
	/** The PowerShell script: a param() block and a body that outputs one value. */
	readonly script: string;
	/** Parameters the script declares besides the one the host injects (Session). */
	readonly parameters: readonly string[];
	/** Whether the script takes -Session: an open PSSession to hop 1, which the host provides. */
	readonly remote: boolean;
	/** Whether the script takes -Credential: the run's credential, which the host provides. */
	readonly takesCredential?: boolean;
	/** Turns the script's JSON value into the typed result. Pure. */
	parse(value: unknown): Outcome<T>;
};

/**
 * The command shown for a script block run on hop 1, as an admin would type it: every operation
 * that runs there words its command through this one line.
 */
export function shownOnFirstHop(
	hop1: string,
	scriptBlock: string,
	authentication: 'Default' | 'CredSSP' = 'Default',
): string {
	const auth = authentication === 'CredSSP' ? ' -Authentication CredSSP' : '';
	return `Invoke-Command -ComputerName ${psArgument(hop1)} -Credential $cred${auth} -ScriptBlock { ${scriptBlock} }`;
}

/**
 * The same shown command for a first hop reached over HTTPS: every `Invoke-Command -ComputerName
 * <hop1>` that shownOnFirstHop wrote gains -UseSSL, and a port check looks at WinRM's HTTPS port
 * (5986) instead of 5985. Other text is untouched.
 */
export function overHttps(command: string): string {
	return command
		.replace(/(Invoke-Command -ComputerName \S+)(?= )(?! -UseSSL)/g, '$1 -UseSSL')
		.replace(/(Test-NetConnection -ComputerName \S+ -Port )5985\b/g, '$15986');
}

/**
 * An operation's script as the function an exported script defines: the script doublehop runs,
 * unchanged, as its body. Defining it changes nothing.
 */
export function scriptAsFunction(name: string, script: string): string[] {
	const body = script.trimEnd().split('\n');
	return [`function ${name} {`, ...body.map((line) => (line === '' ? line : `\t${line}`)), '}'];
}

/**
 * A call of that function with the parameters the host would pass: a list as @('a', 'b'), a
 * switch as $true. The script ends with its result for doublehop's host ({output = ''}): not
 * for the console.
 */
export function scriptFunctionCall(
	name: string,
	parameters: Record<string, readonly string[] | boolean>,
): string {
	const given = Object.entries(parameters)
		.map(([parameter, value]) =>
			typeof value === 'boolean'
				? ` -${parameter} $${String(value)}`
				: ` -${parameter} @(${value.map(psQuote).join(', ')})`,
		)
		.join('');
	return `$null = ${name}${given}`;
}
