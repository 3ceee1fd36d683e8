package io.tagstream.features;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one RIFF/WAVE stream front to back into mono samples at the file's own rate: the RIFF header, then chunks
 * until the data chunk ({@code fmt } must come before it; unknown chunks are skipped, odd sizes padded to even; the
 * RIFF size field and anything after the data chunk are ignored). Channels are averaged; the result is clipped to
 * [-1, 1].
 *
 * <p>Policies: a data chunk shorter than declared is rejected ("truncated"), not decoded in part, because a cut-off
 * recording usually means a failed copy; a data chunk that is not a whole number of sample frames, an empty data
 * chunk, a second fmt chunk and non-finite float samples are rejected too. Memory is bounded by what is actually
 * there: with a known file size a declared size larger than the file is rejected before allocating, and with an
 * unknown size (a stream) the output grows only as data arrives.
 */
final class WavReader {

    private static final int MAX_FMT_BYTES = 1 << 16;
    private static final int MAX_FRAMES = Integer.MAX_VALUE - 8;
    private static final int INITIAL_STREAM_FRAMES = 1 << 20;
    private static final int READ_BYTES = 1 << 16;

    private final InputStream in;
    private final String fileName;
    private final long fileSize; // bytes, or -1 when unknown (a stream)
    private long position;

    /**
     * @param fileSize the file's size in bytes, or -1 for a stream of unknown length
     */
    WavReader(InputStream in, String fileName, long fileSize) {
        this.in = in;
        this.fileName = fileName;
        this.fileSize = fileSize;
    }

    /** Decodes the whole stream. */
    DecodedAudio read() throws AudioFileException, IOException {
        readRiffHeader();
        WavHeader header = null;
        while (true) {
            long chunkStart = position;
            byte[] chunkHeader = new byte[8];
            int got = readUpTo(chunkHeader);
            if (got == 0) {
                throw fail(header == null ? "no fmt chunk" : "no data chunk");
            }
            if (got < 8) {
                throw fail("truncated: chunk header at byte " + chunkStart + " has " + got + " of 8 bytes");
            }
            String id = new String(chunkHeader, 0, 4, StandardCharsets.ISO_8859_1);
            long size = uint32(chunkHeader, 4);
            if (id.equals("data")) {
                if (header == null) {
                    throw fail("data chunk comes before the fmt chunk");
                }
                return new DecodedAudio(readData(header, size), header.sampleRate());
            }
            if (id.equals("fmt ")) {
                if (header != null) {
                    throw fail("more than one fmt chunk");
                }
                header = WavHeader.parse(readFmtBody(size), fileName);
            } else {
                skipChunkBody(id, chunkStart, size);
            }
            skipPadByte(size);
        }
    }

    private void readRiffHeader() throws AudioFileException, IOException {
        byte[] riff = new byte[12];
        int got = readUpTo(riff);
        if (got == 0) {
            throw fail("empty file");
        }
        String magic = printable(riff, 0, Math.min(got, 4));
        if (got >= 4 && magic.equals("RIFX")) {
            throw fail("big-endian RIFX WAV is not supported");
        }
        if (got >= 4 && magic.equals("RF64")) {
            throw fail("RF64 (64-bit RIFF) WAV is not supported");
        }
        if (got < 4 || !magic.equals("RIFF")) {
            throw fail("not a WAV file: starts with '" + magic + "', not 'RIFF'");
        }
        if (got < 12) {
            throw fail("not a WAV file: " + got + " bytes, shorter than the 12-byte RIFF header");
        }
        String form = printable(riff, 8, 4);
        if (!form.equals("WAVE")) {
            throw fail("not a WAV file: RIFF form type is '" + form + "', not 'WAVE'");
        }
    }

    private byte[] readFmtBody(long size) throws AudioFileException, IOException {
        if (size > MAX_FMT_BYTES) {
            throw fail("fmt chunk declares " + size + " bytes, more than the " + MAX_FMT_BYTES + " allowed");
        }
        byte[] body = new byte[(int) size];
        int got = readUpTo(body);
        if (got < size) {
            throw fail("truncated: fmt chunk declares " + size + " bytes, " + arrived(got));
        }
        return body;
    }

    private void skipChunkBody(String id, long chunkStart, long size) throws AudioFileException, IOException {
        long skipped = skipUpTo(size);
        if (skipped < size) {
            throw fail("truncated: '" + printable(id) + "' chunk at byte " + chunkStart + " declares " + size
                    + " bytes, " + arrived(skipped));
        }
    }

    /** Chunks of odd size are followed by a pad byte; a missing pad at the very end of the file is tolerated. */
    private void skipPadByte(long size) throws IOException {
        if ((size & 1) == 1 && in.read() >= 0) {
            position++;
        }
    }

    private float[] readData(WavHeader header, long size) throws AudioFileException, IOException {
        int blockAlign = header.blockAlign();
        if (size == 0) {
            throw fail("no audio: the data chunk is empty");
        }
        if (size % blockAlign != 0) {
            throw fail("data chunk size " + size + " is not a whole number of " + blockAlign + "-byte frames ("
                    + header.layout() + ")");
        }
        if (fileSize >= 0 && size > fileSize - position) {
            throw fail("truncated: data chunk declares " + size + " bytes, " + arrived(fileSize - position));
        }
        long frames = size / blockAlign;
        if (frames > MAX_FRAMES) {
            throw fail("data chunk holds " + frames + " sample frames, more than " + MAX_FRAMES + " supported");
        }
        MonoMixer mixer = new MonoMixer(header, (int) frames, fileSize >= 0 ? (int) frames : INITIAL_STREAM_FRAMES);
        byte[] buffer = new byte[Math.max(1, READ_BYTES / blockAlign) * blockAlign];
        long remaining = size;
        while (remaining > 0) {
            int want = (int) Math.min(buffer.length, remaining);
            int got = in.readNBytes(buffer, 0, want);
            position += got;
            if (got < want) {
                throw fail("truncated: data chunk declares " + size + " bytes, " + arrived(size - remaining + got));
            }
            mixer.add(buffer, want / blockAlign);
            remaining -= want;
        }
        return mixer.samples();
    }

    private String arrived(long bytes) {
        return (fileSize >= 0 ? "file has " : "stream ended after ") + bytes;
    }

    /** Reads until {@code into} is full or the stream ends; returns the count read. */
    private int readUpTo(byte[] into) throws IOException {
        int got = in.readNBytes(into, 0, into.length);
        position += got;
        return got;
    }

    private long skipUpTo(long count) throws IOException {
        long skipped = 0;
        byte[] sink = new byte[(int) Math.min(count, 8192)];
        while (skipped < count) {
            int got = in.read(sink, 0, (int) Math.min(sink.length, count - skipped));
            if (got < 0) {
                break;
            }
            skipped += got;
        }
        position += skipped;
        return skipped;
    }

    private AudioFileException fail(String problem) {
        return new AudioFileException(fileName, problem);
    }

    private static long uint32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    private static String printable(byte[] b, int from, int length) {
        return printable(new String(b, from, length, StandardCharsets.ISO_8859_1));
    }

    /** Printable ASCII as is, anything else as \xNN. */
    private static String printable(String raw) {
        StringBuilder out = new StringBuilder();
        for (char c : raw.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return out.toString();
    }

    /** Accumulates interleaved frames as their channel average, clipped to [-1, 1]. */
    private final class MonoMixer {
        private final WavHeader header;
        private final int totalFrames;
        private float[] mono;
        private int count;

        MonoMixer(WavHeader header, int totalFrames, int initialCapacity) {
            this.header = header;
            this.totalFrames = totalFrames;
            this.mono = new float[Math.min(totalFrames, initialCapacity)];
        }

        void add(byte[] interleaved, int frames) throws AudioFileException {
            if (count + frames > mono.length) {
                mono = Arrays.copyOf(mono, (int) Math.min(totalFrames, Math.max(count + frames,
                        2L * mono.length)));
            }
            WavSampleFormat format = header.format();
            int channels = header.channels();
            int at = 0;
            for (int f = 0; f < frames; f++, count++) {
                double sum = 0.0;
                for (int c = 0; c < channels; c++, at += format.bytes) {
                    double v = format.decode(interleaved, at);
                    if (!Double.isFinite(v)) {
                        throw fail("sample frame " + count + ", channel " + c + " is " + v + ", not a finite number");
                    }
                    sum += v;
                }
                mono[count] = (float) Math.max(-1.0, Math.min(1.0, sum / channels));
            }
        }

        float[] samples() {
            return mono;
        }
    }
}
