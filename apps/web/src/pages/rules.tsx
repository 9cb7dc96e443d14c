import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../api';
import { useAuth } from '../auth';
import { formatDateTime } from '../format';
import { Async } from '../ui';

export interface CatalogueRule {
  id: string;
  area: string;
  name: string;
  class: string;
  category: string;
  severity: string;
  title: { id: string; en: string };
  state: 'published' | 'draft' | 'retired';
  differsFromPublished: boolean;
  publishedIn: number | null;
  retiredIn: number | null;
}

interface Catalogue {
  published: { version: number; publishedAt?: string; publishedBy?: string; comment?: string } | null;
  rules: CatalogueRule[];
  invalidFiles?: { file: string; problems: string[] }[];
}

export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  const color = state === 'published' ? 'teal.9' : state === 'draft' ? 'blue.9' : 'gray.8';
  return <Badge color={color}>{t(`rules.${state}`, { defaultValue: state })}</Badge>;
}

export default function RulesPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const language = i18n.language === 'en' ? 'en' : 'id';
  const catalogue = useQuery({ queryKey: ['catalogue'], queryFn: () => get<Catalogue>('/rules/catalogue') });
  const [area, setArea] = useState<string | null>(null);
  const [state, setState] = useState<string | null>(null);
  const areas = useMemo(
    () => [...new Set((catalogue.data?.rules ?? []).map((rule) => rule.area))].sort(),
    [catalogue.data],
  );
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('rules.catalogue')}</Title>
        {can('admin') && (
          <Button component={Link} to="/admin/rules/new">
            {t('rules.new')}
          </Button>
        )}
      </Group>
      <Async query={catalogue}>
        {(data) => {
          const rules = data.rules
            .filter((rule) => (!area || rule.area === area) && (!state || rule.state === state))
            .sort(
              (a, b) =>
                a.area.localeCompare(b.area) ||
                a.class.localeCompare(b.class) ||
                a.name.localeCompare(b.name),
            );
          return (
            <>
              {data.published && (
                <Text size="sm">
                  {t('evaluation.ruleSet')}: {data.published.version}
                  {data.published.publishedAt ? ` · ${formatDateTime(data.published.publishedAt)}` : ''}
                  {data.published.publishedBy ? ` · ${data.published.publishedBy}` : ''}
                  {data.published.comment ? ` · “${data.published.comment}”` : ''}
                </Text>
              )}
              <Group>
                <Select
                  label={t('rules.area')}
                  data={areas}
                  value={area}
                  onChange={setArea}
                  clearable
                  w={200}
                />
                <Select
                  label={t('rules.state')}
                  data={['published', 'draft', 'retired'].map((value) => ({
                    value,
                    label: t(`rules.${value}`),
                  }))}
                  value={state}
                  onChange={setState}
                  clearable
                  w={200}
                />
              </Group>
              <Table striped data-testid="rules">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('rules.area')}</Table.Th>
                    <Table.Th>{t('rules.class')}</Table.Th>
                    <Table.Th>{t('evaluation.rule')}</Table.Th>
                    <Table.Th>{t('evaluation.severity')}</Table.Th>
                    <Table.Th>{t('rules.state')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rules.map((rule) => (
                    <Table.Tr key={rule.id}>
                      <Table.Td>{rule.area}</Table.Td>
                      <Table.Td>{rule.class}</Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/admin/rules/${encodeURIComponent(rule.area)}/${encodeURIComponent(rule.name)}`}
                        >
                          {rule.title[language]}
                        </Anchor>
                        <Text size="xs" c="gray.8">
                          {rule.id}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {t(`evaluation.severities.${rule.severity}`, { defaultValue: rule.severity })}
                      </Table.Td>
                      <Table.Td>
                        <StateBadge state={rule.state} />
                        {rule.differsFromPublished && (
                          <Badge ml={4} color="grape.9" variant="outline">
                            {t('rules.draft')}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {(data.invalidFiles ?? []).map((file) => (
                <Text key={file.file} c="red.9" size="sm">
                  {file.file}: {file.problems.join('; ')}
                </Text>
              ))}
            </>
          );
        }}
      </Async>
    </Stack>
  );
}
