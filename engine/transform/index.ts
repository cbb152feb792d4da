export * from './record-transform.js';
export { DEFAULT_TRANSFORM_BUDGET, TransformBudgetError, type TransformBudget } from './transform-budget.js';
