// How a call travels to the PowerShell process and back: one ASCII line per request (base64 of
// JSON whose strings are base64 too, so no value is ever parsed as code or as a date), and one
// marked JSON line per answer.
import type {ErrorRecord} from '../../windows/records.js';
import type {ParameterValue} from '../../operations/operation.js';
import {resultMarker} from './runtime.js';

function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}

type WireParameter =
	| {name: string; text: string}
	| {name: string; texts: string[]}
	| {name: string; flag: boolean}
	| {name: string; number: number};

export function wireParameters(parameters: Record<string, ParameterValue>): WireParameter[] {
	return Object.entries(parameters).map(([name, value]) => {
		if (typeof value === 'string') return {name, text: base64(value)};
		if (Array.isArray(value)) return {name, texts: value.map(base64)};
		if (typeof value === 'boolean') return {name, flag: value};
		return {name, number: value};
	});
}

/** Where a remote operation runs: the session to hop 1 it needs, opened with this credential. */
export type RemoteTarget = {
	computerName: string;
	authentication: 'Default' | 'CredSSP';
	/** The serial of the credential the session must be opened with. */
	credentialSerial: number;
	/** Kept open for later calls; a CredSSP session is closed once it has served. */
	keep: boolean;
	/** How long the TCP look at port 5985 (5986 with useSsl) may wait before "nothing answers". */
	probeMs: number;
	/** The script takes the run's credential as -Credential (the $using:cred method). */
	passCredential?: boolean;
	/** The script takes the RunAs account's credential, sent just before, as -RunAsCredential. */
	passRunAsCredential?: boolean;
	/** New-PSSession -UseSSL: WinRM over HTTPS, port 5986. */
	useSsl?: boolean;
};

export type Request = {
	id: string;
	script: string;
	parameters: Record<string, ParameterValue>;
	remote?: RemoteTarget;
	/**
	 * A script run here that takes the run's credential as -Credential (a fan-out to many first
	 * hops, operations/fleet-fan-out.ts): the serial of the credential it must be given.
	 */
	localCredentialSerial?: number;
	timeoutMs: number;
	openTimeoutMs: number;
};

export function requestLine(request: Request): string {
	const json = JSON.stringify({
		id: request.id,
		script: base64(request.script),
		parameters: wireParameters(request.parameters),
		credentialSerial: request.remote?.credentialSerial ?? request.localCredentialSerial ?? 0,
		remote: request.remote ?? null,
		localCredential: request.localCredentialSerial !== undefined,
		timeoutMs: request.timeoutMs,
		openTimeoutMs: request.openTimeoutMs,
	});
	return `Invoke-DoublehopRequest '${base64(json)}'`;
}

/** What travels over the credential channel (never stdin): one ASCII line. */
export function credentialPayload(user: string, password: string): string {
	return `${base64(user)}:${base64(password)}\n`;
}

/** Opens the channel: a pipe name on Windows, a socket path elsewhere. Not secret: only this user may use it. */
export function openChannelLine(name: string): string {
	return `Open-DoublehopCredentialChannel '${base64(name)}'`;
}

/** `runAs`: the RunAs account's credential, kept apart from the run's own for one request. */
export function receiveCredentialLine(serial: number, timeoutMs: number, runAs = false): string {
	return `Receive-DoublehopCredential ${serial} ${timeoutMs}${runAs ? ' RunAs' : ''}`;
}

export function bootstrapLine(runtime: string): string {
	return `. ([scriptblock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${base64(runtime)}'))))`;
}

export function initializeLine(module: string | undefined): string {
	return `Initialize-Doublehop '${base64(JSON.stringify({module: module === undefined ? null : base64(module)}))}'`;
}

export type Answer = (
	| {ok: true; value: unknown}
	| {ok: false; error: ErrorRecord}
	| {ok: false; timedOut: true}
	| {ok: false; silentPort: number}
	/** 5985 refused or stayed silent while 5986 answered: WinRM listens only over HTTPS. */
	| {ok: false; httpsOnly: 'refused' | 'silent'}
	/** With -UseSSL: 5986 refused or stayed silent while 5985 answered: no HTTPS listener. */
	| {ok: false; httpOnly: 'refused' | 'silent'}
	| {ok: false; missing: string}
) & {sessionsOpened?: number};

function errorRecordFrom(value: unknown): ErrorRecord | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const fields = value as Record<string, unknown>;
	const {
		message,
		fullyQualifiedErrorId,
		categoryInfo,
		exceptionType,
		hresult,
		targetObject,
		psComputerName,
	} = fields;
	if (
		typeof message !== 'string' ||
		typeof fullyQualifiedErrorId !== 'string' ||
		typeof categoryInfo !== 'string' ||
		typeof exceptionType !== 'string'
	) {
		return undefined;
	}
	return {
		message,
		fullyQualifiedErrorId,
		categoryInfo,
		exceptionType,
		...(typeof hresult === 'number' ? {hresult} : {}),
		...(typeof targetObject === 'string' ? {targetObject} : {}),
		...(typeof psComputerName === 'string' ? {psComputerName} : {}),
	};
}

/** Finds the answer line for `id` in what PowerShell printed between node-powershell's markers. */
export function readAnswer(stdout: string, id: string): Answer {
	const marker = `${resultMarker} ${id} `;
	const start = stdout.lastIndexOf(marker);
	if (start === -1) return {ok: false, missing: stdout.trim().slice(0, 500)};
	const end = stdout.indexOf('\n', start);
	const line = stdout.slice(start + marker.length, end === -1 ? undefined : end).trim();
	let parsed: unknown;
	try {
		parsed = JSON.parse(line);
	} catch {
		return {ok: false, missing: `unreadable JSON: ${line.slice(0, 200)}`};
	}
	const answer = parsed as Record<string, unknown>;
	const counted =
		typeof answer.sessionsOpened === 'number' ? {sessionsOpened: answer.sessionsOpened} : {};
	if (answer.ok === true) return {ok: true, value: answer.value ?? null, ...counted};
	if (answer.timedOut === true) return {ok: false, timedOut: true, ...counted};
	if (typeof answer.silentPort === 'number')
		return {ok: false, silentPort: answer.silentPort, ...counted};
	if (answer.httpsOnly === 'refused' || answer.httpsOnly === 'silent')
		return {ok: false, httpsOnly: answer.httpsOnly, ...counted};
	if (answer.httpOnly === 'refused' || answer.httpOnly === 'silent')
		return {ok: false, httpOnly: answer.httpOnly, ...counted};
	const error = errorRecordFrom(answer.error);
	return error === undefined
		? {ok: false, missing: `no error record in: ${line.slice(0, 200)}`}
		: {ok: false, error, ...counted};
}
