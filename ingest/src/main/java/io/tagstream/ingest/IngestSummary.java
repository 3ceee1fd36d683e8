package io.tagstream.ingest;

import java.util.Locale;

/**
 * What one ingest run sent.
 *
 * @param mode         audio or features
 * @param where        the destination ("topic tagstream.audio at 127.0.0.1:9092")
 * @param chunks       data records sent, not counting the end-of-stream marker
 * @param samples      PCM samples covered (both modes: the audio that went in)
 * @param frames       feature frames sent (features mode; 0 in audio mode)
 * @param audioSeconds seconds of audio covered
 * @param wallSeconds  wall-clock seconds from the first chunk to the last acknowledgement
 */
public record IngestSummary(SendMode mode, String where, long chunks, long samples, long frames, double audioSeconds,
                            double wallSeconds) {

    /** Seconds of audio per wall second (how many times faster than real time). */
    public double realTimeFactor() {
        return wallSeconds > 0 ? audioSeconds / wallSeconds : Double.POSITIVE_INFINITY;
    }

    /** One line for the terminal. */
    public String describe() {
        String content = mode == SendMode.AUDIO
                ? String.format(Locale.ROOT, "%d audio chunks (%d samples)", chunks, samples)
                : String.format(Locale.ROOT, "%d feature chunks (%d frames)", chunks, frames);
        return String.format(Locale.ROOT, "sent %s + end-of-stream to %s: %.2f s of audio in %.2f s wall, %.1fx real time",
                content, where, audioSeconds, wallSeconds, realTimeFactor());
    }
}
