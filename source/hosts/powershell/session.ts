// One PowerShell process for the whole run, reused for every operation. Calls are queued (the
// process runs one thing at a time); each has a time limit on both sides: PowerShell stops an
// operation that overruns and answers at once, and should the process itself stop answering,
// this side gives up a little later, ends it, and starts a fresh one for the next call.
import {PowerShell} from 'node-powershell';
import type {Credential, ErrorRecord, Outcome} from '../host.js';
import type {Operation, ParameterValue} from '../../operations/operation.js';
import type {Secret} from '../../safety/secret.js';
import type {FoundPowerShell} from './find-powershell.js';
import {noAnswer, powerShellFailed} from './host-errors.js';
import {
	bootstrapLine,
	credentialLines,
	initializeLine,
	readAnswer,
	requestLine,
} from './protocol.js';
import type {Answer} from './protocol.js';
import {runtimeScript} from './runtime.js';

export type SessionOptions = {
	powershell: FoundPowerShell;
	/** How long PowerShell waits for a WinRM session to open (unreachable hosts fail after this). */
	connectTimeoutMs: number;
	/** Extra time this side allows beyond a call's own limit before it ends the process. */
	graceMs?: number;
	/** How long the process may take to start and load the runtime. */
	startTimeoutMs?: number;
	/** Test only: a module imported into the operations' runspace (the lab stubs). */
	testOnlyModule?: string;
};

export type Call = {
	operation: Operation<unknown>;
	parameters: Record<string, ParameterValue>;
	credential?: Credential;
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

export class PowerShellSession {
	readonly #options: SessionOptions;
	#shell: PowerShell | undefined;
	#queue: Promise<unknown> = Promise.resolve();
	#nextId = 1;
	#credentialSerial = 0;
	#sentCredential: {user: string; password: Secret} | undefined;
	#processesStarted = 0;
	#version: {psEdition: string; psVersion: string} | undefined;
	#disposed = false;

	constructor(options: SessionOptions) {
		this.#options = options;
	}

	get processesStarted(): number {
		return this.#processesStarted;
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
		if (shell === undefined) return;
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
		}
		this.#processesStarted += 1;
		// node-powershell rejects this promise when the process dies; the next call notices.
		(shell as unknown as {exitPromise?: Promise<void>}).exitPromise?.catch(() => undefined);
		this.#shell = shell;
		const startTimeoutMs = this.#options.startTimeoutMs ?? 60_000;
		const answer = await within(
			(async () => {
				await shell.invoke(bootstrapLine(runtimeScript));
				const result = await shell.invoke(initializeLine(testOnlyModule));
				return readAnswer(result.stdout?.toString('utf8') ?? '', 'init');
			})().catch((error: unknown): Answer => ({ok: false, missing: String(error)})),
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
		const version = answer.value.value as {psEdition?: unknown; psVersion?: unknown};
		this.#version = {psEdition: String(version.psEdition), psVersion: String(version.psVersion)};
		return {ok: true, value: shell};
	}

	/** Hands the credential over stdin as data, once per distinct credential and process. */
	#sendCredential(shell: PowerShell, credential: Credential): number {
		const sent = this.#sentCredential;
		if (
			sent !== undefined &&
			sent.user === credential.user &&
			sent.password.equals(credential.password.reveal())
		) {
			return this.#credentialSerial;
		}
		this.#credentialSerial += 1;
		// Written straight to stdin, not through invoke(): node-powershell keeps and can log
		// the commands it is given, and this line must be in no log and no history.
		shell.streams.stdin.write(
			credentialLines(this.#credentialSerial, credential.user, credential.password.reveal()),
		);
		this.#sentCredential = {user: credential.user, password: credential.password};
		return this.#credentialSerial;
	}

	async #runNow(call: Call): Promise<Outcome<unknown>> {
		if (this.#disposed) return {ok: false, error: powerShellFailed('the session was closed')};
		const started = await this.#start();
		if (!started.ok) return started;
		const shell = started.value;
		const id = String(this.#nextId++);
		const credentialSerial =
			call.credential === undefined ? undefined : this.#sendCredential(shell, call.credential);
		const line = requestLine({
			id,
			script: call.operation.script,
			parameters: call.parameters,
			...(credentialSerial === undefined ? {} : {credentialSerial}),
			remote: call.operation.remote,
			timeoutMs: call.timeoutMs,
			openTimeoutMs: Math.min(this.#options.connectTimeoutMs, call.timeoutMs),
		});
		const seconds = Math.round(call.timeoutMs / 1000);
		const result = await within(
			shell.invoke(line).then(
				(invocation) => readAnswer(invocation.stdout?.toString('utf8') ?? '', id),
				(error: unknown): Answer => ({ok: false, missing: String(error)}),
			),
			call.timeoutMs + (this.#options.graceMs ?? 5_000),
		);
		shell.history.splice(0);
		if (!result.done) {
			await this.#stop('SIGKILL');
			return {ok: false, error: noAnswer(call.target, seconds, true)};
		}
		const answer = result.value;
		if (answer.ok) return call.operation.parse(answer.value);
		if ('timedOut' in answer) return {ok: false, error: noAnswer(call.target, seconds, false)};
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
		const pid = (this.#shell as unknown as {process?: {pid?: number}} | undefined)?.process?.pid;
		if (pid !== undefined) {
			const {killProcessTree} = await import('./kill-tree.js');
			killProcessTree(pid);
		}
		await this.#stop('SIGKILL');
	}
}
