import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../api';
import { formatDateTime } from '../format';
import { Async, ErrorMessage } from '../ui';

interface Key {
  keyId: string;
  role: string;
  label: string;
  organisations: string[];
  issuedAt?: string;
  createdAt?: string;
  revokedAt?: string | null;
  revoked?: boolean;
  active?: boolean;
}

export default function KeysPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const keys = useQuery({ queryKey: ['keys'], queryFn: () => get<Key[] | { keys: Key[] }>('/keys') });
  const [role, setRole] = useState<string>('planner');
  const [label, setLabel] = useState('');
  const [organisations, setOrganisations] = useState('');
  const issue = useMutation({
    mutationFn: () =>
      post<{ token: string }>('/keys', {
        role,
        label,
        organisations: organisations
          .split(',')
          .map((value) => value.trim())
          .filter(Boolean),
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['keys'] }),
  });
  const revoke = useMutation({
    mutationFn: (keyId: string) => del(`/keys/${encodeURIComponent(keyId)}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['keys'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    issue.mutate();
  };
  return (
    <Stack>
      <Title order={1}>{t('keys.title')}</Title>
      <Paper withBorder p="md">
        <form onSubmit={submit} aria-labelledby="issue-key">
          <Stack gap="xs">
            <Title order={2} size="h3" id="issue-key">
              {t('keys.issue')}
            </Title>
            <Group align="end">
              <TextInput
                label={t('keys.label')}
                value={label}
                onChange={(event) => setLabel(event.currentTarget.value)}
                required
              />
              <Select
                label={t('keys.role')}
                data={['admin', 'inspector', 'planner', 'viewer'].map((value) => ({
                  value,
                  label: t(`role.${value}`),
                }))}
                value={role}
                onChange={(value) => setRole(value ?? 'planner')}
                allowDeselect={false}
              />
              <TextInput
                label={t('keys.organisations')}
                value={organisations}
                onChange={(event) => setOrganisations(event.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button type="submit" loading={issue.isPending}>
                {t('keys.issue')}
              </Button>
            </Group>
            <ErrorMessage error={issue.error} />
            {issue.data && (
              <Alert color="green" title={t('keys.token')} role="status">
                <Code data-testid="new-token">{issue.data.token}</Code>
              </Alert>
            )}
          </Stack>
        </form>
      </Paper>
      <ErrorMessage error={revoke.error} />
      <Async query={keys}>
        {(data) => (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('keys.label')}</Table.Th>
                <Table.Th>{t('keys.role')}</Table.Th>
                <Table.Th>{t('nav.organisations')}</Table.Th>
                <Table.Th>{t('keys.created')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(Array.isArray(data) ? data : data.keys).map((key) => {
                const active = key.active ?? !(key.revoked ?? key.revokedAt);
                return (
                  <Table.Tr key={key.keyId}>
                    <Table.Td>{key.label}</Table.Td>
                    <Table.Td>{t(`role.${key.role}`, { defaultValue: key.role })}</Table.Td>
                    <Table.Td>{key.organisations?.join(', ') || '—'}</Table.Td>
                    <Table.Td>{formatDateTime(key.issuedAt ?? key.createdAt)}</Table.Td>
                    <Table.Td>
                      <Badge color={active ? 'teal.9' : 'gray.8'}>
                        {active ? t('keys.active') : t('keys.revoked')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {active && (
                        <Button
                          size="xs"
                          variant="outline"
                          color="red.9"
                          onClick={() => revoke.mutate(key.keyId)}
                          aria-label={`${t('keys.revoke')}: ${key.label}`}
                        >
                          {t('keys.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Async>
    </Stack>
  );
}
