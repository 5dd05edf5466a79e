/** JSON Schema helpers shared by the core and the console. */
export { schemaFromSample, escapeExpressionText, type JsonSchema, type SchemaFromSampleOptions } from './schema-from-sample.ts';
