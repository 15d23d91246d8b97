// Whether the console can show ✓ ✗ ─ █ (and the • · « » of explain). Where it cannot, doublehop
// prints ASCII on its own; --ascii and --no-ascii always win. No React here: cli.ts reads it on
// the paths that never load the UI.

export type ConsoleFacts = {
	platform: NodeJS.Platform;
	/** Whether standard output is a terminal. */
	isTTY: boolean;
	env: Readonly<Record<string, string | undefined>>;
};

export function consoleShowsUnicode({platform, isTTY, env}: ConsoleFacts): boolean {
	// Captured (PowerShell 5.1's `$out = doublehop ...`, a Jenkins log, a file): the reader decodes
	// the bytes with a code page of its own (5.1 uses [Console]::OutputEncoding, an OEM code page
	// such as 437 or 850), so UTF-8 marks would arrive as mojibake.
	if (!isTTY) return false;
	if (platform !== 'win32') {
		// A locale that is not UTF-8 (LANG=C, POSIX, de_DE.ISO-8859-1): the terminal was told to
		// expect another character set, and UTF-8 marks would arrive as other letters.
		if (!utf8Locale(env)) return false;
		// The Linux kernel console's fonts lack most of them.
		return env.TERM !== 'linux';
	}
	// On a Windows console Node (libuv, src/win/tty.c) converts to UTF-16 and calls WriteConsoleW,
	// so the output code page (chcp) does not change what shows and need not be read (Node has no
	// GetConsoleOutputCP; running chcp would cost a process start). The font does: the legacy
	// console host's fonts (Consolas, Lucida Console, raster) have no ✓ or ✗, and it has no font
	// fallback. Terminals that draw them say who they are (the list is is-unicode-supported's).
	return (
		Boolean(env.WT_SESSION) ||
		env.TERM_PROGRAM === 'vscode' ||
		env.ConEmuTask === '{cmd::Cmder}' ||
		env.TERMINAL_EMULATOR === 'JetBrains-JediTerm' ||
		env.TERM === 'xterm-256color' ||
		env.TERM === 'alacritty'
	);
}

/**
 * Whether the terminal shows the letters of any script its font has, though it may lack the marks:
 * a Windows console (WriteConsoleW; a Japanese or Russian Windows' console font has its own
 * script), or a terminal under a UTF-8 locale. Captured output and a locale of another character
 * set do not: there letters beyond ASCII are transliterated, or "?".
 */
export function consoleShowsLetters({platform, isTTY, env}: ConsoleFacts): boolean {
	return isTTY && (platform === 'win32' || utf8Locale(env));
}

/** The first of LC_ALL, LC_CTYPE and LANG that is set decides, as for any C program (setlocale). */
function utf8Locale(env: ConsoleFacts['env']): boolean {
	const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
	return !locale || /utf-?8/i.test(locale);
}

/** --ascii or --no-ascii if given, else what the console can show. */
export function chooseAscii(flag: boolean | undefined, facts: ConsoleFacts): boolean {
	return flag ?? !consoleShowsUnicode(facts);
}

/**
 * --ascii or --no-ascii if given; else a --json document is written in ASCII (\u escapes) when it
 * is captured on Windows: Windows PowerShell 5.1 decodes a program's output with the console's OEM
 * code page ($out = doublehop --json ...; ConvertFrom-Json), and a Jenkins agent with its own
 * charset, so a Japanese or German message in UTF-8 would arrive garbled. Escapes read the same
 * in every code page.
 */
export function chooseJsonAscii(flag: boolean | undefined, facts: ConsoleFacts): boolean {
	return flag ?? (facts.platform === 'win32' && !facts.isTTY);
}
