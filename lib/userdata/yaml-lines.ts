import type { LineCounter, Node as YamlNode } from 'yaml';
import { yamlLibrary } from '../yaml-library';

/** 1-based line where a YAML node's content starts (block scalars start on the line after `|`). */
export function contentLine(node: unknown, lines: LineCounter): number {
  const { isNode, isScalar } = yamlLibrary();
  if (!isNode(node) || !(node as YamlNode).range) return 1;
  const line = lines.linePos((node as YamlNode).range![0]).line;
  return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') ? line + 1 : line;
}

/** 1-based line where a YAML node starts. */
export function nodeLine(node: unknown, lines: LineCounter): number {
  const { isNode } = yamlLibrary();
  return isNode(node) && (node as YamlNode).range ? lines.linePos((node as YamlNode).range![0]).line : 1;
}
