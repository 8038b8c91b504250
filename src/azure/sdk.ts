/**
 * The Azure SDK packages behind the commands that talk to Azure (`audit`, `enforce`, `verify`,
 * `readiness --azure`): `@azure/identity` for the credential, `@azure/core-rest-pipeline` for HTTP.
 * They are optional peer dependencies, so a lint or scanner user never installs them (with MSAL they
 * are about half of a full install). This is the only module that imports them, and only when one of
 * those commands connects; everything else in src/azure takes what it needs from `AzureSdk`.
 */
import type * as RestPipeline from "@azure/core-rest-pipeline";
import type * as Identity from "@azure/identity";

import { PACKAGE_NAME, PACKAGE_VERSION, PEER_DEPENDENCIES } from "../utils/package-info.js";
import { oneLine } from "./credential.js";

export interface AzureSdk {
  readonly identity: typeof Identity;
  readonly pipeline: typeof RestPipeline;
}

/** An Azure SDK package is not installed or does not load: one line that names the install command. */
export class AzureSdkError extends Error {}

const IDENTITY = "@azure/identity";
const PIPELINE = "@azure/core-rest-pipeline";

/** `command`: how the user runs what needs Azure (`audit`, `readiness --azure`), for the one-off `npx` form. */
export async function loadAzureSdk(command: string): Promise<AzureSdk> {
  const [identity, pipeline] = await Promise.allSettled([import("@azure/identity"), import("@azure/core-rest-pipeline")]);
  if (identity.status === "fulfilled" && pipeline.status === "fulfilled") return { identity: identity.value, pipeline: pipeline.value };
  const problems: string[] = [];
  if (identity.status === "rejected") problems.push(loadProblem(IDENTITY, identity.reason));
  if (pipeline.status === "rejected") problems.push(loadProblem(PIPELINE, pipeline.reason));
  throw new AzureSdkError(missingSdkMessage(command, problems));
}

function loadProblem(name: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // Node names the package it could not find; a package of its own missing inside is a broken install instead.
  if (code === "ERR_MODULE_NOT_FOUND" && oneLine(error).includes(`'${name}'`)) return `${name} is not installed`;
  return `${name} does not load (${oneLine(error)})`;
}

/** The exact versions to install: the floor of each peer range, the newest releases that still run on Node 20. */
function installSpec(name: string): string {
  const range = PEER_DEPENDENCIES[name];
  return range === undefined ? name : `${name}@${range.replace(/^[\^~]/, "")}`;
}

function missingSdkMessage(command: string, problems: readonly string[]): string {
  const specs = [IDENTITY, PIPELINE].map(installSpec);
  const npx = [`${PACKAGE_NAME}@${PACKAGE_VERSION}`, ...specs].map((spec) => `-p ${spec}`).join(" ");
  return (
    `talking to Azure needs ${IDENTITY} and ${PIPELINE}, optional peer dependencies of ${PACKAGE_NAME}: ${problems.join("; ")}. ` +
    `Install them with \`npm install --save-dev ${specs.join(" ")}\`, or run once with \`npx ${npx} aoai-keyless ${command}\`.`
  );
}
