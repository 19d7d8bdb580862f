/** The part of a zod schema this module needs (the web client takes schemas from `@troika/model`). */
interface Schema {
  safeParse(value: unknown):
    | { success: true }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * Checks a form against the API's own schema before sending it, so people see the same messages
 * the server would give, at once. Returns the first message per field, capitalised (empty when valid).
 */
export function validate(schema: Schema, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    if (!field || errors[field]) continue;
    errors[field] = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
  }
  return errors;
}
