import {Box, Text} from 'ink';
import type {ErrorRecord} from '../hosts/host.js';
import {formatErrorRecord} from '../hosts/format-error.js';
import {tint, useTheme} from './theme.js';

/** The error exactly as PowerShell prints it: message, CategoryInfo, FullyQualifiedErrorId, PSComputerName. */
export function ErrorBlock({error}: {error: ErrorRecord}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" marginLeft={2}>
			{formatErrorRecord(error).map((line, index) => (
				<Text key={index} color={tint('red', theme)}>
					{line}
				</Text>
			))}
		</Box>
	);
}
