package io.tagstream.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Percentiles by nearest rank, of all latencies and of a stretch of the arrivals, on hand-computed cases. */
class LatencySamplesTest {

    @Test
    void percentilesByNearestRankOfAllSamples() {
        LatencySamples samples = new LatencySamples();
        assertTrue(Double.isNaN(samples.percentile(50)), "no samples, no percentile");
        for (long ms : new long[] {50, 10, 40, 20, 30}) {
            samples.add(ms);
        }
        assertEquals(30, samples.percentile(50));   // rank ceil(2.5) = 3 of 10 20 30 40 50
        assertEquals(50, samples.percentile(99));   // rank 5
        assertEquals(10, samples.percentile(1));    // rank 1
    }

    @Test
    void aStretchOfTheArrivalsHasItsOwnPercentiles() {
        LatencySamples samples = new LatencySamples();
        // a run that falls behind: the latency grows with every arrival
        for (long ms : new long[] {100, 120, 110, 400, 500, 450, 900, 1000, 950, 990}) {
            samples.add(ms);
        }
        assertEquals(110, samples.percentileOfPart(50, 0, 3));   // 100 120 110 -> rank 2 of 100 110 120
        assertEquals(450, samples.percentileOfPart(50, 1, 3));   // 400 500 450
        assertEquals(950, samples.percentileOfPart(50, 2, 3));   // the last takes the remainder: 900 1000 950 990
        assertEquals(samples.percentile(50), samples.percentileOfPart(50, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> samples.percentileOfPart(50, 3, 3));
        assertTrue(Double.isNaN(new LatencySamples().percentileOfPart(50, 2, 3)), "an empty stretch");
    }
}
