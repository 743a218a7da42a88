package io.mixfarm.worker.intake;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The assignment algorithm on its own: per-topic balance, stickiness, determinism and the
 * cooperative rule, over rebalance rounds simulated the way the consumer coordinator runs them
 * (a member that had something revoked rejoins with what it kept).
 */
class BalancedPerTopicAssignorTest {

    private static final List<String> TOPICS = List.of("farm.render-tasks.urgent", "farm.render-tasks",
            "farm.render-tasks.backfill");
    private static final Node NODE = new Node(0, "localhost", 9092);

    private final BalancedPerTopicAssignor assignor = new BalancedPerTopicAssignor();

    /** A member as the leader sees it in one round. */
    private record Member(String instanceId, List<String> topics, Set<TopicPartition> owned, int generation) {
        String memberId() {
            return instanceId + "-member";
        }
    }

    @Test
    void aFreshGroupGetsHalfOfEveryTopicEach() {
        Cluster cluster = cluster(Map.of(TOPICS.get(0), 12, TOPICS.get(1), 12, TOPICS.get(2), 12));
        List<Member> group = List.of(member("worker-1", Set.of(), -1), member("worker-2", Set.of(), -1));

        Map<String, Set<TopicPartition>> first = assign(cluster, group);

        assertBalancedPerTopic(cluster, first);
        assertEquals(first, assign(cluster, List.of(group.get(1), group.get(0))),
                "the same members in another order get the same assignment");
    }

    @Test
    void aMemberJoiningAGroupThatOwnsEverythingGetsItsShareOfEveryTopicInTwoRounds() {
        Cluster cluster = cluster(Map.of(TOPICS.get(0), 12, TOPICS.get(1), 12, TOPICS.get(2), 12));
        Set<TopicPartition> everything = all(cluster);
        List<Member> group = List.of(member("worker-1", everything, 5), member("worker-2", Set.of(), -1));

        Map<String, Set<TopicPartition>> firstRound = assign(cluster, group);
        assertTrue(firstRound.get("worker-2-member").isEmpty(),
                "nothing worker-1 owns goes to worker-2 in the round that takes it from worker-1");
        for (String topic : TOPICS) {
            assertEquals(6, inTopic(firstRound.get("worker-1-member"), topic).size(), "worker-1 keeps 6 of " + topic);
        }

        Map<String, Set<TopicPartition>> settled = settle(cluster, group, 2);
        assertBalancedPerTopic(cluster, settled);
        assertEquals(firstRound.get("worker-1-member"), settled.get("worker-1-member"),
                "worker-1 keeps what it kept in the first round");
    }

    @Test
    void whenAMemberLeavesTheOthersTakeItsPartitionsInOneRoundAndKeepTheirOwn() {
        Cluster cluster = cluster(Map.of(TOPICS.get(0), 12, TOPICS.get(1), 12, TOPICS.get(2), 12));
        List<Member> three = List.of(member("worker-1", Set.of(), -1), member("worker-2", Set.of(), -1),
                member("worker-3", Set.of(), -1));
        Map<String, Set<TopicPartition>> before = assign(cluster, three);
        assertBalancedPerTopic(cluster, before);

        List<Member> two = List.of(member("worker-1", before.get("worker-1-member"), 3),
                member("worker-3", before.get("worker-3-member"), 3));
        Map<String, Set<TopicPartition>> after = assign(cluster, two);

        assertBalancedPerTopic(cluster, after);
        assertTrue(after.get("worker-1-member").containsAll(before.get("worker-1-member")), "worker-1 keeps its own");
        assertTrue(after.get("worker-3-member").containsAll(before.get("worker-3-member")), "worker-3 keeps its own");
    }

    @Test
    void threeMembersSettleOnFourOfEveryTwelvePartitionTopicMovingOnlyWhatTheyMust() {
        Cluster cluster = cluster(Map.of(TOPICS.get(0), 12, TOPICS.get(1), 12, TOPICS.get(2), 12));
        Set<TopicPartition> everything = all(cluster);
        List<Member> group = List.of(member("worker-1", everything, 9), member("worker-2", Set.of(), -1),
                member("worker-3", Set.of(), -1));

        Map<String, Set<TopicPartition>> settled = settle(cluster, group, 2);

        assertBalancedPerTopic(cluster, settled);
        for (String topic : TOPICS) {
            for (Set<TopicPartition> mine : settled.values()) {
                assertEquals(4, inTopic(mine, topic).size(), topic + ": " + settled);
            }
        }
        // A lopsided but per-topic balanced group on 13 partitions: nothing moves.
        Cluster odd = cluster(Map.of("t", 13));
        Set<TopicPartition> a = partitions("t", 0, 1, 2, 3, 4);
        Set<TopicPartition> b = partitions("t", 5, 6, 7, 8);
        Set<TopicPartition> c = partitions("t", 9, 10, 11, 12);
        Map<String, Set<TopicPartition>> same = assign(odd, List.of(new Member("x", List.of("t"), b, 4),
                new Member("y", List.of("t"), c, 4), new Member("z", List.of("t"), a, 4)));
        assertEquals(Map.of("x-member", b, "y-member", c, "z-member", a), same);
    }

    @Test
    void aPartitionClaimedTwiceStaysWithTheNewestGenerationOrWithNoOne() {
        Cluster cluster = cluster(Map.of("t", 12));
        // worker-2 rejoins with a stale view: it still claims 0..2 (now worker-1's) and 6..8.
        // worker-1 and worker-3 both claim 9 at the same generation: neither claim can be trusted.
        Member w1 = new Member("worker-1", List.of("t"), partitions("t", 0, 1, 2, 3, 4, 5, 9), 7);
        Member w2 = new Member("worker-2", List.of("t"), partitions("t", 0, 1, 2, 6, 7, 8), 6);
        Member w3 = new Member("worker-3", List.of("t"), partitions("t", 9, 10), 7);

        Map<String, Set<TopicPartition>> assigned = assign(cluster, List.of(w1, w2, w3));

        assertTrue(assigned.get("worker-1-member").containsAll(partitions("t", 0, 1, 2)), "the newest claim stands");
        assertTrue(assigned.get("worker-2-member").containsAll(partitions("t", 6, 7, 8)), "an uncontested claim stands");
        assertFalse(assigned.values().stream().anyMatch(s -> s.contains(new TopicPartition("t", 9))),
                "a claim contested at the same generation goes to no one: " + assigned);

        Map<String, Set<TopicPartition>> settled = settle(cluster, List.of(w1, w2, w3), 3);
        assertBalancedPerTopic(cluster, settled);
    }

    @Test
    void aTopicWithFewerPartitionsThanMembersGivesOneToSomeAndTheOtherTopicsStayBalanced() {
        Cluster cluster = cluster(Map.of("small", 2, "big", 12));
        List<Member> group = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            group.add(new Member("worker-" + i, List.of("small", "big"), Set.of(), -1));
        }

        Map<String, Set<TopicPartition>> assigned = assign(cluster, group);

        assertBalancedPerTopic(cluster, assigned);
        assertEquals(List.of(1, 1, 0), assigned.values().stream().map(s -> inTopic(s, "small").size()).toList(),
                "the first two members in instance-id order get the small topic's partitions");
        assigned.values().forEach(s -> assertEquals(4, inTopic(s, "big").size()));
    }

    @Test
    void aMemberGetsOnlyTopicsItSubscribesTo() {
        Cluster cluster = cluster(Map.of("a", 4, "b", 4));
        Map<String, Set<TopicPartition>> assigned = assign(cluster, List.of(
                new Member("worker-1", List.of("a", "b"), partitions("b", 0, 1, 2, 3), 2),
                new Member("worker-2", List.of("a"), Set.of(), -1)));

        assertEquals(4, inTopic(assigned.get("worker-1-member"), "b").size(), "worker-1 alone reads b");
        assertEquals(2, inTopic(assigned.get("worker-1-member"), "a").size());
        assertEquals(partitions("a", 2, 3), assigned.get("worker-2-member"));
    }

    // ---- the simulation ----

    /** One round; checks the cooperative rule and that no partition goes to two members. */
    private Map<String, Set<TopicPartition>> assign(Cluster cluster, List<Member> group) {
        Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        for (Member m : group) {
            Subscription s = new Subscription(m.topics(), null, new ArrayList<>(m.owned()), m.generation(), Optional.empty());
            s.setGroupInstanceId(Optional.of(m.instanceId()));
            subscriptions.put(m.memberId(), s);
        }
        Map<String, Set<TopicPartition>> result = new TreeMap<>();
        assignor.assign(cluster, new GroupSubscription(subscriptions)).groupAssignment()
                .forEach((id, a) -> result.put(id, new HashSet<>(a.partitions())));
        assertEquals(subscriptions.keySet(), result.keySet(), "every member gets an assignment");

        Set<TopicPartition> claimed = new HashSet<>();
        group.forEach(m -> claimed.addAll(m.owned()));
        Set<TopicPartition> seen = new HashSet<>();
        for (Member m : group) {
            for (TopicPartition tp : result.get(m.memberId())) {
                assertTrue(seen.add(tp), tp + " assigned twice: " + result);
                if (!m.owned().contains(tp) && claimed.contains(tp)) {
                    fail(tp + " moves to " + m.instanceId() + " while another member still claims it: " + result);
                }
            }
        }
        return result;
    }

    /** Rounds until no member has anything revoked (no follow-up rebalance), at most {@code maxRounds}. */
    private Map<String, Set<TopicPartition>> settle(Cluster cluster, List<Member> start, int maxRounds) {
        List<Member> group = start;
        for (int round = 1; round <= maxRounds; round++) {
            Map<String, Set<TopicPartition>> assigned = assign(cluster, group);
            boolean revoked = group.stream().anyMatch(m -> !assigned.get(m.memberId()).containsAll(m.owned()));
            if (!revoked) {
                return assigned;
            }
            int generation = group.stream().mapToInt(Member::generation).max().orElse(0) + 1;
            group = group.stream().map(m -> new Member(m.instanceId(), m.topics(), assigned.get(m.memberId()),
                    generation)).toList();
        }
        Map<String, Set<TopicPartition>> last = assign(cluster, group);
        boolean stable = group.stream().allMatch(m -> last.get(m.memberId()).equals(m.owned()));
        assertTrue(stable, "not settled within " + maxRounds + " rounds: " + last);
        return last;
    }

    /** Every partition assigned; per topic each subscriber holds floor or ceil of its share. */
    private static void assertBalancedPerTopic(Cluster cluster, Map<String, Set<TopicPartition>> assigned) {
        Set<TopicPartition> union = new HashSet<>();
        assigned.values().forEach(union::addAll);
        assertEquals(all(cluster), union, "every partition assigned");
        for (String topic : cluster.topics()) {
            int partitions = cluster.partitionCountForTopic(topic);
            List<Integer> counts = assigned.values().stream().map(s -> inTopic(s, topic).size()).toList();
            int floor = partitions / assigned.size();
            int ceil = floor + (partitions % assigned.size() == 0 ? 0 : 1);
            counts.forEach(c -> assertTrue(c == floor || c == ceil, topic + ": counts " + counts + " in " + assigned));
        }
    }

    private static Member member(String instanceId, Set<TopicPartition> owned, int generation) {
        return new Member(instanceId, TOPICS, owned, generation);
    }

    private static Cluster cluster(Map<String, Integer> topics) {
        List<PartitionInfo> infos = new ArrayList<>();
        topics.forEach((topic, n) -> {
            for (int p = 0; p < n; p++) {
                infos.add(new PartitionInfo(topic, p, NODE, new Node[]{NODE}, new Node[]{NODE}));
            }
        });
        return new Cluster("test", List.of(NODE), infos, Set.of(), Set.of());
    }

    private static Set<TopicPartition> all(Cluster cluster) {
        Set<TopicPartition> all = new HashSet<>();
        for (String topic : cluster.topics()) {
            for (int p = 0; p < cluster.partitionCountForTopic(topic); p++) {
                all.add(new TopicPartition(topic, p));
            }
        }
        return all;
    }

    private static Set<TopicPartition> partitions(String topic, int... numbers) {
        Set<TopicPartition> set = new HashSet<>();
        for (int p : numbers) {
            set.add(new TopicPartition(topic, p));
        }
        return set;
    }

    private static Set<TopicPartition> inTopic(Set<TopicPartition> partitions, String topic) {
        Set<TopicPartition> set = new HashSet<>();
        partitions.stream().filter(tp -> tp.topic().equals(topic)).forEach(set::add);
        return set;
    }
}
