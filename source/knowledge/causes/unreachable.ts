// Cause class unreachable (§2.3 E11, E12, §3.6): the entries that recognise it.
import {
	decisive,
	hresult,
	phrase,
	placePhrase,
	strong,
	supporting,
	type Entry,
	genericPhrase,
} from '../entry.js';
import {remotingFrame, winrmClientFrame, winrmPort} from './shared.js';

export const unreachable: Entry[] = [
	{
		id: 'unreachable-timeout',
		class: 'unreachable',
		name: 'The first hop did not answer (network, firewall, time-out)',
		cause:
			'Nothing answered on the WinRM port (5985, or 5986 with -UseSSL): the computer is off or unreachable, ' +
			'a firewall drops the traffic, or the WinRM firewall rule only allows the local subnet (Public ' +
			'profile).',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-not-listening',
				howToTell:
					'a refusal ("cannot connect to the destination") means the computer answered but nothing listens.',
			},
			{
				entry: 'https-ssl-not-established',
				howToTell:
					'"The SSL connection cannot be established" means the HTTPS port answered without a usable listener.',
			},
		],
		nextCommand: 'Test-NetConnection -ComputerName <hop1> -Port 5985',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E11, 3.6',
		matchers: {
			phrases: [
				phrase('WinRM cannot complete the operation', strong),
				phrase(
					'Verify that the specified computer name is valid, that the computer is accessible over the network',
					decisive,
				),
				phrase(
					'the WinRM firewall exception for public profiles limits access to remote computers',
					strong,
				),
				phrase('WinRM에서 작업을 완료할 수 없습니다', strong, 'ko'),
				phrase(
					'지정한 컴퓨터 이름이 올바른지, 네트워크를 통해 컴퓨터에 액세스할 수 있는지',
					decisive,
					'ko',
				),
				phrase(
					'공용 프로필에 대한 WinRM 방화벽 예외에서는 동일한 로컬 서브넷 내의 원격 컴퓨터로',
					strong,
					'ko',
				),
				phrase('Check if the machine name is valid and is reachable over the network', strong),
				// Generic network errors (pywinrm, .NET): they need a WinRM context to recognise.
				genericPhrase('ConnectTimeoutError'),
				genericPhrase('connect timeout'),
				genericPhrase('Connection timed out'),
				genericPhrase('Network is unreachable'),
				genericPhrase('Read timed out'),
				genericPhrase('did not properly respond after a period of time'),
				genericPhrase('No route to host'),
				phrase('WARNING: TCP connect to', strong),
				phrase('TcpTestSucceeded : False', strong),
				// Win32 texts (ERROR_BAD_NETPATH 53, RPC_S_SERVER_UNAVAILABLE 1722) that SMB, WMI/DCOM and any RPC
				// client print too: they name this cause only inside a remoting error (FQIDs NetworkPathNotFound,
				// ImproperResponse below, or the remoting frame).
				genericPhrase('The network path was not found'),
				genericPhrase('The RPC server is unavailable'),
				...remotingFrame,
				phrase('Max retries exceeded with url: /wsman', supporting),
				phrase('Failed to establish a new connection', supporting),
				// WinRM named beside the generic texts (a Go client's "Post http://host:5985/wsman: dial tcp
				// ...", https://gist.github.com/nasamin/e87226dc), the frame https-listener.ts reads too.
				...winrmClientFrame,
			],
			patterns: [
				winrmPort,
				{
					// Puppet Bolt's WinRM transport when the connection does not open in time
					// (puppetlabs/bolt lib/bolt/transport/winrm/connection.rb, rescue Timeout::Error:
					// "Timeout after #{connect-timeout} seconds connecting to #{endpoint}", the endpoint
					// scheme://host:port/wsman; https://github.com/puppetlabs/bolt/pull/868).
					regex: /timeout after \d+ seconds connecting to https?:\/\/\S+?\/wsman/,
					weight: strong,
					what: "Bolt's WinRM connection time-out",
				},
			],
			codes: [
				hresult('0x80338126'),
				// The HRESULTs of the two Win32 texts above: the same fact again, so no weight of their own.
				hresult('0x80070035', 0),
				hresult('0x800706BA', 0),
			],
			fqids: [
				{id: 'WinRMOperationTimeout', weight: strong},
				// doublehop's own TCP look at 5985 before it opens a session.
				{id: 'WinRMPortNotAnswering,doublehop', weight: decisive},
				{id: 'NetworkPathNotFound,PSSession', weight: strong},
				{id: 'ImproperResponse,PSSession', weight: strong},
			],
		},
	},
	{
		id: 'unreachable-not-listening',
		// A WSMan cmdlet with no -ComputerName talks to this computer's own service (Restart-Computer
		// in PowerShell 6.1 did, PowerShell/PowerShell#7798): the same words then mean it is stopped.
		onThisMachine: 'local-winrm-stopped',
		class: 'unreachable',
		name: 'Nothing listens for WinRM on the first hop (or the service is stopped)',
		cause:
			'The computer answered but refused the connection: the WinRM service is stopped, has no listener on ' +
			'that port, or listens on another port/URL. On the first hop, winrm quickconfig starts the service and ' +
			'creates the HTTP listener.',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-timeout',
				howToTell: '"WinRM cannot complete the operation" is no answer at all (firewall, network).',
			},
			{
				entry: 'quickconfig-not-elevated',
				howToTell:
					'after "Could not start the WinRM service: Access is denied", elevation is the cause.',
			},
		],
		nextCommand: 'Test-WSMan -ComputerName <hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E12',
		matchers: {
			phrases: [
				phrase('The client cannot connect to the destination specified in the request', decisive),
				phrase('The connection to the specified remote host was refused', decisive),
				phrase('The WinRM service is not listening for WS-Management requests', strong),
				phrase('Verify that the WS-Management service is running on the remote host', strong),
				phrase('requested HTTP URL was not available', strong),
				// The same message on Chinese Windows (winrs, https://github.com/3gstudent/Homework-of-C-Language/issues/2).
				phrase('并得到一个说明 HTTP URL 不可用的响应', strong, 'zh'),
				genericPhrase('Connection refused'),
				genericPhrase('because the target machine actively refused it'),
				phrase('Max retries exceeded with url: /wsman', supporting),
				phrase('Failed to establish a new connection', supporting),
				...winrmClientFrame,
			],
			patterns: [winrmPort],
			codes: [hresult('0x80338012'), hresult('0x80338112'), hresult('0x80338113')],
			fqids: [
				{id: 'CannotConnect,PSSession', weight: strong},
				{id: 'CannotConnectWinRMService', weight: strong},
				{id: 'URLNotAvailable', weight: strong},
			],
		},
	},
	{
		id: 'unreachable-name',
		class: 'unreachable',
		// Generic: DNS failures of any program (.NET, getaddrinfo, the AD module's WCF call); WinRM's own wording carries "WinRM".
		generic: true,
		name: 'The name of the first hop does not resolve',
		cause:
			'DNS has no address for the name you typed. Check the spelling, use the FQDN, or check the DNS ' +
			'suffix search list of this computer.',
		notToBeConfusedWith: [
			{
				entry: 'kerberos-cannot-find-computer',
				howToTell: 'that one resolves in DNS but Kerberos finds no computer account for the name.',
			},
		],
		nextCommand: 'Resolve-DnsName <hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E12',
		supersedes: ['second-hop-adws'],
		matchers: {
			phrases: [
				phrase('server name cannot be resolved', decisive),
				// .NET's SocketException text for a failed DNS look-up (System.Net.Dns, WCF, the AD module): any
				// program prints it, so it needs a WinRM context; WinRM's own is "server name cannot be resolved".
				genericPhrase('No DNS entries exist for host'),
				...remotingFrame,
				// The AD module's frame around it: the DC's name did not resolve, which explains that message
				// (so this entry supersedes second-hop-adws).
				phrase('does not have the Active Directory Web Services running', 1),
				genericPhrase('Name or service not known'),
				genericPhrase('nodename nor servname provided'),
				genericPhrase('Temporary failure in name resolution'),
				genericPhrase('getaddrinfo failed'),
				phrase('Ping request could not find host', strong),
				phrase('Max retries exceeded with url: /wsman', supporting),
				phrase('Failed to establish a new connection', supporting),
				...winrmClientFrame,
			],
			patterns: [winrmPort],
			codes: [hresult('0x803381B9')],
			fqids: [{id: 'ComputerNotFound', weight: strong}],
		},
	},
	{
		id: 'kerberos-cannot-find-computer',
		class: 'unreachable',
		name: 'Kerberos cannot find a computer by that name',
		cause:
			'Kerberos looked for the computer in Active Directory and found none: the name is misspelled, does ' +
			'not exist, or is an alias (CNAME, load balancer) without an SPN. Use the real FQDN. A workgroup ' +
			'computer is never in Active Directory: reach it over HTTPS, or with NTLM once it is in TrustedHosts.',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-name',
				howToTell: 'that one is DNS failing; this one is Kerberos (the name may resolve in DNS).',
			},
			{entry: 'kerberos-spn', howToTell: '0x80090322 is an SPN owned by the wrong account.'},
		],
		nextCommand: 'Resolve-DnsName <hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: 'transcripts',
		alternatives: ['trustedhosts-or-auth'],
		matchers: {
			phrases: [
				phrase('occurred while using Kerberos authentication: Cannot find the computer', decisive),
				phrase(
					'Verify that the computer exists on the network and that the name provided is spelled correctly',
					strong,
				),
			],
		},
	},
	{
		id: 'firewall-public-profile',
		class: 'unreachable',
		name: 'The WinRM firewall exception does not work on a Public network',
		cause:
			'One network connection of the first hop is set to Public, so the WinRM firewall exception cannot be ' +
			'enabled (or only allows the local subnet). Switch the profile to Private or Domain.',
		notToBeConfusedWith: [
			{
				entry: 'gpo-firewall',
				howToTell: 'that one is Group Policy forbidding local firewall changes.',
			},
		],
		nextCommand: 'Get-NetConnectionProfile',
		runOn: 'hop1',
		stage: 'first-hop',
		reference: '3.6',
		// "on this machine" is wherever the quick configuration ran: the first hop being set up, or
		// this computer setting up its own WinRM (the Azure DSC extension on a VM, a lab script on the
		// host: real-azure-quickstart-templates-2879, real-gh-ps-autolab-env-usage-faq).
		alternatives: ['local-winrm-stopped'],
		tellApart:
			'Where did Enable-PSRemoting or Set-WSManQuickConfig run? On the first hop, its WinRM cannot be reached until the network is Private or Domain. On this computer, its own WinRM set-up did not finish: change the profile here (Set-NetConnectionProfile -NetworkCategory Private) and run it again.',
		matchers: {
			phrases: [
				phrase(
					'WinRM firewall exception will not work since one of the network connection types on this machine is set to Public',
					decisive,
				),
				// What about_Remote_Troubleshooting quotes Enable-PSRemoting returning on a Public network
				// without -SkipNetworkProfileCheck ("How to enable remoting on public networks").
				phrase('Unable to check the status of the firewall', strong),
			],
		},
	},
	{
		id: 'unreachable-timeout-https',
		class: 'unreachable',
		name: 'Nothing answered over HTTPS (-UseSSL, port 5986)',
		cause:
			'WinRM timed out over HTTPS: the computer or the network is down, or only HTTPS is missing: no ' +
			'HTTPS listener on the first hop, or a firewall that drops 5986 while 5985 is open.',
		notToBeConfusedWith: [
			{
				entry: 'https-ssl-not-established',
				howToTell:
					'"The SSL connection cannot be established" is the HTTPS port answering without a usable listener.',
			},
		],
		nextCommand: 'Test-NetConnection -ComputerName <hop1> -Port 5986',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E11, E12',
		alternatives: ['https-listener'],
		// WinRM prints the same time-out whether nothing listens on 5986 or nothing answers at all.
		tellApart:
			'Does the same command work over HTTP (without -UseSSL, port 5985)? Then the computer is reachable ' +
			'and only HTTPS is not: look for an HTTPS listener on the first hop (winrm enumerate ' +
			'winrm/config/listener) and a firewall rule for TCP 5986. Does HTTP fail too? Then the computer or ' +
			'the network is the problem.',
		supersedes: ['unreachable-timeout'],
		matchers: {
			// Each half alone is below "enough": the time-out and HTTPS in one error.
			phrases: [
				phrase('WinRM cannot complete the operation', supporting),
				phrase('WinRM client cannot complete the operation within the time specified', supporting),
				// Bolt adds this to its time-out only on the default HTTPS port, because "a timeout probably
				// means the host doesn't support SSL" (puppetlabs/bolt lib/bolt/transport/winrm/connection.rb).
				phrase("use --no-ssl if this host isn't configured to use SSL for WinRM", strong),
			],
			patterns: [
				{
					regex: /(?:^| )-usessl\b|\b5986\b/,
					weight: supporting,
					what: 'HTTPS (-UseSSL, 5986)',
					place: true,
				},
			],
		},
	},
	{
		id: 'unreachable-refused-https',
		class: 'unreachable',
		name: 'The HTTPS port refused the connection',
		cause:
			'The first hop refused the connection on 5986 (or with -UseSSL): the WinRM service is not running, ' +
			'or it has no HTTPS listener (winrm quickconfig makes only the HTTP one).',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-not-listening',
				howToTell: 'the same refusal on 5985 is WinRM not listening for HTTP.',
			},
		],
		nextCommand: 'Test-NetConnection -ComputerName <hop1> -Port 5986',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E12',
		alternatives: ['https-listener'],
		// A refusal names no reason: pypsrp's maintainer asks first for the HTTPS listener and port 5986
		// (https://github.com/jborean93/pypsrp/issues/143).
		tellApart:
			'Does the first hop have an HTTPS listener (winrm enumerate winrm/config/listener on it shows ' +
			'Transport = HTTPS, Port = 5986)? If not, create one with a certificate. If it has one, is the ' +
			'WinRM service running there, and does HTTP on 5985 answer?',
		// A refusal says the name resolved and the computer answered: not a time-out, not DNS.
		supersedes: ['unreachable-not-listening', 'unreachable-timeout', 'unreachable-name'],
		matchers: {
			// Each half alone is below "enough": the refusal (1 each, at most 3) and the HTTPS port (5).
			phrases: [
				phrase('The client cannot connect to the destination specified in the request', 1),
				phrase('Connection refused', 1),
				phrase('because the target machine actively refused it', 1),
				placePhrase('port=5986', 5),
			],
		},
	},
	{
		// WS-Management's Identify request (what Test-WSMan sends) answered by something that is not
		// a WinRM service: a proxy in the path, most often (Azure Migrate's appliance documentation:
		// its proxy answered for the cluster nodes' short names; a Hyper-V troubleshooting table in
		// the public documentation index: bypass the proxy).
		id: 'winrm-identify-not-supported',
		class: 'unreachable',
		name: "Something other than the first hop's WinRM answered (a proxy)",
		cause:
			"The request reached a server that does not speak WS-Management, not the first hop's WinRM " +
			'service: usually a web proxy this computer sends WinRM through, answering for a short name, ' +
			'or another web server on the port. Add the first hop (short name and FQDN) to the proxy ' +
			'bypass list, or connect without the proxy.',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-not-listening',
				howToTell: 'a refusal or "cannot connect" means nothing answered on the port at all.',
			},
		],
		nextCommand: 'Test-WSMan -ComputerName <hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: 'fixtures',
		matchers: {
			phrases: [phrase('The server does not support WS-Management Identify operations', strong)],
		},
	},
];
