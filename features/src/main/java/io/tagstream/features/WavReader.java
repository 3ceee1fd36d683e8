package io.tagstream.features;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one RIFF/WAVE stream front to back into mono samples at the file's own rate, whole ({@link #read()}) or
 * a block at a time ({@link #openData()} then {@link #readFrames}, the same samples): the RIFF header, then chunks
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
    private WavHeader header;      // of the data chunk, once openData has run
    private long dataFrames;       // sample frames the data chunk declares
    private long framesRead;       // of them, decoded so far
    private byte[] buffer;         // [whole sample frames] raw bytes of one read

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
        WavHeader header = openData();
        if (dataFrames > MAX_FRAMES) {
            throw fail("data chunk holds " + dataFrames + " sample frames, more than " + MAX_FRAMES + " supported");
        }
        int total = (int) dataFrames;
        float[] mono = new float[fileSize >= 0 ? total : Math.min(total, INITIAL_STREAM_FRAMES)];
        int count = 0;
        while (count < total) {
            if (count == mono.length) {
                mono = Arrays.copyOf(mono, (int) Math.min(total, 2L * mono.length));
            }
            count += readFrames(mono, count, mono.length - count);
        }
        return new DecodedAudio(mono, header.sampleRate());
    }

    /**
     * Reads the stream up to the start of its data chunk and validates the chunk's size (against the file's size when
     * known), so that a bad file fails here, before any sample is decoded.
     *
     * @return the format of the samples that {@link #readFrames} then decodes
     */
    WavHeader openData() throws AudioFileException, IOException {
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
                startData(header, size);
                return header;
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

    /** Sample frames (one sample of every channel) in the data chunk, once {@link #openData()} has run. */
    long dataFrames() {
        return dataFrames;
    }

    /**
     * Decodes the next sample frames of the data chunk as their channel average, clipped to [-1, 1].
     *
     * @return frames written to {@code mono} from {@code offset}: {@code min(maxFrames, frames left)}, 0 at the end
     */
    int readFrames(float[] mono, int offset, int maxFrames) throws AudioFileException, IOException {
        int blockAlign = header.blockAlign();
        int frames = (int) Math.min(Math.min(maxFrames, buffer.length / blockAlign), dataFrames - framesRead);
        int want = frames * blockAlign;
        int got = in.readNBytes(buffer, 0, want);
        position += got;
        if (got < want) {
            throw fail("truncated: data chunk declares " + dataFrames * blockAlign + " bytes, "
                    + arrived(framesRead * blockAlign + got));
        }
        WavSampleFormat format = header.format();
        int channels = header.channels();
        int at = 0;
        for (int f = 0; f < frames; f++, framesRead++) {
            double sum = 0.0;
            for (int c = 0; c < channels; c++, at += format.bytes) {
                double v = format.decode(buffer, at);
                if (!Double.isFinite(v)) {
                    throw fail("sample frame " + framesRead + ", channel " + c + " is " + v + ", not a finite number");
                }
                sum += v;
            }
            mono[offset + f] = (float) Math.max(-1.0, Math.min(1.0, sum / channels));
        }
        return frames;
    }

    private void startData(WavHeader format, long size) throws AudioFileException {
        int blockAlign = format.blockAlign();
        if (size == 0) {
            throw fail("no audio: the data chunk is empty");
        }
        if (size % blockAlign != 0) {
            throw fail("data chunk size " + size + " is not a whole number of " + blockAlign + "-byte frames ("
                    + format.layout() + ")");
        }
        if (fileSize >= 0 && size > fileSize - position) {
            throw fail("truncated: data chunk declares " + size + " bytes, " + arrived(fileSize - position));
        }
        this.header = format;
        this.dataFrames = size / blockAlign;
        this.buffer = new byte[Math.max(1, READ_BYTES / blockAlign) * blockAlign];
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
}
