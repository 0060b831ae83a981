import { ERROR_DOCS, notFoundExample } from './openapi-error-examples.js'

type Json = Record<string, unknown>

const COMPONENTS = '#/components/schemas/'
const DEFAULT_DESCRIPTION = 'Default Response'
/** A schema that becomes a named component: `title` is a type name (PascalCase, no spaces). */
const COMPONENT_TITLE = /^[A-Z][A-Za-z0-9]*$/
/** Values, not schemas: never searched for schemas to name. */
const VALUE_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const'])

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Finish the OpenAPI document @fastify/swagger generates from the routes
 * (its `transformObject`): the route schemas stay inline for validation and
 * serialisation, and here
 * - every schema with a type-name `title` (`Dataset`, `ModelView`, …) becomes
 *   a named component, referenced by `$ref` wherever it appears;
 * - every error response (a `$ref` to `ErrorResponse`) gets its status's
 *   description and an example body of that status, unless the route gave
 *   its own.
 */
export function finishOpenApi<T extends Json>(doc: T): T {
  const components = isObject(doc.components) ? doc.components : {}
  const schemas: Json = isObject(components.schemas) ? components.schemas : {}
  const paths = isObject(doc.paths) ? doc.paths : {}
  for (const [path, methods] of Object.entries(paths)) {
    if (!isObject(methods)) continue
    for (const operation of Object.values(methods)) {
      if (!isObject(operation)) continue
      describeErrors(path, operation)
      for (const key of ['requestBody', 'responses', 'parameters']) if (key in operation) operation[key] = nameSchemas(operation[key], schemas)
    }
  }
  return { ...doc, components: { ...components, schemas } }
}

/** Replace titled schemas under `node` by references, adding each to `schemas` the first time it is seen. */
function nameSchemas(node: unknown, schemas: Json): unknown {
  if (Array.isArray(node)) return node.map((item) => nameSchemas(item, schemas))
  if (!isObject(node)) return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node)) out[key] = VALUE_KEYS.has(key) ? value : nameSchemas(value, schemas)
  const title = out.title
  if (typeof title !== 'string' || !COMPONENT_TITLE.test(title) || !('type' in out || 'properties' in out || 'anyOf' in out)) return out
  if (!(title in schemas)) schemas[title] = out
  return { $ref: `${COMPONENTS}${title}` }
}

function describeErrors(path: string, operation: Json): void {
  const responses = isObject(operation.responses) ? operation.responses : {}
  for (const [status, response] of Object.entries(responses)) {
    const doc = ERROR_DOCS[status]
    if (doc === undefined || !isObject(response) || !isErrorBody(response)) continue
    if (response.description === DEFAULT_DESCRIPTION || typeof response.description !== 'string') response.description = doc.description
    const example = (status === '404' ? notFoundExample(path) : undefined) ?? doc.example
    const content = isObject(response.content) ? response.content : {}
    for (const media of Object.values(content)) {
      if (isObject(media) && media.example === undefined && media.examples === undefined) media.example = example
    }
  }
}

function isErrorBody(response: Json): boolean {
  const content = isObject(response.content) ? response.content : {}
  return Object.values(content).some((media) => isObject(media) && isObject(media.schema) && media.schema.$ref === `${COMPONENTS}ErrorResponse`)
}
