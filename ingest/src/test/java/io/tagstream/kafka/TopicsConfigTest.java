package io.tagstream.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class TopicsConfigTest {

    @Test
    void defaultsAreTheProductTopicNames() {
        assertEquals(List.of("tagstream.audio", "tagstream.features", "tagstream.labels", "tagstream.segments",
                "tagstream.dlq"), TopicsConfig.DEFAULT.names());
        assertEquals(1, TopicsConfig.DEFAULT.replicationFactor());
    }

    @Test
    void withersReplaceOneField() {
        TopicsConfig changed = TopicsConfig.DEFAULT.withAudio("a").withDlq("d").withPartitions(7);
        assertEquals(List.of("a", "tagstream.features", "tagstream.labels", "tagstream.segments", "d"),
                changed.names());
        assertEquals(7, changed.partitions());
    }

    @Test
    void illegalNamesAreRejectedWithTheName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopicsConfig.DEFAULT.withAudio("my topic"));
        assertEquals("illegal topic name 'my topic': use 1..249 of the characters a-z A-Z 0-9 . _ -", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopicsConfig.DEFAULT.withLabels(""));
        assertThrows(IllegalArgumentException.class, () -> TopicsConfig.DEFAULT.withSegments(".."));
        assertThrows(IllegalArgumentException.class, () -> TopicsConfig.DEFAULT.withFeatures("x".repeat(250)));
        assertThrows(IllegalArgumentException.class, () -> TopicsConfig.DEFAULT.withFeatures(null));
    }

    @Test
    void namesMustBeDistinctAndSizesPositive() {
        assertThrows(IllegalArgumentException.class, () -> TopicsConfig.DEFAULT.withFeatures("tagstream.audio"));
        assertThrows(IllegalArgumentException.class, () -> TopicsConfig.DEFAULT.withPartitions(0));
        assertThrows(IllegalArgumentException.class, () -> TopicsConfig.DEFAULT.withReplicationFactor((short) 0));
    }
}
