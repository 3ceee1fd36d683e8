package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A live stream's memory ({@link StreamState#heldBytes()}, what {@code bench model} reports as
 * {@code stream_state_kb}) is bounded: it holds at least every layer's band of keys and values, and it stops growing
 * once the stream is past its context, however long the stream runs.
 */
class StreamMemoryTest {

    @Test
    void aStreamsMemoryIsBoundedByItsContextNotItsAge() {
        EncoderConfig config = TestModels.shippedDesign();
        Random random = new Random(9);
        float[][] chunk = TestModels.randomFrames(random, 10, config.inputDims());
        try (Encoder encoder = Encoder.create(EncoderWeights.random(config, 3))) {
            StreamState stream = encoder.newStream();
            for (int i = 0; i < 200; i++) {
                stream.accept(chunk);
            }
            long young = stream.heldBytes();
            for (int i = 0; i < 2_000; i++) {
                stream.accept(chunk);
            }
            assertEquals(young, stream.heldBytes(), "after 2,000 frames and after 22,000");
            long band = 4L * 2 * config.modelDims() * (config.leftContext() + config.rightContext() + 1)
                    * config.layers();
            assertTrue(young >= band, young + " bytes hold every layer's band of keys and values, " + band);
            assertTrue(young <= 8 * band, young + " bytes: not more than a few bands' worth, " + band);
        }
    }
}
