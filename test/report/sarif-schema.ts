import Ajv, { type ValidateFunction } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';

/**
 * A validator for the official SARIF 2.1.0 schema (oasis-tcs/sarif-spec,
 * sarif-2.1/schema/sarif-schema-2.1.0.json, shipped verbatim as test data). The schema is JSON
 * Schema draft-04, which Ajv 8 does not load as is; the only draft-04 construct it uses is the
 * top-level `id`, renamed to `$id` here. Formats get real checks rather than being ignored.
 */
export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'sarif-2.1.0.schema.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value));
  return ajv.compile({ $id: String(id), ...rest });
}
