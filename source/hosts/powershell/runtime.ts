// The code the long-lived PowerShell process runs besides the operations. It arrives once, as a
// base64 line on stdin, and defines these commands:
// - Initialize-Doublehop: opens the runspace operations run in (so a hung call can be stopped),
//   and on Windows makes this process ignore the console's Ctrl+C (doublehop's interrupt decides).
// - Open-DoublehopCredentialChannel / Receive-DoublehopCredential: take the credential over a
//   channel of its own, never over stdin: a named pipe that only this user may open on Windows, a
//   Unix socket in a folder only this user may enter elsewhere. Windows PowerShell 5.1's console
//   host reads stdin through its own buffered reader, so a line meant as data would be swallowed
//   or run as code; and command texts are what Script Block Logging and transcripts record.
// - Invoke-DoublehopRequest: runs one operation with its parameters bound as values, within a
//   time limit, and writes one marked line of JSON: the value, or the ErrorRecord as fields.
//   Remote operations get an open PSSession to hop 1, one per hop, authentication and transport
//   (HTTP, or HTTPS with -UseSSL), reused.
// Every line written to stdin is plain ASCII (base64), whatever the console code page is.
import {portLookFunctions} from '../../operations/port-look.js';

export const resultMarker = 'DOUBLEHOP-RESULT';

export const runtimeScript = String.raw`
$script:DoublehopRunspace = $null
$script:DoublehopModule = $null
$script:DoublehopCredential = $null
$script:DoublehopCredentialSerial = 0
$script:DoublehopSecretServer = $null
$script:DoublehopSessions = @{}
$script:DoublehopSessionsOpened = 0

function ConvertFrom-DoublehopBase64([string]$Text) {
	[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($Text))
}

function Write-DoublehopResult([string]$Id, $Result) {
	$json = ConvertTo-Json -InputObject $Result -Depth 12 -Compress
	# Windows PowerShell writes stdout in the OEM code page: keep the line ASCII.
	if ($json -match '[^\x00-\x7F]') {
		$json = [regex]::Replace($json, '[^\x00-\x7F]', { param($match) '\u{0:x4}' -f [int][char]$match.Value })
	}
	[Console]::Out.WriteLine('DOUBLEHOP-RESULT ' + $Id + ' ' + $json)
}

function ConvertTo-DoublehopErrorRecord($Record) {
	$exception = $Record.Exception
	$message = $exception.Message
	if ($null -ne $Record.ErrorDetails -and $Record.ErrorDetails.Message) { $message = $Record.ErrorDetails.Message }
	$type = $exception.GetType().FullName
	$hresult = $exception.HResult
	if ($exception -is [System.Management.Automation.RemoteException] -and $null -ne $exception.SerializedRemoteException) {
		# An error raised on hop 1: name the exception as it was there, not its remoting wrapper.
		$serialized = $exception.SerializedRemoteException
		$type = ([string]@($serialized.PSObject.TypeNames)[0]) -replace '^Deserialized\.', ''
		$hresult = $null
		if ($serialized.PSObject.Properties['HResult']) { $hresult = [int]$serialized.HResult }
	} elseif ($exception -is [System.Management.Automation.Remoting.PSRemotingTransportException]) {
		$hresult = $exception.ErrorCode
	} elseif ($exception -is [System.ComponentModel.Win32Exception]) {
		$hresult = $exception.NativeErrorCode
	}
	# A bare Win32 error code becomes the HRESULT Windows shows for it (5 -> 0x80070005).
	if ($null -ne $hresult -and $hresult -gt 0 -and $hresult -le 0xFFFF) { $hresult = [int](0x80070000 -bor $hresult) }
	# .NET's own defaults (facility 0x13, COR_E_*) say nothing about the failure.
	if ($null -ne $hresult -and ($hresult -eq 0 -or ($hresult -band 0x7FFF0000) -eq 0x00130000)) { $hresult = $null }
	$result = [ordered]@{
		# A CimException's text ends in CR/LF (FormatMessage's); the screen shows it as one line.
		message = ([string]$message).TrimEnd()
		fullyQualifiedErrorId = [string]$Record.FullyQualifiedErrorId
		categoryInfo = [string]$Record.CategoryInfo
		exceptionType = [string]$type
	}
	if ($null -ne $hresult) { $result.hresult = [int]$hresult }
	if ($null -ne $Record.TargetObject -and [string]$Record.TargetObject -ne '') { $result.targetObject = [string]$Record.TargetObject }
	if ($Record -is [System.Management.Automation.Runspaces.RemotingErrorRecord] -and $null -ne $Record.OriginInfo) {
		$result.psComputerName = [string]$Record.OriginInfo.PSComputerName
	}
	$result
}

function Get-DoublehopRunspace {
	if ($null -eq $script:DoublehopRunspace) {
		# CreateDefault2 loads only the core; other modules load when first used, which is faster.
		$state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
		if ($script:DoublehopModule) { [void]$state.ImportPSModule([string[]]@($script:DoublehopModule)) }
		$runspace = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace($state)
		# One thread serves every call; a new thread per call costs more than the call.
		$runspace.ThreadOptions = [System.Management.Automation.Runspaces.PSThreadOptions]::ReuseThread
		$runspace.Open()
		$script:DoublehopRunspace = $runspace
	}
	$script:DoublehopRunspace
}

function New-DoublehopSessionOption([int]$OpenTimeoutMs, [int]$OperationTimeoutMs) {
	# WinRM waits minutes by default; these make an unreachable host fail within the call's limit.
	$command = Get-Command -Name New-PSSessionOption -ErrorAction SilentlyContinue
	if ($null -ne $command -and $command.Parameters.ContainsKey('OpenTimeout')) {
		return New-PSSessionOption -OpenTimeout $OpenTimeoutMs -OperationTimeout $OperationTimeoutMs -CancelTimeout 2000
	}
	$option = [System.Management.Automation.Remoting.PSSessionOption]::new()
	$option.OpenTimeout = [TimeSpan]::FromMilliseconds($OpenTimeoutMs)
	$option.OperationTimeout = [TimeSpan]::FromMilliseconds($OperationTimeoutMs)
	$option.CancelTimeout = [TimeSpan]::FromMilliseconds(2000)
	$option
}

# A P/Invoke method made with Reflection.Emit, without a compiler: Add-Type would start csc.exe
# (Windows PowerShell 5.1) or load Roslyn (PowerShell 7) for a second or more at every start.
function New-DoublehopNativeMethod([string]$Library, [string]$Name, [type]$Return, [type[]]$Parameters) {
	$assemblyName = [Reflection.AssemblyName]::new('DoublehopNative' + $Name)
	$assembly = [Reflection.Emit.AssemblyBuilder]::DefineDynamicAssembly($assemblyName, [Reflection.Emit.AssemblyBuilderAccess]::Run)
	$module = $assembly.DefineDynamicModule($assemblyName.Name)
	$type = $module.DefineType('DoublehopNative.' + $Name, [Reflection.TypeAttributes]'Public, Abstract, Sealed')
	$method = $type.DefinePInvokeMethod($Name, $Library, [Reflection.MethodAttributes]'Public, Static, PinvokeImpl', [Reflection.CallingConventions]::Standard, $Return, $Parameters, [Runtime.InteropServices.CallingConvention]::Winapi, [Runtime.InteropServices.CharSet]::Unicode)
	$method.SetImplementationFlags([Reflection.MethodImplAttributes]::PreserveSig)
	$type.CreateType().GetMethod($Name)
}

# Windows hands Ctrl+C to every process attached to the console, and this one shares doublehop's
# (node-powershell spawns it without detached). The console host would then stop the command that
# runs (ConsoleHost.MyBreakHandler -> HandleBreak -> StopPipeline), and a change could end with no
# answer. SetConsoleCtrlHandler(NULL, TRUE) makes this process, and what it starts, ignore Ctrl+C
# ("the calling process ignores CTRL+C signals", Microsoft's console docs): doublehop's own
# interrupt decides, gives the call its grace, then ends this process tree. Ctrl+Break is always a
# signal; doublehop ends PowerShell on it anyway.
function Disable-DoublehopCtrlC {
	if ([Environment]::OSVersion.Platform -ne [PlatformID]::Win32NT) { return 'not-windows' }
	try {
		$method = New-DoublehopNativeMethod 'kernel32.dll' 'SetConsoleCtrlHandler' ([bool]) @([IntPtr], [bool])
		if ($method.Invoke($null, @([IntPtr]::Zero, $true))) { 'ignored' } else { 'failed' }
	} catch {
		'failed: ' + $_.Exception.Message
	}
}

function Initialize-Doublehop([string]$Encoded) {
	try {
		$options = ConvertFrom-Json -InputObject (ConvertFrom-DoublehopBase64 $Encoded)
		if ($options.module) { $script:DoublehopModule = ConvertFrom-DoublehopBase64 $options.module }
		$ctrlC = Disable-DoublehopCtrlC
		$null = Get-DoublehopRunspace
		Write-DoublehopResult 'init' @{ok = $true; value = @{
			psEdition = [string]$PSVersionTable.PSEdition
			psVersion = [string]$PSVersionTable.PSVersion
			ctrlC = [string]$ctrlC
		}}
	} catch {
		Write-DoublehopResult 'init' @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $_)}
	}
}

function New-DoublehopSecretServer([string]$Name) {
	$direction = [System.IO.Pipes.PipeDirection]::In
	$byte = [System.IO.Pipes.PipeTransmissionMode]::Byte
	if ([Enum]::IsDefined([System.IO.Pipes.PipeOptions], 'CurrentUserOnly')) {
		# .NET Core (PowerShell 7): only this user may connect. Off Windows the name is a socket path.
		return [System.IO.Pipes.NamedPipeServerStream]::new($Name, $direction, 1, $byte, [System.IO.Pipes.PipeOptions]'CurrentUserOnly, Asynchronous')
	}
	# .NET Framework (Windows PowerShell 5.1): an ACL for this user alone, and none over the network.
	# Asynchronous, or .NET Framework refuses BeginWaitForConnection ("The pipe was not opened
	# asynchronously"); .NET Core never checks, so pwsh 7 alone cannot show it.
	$security = [System.IO.Pipes.PipeSecurity]::new()
	$rights = [System.IO.Pipes.PipeAccessRights]::FullControl
	$me = [System.Security.Principal.WindowsIdentity]::GetCurrent().User
	$network = [System.Security.Principal.SecurityIdentifier]::new('S-1-5-2')
	$security.AddAccessRule([System.IO.Pipes.PipeAccessRule]::new($me, $rights, [System.Security.AccessControl.AccessControlType]::Allow))
	$security.AddAccessRule([System.IO.Pipes.PipeAccessRule]::new($network, $rights, [System.Security.AccessControl.AccessControlType]::Deny))
	[System.IO.Pipes.NamedPipeServerStream]::new($Name, $direction, 1, $byte, [System.IO.Pipes.PipeOptions]::Asynchronous, 4096, 4096, $security)
}

function Open-DoublehopCredentialChannel([string]$Encoded) {
	try {
		if ($null -ne $script:DoublehopSecretServer) { $script:DoublehopSecretServer.Dispose() }
		$script:DoublehopSecretServer = New-DoublehopSecretServer (ConvertFrom-DoublehopBase64 $Encoded)
		Write-DoublehopResult 'channel' @{ok = $true; value = $null}
	} catch {
		$script:DoublehopSecretServer = $null
		Write-DoublehopResult 'channel' @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $_)}
	}
}

function Receive-DoublehopCredential([int]$Serial, [int]$TimeoutMs, [string]$Slot = '') {
	# One line on the channel: the user name and the password, each as UTF-8 in base64.
	$server = $script:DoublehopSecretServer
	$script:DoublehopSecretServer = $null
	$bytes = $null
	$chars = $null
	try {
		if ($null -eq $server) { throw 'The credential channel was not opened.' }
		$waiting = $server.BeginWaitForConnection($null, $null)
		if (-not $waiting.AsyncWaitHandle.WaitOne($TimeoutMs)) { throw 'Nothing connected to the credential channel in time.' }
		$server.EndWaitForConnection($waiting)
		$line = [IO.StreamReader]::new($server, [Text.Encoding]::ASCII).ReadToEnd()
		$parts = $line.Trim().Split(':')
		if ($parts.Count -ne 2) { throw 'The credential channel carried no credential.' }
		$user = ConvertFrom-DoublehopBase64 $parts[0]
		$bytes = [Convert]::FromBase64String($parts[1])
		$chars = [Text.Encoding]::UTF8.GetChars($bytes)
		$secure = [System.Security.SecureString]::new()
		foreach ($char in $chars) { $secure.AppendChar($char) }
		$secure.MakeReadOnly()
		$received = [System.Management.Automation.PSCredential]::new($user, $secure)
		if ($Slot -eq 'RunAs') {
			# A RunAs account's credential, for the one request that registers it: not the run's own.
			$script:DoublehopRunAsCredential = $received
			Write-DoublehopResult 'credential' @{ok = $true; value = $null}
			return
		}
		$script:DoublehopCredential = $received
		$script:DoublehopCredentialSerial = $Serial
		# Sessions opened with the old credential must not serve the new one.
		Close-DoublehopSessions
		Write-DoublehopResult 'credential' @{ok = $true; value = $null}
	} catch {
		Write-DoublehopResult 'credential' @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $_)}
	} finally {
		if ($null -ne $bytes) { [Array]::Clear($bytes, 0, $bytes.Length) }
		if ($null -ne $chars) { [Array]::Clear($chars, 0, $chars.Length) }
		if ($null -ne $server) { $server.Dispose() }
	}
}

function Get-DoublehopParameterValue($Parameter) {
	if ($null -ne $Parameter.text) { return ConvertFrom-DoublehopBase64 $Parameter.text }
	if ($null -ne $Parameter.texts) { return ,[string[]]@(foreach ($item in @($Parameter.texts)) { ConvertFrom-DoublehopBase64 $item }) }
	if ($null -ne $Parameter.flag) { return [bool]$Parameter.flag }
	$Parameter.number
}

# Opens a session to hop 1. A TCP look at WinRM's port first (5985, or 5986 with -UseSSL) tells
# "nothing answers" (filtered, host down) in seconds; a host that answers but is slow gets the whole
# open time-out. The other port is looked at together: a host that listens only over HTTPS (or,
# with -UseSSL, only over HTTP) is told as such before WinRM is tried.
$script:DoublehopOpenSession = @'
param([string]$ComputerName, [pscredential]$Credential, [string]$Authentication, $SessionOption, [int]$ProbeMs, [bool]$UseSSL)
$ErrorActionPreference = 'Stop'
${portLookFunctions}
# Both ports at once, so a host where nothing answers is still told within one probe time.
$clock = [Diagnostics.Stopwatch]::StartNew()
$port = if ($UseSSL) { 5986 } else { 5985 }
$other = Start-DoublehopPortLook $ComputerName $(if ($UseSSL) { 5985 } else { 5986 })
$look = Read-DoublehopPortLook (Start-DoublehopPortLook $ComputerName $port) $clock $ProbeMs
if ($look -ne 'open' -and (Read-DoublehopPortLook $other $clock $ProbeMs) -eq 'open') {
	if ($UseSSL) { return @{httpOnly = $look} }
	return @{httpsOnly = $look}
}
$null = $other.client.Dispose()
if ($look -eq 'silent') { return @{silentPort = $port} }
New-PSSession -ComputerName $ComputerName -Credential $Credential -Authentication $Authentication -SessionOption $SessionOption -UseSSL:$UseSSL
'@

$script:DoublehopCloseSession = @'
param($Session)
Remove-PSSession -Session $Session -ErrorAction SilentlyContinue
'@

# Runs a script in the operations' runspace within a time limit: @{ok; value}, @{ok; error} or @{ok; timedOut}.
function Invoke-DoublehopScript([string]$Script, [hashtable]$Parameters, [int]$TimeoutMs) {
	$shell = [System.Management.Automation.PowerShell]::Create()
	try {
		$shell.Runspace = Get-DoublehopRunspace
		# A scope of its own: a script's typed parameters ([bool]$Enabled) and variables must not
		# outlive it, or the next script's $enabled = '...' fails to convert.
		[void]$shell.AddScript($Script, $true).AddParameters($Parameters)
		$handle = $shell.BeginInvoke()
		if (-not $handle.AsyncWaitHandle.WaitOne([Math]::Max($TimeoutMs, 1))) {
			# Stop it without waiting, and leave its runspace behind: the next call gets a new one.
			# Its sessions may still be busy with what was stopped: later calls open fresh ones.
			[void]$shell.BeginStop($null, $null)
			$script:DoublehopRunspace = $null
			$script:DoublehopSessions = @{}
			$shell = $null
			return @{ok = $false; timedOut = $true}
		}
		try {
			$output = $shell.EndInvoke($handle)
		} catch {
			# EndInvoke's exception wraps the one the script raised, which carries its record.
			$inner = $_.Exception
			if ($inner -is [System.Management.Automation.MethodInvocationException] -and $null -ne $inner.InnerException) { $inner = $inner.InnerException }
			if ($inner -is [System.Management.Automation.IContainsErrorRecord] -and $null -ne $inner.ErrorRecord) {
				return @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $inner.ErrorRecord)}
			}
			return @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $_)}
		}
		if ($output.Count -eq 0 -and $shell.Streams.Error.Count -gt 0) {
			return @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $shell.Streams.Error[0])}
		}
		$value = $null
		if ($output.Count -gt 0) { $value = $output[$output.Count - 1] }
		@{ok = $true; value = $value}
	} finally {
		if ($null -ne $shell) { $shell.Dispose() }
	}
}

# One session per hop, authentication and transport, opened once and reused while it stays usable.
function Get-DoublehopSession($Remote, $Option, [int]$TimeoutMs) {
	$key = ([string]$Remote.computerName).ToLowerInvariant() + '|' + [string]$Remote.authentication + '|' + [string][bool]$Remote.useSsl
	$session = $script:DoublehopSessions[$key]
	if ($null -ne $session) {
		if ([string]$session.State -eq 'Opened' -and [string]$session.Availability -eq 'Available') { return @{ok = $true; value = $session} }
		$script:DoublehopSessions.Remove($key)
	}
	$opened = Invoke-DoublehopScript $script:DoublehopOpenSession @{
		ComputerName = [string]$Remote.computerName
		Credential = $script:DoublehopCredential
		Authentication = [string]$Remote.authentication
		SessionOption = $Option
		ProbeMs = [int]$Remote.probeMs
		UseSSL = [bool]$Remote.useSsl
	} $TimeoutMs
	if (-not $opened.ok) { return $opened }
	if ($opened.value -is [hashtable]) {
		if ($opened.value.httpsOnly) { return @{ok = $false; httpsOnly = [string]$opened.value.httpsOnly} }
		if ($opened.value.httpOnly) { return @{ok = $false; httpOnly = [string]$opened.value.httpOnly} }
		return @{ok = $false; silentPort = $opened.value.silentPort}
	}
	$script:DoublehopSessionsOpened++
	if ($Remote.keep) { $script:DoublehopSessions[$key] = $opened.value }
	$opened
}

function Close-DoublehopSessions {
	foreach ($session in @($script:DoublehopSessions.Values)) {
		$null = Invoke-DoublehopScript $script:DoublehopCloseSession @{Session = $session} 5000
	}
	$script:DoublehopSessions = @{}
}

function Invoke-DoublehopRequest([string]$Encoded) {
	$id = 'unknown'
	try {
		$clock = [Diagnostics.Stopwatch]::StartNew()
		$request = ConvertFrom-Json -InputObject (ConvertFrom-DoublehopBase64 $Encoded)
		$id = [string]$request.id
		$timeoutMs = [int]$request.timeoutMs
		$parameters = @{}
		foreach ($parameter in @($request.parameters)) {
			$parameters[[string]$parameter.name] = Get-DoublehopParameterValue $parameter
		}
		$session = $null
		if ($request.remote) {
			if ($script:DoublehopCredentialSerial -ne [int]$request.credentialSerial) {
				throw 'The credential did not reach PowerShell; the operation was not run.'
			}
			$option = New-DoublehopSessionOption ([int]$request.openTimeoutMs) $timeoutMs
			$opened = Get-DoublehopSession $request.remote $option $timeoutMs
			if (-not $opened.ok) {
				$opened.sessionsOpened = $script:DoublehopSessionsOpened
				Write-DoublehopResult $id $opened
				return
			}
			$session = $opened.value
			$parameters.Session = $session
			if ($request.remote.passCredential) { $parameters.Credential = $script:DoublehopCredential }
			if ($request.remote.passRunAsCredential) {
				$parameters.RunAsCredential = $script:DoublehopRunAsCredential
				$script:DoublehopRunAsCredential = $null
			}
		} elseif ($request.localCredential) {
			# A fan-out to many first hops: it opens its own sessions with the run's credential.
			if ($script:DoublehopCredentialSerial -ne [int]$request.credentialSerial) {
				throw 'The credential did not reach PowerShell; the operation was not run.'
			}
			$parameters.Credential = $script:DoublehopCredential
		}
		$result = Invoke-DoublehopScript (ConvertFrom-DoublehopBase64 $request.script) $parameters ($timeoutMs - [int]$clock.ElapsedMilliseconds)
		# A CredSSP session holds the admin's credential on hop 1: close it as soon as it has served.
		if ($null -ne $session -and -not $request.remote.keep -and -not $result.timedOut) {
			$null = Invoke-DoublehopScript $script:DoublehopCloseSession @{Session = $session} 5000
		}
		# A fan-out answers per host: each host's error record is worded like any other.
		if ($result.ok -and $result.value -is [System.Collections.IDictionary] -and $result.value.Contains('perHost')) {
			$perHost = $result.value.perHost
			foreach ($name in @($perHost.Keys)) {
				if ($null -ne $perHost[$name].record) { $perHost[$name] = @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $perHost[$name].record); overHttps = $perHost[$name].overHttps} }
			}
		}
		$result.sessionsOpened = $script:DoublehopSessionsOpened
		Write-DoublehopResult $id $result
	} catch {
		Write-DoublehopResult $id @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $_)}
	}
}
`;
