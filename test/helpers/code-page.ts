// Text in a Windows ANSI code page, as Set-Content writes it on Windows PowerShell 5.1 of that
// display language. Node has no encoder for them, so the table is built from its (ICU) decoder:
// each byte and byte pair that decodes, mapped back. Tests only.
const tables = new Map<string, Map<string, Buffer>>();

function tableFor(label: string): Map<string, Buffer> {
	const known = tables.get(label);
	if (known !== undefined) return known;
	const table = new Map<string, Buffer>();
	const decoder = new TextDecoder(label, {fatal: true});
	const add = (bytes: number[]) => {
		try {
			const text = decoder.decode(Buffer.from(bytes));
			if ([...text].length === 1 && !table.has(text)) table.set(text, Buffer.from(bytes));
		} catch {
			// Not a character in this code page.
		}
	};
	for (let byte = 0x80; byte <= 0xff; byte++) add([byte]);
	for (let lead = 0x81; lead <= 0xfe; lead++)
		for (let trail = 0x40; trail <= 0xfe; trail++) add([lead, trail]);
	tables.set(label, table);
	return table;
}

/** `text` in the code page Node's TextDecoder calls `label`; throws on a character it lacks. */
export function inCodePage(text: string, label: string): Buffer {
	const table = tableFor(label);
	return Buffer.concat(
		[...text].map((character) => {
			if (character < '\u0080') return Buffer.from(character);
			const bytes = table.get(character);
			if (bytes === undefined) throw new Error(`${label} has no ${character}`);
			return bytes;
		}),
	);
}
