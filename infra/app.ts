// `cdk synth` / `cdk deploy` entry (cdk.json: `node --import tsx infra/app.ts`, one Node process, where
// `npx tsx` started npm and a tsx launcher first).
import { App } from 'aws-cdk-lib';
import { readDeploymentConfig } from './config';

// The settings are checked before the stacks' modules load, so a synth missing one (the sender address
// has no default) stops after about 0.9 s of CPU instead of 2.3 s. This App only reads the context the
// CLI gives (it never synthesises); buildApp makes the one that is synthesised.
const context = new App({ autoSynth: false, outdir: process.env.CDK_OUTDIR });
readDeploymentConfig((key) => context.node.tryGetContext(key));

const { buildApp } = await import('./build-app');
buildApp({ outdir: process.env.CDK_OUTDIR }).app.synth();
