// The wire between node and the PowerShell process: every value travels base64-encoded inside
// one ASCII line, the password never in a command, and answers are found by their marker and id.
import {describe, expect, test} from 'vitest';
import {
	bootstrapLine,
	credentialPayload,
	openChannelLine,
	readAnswer,
	receiveCredentialLine,
	requestLine,
	wireParameters,
} from '../../source/hosts/powershell/protocol.js';
import {resultMarker} from '../../source/hosts/powershell/runtime.js';

const decode = (text: string) => Buffer.from(text, 'base64').toString('utf8');

describe('requests', () => {
	test('values never appear as text in the line, only as base64', () => {
		const line = requestLine({
			id: '7',
			script: 'param([string]$Command) $Command',
			parameters: {
				Command: "'; Remove-Item C:\\ -Recurse; '",
				Values: ['wsman/a', 'é'],
				Enabled: false,
				Count: 3,
			},
			remote: {
				computerName: 'hyperv1',
				authentication: 'Default',
				credentialSerial: 1,
				keep: true,
				probeMs: 3_000,
			},
			timeoutMs: 30_000,
			openTimeoutMs: 8_000,
		});
		expect(line).toMatch(/^Invoke-DoublehopRequest '[A-Za-z0-9+/=]+'$/);
		expect(line).not.toContain('Remove-Item');
		const request = JSON.parse(decode(line.slice("Invoke-DoublehopRequest '".length, -1))) as {
			parameters: {
				name: string;
				text?: string;
				texts?: string[];
				flag?: boolean;
				number?: number;
			}[];
		};
		expect(request.parameters.map((p) => p.name)).toEqual([
			'Command',
			'Values',
			'Enabled',
			'Count',
		]);
		expect(decode(request.parameters[0]!.text!)).toBe("'; Remove-Item C:\\ -Recurse; '");
		expect(request.parameters[1]!.texts!.map(decode)).toEqual(['wsman/a', 'é']);
		expect(request.parameters[2]!.flag).toBe(false);
		expect(request.parameters[3]!.number).toBe(3);
	});

	test('a string that looks like a date stays a string (PowerShell 7 ConvertFrom-Json would convert it)', () => {
		expect(wireParameters({Command: '2026-01-01T00:00:00Z'})).toEqual([
			{name: 'Command', text: 'MjAyNi0wMS0wMVQwMDowMDowMFo='},
		]);
	});

	test('no command line carries the credential: only the channel name and a serial travel on stdin', () => {
		const password = 'Pa$$w0rd!';
		const lines = [
			openChannelLine('/tmp/doublehop-x/credential'),
			receiveCredentialLine(3, 10_000),
		];
		expect(lines[0]).toMatch(/^Open-DoublehopCredentialChannel '[A-Za-z0-9+/=]+'$/);
		expect(lines[1]).toBe('Receive-DoublehopCredential 3 10000');
		const payload = credentialPayload('CONTOSO\\admin', password);
		expect(payload).toMatch(/^[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+\n$/);
		for (const line of lines) {
			expect(line).not.toContain(password);
			expect(line).not.toContain(payload.trim().split(':')[1]);
		}
	});

	test('the runtime arrives as one line of base64', () => {
		expect(bootstrapLine('function X { "y" }\n')).toMatch(
			/^\. \(\[scriptblock\]::Create\(.*FromBase64String\('[A-Za-z0-9+/=]+'\)\)\)\)$/,
		);
	});
});

describe('answers', () => {
	const error = {
		message: 'Access is denied.',
		fullyQualifiedErrorId: 'AccessDenied,PSSessionStateBroken',
		categoryInfo: 'OpenError: (hyperv1:String) [], PSRemotingTransportException',
		exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
		hresult: -2147024891,
		targetObject: 'hyperv1',
	};

	test('finds its own line among console noise', () => {
		const stdout = `\u001b[?1h\u001b[?1lWARNING: something\n${resultMarker} 6 {"ok":true,"value":1}\n${resultMarker} 7 {"ok":true,"value":{"a":"\\u00e9"}}\n`;
		expect(readAnswer(stdout, '7')).toEqual({ok: true, value: {a: 'é'}});
	});

	test('an ErrorRecord is checked field by field', () => {
		expect(readAnswer(`${resultMarker} 1 ${JSON.stringify({ok: false, error})}`, '1')).toEqual({
			ok: false,
			error,
		});
		expect(readAnswer(`${resultMarker} 1 {"ok":false,"error":{"message":"x"}}`, '1')).toMatchObject(
			{ok: false, missing: expect.any(String)},
		);
	});

	test('a time-out, a missing line and broken JSON are told apart', () => {
		expect(readAnswer(`${resultMarker} 2 {"ok":false,"timedOut":true}`, '2')).toEqual({
			ok: false,
			timedOut: true,
		});
		expect(readAnswer('nothing here', '2')).toEqual({ok: false, missing: 'nothing here'});
		expect(readAnswer(`${resultMarker} 2 {broken`, '2')).toMatchObject({
			ok: false,
			missing: expect.stringContaining('unreadable'),
		});
	});
});
