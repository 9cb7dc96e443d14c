import { Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { ErrorMessage } from '../ui';

export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(key.trim());
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(from && from !== '/sign-in' ? from : '/');
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401 ? new Error(t('signIn.wrongKey')) : caught,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper maw={520} mx="auto" mt="xl" p="lg" withBorder>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <Title order={1} size="h2">
            {t('signIn.title')}
          </Title>
          <Text>{t('signIn.intro')}</Text>
          <PasswordInput
            label={t('signIn.key')}
            value={key}
            onChange={(event) => setKey(event.currentTarget.value)}
            required
            autoComplete="off"
            data-autofocus
          />
          <ErrorMessage error={error} />
          <Button type="submit" loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
