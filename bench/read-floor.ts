/**
 * The read floor: an Aspect that reads what any construct-level check of node user data has to
 * read, and does nothing with it. It resolves each launch template's user data and each node
 * group's launch template reference, with the guard's own resolver (leaner than `Stack.resolve`).
 * Its time is a floor under the guard's: decoding, analysing, judging and reporting come on top.
 */
import { CfnResource, IAspect, Stack, Tokenization } from 'aws-cdk-lib';
import { CfnLaunchTemplate } from 'aws-cdk-lib/aws-ec2';
import { CfnNodegroup } from 'aws-cdk-lib/aws-eks';
import type { IConstruct } from 'constructs';
import { resolveValue, ResolvedTokens } from '../lib/aspect/resolve-value';

export class ReadFloor implements IAspect {
  private readonly tokensOf = new Map<Stack, ResolvedTokens>();
  /** Values read. */
  public reads = 0;
  /** Characters read: kept so that the reading cannot be skipped as unused. */
  public characters = 0;

  public visit(node: IConstruct): void {
    if (node instanceof CfnLaunchTemplate) {
      const data = node.launchTemplateData;
      this.read(node, Tokenization.isResolvable(data) ? data : (data as CfnLaunchTemplate.LaunchTemplateDataProperty | undefined)?.userData);
    } else if (node instanceof CfnNodegroup) {
      this.read(node, node.launchTemplate);
    }
  }

  private read(resource: CfnResource, value: unknown): void {
    const stack = Stack.of(resource);
    let tokens = this.tokensOf.get(stack);
    if (!tokens) this.tokensOf.set(stack, (tokens = new Map()));
    this.reads += 1;
    this.characters += JSON.stringify(resolveValue(value, stack, tokens) ?? '').length;
  }
}
