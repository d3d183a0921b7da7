// Runs the shared evaluator conformance cases against the reference: json-rules-engine itself.
import { evaluateWithRulesEngine } from '../../../dsl/compiler/reference.ts';
import { runEvaluatorCases } from './evaluators.case.ts';

runEvaluatorCases('json-rules-engine (reference)', (condition, facts, params) => evaluateWithRulesEngine(condition, facts, params));
