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
#   DOUBLEHOP_STANDIN_LOG       append every command text the host runs to this file
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
while ($null -ne ($standinLine = $standinInput.ReadLine())) {
	if ($env:DOUBLEHOP_STANDIN_LOG) { [IO.File]::AppendAllText($env:DOUBLEHOP_STANDIN_LOG, $standinLine + "`n") }
	if ($standinLine.Trim() -eq '') { continue }
	$standinShell = [powershell]::Create()
	$standinShell.Runspace = $standinRunspace
	[void]$standinShell.AddScript($standinLine).AddCommand('Out-String').AddParameter('Stream')
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
