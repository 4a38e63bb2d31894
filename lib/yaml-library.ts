/**
 * The YAML parsers, each loaded on first use. A synth rarely needs them: `yaml` reads a cloud-config
 * part the relevance gating cannot skip, a YAML template or prints a NodeConfig fix; js-yaml reads
 * nodeadm parts. Loading both costs about 40 ms of every `cdk synth` that loads the guard.
 */
type YamlLibrary = typeof import('yaml');
type JsYamlLibrary = typeof import('js-yaml');

let yaml: YamlLibrary | undefined;
let jsYaml: JsYamlLibrary | undefined;

export function yamlLibrary(): YamlLibrary {
  return (yaml ??= require('yaml') as YamlLibrary);
}

export function jsYamlLibrary(): JsYamlLibrary {
  return (jsYaml ??= require('js-yaml') as JsYamlLibrary);
}
