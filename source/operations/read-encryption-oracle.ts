// CredSSP encryption-oracle remediation (CVE-2018-0886): the AllowEncryptionOracle policy value
// and whether this machine has the March 2018 CredSSP update. Passed as a value to the client and
// server reads so both sides are read the same way.
import type {OperationScript} from './operation.js';
import {optionalInteger, optionalText, parseWith, record, ShapeError} from './parse.js';
import type {Json} from './parse.js';

export const readEncryptionOracleCommand =
	"Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters' -Name AllowEncryptionOracle";

export const readEncryptionOracleScript = String.raw`param()
$ErrorActionPreference = 'Stop'
$item = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters' -Name AllowEncryptionOracle -ErrorAction SilentlyContinue
$os = Get-CimInstance -ClassName Win32_OperatingSystem
# The update shipped as a new credssp.dll; its build.revision tells whether it is installed.
$dll = Get-Item -Path ($env:SystemRoot + '\System32\credssp.dll') -ErrorAction SilentlyContinue
$version = $null
if ($null -ne $dll) { $version = [string]$dll.VersionInfo.FileBuildPart + '.' + [string]$dll.VersionInfo.FilePrivatePart }
$oracle = $null
if ($null -ne $item) { $oracle = [int]$item.AllowEncryptionOracle }
@{
	allowEncryptionOracle = $oracle
	osBuild = [string]$os.BuildNumber
	credSspFileVersion = $version
}
`;

/**
 * The first credssp.dll revision with the March 13, 2018 fix (KB4093492 lists the updates), per
 * build. Builds from 17134 (1803) on shipped with it. Windows 10 revisions are the OS builds of that
 * day's cumulative updates (KB4088786, KB4088779, KB4088787, KB4088782, KB4088776), whose changed
 * files carry that revision; the 7601, 9200 and 9600 ones are the March 2018 rollups' file
 * versions as best known: their KB file tables were not available to check.
 * test/operations/encryption-oracle-thresholds.test.ts holds each boundary.
 */
const firstPatchedRevision: Record<number, number> = {
	7601: 24056,
	9200: 22376,
	9600: 18946,
	10240: 17797,
	// Windows 10 1511 is affected too (CVE-2018-0886); without it a patched 1511 read as unpatched.
	10586: 1478,
	14393: 2125,
	15063: 966,
	16299: 309,
};

/** Decided by the DLL that does the work; the OS build stands in only when the DLL was not read. */
export function isOraclePatched(osBuild: number, credSspFileVersion: string | undefined): boolean {
	if (credSspFileVersion === undefined) return osBuild >= 17134;
	const [build = 0, revision = 0] = credSspFileVersion.split('.').map(Number);
	if (build >= 17134) return true;
	const needed = firstPatchedRevision[build];
	return needed !== undefined && revision >= needed;
}

export type EncryptionOracle = {encryptionOracle?: 0 | 1 | 2; oraclePatched: boolean};

export function encryptionOracleFrom(object: Json): EncryptionOracle {
	const oracle = optionalInteger(object, 'allowEncryptionOracle');
	if (oracle !== undefined && oracle !== 0 && oracle !== 1 && oracle !== 2) {
		throw new ShapeError(`AllowEncryptionOracle is ${oracle}, not 0, 1 or 2`);
	}
	const build = optionalInteger(object, 'osBuild') ?? 0;
	const patched = isOraclePatched(build, optionalText(object, 'credSspFileVersion'));
	return oracle === undefined
		? {oraclePatched: patched}
		: {encryptionOracle: oracle, oraclePatched: patched};
}

export const readEncryptionOracle: OperationScript<EncryptionOracle> = {
	name: 'read-encryption-oracle',
	runsOn: 'client',
	script: readEncryptionOracleScript,
	parameters: [],
	remote: false,
	parse: (value) => parseWith('read-encryption-oracle', () => encryptionOracleFrom(record(value))),
};
