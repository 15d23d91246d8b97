// The built CLI run as a CI job runs it (no terminal, CI=true, a state folder of its own), its
// --json document parsed and checked against the result schema.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv2020} from 'ajv/dist/2020.js';
import {expect} from 'vitest';

const root = join(import.meta.dirname, '../..');
// The schema in the source, and the copy the build ships beside dist/cli.js (what a CI job's
// document names as its $schema).
const validators = {
	source: 'source/report/result.schema.json',
	shipped: 'dist/result.schema.json',
} as const;
const compiled = new Map<string, ReturnType<Ajv2020['compile']>>();
function validatorFor(schema: keyof typeof validators) {
	const path = validators[schema];
	let validate = compiled.get(path);
	if (validate === undefined) {
		validate = new Ajv2020({allErrors: true}).compile(
			JSON.parse(readFileSync(join(root, path), 'utf8')),
		);
		compiled.set(path, validate);
	}
	return validate;
}

export type CliRunOptions = {
	/** stdin: the password line (and, for --method runas, the RunAs account's on the next). */
	input?: string;
	stateDir?: string;
	timeout?: number;
	/** Added to the environment the run inherits. */
	env?: NodeJS.ProcessEnv;
	/** The folder the run starts in (a relative --lab file is read from it). */
	cwd?: string;
};

/** The built CLI with `args` as given: its exit code, stdout and stderr, nothing parsed. */
export function runCli(
	args: string[],
	{
		input = 'Passw0rd!\n',
		stateDir = mkdtempSync(join(tmpdir(), 'doublehop-json-run-')),
		timeout = 20_000,
		env = {},
		cwd,
	}: CliRunOptions = {},
) {
	const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], {
		input,
		encoding: 'utf8',
		env: {...process.env, DOUBLEHOP_STATE_DIR: stateDir, CI: 'true', ...env},
		timeout,
		...(cwd === undefined ? {} : {cwd}),
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** A document read some other way (a run stopped part-way), checked as runJsonDocument checks. */
export function expectValidDocument(report: unknown, schema: keyof typeof validators = 'source') {
	const validate = validatorFor(schema);
	expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
}

function parsedDocument(stdout: string, stderr: string) {
	try {
		return JSON.parse(stdout);
	} catch {
		throw new Error(`stdout is not one JSON document:\n${stdout}\n${stderr}`);
	}
}

/**
 * `args` as given (--json among them); the password, or more lines, on stdin. The whole of stdout
 * parses as one JSON value (exactly one document, nothing around it), valid against the schema.
 */
export function runJsonDocument(
	args: string[],
	{schema = 'source', ...options}: CliRunOptions & {schema?: keyof typeof validators} = {},
) {
	const {code, stdout, stderr} = runCli(args, options);
	const report = parsedDocument(stdout, stderr);
	expectValidDocument(report, schema);
	return {code, report, stdout, stderr};
}
