import type { Command } from 'commander';
import { formatPosition, KafkaRelay, kafkaSettingsFromEnv, SqlRelayCheckpoint } from '@sakip/event-store';
import { withInfrastructure, type CliContext } from '../context';

export function registerRelayCommand(program: Command, context: CliContext): void {
  program
    .command('relay')
    .description(
      'publish the event log to Kafka (KAFKA_BROKERS, SAKIP_KAFKA_TOPIC), keyed by organisation, until Ctrl+C',
    )
    .action(async () => {
      const settings = kafkaSettingsFromEnv();
      if (!settings) throw new Error('set KAFKA_BROKERS (e.g. localhost:9092) to relay events to Kafka');
      await withInfrastructure(context, async (infra) => {
        const relay = new KafkaRelay(
          infra.store,
          new SqlRelayCheckpoint(infra.db, infra.schema, settings.topic),
          settings,
        );
        const subscription = await relay.start((count, position) =>
          context.out.warn({
            id: `${count} event dikirim ke ${settings.topic} (posisi ${formatPosition(position)})`,
            en: `${count} events sent to ${settings.topic} (position ${formatPosition(position)})`,
          }),
        );
        await new Promise<void>((resolve, reject) => {
          subscription.done.then(resolve, reject);
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await relay.stop();
      });
    });
}
