/**
 * CDK applies aspects only down to a Stage boundary (a Stage is synthesized on its own, with its
 * own aspects, before its parent's aspects run), so a guard on the app does not check the stacks
 * of a Stage inside it, as in every CDK Pipelines app. Saying so is the guard's job: nodes nobody
 * checks must not pass silently.
 */
import { Aspects, CfnResource, IAspect, Stack, Stage } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { NODE_RESOURCE_TYPES } from '../nodes/definitions';

const NODE_TYPES = new Set(NODE_RESOURCE_TYPES);

/** A Stage below a checked scope that defines EKS node resources and has no guard of its own. */
export interface UnguardedStage {
  readonly stage: Stage;
  /** Paths of its node resources (node groups, launch templates, ...), outside Stages nested in it. */
  readonly nodeResources: readonly string[];
  /** Where a message about it reaches the CDK CLI: the nearest stack around the Stage, if any. */
  readonly reportOn?: Stack;
}

/**
 * The Stages directly below `root`'s Stage (not those nested in another Stage: that Stage's own
 * guard, or the report about it, covers them) that define EKS node resources while no aspect
 * `isGuard` accepts is added to the Stage or to anything in it.
 */
export function unguardedStages(root: IConstruct, isGuard: (aspect: IAspect) => boolean): UnguardedStage[] {
  const out: UnguardedStage[] = [];
  for (const stage of stagesBelow(root)) {
    const inside = constructsOf(stage);
    if (inside.some((construct) => Aspects.of(construct).all.some(isGuard))) continue;
    const nodeResources = inside.filter((c) => CfnResource.isCfnResource(c) && NODE_TYPES.has(c.cfnResourceType)).map((c) => c.node.path);
    if (nodeResources.length === 0) continue;
    out.push({ stage, nodeResources, reportOn: enclosingStack(stage, root) });
  }
  return out;
}

/** The Stages below `root` that are not inside another Stage below it. */
function stagesBelow(root: IConstruct): Stage[] {
  const out: Stage[] = [];
  const visit = (construct: IConstruct): void => {
    for (const child of construct.node.children) {
      if (Stage.isStage(child)) out.push(child);
      else visit(child);
    }
  };
  visit(root);
  return out;
}

/** The constructs of `stage` itself, in tree order: not those of Stages nested in it. */
function constructsOf(stage: Stage): IConstruct[] {
  const out: IConstruct[] = [];
  const visit = (construct: IConstruct): void => {
    out.push(construct);
    for (const child of construct.node.children) if (!Stage.isStage(child)) visit(child);
  };
  visit(stage);
  return out;
}

/** The nearest stack around `stage` that belongs to the same Stage as `root` (a pipeline stack holding it). */
function enclosingStack(stage: Stage, root: IConstruct): Stack | undefined {
  const rootStage = Stage.isStage(root) ? root : Stage.of(root);
  for (let scope = stage.node.scope; scope; scope = scope.node.scope) {
    if (Stack.isStack(scope)) return Stage.of(scope) === rootStage ? scope : undefined;
    if (Stage.isStage(scope)) return undefined;
  }
  return undefined;
}
