// The pure parsers: JSON as PowerShell sends it (5.1 and 7 quirks included) to typed results,
// and anything malformed to an ErrorRecord that names the operation, never a throw.
import {describe, expect, test} from 'vitest';
import {parseListenerCreated} from '../../source/operations/create-https-listener.js';
import {parseCertificates} from '../../source/operations/list-certificates.js';
import {parseListeners} from '../../source/operations/list-listeners.js';
import {parseLocalContext} from '../../source/operations/local-context.js';
import {parseClientCredSsp} from '../../source/operations/read-client-credssp.js';
import {isOraclePatched} from '../../source/operations/read-encryption-oracle.js';
import {parseServerCredSsp} from '../../source/operations/read-server-credssp.js';
import {parseRemoteOutput} from '../../source/operations/run-on-first-hop.js';
import {authenticationFrom, parseFirstHop} from '../../source/operations/test-first-hop.js';
import {policyPaths} from '../../source/windows/policy-paths.js';

describe('local-context', () => {
	test('reads the fields and leaves out a workgroup domain', () => {
		const parsed = parseLocalContext({
			computerName: 'ADMIN-WS',
			domain: null,
			psEdition: 'Desktop',
			psVersion: '5.1.22621.4391',
			os: 'Microsoft Windows 11 Enterprise 10.0.22631',
			elevated: true,
			user: 'CONTOSO\\admin',
		});
		expect(parsed).toEqual({
			ok: true,
			value: {
				computerName: 'ADMIN-WS',
				psEdition: 'Desktop',
				psVersion: '5.1.22621.4391',
				os: 'Microsoft Windows 11 Enterprise 10.0.22631',
				elevated: true,
				user: 'CONTOSO\\admin',
			},
		});
	});

	test('an unknown edition is unexpected output, not a crash', () => {
		const parsed = parseLocalContext({psEdition: 'Nano'});
		expect(parsed.ok).toBe(false);
		if (!parsed.ok)
			expect(parsed.error.fullyQualifiedErrorId).toBe('UnexpectedOutput,doublehop.local-context');
	});
});

describe('test-first-hop', () => {
	test.each([
		['Kerberos', 'hyperv1', 'Kerberos'],
		['NTLM', 'hyperv1', 'NTLM'],
		['CredSSP', 'hyperv1', 'CredSSP'],
		['Negotiate', 'hyperv1.contoso.com', 'Kerberos'],
		['Negotiate', '10.0.0.21', 'NTLM'],
	] as const)('%s to %s is %s', (reported, target, expected) => {
		expect(authenticationFrom(reported, target)).toBe(expected);
	});

	test('parses hop 1 as it reports itself', () => {
		expect(
			parseFirstHop({
				computerName: 'HYPERV1',
				fqdn: 'hyperv1.contoso.com',
				authentication: 'Kerberos',
				target: 'hyperv1',
			}),
		).toEqual({
			ok: true,
			value: {computerName: 'HYPERV1', fqdn: 'hyperv1.contoso.com', authentication: 'Kerberos'},
		});
	});
});

describe('read-client-credssp', () => {
	const raw = {
		enabled: 'true',
		// Windows PowerShell sends a one-element array as the element itself.
		allowFreshCredentials: 'wsman/hyperv1.contoso.com',
		allowFreshCredentialsNtlmOnly: null,
		localGpoAllowFreshCredentials: ['wsman/hyperv1.contoso.com', 'wsman/old.contoso.com'],
		localGpoUnreadable: false,
		getWSManCredSspText: ['line one', 'line two'],
		clientAllowCredSsp: 0,
		serviceAllowCredSsp: null,
		delegationGpo: ['wsman/sql01.contoso.com'],
		allowEncryptionOracle: 2,
		osBuild: '22631',
		credSspFileVersion: '22631.4391',
	};

	test('merges the WSMan value, the lists, the policies and the oracle', () => {
		expect(parseClientCredSsp(raw)).toEqual({
			ok: true,
			value: {
				enabled: true,
				allowFreshCredentials: ['wsman/hyperv1.contoso.com'],
				allowFreshCredentialsNtlmOnly: [],
				localGpoAllowFreshCredentials: ['wsman/hyperv1.contoso.com', 'wsman/old.contoso.com'],
				getWSManCredSspText: ['line one', 'line two'],
				policyAllowCredSsp: {value: false, ...policyPaths.clientAllowCredSsp},
				policyDelegation: {
					value: ['wsman/sql01.contoso.com'],
					...policyPaths.allowFreshCredentials,
				},
				encryptionOracle: 2,
				oraclePatched: true,
			},
		});
	});

	test('a damaged Registry.pol leaves the local GPO list unknown, not empty', () => {
		const parsed = parseClientCredSsp({...raw, localGpoUnreadable: true});
		expect(parsed.ok && parsed.value.localGpoAllowFreshCredentials).toBeUndefined();
	});

	test('an out-of-range AllowEncryptionOracle is reported, not passed on', () => {
		const parsed = parseClientCredSsp({...raw, allowEncryptionOracle: 7});
		expect(parsed.ok).toBe(false);
	});
});

describe('read-server-credssp', () => {
	test('service policy and an unpatched credssp.dll', () => {
		expect(
			parseServerCredSsp({
				enabled: 'false',
				serviceAllowCredSsp: 1,
				allowEncryptionOracle: null,
				osBuild: '14393',
				credSspFileVersion: '14393.0',
			}),
		).toEqual({
			ok: true,
			value: {
				enabled: false,
				policyAllowCredSsp: {value: true, ...policyPaths.serviceAllowCredSsp},
				oraclePatched: false,
			},
		});
	});
});

describe('encryption oracle patch level', () => {
	test.each([
		[22631, '22631.4391', true],
		[14393, '14393.2125', true],
		[14393, '14393.2097', false],
		[7601, '7601.24056', true],
		[7601, '7601.23915', false],
		[20348, undefined, true],
		[9600, undefined, false],
	] as const)('build %i, credssp.dll %s: %s', (build, version, expected) => {
		expect(isOraclePatched(build, version)).toBe(expected);
	});
});

describe('listeners and certificates', () => {
	test('winrm strings become numbers and booleans; Source defaults to Local', () => {
		expect(
			parseListeners({
				listeners: {
					transport: 'HTTP',
					address: '*',
					port: '5985',
					hostname: '',
					certificateThumbprint: '',
					enabled: 'true',
					source: null,
				},
			}),
		).toEqual({
			ok: true,
			value: [
				{
					transport: 'HTTP',
					address: '*',
					port: 5985,
					hostname: '',
					certificateThumbprint: '',
					enabled: true,
					source: 'Local',
				},
			],
		});
	});

	test('an empty store is an empty list', () => {
		expect(parseCertificates({certificates: null})).toEqual({ok: true, value: []});
	});
});

describe('create-https-listener', () => {
	test('success carries the listener and the rule it created', () => {
		const parsed = parseListenerCreated({
			output:
				'\r\n   WSManConfig: Microsoft.WSMan.Management\\WSMan::localhost\\Listener\r\n\r\nType            Keys                                Name\r\n',
			computerName: 'hyperv1',
			listenerTransport: 'HTTPS',
			listenerAddress: '*',
			listenerPort: '5986',
			listenerHostname: 'hyperv1.contoso.com',
			listenerCertificateThumbprint: 'AB',
			listenerEnabled: 'true',
			listenerSource: 'Local',
			firewallRule: 'doublehop-WinRM-HTTPS-In-a1b2c3',
		});
		expect(parsed).toEqual({
			ok: true,
			value: {
				output:
					'   WSManConfig: Microsoft.WSMan.Management\\WSMan::localhost\\Listener\n\nType            Keys                                Name',
				listener: {
					transport: 'HTTPS',
					address: '*',
					port: 5986,
					hostname: 'hyperv1.contoso.com',
					certificateThumbprint: 'AB',
					enabled: true,
					source: 'Local',
				},
				firewallRule: 'doublehop-WinRM-HTTPS-In-a1b2c3',
			},
		});
	});
});

test('remote output loses only the blank lines Out-String adds', () => {
	expect(
		parseRemoteOutput({output: '\r\n\r\nName State\r\n---- -----\r\ndc02 Running\r\n\r\n\r\n'}),
	).toEqual({
		ok: true,
		value: {output: 'Name State\n---- -----\ndc02 Running'},
	});
});
