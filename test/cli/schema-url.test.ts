// The schema that a --json document names in its "$schema" must be there to open: the copy that
// ships with the program that wrote the document, and the one the document is valid against.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Ajv2020} from 'ajv/dist/2020.js';
import {expect, test} from 'vitest';

const root = join(import.meta.dirname, '../..');

test('--json: "$schema" names a schema file shipped in dist/, and the document is valid against it', () => {
	const result = spawnSync(
		process.execPath,
		[join(root, 'dist/cli.js'), '--lab', 'classic', '--json', '--password-stdin'],
		{
			input: 'Passw0rd!\n',
			encoding: 'utf8',
			env: {...process.env, DOUBLEHOP_STATE_DIR: mkdtempSync(join(tmpdir(), 'dh-schema-'))},
			timeout: 10_000,
		},
	);
	const report = JSON.parse(result.stdout);
	expect(report.$schema).toMatch(/^file:/);
	const schemaPath = fileURLToPath(report.$schema);
	expect(schemaPath).toBe(join(root, 'dist', 'result.schema.json'));
	expect(existsSync(schemaPath)).toBe(true);
	const validate = new Ajv2020({allErrors: true}).compile(
		JSON.parse(readFileSync(schemaPath, 'utf8')),
	);
	expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
	expect(report.verdict).toBe('needs-changes');
});
