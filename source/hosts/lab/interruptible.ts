// Ctrl+C on the lab, and calls that take long: the lab's answer to Host.interrupt(). A scenario
// may name calls that are slow (`slowCalls`), e.g. Enable-WSManCredSSP -Role Client, which on
// Windows writes the local GPO and then polls up to 60 s for policy to reach the registry
// (CredSSP.cs, ValidateCreadSSPRegistryRetry). Interrupting ends such a call at once with an
// "interrupted" record, and every later call fails the same way, as on the real host.
import type {Host} from '../host.js';
import type {Outcome} from '../../windows/records.js';
import {interruptedCall} from '../interrupted.js';
import type {SlowCall, SlowCalls} from './scenario.js';

/** Every Host method that talks to a machine (the ones a Ctrl+C can cut short). */
export const calls = [
	'localContext',
	'testFirstHop',
	'runOnFirstHop',
	'readDelegationLimits',
	'readWsmanSpn',
	'testSecondHopReach',
	'readClientCredSsp',
	'readServerCredSsp',
	'listListeners',
	'listCertificates',
	'enableClientCredSsp',
	'enableServerCredSsp',
	'createHttpsListener',
	'setClientCredSsp',
	'setDelegationList',
	'disableServerCredSsp',
	'removeHttpsListener',
	'resolveName',
	'readTrustedHosts',
	'addTrustedHost',
	'setTrustedHosts',
	'setNtlmOnlyList',
] as const satisfies readonly SlowCall[];

type Call = (...args: unknown[]) => Promise<Outcome<unknown>>;

/** The machine a call talks to, for the message: hop 1 when the call names it. */
function targetOf(args: unknown[]): string {
	const [first] = args;
	return typeof first === 'string' && first.includes('.') ? first : 'localhost';
}

export function interruptible<T extends Omit<Host, 'interrupt'>>(
	host: T,
	slow: SlowCalls = {},
): T & Pick<Host, 'interrupt'> {
	let interrupted = false;
	let wake: () => void = () => {};
	const stopped = new Promise<void>((resolve) => {
		wake = resolve;
	});
	const wrapped = Object.create(
		Object.getPrototypeOf(host) as object,
		Object.getOwnPropertyDescriptors(host),
	) as T & Pick<Host, 'interrupt'>;
	for (const name of calls) {
		const call = host[name] as unknown as Call;
		const wait = slow[name];
		(wrapped as unknown as Record<string, Call>)[name] = async (...args: unknown[]) => {
			const cut = (): Outcome<never> => ({ok: false, error: interruptedCall(targetOf(args))});
			if (interrupted) return cut();
			if (wait === undefined) return call.apply(wrapped, args);
			// madeFirst: the change is made, then the answer takes long (the GPO polling above).
			const result = wait.madeFirst ? await call.apply(wrapped, args) : undefined;
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([
				stopped,
				new Promise((resolve) => {
					timer = setTimeout(resolve, wait.seconds * 1000);
				}),
			]);
			clearTimeout(timer);
			if (interrupted) return cut();
			return result ?? call.apply(wrapped, args);
		};
	}
	wrapped.interrupt = async () => {
		interrupted = true;
		wake();
	};
	return wrapped;
}
