import { InProcessPaymentApiTransport } from '@ph/messaging';
import { describeTransportContract } from './messaging.contract';

describeTransportContract('in-process', async () => new InProcessPaymentApiTransport(), {
  detectsMissingHandler: true,
});
