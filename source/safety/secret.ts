// A password that cannot leak by accident: printing, logging, JSON.stringify and util.inspect
// all show a mask. Only `reveal()` gives the value. Three places call it: the host that feeds
// PowerShell's stdin, the lab's password check, and the transcript, which masks the value should
// a host ever echo it back. None of them writes it anywhere.
import {inspect} from 'node:util';

const masked = '********';

export class Secret {
	readonly #value: string;

	constructor(value: string) {
		this.#value = value;
	}

	get length(): number {
		return this.#value.length;
	}

	reveal(): string {
		return this.#value;
	}

	equals(other: string): boolean {
		return this.#value === other;
	}

	/** Whether `part` occurs in it: a yes or no, never the value. */
	contains(part: string): boolean {
		return this.#value.includes(part);
	}

	toString(): string {
		return masked;
	}

	toJSON(): string {
		return masked;
	}

	[inspect.custom](): string {
		return masked;
	}
}
