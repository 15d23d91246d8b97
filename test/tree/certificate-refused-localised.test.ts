// The end of a run whose HTTPS session this machine refused (WinHTTP 12175), on Windows in another
// display language: WinRM's lines about the certificate are in that language, so they are shown as
// they come, with both fixes, where the English lines decide which fix applies.
import {describe, expect, test} from 'vitest';
import {certificateRefusedConclusion} from '../../source/tree/transport.js';
import type {ErrorRecord} from '../../source/windows/records.js';

// Real Japanese text of the same problems (fixtures/errors/real-tune.jsonl, row
// real-ansible-wsl-13-winrs, https://github.com/Wintus/Ansible-WSL/issues/13): the header, then an
// unknown authority and a name that does not match.
const japanese = [
	'宛先のコンピューター (localhost:5986)  のサーバー証明書に次のエラーがあります:',
	'SSL 証明書が不明の証明機関によって署名されています。',
	'SSL 証明書にホスト名と一致しない共通名 (CN) が含まれています。',
].join('\n');

const refused = (message: string): ErrorRecord => ({
	message,
	fullyQualifiedErrorId: '12175,PSSessionStateBroken',
	categoryInfo: 'OpenError: (localhost:String) [], PSRemotingTransportException',
	exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
	hresult: -2147012721,
});

const said = (message: string) => {
	const {conclusion} = certificateRefusedConclusion('localhost', refused(message));
	return {
		details: conclusion!.details,
		next: conclusion!.nextSteps.map((step) => (typeof step === 'string' ? step : step.say)),
	};
};

describe('a refused HTTPS certificate on Japanese Windows', () => {
	test("WinRM's own lines about the certificate are shown, and both fixes offered", () => {
		const {details, next} = said(japanese);
		expect(details).toContain('SSL 証明書が不明の証明機関によって署名されています。');
		expect(details).toContain('SSL 証明書にホスト名と一致しない共通名 (CN) が含まれています。');
		expect(next).toContain('Trust the CA that issued it. On localhost, this names the issuer:');
		expect(next.join('\n')).toContain('Connect with a name the certificate carries');
	});

	test('in English, only the fix for the problem named is offered, as before', () => {
		const english = [
			'The server certificate on the destination computer (localhost:5986) has the following errors:',
			'The SSL certificate is signed by an unknown certificate authority.',
		].join('\n');
		const {details, next} = said(english);
		expect(details).toContain('The SSL certificate is signed by an unknown certificate authority.');
		expect(next.join('\n')).not.toContain('Connect with a name the certificate carries');
	});
});
