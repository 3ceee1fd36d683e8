package io.tagstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure the pipeline's topics exist with at least the configured partition count. Idempotent: a topic that
 * already exists with enough partitions is left alone (whoever created it, even concurrently); one with fewer
 * partitions is an error, because stream ids would hash to different partitions than the app expects.
 */
public final class TopicCreator {

    private static final long METADATA_POLL_MILLIS = 50;

    private final Admin admin;
    private final Duration timeout;

    /** Uses (does not close) {@code admin}; every admin call is bounded by {@code timeout}. */
    public TopicCreator(Admin admin, Duration timeout) {
        if (admin == null || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("TopicCreator needs an admin client and a positive timeout");
        }
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Opens an admin client on {@code bootstrapServers}, ensures every topic of {@code topics}, and closes it. */
    public static void ensureTopics(String bootstrapServers, TopicsConfig topics, Duration timeout) {
        ensureTopics(bootstrapServers, topics.names(), topics.partitions(), topics.replicationFactor(), timeout);
    }

    /** Opens an admin client on {@code bootstrapServers}, ensures each of {@code names}, and closes it. */
    public static void ensureTopics(String bootstrapServers, Collection<String> names, int partitions,
                                    short replicationFactor, Duration timeout) {
        ensureTopics(KafkaConnection.of(bootstrapServers), names, partitions, replicationFactor, timeout);
    }

    /** As above over {@code connection} (with its security settings). */
    public static void ensureTopics(KafkaConnection connection, TopicsConfig topics, Duration timeout) {
        ensureTopics(connection, topics.names(), topics.partitions(), topics.replicationFactor(), timeout);
    }

    /** Opens an admin client over {@code connection}, ensures each of {@code names}, and closes it. */
    public static void ensureTopics(KafkaConnection connection, Collection<String> names, int partitions,
                                    short replicationFactor, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Map<String, Object> config = connection.clientConfig();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000));
        try (Admin admin = Admin.create(config)) {
            new TopicCreator(admin, timeout).ensure(names, partitions, replicationFactor);
        }
    }

    /** Ensures all five topics of {@code topics}. */
    public void ensure(TopicsConfig topics) {
        ensure(topics.names(), topics.partitions(), topics.replicationFactor());
    }

    /** Ensures each of {@code names} exists with at least {@code partitions} partitions. */
    public void ensure(Collection<String> names, int partitions, short replicationFactor) {
        List<NewTopic> wanted = new ArrayList<>();
        for (String name : names) {
            wanted.add(new NewTopic(name, partitions, replicationFactor));
        }
        Map<String, KafkaFuture<Void>> created = admin.createTopics(wanted).values();
        for (Map.Entry<String, KafkaFuture<Void>> entry : created.entrySet()) {
            awaitCreatedOrExisting(entry.getKey(), entry.getValue());
        }
        Map<String, TopicDescription> described = describe(Set.copyOf(names));
        requireEnoughPartitions(described, partitions);
        awaitWritable(described);
    }

    private void awaitCreatedOrExisting(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new TopicSetupException("cannot create topic " + topic + ": no answer from Kafka within "
                        + timeout.toMillis() + " ms", e);
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new TopicSetupException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new TopicSetupException("cannot create topic " + topic + ": no answer within "
                    + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("interrupted while creating topic " + topic, e);
        }
    }

    private static void requireEnoughPartitions(Map<String, TopicDescription> described, int partitions) {
        for (TopicDescription topic : described.values()) {
            int actual = topic.partitions().size();
            if (actual < partitions) {
                throw new TopicSetupException("topic " + topic.name() + " exists with " + actual
                        + " partition(s) but needs at least " + partitions
                        + " (add partitions with kafka-topics --alter, or use a smaller --partitions)");
            }
        }
    }

    /**
     * Waits until every partition's leader serves requests. The broker's metadata names a new partition's leader a
     * moment before that leader accepts writes; an idempotent producer that hits this window can be rejected with
     * out-of-order sequence numbers for good (seen with Kafka 4.4.0). A ListOffsets request is answered only by the
     * serving leader, and the admin client retries it until then.
     */
    private void awaitWritable(Map<String, TopicDescription> described) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription topic : described.values()) {
            topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                    OffsetSpec.latest()));
        }
        try {
            admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TopicSetupException("topics " + described.keySet() + " do not accept requests: "
                    + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new TopicSetupException("topics " + described.keySet() + " have no serving leader after "
                    + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("interrupted while waiting for the leaders of " + described.keySet(), e);
        }
    }

    /**
     * Describes the topics, waiting (within the timeout) for just-created ones to reach the broker's metadata cache:
     * createTopics completes on the controller slightly before the broker can describe the topic.
     */
    private Map<String, TopicDescription> describe(Set<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new TopicSetupException("cannot describe topics " + names + ": "
                            + e.getCause().getMessage(), e);
                }
            } catch (TimeoutException e) {
                throw new TopicSetupException("cannot describe topics " + names + ": no answer within "
                        + timeout.toMillis() + " ms", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicSetupException("interrupted while describing topics " + names, e);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(METADATA_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("interrupted while waiting for topic metadata", e);
        }
    }
}
