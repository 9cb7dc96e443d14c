import type { Producer } from 'kafkajs';
import type { EventStore, StoredEvent, Subscription } from '../event-store';
import { formatPosition, parsePosition, START, type Position } from '../position';
import { ident, type SqlDatabase } from '../sql/sql-database';

export interface KafkaRelaySettings {
  /** Comma-separated broker list (KAFKA_BROKERS). */
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly clientId?: string;
}

/** Where the relay remembers how far it got. */
export interface RelayCheckpoint {
  load(): Promise<Position>;
  save(position: Position): Promise<void>;
}

/** The checkpoint in a table beside the events (same database, one row per relay). */
export class SqlRelayCheckpoint implements RelayCheckpoint {
  private readonly table: string;

  constructor(
    private readonly db: SqlDatabase,
    schema: string,
    private readonly name: string,
  ) {
    this.table = `${ident(schema)}.relay_checkpoints`;
  }

  async load(): Promise<Position> {
    await this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${this.table} (name text PRIMARY KEY, position text NOT NULL)`,
    );
    const [row] = await this.db.query<{ position: string }>(
      `SELECT position FROM ${this.table} WHERE name = $1`,
      [this.name],
    );
    return row ? parsePosition(row.position) : START;
  }

  async save(position: Position): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.table} (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position`,
      [this.name, formatPosition(position)],
    );
  }
}

/** A stored event as a Kafka message: keyed by organisation, so one organisation's events stay in order on one partition. */
export function toMessage(event: StoredEvent): {
  key: string;
  value: string;
  headers: Record<string, string>;
} {
  return {
    key: event.partitionKey ?? event.streamId,
    value: JSON.stringify({
      id: event.id,
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      position: formatPosition(event.position),
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      storedAt: event.storedAt,
    }),
    headers: { 'event-type': event.type, 'event-id': event.id, position: formatPosition(event.position) },
  };
}

/**
 * Distributes the event log to other processes through Kafka: a catch-up subscription from a stored
 * checkpoint, each batch sent (acks from all in-sync replicas) before the checkpoint moves. Delivery is
 * at least once: consumers skip event ids they have seen.
 */
export class KafkaRelay {
  private producer: Producer | undefined;
  private subscription: Subscription | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoint: RelayCheckpoint,
    private readonly settings: KafkaRelaySettings,
  ) {}

  async start(onBatch?: (count: number, position: Position) => void): Promise<Subscription> {
    // kafkajs is loaded by the relay only, not by every process that imports the store.
    const { Kafka } = await import('kafkajs');
    const kafka = new Kafka({
      clientId: this.settings.clientId ?? 'sakip-relay',
      brokers: [...this.settings.brokers],
    });
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    const producer = this.producer;
    this.subscription = this.store.subscribe({
      after: await this.checkpoint.load(),
      batchSize: 1000,
      handler: async (events) => {
        if (events.length === 0) return;
        await producer.send({ topic: this.settings.topic, acks: -1, messages: events.map(toMessage) });
        const last = events[events.length - 1]!.position;
        await this.checkpoint.save(last);
        onBatch?.(events.length, last);
      },
    });
    return this.subscription;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    await this.producer?.disconnect();
  }
}

export function kafkaSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaRelaySettings | undefined {
  const brokers = env['KAFKA_BROKERS']
    ?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (!brokers || brokers.length === 0) return undefined;
  return { brokers, topic: env['SAKIP_KAFKA_TOPIC'] ?? 'sakip-events' };
}
