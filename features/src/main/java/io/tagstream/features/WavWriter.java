package io.tagstream.features;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes mono 16-bit PCM WAV files (canonical 44-byte RIFF header: {@code RIFF}, {@code fmt } with format tag 1,
 * {@code data}). Samples are quantized by {@link Pcm16#quantize}, so values outside [-1, 1] clip. The bytes depend
 * only on the samples and the rate: no timestamps, no metadata chunks.
 */
public final class WavWriter {

    /** Bytes before the first sample. */
    public static final int HEADER_BYTES = 44;

    private static final int BYTES_PER_SAMPLE = 2;

    private WavWriter() {
    }

    /** Writes {@code samples} (mono, full scale 1.0) at {@code sampleRate} Hz to {@code file}, replacing it. */
    public static void write(Path file, float[] samples, int sampleRate) throws IOException {
        Files.write(Objects.requireNonNull(file, "file"), encode(samples, sampleRate));
    }

    /** The complete WAV file for {@code samples} at {@code sampleRate} Hz. */
    public static byte[] encode(float[] samples, int sampleRate) {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate < 1 || sampleRate > Integer.MAX_VALUE / BYTES_PER_SAMPLE) {
            throw new IllegalArgumentException("sample rate must be 1.." + Integer.MAX_VALUE / BYTES_PER_SAMPLE
                    + " Hz, got " + sampleRate);
        }
        if (samples.length > (Integer.MAX_VALUE - HEADER_BYTES) / BYTES_PER_SAMPLE) {
            throw new IllegalArgumentException("too many samples for one in-memory WAV file: " + samples.length);
        }
        int dataBytes = samples.length * BYTES_PER_SAMPLE;
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(HEADER_BYTES - 8 + dataBytes).put(ascii("WAVE"));
        out.put(ascii("fmt ")).putInt(16)
                .putShort((short) 1)                                  // format tag: integer PCM
                .putShort((short) 1)                                  // channels
                .putInt(sampleRate)
                .putInt(sampleRate * BYTES_PER_SAMPLE)                // byte rate
                .putShort((short) BYTES_PER_SAMPLE)                   // block align
                .putShort((short) (8 * BYTES_PER_SAMPLE));            // bits per sample
        out.put(ascii("data")).putInt(dataBytes);
        for (short s : Pcm16.quantize(samples)) {
            out.putShort(s);
        }
        return out.array();
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(StandardCharsets.US_ASCII);
    }
}
