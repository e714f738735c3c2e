/**
 * ketluan's own schemas, compiled ahead of time (see ../ajv.ts). Written by
 * `npm run schemas` with schemas/*.json; a test checks they are current.
 */
import type { ValidateFunction } from 'ajv';
import { conclusionSchema, configSchema } from '../conclusion-schema.ts';
import { validate as conclusion } from './conclusion.ts';
import { validate as config } from './config.ts';

/** Each schema object's validator. */
export const precompiled: ReadonlyMap<object, ValidateFunction> = new Map<object, ValidateFunction>([
  [conclusionSchema, conclusion as ValidateFunction],
  [configSchema, config as ValidateFunction],
]);
