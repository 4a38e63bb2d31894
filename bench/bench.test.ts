/**
 * The benchmark's own building blocks: the synthetic app is what the bench claims (forms, AMIs,
 * legacy nodes the guard finds), and the statistics and profile reading are right.
 *
 *   npx jest --roots '<rootDir>/bench'
 */
import { App, Aspects } from 'aws-cdk-lib';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkEksNodes } from '../lib';
import { addSyntheticNodeGroups } from './app';
import { functionCosts } from './cpuprofile';
import { countLookupCalls } from './lookup-bench';
import { median } from './measurement';
import { ReadFloor } from './read-floor';
import { largeMimeUserData } from './userdata';

describe('synthetic app', () => {
  const app = new App({ builtinCloudFormationValidation: false });
  const shape = addSyntheticNodeGroups(app, { nodeGroups: 60 });
  const templates = app.synth().stacks.map((s) => s.template as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> });
  const resources = templates.flatMap((t) => Object.values(t.Resources));
  const userData = resources.filter((r) => r.Type === 'AWS::EC2::LaunchTemplate').map((r) => (r.Properties.LaunchTemplateData as { UserData: unknown }).UserData);

  it('puts 50 node groups in a stack, each with its own launch template', () => {
    expect(shape).toMatchObject({ stacks: 2, nodeGroups: 60, legacyNodeGroups: 3 });
    expect(templates).toHaveLength(2);
    expect(resources.filter((r) => r.Type === 'AWS::EKS::Nodegroup')).toHaveLength(60);
    expect(userData).toHaveLength(60);
  });

  it('renders every user data form it counts', () => {
    const literal = userData.filter((u) => typeof u === 'object' && typeof (u as Record<string, unknown>)['Fn::Base64'] === 'string');
    const preEncoded = userData.filter((u) => typeof u === 'string');
    const joined = userData.filter((u) => JSON.stringify(u).includes('"Fn::Join"') && JSON.stringify(u).includes('"Ref":"Cluster'));
    expect(preEncoded).toHaveLength(shape.forms.base64);
    expect(literal).toHaveLength(shape.forms.literal);
    // L2 MultipartUserData also joins in the cluster's Ref.
    expect(joined).toHaveLength(shape.forms.join + shape.forms['l2-multipart']);
    expect(Buffer.from(preEncoded[0] as string, 'base64').toString()).toMatch(/^MIME-Version: 1.0\nContent-Type: multipart\/mixed/);
  });

  it('makes the guard find exactly the legacy node groups', () => {
    const result = checkEksNodes(app);
    expect(result.nodes).toHaveLength(60);
    expect(result.errors).toHaveLength(shape.legacyNodeGroups);
    expect(result.errors.every((f) => /(Nodes|Template)(0|25|50)\b/.test(f.source.constructPath ?? ''))).toBe(true);
    // Like a healthy fleet, the rest draws only the deprecation warning for a populated --resolv-conf.
    expect(new Set(result.warnings.map((f) => f.ruleId))).toEqual(new Set(['resolv-conf-deprecated-flag']));
  });
});

describe('ReadFloor', () => {
  it('reads every launch template\'s user data and every node group\'s launch template, resolved', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    addSyntheticNodeGroups(app, { nodeGroups: 60 });
    const floor = new ReadFloor();
    Aspects.of(app).add(floor);
    const userData = app
      .synth()
      .stacks.flatMap((s) => Object.values(s.template.Resources as Record<string, { Type: string; Properties: { LaunchTemplateData?: { UserData: unknown } } }>))
      .flatMap((r) => (r.Type === 'AWS::EC2::LaunchTemplate' ? [JSON.stringify(r.Properties.LaunchTemplateData!.UserData)] : []));
    expect(floor.reads).toBe(120);
    // At least the user data CDK writes, give or take how a concatenation is spelled.
    expect(floor.characters).toBeGreaterThan(0.9 * userData.join('').length);
  });
});

describe('largeMimeUserData', () => {
  it('is at least the size asked for, and not much more', () => {
    const doc = largeMimeUserData(16 * 1024);
    expect(Buffer.byteLength(doc)).toBeGreaterThanOrEqual(16 * 1024);
    expect(Buffer.byteLength(doc)).toBeLessThan(18 * 1024);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('functionCosts', () => {
  it('splits self and total time and counts recursion once', () => {
    // root -> a -> b -> a (recursion); samples: b (leaf) 2 ms, inner a 1 ms, outer a 1 ms.
    const frame = (functionName: string) => ({ functionName, url: '', lineNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2] },
        { id: 2, callFrame: frame('a'), children: [3] },
        { id: 3, callFrame: frame('b'), children: [4] },
        { id: 4, callFrame: frame('a'), children: [] },
      ],
      samples: [3, 3, 4, 2],
      timeDeltas: [0, 1000, 1000, 1000, 1000],
    };
    const file = join(mkdtempSync(join(tmpdir(), 'bench-prof-')), 'p.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    const costs = new Map(functionCosts(file).map((c) => [c.label.split(' ')[0], c]));
    expect(costs.get('a')).toMatchObject({ totalMs: 4, selfMs: 2 });
    expect(costs.get('b')).toMatchObject({ totalMs: 3, selfMs: 2 });
    const belowB = new Map(functionCosts(file, { within: (l) => l.startsWith('b ') }).map((c) => [c.label.split(' ')[0], c]));
    // Only samples with b on the stack, and only b and what it calls.
    expect(belowB.get('b')).toMatchObject({ totalMs: 3 });
    expect(belowB.get('a')).toMatchObject({ totalMs: 1, selfMs: 1 });
  });
});

describe('countLookupCalls', () => {
  it('counts the calls the mocks saw and what the targets allow', async () => {
    const [one, many] = await countLookupCalls([1, 250]);
    expect(one).toMatchObject({ describeImages: 1, getParameters: 1, describeImagesAllowed: 1, getParametersAllowed: 1 });
    // 250 ids + 250 parameter-held ids over two regions: 250 per region -> 3 batches each.
    expect(many).toMatchObject({ regions: 2, describeImagesAllowed: 6, getParametersAllowed: 26 });
    expect(many.describeImages).toBeGreaterThan(0);
    expect(many.outcome).toBe('ok (750 results)');
  });
});
