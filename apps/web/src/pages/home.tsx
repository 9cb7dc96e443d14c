import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NAVIGATION } from '../app';
import { useAuth } from '../auth';
import { SearchBox } from './search-box';

export function HomePage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  if (!me) return null;
  const organisations = me.organisations?.length ? me.organisations.join(', ') : t('signIn.allOrganisations');
  return (
    <Stack>
      <Title order={1}>{t('home.welcome')}</Title>
      <Text data-testid="signed-in-as">
        {t('signIn.signedInAs', { role: t(`role.${me.role}`), label: me.label ?? me.keyId ?? '' })}
      </Text>
      <Text>{t('signIn.organisations', { list: organisations })}</Text>
      <SearchBox />
      <Title order={2} size="h3">
        {t('home.what')}
      </Title>
      <List>
        {NAVIGATION.filter((entry) => entry.to !== '/' && (entry.roles === 'all' || can(...entry.roles))).map(
          (entry) => (
            <List.Item key={entry.to}>
              <Anchor component={Link} to={entry.to}>
                {t(entry.label)}
              </Anchor>
            </List.Item>
          ),
        )}
      </List>
    </Stack>
  );
}
