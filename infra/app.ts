// `cdk synth` / `cdk deploy` entry (cdk.json: `node --import tsx infra/app.ts`, one Node process, where
// `npx tsx` started npm and a tsx launcher first).
import { buildApp } from './build-app';

buildApp({ outdir: process.env.CDK_OUTDIR }).app.synth();
