// Whether two names stand for the same machine, as far as the names alone tell. One rule for every
// place that matches a typed name against another (undo --hop1, leaving hosts out, a command's
// target against the second hop given, explain's hosts), so they never disagree.

/**
 * Equal ignoring case (DNS and NetBIOS names are case-insensitive), or one is a short name (no
 * dot) equal to the other's first label: `hv09` and `hv09.contoso.com`. Two full names in
 * different domains are two machines; an IP address (v4 or v6) matches only itself.
 */
export function sameMachine(a: string, b: string): boolean {
	const [x, y] = [machinePart(a), machinePart(b)];
	if (x === '' || y === '') return false;
	if (x === y) return true;
	if (isAddress(x) || isAddress(y)) return false;
	const short = (name: string) => !name.includes('.');
	return (short(x) || short(y)) && x.split('.')[0] === y.split('.')[0];
}

/**
 * The machine in a name as written: case folded, without a port (`dc01:3268`), the brackets of an
 * IPv6 address (`[fe80::1]`), or the root's trailing dot (`hv09.contoso.com.`).
 */
function machinePart(name: string): string {
	const lower = name.trim().toLowerCase();
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(lower);
	if (bracketed) return bracketed[1]!;
	const withoutPort = /^[^:]+:\d+$/.test(lower) ? lower.replace(/:\d+$/, '') : lower;
	return withoutPort.replace(/\.$/, '');
}

function isAddress(name: string): boolean {
	return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}
