// The code the long-lived PowerShell process runs besides the operations. It arrives once, as a
// base64 line on stdin, and defines four commands:
// - Initialize-Doublehop: opens the runspace operations run in (so a hung call can be stopped).
// - Receive-DoublehopCredential: reads the next stdin line as data (never as code) and turns it
//   into a PSCredential with a SecureString, so the password is in no command text at all.
// - Invoke-DoublehopRequest: runs one operation with its parameters bound as values, within a
//   time limit, and writes one marked line of JSON: the value, or the ErrorRecord as fields.
// Every line written to stdin is plain ASCII (base64), whatever the console code page is.
export const resultMarker = 'DOUBLEHOP-RESULT';

export const runtimeScript = String.raw`
$script:DoublehopRunspace = $null
$script:DoublehopModule = $null
$script:DoublehopCredential = $null
$script:DoublehopCredentialSerial = 0

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
		message = [string]$message
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

function Initialize-Doublehop([string]$Encoded) {
	try {
		$options = ConvertFrom-Json -InputObject (ConvertFrom-DoublehopBase64 $Encoded)
		if ($options.module) { $script:DoublehopModule = ConvertFrom-DoublehopBase64 $options.module }
		$null = Get-DoublehopRunspace
		Write-DoublehopResult 'init' @{ok = $true; value = @{
			psEdition = [string]$PSVersionTable.PSEdition
			psVersion = [string]$PSVersionTable.PSVersion
		}}
	} catch {
		Write-DoublehopResult 'init' @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $_)}
	}
}

function Receive-DoublehopCredential([int]$Serial) {
	# The line after this command is data: '#' (a comment, should it ever be read as code),
	# the user name and the password, each as UTF-8 in base64.
	$line = [Console]::In.ReadLine()
	$parts = $line.TrimStart('#').Split(':')
	$user = ConvertFrom-DoublehopBase64 $parts[0]
	$bytes = [Convert]::FromBase64String($parts[1])
	$chars = [Text.Encoding]::UTF8.GetChars($bytes)
	$secure = [System.Security.SecureString]::new()
	foreach ($char in $chars) { $secure.AppendChar($char) }
	$secure.MakeReadOnly()
	[Array]::Clear($bytes, 0, $bytes.Length)
	[Array]::Clear($chars, 0, $chars.Length)
	$script:DoublehopCredential = [System.Management.Automation.PSCredential]::new($user, $secure)
	$script:DoublehopCredentialSerial = $Serial
}

function Get-DoublehopParameterValue($Parameter) {
	if ($null -ne $Parameter.text) { return ConvertFrom-DoublehopBase64 $Parameter.text }
	if ($null -ne $Parameter.texts) { return ,[string[]]@(foreach ($item in @($Parameter.texts)) { ConvertFrom-DoublehopBase64 $item }) }
	if ($null -ne $Parameter.flag) { return [bool]$Parameter.flag }
	$Parameter.number
}

function Invoke-DoublehopRequest([string]$Encoded) {
	$id = 'unknown'
	$shell = $null
	try {
		$request = ConvertFrom-Json -InputObject (ConvertFrom-DoublehopBase64 $Encoded)
		$id = [string]$request.id
		$parameters = @{}
		foreach ($parameter in @($request.parameters)) {
			$parameters[[string]$parameter.name] = Get-DoublehopParameterValue $parameter
		}
		if ($request.credentialSerial) {
			if ($script:DoublehopCredentialSerial -ne [int]$request.credentialSerial) {
				throw 'The credential did not reach PowerShell; the operation was not run.'
			}
			$parameters.Credential = $script:DoublehopCredential
		}
		if ($request.remote) {
			$parameters.SessionOption = New-DoublehopSessionOption ([int]$request.openTimeoutMs) ([int]$request.timeoutMs)
		}
		$shell = [System.Management.Automation.PowerShell]::Create()
		$shell.Runspace = Get-DoublehopRunspace
		[void]$shell.AddScript((ConvertFrom-DoublehopBase64 $request.script)).AddParameters($parameters)
		$handle = $shell.BeginInvoke()
		if (-not $handle.AsyncWaitHandle.WaitOne([int]$request.timeoutMs)) {
			# Stop it without waiting, and leave its runspace behind: the next call gets a new one.
			[void]$shell.BeginStop($null, $null)
			$script:DoublehopRunspace = $null
			$shell = $null
			Write-DoublehopResult $id @{ok = $false; timedOut = $true}
			return
		}
		try {
			$output = $shell.EndInvoke($handle)
		} catch {
			# EndInvoke's exception wraps the one the operation raised, which carries its record.
			$inner = $_.Exception
			if ($inner -is [System.Management.Automation.MethodInvocationException] -and $null -ne $inner.InnerException) { $inner = $inner.InnerException }
			if ($inner -is [System.Management.Automation.IContainsErrorRecord] -and $null -ne $inner.ErrorRecord) {
				Write-DoublehopResult $id @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $inner.ErrorRecord)}
			} else {
				Write-DoublehopResult $id @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $_)}
			}
			return
		}
		if ($output.Count -eq 0 -and $shell.Streams.Error.Count -gt 0) {
			Write-DoublehopResult $id @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $shell.Streams.Error[0])}
			return
		}
		$value = $null
		if ($output.Count -gt 0) { $value = $output[$output.Count - 1] }
		Write-DoublehopResult $id @{ok = $true; value = $value}
	} catch {
		Write-DoublehopResult $id @{ok = $false; error = (ConvertTo-DoublehopErrorRecord $_)}
	} finally {
		if ($null -ne $shell) { $shell.Dispose() }
	}
}
`;
