// "1 host", "3 hosts": a count with its noun, as a person would write it (not "host(s)").

export function counted(count: number, noun: string, plural = `${noun}s`): string {
	return `${count} ${count === 1 ? noun : plural}`;
}

/** "it" for one thing, "them" for more: "To take it back later:" after one change. */
export function itOrThem(count: number): 'it' | 'them' {
	return count === 1 ? 'it' : 'them';
}
