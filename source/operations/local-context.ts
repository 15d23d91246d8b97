// What kind of shell this is: edition, version, elevation (the *-WSManCredSSP cmdlets refuse
// to run unelevated), and the domain the machine belongs to.
export const localContextCommand =
	'$PSVersionTable.PSVersion; ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)';
