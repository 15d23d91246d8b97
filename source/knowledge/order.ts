// The order of an ambiguous answer's causes: where "unrelated" goes, and what the context moves
// ahead of the text's own first guess. Pure, no I/O.
import type {Leaning} from './context.js';
import type {CauseId, ClassId} from './entry.js';

// Classes of this machine's own shell and service: a command run here can still meet them.
const localClasses: readonly CauseId[] = ['needs-elevation', 'local-winrm-stopped'];

// Met with no remote session by nature: this machine's own classes, and RDP's CredSSP dialog.
export const sessionlessClasses: readonly CauseId[] = [...localClasses, 'encryption-oracle'];

/**
 * "unrelated" ranked among the remoting causes: second, after the most likely class; first when the
 * command ran on this machine with no remote session (after this machine's own classes).
 */
export function withUnrelated(ranked: ClassId[], lean: Leaning): CauseId[] {
	if (lean.thisMachine !== undefined) {
		const local = ranked.filter((id) => localClasses.includes(id));
		return [...local, 'unrelated', ...ranked.filter((id) => !local.includes(id))];
	}
	return [ranked[0]!, 'unrelated', ...ranked.slice(1)];
}

// A refused logon or call that a third machine prints as the first hop would.
const refusedAtEitherHop: readonly CauseId[] = ['trustedhosts-or-auth', 'remote-access-denied'];

/**
 * The causes of a guess, most likely first. In a remote session: the guess, then "unrelated"; but
 * the second hop first when the command reaches a third machine and the guess is a refusal the
 * third machine prints too. With no session in sight: "unrelated" first, except this machine's own
 * classes.
 */
export function guessOrder(
	guess: ClassId,
	inFrame: boolean,
	lean: Leaning,
): {causes: CauseId[]; because: string[]} {
	if (inFrame && lean.secondHop !== undefined && refusedAtEitherHop.includes(guess)) {
		return {causes: ['second-hop-denied', guess], because: [lean.secondHop]};
	}
	const guessFirst = inFrame || sessionlessClasses.includes(guess);
	return {causes: guessFirst ? [guess, 'unrelated'] : ['unrelated', guess], because: []};
}
