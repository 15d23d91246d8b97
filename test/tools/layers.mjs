// npm run layers: checks source/ against .dependency-cruiser.cjs (no import circle, no import up
// a floor). Through dependency-cruiser's API rather than its CLI, whose start-up check refuses
// Node 20, which this project supports.
import {createRequire} from 'node:module';
import {cruise} from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const require = createRequire(import.meta.url);
const {forbidden, options} = require('../../.dependency-cruiser.cjs');

const result = await cruise(
	['source'],
	{...options, validate: true, ruleSet: {forbidden}, outputType: 'err'},
	undefined,
	{tsConfig: extractTSConfig(options.tsConfig.fileName)},
);
process.stdout.write(result.output);
if (result.exitCode !== 0) process.exitCode = 1;
