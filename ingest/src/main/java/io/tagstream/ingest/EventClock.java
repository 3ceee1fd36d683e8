package io.tagstream.ingest;

/**
 * Event time of a stream's samples: sample {@code n} happened {@code n / sampleRate} seconds after the stream's start
 * epoch. Deterministic: a replay with the same start epoch gives the same times.
 *
 * @param startEpochMs event time of sample 0, epoch milliseconds, {@code >= 0}
 * @param sampleRate   samples per second
 */
record EventClock(long startEpochMs, int sampleRate) {

    EventClock {
        if (startEpochMs < 0) {
            throw new IllegalArgumentException("start time must be >= 0 ms since the epoch, got " + startEpochMs);
        }
    }

    /** Event time of sample {@code index}, epoch ms, rounded down to the millisecond. */
    long timeOfSample(long index) {
        return startEpochMs + Math.multiplyExact(index, 1000L) / sampleRate;
    }
}
