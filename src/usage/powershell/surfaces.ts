/**
 * PowerShell surfaces: the cmdlets (and their aliases) whose `-Headers` carry a key, the .NET header
 * collections scripts fill by hand, the native clients shared with shell scripts (`curl.exe`), and the
 * commands that print a resource's keys. Data for detector.ts; adding a cmdlet is one row.
 * PowerShell names (cmdlets, parameters, variables, hashtable keys) are case-insensitive: rows are
 * compared in lower case.
 */
import { KEY_HEADER_TRIGGERS } from "../requests.js";
import { KEY_LISTING, SHELL_HTTP_CLIENTS } from "../shell/surfaces.js";

export interface PowerShellHttpCmdlet {
  /** The cmdlet as users know it, for findings. */
  readonly cmdlet: string;
  /** Its name and aliases (`irm`; `curl` and `wget` are `Invoke-WebRequest` in Windows PowerShell 5.1). */
  readonly names: readonly string[];
  /** The parameter holding the headers (a hashtable or dictionary), and the one holding the URL (also position 0). */
  readonly headersParameter: string;
  readonly uriParameter: string;
  /** Switch parameters: they take no value, so the word after one is not theirs (it may be the positional URL). */
  readonly switches: readonly string[];
}

const WEB_CMDLET_SWITCHES = [
  "UseBasicParsing",
  "UseDefaultCredentials",
  "DisableKeepAlive",
  "SkipCertificateCheck",
  "SkipHeaderValidation",
  "SkipHttpErrorCheck",
  "AllowUnencryptedAuthentication",
  "AllowInsecureRedirect",
  "PreserveAuthorizationOnRedirect",
  "NoProxy",
  "PassThru",
  "Resume",
  "FollowRelLink",
  "ProxyUseDefaultCredentials",
];

export const POWERSHELL_HTTP_CMDLETS: readonly PowerShellHttpCmdlet[] = [
  { cmdlet: "Invoke-RestMethod", names: ["invoke-restmethod", "irm"], headersParameter: "headers", uriParameter: "uri", switches: WEB_CMDLET_SWITCHES },
  { cmdlet: "Invoke-WebRequest", names: ["invoke-webrequest", "iwr", "curl", "wget"], headersParameter: "headers", uriParameter: "uri", switches: WEB_CMDLET_SWITCHES },
];

/** Native HTTP clients a script runs (`curl.exe -H "api-key: ..."`): the shell table's rows, by command name without `.exe`. */
export const POWERSHELL_NATIVE_CLIENTS = SHELL_HTTP_CLIENTS;

/** .NET header collections, as C# code fills them (requests.ts). */
export { DOTNET_HEADER_COLLECTIONS } from "../requests.js";

/** Commands that print or return a resource's keys: the Azure CLI's (as in shell scripts) and Az PowerShell's cmdlets. */
export interface PowerShellKeyListing {
  readonly command: string;
  /** Words that must follow the command (`cognitiveservices account keys list`). */
  readonly words: readonly string[];
  /** The listing as users know it, for findings. */
  readonly client: string;
}

export const POWERSHELL_KEY_LISTINGS: readonly PowerShellKeyListing[] = [
  { command: KEY_LISTING.command, words: KEY_LISTING.words, client: "az cognitiveservices account keys list (PowerShell)" },
  { command: "get-azcognitiveservicesaccountkey", words: [], client: "Get-AzCognitiveServicesAccountKey (PowerShell)" },
  { command: "new-azcognitiveservicesaccountkey", words: [], client: "New-AzCognitiveServicesAccountKey (PowerShell)" },
];

/** Cmdlets that write what is piped or passed to them to a file: a listing's output given to one is kept. */
export const FILE_WRITERS: readonly string[] = ["out-file", "set-content", "add-content", "tee-object", "export-csv", "export-clixml"];

export const POWERSHELL_TRIGGERS: readonly string[] = [...KEY_HEADER_TRIGGERS, "keys list", "CognitiveServicesAccountKey"];

/** Tree-sitter queries (tree-sitter-powershell). */
export const POWERSHELL_QUERIES = {
  commands: "(command) @command",
  invocations: "(invokation_expression (member_access) @target (member_name) @method (argument_list) @arguments) @invocation",
  /** `$name = value`, and script/function parameters with a default. */
  bindings: `
    ((assignment_expression (left_assignment_expression) @name (assignement_operator) @operator (_) @value) (#eq? @operator "="))
    (script_parameter (variable) @name (script_parameter_default (_) @value))
  `,
  /** `$h['api-key'] = v` and `$h.'api-key' = v`: entries added to a hashtable after its literal. */
  entryAssignments: `((assignment_expression (left_assignment_expression) @target (assignement_operator) @operator (_) @value) (#eq? @operator "="))`,
  /** `$h.Add('api-key', v)`. */
  entryAdds: "(invokation_expression (variable) @target (member_name) @method (argument_list) @arguments) @invocation",
} as const;

export const POWERSHELL_SCOPES: ReadonlySet<string> = new Set(["function_statement", "script_block_expression", "class_method_definition"]);
