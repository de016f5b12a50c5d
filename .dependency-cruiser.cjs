// The architecture's import rules, checked by `npm run deps` (part of `npm test`). docs/architecture.md
// explains the layers; each rule's comment says what it protects.

const layer = (name) => `^shared/${name}/`;
/**
 * A task type's file of one role in its folder, shared/task-types/<type>/: each role is in a layer
 * (docs/architecture.md, "Adding a task type").
 */
const taskTypeFile = (pattern) => `^shared/task-types/[^/]+/${pattern}$`;
const TASK_TYPE_CORE = taskTypeFile('(core\\.ts|facts\\.ts|timescales\\.json)');
const TASK_TYPE_DOMAIN = taskTypeFile('domain\\.ts');
const TASK_TYPE_FORM = taskTypeFile('form\\.ts');
const TASK_TYPE_SIMULATED = taskTypeFile('simulated\\.ts');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment:
        'An import cycle means two modules are one concept split in two, or a rule sits in the wrong layer.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-only-core',
      comment:
        'shared/core is the vocabulary (schemas, calendar, config, clock, logger): everything may use it, so it uses nothing above it.',
      severity: 'error',
      from: { path: [layer('core'), TASK_TYPE_CORE] },
      to: { path: '^shared/(?!core/)', pathNot: TASK_TYPE_CORE },
    },
    {
      name: 'adapters-import-only-core',
      comment:
        'Adapters (DynamoDB, SES, Cognito, Step Functions) store and send what the domain decides; a rule in an adapter cannot be found or tested as a rule.',
      severity: 'error',
      from: { path: layer('adapters') },
      to: { path: '^shared/(domain|http|pages)/|^shared/task-types/', pathNot: TASK_TYPE_CORE },
    },
    {
      name: 'domain-below-the-edges',
      comment: 'The domain is called by the API and the pages, never the other way round.',
      severity: 'error',
      from: { path: [layer('domain'), TASK_TYPE_DOMAIN] },
      to: { path: '^shared/(http|pages)/|^shared/task-types/', pathNot: [TASK_TYPE_CORE, TASK_TYPE_DOMAIN] },
    },
    {
      name: 'api-below-pages',
      comment: 'Pages may reuse the API edge (route table, problem answers); the API never renders a page.',
      severity: 'error',
      from: { path: layer('http') },
      to: { path: [layer('pages'), TASK_TYPE_FORM] },
    },
    {
      name: 'sdk-only-in-adapters',
      comment:
        'Only adapters speak to AWS; the domain calls them, so it runs unchanged against the local stack and in unit tests.',
      severity: 'error',
      from: { path: '^shared/(?!adapters/)' },
      to: {
        path: '@aws-sdk/',
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
      },
    },
    {
      name: 'dynamodb-only-in-the-data-adapter',
      comment: 'One module family knows the table layout and the DynamoDB API.',
      severity: 'error',
      from: { path: '^shared/', pathNot: '^shared/adapters/(data|aws)/' },
      to: { path: '@aws-sdk/(client-dynamodb|lib-dynamodb|util-dynamodb)' },
    },
    {
      name: 'handlers-stay-thin',
      comment:
        'A handler parses, calls the domain and answers; it reaches AWS only through shared/ (adapters).',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: ['@aws-sdk/', '^(infra|local|bench|tests|functions)/'] },
    },
    {
      name: 'shared-knows-no-runtime',
      comment:
        'shared/ runs in Lambda and locally alike: it imports nothing from the handlers, the CDK app, the local stack or the benchmarks.',
      severity: 'error',
      from: { path: '^shared/', pathNot: TASK_TYPE_SIMULATED },
      to: { path: '^(functions|infra|local|bench|tests)/' },
    },
    {
      name: 'simulated-staff-only-in-the-simulation',
      comment:
        "A task type's simulated.ts says how the simulation's staff answer it: only the simulation (and the tests) may import it, so no product code ships it.",
      severity: 'error',
      from: { pathNot: ['^local/simulate/', '^tests/'] },
      to: { path: TASK_TYPE_SIMULATED },
    },
    {
      name: 'simulated-staff-knows-only-the-simulation',
      comment:
        "A task type's simulated.ts lives beside the product's code but belongs to the simulation: of the runtime folders it reads local/simulate only.",
      severity: 'error',
      from: { path: TASK_TYPE_SIMULATED },
      to: { path: '^(functions|infra|bench|tests)/|^local/(?!simulate/)' },
    },
    {
      name: 'infra-knows-no-local-stack',
      comment: 'The CDK app deploys; it does not depend on the local stand-ins.',
      severity: 'error',
      from: { path: '^(infra|workflows)/' },
      to: { path: '^(local|bench|tests)/' },
    },
    {
      name: 'local-stack-below-benchmarks',
      comment:
        'bench → local → functions/infra → shared; the local stack never imports a benchmark or a test.',
      severity: 'error',
      from: { path: '^local/' },
      to: { path: '^(bench|tests)/' },
    },
    {
      name: 'engine-is-standalone',
      comment:
        'The local Step Functions engine knows ASL and the SFN API, not this product: it could be published on its own.',
      severity: 'error',
      from: { path: '^local/engine/' },
      to: { path: '^(shared|functions|infra|workflows)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^cdk\\.out', '^tests/.*/fixtures/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
