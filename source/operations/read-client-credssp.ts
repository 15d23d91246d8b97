// Reads this machine's CredSSP client state: the WSMan setting, the effective delegation
// lists, the Group Policy values that override them, and the encryption-oracle setting.
export const readClientCredSspCommand = 'Get-WSManCredSSP';
