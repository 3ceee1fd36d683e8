package io.tagstream.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Seeded test recordings, and a 16-bit multi-channel WAV writer independent of the code under test. */
final class TestSignals {

    private TestSignals() {
    }

    /** {@code frames} frames of {@code channels} channels: a different tone per channel plus seeded noise, |x| < 0.9. */
    static float[][] tones(long seed, int channels, int frames, int sampleRate) {
        Random random = new Random(seed);
        float[][] signal = new float[channels][frames]; // [channels][frames]
        for (int c = 0; c < channels; c++) {
            double frequency = 220.0 * (c + 1) + random.nextInt(100);
            for (int i = 0; i < frames; i++) {
                double tone = 0.5 * Math.sin(2 * Math.PI * frequency * i / sampleRate);
                signal[c][i] = (float) (tone + 0.3 * (random.nextDouble() * 2 - 1));
            }
        }
        return signal;
    }

    /** Writes a canonical 44-byte-header PCM WAV, 16-bit signed little-endian, channels interleaved. */
    static void writePcm16Wav(Path file, float[][] channels, int sampleRate) throws IOException {
        int frames = channels[0].length;
        int dataBytes = frames * channels.length * 2;
        ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
        wav.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        wav.putShort((short) 1).putShort((short) channels.length).putInt(sampleRate)
                .putInt(sampleRate * channels.length * 2).putShort((short) (channels.length * 2)).putShort((short) 16);
        wav.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (int i = 0; i < frames; i++) {
            for (float[] channel : channels) {
                wav.putShort((short) Math.round(channel[i] * 32767));
            }
        }
        Files.write(file, wav.array());
    }
}
