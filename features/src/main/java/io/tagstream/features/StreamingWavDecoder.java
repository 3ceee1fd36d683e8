package io.tagstream.features;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decodes a WAV file a block at a time, in bounded memory: the same samples as {@link WavDecoder#decode(Path, int)},
 * bit for bit, handed out in blocks of at most {@link #BLOCK_FRAMES} of the file's sample frames (resampled to the
 * target rate when the file has another). Holds one block, the reader's 64 KiB buffer and the resampler's few hundred
 * samples of context, whatever the file's length.
 *
 * <p>A bad file fails in {@link #open} with the same one-line {@link AudioFileException} as {@link WavDecoder}
 * (headers, sizes and truncation are checked before any sample is decoded); the only errors that can come later are a
 * non-finite float sample and a file that changes while it is read. Not thread-safe.
 */
public final class StreamingWavDecoder implements AutoCloseable {

    /** Most sample frames of the file read per block (about 1 s at 16 kHz). */
    public static final int BLOCK_FRAMES = 16_384;

    private final InputStream in;
    private final String name;
    private final WavReader reader;
    private final WavHeader header;
    private final int targetSampleRate;
    private final StreamingResampler resampler; // null when the file is at the target rate
    private final float[] block;                // [block frames] of the file's samples, mixed to mono
    private boolean ended;

    private StreamingWavDecoder(InputStream in, String name, WavReader reader, WavHeader header,
                                int targetSampleRate, int blockFrames) {
        this.in = in;
        this.block = new float[blockFrames];
        this.name = name;
        this.reader = reader;
        this.header = header;
        this.targetSampleRate = targetSampleRate;
        this.resampler = header.sampleRate() == targetSampleRate ? null
                : new StreamingResampler(header.sampleRate(), targetSampleRate);
    }

    /** Opens {@code file} and reads its headers; errors name the file by its last path element. */
    public static StreamingWavDecoder open(Path file, int targetSampleRate) throws AudioFileException {
        return open(file, targetSampleRate, BLOCK_FRAMES);
    }

    /** As {@link #open(Path, int)}, reading at most {@code blockFrames} (at least 1) of the file's frames a block. */
    static StreamingWavDecoder open(Path file, int targetSampleRate, int blockFrames) throws AudioFileException {
        WavDecoder.requireRate(targetSampleRate);
        if (blockFrames < 1) {
            throw new IllegalArgumentException("block frames must be at least 1, got " + blockFrames);
        }
        String name = WavDecoder.nameOf(file);
        if (Files.isDirectory(file)) {
            throw new AudioFileException(name, "is a directory, not a WAV file");
        }
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            WavReader reader = new WavReader(in, name, Files.size(file));
            return new StreamingWavDecoder(in, name, reader, reader.openData(), targetSampleRate,
                    blockFrames);
        } catch (IOException e) {
            closeQuietly(in, e);
            throw WavDecoder.readFailure(name, e);
        } catch (AudioFileException | RuntimeException e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    /** The rate of the blocks, Hz. */
    public int sampleRate() {
        return targetSampleRate;
    }

    /** Samples of the whole recording at {@link #sampleRate()}, known from the headers before decoding. */
    public long samples() {
        long frames = reader.dataFrames();
        return resampler == null ? frames : Resampler.Kernel.of(header.sampleRate(), targetSampleRate)
                .outputLength(frames);
    }

    /** Length of the recording in seconds. */
    public double durationSeconds() {
        return (double) reader.dataFrames() / header.sampleRate();
    }

    /**
     * The next block of mono samples at {@link #sampleRate()}, in [-1, 1]; never empty; {@code null} after the last.
     *
     * @throws AudioFileException with a one-line message naming the file
     */
    public float[] next() throws AudioFileException {
        while (!ended) {
            float[] out = decodeBlock();
            if (out.length > 0) {
                return out;
            }
        }
        return null;
    }

    @Override
    public void close() throws AudioFileException {
        try {
            in.close();
        } catch (IOException e) {
            throw WavDecoder.readFailure(name, e);
        }
    }

    /** Reads one block of the file; at its end, the resampler's last samples. */
    private float[] decodeBlock() throws AudioFileException {
        int frames;
        try {
            frames = reader.readFrames(block, 0, block.length);
        } catch (IOException e) {
            throw WavDecoder.readFailure(name, e);
        }
        if (frames == 0) {
            ended = true;
            return resampler == null ? new float[0] : clip(resampler.finish());
        }
        float[] samples = Arrays.copyOf(block, frames);
        return resampler == null ? samples : clip(resampler.accept(samples));
    }

    /** Resampling may ring past full scale: clipped as {@link WavDecoder} clips. */
    private static float[] clip(float[] samples) {
        for (int i = 0; i < samples.length; i++) {
            samples[i] = WavDecoder.clip(samples[i]);
        }
        return samples;
    }

    private static void closeQuietly(InputStream in, Exception failure) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
