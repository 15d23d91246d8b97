// --export-dsc and --export-ansible from the guided flow, driven by keystrokes: the summary names
// both files, and they carry exactly what the run left on the lab (its merged list, in order, and
// the listener with the certificate it used), with an undo that takes out only what it added.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {
	acceptEveryChange,
	enterTargets,
	type Session,
	startCliSession,
} from '../helpers/session.js';

let session: Session | undefined;
let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'doublehop-handover-flow-'));
});
afterEach(() => {
	session?.unmount();
	delete process.env.DOUBLEHOP_STATE_DIR;
	rmSync(dir, {recursive: true, force: true});
});

test('yes to every change: the summary names the DSC and Ansible files, which carry the lab state the run left', async () => {
	const exportDsc = join(dir, 'credssp.ps1');
	const exportAnsible = join(dir, 'credssp.yml');
	session = await startCliSession('existing-delegation', join(dir, 'state'), {
		outputs: {exportDsc, exportAnsible},
	});
	await enterTargets(session);
	await acceptEveryChange(session, 'y');
	await session.finished();
	expect(session.flat()).toContain(`DSC configuration: ${exportDsc}`);
	expect(session.flat()).toContain(`Ansible playbook: ${exportAnsible}`);

	const machines = session.host.snapshot().machines;
	const list = machines['admin-ws']?.allowFreshCredentials;
	expect(list).toEqual([
		'wsman/sql01.contoso.com',
		'wsman/*.fabrikam.com',
		'wsman/hyperv1.contoso.com',
	]);
	const listener = machines.hyperv1?.listeners.find((l) => l.transport === 'HTTPS');
	expect(listener?.certificateThumbprint).toMatch(/^[0-9A-F]{40}$/);

	const dsc = readFileSync(exportDsc, 'utf8');
	list?.forEach((entry, index) => {
		expect(dsc).toContain(
			`RegistryPolicyFile AllowFreshCredentials_${index + 1} {\n\t\t\tKey        = 'SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials'\n\t\t\tValueName  = '${index + 1}'\n\t\t\tTargetType = 'ComputerConfiguration'\n\t\t\tValueData  = @('${entry}')`,
		);
	});
	expect(dsc).toContain(`CertificateThumbprint = '${listener?.certificateThumbprint}'`);
	const undo = dsc.slice(dsc.indexOf('Configuration DoublehopCredSspUndo'));
	expect(undo.match(/RegistryPolicyFile AllowFreshCredentials_\d/g)).toEqual([
		'RegistryPolicyFile AllowFreshCredentials_3',
	]);

	const yaml = readFileSync(exportAnsible, 'utf8');
	expect(yaml).toContain(`        CertificateThumbprint: "${listener?.certificateThumbprint}"`);
	expect(yaml).toContain(`          After: ${JSON.stringify(list)}`);
});
