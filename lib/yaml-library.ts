/**
 * The `yaml` package, loaded on first use. A synth rarely needs it (a cloud-config part the
 * relevance gating cannot skip, a YAML template, a NodeConfig fix to print), and loading it costs
 * about 30 ms of every `cdk synth` that loads the guard.
 */
type YamlLibrary = typeof import('yaml');

let loaded: YamlLibrary | undefined;

export function yamlLibrary(): YamlLibrary {
  return (loaded ??= require('yaml') as YamlLibrary);
}
