import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Stack,
  Table,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { get, post } from '../api';
import { formatDateTime, formatNumber } from '../format';
import type { Organisation } from '../types';
import { Async, ErrorMessage } from '../ui';

export interface BatchListItem {
  batchId: string;
  status: 'running' | 'done' | 'failed';
  year: number;
  kinds: string[];
  organisations: number | null;
  position: string | null;
  ruleSetVersion: number | null;
  startedBy: string | null;
  startedAt: string | null;
  finishedAt?: string | null;
  findings?: number;
  progress?: { done: number; total: number };
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = status === 'done' ? 'teal.9' : status === 'failed' ? 'red.9' : 'blue.9';
  return <Badge color={color}>{t(`evaluation.${status}`, { defaultValue: status })}</Badge>;
}

function StartBatch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  const [organisations, setOrganisations] = useState<string[]>([]);
  const [kinds, setKinds] = useState<string[]>(['review']);
  const list = useQuery({
    queryKey: ['organisations'],
    queryFn: () => get<Organisation[]>('/organisations'),
  });
  const start = useMutation({
    mutationFn: () =>
      post<{ batchId: string }>('/evaluations', {
        year,
        ...(organisations.length ? { organisations } : {}),
        kinds,
      }),
    onSuccess: (answer) => void navigate(`/batches/${encodeURIComponent(answer.batchId)}`),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-labelledby="start-batch">
        <Stack gap="xs">
          <Title order={2} size="h3" id="start-batch">
            {t('evaluation.start')}
          </Title>
          <Group align="end">
            <NumberInput
              label={t('evaluation.year')}
              value={year}
              onChange={(value) => setYear(Number(value))}
              min={2000}
              max={2100}
              required
              w={140}
            />
            <MultiSelect
              label={t('evaluation.organisations')}
              data={(list.data ?? []).map((organisation) => ({
                value: organisation.organisationId,
                label: organisation.name,
              }))}
              value={organisations}
              onChange={setOrganisations}
              searchable
              clearable
              style={{ flex: 1, minWidth: 240 }}
            />
          </Group>
          <Checkbox.Group label={t('evaluation.kinds')} value={kinds} onChange={setKinds}>
            <Group mt={4}>
              <Checkbox value="review" label={t('evaluation.review')} />
              <Checkbox value="compliance" label={t('evaluation.compliance')} />
            </Group>
          </Checkbox.Group>
          <ErrorMessage error={start.error} />
          <Group>
            <Button type="submit" loading={start.isPending} disabled={kinds.length === 0}>
              {t('evaluation.start')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export default function BatchesPage() {
  const { t } = useTranslation();
  const batches = useQuery({
    queryKey: ['batches'],
    queryFn: () => get<{ total: number; batches: BatchListItem[] }>('/evaluations?limit=100'),
    refetchInterval: (current) =>
      current.state.data?.batches.some((batch) => batch.status === 'running') ? 1000 : false,
  });
  return (
    <Stack>
      <Title order={1}>{t('evaluation.list')}</Title>
      <StartBatch />
      <Async query={batches}>
        {(data) => (
          <Table striped data-testid="batches">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evaluation.at')}</Table.Th>
                <Table.Th>{t('common.year')}</Table.Th>
                <Table.Th>{t('evaluation.kinds')}</Table.Th>
                <Table.Th>{t('evaluation.state')}</Table.Th>
                <Table.Th>{t('evaluation.position')}</Table.Th>
                <Table.Th>{t('evaluation.ruleSet')}</Table.Th>
                <Table.Th>{t('evaluation.by')}</Table.Th>
                <Table.Th>{t('evaluation.findings')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.batches.map((batch) => (
                <Table.Tr key={batch.batchId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/batches/${encodeURIComponent(batch.batchId)}`}>
                      {formatDateTime(batch.startedAt)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{batch.year}</Table.Td>
                  <Table.Td>
                    {batch.kinds.map((kind) => t(`evaluation.${kind}`, { defaultValue: kind })).join(', ')}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={batch.status} />
                    {batch.status === 'running' && batch.progress
                      ? ` ${batch.progress.done}/${batch.progress.total}`
                      : ''}
                  </Table.Td>
                  <Table.Td>{batch.position ?? '—'}</Table.Td>
                  <Table.Td>{batch.ruleSetVersion ?? '—'}</Table.Td>
                  <Table.Td>{batch.startedBy ?? '—'}</Table.Td>
                  <Table.Td>{batch.findings === undefined ? '—' : formatNumber(batch.findings, 0)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Async>
    </Stack>
  );
}
