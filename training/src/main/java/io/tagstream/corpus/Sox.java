package io.tagstream.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * sox, used for three things: converting source files to the corpus rate, synthesising tones, and applying effect
 * chains (filters, EQ, reverb, speed, pitch) to sample arrays. Every call passes {@code -R} (sox's repeatable mode:
 * its dither and noise generators are seeded identically on every run), so equal arguments give equal samples.
 * Samples cross the process boundary as raw 32-bit little-endian float files at {@link #RATE} Hz, mono.
 */
final class Sox {

    /** The corpus sample rate (the pipeline rate). */
    static final int RATE = 16_000;
    /** Attenuation (dB) in front of every effect chain, so EQ boosts and reverb never clip inside sox. */
    static final double HEADROOM_DB = 12;

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> RAW_FLOAT = List.of(
            "-t", "raw", "-e", "floating-point", "-b", "32", "-L", "-r", Integer.toString(RATE), "-c", "1");

    private final ExternalTool tool;
    private final WorkFiles work;

    Sox(String command, WorkFiles work) {
        this.tool = new ExternalTool(command, "sox", "sox");
        this.work = work;
    }

    /** "sox: SoX v14.4.2"; also proves that sox runs. */
    String version() {
        return tool.version("--version", work.dir());
    }

    /**
     * Reads any file sox can read, mixes it to mono, applies {@code effects} at the file's own rate (e.g. trim,
     * speed, pitch), and resamples to {@link #RATE} Hz.
     */
    float[] load(Path file, List<String> effects) {
        List<String> args = new ArrayList<>(List.of("-R", "-V1", file.toString()));
        Path out = work.next("load.f32");
        args.addAll(RAW_FLOAT);
        args.add(out.toString());
        args.addAll(List.of("channels", "1"));
        args.addAll(effects);
        args.addAll(List.of("rate", "-h", Integer.toString(RATE)));
        return runToSamples(args, out);
    }

    /** {@code x} (at {@link #RATE} Hz) through the effect chain; the result has exactly {@code x.length} samples. */
    float[] filter(float[] x, List<String> effects) {
        if (effects.isEmpty() || x.length == 0) {
            return x.clone();
        }
        Path in = work.next("in.f32");
        write(in, x);
        Path out = work.next("filter.f32");
        List<String> args = new ArrayList<>(List.of("-R", "-V1"));
        args.addAll(RAW_FLOAT);
        args.add(in.toString());
        args.addAll(RAW_FLOAT);
        args.add(out.toString());
        args.addAll(List.of("gain", Double.toString(-HEADROOM_DB)));
        args.addAll(effects);
        try {
            return Arrays.copyOf(runToSamples(args, out), x.length);
        } finally {
            work.delete(in);
        }
    }

    /**
     * As {@link #filter}, with the {@link #HEADROOM_DB} attenuation undone afterwards, for linear effects whose
     * gain must be kept (a band limit). {@code x} must stay within [-1, 1] (sox clips its float input there).
     */
    float[] filterAtUnityGain(float[] x, List<String> effects) {
        return Loudness.scaled(filter(x, effects), Loudness.amplitude(HEADROOM_DB));
    }

    /** sox's {@code synth} from silence: {@code synthAndEffects} starts with "synth" (e.g. synth 0.3 sine 150:40). */
    float[] synth(List<String> synthAndEffects) {
        Path out = work.next("synth.f32");
        List<String> args = new ArrayList<>(List.of("-R", "-V1", "-n"));
        args.addAll(RAW_FLOAT);
        args.add(out.toString());
        args.addAll(synthAndEffects);
        return runToSamples(args, out);
    }

    /** Length of an audio file in seconds, from its header ({@code sox --i -D}). */
    double durationSeconds(Path file) {
        Path stdout = work.next("info.stdout");
        Path stderr = work.next("info.stderr");
        try {
            tool.run(List.of("--i", "-D", file.toString()), stdout, stderr, TIMEOUT);
            return Double.parseDouble(Files.readString(stdout).strip());
        } catch (IOException | NumberFormatException e) {
            throw new CorpusException("cannot read the duration of " + file + ": " + e.getMessage(), e);
        } finally {
            work.delete(stdout);
            work.delete(stderr);
        }
    }

    private float[] runToSamples(List<String> args, Path out) {
        Path stdout = work.next("sox.stdout");
        Path stderr = work.next("sox.stderr");
        try {
            tool.run(args, stdout, stderr, TIMEOUT);
            return read(out);
        } finally {
            work.delete(out);
            work.delete(stdout);
            work.delete(stderr);
        }
    }

    private static void write(Path file, float[] x) {
        ByteBuffer b = ByteBuffer.allocate(4 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(x);
        try {
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new CorpusException("cannot write sox input " + file + ": " + e.getMessage(), e);
        }
    }

    private static float[] read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            float[] x = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(x);
            return x;
        } catch (IOException e) {
            throw new CorpusException("cannot read sox output " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
