package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link IntakePace} on hand-made arrival times: live streams in small or large chunks, with a stall, stay live;
 * replays faster than {@value IntakePace#FASTER_THAN_LIVE} x real time make the task catch up after a whole window,
 * also when one replay follows another; a stream with too little audio to tell abstains; one live stream beside
 * replays, or a window without audio, makes the task live again.
 */
class IntakePaceTest {

    private static final double HOP_MS = 10;
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void liveStreamsInChunksOfAnySizeAreLive() {
        for (int chunkMs : new int[] {20, 50, 1_000}) {
            IntakePace pace = new IntakePace(HOP_MS);
            for (long t = 0; t <= 5_000; t += chunkMs) {
                for (int stream = 0; stream < 12; stream++) {
                    pace.received("s" + stream, chunkMs / 10, T0 + t);
                }
                assertFalse(pace.catchingUp(T0 + t), chunkMs + " ms chunks at real time, " + t + " ms");
            }
        }
    }

    @Test
    void aLiveStreamThatCatchesUpOnAStallOfLessThanAWindowStaysLive() {
        IntakePace pace = new IntakePace(HOP_MS);
        for (long t = 0; t < 2_000; t += 20) {
            pace.received("live", 2, T0 + t);
        }
        for (int chunk = 0; chunk < 20; chunk++) {         // 400 ms of audio held back, then sent at once
            pace.received("live", 2, T0 + 2_400);
        }
        for (long t = 2_420; t <= 4_000; t += 20) {
            pace.received("live", 2, T0 + t);
            assertFalse(pace.catchingUp(T0 + t), "at " + t + " ms");
        }
    }

    @Test
    void aReplayAtSpeedCatchesUpFromTheEndOfItsFirstWindow() {
        IntakePace pace = new IntakePace(HOP_MS);
        long t = 0;
        for (; t < IntakePace.WINDOW_MS; t += 2) {          // 50 ms chunks every 2 ms: 25 x real time
            pace.received("replay", 5, T0 + t);
            assertFalse(pace.catchingUp(T0 + t), "not before a whole window, " + t + " ms");
        }
        for (; t < 3_000; t += 2) {
            pace.received("replay", 5, T0 + t);
            assertTrue(pace.catchingUp(T0 + t), "catching up at " + t + " ms");
        }
    }

    @Test
    void replaysOneAfterAnotherKeepCatchingUpThroughTheirChanges() {
        IntakePace pace = new IntakePace(HOP_MS);
        for (long t = 0; t < 10_000; t += 2) {               // a new stream every 1.23 s, at 25 x real time
            pace.received("replay-" + t / 1_230, 5, T0 + t);
            if (t >= IntakePace.WINDOW_MS) {
                assertTrue(pace.catchingUp(T0 + t), "catching up at " + t + " ms");
            }
        }
    }

    @Test
    void aStreamWithTooLittleAudioAbstains() {
        long t = 1_000;
        IntakePace pace = replayedUntil(t);
        assertTrue(pace.catchingUp(T0 + t));
        pace.received("live", 2, T0 + t + 490);              // two chunks at once at the end of a window
        pace.received("live", 2, T0 + t + 490);
        assertTrue(pace.catchingUp(T0 + t + 500), "40 ms of audio over no span tells nothing");
    }

    @Test
    void oneLiveStreamBesideAReplayKeepsTheTaskLive() {
        IntakePace pace = new IntakePace(HOP_MS);
        for (long t = 0; t < 3_000; t += 2) {
            pace.received("replay", 5, T0 + t);
            if (t % 20 == 0) {
                pace.received("live", 2, T0 + t);
            }
            assertFalse(pace.catchingUp(T0 + t), "at " + t + " ms");
        }
    }

    @Test
    void aWindowWithoutAudioEndsTheCatchUp() {
        long t = 2_000;
        IntakePace pace = replayedUntil(t);
        assertTrue(pace.catchingUp(T0 + t), "the window that closes now had the replay");
        t += IntakePace.WINDOW_MS;
        assertFalse(pace.catchingUp(T0 + t), "a window without audio");
    }

    @Test
    void aStreamJustFasterThanTheThresholdCatchesUpAndOneJustSlowerDoesNot() {
        // 20 ms chunks every 9 ms: 2.2 x real time; every 11 ms: 1.8 x
        IntakePace fast = new IntakePace(HOP_MS);
        IntakePace slow = new IntakePace(HOP_MS);
        for (long t = 0; t < 3_000; t++) {
            if (t % 9 == 0) {
                fast.received("s", 2, T0 + t);
            }
            if (t % 11 == 0) {
                slow.received("s", 2, T0 + t);
            }
        }
        assertTrue(fast.catchingUp(T0 + 3_000));
        assertFalse(slow.catchingUp(T0 + 3_000));
    }

    @Test
    void refusesAHopThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new IntakePace(0));
        assertThrows(IllegalArgumentException.class, () -> new IntakePace(Double.NaN));
    }

    /** A pace that saw one stream replayed at 25 x real time (50 ms chunks every 2 ms) from 0 until {@code endMs}. */
    private static IntakePace replayedUntil(long endMs) {
        IntakePace pace = new IntakePace(HOP_MS);
        for (long t = 0; t < endMs; t += 2) {
            pace.received("replay", 5, T0 + t);
        }
        return pace;
    }
}
