// What explain keeps of an input longer than it reads: its start, where a transcript has the command
// line, and its end, where a log has the error that ended it (a CI job's last lines). The middle is
// left out, and the admin told how much. Bytes only; decoding is read-input.ts's.
import {readSync} from 'node:fs';

/** Of the limit, the share kept from the start; the rest is kept from the end. */
const headShare = 1 / 4;

/** A pipe that never ends is read this far, then its last part is what was read last. */
export const pipeReadLimit = 256 * 1024 * 1024;

export type Kept = {
	head: Buffer;
	/** Present when the input was longer than the limit: its last part. */
	tail?: Buffer;
	/** Bytes read in all (the input's size when `whole`). */
	total: number;
	/** False when reading stopped at pipeReadLimit before the input ended. */
	whole: boolean;
};

/** Collects a stream's chunks, keeping the first and the last part of the limit. */
export class HeadAndTail {
	private readonly headMax: number;
	private readonly tailMax: number;
	private readonly head: Buffer[] = [];
	private headSize = 0;
	private tail: Buffer[] = [];
	private tailSize = 0;
	total = 0;

	constructor(private readonly limit: number) {
		this.headMax = Math.floor(limit * headShare);
		this.tailMax = limit - this.headMax;
	}

	push(bytes: Buffer): void {
		this.total += bytes.length;
		const toHead = Math.min(bytes.length, this.headMax - this.headSize);
		if (toHead > 0) {
			this.head.push(bytes.subarray(0, toHead));
			this.headSize += toHead;
		}
		const rest = bytes.subarray(toHead);
		if (rest.length === 0) return;
		this.tail.push(rest);
		this.tailSize += rest.length;
		// Older chunks go once the ones after them hold the tail on their own.
		while (this.tail.length > 1 && this.tailSize - this.tail[0]!.length >= this.tailMax) {
			this.tailSize -= this.tail.shift()!.length;
		}
	}

	kept(whole: boolean): Kept {
		if (this.total <= this.limit) {
			return {head: Buffer.concat([...this.head, ...this.tail]), total: this.total, whole};
		}
		const tail = Buffer.concat(this.tail);
		return {
			head: Buffer.concat(this.head),
			tail: tail.subarray(tail.length - this.tailMax),
			total: this.total,
			whole,
		};
	}
}

/** A file of known size: its start and end read where they are, the middle never read. */
export function readFileEnds(fd: number, size: number, limit: number): Kept {
	const read = (length: number, position: number) => {
		const buffer = Buffer.alloc(length);
		let got = 0;
		while (got < length) {
			const n = readSync(fd, buffer, got, length - got, position + got);
			if (n === 0) break;
			got += n;
		}
		return buffer.subarray(0, got);
	};
	if (size <= limit) return {head: read(size, 0), total: size, whole: true};
	const headLength = Math.floor(limit * headShare);
	const tailLength = limit - headLength;
	return {
		head: read(headLength, 0),
		tail: read(tailLength, size - tailLength),
		total: size,
		whole: true,
	};
}
