// What a read of a first hop's WSMAN SPNs means for CredSSP, for one host and for a fleet alike.
// CredSSP asks Kerberos for WSMAN/ and the name as typed; without that SPN it can only
// NTLM-authenticate the server and refuses to delegate (0x803381A4, reference 2.3 E3).
import type {WsmanSpnRead} from './records.js';

type SpnAnswer = Extract<WsmanSpnRead, {readable: true}>['spns'][number];

export type SpnJudgement =
	/** The SPN CredSSP asks for, or every one read, is held by no account: CredSSP cannot work. */
	| {kind: 'missing'; missing: string[]}
	/** Every one read is on the first hop's own computer account. */
	| {kind: 'registered'}
	/** One is missing or held by another account, not the one asked for: named, not blocking. */
	| {kind: 'elsewhere'; lines: string[]};

/** `typed`: the first hop as the admin typed it; `account`: its computer account (HYPERV1). */
export function judgeWsmanSpns(
	spns: readonly SpnAnswer[],
	typed: string,
	account: string,
): SpnJudgement {
	const asked = spns.find((each) => each.spn.toLowerCase() === `wsman/${typed.toLowerCase()}`);
	const missing = spns.filter((each) => each.accounts.length === 0).map(({spn}) => spn);
	if (missing.length === spns.length || (asked !== undefined && asked.accounts.length === 0))
		return {kind: 'missing', missing};
	const others = spns.filter(
		(each) => !each.accounts.some((name) => name.toUpperCase() === `${account.toUpperCase()}$`),
	);
	if (others.length === 0) return {kind: 'registered'};
	return {
		kind: 'elsewhere',
		lines: spns.map(
			({spn, accounts}) =>
				`${spn}: ${accounts.length === 0 ? 'not registered' : `held by ${accounts.join(', ')}`}`,
		),
	};
}

/** "WSMAN/hyperv1.contoso.com and WSMAN/hyperv1 are registered for HYPERV1's computer account: ..." */
export function spnsFoundLine(spns: readonly string[], account: string, typed: string): string {
	const are = spns.length === 1 ? 'is' : 'are';
	return `${spns.join(' and ')} ${are} registered for ${account}'s computer account: CredSSP can authenticate ${typed} with Kerberos.`;
}

/** What a domain admin runs to register one SPN on the account (setspn -S checks for duplicates first). */
export const setspnCommand = (spn: string, account: string) => `setspn -S ${spn} ${account}`;
