package io.tagstream.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks the game containers that hold audio into {@code PACKAGE_ROOT/unpacked/CONTAINER/}, where the source rules
 * see their members as files:
 * <ul>
 *   <li>{@code .pk3} (Nexuiz): a zip archive; its audio members keep their paths;</li>
 *   <li>{@code .wad} (Freedoom): a 12-byte header ({@code IWAD}/{@code PWAD}, lump count, directory offset) and
 *       16-byte directory entries (offset, size, 8-byte name); every {@code D_*} lump that is a standard MIDI file
 *       ({@code MThd}) becomes {@code D_NAME.mid};</li>
 *   <li>{@code .cat} (OpenSFX): a table of (offset, size) pairs whose first offset / 8 is the entry count (the top
 *       bit of an offset is a flag), each entry a 1-byte name length, a NUL-terminated description and a RIFF WAV;
 *       a member is named by the quoted title of its description ({@code Good Year.wav}).</li>
 * </ul>
 * Done once per container (an {@code .unpacked} marker).
 */
final class SourceContainers {

    static final String UNPACKED = "unpacked";
    private static final String DONE = ".unpacked";

    private SourceContainers() {
    }

    /** Unpacks every container under {@code packageRoot} not unpacked yet. */
    static void unpackAll(Path packageRoot) {
        try (Stream<Path> walk = Files.walk(packageRoot)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (file.startsWith(packageRoot.resolve(UNPACKED))) {
                    continue;
                }
                if (name.endsWith(".pk3") || name.endsWith(".wad") || name.endsWith(".cat")) {
                    Path out = packageRoot.resolve(UNPACKED).resolve(file.getFileName().toString());
                    if (!Files.exists(out.resolve(DONE))) {
                        Files.createDirectories(out);
                        if (name.endsWith(".pk3")) {
                            unzip(file, out);
                        } else if (name.endsWith(".wad")) {
                            wadMidi(file, out);
                        } else {
                            catWaves(file, out);
                        }
                        Files.writeString(out.resolve(DONE), file.toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new CorpusException("cannot unpack the containers of " + packageRoot + ": " + e.getMessage(), e);
        }
    }

    private static void unzip(Path zip, Path out) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory() || !isAudioName(name)) {
                    continue;
                }
                Path target = out.resolve(name).normalize();
                if (!target.startsWith(out)) {
                    throw new CorpusException(zip + ": member " + name + " points outside the archive");
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void wadMidi(Path wad, Path out) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wad)).order(ByteOrder.LITTLE_ENDIAN);
        String magic = new String(b.array(), 0, 4, StandardCharsets.US_ASCII);
        if (!magic.equals("IWAD") && !magic.equals("PWAD")) {
            throw new CorpusException(wad + " is not a WAD file (magic '" + magic + "')");
        }
        int count = b.getInt(4);
        int directory = b.getInt(8);
        for (int i = 0; i < count; i++) {
            int entry = directory + 16 * i;
            int offset = b.getInt(entry);
            int size = b.getInt(entry + 4);
            String name = new String(b.array(), entry + 8, 8, StandardCharsets.US_ASCII).replace("\0", "").strip();
            if (name.startsWith("D_") && size > 4 && new String(b.array(), offset, 4, StandardCharsets.US_ASCII)
                    .equals("MThd")) {
                Files.write(out.resolve(name + ".mid"), java.util.Arrays.copyOfRange(b.array(), offset, offset + size));
            }
        }
    }

    private static void catWaves(Path cat, Path out) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(cat)).order(ByteOrder.LITTLE_ENDIAN);
        int count = (b.getInt(0) & 0x7fff_ffff) / 8;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int offset = b.getInt(8 * i) & 0x7fff_ffff;
            int nameLength = b.get(offset) & 0xff;
            String description = new String(b.array(), offset + 1, nameLength, StandardCharsets.UTF_8)
                    .replace("\0", "");
            int riff = offset + 1 + nameLength;
            int riffSize = b.getInt(riff + 4) + 8;
            String title = title(description, i);
            String name = title;
            for (int k = 2; !names.add(name); k++) {
                name = title + " (" + k + ")";
            }
            Files.write(out.resolve(name + ".wav"), java.util.Arrays.copyOfRange(b.array(), riff, riff + riffSize));
        }
    }

    /** The quoted title of an OpenSFX description, made safe as a file name; "sound-N" when there is none. */
    static String title(String description, int index) {
        int open = description.indexOf('"');
        int close = open < 0 ? -1 : description.indexOf('"', open + 1);
        String title = close > open + 1 ? description.substring(open + 1, close) : "sound-" + index;
        return title.replaceAll("[/\\\\:*?<>|]", "-").strip();
    }

    /** Audio by file extension: what the decoders read. */
    static boolean isAudioName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".wav") || n.endsWith(".ogg") || n.endsWith(".opus") || n.endsWith(".flac")
                || n.endsWith(".aif") || n.endsWith(".aiff") || n.endsWith(".gsm") || n.endsWith(".mid")
                || n.endsWith(".mod") || n.endsWith(".it") || n.endsWith(".xm") || n.endsWith(".s3m");
    }
}
