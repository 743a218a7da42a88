package io.mixfarm.worker.intake;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A classic-protocol assignor that balances every topic on its own: each member subscribed to a
 * topic of P partitions gets floor(P/n) or ceil(P/n) of them. The cooperative-sticky assignor
 * balances only the total over all topics, so with three priority topics one worker could hold
 * every NORMAL partition while another held none and sat idle.
 *
 * <p>Sticky: a member keeps what it owns up to its quota (the lowest partition numbers first, and
 * the larger quotas go to the members that own the most). Unowned partitions fill the members
 * below quota, the lowest numbers to the first member in the order of group.instance.id (member
 * id when not static), so the same input always gives the same assignment.
 *
 * <p>Cooperative: a partition some member claims in its subscription is only ever assigned to
 * that member or to nobody. One that must move is left out of this round; its owner revokes it
 * and (the consumer coordinator does this for every revocation) asks for another rebalance, in
 * which the partition is free. A partition claimed by several members goes to the one with the
 * highest generation; claimed by several at the same generation it goes to none of them this
 * round. So the consumer coordinator's check that nothing moves directly between owners always
 * holds.
 */
public final class BalancedPerTopicAssignor implements ConsumerPartitionAssignor {

    /** The protocol name members advertise; all of a group's members must list it to use it. */
    public static final String NAME = "mixfarm-balanced-per-topic";

    private static final Logger LOG = LoggerFactory.getLogger(BalancedPerTopicAssignor.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        // Under EAGER members give up everything before joining: nothing is claimed and the
        // same balance comes out in one round.
        return List.of(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        List<String> members = subscriptions.keySet().stream()
                .sorted(Comparator.comparing((String m) -> subscriptions.get(m).groupInstanceId().orElse(m))
                        .thenComparing(m -> m))
                .toList();
        Claims claims = Claims.of(subscriptions);
        Map<String, List<TopicPartition>> assigned = new LinkedHashMap<>();
        members.forEach(m -> assigned.put(m, new ArrayList<>()));
        Set<String> topics = new TreeSet<>();
        subscriptions.values().forEach(s -> topics.addAll(s.topics()));
        for (String topic : topics) {
            Integer partitions = metadata.partitionCountForTopic(topic);
            if (partitions == null || partitions == 0) {
                continue; // not (yet) in the leader's metadata; the next metadata change rebalances
            }
            List<String> subscribers = members.stream()
                    .filter(m -> subscriptions.get(m).topics().contains(topic)).toList();
            assignTopic(topic, partitions, subscribers, claims, assigned);
        }
        Map<String, Assignment> result = new HashMap<>();
        assigned.forEach((m, partitions) -> result.put(m, new Assignment(partitions)));
        return new GroupAssignment(result);
    }

    private static void assignTopic(String topic, int partitions, List<String> subscribers, Claims claims,
                                    Map<String, List<TopicPartition>> assigned) {
        Map<String, List<TopicPartition>> owned = new HashMap<>();
        for (String member : subscribers) {
            List<TopicPartition> mine = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                if (member.equals(claims.owner(tp))) {
                    mine.add(tp);
                }
            }
            owned.put(member, mine);
        }
        Map<String, Integer> quotas = quotas(partitions, subscribers, owned);
        List<TopicPartition> free = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            if (!claims.isClaimed(tp)) {
                free.add(tp);
            }
        }
        int next = 0;
        for (String member : subscribers) {
            int quota = quotas.get(member);
            List<TopicPartition> mine = owned.get(member);
            List<TopicPartition> kept = mine.subList(0, Math.min(quota, mine.size()));
            assigned.get(member).addAll(kept);
            int wanted = quota - kept.size();
            while (wanted > 0 && next < free.size()) {
                assigned.get(member).add(free.get(next++));
                wanted--;
            }
        }
    }

    /** floor(P/n) each, one more for the first P mod n members by how much they own (then by order). */
    private static Map<String, Integer> quotas(int partitions, List<String> subscribers,
                                               Map<String, List<TopicPartition>> owned) {
        Map<String, Integer> quotas = new HashMap<>();
        if (subscribers.isEmpty()) {
            return quotas;
        }
        int base = partitions / subscribers.size();
        int extra = partitions % subscribers.size();
        List<String> byOwned = subscribers.stream()
                .sorted(Comparator.comparingInt((String m) -> -owned.get(m).size())
                        .thenComparingInt(subscribers::indexOf))
                .toList();
        for (int i = 0; i < byOwned.size(); i++) {
            quotas.put(byOwned.get(i), base + (i < extra ? 1 : 0));
        }
        return quotas;
    }

    /** Who claims which partition in its subscription, and whose claim stands. */
    private record Claims(Set<TopicPartition> claimed, Map<TopicPartition, String> owners) {

        static Claims of(Map<String, Subscription> subscriptions) {
            Map<TopicPartition, List<String>> claimants = new HashMap<>();
            subscriptions.forEach((member, s) -> s.ownedPartitions()
                    .forEach(tp -> claimants.computeIfAbsent(tp, k -> new ArrayList<>()).add(member)));
            Map<TopicPartition, String> owners = new HashMap<>();
            claimants.forEach((tp, members) -> {
                int newest = members.stream().mapToInt(m -> generation(subscriptions.get(m))).max().orElseThrow();
                List<String> atNewest = members.stream()
                        .filter(m -> generation(subscriptions.get(m)) == newest).toList();
                if (atNewest.size() == 1) {
                    owners.put(tp, atNewest.get(0));
                } else {
                    LOG.warn("{} is claimed by {} at the same generation {}: assigned to none of them this round",
                            tp, atNewest, newest);
                }
            });
            return new Claims(new HashSet<>(claimants.keySet()), owners);
        }

        private static int generation(Subscription s) {
            return s.generationId().orElse(-1);
        }

        boolean isClaimed(TopicPartition tp) {
            return claimed.contains(tp);
        }

        String owner(TopicPartition tp) {
            return owners.get(tp);
        }
    }
}
