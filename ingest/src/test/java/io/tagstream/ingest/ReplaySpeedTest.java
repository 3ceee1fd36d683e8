package io.tagstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplaySpeedTest {

    @Test
    void parsesMultiplesAndMax() {
        assertEquals(ReplaySpeed.REAL_TIME, ReplaySpeed.parse("1"));
        assertEquals(new ReplaySpeed(2.5), ReplaySpeed.parse(" 2.5x "));
        assertTrue(ReplaySpeed.parse("MAX").isMax());
        assertEquals("max", ReplaySpeed.MAX.toString());
    }

    @Test
    void wallTimeIsMediaTimeOverSpeed() {
        assertEquals(500_000_000L, new ReplaySpeed(2).wallNanosFor(1_000_000_000L));
        assertEquals(1_000_000_000L, ReplaySpeed.REAL_TIME.wallNanosFor(1_000_000_000L));
        assertEquals(0L, ReplaySpeed.MAX.wallNanosFor(1_000_000_000L));
    }

    @Test
    void badSpeedsAreOneLineErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.parse("fast"));
        assertEquals("speed must be a number (x real time) or 'max', got 'fast'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.parse("NaN"));
        assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.parse("1e9"));
        assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.parse(null));
    }
}
