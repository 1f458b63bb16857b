import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/**
 * kafkajs has no `assign()` (consuming chosen partitions without a group). A requester therefore
 * consumes the reply topic in a group of its own (`paymentapi.replies.<instanceId>`) whose assigner
 * hands every member just the requester's reply partition.
 */
export function fixedPartitionAssigner(topic: string, partition: number): PartitionAssigner {
  const name = 'PaymentApiFixedReplyPartition';
  return () => ({
    name,
    version: 0,
    async assign({ members }) {
      return members.map(({ memberId }) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 0,
          assignment: { [topic]: [partition] },
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics }) {
      return {
        name,
        metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
      };
    },
  });
}
