/**
 * Walks of the construct tree the way CDK synthesizes it: a Stage below the walked scope is
 * synthesized on its own (with its own aspects and validation), so walks do not enter one.
 */
import { CfnResource, Stage } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { NODE_RESOURCE_TYPES } from '../nodes/definitions';

const GATHERED = new Set(NODE_RESOURCE_TYPES);

/** Every construct below `root` (itself included), depth first in tree order, without entering nested Stages. */
export function constructsBelow(root: IConstruct): IConstruct[] {
  const out: IConstruct[] = [];
  const todo: IConstruct[] = [root];
  while (todo.length > 0) {
    const construct = todo.pop()!;
    out.push(construct);
    const children = construct.node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      if (!Stage.isStage(children[i])) todo.push(children[i]);
    }
  }
  return out;
}

/** A CloudFormation resource of a type the guard reads (EKS node resources and clusters). */
export function isGathered(construct: IConstruct): construct is CfnResource {
  return CfnResource.isCfnResource(construct) && GATHERED.has(construct.cfnResourceType);
}

/** The Stage `construct` is synthesized in: itself when it is one. */
export function stageOf(construct: IConstruct): Stage | undefined {
  return Stage.isStage(construct) ? construct : Stage.of(construct);
}
