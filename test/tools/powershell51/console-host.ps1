# TEST ONLY. How Windows PowerShell 5.1's console host runs `powershell.exe -Command -` with redirected
# standard input, played under pwsh so the Linux tests meet the same behaviour.
#
# - Input: the full-CLR console host wraps redirected stdin in its own buffered StreamReader
#   (ConsoleHost.InitializeStandardInputReader; PowerShell issue #2071, PR #2336) and reads every
#   command line through it. A read pulls in as many bytes as the pipe holds, so a line that a
#   command hoped to read itself through [Console]::In is already in the host's buffer: that read
#   waits for more input, or gets the host's next command line. pwsh 7 reads commands through
#   Console.In instead, which is why only this stand-in catches it.
# - Each line runs in one session (one runspace, global scope), as the console host runs it.
# - Block mode: a line that is an incomplete statement (an open brace, a here-string, a trailing
#   pipe or backtick) is kept, every later line is added to it unparsed, and the whole block runs
#   only once an empty line comes; still incomplete then, it waits on. A command that never gets its
#   empty line never runs, and neither does anything written after it (node-powershell's end
#   markers included): the caller waits forever. A line that fails to parse for any other reason
#   is reported on stderr and the next line runs. No prompt or echo is written (-Command - sets
#   NoPrompt). pwsh 7 does the same (its InputLoop is 5.1's, unchanged), but this stand-in reads
#   the lines itself, so it must play it. Not played: 5.1.14393 kept the newline on each line read,
#   so a statement continued on the next line only by its brace ("function foo" then "{") was a
#   parse error there rather than incomplete (PowerShell issue #2068, fixed by PR #2090).
# - Output is formatted as Out-Default would (stdout); errors go to stderr.
# - Encoding: stdin is read, and stdout and stderr written, in the console's OEM code page
#   ([Console]::InputEncoding and OutputEncoding: 437 on US English Windows, 850 in Western Europe,
#   932 in Japan), redirected or not (PowerShell issue #14945); a letter outside it becomes "?".
#   pwsh 7 on Linux writes UTF-8 instead, so only this stand-in shows what 5.1 does to them.
# It plays the console host only: the language underneath is still pwsh 7 ($PSVersionTable says so),
# so the operations' own Windows-or-not branches stay as they are. Syntax that 5.1 lacks is caught
# by test/operations/windows-powershell-51.test.ts instead. NOT played, because the .NET underneath
# is pwsh 7's: .NET Framework's API contracts (BeginWaitForConnection on a pipe not opened
# Asynchronous throws there; TcpClient() is IPv4 only), its JSON cmdlets (JavaScriptSerializer) and
# its sockets. What the scripts rely on of those is checked in their text by the same test file.
#
# Test controls (environment variables):
#   DOUBLEHOP_STANDIN_LOG       append every line the host reads to this file, and after a line
#                               that leaves it waiting for an empty line (block mode), the line
#                               "# stand-in: block mode" (a comment, never a command)
#   DOUBLEHOP_STANDIN_LANGUAGE  the session's language mode, e.g. ConstrainedLanguage (AppLocker/WDAC)
#   DOUBLEHOP_STANDIN_STUBS     play a Windows machine: import this module (the lab stubs) into
#                               the runspace doublehop's runtime opens for its operations
#   DOUBLEHOP_STANDIN_CODEPAGE  the console's OEM code page; 437 when not set
$ErrorActionPreference = 'Continue'
$standinCodePage = if ($env:DOUBLEHOP_STANDIN_CODEPAGE) { [int]$env:DOUBLEHOP_STANDIN_CODEPAGE } else { 437 }
$standinEncoding = [Text.Encoding]::GetEncoding($standinCodePage)
[Console]::OutputEncoding = $standinEncoding
$standinInput = [IO.StreamReader]::new([Console]::OpenStandardInput(), $standinEncoding, $false, 4096)
$standinRunspace = [runspacefactory]::CreateRunspace()
$standinRunspace.Open()
if ($env:DOUBLEHOP_STANDIN_LANGUAGE) {
	$standinRunspace.SessionStateProxy.LanguageMode = [System.Management.Automation.PSLanguageMode]$env:DOUBLEHOP_STANDIN_LANGUAGE
}
# Block mode, as ConsoleHost.InputLoop.Run plays it (PowerShell source,
# src/Microsoft.PowerShell.ConsoleHost/host/msh/ConsoleHost.cs:2558-2666 and HandleErrors at 2802;
# the same in the 2016 import of the 5.1 code, commit 3998ce06ba, ConsoleHost.cs:2544): incomplete
# means the parser's first error is IncompleteInput (engine/AutomationEngine.cs:107-111).
# https://github.com/PowerShell/PowerShell/issues/3223 shows it on powershell.exe -Command -.
$standinBlock = $null
while ($null -ne ($standinLine = $standinInput.ReadLine())) {
	if ($env:DOUBLEHOP_STANDIN_LOG) { [IO.File]::AppendAllText($env:DOUBLEHOP_STANDIN_LOG, $standinLine + "`n") }
	if ([string]::IsNullOrWhiteSpace($standinLine)) {
		if ($null -eq $standinBlock) { continue }
		$standinCommand = $standinBlock
		$standinBlock = $null
	} elseif ($null -ne $standinBlock) {
		$standinBlock += "`n" + $standinLine
		continue
	} else {
		$standinCommand = $standinLine
	}
	$standinParseErrors = $null
	[void][Management.Automation.Language.Parser]::ParseInput($standinCommand, [ref]$null, [ref]$standinParseErrors)
	if ($standinParseErrors.Count -gt 0 -and $standinParseErrors[0].IncompleteInput) {
		$standinBlock = $standinCommand
		if ($env:DOUBLEHOP_STANDIN_LOG) { [IO.File]::AppendAllText($env:DOUBLEHOP_STANDIN_LOG, "# stand-in: block mode`n") }
		continue
	}
	$standinShell = [powershell]::Create()
	$standinShell.Runspace = $standinRunspace
	[void]$standinShell.AddScript($standinCommand).AddCommand('Out-String').AddParameter('Stream')
	try {
		foreach ($standinText in $standinShell.Invoke()) { [Console]::Out.WriteLine($standinText) }
	} catch {
		[Console]::Error.WriteLine($_.Exception.Message)
	}
	foreach ($standinError in $standinShell.Streams.Error) { [Console]::Error.WriteLine(($standinError | Out-String).Trim()) }
	$standinShell.Dispose()
	# Stands in for the Windows-only cmdlets: the runtime opens its operations' runspace with the
	# module named in its DoublehopModule variable once its script is loaded.
	if ($env:DOUBLEHOP_STANDIN_STUBS -and $standinRunspace.SessionStateProxy.PSVariable.Get('DoublehopModule') -and -not $standinRunspace.SessionStateProxy.GetVariable('DoublehopModule')) {
		$standinRunspace.SessionStateProxy.SetVariable('DoublehopModule', $env:DOUBLEHOP_STANDIN_STUBS)
	}
}
