// WinRM's three RunAs texts (wsmerror.h, as dahall/Vanara PInvoke/WsmSvc/wsmerror.cs transcribes
// them) as a pasted error: the RunAs password WinRM could not verify when registering (0x803381C3),
// a RunAs configuration whose shell no longer starts (0x803381DF), and the Group Policy that forbids
// storing RunAs credentials (0x803381E0). Each is recognised as its own entry.
import {describe, expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {
	runAsCredentialsNotVerified,
	runAsDisabledByPolicy,
	runAsShellFailed,
} from '../../source/windows/runas-credentials.js';

// As a remote Register-PSSessionConfiguration's record prints it (windows/runas-credentials.ts).
const registered = (text: string) => `${text}
    + CategoryInfo          : InvalidOperation: (:) [Write-Error], InvalidOperationException
    + FullyQualifiedErrorId : WsManError,Register-PSSessionConfiguration
    + PSComputerName        : hyperv1.contoso.com`;

describe('RunAs texts', () => {
	test('the password WinRM could not verify: runas-password-not-verified', () => {
		const found = diagnose(registered(runAsCredentialsNotVerified));
		expect(found.best?.id).toBe('runas-password-not-verified');
		expect(found.best?.class).toBe('runas-password');
	});

	test('the shell of a RunAs configuration fails: runas-shell-failed, the policy its alternative', () => {
		const text = `[hyperv1.contoso.com] Connecting to remote server hyperv1.contoso.com failed with the following error message : ${runAsShellFailed} For more information, see the about_Remote_Troubleshooting Help topic.`;
		const found = diagnose(text);
		expect(found.best?.id).toBe('runas-shell-failed');
	});

	test('Group Policy forbids storing RunAs credentials: runas-disabled-by-policy, gpo-controlled', () => {
		const found = diagnose(registered(runAsDisabledByPolicy));
		expect(found.best?.id).toBe('runas-disabled-by-policy');
		expect(found.best?.class).toBe('gpo-controlled');
	});
});
