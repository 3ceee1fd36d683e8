package io.tagstream.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * A chunk of one audio stream as it travels on {@code tagstream.audio}: mono 16-bit PCM plus where it sits in its
 * stream. Immutable: the samples are copied in and {@link #samples()} returns a copy. Binary form:
 * {@link PcmChunkCodec}, docs/wire-formats.md.
 *
 * @param streamId    stream id (also the Kafka key), see {@link WireName}
 * @param firstSample index of the chunk's first sample in its stream, the sequence number; {@code >= 0}
 * @param sampleRate  samples per second, {@value #MIN_SAMPLE_RATE}..{@value #MAX_SAMPLE_RATE}
 * @param startTimeMs event time of the first sample, epoch milliseconds, {@code >= 0}
 * @param samples     mono signed 16-bit samples, at most {@value #MAX_SAMPLES}
 * @param endOfStream true on the stream's last chunk; an end-of-stream marker may carry no samples
 */
public record PcmChunk(
        String streamId,
        long firstSample,
        int sampleRate,
        long startTimeMs,
        short[] samples,
        boolean endOfStream) {

    /** Most samples in one chunk: 10 seconds at 384 kHz. */
    public static final int MAX_SAMPLES = 3_840_000;
    public static final int MIN_SAMPLE_RATE = 1_000;
    public static final int MAX_SAMPLE_RATE = 384_000;

    public PcmChunk {
        WireName.require("stream id", streamId);
        require(firstSample >= 0, "first sample must be >= 0, got " + firstSample);
        require(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE,
                "sample rate must be " + MIN_SAMPLE_RATE + ".." + MAX_SAMPLE_RATE + " Hz, got " + sampleRate);
        require(startTimeMs >= 0, "start time must be >= 0 ms since the epoch, got " + startTimeMs);
        require(samples != null, "samples are required (use an empty array for an end-of-stream marker)");
        require(samples.length <= MAX_SAMPLES,
                "chunk has " + samples.length + " samples, at most " + MAX_SAMPLES + " (10 s at 384 kHz) allowed");
        require(firstSample <= Long.MAX_VALUE - samples.length,
                "first sample " + firstSample + " + " + samples.length + " samples overflows the sequence number");
        samples = samples.clone();
    }

    /** A copy of the samples. */
    @Override
    public short[] samples() {
        return samples.clone();
    }

    /** Sample {@code i} of this chunk, without copying the array. */
    public short sample(int i) {
        return samples[i];
    }

    public int sampleCount() {
        return samples.length;
    }

    /** Index in the stream of the sample after this chunk: the next chunk's {@link #firstSample()} if none is lost. */
    public long endSample() {
        return firstSample + samples.length;
    }

    /** The samples without copying, for the codec; never modified. */
    short[] samplesView() {
        return samples;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcmChunk other
                && streamId.equals(other.streamId)
                && firstSample == other.firstSample
                && sampleRate == other.sampleRate
                && startTimeMs == other.startTimeMs
                && endOfStream == other.endOfStream
                && Arrays.equals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(streamId, firstSample, sampleRate, startTimeMs, endOfStream)
                + Arrays.hashCode(samples);
    }

    /** Summary without the sample values. */
    @Override
    public String toString() {
        return "PcmChunk[streamId=" + WireName.quote(streamId) + ", firstSample=" + firstSample
                + ", sampleRate=" + sampleRate + ", startTimeMs=" + startTimeMs
                + ", samples=short[" + samples.length + "], endOfStream=" + endOfStream + "]";
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
