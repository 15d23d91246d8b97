// The scenarios built into doublehop, so `doublehop --lab <name>` works from any install.
// A path to a scenario file of the same shape also works (see loadScenario).
import {readFileSync, realpathSync} from 'node:fs';
import alreadyWorking from './scenarios/already-working.json' with {type: 'json'};
import classic from './scenarios/classic.json' with {type: 'json'};
import constrainedLanguage from './scenarios/constrained-language.json' with {type: 'json'};
import domainDelegationGpo from './scenarios/domain-delegation-gpo.json' with {type: 'json'};
import existingDelegation from './scenarios/existing-delegation.json' with {type: 'json'};
import delegationDisabledGpo from './scenarios/delegation-disabled-gpo.json' with {type: 'json'};
import localDelegationDisabled from './scenarios/local-delegation-disabled.json' with {type: 'json'};
import denyDelegationGpo from './scenarios/deny-delegation-gpo.json' with {type: 'json'};
import httpsOnly from './scenarios/https-only.json' with {type: 'json'};
import httpsUntrusted from './scenarios/https-untrusted.json' with {type: 'json'};
import gpoClient from './scenarios/gpo-client.json' with {type: 'json'};
import gpoClientEnabled from './scenarios/gpo-client-enabled.json' with {type: 'json'};
import notElevated from './scenarios/not-elevated.json' with {type: 'json'};
import oracleMismatch from './scenarios/oracle-mismatch.json' with {type: 'json'};
import selfSigned from './scenarios/self-signed.json' with {type: 'json'};
import untrustedCertificate from './scenarios/untrusted-certificate.json' with {type: 'json'};
import slowLink from './scenarios/slow-link.json' with {type: 'json'};
import testPathFalse from './scenarios/test-path-false.json' with {type: 'json'};
import typo from './scenarios/typo.json' with {type: 'json'};
import serverEnabled from './scenarios/server-enabled.json' with {type: 'json'};
import unreachable from './scenarios/unreachable.json' with {type: 'json'};
import hop2Off from './scenarios/hop2-off.json' with {type: 'json'};
import winrmStopped from './scenarios/winrm-stopped.json' with {type: 'json'};
import protectedUsers from './scenarios/protected-users.json' with {type: 'json'};
import sensitiveAccount from './scenarios/sensitive-account.json' with {type: 'json'};
import wildcardShortName from './scenarios/wildcard-short-name.json' with {type: 'json'};
import fileShare from './scenarios/file-share.json' with {type: 'json'};
import ipFirstHop from './scenarios/ip-first-hop.json' with {type: 'json'};
import workgroupFirstHop from './scenarios/workgroup-first-hop.json' with {type: 'json'};
import missingSpn from './scenarios/missing-spn.json' with {type: 'json'};
import jeaRunAs from './scenarios/jea-runas.json' with {type: 'json'};
import rbkcd from './scenarios/rbkcd.json' with {type: 'json'};
import rbkcdNoRights from './scenarios/rbkcd-no-rights.json' with {type: 'json'};
import fleet from './scenarios/fleet.json' with {type: 'json'};
import fleetShare from './scenarios/fleet-share.json' with {type: 'json'};
import fleetTransport from './scenarios/fleet-transport.json' with {type: 'json'};
import fleetMissingSpn from './scenarios/fleet-missing-spn.json' with {type: 'json'};
import type {Scenario} from './scenario.js';
import {scenarioProblem} from './scenario-check.js';

export const builtInScenarios: readonly Scenario[] = [
	classic,
	existingDelegation,
	serverEnabled,
	unreachable,
	hop2Off,
	gpoClient,
	selfSigned,
	untrustedCertificate,
	alreadyWorking,
	oracleMismatch,
	domainDelegationGpo,
	delegationDisabledGpo,
	localDelegationDisabled,
	denyDelegationGpo,
	gpoClientEnabled,
	notElevated,
	winrmStopped,
	constrainedLanguage,
	httpsOnly,
	httpsUntrusted,
	slowLink,
	protectedUsers,
	sensitiveAccount,
	wildcardShortName,
	fileShare,
	ipFirstHop,
	workgroupFirstHop,
	missingSpn,
	typo,
	testPathFalse,
	jeaRunAs,
	rbkcd,
	rbkcdNoRights,
	fleet,
	fleetShare,
	fleetTransport,
	fleetMissingSpn,
] as Scenario[];

/** `file`: the resolved path of a scenario read from a file, which keys its state and journal. */
export type ScenarioLookup =
	{ok: true; scenario: Scenario; file?: string} | {ok: false; message: string};

export function loadScenario(nameOrPath: string): ScenarioLookup {
	const builtIn = builtInScenarios.find((s) => s.name === nameOrPath);
	if (builtIn !== undefined) return {ok: true, scenario: builtIn};
	const names = builtInScenarios.map((s) => s.name).join(', ');
	if (!nameOrPath.endsWith('.json')) {
		return {
			ok: false,
			message: `No lab scenario named "${nameOrPath}". Built-in scenarios: ${names}.`,
		};
	}
	let parsed: unknown;
	let file: string;
	try {
		parsed = JSON.parse(readFileSync(nameOrPath, 'utf8'));
		file = realpathSync(nameOrPath);
	} catch (error) {
		return {
			ok: false,
			message: `Cannot read lab scenario ${nameOrPath}: ${(error as Error).message}`,
		};
	}
	const problem = scenarioProblem(parsed);
	if (problem !== undefined) {
		return {
			ok: false,
			message: `${nameOrPath} is not a lab scenario: ${problem}. Compare it with a built-in scenario (source/hosts/lab/scenarios/classic.json in doublehop's repository), then run again.`,
		};
	}
	return {ok: true, scenario: parsed as Scenario, file};
}
