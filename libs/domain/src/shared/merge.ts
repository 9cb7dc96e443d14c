/**
 * A definition as the latest document gives it, field by field: a field the document leaves out (an LKjIP
 * rarely repeats an indicator's formula) keeps the value an earlier document gave.
 */
export function mergeDefined<T extends object>(current: T, given: T): T {
  const merged: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) merged[key] = value;
  return merged as unknown as T;
}

/**
 * This document already gave this definition, and merging it again would change nothing: re-importing
 * the same document is a no-op. `fields` are the parts of the definition that count.
 */
export function alreadyDefined<T extends object>(
  recorded: { readonly definition: T; readonly byDocument: Readonly<Record<string, T>> },
  documentId: string,
  given: T,
  fields: readonly (keyof T)[],
): boolean {
  const same = (a: T, b: T) => fields.every((field) => a[field] === b[field]);
  const byThisDocument = recorded.byDocument[documentId];
  return (
    byThisDocument !== undefined &&
    same(byThisDocument, given) &&
    same(recorded.definition, mergeDefined(recorded.definition, given))
  );
}
