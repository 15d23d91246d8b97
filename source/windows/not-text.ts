// Files an admin may hand over that hold no error text to read: the event log itself (.evtx, whose
// header starts "ElfFile\0", MS-EVEN6 2.2; the older .evt has "LfLe" at offset 4), a screenshot,
// a Word or ZIP file, a PDF, or any other binary. Known by their first bytes. Pure.

/** `nextStep` is given the file's path as a PowerShell literal, quoted. */
export type NotText = {what: string; nextStep: (quotedPath: string) => string};

const saveAsText =
	'Save the error as plain text ($Error[0] | Out-File err.txt) and explain that file, or pipe it: $Error[0] | Out-String | doublehop explain.';

const eventLog: NotText = {
	what: 'a Windows event log (.evtx)',
	nextStep: (quotedPath) =>
		`Export its events as text and explain that: Get-WinEvent -Path ${quotedPath} -MaxEvents 50 | Format-List TimeCreated, Id, ProviderName, Message | Out-File events.txt`,
};

const formats: {what: string; starts: number[]; picture?: true}[] = [
	{what: 'a picture (PNG)', starts: [0x89, 0x50, 0x4e, 0x47], picture: true},
	{what: 'a picture (JPEG)', starts: [0xff, 0xd8, 0xff], picture: true},
	{what: 'a picture (GIF)', starts: [0x47, 0x49, 0x46, 0x38], picture: true},
	{what: 'a ZIP archive (a .zip, or a Word or Excel file)', starts: [0x50, 0x4b, 0x03, 0x04]},
	{what: 'a PDF document', starts: [0x25, 0x50, 0x44, 0x46, 0x2d]},
];

const startsWith = (bytes: Buffer, prefix: number[]) =>
	prefix.every((byte, index) => bytes[index] === byte);

/** What the bytes are when they are not text; undefined for text in any encoding explain reads. */
export function notText(bytes: Buffer, readAsUtf16: boolean): NotText | undefined {
	if (bytes.subarray(0, 8).toString('latin1') === 'ElfFile\0') return eventLog;
	if (bytes.subarray(4, 8).toString('latin1') === 'LfLe') return eventLog;
	const format = formats.find(({starts}) => startsWith(bytes, starts));
	if (format !== undefined) {
		return {
			what: format.what,
			nextStep: () =>
				format.picture
					? `doublehop reads the error's words: copy them from the console (select, then Enter in a Windows console). ${saveAsText}`
					: saveAsText,
		};
	}
	// Text holds no NUL but in UTF-16, where every ASCII letter has one; a log with a stray one
	// (a console capture, a truncated write) is still read.
	const sample = bytes.subarray(0, 4096);
	if (!readAsUtf16 && sample.filter((byte) => byte === 0).length > sample.length / 100) {
		return {what: 'not text (it holds NUL bytes)', nextStep: () => saveAsText};
	}
	// Nor control characters, but tab, line ends, form feed and a console capture's escapes: in
	// random bytes (a compressed or encrypted file) about one byte in ten is one.
	const controls = sample.filter(
		(byte) => (byte < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d, 0x1b].includes(byte)) || byte === 0x7f,
	).length;
	if (!readAsUtf16 && controls > sample.length / 20) {
		return {what: 'not text (it holds control characters)', nextStep: () => saveAsText};
	}
	return undefined;
}
