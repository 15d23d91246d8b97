// Cause class encryption-oracle (§2.3 E10): the entries that recognise it.
import {decisive, hresult, phrase, strong, supporting, type Entry} from '../entry.js';

export const encryptionOracle: Entry[] = [
	{
		id: 'credssp-oracle-mismatch',
		class: 'encryption-oracle',
		name: 'The CredSSP security update is on one side only',
		cause:
			'The 2018 CredSSP update (CVE-2018-0886) is installed on one side and not the other, and ' +
			'"Encryption Oracle Remediation" (AllowEncryptionOracle) forbids talking to the unpatched side. Patch ' +
			'both; setting the value to 2 (Vulnerable) is a brief workaround only.',
		notToBeConfusedWith: [
			{
				entry: 'server-credssp-disabled',
				howToTell:
					'that one lists the mechanisms the server offers; this one says "not supported".',
			},
		],
		nextCommand:
			'Get-ItemProperty HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters -Name AllowEncryptionOracle -ErrorAction SilentlyContinue',
		runOn: 'client',
		stage: 'client',
		reference: '2.3 E10',
		matchers: {
			phrases: [
				phrase('This could be due to CredSSP encryption oracle remediation', decisive),
				phrase('encryption oracle remediation', strong),
				phrase('failed to negotiate a common protocol version', strong),
				phrase('The function requested is not supported', strong),
				// The same dialog as admins retype it, "requested" dropped (two tune texts, two sources);
				// not Windows' "This function is not supported on this system" (ERROR_CALL_NOT_IMPLEMENTED).
				phrase('The function is not supported', strong),
				phrase('failed with the following error message : The request is not supported', strong),
				phrase('The request is not supported', supporting),
				phrase('An authentication error has occurred', supporting),
				phrase('linkid=866660', strong),
				// The CVE of the oracle itself (Microsoft's advisory for the CredSSP update): every text
				// of the tune and public sets that names it is this mismatch (nine, from six sources).
				phrase('CVE-2018-0886', strong),
				// The Remote Desktop dialog on localised Windows, as admins copied it: Japanese
				// (https://megalodon.jp/ref/2018-0509-2211-16/https://qiita.com:443/fjtter/items/be213ff906b17809bf92,
				// https://www.alibabacloud.com/help/ja/simple-application-server/support/the-error-message-an-authentication-error-has-occurred-the-function-requested-is-not-supported-appears),
				// Russian (https://halzen.ru/multimedia/rdp-windows-7-ukazannaya-funkciya-ne-podderzhivaetsya-ispravit-kogda.html,
				// https://altarena.ru/network-location-awareness-na-russkom-windows-10/), German
				// (https://blog.impressive-it.de/authentifizierungsfehler-die-angeforderte-funktion-wird-nicht-unterstuetzt),
				// Chinese (https://tech.18miaoxing.cn/archives/68099). Japanese and Russian drop the word "oracle".
				phrase('CredSSP 暗号化オラクルの修復', decisive, 'ja'),
				phrase('要求された関数はサポートされていません', strong, 'ja'),
				phrase('исправление шифрования CredSSP', decisive, 'ru'),
				phrase('Указанная функция не поддерживается', strong, 'ru'),
				phrase('Die angeforderte Funktion wird nicht unterstützt', strong, 'de'),
				phrase('要求的函数不受支持', strong, 'zh'),
				// Italian, the dialog as an admin copied it, with and without its CredSSP line (Windows before
				// the April 2018 update printed only the first two): https://itlabz10.tk/archives/1364
				phrase('Correzione crittografia Oracle per CredSSP', decisive, 'it'),
				phrase('La funzione richiesta non è supportata', strong, 'it'),
				// French, Spanish and Brazilian Portuguese as Microsoft's "Troubleshooting Remote Desktop
				// connections" quotes the dialog (windowsserverdocs.fr-fr, .es-es, .pt-br, 2019); Korean as
				// that article and Alibaba Cloud's and Tencent Cloud's Korean help pages quote it. Spanish,
				// Portuguese and Korean write the oracle 'oráculo' and '오라클' (the pattern below).
				phrase('La fonction demandée n’est pas prise en charge', strong, 'fr'),
				phrase('No se admite la función solicitada', strong, 'es'),
				phrase('A função solicitada não é compatível', strong, 'pt'),
				phrase('요청한 함수가 지원되지 않습니다', strong, 'ko'),
			],
			// The localised RDP dialog keeps both words: "CredSSP-Verschluesselungsoracle", "oráculo de cifrado de
			// CredSSP", "CredSSP 암호화 오라클".
			patterns: [
				{
					regex: /credssp.{0,40}(?:oracle|oráculo|오라클)|(?:oracle|oráculo|오라클).{0,40}credssp/,
					weight: strong,
					what: 'CredSSP oracle',
				},
			],
			codes: [hresult('0x80090302', supporting)],
		},
	},
];
