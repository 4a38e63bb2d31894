/**
 * The real SDK clients (serialisation, signing, parsing, retries) against a local HTTP server that
 * serves AWS-shaped responses: EC2's query protocol (form body, XML answer) and SSM's JSON 1.1.
 */
import { execFile } from 'child_process';
import { promises as fsp } from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { sdkClientFactory } from '../../lib/lookup/clients';
import { ImageLookupResult, performLookup, SsmLookupResult } from '../../lib/lookup/lookup';
import { LookupRequest } from '../../lib/lookup/types';

interface Received {
  readonly target?: string;
  readonly contentType?: string;
  readonly body: string;
}

interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** A one-test server: answers each request with the next scripted reply for its service. */
class FakeAws {
  readonly received: Received[] = [];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  constructor(private readonly script: { ec2?: Reply[]; ssm?: Reply[] }) {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = req.headers['x-amz-target'] as string | undefined;
      this.received.push({ target, contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      const reply = (target ? this.script.ssm : this.script.ec2)?.shift() ?? { status: 500, contentType: 'text/plain', body: 'no scripted reply' };
      res.writeHead(reply.status, { 'content-type': reply.contentType });
      res.end(reply.body);
    });
  }
}

const ami1 = 'ami-0aaaaaaaaaaaaaaa1';
const ami2 = 'ami-0bbbbbbbbbbbbbbb2';
const ssmName = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id';

function describeImagesXml(images: { id: string; name: string; description: string }[]): Reply {
  const items = images
    .map(
      (i) => `
        <item>
            <imageId>${i.id}</imageId>
            <imageLocation>amazon/${i.name}</imageLocation>
            <imageState>available</imageState>
            <imageOwnerId>602401143452</imageOwnerId>
            <isPublic>true</isPublic>
            <architecture>x86_64</architecture>
            <imageType>machine</imageType>
            <name>${i.name}</name>
            <description>${i.description}</description>
            <rootDeviceType>ebs</rootDeviceType>
            <virtualizationType>hvm</virtualizationType>
        </item>`,
    )
    .join('');
  return {
    status: 200,
    contentType: 'text/xml;charset=UTF-8',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
    <imagesSet>${items}
    </imagesSet>
</DescribeImagesResponse>`,
  };
}

function ec2ErrorXml(status: number, code: string, message: string): Reply {
  return {
    status,
    contentType: 'text/xml;charset=UTF-8',
    body: `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>`,
  };
}

function ssmJson(status: number, body: object): Reply {
  return { status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(body) };
}

const eks129 = {
  id: ami1,
  name: 'amazon-eks-node-1.29-v20241024',
  description: 'EKS Kubernetes Worker AMI with AmazonLinux2 image, (k8s: 1.29.8, containerd: 1.7.*)',
};

let fake: FakeAws | undefined;
let destroy: (() => void) | undefined;
afterEach(async () => {
  destroy?.();
  await fake?.stop();
  fake = undefined;
  destroy = undefined;
});

async function run(script: { ec2?: Reply[]; ssm?: Reply[] }, req: LookupRequest, maxAttempts = 1) {
  fake = new FakeAws(script);
  const endpoint = await fake.start();
  const clients = sdkClientFactory({ endpoint, maxAttempts, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
  destroy = clients.destroy;
  return performLookup(req, clients);
}

function formFields(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body).entries());
}

test('SSM GetParameters (JSON 1.1) then EC2 DescribeImages (query/XML) on the wire', async () => {
  const outcome = await run(
    {
      ssm: [
        ssmJson(200, {
          Parameters: [{ Name: ssmName, Type: 'String', Value: ami1, Version: 42, DataType: 'aws:ec2:image', LastModifiedDate: 1729800000.123, ARN: `arn:aws:ssm:eu-west-1::parameter${ssmName}` }],
          InvalidParameters: ['/aws/service/eks/optimized-ami/9.99/amazon-linux-2/recommended/image_id'],
        }),
      ],
      ec2: [describeImagesXml([eks129])],
    },
    {
      version: 1,
      images: [{ id: ami2, region: 'eu-west-1', paths: ['App/Stack/Lt'] }],
      ssmParameters: [
        { id: ssmName, region: 'eu-west-1', paths: ['App/Stack/Ng'] },
        { id: '/aws/service/eks/optimized-ami/9.99/amazon-linux-2/recommended/image_id', region: 'eu-west-1', paths: ['App/Stack/Ng2'] },
      ],
    },
  );

  expect(fake!.received).toHaveLength(2);
  const [ssmRequest, ec2Request] = fake!.received;
  expect(ssmRequest.target).toBe('AmazonSSM.GetParameters');
  expect(ssmRequest.contentType).toBe('application/x-amz-json-1.1');
  expect(JSON.parse(ssmRequest.body)).toEqual({ Names: [ssmName, '/aws/service/eks/optimized-ami/9.99/amazon-linux-2/recommended/image_id'] });
  expect(ec2Request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
  const form = formFields(ec2Request.body);
  expect(form.Action).toBe('DescribeImages');
  expect(form.Version).toBe('2016-11-15');
  // The literal id and the parameter's value go out in one call.
  expect([form['ImageId.1'], form['ImageId.2']]).toEqual([ami2, ami1]);
  expect(form.IncludeDeprecated).toBe('true');

  expect(outcome.kind).toBe('ok');
  if (outcome.kind !== 'ok') return;
  expect(outcome.calls).toEqual({ 'ec2:DescribeImages': 1, 'ssm:GetParameters': 1 });
  const byKey = Object.fromEntries(outcome.results.map((r) => [r.contextKey, r]));
  expect(byKey[`eks-node-guard:ssm:eu-west-1:${ssmName}`]).toMatchObject<Partial<SsmLookupResult>>({ value: ami1, imageId: ami1 });
  expect(byKey['eks-node-guard:ssm:eu-west-1:/aws/service/eks/optimized-ami/9.99/amazon-linux-2/recommended/image_id']).toMatchObject({ missing: true });
  expect(byKey[`eks-node-guard:image:eu-west-1:${ami1}`]).toMatchObject<Partial<ImageLookupResult>>({
    value: { name: eks129.name, description: eks129.description },
    viaParameters: [ssmName],
  });
  expect(byKey[`eks-node-guard:image:eu-west-1:${ami2}`]).toMatchObject({ value: { missing: true }, missingReason: 'not-found' });
});

test('EC2 InvalidAMIID.NotFound: the batch is asked again with the image-id filter', async () => {
  const outcome = await run(
    { ec2: [ec2ErrorXml(400, 'InvalidAMIID.NotFound', `The image id '[${ami2}]' does not exist`), describeImagesXml([eks129])] },
    { version: 1, images: [{ id: ami1, region: 'eu-west-1', paths: [] }, { id: ami2, region: 'eu-west-1', paths: [] }], ssmParameters: [] },
  );
  const second = formFields(fake!.received[1].body);
  expect(second).toMatchObject({ Action: 'DescribeImages', 'Filter.1.Name': 'image-id', 'Filter.1.Value.1': ami1, 'Filter.1.Value.2': ami2 });
  expect(second['ImageId.1']).toBeUndefined();
  if (outcome.kind !== 'ok') throw new Error(outcome.kind);
  expect(outcome.results.map((r) => (r as ImageLookupResult).value.missing ?? false)).toEqual([false, true]);
});

test('throttling then success: the SDK retries and the lookup succeeds', async () => {
  const outcome = await run(
    { ssm: [ssmJson(400, { __type: 'ThrottlingException', message: 'Rate exceeded' }), ssmJson(200, { Parameters: [{ Name: '/p', Value: 'v1', Type: 'String' }], InvalidParameters: [] })] },
    { version: 1, images: [], ssmParameters: [{ id: '/p', region: 'eu-west-1', paths: [] }] },
    2,
  );
  expect(fake!.received).toHaveLength(2);
  expect(outcome.kind).toBe('ok');
  // One call from the lookup's point of view; the retry is the SDK's.
  expect(outcome.calls['ssm:GetParameters']).toBe(1);
  if (outcome.kind === 'ok') expect(outcome.results[0]).toMatchObject({ value: 'v1' });
});

test('throttling exhausted: the failure says the SDK retries ran out', async () => {
  const outcome = await run(
    { ec2: [ec2ErrorXml(503, 'RequestLimitExceeded', 'Request limit exceeded.'), ec2ErrorXml(503, 'RequestLimitExceeded', 'Request limit exceeded.')] },
    { version: 1, images: [{ id: ami1, region: 'eu-west-1', paths: [] }], ssmParameters: [] },
    2,
  );
  expect(fake!.received).toHaveLength(2);
  if (outcome.kind !== 'failed') throw new Error(outcome.kind);
  expect(outcome.failure.kind).toBe('throttled');
  expect(outcome.failure.message).toContain('after 2 attempts');
});

test('AccessDeniedException from SSM and UnauthorizedOperation from EC2 name the IAM action', async () => {
  const ssm = await run(
    { ssm: [ssmJson(400, { __type: 'AccessDeniedException', Message: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ssm:GetParameters' })] },
    { version: 1, images: [], ssmParameters: [{ id: '/p', region: 'eu-west-1', paths: [] }] },
  );
  if (ssm.kind !== 'failed') throw new Error(ssm.kind);
  expect(ssm.failure).toMatchObject({ kind: 'access-denied', action: 'ssm:GetParameters' });
  destroy?.();
  await fake!.stop();

  const ec2 = await run(
    { ec2: [ec2ErrorXml(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.')] },
    { version: 1, images: [{ id: ami1, region: 'eu-west-1', paths: [] }], ssmParameters: [] },
  );
  if (ec2.kind !== 'failed') throw new Error(ec2.kind);
  expect(ec2.failure).toMatchObject({ kind: 'access-denied', action: 'ec2:DescribeImages' });
  expect(ec2.failure.message).toContain('allow the IAM action ec2:DescribeImages');
});

test('network error: nothing listening on the endpoint', async () => {
  // Start and stop a server to get a port that is (briefly) certainly closed.
  const probe = new FakeAws({});
  const endpoint = await probe.start();
  await probe.stop();
  const clients = sdkClientFactory({ endpoint, maxAttempts: 1, credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });
  destroy = clients.destroy;
  const outcome = await performLookup({ version: 1, images: [{ id: ami1, region: 'eu-west-1', paths: [] }], ssmParameters: [] }, clients);
  if (outcome.kind !== 'failed') throw new Error(outcome.kind);
  expect(outcome.failure.kind).toBe('network');
  expect(outcome.failure.message).toContain('ECONNREFUSED');
});

test('the real CLI, its default SDK clients and AWS_ENDPOINT_URL: end to end into cdk.context.json', async () => {
  fake = new FakeAws({
    ssm: [ssmJson(200, { Parameters: [{ Name: ssmName, Type: 'String', Value: ami1 }], InvalidParameters: [] })],
    ec2: [describeImagesXml([eks129])],
  });
  const endpoint = await fake.start();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'eng-e2e-'));
  try {
    await fsp.mkdir(path.join(dir, 'cdk.out', 'assembly-Prod'), { recursive: true });
    await fsp.writeFile(path.join(dir, 'cdk.out', 'manifest.json'), '{"version":"48.0.0","artifacts":{}}');
    const request: LookupRequest = { version: 1, images: [], ssmParameters: [{ id: ssmName, paths: ['Prod/Stack/Ng'] }] };
    await fsp.writeFile(path.join(dir, 'cdk.out', 'assembly-Prod', 'eks-node-guard.lookups.json'), JSON.stringify(request));
    await fsp.writeFile(path.join(dir, 'cdk.context.json'), '{\n  "other": "kept"\n}\n');
    const root = path.resolve(__dirname, '..', '..');
    const { stdout } = await promisify(execFile)(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'bin', 'eks-node-guard.ts'), 'lookup', '--region', 'eu-west-1'], {
      cwd: dir,
      timeout: 30_000,
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_CONFIG_FILE: path.join(dir, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_MAX_ATTEMPTS: '1',
      },
    });
    expect(stdout).toContain(`${ami1} (eu-west-1): amazon-eks-node-1.29-v20241024 -> containerd 1.7.22, affected [from ${ssmName}]`);
    expect(stdout).toContain('API calls: ec2:DescribeImages 1, ssm:GetParameters 1');
    expect(fake.received.map((r) => r.target ?? formFields(r.body).Action)).toEqual(['AmazonSSM.GetParameters', 'DescribeImages']);
    expect(JSON.parse(await fsp.readFile(path.join(dir, 'cdk.context.json'), 'utf8'))).toEqual({
      other: 'kept',
      [`eks-node-guard:ssm:*:${ssmName}`]: ami1,
      [`eks-node-guard:image:*:${ami1}`]: { name: eks129.name, description: eks129.description },
    });
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
});
