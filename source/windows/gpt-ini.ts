// The local Group Policy object's gpt.ini, as the lab keeps it. gPCMachineExtensionNames lists
// the client-side extensions that process the GPO as [{CSE}{tool}...] groups in CSE GUID order,
// tools in order within (MS-GPOD, Group Policy extensions:
// https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-gpod/896f59a5-5b72-4fb5-b1d4-8d007fdd6cb3;
// gpedit's merge, GPRegistryPolicyDsc#40). The registry extension reads a GPO's Registry.pol
// only when its CSE is there (MS-GPREG 3.2.5.1.2). The same rules as Step-LocalGpoVersion
// (operations/registry-pol.ts), which runs on Windows.

/** The registry (Administrative Templates) CSE and gpedit's Computer tool GUID (MS-GPREG standards assignments). */
const registryCse = '{35378EAC-683F-11D2-A89A-00C04FBBCFA2}';
const registryComputerTool = '{D02B1F72-3407-48AE-BA88-E8213C6761F1}';
/** The tool GUID Enable-WSManCredSSP saves the local GPO with (CredSSP.cs:645). */
export const credSspTool = '{7A9206BD-33AF-47af-B832-D4128730E990}';

const extensionLine = /^\s*gPCMachineExtensionNames\s*=(.*)$/i;
const versionLine = /^\s*Version\s*=\s*(\d+)\s*$/i;

/** Whether gpt.ini's gPCMachineExtensionNames lists the registry CSE (no file, no line: it does not). */
export function listsRegistryExtension(lines: readonly string[]): boolean {
	const names = lines.map((line) => extensionLine.exec(line)?.[1]).find((n) => n !== undefined);
	return names !== undefined && names.toUpperCase().includes(`[${registryCse}`);
}

const ordered = (a: string, b: string) =>
	a.toUpperCase() < b.toUpperCase() ? -1 : a.toUpperCase() > b.toUpperCase() ? 1 : 0;

/** The extension list with the registry CSE's group holding `tool`, everything else as it was. */
function withRegistryPair(names: string, tool: string): string {
	const groups = names.match(/\[[^\]]*\]/g) ?? [];
	const index = groups.findIndex((group) => group.toUpperCase().startsWith(`[${registryCse}`));
	if (index >= 0) {
		const [cse = registryCse, ...tools] = groups[index]!.match(/\{[^}]*\}/g) ?? [];
		if (tools.some((t) => t.toUpperCase() === tool.toUpperCase())) return names;
		groups[index] = `[${cse}${[...tools, tool].sort(ordered).join('')}]`;
		return groups.join('');
	}
	const mine = `[${registryCse}${tool}]`;
	const at = groups.filter((group) => ordered(group, mine) < 0).length;
	return [...groups.slice(0, at), mine, ...groups.slice(at)].join('');
}

/**
 * gpt.ini after a save of the GPO's registry settings (IGroupPolicyObject::Save, gpedit, LGPO.exe,
 * doublehop's Step-LocalGpoVersion): the computer half of Version raised, the registry pair listed.
 */
export function savedGptIni(lines: readonly string[], tool = registryComputerTool): string[] {
	const result = [...lines];
	let general = result.findIndex((line) => /^\s*\[General\]\s*$/i.test(line));
	if (general < 0) {
		result.unshift('[General]');
		general = 0;
	}
	let version = false;
	let extensions = false;
	result.forEach((line, index) => {
		const number = versionLine.exec(line)?.[1];
		const names = extensionLine.exec(line)?.[1]?.trim();
		if (number !== undefined) {
			const value = Number(number);
			const machine = (value & 0xffff) + 1;
			result[index] = `Version=${value - (value & 0xffff) + (machine > 0xffff ? 1 : machine)}`;
			version = true;
		} else if (names !== undefined) {
			const listed = withRegistryPair(names, tool);
			if (listed !== names) result[index] = `gPCMachineExtensionNames=${listed}`;
			extensions = true;
		}
	});
	if (!version) result.splice(general + 1, 0, 'Version=1');
	if (!extensions)
		result.splice(general + 1, 0, `gPCMachineExtensionNames=${withRegistryPair('', tool)}`);
	return result;
}
