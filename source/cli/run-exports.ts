// The files --export, --export-dsc and --export-ansible ask for, as the run's end writes them.
// A module of its own, imported only by a run that asks for one: the renderers and the handover
// behind them are a large part of what a run would otherwise load before its first frame.
import type {ExportMeta} from '../report/export-script.js';
import {exportScript} from '../report/export-script.js';
import {ansiblePlaybook} from '../report/handover/ansible.js';
import {dscConfiguration} from '../report/handover/dsc.js';
import {handoverFromRun} from '../report/handover/handover.js';
import {asPowerShellFile} from '../report/powershell-file.js';
import type {FlowState} from '../tree/state.js';

export type ExportPaths = {export?: string; exportDsc?: string; exportAnsible?: string};

/** Each file asked for, with how to make its text from the run's last state. */
export function exportedFiles(
	paths: ExportPaths,
	state: FlowState,
	meta: ExportMeta,
): [path: string, text: () => string][] {
	const files: [string | undefined, () => string][] = [
		[paths.export, () => asPowerShellFile(exportScript(state, meta))],
		[paths.exportDsc, () => asPowerShellFile(dscConfiguration(handoverFromRun(state), meta))],
		[paths.exportAnsible, () => ansiblePlaybook(handoverFromRun(state), meta)],
	];
	return files.filter((file): file is [string, () => string] => file[0] !== undefined);
}
