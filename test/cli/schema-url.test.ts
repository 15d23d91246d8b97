// The schema that a --json document names in its "$schema" must be there to open: the copy that
// ships with the program that wrote the document, and the one the document is valid against.
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';

const root = join(import.meta.dirname, '../..');

test('--json: "$schema" names a schema file shipped in dist/, and the document is valid against it', () => {
	// Checked against the shipped copy, dist/result.schema.json: the file "$schema" must name.
	const {report} = runJsonDocument(['--lab', 'classic', '--json', '--password-stdin'], {
		timeout: 10_000,
		schema: 'shipped',
	});
	expect(report.$schema).toMatch(/^file:/);
	const schemaPath = fileURLToPath(report.$schema);
	expect(schemaPath).toBe(join(root, 'dist', 'result.schema.json'));
	expect(existsSync(schemaPath)).toBe(true);
	expect(report.verdict).toBe('needs-changes');
});
