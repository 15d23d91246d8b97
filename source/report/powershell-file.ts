// A script file doublehop writes (--export, --export-dsc) as both hosts read it. Windows PowerShell
// 5.1 reads a .ps1 without a byte order mark in the ANSI code page (cp1252 and the like): a name
// such as "Jürgen" turns into "JÃ¼rgen", and UTF-8 bytes 0x91-0x94 (in "ő", "—") read as curly
// quotes, which end a string, so the script no longer parses. With the UTF-8 BOM, 5.1 and pwsh 7
// both read UTF-8 ("Understanding file encoding in VS Code and PowerShell"; PSScriptAnalyzer's
// UseBOMForUnicodeEncodedFile).
export function asPowerShellFile(text: string): string {
	return `\uFEFF${text}`;
}
