/** The prefix users write before our rule names (`aoai-keyless/no-hardcoded-key`). */
export const PLUGIN_NAMESPACE = "aoai-keyless";
