// One PowerShell process for the whole run, reused for every operation. Calls are queued (the
// process runs one thing at a time); each has a time limit on both sides: PowerShell stops an
// operation that overruns and answers at once, and should the process itself stop answering,
// this side gives up a little later, ends it, and starts a fresh one for the next call.
// Remote operations share one session per hop (PowerShell keeps them; see runtime.ts).
import {PowerShell} from 'node-powershell';
import type {Credential} from '../host.js';
import type {ErrorRecord, Outcome} from '../../windows/records.js';
import type {OperationScript, ParameterValue} from '../../operations/operation.js';
import type {Secret} from '../../safety/secret.js';
import type {FoundPowerShell} from './find-powershell.js';
import {newCredentialChannel, writeToChannel} from './credential-channel.js';
import {noHttpsListener, onlyHttpsAnswers, portNotAnswering, probeSeconds} from '../port-probe.js';
import {constrainedLanguage} from '../language-mode.js';
import {noAnswer, powerShellFailed} from './host-errors.js';
import {killProcessTree} from './kill-tree.js';
import {readLanguageMode} from './language-mode.js';
import {
	bootstrapLine,
	credentialPayload,
	initializeLine,
	openChannelLine,
	readAnswer,
	receiveCredentialLine,
	requestLine,
} from './protocol.js';
import type {Answer, RemoteTarget} from './protocol.js';
import {runtimeScript} from './runtime.js';

export type SessionOptions = {
	powershell: FoundPowerShell;
	/** How long PowerShell waits for a WinRM session to open (a slow host over a WAN needs time). */
	connectTimeoutMs: number;
	/** How long the TCP look at port 5985 (or 5986) waits before "nothing answers" (default 3 s). */
	probeSeconds?: number;
	/** Extra time this side allows beyond a call's own limit before it ends the process. */
	graceMs?: number;
	/** How long the process may take to start and load the runtime. */
	startTimeoutMs?: number;
	/** Test only: a module imported into the operations' runspace (the lab stubs). */
	testOnlyModule?: string;
};

export type Call = {
	operation: OperationScript<unknown>;
	parameters: Record<string, ParameterValue>;
	credential?: Credential;
	/** How the session to hop 1 authenticates (remote operations only; default 'Default'). */
	authentication?: 'Default' | 'CredSSP';
	/** Whether the session to hop 1 uses -UseSSL (HTTPS, port 5986); default HTTP (5985). */
	useSsl?: boolean;
	/** A RunAs account's credential, sent over the channel and passed as -RunAsCredential. */
	runAs?: Credential;
	/** Who the call talks to, for the "no answer from" message. */
	target: string;
	timeoutMs: number;
};

type Timed<T> = {done: true; value: T} | {done: false};

async function within<T>(promise: Promise<T>, ms: number): Promise<Timed<T>> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<Timed<T>>((resolve) => {
		timer = setTimeout(() => resolve({done: false}), ms);
	});
	try {
		return await Promise.race([promise.then((value) => ({done: true as const, value})), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * One line to the runtime and its marked answer (or why there is none). node-powershell keeps
 * every command it is given and its output: that history is emptied once the line is answered.
 */
async function ask(shell: PowerShell, line: string, id: string): Promise<Answer> {
	try {
		const invocation = await shell.invoke(line);
		return readAnswer(invocation.stdout?.toString('utf8') ?? '', id);
	} catch (error) {
		return {ok: false, missing: String(error)};
	} finally {
		shell.history.splice(0);
	}
}

export class PowerShellSession {
	readonly #options: SessionOptions;
	#shell: PowerShell | undefined;
	#queue: Promise<unknown> = Promise.resolve();
	#nextId = 1;
	#credentialSerial = 0;
	#sentCredential: {user: string; password: Secret} | undefined;
	#processesStarted = 0;
	/** Sessions opened by processes that have ended, and by the current one. */
	#sessionsBefore = 0;
	#sessionsNow = 0;
	#version: {psEdition: string; psVersion: string} | undefined;
	#ctrlC: string | undefined;
	#disposed = false;

	constructor(options: SessionOptions) {
		this.#options = options;
	}

	get processesStarted(): number {
		return this.#processesStarted;
	}

	/** Remote sessions PowerShell has opened to hop 1 so far (a full fix needs at most 2 per hop). */
	get sessionsOpened(): number {
		return this.#sessionsBefore + this.#sessionsNow;
	}

	/**
	 * What the runtime did about the console's Ctrl+C once started: 'ignored' on Windows (only
	 * doublehop's interrupt stops a call), 'not-windows' elsewhere, or 'failed: <why>'.
	 */
	get ctrlC(): string | undefined {
		return this.#ctrlC;
	}

	/** Edition and version once the process has started. */
	get version(): {psEdition: string; psVersion: string} | undefined {
		return this.#version;
	}

	run(call: Call): Promise<Outcome<unknown>> {
		const next = this.#queue.then(() => this.#runNow(call));
		this.#queue = next.catch(() => undefined);
		return next;
	}

	async dispose(): Promise<void> {
		this.#disposed = true;
		await this.#queue;
		await this.#stop('SIGTERM');
	}

	async #stop(signal: NodeJS.Signals): Promise<void> {
		const shell = this.#shell;
		this.#shell = undefined;
		this.#sentCredential = undefined;
		this.#sessionsBefore += this.#sessionsNow;
		this.#sessionsNow = 0;
		if (shell === undefined) return;
		// A PowerShell that stopped answering goes with everything it started (a launcher's child,
		// winrm.cmd, gpupdate), not only the process node-powershell holds.
		const pid = (shell as unknown as {process?: {pid?: number}}).process?.pid;
		if (signal === 'SIGKILL' && pid !== undefined) {
			killProcessTree(pid);
		}
		try {
			await shell.dispose(signal);
		} catch {
			// The process is gone either way; how it ended changes nothing for the caller.
		}
	}

	async #start(): Promise<Outcome<PowerShell>> {
		if (this.#shell !== undefined) return {ok: true, value: this.#shell};
		const {powershell, testOnlyModule} = this.#options;
		let shell: PowerShell;
		// node-powershell runs $NODE_POWERSHELL instead of the executable it is given: never that.
		const overridden = process.env.NODE_POWERSHELL;
		delete process.env.NODE_POWERSHELL;
		try {
			shell = new PowerShell({
				executable: powershell.executable,
				throwOnInvocationError: false,
				executableOptions: {
					'-NoProfile': true,
					'-NonInteractive': true,
					...(testOnlyModule === undefined ? {} : {'-ExecutionPolicy': 'Bypass'}),
				},
				// .NET on Unix writes terminal mode sequences after each line unless TERM is dumb;
				// trailing bytes after node-powershell's end marker make it miss the marker and hang.
				spawnOptions: {env: {...process.env, TERM: 'dumb'}},
			});
		} catch (error) {
			return {
				ok: false,
				error: powerShellFailed(`could not start ${powershell.executable}: ${String(error)}`),
			};
		} finally {
			if (overridden !== undefined) process.env.NODE_POWERSHELL = overridden;
		}
		this.#processesStarted += 1;
		// node-powershell rejects this promise when the process dies; the next call notices.
		(shell as unknown as {exitPromise?: Promise<void>}).exitPromise?.catch(() => undefined);
		this.#shell = shell;
		const startTimeoutMs = this.#options.startTimeoutMs ?? 60_000;
		// AppLocker or WDAC may hold the console to Constrained Language: then even node-powershell's
		// own markers fail, so ask first, in a line that needs no method call.
		const language = await readLanguageMode(shell, startTimeoutMs);
		if (!('mode' in language) || language.mode !== 'FullLanguage') {
			await this.#stop('SIGKILL');
			const why =
				'exited' in language
					? `could not start ${powershell.executable}: ${language.exited}`
					: `${powershell.executable} did not start within ${startTimeoutMs / 1000} s`;
			return {
				ok: false,
				error: 'mode' in language ? constrainedLanguage(language.mode) : powerShellFailed(why),
			};
		}
		const answer = await within(
			shell
				.invoke(bootstrapLine(runtimeScript))
				.then(() => ask(shell, initializeLine(testOnlyModule), 'init'))
				.catch((error: unknown): Answer => ({ok: false, missing: String(error)})),
			startTimeoutMs,
		);
		shell.history.splice(0);
		if (!answer.done || !answer.value.ok) {
			await this.#stop('SIGKILL');
			const why = !answer.done
				? `${powershell.executable} did not start within ${startTimeoutMs / 1000} s`
				: 'error' in answer.value
					? answer.value.error.message
					: 'missing' in answer.value
						? `${powershell.executable} did not load the doublehop runtime (${answer.value.missing || 'no output'})`
						: 'timed out';
			return {ok: false, error: powerShellFailed(why)};
		}
		const version = answer.value.value as {
			psEdition?: unknown;
			psVersion?: unknown;
			ctrlC?: unknown;
		};
		this.#version = {psEdition: String(version.psEdition), psVersion: String(version.psVersion)};
		this.#ctrlC = typeof version.ctrlC === 'string' ? version.ctrlC : undefined;
		return {ok: true, value: shell};
	}

	/**
	 * Hands the credential to PowerShell over its own channel, once per distinct credential and
	 * process. Never over stdin (Windows PowerShell's console host would read it as a command) and
	 * never through invoke(): node-powershell keeps the commands it is given.
	 */
	async #sendCredential(shell: PowerShell, credential: Credential): Promise<Outcome<number>> {
		const sent = this.#sentCredential;
		if (
			sent !== undefined &&
			sent.user === credential.user &&
			sent.password.equals(credential.password.reveal())
		) {
			return {ok: true, value: this.#credentialSerial};
		}
		const serial = this.#credentialSerial + 1;
		const received = await this.#sendOverChannel(shell, credential, serial, false);
		if (!received.ok) return received;
		this.#credentialSerial = serial;
		this.#sentCredential = {user: credential.user, password: credential.password};
		return {ok: true, value: serial};
	}

	/** A credential over a channel of its own (never stdin): the run's, or a RunAs account's. */
	async #sendOverChannel(
		shell: PowerShell,
		credential: Credential,
		serial: number,
		runAs: boolean,
	): Promise<Outcome<undefined>> {
		const channel = newCredentialChannel();
		const limitMs = 10_000;
		try {
			const opened = await this.#invokeOwn(shell, openChannelLine(channel.serverName), 'channel');
			if (!opened.ok) return opened;
			const [written, received] = await Promise.all([
				writeToChannel(
					channel.clientPath,
					credentialPayload(credential.user, credential.password.reveal()),
					limitMs,
				),
				this.#invokeOwn(shell, receiveCredentialLine(serial, limitMs, runAs), 'credential'),
			]);
			if (written !== undefined) return {ok: false, error: powerShellFailed(written)};
			return received;
		} finally {
			channel.close();
		}
	}

	/** One of the runtime's own commands (not an operation): its answer, or why there is none. */
	async #invokeOwn(shell: PowerShell, line: string, id: string): Promise<Outcome<undefined>> {
		const answer = await ask(shell, line, id);
		if (answer.ok) return {ok: true, value: undefined};
		if ('error' in answer) return {ok: false, error: answer.error};
		return {ok: false, error: powerShellFailed('missing' in answer ? answer.missing : id)};
	}

	async #runNow(call: Call): Promise<Outcome<unknown>> {
		if (this.#disposed) return {ok: false, error: powerShellFailed('the session was closed')};
		const started = await this.#start();
		if (!started.ok) return started;
		const shell = started.value;
		const id = String(this.#nextId++);
		let remote: RemoteTarget | undefined;
		if (call.operation.remote) {
			if (call.credential === undefined)
				throw new Error(`${call.operation.name} needs a credential`);
			const serial = await this.#sendCredential(shell, call.credential);
			if (!serial.ok) return serial;
			if (call.runAs !== undefined) {
				const sent = await this.#sendOverChannel(shell, call.runAs, serial.value, true);
				if (!sent.ok) return sent;
			}
			const authentication = call.authentication ?? 'Default';
			remote = {
				computerName: call.target,
				authentication,
				credentialSerial: serial.value,
				keep: authentication !== 'CredSSP',
				probeMs: (this.#options.probeSeconds ?? probeSeconds) * 1000,
				...(call.operation.takesCredential === true ? {passCredential: true} : {}),
				...(call.runAs === undefined ? {} : {passRunAsCredential: true}),
				useSsl: call.useSsl ?? false,
			};
		}
		let localCredentialSerial: number | undefined;
		if (!call.operation.remote && call.operation.takesCredential === true) {
			// A fan-out to many first hops (Invoke-Command -ComputerName <many>) takes the credential itself.
			if (call.credential === undefined)
				throw new Error(`${call.operation.name} needs a credential`);
			const serial = await this.#sendCredential(shell, call.credential);
			if (!serial.ok) return serial;
			localCredentialSerial = serial.value;
		}
		const line = requestLine({
			id,
			script: call.operation.script,
			parameters: call.parameters,
			...(remote === undefined ? {} : {remote}),
			...(localCredentialSerial === undefined ? {} : {localCredentialSerial}),
			timeoutMs: call.timeoutMs,
			openTimeoutMs: Math.min(this.#options.connectTimeoutMs, call.timeoutMs),
		});
		const seconds = Math.round(call.timeoutMs / 1000);
		const result = await within(
			ask(shell, line, id),
			call.timeoutMs + (this.#options.graceMs ?? 5_000),
		);
		if (!result.done) {
			await this.#stop('SIGKILL');
			return {ok: false, error: noAnswer(call.target, seconds, true)};
		}
		const answer = result.value;
		if (answer.sessionsOpened !== undefined) this.#sessionsNow = answer.sessionsOpened;
		if (answer.ok) return call.operation.parse(answer.value);
		if ('timedOut' in answer) return {ok: false, error: noAnswer(call.target, seconds, false)};
		if ('silentPort' in answer) {
			const seconds = this.#options.probeSeconds ?? probeSeconds;
			return {ok: false, error: portNotAnswering(call.target, answer.silentPort, seconds)};
		}
		if ('httpsOnly' in answer) {
			const seconds = this.#options.probeSeconds ?? probeSeconds;
			return {ok: false, error: onlyHttpsAnswers(call.target, answer.httpsOnly, seconds)};
		}
		if ('httpOnly' in answer) {
			const seconds = this.#options.probeSeconds ?? probeSeconds;
			return {ok: false, error: noHttpsListener(call.target, answer.httpOnly, seconds)};
		}
		if ('error' in answer) return {ok: false, error: answer.error};
		// No answer line: the process died or printed something else. Start afresh next time.
		await this.#stop('SIGKILL');
		const error: ErrorRecord = powerShellFailed(answer.missing || 'no output');
		return {ok: false, error};
	}

	/**
	 * Ctrl+C: ends PowerShell and every process it started now, without waiting for the queue.
	 * The call in flight fails as the process dies (the host reports it as interrupted), and every
	 * later call fails at once ("the session was closed").
	 */
	async abort(): Promise<void> {
		this.#disposed = true;
		await this.#stop('SIGKILL');
	}
}
