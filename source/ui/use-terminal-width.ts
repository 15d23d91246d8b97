import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

/** The terminal's width, kept current when the window is resized. */
export function useTerminalWidth(): number {
	const {stdout} = useStdout();
	const [width, setWidth] = useState(stdout.columns || 80);
	useEffect(() => {
		const onResize = () => setWidth(stdout.columns || 80);
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return width;
}

/** The terminal's height in rows, kept current on resize; undefined when it is not a terminal. */
export function useTerminalRows(): number | undefined {
	const {stdout} = useStdout();
	const [rows, setRows] = useState<number | undefined>(stdout.rows || undefined);
	useEffect(() => {
		const onResize = () => setRows(stdout.rows || undefined);
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return rows;
}
