// The line under a running step. Past a few seconds it counts the seconds, once a second, so an
// admin on a slow link sees the tool is waiting, not stuck; nothing spins.
import {Text} from 'ink';
import {useEffect, useState} from 'react';
import {waitingText} from '../report/plain-text.js';
import {tint, useTheme} from './theme.js';

export type WaitingLineProps = {
	/** Who is being waited for, e.g. hyperv1.contoso.com or "this computer". */
	machine: string;
};

export function WaitingLine({machine}: WaitingLineProps) {
	const theme = useTheme();
	const [started] = useState(() => Date.now());
	const [seconds, setSeconds] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
		return () => clearInterval(timer);
	}, [started]);
	return <Text color={tint('gray', theme)}>{waitingText(machine, seconds)}</Text>;
}
