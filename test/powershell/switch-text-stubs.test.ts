// Real pwsh against the stubs, beside the lab: "Allow delegating fresh credentials" whose switch is
// a REG_SZ '0' (reg add without /t REG_DWORD). How CredSSP reads it is not documented; both models
// take the cautious reading (windows/delegation.ts switchOff): Disabled, so the list is not used
// and the session is refused as with no entry (-2144108125), in the stubs and the lab alike.
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, test} from 'vitest';
import type {Credential, Host} from '../../source/hosts/host.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import type {SwitchValue} from '../../source/windows/records.js';
import {Secret} from '../../source/safety/secret.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const hop1 = 'hyperv1.contoso.com';
const admin: Credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};
const title = `a REG_SZ switch on the stubs and the lab${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

let stubs: Host | undefined;
afterEach(async () => stubs?.dispose());

/** The workstation with CredSSP on and a list that covers hop 1, its switch as given; hop 1 ready. */
function withSwitch(allowFresh: SwitchValue): string {
	return scenarioCopy('classic', (lab) => {
		const client = lab.machines['admin-ws']!;
		client.credssp.client = true;
		client.allowFreshCredentials = ['wsman/*.contoso.com'];
		client.allowFreshSwitches = {allowFresh, concatenateDefaults: '1'};
		lab.machines['hyperv1']!.credssp.server = true;
	});
}

const sessionId = async (host: Host) => {
	const result = await host.runOnFirstHop(hop1, admin, 'Get-VM -ComputerName hyperv2', 'CredSSP');
	return result.ok ? 'ok' : result.error.fullyQualifiedErrorId;
};

describe.skipIf(pwsh === undefined)(title, () => {
	test("'0' is Disabled in both: delegation is refused; '1' delegates in both", async () => {
		for (const [value, expected] of [
			['0', '-2144108125,PSSessionOpenFailed'],
			['1', 'ok'],
		] as const) {
			const state = withSwitch(value);
			stubs = await stubbedHost(state);
			const lab = createLabHost({scenario: JSON.parse(readFileSync(state, 'utf8')) as Scenario});
			expect([await sessionId(stubs), await sessionId(lab)]).toEqual([expected, expected]);
			await stubs.dispose();
			stubs = undefined;
		}
	}, 60_000);
});
