package io.tagstream.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.tagstream.features.Pcm16;
import io.tagstream.features.WavWriter;

/**
 * Writes a long mono 16-bit WAV file block by block (never the whole recording in memory): the canonical header of
 * {@link WavWriter} with the final sizes, then deterministic audio, a minute of tone and a minute of noise in turn.
 */
final class LongWavFile {

    private static final int BLOCK = 1 << 16;

    private LongWavFile() {
    }

    /** {@code seconds} of audio at {@code rate} Hz into {@code file}; returns the sample count. */
    static long write(Path file, int rate, long seconds, long seed) throws IOException {
        long samples = seconds * rate;
        long dataBytes = 2 * samples;
        if (dataBytes > 0xFFFF_FFFFL - WavWriter.HEADER_BYTES) {
            throw new IllegalArgumentException(seconds + " s at " + rate + " Hz do not fit a RIFF file");
        }
        byte[] header = WavWriter.encode(new float[0], rate);
        ByteBuffer sizes = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        sizes.putInt(4, (int) (WavWriter.HEADER_BYTES - 8 + dataBytes));
        sizes.putInt(WavWriter.HEADER_BYTES - 4, (int) dataBytes);
        Random random = new Random(seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(header);
            ByteBuffer block = ByteBuffer.allocate(2 * BLOCK).order(ByteOrder.LITTLE_ENDIAN);
            float[] x = new float[BLOCK];
            for (long from = 0; from < samples; from += BLOCK) {
                int n = (int) Math.min(BLOCK, samples - from);
                for (int i = 0; i < n; i++) {
                    long t = from + i;
                    boolean tone = (t / (60L * rate)) % 2 == 0;
                    x[i] = (float) (tone ? 0.3 * Math.sin(2 * Math.PI * 440.0 * t / rate)
                            : 0.2 * random.nextGaussian());
                }
                block.clear();
                for (short s : Pcm16.quantize(java.util.Arrays.copyOf(x, n))) {
                    block.putShort(s);
                }
                out.write(block.array(), 0, 2 * n);
            }
        }
        return samples;
    }
}
