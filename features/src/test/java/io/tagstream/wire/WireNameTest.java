package io.tagstream.wire;

import static io.tagstream.wire.WireAssertions.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireNameTest {

    @Test
    void limitIsCountedInUtf8Bytes() {
        String emoji = "🎵".repeat(63); // 63 x 4 bytes = 252
        assertEquals(255, WireName.require("stream id", emoji + "abc").getBytes(StandardCharsets.UTF_8).length);
        assertInvalid(() -> WireName.require("stream id", emoji + "abcd"), "256 bytes in UTF-8, at most 255");
        assertEquals(255, WireName.require("label", "€".repeat(85)).getBytes(StandardCharsets.UTF_8).length);
        assertInvalid(() -> WireName.require("label", "€".repeat(85) + "x"), "label is 256 bytes");
        assertEquals(255, WireName.require("model id", "ß".repeat(127) + "x").getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void rejectsControlCharactersAndBrokenSurrogates() {
        assertInvalid(() -> WireName.require("stream id", "a\u0000"), "U+0000 at index 1");
        assertInvalid(() -> WireName.require("stream id", "a\u007Fb"), "U+007F");
        assertInvalid(() -> WireName.require("stream id", "\u0085"), "U+0085"); // C1 "next line"
        assertInvalid(() -> WireName.require("stream id", "\uDC00\uD800"), "unpaired surrogate at index 0");
        assertInvalid(() -> WireName.require("stream id", "ok\uD83C"), "unpaired surrogate at index 2");
        assertEquals("tab\u00A0ok", WireName.require("stream id", "tab\u00A0ok")); // no-break space is allowed
    }

    @Test
    void quotesHostileValuesOnOneLine() {
        assertEquals("'a\\u000Ab'", WireName.quote("a\nb"));
        assertEquals("'" + "x".repeat(64) + "...'", WireName.quote("x".repeat(100)));
        assertEquals("null", WireName.quote(null));
    }
}
