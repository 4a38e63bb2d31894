import { App } from 'aws-cdk-lib';
import { addSyntheticNodeGroups } from '../bench/app';
import { constructResources } from '../lib/aspect/construct-resources';
import { nodeDefinitionsFrom } from '../lib/nodes/definitions';
import { checkEksNodes } from '../lib';
process.env.CDK_VALIDATION = 'false';
const app = new App();
addSyntheticNodeGroups(app, { nodeGroups: 500 });
for (let rep = 0; rep < 3; rep++) {
  let t = process.hrtime.bigint();
  const g = constructResources(app);
  const gather = Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint();
  const nodes = nodeDefinitionsFrom(g.records, g.links);
  const defs = Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint();
  const r = checkEksNodes(app);
  const total = Number(process.hrtime.bigint() - t) / 1e6;
  console.log({ gather, defs, total, nodes: nodes.length, errors: r.errors.length });
}
