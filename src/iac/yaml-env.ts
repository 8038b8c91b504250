/**
 * Container environments in YAML, read line by line: Kubernetes `env:` entries (`- name: X` with
 * `value:` or `valueFrom:`) in manifests and Helm templates, and docker-compose `environment:` (a
 * list of `X=value` / `X`, or a mapping). An entry named like an Azure AI key whose value comes from
 * elsewhere (a variable, a Kubernetes secret, the host environment) is a warning: the container
 * still authenticates with a key. A literal value is left to the key engine.
 */
import type { IacDetected } from "./checks/common.js";
import { shown } from "./checks/common.js";
import { isAiKeySettingName } from "./checks/key-setting.js";
import { KEY_SETTING_RULE } from "./rules.js";

interface Line {
  readonly start: number;
  readonly text: string;
  readonly indent: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    lines.push({ start, text: line, indent: /^ */.exec(line)?.[0].length ?? 0 });
    start += raw.length + 1;
  }
  return lines;
}

const unquote = (value: string): string => value.trim().replace(/^(["'])(.*)\1$/, "$2");
/** A value that is not written out: a variable, a template, empty. */
const isIndirect = (value: string): boolean => value === "" || /\$\{|\$\(|\{\{/.test(value);

export function isComposeFile(path: string): boolean {
  return /(?:^|\/)(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$/i.test(path);
}

function finding(language: string, resourceType: string, name: string, start: number, end: number, source: string): IacDetected {
  return {
    category: "iac",
    ruleId: KEY_SETTING_RULE,
    severity: "warning",
    confidence: "medium",
    message: `Environment variable \`${shown(name)}\` hands the container an Azure AI key from ${source}, not from Key Vault: the app still authenticates with a key. Give the workload a managed identity (workload identity on Kubernetes) and drop the variable.`,
    language,
    resourceType,
    property: name,
    start,
    end,
    identity: `${resourceType}|${name}`,
  };
}

function kubernetesEnv(lines: readonly Line[]): IacDetected[] {
  const found: IacDetected[] = [];
  for (const [index, line] of lines.entries()) {
    const item = /^( *)- +name: *(["']?)([A-Za-z_][\w.-]*)\2 *(?:#.*)?$/.exec(line.text);
    if (item === null || !isAiKeySettingName(item[3] as string)) continue;
    const name = item[3] as string;
    const dash = (item[1] as string).length;
    let end = line.start + line.text.length;
    let source: string | undefined;
    for (const next of lines.slice(index + 1)) {
      if (next.text.trim() === "") continue;
      if (next.indent <= dash) break;
      end = next.start + next.text.length;
      const value = /^ *value: *(.*?) *(?:#.*)?$/.exec(next.text);
      if (value !== null) source = isIndirect(unquote(value[1] as string)) && unquote(value[1] as string) !== "" ? "a variable" : undefined;
      if (/^ *valueFrom: *$/.test(next.text)) source = "a Kubernetes secret or config map";
      if (/^ *(?:secretKeyRef|configMapKeyRef):/.test(next.text)) source = /secretKeyRef/.test(next.text) ? "a Kubernetes secret" : "a config map";
    }
    if (source !== undefined) found.push(finding("Kubernetes", "Kubernetes env", name, line.start + dash, end, source));
  }
  return found;
}

function composeEnvironment(lines: readonly Line[]): IacDetected[] {
  const found: IacDetected[] = [];
  for (const [index, line] of lines.entries()) {
    if (!/^ *environment: *(?:#.*)?$/.test(line.text)) continue;
    for (const next of lines.slice(index + 1)) {
      if (next.text.trim() === "" || next.text.trim().startsWith("#")) continue;
      if (next.indent <= line.indent) break;
      const listed = /^ *- *(["']?)([A-Za-z_][\w.-]*)(?:=(.*?))?\1 *(?:#.*)?$/.exec(next.text);
      const mapped = /^ *(["']?)([A-Za-z_][\w.-]*)\1: *(.*?) *(?:#.*)?$/.exec(next.text);
      const match = listed ?? mapped;
      if (match === null || !isAiKeySettingName(match[2] as string)) continue;
      const value = unquote(match[3] ?? "");
      if (listed !== null && match[3] === undefined) {
        found.push(finding("Docker Compose", "Compose environment", match[2] as string, next.start + next.indent, next.start + next.text.length, "the host environment"));
      } else if (isIndirect(value) && value !== "") {
        found.push(finding("Docker Compose", "Compose environment", match[2] as string, next.start + next.indent, next.start + next.text.length, "a variable"));
      }
    }
  }
  return found;
}

/** Key settings of a YAML file: compose files by name, Kubernetes manifests and Helm templates by their `kind:`. */
export function checkYamlEnvironment(path: string, text: string): IacDetected[] {
  const lines = linesOf(text);
  if (isComposeFile(path)) return composeEnvironment(lines);
  if (/^kind: *\S/m.test(text)) return kubernetesEnv(lines);
  return [];
}
