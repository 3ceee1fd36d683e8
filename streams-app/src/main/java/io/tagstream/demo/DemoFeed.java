package io.tagstream.demo;

import java.util.List;

import io.tagstream.kafka.TopicsConfig;

/** Where the demo's audio comes from: the bundled sample replayed into N streams ({@link SampleReplay}), or the
 * microphone ({@link MicrophoneFeed}). Each stream goes to the audio topic through its own {@link SendTimes}. */
public interface DemoFeed extends AutoCloseable {

    /** The stream ids this feed produces, in display order. */
    List<String> streamIds();

    /** Starts sending into {@code topics.audio()} on the feed's own threads. */
    void start(String bootstrapServers, TopicsConfig topics);

    /** Asks the feed to stop early; true if its streams still end properly (end-of-stream markers sent). */
    boolean stop();

    /** The send times of {@code stream}'s chunks (after {@link #start}). */
    SendTimes sendTimes(String stream);

    /** The first failure of a feeding thread, or null. */
    RuntimeException failure();

    /** Stops if still running and waits for the feed's threads; releases what it holds. */
    @Override
    void close();
}
