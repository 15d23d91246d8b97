// Word wrapping for text printed without Ink (which wraps its own): explain's output, the
// heading written before Ink loads, the table of first hops. A terminal that wraps a line itself breaks words anywhere.

/** Word-wraps to `width`, first line indented by `indent`, the rest by `hanging` (default: indent). */
export function wrap(text: string, width: number, indent = '', hanging = indent): string[] {
	const lines: string[] = [];
	let line = indent;
	let lineIndent = indent;
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line.length > lineIndent.length && line.length + 1 + word.length > width) {
			lines.push(line);
			line = hanging;
			lineIndent = hanging;
		}
		line += (line.length > lineIndent.length ? ' ' : '') + word;
	}
	lines.push(line);
	return lines;
}
