import { Anchor, Breadcrumbs, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get } from '../api';
import { formatNumber } from '../format';
import type { Finding } from '../types';
import { Async, ErrorMessage } from '../ui';
import { StatusBadge } from './batches';
import { FindingsList } from './findings-list';

interface LkeComponent {
  id: string;
  label: { id: string; en: string };
  weight: number;
  score: number | null;
}

interface OrganisationSummary {
  organisationId: string;
  organisationName?: string;
  findings: number;
  bySeverity?: Record<string, number>;
  byClass?: Record<string, number>;
  lke?: { components: LkeComponent[]; total: number | null; grade: string | null } | null;
}

interface BatchAnswer {
  batchId: string;
  status: 'running' | 'done' | 'failed';
  progress?: { done: number; total: number };
  error?: { code: string; messages: { id: string; en: string } };
  batch?: {
    batchId: string;
    year: number;
    asOf: string;
    now: string;
    ruleSet: { version: number; hash: string };
    settings?: { kinds?: string[] };
    findingCount: number;
    summary: { organisations: OrganisationSummary[] };
  };
}

export default function BatchPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const language = i18n.language === 'en' ? 'en' : 'id';
  const batch = useQuery({
    queryKey: ['batch', id],
    queryFn: () => get<BatchAnswer>(`/evaluations/${encodeURIComponent(id)}`),
    refetchInterval: (current) => (current.state.data?.status === 'running' ? 700 : false),
  });
  const done = batch.data?.status === 'done';
  const findings = useQuery({
    queryKey: ['findings', id],
    queryFn: () =>
      get<{ total: number; findings: Finding[] }>(
        `/evaluations/${encodeURIComponent(id)}/findings?limit=100000`,
      ),
    enabled: done,
    staleTime: Infinity,
  });
  return (
    <Async query={batch}>
      {(answer) => (
        <Stack>
          <Breadcrumbs>
            <Anchor component={Link} to="/batches">
              {t('evaluation.list')}
            </Anchor>
            <Text>{id.slice(0, 8)}</Text>
          </Breadcrumbs>
          <Group>
            <Title order={1} size="h2">
              {t('evaluation.list')} {answer.batch?.year ?? ''}
            </Title>
            <StatusBadge status={answer.status} />
          </Group>
          {answer.progress && answer.status === 'running' && (
            <Stack gap={4}>
              <Text role="status">{t('evaluation.progress', answer.progress)}</Text>
              <Progress
                value={answer.progress.total ? (100 * answer.progress.done) / answer.progress.total : 0}
                aria-label={t('evaluation.progress', answer.progress)}
              />
            </Stack>
          )}
          {answer.error && <ErrorMessage error={new Error(answer.error.messages[language])} />}
          {answer.batch && (
            <>
              <Group gap="xl">
                <Text size="sm">
                  {t('evaluation.position')}: {answer.batch.asOf}
                </Text>
                <Text size="sm">
                  {t('evaluation.ruleSet')}: {answer.batch.ruleSet.version}
                </Text>
                <Text size="sm">
                  {t('evaluation.findings')}: {formatNumber(answer.batch.findingCount, 0)}
                </Text>
              </Group>
              <Title order={2} size="h3">
                {t('evaluation.lke')}
              </Title>
              <Table striped data-testid="lke">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('evaluation.organisation')}</Table.Th>
                    <Table.Th>{t('evaluation.component')}</Table.Th>
                    <Table.Th>{t('evaluation.score')}</Table.Th>
                    <Table.Th>{t('evaluation.grade')}</Table.Th>
                    <Table.Th>{t('evaluation.byClass')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {answer.batch.summary.organisations.map((organisation) => (
                    <Fragment key={organisation.organisationId}>
                      <Table.Tr>
                        <Table.Td fw={700}>
                          {organisation.organisationName ?? organisation.organisationId}
                        </Table.Td>
                        <Table.Td>{t('common.total')}</Table.Td>
                        <Table.Td fw={700}>{formatNumber(organisation.lke?.total ?? null)}</Table.Td>
                        <Table.Td fw={700}>{organisation.lke?.grade ?? '—'}</Table.Td>
                        <Table.Td>
                          {Object.entries(organisation.byClass ?? {})
                            .map(([name, count]) => `${name}: ${formatNumber(count, 0)}`)
                            .join(' · ') || '—'}
                        </Table.Td>
                      </Table.Tr>
                      {(organisation.lke?.components ?? []).map((component) => (
                        <Table.Tr key={component.id}>
                          <Table.Td />
                          <Table.Td>
                            {component.label[language]} ({formatNumber(component.weight)} %)
                          </Table.Td>
                          <Table.Td>{formatNumber(component.score)}</Table.Td>
                          <Table.Td />
                          <Table.Td />
                        </Table.Tr>
                      ))}
                    </Fragment>
                  ))}
                </Table.Tbody>
              </Table>
              <Title order={2} size="h3">
                {t('evaluation.grouped')}
              </Title>
              <Async query={findings}>
                {(data) => <FindingsList batchId={id} findings={data.findings} />}
              </Async>
            </>
          )}
        </Stack>
      )}
    </Async>
  );
}
