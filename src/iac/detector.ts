/**
 * The `iac` detector of the scanner: Bicep, ARM JSON and Terraform templates through their readers
 * and the checks, container environments in YAML line by line. Parameters files beside a template,
 * and a Terraform module's other `.tf` files, come with the fragment when the scanner can read them
 * (whole-file scans).
 */
import type { SourceFragment } from "../scanner/types.js";
import type { IacDetected } from "./checks/common.js";
import { checkKeyConnections } from "./checks/key-connection.js";
import { checkKeyFlow } from "./checks/key-flow.js";
import { checkKeySettings } from "./checks/key-setting.js";
import { checkLocalAuth } from "./checks/local-auth.js";
import { parameterFileLookup } from "./checks/parameter-files.js";
import { YAML_PATH } from "./descriptor.js";
import { readScopedTemplates } from "./read-template.js";
import { checkYamlEnvironment } from "./yaml-env.js";

/** Every IaC finding of one file; `fixable` when the text is the whole file (fix offsets are whole-file offsets). */
export async function detectIac(fragment: SourceFragment): Promise<IacDetected[]> {
  const { path, text } = fragment;
  if (YAML_PATH.test(path)) return checkYamlEnvironment(path, text);
  const fixable = fragment.firstLine === undefined && fragment.lines === undefined;
  const parameterFiles = fragment.companions === undefined ? undefined : parameterFileLookup(fragment.companions);
  const found: IacDetected[] = [];
  const { templates, siblings } = await readScopedTemplates(path, text, fragment.companions);
  for (const template of templates) {
    found.push(
      ...checkLocalAuth(template, { text, path, fixable, siblings, ...(parameterFiles ? { parameterFiles } : {}) }),
      ...checkKeyFlow(template),
      ...checkKeyConnections(template),
      ...checkKeySettings(template),
    );
  }
  return found.sort((left, right) => left.start - right.start);
}
