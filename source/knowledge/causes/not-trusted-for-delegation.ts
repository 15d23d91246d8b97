// Cause class not-trusted-for-delegation (§2.3 E3): the entries that recognise it.
import {decisive, hresult, phrase, strong, type Entry} from '../entry.js';

export const notTrustedForDelegation: Entry[] = [
	{
		id: 'delegation-ntlm-only',
		class: 'not-trusted-for-delegation',
		name: 'The first hop was only NTLM-authenticated',
		cause:
			'CredSSP sends your password only to a server it has authenticated by Kerberos or a certificate. ' +
			'Connecting by IP address, from a workgroup, or to a server without a WSMAN/ SPN gives NTLM only. ' +
			'Use the FQDN and check the WSMAN SPNs: where `setspn -L <host>` lists no WSMAN/ entry, a domain ' +
			"admin (or whoever may write the computer account's servicePrincipalName) adds both, " +
			'`setspn -S WSMAN/<fqdn> <host>` and `setspn -S WSMAN/<short name> <host>`; TrustedHosts does ' +
			'not help. "Allow Fresh Credentials with NTLM-only Server Authentication" is a last resort (it ' +
			'sends your password to an unauthenticated server).',
		notToBeConfusedWith: [
			{
				entry: 'delegation-no-match',
				howToTell: 'same opening without "because the computer is not trusted".',
			},
		],
		nextCommand: 'setspn -Q WSMAN/<hop1>',
		runOn: 'client',
		stage: 'targets',
		reference: '2.3 E3',
		matchers: {
			phrases: [
				phrase(
					'does not allow the delegation of the user credentials to the target computer because the computer is not trusted',
					decisive,
				),
				phrase('because the computer is not trusted', decisive),
				phrase('Allow Fresh Credentials with NTLM-only Server Authentication', strong),
			],
			codes: [hresult('0x803381A4')],
		},
	},
];
