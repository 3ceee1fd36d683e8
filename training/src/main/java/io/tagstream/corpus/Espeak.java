package io.tagstream.corpus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** espeak-ng writing one utterance to a WAV file; explicit arguments only, so equal arguments give equal files. */
final class Espeak {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ExternalTool tool;
    private final WorkFiles work;

    Espeak(String command, WorkFiles work) {
        this.tool = new ExternalTool(command, "espeak-ng", "espeak-ng");
        this.work = work;
    }

    /** "eSpeak NG text-to-speech: 1.51 ..."; also proves that espeak-ng runs. */
    String version() {
        return tool.version("--version", work.dir());
    }

    /**
     * Speaks {@code text} into a new WAV file (22050 Hz mono), which the caller deletes.
     *
     * @param wordsPerMinute speaking rate, 80..450
     * @param pitch          0..99 (espeak-ng's scale, 50 is the voice's default)
     * @param wordGapTens    extra pause between words in units of 10 ms, 0..
     */
    Path speak(EspeakVoice voice, int wordsPerMinute, int pitch, int wordGapTens, String text) {
        Path wav = work.next("espeak.wav");
        Path stdout = work.next("espeak.stdout");
        Path stderr = work.next("espeak.stderr");
        try {
            tool.run(List.of("-v", voice.name(), "-s", Integer.toString(wordsPerMinute), "-p", Integer.toString(pitch),
                    "-g", Integer.toString(wordGapTens), "-w", wav.toString(), text), stdout, stderr, TIMEOUT);
        } finally {
            work.delete(stdout);
            work.delete(stderr);
        }
        return wav;
    }
}
