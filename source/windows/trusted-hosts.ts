// How the WinRM client reads WSMan:\localhost\Client\TrustedHosts: one comma-separated string of
// names, addresses and patterns. '*' trusts every host, '*.contoso.com' every name in that
// domain, a trailing '*' every name or address that starts so ('192.168.10.*', the subnet entry
// admins copy from the usual TrustedHosts how-tos), '<local>' every name without a dot; an
// address otherwise matches only itself. Comparisons ignore case. A host in the list may be reached with NTLM over HTTP: WinRM's own words, "computers in
// the TrustedHosts list might not be authenticated" (wsmerror.h, reference 2.3 E13).

/** The entries of a TrustedHosts value, in order, without blanks. */
export function trustedHostEntries(value: string): string[] {
	return value
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

function entryTrusts(entry: string, name: string): boolean {
	const pattern = entry.toLowerCase();
	const target = name.toLowerCase();
	if (pattern === '*') return true;
	if (pattern === '<local>') return !target.includes('.') && !target.includes(':');
	if (pattern.startsWith('*')) return target.endsWith(pattern.slice(1));
	if (pattern.endsWith('*')) return target.startsWith(pattern.slice(0, -1));
	return pattern === target;
}

/** The entry that lets `name` in, if any. */
export function trustingEntry(entries: readonly string[], name: string): string | undefined {
	return entries.find((entry) => entryTrusts(entry, name));
}

/** What `Set-Item … -Value <entry> -Concatenate` leaves: existing entries kept, in order, no duplicate. */
export function withTrustedHost(entries: readonly string[], entry: string): string[] {
	const present = entries.some((each) => each.toLowerCase() === entry.toLowerCase());
	return present ? [...entries] : [...entries, entry];
}

/** The list with only `entry` taken out (its last occurrence): others, even ones added since, stay. */
export function withoutTrustedHost(entries: readonly string[], entry: string): string[] {
	const index = entries.map((each) => each.toLowerCase()).lastIndexOf(entry.toLowerCase());
	return index === -1 ? [...entries] : entries.filter((_each, at) => at !== index);
}
