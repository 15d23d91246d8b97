// Real pwsh against the stubs: read-delegation-limits reads the token (whoami), the ActiveDirectory
// module where the scenario installs it, and Win32_DeviceGuard, and answers as the lab does.
import {describe, expect, test} from 'vitest';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {scenario} from '../helpers/session.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const title = `read-delegation-limits, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	test.each([
		['protected-users', 'CONTOSO\\admin'],
		['sensitive-account', 'CONTOSO\\admin-t0'],
		['classic', 'CONTOSO\\admin'],
	])(
		'%s: the same answer as the lab',
		async (name, user) => {
			const host = await stubbedHost(scenarioCopy(name));
			try {
				const lab = await createLabHost({scenario: scenario(name)}).readDelegationLimits(user);
				expect(await host.readDelegationLimits(user)).toEqual(lab);
			} finally {
				await host.dispose();
			}
		},
		60_000,
	);

	test('protected-users: the token names the group by its SID; Credential Guard runs', async () => {
		const host = await stubbedHost(scenarioCopy('protected-users'));
		try {
			expect(await host.readDelegationLimits('CONTOSO\\admin')).toEqual({
				ok: true,
				value: {
					user: 'CONTOSO\\admin',
					protectedUsers: true,
					protectedUsersSid: 'S-1-5-21-1004336348-1177238915-682003330-525',
					protectedUsersFrom: 'token',
					credentialGuard: true,
				},
			});
		} finally {
			await host.dispose();
		}
	}, 60_000);

	test("sensitive-account: another user than the shell's, read through Get-ADUser", async () => {
		const host = await stubbedHost(scenarioCopy('sensitive-account'));
		try {
			expect(await host.readDelegationLimits('CONTOSO\\admin-t0')).toMatchObject({
				ok: true,
				value: {notDelegated: true, protectedUsers: false, protectedUsersFrom: 'active-directory'},
			});
		} finally {
			await host.dispose();
		}
	}, 60_000);
});
