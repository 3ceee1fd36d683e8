package io.tagstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.tagstream.features.FeatureSpec;
import io.tagstream.kafka.TopicsConfig;

class IngestConfigTest {

    @Test
    void chunkSamplesAtTheSpecRate() {
        assertEquals(320, IngestConfig.of("s", SendMode.AUDIO).chunkSamples()); // 20 ms at 16 kHz
        assertEquals(16, new IngestConfig("s", SendMode.AUDIO, 1, FeatureSpec.DEFAULT).chunkSamples());
    }

    @Test
    void liveAudioGoesInShortChunksAndAMaxSpeedReplayInLongerOnes() {
        assertEquals(20, IngestConfig.defaultChunkMillis(ReplaySpeed.REAL_TIME));
        assertEquals(20, IngestConfig.defaultChunkMillis(ReplaySpeed.parse("4")));
        assertEquals(50, IngestConfig.defaultChunkMillis(ReplaySpeed.MAX));
    }

    @Test
    void modesWriteToTheirTopics() {
        assertEquals("tagstream.audio", SendMode.AUDIO.topic(TopicsConfig.DEFAULT));
        assertEquals("tagstream.features", SendMode.FEATURES.topic(TopicsConfig.DEFAULT));
    }

    @Test
    void badValuesNameTheProblem() {
        assertEquals("chunk length must be 1..10000 ms, got 0", assertThrows(IllegalArgumentException.class,
                () -> new IngestConfig("s", SendMode.AUDIO, 0, FeatureSpec.DEFAULT)).getMessage());
        assertEquals("stream id must not be empty", assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.of("", SendMode.AUDIO)).getMessage());
        FeatureSpec at22050 = new FeatureSpec(22_050, 512, 256, 40, 0, FeatureSpec.DEFAULT.kind(), 0, 4_000);
        assertEquals("a chunk of 10 ms is not a whole number of samples at 22050 Hz",
                assertThrows(IllegalArgumentException.class,
                        () -> new IngestConfig("s", SendMode.AUDIO, 10, at22050)).getMessage());
    }
}
