import type { Message, Producer, TopicMessages } from 'kafkajs';

interface Queued {
  readonly topic: string;
  readonly message: Message;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Sends the records queued in the same turn of the event loop as one produce request (kafkajs sends
 * one request per `send` call and does not linger): under load many requests or replies share a
 * round trip, and alone a record waits for nothing. If a batch spanning several topics fails, each
 * topic is tried on its own, so one missing topic fails only its own records.
 */
export class BatchingSender {
  private queue: Queued[] = [];
  private scheduled = false;

  constructor(private readonly producer: Producer) {}

  send(topic: string, message: Message): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, message, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const byTopic = new Map<string, Queued[]>();
    for (const item of batch) byTopic.set(item.topic, [...(byTopic.get(item.topic) ?? []), item]);
    void this.sendGroups([...byTopic.values()]).catch(async (error: unknown) => {
      if (byTopic.size === 1) return batch.forEach((item) => item.reject(error));
      await Promise.all(
        [...byTopic.values()].map((group) =>
          this.sendGroups([group]).catch((groupError: unknown) =>
            group.forEach((item) => item.reject(groupError)),
          ),
        ),
      );
    });
  }

  private async sendGroups(groups: Queued[][]): Promise<void> {
    const topicMessages: TopicMessages[] = groups.map((group) => ({
      topic: group[0]!.topic,
      messages: group.map((item) => item.message),
    }));
    await this.producer.sendBatch({ topicMessages, acks: -1 });
    for (const group of groups) for (const item of group) item.resolve();
  }
}
