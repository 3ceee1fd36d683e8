package io.tagstream.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one source file (or the parts of one track) into a library recording: 16 kHz, mono, 16-bit WAV, without
 * its leading and trailing audio below -50 dBFS (fades, lead-in silence). By format:
 * <ul>
 *   <li>wav, ogg, flac, aiff and files without an extension (by magic number: {@code OggS}, {@code RIFF}): sox;</li>
 *   <li>gsm (raw 8 kHz GSM 06.10 of the asterisk prompts): sox {@code -t gsm -r 8000 -c 1};</li>
 *   <li>opus: {@code opusdec} (opus-tools) to 48 kHz, then sox;</li>
 *   <li>MIDI: {@code fluidsynth} with the split's General MIDI soundfont, then sox;</li>
 *   <li>tracker modules (mod, it, xm, s3m): {@code openmpt123}, at most {@value #MAX_MODULE_SECONDS} s (modules
 *       may loop forever), then sox.</li>
 * </ul>
 * Thread-safe: every call uses its own temporary files.
 */
final class SourceDecoder {

    static final int RATE = Sox.RATE;
    static final int MAX_MODULE_SECONDS = 600;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final List<String> TRIM = List.of("silence", "1", "0.02", "-50d", "reverse", "silence", "1",
            "0.02", "-50d", "reverse");

    private final ExternalTool sox;
    private final ExternalTool opusdec = new ExternalTool("opusdec", "opusdec", "opus-tools");
    private final ExternalTool fluidsynth = new ExternalTool("fluidsynth", "fluidsynth", "fluidsynth");
    private final ExternalTool openmpt = new ExternalTool("openmpt123", "openmpt123", "openmpt123");
    private final Path trainSoundfont;
    private final Path devSoundfont;
    private final WorkFiles work;

    SourceDecoder(String soxCommand, Path trainSoundfont, Path devSoundfont, WorkFiles work) {
        this.sox = new ExternalTool(soxCommand, "sox", "sox");
        this.trainSoundfont = trainSoundfont;
        this.devSoundfont = devSoundfont;
        this.work = work;
    }

    /** Checks that every decoder starts (a one-line error naming the package to install otherwise). */
    void checkTools() {
        for (ExternalTool tool : List.of(sox, fluidsynth, openmpt)) {
            tool.version("--version", work.dir());
        }
        opusdec.version("-V", work.dir());
    }

    /**
     * Decodes {@code parts} (one file, or the parts of one track, which are mixed) into {@code out}.
     *
     * @param split the split, which picks the soundfont for MIDI
     * @return the sample rate of the source as stored (8000 for telephone prompts; the render rate for MIDI and
     *         modules)
     * @throws CorpusException if a tool fails
     */
    int decode(List<Path> parts, Split split, Path out) {
        List<String> inputs = new ArrayList<>();
        List<Path> temporary = new ArrayList<>();
        int rate = 0;
        try {
            for (Path part : parts) {
                Format format = Format.of(part);
                Path input = part;
                switch (format) {
                    case OPUS -> {
                        input = work.next("opus.wav");
                        temporary.add(input);
                        opusdec.run(List.of("--quiet", "--rate", "48000", part.toString(), input.toString()),
                                work.next("opusdec.out"), work.next("opusdec.err"), TIMEOUT);
                        rate = Math.max(rate, 48_000);
                    }
                    case MIDI -> {
                        input = work.next("midi.wav");
                        temporary.add(input);
                        Path font = split == Split.DEV ? devSoundfont : trainSoundfont;
                        fluidsynth.run(List.of("-ni", "-q", "-g", "0.5", "-r", Integer.toString(RATE), "-O", "s16",
                                        "-T", "wav", "-F", input.toString(), font.toString(), part.toString()),
                                work.next("fluidsynth.out"), work.next("fluidsynth.err"), TIMEOUT);
                        rate = Math.max(rate, RATE);
                    }
                    case MODULE -> {
                        input = work.next("module.wav");
                        temporary.add(input);
                        openmpt.run(List.of("--batch", "-q", "--force", "--samplerate", Integer.toString(RATE),
                                        "--channels", "1", "--no-float", "--end-time",
                                        Integer.toString(MAX_MODULE_SECONDS), "-o", input.toString(), part.toString()),
                                work.next("openmpt.out"), work.next("openmpt.err"), TIMEOUT);
                        rate = Math.max(rate, RATE);
                    }
                    default -> rate = Math.max(rate, format == Format.GSM ? 8_000 : soxRate(part, format));
                }
                inputs.addAll(format.soxType());
                inputs.add(input.toString());
            }
            List<String> args = new ArrayList<>(List.of("-R", "-V1"));
            if (parts.size() > 1) {
                args.add("-m");
            }
            args.addAll(inputs);
            args.addAll(List.of("-b", "16", out.toString(), "remix", "-", "rate", "-v", Integer.toString(RATE)));
            args.addAll(TRIM);
            sox.run(args, work.next("sox.out"), work.next("sox.err"), TIMEOUT);
            return rate;
        } finally {
            temporary.forEach(work::delete);
        }
    }

    /** The sample rate in the file's header ({@code sox --i -r}; a file without extension is probed by a link). */
    private int soxRate(Path file, Format format) {
        Path outFile = work.next("soxi.out");
        Path probe = file;
        try {
            if (format == Format.OGG || format == Format.WAV) {
                probe = work.next("probe." + format.name().toLowerCase(Locale.ROOT));
                Files.createSymbolicLink(probe, file.toAbsolutePath());
            }
            sox.run(List.of("--i", "-r", probe.toString()), outFile, work.next("soxi.err"), TIMEOUT);
            return (int) Math.round(Double.parseDouble(Files.readString(outFile, StandardCharsets.UTF_8).strip()));
        } catch (IOException | NumberFormatException e) {
            throw new CorpusException("cannot read the sample rate of " + file + ": " + e.getMessage(), e);
        } finally {
            work.delete(outFile);
            if (probe != file) {
                work.delete(probe);
            }
        }
    }

    /** How a source file is read. */
    enum Format {
        SOX(List.of()), OGG(List.of("-t", "ogg")), WAV(List.of("-t", "wav")),
        GSM(List.of("-t", "gsm", "-r", "8000", "-c", "1")), OPUS(List.of("-t", "wav")), MIDI(List.of("-t", "wav")),
        MODULE(List.of("-t", "wav"));

        private final List<String> soxType;

        Format(List<String> soxType) {
            this.soxType = soxType;
        }

        /** The sox input options that go before the (decoded) file. */
        List<String> soxType() {
            return soxType;
        }

        /** The format of {@code file}: by extension, or by magic number when it has none. */
        static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "" : name.substring(dot + 1);
            return switch (ext) {
                case "wav", "ogg", "flac", "aif", "aiff" -> SOX;
                case "gsm" -> GSM;
                case "opus" -> OPUS;
                case "mid" -> MIDI;
                case "mod", "it", "xm", "s3m" -> MODULE;
                default -> byMagic(file);
            };
        }

        private static Format byMagic(Path file) {
            byte[] head = new byte[4];
            try (InputStream in = Files.newInputStream(file)) {
                int n = in.readNBytes(head, 0, 4);
                String magic = new String(head, 0, n, StandardCharsets.US_ASCII);
                return switch (magic) {
                    case "OggS" -> OGG;
                    case "RIFF" -> WAV;
                    default -> throw new CorpusException(file + ": unknown audio format (magic '" + magic + "')");
                };
            } catch (IOException e) {
                throw new CorpusException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        /** True when {@code file} is a candidate: an audio extension, or no extension and an audio magic number. */
        static boolean isAudio(Path file) {
            String name = file.getFileName().toString();
            if (SourceContainers.isAudioName(name)) {
                return true;
            }
            if (name.contains(".")) {
                return false;
            }
            try {
                byMagic(file);
                return true;
            } catch (CorpusException e) {
                return false;
            }
        }
    }
}
