// Ways the same error reaches the tool: console wrapping, PowerShell 5.1 and 7 layouts, and text
// that went through a web page, a chat, a markdown quote or JSON. Used by the robustness tests.

/** Console wrapping: a hard break every `width` characters, mid-word, as conhost does. */
export function consoleWrap(text: string, width: number): string {
	return text
		.split('\n')
		.flatMap((line) => line.match(new RegExp(`.{1,${width}}`, 'g')) ?? [''])
		.join('\n');
}

// East Asian wide characters (CJK ideographs, kana, Hangul, full-width forms) take two cells.
const wide =
	/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/**
 * Console wrapping counted in cells, as conhost does for Japanese, Chinese and Korean text: a
 * wide character takes two cells, and one that would straddle the edge goes to the next line,
 * leaving the last cell blank.
 */
export function consoleWrapCells(text: string, width: number): string {
	return text
		.split('\n')
		.map((line) => {
			let out = '';
			let used = 0;
			for (const char of line) {
				const cells = wide.test(char) ? 2 : 1;
				if (used + cells > width) {
					// The last cell, too narrow for a wide character, is left blank.
					out += `${' '.repeat(width - used)}\n`;
					used = 0;
				}
				out += char;
				used += cells;
			}
			return out;
		})
		.join('\n');
}

/** ASCII punctuation in its full-width form, as CJK input methods and pages write it. */
export function fullWidthPunctuation(text: string): string {
	return text.replace(/[:,()!?;]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
}

/** Wrapping that loses the space at each break (seen when copying from some consoles: "isvalid"). */
export function wrapLosingSpaces(text: string, width: number): string {
	return consoleWrap(text, width).replace(/ \n|\n /g, '\n');
}

/** Invoke-Command (5.1) reporting a WinRM failure: `[host]` prefix, CategoryInfo and FQID lines. */
export function withHostPrefix(
	message: string,
	fqid = 'PSSessionStateBroken',
	host = 'hyperv1',
): string {
	return (
		`[${host}] Connecting to remote server ${host} failed with the following error message : ${message} ` +
		'For more information, see the about_Remote_Troubleshooting Help topic.\n' +
		`    + CategoryInfo          : OpenError: (${host}:String) [], PSRemotingTransportException\n` +
		`    + FullyQualifiedErrorId : ${fqid}`
	);
}

/** PowerShell 7 ConciseView of the same failure. */
export function ps7Remoting(message: string, host = 'hyperv1'): string {
	return (
		`OpenError: [${host}] Processing data from remote server ${host} failed with the following error ` +
		`message: ${message} For more information, see the about_Remote_Troubleshooting Help topic.`
	);
}

/** Windows PowerShell 5.1 NormalView of a cmdlet error. */
export function ps51Layout(cmdlet: string, message: string): string {
	return (
		`${cmdlet} : ${message}\n` +
		'At line:1 char:1\n' +
		`+ ${cmdlet} -ComputerName hyperv1\n` +
		`+ ${'~'.repeat(cmdlet.length + 22)}\n` +
		`    + CategoryInfo          : NotSpecified: (:) [${cmdlet}], Exception\n`
	);
}

/** PowerShell 7 ConciseView: "<command>: <message>". */
export function ps7Concise(cmdlet: string, message: string): string {
	return `${cmdlet}: ${message}`;
}

export function htmlEscaped(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

/** What a chat or word processor does: curly quotes, non-breaking spaces. */
export function typographic(text: string): string {
	return text
		.replace(/"([^"]*)"/g, '\u201c$1\u201d')
		.replaceAll("'", '\u2019')
		.replaceAll(' ', (_match) => '\u00a0');
}

export function markdownQuote(text: string): string {
	return text
		.split('\n')
		.map((line) => `> ${line}`)
		.join('\n');
}

/** Ansible's way: the message inside a JSON string. */
export function ansibleJson(text: string): string {
	return `fatal: [hyperv1]: FAILED! => ${JSON.stringify({changed: false, msg: text, unreachable: true}, null, 4)}`;
}

/** pywinrm/Ansible stderr: PowerShell's CLIXML, one <S S="Error"> element per line, _x000D__x000A_ breaks. */
export function clixml(text: string): string {
	const lines = consoleWrap(text, 80)
		.split('\n')
		.map(
			(line) =>
				`<S S="Error">${line.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}_x000D__x000A_</S>`,
		);
	return `#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">${lines.join('')}</Objs>`;
}
