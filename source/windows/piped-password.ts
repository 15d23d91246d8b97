// Windows PowerShell 5.1 pipes text to a program as ASCII ($OutputEncoding): every letter outside
// it arrives as "?", so a password such as "Pässwort" piped to --password-stdin is refused.

/** Said with a refused password that holds a "?", which may be such a letter. */
export const pipedAsAsciiHint =
	'If the password has a letter outside ASCII and was piped from Windows PowerShell 5.1, it arrived as "?": run $OutputEncoding = [System.Text.UTF8Encoding]::new() before the pipe.';
