package io.mixfarm.worker.intake;

import io.mixfarm.contract.RenderTask;
import org.apache.kafka.common.TopicPartition;

/**
 * A render task as taken off its partition: where it came from (to commit it once finished) and
 * the assignment it belongs to ({@code epoch}: a task finishing after its partition was revoked
 * must not commit for the partition's new owner).
 *
 * @param payload the record value as received, for a dead letter
 */
public record Delivery(TopicPartition partition, long offset, long epoch, String key, byte[] payload, RenderTask task) {

    @Override
    public String toString() {
        return "Delivery[" + partition + "@" + offset + ", " + (task != null ? task.taskId() : key) + "]";
    }
}
