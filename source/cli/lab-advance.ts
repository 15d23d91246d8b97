// --lab-advance <duration>: the lab's clock moves on, and every scheduled task now due fires, as
// the Task Scheduler would run it. Lab only: a real machine's clock is never touched. It prints
// what fired and changes nothing else; the run's lock on the lab is held meanwhile.
import type {LabHost} from '../hosts/lab/lab-host.js';
import {deadlineText, durationText} from '../windows/time-box.js';
import {switchStaysOnText} from '../operations/enable-client-credssp.js';
import {chooseHost} from './choose-host.js';
import {stateDirectory} from './paths.js';
import {lockedRefusal, lockPath, takeLock} from './run-lock.js';

/** The lab clock moves by whole minutes: 1m to 30 days, written 90m, 2h, 1h30m or 3d. */
export function parseLabAdvance(
	text: string,
): {ok: true; minutes: number} | {ok: false; message: string} {
	const match = /^\s*(?:(\d{1,2})\s*d)?\s*(?:(\d{1,3})\s*h)?\s*(?:(\d{1,5})\s*m(?:in)?)?\s*$/i.exec(
		text,
	);
	const [, days, hours, minutes] = match ?? [];
	const total = Number(days ?? 0) * 1440 + Number(hours ?? 0) * 60 + Number(minutes ?? 0);
	if (match === null || total < 1 || total > 30 * 1440) {
		return {
			ok: false,
			message: `--lab-advance takes how far to move the lab clock, from 1m to 30d: 90m, 2h, 1h30m, 3d; not: ${text}.`,
		};
	}
	return {ok: true, minutes: total};
}

export async function advanceLab(options: {
	lab: string;
	labState?: string;
	minutes: number;
	write: (text: string) => void;
}): Promise<{ok: true} | {ok: false; message: string; nextSteps?: string[]}> {
	let release = () => {};
	const choice = await chooseHost({
		lab: options.lab,
		labReset: false,
		...(options.labState === undefined ? {} : {labState: options.labState}),
		async lock(key) {
			const lock = await takeLock(lockPath(stateDirectory(), key));
			if (!lock.ok)
				return {ok: false, ...lockedRefusal(lock, `the lab ${key.slice(4)}`, {json: false})};
			release = lock.release;
			return {ok: true};
		},
	});
	if (!choice.ok) {
		release();
		return choice;
	}
	const host = choice.host as LabHost;
	try {
		const fired = host.advanceClock(options.minutes);
		const clock = await host.readClock();
		const nowUtc = clock.ok ? clock.value.nowUtc : new Date().toISOString();
		const lines = [
			`Lab clock moved on ${durationText(options.minutes)}: it is now ${deadlineText(nowUtc, nowUtc)} on ${nowUtc.slice(0, 10)} in the lab.`,
			...(fired.length === 0
				? ['No scheduled task was due.']
				: fired.map(
						(task) =>
							`Fired on ${task.machine}: ${task.taskName} (due ${deadlineText(task.atUtc, nowUtc)}); it ran as SYSTEM and ${task.failed ? 'failed (LastTaskResult 0x1, a CredSSP setting a GPO holds); its other steps ran, and it stays registered for doublehop undo to find' : 'removed itself'}.` +
							(task.switchStaysOn === undefined
								? ''
								: ` ${switchStaysOnText(task.switchStaysOn)}.`),
					)),
		];
		options.write(`${lines.join('\n')}\n`);
		return {ok: true};
	} finally {
		await host.dispose();
		release();
	}
}
