// A JSON document whose every character outside ASCII is written as a \u escape: the data stays
// exact (every JSON reader decodes the escapes, evidence offsets included) while the bytes read
// the same in any code page.
export function asciiJson(json: string): string {
	return json.replace(
		/[\u0080-\uffff]/g,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}
