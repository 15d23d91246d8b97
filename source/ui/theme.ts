// How the UI looks in each output mode. Colour is optional everywhere (NO_COLOR, --no-color),
// and every status carries a word, so nothing depends on colour or on Unicode glyphs.
import {createContext, useContext} from 'react';
import {statusWords} from '../report/words.js';
import type {StepStatus} from '../tree/state.js';

export type Theme = {color: boolean; ascii: boolean};

export const ThemeContext = createContext<Theme>({color: true, ascii: false});

export const useTheme = () => useContext(ThemeContext);

const glyphs: Record<StepStatus, string> = {
	passed: '✓',
	failed: '✗',
	changed: '●',
	skipped: '–',
	declined: '○',
	blocked: '!',
	info: '•',
};

const colors: Record<StepStatus, string> = {
	passed: 'green',
	failed: 'red',
	changed: 'green',
	skipped: 'gray',
	declined: 'yellow',
	blocked: 'yellow',
	info: 'cyan',
};

export function statusLabel(status: StepStatus, theme: Theme): string {
	return theme.ascii ? `[${statusWords[status]}]` : `${glyphs[status]} ${statusWords[status]}`;
}

export function statusColor(status: StepStatus, theme: Theme): string | undefined {
	return theme.color ? colors[status] : undefined;
}

export function tint(color: string, theme: Theme): string | undefined {
	return theme.color ? color : undefined;
}

/**
 * The line above the banner and the result. Short enough that a narrower window does not reflow
 * it into pieces Ink cannot erase.
 */
export function ruleLine(theme: Theme, width: number): string {
	return (theme.ascii ? '=' : '─').repeat(Math.max(0, Math.min(width - 1, 40)));
}
