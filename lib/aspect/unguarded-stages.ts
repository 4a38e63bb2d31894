/**
 * CDK applies aspects only down to a Stage boundary (a Stage is synthesized on its own, with its
 * own aspects, before its parent's aspects run), so a guard on the app does not check the stacks
 * of a Stage inside it, as in every CDK Pipelines app. Saying so is the guard's job: nodes nobody
 * checks must not pass silently.
 */
import { Aspects, IAspect, Stack, Stage } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { constructsBelow, isGathered } from './tree';

/** A Stage below a checked scope that defines EKS node resources and has no guard of its own. */
export interface UnguardedStage {
  readonly stage: Stage;
  /** Paths of its node resources (node groups, launch templates, ...), outside Stages nested in it. */
  readonly nodeResources: readonly string[];
  /** Where a message about it reaches the CDK CLI: the nearest stack around the Stage, if any. */
  readonly reportOn?: Stack;
}

/**
 * The Stages below `root` that are not inside another Stage (that Stage's own guard, or the
 * report about it, covers them) that define EKS node resources while no aspect
 * `isGuard` accepts is added to the Stage or to anything in it.
 */
export function unguardedStages(root: IConstruct, isGuard: (aspect: IAspect) => boolean): UnguardedStage[] {
  const out: UnguardedStage[] = [];
  for (const stage of stagesBelow(root)) {
    const inside = constructsBelow(stage);
    if (inside.some((construct) => Aspects.of(construct).all.some(isGuard))) continue;
    const nodeResources = inside.filter(isGathered).map((c) => c.node.path);
    if (nodeResources.length === 0) continue;
    out.push({ stage, nodeResources, reportOn: enclosingStack(stage) });
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

/** The nearest stack around `stage`, before any Stage (a pipeline stack holding it). */
function enclosingStack(stage: Stage): Stack | undefined {
  for (let scope = stage.node.scope; scope && !Stage.isStage(scope); scope = scope.node.scope) {
    if (Stack.isStack(scope)) return scope;
  }
  return undefined;
}
