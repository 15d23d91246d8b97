// Cause class trustedhosts-or-auth as a Linux or macOS WinRM client's Kerberos library words it
// (MIT krb5 under pykerberos or GSSAPI: Ansible, pywinrm, pypsrp): the logon fails on the client,
// before the first hop is asked. Kept apart from trustedhosts-or-auth.ts, which holds Windows' texts.
import {phrase, strong, type Entry} from '../entry.js';

export const trustedhostsOrAuthKerberosClient: Entry[] = [
	{
		id: 'kerberos-no-ticket-on-client',
		class: 'trustedhosts-or-auth',
		name: 'The WinRM client has no Kerberos ticket for the account',
		cause:
			"The client's Kerberos library found no ticket for the account in its credential cache: kinit " +
			'was not run or the ticket has expired, or the tool was not given the password to get one. ' +
			'The logon to the first hop failed on the client, before Windows was asked.',
		notToBeConfusedWith: [
			{
				entry: 'kerberos-spn',
				howToTell:
					'"Server not found in Kerberos database" had a ticket for you and none for the first hop\'s name.',
			},
		],
		nextCommand: 'klist',
		runOn: 'where-it-failed',
		stage: 'first-hop',
		reference: 'fixtures',
		tellApart:
			'Does klist, on the machine that printed this, list a ticket for the account the tool logs on ' +
			'with? If not, get one (kinit <user>@<REALM>, the realm in capitals) or give the tool the ' +
			'password, and run it again. Any other Kerberos client on that machine prints the same words.',
		matchers: {
			// MIT krb5's text for KRB5_CC_NOTFOUND when no cache in the collection holds the client
			// principal ("Can't find client principal %s in cache collection", src/lib/krb5/ccache/
			// ccselect.c and cccursor.c), as pykerberos' authGSSClientInit() passes it on
			// (https://github.com/diyan/pywinrm/issues/150, https://github.com/ansible/ansible/issues/72148).
			phrases: [
				phrase("Can't find client principal", strong),
				// The same code's text in krb5's error table (src/lib/krb5/error_tables/krb5_err.et), which
				// GSSAPI prints when the message above is not kept (evil-winrm's GSSAPI::GssApiError in
				// https://github.com/r0hna/krb5-config/blob/1486b3108e748f73b557d269e999411f0ddfcd09/README.md).
				phrase('Matching credential not found', strong),
			],
		},
	},
	{
		id: 'kerberos-ticket-unreadable',
		class: 'trustedhosts-or-auth',
		name: 'The first hop could not read the Kerberos ticket',
		cause:
			'The client got a ticket, but it was encrypted with a key the first hop does not hold: the ' +
			"HTTP/ SPN is registered on another account than the first hop's (or on two), the computer's " +
			"password changed after the ticket was issued, or the client's krb5.conf names the realm " +
			'other than the domain does (it must be in capitals).',
		notToBeConfusedWith: [
			{
				entry: 'kerberos-no-ticket-on-client',
				howToTell: 'Here a ticket was issued and refused; there, none was found on the client.',
			},
		],
		nextCommand: 'setspn -Q HTTP/<hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: 'fixtures',
		tellApart:
			"Does setspn -Q HTTP/<hop1> list the SPN on the first hop's own computer account, and only " +
			'there? If not, that is it. If so, compare the realm in krb5.conf with the domain, in capitals, ' +
			'and run klist purge (kdestroy) before trying again.',
		matchers: {
			// MIT krb5's text for KRB5KRB_AP_ERR_MODIFIED (error 41, src/lib/krb5/error_tables/krb5_err.et),
			// as Java and Python WinRM clients pass it on (xebialabs/overthere's README: "Message stream
			// modified (41)" for a realm in the wrong case).
			phrases: [phrase('Message stream modified', strong)],
		},
	},
];
