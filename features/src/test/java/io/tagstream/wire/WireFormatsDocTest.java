package io.tagstream.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples in docs/wire-formats.md are what the codecs write, so the document cannot drift from the code. */
class WireFormatsDocTest {

    private static final Pattern CODE_BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern HEX_BYTE = Pattern.compile("[0-9a-f]{2}");

    @Test
    void binaryExamplesAreTheEncodedGoldenChunks() throws IOException {
        List<byte[]> examples = new ArrayList<>();
        for (String[] block : codeBlocks()) {
            if (block[0].isEmpty()) {
                examples.add(hexBytes(block[1]));
            }
        }
        assertEquals(2, examples.size(), "hex examples in the document");
        assertArrayEquals(PcmChunkCodec.encode(PcmChunkCodecTest.GOLDEN_CHUNK), examples.get(0));
        assertArrayEquals(FeatureChunkCodec.encode(FeatureChunkCodecTest.GOLDEN_CHUNK), examples.get(1));
    }

    @Test
    void jsonExamplesAreTheEncodedRecords() throws IOException {
        List<String> examples = new ArrayList<>();
        for (String[] block : codeBlocks()) {
            if (block[0].equals("json")) {
                examples.add(block[1].strip());
            }
        }
        assertEquals(List.of(new String(LabelJson.encode(LabelJsonTest.EXAMPLE), StandardCharsets.UTF_8),
                new String(LabelJson.encode(LabelJsonTest.SEGMENT), StandardCharsets.UTF_8)), examples);
    }

    /** The leading two-digit hex tokens of every line; the rest of a line is its description. */
    private static byte[] hexBytes(String block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String line : block.split("\\n")) {
            for (String token : line.trim().split("\\s+")) {
                if (!HEX_BYTE.matcher(token).matches()) {
                    break;
                }
                bytes.write(HexFormat.fromHexDigits(token));
            }
        }
        return bytes.toByteArray();
    }

    /** {language, content} of each fenced block. */
    private static List<String[]> codeBlocks() throws IOException {
        Path doc = Path.of("../docs/wire-formats.md");
        if (!Files.exists(doc)) {
            doc = Path.of("docs/wire-formats.md");
        }
        Matcher matcher = CODE_BLOCK.matcher(Files.readString(doc));
        List<String[]> blocks = new ArrayList<>();
        while (matcher.find()) {
            blocks.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        return blocks;
    }
}
