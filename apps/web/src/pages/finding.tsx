import { Anchor, Badge, Breadcrumbs, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get } from '../api';
import { formatDateTime } from '../format';
import type { Finding } from '../types';
import { Async } from '../ui';
import { severityColor } from './findings-list';

interface FindingAnswer {
  batchId: string;
  finding: Finding;
  rule: {
    id: string;
    title: { id: string; en: string };
    description?: string;
    reference?: string;
    class?: string;
    severity?: string;
    category?: string;
  } | null;
  evidence: { fact: string; value: unknown }[];
  sources: {
    eventId: string;
    type: string;
    document: string | null;
    table: string | null;
    page: string | null;
    row: string | null;
    recordedAt?: string;
  }[];
  links: {
    organisation?: string;
    document?: string | null;
    node?: string | null;
    indicator?: string | null;
    subjects?: { node?: string | null; indicator?: string | null }[];
  };
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export default function FindingPage() {
  const { t, i18n } = useTranslation();
  const { id = '', findingId = '' } = useParams();
  const language = i18n.language === 'en' ? 'en' : 'id';
  const finding = useQuery({
    queryKey: ['finding', id, findingId],
    queryFn: () =>
      get<FindingAnswer>(`/evaluations/${encodeURIComponent(id)}/findings/${encodeURIComponent(findingId)}`),
  });
  return (
    <Async query={finding}>
      {(data) => {
        const links = data.links;
        const indicators = [
          ...new Set(
            [links.indicator, ...(links.subjects ?? []).map((subject) => subject.indicator)].filter(
              (ref): ref is string => !!ref,
            ),
          ),
        ];
        const nodes = [
          ...new Set(
            [links.node, ...(links.subjects ?? []).map((subject) => subject.node)].filter(
              (node): node is string => !!node,
            ),
          ),
        ];
        return (
          <Stack>
            <Breadcrumbs>
              <Anchor component={Link} to="/batches">
                {t('evaluation.list')}
              </Anchor>
              <Anchor component={Link} to={`/batches/${encodeURIComponent(id)}`}>
                {id.slice(0, 8)}
              </Anchor>
              <Text>
                {t('evaluation.finding')} {findingId}
              </Text>
            </Breadcrumbs>
            <Title order={1} size="h2">
              {data.finding.message[language]}
            </Title>
            <Group gap="xs">
              <Badge color={severityColor(data.finding.severity)}>
                {t(`evaluation.severities.${data.finding.severity}`, { defaultValue: data.finding.severity })}
              </Badge>
              <Badge color="gray.8">{data.finding.class}</Badge>
              <Badge color="gray.8">{data.finding.category}</Badge>
            </Group>
            {data.rule && (
              <Stack gap={2}>
                <Text>
                  {t('evaluation.rule')}: <b>{data.rule.title[language]}</b> ({data.rule.id})
                </Text>
                {data.rule.description && <Text size="sm">{data.rule.description}</Text>}
                {data.rule.reference && (
                  <Text size="sm">
                    {t('indicator.basis')}: {data.rule.reference}
                  </Text>
                )}
              </Stack>
            )}
            <Title order={2} size="h3">
              {t('evaluation.evidence')}
            </Title>
            <Table striped data-testid="evidence">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('indicator.field')}</Table.Th>
                  <Table.Th>{t('common.value')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.evidence.map((item) => (
                  <Table.Tr key={item.fact}>
                    <Table.Td>{item.fact}</Table.Td>
                    <Table.Td>{show(item.value)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Title order={2} size="h3">
              {t('common.source')}
            </Title>
            <Table striped data-testid="sources">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('common.document')}</Table.Th>
                  <Table.Th>Tabel</Table.Th>
                  <Table.Th>Hlm.</Table.Th>
                  <Table.Th>Baris</Table.Th>
                  <Table.Th>{t('search.kind')}</Table.Th>
                  <Table.Th>{t('common.when')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.sources.map((source) => (
                  <Table.Tr key={source.eventId}>
                    <Table.Td>{source.document ?? '—'}</Table.Td>
                    <Table.Td>{source.table ?? '—'}</Table.Td>
                    <Table.Td>{source.page ?? '—'}</Table.Td>
                    <Table.Td>{source.row ?? '—'}</Table.Td>
                    <Table.Td>{source.type}</Table.Td>
                    <Table.Td>{formatDateTime(source.recordedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Title order={2} size="h3">
              {t('evaluation.links')}
            </Title>
            <List>
              {links.organisation && (
                <List.Item>
                  <Anchor component={Link} to={`/organisation/${encodeURIComponent(links.organisation)}`}>
                    {t('evaluation.organisation')}: {links.organisation}
                  </Anchor>
                </List.Item>
              )}
              {indicators.map((ref) => (
                <List.Item key={ref}>
                  <Anchor
                    component={Link}
                    to={`/indicator/${encodeURIComponent(ref)}`}
                    data-testid="indicator-link"
                  >
                    {t('indicator.title')}: {ref}
                  </Anchor>
                </List.Item>
              ))}
              {links.organisation &&
                links.document &&
                nodes.map((node) => (
                  <List.Item key={node}>
                    <Anchor
                      component={Link}
                      to={`/organisation/${encodeURIComponent(links.organisation!)}/document/${encodeURIComponent(links.document!)}#node-${encodeURIComponent(node)}`}
                    >
                      Node: {node}
                    </Anchor>
                  </List.Item>
                ))}
            </List>
          </Stack>
        );
      }}
    </Async>
  );
}
