// The process-level tests run the built CLI, so build it once before any test starts.
import {execFileSync} from 'node:child_process';

export default function setup(): void {
	execFileSync(process.execPath, ['source/build.js'], {stdio: 'inherit'});
}
