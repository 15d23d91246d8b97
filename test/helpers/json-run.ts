// The built CLI run as a CI job runs it (no terminal, CI=true, a state folder of its own), its
// --json document parsed and checked against the result schema.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv2020} from 'ajv/dist/2020.js';
import {expect} from 'vitest';

const root = join(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(join(root, 'source/report/result.schema.json'), 'utf8'));
const validate = new Ajv2020({allErrors: true}).compile(schema);

/** `args` as given (--json among them); the password, or more lines, on stdin. */
export function runJsonDocument(
	args: string[],
	{
		input = 'Passw0rd!\n',
		stateDir = mkdtempSync(join(tmpdir(), 'doublehop-json-run-')),
		timeout = 20_000,
	}: {input?: string; stateDir?: string; timeout?: number} = {},
) {
	const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], {
		input,
		encoding: 'utf8',
		env: {...process.env, DOUBLEHOP_STATE_DIR: stateDir, CI: 'true'},
		timeout,
	});
	const report = JSON.parse(result.stdout);
	expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
	return {code: result.status, report};
}
