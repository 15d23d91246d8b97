// `explain --json` names "schema": "doublehop/diagnosis@1": that schema ships beside the bundle as
// dist/diagnosis.schema.json, and every document explain writes is valid against it, answers and
// refusals alike.
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Ajv2020} from 'ajv/dist/2020.js';
import {describe, expect, test} from 'vitest';
import {explain} from '../../source/commands/explain.js';
import {classIds} from '../../source/knowledge/entry.js';
import {fixtureRows} from '../knowledge/answers.js';
import {cliPath} from '../terminal/terminal.js';

const root = join(import.meta.dirname, '../..');
const shipped = join(root, 'dist', 'diagnosis.schema.json');
const schema = JSON.parse(readFileSync(join(root, 'source/report/diagnosis.schema.json'), 'utf8'));
const validate = new Ajv2020({allErrors: true}).compile(schema);

const run = (args: string[], input = '') =>
	spawnSync(process.execPath, [cliPath, 'explain', '--json', ...args], {
		input,
		encoding: 'utf8',
		timeout: 30_000,
	});

describe('the diagnosis schema', () => {
	test('ships in dist/ as the copy of its source', () => {
		expect(existsSync(shipped)).toBe(true);
		expect(JSON.parse(readFileSync(shipped, 'utf8'))).toEqual(schema);
	});

	test('names every cause class explain can answer, and "unrelated"', () => {
		expect(schema.$defs.classId.enum).toEqual([...classIds]);
		expect(schema.$defs.causeId.enum).toEqual([...classIds, 'unrelated']);
	});

	test.each([
		[
			'recognised',
			[],
			'The WinRM client cannot process the request. CredSSP authentication is currently disabled in the client configuration.',
		],
		[
			'ambiguous',
			[],
			'[hyperv1]: PS C:\\> Get-ChildItem \\\\fs01\\share\nGet-ChildItem : Access is denied',
		],
		['not-recognised', [], 'Get-VM : Hyper-V was unable to find a virtual machine with name "N1".'],
		['empty-input', [], ''],
		['bad-input', ['missing.txt'], ''],
	])('a %s document from the built CLI is valid against it', (status, args, input) => {
		const document = JSON.parse(run(args, input).stdout);
		expect(document.schema).toBe('doublehop/diagnosis@1');
		expect(document.status).toBe(status);
		expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
	});

	test('every public and tune row answers with a valid document', () => {
		for (const row of [...fixtureRows('public.jsonl'), ...fixtureRows('real-tune.jsonl')]) {
			const document = JSON.parse(explain(row.text, {json: true, ascii: false, width: 80}).stdout);
			expect(validate(document), `${row.id}: ${JSON.stringify(validate.errors)}`).toBe(true);
		}
	});

	test('an ambiguous document without its causes ranked is refused by it', () => {
		const document = JSON.parse(
			explain('Access is denied.', {json: true, ascii: false, width: 80}).stdout,
		);
		expect(document.status).toBe('ambiguous');
		expect(validate(document)).toBe(true);
		expect(validate({...document, causes: []})).toBe(false);
		expect(validate({...document, question: null})).toBe(false);
	});
});
