import { Anchor, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../api';
import type { Organisation } from '../types';
import { Async } from '../ui';

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const organisations = useQuery({
    queryKey: ['organisations'],
    queryFn: () => get<Organisation[]>('/organisations'),
  });
  return (
    <Stack>
      <Title order={1}>{t('org.list')}</Title>
      <Async query={organisations}>
        {(list) => (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('common.code')}</Table.Th>
                <Table.Th>{t('org.government')}</Table.Th>
                <Table.Th>{t('org.province')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((organisation) => (
                <Table.Tr key={organisation.organisationId}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/organisation/${encodeURIComponent(organisation.organisationId)}`}
                    >
                      {organisation.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{organisation.organisationId}</Table.Td>
                  <Table.Td>{organisation.government ?? '—'}</Table.Td>
                  <Table.Td>{organisation.province ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Async>
    </Stack>
  );
}
