// A command line as PowerShell's tokenizer reads it. Copied through Word, a blog or a chat, a
// command's dashes and quotes become typographic ones, and PowerShell still reads them as dashes and
// quotes (CharTraits.cs: SpecialChars.IsDash, IsSingleQuote, IsDoubleQuote): `–ComputerName mem2` is
// -ComputerName. Reading them the same way lets the simple patterns over commands see the parameter.

const dashes = /[\u2013\u2014\u2015]/g;
const singleQuotes = /[\u2018\u2019\u201a\u201b]/g;
const doubleQuotes = /[\u201c\u201d\u201e]/g;

/** The command with PowerShell's typographic dashes and quotes as their ASCII forms. */
export function asPowerShellReads(command: string): string {
	return command.replace(dashes, '-').replace(singleQuotes, "'").replace(doubleQuotes, '"');
}
