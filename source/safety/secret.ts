// A password that cannot leak by accident: printing, logging, JSON.stringify and util.inspect
// all show a mask. Only `reveal()` gives the value, and only the host that feeds PowerShell's
// stdin (or the lab's password check) calls it.
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
