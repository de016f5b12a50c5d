// The Amazon States Language's data flow and expressions, as pure functions the interpreter calls.
export { assignVariables, evaluateAssign } from './assign';
export { evaluateChoiceRule, stringMatches } from './choice';
export {
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
} from './data-flow';
export { evaluateIntrinsic, isIntrinsicExpression, parseIntrinsic } from './intrinsics';
export { isDefinitePath, parseDefinitePath, readPath } from './json-path';
export { jsonTypeName } from './json-values';
export {
  evaluateJsonata,
  evaluateJsonataCondition,
  type JsonataOptions,
  jsonataExpressionOf,
  resolveJsonataTemplate,
} from './jsonata';
export { fieldPathError, invalidPathError, withStateContext } from './path-errors';
export { parseTimestamp } from './timestamps';
export { formatInvalidDefinition, validateDefinition } from './validation/validate-definition';
export { isValidPath } from './validation/path-syntax';
export { variableReferencesOf } from './validation/variable-references';
