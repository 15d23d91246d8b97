// Messages PowerShell itself prints (the cmdlets' and the remoting layer's own words, not Windows'),
// copied exactly from the resource files PowerShell ships in the nine display languages it is
// translated into: github.com/PowerShell/PowerShell, src/<project>/resources/<lang>/<file>.<lang>.resx
// (the English is the neutral <file>.resx). These are PowerShell 7.6's translations; Windows
// PowerShell 5.1 was translated with Windows and words some of its messages differently (compare
// real 5.1 transcripts, sourced where they are used in the cause files). A trailing full stop is
// left off; the English is matched too, and an entry left in English is not repeated.
import {phrase, type PhraseMatcher} from '../entry.js';

type Language = 'de' | 'fr' | 'es' | 'it' | 'ja' | 'ko' | 'pt-BR' | 'ru' | 'zh-Hans';
type Translations = {en: string} & Partial<Record<Language, string>>;

/**
 * The English message and one phrase per translation, tagged with its language; entries left in
 * English are not repeated.
 */
export function inEveryLanguage(messages: Translations, weight: number): PhraseMatcher[] {
	return [
		phrase(messages.en, weight),
		...Object.entries(messages)
			.filter(([language, text]) => language !== 'en' && text !== messages.en)
			.map(([language, text]) => phrase(text, weight, language)),
	];
}

/** WsManResources ErrorElevationNeeded (Microsoft.WSMan.Management). */
export const elevationNeeded: Translations = {
	en: 'Access is denied. You need to run this cmdlet from an elevated process',
	de: 'Der Zugriff wird verweigert. Sie müssen dieses Cmdlet aus einem Prozess mit erhöhten Rechten ausführen',
	fr: "L'accès est refusé. Vous devez exécuter cette applet de commande à partir d’un processus avec élévation de privilèges",
	es: 'Acceso denegado. Debe ejecutar este cmdlet desde un proceso con privilegios elevados',
	it: 'Accesso negato. È necessario eseguire questo cmdlet da un processo con privilegi elevati',
	ja: 'アクセスは拒否されました。昇格されたプロセスからこのコマンドレットを実行する必要があります',
	ko: '액세스가 거부되었습니다. 관리자 권한이 있는 프로세스에서 이 cmdlet을 실행해야 합니다',
	'pt-BR': 'Acesso negado. Você precisa executar este cmdlet em um processo elevado',
	ru: 'В доступе отказано. Необходимо запустить этот командлет из процесса с повышенными правами',
	'zh-Hans': '拒绝访问。需要从提升的进程运行此 cmdlet',
};

/** RemotingErrorIdStrings EDcsRequiresElevation (System.Management.Automation). */
export const runAsAdministrator: Translations = {
	en: 'Access is denied. To run this cmdlet, start PowerShell with the "Run as administrator" option',
	de: 'Der Zugriff wird verweigert. Starten Sie PowerShell mit der Option „Als Administrator ausführen“, um dieses Cmdlet auszuführen',
	fr: "L'accès est refusé. Pour exécuter cette applet de commande, démarrez PowerShell avec l’option « Exécuter en tant qu’administrateur »",
	es: 'Acceso denegado. Para ejecutar este cmdlet, inicie PowerShell con la opción "Ejecutar como administrador"',
	it: 'Accesso negato. Per eseguire questo cmdlet, avviare PowerShell con l\'opzione "Esegui come amministratore"',
	ja: 'アクセスは拒否されました。このコマンドレットを実行するには、[管理者として実行] オプションを使用して PowerShell を起動します',
	ko: '액세스가 거부되었습니다. 이 cmdlet을 실행하려면 "관리자 권한으로 실행" 옵션을 사용하여 PowerShell을 시작합니다',
	'pt-BR':
		'Access is denied. To run this cmdlet, start PowerShell with the "Run as administrator" option',
	ru: 'Доступ запрещен. Для запуска этого командлета запустите PowerShell с параметром "Запуск от имени администратора"',
	'zh-Hans': '访问被拒绝。若要运行此 cmdlet，请使用“以管理员身份运行”选项启动 PowerShell',
};

/** WsManResources WinRMServiceError (Microsoft.WSMan.Management). */
export const winrmServiceNotStarted: Translations = {
	en: 'This command cannot be executed because the WinRM Service is not started',
	de: 'Dieser Befehl kann nicht ausgeführt werden, da der WinRM-Dienst nicht gestartet ist',
	fr: 'Impossible d’exécuter cette commande, car le service WinRM n’est pas démarré',
	es: 'No se puede ejecutar este comando porque el servicio WinRM no está iniciado',
	it: 'Non è possibile eseguire questo comando perché il servizio Gestione remota Windows non è avviato',
	ja: 'WinRM サービスが開始されていないため、このコマンドを実行できません',
	ko: 'WinRM 서비스가 시작되지 않았기 때문에 이 명령을 실행할 수 없습니다',
	'pt-BR': 'Este comando não pode ser executado porque o Serviço WinRM não foi iniciado',
	ru: 'Эту команду нельзя выполнить, так как служба WinRM не запущена',
	'zh-Hans': '无法执行此命令，因为 WinRM 服务未启动',
};

/** WsManResources WinrmNotConfigured (Microsoft.WSMan.Management). */
export const configurationCorrupted: Translations = {
	en: 'This command cannot be used because the configuration is corrupted',
	de: 'Dieser Befehl kann nicht verwendet werden, da die Konfiguration beschädigt ist',
	fr: 'Impossible d’utiliser cette commande, car la configuration est endommagée',
	es: 'No se puede usar este comando porque la configuración está dañada',
	it: 'Questo comando non può essere usato perché la configurazione è danneggiata',
	ja: '構成が壊れているため、このコマンドは使用できません',
	ko: '구성이 손상되었으므로 이 명령을 사용할 수 없습니다',
	'pt-BR': 'Este comando não pode ser usado porque a configuração está corrompida',
	ru: 'Эту команду нельзя использовать, так как конфигурация повреждена',
	'zh-Hans': '无法使用此命令，因为配置已损坏',
};

/** WsManResources CredSSPServiceNotConfigured (Microsoft.WSMan.Management). */
export const notConfiguredToReceive: Translations = {
	en: 'This computer is not configured to receive credentials from a remote client computer',
	de: 'Dieser Computer ist nicht für den Empfang von Anmeldeinformationen von einem Remoteclientcomputer konfiguriert',
	fr: 'Cet ordinateur n’est pas configuré pour recevoir les informations d’identification d’un ordinateur client distant',
	es: 'Este equipo no está configurado para recibir credenciales de un equipo cliente remoto',
	it: 'Il computer non è configurato per ricevere credenziali da un computer client remoto',
	ja: 'このコンピューターは、リモート クライアント コンピューターから資格情報を受信するように構成されていません',
	ko: '이 컴퓨터는 원격 클라이언트 컴퓨터에서 자격 증명을 받도록 구성되지 않았습니다',
	'pt-BR':
		'Este computador não está configurado para receber credenciais de um computador cliente remoto',
	ru: 'Этот компьютер не настроен на получение учетных данных от удаленного клиентского компьютера',
	'zh-Hans': '此计算机未配置为接收来自远程客户端计算机的凭据',
};

/** WsManResources EnableCredSSPPolicyValidateError (Microsoft.WSMan.Management). */
export const settingCannotBeEnabled: Translations = {
	en: 'This command cannot be executed because the setting cannot be enabled',
	de: 'Dieser Befehl kann nicht ausgeführt werden, da die Einstellung nicht aktiviert werden kann',
	fr: 'Impossible d’exécuter cette commande, car le paramètre ne peut pas être activé',
	es: 'No se puede ejecutar este comando porque no se puede habilitar la configuración',
	it: "Non è possibile eseguire il comando perché non è possibile abilitare l'impostazione",
	ja: '設定を有効にできないため、このコマンドを実行できません',
	ko: '설정을 사용하도록 설정할 수 없으므로 이 명령을 실행할 수 없습니다',
	'pt-BR': 'Este comando não pode ser executado porque a configuração não pode ser habilitada',
	ru: 'Эту команду нельзя выполнить, так как параметр нельзя включить',
	'zh-Hans': '无法执行此命令，因为无法启用该设置',
};

/** WsManResources DisableCredSSPPolicyValidateError (Microsoft.WSMan.Management). */
export const settingCannotBeDisabled: Translations = {
	en: 'This command cannot be executed because the setting cannot be disabled',
	de: 'Dieser Befehl kann nicht ausgeführt werden, da die Einstellung nicht deaktiviert werden kann',
	fr: 'Impossible d’exécuter cette commande, car le paramètre ne peut pas être désactivé',
	es: 'No se puede ejecutar este comando porque no se puede deshabilitar la configuración',
	it: "Non è possibile eseguire il comando perché l'impostazione non può essere disabilitata",
	ja: '設定を無効にできないため、このコマンドを実行できません',
	ko: '설정을 사용하지 않도록 설정할 수 없으므로 이 명령을 실행할 수 없습니다',
	'pt-BR': 'Este comando não pode ser executado porque a configuração não pode ser desabilitada',
	ru: 'Эту команду нельзя выполнить, так как параметр нельзя отключить',
	'zh-Hans': '无法执行此命令，因为无法禁用该设置',
};

/** WsManResources NoDelegateFreshCred (Microsoft.WSMan.Management). */
export const notConfiguredToDelegate: Translations = {
	en: 'The machine is not configured to allow delegating fresh credentials',
	de: 'Der Computer ist nicht zum Zulassen der Delegierung von aktuellen Anmeldeinformationen konfiguriert',
	fr: 'L’ordinateur n’est pas configuré pour autoriser la délégation de nouvelles informations d’identification',
	es: 'El equipo no está configurado para permitir la delegación de credenciales nuevas',
	it: 'Il computer non è configurato per consentire la delega di nuove credenziali',
	ja: 'このマシンは、新しい資格情報の委任を許可するようには構成されていません',
	ko: '컴퓨터가 새 자격 증명 위임을 허용하도록 구성되어 있지 않습니다',
	'pt-BR': 'O computador não está configurado para permitir a delegação de novas credenciais',
	ru: 'Параметры компьютера не позволяют делегировать новые учетные данные',
	'zh-Hans': '未将此计算机配置为允许委派新凭据',
};

/** RemotingErrorIdStrings InvalidContainerId (System.Management.Automation), the words after its {0}. */
export const containerNotFound: Translations = {
	en: 'does not exist, or the corresponding container is not running',
	de: 'ist nicht vorhanden, oder der entsprechende Container wird nicht ausgeführt',
	fr: "saisi n'existe pas, ou le conteneur correspondant n'est pas en cours d'exécution",
	es: 'no existe o el contenedor correspondiente no se está ejecutando',
	it: 'non esiste oppure il contenitore corrispondente non è in esecuzione',
	ja: 'が存在しないか、対応するコンテナーが実行されていません',
	ko: '이(가) 없거나 해당 컨테이너가 실행 중이 아닙니다',
	'pt-BR': 'does not exist, or the corresponding container is not running',
	ru: 'не существует, или соответствующий контейнер не запущен',
	'zh-Hans': '不存在，或者相应的容器未运行',
};

/** RemotingErrorIdStrings BasicAuthOverHttpNotSupported (System.Management.Automation). */
export const basicOverHttpOnUnix: Translations = {
	en: 'Basic authentication is not supported over HTTP on Unix',
	de: 'Die Standardauthentifizierung wird unter Unix über HTTP nicht unterstützt',
	fr: "L'authentification de base n'est pas prise en charge via HTTP sous Unix",
	es: 'La autenticación básica no se admite a través de HTTP en Unix',
	it: "L'autenticazione di base non è supportata su HTTP in Unix",
	ja: 'Unix では、HTTP 経由での基本認証はサポートされていません',
	ko: 'Unix의 HTTP에서는 기본 인증을 지원하지 않습니다',
	'pt-BR': 'Basic authentication is not supported over HTTP on Unix',
	ru: 'В системах Unix базовая аутентификация по протоколу HTTP не поддерживается',
	'zh-Hans': 'Unix 上不支持通过 HTTP 进行基本身份验证',
};

/** RemotingErrorIdStrings AuthenticationMechanismRequiresCredential (System.Management.Automation), the words after its {0}. */
export const mechanismNeedsCredential: Translations = {
	en: 'authentication requires an explicit user name and password',
	de: 'Authentifizierung erfordert einen expliziten Benutzernamen und ein explizites Kennwort',
	fr: 'authentification nécessite un nom d’utilisateur et un mot de passe explicites',
	es: 'requiere un nombre de usuario y una contraseña explícitos',
	it: 'richiede un nome utente e una password espliciti',
	ja: '認証には明示的なユーザー名とパスワードが必要です',
	ko: '인증에는 명시적인 사용자 이름과 암호가 필요합니다',
	'pt-BR': 'authentication requires an explicit user name and password',
	ru: 'Для аутентификации требуется явное имя пользователя и пароль',
	'zh-Hans': '身份验证需要显式用户名和密码',
};
