/** The customer's phone, simulated through the SMS operator of the bank simulator (profile §3.6). */
export interface SimulatedPhoneMessage {
  readonly messageId: string;
  readonly from: string;
  readonly text: string;
  readonly at: string;
}

export class SimulatedPhone {
  constructor(
    private readonly operatorUrl: string,
    readonly msisdn: string,
  ) {}

  /** GET /sms/outbox?to=<msisdn>: every SMS the phone received, oldest first. */
  async messages(): Promise<readonly SimulatedPhoneMessage[]> {
    const res = await fetch(`${this.base()}/sms/outbox?to=${encodeURIComponent(this.msisdn)}`);
    if (res.status !== 200) throw new Error(`SMS operator answered HTTP ${res.status}`);
    return ((await res.json()) as { messages: SimulatedPhoneMessage[] }).messages;
  }

  /** The reply code of the offer naming `offerRef` ("Reply YES <k> …"), once it has arrived. */
  async replyCodeFor(offerRef: string): Promise<string | undefined> {
    const offer = (await this.messages()).find((m) => m.text.includes(offerRef));
    return offer ? /Reply YES (\S+)/.exec(offer.text)?.[1] : undefined;
  }

  /** POST /sms/inbound {"from", "text"}: the phone answers. */
  async reply(text: string): Promise<void> {
    const res = await fetch(`${this.base()}/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: this.msisdn, text }),
    });
    if (res.status !== 200) throw new Error(`SMS operator answered HTTP ${res.status}`);
  }

  private base(): string {
    return this.operatorUrl.replace(/\/+$/, '');
  }
}
