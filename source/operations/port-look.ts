// The TCP look at WinRM's ports before any session is opened, shared by the one-host open
// (hosts/powershell/runtime.ts) and the fan-out to many first hops (fleet-fan-out.ts). Each look
// starts a connect; every look started then waits out what is left of ONE shared deadline, so
// any number of ports and hosts are told within one probe time. A refusal or an unknown name
// faults the task at once: WinRM words those itself, so the look only says 'refused'.
export const portLookFunctions = String.raw`function Start-DoublehopPortLook([string]$ComputerName, [int]$Port) {
	$client = New-Object -TypeName System.Net.Sockets.TcpClient
	$task = $null
	try { $task = $client.ConnectAsync($ComputerName, $Port) } catch { $task = $null }
	@{client = $client; task = $task}
}
function Read-DoublehopPortLook($Look, $Clock, [int]$ProbeMs) {
	try {
		if ($null -eq $Look.task) { return 'refused' }
		$left = [Math]::Max(0, $ProbeMs - [int]$Clock.ElapsedMilliseconds)
		if ($Look.task.Wait($left)) { 'open' } else { 'silent' }
	} catch { 'refused' } finally {
		# Only the look's word is output: nothing Dispose may return.
		$null = $Look.client.Dispose()
	}
}`;
