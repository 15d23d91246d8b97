import {describe, expect, test} from 'vitest';
import {writeRefused} from '../../source/tree/rbkcd.js';

const refused = (fullyQualifiedErrorId: string, message: string) =>
	({
		ok: false,
		error: {
			message,
			fullyQualifiedErrorId,
			categoryInfo:
				'PermissionDenied: (hyperv2:ADComputer) [Set-ADComputer], UnauthorizedAccessException',
			exceptionType: 'System.UnauthorizedAccessException',
		},
	}) as const;

describe("Set-ADComputer's refusal, in both forms the AD module prints", () => {
	test("the directory server's 8344 (insufficient access rights) is a refused write", () => {
		expect(
			writeRefused(
				refused(
					'ActiveDirectoryServer:8344,Microsoft.ActiveDirectory.Management.Commands.SetADComputer',
					'Insufficient access rights to perform the operation',
				),
			),
		).toBe(true);
	});

	test("the cmdlet's own UnauthorizedAccessException (Access is denied) is a refused write too", () => {
		expect(
			writeRefused(
				refused(
					'ActiveDirectoryCmdlet:System.UnauthorizedAccessException,Microsoft.ActiveDirectory.Management.Commands.SetADComputer',
					'Access is denied',
				),
			),
		).toBe(true);
	});

	test('another failure (the object not found) is not', () => {
		expect(
			writeRefused(
				refused(
					'ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException,Microsoft.ActiveDirectory.Management.Commands.SetADComputer',
					"Cannot find an object with identity: 'hyperv2'",
				),
			),
		).toBe(false);
	});
});
