import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get, query } from '../api';
import { Async } from '../ui';
import { SearchBox } from './search-box';

interface Result {
  kind: 'organisation' | 'document' | 'node' | 'indicator';
  organisation: string;
  id: string;
  ref?: string;
  code?: string;
  name: string;
  document?: string;
}

export function resultLink(result: Result): string {
  switch (result.kind) {
    case 'organisation':
      return `/organisation/${encodeURIComponent(result.id)}`;
    case 'document':
      return `/organisation/${encodeURIComponent(result.organisation)}/document/${encodeURIComponent(result.id)}`;
    case 'node':
      return `/organisation/${encodeURIComponent(result.organisation)}/document/${encodeURIComponent(result.document ?? '')}#node-${encodeURIComponent(result.id)}`;
    case 'indicator':
      return `/indicator/${encodeURIComponent(result.ref ?? `${result.organisation}:${result.id}`)}`;
  }
}

export default function SearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const results = useQuery({
    queryKey: ['search', q],
    queryFn: () => get<{ results: Result[] }>(`/search${query({ q, limit: 50 })}`),
    enabled: q.length > 0,
  });
  return (
    <Stack>
      <Title order={1}>{t('nav.search')}</Title>
      <SearchBox key={q} initial={q} />
      {q && (
        <Async query={results}>
          {(data) =>
            data.results.length === 0 ? (
              <Text>{t('search.none')}</Text>
            ) : (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('search.kind')}</Table.Th>
                    <Table.Th>{t('search.name')}</Table.Th>
                    <Table.Th>{t('search.code')}</Table.Th>
                    <Table.Th>{t('evaluation.organisation')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.results.map((result) => (
                    <Table.Tr key={`${result.kind}:${result.organisation}:${result.id}`}>
                      <Table.Td>{result.kind}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={resultLink(result)}>
                          {result.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{result.code ?? result.id}</Table.Td>
                      <Table.Td>{result.organisation}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </Async>
      )}
    </Stack>
  );
}
