// Published AWS prices for Europe (London), eu-west-2, in US dollars, used to estimate what the counted
// work would cost on AWS. Free tiers are ignored (a council's account has other workloads).
//
// - Step Functions Standard: $0.025 per 1,000 state transitions, Europe (London) row of the state
//   transitions table, https://aws.amazon.com/step-functions/pricing/
// - Lambda: $0.20 per 1M requests and $0.0000166667 per GB-second (x86), Europe (London),
//   https://aws.amazon.com/lambda/pricing/ ; the app's handlers have 512 MB (infra/functions-manifest.ts).
// - DynamoDB on demand: Europe (London) $1.4135 per million write request units and $0.283 per
//   million read request units before the 1 November 2024 reduction of on-demand throughput prices by
//   50% (https://aws.amazon.com/dynamodb/pricing/on-demand/, and the AWS announcement "Amazon DynamoDB
//   reduces prices for on-demand throughput by 50%"), so $0.70675 and $0.1415 per million.
// - SES: $0.10 per 1,000 outbound emails, https://aws.amazon.com/ses/pricing/
// - API Gateway REST APIs: $3.50 per million requests (first 333 million a month), Europe (London),
//   https://aws.amazon.com/api-gateway/pricing/
// Not counted: storage, KMS requests (DynamoDB caches data keys), CloudWatch logs and metrics, WAF,
// Cognito, data transfer.

export const EU_WEST_2_PRICES = {
  stepFunctionsPerTransition: 0.025 / 1000,
  lambdaPerRequest: 0.2 / 1_000_000,
  lambdaPerGbSecond: 0.0000166667,
  lambdaMemoryGb: 0.5,
  dynamodbPerWriteUnit: 0.70675 / 1_000_000,
  dynamodbPerReadUnit: 0.1415 / 1_000_000,
  sesPerEmail: 0.1 / 1000,
  apiGatewayPerRequest: 3.5 / 1_000_000,
} as const;

export interface Usage {
  stateTransitions: number;
  lambdaInvocations: number;
  lambdaMilliseconds: number;
  dynamodbWriteUnits: number;
  dynamodbReadUnits: number;
  emails: number;
  apiRequests: number;
}

export interface CostEstimate {
  stepFunctions: number;
  lambda: number;
  dynamodb: number;
  ses: number;
  apiGateway: number;
  total: number;
}

export function estimateCost(usage: Usage, prices = EU_WEST_2_PRICES): CostEstimate {
  const stepFunctions = usage.stateTransitions * prices.stepFunctionsPerTransition;
  // Lambda bills duration rounded up to the millisecond; the local wall time of each handler is a
  // stand-in for its duration on AWS.
  const lambda =
    usage.lambdaInvocations * prices.lambdaPerRequest +
    (usage.lambdaMilliseconds / 1000) * prices.lambdaMemoryGb * prices.lambdaPerGbSecond;
  const dynamodb =
    usage.dynamodbWriteUnits * prices.dynamodbPerWriteUnit +
    usage.dynamodbReadUnits * prices.dynamodbPerReadUnit;
  const ses = usage.emails * prices.sesPerEmail;
  const apiGateway = usage.apiRequests * prices.apiGatewayPerRequest;
  return {
    stepFunctions,
    lambda,
    dynamodb,
    ses,
    apiGateway,
    total: stepFunctions + lambda + dynamodb + ses + apiGateway,
  };
}
