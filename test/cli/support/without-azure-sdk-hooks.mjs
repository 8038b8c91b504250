// Module resolution hooks (registered by without-azure-sdk.mjs). A hidden package is resolved from a
// folder with no node_modules above it, so Node itself reports it the way it does when it is not installed.
const NOWHERE = "file:///aoai-keyless-without-packages/index.mjs";
const BROKEN = `data:text/javascript,${encodeURIComponent('throw new Error("this build of the package is broken");')}`;

let state = "missing";

export function initialize(data) {
  state = data.state;
}

export function resolve(specifier, context, nextResolve) {
  if (specifier === "@azure/identity") return nextResolve(specifier, { ...context, parentURL: NOWHERE });
  if (specifier === "@azure/core-rest-pipeline") {
    return state === "broken" ? { url: BROKEN, shortCircuit: true } : nextResolve(specifier, { ...context, parentURL: NOWHERE });
  }
  return nextResolve(specifier, context);
}
