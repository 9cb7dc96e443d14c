/**
 * A definition as the latest document gives it, field by field: a field the document leaves out (an LKjIP
 * rarely repeats an indicator's formula) keeps the value an earlier document gave.
 */
export function mergeDefined<T extends object>(current: T, given: T): T {
  const merged: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) merged[key] = value;
  return merged as unknown as T;
}
