package io.tagstream.ingest;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

/**
 * Live capture from the default microphone at the pipeline format (16-bit signed little-endian mono at the spec's
 * rate), published as one stream through the same encoder as a file replay. The capture device paces the loop; it
 * stops after a duration or when asked to (Ctrl-C), then sends the end-of-stream marker.
 */
public final class MicrophoneCapture implements AutoCloseable {

    private final TargetDataLine line;
    private final AudioFormat format;

    private MicrophoneCapture(TargetDataLine line, AudioFormat format) {
        this.line = line;
        this.format = format;
    }

    /** The capture format of the pipeline at {@code sampleRate}: 16-bit signed little-endian mono. */
    public static AudioFormat formatFor(int sampleRate) {
        return new AudioFormat(sampleRate, 16, 1, true, false);
    }

    /** Whether this machine has a capture device for the pipeline format. */
    public static boolean isAvailable(int sampleRate) {
        return AudioSystem.isLineSupported(new DataLine.Info(TargetDataLine.class, formatFor(sampleRate)));
    }

    /** Opens the default capture device; fails with a one-line reason when there is none or it is busy. */
    public static MicrophoneCapture open(int sampleRate) throws MicrophoneUnavailableException {
        AudioFormat format = formatFor(sampleRate);
        if (!isAvailable(sampleRate)) {
            throw new MicrophoneUnavailableException("no microphone: no audio capture device supports "
                    + sampleRate + " Hz 16-bit mono");
        }
        try {
            TargetDataLine line = (TargetDataLine) AudioSystem.getLine(new DataLine.Info(TargetDataLine.class, format));
            line.open(format);
            return new MicrophoneCapture(line, format);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new MicrophoneUnavailableException("cannot open the microphone at " + sampleRate + " Hz 16-bit mono: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Captures into {@code sink} until {@code limit} of audio is recorded or {@code stopRequested} turns true (checked
     * after every chunk), then sends the end-of-stream marker.
     *
     * @param startEpochMs event time of the first captured sample (epoch ms): the wall clock at the start, when live
     */
    public IngestSummary capture(IngestConfig config, long startEpochMs, ChunkSink sink, Duration limit,
                                 BooleanSupplier stopRequested, ProgressBar progress) {
        if (config.sampleRate() != (int) format.getSampleRate()) {
            throw new IllegalArgumentException("microphone opened at " + format.getSampleRate() + " Hz, the stream is at "
                    + config.sampleRate() + " Hz");
        }
        long maxSamples = limit.toMillis() * config.sampleRate() / 1000;
        StreamPublisher publisher = new StreamPublisher(ChunkEncoder.forConfig(config, startEpochMs), sink);
        byte[] buffer = new byte[config.chunkSamples() * 2];
        long begin = System.nanoTime();
        line.start();
        try {
            while (publisher.samples() < maxSamples && !stopRequested.getAsBoolean()) {
                int wanted = (int) Math.min(config.chunkSamples(), maxSamples - publisher.samples()) * 2;
                int read = line.read(buffer, 0, wanted);
                publisher.publish(littleEndianToShorts(buffer, read));
                progress.update((double) publisher.samples() / config.sampleRate());
            }
        } finally {
            line.stop();
        }
        publisher.finish();
        progress.finish();
        double wall = (System.nanoTime() - begin) / 1e9;
        return new IngestSummary(config.mode(), sink.describe(), publisher.chunks(), publisher.samples(),
                publisher.frames(), (double) publisher.samples() / config.sampleRate(), wall);
    }

    /** Signed 16-bit little-endian bytes to samples; an odd trailing byte is ignored. */
    static short[] littleEndianToShorts(byte[] bytes, int length) {
        short[] samples = new short[length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
        }
        return samples;
    }

    @Override
    public void close() {
        line.close();
    }
}
