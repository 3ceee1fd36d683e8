package io.tagstream.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three containers, built byte by byte here from their documented layouts, unpacked into named members. */
class SourceContainersTest {

    @TempDir
    Path root;

    @Test
    void wadMidiLumpsBecomeMidFilesAndOtherLumpsAreSkipped() throws IOException {
        byte[] midi = "MThd\0\0\0\6\0\1\0\1\0\140MTrk".getBytes(StandardCharsets.ISO_8859_1);
        byte[] map = "not music".getBytes(StandardCharsets.US_ASCII);
        byte[] notMidi = "RIFFxxxx".getBytes(StandardCharsets.US_ASCII);
        // header (12) + lumps, then the directory: 3 entries of (offset, size, 8-byte name)
        int dir = 12 + midi.length + map.length + notMidi.length;
        ByteBuffer b = ByteBuffer.allocate(dir + 3 * 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put("IWAD".getBytes(StandardCharsets.US_ASCII)).putInt(3).putInt(dir);
        b.put(midi).put(map).put(notMidi);
        entry(b, 12, midi.length, "D_RUNNIN");
        entry(b, 12 + midi.length, map.length, "MAP01");
        entry(b, 12 + midi.length + map.length, notMidi.length, "D_FAKE");
        Path wad = Files.createDirectories(root.resolve("usr/share/games/doom")).resolve("freedoom2.wad");
        Files.write(wad, b.array());

        SourceContainers.unpackAll(root);

        Path out = root.resolve("unpacked/freedoom2.wad");
        assertArrayEquals(midi, Files.readAllBytes(out.resolve("D_RUNNIN.mid")));
        assertFalse(Files.exists(out.resolve("MAP01.mid")));
        assertFalse(Files.exists(out.resolve("D_FAKE.mid")), "a D_ lump that is not MIDI");
    }

    @Test
    void catEntriesBecomeWavFilesNamedByTheirQuotedTitle() throws IOException {
        byte[] wave1 = riff(10);
        byte[] wave2 = riff(3);
        byte[] name1 = "\"Good Year\". By Someone. License: CC-BY 3.0.\0".getBytes(StandardCharsets.UTF_8);
        byte[] name2 = "\"Splat (docks/canals)\". Edited.\0".getBytes(StandardCharsets.UTF_8);
        int first = 16;
        int second = first + 1 + name1.length + wave1.length;
        ByteBuffer b = ByteBuffer.allocate(second + 1 + name2.length + wave2.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(first | 0x8000_0000).putInt(1 + name1.length + wave1.length);     // the top bit is a flag
        b.putInt(second | 0x8000_0000).putInt(1 + name2.length + wave2.length);
        b.put((byte) name1.length).put(name1).put(wave1);
        b.put((byte) name2.length).put(name2).put(wave2);
        Files.write(root.resolve("opensfx.cat"), b.array());

        SourceContainers.unpackAll(root);

        Path out = root.resolve("unpacked/opensfx.cat");
        assertArrayEquals(wave1, Files.readAllBytes(out.resolve("Good Year.wav")));
        assertArrayEquals(wave2, Files.readAllBytes(out.resolve("Splat (docks-canals).wav")));
    }

    @Test
    void pk3AudioMembersKeepTheirPathsAndOthersAreSkipped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "sound/cdtracks/stairs.ogg", "OggS track");
            put(zip, "textures/wall.tga", "image");
        }
        Files.write(root.resolve("music.pk3"), bytes.toByteArray());

        SourceContainers.unpackAll(root);

        Path out = root.resolve("unpacked/music.pk3");
        assertEquals("OggS track", Files.readString(out.resolve("sound/cdtracks/stairs.ogg")));
        assertFalse(Files.exists(out.resolve("textures/wall.tga")));
    }

    @Test
    void aContainerIsUnpackedOnce() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "a.ogg", "first");
        }
        Files.write(root.resolve("music.pk3"), bytes.toByteArray());
        SourceContainers.unpackAll(root);
        Path member = root.resolve("unpacked/music.pk3/a.ogg");
        Files.writeString(member, "changed");
        SourceContainers.unpackAll(root);
        assertEquals("changed", Files.readString(member));
        assertTrue(SourceContainers.isAudioName("X.MOD") && !SourceContainers.isAudioName("notes.txt"));
    }

    private static void entry(ByteBuffer b, int offset, int size, String name) {
        byte[] padded = new byte[8];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, padded, 0, n.length);
        b.putInt(offset).putInt(size).put(padded);
    }

    /** A RIFF chunk whose size field says {@code payload} bytes follow. */
    private static byte[] riff(int payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(payload);
        for (int i = 0; i < payload; i++) {
            b.put((byte) (i + 1));
        }
        return b.array();
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream out = zip;
        out.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
