import { Alert, Loader, Center } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/** An error as the user reads it: the API's message in their language, never raw JSON. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const text =
    error instanceof ApiError
      ? error.status === 403
        ? `${t('common.notAllowed')} ${error.text}`
        : error.text
      : error instanceof Error
        ? error.message
        : JSON.stringify(error);
  return (
    <Alert color="red" title={t('common.error')} role="alert">
      {text}
    </Alert>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center p="lg">
      <Loader aria-label={t('app.loading')} />
    </Center>
  );
}

/** Shows a query's loading and error states, then its data. */
export function Async<T>({
  query,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean };
  children: (data: T) => ReactNode;
}) {
  if (query.error) return <ErrorMessage error={query.error} />;
  if (query.isPending || query.data === undefined) return <Loading />;
  return <>{children(query.data)}</>;
}
