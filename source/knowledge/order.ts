// The order of an ambiguous answer's causes: where "unrelated" goes, and what the context moves
// ahead of the text's own first guess. Pure, no I/O.
import {reasonsOf, type Leaning} from './context.js';
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
 * The causes a remote session rules out once the failing command reached a third machine from it.
 * "This shell is not elevated": the command ran in the session, not in this shell, whose elevation
 * a session to another computer does not need (only a session to this computer does, about_PSSessions:
 * https://learn.microsoft.com/previous-versions/dd347706(v=technet.10)), and a domain administrator's
 * session there has the full token, which UAC filters only for local accounts
 * (https://learn.microsoft.com/windows/win32/wmisdk/user-account-control-and-wmi, "Handling Remote
 * Connections Under UAC"). "The first hop refuses this account": once the session is seen open (the
 * error came back from it, or was typed at its prompt), the first hop took the account.
 */
function ruledOutBySession(lean: Leaning): CauseId[] {
	if (lean.secondHop === undefined || lean.inSession === undefined) return [];
	return lean.sessionOpened ? ['needs-elevation', 'remote-access-denied'] : ['needs-elevation'];
}

/**
 * The causes without those the session rules out: the second hop first (what the command reached
 * from the session refused it), and "unrelated" beside it when nothing else is left (that computer
 * refused the account itself, or has no such object). Unchanged when the session rules out none.
 */
export function afterSession(causes: CauseId[], lean: Leaning): CauseId[] {
	const out = ruledOutBySession(lean);
	if (!causes.some((id) => out.includes(id))) return causes;
	const kept = causes.filter((id) => !out.includes(id) && id !== 'second-hop-denied');
	return ['second-hop-denied', ...(kept.length === 0 ? (['unrelated'] as const) : kept)];
}

/**
 * The causes of a guess, most likely first. In a remote session: the guess, then "unrelated"; but
 * the second hop first when the command reaches a third machine and the guess is a refusal the
 * third machine prints too, or a cause the session rules out (afterSession). With no session in
 * sight: "unrelated" first, except this machine's own classes.
 */
export function guessOrder(
	guess: ClassId,
	inFrame: boolean,
	lean: Leaning,
): {causes: CauseId[]; because: string[]} {
	const sessionOrder = afterSession([guess, 'unrelated'], lean);
	if (inFrame && sessionOrder[0] !== guess) return {causes: sessionOrder, because: reasonsOf(lean)};
	if (inFrame && lean.secondHop !== undefined && refusedAtEitherHop.includes(guess)) {
		return {causes: ['second-hop-denied', guess], because: [lean.secondHop]};
	}
	const guessFirst = inFrame || sessionlessClasses.includes(guess);
	return {causes: guessFirst ? [guess, 'unrelated'] : ['unrelated', guess], because: []};
}
