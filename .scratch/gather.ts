import { App } from 'aws-cdk-lib';
import { addSyntheticNodeGroups } from '../bench/app';
import { constructResources } from '../lib/aspect/construct-resources';
process.env.CDK_VALIDATION = 'false';
const app = new App();
addSyntheticNodeGroups(app, { nodeGroups: 500 });
const t = process.hrtime.bigint();
constructResources(app);
console.log('gather ms', Number(process.hrtime.bigint() - t) / 1e6);
