// Text from outside (machine data, command output, error records, what the admin typed, pasted
// error text, scenario files) is shown, never obeyed: a terminal acts on control characters (an
// OSC 52 sequence writes the clipboard, OSC 0/2 the window title, CSI moves the cursor) and bidi
// overrides make text read other than it is. Each such character is shown escaped instead, e.g.
// \x1b or \u202e; line breaks and tabs stay. Only for display: values sent back to a machine (an
// undo writing back what was there) keep their exact text.

// C0 but tab and line feed, DEL, C1; Arabic letter mark, LRM/RLM, embeddings and overrides
// (U+202A-U+202E), isolates (U+2066-U+2069).
const controls =
	/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const visible = (char: string): string => {
	const code = char.charCodeAt(0);
	return code <= 0xff
		? `\\x${code.toString(16).padStart(2, '0')}`
		: `\\u${code.toString(16).padStart(4, '0')}`;
};

/** `text` with every control and bidi-control character shown escaped; \n and \t kept. */
export function showControls(text: string): string {
	// Windows ends lines with CR LF; a CR on its own could overwrite what a line said.
	const lines = text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
	controls.lastIndex = 0;
	return controls.test(lines) ? lines.replace(controls, visible) : lines;
}

const shown = new WeakMap<object, unknown>();

/**
 * A copy of `value` (plain objects and arrays, any depth) with showControls applied to every
 * string in it; anything else (a Secret, a Date) is kept as it is. A part with nothing to escape
 * is returned itself, and each object is converted once, so re-rendering a state costs little.
 */
export function showControlsIn<T>(value: T): T {
	if (typeof value === 'string') return showControls(value) as T;
	if (typeof value !== 'object' || value === null) return value;
	const cached = shown.get(value);
	if (cached !== undefined) return cached as T;
	let result: unknown = value;
	if (Array.isArray(value)) {
		const items = value.map((item: unknown) => showControlsIn(item));
		if (items.some((item, index) => item !== value[index])) result = items;
	} else {
		const prototype = Object.getPrototypeOf(value) as unknown;
		if (prototype === Object.prototype || prototype === null) {
			const entries = Object.entries(value).map(([key, item]) => [key, showControlsIn(item)]);
			const record = value as Record<string, unknown>;
			if (entries.some(([key, item]) => item !== record[key as string]))
				result = Object.fromEntries(entries) as unknown;
		}
	}
	shown.set(value, result);
	return result as T;
}
