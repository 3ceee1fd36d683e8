package io.tagstream.features;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Decodes WAV files to mono PCM at the pipeline's sample rate.
 *
 * <p>Reads RIFF/WAVE with PCM 8-bit (unsigned), 16/24/32-bit (signed), IEEE float 32/64-bit, plain or
 * WAVE_FORMAT_EXTENSIBLE, any number of channels (averaged to mono). Integer PCM is scaled so that its largest
 * positive code is 1.0, as {@link Pcm16} does; everything is clipped to [-1, 1] (float files may exceed it, and so may
 * the resampler's ringing). Audio at another rate is converted with {@link Resampler}.
 *
 * <p>Anything it cannot decode raises {@link AudioFileException} with a one-line {@code "<file name>: <problem>"}
 * message: empty or non-WAV files, unsupported encodings, a missing fmt or data chunk, and truncated chunks. A data
 * chunk shorter than it declares is rejected, never decoded in part (see {@link WavReader} for every policy).
 */
public final class WavDecoder {

    private WavDecoder() {
    }

    /** Decodes {@code file}; errors name the file by its last path element. */
    public static DecodedAudio decode(Path file, int targetSampleRate) throws AudioFileException {
        requireRate(targetSampleRate);
        String name = nameOf(file);
        if (Files.isDirectory(file)) {
            throw new AudioFileException(name, "is a directory, not a WAV file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return toTargetRate(new WavReader(in, name, Files.size(file)).read(), targetSampleRate);
        } catch (IOException e) {
            throw readFailure(name, e);
        }
    }

    /**
     * Decodes a WAV stream of unknown length (read to the end of its data chunk, not closed).
     *
     * @param name how errors name the stream
     */
    public static DecodedAudio decode(InputStream in, String name, int targetSampleRate) throws AudioFileException {
        requireRate(targetSampleRate);
        try {
            return toTargetRate(new WavReader(in, name, -1).read(), targetSampleRate);
        } catch (IOException e) {
            throw new AudioFileException(name, "cannot read: " + e.getMessage(), e);
        }
    }

    private static DecodedAudio toTargetRate(DecodedAudio audio, int targetSampleRate) {
        if (audio.sampleRate() == targetSampleRate) {
            return audio;
        }
        float[] resampled = Resampler.resample(audio.samples(), audio.sampleRate(), targetSampleRate);
        for (int i = 0; i < resampled.length; i++) {
            resampled[i] = clip(resampled[i]);
        }
        return new DecodedAudio(resampled, targetSampleRate);
    }

    /** A resampled sample clipped to [-1, 1] (resampling may ring past full scale). */
    static float clip(float sample) {
        return Math.max(-1f, Math.min(1f, sample));
    }

    /** How errors name {@code file}: its last path element. */
    static String nameOf(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    /** The one-line error for an I/O failure while reading the file called {@code name}. */
    static AudioFileException readFailure(String name, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new AudioFileException(name, "no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new AudioFileException(name, "permission denied", e);
        }
        return new AudioFileException(name, "cannot read: " + e.getMessage(), e);
    }

    static void requireRate(int targetSampleRate) {
        if (targetSampleRate < 1) {
            throw new IllegalArgumentException("target sample rate must be at least 1 Hz, got " + targetSampleRate);
        }
    }
}
