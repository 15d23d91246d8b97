// The channel that carries the credential from this process to PowerShell, apart from stdin:
// a named pipe on Windows, a Unix socket elsewhere. PowerShell creates the listening end (only
// this user may open it) and reads one line; this side connects, writes it and hangs up.
// Nothing of the secret is in a command text, argv, the environment or a file.
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export type CredentialChannel = {
	/** What PowerShell's NamedPipeServerStream is given: a pipe name, or a socket path. */
	serverName: string;
	/** What this side connects to. */
	clientPath: string;
	/** Removes what the channel left on disk (the socket's folder). Safe to call twice. */
	close(): void;
};

export function newCredentialChannel(
	platform: NodeJS.Platform = process.platform,
): CredentialChannel {
	const random = randomBytes(16).toString('hex');
	if (platform === 'win32') {
		const name = `doublehop-${random}`;
		return {serverName: name, clientPath: `\\\\.\\pipe\\${name}`, close: () => {}};
	}
	// mkdtemp makes the folder 0700: no other user can reach the socket inside it.
	const folder = mkdtempSync(join(tmpdir(), 'doublehop-'));
	const path = join(folder, 'credential');
	return {
		serverName: path,
		clientPath: path,
		close: () => rmSync(folder, {recursive: true, force: true}),
	};
}

/** Connects, writes the payload and hangs up; resolves with an error message on failure. */
export function writeToChannel(
	path: string,
	payload: string,
	timeoutMs: number,
): Promise<string | undefined> {
	return new Promise((resolve) => {
		const socket = connect(path);
		const timer = setTimeout(() => {
			socket.destroy();
			resolve(`no connection to the credential channel in ${timeoutMs / 1000} s`);
		}, timeoutMs);
		socket.once('error', (error) => {
			clearTimeout(timer);
			resolve(`the credential channel failed: ${error.message}`);
		});
		socket.once('connect', () => {
			socket.end(payload, () => {
				clearTimeout(timer);
				resolve(undefined);
			});
		});
	});
}
