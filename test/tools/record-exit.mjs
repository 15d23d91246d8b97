// TEST ONLY, loaded with `node --import`: writes the exit code and any uncaught exception to the
// file named by DOUBLEHOP_TEST_EXIT_FILE, for a run whose terminal is gone and cannot show them.
import {appendFileSync} from 'node:fs';

const file = process.env.DOUBLEHOP_TEST_EXIT_FILE;
if (file) {
	process.on('uncaughtExceptionMonitor', (error) =>
		appendFileSync(file, `uncaught ${error.stack}\n`),
	);
	process.on('exit', (code) => appendFileSync(file, `exit ${code}\n`));
}
